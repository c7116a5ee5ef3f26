"""Family pages of conversations, under /family/conversations/."""

app_name = "conversations_family"
urlpatterns: list = []
