"""Demo conversations for Sunflower Nursery: opening hours (Monday to Friday 07:30–18:00,
closed on the Christmas bank holidays), a thread in Polish with Agnieszka Nowak about Zofia
answered by her key person (translated both ways by a person), Sarah Taylor asking about
Poppy's teething, a message Sarah sent in the evening that got the automatic reply, and a
message from the manager to every Pre-school family (one thread per family). Written through
the services, at times in the last few days; running it twice adds nothing."""

import datetime as dt
import random
import zoneinfo

from tandem.conversations import services
from tandem.conversations.models import Conversation, Message
from tandem.core.models import Guardian, Room, Setting, StaffMember
from tandem.translations.models import TextTranslation, text_hash


def _translate(message: Message, language: str, text: str, by) -> None:
    TextTranslation.objects.update_or_create(
        source_type=message._meta.label_lower,
        source_id=str(message.pk),
        field="body",
        language=language,
        defaults={
            "setting": message.setting,
            "source_language": message.language,
            "source_hash": text_hash(message.body),
            "text": text,
            "status": TextTranslation.Status.HUMAN,
            "translated_by": by,
        },
    )


def _weekday_before(day: dt.date, back: int) -> dt.date:
    """The working day BACK working days before DAY."""
    while back:
        day -= dt.timedelta(days=1)
        if day.weekday() < 5:
            back -= 1
    return day


def seed(*, setting: Setting, today: dt.date, rng: random.Random) -> None:
    if Conversation.objects.filter(setting=setting).exists():
        return
    tz = zoneinfo.ZoneInfo(setting.timezone)
    staff = {s.user.email.split("@")[0]: s for s in StaffMember.objects.filter(setting=setting).select_related("user")}
    manager, key = staff.get("manager"), staff.get("keyperson")
    if manager is None or key is None:
        return
    services.opening_hours_set(
        setting=setting,
        by=manager.user,
        week={d: (dt.time(7, 30), dt.time(18, 0)) for d in range(5)},
        closed_days=[
            (dt.date(today.year, 12, 25), "Christmas Day"),
            (dt.date(today.year, 12, 26), "Boxing Day"),
            (dt.date(today.year + 1, 1, 1), "New Year's Day"),
        ],
    )

    def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=tz)

    guardians = {
        g.user.email: g
        for g in Guardian.objects.filter(setting=setting, user__isnull=False).select_related("user", "family")
    }
    agnieszka = guardians.get("otherparent@demo.tandem.test")
    sarah = guardians.get("parent@demo.tandem.test")
    day1, day2 = _weekday_before(today, 2), _weekday_before(today, 1)

    if agnieszka is not None:
        zofia = agnieszka.child_links.select_related("child").first().child
        thread = services.conversation_start_for_family(
            user=agnieszka.user,
            guardian=agnieszka,
            child=zofia,
            subject="Zofia i drzemka",
            body="Dzień dobry! Zofia źle spała w nocy, bo rosną jej zęby. Czy może dziś dłużej pospać po obiedzie?",
            now=at(day1, 8, 5),
        )
        first = thread.messages.get()
        _translate(
            first,
            "en",
            "Good morning! Zofia slept badly last night because she is teething. "
            "Could she have a longer nap after lunch today?",
            key.user,
        )
        services.conversation_mark_read(conversation=thread, user=key.user, by_staff=True, now=at(day1, 8, 40))
        reply = services.message_post(
            conversation=thread,
            user=key.user,
            staff=key,
            body="Of course. We'll let her sleep as long as she needs and I'll tell you at pick-up how it went.",
            now=at(day1, 8, 42),
        )
        _translate(
            reply,
            "pl",
            "Oczywiście. Pozwolimy jej spać tak długo, jak potrzebuje, a przy odbiorze powiem, jak poszło.",
            key.user,
        )
        services.conversation_mark_read(conversation=thread, user=agnieszka.user, by_staff=False, now=at(day1, 9, 15))
        thanks = services.message_post(
            conversation=thread, user=agnieszka.user, guardian=agnieszka, body="Dziękuję bardzo!", now=at(day1, 9, 16)
        )
        _translate(thanks, "en", "Thank you very much!", key.user)

    if sarah is not None:
        links = {link.child.first_name: link.child for link in sarah.child_links.select_related("child")}
        poppy = links.get("Poppy") or next(iter(links.values()))
        thread = services.conversation_start_for_family(
            user=sarah.user,
            guardian=sarah,
            child=poppy,
            subject="Poppy's teething gel",
            body="Hi, I've put teething gel in Poppy's bag. Could you use it after lunch if she's grumpy? Sarah",
            audience="room_team",
            now=at(day2, 7, 50),
        )
        services.conversation_mark_read(conversation=thread, user=manager.user, by_staff=True, now=at(day2, 8, 10))
        services.message_post(
            conversation=thread,
            user=manager.user,
            staff=manager,
            body="Thanks Sarah. The gel needs a medicine permission: you can give it in Tandem under **Medicines**.",
            now=at(day2, 8, 12),
        )
        # An evening message: the automatic reply says when the nursery opens.
        services.message_post(
            conversation=thread,
            user=sarah.user,
            guardian=sarah,
            body="Done, permission given. Thank you!",
            now=at(day2, 20, 30),
        )

    preschool = Room.objects.filter(setting=setting, name="Pre-school").first()
    if preschool is not None:
        services.conversation_start_for_staff(
            user=manager.user,
            staff=manager,
            children=preschool.children.filter(leave_date__isnull=True).select_related("family", "setting"),
            subject="Farm trip on Friday",
            body="We're visiting the city farm on Friday morning. Please send your child in wellies and a warm coat.",
            now=at(_weekday_before(today, 1), 16, 30),
        )
