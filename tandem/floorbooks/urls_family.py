"""Family pages of floorbooks, under /family/floorbooks/."""

app_name = "floorbooks_family"
urlpatterns: list = []
