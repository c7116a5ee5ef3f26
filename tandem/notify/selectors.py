"""Reads of notices, for the person they were sent to."""

from django.db.models import QuerySet

from tandem.notify.models import NoticeRecipient


def notices_for_user(*, user) -> QuerySet[NoticeRecipient]:
    """The in-app notifications of USER: as a parent or carer, and as a member of staff."""
    from django.db.models import Q

    if user is None or not user.is_authenticated:
        return NoticeRecipient.objects.none()
    return (
        NoticeRecipient.objects.filter(Q(guardian__user=user) | Q(staff__user=user, staff__is_active=True))
        .select_related("notice")
        .order_by("-created_at")
    )
