"""Load the framework files under tandem/curriculum/frameworks/ into the database.

Rules the loader enforces:
- Idempotent: a file whose (code, version) is loaded with the same content changes nothing.
- Append-only: a file with a new version creates a new Framework (revision + 1); the old one,
  which observations may link to, is never rewritten. A file whose content changed without a new
  version is refused, so nobody rewrites history by accident.
- The Leuven file (leuven.json) is not versioned (scores are the numbers 1-5); its labels are
  brought up to date in place.

Used by `manage.py curriculum_load` and by the data migration (which passes its historical models).
The file schema is described in tandem/curriculum/frameworks/README.md.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

FRAMEWORKS_DIR = Path(__file__).resolve().parent / "frameworks"
AREA_KINDS = {"prime", "specific", "area", "strand", "outcome", "pathway"}


class FrameworkFileError(ValueError):
    """A framework file is malformed or was changed without a new version."""


@dataclass(frozen=True)
class LoadResult:
    path: str
    code: str
    version: str
    created: bool


def _default_get_model(name: str) -> Any:
    from django.apps import apps

    return apps.get_model("curriculum", name)


def canonical_sha256(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _version_key(version: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"[.\-]", version))


def read_files(directory: Path = FRAMEWORKS_DIR) -> list[tuple[Path, dict]]:
    """Every framework file, parsed and checked, ordered by code then version (oldest first)."""
    found = []
    for path in sorted(directory.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise FrameworkFileError(f"{path.name}: not valid JSON ({exc})") from exc
        if data.get("kind") == "leuven":
            continue
        validate(data, name=path.name)
        found.append((path, data))
    found.sort(key=lambda pd: (pd[1]["code"], _version_key(pd[1]["version"])))
    return found


def _require(d: dict, keys: tuple[str, ...], where: str) -> None:
    missing = [k for k in keys if not d.get(k)]
    if missing:
        raise FrameworkFileError(f"{where}: missing {', '.join(missing)}")


def validate(data: dict, *, name: str) -> None:
    """Check the shape of one framework file; raise FrameworkFileError naming the first problem."""
    if data.get("schema") != 1:
        raise FrameworkFileError(f"{name}: unknown schema {data.get('schema')!r} (expected 1)")
    _require(data, ("code", "version", "name"), name)
    band_codes = {b["code"] for b in data.get("bands", [])}
    seen: set[str] = set()

    def unique(code: str, where: str) -> None:
        if not re.fullmatch(r"[a-z0-9][a-z0-9\-]*", code.rsplit(":", 1)[-1]):
            raise FrameworkFileError(f"{where}: code {code!r} must be lower-case letters, digits and dashes")
        if code in seen:
            raise FrameworkFileError(f"{where}: code {code!r} is used twice")
        seen.add(code)

    def check_statements(statements: list[dict], prefix: str) -> None:
        for s in statements:
            _require(s, ("code", "text"), f"{name} {prefix}")
            unique(f"{prefix}:{s['code']}", name)
            if s.get("band") and s["band"] not in band_codes:
                raise FrameworkFileError(f"{name} {prefix}:{s['code']}: unknown band {s['band']!r}")
            if s.get("in_gld") and not s.get("is_elg"):
                raise FrameworkFileError(f"{name} {prefix}:{s['code']}: only an ELG can count towards GLD")

    for b in data.get("bands", []):
        _require(b, ("code", "name"), f"{name} band")
        unique(f"band:{b['code']}", name)
    for a in data.get("areas", []):
        _require(a, ("code", "short_code", "name", "kind"), f"{name} area")
        if a["kind"] not in AREA_KINDS:
            raise FrameworkFileError(f"{name} {a['code']}: kind must be one of {sorted(AREA_KINDS)}")
        unique(a["code"], name)
        for asp in a.get("aspects", []):
            _require(asp, ("code", "name"), f"{name} {a['code']} aspect")
            unique(f"{a['code']}:{asp['code']}", name)
            check_statements(asp.get("statements", []), f"{a['code']}:{asp['code']}")
        check_statements(a.get("statements", []), a["code"])
    for c in data.get("characteristics", []):
        _require(c, ("code", "name"), f"{name} characteristic")
        unique(f"coel:{c['code']}", name)
        for p in c.get("points", []):
            _require(p, ("code", "name"), f"{name} characteristic point")
            unique(f"coel:{c['code']}:{p['code']}", name)
    for g in data.get("principles", []):
        _require(g, ("group", "items"), f"{name} principles")
        for p in g["items"]:
            _require(p, ("code", "name"), f"{name} principle")
            unique(f"principle:{p['code']}", name)


def load_framework(data: dict, *, get_model: Callable[[str], Any] = _default_get_model) -> tuple[Any, bool]:
    """Load one parsed file; return (framework, created). Never updates an existing framework."""
    Framework = get_model("Framework")
    Area, Aspect, Band = get_model("Area"), get_model("Aspect"), get_model("Band")
    Statement, Characteristic, Principle = get_model("Statement"), get_model("Characteristic"), get_model("Principle")
    code, version = data["code"], data["version"]
    sha = canonical_sha256(data)
    existing = Framework.objects.filter(code=code, version=version).first()
    if existing is not None:
        if existing.sha256 != sha:
            raise FrameworkFileError(
                f"{code} {version}: the file changed since it was loaded. Observations may link to the loaded "
                'version, so give the file a new "version" (and a new file name) instead of editing it.'
            )
        return existing, False
    last = Framework.objects.filter(code=code).order_by("-revision").first()
    with transaction.atomic():
        fw = Framework.objects.create(
            code=code,
            version=version,
            revision=(last.revision + 1) if last else 1,
            name=data["name"],
            country=data.get("country", ""),
            publisher=data.get("publisher", ""),
            source=data.get("source", ""),
            description=data.get("description", ""),
            area_label=data.get("area_label") or "Area of learning",
            aspect_label=data.get("aspect_label") or "Aspect",
            band_label=data.get("band_label", ""),
            notes=data.get("notes", ""),
            sha256=sha,
        )
        bands = {}
        for i, b in enumerate(data.get("bands", [])):
            bands[b["code"]] = Band.objects.create(
                framework=fw,
                code=f"{code}:band:{b['code']}",
                name=b["name"],
                age_from_months=b.get("age_from_months"),
                age_to_months=b.get("age_to_months"),
                order=i,
            )
        statements = []

        def add_statements(items: list[dict], area: Any, aspect: Any, prefix: str) -> None:
            for s in items:
                statements.append(
                    Statement(
                        framework=fw,
                        area=area,
                        aspect=aspect,
                        band=bands.get(s.get("band")) if s.get("band") else None,
                        code=f"{prefix}:{s['code']}",
                        text=s["text"],
                        is_elg=bool(s.get("is_elg")),
                        in_gld=bool(s.get("in_gld")),
                        order=len(statements),
                    )
                )

        for i, a in enumerate(data.get("areas", [])):
            area = Area.objects.create(
                framework=fw,
                code=f"{code}:{a['code']}",
                short_code=a["short_code"],
                name=a["name"],
                alt_name=a.get("alt_name", ""),
                kind=a["kind"],
                family_text=a.get("family_text", ""),
                order=i,
            )
            for j, asp in enumerate(a.get("aspects", [])):
                aspect = Aspect.objects.create(
                    framework=fw, area=area, code=f"{code}:{a['code']}:{asp['code']}", name=asp["name"], order=j
                )
                add_statements(asp.get("statements", []), area, aspect, aspect.code)
            add_statements(a.get("statements", []), area, None, area.code)
        Statement.objects.bulk_create(statements)
        order = 0
        for c in data.get("characteristics", []):
            parent = Characteristic.objects.create(
                framework=fw,
                code=f"{code}:coel:{c['code']}",
                name=c["name"],
                alt_name=c.get("alt_name", ""),
                order=order,
            )
            order += 1
            for p in c.get("points", []):
                Characteristic.objects.create(
                    framework=fw, parent=parent, code=f"{parent.code}:{p['code']}", name=p["name"], order=order
                )
                order += 1
        order = 0
        for g in data.get("principles", []):
            for p in g["items"]:
                Principle.objects.create(
                    framework=fw,
                    group=g["group"],
                    code=f"{code}:principle:{p['code']}",
                    name=p["name"],
                    alt_name=p.get("alt_name", ""),
                    order=order,
                )
                order += 1
    return fw, True


def load_leuven(
    path: Path = FRAMEWORKS_DIR / "leuven.json", *, get_model: Callable[[str], Any] = _default_get_model
) -> bool:
    """Bring the Leuven scales up to date with the file; return True if anything changed."""
    LeuvenScale, LeuvenLevel = get_model("LeuvenScale"), get_model("LeuvenLevel")
    data = json.loads(path.read_text(encoding="utf-8"))
    if len(data["levels"]) != 5:
        raise FrameworkFileError("leuven.json: each Leuven scale has exactly five levels")
    changed = False
    with transaction.atomic():
        for i, s in enumerate(data["scales"]):
            scale, created = LeuvenScale.objects.get_or_create(
                code=s["code"], defaults={"name": s["name"], "signals": s["signals"], "order": i}
            )
            if not created and (scale.name, scale.signals, scale.order) != (s["name"], s["signals"], i):
                scale.name, scale.signals, scale.order = s["name"], s["signals"], i
                scale.save()
                changed = True
            changed = changed or created
            for value, label in enumerate(data["levels"], 1):
                level, created = LeuvenLevel.objects.get_or_create(scale=scale, value=value, defaults={"label": label})
                if not created and level.label != label:
                    level.label = label
                    level.save()
                    changed = True
                changed = changed or created
    return changed


def load_all(
    directory: Path = FRAMEWORKS_DIR, *, get_model: Callable[[str], Any] = _default_get_model
) -> list[LoadResult]:
    """Load every file in the directory (oldest version first) and the Leuven scales."""
    results = []
    for path, data in read_files(directory):
        _, created = load_framework(data, get_model=get_model)
        results.append(LoadResult(path=path.name, code=data["code"], version=data["version"], created=created))
    leuven = directory / "leuven.json"
    if leuven.exists():
        load_leuven(leuven, get_model=get_model)
    return results


def labels(directory: Path = FRAMEWORKS_DIR) -> list[str]:
    """Every English string a person may read from the files, once each, in file order."""
    out: dict[str, None] = {}

    def add(*texts: str) -> None:
        for t in texts:
            if t:
                out.setdefault(t, None)

    for _path, data in read_files(directory):
        add(data["name"], data.get("description", ""), data.get("area_label", ""))
        add(data.get("aspect_label", ""), data.get("band_label", ""))
        for b in data.get("bands", []):
            add(b["name"])
        for a in data.get("areas", []):
            add(a["name"], a.get("family_text", ""))
            for asp in a.get("aspects", []):
                add(asp["name"])
                for s in asp.get("statements", []):
                    add(s["text"])
            for s in a.get("statements", []):
                add(s["text"])
        for c in data.get("characteristics", []):
            add(c["name"], c.get("alt_name", ""))
            for p in c.get("points", []):
                add(p["name"])
        for g in data.get("principles", []):
            add(g["group"])
            for p in g["items"]:
                add(p["name"])
    leuven = directory / "leuven.json"
    if leuven.exists():
        data = json.loads(leuven.read_text(encoding="utf-8"))
        add(*data["levels"])
        for s in data["scales"]:
            add(s["name"], *s["signals"])
    return list(out)


def labels_module_source(directory: Path = FRAMEWORKS_DIR) -> str:
    lines = [
        "# ruff: noqa: E501",
        '"""Generated by `manage.py curriculum_load --write-labels`: every label in the framework files,',
        'marked for translation so makemessages finds them. Do not edit by hand."""',
        "",
        "from django.utils.translation import gettext_noop",
        "",
        "LABELS = [",
    ]
    lines += [f"    gettext_noop({json.dumps(t, ensure_ascii=False)})," for t in labels(directory)]
    lines += ["]", ""]
    return "\n".join(lines)
