"""Runs every entry of the permission matrix (tests/matrix/) as each person of the cast."""

import pytest
from django.urls import reverse

from tests.matrix import PEOPLE, all_entries

CASES = [(entry, person) for entry in all_entries() for person in PEOPLE if person in entry.expect]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("entry", "person"), CASES, ids=[f"{e.name}[{e.method}]-as-{p or 'anonymous'}" for e, p in CASES]
)
def test_permission_matrix(client, cast, entry, person) -> None:
    if person is not None:
        client.force_login(cast[person])
    url = entry.path(cast) if entry.path else reverse(entry.name, kwargs=entry.kwargs(cast))
    data = entry.data(cast) if entry.data else {}
    if entry.method == "GET":
        response = client.get(url, data)
    elif entry.path:  # API: JSON bodies
        response = client.generic(
            entry.method, url, data=__import__("json").dumps(data), content_type="application/json"
        )
    else:
        response = client.generic(entry.method, url, data=data) if entry.method != "POST" else client.post(url, data)
    expected = entry.expect[person]
    assert response.status_code == expected, (
        f"{entry.name} as {person or 'anonymous'}: got {response.status_code}, expected {expected}"
    )
