"""manage.py vapid_keys: a new VAPID key pair for web push, printed as the two settings
TANDEM_VAPID_PUBLIC_KEY and TANDEM_VAPID_PRIVATE_KEY (base64url, the forms browsers and
pywebpush expect). Keep the private key secret (TANDEM_VAPID_PRIVATE_KEY_FILE in production);
changing the keys means every browser has to subscribe again."""

import base64

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.core.management.base import BaseCommand


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def generate() -> tuple[str, str]:
    key = ec.generate_private_key(ec.SECP256R1())
    private = key.private_numbers().private_value.to_bytes(32, "big")
    public = key.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    return _b64(public), _b64(private)


class Command(BaseCommand):
    help = "Generate a VAPID key pair for web push notifications."

    def handle(self, *args, **options):
        public, private = generate()
        self.stdout.write(f"TANDEM_VAPID_PUBLIC_KEY={public}\nTANDEM_VAPID_PRIVATE_KEY={private}\n")
