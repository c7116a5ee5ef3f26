"""Tandem's English is British English: dates as 23 Nov 2026 and 23/11/2026."""

from django.conf.locale.en_GB.formats import *  # noqa: F403
