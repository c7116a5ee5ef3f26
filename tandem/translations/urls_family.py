"""Family pages of translations, under /family/translations/."""

app_name = "translations_family"
urlpatterns: list = []
