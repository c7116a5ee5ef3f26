"""Demo settling in and moves for Sunflower: the settling-in checklist of the baby who starts
today (home visit and information pack done, the rest to do), and Zofia's coming move from
Toddlers to Pre-school with a summary her key person has given to her family. Written through
the services; running it twice adds nothing."""

import datetime as dt
import random

from tandem.core.models import Child, Room, Setting, StaffMember
from tandem.transitions import services
from tandem.transitions.models import SettlingStepDone, Transition


def seed(*, setting: Setting, today: dt.date, rng: random.Random) -> None:
    if Transition.objects.filter(setting=setting).exists() or SettlingStepDone.objects.filter(setting=setting).exists():
        return
    starter = (
        Child.objects.filter(setting=setting, start_date__gte=today, leave_date__isnull=True)
        .exclude(key_person__isnull=True)
        .order_by("start_date", "first_name")
        .first()
    )
    if starter is not None:
        kp = StaffMember.objects.select_related("user").get(pk=starter.key_person_id)
        services.settling_step_tick(
            child=starter,
            step="home_visit",
            by=kp.user,
            done_on=today - dt.timedelta(days=12),
            note="Home visit with mum",
        )
        services.settling_step_tick(
            child=starter, step="info_pack", by=kp.user, done_on=today - dt.timedelta(days=14), note="Sent by e-mail"
        )
        services.settling_step_tick(
            child=starter,
            step="visits",
            by=kp.user,
            done_on=today - dt.timedelta(days=5),
            note="Two stay-and-play visits",
        )
    zofia = Child.objects.filter(setting=setting, first_name="Zofia", last_name="Nowak").first()
    preschool = Room.objects.filter(setting=setting, name="Pre-school").first()
    if zofia is None or preschool is None or zofia.key_person_id is None or zofia.room_id == preschool.pk:
        return
    kp = StaffMember.objects.select_related("user").get(pk=zofia.key_person_id)
    move = services.transition_plan(
        child=zofia, by=kp.user, kind="room", planned_date=today + dt.timedelta(days=24), to_room=preschool
    )
    services.transition_visit_add(
        transition_=move, by=kp.user, visit_on=today - dt.timedelta(days=3), note="Stayed an hour; loved the bikes."
    )
    move = services.transition_summary_write(
        transition_=move,
        by=kp.user,
        summary=(
            "Zofia (Zosia) is a happy, curious girl who loves bubbles, animal songs and building towers. "
            "She settles best with Kicia, her pink rabbit, and a quiet song in Polish. "
            "She has a peanut allergy (EpiPen). She understands a lot of English and is starting to use words "
            "like 'more' and 'bye-bye'. She is ready for the bikes and the big sandpit in Pre-school."
        ),
    )
    services.transition_summary_share_with_family(transition_=move, by=kp.user)
