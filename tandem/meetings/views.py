"""Structured conversation pages. Staff (/s/<setting_slug>/meetings/): a child's conversations,
plan one, record one (Explore, Focus, Plan, Review), its detail with the review and the
family's comments, a correction (versioned). Families (/family/meetings/): their child's plans
and a comment on one. Objects come from selectors that start from tandem.access; writes go
through tandem.meetings.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.access import rules
from tandem.accounts.decorators import staff_required
from tandem.core.forms import add_service_errors
from tandem.meetings import forms, selectors, services
from tandem.meetings.models import Conversation

GET_POST = require_http_methods(["GET", "POST"])


@staff_required
@require_GET
def index(request: HttpRequest, setting_slug: str) -> HttpResponse:
    """Planned meetings and reviews coming up, soonest first, for the children I follow."""
    membership = request.membership
    return render(
        request,
        "meetings/index.html",
        {
            "setting": membership.setting,
            "conversations": selectors.upcoming_for_staff(request.user, membership=membership),
            "today": membership.setting.today(),
        },
    )


@staff_required
@require_GET
def child(request: HttpRequest, setting_slug: str, child_id) -> HttpResponse:
    setting = request.membership.setting
    child, _perms = selectors.child_for_staff(request.user, membership=request.membership, child_id=child_id)
    return render(
        request,
        "meetings/child.html",
        {"setting": setting, "child": child, "conversations": selectors.conversations_for_child(child=child)},
    )


@staff_required
@GET_POST
def plan(request: HttpRequest, setting_slug: str, child_id) -> HttpResponse:
    setting = request.membership.setting
    child, _perms = selectors.child_for_staff(request.user, membership=request.membership, child_id=child_id)
    form = forms.PlanForm(request.POST or None, initial={"mode": "face"})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                conversation = services.conversation_plan(child=child, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The meeting is planned. The family and the key person will be reminded."))
                return redirect("meetings:detail", setting_slug=setting.slug, conversation_id=conversation.pk)
        status = 400
    return render(request, "meetings/plan.html", {"setting": setting, "child": child, "form": form}, status=status)


def _record(request, *, setting, child, planned=None, follows=None, worry=None):
    carried = list(follows.priorities.all()) if follows is not None else []
    initial = {
        "mode": planned.mode if planned else "face",
        "meeting_on": planned.meeting_on if planned else setting.today(),
    }
    form = forms.ConversationForm(request.POST or None, initial=initial, carried=carried)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                conversation = services.conversation_record(
                    child=child,
                    by=request.user,
                    planned=planned,
                    follows=follows,
                    worry=worry if planned is None else None,
                    **form.service_data(),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The conversation is recorded. The family can read the plan now."))
                return redirect("meetings:detail", setting_slug=setting.slug, conversation_id=conversation.pk)
        status = 400
    return render(
        request,
        "meetings/record.html",
        {"setting": setting, "child": child, "form": form, "planned": planned, "follows": follows, "worry": worry},
        status=status,
    )


@staff_required
@GET_POST
def new(request: HttpRequest, setting_slug: str, child_id) -> HttpResponse:
    """Record a conversation that took place. ?follows=<id> carries a reviewed plan's priorities
    into the new one; ?worry=<id> links it to a progress worry."""
    setting = request.membership.setting
    child, _perms = selectors.child_for_staff(request.user, membership=request.membership, child_id=child_id)
    follows = worry = None
    if request.GET.get("follows"):
        follows = selectors.conversation_for_staff(
            request.user, membership=request.membership, conversation_id=request.GET["follows"]
        )
        if follows.child_id != child.pk:
            raise Http404
    if request.GET.get("worry"):
        from tandem.worries.selectors import worry_for_staff

        worry = worry_for_staff(request.user, membership=request.membership, worry_id=request.GET["worry"])
        if worry.child_id != child.pk:
            raise Http404
    return _record(request, setting=setting, child=child, follows=follows, worry=worry)


@staff_required
@GET_POST
def record(request: HttpRequest, setting_slug: str, conversation_id) -> HttpResponse:
    """Record a planned conversation once it has taken place."""
    setting = request.membership.setting
    planned = selectors.conversation_for_staff(
        request.user, membership=request.membership, conversation_id=conversation_id
    )
    if planned.status != Conversation.Status.PLANNED:
        return redirect("meetings:detail", setting_slug=setting.slug, conversation_id=planned.pk)
    return _record(request, setting=setting, child=planned.child, planned=planned, follows=planned.follows)


@staff_required
@require_GET
def detail(request: HttpRequest, setting_slug: str, conversation_id) -> HttpResponse:
    setting = request.membership.setting
    conversation = selectors.conversation_for_staff(
        request.user, membership=request.membership, conversation_id=conversation_id
    )
    priorities = list(conversation.priorities.all())
    selectors.attach_translations([conversation], language=request.LANGUAGE_CODE)
    return render(
        request,
        "meetings/detail.html",
        {
            "setting": setting,
            "child": conversation.child,
            "conversation": conversation,
            "priorities": priorities,
            "review_form": forms.ReviewForm(priorities=priorities, initial={"reviewed_on": setting.today()})
            if conversation.status == Conversation.Status.HELD
            else None,
            "versions": selectors.versions(conversation).count(),
        },
    )


@staff_required
@GET_POST
def edit(request: HttpRequest, setting_slug: str, conversation_id) -> HttpResponse:
    setting = request.membership.setting
    conversation = selectors.conversation_for_staff(
        request.user, membership=request.membership, conversation_id=conversation_id
    )
    if conversation.status == Conversation.Status.PLANNED:
        return redirect("meetings:record", setting_slug=setting.slug, conversation_id=conversation.pk)
    fields = forms.EditForm.base_fields
    form = forms.EditForm(request.POST or None, initial={name: getattr(conversation, name) for name in fields})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.conversation_edit(conversation=conversation, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Saved. The earlier version is kept."))
                return redirect("meetings:detail", setting_slug=setting.slug, conversation_id=conversation.pk)
        status = 400
    return render(
        request,
        "meetings/edit.html",
        {"setting": setting, "child": conversation.child, "conversation": conversation, "form": form},
        status=status,
    )


@staff_required
@require_POST
def review(request: HttpRequest, setting_slug: str, conversation_id) -> HttpResponse:
    setting = request.membership.setting
    conversation = selectors.conversation_for_staff(
        request.user, membership=request.membership, conversation_id=conversation_id
    )
    priorities = list(conversation.priorities.all())
    selectors.attach_translations([conversation], language=request.LANGUAGE_CODE)
    form = forms.ReviewForm(request.POST, priorities=priorities)
    if form.is_valid():
        try:
            services.conversation_review(conversation=conversation, by=request.user, **form.service_data())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The review is recorded. You can carry priorities into a new plan."))
            return redirect("meetings:detail", setting_slug=setting.slug, conversation_id=conversation.pk)
    return render(
        request,
        "meetings/detail.html",
        {
            "setting": setting,
            "child": conversation.child,
            "conversation": conversation,
            "priorities": priorities,
            "review_form": form,
            "versions": selectors.versions(conversation).count(),
        },
        status=400,
    )


# --- families -------------------------------------------------------------------------------------


def _own_child(request: HttpRequest, child_id):
    child, perms = rules.child_for_user(request.user, child_id=child_id)
    if not perms.is_guardian:
        raise Http404
    return child, perms


@login_required
@require_GET
def family_index(request: HttpRequest) -> HttpResponse:
    """Every plan about my children, and the meetings coming up."""
    if not rules.is_guardian(request.user):
        raise Http404
    return render(
        request, "meetings/family_index.html", {"conversations": selectors.conversations_for_guardian(request.user)}
    )


@login_required
@require_GET
def family_child(request: HttpRequest, child_id) -> HttpResponse:
    child, _perms = _own_child(request, child_id)
    return render(
        request,
        "meetings/family_child.html",
        {"child": child, "conversations": selectors.conversations_for_child(child=child)},
    )


@login_required
@GET_POST
def family_detail(request: HttpRequest, conversation_id) -> HttpResponse:
    """The agreed plan, and the family's comments on it (with the form to add one)."""
    conversation = selectors.conversation_for_guardian(request.user, conversation_id=conversation_id)
    selectors.attach_translations([conversation], language=request.LANGUAGE_CODE)
    form = forms.CommentForm(request.POST or None)
    status = 200
    if request.method == "POST":
        guardian = selectors.guardian_for_child(child=conversation.child, user=request.user)
        if form.is_valid():
            try:
                services.family_comment_add(
                    conversation=conversation, guardian=guardian, by=request.user, text=form.cleaned_data["text"]
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Thank you. Your comment is kept with the plan."))
                return redirect("meetings_family:detail", conversation_id=conversation.pk)
        status = 400
    return render(
        request,
        "meetings/family_detail.html",
        {"child": conversation.child, "conversation": conversation, "form": form},
        status=status,
    )
