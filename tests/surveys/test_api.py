"""The surveys API: the same rules as the pages; refusals as one validation_error shape."""

import pytest

from tandem.surveys.models import Response, Survey
from tests.surveys.conftest import make_survey

pytestmark = pytest.mark.django_db


def _answers(survey, ada, scale=4):
    return {
        "answers": [
            {
                "question_id": str(q.pk),
                "child_id": str(ada.pk) if q.per_child else None,
                "value": scale
                if q.kind == "scale"
                else ([0, 1] if q.kind == "multiple" else (0 if q.kind == "single" else "Lovely staff")),
            }
            for q in survey.questions.all()
        ]
    }


def test_dora_reads_and_answers_a_survey_then_is_refused_a_second_time(client, survey, dora, ada):
    client.force_login(dora)
    listed = client.get("/api/v1/family/surveys").json()
    assert [s["id"] for s in listed] == [str(survey.pk)] and listed[0]["answered"] is False
    detail = client.get(f"/api/v1/family/surveys/{survey.pk}").json()
    assert detail["children"] == [{"id": str(ada.pk), "name": "Ada"}]
    assert len(detail["questions"][0]["options"]) == 5
    r = client.post(
        f"/api/v1/family/surveys/{survey.pk}/responses", _answers(survey, ada), content_type="application/json"
    )
    assert r.status_code == 201, r.content
    r = client.post(
        f"/api/v1/family/surveys/{survey.pk}/responses", _answers(survey, ada, 1), content_type="application/json"
    )
    assert r.status_code == 422 and "already answered" in r.content.decode()
    assert Response.objects.count() == 1


def test_a_missing_answer_is_a_validation_error(client, survey, dora, ada):
    client.force_login(dora)
    r = client.post(f"/api/v1/family/surveys/{survey.pk}/responses", {"answers": []}, content_type="application/json")
    assert r.status_code == 422 and "needs an answer" in r.content.decode()
    assert not Response.objects.exists()


def test_alice_creates_a_survey_and_reads_results(client, alice, oak_tree, dora, ada):
    client.force_login(alice)
    today = oak_tree.today().isoformat()
    r = client.post(
        "/api/v1/settings/oak-tree/surveys",
        {
            "title": "Parents",
            "opens_on": today,
            "closes_on": today,
            "template_key": "parent_confidence",
            "publish": True,
        },
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    survey = Survey.objects.get()
    assert survey.questions.count() == 7 and not survey.is_draft
    results = client.get(f"/api/v1/settings/oak-tree/surveys/{survey.pk}/results").json()
    assert results["responses"] == 0 and results["rates"][0]["answered"] is None  # fewer than 5


def test_bob_may_not_read_results(client, bob, oak_tree, alice):
    survey = make_survey(oak_tree, alice)
    client.force_login(bob)
    assert client.get(f"/api/v1/settings/oak-tree/surveys/{survey.pk}/results").status_code == 403
