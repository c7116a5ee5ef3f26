"""Announcement pages. Staff (/s/<setting_slug>/announcements/): the list (drafts, scheduled,
sent with read counts), compose with a preview, the detail with read tracking, the families who
have not seen it and the answers, and a print-ready PDF in each language. Families
(/family/announcements/): their announcements newest first, unread marked, and one announcement
in their language with the original a tap away and the question's answer buttons."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.accounts.decorators import staff_required
from tandem.announcements import forms, selectors, services
from tandem.announcements.models import Announcement
from tandem.core.forms import add_service_errors
from tandem.journal.text import render_markdown
from tandem.media.processing import MediaError
from tandem.media.signing import media_url

GET_POST = require_http_methods(["GET", "POST"])


def deliveries_url(announcement: Announcement) -> str:
    """The notify app's delivery log for this announcement's notice, when that page exists."""
    if not announcement.notice_id:
        return ""
    try:
        return reverse("notify:notice-deliveries", args=[announcement.setting.slug, announcement.notice_id])
    except NoReverseMatch:
        return ""


# --- staff ----------------------------------------------------------------------------------------


@staff_required(flag="can_view_children")
@require_GET
def index(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    announcements = list(selectors.announcements_for_staff(user=request.user, setting=setting))
    groups = {status: [] for status in Announcement.Status.values}
    for a in announcements:
        groups[a.status].append(a)
    return render(
        request,
        "announcements/index.html",
        {
            "setting": setting,
            "drafts": groups["draft"],
            "scheduled": groups["scheduled"],
            "sent": groups["sent"] + groups["sending"],
            "can_send": request.membership.perms.can_send_announcements,
        },
    )


def _compose(request: HttpRequest, setting, announcement: Announcement | None) -> HttpResponse:
    perms = request.membership.perms
    initial = {
        "kind": Announcement.Kind.ANNOUNCEMENT,
        "audience": Announcement.Audience.SETTING,
        "language": get_language(),
    }
    if announcement is not None:
        initial = {name: getattr(announcement, name) for name in services.EDITABLE_FIELDS}
        initial["rooms"] = list(announcement.rooms.all())
        initial["families"] = list(announcement.families.all())
    form = forms.AnnouncementForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        rooms=selectors.room_choices(user=request.user, setting=setting),
        families=selectors.family_choices(user=request.user, setting=setting),
        can_send_urgent=perms.can_send_urgent,
    )
    preview = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.service_kwargs()
            if "preview" in request.POST:
                preview = {
                    "title": data["title"],
                    "body_html": render_markdown(data["body_markdown"]),
                    "question": data["question"],
                }
                probe = Announcement(setting=setting, audience=data["audience"])
                preview["reach"] = selectors.audience_summary(probe, rooms=data["rooms"], families=data["families"])
                return render(
                    request,
                    "announcements/compose.html",
                    {"setting": setting, "form": form, "announcement": announcement, "preview": preview},
                )
            try:
                upload = form.cleaned_data.get("attachment")
                if announcement is None:
                    saved = services.announcement_create(setting=setting, by=request.user, attachment=upload, **data)
                else:
                    saved = services.announcement_update(
                        announcement=announcement, by=request.user, attachment=upload, **data
                    )
            except MediaError as exc:
                form.add_error("attachment", exc.messages)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The announcement is saved. Nobody has been told yet."))
                return redirect("announcements:detail", setting_slug=setting.slug, announcement_id=saved.pk)
        status = 400
    return render(
        request,
        "announcements/compose.html",
        {"setting": setting, "form": form, "announcement": announcement, "preview": preview},
        status=status,
    )


@staff_required(flag="can_send_announcements")
@GET_POST
def create(request: HttpRequest, setting_slug: str) -> HttpResponse:
    return _compose(request, request.membership.setting, None)


@staff_required(flag="can_send_announcements")
@GET_POST
def edit(request: HttpRequest, setting_slug: str, announcement_id) -> HttpResponse:
    setting = request.membership.setting
    announcement = selectors.announcement_for_staff(user=request.user, setting=setting, announcement_id=announcement_id)
    if not announcement.is_editable:
        messages.error(request, _("This announcement has been sent and can no longer be changed."))
        return redirect("announcements:detail", setting_slug=setting.slug, announcement_id=announcement.pk)
    return _compose(request, setting, announcement)


@staff_required(flag="can_view_children")
@require_GET
def detail(request: HttpRequest, setting_slug: str, announcement_id) -> HttpResponse:
    setting = request.membership.setting
    announcement = selectors.announcement_for_staff(user=request.user, setting=setting, announcement_id=announcement_id)
    perms = request.membership.perms
    tracking = selectors.read_tracking(announcement) if announcement.is_sent else None
    mine = request.GET.get("mine") == "1"
    if tracking and mine:  # a key person: only the families of their key children
        staff_id = request.membership.staff.pk
        tracking["not_seen"] = [
            row
            for row in tracking["not_seen"]
            if any(staff_id in (c.key_person_id, c.backup_key_person_id) for c in row["children"])
        ]
    return render(
        request,
        "announcements/detail.html",
        {
            "setting": setting,
            "announcement": announcement,
            "tracking": tracking,
            "mine": mine,
            "answers": selectors.answers_for_staff(announcement) if announcement.question else None,
            "versions": selectors.versions(announcement)[:20],
            "translations": selectors.translation_status(announcement) if announcement.is_sent else [],
            "attachments": [
                {"media": a.media, "url": media_url(media=a.media, variant="original", viewer=request.user)}
                for a in announcement.attachments.select_related("media")
            ],
            "reach": selectors.audience_summary(announcement) if announcement.is_editable else None,
            "can_send": perms.can_send_announcements and (not announcement.urgent or perms.can_send_urgent),
            "can_remind": perms.can_message_families,
            "schedule_form": forms.ScheduleForm(),
            "deliveries_url": deliveries_url(announcement),
            "languages": settings.LANGUAGES,
        },
    )


def _service_redirect(request, setting, announcement, call, success: str) -> HttpResponse:
    try:
        call()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)
    return redirect("announcements:detail", setting_slug=setting.slug, announcement_id=announcement.pk)


@staff_required(flag="can_send_announcements")
@require_POST
def send(request: HttpRequest, setting_slug: str, announcement_id) -> HttpResponse:
    setting = request.membership.setting
    announcement = selectors.announcement_for_staff(user=request.user, setting=setting, announcement_id=announcement_id)
    if announcement.urgent and not request.membership.perms.can_send_urgent:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    return _service_redirect(
        request,
        setting,
        announcement,
        lambda: services.announcement_send(announcement=announcement, by=request.user),
        _("Sent. Families are being told now."),
    )


@staff_required(flag="can_send_announcements")
@require_POST
def schedule(request: HttpRequest, setting_slug: str, announcement_id) -> HttpResponse:
    setting = request.membership.setting
    announcement = selectors.announcement_for_staff(user=request.user, setting=setting, announcement_id=announcement_id)
    form = forms.ScheduleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the date and time to send it."))
        return redirect("announcements:detail", setting_slug=setting.slug, announcement_id=announcement.pk)
    send_at = form.cleaned_data["send_at"]
    return _service_redirect(
        request,
        setting,
        announcement,
        lambda: services.announcement_schedule(announcement=announcement, send_at=send_at, by=request.user),
        _("Scheduled. It will be sent at the time you chose."),
    )


@staff_required(flag="can_send_announcements")
@require_POST
def unschedule(request: HttpRequest, setting_slug: str, announcement_id) -> HttpResponse:
    setting = request.membership.setting
    announcement = selectors.announcement_for_staff(user=request.user, setting=setting, announcement_id=announcement_id)
    return _service_redirect(
        request,
        setting,
        announcement,
        lambda: services.announcement_unschedule(announcement=announcement, by=request.user),
        _("It will not be sent. It is a draft again."),
    )


@staff_required(flag="can_message_families")
@require_POST
def remind(request: HttpRequest, setting_slug: str, announcement_id) -> HttpResponse:
    """Remind the families who have not seen it, face to face at pick-up (hook for notify)."""
    setting = request.membership.setting
    announcement = selectors.announcement_for_staff(user=request.user, setting=setting, announcement_id=announcement_id)
    not_seen = (
        [row["family"] for row in selectors.read_tracking(announcement)["not_seen"]] if announcement.is_sent else []
    )
    count = services.remind_at_pickup(announcement=announcement, families=not_seen, by=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)d family to remind at pick-up. The list is below.",
            "%(count)d families to remind at pick-up. The list is below.",
            count,
        )
        % {"count": count},
    )
    return redirect("announcements:detail", setting_slug=setting.slug, announcement_id=announcement.pk)


@staff_required(flag="can_view_children")
@require_GET
def pdf(request: HttpRequest, setting_slug: str, announcement_id) -> HttpResponse:
    """The print-ready copy in one language (?language=pl): the translation where there is one,
    else the original with a note saying so."""
    from tandem.reports.pdf import render_pdf

    setting = request.membership.setting
    announcement = selectors.announcement_for_staff(user=request.user, setting=setting, announcement_id=announcement_id)
    language = request.GET.get("language") or announcement.language
    if language not in dict(settings.LANGUAGES):
        language = announcement.language
    data = render_pdf(
        "announcements/pdf.html",
        {
            "setting": setting,
            "announcement": announcement,
            "text": selectors.translated(announcement, language),
            "reader_language": language,
        },
        language=language,
    )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="announcement-{language}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required(flag="can_view_children")
@require_GET
def pdf_families(request: HttpRequest, setting_slug: str, announcement_id) -> HttpResponse:
    """For the office: one page per family, each in the language that family reads (the
    translation where there is one, else the original with a note), grouped by language."""
    from io import BytesIO

    from pypdf import PdfWriter

    from tandem.reports.pdf import render_pdf

    setting = request.membership.setting
    announcement = selectors.announcement_for_staff(user=request.user, setting=setting, announcement_id=announcement_id)
    writer = PdfWriter()
    for language, families in selectors.families_by_language(announcement).items():
        data = render_pdf(
            "announcements/pdf.html",
            {
                "setting": setting,
                "announcement": announcement,
                "text": selectors.translated(announcement, language),
                "reader_language": language,
                "families": families,
            },
            language=language,
        )
        writer.append(BytesIO(data))
    if not writer.pages:
        messages.error(request, _("Nobody to print for: the announcement reaches no family."))
        return redirect("announcements:detail", setting_slug=setting.slug, announcement_id=announcement.pk)
    out = BytesIO()
    writer.write(out)
    response = HttpResponse(out.getvalue(), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="announcement-families.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- families -------------------------------------------------------------------------------------


@login_required
@require_GET
def family_index(request: HttpRequest) -> HttpResponse:
    recipients = list(selectors.recipients_for_family(user=request.user)[:200])
    language = selectors.family_language(user=request.user, default=get_language())
    titles = selectors.translated_titles(recipients, language)
    items = [{"recipient": r, "title": titles.get(r.announcement_id, r.announcement.title)} for r in recipients]
    return render(request, "announcements/family_index.html", {"items": items})


def _family_detail(request: HttpRequest, recipient, form=None, status: int = 200) -> HttpResponse:
    announcement = recipient.announcement
    language = selectors.reader_language(recipient.guardian, get_language())
    show_original = request.GET.get("original") == "1"
    text = selectors.translated(announcement, language)
    has_translation = text["translated"]
    if show_original:
        text = selectors.translated(announcement, announcement.language)
    attachments = []
    for a in announcement.attachments.select_related("media").prefetch_related("media__variants"):
        names = {v.name for v in a.media.variants.all()}
        attachments.append(
            {
                "media": a.media,
                "url": media_url(media=a.media, variant="original", viewer=request.user),
                "image": media_url(media=a.media, variant="display", viewer=request.user)
                if a.media.is_photo and "display" in names
                else "",
            }
        )
    answer = selectors.answer_for(recipient)
    return render(
        request,
        "announcements/family_detail.html",
        {
            "announcement": announcement,
            "text": text,
            "has_translation": has_translation,
            "show_original": show_original,
            "attachments": attachments,
            "answer": answer,
            "question_open": announcement.question_open(),
            "form": form or forms.AnswerForm(initial={"answer": answer.answer if answer else None}),
        },
        status=status,
    )


@login_required
@require_GET
def family_detail(request: HttpRequest, announcement_id) -> HttpResponse:
    recipient = selectors.recipient_for_family(user=request.user, announcement_id=announcement_id)
    services.announcement_mark_read(recipient=recipient, by=request.user)
    return _family_detail(request, recipient)


@login_required
@require_POST
def family_answer(request: HttpRequest, announcement_id) -> HttpResponse:
    recipient = selectors.recipient_for_family(user=request.user, announcement_id=announcement_id)
    services.announcement_mark_read(recipient=recipient, by=request.user)
    form = forms.AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.question_answer(recipient=recipient, answer=form.cleaned_data["answer"], by=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Thank you. Your answer is saved. You can change it until answers close."))
            return redirect("announcements_family:detail", announcement_id=recipient.announcement_id)
    return _family_detail(request, recipient, form=form, status=400)
