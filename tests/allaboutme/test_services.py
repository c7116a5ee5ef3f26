"""All About Me services: every save is a new version, nothing is overwritten; bad input is
refused with a message and changes nothing; a family's update tells the key persons."""

import pytest

from tandem.allaboutme import services
from tandem.allaboutme.models import AllAboutMe, AllAboutMeDraft, AllAboutMeVersion
from tandem.core.models import AuditEntry
from tandem.notify.models import NoticeRecipient

pytestmark = pytest.mark.django_db


def test_it_keeps_every_earlier_version_when_the_family_updates(ada, dora, dora_guardian, ada_about) -> None:
    second = services.all_about_me_save(
        child=ada, by=dora, how="online", guardian=dora_guardian, answers={"likes": "Trains", "allergies": "Peanuts"}
    )
    about = AllAboutMe.objects.get(child=ada)
    assert about.current == second and second.number == 2
    first = AllAboutMeVersion.objects.get(child=ada, number=1)
    assert first.likes == "Ducks and bubbles" and first.comforters == "Blue bunny"
    assert second.likes == "Trains" and second.comforters == ""
    assert AllAboutMeVersion.objects.filter(child=ada).count() == 2


def test_staff_typing_in_the_paper_form_is_recorded_as_such(ada, bob, dora_guardian) -> None:
    version = services.all_about_me_save(
        child=ada, by=bob, how="paper", guardian=dora_guardian, answers={"sleep": "Nap at noon"}
    )
    assert version.get_how_display() == "Entered by staff from the paper form"
    assert version.entered_by == bob and version.guardian == dora_guardian
    home = services.all_about_me_save(child=ada, by=bob, how="home_visit", answers={"sleep": "Nap at one"})
    assert home.get_how_display() == "Completed together at a home visit" and home.number == 2


def test_an_empty_form_is_refused_and_changes_nothing(ada, dora, dora_guardian) -> None:
    with pytest.raises(services.AllAboutMeError, match="at least one box"):
        services.all_about_me_save(child=ada, by=dora, how="online", guardian=dora_guardian, answers={"likes": "  "})
    assert not AllAboutMe.objects.exists() and not AllAboutMeVersion.objects.exists()


def test_saving_the_same_answers_again_is_refused(ada, dora, dora_guardian, ada_about) -> None:
    with pytest.raises(services.AllAboutMeError, match="Nothing has changed"):
        services.all_about_me_save(
            child=ada, by=dora, how="online", guardian=dora_guardian, answers=ada_about.content()
        )
    assert AllAboutMeVersion.objects.filter(child=ada).count() == 1


def test_a_guardian_of_another_child_cannot_be_named(ada, bob, ed) -> None:
    with pytest.raises(services.AllAboutMeError):
        services.all_about_me_save(
            child=ada, by=bob, how="paper", guardian=ed.guardianships.get(), answers={"likes": "x"}
        )
    with pytest.raises(services.AllAboutMeError):
        services.all_about_me_save(child=ada, by=bob, how="online", answers={"likes": "x"})
    assert not AllAboutMeVersion.objects.exists()


def test_a_family_update_tells_the_key_person_once(ada, bob_staff, dora, dora_guardian, ada_about) -> None:
    recipients = NoticeRecipient.objects.filter(notice__kind="allaboutme.updated")
    assert [r.staff for r in recipients] == [bob_staff]
    assert recipients.get().notice.child == ada
    services.all_about_me_save(child=ada, by=bob_staff.user, how="conversation", answers={"likes": "Owls"})
    assert recipients.count() == 1  # staff's own entries do not notify themselves


def test_a_draft_is_kept_for_its_author_and_cleared_on_save(ada, dora, dora_guardian) -> None:
    services.all_about_me_draft_save(child=ada, by=dora, answers={"likes": "Half written"})
    assert AllAboutMeDraft.objects.get(child=ada, author=dora).data["likes"] == "Half written"
    assert not AllAboutMe.objects.exists()  # a draft is not a version
    services.all_about_me_save(child=ada, by=dora, how="online", guardian=dora_guardian, answers={"likes": "Done"})
    assert not AllAboutMeDraft.objects.exists()


def test_the_audit_log_names_fields_but_never_the_answers(ada_about) -> None:
    entry = AuditEntry.objects.get(action="allaboutme.version.saved")
    assert entry.data["number"] == 1 and "allergies" in entry.data["fields"]
    assert "Peanuts" not in str(entry.data)
