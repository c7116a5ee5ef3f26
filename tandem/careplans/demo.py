"""Demo care plans for Sunflower: Zofia's plan (started five and a half months ago, so its
six-monthly review is due soon) with a pending proposal from her mother, and a plan for a second
child whose review is overdue. Written through the services; running it twice adds nothing."""

import datetime as dt
import random

from tandem.careplans import services
from tandem.careplans.models import CarePlan, add_months
from tandem.core.models import Child, ChildGuardian, Setting, StaffMember


def seed(*, setting: Setting, today: dt.date, rng: random.Random) -> None:
    if CarePlan.objects.filter(setting=setting).exists():
        return
    zofia = Child.objects.filter(setting=setting, first_name="Zofia", last_name="Nowak").first()
    if zofia is None or zofia.key_person_id is None:
        return
    key_person = StaffMember.objects.select_related("user").get(pk=zofia.key_person_id)
    plan = services.care_plan_write(
        child=zofia,
        by=key_person.user,
        start_date=add_months(today, -6) + dt.timedelta(days=12),
        sections={
            "routines": "Nap after lunch (about 12:30) with Kicia the rabbit. Nappy checked every two hours.",
            "health": "Peanut allergy: EpiPen in the Toddlers' medicine box; all staff shown how to use it.",
            "dietary_needs": "No peanuts or peanut products. Eats everything else; likes soup.",
            "comfort": "Sing 'Wlazł kotek na płotek'; a cuddle with Kicia; a quiet corner with books.",
            "goals": "Joining in with group songs; saying a few more words in English.",
        },
    )
    link = (
        ChildGuardian.objects.filter(child=zofia, guardian__email="otherparent@demo.tandem.test")
        .select_related("guardian__user")
        .first()
    )
    if link is not None and link.guardian.user is not None:
        services.care_plan_propose(
            plan=plan,
            by=link.guardian.user,
            guardian=link.guardian,
            changes={
                "routines": "Nap after lunch (about 13:00 now) with Kicia the rabbit. Nappy checked every two hours."
            },
            note="Zosia goes to bed later since the clocks changed.",
        )
    other = (
        Child.objects.filter(setting=setting, key_person=key_person, leave_date__isnull=True)
        .exclude(pk=zofia.pk)
        .order_by("first_name")
        .first()
    )
    if other is not None:
        services.care_plan_write(
            child=other,
            by=key_person.user,
            start_date=add_months(today, -7),
            sections={"routines": "Sleeps on a mat after lunch.", "goals": "Putting on a coat on their own."},
        )
