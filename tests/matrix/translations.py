"""Translations pages and API (tandem.translations, tandem.api.routers.translations).

The queue and saving a translation need can_translate: alice (manager) has it; bob
(practitioner) and adam (administrator) do not (403). The glossary and the staff language need
can_translate or can_manage_setting_info, so adam (administrator) may too. Another setting
(charlie), the organisation lead (olive) and families (dora, ed) get 404; signed out is sent to
sign in (401 from the API). A translator volunteer (translator role only) is not in the shared
cast: tests/translations/ prove what she sees and may do."""

from tests.matrix import api_entry, staff_page
from tests.matrix import api_expect as _expect

OAK = "oak-tree"
API_OAK = "/api/v1/settings/oak-tree/translations"
GLOSSARY = ("alice", "adam")


def _op(method: str, path: str) -> str:
    return f"api:{method} /api/v1{path}"


def _text(c):
    """A parent's message at Oak Tree waiting for a Polish translation (made on first use)."""
    from tandem.translations.models import TextTranslation
    from tandem.translations.services import translation_request

    existing = TextTranslation.objects.filter(setting=c["ada"].setting).first()
    if existing:
        return existing
    (row,) = translation_request(
        setting=c["ada"].setting,
        source=c["ada"].room,
        field="body",
        text="See you at stay and play.",
        source_language="en",
        languages={"pl"},
        author_kind="staff",
    )
    return row


def _term(c):
    from tandem.translations.models import GlossaryTerm

    return GlossaryTerm.objects.get_or_create(
        setting=c["ada"].setting,
        term="key person",
        source_language="en",
        language="pl",
        defaults={"translation": "osoba kluczowa"},
    )[0]


def _forbid(*allowed):
    return tuple(p for p in ("alice", "bob", "adam") if p not in allowed)


ENTRIES = [
    staff_page("translations:queue", allowed=("alice",), forbidden=_forbid("alice")),
    staff_page(
        "translations:languages",
        method="POST",
        data=lambda c: {"languages": ["pl"]},
        allowed=("alice",),
        forbidden=_forbid("alice"),
        ok=302,
    ),
    staff_page(
        "translations:translate",
        kwargs=lambda c: {"setting_slug": OAK, "translation_id": _text(c).pk},
        allowed=("alice",),
        forbidden=_forbid("alice"),
    ),
    staff_page(
        "translations:translate",
        kwargs=lambda c: {"setting_slug": OAK, "translation_id": _text(c).pk},
        method="POST",
        data=lambda c: {"text": "Do zobaczenia!"},
        allowed=("alice",),
        forbidden=_forbid("alice"),
        ok=302,
    ),
    staff_page("translations:glossary", allowed=GLOSSARY, forbidden=_forbid(*GLOSSARY)),
    staff_page(
        "translations:glossary",
        method="POST",
        data=lambda c: {
            "term": "stay and play",
            "source_language": "en",
            "language": "pl",
            "translation": "Baw się z nami",
        },
        allowed=GLOSSARY,
        forbidden=_forbid(*GLOSSARY),
        ok=302,
    ),
    staff_page(
        "translations:glossary-remove",
        kwargs=lambda c: {"setting_slug": OAK, "term_id": _term(c).pk},
        method="POST",
        allowed=GLOSSARY,
        forbidden=_forbid(*GLOSSARY),
        ok=302,
    ),
    staff_page(
        "translations:staff-language",
        method="POST",
        data=lambda c: {"staff_language": "en"},
        allowed=GLOSSARY,
        forbidden=_forbid(*GLOSSARY),
        ok=302,
    ),
    # --- API ---
    api_entry(
        _op("GET", "/settings/{setting_slug}/translations/queue"),
        path=lambda c: (_text(c), f"{API_OAK}/queue")[1],
        expect=_expect({"alice": 200, "bob": 403, "adam": 403}),
    ),
    api_entry(
        _op("PUT", "/settings/{setting_slug}/translations/texts/{translation_id}"),
        path=lambda c: f"{API_OAK}/texts/{_text(c).pk}",
        method="PUT",
        data=lambda c: {"text": "Do zobaczenia!"},
        expect=_expect({"alice": 200, "bob": 403, "adam": 403}),
    ),
    api_entry(
        _op("GET", "/settings/{setting_slug}/translations/glossary"),
        path=lambda c: (_term(c), f"{API_OAK}/glossary")[1],
        expect=_expect({"alice": 200, "bob": 403, "adam": 200}),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/translations/glossary"),
        path=lambda c: f"{API_OAK}/glossary",
        method="POST",
        data=lambda c: {"term": "Sunflowers", "language": ""},
        expect=_expect({"alice": 201, "bob": 403, "adam": 201}),
    ),
    api_entry(
        _op("DELETE", "/settings/{setting_slug}/translations/glossary/{term_id}"),
        path=lambda c: f"{API_OAK}/glossary/{_term(c).pk}",
        method="DELETE",
        expect=_expect({"alice": 204, "bob": 403, "adam": 204}),
    ),
]
