"""Every URL pattern and every API operation has an entry in the permission matrix."""

from django.urls import URLPattern, URLResolver, get_resolver

from tandem.api.api import api
from tests.matrix import all_entries

# Pages that belong to django-allauth (sign in, password reset, two-factor, sessions) act only
# on the signed-in person's own account; they are covered by tests/accounts/ instead.
THIRD_PARTY_NAMESPACES = ("account_", "mfa_", "usersessions_")
THIRD_PARTY_PREFIXES = ("api:",)  # the API is walked operation by operation below


def _names(resolver: URLResolver, prefix: str = "") -> set[str]:
    names = set()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            names |= _names(p, ns)
        elif isinstance(p, URLPattern) and p.name:
            names.add(prefix + p.name)
    return names


def url_names() -> set[str]:
    return {
        n
        for n in _names(get_resolver())
        if not n.startswith(THIRD_PARTY_NAMESPACES) and not n.startswith(THIRD_PARTY_PREFIXES)
    }


def api_operations() -> set[str]:
    schema = api.get_openapi_schema()
    return {f"api:{method.upper()} {path}" for path, ops in schema["paths"].items() for method in ops}


def test_every_url_has_a_matrix_entry() -> None:
    covered = {e.name for e in all_entries()}
    missing = sorted(url_names() - covered)
    assert not missing, f"URLs with no entry in tests/matrix/: {missing}"


def test_every_api_operation_has_a_matrix_entry() -> None:
    covered = {e.name for e in all_entries()}
    missing = sorted(api_operations() - covered)
    assert not missing, f"API operations with no entry in tests/matrix/: {missing}"


def test_no_url_is_left_as_a_placeholder() -> None:
    from tandem.core.views.todo import not_built_yet

    def walk(resolver):
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                yield from walk(p)
            else:
                yield p

    placeholders = sorted(str(p.pattern) for p in walk(get_resolver()) if p.callback is not_built_yet)
    assert not placeholders, f"placeholder views still routed: {placeholders}"
