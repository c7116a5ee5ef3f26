"""Notification pages. Families (/family/notify/): their inbox, newest first, opening a notice
marks it read. Staff (/s/<setting_slug>/notify/): their own inbox, a notice's delivery log, the
office's print queue, the key person's face-to-face list. The SMS provider's status callback
lives at /family/notify/sms-status/ (signed by the provider). Reads come from selectors, writes
go through tandem.notify.services; nothing here sends anything (the workers do)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.template import TemplateDoesNotExist
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django_scopes import scopes_disabled

from tandem.access import rules
from tandem.accounts.decorators import staff_required
from tandem.notify import channels, selectors, services
from tandem.notify.models import DeliveryChannel, DeliveryStatus
from tandem.notify.rendering import render_notice

PAGE = 30


def _rendered(request, page) -> None:
    """Each notice of PAGE in the reader's language (the page's), for its subject and text."""
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    for recipient in page:
        try:
            recipient.rendered = render_notice(
                recipient.notice, language=language, recipient_name=request.user.first_name
            )
        except TemplateDoesNotExist:
            recipient.rendered = None


def _safe_url(request, url: str, fallback: str) -> str:
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=False):
        return url
    return fallback


# --- family ---------------------------------------------------------------------------------------


def _guardian_only(request):
    if not rules.is_guardian(request.user):
        raise Http404  # staff have their own inbox


@login_required
@require_GET
def family_inbox(request: HttpRequest) -> HttpResponse:
    _guardian_only(request)
    page = Paginator(selectors.family_notices(user=request.user), PAGE).get_page(request.GET.get("page"))
    _rendered(request, page)
    return render(
        request,
        "notify/family_inbox.html",
        {"page": page, "vapid_public_key": settings.TANDEM_VAPID_PUBLIC_KEY},
    )


@login_required
@require_POST
def family_open(request: HttpRequest, recipient_id) -> HttpResponse:
    recipient = selectors.family_notice(user=request.user, recipient_id=recipient_id)
    services.notice_mark_read(recipient=recipient, by=request.user)
    return redirect(_safe_url(request, recipient.notice.url, "notify_family:inbox"))


@login_required
@require_POST
def family_read_all(request: HttpRequest) -> HttpResponse:
    _guardian_only(request)
    count = services.notices_mark_all_read(
        recipients=list(selectors.family_notices(user=request.user)), by=request.user
    )
    if count:
        messages.success(request, _("Every notification is marked as read."))
    return redirect("notify_family:inbox")


@csrf_exempt
@require_POST
def sms_status(request: HttpRequest) -> HttpResponse:
    """The SMS provider's status callback (Twilio's shape: MessageSid, MessageStatus, ErrorCode),
    accepted only with a valid X-Twilio-Signature made with our auth token."""
    provider = channels.sms_provider()
    params = {key: request.POST.get(key) for key in request.POST}
    url = settings.TANDEM_SMS_STATUS_CALLBACK_URL or request.build_absolute_uri()
    if provider is None or not provider.valid_signature(url, params, request.headers.get("X-Twilio-Signature", "")):
        return HttpResponseForbidden("bad signature")
    with scopes_disabled():  # the provider is no user: it names one message by its id
        services.sms_status(
            provider_id=params.get("MessageSid", ""),
            status=params.get("MessageStatus", ""),
            error_code=params.get("ErrorCode", ""),
        )
    return HttpResponse(status=204)


# --- staff ----------------------------------------------------------------------------------------


@staff_required
@require_GET
def staff_inbox(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    notices = selectors.staff_notices(user=request.user, setting=setting)
    page = Paginator(notices, PAGE).get_page(request.GET.get("page"))
    _rendered(request, page)
    return render(request, "notify/staff_inbox.html", {"setting": setting, "page": page})


@staff_required
@require_POST
def staff_open(request: HttpRequest, setting_slug: str, recipient_id) -> HttpResponse:
    setting = request.membership.setting
    recipient = selectors.staff_notice(user=request.user, setting=setting, recipient_id=recipient_id)
    services.notice_mark_read(recipient=recipient, by=request.user)
    return redirect(_safe_url(request, recipient.notice.url, f"/s/{setting.slug}/notify/inbox/"))


@staff_required
@require_GET
def notice_deliveries(request: HttpRequest, setting_slug: str, notice_id) -> HttpResponse:
    setting = request.membership.setting
    notice = selectors.notice_for_staff(user=request.user, setting=setting, notice_id=notice_id)
    counts = selectors.delivery_counts(notice=notice)
    log = selectors.delivery_log(notice=notice)
    return render(
        request,
        "notify/notice_deliveries.html",
        {
            "setting": setting,
            "notice": notice,
            "counts": counts,
            "statuses": DeliveryStatus,
            "channel_names": dict(DeliveryChannel.choices),
            "status_names": dict(DeliveryStatus.choices),
            "totals": [(dict(DeliveryStatus.choices)[s], n) for s, n in counts["totals"].items()],
            "channels": [
                (dict(DeliveryChannel.choices)[c], [(dict(DeliveryStatus.choices)[s], n) for s, n in by.items()])
                for c, by in counts["by_channel"].items()
            ],
            "not_reached": [row for row in log if not row["reached"]],
            "reached": [row for row in log if row["reached"]],
        },
    )


@staff_required(flag="can_manage_deliveries")
@require_GET
def print_queue(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    items = list(selectors.print_queue_for_staff(user=request.user, setting=setting)[:200])
    printed = list(selectors.print_queue_for_staff(user=request.user, setting=setting, printed=True)[:20])
    return render(request, "notify/print_queue.html", {"setting": setting, "items": items, "printed": printed})


def _pdf(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required(flag="can_manage_deliveries")
@require_POST
def print_batch(request: HttpRequest, setting_slug: str) -> HttpResponse:
    """The chosen letters (or every waiting one) as one PDF; they are marked printed."""
    setting = request.membership.setting
    ids = request.POST.getlist("items")
    if ids:
        items = selectors.print_items_for_staff(user=request.user, setting=setting, ids=ids)
    else:
        items = list(selectors.print_queue_for_staff(user=request.user, setting=setting)[:200])
    if not items:
        messages.error(request, _("There is nothing waiting to be printed."))
        return redirect("notify:print-queue", setting_slug=setting.slug)
    data = channels.letters_pdf(items)
    services.print_items_mark_printed(items=items, by=request.user)
    return _pdf(data, "letters.pdf")


@staff_required(flag="can_manage_deliveries")
@require_GET
def print_item(request: HttpRequest, setting_slug: str, item_id) -> HttpResponse:
    """One letter as a PDF, to look at or print again (it is not marked printed)."""
    item = selectors.print_item_for_staff(user=request.user, setting=request.membership.setting, item_id=item_id)
    return _pdf(channels.letters_pdf([item]), "letter.pdf")


@staff_required
@require_GET
def face_to_face(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    tasks = list(selectors.face_to_face_for_staff(user=request.user, setting=setting, day=setting.today()))
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    for task in tasks:
        try:
            rendered = render_notice(task.delivery.notice, language=language, recipient_name=task.guardian.first_name)
            task.summary = rendered.subject
        except TemplateDoesNotExist:
            task.summary = ""
    return render(request, "notify/face_to_face.html", {"setting": setting, "tasks": tasks, "today": setting.today()})


@staff_required
@require_POST
def face_to_face_done(request: HttpRequest, setting_slug: str, task_id) -> HttpResponse:
    setting = request.membership.setting
    task = selectors.face_to_face_task_for_staff(user=request.user, setting=setting, task_id=task_id)
    outcome = request.POST.get("outcome")
    if outcome not in ("done", "could_not"):
        messages.error(request, _("Choose whether you told the family."))
        return redirect("notify:face-to-face", setting_slug=setting.slug)
    try:
        services.face_to_face_complete(
            task=task, by=request.user, done=outcome == "done", note=request.POST.get("note", "")[:300]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Thank you: it is ticked off.")
            if outcome == "done"
            else _("Noted: the office will print a letter for the family instead."),
        )
    return redirect("notify:face-to-face", setting_slug=setting.slug)
