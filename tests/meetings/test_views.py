"""Structured conversation pages and API: what each person sees, bad input, query counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.meetings.models import Conversation, FamilyComment
from tests.meetings.conftest import record

pytestmark = pytest.mark.django_db
SECRET = "SECRET-STAFF-NOTE"


def _form(child, **overrides) -> dict:
    today = child.setting.today()
    data = {
        "meeting_on": today.isoformat(),
        "mode": "phone",
        "attendees": "Dora, Bob",
        "interpreter_used": "on",
        "interpreter_language": "Polish",
        "family_words": "Ada loves the bath. We want her to talk more.",
        "practitioner_view": "She babbles at the water tray.",
        "focus": "Talking",
        "p1_text": "Two words together",
        "p1_at_home": "Dora names toys at bath time",
        "p1_in_setting": "Bob models two words at snack",
        "p2_text": "Asking for more",
        "p2_at_home": "Wait for 'more' at meals",
        "p2_in_setting": "Same at snack",
        "review_on": (today + dt.timedelta(days=42)).isoformat(),
        "staff_notes": SECRET,
    }
    data.update(overrides)
    return data


def test_the_key_person_records_a_conversation_on_the_page(client, bob, ada, dora) -> None:
    client.force_login(bob)
    response = client.post(reverse("meetings:new", args=["oak-tree", ada.pk]), _form(ada))
    conversation = Conversation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:detail", args=["oak-tree", conversation.pk])
    assert conversation.family_words == "Ada loves the bath. We want her to talk more."
    assert conversation.priorities.count() == 2
    page = client.get(response["Location"]).content.decode()
    # The family's words come before the practitioner's view, the focus and the plan.
    assert page.index("Ada loves the bath") < page.index("She babbles") < page.index("Two words together")
    assert SECRET in page  # staff see their own notes


def test_a_review_date_before_the_meeting_is_refused_on_the_page(client, bob, ada) -> None:
    client.force_login(bob)
    today = ada.setting.today()
    response = client.post(
        reverse("meetings:new", args=["oak-tree", ada.pk]),
        _form(ada, review_on=(today - dt.timedelta(days=2)).isoformat()),
    )
    assert response.status_code == 400
    assert "The review date must be after the meeting." in response.content.decode()
    assert not Conversation.objects.exists()


def test_no_priority_is_refused_on_the_page(client, bob, ada) -> None:
    client.force_login(bob)
    data = _form(ada)
    for key in [k for k in data if k.startswith(("p1_", "p2_"))]:
        data[key] = ""
    response = client.post(reverse("meetings:new", args=["oak-tree", ada.pk]), data)
    assert response.status_code == 400
    assert "no more than three" in response.content.decode()
    assert not Conversation.objects.exists()


def test_the_family_reads_the_plan_and_comments_but_never_the_staff_notes(client, plan, dora, bob_staff) -> None:
    client.force_login(dora)
    for url in (
        reverse("meetings_family:child", args=[plan.child_id]),
        reverse("meetings_family:detail", args=[plan.pk]),
        reverse("family:child-detail", args=[plan.child_id]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET not in response.content.decode()
    page = client.get(reverse("meetings_family:detail", args=[plan.pk])).content.decode()
    assert "Mum names things at bath time (1)" in page
    response = client.post(reverse("meetings_family:detail", args=[plan.pk]), {"text": "We tried it, she loved it"})
    assert response.status_code == 302
    assert FamilyComment.objects.get().text == "We tried it, she loved it"
    response = client.post(reverse("meetings_family:detail", args=[plan.pk]), {"text": ""})
    assert response.status_code == 400
    assert FamilyComment.objects.count() == 1


def test_the_family_api_never_carries_the_staff_notes(client, plan, dora, bob) -> None:
    client.force_login(dora)
    for url in (
        f"/api/v1/family/meetings/children/{plan.child_id}/conversations",
        f"/api/v1/family/meetings/conversations/{plan.pk}",
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert SECRET not in response.content.decode()
        assert "staff_notes" not in response.content.decode()
    client.force_login(bob)
    response = client.get(f"/api/v1/settings/oak-tree/meetings/conversations/{plan.pk}")
    assert response.json()["staff_notes"].startswith(SECRET)


def test_another_family_sees_nothing(client, plan, ed, ben) -> None:
    client.force_login(ed)
    assert client.get(reverse("meetings_family:detail", args=[plan.pk])).status_code == 404
    assert client.get(reverse("meetings_family:child", args=[plan.child_id])).status_code == 404
    assert client.get(f"/api/v1/family/meetings/conversations/{plan.pk}").status_code == 404
    assert client.post(reverse("meetings_family:detail", args=[plan.pk]), {"text": "x"}).status_code == 404
    own = client.get(reverse("meetings_family:child", args=[ben.pk]))
    assert own.status_code == 200 and "Mum names things" not in own.content.decode()
    assert not FamilyComment.objects.exists()


def test_a_planned_meeting_is_not_a_plan_for_the_family(client, ada, bob, dora) -> None:
    from tandem.meetings import services

    planned = services.conversation_plan(child=ada, by=bob, meeting_on=ada.setting.today())
    client.force_login(dora)
    assert client.get(reverse("meetings_family:detail", args=[planned.pk])).status_code == 404
    assert "Next meeting" in client.get(reverse("meetings_family:child", args=[ada.pk])).content.decode()


def test_the_api_refuses_four_priorities_and_a_review_before_the_meeting(client, bob, ada) -> None:
    client.force_login(bob)
    today = ada.setting.today()
    body = {
        "meeting_on": today.isoformat(),
        "family_words": "x",
        "focus": "y",
        "priorities": [{"text": f"p{i}", "at_home": "a", "in_setting": "b"} for i in range(4)],
        "review_on": (today + dt.timedelta(days=10)).isoformat(),
    }
    url = f"/api/v1/settings/oak-tree/meetings/children/{ada.pk}/conversations"
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 422
    body["priorities"] = body["priorities"][:2]
    body["review_on"] = today.isoformat()
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 422
    assert "after the meeting" in response.content.decode()
    assert not Conversation.objects.exists()


def test_the_staff_profile_shows_the_section_to_those_who_follow_the_child(client, plan, bob, adam) -> None:
    client.force_login(bob)
    assert (
        "All structured conversations"
        in client.get(reverse("staff:child-detail", args=["oak-tree", plan.child_id])).content.decode()
    )
    client.force_login(adam)
    assert (
        "All structured conversations"
        not in client.get(reverse("staff:child-detail", args=["oak-tree", plan.child_id])).content.decode()
    )


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("who", ["bob", "dora"])
def test_the_lists_do_not_grow_queries_with_rows(client, ada, bob, dora, who) -> None:
    from tandem.meetings.services import family_comment_add

    users = {"bob": bob, "dora": dora}
    url = (
        reverse("meetings:child", args=["oak-tree", ada.pk])
        if who == "bob"
        else reverse("meetings_family:child", args=[ada.pk])
    )
    guardian = dora.guardianships.get()

    def add(n):
        for _ in range(n):
            c = record(ada, bob)
            family_comment_add(conversation=c, guardian=guardian, by=dora, text="ok")

    client.force_login(users[who])
    add(3)
    small = _count(client, url)
    add(27)
    assert _count(client, url) == small


def test_the_upcoming_list_shows_meetings_and_reviews_soonest_first(client, plan, ada, ben, bob, alice) -> None:
    from tandem.meetings import services

    soon = services.conversation_plan(child=ada, by=bob, meeting_on=ada.setting.today() + dt.timedelta(days=2))
    other = services.conversation_plan(child=ben, by=alice, meeting_on=ben.setting.today() + dt.timedelta(days=1))
    client.force_login(bob)
    rows = client.get(reverse("meetings:index", args=["oak-tree"])).context["conversations"]
    assert [c.pk for c in rows] == [soon.pk, plan.pk]  # Ben is not bob's key child
    client.force_login(alice)
    rows = client.get(reverse("meetings:index", args=["oak-tree"])).context["conversations"]
    assert [c.pk for c in rows] == [other.pk, soon.pk, plan.pk]


def test_the_family_index_lists_only_their_own_childrens_plans(client, plan, dora, ed) -> None:
    client.force_login(dora)
    assert "Mum names things at bath time (1)" in client.get(reverse("meetings_family:index")).content.decode()
    client.force_login(ed)
    page = client.get(reverse("meetings_family:index")).content.decode()
    assert "Mum names things" not in page and SECRET not in page


def test_the_upcoming_and_family_lists_do_not_grow_queries_with_rows(client, ada, bob, dora) -> None:
    def add(n):
        for _ in range(n):
            record(ada, bob)

    add(3)
    client.force_login(bob)
    small_staff = _count(client, reverse("meetings:index", args=["oak-tree"]))
    client.force_login(dora)
    small_family = _count(client, reverse("meetings_family:index"))
    add(27)
    assert _count(client, reverse("meetings_family:index")) == small_family
    client.force_login(bob)
    assert _count(client, reverse("meetings:index", args=["oak-tree"])) == small_staff


def test_a_conversation_started_from_a_worry_is_linked_to_it(client, bob, bob_staff, ada) -> None:
    from tests.worries.conftest import open_worry

    worry = open_worry(ada, bob, bob_staff)
    client.force_login(bob)
    response = client.post(reverse("meetings:new", args=["oak-tree", ada.pk]) + f"?worry={worry.pk}", _form(ada))
    assert response.status_code == 302
    assert Conversation.objects.get().worry == worry
    worry.refresh_from_db()
    assert worry.shared_with_family_at is not None


def test_the_plan_is_translated_for_the_family_and_their_comment_for_staff(client, plan, dora, dora_guardian, bob):
    from tandem.meetings.services import family_comment_add
    from tandem.translations.models import TextTranslation

    asked = TextTranslation.objects.filter(source_id__in=[str(plan.pk)] + [str(p.pk) for p in plan.priorities.all()])
    assert asked.filter(language="pl").count() == 1 + 2 * 3  # the focus, and each priority's three parts
    assert not TextTranslation.objects.filter(field="family_words").exists()  # their words stay theirs
    first = plan.priorities.first()
    TextTranslation.objects.filter(source_id=str(first.pk), field="at_home").update(
        status="human", text="Mama nazywa rzeczy podczas kąpieli"
    )
    dora.language = "pl"
    dora.save()
    client.force_login(dora)
    page = client.get(reverse("meetings_family:detail", args=[plan.pk])).content.decode()
    assert "Mama nazywa rzeczy podczas kąpieli" in page
    comment = family_comment_add(conversation=plan, guardian=dora_guardian, by=dora, text="Dziękuję, spróbujemy")
    assert TextTranslation.objects.get(source_id=str(comment.pk)).language == "en"


def test_the_hub_links_show_to_whom_they_should(client, bob, alice, dora) -> None:
    client.force_login(bob)
    page = client.get(reverse("staff:working-with-families", args=["oak-tree"])).content.decode()
    assert reverse("meetings:index", args=["oak-tree"]) in page
    assert reverse("worries:index", args=["oak-tree"]) in page
    assert reverse("worries:overview", args=["oak-tree"]) not in page
    client.force_login(alice)
    page = client.get(reverse("staff:working-with-families", args=["oak-tree"])).content.decode()
    assert reverse("worries:overview", args=["oak-tree"]) in page
    client.force_login(dora)
    assert reverse("meetings_family:index") in client.get(reverse("family:home")).content.decode()


def test_a_reviewed_plan_carries_its_priorities_into_a_new_one_on_the_page(client, plan, ada, bob) -> None:
    from tandem.meetings import services

    first, second = plan.priorities.all()
    services.conversation_review(
        conversation=plan,
        by=bob,
        reviewed_on=ada.setting.today(),
        summary="Half way",
        progress={str(first.pk): {"progress": "achieved"}, str(second.pk): {"progress": "some"}},
    )
    client.force_login(bob)
    detail = client.get(reverse("meetings:detail", args=["oak-tree", plan.pk])).content.decode()
    assert "Carry the priorities into a new plan" in detail and "Achieved" in detail
    url = reverse("meetings:new", args=["oak-tree", ada.pk]) + f"?follows={plan.pk}"
    form = client.get(url).context["form"]
    assert form.initial["p2_text"] == second.text and form.initial["p2_carried_from"] == str(second.pk)
    data = _form(ada, p1_text=second.text, p1_carried_from=str(second.pk), p2_text="", p2_at_home="", p2_in_setting="")
    assert client.post(url, data).status_code == 302
    new = Conversation.objects.exclude(pk=plan.pk).get()
    assert new.follows == plan and new.priorities.get().carried_from == second
