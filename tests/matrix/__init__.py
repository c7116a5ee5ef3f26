"""The permission test matrix: every URL name and API operation, tried as each member of the
cast (tests/conftest.py) and signed out. Each area adds its entries in its own module here
(tests/matrix/<area>.py, a list called ENTRIES); tests/test_permission_matrix.py runs them and
tests/test_urls.py fails for any URL pattern or API operation with no entry.

Who is who: alice manages Oak Tree (and is its DSL); bob is a practitioner there and Ada's key
person; adam is Oak Tree's administrator; charlie manages Elm House (the wrong setting); olive
leads Oak Tree's organisation (sees numbers, never a child); dora is Ada's guardian; ed is Ben's
guardian (the wrong family); None is signed out."""

from collections.abc import Callable
from dataclasses import dataclass, field

PEOPLE = ["alice", "bob", "adam", "charlie", "olive", "dora", "ed", None]


@dataclass(frozen=True)
class Entry:
    """NAME is a URL name ("staff:child-detail") or an API operation ("api:GET /api/v1/children/{child_id}").
    KWARGS builds the URL kwargs from the cast dict. EXPECT maps each person to the status they get."""

    name: str
    expect: dict
    kwargs: Callable[[dict], dict] = field(default=lambda cast: {})
    method: str = "GET"
    data: Callable[[dict], dict] | None = None
    path: Callable[[dict], str] | None = None  # for API operations: the concrete path
    note: str = ""


def staff_page(
    name: str,
    *,
    kwargs=lambda c: {"setting_slug": "oak-tree"},
    method: str = "GET",
    data=None,
    allowed=("alice", "bob", "adam"),
    forbidden=(),
    ok: int = 200,
    note: str = "",
) -> Entry:
    """An Oak Tree staff page: ALLOWED get OK, FORBIDDEN (right setting, wrong role) get 403,
    charlie (wrong setting), olive, dora and ed get 404, signed out is sent to sign in (302)."""
    expect = {p: 404 for p in PEOPLE}
    expect.update({p: ok for p in allowed})
    expect.update({p: 403 for p in forbidden})
    expect[None] = 302
    return Entry(name=name, expect=expect, kwargs=kwargs, method=method, data=data, note=note)


def family_page(
    name: str, *, kwargs=lambda c: {}, method: str = "GET", data=None, ok: int = 200, others: int = 404, note: str = ""
) -> Entry:
    """A page about Ada for her family: dora gets OK, everyone else OTHERS, signed out 302."""
    expect = {p: others for p in PEOPLE}
    expect["dora"] = ok
    expect[None] = 302
    return Entry(name=name, expect=expect, kwargs=kwargs, method=method, data=data, note=note)


def api_expect(ok: dict, others: int = 404, signed_out: int = 401) -> dict:
    """EXPECT for an API operation: OK maps who gets what, everyone else OTHERS, signed out 401."""
    expect = {p: others for p in PEOPLE}
    expect.update(ok)
    expect[None] = signed_out
    return expect


def api_entry(name: str, path, *, method: str = "GET", expect: dict, data=None, note: str = "") -> Entry:
    """An API operation; signed out must be 401 (set it in EXPECT)."""
    return Entry(name=name, expect=expect, method=method, path=path, data=data, note=note)


def all_entries() -> list[Entry]:
    import importlib
    import pkgutil

    import tests.matrix as pkg

    entries: list[Entry] = []
    for info in pkgutil.iter_modules(pkg.__path__):
        module = importlib.import_module(f"tests.matrix.{info.name}")
        entries.extend(getattr(module, "ENTRIES", []))
    return entries
