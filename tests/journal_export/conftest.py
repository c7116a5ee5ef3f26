"""Journal export fixtures: the journal's group observation of Ada and Ben (the astronaut photo,
Ada's face tagged) and a helper that makes an export the way the pages do."""

import datetime as dt

import pytest

from tandem.journal_export import services
from tandem.journal_export.models import JournalExport
from tests.journal.conftest import (  # noqa: F401  (fixtures re-used from the journal's tests)
    alice_member,
    astronaut_upload,
    bob_member,
    consents,
    grant,
    group_observation,
    make_observation,
    png_upload,
)


def request_export(child, by, *, side="family", kind="pdf", days=30, capture=None) -> JournalExport:
    today = child.setting.today()
    export = services.journal_export_request(
        child=child,
        by=by,
        side=side,
        kind=kind,
        date_from=today - dt.timedelta(days=days),
        date_to=today,
    )
    return export


@pytest.fixture
def make_export(django_capture_on_commit_callbacks):
    """Ask for an export and run its task (the test backend runs tasks at once, on commit)."""

    def make(child, by, **kw) -> JournalExport:
        with django_capture_on_commit_callbacks(execute=True):
            export = request_export(child, by, **kw)
        export.refresh_from_db()
        return export

    return make
