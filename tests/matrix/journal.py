"""The learning journal (tandem.journal): staff pages under /s/<setting_slug>/journal/, family
pages under /family/journal/ and the API.

Every member of Oak Tree's staff (alice, bob, adam) can see Ada, so they read, record, comment
and hide comments. bob wrote the observations used here, so he may edit and publish them, and so
may alice (a manager, can_manage_staff); adam may not (403). Reviewing is for managers (alice);
journal settings need can_manage_setting (alice). Only dora, Ada's mother, sees the family
pages; everyone else gets 404. charlie (another setting) and olive (numbers only) get 404."""

import datetime as dt

from django.utils import timezone

from tests.matrix import api_entry, family_page, staff_page
from tests.matrix import api_expect as _expect

OAK = "oak-tree"
STAFF = ("alice", "bob", "adam")
EDITORS = {"allowed": ("alice", "bob"), "forbidden": ("adam",)}
MANAGERS = {"allowed": ("alice",), "forbidden": ("bob", "adam")}


def _world(c: dict) -> dict:
    """A published observation of Ada by bob (with a photo of her, a comment from dora, ideas
    for home), a draft by bob, and a moment from home by dora. Made once per test."""
    if "_journal" in c:
        return c["_journal"]
    from django.core.files.base import ContentFile

    from tandem.core.models import Consent, ConsentKind, Guardian
    from tandem.journal.models import Comment, HomeMoment, Observation, ObservationChild, ObservationMedia
    from tandem.media.models import MediaFile

    ada, bob = c["ada"], c["bob"]
    setting = ada.setting
    staff = bob.staff_memberships.get(setting=setting)
    for kind in (ConsentKind.PHOTOS_OWN_JOURNAL, ConsentKind.GROUP_PHOTOS):
        Consent.objects.update_or_create(child=ada, kind=kind, defaults={"setting": setting, "granted": True})
    now = timezone.now()
    published = Observation.objects.create(
        setting=setting,
        author=staff,
        occurred_at=now - dt.timedelta(hours=2),
        text_markdown="Ada filled the jug.",
        text_html="<p>Ada filled the jug.</p>",
        home_ideas="Pour water in the bath.",
        status=Observation.Status.PUBLISHED,
        published_at=now - dt.timedelta(hours=1),
    )
    draft = Observation.objects.create(
        setting=setting, author=staff, occurred_at=now - dt.timedelta(minutes=30), text_markdown="Ada sang."
    )
    for o in (published, draft):
        ObservationChild.objects.create(setting=setting, observation=o, child=ada)
    media = MediaFile(setting=setting, kind="photo", status="ready", content_type="image/png", width=10, height=10)
    media.original.save("x.png", ContentFile(b"not-read-here"), save=True)
    link = ObservationMedia.objects.create(setting=setting, observation=published, media=media)
    link.children_in_photo.add(ada)
    guardian = Guardian.objects.get(user=c["dora"])
    comment = Comment.objects.create(
        setting=setting, observation=published, child=ada, author=c["dora"], guardian=guardian, text="Lovely!"
    )
    moment = HomeMoment.objects.create(setting=setting, child=ada, guardian=guardian, text="She counted the stairs.")
    c["_journal"] = {"published": published, "draft": draft, "link": link, "comment": comment, "moment": moment}
    return c["_journal"]


def _oak(**more):
    return lambda c: {"setting_slug": OAK, **{k: v(c) for k, v in more.items()}}


def _pub(c):
    return _world(c)["published"].pk


def _draft(c):
    return _world(c)["draft"].pk


def _ada(c):
    return c["ada"].pk


def _edit_data(c) -> dict:
    return {
        "children": [str(c["ada"].pk)],
        "occurred_at": timezone.localtime(timezone.now() - dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "text_markdown": "Ada filled the big jug.",
    }


def _tag_data(c) -> dict:
    link = _world(c)["link"]
    return {f"p{link.pk}-children": [str(c["ada"].pk)], f"p{link.pk}-caption": "At the water tray"}


ENTRIES = [
    staff_page("journal:index"),
    staff_page("journal:new"),
    staff_page(
        "journal:new",
        method="POST",
        data=lambda c: {"children": [str(c["ada"].pk)], "text_markdown": "Ada stacked cups."},
        ok=302,
    ),
    staff_page("journal:review", **MANAGERS),
    staff_page("journal:quiet"),
    staff_page("journal:from-home"),
    staff_page("journal:home-moment", kwargs=_oak(moment_id=lambda c: _world(c)["moment"].pk)),
    staff_page(
        "journal:home-moment",
        kwargs=_oak(moment_id=lambda c: _world(c)["moment"].pk),
        method="POST",
        data=lambda c: {"note": "Lovely counting!", "build_on_in_planning": "on"},
        ok=302,
    ),
    staff_page("journal:settings", **MANAGERS),
    staff_page(
        "journal:settings",
        method="POST",
        data=lambda c: {"require_review_for": "new_staff", "quiet_days": "10"},
        ok=302,
        **MANAGERS,
    ),
    staff_page("journal:child", kwargs=_oak(child_id=_ada)),
    staff_page(
        "journal:comment-hide",
        kwargs=_oak(comment_id=lambda c: _world(c)["comment"].pk),
        method="POST",
        data=lambda c: {"reason": "Shared by mistake"},
        ok=302,
    ),
    staff_page("journal:detail", kwargs=_oak(observation_id=_pub)),
    staff_page("journal:edit", kwargs=_oak(observation_id=_pub), **EDITORS),
    staff_page("journal:edit", kwargs=_oak(observation_id=_pub), method="POST", data=_edit_data, ok=302, **EDITORS),
    staff_page(
        "journal:add-media", kwargs=_oak(observation_id=_draft), method="POST", data=lambda c: {}, ok=302, **EDITORS
    ),
    staff_page(
        "journal:photo-tag",
        kwargs=_oak(observation_id=_pub, link_id=lambda c: _world(c)["link"].pk),
        method="POST",
        data=_tag_data,
        ok=302,
        **EDITORS,
    ),
    staff_page(
        "journal:publish", kwargs=_oak(observation_id=_draft), method="POST", data=lambda c: {}, ok=302, **EDITORS
    ),
    staff_page(
        "journal:approve", kwargs=_oak(observation_id=_draft), method="POST", data=lambda c: {}, ok=302, **MANAGERS
    ),
    staff_page(
        "journal:send-back", kwargs=_oak(observation_id=_draft), method="POST", data=lambda c: {}, ok=302, **MANAGERS
    ),
    staff_page(
        "journal:comment",
        kwargs=_oak(observation_id=_pub),
        method="POST",
        data=lambda c: {"child": str(c["ada"].pk), "text": "Thank you!"},
        ok=302,
    ),
    family_page("journal_family:feed", kwargs=lambda c: {"child_id": c["ada"].pk}),
    family_page("journal_family:home-moments", kwargs=lambda c: {"child_id": c["ada"].pk}),
    family_page(
        "journal_family:home-moments",
        kwargs=lambda c: {"child_id": c["ada"].pk},
        method="POST",
        data=lambda c: {"text": "Ada climbed the big slide.", "occurred_on": timezone.localdate().isoformat()},
        ok=302,
    ),
    family_page("journal_family:detail", kwargs=lambda c: {"child_id": c["ada"].pk, "observation_id": _pub(c)}),
    family_page(
        "journal_family:comment",
        kwargs=lambda c: {"child_id": c["ada"].pk, "observation_id": _pub(c)},
        method="POST",
        data=lambda c: {"text": "She loves water!"},
        ok=302,
    ),
    family_page(
        "journal_family:tried",
        kwargs=lambda c: {"child_id": c["ada"].pk, "observation_id": _pub(c)},
        method="POST",
        data=lambda c: {"note": "Bath time fun"},
        ok=302,
    ),
]


# --- the API --------------------------------------------------------------------------------------

API = "/api/v1"


def _staff(ok: int = 200, allowed=STAFF, forbidden=()) -> dict:
    return _expect({**{p: ok for p in allowed}, **{p: 403 for p in forbidden}})


def _op(method: str, path: str) -> str:
    return f"api:{method} {API}{path}"


FAMILY = "/family/journal/children/{child_id}"
STAFF_OBS = "/settings/{setting_slug}/journal/observations"

ENTRIES += [
    api_entry(
        _op("GET", STAFF_OBS),
        path=lambda c: f"{API}/settings/{OAK}/journal/observations",
        expect=_staff(),
    ),
    api_entry(
        _op("POST", STAFF_OBS),
        path=lambda c: f"{API}/settings/{OAK}/journal/observations",
        method="POST",
        data=lambda c: {"children": [str(c["ada"].pk)], "text_markdown": "Ada poured sand."},
        expect=_staff(201),
    ),
    api_entry(
        _op("GET", STAFF_OBS + "/{observation_id}"),
        path=lambda c: f"{API}/settings/{OAK}/journal/observations/{_pub(c)}",
        expect=_staff(),
    ),
    api_entry(
        _op("POST", STAFF_OBS + "/{observation_id}/publish"),
        path=lambda c: f"{API}/settings/{OAK}/journal/observations/{_draft(c)}/publish",
        method="POST",
        data=lambda c: {},
        expect=_staff(allowed=("alice", "bob"), forbidden=("adam",)),
    ),
    api_entry(
        _op("POST", STAFF_OBS + "/{observation_id}/comments"),
        path=lambda c: f"{API}/settings/{OAK}/journal/observations/{_pub(c)}/comments",
        method="POST",
        data=lambda c: {"text": "Thank you!"},
        expect=_staff(201),
    ),
    api_entry(
        _op("GET", "/settings/{setting_slug}/journal/home-moments"),
        path=lambda c: f"{API}/settings/{OAK}/journal/home-moments",
        expect=_staff(),
    ),
    api_entry(
        _op("GET", FAMILY + "/observations"),
        path=lambda c: f"{API}/family/journal/children/{c['ada'].pk}/observations",
        expect=_expect({"dora": 200}),
    ),
    api_entry(
        _op("GET", FAMILY + "/observations/{observation_id}"),
        path=lambda c: f"{API}/family/journal/children/{c['ada'].pk}/observations/{_pub(c)}",
        expect=_expect({"dora": 200}),
    ),
    api_entry(
        _op("POST", FAMILY + "/observations/{observation_id}/comments"),
        path=lambda c: f"{API}/family/journal/children/{c['ada'].pk}/observations/{_pub(c)}/comments",
        method="POST",
        data=lambda c: {"text": "Lovely"},
        expect=_expect({"dora": 201}),
    ),
    api_entry(
        _op("POST", FAMILY + "/observations/{observation_id}/tried"),
        path=lambda c: f"{API}/family/journal/children/{c['ada'].pk}/observations/{_pub(c)}/tried",
        method="POST",
        data=lambda c: {"note": "We did!"},
        expect=_expect({"dora": 200}),
    ),
    api_entry(
        _op("GET", FAMILY + "/home-moments"),
        path=lambda c: f"{API}/family/journal/children/{c['ada'].pk}/home-moments",
        expect=_expect({"dora": 200}),
    ),
    api_entry(
        _op("POST", FAMILY + "/home-moments"),
        path=lambda c: f"{API}/family/journal/children/{c['ada'].pk}/home-moments",
        method="POST",
        data=lambda c: {"text": "Counted to ten in Polish."},
        expect=_expect({"dora": 201}),
    ),
]
