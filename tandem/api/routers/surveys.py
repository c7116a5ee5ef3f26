"""API for surveys: staff paths under /api/v1/settings/{setting_slug}/surveys/...,
family paths under /api/v1/family/surveys/... Same access rules as the pages (tandem.access and
tandem.surveys.selectors); writes go through tandem.surveys.services, whose refusals (closed,
already answered, a required question left empty) come back as a 422 with the reason."""

import datetime as dt
from typing import Annotated
from uuid import UUID

from django.http import HttpRequest
from django.utils import translation
from ninja import Field, Path, Router, Schema
from ninja.responses import Status

from tandem.access import rules
from tandem.surveys import selectors, services
from tandem.surveys.models import SMALL_GROUP, Audience, QuestionKind

router = Router(tags=["surveys"])

SurveyId = Annotated[str, Path(description="The survey's id (a UUID).")]


class QuestionOut(Schema):
    id: UUID
    kind: str
    text: str
    help_text: str
    options: list[str] = Field(description="Choices, or the labels of the scale points 1 to 5.")
    required: bool
    per_child: bool


class ChildOut(Schema):
    id: UUID
    name: str


class SurveyOut(Schema):
    id: UUID
    title: str
    intro: str
    audience: str
    anonymous: bool
    opens_on: dt.date
    closes_on: dt.date
    round: int
    status: str
    answered: bool | None = None


class SurveyDetailOut(SurveyOut):
    questions: list[QuestionOut]
    children: list[ChildOut] = Field(description="The children per-child questions are asked about.")


class AnswerIn(Schema):
    question_id: UUID
    child_id: UUID | None = Field(None, description="For a per-child question: which child.")
    value: str | int | list[int | str] | None = Field(
        None, description="Choice index (from 0), list of indexes, scale point 1-5, or written text."
    )


class ResponseIn(Schema):
    answers: list[AnswerIn]


class ResponseOut(Schema):
    survey_id: UUID
    saved: bool


class QuestionIn(Schema):
    kind: QuestionKind
    text: str = Field(min_length=1, max_length=300)
    help_text: str = Field("", max_length=300)
    choices: list[str] = Field(default_factory=list)
    scale_labels: list[str] = Field(default_factory=list)
    required: bool = True
    per_child: bool = False


class SurveyIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    intro: str = ""
    audience: Audience = Audience.FAMILIES
    room_ids: list[UUID] = Field(default_factory=list)
    anonymous: bool = True
    opens_on: dt.date
    closes_on: dt.date
    max_reminders: int = Field(2, ge=0, le=5)
    reminder_every_days: int = Field(7, ge=1, le=60)
    template_key: str = Field("", description='"parent_confidence", "practitioner_confidence" or empty.')
    questions: list[QuestionIn] = Field(default_factory=list)
    publish: bool = False


class OptionOut(Schema):
    label: str
    count: int
    percent: int


class QuestionResultOut(Schema):
    question_id: UUID
    text: str
    kind: str
    answered: int
    average: float | None
    options: list[OptionOut]
    written: list[str]


class RateOut(Schema):
    group: str
    asked: int
    answered: int | None = Field(description=f"None when fewer than {SMALL_GROUP} answered (hidden).")
    percent: int | None


class ResultsOut(Schema):
    survey: SurveyOut
    responses: int
    rates: list[RateOut]
    questions: list[QuestionResultOut]


def _survey(s, today, answered=None) -> dict:
    return {
        "id": s.pk,
        "title": s.title,
        "intro": s.intro,
        "audience": s.audience,
        "anonymous": s.anonymous,
        "opens_on": s.opens_on,
        "closes_on": s.closes_on,
        "round": s.round,
        "status": s.status(today),
        "answered": answered,
    }


def _manager(request, setting_slug):
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    rules.require(membership.perms, "can_manage_partnership")
    return membership


# --- staff ----------------------------------------------------------------------------------------


@router.get("/settings/{setting_slug}/surveys", response=list[SurveyOut], summary="The setting's surveys")
def staff_survey_list(request: HttpRequest, setting_slug: str) -> list[dict]:
    membership = _manager(request, setting_slug)
    today = membership.setting.today()
    return [_survey(s, today) for s in selectors.surveys_for_staff(user=request.auth, setting=membership.setting)]


@router.post("/settings/{setting_slug}/surveys", response={201: SurveyOut}, summary="Create a survey")
def staff_survey_create(request: HttpRequest, setting_slug: str, payload: SurveyIn) -> Status:
    """A draft (or, with publish, an open survey), from a ready-made template and/or QUESTIONS."""
    membership = _manager(request, setting_slug)
    setting = membership.setting
    rooms = list(rules.rooms_visible_to(request.auth, setting=setting).filter(pk__in=payload.room_ids))
    if len(rooms) != len(set(payload.room_ids)):
        from django.core.exceptions import ValidationError
        from django.utils.translation import gettext as _

        raise ValidationError({"room_ids": _("Choose rooms of this setting.")})
    survey = services.survey_create(
        setting=setting,
        by=request.auth,
        title=payload.title,
        intro=payload.intro,
        audience=payload.audience.value,
        rooms=rooms,
        anonymous=payload.anonymous,
        opens_on=payload.opens_on,
        closes_on=payload.closes_on,
        max_reminders=payload.max_reminders,
        reminder_every_days=payload.reminder_every_days,
        template_key=payload.template_key,
        language=translation.get_language() or "en",
    )
    for q in payload.questions:
        services.question_add(survey=survey, by=request.auth, **{**q.dict(), "kind": q.kind.value})
    if payload.publish:
        services.survey_publish(survey=survey, by=request.auth)
    return Status(201, _survey(survey, setting.today()))


@router.get("/settings/{setting_slug}/surveys/{survey_id}/results", response=ResultsOut, summary="A survey's results")
def staff_survey_results(request: HttpRequest, setting_slug: str, survey_id: SurveyId) -> dict:
    """Counts and percentages per question, written answers (named only on a named survey), and
    the response rate overall, by room and by group, with groups of fewer than 5 hidden."""
    membership = _manager(request, setting_slug)
    survey = selectors.survey_for_staff(user=request.auth, setting=membership.setting, survey_id=survey_id)
    results = selectors.question_results(survey)
    return {
        "survey": _survey(survey, membership.setting.today()),
        "responses": selectors.response_count(survey),
        "rates": [
            {"group": r.label, "asked": r.invited, "answered": r.responded, "percent": r.percent}
            for r in selectors.response_rates(survey)
        ],
        "questions": [
            {
                "question_id": r.question.pk,
                "text": r.question.text,
                "kind": r.question.kind,
                "answered": r.answered,
                "average": r.average,
                "options": [{"label": label, "count": n, "percent": p} for label, n, p in r.options],
                "written": [t["text"] for t in r.texts],
            }
            for r in results
        ],
    }


# --- families -------------------------------------------------------------------------------------


@router.get("/family/surveys", response=list[SurveyOut], summary="Surveys open to your family")
def family_survey_list(request: HttpRequest) -> list[dict]:
    return [_survey(s, s.setting.today(), s.answered) for s in selectors.family_surveys(user=request.auth)]


def _detail(survey, children) -> dict:
    language = translation.get_language() or "en"
    questions = selectors.translated_questions(selectors.questions_of(survey), language, survey.language)
    return {
        **_survey(survey, survey.setting.today(), survey.answered),
        "questions": [
            {
                "id": q.pk,
                "kind": q.kind,
                "text": q.shown_text,
                "help_text": q.shown_help,
                "options": q.shown_labels if q.kind != QuestionKind.TEXT else [],
                "required": q.required,
                "per_child": q.per_child,
            }
            for q in questions
        ],
        "children": [{"id": c.pk, "name": c.known_as} for c in children],
    }


@router.get("/family/surveys/{survey_id}", response=SurveyDetailOut, summary="A survey, with its questions")
def family_survey_detail(request: HttpRequest, survey_id: SurveyId) -> dict:
    """In your language where the question has been translated."""
    survey = selectors.survey_for_family(user=request.auth, survey_id=survey_id)
    children = selectors.children_asked_about(survey, family_id=survey.guardian.family_id)
    return _detail(survey, children)


@router.post("/family/surveys/{survey_id}/responses", response={201: ResponseOut}, summary="Answer a survey")
def family_survey_answer(request: HttpRequest, survey_id: SurveyId, payload: ResponseIn) -> Status:
    """Once per family. Refused (422) after closing, when your family has already answered, or
    when a question that needs an answer has none."""
    survey = selectors.survey_for_family(user=request.auth, survey_id=survey_id)
    children = selectors.children_asked_about(survey, family_id=survey.guardian.family_id)
    numbers = {str(c.pk): i + 1 for i, c in enumerate(children)}
    questions = {str(q.pk): q for q in selectors.questions_of(survey)}
    answers = {}
    for a in payload.answers:
        q = questions.get(str(a.question_id))
        if q is None:
            continue
        number = numbers.get(str(a.child_id)) if q.per_child else None
        value = a.value
        if isinstance(value, int):
            value = str(value)
        elif isinstance(value, list):
            value = [str(v) for v in value]
        answers[selectors.field_name(q, number)] = value
    services.response_submit(
        survey=survey,
        by=request.auth,
        guardian=survey.guardian,
        answers=answers,
        language=translation.get_language() or "",
    )
    return Status(201, {"survey_id": survey.pk, "saved": True})
