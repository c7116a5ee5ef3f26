"""The conversations section of a child's profile: staff see the latest conversations about
the child and can start one; the family gets a link to write to the setting about the child."""

from django.template.loader import render_to_string

from tandem.conversations import selectors


def staff_section(request, child, perms) -> str:
    membership = getattr(request, "membership", None)
    if membership is None or not membership.perms.can_message_families:
        return ""
    conversations = selectors.inbox_page(
        selectors.conversations_for_staff(user=request.user, setting=membership.setting).filter(child=child),
        user=request.user,
        unread_from_family=True,
        limit=5,
    )
    return render_to_string(
        "conversations/_child_section.html",
        {"child": child, "conversations": conversations, "setting": membership.setting, "as_staff": True},
        request=request,
    )


def family_section(request, child, perms) -> str:
    if not perms.is_guardian:
        return ""
    return render_to_string("conversations/_child_section.html", {"child": child, "as_staff": False}, request=request)
