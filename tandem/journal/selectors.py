"""Reads of the learning journal, always starting from tandem.access.

Staff see the observations of children they may see in their setting (drafts included), with
every photo as it is and notes on what other families will see. A guardian sees only their own
children's published observations, each one already redacted for their family by
`feed_for_guardian` / `observation_for_guardian`: other children's names become "a friend" (in
the reader's language), and each photo is the original, a blurred copy or withheld
(tandem.journal.visibility). Templates and API schemas only show what they are given.
Another setting or another family gets 404, like an observation that does not exist."""

import datetime as dt
from dataclasses import dataclass, field
from uuid import UUID

from django.db.models import Count, Exists, F, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import pgettext

from tandem.access import rules
from tandem.core.audit import audit_log
from tandem.core.models import Child, Guardian, Setting
from tandem.journal.models import (
    Comment,
    HomeMoment,
    JournalSettings,
    Observation,
    ObservationChild,
    ObservationMedia,
    TriedAtHome,
)
from tandem.journal.text import child_names, redact_names, render_markdown
from tandem.journal.visibility import (
    ConsentMap,
    PhotoView,
    consent_map,
    photo_for_viewer,
    staff_notes_for_photo,
)
from tandem.media.models import FaceBox, MediaVariant

FEED_PAGE_SIZE = 50


def _valid_id(value) -> None:
    try:
        UUID(str(value))
    except ValueError as exc:
        raise Http404 from exc


def friend_word() -> str:
    """What another child is called in a family's view, in the active language."""
    return pgettext("another child's name hidden from a family", "a friend")


def _media_prefetch() -> Prefetch:
    """Photos with everything visibility needs, so a page costs the same whatever its length:
    the files, their copies, their face boxes and who is in each photo."""
    return Prefetch(
        "media_links",
        queryset=ObservationMedia.objects.select_related("media").prefetch_related(
            "children_in_photo", "media__variants", "media__faces"
        ),
    )


@dataclass(frozen=True)
class ChildName:
    """What a family's view needs of a child in an observation: the names to redact."""

    pk: UUID
    first_name: str
    last_name: str
    preferred_name: str

    @property
    def known_as(self) -> str:
        return self.preferred_name or self.first_name


@dataclass(frozen=True)
class VariantRef:
    name: str


@dataclass
class MediaRef:
    """What visibility and signing need of a MediaFile, read as plain values."""

    pk: UUID
    setting_id: UUID
    kind: str
    status: str
    content_type: str
    variant_list: list = field(default_factory=list)
    face_list: list = field(default_factory=list)


@dataclass
class LinkRef:
    media: MediaRef
    caption: str
    in_photo: list = field(default_factory=list)


def _load_feed_rows(observations: list[Observation]) -> None:
    """Attach child_list, media_list and area_list to each observation from six flat queries of
    plain values. A 50-item page would otherwise build some 600 model instances (each with its
    init signals), which cost more than the queries themselves."""

    by_id = {o.pk: o for o in observations}
    for o in observations:
        o.child_list, o.media_list, o.area_list = [], [], []
    names: dict = {}
    rows = ObservationChild.objects.filter(observation_id__in=by_id).values_list(
        "observation_id", "child_id", "child__first_name", "child__last_name", "child__preferred_name"
    )
    for obs_id, child_id, first, last, preferred in rows:
        names.setdefault(child_id, ChildName(child_id, first, last, preferred))
        by_id[obs_id].child_list.append(names[child_id])
    links: dict = {}
    media: dict = {}
    rows = (
        ObservationMedia.objects.filter(observation_id__in=by_id)
        .order_by("position", "id")
        .values_list(
            "id", "observation_id", "caption", "media_id", "media__setting_id", "media__kind", "media__status",
            "media__content_type",
        )
    )  # fmt: skip
    for link_id, obs_id, caption, media_id, setting_id, kind, status, content_type in rows:
        media.setdefault(media_id, MediaRef(media_id, setting_id, kind, status, content_type))
        links[link_id] = LinkRef(media=media[media_id], caption=caption)
        by_id[obs_id].media_list.append(links[link_id])
    through = ObservationMedia.children_in_photo.through
    for link_id, child_id in through.objects.filter(observationmedia_id__in=links).values_list(
        "observationmedia_id", "child_id"
    ):
        if child_id in names:  # only children of the observation can be tagged (services)
            links[link_id].in_photo.append(names[child_id])
    for media_id, name in MediaVariant.objects.filter(media_id__in=media).values_list("media_id", "name"):
        media[media_id].variant_list.append(VariantRef(name))
    for face in FaceBox.objects.filter(media_id__in=media, child__isnull=False):
        media[face.media_id].face_list.append(face)
    area_rows = list(
        Observation.areas.through.objects.filter(observation_id__in=by_id).values_list("observation_id", "area_id")
    )
    if area_rows:
        from tandem.curriculum.models import Area

        areas = Area.objects.in_bulk({a for _o, a in area_rows})
        for obs_id, area_id in area_rows:
            by_id[obs_id].area_list.append(areas[area_id])


def _children_prefetch() -> Prefetch:
    return Prefetch("child_links", queryset=ObservationChild.objects.select_related("child"))


def published_for_families(qs: QuerySet[Observation], now: dt.datetime | None = None) -> QuerySet[Observation]:
    """Only what families may read: published, and its release time has come."""
    now = now or timezone.now()
    return qs.filter(status=Observation.Status.PUBLISHED, published_at__isnull=False, published_at__lte=now)


# --- the family's view ----------------------------------------------------------------------------


@dataclass
class FamilyObservation:
    """One observation as one family reads it: names and photos already redacted for them."""

    observation: Observation
    child: Child
    text_html: str
    child_voice: str
    next_steps: str
    home_ideas: str
    photos: list[PhotoView]
    author_name: str
    areas: list[str]
    is_group: bool
    comment_count: int = 0
    tried_at_home: bool = False
    comments: list = field(default_factory=list)
    url: str = ""

    @property
    def pk(self):
        return self.observation.pk

    @property
    def occurred_at(self):
        return self.observation.occurred_at

    @property
    def first_photo(self) -> PhotoView | None:
        return next((p for p in self.photos if p.thumb_url), None)


def _redactor(*, own_children: list[Child], others: list[Child]):
    keep = [child_names(c) for c in own_children]
    names = [child_names(c) for c in others]
    word = friend_word()

    def redact(text: str) -> str:
        return redact_names(text, others=names, keep=keep, replacement=word) if names and text else text

    return redact


def _family_view(
    observation: Observation,
    *,
    child: Child,
    own_children: list[Child],
    viewer,
    consents: ConsentMap,
    full_size: bool = True,
) -> FamilyObservation:
    own_ids = {c.pk for c in own_children}
    in_observation = list(observation.child_list)
    others = [c for c in in_observation if c.pk not in own_ids]
    redact = _redactor(own_children=own_children, others=others)
    photos = []
    for link in observation.media_list:
        view = photo_for_viewer(
            media=link.media,
            children_in_photo=link.in_photo,
            viewer_children_ids=own_ids,
            consents=consents,
            viewer=viewer,
            caption=redact(link.caption),
            full_size=full_size,
        )
        if not view.withheld:
            photos.append(view)
    text_html = render_markdown(redact(observation.text_markdown)) if others else observation.text_html
    return FamilyObservation(
        observation=observation,
        child=child,
        text_html=text_html,
        child_voice=redact(observation.child_voice),
        next_steps=redact(observation.next_steps),
        home_ideas=redact(observation.home_ideas),
        photos=photos,
        author_name=_author_name(observation),
        areas=[a.display_name for a in observation.area_list],
        is_group=len(in_observation) > 1,
        comment_count=getattr(observation, "n_comments", 0),
        tried_at_home=getattr(observation, "tried", False),
    )


def _author_name(observation: Observation) -> str:
    """The author's name as User.display_name gives it, from the annotated columns."""
    if hasattr(observation, "author_first"):
        name = f"{observation.author_first} {observation.author_last}".strip()
        return name or observation.author_email or observation.author_username
    return observation.author.user.display_name


def _own_children(user) -> list[Child]:
    return list(Child.objects.filter(id__in=rules.guardian_child_ids(user)))


def _family_queryset(*, user, child: Child) -> QuerySet[Observation]:
    # Counted in subqueries, not by joining comments: a join would GROUP BY every column.
    thread = (
        Comment.objects.filter(observation=OuterRef("pk"), child=child, hidden_at__isnull=True)
        .order_by()
        .values("observation")
        .annotate(n=Count("pk"))
        .values("n")
    )
    tried = TriedAtHome.objects.filter(observation=OuterRef("pk"), child=child, guardian__user=user)
    return (
        published_for_families(Observation.objects.filter(setting_id=child.setting_id, child_links__child=child))
        .annotate(
            n_comments=Coalesce(Subquery(thread), 0),
            tried=Exists(tried),
            author_first=F("author__user__first_name"),
            author_last=F("author__user__last_name"),
            author_email=F("author__user__email"),
            author_username=F("author__user__username"),
        )
        .order_by("-occurred_at", "-created_at")
    )


def _consents_for(observations: list[Observation]) -> ConsentMap:
    ids = {c.pk for o in observations for link in o.media_list for c in link.in_photo}
    return consent_map(ids)


def family_views_for(
    observations: list[Observation], *, child: Child, own_children: list[Child], viewer, full_size: bool = True
) -> list[FamilyObservation]:
    """OBSERVATIONS as CHILD's family reads them (other children "a friend", photos by consent),
    for other readers of the family's view such as the journal to keep. The caller has checked
    that the family may see them (published, CHILD's). A fixed number of queries."""
    _load_feed_rows(observations)
    consents = _consents_for(observations)
    return [
        _family_view(o, child=child, own_children=own_children, viewer=viewer, consents=consents, full_size=full_size)
        for o in observations
    ]


def feed_for_guardian(
    *, user, child: Child, page: int = 1, full_size: bool = True
) -> tuple[list[FamilyObservation], bool]:
    """CHILD's published observations for USER (a guardian of CHILD: the caller got CHILD from
    rules.child_for_user and checked perms.is_guardian), newest first, FEED_PAGE_SIZE a page,
    each redacted for this family. Returns (items, whether there is a next page). The number of
    queries does not depend on the number of items. Without FULL_SIZE, photos come with their
    thumbnail link only (the feed page)."""
    page = max(1, page)
    start = (page - 1) * FEED_PAGE_SIZE
    observations = list(_family_queryset(user=user, child=child)[start : start + FEED_PAGE_SIZE + 1])
    has_next = len(observations) > FEED_PAGE_SIZE
    observations = observations[:FEED_PAGE_SIZE]
    _load_feed_rows(observations)
    own = _own_children(user)
    consents = _consents_for(observations)
    items = [
        _family_view(o, child=child, own_children=own, viewer=user, consents=consents, full_size=full_size)
        for o in observations
    ]
    return items, has_next


def observation_for_guardian(*, user, child: Child, observation_id) -> FamilyObservation:
    """One observation of CHILD as USER's family reads it, with CHILD's comment thread (hidden
    comments left out); 404 when it is not CHILD's or not published."""
    _valid_id(observation_id)
    observation = _family_queryset(user=user, child=child).filter(pk=observation_id).first()
    if observation is None:
        raise Http404
    _load_feed_rows([observation])
    own = _own_children(user)
    item = _family_view(observation, child=child, own_children=own, viewer=user, consents=_consents_for([observation]))
    item.comments = list(
        Comment.objects.filter(observation=observation, child=child, hidden_at__isnull=True)
        .select_related("author", "guardian")
        .order_by("created_at")
    )
    return item


def guardian_for_child(*, user, child: Child) -> Guardian:
    """USER's guardian record for CHILD; 404 when USER is not one of CHILD's guardians."""
    guardian = Guardian.objects.filter(user=user, child_links__child=child).select_related("preferences").first()
    if guardian is None:
        raise Http404
    return guardian


def home_moments_for_guardian(*, child: Child) -> QuerySet[HomeMoment]:
    return (
        HomeMoment.objects.filter(child=child)
        .select_related("guardian", "acknowledged_by__user")
        .prefetch_related("media__variants", "areas")
        .order_by("-occurred_on", "-created_at")
    )


# --- staff ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ObservationFilters:
    child: Child | None = None
    room_id: UUID | None = None
    area_id: int | None = None
    author_id: UUID | None = None
    status: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def observation_list_for_staff(
    *, user, setting: Setting, filters: ObservationFilters | None = None
) -> QuerySet[Observation]:
    """Observations in SETTING of children USER may see, newest first, filtered; with what the
    list shows (children, author, first photos, counts) in a fixed number of queries."""
    filters = filters or ObservationFilters()
    visible = rules.children_visible_to(user, setting=setting).values("id")
    qs = Observation.objects.filter(setting=setting, child_links__child_id__in=visible)
    if filters.child is not None:
        qs = qs.filter(child_links__child=filters.child)
    if filters.room_id:
        qs = qs.filter(child_links__child__room_id=filters.room_id)
    if filters.area_id:
        qs = qs.filter(areas__id=filters.area_id)
    if filters.author_id:
        qs = qs.filter(author_id=filters.author_id)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.date_from:
        qs = qs.filter(occurred_at__date__gte=filters.date_from)
    if filters.date_to:
        qs = qs.filter(occurred_at__date__lte=filters.date_to)
    ids = qs.values("pk")
    return (
        Observation.objects.filter(pk__in=ids)
        .select_related("author__user")
        .prefetch_related(
            _children_prefetch(),
            Prefetch(
                "media_links",
                queryset=ObservationMedia.objects.select_related("media").prefetch_related("media__variants"),
            ),
            "areas",
        )
        .annotate(n_comments=Count("comments", distinct=True))
        .order_by("-occurred_at", "-created_at")
    )


def observation_for_staff(*, user, setting: Setting, observation_id) -> Observation:
    """An observation in SETTING with at least one child USER may see; 404 otherwise. The read
    is logged."""
    _valid_id(observation_id)
    visible = rules.children_visible_to(user, setting=setting).values("id")
    observation = (
        Observation.objects.filter(setting=setting, pk=observation_id, child_links__child_id__in=visible)
        .select_related("author__user", "reviewed_by__user", "setting")
        .prefetch_related(_children_prefetch(), _media_prefetch(), "areas", "aspects", "statements", "characteristics")
        .distinct()
        .first()
    )
    if observation is None:
        raise Http404
    audit_log("journal.observation.viewed", actor=user, obj=observation, setting=setting)
    return observation


@dataclass(frozen=True)
class StaffPhoto:
    link: ObservationMedia
    view: PhotoView
    notes: list[str]


def photos_for_staff(*, observation: Observation, user) -> list[StaffPhoto]:
    """Every file of OBSERVATION as staff see it (the original) with notes on what other
    families will see: who is blurred, and why a photo is withheld ("no face found for Ada")."""
    links = list(observation.media_links.all())
    consents = consent_map({c.pk for link in links for c in link.children_in_photo.all()})
    result = []
    for link in links:
        in_photo = list(link.children_in_photo.all())
        result.append(
            StaffPhoto(
                link=link,
                view=photo_for_viewer(
                    media=link.media,
                    children_in_photo=in_photo,
                    viewer_children_ids=(),
                    consents=consents,
                    viewer=user,
                    is_staff=True,
                    caption=link.caption,
                ),
                notes=staff_notes_for_photo(media=link.media, children_in_photo=in_photo, consents=consents),
            )
        )
    return result


def comments_for_staff(*, observation: Observation) -> QuerySet[Comment]:
    """Every thread of OBSERVATION, hidden comments included (marked), by child then time."""
    return (
        Comment.objects.filter(observation=observation)
        .select_related("author", "guardian", "child", "hidden_by")
        .order_by("child__first_name", "created_at")
    )


def comment_for_staff(*, user, setting: Setting, comment_id) -> Comment:
    _valid_id(comment_id)
    visible = rules.children_visible_to(user, setting=setting).values("id")
    comment = (
        Comment.objects.filter(setting=setting, pk=comment_id, child_id__in=visible)
        .select_related("observation", "child")
        .first()
    )
    if comment is None:
        raise Http404
    return comment


def tried_at_home_for_observation(*, observation: Observation) -> QuerySet[TriedAtHome]:
    return TriedAtHome.objects.filter(observation=observation).select_related("child", "guardian")


def review_queue(*, user, setting: Setting) -> QuerySet[Observation]:
    """Observations waiting for a manager's review, oldest first."""
    return observation_list_for_staff(
        user=user, setting=setting, filters=ObservationFilters(status=Observation.Status.AWAITING_REVIEW)
    ).order_by("created_at")


def home_moments_for_staff(*, user, setting: Setting, only_new: bool = False) -> QuerySet[HomeMoment]:
    """Moments from home of children USER may see, newest first (not yet acknowledged first)."""
    visible = rules.children_visible_to(user, setting=setting).values("id")
    qs = HomeMoment.objects.filter(setting=setting, child_id__in=visible)
    if only_new:
        qs = qs.filter(acknowledged_at__isnull=True)
    return (
        qs.select_related("child__key_person__user", "guardian", "acknowledged_by__user")
        .prefetch_related("media__variants", "areas", "statements")
        .order_by("acknowledged_at", "-created_at")
    )


def home_moment_for_staff(*, user, setting: Setting, moment_id) -> HomeMoment:
    _valid_id(moment_id)
    moment = home_moments_for_staff(user=user, setting=setting).filter(pk=moment_id).first()
    if moment is None:
        raise Http404
    return moment


def tried_at_home_for_staff(*, user, setting: Setting, limit: int = 50) -> QuerySet[TriedAtHome]:
    """The latest "we tried this at home" from families of children USER may see."""
    visible = rules.children_visible_to(user, setting=setting).values("id")
    return (
        TriedAtHome.objects.filter(setting=setting, child_id__in=visible)
        .select_related("child__key_person__user", "guardian", "observation")
        .order_by("-created_at")[:limit]
    )


@dataclass(frozen=True)
class QuietGroup:
    key_person_name: str
    children: list[Child]


def children_without_recent_observations(*, user, setting: Setting, days: int | None = None) -> list[QuietGroup]:
    """Children who have not been observed for DAYS (the setting's quiet_days), grouped by key
    person, so nobody is forgotten. Two queries whatever the number of children."""
    if days is None:
        found = JournalSettings.objects.filter(setting=setting).values_list("quiet_days", flat=True).first()
        days = found or 14
    cutoff = timezone.now() - dt.timedelta(days=days)
    children = (
        rules.children_visible_to(user, setting=setting)
        .filter(leave_date__isnull=True)
        .annotate(last_observed=Max("observation_links__observation__occurred_at"))
        .filter(Q(last_observed__isnull=True) | Q(last_observed__lt=cutoff))
        .select_related("room", "key_person__user")
        .order_by("key_person__user__first_name", "last_observed", "first_name")
    )
    groups: dict[str, list[Child]] = {}
    for child in children:
        name = child.key_person.user.display_name if child.key_person else ""
        groups.setdefault(name, []).append(child)
    return [QuietGroup(key_person_name=name, children=kids) for name, kids in groups.items()]


def observations_for_child_staff(*, child: Child) -> QuerySet[Observation]:
    """A child's journal for staff (every status), newest first."""
    return (
        Observation.objects.filter(setting_id=child.setting_id, child_links__child=child)
        .select_related("author__user")
        .prefetch_related(
            _children_prefetch(),
            Prefetch(
                "media_links",
                queryset=ObservationMedia.objects.select_related("media").prefetch_related("media__variants"),
            ),
            "areas",
        )
        .annotate(n_comments=Count("comments", distinct=True))
        .order_by("-occurred_at", "-created_at")
    )
