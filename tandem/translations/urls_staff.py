"""Staff pages of translations, under /s/<setting_slug>/translations/."""

app_name = "translations"
urlpatterns: list = []
