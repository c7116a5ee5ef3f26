"""Reads of surveys, already scoped: staff reach a survey through their membership of its
setting (tandem.access), families through their own guardianships and the survey's audience.
The results here are counts; no function returns who said what on an anonymous survey."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from tandem.access import rules
from tandem.access.rules import uuid_or_404
from tandem.core.models import ChildGuardian, CommunicationPreference, Guardian, Room, StaffMember
from tandem.surveys.models import SMALL_GROUP, Answer, Audience, Participation, Question, QuestionKind, Response, Survey


def field_name(question: Question, child_number: int | None) -> str:
    return f"q_{question.pk.hex}" + (f"_c{child_number}" if child_number else "")


# --- staff ----------------------------------------------------------------------------------------


def surveys_for_staff(*, user, setting) -> QuerySet[Survey]:
    rules.membership_for_user(user, setting_slug=setting.slug)
    return (
        Survey.objects.filter(setting=setting)
        .annotate(
            question_count=Count("questions", distinct=True),
            response_count=Count("participations", distinct=True),
        )
        .order_by("-opens_on", "title")
    )


def survey_for_staff(*, user, setting, survey_id) -> Survey:
    uuid_or_404(survey_id)
    rules.membership_for_user(user, setting_slug=setting.slug)
    survey = Survey.objects.filter(setting=setting, pk=survey_id).first()
    if survey is None:
        raise Http404
    return survey


def open_staff_surveys(*, staff: StaffMember) -> list[Survey]:
    today = staff.setting.today()
    surveys = list(
        Survey.objects.filter(
            setting=staff.setting,
            audience=Audience.STAFF,
            published_at__isnull=False,
            opens_on__lte=today,
            closes_on__gte=today,
        )
    )
    done = _answered(surveys, lambda s: s.respondent_hash(staff_id=staff.pk))
    for s in surveys:
        s.answered = s.pk in done
    return surveys


def staff_survey_for_member(*, staff: StaffMember, survey_id) -> Survey:
    uuid_or_404(survey_id)
    survey = Survey.objects.filter(
        setting=staff.setting, audience=Audience.STAFF, pk=survey_id, published_at__isnull=False
    ).first()
    if survey is None:
        raise Http404
    return survey


def questions_of(survey: Survey) -> list[Question]:
    return list(survey.questions.order_by("position", "id"))


# --- audience -------------------------------------------------------------------------------------


def _current_children_filter(survey: Survey, prefix: str = "") -> Q:
    today = survey.setting.today()
    q = Q(**{f"{prefix}setting": survey.setting}) & (
        Q(**{f"{prefix}leave_date__isnull": True}) | Q(**{f"{prefix}leave_date__gte": today})
    )
    if survey.audience == Audience.ROOMS:
        q &= Q(**{f"{prefix}room__in": survey.rooms.all()})
    return q


def audience_links(survey: Survey) -> QuerySet[ChildGuardian]:
    return ChildGuardian.objects.filter(_current_children_filter(survey, "child__"))


def audience_guardians(survey: Survey) -> list[Guardian]:
    ids = audience_links(survey).values("guardian_id")
    return list(Guardian.objects.filter(pk__in=ids).order_by("last_name", "first_name"))


def audience_staff(survey: Survey) -> list[StaffMember]:
    return list(StaffMember.objects.filter(setting=survey.setting, is_active=True).select_related("user"))


def audience_languages(survey: Survey) -> set[str]:
    if survey.for_staff:
        return set()
    ids = audience_links(survey).values("guardian_id")
    return set(CommunicationPreference.objects.filter(guardian_id__in=ids).values_list("language", flat=True))


def children_asked_about(survey: Survey, *, family_id) -> list:
    from tandem.core.models import Child

    return list(
        Child.objects.filter(_current_children_filter(survey), family_id=family_id)
        .select_related("room")
        .order_by("date_of_birth", "first_name")
    )


def _answered(surveys: list[Survey], key) -> set:
    if not surveys:
        return set()
    hashes = {key(s): s.pk for s in surveys}
    rows = Participation.objects.filter(survey__in=surveys, respondent_hash__in=list(hashes)).values_list(
        "survey_id", "respondent_hash"
    )
    return {survey_id for survey_id, h in rows if hashes.get(h) == survey_id}


def non_respondents(survey: Survey) -> list:
    done = set(Participation.objects.filter(survey=survey).values_list("respondent_hash", flat=True))
    if survey.for_staff:
        return [s for s in audience_staff(survey) if survey.respondent_hash(staff_id=s.pk) not in done]
    return [g for g in audience_guardians(survey) if survey.respondent_hash(family_id=g.family_id) not in done]


# --- families -------------------------------------------------------------------------------------


def _guardianships(user) -> list[Guardian]:
    return list(Guardian.objects.filter(user=user).select_related("setting", "family"))


def family_surveys(*, user, include_closed: bool = False) -> list[Survey]:
    """Published surveys asked of USER's families (open ones; closed too with INCLUDE_CLOSED),
    each with .guardian (the user as a guardian there) and .answered."""
    result = []
    for guardian in _guardianships(user):
        today = guardian.setting.today()
        child_rooms = set(
            ChildGuardian.objects.filter(guardian=guardian)
            .filter(Q(child__leave_date__isnull=True) | Q(child__leave_date__gte=today))
            .values_list("child__room_id", flat=True)
        )
        if not child_rooms:
            continue
        qs = Survey.objects.filter(setting=guardian.setting, published_at__isnull=False, opens_on__lte=today).exclude(
            audience=Audience.STAFF
        )
        if not include_closed:
            qs = qs.filter(closes_on__gte=today)
        qs = qs.filter(Q(audience=Audience.FAMILIES) | Q(rooms__in=[r for r in child_rooms if r])).distinct()
        surveys = list(qs.order_by("closes_on"))
        done = _answered(surveys, lambda s, g=guardian: s.respondent_hash(family_id=g.family_id))
        for s in surveys:
            s.guardian = guardian
            s.answered = s.pk in done
            s.is_open = s.is_open_on(today)
        result.extend(surveys)
    return result


def survey_for_family(*, user, survey_id) -> Survey:
    """A survey asked of USER's family (open or closed), with .guardian and .answered; 404 for
    a survey of another room, another setting, for staff, or still a draft."""
    uuid_or_404(survey_id)
    for survey in family_surveys(user=user, include_closed=True):
        if str(survey.pk) == str(survey_id):
            return survey
    raise Http404


def translated_questions(questions: list[Question], language: str, source_language: str) -> list[Question]:
    """Each question with .shown_text, .shown_help and .shown_labels in LANGUAGE when a ready
    translation of its current text exists (three queries for the lot), else the original."""
    from tandem.translations.models import text_hash
    from tandem.translations.selectors import translations_for

    if not questions or language == source_language:
        for q in questions:
            q.shown_text, q.shown_help, q.shown_labels, q.translated = q.text, q.help_text, q.labels(), False
        return questions
    texts = translations_for(sources=questions, field="text", language=language)
    helps = translations_for(sources=questions, field="help_text", language=language)
    labels = translations_for(sources=questions, field="choices", language=language)
    for q in questions:
        key = str(q.pk)
        t, h, c = texts.get(key), helps.get(key), labels.get(key)
        q.shown_text = t.text if t and t.source_hash == text_hash(q.text) else q.text
        q.shown_help = h.text if h and h.source_hash == text_hash(q.help_text) else q.help_text
        original = q.labels()
        lines = c.text.splitlines() if c and c.source_hash == text_hash("\n".join(original)) else []
        q.shown_labels = lines if len(lines) == len(original) else original
        q.translated = q.shown_text != q.text
    return questions


# --- results --------------------------------------------------------------------------------------


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0  # answers (per child: one per child)
    options: list[tuple[str, int, int]] = field(default_factory=list)  # label, count, percent
    texts: list[dict] = field(default_factory=list)
    average: float | None = None


@dataclass
class RateRow:
    label: str
    invited: int
    responded: int | None  # None: fewer than SMALL_GROUP, hidden
    percent: int | None


def _pct(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def question_results(survey: Survey, questions: list[Question] | None = None) -> list[QuestionResult]:
    """Counts and percentages per question (two queries), and the written answers: with the
    family's and child's names on a named survey, without on an anonymous one."""
    questions = questions if questions is not None else questions_of(survey)
    answers = Answer.objects.filter(response__survey=survey).select_related(None)
    if survey.anonymous:
        rows = answers.values("id", "question_id", "child_number", "choices", "scale", "text")
    else:
        rows = answers.values(
            "id",
            "question_id",
            "child_number",
            "choices",
            "scale",
            "text",
            "response__guardian__first_name",
            "response__guardian__last_name",
            "response__staff__user__first_name",
            "response__staff__user__last_name",
            "child__first_name",
        )
    by_question = defaultdict(list)
    for row in rows:
        by_question[row["question_id"]].append(row)
    translations = _written_translations(
        [row for q in questions if q.kind == QuestionKind.TEXT for row in by_question.get(q.pk, []) if row["text"]],
        survey.language,
    )
    results = []
    for q in questions:
        result = QuestionResult(question=q)
        rows = by_question.get(q.pk, [])
        result.answered = len(rows)
        labels = getattr(q, "shown_labels", None) or q.labels()
        if q.kind == QuestionKind.TEXT:
            for row in rows:
                entry = {"text": row["text"], "who": "", "child": "", "translation": translations.get(row["id"], "")}
                if not survey.anonymous:
                    first = (
                        row.get("response__guardian__first_name") or row.get("response__staff__user__first_name") or ""
                    )
                    last = row.get("response__guardian__last_name") or row.get("response__staff__user__last_name") or ""
                    entry["who"] = f"{first} {last}".strip()
                    entry["child"] = row.get("child__first_name") or ""
                elif row["child_number"]:
                    entry["child"] = _("Child %(n)d") % {"n": row["child_number"]}
                result.texts.append(entry)
        else:
            counts = Counter()
            for row in rows:
                if q.kind == QuestionKind.SCALE:
                    if row["scale"]:
                        counts[row["scale"] - 1] += 1
                else:
                    for i in row["choices"]:
                        counts[i] += 1
            result.options = [(label, counts[i], _pct(counts[i], result.answered)) for i, label in enumerate(labels)]
            if q.kind == QuestionKind.SCALE and result.answered:
                result.average = round(sum((i + 1) * n for i, n in counts.items()) / result.answered, 1)
        results.append(result)
    return results


def _written_translations(rows: list[dict], language: str) -> dict:
    """Ready translations of written answers into LANGUAGE, by answer id (one query)."""
    from tandem.translations.models import text_hash
    from tandem.translations.selectors import translations_for

    if not rows:
        return {}
    found = translations_for(sources=[Answer(pk=row["id"]) for row in rows], field="text", language=language)
    result = {}
    for row in rows:
        t = found.get(str(row["id"]))
        if t is not None and t.source_hash == text_hash(row["text"]):
            result[row["id"]] = t.text
    return result


def response_count(survey: Survey) -> int:
    return Participation.objects.filter(survey=survey).count()


def response_rates(survey: Survey) -> list[RateRow]:
    """Response rate overall, by room and by group (EAL, EYPP, SEND), counted from the "has
    responded" records, so it works for anonymous surveys. A group where fewer than 5
    responded shows no number at all (RateRow.responded is None): no one can be picked out."""
    done = set(Participation.objects.filter(survey=survey).values_list("respondent_hash", flat=True))
    if survey.for_staff:
        staff = audience_staff(survey)
        n = sum(1 for s in staff if survey.respondent_hash(staff_id=s.pk) in done)
        return [_rate(_("Everyone asked"), len(staff), n)]
    links = audience_links(survey).values_list(
        "child__family_id", "child__room_id", "child__eal", "child__eypp", "child__sen_status"
    )
    families: dict = {}
    for family_id, room_id, eal, eypp, sen in links:
        if family_id is None:
            continue
        groups = families.setdefault(family_id, set())
        if room_id:
            groups.add(f"room:{room_id}")
        if eal:
            groups.add("eal")
        if eypp:
            groups.add("eypp")
        if sen and sen != "none":
            groups.add("send")
    answered = {f for f in families if survey.respondent_hash(family_id=f) in done}
    rows = [_rate(_("All families asked"), len(families), len(answered))]
    rooms = Room.objects.filter(setting=survey.setting).order_by("age_from_months", "name")
    named = [(f"room:{r.pk}", r.name) for r in rooms] + [
        ("eal", _("English as an additional language (EAL)")),
        ("eypp", _("Early Years Pupil Premium (EYPP)")),
        ("send", _("Special educational needs (SEND)")),
    ]
    for key, label in named:
        members = [f for f, groups in families.items() if key in groups]
        if members:
            rows.append(_rate(label, len(members), sum(1 for f in members if f in answered)))
    return rows


def _rate(label, invited: int, responded: int) -> RateRow:
    if responded < SMALL_GROUP:
        return RateRow(str(label), invited, None, None)
    return RateRow(str(label), invited, responded, _pct(responded, invited))


def series_rounds(survey: Survey) -> list[Survey]:
    return list(
        Survey.objects.filter(setting=survey.setting, series=survey.series)
        .annotate(response_count=Count("participations", distinct=True))
        .order_by("round")
    )


def results_over_time(survey: Survey) -> tuple[list[Survey], list[tuple[str, list[float | None]]]]:
    """For each scale question of the series (matched by its text), the share of answers of 4 or
    5 ("agree", "confident") in each round; None for a round with no answers to it."""
    rounds = [r for r in series_rounds(survey) if not r.is_draft]
    questions = list(
        Question.objects.filter(survey__in=rounds, kind=QuestionKind.SCALE)
        .order_by("position")
        .values_list("pk", "survey_id", "text")
    )
    tallies = defaultdict(lambda: [0, 0])  # question id -> [high, all]
    for qid, scale in Answer.objects.filter(question__in=[q[0] for q in questions], scale__isnull=False).values_list(
        "question_id", "scale"
    ):
        tallies[qid][1] += 1
        tallies[qid][0] += scale >= 4
    texts: list[str] = []
    by_text: dict[str, dict] = defaultdict(dict)
    for qid, survey_id, text in questions:
        if text not in texts:
            texts.append(text)
        high, total = tallies[qid]
        by_text[text][survey_id] = _pct(high, total) if total else None
    series = [(text, [by_text[text].get(r.pk) for r in rounds]) for text in texts]
    return rounds, series


def response_list_count(survey: Survey) -> int:
    return Response.objects.filter(survey=survey).count()


@dataclass
class GroupRow:
    label: str
    respondents: int | None  # None: fewer than SMALL_GROUP, hidden
    averages: list[float | None]  # one per scale question


def group_breakdown(survey: Survey, questions: list[Question]) -> list[GroupRow]:
    """Named family surveys only: the average of each scale question for each room and group
    (EAL, EYPP, SEND), from the groups stored with each response. A group with fewer than 5
    respondents shows nothing. Anonymous surveys store no groups, so they have no breakdown."""
    if survey.anonymous or survey.for_staff:
        return []
    scale_ids = [q.pk for q in questions if q.kind == QuestionKind.SCALE]
    responses = dict(Response.objects.filter(survey=survey).values_list("pk", "segments"))
    sums: dict = defaultdict(lambda: defaultdict(lambda: [0, 0]))  # segment -> question -> [sum, n]
    for response_id, question_id, scale in Answer.objects.filter(
        response__survey=survey, question_id__in=scale_ids, scale__isnull=False
    ).values_list("response_id", "question_id", "scale"):
        for segment in responses.get(response_id, []):
            cell = sums[segment][question_id]
            cell[0] += scale
            cell[1] += 1
    counts = Counter(segment for segments in responses.values() for segment in segments)
    rooms = Room.objects.filter(setting=survey.setting).order_by("age_from_months", "name")
    named = [(f"room:{r.pk}", r.name) for r in rooms] + [
        ("eal", _("English as an additional language (EAL)")),
        ("eypp", _("Early Years Pupil Premium (EYPP)")),
        ("send", _("Special educational needs (SEND)")),
    ]
    rows = []
    for key, label in named:
        n = counts.get(key, 0)
        if not n:
            continue
        if n < SMALL_GROUP:
            rows.append(GroupRow(str(label), None, [None for _q in scale_ids]))
            continue
        averages = []
        for qid in scale_ids:
            total, k = sums[key][qid]
            averages.append(round(total / k, 1) if k else None)
        rows.append(GroupRow(str(label), n, averages))
    return rows
