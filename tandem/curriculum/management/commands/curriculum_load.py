"""Load the curriculum framework files (idempotent); --write-labels regenerates labels.py."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tandem.curriculum import loader


class Command(BaseCommand):
    help = "Load curriculum frameworks from tandem/curriculum/frameworks/*.json (new versions only)."

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument("--dir", default=str(loader.FRAMEWORKS_DIR), help="Folder of framework files.")
        parser.add_argument(
            "--write-labels",
            action="store_true",
            help="Also write tandem/curriculum/labels.py so makemessages finds every label.",
        )
        parser.add_argument("--check", action="store_true", help="Only check the files; load nothing.")

    def handle(self, *args, **options) -> None:  # type: ignore[no-untyped-def]
        directory = Path(options["dir"])
        try:
            if options["check"]:
                files = loader.read_files(directory)
                self.stdout.write(f"{len(files)} framework files are valid.")
                return
            results = loader.load_all(directory)
        except loader.FrameworkFileError as exc:
            raise CommandError(str(exc)) from exc
        for r in results:
            self.stdout.write(f"{r.code} {r.version}: {'loaded' if r.created else 'already loaded'}")
        if options["write_labels"]:
            target = Path(loader.__file__).with_name("labels.py")
            target.write_text(loader.labels_module_source(directory), encoding="utf-8")
            self.stdout.write(f"wrote {target}")
