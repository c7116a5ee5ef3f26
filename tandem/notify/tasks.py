"""Background work of notify: routing each notice to its recipients' channels."""

from django.tasks import task
from django_scopes import scopes_disabled


@task()
def route_notice(notice_id: str) -> int:
    """Route one notice (tandem.notify.routing). Returns how many deliveries it queued."""
    from tandem.notify import routing
    from tandem.notify.models import Notice

    with scopes_disabled():  # a task has no request: it reads the one notice it was given
        notice = Notice.objects.filter(pk=notice_id).first()
        if notice is None:
            return 0
        return routing.route(notice)
