"""Notification pages and API (tandem.notify, tandem.api.routers.notify).

One notice from alice to dora and ed, routed: dora asked for the app, a letter and a word at
pick-up, so there is a print-queue item (the office: alice and adam have
can_manage_deliveries, bob 403) and a face-to-face reminder on bob's list (Ada's key person).
Families see only their own notifications (ed: 404 on dora's); the SMS status callback refuses
everyone without the provider's signature (403)."""

from tests.matrix import PEOPLE, Entry, api_entry, staff_page
from tests.matrix import api_expect as _expect

OAK = "oak-tree"
API_OAK = "/api/v1/settings/oak-tree/notify"
STAFF = ("alice", "bob", "adam")


def _op(method: str, path: str) -> str:
    return f"api:{method} /api/v1{path}"


def _world(c):
    """The notice, its deliveries, dora's letter and bob's face-to-face reminder (once per case)."""
    from tandem.core.models import CommunicationPreference, StaffMember
    from tandem.notify import routing, sending
    from tandem.notify.models import Notice
    from tandem.notify.services import notify_guardians, notify_staff

    existing = Notice.objects.filter(kind="notify.matrix").first()
    if existing:
        return existing
    dora = c["dora"].guardianships.get()
    ed = c["ed"].guardianships.get()
    prefs = CommunicationPreference.objects.get(guardian=dora)
    prefs.channels = ["app", "letter", "face_to_face"]
    prefs.save()
    notice = notify_guardians(
        setting=dora.setting,
        guardians=[dora, ed],
        kind="notify.matrix",
        template="notify/notices/plain",
        context={"subject": "Trip on Friday", "body": "Bring a coat."},
        url="/family/",
        sent_by=c["alice"],
    )
    routing.route(notice)
    sending.send_due(notice_id=notice.pk)  # the after-commit sending task
    alice = StaffMember.objects.get(user=c["alice"])
    staff_notice = notify_staff(
        setting=dora.setting,
        staff=[alice],
        kind="notify.matrix_staff",
        template="notify/notices/plain",
        context={"subject": "Rota", "body": "Changed"},
    )
    routing.route(staff_notice)
    return notice


def _recipient(c, who="dora"):
    from tandem.notify.models import NoticeRecipient

    notice = _world(c)
    return NoticeRecipient.objects.get(notice=notice, guardian__user=c[who])


def _staff_recipient(c):
    from tandem.notify.models import NoticeRecipient

    _world(c)
    return NoticeRecipient.objects.get(notice__kind="notify.matrix_staff", staff__user=c["alice"])


def _item(c):
    from tandem.notify.models import PrintQueueItem

    _world(c)
    return PrintQueueItem.objects.get()


def _task(c):
    from tandem.notify.models import FaceToFaceTask

    _world(c)
    return FaceToFaceTask.objects.get()


def _families(ok: int, *, dora_only: bool = False) -> dict:
    expect = {p: 404 for p in PEOPLE}
    expect["dora"] = ok
    if not dora_only:
        expect["ed"] = ok
    expect[None] = 302
    return expect


def _staff_kwargs(extra):
    return lambda c: {"setting_slug": OAK, **extra(c)}


ENTRIES = [
    Entry(name="notify_family:inbox", expect=_families(200), kwargs=lambda c: (_world(c), {})[1]),
    Entry(
        name="notify_family:open",
        expect=_families(302, dora_only=True),
        kwargs=lambda c: {"recipient_id": _recipient(c).pk},
        method="POST",
    ),
    Entry(name="notify_family:read-all", expect=_families(302), method="POST", kwargs=lambda c: (_world(c), {})[1]),
    Entry(
        name="notify_family:sms-status",
        expect={p: 403 for p in PEOPLE},
        method="POST",
        data=lambda c: {"MessageSid": "SM1", "MessageStatus": "delivered"},
        note="no valid provider signature",
    ),
    staff_page("notify:inbox", kwargs=lambda c: (_world(c), {"setting_slug": OAK})[1]),
    Entry(
        name="notify:open",
        expect={**{p: 404 for p in PEOPLE}, "alice": 302, None: 302},
        kwargs=_staff_kwargs(lambda c: {"recipient_id": _staff_recipient(c).pk}),
        method="POST",
        note="alice's own notification: bob and adam get 404, like any notification not theirs",
    ),
    staff_page(
        "notify:notice-deliveries",
        kwargs=_staff_kwargs(lambda c: {"notice_id": _world(c).pk}),
        allowed=("alice", "adam"),
        forbidden=("bob",),
    ),
    staff_page(
        "notify:print-queue",
        kwargs=lambda c: (_world(c), {"setting_slug": OAK})[1],
        allowed=("alice", "adam"),
        forbidden=("bob",),
    ),
    staff_page(
        "notify:print-batch",
        kwargs=lambda c: (_world(c), {"setting_slug": OAK})[1],
        method="POST",
        allowed=("alice", "adam"),
        forbidden=("bob",),
    ),
    staff_page(
        "notify:print-item",
        kwargs=_staff_kwargs(lambda c: {"item_id": _item(c).pk}),
        allowed=("alice", "adam"),
        forbidden=("bob",),
    ),
    staff_page("notify:face-to-face", kwargs=lambda c: (_world(c), {"setting_slug": OAK})[1]),
    staff_page(
        "notify:face-to-face-done",
        kwargs=_staff_kwargs(lambda c: {"task_id": _task(c).pk}),
        method="POST",
        data=lambda c: {"outcome": "done"},
        ok=302,
        note="bob is the key person; alice and adam manage deliveries",
    ),
    # --- API ---
    api_entry(
        _op("GET", "/family/notify/notices"),
        path=lambda c: (_world(c), "/api/v1/family/notify/notices")[1],
        expect=_expect({"dora": 200, "ed": 200}),
    ),
    api_entry(
        _op("POST", "/family/notify/notices/{recipient_id}/read"),
        path=lambda c: f"/api/v1/family/notify/notices/{_recipient(c).pk}/read",
        method="POST",
        expect=_expect({"dora": 200}),
    ),
    api_entry(
        _op("POST", "/family/notify/push-subscriptions"),
        path=lambda c: "/api/v1/family/notify/push-subscriptions",
        method="POST",
        data=lambda c: {"endpoint": "https://push.example.test/abc", "p256dh": "B" * 87, "auth": "a" * 22},
        expect=_expect({p: 201 for p in PEOPLE if p}),
        note="anyone signed in may sign up their own device",
    ),
    api_entry(
        _op("POST", "/family/notify/push-subscriptions/remove"),
        path=lambda c: "/api/v1/family/notify/push-subscriptions/remove",
        method="POST",
        data=lambda c: {"endpoint": "https://push.example.test/abc"},
        expect=_expect({p: 200 for p in PEOPLE if p}),
    ),
    api_entry(
        _op("GET", "/settings/{setting_slug}/notify/notices/{notice_id}/deliveries"),
        path=lambda c: f"{API_OAK}/notices/{_world(c).pk}/deliveries",
        expect=_expect({"alice": 200, "adam": 200, "bob": 403}),
    ),
    api_entry(
        _op("GET", "/settings/{setting_slug}/notify/print-queue"),
        path=lambda c: (_world(c), f"{API_OAK}/print-queue")[1],
        expect=_expect({"alice": 200, "adam": 200, "bob": 403}),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/notify/print-queue/printed"),
        path=lambda c: f"{API_OAK}/print-queue/printed",
        method="POST",
        data=lambda c: {"items": [str(_item(c).pk)]},
        expect=_expect({"alice": 200, "adam": 200, "bob": 403}),
    ),
    api_entry(
        _op("GET", "/settings/{setting_slug}/notify/face-to-face"),
        path=lambda c: (_world(c), f"{API_OAK}/face-to-face")[1],
        expect=_expect({p: 200 for p in STAFF}),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/notify/face-to-face/{task_id}"),
        path=lambda c: f"{API_OAK}/face-to-face/{_task(c).pk}",
        method="POST",
        data=lambda c: {"done": True},
        expect=_expect({p: 200 for p in STAFF}),
    ),
]
