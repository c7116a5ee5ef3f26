"""Demo policies for Sunflower: the code of conduct for families (social media, photos of other
children) and a safeguarding policy for families and staff, both needing acknowledgement and
partly acknowledged (the safeguarding policy in its second version), and a complaints policy
to read. Written through the services. Running it twice adds nothing."""

import datetime as dt
import random

from tandem.core.models import Guardian, Setting, StaffMember
from tandem.policies import services
from tandem.policies.models import Policy

CODE_OF_CONDUCT = """\
We want every child, family and member of staff at {setting} to feel safe and respected. \
By keeping to this code you help us do that.

### Respect
- Speak to staff, children and other families calmly and politely, in person and online.
- If something worries you, talk to your child's key person or the manager. We would rather \
hear about a concern early. You can raise it in Tandem at any time.
- Aggressive, abusive or threatening behaviour is never accepted and may mean we ask you to leave.

### Photos and social media
- **Do not post photos or videos of other children** on social media or send them to others. \
Photos from events may show other children: keep them to yourself.
- Do not use your phone to take pictures in the rooms or garden.
- Please do not discuss other children, families or staff on social media. Bring any concern \
to us instead.

### Collection and safety
- Tell us who will collect your child. We only release children to people you have named.
- Close the gate behind you, and do not let anyone in that you do not know.

### Health
- Keep your child at home while they are unwell, and 48 hours after sickness or diarrhoea.

Thank you for working with us.
"""

SAFEGUARDING_V1 = """\
Everyone at {setting} has a duty to keep children safe.

- Our Designated Safeguarding Lead (DSL) is the manager. A deputy covers when they are away.
- If we are worried about a child, we follow the procedures of the local safeguarding partnership.
- We may have to share information with children's services without telling you first, if \
telling you could put a child at risk.
- Mobile phones and cameras are not used in the rooms. Staff use only the setting's tablets.
"""

SAFEGUARDING_V2 = (
    SAFEGUARDING_V1
    + """- We follow up when a child is absent for a long time or without a reason.
- Our whistleblowing procedure tells staff how to raise a concern about a colleague.
"""
)

COMPLAINTS = """\
Most worries are sorted out quickly by talking to your child's key person or the manager.

If you want to make a complaint, write to us in Tandem (Questions, concerns and complaints), \
by e-mail or on paper. We will acknowledge it at once, look into it, and tell you the outcome \
**within 28 days**. We keep a record of complaints and their outcome for at least 3 years, and \
show it to Ofsted if asked.

You can also contact Ofsted if you think we are not meeting the EYFS requirements.
"""


def seed(*, setting: Setting, today: dt.date, rng: random.Random) -> None:
    if Policy.objects.filter(setting=setting).exists():
        return
    manager = StaffMember.objects.filter(setting=setting, user__email="manager@demo.tandem.test").first()
    if manager is None:
        return
    me = manager.user
    start = today - dt.timedelta(days=90)
    code = services.policy_create(
        setting=setting,
        by=me,
        kind="code_of_conduct",
        title="Code of conduct for families",
        body_markdown=CODE_OF_CONDUCT.format(setting=setting.name),
        effective_from=start,
        for_families=True,
        requires_acknowledgement=True,
    )
    safeguarding = services.policy_create(
        setting=setting,
        by=me,
        kind="safeguarding",
        title="Safeguarding and child protection",
        body_markdown=SAFEGUARDING_V1.format(setting=setting.name),
        effective_from=start,
        for_families=True,
        for_staff=True,
        requires_acknowledgement=True,
    )
    services.policy_create(
        setting=setting,
        by=me,
        kind="complaints",
        title="Concerns and complaints",
        body_markdown=COMPLAINTS,
        effective_from=start,
        for_families=True,
    )
    with_accounts = list(
        services.audience_guardians(setting)
        .filter(user__isnull=False)
        .exclude(user__email="otherparent@demo.tandem.test")
    )
    code_version = services.current_version(code)
    for guardian in with_accounts[: max(1, len(with_accounts) * 2 // 3)]:
        services.policy_acknowledge(version=code_version, by=guardian.user, guardian=guardian)
    # Safeguarding was updated this term: some staff read version 1, fewer version 2 so far.
    first = services.current_version(safeguarding)
    staff = list(services.audience_staff(setting))
    for member in staff:
        services.policy_acknowledge(version=first, by=member.user, staff=member)
    second = services.policy_publish_version(
        policy=safeguarding,
        by=me,
        body_markdown=SAFEGUARDING_V2.format(setting=setting.name),
        change_summary="Added following up absences and the whistleblowing procedure (EYFS September 2025).",
        effective_from=today - dt.timedelta(days=7),
    )
    for member in staff[: len(staff) // 2]:
        services.policy_acknowledge(version=second, by=member.user, staff=member)
    parent = Guardian.objects.filter(setting=setting, user__email="parent@demo.tandem.test").first()
    if parent is not None:
        services.policy_acknowledge(version=second, by=parent.user, guardian=parent)
