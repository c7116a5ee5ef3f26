"""Reads the API needs that tandem.core.selectors does not offer yet. Each starts from an object
the caller already got through tandem.access (a child from child_for_user), so it cannot reach
further than access allowed. Move them to core.selectors when the pages need them too."""

from django.db.models import QuerySet

from tandem.core.models import Child, ConsentEvent

# The history of one child's consents is short (a handful of kinds, a few changes a year), but
# an API answer is still bounded.
CONSENT_HISTORY_LIMIT = 200


def consent_history_for_child(*, child: Child) -> QuerySet[ConsentEvent]:
    """Every consent decision recorded for CHILD, newest first, with who gave and recorded it."""
    return ConsentEvent.objects.filter(child=child, setting_id=child.setting_id).select_related(
        "given_by", "recorded_by"
    )[:CONSENT_HISTORY_LIMIT]
