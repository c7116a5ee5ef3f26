"""Home, health, family, staff and organisation pages of tandem.core."""

from tests.matrix import PEOPLE, Entry, family_page, staff_page


def _everyone(status: int, anonymous: int = 302) -> dict:
    expect = {p: status for p in PEOPLE}
    expect[None] = anonymous
    return expect


ENTRIES = [
    Entry(
        "home",
        # Each person with one place is sent straight to it.
        expect=_everyone(302),
    ),
    Entry("healthz", expect={**_everyone(200, anonymous=200)}, note="public; shows no personal data"),
    Entry("family:home", expect=_everyone(200)),
    family_page("family:child-detail", kwargs=lambda c: {"child_id": c["ada"].pk}),
    staff_page("staff:home"),
    staff_page("staff:child-list"),
    staff_page("staff:working-with-families"),
    staff_page("staff:child-detail", kwargs=lambda c: {"setting_slug": "oak-tree", "child_id": c["ada"].pk}),
    Entry(
        "org:overview",
        kwargs=lambda c: {"organisation_slug": "oak-tree-group"},
        expect={**_everyone(404), "olive": 200},
    ),
]
