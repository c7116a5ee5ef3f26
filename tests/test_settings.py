"""Settings come from the environment, reject bad values at start-up, and the production
module passes Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from tandem.env import envbool, envint, envlist, envsecret

ROOT = Path(__file__).resolve().parent.parent


def test_envbool_rejects_a_value_that_is_not_yes_or_no(monkeypatch) -> None:
    monkeypatch.setenv("TANDEM_X", "maybe")
    with pytest.raises(ImproperlyConfigured, match="TANDEM_X"):
        envbool("TANDEM_X", default=False)
    monkeypatch.setenv("TANDEM_X", "Yes")
    assert envbool("TANDEM_X", default=False) is True


def test_envint_rejects_words(monkeypatch) -> None:
    monkeypatch.setenv("TANDEM_N", "ten")
    with pytest.raises(ImproperlyConfigured):
        envint("TANDEM_N", default=1)
    monkeypatch.setenv("TANDEM_N", "10")
    assert envint("TANDEM_N", default=1) == 10


def test_envlist_and_secret_file(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("TANDEM_L", "a, b,,c")
    assert envlist("TANDEM_L", default=[]) == ["a", "b", "c"]
    secret = tmp_path / "secret"
    secret.write_text("s3cret\n")
    monkeypatch.setenv("TANDEM_S_FILE", str(secret))
    monkeypatch.setenv("TANDEM_S", "ignored")
    assert envsecret("TANDEM_S") == "s3cret"


def _manage(*args: str, env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TANDEM_", "DJANGO_"))}
    return subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_check_deploy_with_nothing_reported() -> None:
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "DJANGO_SETTINGS_MODULE": "tandem.settings_production",
            "TANDEM_SECRET_KEY": "x" * 30 + "-a-long-random-production-secret-key-" + "y" * 20,
            "TANDEM_ALLOWED_HOSTS": "tandem.example.org",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_it_refuses_to_start_without_a_secret_key_outside_debug() -> None:
    result = _manage("check", env={"DJANGO_SETTINGS_MODULE": "tandem.settings"})
    assert result.returncode != 0
    assert "TANDEM_SECRET_KEY" in result.stderr
