"""Background work for translations: asking the machine provider. A task takes ids, opens the
setting's scope and calls a service. A timeout or a busy server is asked again with a growing
wait (TANDEM_TRANSLATE_BACKOFF, doubled each time, TANDEM_TRANSLATE_RETRIES times); after that
the text is left for a person, marked failed with the reason, and the translators' queue shows it."""

import datetime as dt

from django.conf import settings
from django.tasks import task
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from tandem.core.models import Setting
from tandem.core.schedule import periodic
from tandem.translations import services
from tandem.translations.models import TextTranslation, TranslatorProfile


@task()
def translation_machine(setting_id: str, translation_id: str, source_hash: str) -> str:
    with scope(setting=[setting_id]):
        outcome, attempts = services.translation_machine_run(translation_id=translation_id, source_hash=source_hash)
    if outcome == "retry":
        delay = settings.TANDEM_TRANSLATE_BACKOFF * 2 ** max(attempts - 1, 0)
        again = translation_machine
        if delay and translation_machine.get_backend().supports_defer:
            again = translation_machine.using(run_after=timezone.now() + dt.timedelta(seconds=delay))
        again.enqueue(setting_id, translation_id, source_hash)
    return outcome


def _setting_ids(model) -> list:
    # Deciding which settings' scopes to open: the only unscoped read, ids only.
    with scopes_disabled():
        return sorted(set(model.objects.values_list("setting_id", flat=True)))


@periodic(every=dt.timedelta(hours=1))
@task()
def translators_remind() -> int:
    """Once a day at most, tell each translator how many texts wait in their languages."""
    told = 0
    for setting_id in _setting_ids(TranslatorProfile):
        with scope(setting=[setting_id]):
            told += services.translators_remind(setting=Setting.objects.get(pk=setting_id))
    return told


@periodic(every=dt.timedelta(minutes=15))
@task()
def translations_machine_catch_up() -> int:
    """Send the machine what it was never asked (a lost task, machine translation switched on late)."""
    if not settings.TANDEM_TRANSLATE_URL:
        return 0
    sent = 0
    with scopes_disabled():
        setting_ids = sorted(
            set(
                TextTranslation.objects.filter(status=TextTranslation.Status.REQUESTED, attempts=0).values_list(
                    "setting_id", flat=True
                )
            )
        )
    for setting_id in setting_ids:
        with scope(setting=[setting_id]):
            sent += services.translations_machine_catch_up(setting=Setting.objects.get(pk=setting_id))
    return sent
