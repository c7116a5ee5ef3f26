"""Load the framework files so every database has them (the same loader as `manage.py curriculum_load`).

Later framework versions are loaded by `manage.py curriculum_load` (or a later data migration like this one);
the loader never rewrites a loaded version.
"""

from django.db import migrations


def load(apps, schema_editor) -> None:  # type: ignore[no-untyped-def]
    from tandem.curriculum import loader

    loader.load_all(get_model=lambda name: apps.get_model("curriculum", name))


class Migration(migrations.Migration):
    dependencies = [("curriculum", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
