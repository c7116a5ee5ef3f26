"""The demo notifications: notices with deliveries, a letter to print, a face-to-face reminder."""

import random

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from tandem.core.models import Setting
from tandem.notify import demo
from tandem.notify.models import Delivery, FaceToFaceTask, Notice, PrintQueueItem

pytestmark = pytest.mark.django_db


def test_it_seeds_notices_once(client) -> None:
    call_command("demo", verbosity=0)
    with scopes_disabled():
        setting = Setting.objects.get(slug="sunflower")
        counts = (Notice.objects.count(), Delivery.objects.count())
        demo.seed(setting=setting, today=setting.today(), rng=random.Random(7))
        assert (Notice.objects.count(), Delivery.objects.count()) == counts
        assert Notice.objects.filter(kind="notify.demo").count() == 3
        assert PrintQueueItem.objects.filter(printed_at__isnull=True).count() == 1
        task = FaceToFaceTask.objects.select_related("key_person__user").get()
        assert task.key_person.user.email == "keyperson@demo.tandem.test"
        assert Delivery.objects.filter(channel="sms", fallback_of__isnull=False).exists()
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(email="parent@demo.tandem.test"))
    assert "Trip to the farm" in client.get("/family/notify/").content.decode()
