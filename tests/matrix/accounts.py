"""Account pages (tandem.accounts): a person's own profile, tokens and exports, the family's
invitation code pages, and the staff pages for invitations."""

from tests.matrix import PEOPLE, Entry, staff_page


def _everyone(status: int, anonymous: int = 302) -> dict:
    expect = {p: status for p in PEOPLE}
    expect[None] = anonymous
    return expect


def _own_only(ok: int) -> dict:
    """Something that belongs to dora: she gets OK, everyone else 404, signed out 302."""
    expect = {p: 404 for p in PEOPLE}
    expect["dora"] = ok
    expect[None] = 302
    return expect


def _uninvited_guardian(cast: dict):
    """Dan, Ada's father: known to Oak Tree, no account yet."""
    from tests import factories as f

    guardian = f.GuardianFactory(
        family=cast["ada"].family, first_name="Dan", last_name="Lovelace", email="dan@home.test"
    )
    f.ChildGuardianFactory(child=cast["ada"], guardian=guardian, relationship="father")
    return guardian


def _open_invitation(cast: dict):
    from tandem.accounts import services

    invitation, _raw = services.invitation_create(
        guardian=_uninvited_guardian(cast), channel="letter", by=cast["alice"], language="en"
    )
    return invitation


def _doras_token(cast: dict):
    from tandem.accounts import services

    token, _raw = services.api_token_create(user=cast["dora"], name="Tablet", scope="read", expires_at=None)
    return token


def _doras_export(cast: dict):
    from tandem.accounts import services

    return services.data_export_request(user=cast["dora"])  # built at once: tasks run inline in tests


_INVITERS = ("alice", "adam")  # manager and administrator have can_invite_families; bob does not

ENTRIES = [
    Entry("accounts:profile", expect=_everyone(200)),
    Entry("accounts:mfa-required", expect=_everyone(200)),
    Entry(
        "accounts:language",
        method="POST",
        data=lambda c: {"language": "cy", "next": "/"},
        expect=_everyone(302, anonymous=302),
        note="signed out too: stored in a cookie",
    ),
    Entry(
        "accounts:invitation-enter", expect=_everyone(200, anonymous=200), note="public: a family has no account yet"
    ),
    Entry(
        "accounts:invitation-accept",
        expect=_everyone(302, anonymous=302),
        note="without a checked code in the session, everyone is sent to type one",
    ),
    Entry("accounts:tokens", expect=_everyone(200)),
    Entry(
        "accounts:token-revoke",
        method="POST",
        kwargs=lambda c: {"token_id": _doras_token(c).pk},
        expect=_own_only(302),
    ),
    Entry("accounts:export", expect=_everyone(200)),
    Entry(
        "accounts:export-download",
        kwargs=lambda c: {"export_id": _doras_export(c).pk},
        expect=_own_only(200),
    ),
    staff_page("staff:invitation-list", allowed=_INVITERS, forbidden=("bob",)),
    staff_page(
        "staff:invitation-create",
        kwargs=lambda c: {"setting_slug": "oak-tree", "guardian_id": _uninvited_guardian(c).pk},
        allowed=_INVITERS,
        forbidden=("bob",),
    ),
    staff_page(
        "staff:invitation-create",
        method="POST",
        kwargs=lambda c: {"setting_slug": "oak-tree", "guardian_id": _uninvited_guardian(c).pk},
        data=lambda c: {"channel": "email", "email": "dan@home.test", "language": "en"},
        allowed=_INVITERS,
        forbidden=("bob",),
        ok=302,
    ),
    staff_page(
        "staff:invitation-letter",
        method="POST",
        kwargs=lambda c: {"setting_slug": "oak-tree", "guardian_id": _uninvited_guardian(c).pk},
        allowed=_INVITERS,
        forbidden=("bob",),
    ),
    staff_page(
        "staff:invitation-revoke",
        method="POST",
        kwargs=lambda c: {"setting_slug": "oak-tree", "invitation_id": _open_invitation(c).pk},
        allowed=_INVITERS,
        forbidden=("bob",),
        ok=302,
    ),
]
