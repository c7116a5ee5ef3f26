"""Helpers shared by the hand-written demo and the generated scale settings."""

import datetime as dt
import random
import uuid

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password

from tandem.accounts.models import User
from tandem.core.demo import DEMO_PASSWORD

# The seven kinds of consent, in the order a registration form asks them.
CONSENT_KINDS = [
    "photos_own_journal",
    "group_photos",
    "display_boards",
    "website_social",
    "outings",
    "sun_cream",
    "agency_sharing",
]

_hash_cache: dict[str, str] = {}


def demo_password_hash() -> str:
    """The demo password hashed once per process and reused for every demo account: hashing
    with Argon2 takes ~0.1 s, too slow to repeat for thousands of generated users."""
    if DEMO_PASSWORD not in _hash_cache:
        _hash_cache[DEMO_PASSWORD] = make_password(DEMO_PASSWORD)
    return _hash_cache[DEMO_PASSWORD]


def seeded_uuid(rng: random.Random) -> uuid.UUID:
    """A UUID4 drawn from RNG, so a rebuilt demo has the same ids (links stay valid)."""
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def months_ago(today: dt.date, months: int, day_offset: int = 0) -> dt.date:
    """TODAY minus MONTHS calendar months (day clamped to 28), minus DAY_OFFSET days."""
    year, month = today.year, today.month - months
    while month <= 0:
        month += 12
        year -= 1
    return dt.date(year, month, min(today.day, 28)) - dt.timedelta(days=day_offset)


def new_user(
    rng: random.Random, *, username: str, email: str, first_name: str, last_name: str, language: str = "en"
) -> User:
    """An unsaved demo user whose password is DEMO_PASSWORD."""
    return User(
        id=seeded_uuid(rng),
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        language=language,
        password=demo_password_hash(),
    )


def email_addresses_for(users: list[User]) -> list[EmailAddress]:
    """allauth's verified, primary address for each user with an e-mail: seed accounts are
    trusted, so nobody has to click a confirmation link to try the demo."""
    return [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users if u.email]


class Rows:
    """Unsaved rows collected in memory and written with bulk_create in dependency order, so
    thousands of children cost a few dozen INSERTs instead of one each. Every primary key
    that other rows point at is set in Python before saving (seeded UUIDs)."""

    ORDER = [
        "users",
        "email_addresses",
        "settings",
        "rooms",
        "staff",
        "staff_rooms",
        "families",
        "children",
        "guardians",
        "links",
        "preferences",
        "consents",
        "consent_events",
        "organisation_leads",
    ]

    def __init__(self) -> None:
        for name in self.ORDER:
            setattr(self, name, [])

    def save(self, *, batch_size: int = 2000) -> dict[str, int]:
        """Insert everything collected; returns the number of rows per kind."""
        from tandem.core.models import StaffMember

        counts: dict[str, int] = {}
        self.email_addresses += email_addresses_for(self.users)
        for name in self.ORDER:
            objs = getattr(self, name)
            if not objs:
                continue
            model = StaffMember.rooms.through if name == "staff_rooms" else type(objs[0])
            model.objects.bulk_create(objs, batch_size=batch_size)
            counts[name] = len(objs)
            setattr(self, name, [])
        return counts
