"""Medicines pages and API (tandem.medicines, tandem.api.routers.medicines).

Staff: every Oak Tree role can see children, so alice, bob and adam open a child's medicines and
record a dose; only alice (manager, DSL: can_manage_staff / can_read_audit) sees the list of
doses no parent has acknowledged (bob and adam: 403). Families: dora gives permission for Ada
and acknowledges her doses; everyone else gets 404. POST data is valid for the allowed people:
each case runs on a fresh database, so a dose recorded by one does not block the next."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from tests.matrix import api_entry, family_page, staff_page
from tests.matrix import api_expect as _expect

OAK = "oak-tree"
API_OAK = "/api/v1/settings/oak-tree/medicines"


def _op(method: str, path: str) -> str:
    return f"api:{method} /api/v1{path}"


def _permission(c):
    """Ada's inhaler permission, given by dora (made on first use in each case)."""
    from tandem.medicines.models import MedicinePermission

    ada = c["ada"]
    existing = MedicinePermission.objects.filter(child=ada).first()
    if existing:
        return existing
    today = ada.setting.today()
    return MedicinePermission.objects.create(
        setting=ada.setting,
        child=ada,
        given_by=c["dora"].guardianships.get(),
        medicine_name="Inhaler",
        dose_amount=Decimal("2"),
        dose_unit="puffs",
        route="inhaled",
        conditions="If wheezy",
        start_date=today - dt.timedelta(days=1),
        end_date=today + dt.timedelta(days=10),
        reason="Wheeze",
        signature="Dora Lovelace",
        recorded_by=c["dora"],
    )


def _dose(c):
    from tandem.core.models import StaffMember
    from tandem.medicines.models import MedicineAdministration

    permission = _permission(c)
    bob = StaffMember.objects.get(user=c["bob"])
    return MedicineAdministration.objects.create(
        setting=permission.setting,
        child=permission.child,
        permission=permission,
        given_at=timezone.now() - dt.timedelta(hours=2),
        dose_amount=Decimal("2"),
        given_by=bob,
        recorded_by=c["bob"],
    )


def _child_kwargs(c):
    _permission(c)
    return {"setting_slug": OAK, "child_id": c["ada"].pk}


def _dose_form(c) -> dict:
    from tandem.core.models import StaffMember

    return {
        "permission": str(_permission(c).pk),
        "given_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "dose_amount": "2",
        "given_by": str(StaffMember.objects.get(user=c["bob"]).pk),
        "witnessed_by": "",
        "notes": "",
    }


def _permission_form(c) -> dict:
    today = c["ada"].setting.today()
    return {
        "medicine_name": "Calpol",
        "dose_amount": "5",
        "dose_unit": "ml",
        "route": "oral",
        "conditions": "If temperature above 38°C",
        "start_date": today.isoformat(),
        "end_date": (today + dt.timedelta(days=2)).isoformat(),
        "reason": "Teething",
        "signature": "Dora Lovelace",
    }


ENTRIES = [
    staff_page("medicines:index"),
    staff_page("medicines:child", kwargs=_child_kwargs),
    staff_page("medicines:child", kwargs=_child_kwargs, method="POST", data=_dose_form, ok=302),
    staff_page("medicines:unacknowledged", allowed=("alice",), forbidden=("bob", "adam")),
    family_page("medicines_family:child", kwargs=lambda c: {"child_id": c["ada"].pk}),
    family_page("medicines_family:permission-give", kwargs=lambda c: {"child_id": c["ada"].pk}),
    family_page(
        "medicines_family:permission-give",
        kwargs=lambda c: {"child_id": c["ada"].pk},
        method="POST",
        data=_permission_form,
        ok=302,
    ),
    family_page(
        "medicines_family:permission-withdraw",
        kwargs=lambda c: {"permission_id": _permission(c).pk},
        method="POST",
        ok=302,
    ),
    family_page("medicines_family:administration-acknowledge", kwargs=lambda c: {"administration_id": _dose(c).pk}),
    family_page(
        "medicines_family:administration-acknowledge",
        kwargs=lambda c: {"administration_id": _dose(c).pk},
        method="POST",
        data=lambda c: {"signature": "Dora Lovelace"},
        ok=302,
    ),
    # --- API ---
    api_entry(
        _op("GET", "/settings/{setting_slug}/medicines/children/{child_id}/permissions"),
        path=lambda c: f"{API_OAK}/children/{_child_kwargs(c)['child_id']}/permissions",
        expect=_expect({"alice": 200, "bob": 200, "adam": 200}),
    ),
    api_entry(
        _op("GET", "/settings/{setting_slug}/medicines/children/{child_id}/administrations"),
        path=lambda c: f"{API_OAK}/children/{c['ada'].pk}/administrations",
        expect=_expect({"alice": 200, "bob": 200, "adam": 200}),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/medicines/children/{child_id}/administrations"),
        path=lambda c: f"{API_OAK}/children/{c['ada'].pk}/administrations",
        method="POST",
        data=lambda c: {
            "permission_id": str(_permission(c).pk),
            "given_at": timezone.now().isoformat(),
            "dose_amount": "2",
        },
        expect=_expect({"alice": 201, "bob": 201, "adam": 201}),
    ),
    api_entry(
        _op("GET", "/settings/{setting_slug}/medicines/unacknowledged"),
        path=lambda c: f"{API_OAK}/unacknowledged",
        expect=_expect({"alice": 200, "bob": 403, "adam": 403}),
    ),
    api_entry(
        _op("GET", "/family/medicines/children/{child_id}/permissions"),
        path=lambda c: f"/api/v1/family/medicines/children/{c['ada'].pk}/permissions",
        expect=_expect({"dora": 200}),
    ),
    api_entry(
        _op("POST", "/family/medicines/children/{child_id}/permissions"),
        path=lambda c: f"/api/v1/family/medicines/children/{c['ada'].pk}/permissions",
        method="POST",
        data=lambda c: {**_permission_form(c), "times": ["12:00"]},
        expect=_expect({"dora": 201}),
    ),
    api_entry(
        _op("GET", "/family/medicines/children/{child_id}/administrations"),
        path=lambda c: f"/api/v1/family/medicines/children/{c['ada'].pk}/administrations",
        expect=_expect({"dora": 200}),
    ),
    api_entry(
        _op("POST", "/family/medicines/administrations/{administration_id}/acknowledge"),
        path=lambda c: f"/api/v1/family/medicines/administrations/{_dose(c).pk}/acknowledge",
        method="POST",
        data=lambda c: {"signature": "Dora Lovelace"},
        expect=_expect({"dora": 200}),
    ),
]
