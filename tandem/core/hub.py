"""Where the apps of the partnership toolkit and of talking with families show themselves on
pages they do not own: the staff "Working with families" page, the family home, and a child's
profile (staff and family). Each app registers its links and child sections in its
AppConfig.ready(), so no shared template has to know every app, and a link is only shown to
someone whose permission flags allow it.

    from tandem.core import hub

    hub.register_staff_link(
        key="surveys", label=_("Surveys"), url_name="surveys:index",
        description=_("Ask families, and see what they say"), flag="can_manage_partnership",
    )
    hub.register_family_link(key="surveys", label=_("Surveys"), url_name="surveys_family:index")
    hub.register_child_section(key="allaboutme", audience="staff", render=render_all_about_me_panel)

A staff link's URL takes the setting's slug; a family link's takes nothing. A child section's
RENDER is called as render(request, child, perms) and returns HTML (render_to_string of the
app's own template), or "" to show nothing. It must fetch what it shows through the app's
selectors (which ask tandem.access), like any view."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class HubLink:
    key: str
    label: str
    url_name: str
    description: str = ""
    flag: str | None = None  # a StaffPermissions flag; None: every member of staff (or family)
    order: int = 100


@dataclass(frozen=True)
class ChildSection:
    key: str
    audience: str  # "staff" or "family"
    render: Callable
    order: int = 100


_STAFF_LINKS: dict[str, HubLink] = {}
_FAMILY_LINKS: dict[str, HubLink] = {}
_CHILD_SECTIONS: dict[tuple[str, str], ChildSection] = {}


def register_staff_link(*, key: str, label, url_name: str, description="", flag: str | None = None, order=100):
    _STAFF_LINKS[key] = HubLink(key, label, url_name, description, flag, order)


def register_family_link(*, key: str, label, url_name: str, description="", order=100):
    _FAMILY_LINKS[key] = HubLink(key, label, url_name, description, None, order)


def register_child_section(*, key: str, audience: str, render: Callable, order=100):
    if audience not in ("staff", "family"):
        raise ValueError("audience must be 'staff' or 'family'")
    _CHILD_SECTIONS[(audience, key)] = ChildSection(key, audience, render, order)


def staff_links(membership) -> list[dict]:
    """The registered staff links MEMBERSHIP may open, with their URLs, in order."""
    links = sorted(_STAFF_LINKS.values(), key=lambda link: (link.order, str(link.label)))
    return [
        {
            "label": link.label,
            "description": link.description,
            "url": reverse(link.url_name, args=[membership.setting.slug]),
        }
        for link in links
        if link.flag is None or getattr(membership.perms, link.flag)
    ]


def family_links() -> list[dict]:
    links = sorted(_FAMILY_LINKS.values(), key=lambda link: (link.order, str(link.label)))
    return [{"label": link.label, "description": link.description, "url": reverse(link.url_name)} for link in links]


def child_sections(request, *, child, perms, audience: str) -> SafeString:
    """The HTML of every registered section of a child's profile for AUDIENCE."""
    sections = sorted((s for (a, _key), s in _CHILD_SECTIONS.items() if a == audience), key=lambda s: (s.order, s.key))
    return mark_safe("".join(str(s.render(request, child, perms)) for s in sections))  # noqa: S308 (rendered templates)
