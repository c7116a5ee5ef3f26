"""Survey pages. Staff (/s/<setting_slug>/surveys/, can_manage_partnership): the list, building a
survey (add, reorder, remove questions), publishing, repeating it as a new round, the results
with charts, CSV and PDF, and the results over time. Every member of staff: the staff surveys
to answer. Families (/family/surveys/): the surveys asked of them, and answering one."""

import csv
import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tandem.access import rules
from tandem.accounts.decorators import staff_required
from tandem.core.forms import add_service_errors
from tandem.reports import charts
from tandem.surveys import forms, selectors, services
from tandem.surveys.models import SMALL_GROUP, Question, QuestionKind

GET_POST = require_http_methods(["GET", "POST"])
MANAGE = "can_manage_partnership"


def _survey(request, survey_id):
    return selectors.survey_for_staff(user=request.user, setting=request.membership.setting, survey_id=survey_id)


def _back_to(survey):
    return redirect("surveys:detail", setting_slug=survey.setting.slug, survey_id=survey.pk)


def _error(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


# --- staff: managing ------------------------------------------------------------------------------


@staff_required(flag=MANAGE)
@require_GET
def index(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    surveys = list(selectors.surveys_for_staff(user=request.user, setting=setting))
    today = setting.today()
    for survey in surveys:
        survey.status_text = survey.status_label(today)
    return render(request, "surveys/index.html", {"setting": setting, "surveys": surveys, "today": today})


@staff_required(flag=MANAGE)
@GET_POST
def create(request: HttpRequest, setting_slug: str) -> HttpResponse:
    setting = request.membership.setting
    today = setting.today()
    rooms = rules.rooms_visible_to(request.user, setting=setting).filter(is_active=True)
    form = forms.SurveyForm(
        request.POST or None,
        rooms=rooms,
        initial={"opens_on": today, "closes_on": today + dt.timedelta(days=14)},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            template = data["template_key"]
            from tandem.surveys.templates import TEMPLATES

            title = data["title"] or (str(TEMPLATES[template]["title"]) if template else "")
            intro = data["intro"] or (str(TEMPLATES[template]["intro"]) if template else "")
            audience = TEMPLATES[template]["audience"] if template == "practitioner_confidence" else data["audience"]
            try:
                survey = services.survey_create(
                    setting=setting,
                    by=request.user,
                    title=title,
                    intro=intro,
                    audience=audience,
                    rooms=data["rooms"],
                    anonymous=data["anonymous"],
                    opens_on=data["opens_on"],
                    closes_on=data["closes_on"],
                    max_reminders=data["max_reminders"],
                    reminder_every_days=data["reminder_every_days"],
                    template_key=template,
                    language=translation.get_language() or "en",
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request, _("The survey is saved as a draft. Add or check its questions, then publish it.")
                )
                return _back_to(survey)
        status = 400
    return render(request, "surveys/create.html", {"setting": setting, "form": form}, status=status)


@staff_required(flag=MANAGE)
@require_GET
def detail(request: HttpRequest, setting_slug: str, survey_id) -> HttpResponse:
    survey = _survey(request, survey_id)
    return _detail(request, survey, forms.QuestionForm(), 200)


def _detail(request, survey, question_form, status):
    setting = survey.setting
    return render(
        request,
        "surveys/detail.html",
        {
            "setting": setting,
            "survey": survey,
            "questions": selectors.questions_of(survey),
            "rooms": list(survey.rooms.all()),
            "form": question_form,
            "today": setting.today(),
            "status_text": survey.status_label(setting.today()),
            "status": survey.status(setting.today()),
            "responses": selectors.response_count(survey),
            "rounds": selectors.series_rounds(survey),
        },
        status=status,
    )


@staff_required(flag=MANAGE)
@require_POST
def question_add(request: HttpRequest, setting_slug: str, survey_id) -> HttpResponse:
    survey = _survey(request, survey_id)
    form = forms.QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.question_add(survey=survey, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The question is added."))
            return _back_to(survey)
    return _detail(request, survey, form, 400)


def _question(request, survey_id, question_id) -> Question:
    survey = _survey(request, survey_id)
    rules.uuid_or_404(question_id)
    from django.http import Http404

    question = survey.questions.filter(pk=question_id).first()
    if question is None:
        raise Http404
    question.survey = survey
    return question


@staff_required(flag=MANAGE)
@require_POST
def question_move(request: HttpRequest, setting_slug: str, survey_id, question_id) -> HttpResponse:
    question = _question(request, survey_id, question_id)
    try:
        services.question_move(question=question, by=request.user, up=request.POST.get("direction") == "up")
    except ValidationError as exc:
        _error(request, exc)
    return _back_to(question.survey)


@staff_required(flag=MANAGE)
@require_POST
def question_remove(request: HttpRequest, setting_slug: str, survey_id, question_id) -> HttpResponse:
    question = _question(request, survey_id, question_id)
    try:
        services.question_remove(question=question, by=request.user)
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("The question is removed."))
    return _back_to(question.survey)


@staff_required(flag=MANAGE)
@require_POST
def publish(request: HttpRequest, setting_slug: str, survey_id) -> HttpResponse:
    survey = _survey(request, survey_id)
    try:
        services.survey_publish(survey=survey, by=request.user)
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("The survey is published. Everyone asked will be told, in their own way."))
    return _back_to(survey)


@staff_required(flag=MANAGE)
@require_POST
def close(request: HttpRequest, setting_slug: str, survey_id) -> HttpResponse:
    survey = _survey(request, survey_id)
    try:
        services.survey_close_now(survey=survey, by=request.user)
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("The survey is closed. No more answers are taken."))
    return _back_to(survey)


@staff_required(flag=MANAGE)
@require_POST
def repeat(request: HttpRequest, setting_slug: str, survey_id) -> HttpResponse:
    survey = _survey(request, survey_id)
    try:
        copy = services.survey_repeat(survey=survey, by=request.user)
    except ValidationError as exc:
        _error(request, exc)
        return _back_to(survey)
    messages.success(request, _("Round %(n)d is ready as a draft, with the same questions.") % {"n": copy.round})
    return _back_to(copy)


# --- staff: results -------------------------------------------------------------------------------


def results_context(survey, *, rtl: bool) -> dict:
    """Everything the results page and the PDF show (the same charts for both)."""
    questions = selectors.questions_of(survey)
    results = selectors.question_results(survey, questions)
    for r in results:
        q = r.question
        if q.kind == QuestionKind.TEXT:
            r.chart = None
        elif q.kind == QuestionKind.SCALE:
            r.chart = charts.stacked_bar_chart(
                [(_("Answers"), [count for _label, count, _p in r.options])],
                segments=[f"{i + 1} {label}" for i, (label, _c, _p) in enumerate(r.options)],
                title=q.text,
                desc=", ".join(f"{label}: {count} ({p}%)" for label, count, p in r.options),
                label_header=_("Answers"),
                rtl=rtl,
            )
            # A table with one row per point reads better than one wide row.
            r.chart.headers = [_("Answer"), _("Number"), "%"]
            r.chart.rows = [[f"{i + 1} {label}", count, f"{p}%"] for i, (label, count, p) in enumerate(r.options)]
        else:
            r.chart = charts.bar_chart(
                [(label, count) for label, count, _p in r.options],
                title=q.text,
                desc=", ".join(f"{label}: {count} ({p}%)" for label, count, p in r.options),
                label_header=_("Answer"),
                value_header=_("Number"),
                total=r.answered,
                rtl=rtl,
            )
    rates = selectors.response_rates(survey)
    shown = [row for row in rates if row.percent is not None]
    rate_chart = charts.bar_chart(
        [(row.label, row.percent) for row in shown],
        title=_("Response rate"),
        desc=_("Share of those asked who answered, overall and in each group with at least %(n)d answers.")
        % {"n": SMALL_GROUP},
        label_header=_("Group"),
        value_header="%",
        rtl=rtl,
        suffix="%",
    )
    return {
        "survey": survey,
        "scale_questions": [q for q in questions if q.kind == QuestionKind.SCALE],
        "groups": selectors.group_breakdown(survey, questions),
        "results": results,
        "rates": rates,
        "rate_chart": rate_chart,
        "small_group": SMALL_GROUP,
        "responses": selectors.response_count(survey),
    }


@staff_required(flag=MANAGE)
@require_GET
def results(request: HttpRequest, setting_slug: str, survey_id) -> HttpResponse:
    survey = _survey(request, survey_id)
    context = results_context(survey, rtl=translation.get_language_bidi())
    return render(
        request, "surveys/results.html", {**context, "setting": survey.setting, "today": survey.setting.today()}
    )


def _csv_name(survey, ext: str) -> str:
    from django.utils.text import slugify

    return f"{slugify(survey.title) or 'survey'}-round-{survey.round}.{ext}"


@staff_required(flag=MANAGE)
@require_GET
def results_csv(request: HttpRequest, setting_slug: str, survey_id) -> HttpResponse:
    """The counts (never single responses of an anonymous survey), response rates with small
    groups hidden, and the written answers."""
    survey = _survey(request, survey_id)
    context = results_context(survey, rtl=False)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_csv_name(survey, "csv")}"'
    response.write("\ufeff")  # so spreadsheet programs read UTF-8
    out = csv.writer(response)
    out.writerow([_("Section"), _("Question"), _("Answer"), _("Number"), _("Percent")])
    for row in context["rates"]:
        if row.percent is None:
            out.writerow([_("Response rate"), row.label, _("fewer than %(n)d") % {"n": SMALL_GROUP}, "", ""])
        else:
            out.writerow(
                [_("Response rate"), row.label, f"{row.responded} / {row.invited}", row.responded, row.percent]
            )
    scale_questions = context["scale_questions"]
    for row in context["groups"]:
        for q, average in zip(scale_questions, row.averages, strict=True):
            if row.respondents is None:
                out.writerow([_("Average by group"), q.text, row.label, _("fewer than %(n)d") % {"n": SMALL_GROUP}, ""])
            else:
                out.writerow([_("Average by group"), q.text, row.label, row.respondents, average])
    for r in context["results"]:
        for label, count, percent in r.options:
            out.writerow([_("Answers"), r.question.text, label, count, percent])
        for entry in r.texts:
            out.writerow(
                [
                    _("Written answers"),
                    r.question.text,
                    entry["text"],
                    entry["who"],
                    entry["child"],
                    entry["translation"],
                ]
            )
    return response


@staff_required(flag=MANAGE)
@require_GET
def results_pdf(request: HttpRequest, setting_slug: str, survey_id) -> HttpResponse:
    from tandem.reports.pdf import render_pdf

    survey = _survey(request, survey_id)
    language = translation.get_language() or "en"
    with translation.override(language):
        context = results_context(survey, rtl=translation.get_language_bidi())
    pdf = render_pdf("surveys/results_pdf.html", {**context, "setting": survey.setting, "pdf": True}, language=language)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_csv_name(survey, "pdf")}"'
    return response


@staff_required(flag=MANAGE)
@require_GET
def over_time(request: HttpRequest, setting_slug: str, survey_id) -> HttpResponse:
    survey = _survey(request, survey_id)
    rounds, series = selectors.results_over_time(survey)
    labels = [_("Round %(n)d") % {"n": r.round} for r in rounds]
    chart = charts.line_chart(
        series,
        x_labels=labels,
        title=_("Agreeing or confident (4 or 5), round by round"),
        desc=_("For each scale question, the share of answers of 4 or 5 in each round of this survey."),
        label_header=_("Question"),
        rtl=translation.get_language_bidi(),
    )
    return render(
        request,
        "surveys/over_time.html",
        {"setting": survey.setting, "survey": survey, "rounds": rounds, "chart": chart, "series": series},
    )


# --- staff: answering a staff survey --------------------------------------------------------------


@staff_required
@require_GET
def mine(request: HttpRequest, setting_slug: str) -> HttpResponse:
    staff = request.membership.staff
    return render(
        request, "surveys/mine.html", {"setting": staff.setting, "surveys": selectors.open_staff_surveys(staff=staff)}
    )


def _answer_page(request, survey, *, children, template_ctx, submit, done_redirect, staff=None, guardian=None):
    language = translation.get_language() or "en"
    questions = selectors.translated_questions(selectors.questions_of(survey), language, survey.language)
    form = forms.AnswerForm(request.POST or None, questions=questions, children=children)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                submit(form.answers(), language)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Thank you. Your answers are saved."))
                return done_redirect
        status = 400
    return render(
        request,
        "surveys/answer.html",
        {
            **template_ctx,
            "survey": survey,
            "form": form,
            "groups": form.bound_groups(),
            "children": children,
            "is_open": survey.is_open_on(survey.setting.today()),
        },
        status=status,
    )


@staff_required
@GET_POST
def respond(request: HttpRequest, setting_slug: str, survey_id) -> HttpResponse:
    staff = request.membership.staff
    survey = selectors.staff_survey_for_member(staff=staff, survey_id=survey_id)
    survey.answered = bool(selectors._answered([survey], lambda s: s.respondent_hash(staff_id=staff.pk)))
    return _answer_page(
        request,
        survey,
        children=[],
        template_ctx={"setting": staff.setting, "staff_page": True},
        submit=lambda answers, language: services.response_submit(
            survey=survey, by=request.user, staff=staff, answers=answers, language=language
        ),
        done_redirect=redirect("surveys:mine", setting_slug=staff.setting.slug),
    )


# --- families -------------------------------------------------------------------------------------


@login_required
@require_GET
def family_index(request: HttpRequest) -> HttpResponse:
    surveys = selectors.family_surveys(user=request.user)
    return render(request, "surveys/family_index.html", {"surveys": surveys})


@login_required
@GET_POST
def family_answer(request: HttpRequest, survey_id) -> HttpResponse:
    survey = selectors.survey_for_family(user=request.user, survey_id=survey_id)
    guardian = survey.guardian
    children = selectors.children_asked_about(survey, family_id=guardian.family_id)
    return _answer_page(
        request,
        survey,
        children=children,
        template_ctx={},
        submit=lambda answers, language: services.response_submit(
            survey=survey, by=request.user, guardian=guardian, answers=answers, language=language
        ),
        done_redirect=redirect("surveys_family:index"),
    )
