"""Staff pages for family invitations, under /s/<setting_slug>/admin/invitations/."""

urlpatterns: list = []
