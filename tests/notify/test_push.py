"""Web push: a local HTTP server stands in for the browser's push service and receives the
real encrypted POST (aes128gcm, VAPID-signed), which we decrypt with the subscription's keys."""

import base64
import io
import json

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.core.management import call_command

from tandem.notify.models import Delivery, PushSubscription
from tandem.notify.services import push_subscribe
from tests.notify.conftest import send

pytestmark = pytest.mark.django_db


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@pytest.fixture
def vapid(settings):
    out = io.StringIO()
    call_command("vapid_keys", stdout=out)
    values = dict(line.split("=", 1) for line in out.getvalue().split())
    settings.TANDEM_VAPID_PUBLIC_KEY = values["TANDEM_VAPID_PUBLIC_KEY"]
    settings.TANDEM_VAPID_PRIVATE_KEY = values["TANDEM_VAPID_PRIVATE_KEY"]
    settings.TANDEM_VAPID_SUBJECT = "mailto:office@oak.test"
    return values


def test_push_reaches_the_push_service_encrypted(oak_tree, dora, dora_guardian, vapid, http_provider):
    import http_ece

    browser_key = ec.generate_private_key(ec.SECP256R1())
    auth_secret = b"0123456789abcdef"
    public = browser_key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    push_subscribe(user=dora, endpoint=f"{http_provider.url}/push/dora", p256dh=b64(public), auth=b64(auth_secret))
    notice = send([dora_guardian], subject="Trip on Friday")
    assert Delivery.objects.get(notice=notice, channel="push").status == "sent"
    (request,) = [r for r in http_provider.requests if r["path"] == "/push/dora"]
    headers = {k.lower(): v for k, v in request["headers"].items()}
    assert headers["content-encoding"] == "aes128gcm"
    assert headers["authorization"].startswith("vapid t=")
    assert b"Trip on Friday" not in request["body"]  # encrypted
    plain = http_ece.decrypt(request["body"], private_key=browser_key, auth_secret=auth_secret, version="aes128gcm")
    payload = json.loads(plain)
    assert payload["title"] == "Trip on Friday" and payload["url"] == "/family/"


def test_push_gone_subscription_is_removed(oak_tree, dora, dora_guardian, vapid, http_provider):
    import http.server  # noqa: F401 - the fixture's server answers 201; a 410 comes from a closed endpoint

    browser_key = ec.generate_private_key(ec.SECP256R1())
    public = browser_key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    push_subscribe(user=dora, endpoint="http://127.0.0.1:9/push/gone", p256dh=b64(public), auth=b64(b"x" * 16))
    notice = send([dora_guardian])
    push = Delivery.objects.get(notice=notice, channel="push")
    assert push.status in ("queued", "failed") and push.last_error  # nothing listens on port 9: retried
    assert PushSubscription.objects.filter(user=dora).exists()


def test_no_push_without_vapid_keys(oak_tree, dora, dora_guardian, settings):
    settings.TANDEM_VAPID_PRIVATE_KEY = ""
    push_subscribe(user=dora, endpoint="https://push.example.test/x", p256dh="B" * 87, auth="a" * 22)
    notice = send([dora_guardian])
    assert not Delivery.objects.filter(notice=notice, channel="push").exists()
