"""Translators' pages, under /s/<setting_slug>/translations/: the queue of texts waiting in the
languages they translate, one text to translate or correct, their languages, and the glossary
(with the setting's staff language). A translator sees the words only: never a child's record,
never who wrote it beyond "a parent" or "staff". Writes go through tandem.translations.services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem.accounts.decorators import staff_required
from tandem.core.forms import add_service_errors
from tandem.translations import forms, selectors, services
from tandem.translations.models import GlossaryTerm
from tandem.translations.providers import get_provider

GET_POST = require_http_methods(["GET", "POST"])
QUEUE_PAGE = 100  # the oldest first; the rest show as they are done


def _may_edit_glossary(perms) -> bool:
    return perms.can_translate or perms.can_manage_setting_info


@staff_required(flag="can_translate")
@require_http_methods(["GET"])
def queue(request: HttpRequest, setting_slug: str) -> HttpResponse:
    membership = request.membership
    setting = membership.setting
    languages = selectors.translator_languages(membership=membership)
    staff_language = selectors.staff_language_for(setting=setting)
    waiting = selectors.translation_queue(membership=membership, languages=languages, staff_language=staff_language)
    rows = list(waiting[:QUEUE_PAGE])
    total = len(rows) if len(rows) < QUEUE_PAGE else waiting.count()
    found = selectors.glossary_found(rows=rows, terms=selectors.glossary_for(setting=setting))
    items = [{"row": row, "terms": found[row.pk]} for row in rows]
    return render(
        request,
        "translations/queue.html",
        {
            "setting": setting,
            "items": items,
            "total": total,
            "languages": languages,
            "needs_languages": languages == [],
            "languages_form": forms.TranslatorLanguagesForm(initial={"languages": languages or []}),
            "may_edit_glossary": _may_edit_glossary(membership.perms),
        },
    )


@staff_required(flag="can_translate")
@GET_POST
def translate(request: HttpRequest, setting_slug: str, translation_id) -> HttpResponse:
    """One text: the original, the machine suggestion, the glossary terms it uses, and the form."""
    membership = request.membership
    setting = membership.setting
    row = selectors.queue_item_for(membership=membership, translation_id=translation_id)
    initial = {"text": row.text or row.machine_text, "source_hash": row.source_hash}
    form = forms.TranslationForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.translation_save(
                    translation=row,
                    by=request.user,
                    text=form.cleaned_data["text"],
                    source_hash=form.cleaned_data["source_hash"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Thank you: your translation is saved and readers will see it."))
                return redirect("translations:queue", setting_slug=setting.slug)
        status = 400
    terms = selectors.glossary_found(rows=[row], terms=selectors.glossary_for(setting=setting))[row.pk]
    return render(
        request,
        "translations/translate.html",
        {"setting": setting, "row": row, "terms": terms, "form": form},
        status=status,
    )


@staff_required(flag="can_translate")
@require_POST
def languages(request: HttpRequest, setting_slug: str) -> HttpResponse:
    """The languages I translate (each translator chooses their own)."""
    form = forms.TranslatorLanguagesForm(request.POST)
    if form.is_valid():
        services.translator_languages_set(
            staff=request.membership.staff, by=request.user, languages=form.cleaned_data["languages"]
        )
        messages.success(request, _("Your languages are saved."))
    else:
        messages.error(request, _("Choose languages from the list."))
    return redirect("translations:queue", setting_slug=setting_slug)


@staff_required
@GET_POST
def glossary(request: HttpRequest, setting_slug: str) -> HttpResponse:
    """The setting's glossary: list and add (can_translate or can_manage_setting_info); the
    staff language (can_manage_setting_info)."""
    membership = request.membership
    if not _may_edit_glossary(membership.perms):
        raise PermissionDenied
    setting = membership.setting
    form = forms.GlossaryTermForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.glossary_term_add(setting=setting, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The word is in the glossary."))
                return redirect("translations:glossary", setting_slug=setting.slug)
        status = 400
    staff_language = selectors.staff_language_for(setting=setting)
    return render(
        request,
        "translations/glossary.html",
        {
            "setting": setting,
            "terms": selectors.glossary_for(setting=setting),
            "form": form,
            "staff_language_form": forms.StaffLanguageForm(initial={"staff_language": staff_language})
            if membership.perms.can_manage_setting_info
            else None,
            "machine": get_provider(),
        },
        status=status,
    )


@staff_required
@require_POST
def glossary_remove(request: HttpRequest, setting_slug: str, term_id) -> HttpResponse:
    membership = request.membership
    term = get_object_or_404(GlossaryTerm, setting=membership.setting, pk=term_id)
    if not _may_edit_glossary(membership.perms):
        raise PermissionDenied
    services.glossary_term_remove(term=term, by=request.user)
    messages.success(request, _("The word is no longer in the glossary."))
    return redirect("translations:glossary", setting_slug=setting_slug)


@staff_required(flag="can_manage_setting_info")
@require_POST
def staff_language(request: HttpRequest, setting_slug: str) -> HttpResponse:
    form = forms.StaffLanguageForm(request.POST)
    if form.is_valid():
        services.staff_language_set(
            setting=request.membership.setting, by=request.user, language=form.cleaned_data["staff_language"]
        )
        messages.success(request, _("The staff language is saved."))
    else:
        messages.error(request, _("Choose a language from the list."))
    return redirect("translations:glossary", setting_slug=setting_slug)
