"""Staff pages of the learning journal, under /s/<setting_slug>/journal/. Every member of staff
who can see children records and reads observations; the author (or a manager) edits and
publishes; managers (can_manage_staff) review; journal settings need can_manage_setting.
Times are typed and shown in the setting's time zone (the scope middleware activates it)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.access import rules
from tandem.accounts.decorators import staff_required
from tandem.core.forms import add_service_errors
from tandem.journal import forms, selectors, services
from tandem.journal.models import Observation

GET_POST = require_http_methods(["GET", "POST"])


def _children_qs(request: HttpRequest):
    setting = request.membership.setting
    return (
        rules.children_visible_to(request.user, setting=setting)
        .filter(leave_date__isnull=True)
        .select_related("room")
        .order_by("room__name", "first_name", "last_name")
    )


def _curriculum(setting):
    """The setting's framework's choices, or None when no framework is loaded yet."""
    from tandem.curriculum.selectors import FrameworkMissing, curriculum_choices

    try:
        return curriculum_choices(setting)
    except FrameworkMissing:
        return None


def _leuven() -> dict:
    from tandem.curriculum.selectors import leuven_choices

    return {scale: leuven_choices(scale) for scale in ("wellbeing", "involvement")}


def _may_edit(request: HttpRequest, observation: Observation) -> bool:
    m = request.membership
    return observation.author_id == m.staff.pk or m.perms.can_manage_staff


def _require_edit(request: HttpRequest, observation: Observation) -> None:
    if not _may_edit(request, observation):
        raise PermissionDenied


def _observation(request: HttpRequest, observation_id) -> Observation:
    return selectors.observation_for_staff(
        user=request.user, setting=request.membership.setting, observation_id=observation_id
    )


def _media_files(request: HttpRequest, ids: list[str]) -> list:
    """Files uploaded earlier through the media widget: only this setting's."""
    if not ids:
        return []
    from uuid import UUID

    from tandem.media.selectors import media_list_for_setting

    try:
        wanted = [UUID(i) for i in ids]
    except ValueError as exc:
        raise Http404 from exc
    found = list(media_list_for_setting(user=request.user, setting=request.membership.setting).filter(pk__in=wanted))
    if len(found) != len(set(wanted)):
        raise Http404
    return found


def _to_detail(setting, observation) -> HttpResponse:
    return redirect("journal:detail", setting_slug=setting.slug, observation_id=observation.pk)


@staff_required(flag="can_view_children")
@require_GET
def index(request: HttpRequest, setting_slug: str) -> HttpResponse:
    """Observations, newest first, filtered by child, room, area, author, status and date."""
    setting = request.membership.setting
    form = forms.FilterForm(request.GET or None)
    filters = selectors.ObservationFilters()
    if form.is_valid():
        d = form.cleaned_data
        child = None
        if d.get("child"):
            child, _perms = rules.child_for_user(request.user, child_id=d["child"], setting=setting, audit=False)
        filters = selectors.ObservationFilters(
            child=child,
            room_id=d.get("room"),
            area_id=d.get("area"),
            author_id=d.get("author"),
            status=d.get("status") or "",
            date_from=d.get("date_from"),
            date_to=d.get("date_to"),
        )
    page = Paginator(selectors.observation_list_for_staff(user=request.user, setting=setting, filters=filters), 50)
    curriculum = _curriculum(setting)
    context = {
        "setting": setting,
        "form": form,
        "page": page.get_page(request.GET.get("page")),
        "children": _children_qs(request),
        "rooms": rules.rooms_visible_to(request.user, setting=setting).filter(is_active=True),
        "authors": rules.staff_visible_to(request.user, setting=setting).filter(is_active=True).select_related("user"),
        "areas": curriculum.areas if curriculum else [],
        "query": request.GET.urlencode(),
    }
    template = "journal/index.html#results" if request.htmx else "journal/index.html"
    return render(request, template, context)


@staff_required(flag="can_view_children")
@GET_POST
def new(request: HttpRequest, setting_slug: str) -> HttpResponse:
    """The three-tap observation: choose photos, tap the children, save. A draft is saved at
    once and details are added after."""
    setting = request.membership.setting
    initial_children = request.GET.getlist("child")
    form = forms.QuickObservationForm(
        request.POST or None,
        request.FILES or None,
        children_queryset=_children_qs(request),
        initial={"children": initial_children},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            observation = services.observation_create(
                setting=setting,
                author=request.membership.staff,
                by=request.user,
                children=list(d["children"]),
                text_markdown=d.get("text_markdown") or "",
                uploads=d["photos"],
                media=_media_files(request, d["media"]),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved as a draft. Add details, then share it with families."))
            return redirect("journal:edit", setting_slug=setting.slug, observation_id=observation.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "journal/new.html", {"setting": setting, "form": form}, status=status)


@staff_required(flag="can_view_children")
@require_GET
def detail(request: HttpRequest, setting_slug: str, observation_id) -> HttpResponse:
    """An observation as staff see it: every photo as it is, with what other families will see
    (who is blurred, why a photo is withheld), every comment thread, earlier versions."""
    setting = request.membership.setting
    observation = _observation(request, observation_id)
    context = {
        "setting": setting,
        "observation": observation,
        "children": [link.child for link in observation.child_links.all()],
        "photos": selectors.photos_for_staff(observation=observation, user=request.user),
        "comments": selectors.comments_for_staff(observation=observation),
        "tried": selectors.tried_at_home_for_observation(observation=observation),
        "versions": observation.versions.select_related("changed_by"),
        "problems": services.publish_problems(observation) if observation.status != "published" else [],
        "may_edit": _may_edit(request, observation),
        "may_review": request.membership.perms.can_manage_staff,
        "publish_form": forms.PublishForm(),
        "comment_form": forms.CommentForm(),
    }
    return render(request, "journal/detail.html", context)


@staff_required(flag="can_view_children")
@GET_POST
def edit(request: HttpRequest, setting_slug: str, observation_id) -> HttpResponse:
    """Add the details: text, the child's voice, next steps, ideas for home, curriculum links,
    Leuven scores; tag who is in each photo. After publishing, the earlier version is kept."""
    setting = request.membership.setting
    observation = _observation(request, observation_id)
    _require_edit(request, observation)
    curriculum = _curriculum(setting)
    initial = {
        "children": [link.child_id for link in observation.child_links.all()],
        "occurred_at": observation.occurred_at,
        "text_markdown": observation.text_markdown,
        "child_voice": observation.child_voice,
        "next_steps": observation.next_steps,
        "home_ideas": observation.home_ideas,
        "areas": list(observation.areas.all()),
        "statements": list(observation.statements.all()),
        "characteristics": list(observation.characteristics.all()),
        "leuven_wellbeing": observation.leuven_wellbeing,
        "leuven_involvement": observation.leuven_involvement,
    }
    form = forms.ObservationForm(
        request.POST or None,
        initial=initial,
        children_queryset=_children_qs(request),
        curriculum=curriculum,
        leuven=_leuven(),
    )
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items()}
        changes["children"] = list(changes["children"])
        try:
            services.observation_update(observation=observation, by=request.user, **changes)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The observation is saved."))
            return _to_detail(setting, observation)
    children = [link.child for link in observation.child_links.all()]
    photo_forms = [
        (
            link,
            forms.PhotoTagForm(
                initial={"children": [c.pk for c in link.children_in_photo.all()], "caption": link.caption},
                children_queryset=observation.children.all(),
                prefix=f"p{link.pk}",
            ),
        )
        for link in observation.media_links.all()
    ]
    context = {
        "setting": setting,
        "observation": observation,
        "form": form,
        "children": children,
        "photo_forms": photo_forms,
        "media_form": forms.AddMediaForm(),
    }
    return render(request, "journal/edit.html", context, status=400 if form.is_bound and form.errors else 200)


@staff_required(flag="can_view_children")
@require_POST
def add_media(request: HttpRequest, setting_slug: str, observation_id) -> HttpResponse:
    setting = request.membership.setting
    observation = _observation(request, observation_id)
    _require_edit(request, observation)
    form = forms.AddMediaForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            files = services.observation_add_media(
                observation=observation,
                by=request.user,
                uploads=form.cleaned_data["photos"],
                media=_media_files(request, request.POST.getlist("media")),
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect("journal:edit", setting_slug=setting.slug, observation_id=observation.pk)
        messages.success(request, _("%(n)s files added.") % {"n": len(files)})
    return redirect("journal:edit", setting_slug=setting.slug, observation_id=observation.pk)


@staff_required(flag="can_view_children")
@require_POST
def photo_tag(request: HttpRequest, setting_slug: str, observation_id, link_id: int) -> HttpResponse:
    """Say who is in one photo (whose consent is asked before other families see it)."""
    setting = request.membership.setting
    observation = _observation(request, observation_id)
    _require_edit(request, observation)
    link = next((lk for lk in observation.media_links.all() if lk.pk == link_id), None)
    if link is None:
        raise Http404
    form = forms.PhotoTagForm(request.POST, children_queryset=observation.children.all(), prefix=f"p{link.pk}")
    if form.is_valid():
        try:
            services.observation_media_tag(
                link=link,
                by=request.user,
                children=list(form.cleaned_data["children"]),
                caption=form.cleaned_data["caption"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Saved who is in the photo."))
    else:
        messages.error(request, _("Choose children from the list."))
    return redirect("journal:edit", setting_slug=setting.slug, observation_id=observation.pk)


@staff_required(flag="can_view_children")
@require_POST
def publish(request: HttpRequest, setting_slug: str, observation_id) -> HttpResponse:
    setting = request.membership.setting
    observation = _observation(request, observation_id)
    _require_edit(request, observation)
    form = forms.PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a valid date and time, or leave it empty."))
        return _to_detail(setting, observation)
    try:
        observation = services.observation_publish(
            observation=observation,
            by=request.user,
            staff=request.membership.staff,
            perms=request.membership.perms,
            publish_at=form.cleaned_data["publish_at"],
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return _to_detail(setting, observation)
    if observation.status == Observation.Status.AWAITING_REVIEW:
        messages.success(request, _("Sent to a manager to review. Families will see it once it is approved."))
    elif observation.published_at is None:
        messages.success(request, _("Families will see it at the time you chose."))
    else:
        messages.success(request, _("Shared with the families."))
    return _to_detail(setting, observation)


@staff_required(flag="can_manage_staff")
@require_POST
def approve(request: HttpRequest, setting_slug: str, observation_id) -> HttpResponse:
    setting = request.membership.setting
    observation = _observation(request, observation_id)
    try:
        services.observation_approve(
            observation=observation, by=request.user, reviewer=request.membership.staff, perms=request.membership.perms
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Approved and shared with the families."))
    return redirect("journal:review", setting_slug=setting.slug)


@staff_required(flag="can_manage_staff")
@require_POST
def send_back(request: HttpRequest, setting_slug: str, observation_id) -> HttpResponse:
    setting = request.membership.setting
    observation = _observation(request, observation_id)
    try:
        services.observation_return(observation=observation, by=request.user, perms=request.membership.perms)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Sent back to its author as a draft."))
    return redirect("journal:review", setting_slug=setting.slug)


@staff_required(flag="can_manage_staff")
@require_GET
def review(request: HttpRequest, setting_slug: str) -> HttpResponse:
    """The manager's review queue."""
    setting = request.membership.setting
    return render(
        request,
        "journal/review.html",
        {"setting": setting, "observations": selectors.review_queue(user=request.user, setting=setting)},
    )


@staff_required(flag="can_view_children")
@require_GET
def quiet(request: HttpRequest, setting_slug: str) -> HttpResponse:
    """Children with no observation for N days, by key person, so no child is forgotten."""
    setting = request.membership.setting
    days = services.journal_settings_get(setting=setting).quiet_days
    groups = selectors.children_without_recent_observations(user=request.user, setting=setting, days=days)
    return render(request, "journal/quiet.html", {"setting": setting, "groups": groups, "days": days})


@staff_required(flag="can_view_children")
@require_GET
def child_journal(request: HttpRequest, setting_slug: str, child_id) -> HttpResponse:
    setting = request.membership.setting
    child, _perms = rules.child_for_user(request.user, child_id=child_id, setting=setting)
    page = Paginator(selectors.observations_for_child_staff(child=child), 50).get_page(request.GET.get("page"))
    moments = selectors.home_moments_for_guardian(child=child)[:20]
    return render(request, "journal/child.html", {"setting": setting, "child": child, "page": page, "moments": moments})


@staff_required(flag="can_view_children")
@require_POST
def comment(request: HttpRequest, setting_slug: str, observation_id) -> HttpResponse:
    """Staff add to one child's thread (each family has its own)."""
    setting = request.membership.setting
    observation = _observation(request, observation_id)
    form = forms.CommentForm(request.POST)
    children = {link.child_id: link.child for link in observation.child_links.all()}
    if form.is_valid() and form.cleaned_data["child"] in children:
        reply_to = None
        if form.cleaned_data.get("reply_to"):
            reply_to = selectors.comment_for_staff(
                user=request.user, setting=setting, comment_id=form.cleaned_data["reply_to"]
            )
        try:
            services.comment_add(
                observation=observation,
                child=children[form.cleaned_data["child"]],
                by=request.user,
                text=form.cleaned_data["text"],
                reply_to=reply_to,
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Your reply is added."))
    else:
        messages.error(request, _("Write a comment and choose whose thread it is for."))
    return _to_detail(setting, observation)


@staff_required(flag="can_view_children")
@require_POST
def comment_hide(request: HttpRequest, setting_slug: str, comment_id) -> HttpResponse:
    """Hide a comment from families; it stays in the record, marked hidden for staff."""
    setting = request.membership.setting
    found = selectors.comment_for_staff(user=request.user, setting=setting, comment_id=comment_id)
    form = forms.HideCommentForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    services.comment_hide(comment=found, by=request.user, reason=reason)
    messages.success(request, _("The comment is hidden from families. Staff can still read it."))
    return _to_detail(setting, found.observation)


@staff_required(flag="can_view_children")
@require_GET
def from_home(request: HttpRequest, setting_slug: str) -> HttpResponse:
    """What families shared: moments from home (new ones first) and "we tried this at home"."""
    setting = request.membership.setting
    page = Paginator(selectors.home_moments_for_staff(user=request.user, setting=setting), 30).get_page(
        request.GET.get("page")
    )
    tried = selectors.tried_at_home_for_staff(user=request.user, setting=setting)
    return render(request, "journal/from_home.html", {"setting": setting, "page": page, "tried": tried})


@staff_required(flag="can_view_children")
@GET_POST
def home_moment(request: HttpRequest, setting_slug: str, moment_id) -> HttpResponse:
    """Read a moment from home; acknowledge it, link it to the curriculum, plan to build on it."""
    setting = request.membership.setting
    moment = selectors.home_moment_for_staff(user=request.user, setting=setting, moment_id=moment_id)
    curriculum = _curriculum(setting)
    initial = {
        "note": moment.staff_note,
        "build_on_in_planning": moment.build_on_in_planning,
        "areas": list(moment.areas.all()),
        "statements": list(moment.statements.all()),
    }
    form = forms.AcknowledgeForm(request.POST or None, initial=initial, curriculum=curriculum)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.home_moment_acknowledge(
                moment=moment,
                by=request.user,
                staff=request.membership.staff,
                note=d["note"],
                build_on_in_planning=d["build_on_in_planning"],
                areas=d.get("areas") or [],
                statements=d.get("statements") or [],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Thank you noted. The family can see it."))
            return redirect("journal:from-home", setting_slug=setting.slug)
    from tandem.media.signing import media_url

    files = [
        {
            "media": m,
            "url": media_url(media=m, variant="display" if m.kind == "photo" else "original", viewer=request.user),
        }
        for m in moment.media.all()
        if m.status == "ready" or m.kind != "photo"
    ]
    return render(
        request,
        "journal/home_moment.html",
        {"setting": setting, "moment": moment, "form": form, "files": files},
        status=400 if form.is_bound and form.errors else 200,
    )


@staff_required(flag="can_manage_setting")
@GET_POST
def journal_settings(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    current = services.journal_settings_get(setting=setting)
    form = forms.JournalSettingsForm(
        request.POST or None,
        initial={"require_review_for": current.require_review_for, "quiet_days": current.quiet_days},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.journal_settings_update(setting=setting, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Journal settings saved."))
            return redirect("journal:settings", setting_slug=setting.slug)
    return render(
        request,
        "journal/settings.html",
        {"setting": setting, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )
