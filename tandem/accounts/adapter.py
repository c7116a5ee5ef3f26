from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Nobody signs themselves up: staff accounts are made by a manager, family accounts by
    accepting an invitation (tandem.accounts.views.invitation_accept)."""

    def is_open_for_signup(self, request) -> bool:
        return False
