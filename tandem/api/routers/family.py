"""A parent or carer's view: their own children, nothing else."""

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Router
from ninja.pagination import paginate

from tandem.access import rules
from tandem.api import present
from tandem.api.pagination import Pagination
from tandem.api.routers.settings import ChildId
from tandem.api.schemas import FamilyChildDetailOut, FamilyChildOut
from tandem.core import selectors
from tandem.core.models import Child

router = Router(tags=["family"])


@router.get("/children", response=list[FamilyChildOut], summary="Your children")
@paginate(Pagination)
def family_child_list(request: HttpRequest) -> QuerySet[Child]:
    """The children you are a parent or carer of (empty for anyone else)."""
    return selectors.children_for_guardian(user=request.auth)


@router.get("/children/{child_id}", response=FamilyChildDetailOut, summary="One of your children")
def family_child_detail(request: HttpRequest, child_id: ChildId) -> dict:
    """Your child's details and consents. Staff use /settings/{setting_slug}/children/{child_id};
    this is the family's view, so anyone who is not the child's guardian gets 404."""
    child, perms = rules.child_for_user(request.auth, child_id=child_id)
    if not perms.is_guardian:
        raise Http404
    return present.family_child(child, perms, selectors.consents_for_child(child=child))
