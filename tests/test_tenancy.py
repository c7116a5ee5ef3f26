"""A query that forgets its setting cannot leak: every model that belongs to a setting has a
direct `setting` key and a scoped manager that raises when no scope is active."""

import pytest
from django.apps import apps
from django_scopes import ScopeError, scope

from tandem.core.models import Setting


def tenant_models() -> list:
    return [
        m
        for m in apps.get_models()
        if m._meta.app_label in {"core", "accounts", "access", "api", "reports"}
        and any(getattr(f, "related_model", None) is Setting and f.name == "setting" for f in m._meta.fields)
    ]


def test_there_are_tenant_models_to_check() -> None:
    names = {m.__name__ for m in tenant_models()}
    assert {"Child", "Room", "StaffMember", "Guardian", "Consent", "ConsentEvent", "AuditEntry"} <= names


@pytest.mark.parametrize("model", tenant_models(), ids=lambda m: m.__name__)
def test_a_tenant_model_cannot_be_queried_without_a_scope(model) -> None:
    with scope(), pytest.raises(ScopeError):  # scoping on, no setting chosen
        list(model.objects.all())
