"""The demo seeds one finished family PDF per demo nursery, once."""

import random

import pytest

from tandem.curriculum import demo as curriculum_demo
from tandem.curriculum.models import Framework
from tandem.journal_export import demo
from tandem.journal_export.models import JournalExport

pytestmark = pytest.mark.django_db


def test_the_demo_makes_one_family_journal_and_is_idempotent(oak_tree, group_observation) -> None:
    for _ in range(2):
        demo.seed(setting=oak_tree, today=oak_tree.today(), rng=random.Random(1))
    export = JournalExport.objects.get()
    assert (export.side, export.status, export.observation_count) == ("family", "ready", 1)


def test_the_curriculum_demo_leaves_the_loaded_frameworks_as_they_are(oak_tree) -> None:
    before = Framework.objects.count()
    curriculum_demo.seed(setting=oak_tree, today=oak_tree.today(), rng=random.Random(1))
    assert Framework.objects.count() == before > 0
