"""Demo consultation: the setting's vision, values and aims, put to families and staff for
comment, with comments from three families (one in Polish) and a member of staff, and a reply
shown to everyone. Running it twice adds nothing."""

import datetime as dt
import random

from tandem.consultations import selectors, services
from tandem.consultations.models import Consultation
from tandem.core.models import Guardian, Setting, StaffMember

VISION = """Every child is welcome here, just as they are, and every family too.

We work with families as partners: you know your child best, and we learn from you.

Children learn through play, indoors and outdoors, every day and in all weathers.

We value every language spoken at home, and we help children use them with pride.

We keep learning ourselves, and we tell you what we change because of what you say."""

PLAN = """Aim 1: more families share what their child does at home, through the app, on paper or at the door.

Aim 2: every family who reads better in another language gets our news in that language.

Aim 3: the garden is used every day by every room."""


def seed(*, setting: Setting, today: dt.date, rng: random.Random) -> None:
    if Consultation.objects.filter(setting=setting).exists():
        return
    from tandem.access.permissions import StaffPermissions

    staff = list(
        StaffMember.objects.filter(setting=setting, is_active=True).select_related("user").order_by("created_at")
    )
    staff.sort(key=lambda s: s.user.email != "manager@demo.tandem.test")
    manager = next((s for s in staff if StaffPermissions.for_roles(s.roles).can_manage_partnership), None)
    if manager is None:
        return
    vision = services.consultation_create(
        setting=setting,
        by=manager.user,
        title="Our vision, values and aims",
        body=VISION,
        kind="vision",
        audience="everyone",
        comments_close_on=today + dt.timedelta(days=21),
    )
    version = services.version_publish(consultation=vision, by=manager.user)
    guardians = list(
        Guardian.objects.filter(setting=setting, user__isnull=False)
        .exclude(user__email="parent@demo.tandem.test")
        .select_related("user", "preferences")
        .order_by("family__name", "first_name")[:3]
    )
    texts = [
        (2, "en", "Yes please. A short chat at pick-up would help us share more."),
        (4, "pl", "Dziękuję, że cenicie nasz język. Czy wiadomości mogą być po polsku?"),
        (None, "en", "Lovely to read. Could you say how often children go outside in winter?"),
    ]
    comments = []
    for guardian, (paragraph, language, body) in zip(guardians, texts, strict=False):
        comments.append(
            services.comment_add(
                version=version, by=guardian.user, guardian=guardian, body=body, paragraph=paragraph, language=language
            )
        )
    others = [s for s in staff if s.pk != manager.pk]
    if others:
        services.comment_add(
            version=version,
            by=others[0].user,
            staff=others[0],
            paragraph=3,
            body="Can we add that we plan from what children are interested in?",
        )
    if len(comments) > 1:
        services.reply_add(
            comment=comments[1],
            by=manager.user,
            visibility="everyone",
            body="Yes: from next month our newsletter comes in Polish, Romanian, Urdu and Bengali too.",
        )
    plan = services.consultation_create(
        setting=setting,
        by=manager.user,
        title="Our improvement plan this year",
        body=PLAN,
        kind="improvement",
        audience="staff",
    )
    services.version_publish(consultation=plan, by=manager.user)
    assert selectors.latest_version(plan) is not None
