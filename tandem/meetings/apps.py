from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _staff_section(request, child, perms):
    from django.template.loader import render_to_string

    from tandem.meetings import selectors

    membership = getattr(request, "membership", None)
    if membership is None or not perms.can_follow_progress:
        return ""
    latest = selectors.conversations_for_child(child=child).first()
    return render_to_string(
        "meetings/_section_staff.html",
        {"child": child, "latest": latest, "setting": membership.setting},
        request=request,
    )


def _family_section(request, child, perms):
    from django.template.loader import render_to_string

    from tandem.meetings import selectors
    from tandem.meetings.models import Conversation

    if not perms.is_guardian:
        return ""
    latest = selectors.conversations_for_child(child=child).exclude(status=Conversation.Status.PLANNED).first()
    return render_to_string("meetings/_section_family.html", {"child": child, "latest": latest}, request=request)


class MeetingsConfig(AppConfig):
    name = "tandem.meetings"
    label = "meetings"
    verbose_name = _("Structured conversations")

    def ready(self) -> None:
        from tandem.core import hub

        hub.register_staff_link(
            key="meetings",
            label=_("Structured conversations"),
            url_name="meetings:index",
            description=_("Meetings with families and plan reviews coming up"),
            order=39,
        )
        hub.register_family_link(
            key="meetings",
            label=_("Our plans together"),
            url_name="meetings_family:index",
            description=_("What you and the key person agreed, and what to do at home"),
            order=39,
        )
        hub.register_child_section(key="meetings", audience="staff", render=_staff_section, order=40)
        hub.register_child_section(key="meetings", audience="family", render=_family_section, order=40)
