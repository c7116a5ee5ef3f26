"""Background work for policies: a reminder, once, to each reader who has not acknowledged the
current version of a policy a week after it was published (PolicyReminder records it)."""

import datetime as dt

from django.tasks import task
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tandem.core.schedule import periodic

REMIND_AFTER = dt.timedelta(days=7)


@periodic(every=dt.timedelta(hours=6))
@task()
def remind_unacknowledged() -> int:
    """Remind readers of policies published more than a week ago. Returns how many were reminded."""
    from tandem.policies import selectors, services
    from tandem.policies.models import Policy

    with scopes_disabled():
        setting_ids = list(
            Policy.objects.filter(requires_acknowledgement=True, archived_at__isnull=True)
            .values_list("setting_id", flat=True)
            .distinct()
        )
    total = 0
    cutoff = timezone.now() - REMIND_AFTER
    for setting_id in setting_ids:
        with scope(setting=[setting_id]):
            from tandem.core.models import Setting

            setting = Setting.objects.get(pk=setting_id)
            for version in selectors.current_versions(setting=setting).filter(
                policy__requires_acknowledgement=True, published_at__lte=cutoff
            ):
                total += services.policy_send_reminders(version=version)
    return total
