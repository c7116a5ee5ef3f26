"""The verbs of the setting's information page. The caller has checked can_manage_setting_info
through tandem.access; every change is audited and the page's earlier text kept as a version."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.core.audit import audit_log, changed_fields, keep_version, snapshot
from tandem.core.models import Setting, StaffMember
from tandem.media.processing import MediaError
from tandem.setting_info.models import INFO_FIELDS, MenuDay, SettingInfo, TeamProfile


@transaction.atomic
def info_save(*, setting: Setting, by: Any, **fields) -> SettingInfo:
    unknown = set(fields) - set(INFO_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    info, created = SettingInfo.objects.select_for_update(of=("self",)).get_or_create(setting=setting)
    before = snapshot(info)
    if not created:
        keep_version(info, setting=setting, by=by)
    for name, value in fields.items():
        setattr(info, name, (value or "").strip())
    info.updated_at = timezone.now()
    info.updated_by = by if getattr(by, "is_authenticated", False) else None
    info.full_clean()
    info.save()
    audit_log(
        "setting_info.info.changed",
        actor=by,
        obj=info,
        setting=setting,
        data={"fields": [f for f in changed_fields(before, snapshot(info)) if f in INFO_FIELDS]},
    )
    return info


@transaction.atomic
def menu_save(*, setting: Setting, by: Any, days: dict[dt.date, dict]) -> list[MenuDay]:
    """Save the meals and allergens of each day in DAYS ({date: {"meals": ..., "allergens": ...}});
    a day with neither is removed."""
    existing = {m.date: m for m in MenuDay.objects.filter(setting=setting, date__in=list(days))}
    saved = []
    for date, values in sorted(days.items()):
        meals = (values.get("meals") or "").strip()
        allergens = " ".join((values.get("allergens") or "").split())
        row = existing.get(date)
        if not meals and not allergens:
            if row is not None:
                row.delete()
            continue
        row = row or MenuDay(setting=setting, date=date)
        row.meals, row.allergens, row.updated_at = meals, allergens, timezone.now()
        row.full_clean()
        row.save()
        saved.append(row)
    if days:
        audit_log(
            "setting_info.menu.changed",
            actor=by,
            obj=setting,
            setting=setting,
            data={"from": min(days).isoformat(), "to": max(days).isoformat()},
        )
    return saved


def team_profile_save(
    *, staff: StaffMember, by: Any, about: str = "", shown: bool = True, photo_file: Any = None
) -> TeamProfile:
    """A member of staff's line and photo for families. The photo goes through tandem.media
    (checked, metadata removed, stored privately); anything but a photo is refused."""
    from tandem.media.services import media_upload

    media = None
    if photo_file:
        media = media_upload(setting=staff.setting, uploaded_file=photo_file, by=by)
        if not media.is_photo:
            from tandem.media.services import media_discard

            media_discard(media=media, by=by)
            raise MediaError({"photo": _("Choose a photo (JPEG, PNG, WebP or HEIC).")})
    with transaction.atomic():
        profile, _created = TeamProfile.objects.select_for_update(of=("self",)).get_or_create(
            staff=staff, defaults={"setting": staff.setting}
        )
        profile.about = " ".join((about or "").split())
        profile.shown = shown
        if media is not None:
            profile.photo = media
        profile.updated_at = timezone.now()
        profile.full_clean()
        profile.save()
        audit_log(
            "setting_info.team_profile.changed",
            actor=by,
            obj=profile,
            setting=staff.setting,
            data={"photo": media is not None, "shown": shown},
        )
    return profile
