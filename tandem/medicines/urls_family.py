"""Family pages of medicines, under /family/medicines/."""

app_name = "medicines_family"
urlpatterns: list = []
