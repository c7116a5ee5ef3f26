"""Curriculum frameworks as data: Framework → Area → Aspect (optional) → Statement, plus bands
(age bands / ranges), Characteristics of Effective Learning, top-level principles, and the Leuven
well-being and involvement scales.

These tables are reference data shared by every setting, loaded from the JSON files under
tandem/curriculum/frameworks/ by `manage.py curriculum_load` (and a data migration). They have no
setting FK on purpose: nothing in them belongs to a child or a setting. A setting points at a
framework by code (core.Setting.curriculum_framework); a loaded Framework row is never rewritten,
so observations that link to its statements keep their meaning when a new version arrives.

Names are stored in English and shown through gettext (`display_name`); tandem/curriculum/labels.py
marks every one of them for translation.
"""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class TranslatedName(models.Model):
    """Curriculum labels are stored in English and shown through gettext (tandem/curriculum/labels.py
    marks every label for translation)."""

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return gettext(self.name)


class Framework(models.Model):
    """One version of one framework file. (code, revision) is unique; the highest revision is current."""

    code = models.CharField(_("code"), max_length=40, db_index=True)  # = core.Setting.Framework value
    version = models.CharField(_("version"), max_length=40)  # from the file, e.g. "2023.1"
    revision = models.PositiveIntegerField(_("revision"))  # 1, 2, … per code, in load order
    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=60, blank=True)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    source = models.TextField(_("source"), blank=True)
    description = models.TextField(_("description"), blank=True)
    area_label = models.CharField(_("what its areas are called"), max_length=60, default="Area of learning")
    aspect_label = models.CharField(_("what its aspects are called"), max_length=60, default="Aspect")
    band_label = models.CharField(_("what its bands are called"), max_length=60, blank=True)
    notes = models.TextField(_("notes on the data"), blank=True)
    sha256 = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("curriculum framework")
        verbose_name_plural = _("curriculum frameworks")
        ordering = ["code", "-revision"]
        constraints = [
            models.UniqueConstraint(fields=["code", "revision"], name="uniq_framework_revision"),
            models.UniqueConstraint(fields=["code", "version"], name="uniq_framework_version"),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.version})"

    @property
    def display_name(self) -> str:
        return gettext(self.name)

    @property
    def display_area_label(self) -> str:
        return gettext(self.area_label)

    @property
    def display_aspect_label(self) -> str:
        return gettext(self.aspect_label)

    @property
    def display_band_label(self) -> str:
        return gettext(self.band_label) if self.band_label else ""


class AreaKind(models.TextChoices):
    PRIME = "prime", _("Prime area")
    SPECIFIC = "specific", _("Specific area")
    AREA = "area", _("Area")
    STRAND = "strand", _("Strand")
    OUTCOME = "outcome", _("Learning outcome")
    PATHWAY = "pathway", _("Developmental pathway")


class Area(TranslatedName):
    """What an observation is tagged with first: an EYFS area, a Te Whāriki strand, an EYLF outcome…"""

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="areas")
    code = models.CharField(_("code"), max_length=120)  # "eyfs-dm-2023:cl", stable across versions
    short_code = models.CharField(_("short code"), max_length=20)  # "CL"
    name = models.CharField(_("name"), max_length=200)
    alt_name = models.CharField(_("name in the framework's other language"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=AreaKind.choices, default=AreaKind.AREA)
    family_text = models.TextField(_("what it means, for families"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("area of learning")
        verbose_name_plural = _("areas of learning")
        ordering = ["framework", "order"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="uniq_area_code")]

    @property
    def display_family_text(self) -> str:
        return gettext(self.family_text) if self.family_text else ""

    @property
    def is_prime(self) -> bool:
        return self.kind == AreaKind.PRIME


class Aspect(TranslatedName):
    """A grouping inside an area (optional: Development Matters has none of its own)."""

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="aspects")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="aspects")
    code = models.CharField(_("code"), max_length=160)  # "eyfs-dm-2023:cl:listening"
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("aspect")
        verbose_name_plural = _("aspects")
        ordering = ["framework", "area__order", "order"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="uniq_aspect_code")]


class Band(TranslatedName):
    """An age band (Development Matters) or range (Birth to 5 Matters). Ages only where the source gives them."""

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="bands")
    code = models.CharField(_("code"), max_length=160)
    name = models.CharField(_("name"), max_length=200)
    age_from_months = models.PositiveSmallIntegerField(_("from (months)"), null=True, blank=True)
    age_to_months = models.PositiveSmallIntegerField(_("to (months)"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("age band")
        verbose_name_plural = _("age bands")
        ordering = ["framework", "order"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="uniq_band_code")]


class Statement(models.Model):
    """A statement an observation can link to; the 17 Early Learning Goals are statements with is_elg."""

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="statements")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="statements")
    aspect = models.ForeignKey(Aspect, on_delete=models.PROTECT, related_name="statements", null=True, blank=True)
    band = models.ForeignKey(Band, on_delete=models.PROTECT, related_name="statements", null=True, blank=True)
    code = models.CharField(_("code"), max_length=200)  # "eyfs-dm-2023:cl:listening:elg"
    text = models.TextField(_("text"))
    is_elg = models.BooleanField(_("Early Learning Goal"), default=False)
    in_gld = models.BooleanField(_("counts towards a Good Level of Development"), default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("curriculum statement")
        verbose_name_plural = _("curriculum statements")
        ordering = ["framework", "area__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="uniq_statement_code"),
            models.CheckConstraint(condition=models.Q(in_gld=False) | models.Q(is_elg=True), name="gld_only_for_elg"),
        ]

    def __str__(self) -> str:
        return self.display_text

    @property
    def display_text(self) -> str:
        return gettext(self.text)


class Characteristic(TranslatedName):
    """A Characteristic of Effective Learning (parent is None) or one of its sub-points."""

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="characteristics")
    parent = models.ForeignKey("self", on_delete=models.PROTECT, related_name="children", null=True, blank=True)
    code = models.CharField(_("code"), max_length=160)  # "eyfs-dm-2023:coel:playing"
    name = models.CharField(_("name"), max_length=200)
    alt_name = models.CharField(_("also called"), max_length=200, blank=True)  # "engagement"
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("characteristic of effective learning")
        verbose_name_plural = _("characteristics of effective learning")
        ordering = ["framework", "order"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="uniq_characteristic_code")]


class Principle(TranslatedName):
    """Top-level structure shown for context, not linked from observations: Te Whāriki's principles,
    Scotland's four capacities and SHANARRI indicators, Wales's four purposes, EYFS's principles."""

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="principles")
    group = models.CharField(_("group"), max_length=200)  # "Four capacities"
    code = models.CharField(_("code"), max_length=160)
    name = models.CharField(_("name"), max_length=200)
    alt_name = models.CharField(_("name in the framework's other language"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("principle")
        verbose_name_plural = _("principles")
        ordering = ["framework", "order"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="uniq_principle_code")]

    @property
    def display_group(self) -> str:
        return gettext(self.group)


class LeuvenScale(TranslatedName):
    """Laevers' Leuven scales: "wellbeing" and "involvement", each scored 1–5."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    signals = models.JSONField(_("signals"), default=list)  # English phrases, each in labels.py
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("Leuven scale")
        verbose_name_plural = _("Leuven scales")
        ordering = ["order"]

    @property
    def display_signals(self) -> list[str]:
        return [gettext(s) for s in self.signals]


class LeuvenLevel(models.Model):
    scale = models.ForeignKey(LeuvenScale, on_delete=models.CASCADE, related_name="levels")
    value = models.PositiveSmallIntegerField(_("value"))
    label = models.CharField(_("label"), max_length=60)

    class Meta:
        verbose_name = _("Leuven level")
        verbose_name_plural = _("Leuven levels")
        ordering = ["scale__order", "value"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "value"], name="uniq_leuven_level"),
            models.CheckConstraint(condition=models.Q(value__gte=1, value__lte=5), name="leuven_level_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.value} {self.display_label}"

    @property
    def display_label(self) -> str:
        return gettext(self.label)
