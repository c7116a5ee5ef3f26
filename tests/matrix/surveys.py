"""Surveys pages and API (tandem.surveys, tandem.api.routers.surveys).

Staff: managing surveys needs can_manage_partnership, so alice (manager) gets in; bob
(practitioner) and adam (administrator) get 403; charlie (another setting), olive (organisation
lead), dora and ed get 404. Every member of staff answers the staff surveys. Families: the
survey is for the babies room (Ada's), so dora answers it and ed (Ben, pre-school) gets 404,
like charlie, olive and the staff. Each case runs on a fresh database."""

import datetime as dt

from tests.matrix import PEOPLE, api_entry, family_page, staff_page
from tests.matrix import api_expect as _expect

OAK = "oak-tree"
API_OAK = "/api/v1/settings/oak-tree/surveys"
MANAGERS = {"allowed": ("alice",), "forbidden": ("bob", "adam")}


def _survey(c, *, audience="rooms", publish=True):
    """A babies-room survey (or a staff survey), made once per case."""
    from tandem.core.models import Room
    from tandem.surveys import services
    from tandem.surveys.models import Survey

    template = "practitioner_confidence" if audience == "staff" else "parent_confidence"
    found = Survey.objects.filter(audience=audience, published_at__isnull=not publish).first()
    if found:
        return found
    setting = c["ada"].setting
    today = setting.today()
    survey = services.survey_create(
        setting=setting,
        by=c["alice"],
        title="Matrix survey",
        audience=audience,
        rooms=[Room.objects.get(setting=setting, name="Babies")] if audience == "rooms" else [],
        opens_on=today,
        closes_on=today + dt.timedelta(days=7),
        template_key=template,
    )
    if publish:
        services.survey_publish(survey=survey, by=c["alice"])
    return survey


def _draft(c):
    return _survey(c, publish=False)


def _question(c):
    return _draft(c).questions.first()


def _answers(c, survey=None):
    from tests.surveys.conftest import answers_for

    return answers_for(survey or _survey(c))


def _oak(**more):
    return lambda c: {"setting_slug": OAK, **{k: v(c) for k, v in more.items()}}


def _sid(c):
    return _survey(c).pk


def _op(method: str, path: str) -> str:
    return f"api:{method} /api/v1{path}"


def _new_survey(c) -> dict:
    today = c["ada"].setting.today()
    return {
        "title": "Trip",
        "audience": "families",
        "opens_on": today,
        "closes_on": today,
        "max_reminders": 1,
        "reminder_every_days": 3,
        "anonymous": "on",
    }


ENTRIES = [
    staff_page("surveys:index", **MANAGERS),
    staff_page("surveys:create", **MANAGERS),
    staff_page("surveys:create", method="POST", data=_new_survey, ok=302, **MANAGERS),
    staff_page("surveys:mine"),
    staff_page("surveys:detail", kwargs=_oak(survey_id=_sid), **MANAGERS),
    staff_page(
        "surveys:question-add",
        kwargs=_oak(survey_id=lambda c: _draft(c).pk),
        method="POST",
        data=lambda c: {"kind": "text", "text": "Anything else?"},
        ok=302,
        **MANAGERS,
    ),
    staff_page(
        "surveys:question-move",
        kwargs=_oak(survey_id=lambda c: _draft(c).pk, question_id=lambda c: _question(c).pk),
        method="POST",
        data=lambda c: {"direction": "down"},
        ok=302,
        **MANAGERS,
    ),
    staff_page(
        "surveys:question-remove",
        kwargs=_oak(survey_id=lambda c: _draft(c).pk, question_id=lambda c: _question(c).pk),
        method="POST",
        ok=302,
        **MANAGERS,
    ),
    staff_page("surveys:publish", kwargs=_oak(survey_id=lambda c: _draft(c).pk), method="POST", ok=302, **MANAGERS),
    staff_page("surveys:close", kwargs=_oak(survey_id=_sid), method="POST", ok=302, **MANAGERS),
    staff_page("surveys:repeat", kwargs=_oak(survey_id=_sid), method="POST", ok=302, **MANAGERS),
    staff_page("surveys:results", kwargs=_oak(survey_id=_sid), **MANAGERS),
    staff_page("surveys:results-csv", kwargs=_oak(survey_id=_sid), **MANAGERS),
    staff_page("surveys:results-pdf", kwargs=_oak(survey_id=_sid), **MANAGERS),
    staff_page("surveys:over-time", kwargs=_oak(survey_id=_sid), **MANAGERS),
    staff_page("surveys:respond", kwargs=_oak(survey_id=lambda c: _survey(c, audience="staff").pk)),
    staff_page(
        "surveys:respond",
        kwargs=_oak(survey_id=lambda c: _survey(c, audience="staff").pk),
        method="POST",
        data=lambda c: _answers(c, _survey(c, audience="staff")),
        ok=302,
    ),
    family_page("surveys_family:index", others=200, note="everyone signed in sees their own (empty) list"),
    family_page("surveys_family:answer", kwargs=lambda c: {"survey_id": _sid(c)}),
    family_page("surveys_family:answer", kwargs=lambda c: {"survey_id": _sid(c)}, method="POST", data=_answers, ok=302),
    # --- API ---
    api_entry(
        _op("GET", "/settings/{setting_slug}/surveys"),
        path=lambda c: API_OAK,
        expect=_expect({"alice": 200, "bob": 403, "adam": 403}),
    ),
    api_entry(
        _op("POST", "/settings/{setting_slug}/surveys"),
        path=lambda c: API_OAK,
        method="POST",
        data=lambda c: {
            "title": "API survey",
            "opens_on": c["ada"].setting.today().isoformat(),
            "closes_on": c["ada"].setting.today().isoformat(),
            "questions": [{"kind": "scale", "text": "How was it?"}],
            "publish": True,
        },
        expect=_expect({"alice": 201, "bob": 403, "adam": 403}),
    ),
    api_entry(
        _op("GET", "/settings/{setting_slug}/surveys/{survey_id}/results"),
        path=lambda c: f"{API_OAK}/{_sid(c)}/results",
        expect=_expect({"alice": 200, "bob": 403, "adam": 403}),
    ),
    api_entry(
        _op("GET", "/family/surveys"),
        path=lambda c: "/api/v1/family/surveys",
        expect={**{p: 200 for p in PEOPLE}, None: 401},
        note="everyone signed in gets their own (empty) list",
    ),
    api_entry(
        _op("GET", "/family/surveys/{survey_id}"),
        path=lambda c: f"/api/v1/family/surveys/{_sid(c)}",
        expect=_expect({"dora": 200}),
    ),
    api_entry(
        _op("POST", "/family/surveys/{survey_id}/responses"),
        path=lambda c: f"/api/v1/family/surveys/{_sid(c)}/responses",
        method="POST",
        data=lambda c: {
            "answers": [
                {
                    "question_id": str(q.pk),
                    "child_id": str(c["ada"].pk) if q.per_child else None,
                    "value": 4 if q.kind == "scale" else 0,
                }
                for q in _survey(c).questions.all()
                if q.kind != "text"
            ]
        },
        expect=_expect({"dora": 201}),
    ),
]
