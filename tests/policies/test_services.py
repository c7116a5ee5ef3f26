"""The rules of policies through the services, with a real database."""

import pytest
from django.core.exceptions import ValidationError

from tandem.notify.models import NoticeRecipient
from tandem.policies import selectors, services
from tandem.policies.models import PolicyAcknowledgement, PolicyReminder
from tandem.translations.models import TextTranslation

pytestmark = pytest.mark.django_db


def test_publishing_tells_the_families_and_asks_for_translations(code_of_conduct, dora_guardian, ed_guardian):
    version = services.current_version(code_of_conduct)
    assert version.number == 1
    assert "<strong>photos of other children</strong>" in version.body_html
    recipients = set(
        NoticeRecipient.objects.filter(notice__kind="policies.published").values_list("guardian_id", flat=True)
    )
    assert recipients == {dora_guardian.pk, ed_guardian.pk}
    # dora reads Polish: the text is asked for in Polish (ed has no preference: English, skipped).
    assert list(TextTranslation.objects.filter(source_id=str(version.pk)).values_list("language", flat=True)) == ["pl"]


def test_markdown_is_sanitised(alice, oak_tree):
    policy = services.policy_create(
        setting=oak_tree,
        by=alice,
        title="Evil",
        body_markdown='Hello <script>alert(1)</script> <a href="javascript:x()">x</a> <img src=x onerror=alert(1)>',
        effective_from=oak_tree.today(),
    )
    html = services.current_version(policy).body_html
    assert "<script" not in html and "javascript:" not in html and "onerror" not in html


def test_a_new_version_needs_acknowledging_again(code_of_conduct, alice, dora, dora_guardian, ed_guardian):
    v1 = services.current_version(code_of_conduct)
    services.policy_acknowledge(version=v1, by=dora, guardian=dora_guardian)
    services.policy_acknowledge(version=v1, by=dora, guardian=dora_guardian)  # twice: kept once
    assert PolicyAcknowledgement.objects.count() == 1
    status = selectors.acknowledgement_status(version=v1)
    assert [p["name"] for p in status["acknowledged"]] == ["Dora Lovelace"]
    assert [p["name"] for p in status["waiting"]] == ["Ed Babbage"]
    with pytest.raises(ValidationError):  # a new version must say what changed
        services.policy_publish_version(
            policy=code_of_conduct, by=alice, body_markdown="New", change_summary="", effective_from=v1.effective_from
        )
    v2 = services.policy_publish_version(
        policy=code_of_conduct,
        by=alice,
        body_markdown="New text",
        change_summary="Added phones",
        effective_from=v1.effective_from,
    )
    assert v2.number == 2
    status = selectors.acknowledgement_status(version=v2)
    assert status["acknowledged"] == [] and len(status["waiting"]) == 2
    with pytest.raises(ValidationError):  # the old version can no longer be acknowledged
        services.policy_acknowledge(version=v1, by=dora, guardian=dora_guardian)
    [current] = selectors.policies_for_staff(setting=code_of_conduct.setting)
    assert (current.number, current.acknowledged, current.expected) == (2, 0, 2)


def test_nobody_acknowledges_for_someone_else(code_of_conduct, alice, ed, dora_guardian):
    version = services.current_version(code_of_conduct)
    for by in (alice, ed):
        with pytest.raises(ValidationError):
            services.policy_acknowledge(version=version, by=by, guardian=dora_guardian)
    assert not PolicyAcknowledgement.objects.exists()


def test_reminders_go_once_to_those_who_have_not(code_of_conduct, alice, dora, dora_guardian, ed_guardian):
    version = services.current_version(code_of_conduct)
    services.policy_acknowledge(version=version, by=dora, guardian=dora_guardian)
    assert services.policy_send_reminders(version=version, by=alice) == 1
    assert services.policy_send_reminders(version=version, by=alice) == 0
    reminded = NoticeRecipient.objects.filter(notice__kind="policies.reminder")
    assert list(reminded.values_list("guardian_id", flat=True)) == [ed_guardian.pk]
    assert PolicyReminder.objects.count() == 1


def test_the_periodic_reminder_task_reminds_after_a_week(code_of_conduct, ed_guardian, dora_guardian):
    import datetime as dt

    from django.utils import timezone

    from tandem.policies.tasks import remind_unacknowledged

    assert remind_unacknowledged.call() == 0  # published today: too soon
    services.current_version(code_of_conduct).__class__.objects.update(
        published_at=timezone.now() - dt.timedelta(days=8)
    )
    assert remind_unacknowledged.call() == 2
    assert remind_unacknowledged.call() == 0


def test_a_policy_needs_an_audience_and_a_text(alice, oak_tree):
    with pytest.raises(ValidationError):
        services.policy_create(
            setting=oak_tree,
            by=alice,
            title="X",
            body_markdown="x",
            effective_from=oak_tree.today(),
            for_families=False,
        )
    with pytest.raises(ValidationError):
        services.policy_create(
            setting=oak_tree, by=alice, title="X", body_markdown=" ", effective_from=oak_tree.today()
        )
