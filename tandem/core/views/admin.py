"""Setting administration, under /s/<setting_slug>/admin/: the setting's details, rooms, staff,
children, families and guardians, consents, communication preferences, the audit log and the
CSV import. Each view checks its flag with staff_required, gets its objects from
tandem.access.rules or a selector, and writes only through tandem.core.services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.access import rules
from tandem.accounts.decorators import staff_required
from tandem.core import forms, imports, selectors, services
from tandem.core.models import Child

GET_POST = require_http_methods(["GET", "POST"])


def _form_page(request: HttpRequest, form, *, title: str, submit: str, back: str, **extra) -> HttpResponse:
    context = {"setting": request.membership.setting, "form": form, "title": title, "submit": submit, "back": back}
    context.update(extra)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "core/admin/form.html", context, status=status)


def _save(request: HttpRequest, form, write) -> bool:
    """Call WRITE (a service) when FORM is valid; put the service's errors on the form."""
    if not form.is_valid():
        return False
    try:
        write(form.cleaned_data)
    except ValidationError as exc:
        forms.add_service_errors(form, exc)
        return False
    return True


# --- index and the setting ------------------------------------------------------------------------


@staff_required
@require_GET
def index(request: HttpRequest, setting_slug: str) -> HttpResponse:
    return render(
        request,
        "core/admin/index.html",
        {"setting": request.membership.setting, "perms": request.membership.perms},
    )


@staff_required(flag="can_manage_setting")
@GET_POST
def setting_edit(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    form = forms.SettingForm(request.POST or None, instance=setting)
    if request.method == "POST" and _save(
        request, form, lambda d: services.setting_update(setting=setting, by=request.user, **d)
    ):
        messages.success(request, _("The setting's details are saved."))
        return redirect("staff:admin-setting", setting_slug=setting.slug)
    return _form_page(
        request,
        form,
        title=_("The setting's details"),
        submit=_("Save"),
        back=reverse("staff:admin-index", args=[setting.slug]),
    )


# --- rooms ----------------------------------------------------------------------------------------


@staff_required(flag="can_manage_rooms")
@require_GET
def room_list(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    rooms = selectors.room_list_for_admin(user=request.user, setting=setting)
    return render(request, "core/admin/room_list.html", {"setting": setting, "rooms": rooms})


@staff_required(flag="can_manage_rooms")
@GET_POST
def room_create(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    form = forms.RoomForm(request.POST or None)
    if request.method == "POST" and _save(
        request, form, lambda d: services.room_create(setting=setting, by=request.user, **d)
    ):
        messages.success(request, _("The room is added."))
        return redirect("staff:admin-room-list", setting_slug=setting.slug)
    back = reverse("staff:admin-room-list", args=[setting.slug])
    return _form_page(request, form, title=_("Add a room"), submit=_("Add room"), back=back)


@staff_required(flag="can_manage_rooms")
@GET_POST
def room_edit(request: HttpRequest, setting_slug: str, room_id) -> HttpResponse:
    setting = request.membership.setting
    room = rules.room_for_user(request.user, setting=setting, room_id=room_id)
    form = forms.RoomEditForm(request.POST or None, instance=room)
    if request.method == "POST" and _save(
        request, form, lambda d: services.room_update(room=room, by=request.user, **d)
    ):
        messages.success(request, _("The room is saved."))
        return redirect("staff:admin-room-list", setting_slug=setting.slug)
    back = reverse("staff:admin-room-list", args=[setting.slug])
    return _form_page(
        request,
        form,
        title=_("Change %(room)s") % {"room": room.name},
        submit=_("Save"),
        back=back,
        archive_url=reverse("staff:admin-room-archive", args=[setting.slug, room.pk]) if room.is_active else None,
    )


@staff_required(flag="can_manage_rooms")
@require_POST
def room_archive(request: HttpRequest, setting_slug: str, room_id) -> HttpResponse:
    setting = request.membership.setting
    room = rules.room_for_user(request.user, setting=setting, room_id=room_id)
    try:
        services.room_archive(room=room, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(room)s is no longer in use.") % {"room": room.name})
    return redirect("staff:admin-room-list", setting_slug=setting.slug)


# --- staff ----------------------------------------------------------------------------------------


@staff_required(flag="can_manage_staff")
@require_GET
def staff_list(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    members = selectors.staff_list_for_admin(user=request.user, setting=setting)
    return render(request, "core/admin/staff_list.html", {"setting": setting, "members": members})


@staff_required(flag="can_manage_staff")
@GET_POST
def staff_add(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    rooms = rules.rooms_visible_to(request.user, setting=setting).filter(is_active=True)
    form = forms.StaffAddForm(request.POST or None, rooms=rooms)
    if request.method == "POST" and _save(
        request,
        form,
        lambda d: services.staff_member_add(setting=setting, by=request.user, request=request, **d),
    ):
        messages.success(
            request,
            _("%(email)s is added. If they are new to Tandem, they will get an e-mail to choose a password.")
            % {"email": form.cleaned_data["email"]},
        )
        return redirect("staff:admin-staff-list", setting_slug=setting.slug)
    back = reverse("staff:admin-staff-list", args=[setting.slug])
    return _form_page(request, form, title=_("Add a member of staff"), submit=_("Add"), back=back)


@staff_required(flag="can_manage_staff")
@GET_POST
def staff_edit(request: HttpRequest, setting_slug: str, staff_id) -> HttpResponse:
    setting = request.membership.setting
    member = rules.staff_member_for_user(request.user, setting=setting, staff_id=staff_id)
    rooms = rules.rooms_visible_to(request.user, setting=setting).filter(is_active=True)
    initial = {
        "roles": member.roles,
        "rooms": list(member.rooms.all()),
        "job_title": member.job_title,
        "is_active": member.is_active,
    }
    form = forms.StaffEditForm(request.POST or None, rooms=rooms, initial=initial)
    if request.method == "POST" and _save(
        request, form, lambda d: services.staff_member_update(member=member, by=request.user, **d)
    ):
        messages.success(request, _("The changes are saved."))
        return redirect("staff:admin-staff-list", setting_slug=setting.slug)
    back = reverse("staff:admin-staff-list", args=[setting.slug])
    return _form_page(
        request,
        form,
        title=_("Roles and rooms of %(person)s") % {"person": member.user.display_name},
        submit=_("Save"),
        back=back,
    )


# --- children -------------------------------------------------------------------------------------


def _child_form(request: HttpRequest, *, instance: Child | None = None) -> forms.ChildForm:
    setting = request.membership.setting
    initial = {}
    if instance is None and request.GET.get("family"):
        initial["family"] = request.GET["family"]  # from a family's page; the choices are still checked
    return forms.ChildForm(
        request.POST or None,
        instance=instance,
        initial=initial,
        rooms=rules.rooms_visible_to(request.user, setting=setting).filter(is_active=True),
        staff=rules.staff_visible_to(request.user, setting=setting).filter(is_active=True).select_related("user"),
        families=rules.families_visible_to(request.user, setting=setting),
        can_read_medical=request.membership.perms.can_read_medical,
    )


@staff_required(flag="can_edit_children")
@require_GET
def child_list(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    query = request.GET.get("q", "").strip()[:100]
    children = selectors.child_rows_for_staff(user=request.user, setting=setting, query=query)
    page = Paginator(children, 50).get_page(request.GET.get("page"))
    return render(request, "core/admin/child_list.html", {"setting": setting, "page": page, "query": query})


@staff_required(flag="can_edit_children")
@GET_POST
def child_create(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    form = _child_form(request)
    created = {}

    def write(data: dict) -> None:
        created["child"] = services.child_create(setting=setting, by=request.user, **data)

    if request.method == "POST" and _save(request, form, write):
        messages.success(request, _("%(child)s is added.") % {"child": created["child"].display_name})
        return redirect("staff:child-detail", setting_slug=setting.slug, child_id=created["child"].pk)
    back = reverse("staff:admin-child-list", args=[setting.slug])
    return _form_page(request, form, title=_("Add a child"), submit=_("Add child"), back=back)


@staff_required(flag="can_edit_children")
@GET_POST
def child_edit(request: HttpRequest, setting_slug: str, child_id) -> HttpResponse:
    setting = request.membership.setting
    child, perms = rules.child_for_user(request.user, child_id=child_id, setting=setting)
    rules.require(perms, "can_edit")
    form = _child_form(request, instance=child)
    if request.method == "POST" and _save(
        request, form, lambda d: services.child_update(child=child, by=request.user, **d)
    ):
        messages.success(request, _("The changes are saved."))
        return redirect("staff:child-detail", setting_slug=setting.slug, child_id=child.pk)
    return _form_page(
        request,
        form,
        title=_("Change %(child)s's details") % {"child": child.display_name},
        submit=_("Save"),
        back=reverse("staff:child-detail", args=[setting.slug, child.pk]),
        leave_url=reverse("staff:admin-child-leave", args=[setting.slug, child.pk]),
    )


@staff_required(flag="can_edit_children")
@GET_POST
def child_leave(request: HttpRequest, setting_slug: str, child_id) -> HttpResponse:
    setting = request.membership.setting
    child, perms = rules.child_for_user(request.user, child_id=child_id, setting=setting)
    rules.require(perms, "can_edit")
    form = forms.ChildLeaveForm(request.POST or None, initial={"leave_date": child.leave_date or setting.today()})
    if request.method == "POST" and _save(
        request, form, lambda d: services.child_leave(child=child, by=request.user, **d)
    ):
        messages.success(request, _("%(child)s's leaving date is saved.") % {"child": child.display_name})
        return redirect("staff:child-detail", setting_slug=setting.slug, child_id=child.pk)
    return _form_page(
        request,
        form,
        title=_("%(child)s is leaving") % {"child": child.display_name},
        submit=_("Save leaving date"),
        back=reverse("staff:child-detail", args=[setting.slug, child.pk]),
        intro=_("Their records are kept; they stay in the lists marked as left."),
    )


@staff_required(flag="can_edit_children")
@GET_POST
def child_consents(request: HttpRequest, setting_slug: str, child_id) -> HttpResponse:
    setting = request.membership.setting
    child, perms = rules.child_for_user(request.user, child_id=child_id, setting=setting)
    rules.require(perms, "can_change_consents")
    form = forms.ConsentRecordForm(request.POST or None, guardians=selectors.guardians_with_responsibility(child=child))
    if request.method == "POST" and _save(
        request, form, lambda d: services.consent_record(child=child, by=request.user, **d)
    ):
        messages.success(request, _("The consent is recorded."))
        return redirect("staff:admin-child-consents", setting_slug=setting.slug, child_id=child.pk)
    return render(
        request,
        "core/admin/child_consents.html",
        {
            "setting": setting,
            "child": child,
            "form": form,
            "consents": selectors.consents_for_child(child=child),
            "history": selectors.consent_history_for_child(child=child),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


# --- families, guardians, links -------------------------------------------------------------------


@staff_required(flag="can_edit_children")
@require_GET
def family_list(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    query = request.GET.get("q", "").strip()[:100]
    families = selectors.family_list_for_admin(user=request.user, setting=setting, query=query)
    page = Paginator(families, 50).get_page(request.GET.get("page"))
    return render(request, "core/admin/family_list.html", {"setting": setting, "page": page, "query": query})


@staff_required(flag="can_edit_children")
@GET_POST
def family_create(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    form = forms.FamilyForm(request.POST or None)
    created = {}

    def write(data: dict) -> None:
        created["family"] = services.family_create(setting=setting, by=request.user, **data)

    if request.method == "POST" and _save(request, form, write):
        messages.success(request, _("The family is added. Now add its parents or carers."))
        return redirect("staff:admin-family-detail", setting_slug=setting.slug, family_id=created["family"].pk)
    back = reverse("staff:admin-family-list", args=[setting.slug])
    return _form_page(request, form, title=_("Add a family"), submit=_("Add family"), back=back)


@staff_required(flag="can_edit_children")
@require_GET
def family_detail(request: HttpRequest, setting_slug: str, family_id) -> HttpResponse:
    setting = request.membership.setting
    family = rules.family_for_user(request.user, setting=setting, family_id=family_id)
    context = {"setting": setting, "family": family, "perms": request.membership.perms}
    context.update(selectors.family_detail_for_admin(family=family))
    return render(request, "core/admin/family_detail.html", context)


@staff_required(flag="can_edit_children")
@GET_POST
def guardian_create(request: HttpRequest, setting_slug: str, family_id) -> HttpResponse:
    setting = request.membership.setting
    family = rules.family_for_user(request.user, setting=setting, family_id=family_id)
    form = forms.GuardianCreateForm(request.POST or None)
    if request.method == "POST" and _save(
        request, form, lambda d: services.guardian_create(family=family, by=request.user, **d)
    ):
        messages.success(request, _("The parent or carer is added. Link them to their children below."))
        return redirect("staff:admin-family-detail", setting_slug=setting.slug, family_id=family.pk)
    back = reverse("staff:admin-family-detail", args=[setting.slug, family.pk])
    return _form_page(
        request,
        form,
        title=_("Add a parent or carer to %(family)s") % {"family": family.name},
        submit=_("Add"),
        back=back,
    )


@staff_required(flag="can_edit_children")
@GET_POST
def guardian_edit(request: HttpRequest, setting_slug: str, guardian_id) -> HttpResponse:
    setting = request.membership.setting
    guardian = rules.guardian_for_user(request.user, setting=setting, guardian_id=guardian_id)
    form = forms.GuardianForm(request.POST or None, instance=guardian)
    if request.method == "POST" and _save(
        request, form, lambda d: services.guardian_update(guardian=guardian, by=request.user, **d)
    ):
        messages.success(request, _("The changes are saved."))
        return redirect("staff:admin-family-detail", setting_slug=setting.slug, family_id=guardian.family_id)
    back = reverse("staff:admin-family-detail", args=[setting.slug, guardian.family_id])
    return _form_page(
        request,
        form,
        title=_("Change %(person)s's details") % {"person": guardian.full_name},
        submit=_("Save"),
        back=back,
        preferences_url=reverse("staff:admin-guardian-preferences", args=[setting.slug, guardian.pk]),
    )


@staff_required(flag="can_edit_children")
@GET_POST
def link_create(request: HttpRequest, setting_slug: str, family_id) -> HttpResponse:
    """Link one of FAMILY's guardians to a child of the setting (a child of separated parents
    can be linked to guardians in two households)."""
    setting = request.membership.setting
    family = rules.family_for_user(request.user, setting=setting, family_id=family_id)
    form = forms.LinkCreateForm(
        request.POST or None,
        children=selectors.children_for_linking(user=request.user, setting=setting),
        guardians=rules.guardians_visible_to(request.user, setting=setting).filter(family=family),
        can_read_restrictions=request.membership.perms.can_read_restrictions,
    )

    if request.method == "POST" and _save(request, form, lambda d: services.child_guardian_link(by=request.user, **d)):
        messages.success(request, _("They are linked."))
        return redirect("staff:admin-family-detail", setting_slug=setting.slug, family_id=family.pk)
    back = reverse("staff:admin-family-detail", args=[setting.slug, family.pk])
    return _form_page(request, form, title=_("Link a parent or carer to a child"), submit=_("Link"), back=back)


@staff_required(flag="can_edit_children")
@GET_POST
def link_edit(request: HttpRequest, setting_slug: str, child_id, guardian_id) -> HttpResponse:
    setting = request.membership.setting
    child, perms = rules.child_for_user(request.user, child_id=child_id, setting=setting)
    rules.require(perms, "can_edit")
    guardian = rules.guardian_for_user(request.user, setting=setting, guardian_id=guardian_id)
    link = selectors.guardian_link_get(child=child, guardian=guardian)
    form = forms.LinkForm(request.POST or None, instance=link, can_read_restrictions=perms.can_read_restrictions)
    if request.method == "POST" and _save(
        request, form, lambda d: services.child_guardian_update(link=link, by=request.user, **d)
    ):
        messages.success(request, _("The changes are saved."))
        return redirect("staff:admin-family-detail", setting_slug=setting.slug, family_id=guardian.family_id)
    return _form_page(
        request,
        form,
        title=_("How %(person)s stands to %(child)s") % {"person": guardian.full_name, "child": child.display_name},
        submit=_("Save"),
        back=reverse("staff:admin-family-detail", args=[setting.slug, guardian.family_id]),
    )


@staff_required(flag="can_edit_children")
@GET_POST
def guardian_preferences(request: HttpRequest, setting_slug: str, guardian_id) -> HttpResponse:
    setting = request.membership.setting
    guardian = rules.guardian_for_user(request.user, setting=setting, guardian_id=guardian_id)
    prefs = getattr(guardian, "preferences", None)
    form = forms.PreferencesForm(request.POST or None, instance=prefs)
    if request.method == "POST" and _save(
        request,
        form,
        lambda d: services.communication_preference_update(guardian=guardian, by=request.user, **d),
    ):
        messages.success(request, _("The preferences are saved."))
        return redirect("staff:admin-family-detail", setting_slug=setting.slug, family_id=guardian.family_id)
    return _form_page(
        request,
        form,
        title=_("How %(person)s wants to hear from us") % {"person": guardian.full_name},
        submit=_("Save"),
        back=reverse("staff:admin-family-detail", args=[setting.slug, guardian.family_id]),
    )


# --- audit log ------------------------------------------------------------------------------------


@staff_required(flag="can_read_audit")
@require_GET
def audit(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    form = forms.AuditSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = selectors.audit_entries_for_staff(user=request.user, setting=setting, **filters)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "core/admin/audit.html",
        {"setting": setting, "form": form, "page": page, "query": query.urlencode()},
        status=400 if form.is_bound and form.errors else 200,
    )


# --- CSV import -----------------------------------------------------------------------------------


@staff_required(flag="can_import")
@GET_POST
@sensitive_post_parameters("payload")  # children's data: never in an error report
def import_children(request: HttpRequest, setting_slug: str) -> HttpResponse:
    """Step 1 (a file is posted): preview and report every bad row. Step 2 (the signed
    payload is posted back with "import"): import everything or nothing."""
    setting = request.membership.setting
    context: dict = {"setting": setting, "columns": imports.COLUMNS}
    upload = forms.ImportUploadForm()
    preview = None
    status = 200
    if request.method == "POST" and "payload" in request.POST:
        confirm = forms.ImportConfirmForm(request.POST)
        try:
            if not confirm.is_valid():
                raise ValidationError(_("The file could not be checked: upload it again."))
            text = imports.unsign_payload(setting=setting, user=request.user, payload=confirm.cleaned_data["payload"])
            result = imports.import_run(setting=setting, by=request.user, text=text)
        except ValidationError as exc:
            context["payload_errors"] = exc.messages
            status = 400
        except imports.ImportNotValid as exc:
            preview = exc.preview
            status = 400
        else:
            messages.success(
                request,
                ngettext(
                    "Imported %(children)s child in %(families)s families.",
                    "Imported %(children)s children in %(families)s families.",
                    result.children,
                )
                % {"children": result.children, "families": result.families},
            )
            return redirect("staff:admin-child-list", setting_slug=setting.slug)
    elif request.method == "POST":
        upload = forms.ImportUploadForm(request.POST, request.FILES)
        if upload.is_valid():
            try:
                text = imports.decode_upload(upload.cleaned_data["file"])
            except ValidationError as exc:
                upload.add_error("file", exc.messages)
                status = 400
            else:
                preview = imports.import_preview(setting=setting, text=text)
                if preview.ok:
                    context["payload"] = imports.sign_payload(setting=setting, user=request.user, text=text)
                else:
                    status = 400
        else:
            status = 400
    context.update({"upload": upload, "preview": preview})
    return render(request, "core/admin/import.html", context, status=status)


@staff_required(flag="can_import")
@require_GET
def import_template(request: HttpRequest, setting_slug: str) -> HttpResponse:
    response = HttpResponse(imports.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="tandem-children-template.csv"'
    return response
