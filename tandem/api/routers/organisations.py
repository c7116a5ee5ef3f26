"""An organisation lead's view: numbers across its settings, never a child."""

from django.http import HttpRequest
from ninja import Router

from tandem.access import rules
from tandem.api import present
from tandem.api.schemas import OrganisationNumbersOut
from tandem.core import selectors

router = Router(tags=["organisations"])


@router.get("/{organisation_slug}/numbers", response=OrganisationNumbersOut, summary="Numbers per setting")
def organisation_numbers(request: HttpRequest, organisation_slug: str) -> dict:
    """Counts per setting for an organisation you lead (404 otherwise). Small groups (fewer
    than 5) are null so no child can be singled out."""
    organisation = rules.organisation_for_user(request.auth, organisation_slug=organisation_slug)
    rows = selectors.organisation_numbers(organisation=organisation)
    return {
        "organisation": present.organisation_ref(organisation),
        "settings": [
            {
                "setting": present.setting_ref(row.setting),
                "children": row.children,
                "rooms": row.rooms,
                "staff": row.staff,
                "families": row.families,
                "guardians_signed_in": row.guardians_signed_in,
                "eal": row.eal,
                "eypp": row.eypp,
                "send": row.send,
            }
            for row in rows
        ],
    }
