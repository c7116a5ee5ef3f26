"""Demo accident and incident records for a setting that already has rooms, staff, children and
guardians: two accidents (one signed by the family, one not yet), an existing injury seen at
drop-off, and a serious accident notifiable to Ofsted with its deadline in 9 days. Written with
the ORM directly like the rest of the demo; running it twice changes nothing."""

import datetime as dt
import random
import zoneinfo

from tandem.core.demo.common import seeded_uuid
from tandem.core.models import Child, ChildGuardian, Setting, StaffMember
from tandem.incidents.models import Incident, IncidentNotice


def _at(setting: Setting, day: dt.date, hour: int, minute: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=zoneinfo.ZoneInfo(setting.timezone))


def seed(*, setting: Setting, today: dt.date, rng: random.Random) -> None:
    if Incident.objects.filter(setting=setting).exists():
        return
    links = list(
        ChildGuardian.objects.filter(setting=setting, child__leave_date__isnull=True, parental_responsibility=True)
        .select_related("child", "guardian")
        .order_by("child__first_name", "child__last_name", "guardian__first_name")
    )
    seen: dict = {}
    for link in links:
        seen.setdefault(link.child_id, link)
    chosen = list(seen.values())[:4]
    staff = list(
        StaffMember.objects.filter(setting=setting, is_active=True).select_related("user").order_by("created_at")
    )
    if len(chosen) < 4 or not staff:
        return
    recorder = next((m for m in staff if "practitioner" in m.roles), staff[0])
    witness = next((m for m in staff if m.pk != recorder.pk), None)
    (first, second, third, fourth) = chosen

    def make(link: ChildGuardian, **fields) -> Incident:
        child: Child = link.child
        incident = Incident.objects.create(
            id=seeded_uuid(rng),
            setting=setting,
            child=child,
            recorded_by=recorder.user,
            created_at=fields["occurred_at"] + dt.timedelta(minutes=10),
            **fields,
        )
        if witness is not None and incident.kind != Incident.Kind.EXISTING_INJURY:
            incident.witnesses.add(witness)
        if incident.guardian_informed_how == Incident.InformedHow.EMAIL:
            IncidentNotice.objects.create(
                setting=setting,
                incident=incident,
                guardian=link.guardian,
                revision=1,
                language="en",
                sent_at=incident.guardian_informed_at,
            )
        return incident

    signed_at = _at(setting, today - dt.timedelta(days=3), 17, 45)
    make(
        first,
        kind=Incident.Kind.ACCIDENT,
        occurred_at=_at(setting, today - dt.timedelta(days=3), 10, 15),
        location="Garden, by the climbing frame",
        description="Tripped while running on the path and grazed the right knee.",
        marks=[{"view": "front", "x": 41.0, "y": 72.0, "note": "Graze, about 2 cm"}],
        first_aid="Cleaned with water and a plaster put on. Settled quickly with a cuddle.",
        guardian_informed_at=_at(setting, today - dt.timedelta(days=3), 10, 30),
        guardian_informed_how=Incident.InformedHow.EMAIL,
        acknowledged_at=signed_at,
        acknowledged_by=first.guardian,
        acknowledgement_signature=first.guardian.full_name,
        status=Incident.Status.ACKNOWLEDGED,
    )
    make(
        second,
        kind=Incident.Kind.INCIDENT,
        occurred_at=_at(setting, today - dt.timedelta(days=1), 14, 20),
        location="Toddler room, at the sand tray",
        description="Another child bit the left forearm while both reached for the same spade. Skin not broken.",
        marks=[{"view": "front", "x": 76.0, "y": 38.0, "note": "Bite mark, red, skin not broken"}],
        first_aid="Washed and a cold compress held for five minutes.",
        guardian_informed_at=_at(setting, today - dt.timedelta(days=1), 14, 35),
        guardian_informed_how=Incident.InformedHow.EMAIL,
        status=Incident.Status.INFORMED,
    )
    make(
        third,
        kind=Incident.Kind.EXISTING_INJURY,
        occurred_at=_at(setting, today - dt.timedelta(days=1), 8, 5),
        location="At home",
        description="Bruise on the left shin at drop-off. Dad says it happened on the trampoline at the weekend.",
        marks=[{"view": "front", "x": 59.0, "y": 62.0, "note": "Bruise, yellowing"}],
        reported_by_guardian=third.guardian,
        guardian_informed_at=_at(setting, today - dt.timedelta(days=1), 8, 5),
        guardian_informed_how=Incident.InformedHow.REPORTED_BY_FAMILY,
    )
    make(
        fourth,
        kind=Incident.Kind.ACCIDENT,
        occurred_at=_at(setting, today - dt.timedelta(days=5), 11, 0),  # deadline in 9 days
        location="Pre-school room, home corner",
        description="Fell from a chair onto the outstretched left arm. Swelling at the wrist; taken to hospital, "
        "where a small fracture was found.",
        marks=[{"view": "front", "x": 76.0, "y": 51.0, "note": "Swelling at the wrist"}],
        first_aid="Arm supported with a sling; parent called and met us at the hospital.",
        is_serious=True,
        notifiable=True,
        notifiable_reason=Incident.NotifiableReason.SERIOUS_INJURY,
        guardian_informed_at=_at(setting, today - dt.timedelta(days=5), 11, 5),
        guardian_informed_how=Incident.InformedHow.PHONE,
        status=Incident.Status.INFORMED,
    )
