"""Reads of All About Me. Each takes a child already fetched through tandem.access (staff of the
setting, or the child's own family); lists start from access.children_visible_to."""

from django.db.models import QuerySet
from django.http import Http404

from tandem.access import rules
from tandem.allaboutme.models import AllAboutMe, AllAboutMeDraft, AllAboutMeVersion
from tandem.core.models import Child, Guardian, Setting


def all_about_me_for_child(*, child: Child) -> AllAboutMe | None:
    """CHILD's All About Me with its current version and who wrote it (one query), or None."""
    return AllAboutMe.objects.filter(child=child).select_related("current__entered_by", "current__guardian").first()


def current_version_for_child(*, child: Child) -> AllAboutMeVersion | None:
    about = all_about_me_for_child(child=child)
    return about.current if about is not None else None


def versions_for_child(*, child: Child) -> QuerySet[AllAboutMeVersion]:
    """Every version of CHILD's All About Me, newest first, with who and how (one query)."""
    return AllAboutMeVersion.objects.filter(child=child).select_related("entered_by", "guardian").order_by("-number")


def version_for_child(*, child: Child, number: int) -> AllAboutMeVersion:
    version = versions_for_child(child=child).filter(number=number).first()
    if version is None:
        raise Http404
    return version


def draft_for(*, child: Child, user) -> AllAboutMeDraft | None:
    """USER's own draft for CHILD (nobody else's)."""
    return AllAboutMeDraft.objects.filter(child=child, author=user).first()


def children_with_all_about_me(*, user, setting: Setting) -> QuerySet[Child]:
    """The children USER may see in SETTING who have not left, with their All About Me and its
    current version (one query), youngest start first."""
    return (
        rules.children_visible_to(user, setting=setting)
        .filter(leave_date__isnull=True)
        .select_related("room", "key_person__user", "all_about_me__current__entered_by")
        .order_by("first_name", "last_name")
    )


def guardian_for_child(*, child: Child, user) -> Guardian:
    """USER's guardian record for CHILD; 404 if they are not one."""
    guardian = Guardian.objects.filter(child_links__child=child, user=user).first()
    if guardian is None:
        raise Http404
    return guardian


def guardians_of_child(*, child: Child) -> list[Guardian]:
    return [link.guardian for link in child.guardian_links.all()]


def family_language(*, child: Child) -> str:
    """The language the family reads best (the first guardian's preference), for the PDF."""
    from tandem.core.models import CommunicationPreference

    pref = (
        CommunicationPreference.objects.filter(guardian__child_links__child=child)
        .order_by("guardian__first_name")
        .first()
    )
    return pref.language if pref is not None else "en"
