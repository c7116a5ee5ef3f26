"""Staff pages of engagement and evidence, under /s/<setting_slug>/engagement/."""

app_name = "engagement"
urlpatterns: list = []
