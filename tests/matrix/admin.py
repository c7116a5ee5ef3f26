"""Setting administration pages (tandem.core.views.admin), under /s/<setting_slug>/admin/.

alice (manager and DSL) may do everything; adam (administrator) may edit children and
families and import, but not manage rooms, staff, the setting or read the audit log; bob
(practitioner) may only open the index. POST data is valid for the allowed people."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.matrix import staff_page

OAK = "oak-tree"
MANAGERS = {"allowed": ("alice",), "forbidden": ("bob", "adam")}
EDITORS = {"allowed": ("alice", "adam"), "forbidden": ("bob",)}


def _oak(**more):
    return lambda c: {"setting_slug": OAK, **{k: v(c) for k, v in more.items()}}


def _room(c):
    return c["ada"].room.pk


def _bob_staff(c):
    return c["bob"].staff_memberships.get().pk


def _ada(c):
    return c["ada"].pk


def _family(c):
    return c["ada"].family.pk


def _dora_guardian(c):
    return c["dora"].guardianships.get().pk


def _import_file(c) -> dict:
    text = (
        "child_first_name,child_last_name,date_of_birth,room,guardian1_first_name,guardian1_last_name,"
        "guardian1_email,guardian1_relationship\n"
        "Cara,Cole,14/05/2023,Babies,Cath,Cole,cath@home.test,mother\n"
    )
    return {"file": SimpleUploadedFile("children.csv", text.encode(), content_type="text/csv")}


SETTING_DATA = {
    "name": "Oak Tree Nursery",
    "kind": "day_nursery",
    "timezone": "Europe/London",
    "inspectorate": "ofsted",
    "inspection_reference": "EY123456",
    "curriculum_framework": "eyfs-dm-2023",
}
CHILD_DATA = {
    "first_name": "Cara",
    "last_name": "Cole",
    "date_of_birth": "2023-01-01",
    "sen_status": "none",
    "funded_hours": "15",
}

ENTRIES = [
    staff_page("staff:admin-index"),
    staff_page("staff:admin-setting", **MANAGERS),
    staff_page("staff:admin-setting", method="POST", data=lambda c: SETTING_DATA, ok=302, **MANAGERS),
    staff_page("staff:admin-room-list", **MANAGERS),
    staff_page("staff:admin-room-create", **MANAGERS),
    staff_page(
        "staff:admin-room-create",
        method="POST",
        data=lambda c: {"name": "Toddlers", "age_from_months": 24, "age_to_months": 36, "capacity": 10},
        ok=302,
        **MANAGERS,
    ),
    staff_page("staff:admin-room-edit", kwargs=_oak(room_id=_room), **MANAGERS),
    staff_page(
        "staff:admin-room-edit",
        kwargs=_oak(room_id=_room),
        method="POST",
        data=lambda c: {
            "name": "Baby room",
            "age_from_months": 0,
            "age_to_months": 24,
            "capacity": 9,
            "is_active": "on",
        },
        ok=302,
        **MANAGERS,
    ),
    staff_page("staff:admin-room-archive", kwargs=_oak(room_id=_room), method="POST", ok=302, **MANAGERS),
    staff_page("staff:admin-staff-list", **MANAGERS),
    staff_page("staff:admin-staff-add", **MANAGERS),
    staff_page(
        "staff:admin-staff-add",
        method="POST",
        data=lambda c: {"email": "new@oak.test", "first_name": "Nia", "last_name": "New", "roles": ["practitioner"]},
        ok=302,
        **MANAGERS,
    ),
    staff_page("staff:admin-staff-edit", kwargs=_oak(staff_id=_bob_staff), **MANAGERS),
    staff_page(
        "staff:admin-staff-edit",
        kwargs=_oak(staff_id=_bob_staff),
        method="POST",
        data=lambda c: {"roles": ["practitioner"], "job_title": "Room lead", "is_active": "on"},
        ok=302,
        **MANAGERS,
    ),
    staff_page("staff:admin-child-list", **EDITORS),
    staff_page("staff:admin-child-create", **EDITORS),
    staff_page("staff:admin-child-create", method="POST", data=lambda c: CHILD_DATA, ok=302, **EDITORS),
    staff_page("staff:admin-child-edit", kwargs=_oak(child_id=_ada), **EDITORS),
    staff_page(
        "staff:admin-child-edit",
        kwargs=_oak(child_id=_ada),
        method="POST",
        data=lambda c: {**CHILD_DATA, "first_name": "Ada", "last_name": "Lovelace", "date_of_birth": "2024-12-10"},
        ok=302,
        **EDITORS,
    ),
    staff_page("staff:admin-child-leave", kwargs=_oak(child_id=_ada), **EDITORS),
    staff_page(
        "staff:admin-child-leave",
        kwargs=_oak(child_id=_ada),
        method="POST",
        data=lambda c: {"leave_date": (timezone.localdate() + dt.timedelta(days=30)).isoformat()},
        ok=302,
        **EDITORS,
    ),
    staff_page("staff:admin-child-consents", kwargs=_oak(child_id=_ada), **EDITORS),
    staff_page(
        "staff:admin-child-consents",
        kwargs=_oak(child_id=_ada),
        method="POST",
        data=lambda c: {"kind": "outings", "decision": "given", "given_by": _dora_guardian(c)},
        ok=302,
        **EDITORS,
    ),
    staff_page("staff:admin-family-list", **EDITORS),
    staff_page("staff:admin-family-create", **EDITORS),
    staff_page("staff:admin-family-create", method="POST", data=lambda c: {"name": "Curie"}, ok=302, **EDITORS),
    staff_page("staff:admin-family-detail", kwargs=_oak(family_id=_family), **EDITORS),
    staff_page("staff:admin-guardian-create", kwargs=_oak(family_id=_family), **EDITORS),
    staff_page(
        "staff:admin-guardian-create",
        kwargs=_oak(family_id=_family),
        method="POST",
        data=lambda c: {"first_name": "Lord", "last_name": "Byron", "email": "byron@home.test", "language": "en"},
        ok=302,
        **EDITORS,
    ),
    staff_page("staff:admin-guardian-edit", kwargs=_oak(guardian_id=_dora_guardian), **EDITORS),
    staff_page(
        "staff:admin-guardian-edit",
        kwargs=_oak(guardian_id=_dora_guardian),
        method="POST",
        data=lambda c: {"first_name": "Dora", "last_name": "Lovelace", "email": "dora@home.test", "phone": "07700"},
        ok=302,
        **EDITORS,
    ),
    staff_page("staff:admin-link-create", kwargs=_oak(family_id=_family), **EDITORS),
    staff_page(
        "staff:admin-link-create",
        kwargs=_oak(family_id=_family),
        method="POST",
        data=lambda c: {"child": c["ben"].pk, "guardian": _dora_guardian(c), "relationship": "other"},
        ok=302,
        **EDITORS,
    ),
    staff_page("staff:admin-link-edit", kwargs=_oak(child_id=_ada, guardian_id=_dora_guardian), **EDITORS),
    staff_page(
        "staff:admin-link-edit",
        kwargs=_oak(child_id=_ada, guardian_id=_dora_guardian),
        method="POST",
        data=lambda c: {"relationship": "mother", "parental_responsibility": "on", "may_collect": "on"},
        ok=302,
        **EDITORS,
    ),
    staff_page("staff:admin-guardian-preferences", kwargs=_oak(guardian_id=_dora_guardian), **EDITORS),
    staff_page(
        "staff:admin-guardian-preferences",
        kwargs=_oak(guardian_id=_dora_guardian),
        method="POST",
        data=lambda c: {"language": "pl", "channels": ["app", "sms"], "digest": "daily"},
        ok=302,
        **EDITORS,
    ),
    staff_page("staff:admin-audit", **MANAGERS),
    staff_page("staff:admin-import", **EDITORS),
    staff_page("staff:admin-import", method="POST", data=_import_file, **EDITORS),
    staff_page("staff:admin-import-template", **EDITORS),
]
