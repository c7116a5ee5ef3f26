from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JournalExportConfig(AppConfig):
    name = "tandem.journal_export"
    label = "journal_export"
    verbose_name = _("Journals to keep")
