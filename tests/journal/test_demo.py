"""The demo nursery gets a learning journal with photos, group observations and families'
contributions; a second run adds nothing."""

import random

import pytest
from django.core.management import call_command
from django.utils import timezone

from tandem.core.models import Setting
from tandem.journal.demo import seed
from tandem.journal.models import Comment, HomeMoment, Observation, ObservationMedia

pytestmark = pytest.mark.django_db


def test_the_demo_journal_is_believable_and_a_second_run_adds_none(django_capture_on_commit_callbacks) -> None:
    call_command("demo", verbosity=0)
    setting = Setting.objects.order_by("created_at").first()
    with django_capture_on_commit_callbacks(execute=False):
        if not Observation.objects.filter(setting=setting).exists():
            seed(setting=setting, today=timezone.localdate(), rng=random.Random(4))
    counts = (
        Observation.objects.filter(setting=setting).count(),
        Observation.objects.filter(setting=setting, child_links__isnull=False).distinct().count(),
        ObservationMedia.objects.filter(setting=setting).count(),
        Comment.objects.filter(setting=setting).count(),
        HomeMoment.objects.filter(setting=setting).count(),
    )
    assert all(n > 0 for n in counts), counts
    groups = [o for o in Observation.objects.filter(setting=setting) if o.child_links.count() > 1]
    assert groups
    seed(setting=setting, today=timezone.localdate(), rng=random.Random(4))
    assert Observation.objects.filter(setting=setting).count() == counts[0]
