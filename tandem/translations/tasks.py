"""Background work for translations: asking the machine provider. A task takes ids, opens the
setting's scope and calls a service. A timeout or a busy server is asked again with a growing
wait (TANDEM_TRANSLATE_BACKOFF, doubled each time, TANDEM_TRANSLATE_RETRIES times); after that
the text is left for a person, marked failed with the reason, and the translators' queue shows it."""

import datetime as dt

from django.conf import settings
from django.tasks import task
from django.utils import timezone
from django_scopes import scope

from tandem.translations import services


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
