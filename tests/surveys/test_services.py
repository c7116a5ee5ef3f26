"""Surveys' rules: one answer per family, nothing after closing, anonymity kept everywhere
(answers, audit log), per-child questions, reminders only to those who have not answered and
once per round, repeating a survey as a new round."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tandem.core.models import AuditEntry
from tandem.notify.models import Notice, NoticeRecipient
from tandem.surveys import selectors, services
from tandem.surveys.models import Answer, Participation, Question, ReminderRound, Response, Survey
from tests.surveys.conftest import answers_for, make_family, make_survey

pytestmark = pytest.mark.django_db


def test_the_template_makes_a_draft_with_its_questions(oak_tree, alice):
    survey = make_survey(oak_tree, alice, publish=False)
    assert survey.is_draft
    questions = selectors.questions_of(survey)
    assert [q.kind for q in questions][:3] == ["scale", "single", "scale"]
    assert questions[1].per_child  # "Do you know who your child's key person is?"
    assert len(questions[0].labels()) == 5


def test_a_family_answers_once_and_a_second_answer_is_refused_changing_nothing(survey, dora, dora_guardian):
    services.response_submit(survey=survey, by=dora, guardian=dora_guardian, answers=answers_for(survey))
    before = (Response.objects.count(), Answer.objects.count(), Participation.objects.count())
    with pytest.raises(ValidationError) as exc:
        services.response_submit(survey=survey, by=dora, guardian=dora_guardian, answers=answers_for(survey, scale=1))
    assert "already answered" in " ".join(exc.value.messages)
    assert (Response.objects.count(), Answer.objects.count(), Participation.objects.count()) == before
    assert not Answer.objects.filter(scale=1).exists()


def test_a_second_guardian_of_the_same_family_is_refused_too(survey, dora, dora_guardian, ada):
    from tests import factories as f

    dad = f.GuardianFactory(family=ada.family, first_name="Dan")
    f.ChildGuardianFactory(child=ada, guardian=dad, relationship="father")
    services.response_submit(survey=survey, by=dora, guardian=dora_guardian, answers=answers_for(survey))
    with pytest.raises(ValidationError, match="already answered"):
        services.response_submit(survey=survey, by=None, guardian=dad, answers=answers_for(survey))
    assert Response.objects.count() == 1


def test_an_answer_after_closing_is_refused_with_the_date(survey, dora, dora_guardian):
    survey.closes_on = survey.setting.today() - dt.timedelta(days=1)
    survey.opens_on = survey.closes_on - dt.timedelta(days=7)
    survey.save()
    with pytest.raises(ValidationError) as exc:
        services.response_submit(survey=survey, by=dora, guardian=dora_guardian, answers=answers_for(survey))
    assert "closed on" in " ".join(exc.value.messages)
    assert not Response.objects.exists() and not Participation.objects.exists()


def test_a_draft_takes_no_answers(oak_tree, alice, dora, dora_guardian):
    draft = make_survey(oak_tree, alice, publish=False)
    with pytest.raises(ValidationError, match="not open yet"):
        services.response_submit(survey=draft, by=dora, guardian=dora_guardian, answers=answers_for(draft))


def test_required_questions_need_an_answer_and_nothing_is_saved(survey, dora, dora_guardian):
    data = answers_for(survey)
    first = selectors.questions_of(survey)[0]
    del data[selectors.field_name(first, None)]
    with pytest.raises(ValidationError) as exc:
        services.response_submit(survey=survey, by=dora, guardian=dora_guardian, answers=data)
    assert selectors.field_name(first, None) in exc.value.message_dict
    assert not Participation.objects.exists()


def test_a_choice_outside_the_list_is_refused(survey, dora, dora_guardian):
    data = answers_for(survey)
    data[selectors.field_name(selectors.questions_of(survey)[0], None)] = "9"
    with pytest.raises(ValidationError, match="Choose from the list"):
        services.response_submit(survey=survey, by=dora, guardian=dora_guardian, answers=data)


def test_anonymous_responses_are_not_linked_to_the_guardian_anywhere(survey, dora, dora_guardian, ada):
    services.response_submit(survey=survey, by=dora, guardian=dora_guardian, answers=answers_for(survey), language="pl")
    response = Response.objects.get()
    assert response.guardian_id is None and response.family_id is None and response.staff_id is None
    assert response.segments == [] and response.language == ""
    assert not Answer.objects.filter(child__isnull=False).exists()
    # The audit log says that someone answered, not who, and never names the response.
    entries = AuditEntry.objects.filter(action__startswith="surveys.response")
    assert [(e.actor_id, e.object_id, e.child_id) for e in entries] == [(None, str(survey.pk), None)]
    assert not AuditEntry.objects.filter(object_id=str(response.pk)).exists()
    assert not AuditEntry.objects.filter(actor=dora, action__startswith="surveys").exists()
    # The "has responded" record holds a keyed hash only: no id of the family or the response.
    participation = Participation.objects.get()
    assert str(dora_guardian.family_id) not in participation.respondent_hash
    assert participation.respondent_hash == survey.respondent_hash(family_id=dora_guardian.family_id)
    assert {f.name for f in Participation._meta.concrete_fields} == {"id", "setting", "survey", "respondent_hash"}
    # No timestamp to line the two up: the response keeps only the day.
    assert {f.name for f in Response._meta.concrete_fields} >= {"submitted_on"}
    assert "created_at" not in {f.name for f in Response._meta.concrete_fields}


def test_named_responses_name_the_guardian_and_child(named_survey, dora, dora_guardian, ada):
    services.response_submit(survey=named_survey, by=dora, guardian=dora_guardian, answers=answers_for(named_survey))
    response = Response.objects.get()
    assert response.guardian == dora_guardian and response.family_id == ada.family_id
    assert Answer.objects.filter(child=ada).exists()
    assert AuditEntry.objects.filter(
        action="surveys.response.submitted", actor=dora, object_id=str(response.pk)
    ).exists()


def test_per_child_questions_are_asked_for_each_child(oak_tree, alice, babies, preschool):
    guardian, kids = make_family(oak_tree, babies, name="Twin", children=2)
    survey = make_survey(oak_tree, alice, anonymous=False)
    children = selectors.children_asked_about(survey, family_id=guardian.family_id)
    assert len(children) == 2
    services.response_submit(survey=survey, by=None, guardian=guardian, answers=answers_for(survey, children_count=2))
    per_child = [q for q in selectors.questions_of(survey) if q.per_child]
    assert per_child
    rows = Answer.objects.filter(question=per_child[0]).order_by("child_number")
    assert [(a.child_number, a.child_id) for a in rows] == [(1, children[0].pk), (2, children[1].pk)]
    # Missing the second child's answer is refused.
    other, _kids = make_family(oak_tree, babies, name="Pair", children=2)
    data = answers_for(survey, children_count=2)
    del data[selectors.field_name(per_child[0], 2)]
    with pytest.raises(ValidationError):
        services.response_submit(survey=survey, by=None, guardian=other, answers=data)


def test_per_child_answers_of_an_anonymous_survey_say_child_1_and_2_only(oak_tree, alice, babies):
    guardian, _kids = make_family(oak_tree, babies, name="Twin", children=2)
    survey = make_survey(oak_tree, alice)
    services.response_submit(survey=survey, by=None, guardian=guardian, answers=answers_for(survey, children_count=2))
    assert set(Answer.objects.filter(child_number__isnull=False).values_list("child_number", flat=True)) == {1, 2}
    assert not Answer.objects.filter(child__isnull=False).exists()


def test_a_room_survey_asks_only_families_of_that_room(oak_tree, alice, babies, dora, ed, dora_guardian, ed_guardian):
    survey = make_survey(oak_tree, alice, audience="rooms", rooms=[babies])
    assert selectors.audience_guardians(survey) == [dora_guardian]
    with pytest.raises(ValidationError):
        services.response_submit(survey=survey, by=ed, guardian=ed_guardian, answers=answers_for(survey))
    assert [s.pk for s in selectors.family_surveys(user=ed)] == []


def test_publishing_tells_everyone_asked(survey, dora_guardian, ed_guardian):
    notice = Notice.objects.get(kind="surveys.published")
    assert set(NoticeRecipient.objects.filter(notice=notice).values_list("guardian_id", flat=True)) == {
        dora_guardian.pk,
        ed_guardian.pk,
    }


def test_publishing_asks_for_translations_in_the_families_languages(survey):
    from tandem.translations.models import TextTranslation

    assert TextTranslation.objects.filter(language="pl", field="text").count() == survey.questions.count()


def test_a_translated_question_is_shown_in_the_readers_language(survey):
    from tandem.translations.models import TextTranslation

    question = selectors.questions_of(survey)[0]
    TextTranslation.objects.filter(source_id=str(question.pk), field="text", language="pl").update(
        text="Czuję się mile widziana.", status="human"
    )
    shown = selectors.translated_questions(selectors.questions_of(survey), "pl", "en")
    assert shown[0].shown_text == "Czuję się mile widziana." and shown[0].translated
    assert shown[1].shown_text == shown[1].text


def test_reminders_go_only_to_families_who_have_not_answered_once_per_round(survey, dora, dora_guardian, ed_guardian):
    services.response_submit(survey=survey, by=dora, guardian=dora_guardian, answers=answers_for(survey))
    today = survey.opens_on
    assert services.survey_send_reminders(survey=survey, today=today) == 0  # none due on the first day
    week = today + dt.timedelta(days=7)
    assert services.survey_send_reminders(survey=survey, today=week) == 1
    assert services.survey_send_reminders(survey=survey, today=week) == 0  # idempotent
    assert services.survey_send_reminders(survey=survey, today=week + dt.timedelta(days=3)) == 0
    notices = Notice.objects.filter(kind="surveys.reminder")
    assert notices.count() == 1
    assert list(NoticeRecipient.objects.filter(notice__in=notices).values_list("guardian_id", flat=True)) == [
        ed_guardian.pk
    ]
    # The second round a week later, then no more (max_reminders = 2).
    assert services.survey_send_reminders(survey=survey, today=week + dt.timedelta(days=7)) == 1
    assert services.survey_send_reminders(survey=survey, today=week + dt.timedelta(days=8)) == 0
    assert list(ReminderRound.objects.order_by("number").values_list("number", "recipients")) == [(1, 1), (2, 1)]


def test_the_periodic_task_sends_due_reminders(survey, ed_guardian):
    from tandem.surveys.tasks import send_survey_reminders

    Survey.objects.filter(pk=survey.pk).update(opens_on=survey.opens_on - dt.timedelta(days=7))
    send_survey_reminders.call()
    send_survey_reminders.call()
    assert NoticeRecipient.objects.filter(notice__kind="surveys.reminder").count() == 2  # dora and ed, once


def test_repeat_makes_a_new_round_with_the_same_questions(survey, alice):
    copy = services.survey_repeat(survey=survey, by=alice)
    assert copy.series == survey.series and copy.round == 2 and copy.is_draft
    assert [q.text for q in selectors.questions_of(copy)] == [q.text for q in selectors.questions_of(survey)]
    assert services.survey_repeat(survey=survey, by=alice).round == 3


def test_published_questions_cannot_change(survey, alice):
    with pytest.raises(ValidationError, match="published"):
        services.question_add(survey=survey, by=alice, kind="text", text="Another?")
    with pytest.raises(ValidationError):
        services.question_remove(question=survey.questions.first(), by=alice)


def test_questions_are_added_and_reordered(oak_tree, alice):
    survey = make_survey(oak_tree, alice, template="", publish=False)
    a = services.question_add(survey=survey, by=alice, kind="text", text="A?")
    b = services.question_add(survey=survey, by=alice, kind="single", text="B?", choices=["Yes", "No"])
    with pytest.raises(ValidationError, match="two choices"):
        services.question_add(survey=survey, by=alice, kind="single", text="C?", choices=["Only"])
    services.question_move(question=b, by=alice, up=True)
    assert [q.pk for q in selectors.questions_of(survey)] == [b.pk, a.pk]
    assert Question.objects.count() == 2


def test_a_staff_survey_is_answered_by_staff(oak_tree, alice, bob, bob_staff):
    survey = make_survey(oak_tree, alice, audience="staff", template="practitioner_confidence")
    assert NoticeRecipient.objects.filter(notice__kind="surveys.published", staff=bob_staff).exists()
    services.response_submit(survey=survey, by=bob, staff=bob_staff, answers=answers_for(survey))
    with pytest.raises(ValidationError, match="already answered"):
        services.response_submit(survey=survey, by=bob, staff=bob_staff, answers=answers_for(survey))


def _many(oak_tree, babies, preschool, survey_maker, *, eal_respondents, others):
    """EAL_RESPONDENTS EAL families in the babies room and OTHERS non-EAL families in pre-school,
    all answering."""
    guardians = [make_family(oak_tree, babies, name=f"Eal{i}", eal=True)[0] for i in range(eal_respondents)]
    guardians += [make_family(oak_tree, preschool, name=f"Pre{i}")[0] for i in range(others)]
    survey = survey_maker()
    for g in guardians:
        services.response_submit(survey=survey, by=None, guardian=g, answers=answers_for(survey))
    return survey


def test_response_rates_hide_groups_of_fewer_than_5(oak_tree, alice, babies, preschool):
    survey = _many(oak_tree, babies, preschool, lambda: make_survey(oak_tree, alice), eal_respondents=3, others=6)
    make_family(oak_tree, babies, name="Silent", eal=True)  # asked, not answered
    rates = {row.label: row for row in selectors.response_rates(survey)}
    assert rates["All families asked"].responded == 9 and rates["All families asked"].invited == 10
    eal = rates["English as an additional language (EAL)"]
    assert eal.invited == 4 and eal.responded is None and eal.percent is None
    assert rates["Babies"].responded is None
    assert rates["Pre-school"].responded == 6 and rates["Pre-school"].percent == 100


def test_results_count_and_percent(oak_tree, alice, babies, preschool):
    survey = _many(oak_tree, babies, preschool, lambda: make_survey(oak_tree, alice), eal_respondents=0, others=4)
    results = selectors.question_results(survey)
    scale = results[0]
    assert scale.answered == 4 and scale.options[3][1:] == (4, 100) and scale.average == 4.0
    text = [r for r in results if r.question.kind == "text"][0]
    assert [t["text"] for t in text.texts] == ["More photos please"] * 4 and not any(t["who"] for t in text.texts)


def test_results_over_time_compare_rounds(oak_tree, alice, babies, preschool):
    first = _many(oak_tree, babies, preschool, lambda: make_survey(oak_tree, alice), eal_respondents=0, others=5)
    second = services.survey_repeat(survey=first, by=alice)
    services.survey_publish(survey=second, by=alice)
    from tandem.core.models import Guardian

    for g in Guardian.objects.filter(setting=oak_tree)[:2]:
        services.response_submit(survey=second, by=None, guardian=g, answers=answers_for(second, scale=2))
    rounds, series = selectors.results_over_time(second)
    assert [r.round for r in rounds] == [1, 2]
    assert series[0][1] == [100, 0]


def test_the_results_take_a_fixed_number_of_queries(oak_tree, alice, babies, preschool):
    survey = _many(oak_tree, babies, preschool, lambda: make_survey(oak_tree, alice), eal_respondents=2, others=3)
    with CaptureQueriesContext(connection) as small:
        selectors.question_results(survey)
        selectors.response_rates(survey)
    for i in range(10):
        g, _k = make_family(oak_tree, preschool, name=f"More{i}")
        services.response_submit(survey=survey, by=None, guardian=g, answers=answers_for(survey))
    with CaptureQueriesContext(connection) as large:
        selectors.question_results(survey)
        selectors.response_rates(survey)
    assert len(large) == len(small)


def test_closing_now_stops_answers_even_on_the_day_it_opened(survey, alice, dora, dora_guardian):
    services.survey_close_now(survey=survey, by=alice)
    survey.refresh_from_db()
    assert survey.status(survey.setting.today()) == "closed"
    with pytest.raises(ValidationError, match="closed on"):
        services.response_submit(survey=survey, by=dora, guardian=dora_guardian, answers=answers_for(survey))
