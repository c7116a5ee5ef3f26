"""The translation settings: an unknown provider stops Tandem at start-up; the API key can come
from a secret file; the provider is built from the settings."""

from tandem.translations.providers import LibreTranslateProvider, get_provider
from tests.test_settings import _manage


def test_an_unknown_provider_stops_the_start(tmp_path) -> None:
    result = _manage(
        "check",
        env={"DJANGO_SETTINGS_MODULE": "tandem.settings", "TANDEM_DEBUG": "yes", "TANDEM_TRANSLATE_PROVIDER": "deepl"},
    )
    assert result.returncode != 0
    assert "TANDEM_TRANSLATE_PROVIDER must be none or libretranslate" in result.stderr


def test_the_api_key_is_read_from_a_secret_file(tmp_path) -> None:
    key = tmp_path / "key"
    key.write_text("from-the-file\n")
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.TANDEM_TRANSLATE_PROVIDER, s.TANDEM_TRANSLATE_API_KEY)",
        env={
            "DJANGO_SETTINGS_MODULE": "tandem.settings",
            "TANDEM_DEBUG": "yes",
            "TANDEM_TRANSLATE_PROVIDER": "LibreTranslate",
            "TANDEM_TRANSLATE_API_KEY_FILE": str(key),
        },
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == ["libretranslate", "from-the-file"]


def test_the_provider_is_built_from_the_settings(settings) -> None:
    assert get_provider() is None  # tests: none
    settings.TANDEM_TRANSLATE_PROVIDER = "libretranslate"
    assert get_provider() is None  # no URL, no machine
    settings.TANDEM_TRANSLATE_URL = "http://127.0.0.1:5000"
    settings.TANDEM_TRANSLATE_API_KEY = "k"
    provider = get_provider()
    assert isinstance(provider, LibreTranslateProvider)
    assert (provider.url, provider.api_key, provider.timeout) == ("http://127.0.0.1:5000", "k", 2.0)
