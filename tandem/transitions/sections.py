"""The settling-in panel on a child's profile: checklist progress and the next move."""

from django.template.loader import render_to_string

from tandem.transitions import selectors


def staff_section(request, child, perms) -> str:
    checklist = selectors.checklist_for_child(child=child)
    moves = list(selectors.transitions_for_child(child=child)[:3])
    return render_to_string(
        "transitions/_section_staff.html",
        {
            "child": child,
            "setting": child.setting,
            "checklist": checklist,
            "done": sum(i.done for i in checklist),
            "moves": moves,
        },
        request=request,
    )


def family_section(request, child, perms) -> str:
    if not perms.is_guardian:
        return ""
    moves = [t for t in selectors.transitions_for_child(child=child) if t.shared_onward_at is None]
    return render_to_string("transitions/_section_family.html", {"child": child, "moves": moves}, request=request)
