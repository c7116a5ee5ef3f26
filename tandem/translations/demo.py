"""Demo translations for Sunflower Nursery: Ewa, a volunteer who translates Polish
(translator@demo.tandem.test, password tandem-demo; her only role is translator), the glossary
(the room names kept as written, "key person", "stay and play"), the staff language (English),
and a few texts waiting in her queue: a parent's question in Polish for the staff, a notice for
Polish families with a machine suggestion to check, and one the machine could not translate.
The demo texts hang off the setting itself (field "demo-…"), standing in for the messages and
announcements the other apps will request. Seed data only; running it twice adds nothing."""

import datetime as dt
import random

from allauth.account.models import EmailAddress
from django.utils import timezone

from tandem.accounts.models import User
from tandem.core.demo.common import new_user, seeded_uuid
from tandem.core.models import Room, Setting, StaffMember, StaffRole
from tandem.translations.models import GlossaryTerm, SettingLanguage, TextTranslation, TranslatorProfile, text_hash

EMAIL = "translator@demo.tandem.test"

GLOSSARY = [
    # term, translation into Polish ("" = kept as written), note
    ("key person", "osoba kluczowa", "The practitioner who looks after your child (EYFS)."),
    ("stay and play", "Baw się z nami (stay and play)", "Our sessions for parents and little ones."),
    ("Tapestry", "", "A name: never translate."),
]

TEXTS = [
    # field, source language, target, author, status, original, machine suggestion, failure
    (
        "demo-parent-question",
        "pl",
        "en",
        "parent",
        TextTranslation.Status.REQUESTED,
        "Dzień dobry, czy mój syn może jutro przyjść później, około 10:00? Mamy wizytę u lekarza.",
        "",
        "",
    ),
    (
        "demo-stay-and-play",
        "en",
        "pl",
        "staff",
        TextTranslation.Status.MACHINE,
        "Join us for stay and play on Friday at 2pm in the Toddlers room. Your key person will be there.",
        "Dołącz do nas na Baw się z nami (stay and play) w piątek o 14:00 w pokoju Toddlers. "
        "Twoja osoba kluczowa tam będzie.",
        "",
    ),
    (
        "demo-sun-cream",
        "en",
        "pl",
        "staff",
        TextTranslation.Status.FAILED,
        "The weather is warm this week: please put sun cream on your child before nursery and bring a sun hat.",
        "",
        "The translation server did not answer within 15 s.",
    ),
]


def seed(*, setting: Setting, today: dt.date, rng: random.Random) -> None:
    if TranslatorProfile.objects.filter(setting=setting).exists():
        return
    now = timezone.now()
    user = User.objects.filter(email=EMAIL).first()
    if user is None:
        user = new_user(rng, username=EMAIL, email=EMAIL, first_name="Ewa", last_name="Zielińska", language="pl")
        user.save()
        EmailAddress.objects.create(user=user, email=EMAIL, verified=True, primary=True)
    else:
        seeded_uuid(rng)  # keep the ids that follow the same on a rebuilt demo
    staff = StaffMember.objects.filter(setting=setting, user=user).first()
    if staff is None:
        staff = StaffMember.objects.create(
            id=seeded_uuid(rng),
            setting=setting,
            user=user,
            roles=[StaffRole.TRANSLATOR],
            job_title="Volunteer translator (Polish)",
        )
    TranslatorProfile.objects.create(id=seeded_uuid(rng), setting=setting, staff=staff, languages=["pl"])
    SettingLanguage.objects.get_or_create(setting=setting, defaults={"id": seeded_uuid(rng), "staff_language": "en"})

    team = StaffMember.objects.filter(setting=setting).select_related("user").order_by("created_at")
    manager = next((m for m in team if StaffRole.MANAGER in m.roles), None)  # JSON lookups differ by database
    by = manager.user if manager else None
    terms = [(room.name, "", "", "A room's name: keep it as written.") for room in Room.objects.filter(setting=setting)]
    terms += [(term, "pl" if translation else "", translation, note) for term, translation, note in GLOSSARY]
    for term, language, translation, note in terms:
        GlossaryTerm.objects.get_or_create(
            setting=setting,
            term=term,
            source_language="en",
            language=language,
            defaults={"id": seeded_uuid(rng), "translation": translation, "note": note, "created_by": by},
        )

    for minutes, (field, source, target, author, status, original, machine, failure) in enumerate(TEXTS):
        TextTranslation.objects.get_or_create(
            source_type=setting._meta.label_lower,
            source_id=str(setting.pk),
            field=field,
            language=target,
            defaults={
                "id": seeded_uuid(rng),
                "setting": setting,
                "source_language": source,
                "source_hash": text_hash(original),
                "source_text": original,
                "author_kind": author,
                "status": status,
                "text": machine,
                "machine_text": machine,
                "provider": "libretranslate" if machine else "",
                "attempts": 4 if failure else (1 if machine else 0),
                "failure_reason": failure,
                "created_at": now - dt.timedelta(hours=3, minutes=-10 * minutes),
                "updated_at": now,
            },
        )
