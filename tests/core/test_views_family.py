"""A guardian's own consents and communication preferences."""

import pytest
from django.urls import reverse

from tandem.core.models import ChildGuardian, CommunicationPreference, Consent, ConsentEvent
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.url("family:child-consents")
def test_a_guardian_gives_and_withdraws_consent_which_takes_effect_at_once(client, dora, ada) -> None:
    client.force_login(dora)
    url = reverse("family:child-consents", args=[ada.pk])
    assert client.post(url, {"kind": "website_social", "decision": "given"}).status_code == 302
    assert Consent.objects.get(child=ada, kind="website_social").granted is True
    assert client.post(url, {"kind": "website_social", "decision": "withdrawn"}).status_code == 302
    assert Consent.objects.get(child=ada, kind="website_social").granted is False
    events = list(ConsentEvent.objects.filter(child=ada).values_list("decision", "given_by__user"))
    assert events == [("withdrawn", dora.pk), ("given", dora.pk)]
    page = client.get(url).content.decode()
    assert "Withdrawn" in page and "Given" in page


@pytest.mark.url("family:child-consents")
def test_a_guardian_without_parental_responsibility_sees_but_cannot_change(client, dora, ada) -> None:
    ChildGuardian.objects.filter(child=ada).update(parental_responsibility=False)
    client.force_login(dora)
    url = reverse("family:child-consents", args=[ada.pk])
    assert "parental responsibility" in client.get(url).content.decode()
    assert client.post(url, {"kind": "outings", "decision": "given"}).status_code == 403
    assert not Consent.objects.exists()


@pytest.mark.url("family:child-consents")
def test_another_family_cannot_change_adas_consents(client, ed, ada) -> None:
    client.force_login(ed)
    url = reverse("family:child-consents", args=[ada.pk])
    assert client.post(url, {"kind": "outings", "decision": "given"}).status_code == 404
    assert not Consent.objects.exists()


@pytest.mark.url("family:child-consents")
def test_a_nonsense_decision_changes_nothing(client, dora, ada) -> None:
    client.force_login(dora)
    url = reverse("family:child-consents", args=[ada.pk])
    response = client.post(url, {"kind": "outings", "decision": "maybe"})
    assert response.status_code == 400
    response = client.post(url, {"kind": "outings", "decision": "withdrawn"})
    assert response.status_code == 400
    assert "nothing to withdraw" in response.content.decode()
    assert not ConsentEvent.objects.exists()


@pytest.mark.url("family:preferences")
def test_a_guardian_edits_their_own_preferences(client, dora) -> None:
    client.force_login(dora)
    response = client.post(
        reverse("family:preferences"),
        {
            "language": "ro",
            "channels": ["sms", "letter"],
            "digest": "weekly",
            "quiet_hours_start": "20:00",
            "quiet_hours_end": "07:00",
            "needs_reading_help": "on",
            "accessibility_needs": "Large print",
        },
    )
    assert response.status_code == 302
    prefs = CommunicationPreference.objects.get(guardian__user=dora)
    assert (prefs.language, prefs.channels, prefs.digest, prefs.needs_reading_help) == (
        "ro",
        ["sms", "letter"],
        "weekly",
        True,
    )


@pytest.mark.url("family:preferences")
def test_bad_preferences_change_nothing_and_say_why(client, dora) -> None:
    client.force_login(dora)
    response = client.post(reverse("family:preferences"), {"language": "xx", "channels": [], "digest": "daily"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose at least one way to reach you." in page
    assert "<fieldset" in page and "<legend" in page
    assert CommunicationPreference.objects.get(guardian__user=dora).language == "pl"


@pytest.mark.url("family:preferences")
def test_a_guardian_cannot_edit_another_guardians_preferences(client, dora, ed) -> None:
    client.force_login(dora)
    eds = ed.guardianships.get()
    response = client.post(
        reverse("family:preferences"), {"guardian": eds.pk, "language": "ar", "channels": ["app"], "digest": "daily"}
    )
    assert response.status_code == 404
    assert not CommunicationPreference.objects.filter(guardian=eds).exists()


@pytest.mark.url("family:preferences")
def test_a_guardian_at_two_settings_chooses_which(client, dora, ada, elm_house) -> None:
    family = f.FamilyFactory(setting=elm_house)
    other = f.GuardianFactory(family=family, user=dora)
    client.force_login(dora)
    url = reverse("family:preferences")
    assert elm_house.name in client.get(url).content.decode()
    response = client.post(url, {"guardian": other.pk, "language": "cy", "channels": ["email"], "digest": "daily"})
    assert response.status_code == 302
    assert CommunicationPreference.objects.get(guardian=other).language == "cy"
    assert CommunicationPreference.objects.get(guardian__user=dora, setting=ada.setting).language == "pl"
