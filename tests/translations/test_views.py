"""The translators' pages: the queue in the languages they speak, with the original, the
machine's suggestion and the glossary; saving a translation; what a translator never sees; the
glossary page; and the {% translated %} template tag other apps use."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from tandem.core.audit import AuditEntry
from tandem.translations import services
from tandem.translations.models import GlossaryTerm, TextTranslation, TranslatorProfile

pytestmark = pytest.mark.django_db

PARENT_TEXT = "Dzień dobry, czy osoba kluczowa może zadzwonić?"  # a parent writes in Polish


def _queue_url() -> str:
    return reverse("translations:queue", args=["oak-tree"])


def _ask(setting, source, *, text, source_language, languages, author_kind="parent", field="body"):
    (row,) = services.translation_request(
        setting=setting,
        source=source,
        field=field,
        text=text,
        source_language=source_language,
        languages=set(languages),
        author_kind=author_kind,
    )
    return row


def test_the_queue_shows_only_the_translators_languages(client, tess, oak_tree, babies, preschool, glossary) -> None:
    polish = _ask(oak_tree, babies, text=PARENT_TEXT, source_language="pl", languages={"en"})
    english = _ask(
        oak_tree,
        preschool,
        text="Your key person is on holiday next week.",
        source_language="en",
        languages={"pl"},
        author_kind="staff",
    )
    urdu = _ask(
        oak_tree, babies, text="Your key person is here.", source_language="en", languages={"ur"}, field="title"
    )
    client.force_login(tess)
    response = client.get(_queue_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("translations:translate", args=["oak-tree", polish.pk]) in body
    assert reverse("translations:translate", args=["oak-tree", english.pk]) in body
    assert reverse("translations:translate", args=["oak-tree", urdu.pk]) not in body  # she does not read Urdu
    assert "2 texts waiting" in body
    assert 'key person</span> → <span lang="pl">osoba kluczowa' in body  # the glossary beside the text
    # Nor can she open it by its address.
    assert client.get(reverse("translations:translate", args=["oak-tree", urdu.pk])).status_code == 404


def test_a_translator_without_languages_is_asked_for_them(client, tess, tess_staff, oak_tree, babies) -> None:
    TranslatorProfile.objects.filter(staff=tess_staff).update(languages=[])
    _ask(oak_tree, babies, text=PARENT_TEXT, source_language="pl", languages={"en"})
    client.force_login(tess)
    body = client.get(_queue_url()).content.decode()
    assert "0 texts waiting" in body and "Choose the languages you translate" in body
    response = client.post(reverse("translations:languages", args=["oak-tree"]), {"languages": ["pl", "ro"]})
    assert response.status_code == 302
    assert TranslatorProfile.objects.get(staff=tess_staff).languages == ["pl", "ro"]
    assert "1 text waiting" in client.get(_queue_url()).content.decode()
    response = client.post(reverse("translations:languages", args=["oak-tree"]), {"languages": ["xx"]})
    assert TranslatorProfile.objects.get(staff=tess_staff).languages == ["pl", "ro"]  # bad input changes nothing


def test_a_translator_sees_no_childs_data(client, tess, oak_tree, ada, dora, babies) -> None:
    """The text is all: not the child, the family, the room, nor who wrote it beyond "a parent"."""
    row = _ask(oak_tree, ada.family, text=PARENT_TEXT, source_language="pl", languages={"en"})
    client.force_login(tess)
    for url in (_queue_url(), reverse("translations:translate", args=["oak-tree", row.pk])):
        body = client.get(url).content.decode()
        assert PARENT_TEXT in body and "a parent" in body
        for secret in ("Ada", "Lovelace", "Dora", "Peanuts", "Inhaler", "Babies", str(ada.pk), str(ada.family.pk)):
            assert secret not in body, secret
    # The translator role opens no child's record.
    assert client.get(reverse("staff:child-detail", args=["oak-tree", ada.pk])).status_code in (403, 404)
    # (core's home page and child list open for every member of staff, but list no child to her)
    for url in (reverse("staff:home", args=["oak-tree"]), reverse("staff:child-list", args=["oak-tree"])):
        page = client.get(url).content.decode()
        assert "Ada" not in page and "Lovelace" not in page
    assert not AuditEntry.objects.filter(action="core.child.viewed", actor_id=tess.pk).exists()


def test_a_translator_corrects_the_machine_and_saves(client, tess, oak_tree, babies, glossary) -> None:
    row = _ask(oak_tree, babies, text="Your key person will phone.", source_language="en", languages={"pl"})
    TextTranslation.objects.filter(pk=row.pk).update(
        status="machine",
        text="Twoja kluczowa osoba zadzwoni.",
        machine_text="Twoja kluczowa osoba zadzwoni.",
        provider="libretranslate",
    )
    client.force_login(tess)
    url = reverse("translations:translate", args=["oak-tree", row.pk])
    page = client.get(url).content.decode()
    assert "Your key person will phone." in page
    assert "Twoja kluczowa osoba zadzwoni." in page  # the suggestion, and in the form to correct
    assert "osoba kluczowa" in page  # the glossary's word to use
    response = client.post(url, {"text": "Twoja osoba kluczowa zadzwoni.", "source_hash": row.source_hash})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == "human" and row.translated_by == tess and row.text == "Twoja osoba kluczowa zadzwoni."
    assert reverse("translations:translate", args=["oak-tree", row.pk]) not in client.get(_queue_url()).content.decode()


def test_an_empty_translation_is_refused_with_a_message(client, tess, oak_tree, babies) -> None:
    row = _ask(oak_tree, babies, text="Hello", source_language="en", languages={"pl"})
    client.force_login(tess)
    url = reverse("translations:translate", args=["oak-tree", row.pk])
    response = client.post(url, {"text": "   ", "source_hash": row.source_hash})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    row.refresh_from_db()
    assert row.status == "requested" and row.text == ""


def test_a_translation_of_an_edited_original_is_refused(client, tess, oak_tree, babies) -> None:
    row = _ask(oak_tree, babies, text="Hello", source_language="en", languages={"pl"})
    seen = row.source_hash
    _ask(oak_tree, babies, text="Hello again", source_language="en", languages={"pl"})
    client.force_login(tess)
    response = client.post(
        reverse("translations:translate", args=["oak-tree", row.pk]), {"text": "Cześć", "source_hash": seen}
    )
    assert response.status_code == 400
    assert "The original was changed" in response.content.decode()
    row.refresh_from_db()
    assert row.text == ""


def test_the_queue_does_not_grow_queries_with_rows(
    client, tess, oak_tree, babies, glossary, django_assert_num_queries
) -> None:
    def add(n: int) -> None:
        for i in range(n):
            _ask(
                oak_tree,
                babies,
                text=f"Your key person says hello {i}",
                source_language="en",
                languages={"pl"},
                field=f"body{TextTranslation.objects.count()}",
            )

    client.force_login(tess)
    add(3)
    # session, user, memberships (middleware); her profile, the staff language, the queue,
    # the glossary
    with django_assert_num_queries(7) as captured:
        assert "3 texts waiting" in client.get(_queue_url()).content.decode()
    add(27)
    with django_assert_num_queries(len(captured.captured_queries)):
        assert "30 texts waiting" in client.get(_queue_url()).content.decode()


def test_the_glossary_page_adds_and_removes_words(client, adam, oak_tree) -> None:
    client.force_login(adam)  # an administrator: can_manage_setting_info
    url = reverse("translations:glossary", args=["oak-tree"])
    response = client.post(url, {"term": "Sunflowers", "source_language": "en", "language": "", "translation": ""})
    assert response.status_code == 302
    term = GlossaryTerm.objects.get()
    assert term.term == "Sunflowers" and term.rendering == "Sunflowers"
    response = client.post(url, {"term": "sunflowers", "source_language": "en", "language": ""})
    assert response.status_code == 400 and "already in the glossary" in response.content.decode()
    page = client.get(url).content.decode()
    assert "Kept as written" in page and "Staff language" in page
    response = client.post(reverse("translations:glossary-remove", args=["oak-tree", term.pk]))
    assert response.status_code == 302 and not GlossaryTerm.objects.exists()
    assert AuditEntry.objects.filter(action="translations.glossary.removed").count() == 1


def test_the_staff_language_is_chosen_on_the_glossary_page(client, alice, oak_tree) -> None:
    from tandem.translations.selectors import staff_language_for

    client.force_login(alice)
    response = client.post(reverse("translations:staff-language", args=["oak-tree"]), {"staff_language": "cy"})
    assert response.status_code == 302 and staff_language_for(setting=oak_tree) == "cy"
    client.post(reverse("translations:staff-language", args=["oak-tree"]), {"staff_language": "xx"})
    assert staff_language_for(setting=oak_tree) == "cy"


# --- the template tag ---------------------------------------------------------------------------

TAG = Template('{% load translations %}{% translated obj "body" text "en" %}')


def _render(obj, text, reader="pl", **extra) -> str:
    request = RequestFactory().get("/")
    request.LANGUAGE_CODE = reader
    with translation.override(reader):
        return TAG.render(Context({"obj": obj, "text": text, "request": request, **extra}))


def test_the_tag_shows_the_translation_with_the_original_one_tap_away(oak_tree, babies, tess) -> None:
    text = "See you at stay and play."
    row = _ask(oak_tree, babies, text=text, source_language="en", languages={"pl"})
    TextTranslation.objects.filter(pk=row.pk).update(status="machine", text="Do zobaczenia!", provider="libretranslate")
    html = _render(babies, text)
    assert '<div lang="pl" dir="ltr">Do zobaczenia!</div>' in html
    assert "<details" in html and "<summary>" in html
    assert '<div lang="en" dir="ltr">See you at stay and play.</div>' in html
    assert "Translated by a machine" in html or "Przetłumaczone maszynowo" in html
    row.refresh_from_db()
    services.translation_save(translation=row, by=tess, text="Do zobaczenia na zabawie!")
    with translation.override("en"):
        html = Template('{% load translations %}{% translated obj "body" text "en" reader="pl" %}').render(
            Context({"obj": babies, "text": text})
        )
    assert "Do zobaczenia na zabawie!" in html and "Translated by Tess Tłumacz" in html
    # An edited original: the stale translation is not shown, the new text is, marked English.
    html = _render(babies, "See you tomorrow.")
    assert "Do zobaczenia" not in html and "<details" not in html
    assert 'lang="en" dir="ltr">See you tomorrow.' in html
    # Someone who reads English sees the original, no note.
    assert "<details" not in _render(babies, text, reader="en")


def test_the_tag_marks_right_to_left_text_and_uses_prefetched_rows(oak_tree, babies, django_assert_num_queries) -> None:
    from tandem.translations.selectors import translations_for

    text = "Hello"
    row = _ask(oak_tree, babies, text=text, source_language="en", languages={"ar"})
    TextTranslation.objects.filter(pk=row.pk).update(status="machine", text="مرحبا")
    rows = translations_for(sources=[babies], field="body", language="ar")
    template = Template('{% load translations %}{% translated obj "body" text "en" reader="ar" rows=rows %}')
    with django_assert_num_queries(0):
        html = template.render(Context({"obj": babies, "text": text, "rows": rows}))
    assert '<div lang="ar" dir="rtl">مرحبا</div>' in html


def test_the_hub_links_translators_and_managers_to_their_pages(client, tess, alice, bob, oak_tree) -> None:
    url = reverse("staff:working-with-families", args=["oak-tree"])
    queue, glossary_url = _queue_url(), reverse("translations:glossary", args=["oak-tree"])
    client.force_login(tess)
    body = client.get(url).content.decode()
    assert queue in body and glossary_url not in body  # she reaches the glossary from her queue
    assert glossary_url in client.get(queue).content.decode()
    client.force_login(alice)
    body = client.get(url).content.decode()
    assert queue in body and glossary_url in body
    client.force_login(bob)
    assert queue not in client.get(url).content.decode()


def test_a_translator_can_be_added_with_the_existing_staff_form(client, alice, oak_tree) -> None:
    from tandem.core.models import StaffMember

    client.force_login(alice)
    response = client.post(
        reverse("staff:admin-staff-add", args=["oak-tree"]),
        {"email": "vol@home.test", "first_name": "Vera", "last_name": "Vol", "roles": ["translator"]},
    )
    assert response.status_code == 302
    assert StaffMember.objects.get(user__email="vol@home.test").roles == ["translator"]


def test_a_long_queue_shows_the_oldest_and_counts_them_all(client, alice, oak_tree) -> None:
    TextTranslation.objects.bulk_create(
        TextTranslation(
            setting=oak_tree,
            source_type="core.room",
            source_id=str(i),
            field="body",
            source_language="en",
            source_hash="x",
            source_text=f"Text {i}",
            language="pl",
        )
        for i in range(105)
    )
    client.force_login(alice)
    body = client.get(_queue_url()).content.decode()
    assert "105 texts waiting" in body and "The oldest 100 are shown here" in body
    assert body.count('class="card"') >= 100


def test_the_glossary_page_does_not_grow_queries_with_terms(client, alice, oak_tree, django_assert_num_queries) -> None:
    def add(start: int, n: int) -> None:
        GlossaryTerm.objects.bulk_create(
            GlossaryTerm(setting=oak_tree, term=f"Room {i}", language="pl", translation=f"Pokój {i}")
            for i in range(start, start + n)
        )

    client.force_login(alice)
    add(0, 3)
    with django_assert_num_queries(5) as captured:  # session, user, memberships; staff language; terms
        page = client.get(reverse("translations:glossary", args=["oak-tree"])).content.decode()
    assert "Pokój 2" in page and "Machine translation is off" in page
    add(3, 27)
    with django_assert_num_queries(len(captured.captured_queries)):
        assert "Pokój 29" in client.get(reverse("translations:glossary", args=["oak-tree"])).content.decode()
