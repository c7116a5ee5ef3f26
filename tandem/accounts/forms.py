"""Forms for invitations, tokens and the account a family makes from an invitation. Forms check
the shape of the input; the rules live in tandem.accounts.services."""

import datetime as dt

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import ApiToken, Invitation, User


def _language_choices() -> list[tuple[str, str]]:
    return [(code, name) for code, name in settings.LANGUAGES]


class InvitationCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Your invitation code"),
        max_length=30,
        help_text=_("12 letters and numbers, as on your letter or e-mail, for example ABCD-EFGH-JKMN."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


class InvitationCreateForm(forms.Form):
    channel = forms.ChoiceField(label=_("How should we send it?"), choices=Invitation.Channel.choices)
    email = forms.EmailField(
        label=_("E-mail address"), required=False, help_text=_("Only needed when you send the invitation by e-mail.")
    )
    language = forms.ChoiceField(label=_("Language of the letter or e-mail"), choices=_language_choices)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("channel") == Invitation.Channel.EMAIL and not data.get("email"):
            self.add_error("email", _("We need an e-mail address to send the invitation to."))
        return data


class InvitationSignupForm(forms.Form):
    """The account a family makes with their code. By letter, e-mail is optional and then a
    username is needed to sign in; by e-mail, the address the invitation came to is filled in."""

    email = forms.EmailField(label=_("E-mail address"), required=False)
    username = forms.CharField(
        label=_("Username"),
        required=False,
        max_length=40,
        help_text=_("Needed to sign in when you give no e-mail address. Letters, numbers and . - _ only."),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters. A few unrelated words are easy to remember and hard to guess."),
    )
    password2 = forms.CharField(
        label=_("Password again"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    language = forms.ChoiceField(label=_("Language"), choices=_language_choices)

    def __init__(self, *args, invitation: Invitation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        if invitation.channel == Invitation.Channel.EMAIL:
            self.fields["email"].required = True
            self.fields["username"].help_text = _("Optional: you can always sign in with your e-mail address.")

    def clean_username(self) -> str:
        username = self.cleaned_data.get("username", "").strip()
        if username and not all(ch.isalnum() or ch in "._-" for ch in username):
            raise forms.ValidationError(_("Use only letters, numbers and . - _ in a username."))
        if username and User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is taken. Choose another."))
        return username

    def clean_email(self) -> str:
        email = self.cleaned_data.get("email", "").strip()
        if email and User.objects.filter(email__iexact=email).exists():
            self.email_taken = True
            raise forms.ValidationError(
                _("There is already an account with this e-mail address. Sign in first, then come back.")
            )
        return email

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("email") and not data.get("username") and "email" not in self.errors:
            self.add_error("username", _("Choose a username, or give an e-mail address, so you can sign in."))
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords are not the same."))
        elif p1:
            guardian = self.invitation.guardian
            probe = User(
                username=data.get("username") or "",
                email=data.get("email") or "",
                first_name=guardian.first_name,
                last_name=guardian.last_name,
            )
            try:
                password_validation.validate_password(p1, user=probe)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("What the token is for, e.g. “Home tablet”."))
    scope = forms.ChoiceField(label=_("Access"), choices=ApiToken.Scope.choices, initial=ApiToken.Scope.READ)
    expires_on = forms.DateField(
        label=_("Expires on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for a token that works until you withdraw it."),
    )

    def clean_expires_on(self) -> dt.date | None:
        value = self.cleaned_data.get("expires_on")
        if value is not None and value <= timezone.localdate():
            raise forms.ValidationError(_("The expiry date must be in the future."))
        return value

    def expires_at(self) -> dt.datetime | None:
        value = self.cleaned_data.get("expires_on")
        if value is None:
            return None
        return timezone.make_aware(dt.datetime.combine(value, dt.time(23, 59, 59)))
