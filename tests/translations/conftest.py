"""Translations fixtures: a real HTTP server on localhost that speaks LibreTranslate's API
(/translate, /languages), in a thread, with modes for a slow server and a refusing one; a
translator volunteer (only the translator role) who speaks Polish; Oak Tree's glossary."""

import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tandem.core.models import StaffMember, StaffRole
from tandem.translations.models import GlossaryTerm, TranslatorProfile
from tests import factories as f

# What the fake machine "knows", English to Polish. "key person" and "Sunflowers" are here on
# purpose: if the glossary did not protect them, the machine's words would come back instead.
WORDS = {
    "key person": "kluczowa osoba",
    "sunflowers": "Słoneczniki",
    "hello": "dzień dobry",
    "your": "twoja",
    "in": "w",
    "will": "będzie",
    "phone": "dzwonić",
    "today": "dzisiaj",
    "see you at": "do zobaczenia na",
    "thank you": "dziękuję",
}
_PROTECTED = re.compile(r'(<span[^>]*translate="no"[^>]*>.*?</span>)', re.DOTALL)


def fake_translate(q: str) -> str:
    """Translate word by word outside translate="no" elements, as LibreTranslate's HTML mode does."""
    pieces = _PROTECTED.split(q)
    out = []
    for piece in pieces:
        if _PROTECTED.fullmatch(piece):
            out.append(piece)
            continue
        for english in sorted(WORDS, key=len, reverse=True):
            piece = re.sub(rf"(?<!\w){re.escape(english)}(?!\w)", WORDS[english], piece, flags=re.IGNORECASE)
        out.append(piece)
    return "".join(out)


@dataclass
class FakeLibreTranslate:
    url: str = ""
    mode: str = "ok"  # ok | slow | refuse | broken
    delay: float = 1.5
    requests: list[dict] = field(default_factory=list)


@pytest.fixture
def libretranslate(settings):
    """A LibreTranslate-speaking server on a free port; settings point Tandem at it."""
    state = FakeLibreTranslate()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:  # keep the test output quiet
            pass

        def _send(self, status: int, body) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            if self.path == "/languages":
                self._send(
                    200,
                    [
                        {"code": "en", "name": "English", "targets": ["pl"]},
                        {"code": "pl", "name": "Polish", "targets": ["en"]},
                    ],
                )
            else:
                self._send(404, {"error": "Not found"})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            body = json.loads(self.rfile.read(length) or b"{}")
            state.requests.append(body)
            if self.path != "/translate":
                return self._send(404, {"error": "Not found"})
            if state.mode == "slow":
                time.sleep(state.delay)
            if state.mode == "refuse":
                return self._send(400, {"error": "pl is not supported"})
            if state.mode == "broken":
                return self._send(500, {"error": "Internal error"})
            if body.get("api_key") != "test-key":
                return self._send(403, {"error": "Invalid API key"})
            self._send(200, {"translatedText": fake_translate(body["q"])})

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.block_on_close = False
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    settings.TANDEM_TRANSLATE_PROVIDER = "libretranslate"
    settings.TANDEM_TRANSLATE_URL = state.url
    settings.TANDEM_TRANSLATE_API_KEY = "test-key"
    settings.TANDEM_TRANSLATE_TIMEOUT = 0.5
    settings.TANDEM_TRANSLATE_RETRIES = 2
    settings.TANDEM_TRANSLATE_BACKOFF = 0
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def tess_staff(oak_tree):
    """Tess, a volunteer who translates Polish: her only role is translator."""
    user = f.UserFactory(username="tess", email="tess@oak.test", first_name="Tess", last_name="Tłumacz")
    member = f.StaffMemberFactory(setting=oak_tree, user=user, roles=[StaffRole.TRANSLATOR])
    TranslatorProfile.objects.create(setting=oak_tree, staff=member, languages=["pl"])
    return member


@pytest.fixture
def tess(tess_staff):
    return tess_staff.user


@pytest.fixture
def alice_staff(alice):
    return StaffMember.objects.get(user=alice)


@pytest.fixture
def glossary(oak_tree, alice):
    """Oak Tree's words: "key person" has a fixed Polish translation; the room names are kept."""
    return [
        GlossaryTerm.objects.create(
            setting=oak_tree, term="key person", language="pl", translation="osoba kluczowa", created_by=alice
        ),
        GlossaryTerm.objects.create(setting=oak_tree, term="Sunflowers", language="", translation="", created_by=alice),
        GlossaryTerm.objects.create(
            setting=oak_tree, term="stay and play", language="pl", translation="Baw się z nami", created_by=alice
        ),
    ]
