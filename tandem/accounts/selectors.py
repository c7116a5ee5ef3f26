"""Reads about accounts: invitations for staff, a person's own tokens and exports, and the
content of a data export. Staff reads start from tandem.access.rules; a person's own things
are filtered by owner, and someone else's are a 404, the same as one that does not exist."""

from uuid import UUID

from django.db.models import Prefetch, QuerySet
from django.db.models.fields.files import FieldFile, FileField
from django.http import Http404
from django_scopes import scopes_disabled

from tandem.access import rules
from tandem.accounts.models import ApiToken, DataExport, Invitation, User
from tandem.core.models import (
    AuditEntry,
    ChildGuardian,
    CommunicationPreference,
    Consent,
    ConsentEvent,
    Guardian,
    Setting,
)

# ---------------------------------------------------------------------------------------------
# Invitations (staff with can_invite_families; the view checked the flag)


def guardian_list_for_invitations(*, user: User, setting: Setting) -> QuerySet[Guardian]:
    """The guardians of SETTING USER may see, each with their invitations (newest first), for
    the invitations page. Two queries whatever the number of families."""
    return (
        rules.guardians_visible_to(user, setting=setting)
        .select_related("family", "user")
        .prefetch_related(
            Prefetch(
                "invitations",
                queryset=Invitation.objects.filter(setting=setting)
                .select_related("created_by")
                .order_by("-created_at"),
                to_attr="invitation_list",
            )
        )
        .order_by("family__name", "first_name", "last_name")
    )


def invitation_for_user(*, user: User, setting: Setting, invitation_id: UUID | str) -> Invitation:
    """An invitation of SETTING to a guardian USER may see; 404 otherwise."""
    try:
        UUID(str(invitation_id))
    except ValueError as exc:
        raise Http404 from exc
    guardians = rules.guardians_visible_to(user, setting=setting).values("pk")
    invitation = (
        Invitation.objects.filter(setting=setting, guardian__in=guardians, pk=invitation_id)
        .select_related("guardian", "setting")
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


# ---------------------------------------------------------------------------------------------
# A person's own tokens and exports


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    """USER's own personal access tokens."""
    return ApiToken.objects.filter(user=user).order_by("-created_at")


def api_token_for_user(*, user: User, token_id: UUID | str) -> ApiToken:
    """One of USER's own tokens; anyone else's is a 404."""
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        raise Http404
    return token


def data_export_list(*, user: User) -> QuerySet[DataExport]:
    """USER's own data exports, newest first."""
    return DataExport.objects.filter(user=user).order_by("-requested_at")


def data_export_for_user(*, user: User, export_id: UUID | str) -> DataExport:
    """One of USER's own exports; anyone else's is a 404."""
    export = DataExport.objects.filter(user=user, pk=export_id).first()
    if export is None:
        raise Http404
    return export


# ---------------------------------------------------------------------------------------------
# What goes into a data export


def setting_ids_for_export(*, user: User) -> list:
    """The settings holding data about USER: the scope the export task runs in."""
    return rules.setting_ids_for_user(user)


_USER_FIELDS = ("id", "username", "email", "first_name", "last_name", "language", "date_joined", "last_login")
# ChildGuardian.restrictions (e.g. a court order) is read only by managers and the DSL
# (access.permissions: can_read_restrictions), never by a guardian, so it is not exported.
_LINK_HIDDEN = {"restrictions", "setting", "child", "guardian"}


def _row(obj, *, exclude: set[str] = frozenset()) -> dict:
    out = {}
    for field in obj._meta.concrete_fields:
        if field.name in exclude or isinstance(field, FileField):
            continue
        if field.is_relation:
            out[field.attname] = None if getattr(obj, field.attname) is None else str(getattr(obj, field.attname))
        else:
            out[field.name] = field.value_from_object(obj)
    return out


def _files(obj, folder: str) -> list[tuple[str, FieldFile]]:
    found = []
    for field in obj._meta.concrete_fields:
        if isinstance(field, FileField):
            value = getattr(obj, field.name)
            if value:
                found.append((f"{folder}/{obj.pk}/{value.name.rsplit('/', 1)[-1]}", value))
    return found


def data_export_content(*, user: User) -> tuple[dict, list[tuple[str, FieldFile]]]:
    """Everything Tandem holds about USER and the children they are a guardian of, as far as a
    guardian may see it (access.rules.child_permissions), plus the files to add under files/.
    Runs inside the scope of USER's settings (the export task opens it)."""
    guardians = list(Guardian.objects.filter(user=user).select_related("family", "setting"))
    links = list(
        ChildGuardian.objects.filter(guardian__user=user).select_related("child__room", "child__key_person__user")
    )
    children = {link.child_id: link.child for link in links}
    preferences = list(CommunicationPreference.objects.filter(guardian__user=user))
    consents = list(Consent.objects.filter(child_id__in=children.keys()).order_by("child_id", "kind"))
    events = list(ConsentEvent.objects.filter(child_id__in=children.keys()).select_related("given_by", "recorded_by"))
    # The person's own actions, in every setting and outside any (account changes have no setting),
    # filtered by actor: the setting scope would drop the ones without a setting.
    with scopes_disabled():
        audit = list(AuditEntry.objects.filter(actor=user).order_by("at"))

    files: list[tuple[str, FieldFile]] = []
    child_rows = []
    for child in children.values():
        row = _row(child, exclude={"key_person", "backup_key_person", "room", "family", "setting"})
        row["room"] = child.room.name if child.room else None
        row["key_person"] = child.key_person.user.display_name if child.key_person else None
        row["setting"] = next((g.setting.name for g in guardians if g.setting_id == child.setting_id), None)
        row["relationship_to_you"] = [_row(link, exclude=_LINK_HIDDEN) for link in links if link.child_id == child.pk]
        child_rows.append(row)
        files += _files(child, "children")

    data = {
        "format": "tandem-data-export/1",
        "user": {name: getattr(user, name) for name in _USER_FIELDS},
        "guardian_records": [
            {**_row(g, exclude={"user"}), "family_name": g.family.name, "setting_name": g.setting.name}
            for g in guardians
        ],
        "communication_preferences": [_row(p) for p in preferences],
        "children": child_rows,
        "consents": [_row(c) for c in consents],
        "consent_history": [
            {
                **_row(e, exclude={"given_by", "recorded_by"}),
                "given_by": e.given_by.full_name if e.given_by else None,
                "recorded_by": e.recorded_by.display_name,
            }
            for e in events
        ],
        "your_actions": [_row(a, exclude={"actor", "via_token"}) for a in audit],
    }
    for g in guardians:
        files += _files(g, "guardians")
    return data, files
