"""Surveys fixtures: the parent confidence survey, published at Oak Tree, open today; a family
factory for results with many respondents; and an answers builder."""

import datetime as dt

import pytest

from tandem.core.models import StaffMember
from tandem.surveys import selectors, services
from tandem.surveys.models import QuestionKind
from tests import factories as f


@pytest.fixture
def alice_staff(alice):
    return StaffMember.objects.get(user=alice)


@pytest.fixture
def dora_guardian(dora):
    return dora.guardianships.get()


@pytest.fixture
def ed_guardian(ed):
    return ed.guardianships.get()


def make_survey(
    setting,
    by,
    *,
    anonymous=True,
    audience="families",
    rooms=(),
    template="parent_confidence",
    publish=True,
    days_open=14,
):
    today = setting.today()
    survey = services.survey_create(
        setting=setting,
        by=by,
        title="How we work together",
        audience=audience,
        rooms=rooms,
        anonymous=anonymous,
        opens_on=today,
        closes_on=today + dt.timedelta(days=days_open),
        template_key=template,
    )
    if publish:
        services.survey_publish(survey=survey, by=by)
    return survey


@pytest.fixture
def survey(oak_tree, alice, dora, ed):
    return make_survey(oak_tree, alice)


@pytest.fixture
def named_survey(oak_tree, alice, dora, ed):
    return make_survey(oak_tree, alice, anonymous=False)


def answers_for(survey, children_count=1, scale=4, text="More photos please"):
    """A full, valid set of answers to SURVEY (per-child questions for CHILDREN_COUNT children)."""
    data = {}
    for q in selectors.questions_of(survey):
        numbers = range(1, children_count + 1) if q.per_child else [None]
        for n in numbers:
            key = selectors.field_name(q, n)
            if q.kind == QuestionKind.SCALE:
                data[key] = str(scale)
            elif q.kind == QuestionKind.SINGLE:
                data[key] = "0"
            elif q.kind == QuestionKind.MULTIPLE:
                data[key] = ["0", "2"]
            else:
                data[key] = text
    return data


def make_family(setting, room, *, name, eal=False, eypp=False, sen="none", children=1):
    family = f.FamilyFactory(setting=setting, name=name)
    kids = [
        f.ChildFactory(
            room=room, family=family, first_name=f"{name}{i}", last_name=name, eal=eal, eypp=eypp, sen_status=sen
        )
        for i in range(children)
    ]
    guardian = f.GuardianFactory(family=family, first_name="Parent", last_name=name)
    for kid in kids:
        f.ChildGuardianFactory(child=kid, guardian=guardian, relationship="mother")
    return guardian, kids


# The browser helpers' fixtures (live server as base URL, console collector) for test_browser.py.
from tests.e2e.conftest import _no_csp_violations, base_url, console  # noqa: E402, F401
