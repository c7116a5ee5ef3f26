"""Demo data for journals to keep: one finished PDF of a child's journal, as their family asked
for it, in each demo nursery (not in the generated scale settings: a PDF each would make
`demo --scale 50` slow, and the benchmark makes its own). Idempotent."""

import datetime as dt
import random

from tandem.core.models import ChildGuardian, Setting
from tandem.journal.models import Observation

from . import services
from .models import JournalExport


def seed(*, setting: Setting, today: dt.date, rng: random.Random) -> None:
    if setting.slug.startswith("scale-") or JournalExport.objects.filter(setting=setting).exists():
        return
    published = Observation.objects.filter(setting=setting, status=Observation.Status.PUBLISHED)
    link = (
        ChildGuardian.objects.filter(
            setting=setting, child__observation_links__observation__in=published, guardian__user__isnull=False
        )
        .select_related("child", "guardian__user")
        .first()
    )
    if link is None:
        return
    export = JournalExport.objects.create(
        setting=setting,
        child=link.child,
        requested_by=link.guardian.user,
        side=JournalExport.Side.FAMILY,
        kind=JournalExport.Kind.PDF,
        date_from=today - dt.timedelta(days=90),
        date_to=today,
    )
    services.journal_export_make(export=export)
