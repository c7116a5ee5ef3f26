"""Family pages of care, under /family/care/."""

app_name = "care_family"
urlpatterns: list = []
