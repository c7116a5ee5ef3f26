"""Records kept and retention (tandem.records), under /s/<setting_slug>/records/: only those
who manage the setting (can_manage_setting: alice) see the rules and confirm a report; bob and
adam get 403, everyone outside Oak Tree 404. There is no family side."""

from tests.matrix import staff_page

OAK = "oak-tree"
MANAGERS = {"allowed": ("alice",), "forbidden": ("bob", "adam")}


def _report(c):
    """A dry run for Oak Tree (with nothing due: the confirm still answers with a redirect)."""
    from tandem.records import services

    reports = services.retention_report_build(setting=c["ada"].setting)
    return {"setting_slug": OAK, "report_id": reports[0].pk}


ENTRIES = [
    staff_page("records:index", **MANAGERS),
    staff_page("records:check", method="POST", ok=302, **MANAGERS),
    staff_page("records:report-detail", kwargs=_report, **MANAGERS),
    staff_page("records:report-confirm", kwargs=_report, method="POST", ok=302, **MANAGERS),
]
