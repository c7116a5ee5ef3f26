"""The care plan panel on a child's profile (staff and family)."""

from django.template.loader import render_to_string

from tandem.careplans import selectors


def staff_section(request, child, perms) -> str:
    plan = selectors.plan_for_child(child=child)
    status = plan.status_on(child.setting.today()) if plan else None
    pending = plan.proposals.filter(status="pending").count() if plan else 0
    return render_to_string(
        "careplans/_section_staff.html",
        {"child": child, "plan": plan, "status": status, "pending": pending, "setting": child.setting},
        request=request,
    )


def family_section(request, child, perms) -> str:
    if not perms.is_guardian:
        return ""
    plan = selectors.plan_for_child(child=child)
    return render_to_string("careplans/_section_family.html", {"child": child, "plan": plan}, request=request)
