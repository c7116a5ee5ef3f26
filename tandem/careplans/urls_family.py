"""Family pages of care plans, under /family/careplans/."""

app_name = "careplans_family"
urlpatterns: list = []
