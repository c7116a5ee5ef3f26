"""Ready-made surveys about partnership, to be repeated each term or year so change shows:
the parent confidence survey and the practitioner confidence survey. Questions are written in
English here and translated like any other question (tandem.translations)."""

from django.utils.translation import gettext_lazy as _

AGREE = [
    _("Strongly disagree"),
    _("Disagree"),
    _("Neither agree nor disagree"),
    _("Agree"),
    _("Strongly agree"),
]
CONFIDENT = [
    _("Not confident"),
    _("A little confident"),
    _("Fairly confident"),
    _("Confident"),
    _("Very confident"),
]

TEMPLATES = {
    "parent_confidence": {
        "title": _("How we work together: families"),
        "intro": _(
            "A few minutes, in your language. Your answers help us make our partnership with you better. "
            "We ask again each term so we can see what has changed."
        ),
        "audience": "families",
        "anonymous": True,
        "questions": [
            ("scale", _("I feel welcome when I come into the setting."), AGREE, False),
            ("single", _("Do you know who your child's key person is?"), [_("Yes"), _("No"), _("Not sure")], True),
            ("scale", _("I am confident supporting my child's learning at home."), AGREE, False),
            ("scale", _("When I share something about my child, I am listened to."), AGREE, False),
            ("scale", _("I hear enough about my child's day and learning."), AGREE, False),
            (
                "multiple",
                _("How would you like to hear from us?"),
                [_("In the app"), _("E-mail"), _("Text message"), _("A chat at the door"), _("On paper")],
                False,
            ),
            ("text", _("What is one thing we could do better?"), [], False),
        ],
    },
    "practitioner_confidence": {
        "title": _("How we work with families: staff"),
        "intro": _("For every member of the team. We repeat it each term to see how confidence grows."),
        "audience": "staff",
        "anonymous": True,
        "questions": [
            ("scale", _("I am confident talking with families about their child's learning."), CONFIDENT, False),
            (
                "scale",
                _("I am confident working with families who speak English as an additional language."),
                CONFIDENT,
                False,
            ),
            ("scale", _("I am confident sharing a worry about a child with their family."), CONFIDENT, False),
            ("scale", _("I know how to get an interpreter or a translation when I need one."), AGREE, False),
            ("text", _("What would help you work with families?"), [], False),
        ],
    },
}

TEMPLATE_CHOICES = [
    ("", _("Start with no questions")),
    ("parent_confidence", _("Parent confidence survey")),
    ("practitioner_confidence", _("Practitioner confidence survey")),
]
