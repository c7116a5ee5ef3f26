"""Consultations: a draft published for comment, comments per paragraph or whole in the
commenter's language (translation asked for), replies to the commenter or to everyone, a new
version with what changed, every version kept, and the yearly review reminder sent once."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tandem.consultations import selectors, services
from tandem.consultations.models import Comment, Consultation, Reply, ReviewReminder, Version
from tandem.notify.models import NoticeRecipient
from tandem.translations.models import TextTranslation
from tests.consultations.conftest import make_consultation

pytestmark = pytest.mark.django_db


def test_publishing_tells_families_and_staff(vision, dora_guardian):
    recipients = NoticeRecipient.objects.filter(notice__kind="consultations.published")
    assert recipients.filter(guardian=dora_guardian).exists()
    assert recipients.filter(staff__user__username="bob").exists()
    assert vision.review_due_on == vision.setting.today() + dt.timedelta(days=365)


def test_a_draft_is_not_shown_to_families(oak_tree, alice, dora, client):
    draft = make_consultation(oak_tree, alice, publish=False)
    client.force_login(dora)
    assert client.get(reverse("consultations_family:detail", args=[draft.pk])).status_code == 404


def test_dora_comments_on_a_paragraph_in_polish_and_a_translation_is_asked_for(client, vision, dora):
    client.force_login(dora)
    page = client.get(reverse("consultations_family:detail", args=[vision.pk])).content.decode()
    assert "Paragraph 2: We work with families as partners" in page
    dora.language = "pl"
    dora.save()
    r = client.post(
        reverse("consultations_family:detail", args=[vision.pk]), {"paragraph": "2", "body": "Bardzo dobrze."}
    )
    assert r.status_code == 302
    comment = Comment.objects.get()
    assert comment.paragraph == 2 and comment.language == "pl" and comment.guardian.user == dora
    assert TextTranslation.objects.filter(source_id=str(comment.pk), language="en", field="body").exists()


def test_an_empty_comment_or_a_wrong_paragraph_is_refused(client, vision, dora):
    client.force_login(dora)
    r = client.post(reverse("consultations_family:detail", args=[vision.pk]), {"paragraph": "9", "body": "Hi"})
    assert r.status_code == 400
    r = client.post(reverse("consultations_family:detail", args=[vision.pk]), {"paragraph": "", "body": " "})
    assert r.status_code == 400 and not Comment.objects.exists()


def test_comments_after_closing_are_refused(vision, dora, dora_guardian):
    Consultation.objects.filter(pk=vision.pk).update(comments_close_on=vision.setting.today() - dt.timedelta(days=1))
    vision.refresh_from_db()
    with pytest.raises(ValidationError, match="closed"):
        services.comment_add(version=selectors.latest_version(vision), by=dora, guardian=dora_guardian, body="Late")


def test_a_reply_to_the_commenter_only_is_not_seen_by_another_family(client, vision, alice, dora, dora_guardian, ed):
    version = selectors.latest_version(vision)
    comment = services.comment_add(version=version, by=dora, guardian=dora_guardian, body="More outdoor time please")
    client.force_login(alice)
    r = client.post(
        reverse("consultations:reply", args=["oak-tree", vision.pk, comment.pk]),
        {"body": "We will add a garden hour.", "visibility": "commenter"},
    )
    assert r.status_code == 302 and Reply.objects.count() == 1
    assert NoticeRecipient.objects.filter(notice__kind="consultations.replied", guardian=dora_guardian).exists()
    client.force_login(dora)
    assert (
        "We will add a garden hour."
        in client.get(reverse("consultations_family:detail", args=[vision.pk])).content.decode()
    )
    client.force_login(ed)
    page = client.get(reverse("consultations_family:detail", args=[vision.pk])).content.decode()
    assert "garden hour" not in page and "More outdoor time" not in page


def test_a_reply_to_everyone_is_seen_without_the_commenters_name(client, vision, alice, dora, dora_guardian, ed):
    comment = services.comment_add(
        version=selectors.latest_version(vision), by=dora, guardian=dora_guardian, body="What about fees?"
    )
    services.reply_add(comment=comment, by=alice, body="Fees are on the website.", visibility="everyone")
    client.force_login(ed)
    page = client.get(reverse("consultations_family:detail", args=[vision.pk])).content.decode()
    assert "Fees are on the website." in page and "What about fees?" in page and "Dora" not in page


def test_a_new_version_keeps_the_old_one_and_says_what_changed(client, vision, alice, dora, dora_guardian):
    first = selectors.latest_version(vision)
    services.comment_add(version=first, by=dora, guardian=dora_guardian, body="Mention home languages", paragraph=1)
    client.force_login(alice)
    r = client.post(
        reverse("consultations:version-new", args=["oak-tree", vision.pk]),
        {
            "body": first.body + "\n\nWe value every home language.",
            "summary_of_changes": "You said: languages. We added a line.",
        },
    )
    assert r.status_code == 302
    assert list(Version.objects.filter(consultation=vision).order_by("number").values_list("number", flat=True)) == [
        1,
        2,
    ]
    old = Version.objects.get(consultation=vision, number=1)
    assert old.body == first.body and old.comments.count() == 1  # kept as it was, with its comments
    client.force_login(dora)
    page = client.get(reverse("consultations_family:detail", args=[vision.pk])).content.decode()
    assert "We value every home language." in page and "You said: languages. We added a line." in page
    assert "Read this version" in page
    # Comments go on the latest version only.
    with pytest.raises(ValidationError, match="latest"):
        services.comment_add(version=old, by=dora, guardian=dora_guardian, body="Old")


def test_a_new_version_needs_a_summary_of_changes(client, vision, alice):
    client.force_login(alice)
    r = client.post(
        reverse("consultations:version-new", args=["oak-tree", vision.pk]),
        {"body": "New text", "summary_of_changes": ""},
    )
    assert r.status_code == 400 and Version.objects.filter(consultation=vision).count() == 1


def test_staff_comment_and_see_only_their_own_comments(client, vision, bob, dora, dora_guardian):
    services.comment_add(
        version=selectors.latest_version(vision), by=dora, guardian=dora_guardian, body="Dora's private thought"
    )
    client.force_login(bob)
    r = client.post(
        reverse("consultations:detail", args=["oak-tree", vision.pk]),
        {"paragraph": "", "body": "Can we add forest school?"},
    )
    assert r.status_code == 302
    page = client.get(reverse("consultations:detail", args=["oak-tree", vision.pk])).content.decode()
    assert "Can we add forest school?" in page and "Dora's private thought" not in page


def test_managers_see_every_comment_with_its_translation(client, vision, alice, dora, dora_guardian):
    comment = services.comment_add(
        version=selectors.latest_version(vision), by=dora, guardian=dora_guardian, body="Bardzo dobrze", language="pl"
    )
    TextTranslation.objects.filter(source_id=str(comment.pk), language="en").update(text="Very good", status="machine")
    client.force_login(alice)
    page = client.get(reverse("consultations:detail", args=["oak-tree", vision.pk])).content.decode()
    assert "Bardzo dobrze" in page and "Translation: Very good" in page and "Dora Lovelace" in page


def test_the_improvement_plan_uses_the_same_tool(oak_tree, alice, dora):
    plan = make_consultation(oak_tree, alice, kind="improvement", audience="staff")
    assert plan.get_kind_display() == "Setting improvement plan"
    assert selectors.family_consultations(user=dora) == []


def test_the_yearly_review_reminder_goes_once(vision, alice):
    from tandem.consultations.tasks import remind_consultation_reviews

    assert services.review_remind(consultation=vision) is False  # not due yet
    Consultation.objects.filter(pk=vision.pk).update(review_due_on=vision.setting.today() - dt.timedelta(days=1))
    remind_consultation_reviews.call()
    remind_consultation_reviews.call()
    assert ReviewReminder.objects.count() == 1
    recipients = NoticeRecipient.objects.filter(notice__kind="consultations.review_due")
    assert [r.staff.user.username for r in recipients] == ["alice"]


@pytest.mark.parametrize("rows", [3, 30])
def test_the_staff_list_query_count_does_not_grow(client, oak_tree, alice, django_assert_max_num_queries, rows):
    for _ in range(rows):
        make_consultation(oak_tree, alice, publish=False)
    client.force_login(alice)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("consultations:index", args=["oak-tree"])).status_code == 200


@pytest.mark.parametrize("rows", [3, 30])
def test_the_manager_detail_query_count_does_not_grow_with_comments(
    client, vision, alice, oak_tree, django_assert_max_num_queries, rows
):
    from tests import factories as f

    version = selectors.latest_version(vision)
    for i in range(rows):
        family = f.FamilyFactory(setting=oak_tree)
        g = f.GuardianFactory(family=family)
        c = services.comment_add(version=version, by=alice, guardian=g, body=f"Comment {i}")
        services.reply_add(comment=c, by=alice, body="Thanks")
    client.force_login(alice)
    with django_assert_max_num_queries(24):
        assert client.get(reverse("consultations:detail", args=["oak-tree", vision.pk])).status_code == 200
