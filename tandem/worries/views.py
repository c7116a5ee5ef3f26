"""Progress worry pages. Staff (/s/<setting_slug>/worries/): my key children's open cases, every
open case (overseers: can_oversee_progress), flag a worry about a child, the case page with its
timeline, the conversation with the family, the agreed support, the graduated approach stages
and closing. Families (/family/worries/): the case summary once discussed with them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.accounts.decorators import staff_required
from tandem.core.forms import add_service_errors
from tandem.worries import forms, selectors, services

GET_POST = require_http_methods(["GET", "POST"])


@staff_required
@require_GET
def index(request: HttpRequest, setting_slug: str) -> HttpResponse:
    """The open cases of my key children."""
    membership = request.membership
    return render(
        request,
        "worries/index.html",
        {
            "setting": membership.setting,
            "worries": selectors.open_worries(request.user, membership=membership, mine_only=True),
            "overseer": membership.perms.can_oversee_progress,
            "mine": True,
            "long_days": selectors.LONG_OPEN_DAYS,
        },
    )


@staff_required
@require_GET
def overview(request: HttpRequest, setting_slug: str) -> HttpResponse:
    """Every open case in the setting, longest open first (managers and the SENCO)."""
    membership = request.membership
    if not membership.perms.can_oversee_progress:
        raise PermissionDenied
    return render(
        request,
        "worries/index.html",
        {
            "setting": membership.setting,
            "worries": selectors.open_worries(request.user, membership=membership),
            "overseer": True,
            "mine": False,
            "long_days": selectors.LONG_OPEN_DAYS,
        },
    )


@staff_required
@GET_POST
def new(request: HttpRequest, setting_slug: str, child_id) -> HttpResponse:
    membership = request.membership
    setting = membership.setting
    child, _perms = selectors.child_for_staff(request.user, membership=membership, child_id=child_id)
    from tandem.journal.models import Observation

    observations = list(Observation.objects.filter(children=child).order_by("-occurred_at")[:20])
    form = forms.WorryForm(
        request.POST or None, observations=observations, area_choices=selectors.prime_area_choices(setting)
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                worry = services.worry_open(
                    child=child, by=request.user, raised_by=membership.staff, **form.service_data()
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The worry is recorded. Now talk with the family and agree the support."))
                return redirect("worries:detail", setting_slug=setting.slug, worry_id=worry.pk)
        status = 400
    return render(
        request,
        "worries/new.html",
        {"setting": setting, "child": child, "form": form, "two_year_check": selectors.two_year_check(child)},
        status=status,
    )


def _detail(request, worry, *, status=200, **form_overrides):
    setting = request.membership.setting
    context = {
        "setting": setting,
        "worry": worry,
        "child": worry.child,
        "days": worry.days_open(),
        "long_days": selectors.LONG_OPEN_DAYS,
        "timeline": selectors.timeline(worry),
        "two_year_check": selectors.two_year_check(worry.child),
        "has_conversation": services.has_family_conversation(worry),
        "discussion_form": forms.DiscussionForm(
            initial={
                "discussed_on": worry.discussed_on or setting.today(),
                "family_views": worry.family_views,
                "agreed_support": worry.agreed_support,
            }
        ),
        "support_form": forms.SupportForm(initial={"agreed_support": worry.agreed_support}),
        "stage_form": forms.StageForm(initial={"on": setting.today()}),
        "close_form": forms.CloseForm(),
        "notes_form": forms.NotesForm(initial={"staff_notes": worry.staff_notes}),
    }
    context.update(form_overrides)
    return render(request, "worries/detail.html", context, status=status)


@staff_required
@require_GET
def detail(request: HttpRequest, setting_slug: str, worry_id) -> HttpResponse:
    worry = selectors.worry_for_staff(request.user, membership=request.membership, worry_id=worry_id)
    return _detail(request, worry)


def _post(request, worry_id, form_class, form_key, call, success):
    worry = selectors.worry_for_staff(request.user, membership=request.membership, worry_id=worry_id)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            call(worry, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect("worries:detail", setting_slug=request.membership.setting.slug, worry_id=worry.pk)
    return _detail(request, worry, status=400, **{form_key: form})


@staff_required
@require_POST
def discussion(request: HttpRequest, setting_slug: str, worry_id) -> HttpResponse:
    return _post(
        request,
        worry_id,
        forms.DiscussionForm,
        "discussion_form",
        lambda w, d: services.discussion_record(worry=w, by=request.user, **d),
        _("The conversation with the family is recorded. They can now see what you agreed together."),
    )


@staff_required
@require_POST
def support(request: HttpRequest, setting_slug: str, worry_id) -> HttpResponse:
    return _post(
        request,
        worry_id,
        forms.SupportForm,
        "support_form",
        lambda w, d: services.support_agree(worry=w, by=request.user, **d),
        _("The agreed support is recorded."),
    )


@staff_required
@require_POST
def stage(request: HttpRequest, setting_slug: str, worry_id) -> HttpResponse:
    return _post(
        request,
        worry_id,
        forms.StageForm,
        "stage_form",
        lambda w, d: services.stage_record(worry=w, by=request.user, **d),
        _("The stage is recorded."),
    )


@staff_required
@require_POST
def notes(request: HttpRequest, setting_slug: str, worry_id) -> HttpResponse:
    return _post(
        request,
        worry_id,
        forms.NotesForm,
        "notes_form",
        lambda w, d: services.staff_notes_update(worry=w, by=request.user, **d),
        _("The staff-only notes are saved."),
    )


@staff_required
@require_POST
def close(request: HttpRequest, setting_slug: str, worry_id) -> HttpResponse:
    return _post(
        request,
        worry_id,
        forms.CloseForm,
        "close_form",
        lambda w, d: services.worry_close(worry=w, by=request.user, **d),
        _("The case is closed. It stays on the child's record."),
    )


# --- families -------------------------------------------------------------------------------------


@login_required
@require_GET
def family_detail(request: HttpRequest, worry_id) -> HttpResponse:
    """What we agreed together: shown once the setting has talked with the family."""
    from tandem.meetings.models import Conversation

    worry = selectors.worry_for_guardian(request.user, worry_id=worry_id)
    conversations = Conversation.objects.filter(worry=worry).exclude(status=Conversation.Status.PLANNED)
    return render(
        request,
        "worries/family_detail.html",
        {"worry": worry, "child": worry.child, "conversations": conversations},
    )
