"""Demo surveys for a setting with families and staff: the parent confidence survey round 1,
closed, with about 20 answers; round 2 open now (the demo parents can answer it); and the
practitioner confidence survey, open, answered by part of the team. Answers go through the
services (so anonymity works as in real use); running it twice adds nothing."""

import datetime as dt
import random

from tandem.core.models import Guardian, Setting, StaffMember
from tandem.surveys import selectors, services
from tandem.surveys.models import QuestionKind, Survey

DEMO_PARENTS = ("parent@demo.tandem.test", "otherparent@demo.tandem.test")


def _answers(survey, children: int, rng: random.Random, mood: float) -> dict:
    data = {}
    for q in selectors.questions_of(survey):
        for n in range(1, children + 1) if q.per_child and children else [None]:
            key = selectors.field_name(q, n)
            if q.kind == QuestionKind.SCALE:
                data[key] = str(max(1, min(5, round(rng.gauss(mood, 0.9)))))
            elif q.kind == QuestionKind.SINGLE:
                data[key] = "0" if rng.random() < 0.75 + (mood - 3.5) / 5 else str(rng.choice([1, 2]))
            elif q.kind == QuestionKind.MULTIPLE:
                data[key] = [str(i) for i in rng.sample(range(len(q.labels())), k=rng.choice([1, 2]))]
            elif rng.random() < 0.4:
                data[key] = rng.choice(
                    [
                        "More photos of what they did in the day, please.",
                        "Could the newsletter come in Polish too?",
                        "Our key person is wonderful.",
                        "I would like ideas for play at home.",
                        "Pick-up is rushed; a few words at the door would help.",
                    ]
                )
    return data


def _manager(setting):
    """The demo manager, or else the first member of staff who may run surveys."""
    from tandem.access.permissions import StaffPermissions

    staff = list(
        StaffMember.objects.filter(setting=setting, is_active=True).select_related("user").order_by("created_at")
    )
    staff.sort(key=lambda s: s.user.email != "manager@demo.tandem.test")
    return next((s for s in staff if StaffPermissions.for_roles(s.roles).can_manage_partnership), None)


def seed(*, setting: Setting, today: dt.date, rng: random.Random) -> None:
    if Survey.objects.filter(setting=setting, template_key="parent_confidence").exists():
        return
    manager = _manager(setting)
    if manager is None:
        return
    by = manager.user
    guardians = list(
        Guardian.objects.filter(setting=setting, child_links__child__leave_date__isnull=True)
        .exclude(user__email__in=DEMO_PARENTS)
        .exclude(family__guardians__user__email__in=DEMO_PARENTS)
        .distinct()
        .order_by("family__name", "first_name")
    )
    families, seen = [], set()
    for g in guardians:
        if g.family_id not in seen:
            seen.add(g.family_id)
            families.append(g)

    # Round 1: open six weeks ago for a fortnight; answered then (made open, answered, then dated back).
    from tandem.surveys.templates import TEMPLATES

    round1 = services.survey_create(
        setting=setting,
        by=by,
        title=str(TEMPLATES["parent_confidence"]["title"]),
        opens_on=today,
        closes_on=today + dt.timedelta(days=14),
        template_key="parent_confidence",
    )
    Survey.objects.filter(pk=round1.pk).update(published_at=round1.created_at)  # no notices for a past round
    round1.refresh_from_db()
    for g in families[:20]:
        children = len(selectors.children_asked_about(round1, family_id=g.family_id))
        services.response_submit(survey=round1, by=None, guardian=g, answers=_answers(round1, children, rng, 3.4))
    Survey.objects.filter(pk=round1.pk).update(
        opens_on=today - dt.timedelta(days=42), closes_on=today - dt.timedelta(days=28)
    )
    round1.refresh_from_db()

    # Round 2: open now, a few answers so far, a little warmer than round 1.
    round2 = services.survey_repeat(
        survey=round1, by=by, opens_on=today - dt.timedelta(days=3), closes_on=today + dt.timedelta(days=11)
    )
    services.survey_publish(survey=round2, by=by)
    for g in families[:8]:
        children = len(selectors.children_asked_about(round2, family_id=g.family_id))
        services.response_submit(survey=round2, by=None, guardian=g, answers=_answers(round2, children, rng, 4.0))

    # The team's survey: open, answered by some of the staff (not the demo key person).
    staff_survey = services.survey_create(
        setting=setting,
        by=by,
        title=str(TEMPLATES["practitioner_confidence"]["title"]),
        audience="staff",
        opens_on=today - dt.timedelta(days=2),
        closes_on=today + dt.timedelta(days=12),
        template_key="practitioner_confidence",
    )
    services.survey_publish(survey=staff_survey, by=by)
    team = list(
        StaffMember.objects.filter(setting=setting, is_active=True)
        .exclude(user__email="keyperson@demo.tandem.test")
        .order_by("created_at")
    )
    for member in team[: max(1, len(team) // 2)]:
        services.response_submit(
            survey=staff_survey, by=None, staff=member, answers=_answers(staff_survey, 0, rng, 3.2)
        )
