"""Demo progress worries for the Sunflower demo: a worry about Lena's communication and language
opened ten days ago, waiting for a conversation with the family (she is 27 months: the progress
check at two is relevant); and a closed case about Matei's personal, social and emotional
development, discussed with his mother, with agreed support and the graduated approach
recorded. Seed data only (ORM directly); running it twice adds nothing."""

import datetime as dt
import random

from tandem.core.demo.common import seeded_uuid
from tandem.core.models import Child, Setting, StaffMember
from tandem.worries.models import Worry, WorryStage


def seed(*, setting: Setting, today: dt.date, rng: random.Random) -> None:
    if Worry.objects.filter(setting=setting).exists():
        return
    lena = Child.objects.filter(setting=setting, first_name="Lena").select_related("key_person__user").first()
    matei = Child.objects.filter(setting=setting, first_name="Matei").select_related("key_person__user").first()
    if lena is None or matei is None or lena.key_person is None or matei.key_person is None:
        return
    staff = StaffMember.objects.filter(setting=setting, is_active=True).select_related("user").order_by("created_at")
    senco = next((s for s in staff if "senco" in s.roles), None)
    Worry.objects.create(
        id=seeded_uuid(rng),
        setting=setting,
        child=lena,
        area="CL",
        observed=(
            "Lena rarely speaks in the room, in English or Polish, and does not yet respond to her name "
            "when she is playing. She points and pulls adults by the hand to what she wants."
        ),
        raised_by=lena.key_person,
        opened_on=today - dt.timedelta(days=10),
        staff_notes="Ask the family about hearing (ear infections?) before suggesting a referral.",
        created_by=lena.key_person.user,
    )
    opened = today - dt.timedelta(days=70)
    closed = Worry.objects.create(
        id=seeded_uuid(rng),
        setting=setting,
        child=matei,
        area="PSED",
        observed="Matei finds drop-off very hard and hits out when other children come close to his play.",
        raised_by=matei.key_person,
        opened_on=opened,
        status=Worry.Status.CLOSED,
        discussed_on=opened + dt.timedelta(days=4),
        family_views=(
            "Cristina said Matei has been unsettled since his sister was born and sleeps badly. "
            "At home he calms down with his blue blanket and a song."
        ),
        agreed_support=(
            "A visual timetable for the morning; the blue blanket comes to nursery; the same adult greets "
            "him every day; SEN support plan reviewed with Cristina every six weeks."
        ),
        shared_with_family_at=dt.datetime.combine(opened + dt.timedelta(days=4), dt.time(17, 0), tzinfo=dt.UTC),
        closed_on=today - dt.timedelta(days=5),
        closed_by=(senco or matei.key_person).user,
        outcome="Settled well at drop-off for four weeks; continues on SEN support with a plan.",
        staff_notes="Family support worker contact given to mum.",
        created_by=matei.key_person.user,
    )
    author = (senco or matei.key_person).user
    for stage, days, notes in [
        ("assess", 2, "Observed three sessions with the SENCO; spoke with Cristina about home."),
        ("plan", 6, "Outcomes agreed with Cristina: calm drop-off, play alongside one friend."),
        ("do", 7, "Visual timetable and greeting routine started."),
        ("review", 60, "Drop-off calm on most days; plays alongside Hamza. Continue on SEN support."),
    ]:
        WorryStage.objects.create(
            id=seeded_uuid(rng),
            setting=setting,
            worry=closed,
            stage=stage,
            on=opened + dt.timedelta(days=days),
            notes=notes,
            recorded_by=author,
        )
