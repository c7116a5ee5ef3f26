"""Demo structured conversations for the Sunflower demo: Aleksandra (the Toddlers key person)
met Agnieszka Nowak about Zofia five weeks ago, with an interpreter; they agreed two priorities
and the review is in five days. Agnieszka commented on the plan. Seed data only, written with
the ORM directly; running it twice adds nothing."""

import datetime as dt
import random

from tandem.core.demo.common import seeded_uuid
from tandem.core.models import Child, Guardian, Setting
from tandem.meetings.models import Conversation, FamilyComment, Priority


def seed(*, setting: Setting, today: dt.date, rng: random.Random) -> None:
    if Conversation.objects.filter(setting=setting).exists():
        return
    zofia = Child.objects.filter(setting=setting, first_name="Zofia").select_related("key_person__user").first()
    mother = Guardian.objects.filter(setting=setting, first_name="Agnieszka", last_name="Nowak").first()
    if zofia is None or mother is None or zofia.key_person is None:
        return
    key_person = zofia.key_person
    met = today - dt.timedelta(days=37)
    conversation = Conversation.objects.create(
        id=seeded_uuid(rng),
        setting=setting,
        child=zofia,
        key_person=key_person,
        status=Conversation.Status.HELD,
        meeting_on=met,
        mode="face",
        attendees=f"Agnieszka Nowak (mum), {key_person.user.display_name} (key person)",
        interpreter_used=True,
        interpreter_language="Polish",
        family_words=(
            "Zofia chatters all day in Polish at home, she sings with her grandma on video calls. "
            "We are worried she is quiet at nursery and says she has no friends. "
            "We would like her to feel brave enough to play with the other children."
        ),
        practitioner_view=(
            "Zofia watches the others closely and joins in at the water tray. She uses a few English words "
            "(more, mine, bye-bye) and gestures a lot. She is happiest with one friend, Lena."
        ),
        focus="Helping Zofia feel confident to talk and play with other children, in both her languages.",
        review_on=today + dt.timedelta(days=5),
        staff_notes="Check with the SENCO at the next supervision: EAL, not a language delay so far.",
        created_by=key_person.user,
    )
    Priority.objects.bulk_create(
        [
            Priority(
                id=seeded_uuid(rng),
                setting=setting,
                conversation=conversation,
                order=1,
                text="Zofia joins a small group game once a day",
                at_home="Agnieszka invites Lena for a play date; practise turn-taking games (Polish is fine).",
                in_setting="Key person starts a small game with Zofia and Lena after snack every day.",
            ),
            Priority(
                id=seeded_uuid(rng),
                setting=setting,
                conversation=conversation,
                order=2,
                text="Zofia uses ten English words for what she needs",
                at_home="Share a list of Zofia's favourite Polish words; read a dual-language book at bedtime.",
                in_setting="Label her favourite things in English and Polish; model the English word and wait.",
            ),
        ]
    )
    FamilyComment.objects.create(
        id=seeded_uuid(rng),
        setting=setting,
        conversation=conversation,
        guardian=mother,
        text="Dziękuję! Lena came to play on Saturday and they played shops for an hour.",
        created_at=dt.datetime.combine(met + dt.timedelta(days=9), dt.time(19, 30), tzinfo=dt.UTC),
    )
