"""Demo concerns and complaints for Sunflower: a written complaint at day 23 (at risk, being
looked into), a concern the family confirmed was resolved informally (Agnieszka, in Polish),
anonymous feedback, and a complaint answered in 12 days and closed, so the complaints record
has a full row. Written through the services (so every step and notice is real), then dated
back. Running it twice adds nothing."""

import datetime as dt
import random
import zoneinfo

from django.db.models import F

from tandem.concerns import services
from tandem.concerns.models import Concern, ConcernStep
from tandem.core.models import ChildGuardian, Setting, StaffMember


def seed(*, setting: Setting, today: dt.date, rng: random.Random) -> None:
    if Concern.objects.filter(setting=setting).exists():
        return
    manager = (
        StaffMember.objects.filter(setting=setting, user__email="manager@demo.tandem.test")
        .select_related("user")
        .first()
    )
    links = {
        link.guardian.email: link
        for link in ChildGuardian.objects.filter(setting=setting, guardian__user__isnull=False).select_related(
            "guardian__user", "child"
        )
    }
    sarah = links.get("parent@demo.tandem.test")
    agnieszka = links.get("otherparent@demo.tandem.test")
    if manager is None or sarah is None or agnieszka is None:
        return
    tz = zoneinfo.ZoneInfo(setting.timezone)
    me = manager.user

    def at(days_ago: int, hour: int) -> dt.datetime:
        return dt.datetime.combine(today - dt.timedelta(days=days_ago), dt.time(hour, 0), tzinfo=tz)

    def backdate(concern: Concern, when: dt.datetime) -> None:
        ConcernStep.objects.filter(concern=concern).update(at=when)
        Concern.objects.filter(pk=concern.pk).update(acknowledged_at=when)

    # 1. A written complaint about the key person, 23 days ago: at risk.
    complaint = services.concern_raise(
        setting=setting,
        by=sarah.guardian.user,
        guardian=sarah.guardian,
        child=sarah.child,
        kind="complaint",
        about=(
            f"{sarah.child.first_name}'s key person changed last month and nobody told us. "
            "He was upset at drop-off for a week."
        ),
        desired_outcome="To be told before changes like this, and to meet the new key person.",
        received_at=at(23, 19),
    )
    backdate(complaint, at(23, 19))
    services.concern_assign(concern=complaint, staff=manager, by=me)
    services.concern_update_record(
        concern=complaint,
        by=me,
        eyfs_related=True,
        eyfs_requirement="Safeguarding and welfare: key person",
        nature=f"Key person of {sarah.child.first_name} changed without telling the family.",
        ofsted_involved=False,
        ofsted_details="",
    )
    services.concern_add_step(
        concern=complaint, kind="contact", text="Phoned Sarah; meeting with the new key person offered.", by=me
    )
    services.concern_add_step(
        concern=complaint, kind="evidence", text="Rota change of 3 weeks ago; no letter sent to families.", by=me
    )

    # 2. A concern resolved informally, which the family confirmed (Polish).
    lunch = services.concern_raise(
        setting=setting,
        by=agnieszka.guardian.user,
        guardian=agnieszka.guardian,
        child=agnieszka.child,
        kind="concern",
        about=f"{agnieszka.child.first_name} mówi, że nie dostaje wody po obiedzie.",
        desired_outcome="Proszę dawać jej wodę.",
        language="pl",
        received_at=at(9, 17),
    )
    backdate(lunch, at(9, 17))
    services.concern_assign(concern=lunch, staff=manager, by=me)
    services.concern_offer_informal(
        concern=lunch,
        summary="We talked at pick-up: water is now on every table at lunch and staff offer it.",
        by=me,
    )
    services.concern_family_respond(
        concern=lunch, guardian=agnieszka.guardian, by=agnieszka.guardian.user, happy=True, comment="Dziękuję!"
    )

    # 3. Anonymous feedback.
    services.concern_raise(
        setting=setting,
        by=None,
        kind="feedback",
        about="The new garden is lovely. Could the gate close more quietly at home time?",
        anonymous=True,
        received_at=at(4, 20),
    )

    # 4. A complaint received on paper two months ago, answered in 12 days, closed.
    paper = services.concern_raise(
        setting=setting,
        by=me,
        guardian=sarah.guardian,
        kind="complaint",
        channel="paper",
        about="The car park gate was left open at collection time.",
        received_at=at(60, 10),
    )
    backdate(paper, at(60, 10))
    services.concern_assign(concern=paper, staff=manager, by=me)
    services.concern_update_record(
        concern=paper,
        by=me,
        eyfs_related=True,
        eyfs_requirement="Safeguarding and welfare: safety and suitability of premises",
        nature="Car park gate left open at collection.",
        ofsted_involved=False,
        ofsted_details="",
    )
    services.concern_record_outcome(
        concern=paper,
        outcome="The gate now has a self-closing spring and is checked at 17:00.",
        actions="Spring fitted; check added to the closing routine.",
        by=me,
    )
    sent = at(48, 15)
    Concern.objects.filter(pk=paper.pk).update(outcome_sent_at=sent, outcome_sent_on=sent.date())
    services.concern_close(concern=paper, by=me)
    Concern.objects.filter(pk=paper.pk).update(closed_at=sent + dt.timedelta(days=1), updated_at=F("closed_at"))
