"""Writing the audit log. Called by services (inside their transaction, so the entry and the
change commit together) and by the access layer for reads of a child's record."""

from django.db import models

from tandem.core.models import AuditEntry, RecordVersion, Setting

# Keys that must never reach the log even by mistake (pretix masks secrets; we go further).
_FORBIDDEN_KEYS = {
    "password",
    "token",
    "code",
    "secret",
    "medical_notes",
    "restrictions",
    "allergies",
    "note",
}


def audit_log(
    action: str,
    *,
    actor,
    obj: models.Model,
    setting: Setting | None,
    child=None,
    data: dict | None = None,
    token=None,
) -> AuditEntry:
    clean = {k: v for k, v in (data or {}).items() if k not in _FORBIDDEN_KEYS}
    actor_id = actor.pk if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        setting=setting,
        actor_id=actor_id,
        via_token=token,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        child=child,
        data=clean,
    )


def snapshot(obj: models.Model, *, exclude: tuple[str, ...] = ()) -> dict:
    """The concrete field values of OBJ as JSON-friendly data, for RecordVersion."""
    result = {}
    for field in obj._meta.concrete_fields:
        if field.name in exclude:
            continue
        value = field.value_from_object(obj)
        result[field.attname] = (
            value if isinstance(value, bool | int | float | str | list | dict | None) else str(value)
        )
    return result


def keep_version(obj: models.Model, *, setting: Setting, by) -> RecordVersion:
    """Store OBJ's current state before a service changes it."""
    return RecordVersion.objects.create(
        setting=setting,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        data=snapshot(obj),
        changed_by=by if by is not None and getattr(by, "is_authenticated", False) else None,
    )


def changed_fields(before: dict, after: dict) -> list[str]:
    return sorted(k for k in after if before.get(k) != after.get(k))
