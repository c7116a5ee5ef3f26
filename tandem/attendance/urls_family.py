"""Family pages of attendance, under /family/attendance/."""

app_name = "attendance_family"
urlpatterns: list = []
