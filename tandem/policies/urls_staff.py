"""Staff pages of policies, under /s/<setting_slug>/policies/."""

app_name = "policies"
urlpatterns: list = []
