"""Family pages of floorbooks, under /family/floorbooks/."""

from django.urls import path

from tandem.floorbooks import views_family

app_name = "floorbooks_family"
urlpatterns = [
    path("", views_family.index, name="index"),
    path("books/<uuid:book_id>/", views_family.book, name="book"),
    path("books/<uuid:book_id>/comment/", views_family.comment, name="comment"),
    path("books/<uuid:book_id>/add-page/", views_family.page_add, name="page-add"),
    path("rooms/<uuid:room_id>/board/", views_family.board, name="board"),
]
