"""Turning a Notice into the words one reader sees, in their language. The notice names a
template pair (`<template>.subject.txt`, `<template>.body.txt`, optionally `<template>.body.html`)
that the sending app owns, rendered with the notice's JSON context under the reader's language.

An app whose notices carry authored text (an announcement, a conversation message) registers a
context hook for its kind, which adds the text in the reader's language (a translation when one
exists) to the context:

    register_context_hook("announcements.published", lambda notice, language: {"body": ...})
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

_CONTEXT_HOOKS: dict[str, Callable] = {}


@dataclass(frozen=True)
class RenderedNotice:
    subject: str
    text: str
    html: str  # "" when the app gives no HTML body


def register_context_hook(kind: str, hook: Callable) -> None:
    _CONTEXT_HOOKS[kind] = hook


def render_notice(notice, *, language: str, recipient_name: str = "") -> RenderedNotice:
    with translation.override(language):
        context = dict(notice.context or {})
        hook = _CONTEXT_HOOKS.get(notice.kind)
        if hook is not None:
            context.update(hook(notice, language))
        context.update({"recipient_name": recipient_name, "url": notice.url, "urgent": notice.urgent})
        subject = " ".join(render_to_string(f"{notice.template}.subject.txt", context).split())
        text = render_to_string(f"{notice.template}.body.txt", context).strip()
        try:
            html = render_to_string(f"{notice.template}.body.html", context)
        except TemplateDoesNotExist:
            html = ""
    return RenderedNotice(subject=subject, text=text, html=html)
