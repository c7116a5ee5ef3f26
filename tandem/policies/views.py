"""Policy pages. Staff (/s/<setting_slug>/policies/): every member reads the staff policies and
acknowledges them; with can_manage_partnership they write policies, publish new versions, see
who has and has not acknowledged, and send reminders. Families (/family/policies/): read the
setting's policies in their language and acknowledge those that ask for it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.access import rules
from tandem.accounts.decorators import staff_required
from tandem.core.forms import add_service_errors
from tandem.policies import forms, selectors, services
from tandem.policies.models import PolicyAcknowledgement

GET_POST = require_http_methods(["GET", "POST"])
MANAGE = "can_manage_partnership"


def pdf_link(version, viewer) -> str:
    """A private, signed, five-minute link to VERSION's PDF for VIEWER, or ""."""
    if version is None or version.document_id is None:
        return ""
    from tandem.media.signing import ORIGINAL, media_url

    return media_url(media=version.document, variant=ORIGINAL, viewer=viewer)


def _manages(request) -> bool:
    return request.membership.perms.can_manage_partnership


# --- staff ----------------------------------------------------------------------------------------


@staff_required
@require_GET
def index(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    manages = _manages(request)
    versions = selectors.policies_for_staff(setting=setting, staff_only=not manages)
    mine = set(
        PolicyAcknowledgement.objects.filter(
            staff=request.membership.staff, version__in=[v.pk for v in versions]
        ).values_list("version_id", flat=True)
    )
    for v in versions:
        v.mine = v.pk in mine
    return render(request, "policies/index.html", {"setting": setting, "versions": versions, "manages": manages})


@staff_required(flag=MANAGE)
@GET_POST
def new(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    form = forms.PolicyForm(request.POST or None, request.FILES or None, initial={"effective_from": setting.today()})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                policy = services.policy_create(
                    setting=setting, by=request.user, language=translation.get_language(), **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The policy is published."))
                return redirect("policies:detail", setting_slug=setting.slug, policy_id=policy.pk)
        status = 400
    return render(request, "policies/form.html", {"setting": setting, "form": form}, status=status)


@staff_required
@require_GET
def detail(request: HttpRequest, setting_slug: str, policy_id) -> HttpResponse:
    setting = request.membership.setting
    manages = _manages(request)
    policy = selectors.policy_for_staff(setting=setting, policy_id=policy_id, staff_only=not manages)
    versions = list(selectors.versions_of(policy=policy))
    current = versions[0] if versions else None
    html, translated = selectors.reading(version=current, language=translation.get_language())
    mine = selectors.acknowledgement_of(version=current, staff=request.membership.staff)
    return render(
        request,
        "policies/detail.html",
        {
            "setting": setting,
            "policy": policy,
            "current": current,
            "versions": versions,
            "html": html,
            "translated": translated,
            "mine": mine,
            "pdf_url": pdf_link(current, request.user),
            "manages": manages,
            "form": forms.AcknowledgeForm(),
        },
    )


@staff_required
@require_POST
def acknowledge(request: HttpRequest, setting_slug: str, policy_id) -> HttpResponse:
    setting = request.membership.setting
    policy = selectors.policy_for_staff(setting=setting, policy_id=policy_id, staff_only=True)
    form = forms.AcknowledgeForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["understood"]))
    else:
        try:
            services.policy_acknowledge(
                version=services.current_version(policy), by=request.user, staff=request.membership.staff
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Thank you. Your acknowledgement is recorded."))
    return redirect("policies:detail", setting_slug=setting.slug, policy_id=policy.pk)


@staff_required(flag=MANAGE)
@GET_POST
def publish(request: HttpRequest, setting_slug: str, policy_id) -> HttpResponse:
    """Publish a new version (acknowledgements start again)."""
    setting = request.membership.setting
    policy = selectors.policy_for_staff(setting=setting, policy_id=policy_id)
    current = services.current_version(policy)
    form = forms.VersionForm(
        request.POST or None,
        request.FILES or None,
        initial={"body_markdown": current.body_markdown if current else "", "effective_from": setting.today()},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.policy_publish_version(
                    policy=policy, by=request.user, language=translation.get_language(), **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The new version is published."))
                return redirect("policies:detail", setting_slug=setting.slug, policy_id=policy.pk)
        status = 400
    return render(request, "policies/publish.html", {"setting": setting, "policy": policy, "form": form}, status=status)


@staff_required(flag=MANAGE)
@require_GET
def tracking(request: HttpRequest, setting_slug: str, policy_id) -> HttpResponse:
    setting = request.membership.setting
    policy = selectors.policy_for_staff(setting=setting, policy_id=policy_id)
    current = services.current_version(policy)
    return render(
        request,
        "policies/tracking.html",
        {
            "setting": setting,
            "policy": policy,
            "current": current,
            "status": selectors.acknowledgement_status(version=current),
        },
    )


@staff_required(flag=MANAGE)
@require_POST
def remind(request: HttpRequest, setting_slug: str, policy_id) -> HttpResponse:
    setting = request.membership.setting
    policy = selectors.policy_for_staff(setting=setting, policy_id=policy_id)
    count = services.policy_send_reminders(version=services.current_version(policy), by=request.user)
    if count:
        messages.success(
            request, ngettext("%(count)d reminder sent.", "%(count)d reminders sent.", count) % {"count": count}
        )
    else:
        messages.success(request, _("Everyone who has not acknowledged it has already been reminded."))
    return redirect("policies:tracking", setting_slug=setting.slug, policy_id=policy.pk)


# --- families -------------------------------------------------------------------------------------


@login_required
@require_GET
def family_index(request: HttpRequest) -> HttpResponse:
    if not rules.is_guardian(request.user):
        from django.http import Http404

        raise Http404
    return render(
        request, "policies/family_index.html", {"versions": selectors.policies_for_guardian(user=request.user)}
    )


def _family_detail(request, policy, guardian, form, status=200) -> HttpResponse:
    current = services.current_version(policy)
    html, translated = selectors.reading(version=current, language=translation.get_language())
    return render(
        request,
        "policies/family_detail.html",
        {
            "policy": policy,
            "current": current,
            "html": html,
            "translated": translated,
            "mine": selectors.acknowledgement_of(version=current, guardian=guardian),
            "pdf_url": pdf_link(current, request.user),
            "form": form,
        },
        status=status,
    )


@login_required
@require_GET
def family_detail(request: HttpRequest, policy_id) -> HttpResponse:
    policy, guardian = selectors.policy_for_guardian(user=request.user, policy_id=policy_id)
    return _family_detail(request, policy, guardian, forms.AcknowledgeForm())


@login_required
@require_POST
def family_acknowledge(request: HttpRequest, policy_id) -> HttpResponse:
    policy, guardian = selectors.policy_for_guardian(user=request.user, policy_id=policy_id)
    form = forms.AcknowledgeForm(request.POST)
    if form.is_valid():
        try:
            services.policy_acknowledge(version=services.current_version(policy), by=request.user, guardian=guardian)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Thank you. The setting can see that you have read and understood it."))
            return redirect("policies_family:detail", policy_id=policy.pk)
    return _family_detail(request, policy, guardian, form, status=400)
