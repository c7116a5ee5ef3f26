"""Staff pages of vision, values and consultations, under /s/<setting_slug>/consultations/."""

app_name = "consultations"
urlpatterns: list = []
