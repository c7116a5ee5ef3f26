"""The translations API as a translator volunteer: her queue (her languages only, with the
glossary and no child's data), saving a translation, and the glossary."""

import json

import pytest

from tandem.translations import services
from tandem.translations.models import GlossaryTerm, TextTranslation

pytestmark = pytest.mark.django_db
API = "/api/v1/settings/oak-tree/translations"


def _json(client, method: str, url: str, data=None):
    return client.generic(method, url, data=json.dumps(data or {}), content_type="application/json")


def test_the_queue_and_saving_through_the_api(client, tess, oak_tree, ada, babies, glossary) -> None:
    (polish,) = services.translation_request(
        setting=oak_tree,
        source=ada.family,
        field="body",
        text="Your key person will ring.",
        source_language="en",
        languages={"pl"},
        author_kind="staff",
    )
    services.translation_request(
        setting=oak_tree, source=babies, field="body", text="Hello", source_language="en", languages={"ur"}
    )
    client.force_login(tess)
    response = client.get(f"{API}/queue")
    assert response.status_code == 200
    (item,) = response.json()
    assert item["id"] == str(polish.pk) and item["original"] == "Your key person will ring."
    assert item["written_by"] == "staff" and item["status"] == "requested"
    assert [t["translation"] for t in item["glossary"]] == ["osoba kluczowa"]
    assert "Lovelace" not in response.content.decode() and str(ada.family.pk) not in response.content.decode()

    response = _json(client, "PUT", f"{API}/texts/{polish.pk}", {"text": "  ", "source_hash": item["source_hash"]})
    assert response.status_code == 422
    polish.refresh_from_db()
    assert polish.status == "requested"
    response = _json(
        client,
        "PUT",
        f"{API}/texts/{polish.pk}",
        {"text": "Osoba kluczowa zadzwoni.", "source_hash": item["source_hash"]},
    )
    assert response.status_code == 200 and response.json()["status"] == "human"
    polish.refresh_from_db()
    assert polish.translated_by == tess and polish.text == "Osoba kluczowa zadzwoni."
    assert client.get(f"{API}/queue").json() == []


def test_the_glossary_through_the_api(client, tess, oak_tree) -> None:
    client.force_login(tess)
    response = _json(
        client, "POST", f"{API}/glossary", {"term": "stay and play", "language": "pl", "translation": "Baw się z nami"}
    )
    assert response.status_code == 201
    term_id = response.json()["id"]
    assert _json(client, "POST", f"{API}/glossary", {"term": "Stay and play", "language": "pl"}).status_code == 422
    assert [t["term"] for t in client.get(f"{API}/glossary").json()] == ["stay and play"]
    assert _json(client, "DELETE", f"{API}/glossary/{term_id}").status_code == 204
    assert not GlossaryTerm.objects.exists()
    assert _json(client, "DELETE", f"{API}/glossary/not-a-uuid").status_code == 404


def test_a_text_outside_her_languages_is_404(client, tess, oak_tree, babies) -> None:
    (urdu,) = services.translation_request(
        setting=oak_tree, source=babies, field="body", text="Hello", source_language="en", languages={"ur"}
    )
    client.force_login(tess)
    assert _json(client, "PUT", f"{API}/texts/{urdu.pk}", {"text": "x"}).status_code == 404
    assert TextTranslation.objects.get(pk=urdu.pk).text == ""


def test_the_api_queue_does_not_grow_queries_with_rows(
    client, tess, oak_tree, babies, glossary, django_assert_num_queries
) -> None:
    def add(start: int, n: int) -> None:
        for i in range(start, start + n):
            services.translation_request(
                setting=oak_tree,
                source=babies,
                field=f"body{i}",
                text=f"Your key person {i}",
                source_language="en",
                languages={"pl"},
            )

    client.force_login(tess)
    add(0, 3)
    with django_assert_num_queries(7) as captured:
        assert len(client.get(f"{API}/queue").json()) == 3
    add(3, 27)
    with django_assert_num_queries(len(captured.captured_queries)):
        assert len(client.get(f"{API}/queue").json()) == 30
