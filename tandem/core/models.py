"""Tenancy and people: Organisation → Setting → Room; staff, children, families, guardians,
consents and communication preferences. Every model that belongs to a setting carries a direct
`setting` key and a scoped manager, so a query that forgets its setting raises instead of leaking."""

import uuid
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class Organisation(models.Model):
    class Kind(models.TextChoices):
        GROUP = "group", _("Nursery group")
        LOCAL_AUTHORITY = "local_authority", _("Local authority")
        SINGLE = "single", _("Single setting")
        PROGRAMME = "programme", _("Programme")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True, max_length=60)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SINGLE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class OrganisationLead(models.Model):
    """Someone who oversees an organisation: sees numbers across its settings, never a child."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="leads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_leads")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisation lead")
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="uniq_org_lead")]


class Setting(models.Model):
    class Kind(models.TextChoices):
        DAY_NURSERY = "day_nursery", _("Day nursery")
        PRE_SCHOOL = "pre_school", _("Pre-school")
        CHILDMINDER = "childminder", _("Childminder")
        SCHOOL_NURSERY = "school_nursery", _("School nursery class")
        OUT_OF_SCHOOL = "out_of_school", _("Out-of-school club")

    class Inspectorate(models.TextChoices):
        OFSTED = "ofsted", _("Ofsted")
        CARE_INSPECTORATE = "care_inspectorate", _("Care Inspectorate (Scotland)")
        CIW = "ciw", _("Care Inspectorate Wales")
        ETI = "eti", _("Education and Training Inspectorate (Northern Ireland)")
        OTHER = "other", _("Other")

    class Framework(models.TextChoices):
        EYFS_DM = "eyfs-dm-2023", _("EYFS: Development Matters (2023)")
        EYFS_B25M = "eyfs-b25m-2021", _("EYFS: Birth to 5 Matters (2021)")
        SCOTLAND = "scotland-realising", _("Scotland: Realising the Ambition")
        WALES = (
            "wales-curriculum",
            _("Wales: Curriculum for funded non-maintained nursery settings"),
        )
        NORTHERN_IRELAND = "ni-preschool", _("Northern Ireland: Pre-school curricular guidance")
        TE_WHARIKI = "te-whariki-2017", _("New Zealand: Te Whāriki (2017)")
        EYLF = "eylf-v2", _("Australia: EYLF V2.0 (2022)")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="settings")
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), unique=True, max_length=60)
    kind = models.CharField(_("type of setting"), max_length=20, choices=Kind.choices, default=Kind.DAY_NURSERY)
    timezone = models.CharField(_("time zone"), max_length=64, default="Europe/London")
    address = models.TextField(_("address"), blank=True)
    postcode = models.CharField(_("postcode"), max_length=12, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    inspectorate = models.CharField(
        _("inspectorate"), max_length=20, choices=Inspectorate.choices, default=Inspectorate.OFSTED
    )
    inspection_reference = models.CharField(_("Ofsted or Care Inspectorate reference"), max_length=40, blank=True)
    curriculum_framework = models.CharField(
        _("curriculum framework"),
        max_length=40,
        choices=Framework.choices,
        default=Framework.EYFS_DM,
    )
    require_mfa_for_leaders = models.BooleanField(
        _("require two-factor sign-in for managers and safeguarding leads"), default=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("setting")
        verbose_name_plural = _("settings")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        import zoneinfo

        try:
            zoneinfo.ZoneInfo(self.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
            raise ValidationError({"timezone": _("This is not a known time zone.")}) from exc

    def today(self) -> date:
        import zoneinfo

        return timezone.now().astimezone(zoneinfo.ZoneInfo(self.timezone)).date()


class Room(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey(Setting, on_delete=models.PROTECT, related_name="rooms")
    name = models.CharField(_("name"), max_length=100)
    age_from_months = models.PositiveSmallIntegerField(_("youngest age (months)"), default=0)
    age_to_months = models.PositiveSmallIntegerField(_("oldest age (months)"), default=60)
    capacity = models.PositiveSmallIntegerField(_("places"), default=12)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["age_from_months", "name"]
        constraints = [
            models.UniqueConstraint(fields=["setting", "name"], name="uniq_room_name"),
            models.CheckConstraint(
                condition=models.Q(age_to_months__gte=models.F("age_from_months")),
                name="room_age_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class StaffRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    MANAGER = "manager", _("Manager")
    PRACTITIONER = "practitioner", _("Practitioner")
    DSL = "dsl", _("Designated safeguarding lead")
    SENCO = "senco", _("SENCO")
    ADMINISTRATOR = "administrator", _("Administrator")
    TRANSLATOR = "translator", _("Translator")


class StaffMember(models.Model):
    """A person's membership of a setting's team. Roles are a list of StaffRole values; what
    each role may do is decided in tandem.access.permissions, never by comparing role names."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey(Setting, on_delete=models.PROTECT, related_name="staff")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="staff_memberships")
    job_title = models.CharField(_("job title"), max_length=100, blank=True)
    roles = models.JSONField(_("roles"), default=list)
    rooms = models.ManyToManyField(Room, blank=True, related_name="staff", verbose_name=_("rooms"))
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("member of staff")
        verbose_name_plural = _("staff")
        constraints = [models.UniqueConstraint(fields=["setting", "user"], name="uniq_staff_member")]

    def __str__(self) -> str:
        return self.user.display_name

    def clean(self) -> None:
        valid = set(StaffRole.values)
        if not self.roles or any(r not in valid for r in self.roles):
            raise ValidationError({"roles": _("Choose at least one role from the list.")})

    def role_labels(self) -> list[str]:
        labels = dict(StaffRole.choices)
        return [str(labels[r]) for r in self.roles if r in labels]


class Family(models.Model):
    """A household. Children and guardians belong to one in a setting; separated parents can be
    two households linked to the same child."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey(Setting, on_delete=models.PROTECT, related_name="families")
    name = models.CharField(_("family name"), max_length=120)
    address = models.TextField(_("home address"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("family")
        verbose_name_plural = _("families")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SenStatus(models.TextChoices):
    NONE = "none", _("None")
    SEN_SUPPORT = "sen_support", _("SEN support")
    EHC_PLAN = "ehc_plan", _("EHC plan")


class Child(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey(Setting, on_delete=models.PROTECT, related_name="children")
    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="children", null=True, blank=True)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    preferred_name = models.CharField(_("preferred name"), max_length=100, blank=True)
    date_of_birth = models.DateField(_("date of birth"))
    start_date = models.DateField(_("start date"), null=True, blank=True)
    leave_date = models.DateField(_("leaving date"), null=True, blank=True)
    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="children", null=True, blank=True)
    key_person = models.ForeignKey(
        StaffMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="key_children",
        verbose_name=_("key person"),
    )
    backup_key_person = models.ForeignKey(
        StaffMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="backup_key_children",
        verbose_name=_("back-up key person"),
    )
    home_languages = models.JSONField(_("languages spoken at home"), default=list, blank=True)
    dietary_needs = models.TextField(_("dietary needs"), blank=True)
    allergies = models.TextField(_("allergies"), blank=True)
    medical_notes = models.TextField(_("medical notes"), blank=True)  # restricted: access.can_read_medical
    funded_hours = models.DecimalField(_("funded hours a week"), max_digits=4, decimal_places=1, default=0)
    eypp = models.BooleanField(_("Early Years Pupil Premium"), default=False)
    sen_status = models.CharField(_("SEN status"), max_length=12, choices=SenStatus.choices, default=SenStatus.NONE)
    eal = models.BooleanField(_("English as an additional language"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("child")
        verbose_name_plural = _("children")
        ordering = ["first_name", "last_name"]
        indexes = [
            models.Index(fields=["setting", "room"], name="child_setting_room"),
            models.Index(fields=["setting", "first_name", "last_name"], name="child_setting_name"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(leave_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(leave_date__gte=models.F("start_date")),
                name="child_leave_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return f"{self.preferred_name or self.first_name} {self.last_name}"

    @property
    def known_as(self) -> str:
        return self.preferred_name or self.first_name

    def clean(self) -> None:
        errors = {}
        if self.date_of_birth and self.date_of_birth > timezone.localdate():
            errors["date_of_birth"] = _("The date of birth cannot be in the future.")
        if self.start_date and self.leave_date and self.leave_date < self.start_date:
            errors["leave_date"] = _("The leaving date must be after the start date.")
        if self.room_id and self.setting_id and self.room.setting_id != self.setting_id:
            errors["room"] = _("This room belongs to another setting.")
        for field in ("key_person", "backup_key_person"):
            member = getattr(self, field)
            if member is not None and member.setting_id != self.setting_id:
                errors[field] = _("This person works in another setting.")
        if errors:
            raise ValidationError(errors)

    def age_in_months(self, on: date | None = None) -> int:
        on = on or timezone.localdate()
        months = (on.year - self.date_of_birth.year) * 12 + on.month - self.date_of_birth.month
        if on.day < self.date_of_birth.day:
            months -= 1
        return max(months, 0)


class Guardian(models.Model):
    """A parent or carer known to the setting. `user` stays empty until the guardian accepts an
    invitation: that is the only way an account is linked to a child."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey(Setting, on_delete=models.PROTECT, related_name="guardians")
    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="guardians")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="guardianships",
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("mobile phone"), max_length=40, blank=True)
    address = models.TextField(_("address, if not the family's"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("parent or carer")
        verbose_name_plural = _("parents and carers")
        ordering = ["first_name", "last_name"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Relationship(models.TextChoices):
    MOTHER = "mother", _("Mother")
    FATHER = "father", _("Father")
    PARENT = "parent", _("Parent")
    STEP_PARENT = "step_parent", _("Step-parent")
    GRANDPARENT = "grandparent", _("Grandparent")
    FOSTER_CARER = "foster_carer", _("Foster carer")
    SPECIAL_GUARDIAN = "special_guardian", _("Special guardian")
    OTHER = "other", _("Other carer")


class ChildGuardian(models.Model):
    """How one guardian stands to one child. `restrictions` (e.g. a court order) is read only by
    those named in access (managers and the DSL)."""

    setting = models.ForeignKey(Setting, on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="guardian_links")
    guardian = models.ForeignKey(Guardian, on_delete=models.CASCADE, related_name="child_links")
    relationship = models.CharField(_("relationship"), max_length=20, choices=Relationship.choices)
    parental_responsibility = models.BooleanField(_("has parental responsibility"), default=True)
    lives_with_child = models.BooleanField(_("lives with the child"), default=True)
    may_collect = models.BooleanField(_("may collect the child"), default=True)
    is_emergency_contact = models.BooleanField(_("emergency contact"), default=True)
    restrictions = models.TextField(_("restrictions (e.g. a court order)"), blank=True)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("parent or carer of a child")
        constraints = [models.UniqueConstraint(fields=["child", "guardian"], name="uniq_child_guardian")]


class ConsentKind(models.TextChoices):
    PHOTOS_OWN_JOURNAL = "photos_own_journal", _("Photos in my child's own journal")
    GROUP_PHOTOS = "group_photos", _("My child may be seen in group photos shown to other families")
    DISPLAY_BOARDS = "display_boards", _("Photos on display boards in the setting")
    WEBSITE_SOCIAL = "website_social", _("Photos on the setting's website or social media")
    OUTINGS = "outings", _("Local outings")
    SUN_CREAM = "sun_cream", _("Applying sun cream")
    AGENCY_SHARING = (
        "agency_sharing",
        _("Sharing information with other agencies (e.g. health visitor)"),
    )


class Consent(models.Model):
    """The current answer for one child and one kind of consent. Never edited in place by hand:
    tandem.core.services.consent_record changes it and appends a ConsentEvent in one transaction."""

    setting = models.ForeignKey(Setting, on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(_("consent"), max_length=30, choices=ConsentKind.choices)
    granted = models.BooleanField(_("given"), default=False)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("consent")
        constraints = [models.UniqueConstraint(fields=["child", "kind"], name="uniq_consent_kind")]
        indexes = [models.Index(fields=["setting", "kind", "granted"], name="consent_lookup")]


class ConsentEvent(models.Model):
    """Append-only history of every consent given, refused or withdrawn."""

    class Decision(models.TextChoices):
        GIVEN = "given", _("Given")
        REFUSED = "refused", _("Refused")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    setting = models.ForeignKey(Setting, on_delete=models.PROTECT, related_name="+")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="consent_events")
    kind = models.CharField(_("consent"), max_length=30, choices=ConsentKind.choices)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    given_by = models.ForeignKey(
        Guardian,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("given by"),
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("note"), max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["child", "kind", "-at"], name="consent_history")]


class Channel(models.TextChoices):
    APP = "app", _("In the app")
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("Text message (SMS)")
    LETTER = "letter", _("Printed letter")
    FACE_TO_FACE = "face_to_face", _("Face to face at drop-off or pick-up")


class Digest(models.TextChoices):
    IMMEDIATE = "immediate", _("As they happen")
    DAILY = "daily", _("Once a day")
    WEEKLY = "weekly", _("Once a week")


class CommunicationPreference(models.Model):
    setting = models.ForeignKey(Setting, on_delete=models.PROTECT, related_name="+")
    guardian = models.OneToOneField(Guardian, on_delete=models.CASCADE, related_name="preferences")
    language = models.CharField(_("language"), max_length=10, default="en")
    channels = models.JSONField(_("how we reach you"), default=list)
    best_times = models.CharField(_("best times to contact you"), max_length=200, blank=True)
    quiet_hours_start = models.TimeField(_("quiet hours start"), null=True, blank=True)
    quiet_hours_end = models.TimeField(_("quiet hours end"), null=True, blank=True)
    digest = models.CharField(_("how often"), max_length=10, choices=Digest.choices, default=Digest.IMMEDIATE)
    needs_reading_help = models.BooleanField(_("would like help with reading or forms"), default=False)
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("communication preferences")

    def clean(self) -> None:
        valid = set(Channel.values)
        if any(c not in valid for c in self.channels):
            raise ValidationError({"channels": _("Choose channels from the list.")})
        if self.language not in dict(settings.LANGUAGES):
            raise ValidationError({"language": _("Tandem does not offer this language yet.")})
        if (self.quiet_hours_start is None) != (self.quiet_hours_end is None):
            raise ValidationError({"quiet_hours_end": _("Give both the start and the end of quiet hours.")})


class AuditEntry(models.Model):
    """Who did what to which record, and when. `data` holds ids and changed field names, never
    the text of a record (that lives in the record's own versions)."""

    setting = models.ForeignKey(Setting, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    via_token = models.ForeignKey(
        "accounts.ApiToken", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=80)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=64)
    child = models.ForeignKey(Child, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    data = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = ScopedManager(setting="setting")

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["setting", "-at"], name="audit_setting_at"),
            models.Index(fields=["child", "-at"], name="audit_child_at"),
            models.Index(fields=["action"], name="audit_action"),
        ]


class WorkerHeartbeat(models.Model):
    """The task worker writes here every minute; /healthz reads it."""

    name = models.CharField(max_length=40, unique=True)
    beat_at = models.DateTimeField()


class RecordVersion(models.Model):
    """The earlier state of a record that matters (a child, a guardian, preferences), kept each
    time a service changes it, so nothing is overwritten without a trace."""

    setting = models.ForeignKey(Setting, on_delete=models.PROTECT, related_name="+")
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=64)
    data = models.JSONField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "-at"], name="version_lookup")]


class ScheduledJob(models.Model):
    """When a periodic task (tandem.core.schedule) was last put on the queue. The conditional
    update in schedule.enqueue_due makes sure only one worker enqueues it, however many run."""

    name = models.CharField(max_length=200, unique=True)
    last_enqueued_at = models.DateTimeField()
