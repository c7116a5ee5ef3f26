"""Family pages of vision, values and consultations, under /family/consultations/."""

app_name = "consultations_family"
urlpatterns: list = []
