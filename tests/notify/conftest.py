"""Notify fixtures: a real SMTP server (aiosmtpd) the SMTP mailer points at, an HTTP server
that speaks Twilio's Messages API (with a slow mode and a status callback), and a push service."""

import contextlib
import json
import socket
import threading
import time
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from aiosmtpd.controller import Controller

from tandem.core.models import StaffMember
from tests import factories as f


class Inbox:
    """What the SMTP server received; REFUSE: addresses answered with 550 at RCPT."""

    def __init__(self):
        self.messages = []
        self.refuse: set[str] = set()
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append(
                {"to": list(envelope.rcpt_tos), "message": message_from_bytes(envelope.original_content)}
            )
        return "250 Message accepted"

    def to(self, address):
        return [m["message"] for m in self.messages if address in m["to"]]


@pytest.fixture
def smtp_server(settings):
    inbox = Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }
    inbox.port = port
    yield inbox
    controller.stop()


class ProviderState:
    def __init__(self):
        self.requests = []
        self.delay = 0.0
        self.reject = False
        self.count = 0


def _handler(state):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            state.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
            if state.delay:
                time.sleep(state.delay)
            if "/Messages.json" in self.path:
                form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
                if state.reject:
                    self._json(400, {"code": 21211, "message": "Invalid 'To' Phone Number"})
                    return
                state.count += 1
                self._json(201, {"sid": f"SM{state.count:032d}", "to": form["To"], "status": "queued"})
                return
            self.send_response(201)  # a push service
            self.end_headers()

        def _json(self, status, payload):
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError):
                self.wfile.write(data)

    return Handler


@pytest.fixture
def http_provider():
    state = ProviderState()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def sms(settings, http_provider):
    settings.TANDEM_SMS_PROVIDER = "twilio"
    settings.TANDEM_SMS_URL = http_provider.url
    settings.TANDEM_SMS_ACCOUNT = "AC0123"
    settings.TANDEM_SMS_TOKEN = "secret-token"
    settings.TANDEM_SMS_FROM = "+447700900000"
    settings.TANDEM_SMS_TIMEOUT_SECONDS = 0.5
    return http_provider


@pytest.fixture
def dora_guardian(dora):
    return dora.guardianships.get()


@pytest.fixture
def ed_guardian(ed):
    return ed.guardianships.get()


@pytest.fixture
def alice_staff(alice):
    return StaffMember.objects.get(user=alice)


def set_prefs(guardian, **kwargs):
    from tandem.core.models import CommunicationPreference

    prefs, _ = CommunicationPreference.objects.get_or_create(guardian=guardian, defaults={"setting": guardian.setting})
    for key, value in kwargs.items():
        setattr(prefs, key, value)
    prefs.full_clean()
    prefs.save()
    return prefs


def send(guardians, *, setting=None, subject="Trip on Friday", body="Bring a coat.", route=True, **kwargs):
    """A plain notice to GUARDIANS; with ROUTE, the after-commit routing and sending run too."""
    from django.test import TestCase

    from tandem.notify.services import notify_guardians

    guardians = list(guardians)
    if route:
        with TestCase.captureOnCommitCallbacks(execute=True):
            return send(guardians, setting=setting, subject=subject, body=body, route=False, **kwargs)
    return notify_guardians(
        setting=setting or guardians[0].setting,
        guardians=guardians,
        kind="notify.test",
        template="notify/notices/plain",
        context={"subject": subject, "body": body},
        url="/family/",
        **kwargs,
    )


def guardian(setting, *, email="", phone="", name="Gina", **prefs):
    family = f.FamilyFactory(setting=setting, name=name)
    g = f.GuardianFactory(family=family, first_name=name, last_name="Family", email=email, phone=phone)
    if prefs:
        set_prefs(g, **prefs)
    return g


class WorkerKilled(BaseException):
    """Stands for the worker process being killed (not an Exception: nothing catches it)."""


class DyingSMTPBackend:
    """Django's real SMTP backend, but the process 'dies' before the (KILL_AFTER+1)th message."""

    kill_after = None
    sent = 0

    def __new__(cls, *args, **kwargs):
        from django.core.mail.backends.smtp import EmailBackend

        class Dying(EmailBackend):
            def send_messages(self, messages):
                if DyingSMTPBackend.kill_after is not None and DyingSMTPBackend.sent >= DyingSMTPBackend.kill_after:
                    raise WorkerKilled
                DyingSMTPBackend.sent += len(messages)
                return super().send_messages(messages)

        return Dying(*args, **kwargs)


from tests.e2e.conftest import _no_csp_violations, base_url, console  # noqa: E402, F401  (browser tests)
