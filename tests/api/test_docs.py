"""The API documents itself, and the docs page works under the strict CSP."""

import re

import pytest


@pytest.mark.django_db
def test_the_openapi_schema_lists_the_v1_operations(client) -> None:
    schema = client.get("/api/openapi.json").json()
    assert "/api/v1/settings/{setting_slug}/children" in schema["paths"]
    assert {"TokenAuth", "SessionAuth"} <= set(schema["components"]["securitySchemes"])


@pytest.mark.django_db
def test_the_docs_page_has_no_inline_script_and_no_cdn(client) -> None:
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts, "Swagger UI should load its scripts"
    for attrs, body in scripts:
        if 'type="application/json"' in attrs:
            continue  # a data block the browser never runs (the Swagger settings)
        assert "src=" in attrs and not body.strip(), f"inline script: {attrs} {body[:80]}"
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "https://" not in html
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"


@pytest.mark.django_db
def test_the_docs_page_is_served_under_the_csp(client) -> None:
    response = client.get("/api/docs")
    csp = response.get("Content-Security-Policy", "")
    assert "script-src 'self'" in csp


def test_swagger_ui_is_served_from_our_own_static_files() -> None:
    from django.contrib.staticfiles import finders

    for name in ("ninja/swagger-ui-bundle.js", "ninja/swagger-ui-init.js", "ninja/swagger-ui.css"):
        assert finders.find(name) is not None, name
