from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from tandem.access.rules import require


def staff_required(view=None, *, flag: str | None = None):
    """The view runs only for a member of the URL's setting (404 otherwise, set up by
    SettingScopeMiddleware), and with FLAG only for those whose roles grant it (403)."""

    def decorator(func):
        @login_required
        @wraps(func)
        def wrapper(request, *args, **kwargs):
            if getattr(request, "membership", None) is None:
                raise Http404
            if flag is not None:
                require(request.membership.perms, flag)
            return func(request, *args, **kwargs)

        return wrapper

    return decorator(view) if view is not None else decorator
