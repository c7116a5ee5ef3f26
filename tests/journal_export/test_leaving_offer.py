"""When a child leaves, their family is offered the whole learning journal to keep."""

import pytest
from django.utils import timezone

from tandem.core import services as core_services
from tandem.journal_export.models import JournalExport

pytestmark = pytest.mark.django_db(transaction=True)


def test_recording_a_leaving_date_makes_the_journal_for_the_family_once(alice, ada, dora) -> None:
    core_services.child_leave(child=ada, by=alice, leave_date=timezone.localdate())
    exports = JournalExport.objects.filter(child=ada, reason=JournalExport.Reason.LEAVING)
    assert exports.count() == 1
    core_services.child_leave(child=ada, by=alice, leave_date=timezone.localdate())
    assert exports.count() == 1
