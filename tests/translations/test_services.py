"""The translation work end to end, through a real LibreTranslate-speaking HTTP server on
localhost: machine translation, the glossary, retries then failure, a person beating the
machine, and an edited text asked for again. The source text is a stand-in: any model works
(the contract names it loosely), here Oak Tree's Babies room."""

import re

import pytest
from django.urls import reverse
from django_scopes import scope
from hypothesis import given, settings
from hypothesis import strategies as st

from tandem.core.audit import AuditEntry
from tandem.translations import glossary as g
from tandem.translations import selectors, services
from tandem.translations.models import GlossaryTerm, TextTranslation, text_hash
from tandem.translations.providers import LibreTranslateProvider, ProviderError

pytestmark = pytest.mark.django_db

MESSAGE = "Hello, your key person in Sunflowers will phone today."


def _request(setting, source, text=MESSAGE, languages=("pl",), author_kind="staff", capture=None):
    with capture(execute=True):
        rows = services.translation_request(
            setting=setting,
            source=source,
            field="body",
            text=text,
            source_language="en",
            languages=set(languages),
            author_kind=author_kind,
        )
    return rows


def test_a_request_is_translated_by_the_machine(
    oak_tree, babies, libretranslate, django_capture_on_commit_callbacks
) -> None:
    (row,) = _request(oak_tree, babies, capture=django_capture_on_commit_callbacks)
    row.refresh_from_db()
    assert row.status == TextTranslation.Status.MACHINE
    assert row.provider == "libretranslate"
    assert row.text == "dzień dobry, twoja kluczowa osoba w Słoneczniki będzie dzwonić dzisiaj."
    assert row.machine_text == row.text and row.attempts == 1
    (sent,) = libretranslate.requests
    assert sent["source"] == "en" and sent["target"] == "pl" and sent["format"] == "html"
    assert sent["api_key"] == "test-key"
    with scope(setting=[oak_tree.pk]):
        assert selectors.translation_for(source=babies, field="body", text=MESSAGE, language="pl") == row.text
    assert AuditEntry.objects.filter(action="translations.translation.machine").count() == 1


def test_the_glossary_arrives_as_the_settings_words(
    oak_tree, babies, glossary, libretranslate, django_capture_on_commit_callbacks
) -> None:
    (row,) = _request(oak_tree, babies, capture=django_capture_on_commit_callbacks)
    row.refresh_from_db()
    # The machine would have said "kluczowa osoba" and "Słoneczniki": the glossary's words win.
    assert row.text == "dzień dobry, twoja osoba kluczowa w Sunflowers będzie dzwonić dzisiaj."
    (sent,) = libretranslate.requests
    assert '<span translate="no" data-term="0">key person</span>' in sent["q"]
    assert '<span translate="no" data-term="1">Sunflowers</span>' in sent["q"]


def test_a_server_that_times_out_is_retried_then_left_for_a_person(
    client, oak_tree, babies, libretranslate, tess_staff, django_capture_on_commit_callbacks
) -> None:
    libretranslate.mode = "slow"
    (row,) = _request(oak_tree, babies, capture=django_capture_on_commit_callbacks)
    row.refresh_from_db()
    assert len(libretranslate.requests) == 3  # the first try and TANDEM_TRANSLATE_RETRIES=2 more
    assert row.status == TextTranslation.Status.FAILED
    assert row.attempts == 3
    assert "did not answer within 0.5 s" in row.failure_reason
    assert row.text == ""
    from tandem.access.rules import membership_for_user

    with scope(setting=[oak_tree.pk]):
        membership = membership_for_user(tess_staff.user, setting_slug="oak-tree")
        queue = list(selectors.translation_queue(membership=membership))
    assert [q.pk for q in queue] == [row.pk]
    client.force_login(tess_staff.user)
    page = client.get(reverse("translations:queue", args=["oak-tree"])).content.decode()
    assert "The machine could not translate it" in page and "did not answer within 0.5 s" in page
    assert AuditEntry.objects.filter(action="translations.translation.failed").count() == 1


def test_a_server_that_refuses_is_not_retried(
    oak_tree, babies, libretranslate, django_capture_on_commit_callbacks
) -> None:
    libretranslate.mode = "refuse"
    (row,) = _request(oak_tree, babies, capture=django_capture_on_commit_callbacks)
    row.refresh_from_db()
    assert len(libretranslate.requests) == 1
    assert row.status == TextTranslation.Status.FAILED
    assert "refused (HTTP 400): pl is not supported" in row.failure_reason


def test_a_failing_server_is_retried(oak_tree, babies, libretranslate, django_capture_on_commit_callbacks) -> None:
    libretranslate.mode = "broken"
    (row,) = _request(oak_tree, babies, capture=django_capture_on_commit_callbacks)
    row.refresh_from_db()
    assert len(libretranslate.requests) == 3
    assert row.status == TextTranslation.Status.FAILED and "HTTP 500" in row.failure_reason


def test_no_provider_leaves_the_text_for_a_person(oak_tree, babies, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        (row,) = services.translation_request(
            setting=oak_tree, source=babies, field="body", text=MESSAGE, source_language="en", languages={"pl", "en"}
        )
    assert callbacks == []
    row.refresh_from_db()
    assert row.status == TextTranslation.Status.REQUESTED and row.source_text == MESSAGE
    assert TextTranslation.objects.count() == 1  # not one for the text's own language


def test_a_person_beats_the_machine(oak_tree, babies, tess, libretranslate, django_capture_on_commit_callbacks) -> None:
    (row,) = _request(oak_tree, babies, capture=django_capture_on_commit_callbacks)
    row.refresh_from_db()
    assert row.status == TextTranslation.Status.MACHINE
    services.translation_save(translation=row, by=tess, text="Dzień dobry! Osoba kluczowa zadzwoni dziś.")
    row.refresh_from_db()
    assert row.status == TextTranslation.Status.HUMAN and row.translated_by == tess
    assert row.machine_text.startswith("dzień dobry, twoja")  # kept as the suggestion it was
    # A machine answer arriving late (a retry, a second worker) never overwrites the person's.
    outcome, _attempts = services.translation_machine_run(translation_id=row.pk, source_hash=row.source_hash)
    row.refresh_from_db()
    assert outcome == "skipped"
    assert row.text == "Dzień dobry! Osoba kluczowa zadzwoni dziś." and row.status == TextTranslation.Status.HUMAN
    assert len(libretranslate.requests) == 1


def test_a_machine_answer_that_arrives_after_a_person_saved_is_dropped(
    oak_tree, babies, tess, libretranslate, django_capture_on_commit_callbacks
) -> None:
    """The person saves while the HTTP call is on its way: the machine's answer is thrown away."""
    (row,) = services.translation_request(
        setting=oak_tree, source=babies, field="body", text=MESSAGE, source_language="en", languages={"pl"}
    )  # not committed in this test, so no task yet
    original = LibreTranslateProvider.translate

    def person_first(self, **kwargs):
        services.translation_save(translation=row, by=tess, text="Przetłumaczone przez osobę.")
        return original(self, **kwargs)

    LibreTranslateProvider.translate = person_first
    try:
        outcome, _ = services.translation_machine_run(translation_id=row.pk, source_hash=row.source_hash)
    finally:
        LibreTranslateProvider.translate = original
    row.refresh_from_db()
    assert outcome == "skipped"
    assert row.text == "Przetłumaczone przez osobę." and row.status == TextTranslation.Status.HUMAN


def test_an_edited_text_is_asked_for_again(
    oak_tree, babies, tess, libretranslate, django_capture_on_commit_callbacks
) -> None:
    (row,) = _request(oak_tree, babies, capture=django_capture_on_commit_callbacks)
    services.translation_save(translation=row, by=tess, text="Stare tłumaczenie.")
    edited = "Thank you, see you at stay and play."
    with scope(setting=[oak_tree.pk]):
        # The old translation is not shown for the edited text, even before it is asked for again.
        assert selectors.translation_for(source=babies, field="body", text=edited, language="pl") is None
        assert (
            selectors.translation_for(source=babies, field="body", text=MESSAGE, language="pl") == "Stare tłumaczenie."
        )
    (again,) = _request(oak_tree, babies, text=edited, capture=django_capture_on_commit_callbacks)
    again.refresh_from_db()
    assert again.pk == row.pk
    assert again.source_hash == text_hash(edited) and again.source_text == edited
    assert again.status == TextTranslation.Status.MACHINE and again.translated_by is None
    assert again.text == "dziękuję, do zobaczenia na stay and play."
    assert libretranslate.requests[-1]["q"] == "Thank you, see you at stay and play."
    # Unchanged text: asked again, nothing is sent.
    _request(oak_tree, babies, text=edited, capture=django_capture_on_commit_callbacks)
    assert len(libretranslate.requests) == 2


def test_an_empty_translation_is_refused(oak_tree, babies, tess) -> None:
    (row,) = services.translation_request(
        setting=oak_tree, source=babies, field="body", text=MESSAGE, source_language="en", languages={"pl"}
    )
    with pytest.raises(services.TranslationError) as exc:
        services.translation_save(translation=row, by=tess, text="   ")
    assert "Write the translation" in str(exc.value)
    row.refresh_from_db()
    assert row.status == TextTranslation.Status.REQUESTED and row.text == ""


def test_a_translation_of_an_original_edited_meanwhile_is_refused(oak_tree, babies, tess) -> None:
    (row,) = services.translation_request(
        setting=oak_tree, source=babies, field="body", text=MESSAGE, source_language="en", languages={"pl"}
    )
    seen = row.source_hash
    services.translation_request(
        setting=oak_tree, source=babies, field="body", text="Edited.", source_language="en", languages={"pl"}
    )
    with pytest.raises(services.TranslationError):
        services.translation_save(translation=row, by=tess, text="Tłumaczenie starego.", source_hash=seen)
    row.refresh_from_db()
    assert row.text == "" and row.status == TextTranslation.Status.REQUESTED


def test_the_provider_lists_its_languages(libretranslate) -> None:
    provider = LibreTranslateProvider(url=libretranslate.url, timeout=1)
    assert provider.languages() == ["en", "pl"]
    with pytest.raises(ProviderError) as exc:
        LibreTranslateProvider(url="http://127.0.0.1:9", timeout=0.5).translate(text="x", source="en", target="pl")
    assert exc.value.retryable


# --- the glossary ---------------------------------------------------------------------------------


def _terms(*pairs, language="pl"):
    return [GlossaryTerm(term=t, translation=r, language=language, source_language="en") for t, r in pairs]


def test_protect_and_restore_keep_the_text_and_put_the_words_back() -> None:
    terms = g.terms_for(
        _terms(("stay and play", "Baw się z nami"), ("stay", "zostań"), ("Ada", "")),
        source_language="en",
        language="pl",
    )
    text = "Ada <3 & stay and play\non Monday; STAY late? Adam stays."
    protected = g.protect(text, terms)
    assert "&lt;3 &amp;" in protected.html and "<br>" in protected.html
    assert "Adam" in protected.html and "data-term" not in protected.html.split("Adam")[1]  # word boundaries
    assert g.restore(protected.html, protected) == "Ada <3 & Baw się z nami\non Monday; zostań late? Adam stays."


def test_a_term_for_one_language_beats_the_same_term_for_every_language() -> None:
    terms = _terms(("key person", "osoba kluczowa")) + _terms(("key person", ""), language="")
    assert [t.rendering for t in g.terms_for(terms, source_language="en", language="pl")] == ["osoba kluczowa"]
    assert [t.rendering for t in g.terms_for(terms, source_language="en", language="ur")] == ["key person"]
    assert g.terms_for(terms, source_language="pl", language="en") == []


def test_glossary_terms_are_checked(oak_tree, alice) -> None:
    services.glossary_term_add(
        setting=oak_tree, by=alice, term="  key   person ", language="pl", translation="osoba kluczowa"
    )
    assert GlossaryTerm.objects.get().term == "key person"
    for bad, field in (
        ({"term": "Key Person", "language": "pl"}, "term"),
        ({"term": "", "language": "pl"}, "term"),
        ({"term": "room", "language": "xx"}, "language"),
        ({"term": "room", "language": "en"}, "language"),
    ):
        with pytest.raises(services.TranslationError) as exc:
            services.glossary_term_add(setting=oak_tree, by=alice, **bad)
        assert field in exc.value.message_dict
    assert GlossaryTerm.objects.count() == 1


def test_the_staff_language_is_english_until_chosen(oak_tree, alice) -> None:
    assert selectors.staff_language_for(setting=oak_tree) == "en"
    services.staff_language_set(setting=oak_tree, by=alice, language="cy")
    assert selectors.staff_language_for(setting=oak_tree) == "cy"
    with pytest.raises(services.TranslationError):
        services.staff_language_set(setting=oak_tree, by=alice, language="klingon")
    assert selectors.staff_language_for(setting=oak_tree) == "cy"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="\x00\r", blacklist_categories=("Cs",)), max_size=80))
def test_protect_then_restore_gives_back_any_text_the_machine_leaves_alone(text: str) -> None:
    terms = _terms(("key person", ""), ("Ada", ""))
    protected = g.protect(text, terms)
    assert "<" not in protected.html.replace("<br>", "").replace('<span translate="no"', "").replace("</span>", "")
    restored = g.restore(protected.html, protected)
    expected = text
    for term in ("key person", "Ada"):  # a kept term comes back as the glossary writes it
        expected = re.sub(rf"(?<!\w){re.escape(term)}(?!\w)", term, expected, flags=re.IGNORECASE)
    assert restored == expected.strip()


def test_a_span_that_loses_its_number_keeps_the_words() -> None:
    protected = g.protect("Your key person", _terms(("key person", "osoba kluczowa")))
    assert g.restore('Twoja <span translate="no">key person</span>', protected) == "Twoja key person"
