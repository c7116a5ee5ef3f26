"""The setting's information page, the one families always have: who the team are (photos, job
titles), opening times, this week's menus, term dates, policies, how to raise a concern, how to
contact the setting and Ofsted. One SettingInfo per setting (versioned when edited), a MenuDay
per day, and a TeamProfile per member of staff for their photo and a line about them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

INFO_FIELDS = ("welcome", "opening_times", "term_dates", "concerns", "contact", "ofsted")


class SettingInfo(models.Model):
    setting = models.OneToOneField("core.Setting", on_delete=models.PROTECT, related_name="+")
    welcome = models.TextField(_("welcome"), blank=True)
    opening_times = models.TextField(
        _("opening times"),
        blank=True,
        help_text=_("For example: Monday to Friday, 7:30 to 18:00. Closed on bank holidays."),
    )
    term_dates = models.TextField(_("term dates and closures"), blank=True)
    concerns = models.TextField(
        _("how to raise a concern"),
        blank=True,
        help_text=_("Who to talk to first, and what happens next."),
    )
    contact = models.TextField(
        _("how to contact us"), blank=True, help_text=_("Phone, e-mail, when to call, who to ask for.")
    )
    ofsted = models.TextField(
        _("how to contact Ofsted"),
        blank=True,
        help_text=_("Leave empty to show Ofsted's national contact details."),
    )
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("information for families")


class MenuDay(models.Model):
    """What is served on one day, and the allergens in it (the 14 named in UK food law)."""

    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("day"))
    meals = models.TextField(_("meals"), blank=True, help_text=_("Breakfast, lunch, tea and snacks."))
    allergens = models.CharField(
        _("allergens"), max_length=300, blank=True, help_text=_("For example: milk, eggs, gluten.")
    )
    updated_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["setting", "date"], name="uniq_menu_day")]


class TeamProfile(models.Model):
    """A member of staff as families see them: a photo (stored privately by tandem.media) and a
    line about them. Their name and job title come from their StaffMember record."""

    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    staff = models.OneToOneField("core.StaffMember", on_delete=models.CASCADE, related_name="team_profile")
    photo = models.ForeignKey("media.MediaFile", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    about = models.CharField(_("about them"), max_length=300, blank=True)
    shown = models.BooleanField(_("show on the families' page"), default=True)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(setting="setting")
