"""Which records the retention job knows: record type key → the model (a label string, looked
up lazily so an app that is not installed yet is skipped, not an import error), the date that
starts the clock for "after the record's date", and the path to the child it is about.

To add a record type: add it here, and a RetentionRule for it in a data migration."""

from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class RecordType:
    key: str
    label: str | Promise
    model_label: str  # "app_label.ModelName"
    date_field: str  # the record's own date (DateField or DateTimeField)
    child_field: str | None = "child"
    # Records that exist only as part of this one and point at it with a PROTECT key (a sleep
    # check is part of a sleep): (model label, key field). Erased with it, counted in the log.
    parts: tuple[tuple[str, str], ...] = ()

    @property
    def model(self) -> type[models.Model] | None:
        """The model class, or None when its app is not installed (or not built yet)."""
        try:
            return apps.get_model(self.model_label)
        except (LookupError, ValueError):
            return None

    @property
    def archivable(self) -> bool:
        """Only our own models carry an archived_at flag; others can only be erased."""
        model = self.model
        return model is not None and any(f.name == "archived_at" for f in model._meta.concrete_fields)

    @property
    def is_datetime(self) -> bool:
        model = self.model
        return model is not None and isinstance(model._meta.get_field(self.date_field), models.DateTimeField)


# Order matters when erasing: a dose points at its permission, so doses go first.
_TYPES = [
    RecordType(
        "diary_entry", _("Daily diary entries"), "care.DiaryEntry", "day", parts=(("care.SleepCheck", "entry"),)
    ),
    RecordType(
        "attendance",
        _("Register (attendance)"),
        "attendance.Attendance",
        "day",
        parts=(("attendance.CollectionEvent", "attendance"),),
    ),
    RecordType("medicine_administration", _("Medicines given"), "medicines.MedicineAdministration", "given_at"),
    RecordType("medicine_permission", _("Medicine permissions"), "medicines.MedicinePermission", "end_date"),
    RecordType(
        "incident",
        _("Accidents and incidents"),
        "incidents.Incident",
        "occurred_at",
        parts=(("incidents.IncidentNotice", "incident"),),
    ),
    RecordType("audit_entry", _("Audit log"), "core.AuditEntry", "at", child_field=None),
]
REGISTRY: dict[str, RecordType] = {t.key: t for t in _TYPES}


def part_models(record_type: RecordType) -> list[tuple[type[models.Model], str]]:
    """The installed part models of RECORD_TYPE with the key that points at it."""
    result = []
    for label, key in record_type.parts:
        try:
            result.append((apps.get_model(label), key))
        except (LookupError, ValueError):
            continue
    return result


def available() -> list[RecordType]:
    """Record types whose model is installed, in erasing order."""
    return [t for t in _TYPES if t.model is not None]
