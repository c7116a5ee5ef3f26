"""Staff pages of translations, under /s/<setting_slug>/translations/."""

from django.urls import path

from tandem.translations import views

app_name = "translations"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("languages/", views.languages, name="languages"),
    path("texts/<uuid:translation_id>/", views.translate, name="translate"),
    path("glossary/", views.glossary, name="glossary"),
    path("glossary/<uuid:term_id>/remove/", views.glossary_remove, name="glossary-remove"),
    path("staff-language/", views.staff_language, name="staff-language"),
]
