"""Every notice these apps send names templates that exist and render with the notice's own
context, in English and in Polish (the catalogues are translated centrally later)."""

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from tandem.meetings import services
from tandem.notify.models import Notice
from tandem.worries import services as worry_services
from tests.meetings.conftest import record

pytestmark = pytest.mark.django_db


def test_every_notice_renders(ada, bob, bob_staff, alice, dora) -> None:
    today = ada.setting.today()
    plan = record(ada, bob, review_on=today + dt.timedelta(days=3))
    services.conversation_plan(child=ada, by=bob, meeting_on=today)
    services.family_comment_add(conversation=plan, guardian=dora.guardianships.get(), by=dora, text="Thanks")
    services.send_reminders(setting=ada.setting)
    worry = worry_services.worry_open(child=ada, by=alice, raised_by=bob_staff, area="CL", observed="Few words")
    worry_services.discussion_record(worry=worry, by=bob, discussed_on=today, family_views="Same at home")
    kinds = set(Notice.objects.values_list("kind", flat=True))
    assert kinds == {
        "meetings.plan_ready",
        "meetings.family_commented",
        "meetings.meeting_reminder",
        "meetings.review_reminder",
        "worries.opened",
        "worries.shared",
    }
    for notice in Notice.objects.all():
        for language in ("en", "pl"):
            with translation.override(language):
                subject = render_to_string(f"{notice.template}.subject.txt", notice.context).strip()
                body = render_to_string(f"{notice.template}.body.txt", notice.context).strip()
            assert subject and body
            assert "Ada" in subject + body
            assert "{{" not in body
