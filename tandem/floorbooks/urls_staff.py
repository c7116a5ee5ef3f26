"""Staff pages of floorbooks, under /s/<setting_slug>/floorbooks/."""

from django.urls import path

from tandem.floorbooks import views

app_name = "floorbooks"
urlpatterns = [
    path("", views.index, name="index"),
    path("books/new/", views.book_create, name="book-create"),
    path("books/<uuid:book_id>/", views.book_detail, name="book-detail"),
    path("books/<uuid:book_id>/edit/", views.book_edit, name="book-edit"),
    path("books/<uuid:book_id>/add-page/", views.page_add, name="page-add"),
    path("photos/<int:photo_id>/tag/", views.photo_tag, name="photo-tag"),
    path("pages/<uuid:page_id>/move/", views.page_move, name="page-move"),
    path("pages/<uuid:page_id>/display/", views.page_display, name="page-display"),
    path("pages/<uuid:page_id>/moderate/", views.page_moderate, name="page-moderate"),
    path("comments/<uuid:comment_id>/moderate/", views.comment_moderate, name="comment-moderate"),
    path("waiting/", views.moderation, name="moderation"),
    path("rooms/<uuid:room_id>/board/", views.board, name="board"),
    path("posts/<uuid:post_id>/display/", views.post_display, name="post-display"),
    path("posts/<uuid:post_id>/remove/", views.post_remove, name="post-remove"),
    path("screens/", views.displays, name="displays"),
    path("screens/<uuid:display_id>/revoke/", views.display_revoke, name="display-revoke"),
]
