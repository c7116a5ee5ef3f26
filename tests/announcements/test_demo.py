"""The demo announcements and setting information: seeded once, visible to the demo people."""

import random

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django_scopes import scopes_disabled

from tandem.announcements import demo
from tandem.announcements.models import Announcement, AnnouncementRecipient, QuestionAnswer
from tandem.core.models import Setting
from tandem.setting_info import demo as info_demo
from tandem.setting_info.models import MenuDay, SettingInfo, TeamProfile

pytestmark = pytest.mark.django_db


def test_it_seeds_announcements_and_the_information_page_once(client) -> None:
    call_command("demo", verbosity=0)
    with scopes_disabled():
        setting = Setting.objects.get(slug="sunflower")
        counts = (Announcement.objects.count(), AnnouncementRecipient.objects.count(), MenuDay.objects.count())
        demo.seed(setting=setting, today=setting.today(), rng=random.Random(1))
        info_demo.seed(setting=setting, today=setting.today(), rng=random.Random(1))
        assert (Announcement.objects.count(), AnnouncementRecipient.objects.count(), MenuDay.objects.count()) == counts
        assert Announcement.objects.filter(kind="newsletter", status="sent").exclude(question="").exists()
        assert Announcement.objects.filter(status="scheduled").count() == 1
        assert Announcement.objects.filter(audience="rooms", rooms__name="Toddlers", status="sent").exists()
        assert AnnouncementRecipient.objects.filter(read_at__isnull=False).exists()
        assert AnnouncementRecipient.objects.filter(read_at__isnull=True).exists()
        assert QuestionAnswer.objects.exists()
        assert SettingInfo.objects.filter(setting=setting).exclude(opening_times="").exists()
        assert MenuDay.objects.count() == 10 and TeamProfile.objects.exists()
    with scopes_disabled():
        parent = get_user_model().objects.get(email="otherparent@demo.tandem.test")
    client.force_login(parent)
    page = client.get("/family/announcements/").content.decode()
    assert "Grudniowy biuletyn" in page and "Maluchy: prosimy o ubrania na zmianę" in page
    assert "fish pie with peas" in client.get("/family/setting-info/").content.decode()
