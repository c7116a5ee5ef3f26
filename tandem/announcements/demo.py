"""Demo announcements for the demo setting: a sent December newsletter with a question (read by
some families, answered by a few, translated into Polish by a person), a scheduled reminder for
next week, and a sent note for the Toddlers room. Written through the services (so notices and
read tracking exist as they would); running it twice adds nothing."""

import datetime as dt
import random

from django.utils import timezone

from tandem.announcements import services
from tandem.announcements.models import Announcement, AnnouncementRecipient, QuestionAnswer
from tandem.core.models import Room, Setting, StaffMember, StaffRole
from tandem.translations.models import TextTranslation, text_hash

NEWSLETTER = """Dear families,

December is a busy month at nursery. Here is what is coming up:

- **Nativity:** Friday at 2 pm in the Pre-school room. Everyone is welcome.
- **Christmas jumper day:** Wednesday. Wear one if you have one, there is no need to buy one.
- **Closing:** we close at 1 pm on 24 December and open again on 2 January.

Thank you for all the donations to the food bank box by the door.
"""

NEWSLETTER_PL = """Drodzy rodzice,

Grudzień to pracowity miesiąc w żłobku. Oto, co nas czeka:

- **Jasełka:** piątek o 14:00 w sali przedszkolnej. Wszyscy są mile widziani.
- **Dzień świątecznego swetra:** środa. Załóżcie sweter, jeśli macie, nie trzeba go kupować.
- **Zamknięcie:** zamykamy 24 grudnia o 13:00 i otwieramy ponownie 2 stycznia.

Dziękujemy za wszystkie dary do skrzynki banku żywności przy drzwiach.
"""


def _human(announcement: Announcement, field: str, language: str, text: str) -> None:
    TextTranslation.objects.update_or_create(
        source_type=announcement._meta.label_lower,
        source_id=str(announcement.pk),
        field=field,
        language=language,
        defaults={
            "setting": announcement.setting,
            "source_language": announcement.language,
            "source_hash": text_hash(getattr(announcement, field)),
            "text": text,
            "status": TextTranslation.Status.HUMAN,
        },
    )


def seed(*, setting: Setting, today: dt.date, rng: random.Random) -> None:
    if Announcement.objects.filter(setting=setting).exists():
        return
    staff = list(
        StaffMember.objects.filter(setting=setting, is_active=True).select_related("user").order_by("created_at")
    )
    manager = next((s.user for s in staff if StaffRole.MANAGER in s.roles), None)
    if manager is None:
        return
    now = timezone.now()

    newsletter = services.announcement_create(
        setting=setting,
        by=manager,
        kind=Announcement.Kind.NEWSLETTER,
        title="December newsletter",
        body_markdown=NEWSLETTER,
        question="Can you help at the nativity on Friday?",
        question_closes_at=now + dt.timedelta(days=3),
    )
    services.announcement_send(announcement=newsletter, by=manager)
    Announcement.objects.filter(pk=newsletter.pk).update(sent_at=now - dt.timedelta(days=2))
    newsletter.refresh_from_db()
    _human(newsletter, "title", "pl", "Grudniowy biuletyn")
    _human(newsletter, "body_markdown", "pl", NEWSLETTER_PL)
    _human(newsletter, "question", "pl", "Czy możesz pomóc przy jasełkach w piątek?")
    recipients = list(
        AnnouncementRecipient.objects.filter(announcement=newsletter)
        .select_related("guardian")
        .order_by("guardian__last_name", "pk")
    )
    for i, recipient in enumerate(recipients):
        if i % 3 == 2:
            continue  # about a third have not opened it: the staff see them on the not-seen list
        if recipient.guardian.user_id is None:
            continue
        services.announcement_mark_read(recipient=recipient, by=recipient.guardian.user)
        if i % 4 == 0:
            services.question_answer(
                recipient=recipient,
                answer=QuestionAnswer.Answer.YES if rng.random() < 0.6 else QuestionAnswer.Answer.NO,
                by=recipient.guardian.user,
            )

    later = services.announcement_create(
        setting=setting,
        by=manager,
        title="Parents' evening sign-up opens",
        body_markdown=(
            "Parents' evenings are in the second week of January. You can choose a time in Tandem from Monday."
        ),
    )
    services.announcement_schedule(announcement=later, send_at=now + dt.timedelta(days=2, hours=1), by=manager)

    toddlers = Room.objects.filter(setting=setting, name="Toddlers").first()
    if toddlers is not None:
        room_note = services.announcement_create(
            setting=setting,
            by=manager,
            title="Toddlers: spare clothes please",
            body_markdown=(
                "We are doing lots of messy play this week. Please bring **two sets** of spare clothes in a named bag."
            ),
            audience=Announcement.Audience.ROOMS,
            rooms=[toddlers],
        )
        services.announcement_send(announcement=room_note, by=manager)
        _human(room_note, "title", "pl", "Maluchy: prosimy o ubrania na zmianę")
        _human(
            room_note,
            "body_markdown",
            "pl",
            "W tym tygodniu dużo bawimy się masą i farbami. "
            "Prosimy o **dwa komplety** ubrań na zmianę w podpisanej torbie.",
        )
