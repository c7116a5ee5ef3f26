"""Staff pages of curriculum, under /s/<setting_slug>/curriculum/."""

app_name = "curriculum"
urlpatterns: list = []
