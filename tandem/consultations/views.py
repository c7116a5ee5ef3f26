"""Consultation pages. Staff (/s/<setting_slug>/consultations/): managers (can_manage_partnership)
start a consultation, publish it, read every comment, reply, and publish a new version with what
changed; every member of staff reads and comments on those put to staff. Families
(/family/consultations/): read the latest version in their language, comment on a paragraph
or the whole, see replies, and every earlier version with what changed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.accounts.decorators import staff_required
from tandem.consultations import forms, selectors, services
from tandem.core.forms import add_service_errors

GET_POST = require_http_methods(["GET", "POST"])
MANAGE = "can_manage_partnership"


def _language() -> str:
    return translation.get_language() or "en"


def _is_manager(request) -> bool:
    return request.membership.perms.can_manage_partnership


def _consultation(request, consultation_id):
    return selectors.consultation_for_staff(
        user=request.user,
        setting=request.membership.setting,
        consultation_id=consultation_id,
        manager=_is_manager(request),
    )


def _to_detail(consultation):
    return redirect("consultations:detail", setting_slug=consultation.setting.slug, consultation_id=consultation.pk)


def _reading(consultation, language):
    """The latest published version and all published versions, translated where ready."""
    published = selectors.published_versions(consultation)
    for field in ("body", "summary_of_changes"):
        selectors.translated(published, field, language, consultation.language)
    current = published[0] if published else None
    paragraphs = []
    if current is not None:
        originals = current.paragraphs()
        shown = [p.strip() for p in current.shown_body.split("\n\n") if p.strip()]
        paragraphs = shown if len(shown) == len(originals) else originals
    return current, published, paragraphs


# --- staff ----------------------------------------------------------------------------------------


@staff_required
@require_GET
def index(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    consultations = selectors.consultations_for_staff(user=request.user, setting=setting, manager=_is_manager(request))
    return render(
        request,
        "consultations/index.html",
        {"setting": setting, "consultations": consultations, "can_manage": _is_manager(request)},
    )


@staff_required(flag=MANAGE)
@GET_POST
def create(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    form = forms.ConsultationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                consultation = services.consultation_create(
                    setting=setting, by=request.user, language=_language(), **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The draft is saved. Publish it when it is ready for comment."))
                return _to_detail(consultation)
        status = 400
    return render(request, "consultations/create.html", {"setting": setting, "form": form}, status=status)


@staff_required
@GET_POST
def detail(request: HttpRequest, setting_slug: str, consultation_id) -> HttpResponse:
    """Managers: everything, with reply forms. Other staff: the text, and their own comments."""
    consultation = _consultation(request, consultation_id)
    manager = _is_manager(request)
    language = _language()
    current, published, paragraphs = _reading(consultation, language)
    latest = selectors.latest_version(consultation)
    today = consultation.setting.today()
    can_comment = current is not None and consultation.for_staff() and consultation.open_for_comment(today)
    form = forms.CommentForm(request.POST or None, paragraphs=paragraphs)
    status = 200
    if request.method == "POST":
        if not can_comment:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.comment_add(
                    version=current,
                    by=request.user,
                    staff=request.membership.staff,
                    language=language,
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Thank you. Your comment is sent."))
                return _to_detail(consultation)
        status = 400
    context = {
        "setting": consultation.setting,
        "consultation": consultation,
        "current": current,
        "draft": latest if latest is not None and latest.published_at is None else None,
        "published": published,
        "paragraphs": paragraphs,
        "form": form if can_comment else None,
        "manager": manager,
    }
    if manager:
        comments = selectors.comments_for_staff(consultation)
        selectors.translated(comments, "body", language)
        context["comments"] = comments
        context["reply_form"] = forms.ReplyForm()
    else:
        own, public = selectors.visible_comments(consultation, author=request.user)
        context["own"], context["public"] = own, public
    return render(request, "consultations/detail.html", context, status=status)


@staff_required(flag=MANAGE)
@require_POST
def publish(request: HttpRequest, setting_slug: str, consultation_id) -> HttpResponse:
    """Publish the draft first version for comment."""
    consultation = _consultation(request, consultation_id)
    latest = selectors.latest_version(consultation)
    if latest is None or latest.published_at is not None:
        messages.error(request, _("There is no draft to publish. To change the text, publish a new version."))
        return _to_detail(consultation)
    services.version_publish(consultation=consultation, by=request.user)
    messages.success(request, _("Published for comment. Everyone asked will be told."))
    return _to_detail(consultation)


@staff_required(flag=MANAGE)
@GET_POST
def version_new(request: HttpRequest, setting_slug: str, consultation_id) -> HttpResponse:
    consultation = _consultation(request, consultation_id)
    latest = selectors.latest_version(consultation)
    form = forms.VersionForm(request.POST or None, initial={"body": latest.body if latest else ""})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                version = services.version_publish(consultation=consultation, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Version %(n)d is published, with what changed.") % {"n": version.number})
                return _to_detail(consultation)
        status = 400
    return render(
        request,
        "consultations/version_new.html",
        {"setting": consultation.setting, "consultation": consultation, "form": form, "latest": latest},
        status=status,
    )


@staff_required(flag=MANAGE)
@require_POST
def reply(request: HttpRequest, setting_slug: str, consultation_id, comment_id) -> HttpResponse:
    consultation = _consultation(request, consultation_id)
    comment = selectors.comment_for_staff(consultation=consultation, comment_id=comment_id)
    form = forms.ReplyForm(request.POST)
    if form.is_valid():
        services.reply_add(comment=comment, by=request.user, language=_language(), **form.cleaned_data)
        messages.success(request, _("Your reply is sent."))
    else:
        messages.error(request, _("Write a reply and choose who sees it."))
    return _to_detail(consultation)


# --- families -------------------------------------------------------------------------------------


@login_required
@require_GET
def family_index(request: HttpRequest) -> HttpResponse:
    return render(
        request, "consultations/family_index.html", {"consultations": selectors.family_consultations(user=request.user)}
    )


@login_required
@GET_POST
def family_detail(request: HttpRequest, consultation_id) -> HttpResponse:
    consultation, guardian = selectors.consultation_for_family(user=request.user, consultation_id=consultation_id)
    language = _language()
    current, published, paragraphs = _reading(consultation, language)
    can_comment = consultation.open_for_comment(consultation.setting.today())
    form = forms.CommentForm(request.POST or None, paragraphs=paragraphs)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.comment_add(
                    version=current, by=request.user, guardian=guardian, language=language, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Thank you. Your comment is sent to the setting."))
                return redirect("consultations_family:detail", consultation_id=consultation.pk)
        status = 400
    own, public = selectors.visible_comments(consultation, author=request.user)
    replies = [r for c in own + public for r in c.replies.all()]
    selectors.translated(replies, "body", language)
    return render(
        request,
        "consultations/family_detail.html",
        {
            "consultation": consultation,
            "current": current,
            "published": published,
            "paragraphs": paragraphs,
            "form": form if can_comment else None,
            "own": own,
            "public": public,
        },
        status=status,
    )
