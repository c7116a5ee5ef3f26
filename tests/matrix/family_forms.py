"""A guardian's own forms: consents for their child and their communication preferences.
Staff use their own pages (404 here); ed, a guardian of another child, gets 404 for Ada but
has preferences of his own."""

from tests.matrix import PEOPLE, Entry, family_page


def _ada(c):
    return {"child_id": c["ada"].pk}


def _guardians_only(status: int) -> dict:
    expect = {p: 404 for p in PEOPLE}
    expect.update({"dora": status, "ed": status, None: 302})
    return expect


PREFERENCES = {"language": "pl", "channels": ["app", "email"], "digest": "weekly", "best_times": "evenings"}

ENTRIES = [
    family_page("family:child-consents", kwargs=_ada),
    family_page(
        "family:child-consents",
        kwargs=_ada,
        method="POST",
        data=lambda c: {"kind": "outings", "decision": "given"},
        ok=302,
    ),
    Entry("family:preferences", expect=_guardians_only(200)),
    Entry("family:preferences", method="POST", data=lambda c: PREFERENCES, expect=_guardians_only(302)),
]
