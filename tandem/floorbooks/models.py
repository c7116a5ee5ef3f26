"""Floor books (a room's or group's shared book of photos, drawings and children's words) and
room boards (short posts for a room's families, and a screen by the door).

Who sees what is decided at read time in tandem.floorbooks.visibility from the children's
CURRENT consents: nothing here stores a "visible" flag, so a withdrawn consent takes effect at
once, also for what was published before."""

import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager


class Moderation(models.TextChoices):
    """Pages and comments from families wait for a member of staff."""

    PENDING = "pending", _("Waiting for staff")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not approved")


class FloorBook(models.Model):
    """A shared book of one room, or of a named group of children (e.g. "Forest school")."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    room = models.ForeignKey(
        "core.Room", on_delete=models.PROTECT, null=True, blank=True, related_name="floor_books", verbose_name=_("room")
    )
    group_name = models.CharField(_("group"), max_length=100, blank=True)
    members = models.ManyToManyField(
        "core.Child", blank=True, related_name="floor_books", verbose_name=_("children in the group")
    )
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("what it is about"), max_length=1000, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    archived = models.BooleanField(_("archived"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("floor book")
        verbose_name_plural = _("floor books")
        ordering = ["archived", "-updated_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(room__isnull=False) | ~models.Q(group_name=""),
                name="floorbook_room_or_group",
            )
        ]
        indexes = [models.Index(fields=["setting", "room", "archived"], name="floorbook_room")]

    def __str__(self) -> str:
        return self.title

    @property
    def belongs_to(self) -> str:
        return self.room.name if self.room_id else self.group_name

    def clean(self) -> None:
        if not self.room_id and not self.group_name.strip():
            raise ValidationError({"room": _("Choose a room, or name the group this book belongs to.")})
        if self.room_id and self.setting_id and self.room.setting_id != self.setting_id:
            raise ValidationError({"room": _("This room belongs to another setting.")})


class FloorBookPage(models.Model):
    """One page: photos of what happened or of the children's drawings, and their own words.
    A page a family adds waits for staff (pending) and families see approved pages only."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    book = models.ForeignKey(FloorBook, on_delete=models.CASCADE, related_name="pages")
    order = models.PositiveIntegerField(_("page number"), default=0)
    caption = models.TextField(_("what happened"), max_length=2000, blank=True)
    children_words = models.TextField(
        _("the children's own words"), max_length=2000, blank=True, help_text=_("One quote a line.")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    by_guardian = models.ForeignKey(
        "core.Guardian", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )  # set when a family added the page from home
    status = models.CharField(_("status"), max_length=10, choices=Moderation.choices, default=Moderation.APPROVED)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.CharField(_("reason"), max_length=300, blank=True)
    cleared_for_display = models.BooleanField(_("show on the room's screen"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("floor book page")
        ordering = ["order", "created_at"]
        indexes = [models.Index(fields=["book", "status", "order"], name="floorbookpage_book")]

    def __str__(self) -> str:
        return f"{self.book} · {self.order}"

    @property
    def quotes(self) -> list[str]:
        return [line.strip() for line in self.children_words.splitlines() if line.strip()]


class FloorBookPhoto(models.Model):
    """A photo (or a scanned drawing) on a page, and which children appear in it: the tags
    decide who must be blurred for whom (tandem.floorbooks.visibility)."""

    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    page = models.ForeignKey(FloorBookPage, on_delete=models.CASCADE, related_name="photos")
    media = models.ForeignKey("media.MediaFile", on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)
    children_in_photo = models.ManyToManyField("core.Child", blank=True, related_name="+")

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("floor book photo")
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["page", "media"], name="floorbookphoto_once")]


class FloorBookComment(models.Model):
    """A family's comment on a book or one of its pages; other families see it once approved."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    book = models.ForeignKey(FloorBook, on_delete=models.CASCADE, related_name="comments")
    page = models.ForeignKey(FloorBookPage, on_delete=models.CASCADE, null=True, blank=True, related_name="comments")
    guardian = models.ForeignKey("core.Guardian", on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"), max_length=1000)
    status = models.CharField(_("status"), max_length=10, choices=Moderation.choices, default=Moderation.PENDING)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("floor book comment")
        ordering = ["created_at"]
        indexes = [models.Index(fields=["book", "status"], name="floorbookcomment_book")]


class RoomBoardPost(models.Model):
    """A short post for a room's families ("Wellies tomorrow!"), on their phones and, once a
    member of staff clears it, on the screen by the door."""

    class Kind(models.TextChoices):
        TODAY = "today", _("What we did today")
        WE_NEED = "we_need", _("What we need")
        REMINDER = "reminder", _("Reminder")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    room = models.ForeignKey("core.Room", on_delete=models.PROTECT, related_name="board_posts", verbose_name=_("room"))
    kind = models.CharField(_("kind of post"), max_length=10, choices=Kind.choices, default=Kind.TODAY)
    text = models.TextField(_("text"), max_length=500, help_text=_("Short. You can use *Markdown*."))
    text_html = models.TextField(editable=False, blank=True)  # rendered from text and cleaned by nh3
    photo = models.ForeignKey("media.MediaFile", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    children_in_photo = models.ManyToManyField("core.Child", blank=True, related_name="+")
    cleared_for_display = models.BooleanField(_("show on the room's screen"), default=False)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    expires_at = models.DateTimeField(_("show until"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)  # taken down; kept for the record

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("room board post")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["room", "removed_at", "created_at"], name="boardpost_room")]

    def __str__(self) -> str:
        return self.text[:40]


def new_display_token() -> str:
    return secrets.token_urlsafe(32)


class RoomDisplay(models.Model):
    """A secret link for a screen by a room's door: no sign-in, so the link is the key. A
    manager can revoke it at once (the screen then shows nothing: 404)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    setting = models.ForeignKey("core.Setting", on_delete=models.PROTECT, related_name="+")
    room = models.ForeignKey("core.Room", on_delete=models.PROTECT, related_name="displays", verbose_name=_("room"))
    name = models.CharField(_("where the screen is"), max_length=100, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_display_token, editable=False)
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(setting="setting")

    class Meta:
        verbose_name = _("room display")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name or str(self.room)
