"""A parent or carer's journal pages, under /family/journal/: their child's published
observations (each already redacted for their family by the selectors), comment threads,
"we tried this at home" and moments from home. Anyone who is not the child's guardian gets 404."""

import zoneinfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.access import rules
from tandem.core.forms import add_service_errors
from tandem.journal import forms, selectors, services


def _own_child(request: HttpRequest, child_id, *, audit: bool = True):
    child, perms = rules.child_for_user(request.user, child_id=child_id, audit=audit)
    if not perms.is_guardian:
        raise Http404  # staff use their own pages
    return child


def _page_number(request: HttpRequest) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


@login_required
@require_GET
def feed(request: HttpRequest, child_id) -> HttpResponse:
    """The child's journal, newest first, 50 a page, with thumbnails (signed for this viewer)."""
    # A parent reading their own child's journal is not logged on every page of the feed (it
    # is the busiest page, and each log entry is a write); opening an observation is.
    child = _own_child(request, child_id, audit=False)
    page = _page_number(request)
    items, has_next = selectors.feed_for_guardian(user=request.user, child=child, page=page, full_size=False)
    # One reverse() for the page instead of two per item.
    marker = "00000000-0000-0000-0000-000000000000"
    pattern = reverse("journal_family:detail", args=[child.pk, marker])
    for item in items:
        item.url = pattern.replace(marker, str(item.pk))
    with timezone.override(zoneinfo.ZoneInfo(child.setting.timezone)):
        return render(
            request,
            "journal/family_feed.html",
            {"child": child, "items": items, "page": page, "has_next": has_next},
        )


def _detail(request: HttpRequest, child, observation_id, *, comment_form=None, tried_form=None, status=200):
    item = selectors.observation_for_guardian(user=request.user, child=child, observation_id=observation_id)
    with timezone.override(zoneinfo.ZoneInfo(child.setting.timezone)):
        return render(
            request,
            "journal/family_detail.html",
            {
                "child": child,
                "item": item,
                "comment_form": comment_form or forms.CommentForm(),
                "tried_form": tried_form or forms.TriedAtHomeForm(),
            },
            status=status,
        )


@login_required
@require_GET
def detail(request: HttpRequest, child_id, observation_id) -> HttpResponse:
    child = _own_child(request, child_id)
    return _detail(request, child, observation_id)


@login_required
@require_POST
def comment(request: HttpRequest, child_id, observation_id) -> HttpResponse:
    """Add to the family's own thread; the key person is told by e-mail."""
    child = _own_child(request, child_id)
    item = selectors.observation_for_guardian(user=request.user, child=child, observation_id=observation_id)
    guardian = selectors.guardian_for_child(user=request.user, child=child)
    form = forms.CommentForm(request.POST)
    if form.is_valid():
        reply_to = next((c for c in item.comments if c.pk == form.cleaned_data.get("reply_to")), None)
        try:
            services.comment_add(
                observation=item.observation,
                child=child,
                by=request.user,
                guardian=guardian,
                text=form.cleaned_data["text"],
                reply_to=reply_to,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Thank you. Your comment is sent to the key person."))
            return redirect("journal_family:detail", child_id=child.pk, observation_id=item.pk)
    return _detail(request, child, observation_id, comment_form=form, status=400)


@login_required
@require_POST
def tried(request: HttpRequest, child_id, observation_id) -> HttpResponse:
    """ "We tried this at home", with an optional note for the key person."""
    child = _own_child(request, child_id)
    item = selectors.observation_for_guardian(user=request.user, child=child, observation_id=observation_id)
    guardian = selectors.guardian_for_child(user=request.user, child=child)
    form = forms.TriedAtHomeForm(request.POST)
    if form.is_valid():
        try:
            services.tried_at_home_record(
                observation=item.observation,
                child=child,
                guardian=guardian,
                by=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Thank you for telling us. The key person will see it."))
            return redirect("journal_family:detail", child_id=child.pk, observation_id=item.pk)
    return _detail(request, child, observation_id, tried_form=form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def home_moments(request: HttpRequest, child_id) -> HttpResponse:
    """Moments from home: add one (photos, video, text in your own language) and see those
    already shared, with the setting's thanks."""
    child = _own_child(request, child_id)
    guardian = selectors.guardian_for_child(user=request.user, child=child)
    form = forms.HomeMomentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.home_moment_add(
                child=child,
                guardian=guardian,
                by=request.user,
                text=d["text"],
                occurred_on=d["occurred_on"],
                uploads=d["photos"],
                language=request.LANGUAGE_CODE,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Thank you! Your moment is shared with the key person."))
            return redirect("journal_family:home-moments", child_id=child.pk)
    from tandem.media.signing import media_url

    moments = []
    for moment in selectors.home_moments_for_guardian(child=child)[:30]:
        files = []
        for m in moment.media.all():
            names = {v.name for v in m.variants.all()}
            if m.kind == "photo" and "thumb" in names:
                files.append({"media": m, "url": media_url(media=m, variant="thumb", viewer=request.user)})
            elif m.kind != "photo":
                files.append({"media": m, "url": media_url(media=m, variant="original", viewer=request.user)})
            else:
                files.append({"media": m, "url": None})
        moments.append({"moment": moment, "files": files})
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "journal/family_home_moments.html",
        {"child": child, "form": form, "moments": moments},
        status=status,
    )
