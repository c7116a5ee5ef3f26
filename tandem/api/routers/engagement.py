"""API for engagement: staff paths under /api/v1/settings/{setting_slug}/engagement/... The same
access rules as the pages: a key person reads their own key families; the setting-wide figures
need can_manage_partnership. There are no family paths: families never see these figures."""

import datetime as dt
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Query, Router, Schema

from tandem.access import rules
from tandem.engagement import selectors
from tandem.engagement.selectors import QUIET_DAYS, Period

router = Router(tags=["engagement"])


class PeriodIn(Schema):
    start: dt.date | None = None
    end: dt.date | None = None
    quiet_days: int = QUIET_DAYS


class FamilyEngagementOut(Schema):
    family_id: UUID
    family_name: str
    children: list[str]
    rooms: list[str]
    key_people: list[str]
    counts: dict[str, int]
    last_contact: dt.date | None
    days_since_contact: int | None
    quiet: bool


class RoomEngagementOut(Schema):
    room: str
    families: int
    families_in_contact: int
    quiet_families: int
    counts: dict[str, int]


class OverviewOut(Schema):
    start: dt.date
    end: dt.date
    rooms: list[RoomEngagementOut]
    families: list[FamilyEngagementOut]


def _period(setting, params: PeriodIn) -> tuple[Period, int]:
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    period = selectors.default_period(setting)
    start, end = params.start or period.start, params.end or period.end
    if end < start:
        raise ValidationError({"end": [_("The end of the period must be after its start.")]})
    if (end - start).days > 3 * 366:
        raise ValidationError({"start": [_("Choose a period of three years or less.")]})
    if not 1 <= params.quiet_days <= 365:
        raise ValidationError({"quiet_days": [_("Choose between 1 and 365 days.")]})
    return Period(start=start, end=end), params.quiet_days


def _family(row) -> dict:
    return {
        "family_id": row.family.pk,
        "family_name": row.family.name,
        "children": [c.known_as for c in row.children],
        "rooms": row.rooms,
        "key_people": row.key_people,
        "counts": row.counts,
        "last_contact": row.last_contact,
        "days_since_contact": row.days_since_contact,
        "quiet": row.quiet,
    }


@router.get(
    "/settings/{setting_slug}/engagement/my-families",
    response=list[FamilyEngagementOut],
    summary="Contact with my key families",
)
def my_families(request: HttpRequest, setting_slug: str, params: Query[PeriodIn]) -> list[dict]:
    """The families of the caller's key children, those with no contact for QUIET_DAYS first."""
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    period, quiet = _period(membership.setting, params)
    rows = selectors.key_person_engagement(
        user=request.auth, setting=membership.setting, period=period, quiet_days=quiet
    )
    return [_family(r) for r in rows]


@router.get(
    "/settings/{setting_slug}/engagement/overview",
    response=OverviewOut,
    summary="Contact with families by room and by family (managers)",
)
def overview(request: HttpRequest, setting_slug: str, params: Query[PeriodIn]) -> dict:
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    if not membership.perms.can_manage_partnership:
        raise PermissionDenied
    period, quiet = _period(membership.setting, params)
    rows = selectors.setting_engagement(user=request.auth, setting=membership.setting, period=period, quiet_days=quiet)
    return {
        "start": period.start,
        "end": period.end,
        "rooms": [
            {
                "room": r.name,
                "families": r.families,
                "families_in_contact": r.families_in_contact,
                "quiet_families": r.quiet_families,
                "counts": r.counts,
            }
            for r in selectors.rooms_from(rows)
        ],
        "families": [_family(r) for r in rows],
    }
