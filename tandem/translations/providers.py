"""Machine translation behind one small interface, so a setting can run its own server and no
family's words leave for a third party unless the setting chose so. One adapter today: a
self-hosted LibreTranslate (https://github.com/LibreTranslate/LibreTranslate), its /translate
and /languages API. Chosen by TANDEM_TRANSLATE_PROVIDER (none | libretranslate).

A provider only translates. What to send, the glossary, retries and who wins (a person over the
machine) are decided in tandem.translations.services and tasks."""

from dataclasses import dataclass
from typing import Protocol

import httpx
from django.conf import settings


class ProviderError(Exception):
    """The provider could not translate. RETRYABLE: worth asking again later (a timeout, the
    server busy or down); otherwise a person has to do it (an unsupported language, a refusal)."""

    def __init__(self, reason: str, *, retryable: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable


class TranslationProvider(Protocol):
    name: str

    def translate(self, *, text: str, source: str, target: str, html: bool = False) -> str:
        """TEXT (plain, or HTML whose translate="no" elements must be left alone) in TARGET."""
        ...

    def languages(self) -> list[str]:
        """Language codes the provider can translate between."""
        ...


@dataclass
class LibreTranslateProvider:
    url: str
    api_key: str = ""
    timeout: float = 15.0
    name: str = "libretranslate"

    def _client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=httpx.Timeout(self.timeout))

    def translate(self, *, text: str, source: str, target: str, html: bool = False) -> str:
        payload = {"q": text, "source": source, "target": target, "format": "html" if html else "text"}
        if self.api_key:
            payload["api_key"] = self.api_key
        try:
            with self._client() as client:
                response = client.post("/translate", json=payload)
        except httpx.TimeoutException as exc:
            raise ProviderError(
                f"The translation server did not answer within {self.timeout:g} s.", retryable=True
            ) from exc
        except httpx.TransportError as exc:
            raise ProviderError(
                f"The translation server could not be reached ({type(exc).__name__}).", retryable=True
            ) from exc
        if response.status_code in (429, 502, 503, 504) or response.status_code >= 500:
            raise ProviderError(
                f"The translation server is busy or failing (HTTP {response.status_code}).", retryable=True
            )
        try:
            body = response.json()
        except ValueError as exc:
            raise ProviderError(
                f"The translation server sent something unreadable (HTTP {response.status_code}).", retryable=False
            ) from exc
        if response.status_code != 200:
            error = str(body.get("error", "")) if isinstance(body, dict) else ""
            raise ProviderError(
                f"The translation server refused (HTTP {response.status_code}): {error[:200]}", retryable=False
            )
        translated = body.get("translatedText") if isinstance(body, dict) else None
        if not isinstance(translated, str):
            raise ProviderError("The translation server's answer had no translatedText.", retryable=False)
        return translated

    def languages(self) -> list[str]:
        try:
            with self._client() as client:
                response = client.get("/languages")
            response.raise_for_status()
            return sorted({str(item["code"]) for item in response.json()})
        except (httpx.HTTPError, ValueError, KeyError, TypeError) as exc:
            raise ProviderError("The translation server's language list could not be read.", retryable=True) from exc


def get_provider() -> TranslationProvider | None:
    """The configured machine provider, or None when every text waits for a person."""
    name = getattr(settings, "TANDEM_TRANSLATE_PROVIDER", "none")
    if name == "libretranslate" and settings.TANDEM_TRANSLATE_URL:
        return LibreTranslateProvider(
            url=settings.TANDEM_TRANSLATE_URL,
            api_key=settings.TANDEM_TRANSLATE_API_KEY or "",
            timeout=float(settings.TANDEM_TRANSLATE_TIMEOUT),
        )
    return None
