"""The All About Me panel on a child's profile: the key person sees the current answers from day
one, allergies first and highlighted; the family sees whether theirs is filled in."""

from django.template.loader import render_to_string

from tandem.allaboutme import selectors


def staff_section(request, child, perms) -> str:
    about = selectors.all_about_me_for_child(child=child)
    return render_to_string(
        "allaboutme/_section_staff.html",
        {"child": child, "about": about, "version": about.current if about else None, "setting": child.setting},
        request=request,
    )


def family_section(request, child, perms) -> str:
    if not perms.is_guardian:
        return ""
    about = selectors.all_about_me_for_child(child=child)
    return render_to_string(
        "allaboutme/_section_family.html",
        {"child": child, "about": about, "draft": selectors.draft_for(child=child, user=request.user)},
        request=request,
    )
