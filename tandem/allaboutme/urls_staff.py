"""Staff pages of all about me, under /s/<setting_slug>/allaboutme/."""

app_name = "allaboutme"
urlpatterns: list = []
