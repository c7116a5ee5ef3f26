"""`manage.py demo`: load the Sunflower Early Years demo (and, with --scale N, N generated
settings for benchmarks). Safe to run on every `make run`: what exists is left alone."""

import importlib
import time

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from tandem.core.demo import DEMO_PASSWORD, sunflower
from tandem.core.demo.scale import build_scale

PARTNERSHIP_DEMO_APPS = (
    "setting_info",
    "translations",
    "notify",
    "conversations",
    "announcements",
    "policies",
    "allaboutme",
    "careplans",
    "transitions",
    "meetings",
    "worries",
    "concerns",
    "surveys",
    "consultations",
    "engagement",
)


class Command(BaseCommand):
    help = "Load demo data: Sunflower Early Years, plus N generated settings with --scale N."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            metavar="N",
            help="also make N generated settings of about 100 children each (scale-0001 …)",
        )

    def seed_daily_care(self, *, today) -> None:
        """The day's register, diary, medicines and accidents, the learning journal and floor
        books for Sunflower Nursery. Each app's seed is
        idempotent, so this runs every time (and fills in apps added after the demo was loaded)."""
        import random

        from tandem.attendance import demo as attendance_demo
        from tandem.care import demo as care_demo
        from tandem.core.models import Setting
        from tandem.curriculum import demo as curriculum_demo
        from tandem.floorbooks import demo as floorbooks_demo
        from tandem.incidents import demo as incidents_demo
        from tandem.journal import demo as journal_demo
        from tandem.journal_export import demo as journal_export_demo
        from tandem.media import demo as media_demo
        from tandem.medicines import demo as medicines_demo

        setting = Setting.objects.get(slug=sunflower.SETTING_SLUG)
        # The apps for talking with families and the partnership toolkit, in this order (an app's
        # seed may use what an earlier one made); each seeds only once it has a demo module.
        partnership_demos = []
        for app in PARTNERSHIP_DEMO_APPS:
            try:
                partnership_demos.append(importlib.import_module(f"tandem.{app}.demo"))
            except ModuleNotFoundError as exc:
                if exc.name != f"tandem.{app}.demo":
                    raise
        for app_demo in (
            attendance_demo,
            care_demo,
            medicines_demo,
            incidents_demo,
            curriculum_demo,
            media_demo,
            journal_demo,
            floorbooks_demo,
            journal_export_demo,
            *partnership_demos,
        ):
            with transaction.atomic():
                app_demo.seed(setting=setting, today=today, rng=random.Random(app_demo.__name__))  # noqa: S311

    def handle(self, *args, scale: int = 0, **options) -> None:
        if scale < 0:
            self.stderr.write("--scale must be 0 or more.")
            return
        today = timezone.localdate()
        started = time.monotonic()
        # Seed data spans several settings (and organisations), so no single setting's scope
        # fits: the demo is one of the few places allowed to write unscoped.
        with scopes_disabled():
            if sunflower.exists():
                self.stdout.write("Sunflower Early Years is already loaded: nothing to do.")
            else:
                with transaction.atomic():
                    counts = sunflower.build(today=today).save()
                self.stdout.write(
                    f"Loaded Sunflower Early Years: {counts.get('children', 0)} children, "
                    f"{counts.get('guardians', 0)} parents and carers, {counts.get('staff', 0)} staff."
                )
            self.seed_daily_care(today=today)
            if scale:
                counts = build_scale(scale, today=today)
                if counts:
                    self.stdout.write(
                        f"Generated {counts.get('settings', 0)} settings with {counts.get('children', 0)} "
                        f"children and {counts.get('users', 0)} accounts."
                    )
                else:
                    self.stdout.write(f"The {scale} generated settings are already there: nothing to do.")
        self.stdout.write(f"Done in {time.monotonic() - started:.1f} s.")
        if options.get("verbosity", 1) >= 1:
            self.stdout.write(f"\nSign in at /accounts/login/ with password {DEMO_PASSWORD!r}:")
            for email, who in sunflower.SIGN_INS:
                self.stdout.write(f"  {email:<32} {who}")
