"""Opens the tenancy scope for every request (pretix's PermissionMiddleware).

- A URL with a `setting_slug` runs inside that one setting, after checking the user works
  there (404 otherwise, the same as a setting that does not exist).
- Every other URL runs inside the settings the user is connected to (their staff memberships
  and their children's settings); for someone signed out that is no setting at all.
The scope is the seat belt: selectors still filter through tandem.access.rules."""

import zoneinfo

from django.http import Http404
from django.urls import Resolver404, resolve
from django.utils import timezone
from django_scopes import scope

from tandem.access import rules


class SettingScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.setting = None
        request.membership = None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            match = None
        slug = match.kwargs.get("setting_slug") if match else None
        if slug is not None and request.user.is_authenticated:
            try:
                membership = rules.membership_for_user(request.user, setting_slug=slug)
            except Http404:
                membership = None
            if membership is not None:
                request.setting = membership.setting
                request.membership = membership
                # Times on a setting's pages are the setting's local times.
                timezone.activate(zoneinfo.ZoneInfo(membership.setting.timezone))
                try:
                    with scope(setting=[membership.setting.pk]):
                        return self.get_response(request)
                finally:
                    timezone.deactivate()
            with scope(setting=[]):
                return self.get_response(request)  # the view's own access call raises 404
        with scope(setting=rules.setting_ids_for_user(request.user)):
            return self.get_response(request)
