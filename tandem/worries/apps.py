from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _staff_section(request, child, perms):
    from django.template.loader import render_to_string

    from tandem.worries import selectors

    membership = getattr(request, "membership", None)
    if membership is None or not perms.can_follow_progress:
        return ""
    return render_to_string(
        "worries/_section_staff.html",
        {"child": child, "worries": list(selectors.worries_for_child(child=child)[:10]), "setting": membership.setting},
        request=request,
    )


def _family_section(request, child, perms):
    from django.template.loader import render_to_string

    from tandem.worries import selectors

    if not perms.is_guardian:
        return ""
    worries = list(selectors.shared_worries_for_child(child=child)[:10])
    if not worries:
        return ""
    return render_to_string("worries/_section_family.html", {"child": child, "worries": worries}, request=request)


class WorriesConfig(AppConfig):
    name = "tandem.worries"
    label = "worries"
    verbose_name = _("Progress worries")

    def ready(self) -> None:
        from tandem.core import hub

        hub.register_staff_link(
            key="worries",
            label=_("Progress worries"),
            url_name="worries:index",
            description=_("Worries about a child's progress in a prime area, until agreed with the family"),
            order=40,
        )
        hub.register_staff_link(
            key="worries-overview",
            label=_("Every open progress worry"),
            url_name="worries:overview",
            description=_("How long each case has been open (SENCO and managers)"),
            flag="can_oversee_progress",
            order=41,
        )
        hub.register_child_section(key="worries", audience="staff", render=_staff_section, order=41)
        hub.register_child_section(key="worries", audience="family", render=_family_section, order=41)
