"""Staff pages of conversations, under /s/<setting_slug>/conversations/."""

app_name = "conversations"
urlpatterns: list = []
