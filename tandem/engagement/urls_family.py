"""Family pages of engagement and evidence, under /family/engagement/."""

app_name = "engagement_family"
urlpatterns: list = []
