"""Setting administration: rooms, staff, children, families, consents, preferences, import."""

from django.urls import include, path

from tandem.core.views import admin

urlpatterns = [
    path("", admin.index, name="admin-index"),
    path("setting/", admin.setting_edit, name="admin-setting"),
    path("rooms/", admin.room_list, name="admin-room-list"),
    path("rooms/new/", admin.room_create, name="admin-room-create"),
    path("rooms/<uuid:room_id>/", admin.room_edit, name="admin-room-edit"),
    path("rooms/<uuid:room_id>/archive/", admin.room_archive, name="admin-room-archive"),
    path("staff/", admin.staff_list, name="admin-staff-list"),
    path("staff/new/", admin.staff_add, name="admin-staff-add"),
    path("staff/<uuid:staff_id>/", admin.staff_edit, name="admin-staff-edit"),
    path("children/", admin.child_list, name="admin-child-list"),
    path("children/new/", admin.child_create, name="admin-child-create"),
    path("children/<uuid:child_id>/edit/", admin.child_edit, name="admin-child-edit"),
    path("children/<uuid:child_id>/leave/", admin.child_leave, name="admin-child-leave"),
    path("children/<uuid:child_id>/consents/", admin.child_consents, name="admin-child-consents"),
    path(
        "children/<uuid:child_id>/guardians/<uuid:guardian_id>/",
        admin.link_edit,
        name="admin-link-edit",
    ),
    path("families/", admin.family_list, name="admin-family-list"),
    path("families/new/", admin.family_create, name="admin-family-create"),
    path("families/<uuid:family_id>/", admin.family_detail, name="admin-family-detail"),
    path("families/<uuid:family_id>/guardians/new/", admin.guardian_create, name="admin-guardian-create"),
    path("families/<uuid:family_id>/links/new/", admin.link_create, name="admin-link-create"),
    path("guardians/<uuid:guardian_id>/", admin.guardian_edit, name="admin-guardian-edit"),
    path(
        "guardians/<uuid:guardian_id>/preferences/",
        admin.guardian_preferences,
        name="admin-guardian-preferences",
    ),
    path("audit/", admin.audit, name="admin-audit"),
    path("import/", admin.import_children, name="admin-import"),
    path("import/template.csv", admin.import_template, name="admin-import-template"),
    # Invitations for families (tandem.accounts owns them).
    path("invitations/", include("tandem.accounts.urls_staff")),
]
