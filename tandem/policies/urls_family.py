"""Family pages of policies, under /family/policies/."""

app_name = "policies_family"
urlpatterns: list = []
