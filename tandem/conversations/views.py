"""Conversation pages. Staff (/s/<setting_slug>/conversations/, can_message_families): the
inbox, a conversation with its composer, starting one with a family or a group. Families
(/family/conversations/): their own conversations, a thread, starting one. Objects come from
tandem.conversations.selectors (which start from tandem.access); writes go through services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.access import rules
from tandem.accounts.decorators import staff_required
from tandem.accounts.services import guardian_language
from tandem.conversations import forms, selectors, services
from tandem.conversations.models import Conversation
from tandem.core.forms import add_service_errors

GET_POST = require_http_methods(["GET", "POST"])
STAFF = "can_message_families"


def _language() -> str:
    return (get_language() or "en").split("-")[0]


def _send(form, call) -> bool:
    """Run CALL when FORM is valid; a service refusal goes on the form. True when it worked."""
    if not form.is_valid():
        return False
    try:
        call(form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return False
    return True


# --- staff ----------------------------------------------------------------------------------------


@staff_required(flag=STAFF)
@require_GET
def index(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    rooms = list(rules.rooms_visible_to(request.user, setting=setting).filter(is_active=True))
    form = forms.InboxFilterForm(request.GET or None, rooms=rooms)
    data = form.cleaned_data if form.is_valid() else {}
    conversations = selectors.conversations_for_staff(
        user=request.user,
        setting=setting,
        room_id=data.get("room") or None,
        key_children=bool(data.get("key")),
        unread_only=bool(data.get("unread")),
        q=data.get("q", ""),
    )
    offset = _offset(request)
    total = conversations.count()
    page = selectors.inbox_page(conversations, user=request.user, unread_from_family=True, offset=offset)
    more = request.GET.copy()
    more["offset"] = offset + len(page)
    template = "conversations/_inbox_list.html" if request.htmx else "conversations/index.html"
    return render(
        request,
        template,
        {
            "setting": setting,
            "form": form,
            "conversations": page,
            "total": total,
            "detail_prefix": reverse("conversations:index", args=[setting.slug]),
            "next_query": more.urlencode() if offset + len(page) < total else "",
            "prev_query": _prev(request, offset),
        },
    )


def _offset(request) -> int:
    try:
        return max(0, min(int(request.GET.get("offset", 0)), 100_000))
    except ValueError:
        return 0


def _prev(request, offset: int) -> str:
    if offset <= 0:
        return ""
    query = request.GET.copy()
    query["offset"] = max(0, offset - selectors.INBOX_PAGE_SIZE)
    return query.urlencode()


@staff_required(flag=STAFF)
@GET_POST
def start(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    rooms = list(rules.rooms_visible_to(request.user, setting=setting).filter(is_active=True))
    visible = rules.children_visible_to(request.user, setting=setting).filter(leave_date__isnull=True)
    children = list(visible.select_related("room").order_by("first_name", "last_name"))
    initial = {"children": [request.GET["child"]]} if request.GET.get("child") else None
    form = forms.StaffStartForm(
        request.POST or None, request.FILES or None, rooms=rooms, children=children, initial=initial
    )
    if request.method == "POST":
        started = []

        def call(data):
            chosen = (
                visible.filter(room_id=data["room"]) if data.get("room") else visible.filter(pk__in=data["children"])
            )
            started.extend(
                services.conversation_start_for_staff(
                    user=request.user,
                    staff=request.membership.staff,
                    children=chosen.select_related("family", "setting"),
                    subject=data["subject"],
                    body=data["body"],
                    audience=data["audience"],
                    files=data["attachments"],
                )
            )

        if _send(form, call):
            if len(started) == 1:
                messages.success(request, _("Your message is sent."))
                return redirect("conversations:detail", setting_slug=setting.slug, conversation_id=started[0].pk)
            messages.success(
                request,
                ngettext(
                    "Your message is sent to %(count)d family, in its own conversation.",
                    "Your message is sent to %(count)d families, each in its own conversation.",
                    len(started),
                )
                % {"count": len(started)},
            )
            return redirect("conversations:index", setting_slug=setting.slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "conversations/start.html", {"setting": setting, "form": form}, status=status)


def _staff_conversation(request, conversation_id) -> Conversation:
    return selectors.conversation_for_staff(
        user=request.user, setting=request.membership.setting, conversation_id=conversation_id
    )


@staff_required(flag=STAFF)
@GET_POST
def detail(request: HttpRequest, setting_slug: str, conversation_id) -> HttpResponse:
    conversation = _staff_conversation(request, conversation_id)
    form = forms.MessageForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        call = lambda data: services.message_post(  # noqa: E731
            conversation=conversation,
            user=request.user,
            staff=request.membership.staff,
            body=data["body"],
            files=data["attachments"],
        )
        if _send(form, call):
            messages.success(request, _("Your message is sent."))
            return redirect("conversations:detail", setting_slug=setting_slug, conversation_id=conversation.pk)
    else:
        services.conversation_mark_read(conversation=conversation, user=request.user, by_staff=True)
    shown = selectors.thread(conversation=conversation, viewer=request.user, language=_language(), as_staff=True)
    return render(
        request,
        "conversations/detail.html",
        {"setting": conversation.setting, "conversation": conversation, "thread": shown, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@staff_required(flag=STAFF)
@GET_POST
def message_edit(request: HttpRequest, setting_slug: str, conversation_id, message_id) -> HttpResponse:
    conversation = _staff_conversation(request, conversation_id)
    message = selectors.message_for_author(conversation=conversation, user=request.user, message_id=message_id)
    form = forms.EditForm(request.POST or None, initial={"body": message.body})
    if request.method == "POST" and _send(
        form, lambda data: services.message_edit(message=message, user=request.user, body=data["body"])
    ):
        messages.success(request, _("Your message is corrected. The earlier version is kept."))
        return redirect("conversations:detail", setting_slug=setting_slug, conversation_id=conversation.pk)
    return render(
        request,
        "conversations/message_edit.html",
        {
            "setting": conversation.setting,
            "conversation": conversation,
            "message": message,
            "form": form,
            "back": "staff",
        },
        status=400 if request.method == "POST" else 200,
    )


@staff_required(flag=STAFF)
@require_POST
def message_withdraw(request: HttpRequest, setting_slug: str, conversation_id, message_id) -> HttpResponse:
    conversation = _staff_conversation(request, conversation_id)
    message = selectors.message_for_author(conversation=conversation, user=request.user, message_id=message_id)
    try:
        services.message_withdraw(message=message, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your message is withdrawn."))
    return redirect("conversations:detail", setting_slug=setting_slug, conversation_id=conversation.pk)


@staff_required(flag=STAFF)
@require_POST
def status(request: HttpRequest, setting_slug: str, conversation_id) -> HttpResponse:
    conversation = _staff_conversation(request, conversation_id)
    try:
        services.conversation_set_status(
            conversation=conversation, user=request.user, status=request.POST.get("status", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("conversations:detail", setting_slug=setting_slug, conversation_id=conversation.pk)


@staff_required(flag="can_manage_setting_info")
@GET_POST
def hours(request: HttpRequest, setting_slug: str) -> HttpResponse:
    """The setting's opening hours, closed dates and automatic reply (managers, administrators)."""
    setting = request.membership.setting
    initial = selectors.opening_hours_initial(setting)
    form = forms.OpeningHoursForm(request.POST or None, initial=initial)
    if request.method == "POST" and _send(
        form,
        lambda data: services.opening_hours_set(
            setting=setting,
            by=request.user,
            week=data["week"],
            closed_days=data["closed"],
            auto_reply=data["auto_reply"],
            auto_reply_language=_language(),
        ),
    ):
        messages.success(request, _("The opening hours are saved. Families see them on their messages page."))
        return redirect("conversations:hours", setting_slug=setting.slug)
    return render(
        request,
        "conversations/hours.html",
        {"setting": setting, "form": form},
        status=400 if request.method == "POST" else 200,
    )


# --- families -------------------------------------------------------------------------------------


def _family_setting(request):
    children = selectors.guardian_children(user=request.user)
    if not children:
        raise Http404
    return children


@login_required
@require_GET
def family_index(request: HttpRequest) -> HttpResponse:
    children = _family_setting(request)
    setting = children[0][0].setting
    return render(
        request,
        "conversations/family_index.html",
        {
            "conversations": selectors.inbox_page(
                selectors.conversations_for_guardian(user=request.user), user=request.user, unread_from_family=False
            ),
            "setting": setting,
            "week": selectors.opening_week(setting),
            "closed_days": selectors.upcoming_closed_days(setting),
        },
    )


@login_required
@GET_POST
def family_start(request: HttpRequest) -> HttpResponse:
    children = _family_setting(request)
    initial = {"child": request.GET.get("child")} if request.GET.get("child") else None
    form = forms.FamilyStartForm(request.POST or None, request.FILES or None, children=children, initial=initial)
    started = []
    if request.method == "POST":

        def call(data):
            child, guardian = next((c, g) for c, g in children if str(c.pk) == data["child"])
            started.append(
                services.conversation_start_for_family(
                    user=request.user,
                    guardian=guardian,
                    child=child,
                    subject=data["subject"],
                    body=data["body"],
                    audience=data["audience"],
                    files=data["attachments"],
                )
            )

        if _send(form, call):
            messages.success(request, _("Your message is sent."))
            return redirect("conversations_family:detail", conversation_id=started[0].pk)
    return render(
        request, "conversations/family_start.html", {"form": form}, status=400 if request.method == "POST" else 200
    )


@login_required
@GET_POST
def family_detail(request: HttpRequest, conversation_id) -> HttpResponse:
    conversation = selectors.conversation_for_guardian(user=request.user, conversation_id=conversation_id)
    guardian = selectors.guardian_for_conversation(user=request.user, conversation=conversation)
    form = forms.MessageForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        call = lambda data: services.message_post(  # noqa: E731
            conversation=conversation,
            user=request.user,
            guardian=guardian,
            body=data["body"],
            files=data["attachments"],
        )
        if _send(form, call):
            messages.success(request, _("Your message is sent."))
            return redirect("conversations_family:detail", conversation_id=conversation.pk)
    else:
        services.conversation_mark_read(conversation=conversation, user=request.user, by_staff=False)
    setting = conversation.setting
    return render(
        request,
        "conversations/family_detail.html",
        {
            "conversation": conversation,
            "thread": selectors.thread(
                conversation=conversation, viewer=request.user, language=guardian_language(guardian), as_staff=False
            ),
            "form": form,
            "setting": setting,
            "week": selectors.opening_week(setting),
            "closed_days": selectors.upcoming_closed_days(setting),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@GET_POST
def family_message_edit(request: HttpRequest, conversation_id, message_id) -> HttpResponse:
    conversation = selectors.conversation_for_guardian(user=request.user, conversation_id=conversation_id)
    message = selectors.message_for_author(conversation=conversation, user=request.user, message_id=message_id)
    form = forms.EditForm(request.POST or None, initial={"body": message.body})
    if request.method == "POST" and _send(
        form, lambda data: services.message_edit(message=message, user=request.user, body=data["body"])
    ):
        messages.success(request, _("Your message is corrected. The earlier version is kept."))
        return redirect("conversations_family:detail", conversation_id=conversation.pk)
    return render(
        request,
        "conversations/message_edit.html",
        {"conversation": conversation, "message": message, "form": form, "back": "family"},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def family_message_withdraw(request: HttpRequest, conversation_id, message_id) -> HttpResponse:
    conversation = selectors.conversation_for_guardian(user=request.user, conversation_id=conversation_id)
    message = selectors.message_for_author(conversation=conversation, user=request.user, message_id=message_id)
    try:
        services.message_withdraw(message=message, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your message is withdrawn."))
    return redirect("conversations_family:detail", conversation_id=conversation.pk)
