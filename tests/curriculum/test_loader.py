"""The framework files load, once, and a new version never rewrites the old one."""

import json
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tandem.core.models import Setting
from tandem.curriculum import loader
from tandem.curriculum.models import (
    Area,
    Aspect,
    Characteristic,
    Framework,
    LeuvenLevel,
    Statement,
)
from tandem.curriculum.selectors import framework_get

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in (Framework, Area, Aspect, Statement, Characteristic, LeuvenLevel)}


def test_every_framework_a_setting_can_choose_is_loaded_by_the_migration() -> None:
    for code, _label in Setting.Framework.choices:
        fw = framework_get(code=code)
        assert fw.areas.exists(), code


def test_every_framework_a_setting_can_choose_has_a_file() -> None:
    codes = {data["code"] for _path, data in loader.read_files()}
    assert set(Setting.Framework.values) <= codes


def test_loading_twice_changes_nothing() -> None:
    before = _counts()
    call_command("curriculum_load")
    call_command("curriculum_load")
    assert _counts() == before


def test_a_new_version_keeps_the_old_one_and_its_statements(tmp_path: Path) -> None:
    old = framework_get(code="eyfs-dm-2023")
    old_elg = Statement.objects.get(framework=old, code="eyfs-dm-2023:cl:speaking:elg")
    src = next(p for p, d in loader.read_files() if d["code"] == "eyfs-dm-2023")
    data = json.loads(src.read_text())
    data["version"] = "2025.1"
    data["areas"][0]["aspects"][1]["statements"][0]["text"] = "Speaking (new wording)"
    shutil.copy(src, tmp_path / src.name)
    (tmp_path / "eyfs-dm-2023_2025.1.json").write_text(json.dumps(data))

    call_command("curriculum_load", dir=str(tmp_path))

    new = framework_get(code="eyfs-dm-2023")
    assert new.pk != old.pk
    assert (new.version, new.revision) == ("2025.1", old.revision + 1)
    old_elg.refresh_from_db()
    assert old_elg.text == "Speaking" and old_elg.framework_id == old.pk
    assert Statement.objects.get(framework=new, code="eyfs-dm-2023:cl:speaking:elg").text == "Speaking (new wording)"


def test_it_refuses_a_file_edited_without_a_new_version(tmp_path: Path) -> None:
    src = next(p for p, d in loader.read_files() if d["code"] == "ni-preschool")
    data = json.loads(src.read_text())
    data["areas"][0]["name"] = "Art"
    (tmp_path / src.name).write_text(json.dumps(data))
    before = _counts()
    with pytest.raises(CommandError, match='new "version"'):
        call_command("curriculum_load", dir=str(tmp_path))
    assert _counts() == before
    assert Area.objects.get(code="ni-preschool:the-arts").name == "The Arts"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(schema=2), "unknown schema"),
        (lambda d: d["areas"].append(dict(d["areas"][0])), "used twice"),
        (lambda d: d["areas"][0].update(kind="fun"), "kind must be"),
        (lambda d: d["areas"][0].update(code="Bad Code"), "lower-case"),
        (lambda d: d["areas"][0]["aspects"][0]["statements"][0].update(band="nope"), "unknown band"),
    ],
)
def test_it_names_the_problem_in_a_malformed_file(tmp_path: Path, change, message: str) -> None:  # type: ignore[no-untyped-def]
    src = next(p for p, d in loader.read_files() if d["code"] == "eyfs-dm-2023")
    data = json.loads(src.read_text())
    data["version"] = "9.9"
    change(data)
    (tmp_path / "x.json").write_text(json.dumps(data))
    with pytest.raises(CommandError, match=message):
        call_command("curriculum_load", dir=str(tmp_path))
    assert not Framework.objects.filter(version="9.9").exists()


def test_labels_module_is_up_to_date_with_the_files() -> None:
    from tandem.curriculum.labels import LABELS

    assert loader.labels() == LABELS, "run: manage.py curriculum_load --write-labels"
    assert "Communication and Language" in LABELS and "Extremely high" in LABELS
