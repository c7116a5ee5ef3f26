"""The verbs of surveys: every write from a page, the API or a task comes through here.

The caller has checked who may do this through tandem.access (can_manage_partnership to build,
publish and repeat; being in the audience to answer: selectors.survey_for_family). Services
check the rules of the data and raise SurveyError (a ValidationError) with a translated message.

Anonymity: response_submit for an anonymous survey writes the Participation (who) and the
Response (what) with nothing that joins them, and its audit entry names neither the person nor
the response (see models.py and docs/surveys.md)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tandem.core.audit import audit_log
from tandem.core.models import CommunicationPreference, Guardian, StaffMember
from tandem.surveys import selectors
from tandem.surveys.models import (
    Answer,
    Audience,
    Participation,
    Question,
    QuestionKind,
    ReminderRound,
    Response,
    Survey,
)
from tandem.surveys.templates import TEMPLATES

MAX_TEXT = 4000


class SurveyError(ValidationError):
    """A rule about surveys was broken; the message says why, in the person's language."""


def _editable(survey: Survey) -> None:
    if not survey.is_draft:
        raise SurveyError(
            _("This survey is published: its questions can no longer change. Repeat it to make a new round.")
        )


@transaction.atomic
def survey_create(
    *,
    setting,
    by,
    title: str,
    opens_on: dt.date,
    closes_on: dt.date,
    intro: str = "",
    audience: str = Audience.FAMILIES,
    rooms=(),
    anonymous: bool = True,
    max_reminders: int = 2,
    reminder_every_days: int = 7,
    template_key: str = "",
    language: str = "en",
) -> Survey:
    """A draft survey; with TEMPLATE_KEY, the questions of that ready-made survey."""
    if template_key and template_key not in TEMPLATES:
        raise SurveyError({"template_key": _("Choose one of the ready-made surveys.")})
    survey = Survey(
        setting=setting,
        title=title.strip(),
        intro=intro.strip(),
        audience=audience,
        anonymous=anonymous,
        opens_on=opens_on,
        closes_on=closes_on,
        max_reminders=max_reminders,
        reminder_every_days=max(1, reminder_every_days),
        template_key=template_key,
        language=language,
        created_by=by,
    )
    survey.full_clean()
    rooms = list(rooms)
    if audience == Audience.ROOMS and not rooms:
        raise SurveyError({"rooms": _("Choose at least one room.")})
    if any(room.setting_id != setting.pk for room in rooms):
        raise SurveyError({"rooms": _("Choose rooms of this setting.")})
    survey.save()
    if audience == Audience.ROOMS:
        survey.rooms.set(rooms)
    if template_key:
        for kind, text, labels, per_child in TEMPLATES[template_key]["questions"]:
            question_add(
                survey=survey,
                by=by,
                kind=kind,
                text=str(text),
                choices=[str(x) for x in labels] if kind in ("single", "multiple") else [],
                scale_labels=[str(x) for x in labels] if kind == "scale" else [],
                required=kind != "text",
                per_child=per_child and audience != Audience.STAFF,
                audit=False,
            )
    audit_log("surveys.survey.created", actor=by, obj=survey, setting=setting, data={"template": template_key})
    return survey


@transaction.atomic
def question_add(
    *,
    survey: Survey,
    by,
    kind: str,
    text: str,
    help_text: str = "",
    choices=(),
    scale_labels=(),
    required: bool = True,
    per_child: bool = False,
    audit: bool = True,
) -> Question:
    _editable(survey)
    if per_child and survey.for_staff:
        raise SurveyError({"per_child": _("Questions for staff cannot be asked once for each child.")})
    last = survey.questions.aggregate(m=Max("position"))["m"]
    question = Question(
        setting=survey.setting,
        survey=survey,
        position=0 if last is None else last + 1,
        kind=kind,
        text=text.strip(),
        help_text=help_text.strip(),
        choices=list(choices),
        scale_labels=list(scale_labels),
        required=required,
        per_child=per_child,
    )
    question.full_clean(exclude=["survey", "setting"])
    question.save()
    if audit:
        audit_log("surveys.question.added", actor=by, obj=survey, setting=survey.setting, data={"kind": kind})
    return question


@transaction.atomic
def question_move(*, question: Question, by, up: bool) -> None:
    """Swap QUESTION with the one before (UP) or after it."""
    survey = question.survey
    _editable(survey)
    questions = list(survey.questions.order_by("position", "id"))
    i = next(n for n, q in enumerate(questions) if q.pk == question.pk)
    j = i - 1 if up else i + 1
    if 0 <= j < len(questions):
        questions[i], questions[j] = questions[j], questions[i]
    for n, q in enumerate(questions):
        if q.position != n:
            q.position = n
            q.save(update_fields=["position"])
    audit_log("surveys.question.moved", actor=by, obj=survey, setting=survey.setting)


@transaction.atomic
def question_remove(*, question: Question, by) -> None:
    survey = question.survey
    _editable(survey)
    question.delete()
    audit_log("surveys.question.removed", actor=by, obj=survey, setting=survey.setting)


def _request_translations(survey: Survey) -> None:
    from tandem.translations.services import translation_request

    languages = selectors.audience_languages(survey)
    for question in survey.questions.all():
        for field, text in (
            ("text", question.text),
            ("help_text", question.help_text),
            ("choices", "\n".join(question.labels()) if question.kind != QuestionKind.TEXT else ""),
        ):
            if text:
                translation_request(
                    setting=survey.setting,
                    source=question,
                    field=field,
                    text=text,
                    source_language=survey.language,
                    languages=languages,
                )


@transaction.atomic
def survey_publish(*, survey: Survey, by) -> Survey:
    """Open the survey on its dates: translations are asked for in every language of its
    audience, and everyone asked is told (through each person's own channels)."""
    _editable(survey)
    if not survey.questions.exists():
        raise SurveyError(_("Add at least one question before publishing."))
    today = survey.setting.today()
    if survey.closes_on < today:
        raise SurveyError({"closes_on": _("The closing date has passed. Choose a later one.")})
    survey.published_at = timezone.now()
    survey.save(update_fields=["published_at"])
    _request_translations(survey)
    _notify(survey, kind="surveys.published", template="surveys/notices/published", people=None, by=by)
    audit_log("surveys.survey.published", actor=by, obj=survey, setting=survey.setting)
    return survey


def _notify(survey: Survey, *, kind: str, template: str, people, by) -> int:
    from tandem.notify.services import notify_guardians, notify_staff

    context = {"title": survey.title, "closes_on": survey.closes_on.isoformat()}
    if survey.for_staff:
        staff = list(people if people is not None else selectors.audience_staff(survey))
        if staff:
            notify_staff(
                setting=survey.setting,
                staff=staff,
                kind=kind,
                template=template,
                context=context,
                url=reverse("surveys:respond", args=[survey.setting.slug, survey.pk]),
                source=survey,
                sent_by=by,
            )
        return len(staff)
    guardians = list(people if people is not None else selectors.audience_guardians(survey))
    if guardians:
        notify_guardians(
            setting=survey.setting,
            guardians=guardians,
            kind=kind,
            template=template,
            context=context,
            url=reverse("surveys_family:answer", args=[survey.pk]),
            source=survey,
            sent_by=by,
        )
    return len(guardians)


@transaction.atomic
def survey_close_now(*, survey: Survey, by) -> Survey:
    today = survey.setting.today()
    if survey.is_draft or survey.closes_on < today:
        raise SurveyError(_("This survey is not open."))
    yesterday = today - dt.timedelta(days=1)
    survey.closes_on = yesterday
    survey.opens_on = min(survey.opens_on, yesterday)
    survey.save(update_fields=["opens_on", "closes_on"])
    audit_log("surveys.survey.closed", actor=by, obj=survey, setting=survey.setting)
    return survey


@transaction.atomic
def survey_repeat(*, survey: Survey, by, opens_on: dt.date | None = None, closes_on: dt.date | None = None) -> Survey:
    """A new round of SURVEY: the same questions, audience and settings, as a draft, so the
    results over time can compare the rounds."""
    today = survey.setting.today()
    opens_on = opens_on or today
    closes_on = closes_on or opens_on + (survey.closes_on - survey.opens_on)
    last_round = Survey.objects.filter(series=survey.series).aggregate(m=Max("round"))["m"] or survey.round
    copy = Survey(
        setting=survey.setting,
        title=survey.title,
        intro=survey.intro,
        audience=survey.audience,
        anonymous=survey.anonymous,
        opens_on=opens_on,
        closes_on=closes_on,
        max_reminders=survey.max_reminders,
        reminder_every_days=survey.reminder_every_days,
        language=survey.language,
        template_key=survey.template_key,
        series=survey.series,
        round=last_round + 1,
        created_by=by,
    )
    copy.full_clean()
    copy.save()
    copy.rooms.set(survey.rooms.all())
    Question.objects.bulk_create(
        [
            Question(
                setting=q.setting,
                survey=copy,
                position=q.position,
                kind=q.kind,
                text=q.text,
                help_text=q.help_text,
                choices=q.choices,
                scale_labels=q.scale_labels,
                required=q.required,
                per_child=q.per_child,
            )
            for q in survey.questions.all()
        ]
    )
    audit_log("surveys.survey.repeated", actor=by, obj=copy, setting=survey.setting, data={"from": str(survey.pk)})
    return copy


# --- answering ------------------------------------------------------------------------------------


def _clean_answers(survey: Survey, questions: list[Question], children: list, raw: dict) -> list[dict]:
    """RAW maps (question id, child number or None) to what was typed or chosen; returns the
    answers to save, or raises SurveyError naming every question that needs an answer."""
    errors: dict[str, list[str]] = {}
    result = []
    for question in questions:
        numbers = list(range(1, len(children) + 1)) if question.per_child and children else [None]
        for number in numbers:
            key = selectors.field_name(question, number)
            value = raw.get(key)
            child = children[number - 1] if number else None
            answer = {
                "question": question,
                "child_number": number,
                "child": child,
                "choices": [],
                "scale": None,
                "text": "",
            }
            options = len(question.labels())
            if question.kind == QuestionKind.TEXT:
                text = (value or "").strip() if isinstance(value, str) else ""
                if len(text) > MAX_TEXT:
                    errors.setdefault(key, []).append(_("Write at most %(n)d characters.") % {"n": MAX_TEXT})
                answer["text"] = text
                filled = bool(text)
            elif question.kind == QuestionKind.MULTIPLE:
                values = value if isinstance(value, list) else ([value] if value not in (None, "") else [])
                try:
                    picked = sorted({int(v) for v in values})
                except (TypeError, ValueError):
                    picked = [-1]
                if any(p < 0 or p >= options for p in picked):
                    errors.setdefault(key, []).append(_("Choose from the list."))
                answer["choices"] = picked
                filled = bool(picked)
            else:
                picked_one = None
                if value not in (None, "", []):
                    try:
                        picked_one = int(value[0] if isinstance(value, list) else value)
                    except (TypeError, ValueError):
                        picked_one = -1
                    low, high = (1, 5) if question.kind == QuestionKind.SCALE else (0, options - 1)
                    if not low <= picked_one <= high:
                        errors.setdefault(key, []).append(_("Choose from the list."))
                if question.kind == QuestionKind.SCALE:
                    answer["scale"] = picked_one
                else:
                    answer["choices"] = [picked_one] if picked_one is not None else []
                filled = picked_one is not None
            if question.required and not filled and key not in errors:
                errors.setdefault(key, []).append(_("This question needs an answer."))
            if filled:
                result.append(answer)
    if errors:
        raise SurveyError(errors)
    return result


def _segments(children) -> list[str]:
    segments = set()
    for child in children:
        if child.room_id:
            segments.add(f"room:{child.room_id}")
        if child.eal:
            segments.add("eal")
        if child.eypp:
            segments.add("eypp")
        if child.sen_status and child.sen_status != "none":
            segments.add("send")
    return sorted(segments)


@transaction.atomic
def response_submit(
    *,
    survey: Survey,
    by,
    answers: dict,
    guardian: Guardian | None = None,
    staff: StaffMember | None = None,
    language: str = "",
) -> Response:
    """Save one family's (GUARDIAN's) or one member of staff's answers, once.

    Refused, changing nothing, when the survey is not open today or when this family (or
    person) has already answered: one response per family, anonymous or not."""
    today = survey.setting.today()
    if survey.is_draft or today < survey.opens_on:
        raise SurveyError(_("This survey is not open yet."))
    if today > survey.closes_on:
        raise SurveyError(
            _(
                "This survey closed on %(date)s. "
                "Thank you for wanting to answer: you can always talk to your key person."
            )
            % {"date": date_format(survey.closes_on, "DATE_FORMAT")}
        )
    if survey.for_staff:
        if staff is None:
            raise SurveyError(_("This survey is for staff."))
        respondent = survey.respondent_hash(staff_id=staff.pk)
        children = []
    else:
        if guardian is None:
            raise SurveyError(_("This survey is for families."))
        respondent = survey.respondent_hash(family_id=guardian.family_id)
        children = selectors.children_asked_about(survey, family_id=guardian.family_id)
    if Participation.objects.filter(survey=survey, respondent_hash=respondent).exists():
        raise SurveyError(
            _("Your family has already answered this survey. Thank you: only one answer per family is counted.")
            if not survey.for_staff
            else _("You have already answered this survey. Thank you.")
        )
    questions = list(survey.questions.order_by("position"))
    cleaned = _clean_answers(survey, questions, children, answers)
    try:
        with transaction.atomic():
            Participation.objects.create(setting=survey.setting, survey=survey, respondent_hash=respondent)
    except IntegrityError:  # a second guardian of the family at the same moment
        raise SurveyError(_("Your family has already answered this survey.")) from None
    named = not survey.anonymous
    response = Response.objects.create(
        setting=survey.setting,
        survey=survey,
        submitted_on=today,
        language=language if named else "",  # a rare language would point to a family
        family_id=guardian.family_id if named and guardian else None,
        guardian=guardian if named else None,
        staff=staff if named else None,
        segments=_segments(children) if named else [],
    )
    answers_saved = Answer.objects.bulk_create(
        [
            Answer(
                setting=survey.setting,
                response=response,
                question=a["question"],
                child_number=a["child_number"],
                child=a["child"] if named else None,
                choices=a["choices"],
                scale=a["scale"],
                text=a["text"],
            )
            for a in cleaned
        ]
    )
    _translate_written_answers(survey, answers_saved, language)
    if named:
        audit_log("surveys.response.submitted", actor=by, obj=response, setting=survey.setting)
    else:
        # Only that someone answered: no actor, and the survey (not the response) as the object.
        audit_log("surveys.response.submitted_anonymously", actor=None, obj=survey, setting=survey.setting)
    return response


def _translate_written_answers(survey: Survey, answers: list[Answer], language: str) -> None:
    """Ask for a translation of each written answer into the survey's language, so the staff
    can read an answer written in Polish. (The answer's language is kept only on the
    translation request, which the text itself shows anyway.)"""
    from tandem.translations.services import translation_request

    if not language or language == survey.language:
        return
    for answer in answers:
        if answer.text:
            translation_request(
                setting=survey.setting,
                source=answer,
                field="text",
                text=answer.text,
                source_language=language,
                languages={survey.language},
            )


# --- reminders ------------------------------------------------------------------------------------


def reminder_due_number(survey: Survey, today: dt.date) -> int | None:
    """The number of the reminder due TODAY (1, 2, ...), or None: reminder N is due
    N * reminder_every_days after opening, while the survey is open, up to max_reminders."""
    if not survey.is_open_on(today) or survey.max_reminders == 0:
        return None
    number = (today - survey.opens_on).days // max(1, survey.reminder_every_days)
    number = min(number, survey.max_reminders)
    return number or None


@transaction.atomic
def survey_send_reminders(*, survey: Survey, today: dt.date | None = None) -> int:
    """Remind everyone asked who has not answered, once for each reminder round; idempotent
    (the ReminderRound row is the record that the round went out). Returns how many were told."""
    today = today or survey.setting.today()
    number = reminder_due_number(survey, today)
    if number is None or ReminderRound.objects.filter(survey=survey, number__gte=number).exists():
        return 0
    try:
        with transaction.atomic():
            reminder = ReminderRound.objects.create(setting=survey.setting, survey=survey, number=number)
    except IntegrityError:  # another worker sent this round
        return 0
    people = selectors.non_respondents(survey)
    sent = _notify(survey, kind="surveys.reminder", template="surveys/notices/reminder", people=people, by=None)
    reminder.recipients = sent
    reminder.save(update_fields=["recipients"])
    audit_log(
        "surveys.reminder.sent",
        actor=None,
        obj=survey,
        setting=survey.setting,
        data={"number": number, "recipients": sent},
    )
    return sent


def send_due_reminders(*, setting) -> int:
    today = setting.today()
    total = 0
    for survey in Survey.objects.filter(
        setting=setting, published_at__isnull=False, opens_on__lte=today, closes_on__gte=today
    ):
        total += survey_send_reminders(survey=survey, today=today)
    return total


def guardian_language(guardian: Guardian) -> str:
    pref = CommunicationPreference.objects.filter(guardian=guardian).only("language").first()
    return pref.language if pref else "en"
