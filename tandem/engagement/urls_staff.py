"""Staff pages of engagement and evidence, under /s/<setting_slug>/engagement/."""

from django.urls import path

from tandem.engagement import views

app_name = "engagement"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("my-families/", views.mine, name="mine"),
    path("evidence/", views.evidence_page, name="evidence"),
    path("evidence.pdf", views.evidence_pdf, name="evidence-pdf"),
]
