"""Reads of policies. Staff see their setting's (the caller checks the flag through
tandem.access); a guardian sees the family policies of the settings their children attend."""

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from tandem.access.rules import uuid_or_404
from tandem.core.models import Guardian, Setting, StaffMember
from tandem.journal.text import render_markdown
from tandem.policies.models import Policy, PolicyAcknowledgement, PolicyReminder, PolicyVersion
from tandem.policies.services import audience_guardians, audience_staff
from tandem.translations.selectors import translation_for


def _latest_number():
    return Subquery(PolicyVersion.objects.filter(policy=OuterRef("policy")).order_by("-number").values("number")[:1])


def current_versions(*, setting: Setting) -> QuerySet[PolicyVersion]:
    """The current version of each of SETTING's policies, with acknowledgement counts (one query)."""
    return (
        PolicyVersion.objects.filter(setting=setting, policy__archived_at__isnull=True, number=_latest_number())
        .select_related("policy")
        .annotate(
            family_acks=Count("acknowledgements", filter=Q(acknowledgements__guardian__isnull=False)),
            staff_acks=Count("acknowledgements", filter=Q(acknowledgements__staff__isnull=False)),
        )
        .order_by("policy__title")
    )


def policies_for_staff(*, setting: Setting, staff_only: bool = False) -> list[PolicyVersion]:
    """Current versions with how many of their readers have acknowledged them (3 queries)."""
    versions = current_versions(setting=setting)
    if staff_only:
        versions = versions.filter(policy__for_staff=True)
    families = audience_guardians(setting).count()
    staff = audience_staff(setting).count()
    result = list(versions)
    for v in result:
        v.expected = (families if v.policy.for_families else 0) + (staff if v.policy.for_staff else 0)
        v.acknowledged = (v.family_acks if v.policy.for_families else 0) + (v.staff_acks if v.policy.for_staff else 0)
    return result


def policy_for_staff(*, setting: Setting, policy_id, staff_only: bool = False) -> Policy:
    pk = uuid_or_404(policy_id)
    qs = Policy.objects.filter(setting=setting, pk=pk)
    if staff_only:
        qs = qs.filter(for_staff=True)
    policy = qs.first()
    if policy is None:
        raise Http404
    return policy


def versions_of(*, policy: Policy) -> QuerySet[PolicyVersion]:
    return policy.versions.select_related("published_by").order_by("-number")


def acknowledgement_status(*, version: PolicyVersion) -> dict:
    """Who has and who has not acknowledged VERSION, with when they were reminded (4 queries)."""
    policy = version.policy
    acks = {
        (a.guardian_id or a.staff_id): a
        for a in PolicyAcknowledgement.objects.filter(version=version).only("guardian_id", "staff_id", "at")
    }
    reminded = {
        (r.guardian_id or r.staff_id): r.sent_at
        for r in PolicyReminder.objects.filter(version=version).only("guardian_id", "staff_id", "sent_at")
    }
    people = []
    if policy.for_families:
        people += [("family", g.pk, g.full_name, g) for g in audience_guardians(policy.setting)]
    if policy.for_staff:
        people += [("staff", s.pk, s.user.display_name, s) for s in audience_staff(policy.setting)]
    done, waiting = [], []
    for kind, pk, name, _obj in people:
        row = {
            "kind": kind,
            "id": pk,
            "name": name,
            "at": getattr(acks.get(pk), "at", None),
            "reminded": reminded.get(pk),
        }
        (done if pk in acks else waiting).append(row)
    return {"acknowledged": done, "waiting": waiting, "total": len(people)}


def reading(*, version: PolicyVersion, language: str) -> tuple[str, bool]:
    """VERSION's HTML in LANGUAGE when a translation is ready (then True), else the original."""
    if language and language != version.language:
        text = translation_for(source=version, field="body_markdown", text=version.body_markdown, language=language)
        if text:
            return render_markdown(text), True
    return version.body_html, False


# --- families -------------------------------------------------------------------------------------


def guardians_of(user) -> list[Guardian]:
    return list(Guardian.objects.filter(user=user).select_related("setting"))


def policies_for_guardian(*, user) -> list[PolicyVersion]:
    """Current versions of the family policies of USER's settings, each marked with whether USER
    (as that setting's guardian) has acknowledged it (two queries)."""
    guardians = {g.setting_id: g for g in guardians_of(user)}
    if not guardians:
        return []
    mine = PolicyAcknowledgement.objects.filter(guardian__user=user)
    versions = list(
        PolicyVersion.objects.filter(
            setting_id__in=list(guardians),
            policy__for_families=True,
            policy__archived_at__isnull=True,
            number=_latest_number(),
        )
        .select_related("policy", "setting")
        .prefetch_related(Prefetch("acknowledgements", queryset=mine, to_attr="mine"))
        .order_by("policy__title")
    )
    for v in versions:
        v.acknowledged_at = v.mine[0].at if v.mine else None
    return versions


def policy_for_guardian(*, user, policy_id) -> tuple[Policy, Guardian]:
    pk = uuid_or_404(policy_id)
    guardians = {g.setting_id: g for g in guardians_of(user)}
    policy = (
        Policy.objects.filter(pk=pk, setting_id__in=list(guardians), for_families=True, archived_at__isnull=True)
        .select_related("setting")
        .first()
    )
    if policy is None:
        raise Http404
    return policy, guardians[policy.setting_id]


def acknowledgement_of(*, version: PolicyVersion, guardian: Guardian | None = None, staff: StaffMember | None = None):
    return PolicyAcknowledgement.objects.filter(version=version, guardian=guardian, staff=staff).first()
