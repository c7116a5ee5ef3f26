"""API for translations: staff paths under /api/v1/settings/{setting_slug}/translations/...
Same access rules as the pages: the queue and saving a translation need can_translate; the
glossary can_translate or can_manage_setting_info. A translator gets the words only, never the
child or who wrote them beyond "a parent" or "staff". Service refusals are a 422."""

import datetime as dt
from typing import Annotated
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Field, Path, Router, Schema
from ninja.responses import Status

from tandem.access import rules
from tandem.translations import selectors, services
from tandem.translations.models import GlossaryTerm, TextTranslation

router = Router(tags=["translations"])

TranslationId = Annotated[str, Path(description="The translation's id (a UUID).")]
TermId = Annotated[str, Path(description="The glossary term's id (a UUID).")]


class GlossaryTermOut(Schema):
    id: UUID
    term: str
    source_language: str
    language: str = Field(description='The language it is fixed for; "" for every language.')
    translation: str = Field(description='The fixed translation; "" keeps it as written.')
    note: str


class GlossaryTermIn(Schema):
    term: str = Field(min_length=1, max_length=120)
    source_language: str = Field("en", max_length=10)
    language: str = Field("", max_length=10)
    translation: str = Field("", max_length=120)
    note: str = Field("", max_length=200)


class QueueItemOut(Schema):
    id: UUID
    source_language: str
    language: str
    original: str
    source_hash: str = Field(description="Send it back when saving, to be told if the original changed meanwhile.")
    written_by: str = Field(description='"parent", "staff" or "" (nothing more is said of who wrote it).')
    status: str
    machine_suggestion: str
    failure_reason: str
    created_at: dt.datetime
    glossary: list[GlossaryTermOut]


class TranslationIn(Schema):
    text: str = Field(min_length=1, max_length=20_000)
    source_hash: str = Field("", max_length=64)


class TranslationOut(Schema):
    id: UUID
    language: str
    text: str
    status: str


def _term(t: GlossaryTerm) -> dict:
    return {
        "id": t.pk,
        "term": t.term,
        "source_language": t.source_language,
        "language": t.language,
        "translation": t.translation,
        "note": t.note,
    }


def _item(row: TextTranslation, terms: list[GlossaryTerm]) -> dict:
    return {
        "id": row.pk,
        "source_language": row.source_language,
        "language": row.language,
        "original": row.source_text,
        "source_hash": row.source_hash,
        "written_by": row.author_kind,
        "status": row.status,
        "machine_suggestion": row.machine_text,
        "failure_reason": row.failure_reason,
        "created_at": row.created_at,
        "glossary": [_term(t) for t in terms],
    }


def _translator(request: HttpRequest, setting_slug: str):
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    rules.require(membership.perms, "can_translate")
    return membership


def _glossary_editor(request: HttpRequest, setting_slug: str):
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    if not (membership.perms.can_translate or membership.perms.can_manage_setting_info):
        raise PermissionDenied
    return membership


@router.get(
    "/settings/{setting_slug}/translations/queue",
    response=list[QueueItemOut],
    summary="Texts waiting for a translator in your languages",
)
def queue_list(request: HttpRequest, setting_slug: str) -> list[dict]:
    membership = _translator(request, setting_slug)
    rows = list(selectors.translation_queue(membership=membership)[:200])
    found = selectors.glossary_found(rows=rows, terms=selectors.glossary_for(setting=membership.setting))
    return [_item(row, found[row.pk]) for row in rows]


@router.put(
    "/settings/{setting_slug}/translations/texts/{translation_id}",
    response=TranslationOut,
    summary="Save your translation of a text",
)
def translation_save(
    request: HttpRequest, setting_slug: str, translation_id: TranslationId, payload: TranslationIn
) -> dict:
    """A person's translation replaces the machine's and is never overwritten by it."""
    membership = _translator(request, setting_slug)
    row = selectors.queue_item_for(membership=membership, translation_id=translation_id)
    row = services.translation_save(
        translation=row, by=request.auth, text=payload.text, source_hash=payload.source_hash
    )
    return {"id": row.pk, "language": row.language, "text": row.text, "status": row.status}


@router.get(
    "/settings/{setting_slug}/translations/glossary",
    response=list[GlossaryTermOut],
    summary="The setting's glossary",
)
def glossary_list(request: HttpRequest, setting_slug: str) -> list[dict]:
    membership = _glossary_editor(request, setting_slug)
    return [_term(t) for t in selectors.glossary_for(setting=membership.setting)]


@router.post(
    "/settings/{setting_slug}/translations/glossary",
    response={201: GlossaryTermOut},
    summary="Add a word to the glossary",
)
def glossary_add(request: HttpRequest, setting_slug: str, payload: GlossaryTermIn) -> Status:
    membership = _glossary_editor(request, setting_slug)
    term = services.glossary_term_add(setting=membership.setting, by=request.auth, **payload.dict())
    return Status(201, _term(term))


@router.delete(
    "/settings/{setting_slug}/translations/glossary/{term_id}",
    response={204: None},
    summary="Remove a word from the glossary",
)
def glossary_remove(request: HttpRequest, setting_slug: str, term_id: TermId) -> Status:
    membership = _glossary_editor(request, setting_slug)
    try:
        UUID(term_id)
    except ValueError as exc:
        raise Http404 from exc
    term = selectors.glossary_for(setting=membership.setting).filter(pk=term_id).first()
    if term is None:
        raise Http404
    services.glossary_term_remove(term=term, by=request.auth)
    return Status(204, None)
