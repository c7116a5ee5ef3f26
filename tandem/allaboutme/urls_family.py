"""Family pages of all about me, under /family/allaboutme/."""

app_name = "allaboutme_family"
urlpatterns: list = []
