"""The person calling the API."""

from django.http import HttpRequest
from ninja import Router

from tandem.access import rules
from tandem.api import present
from tandem.api.schemas import MeOut

router = Router(tags=["accounts"])


@router.get("/me", response=MeOut, summary="The signed-in person")
def me(request: HttpRequest) -> dict:
    """Who you are, the settings you work in (roles and what they allow), the organisations you
    lead and whether you are a parent or carer of a child in Tandem."""
    user = request.auth
    memberships = rules.memberships_for_user(user)
    led = list(rules.organisations_led_by(user).order_by("name"))
    return {
        "id": user.pk,
        "display_name": user.display_name,
        "email": user.email,
        "language": user.language,
        "is_guardian": rules.is_guardian(user),
        # One small query per setting for its organisation: people work in one or two settings.
        "settings": [present.membership(m, m.setting.organisation) for m in memberships],
        "organisations_led": [present.organisation_ref(o) for o in led],
    }
