"""Staff pages of floorbooks, under /s/<setting_slug>/floorbooks/."""

app_name = "floorbooks"
urlpatterns: list = []
