"""API for the learning journal (mounted at /api/v1/): staff paths "/settings/{setting_slug}/journal/...",
family paths "/family/journal/...". Same access rules and the same redaction as the pages: a
guardian's observations come from journal.selectors already redacted for their family (other
children's names replaced, photos blurred or withheld), with links signed for the caller.
Bad input is a 422 in the one error shape, with the service's translated message."""

import datetime as dt
from typing import Annotated
from uuid import UUID

from django.http import Http404, HttpRequest
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from tandem.access import rules
from tandem.api.pagination import Pagination
from tandem.journal import selectors, services
from tandem.journal.models import Comment, HomeMoment, Observation

router = Router(tags=["journal"])

ChildId = Annotated[str, Path(description="The child's id (a UUID).")]
ObservationId = Annotated[str, Path(description="The observation's id (a UUID).")]


class PhotoOut(Schema):
    media_id: UUID
    kind: str
    url: str | None = Field(description="A link for you only, valid for 5 minutes; null while it is prepared.")
    thumb_url: str | None
    blurred: bool = Field(description="Some faces are blurred in this copy (families' view).")
    caption: str
    notes: list[str] = Field(default_factory=list, description="Staff only: what other families will see, and why.")
    children_in_photo: list[UUID] = Field(default_factory=list, description="Staff only: who is in it.")


class CommentOut(Schema):
    id: UUID
    child_id: UUID
    author: str
    from_family: bool
    text: str
    created_at: dt.datetime
    reply_to: UUID | None
    hidden: bool = Field(description="Hidden from families (staff still see it).")


class StaffObservationOut(Schema):
    id: UUID
    status: str
    occurred_at: dt.datetime
    author: str
    children: list[UUID]
    text_markdown: str
    text_html: str = Field(description="The text as HTML, cleaned by nh3.")
    child_voice: str
    next_steps: str
    home_ideas: str
    areas: list[str]
    leuven_wellbeing: int | None
    leuven_involvement: int | None
    publish_at: dt.datetime | None
    published_at: dt.datetime | None
    version: int


class StaffObservationDetailOut(StaffObservationOut):
    photos: list[PhotoOut]
    comments: list[CommentOut]
    publish_problems: list[str]


class FamilyObservationOut(Schema):
    id: UUID
    occurred_at: dt.datetime
    author: str
    text_html: str = Field(description="Other children's names replaced; cleaned by nh3.")
    child_voice: str
    next_steps: str
    home_ideas: str
    areas: list[str]
    photos: list[PhotoOut]
    comment_count: int
    tried_at_home: bool


class FamilyObservationDetailOut(FamilyObservationOut):
    comments: list[CommentOut]


class FamilyFeedOut(Schema):
    items: list[FamilyObservationOut]
    page: int
    has_next: bool


class ObservationIn(Schema):
    children: list[UUID] = Field(min_length=1, max_length=60)
    occurred_at: dt.datetime | None = None
    text_markdown: str = Field("", max_length=20000)
    child_voice: str = Field("", max_length=5000)
    next_steps: str = Field("", max_length=5000)
    home_ideas: str = Field("", max_length=5000)
    leuven_wellbeing: int | None = Field(None, ge=1, le=5)
    leuven_involvement: int | None = Field(None, ge=1, le=5)
    media: list[UUID] = Field(default_factory=list, max_length=30, description="Files uploaded through the media API.")
    areas: list[int] = Field(default_factory=list)
    statements: list[int] = Field(default_factory=list)


class PublishIn(Schema):
    publish_at: dt.datetime | None = Field(None, description="Show families from this time; empty for now.")


class CommentIn(Schema):
    text: str = Field(min_length=1, max_length=4000)
    child_id: UUID | None = Field(None, description="Staff: whose family's thread (required on group observations).")
    reply_to: UUID | None = None


class TriedIn(Schema):
    note: str = Field("", max_length=2000)


class HomeMomentIn(Schema):
    text: str = Field(min_length=1, max_length=4000)
    occurred_on: dt.date | None = None
    language: str = Field("", max_length=10)


class HomeMomentOut(Schema):
    id: UUID
    child_id: UUID
    guardian: str
    text: str
    language: str
    occurred_on: dt.date
    acknowledged_at: dt.datetime | None
    staff_note: str
    build_on_in_planning: bool
    media: list[UUID]

    @staticmethod
    def resolve_guardian(obj: HomeMoment) -> str:
        return obj.guardian.full_name

    @staticmethod
    def resolve_media(obj: HomeMoment) -> list[UUID]:
        return [m.pk for m in obj.media.all()]


class StaffFilters(Schema):
    child: str | None = Field(None, description="Only this child's observations (their id).")
    status: str = Field("", description="draft, awaiting_review or published.")


# --- presenting ------------------------------------------------------------------------------------


def _comment(c: Comment) -> dict:
    return {
        "id": c.pk,
        "child_id": c.child_id,
        "author": c.guardian.full_name if c.guardian_id else c.author.display_name,
        "from_family": c.guardian_id is not None,
        "text": c.text,
        "created_at": c.created_at,
        "reply_to": c.reply_to_id,
        "hidden": c.hidden_at is not None,
    }


def _staff_obs(o: Observation) -> dict:
    return {
        "id": o.pk,
        "status": o.status,
        "occurred_at": o.occurred_at,
        "author": o.author.user.display_name,
        "children": [link.child_id for link in o.child_links.all()],
        "text_markdown": o.text_markdown,
        "text_html": o.text_html,
        "child_voice": o.child_voice,
        "next_steps": o.next_steps,
        "home_ideas": o.home_ideas,
        "areas": [a.display_name for a in o.areas.all()],
        "leuven_wellbeing": o.leuven_wellbeing,
        "leuven_involvement": o.leuven_involvement,
        "publish_at": o.publish_at,
        "published_at": o.published_at,
        "version": o.version,
    }


def _photo(view, *, notes=(), children=()) -> dict:
    return {
        "media_id": view.media_id,
        "kind": view.kind,
        "url": view.url,
        "thumb_url": view.thumb_url,
        "blurred": view.blurred,
        "caption": view.caption,
        "notes": list(notes),
        "children_in_photo": list(children),
    }


def _family_obs(item: selectors.FamilyObservation) -> dict:
    return {
        "id": item.pk,
        "occurred_at": item.occurred_at,
        "author": item.author_name,
        "text_html": item.text_html,
        "child_voice": item.child_voice,
        "next_steps": item.next_steps,
        "home_ideas": item.home_ideas,
        "areas": item.areas,
        "photos": [_photo(p) for p in item.photos],
        "comment_count": item.comment_count,
        "tried_at_home": item.tried_at_home,
    }


def _staff(request: HttpRequest, setting_slug: str):
    membership = rules.membership_for_user(request.auth, setting_slug=setting_slug)
    rules.require(membership.perms, "can_view_children")
    return membership


def _own_child(request: HttpRequest, child_id: str):
    child, perms = rules.child_for_user(request.auth, child_id=child_id)
    if not perms.is_guardian:
        raise Http404
    return child


def _staff_detail(request: HttpRequest, membership, observation_id) -> dict:
    observation = selectors.observation_for_staff(
        user=request.auth, setting=membership.setting, observation_id=observation_id
    )
    photos = selectors.photos_for_staff(observation=observation, user=request.auth)
    return {
        **_staff_obs(observation),
        "photos": [
            _photo(p.view, notes=p.notes, children=[c.pk for c in p.link.children_in_photo.all()]) for p in photos
        ],
        "comments": [_comment(c) for c in selectors.comments_for_staff(observation=observation)],
        "publish_problems": services.publish_problems(observation) if observation.status != "published" else [],
    }


# --- staff -----------------------------------------------------------------------------------------


class StaffObservationPage(Schema):
    items: list[StaffObservationOut]
    count: int


@router.get(
    "/settings/{setting_slug}/journal/observations",
    response=StaffObservationPage,
    summary="Observations of children you may see, newest first",
)
def observation_list(
    request: HttpRequest, setting_slug: str, filters: Query[StaffFilters], paging: Query[Pagination.Input]
) -> dict:
    """Filtered by child and status; `limit` (at most 200) and `offset` as in every list. The
    number of queries does not depend on the number of observations."""
    membership = _staff(request, setting_slug)
    child = None
    if filters.child:
        child, _perms = rules.child_for_user(
            request.auth, child_id=filters.child, setting=membership.setting, audit=False
        )
    qs = selectors.observation_list_for_staff(
        user=request.auth,
        setting=membership.setting,
        filters=selectors.ObservationFilters(child=child, status=filters.status),
    )
    rows = qs[paging.offset : paging.offset + paging.limit]
    return {"items": [_staff_obs(o) for o in rows], "count": qs.count()}


@router.post(
    "/settings/{setting_slug}/journal/observations",
    response={201: StaffObservationDetailOut},
    summary="Save a draft observation",
)
def observation_create(request: HttpRequest, setting_slug: str, payload: ObservationIn) -> Status:
    """A draft of one or more children you may see, with files uploaded before through the
    media API. Photos start tagged with every child; publish when ready."""
    membership = _staff(request, setting_slug)
    setting = membership.setting
    children = [
        rules.child_for_user(request.auth, child_id=c, setting=setting, audit=False)[0] for c in payload.children
    ]
    from tandem.media.selectors import media_list_for_setting

    media = list(media_list_for_setting(user=request.auth, setting=setting).filter(pk__in=payload.media))
    if len(media) != len(set(payload.media)):
        raise Http404
    links = _curriculum_links(setting, payload.areas, payload.statements)
    observation = services.observation_create(
        setting=setting,
        author=membership.staff,
        by=request.auth,
        children=children,
        occurred_at=payload.occurred_at,
        text_markdown=payload.text_markdown,
        child_voice=payload.child_voice,
        next_steps=payload.next_steps,
        home_ideas=payload.home_ideas,
        leuven_wellbeing=payload.leuven_wellbeing,
        leuven_involvement=payload.leuven_involvement,
        media=media,
        **links,
    )
    return Status(201, _staff_detail(request, membership, observation.pk))


def _curriculum_links(setting, areas: list[int], statements: list[int]) -> dict:
    if not areas and not statements:
        return {}
    from tandem.curriculum.models import Area, Statement
    from tandem.curriculum.selectors import framework_for_setting

    framework = framework_for_setting(setting)
    found_areas = list(Area.objects.filter(framework=framework, pk__in=areas))
    found_statements = list(Statement.objects.filter(framework=framework, pk__in=statements))
    if len(found_areas) != len(set(areas)) or len(found_statements) != len(set(statements)):
        from django.core.exceptions import ValidationError
        from django.utils.translation import gettext as _

        raise ValidationError({"areas": _("Choose from the curriculum your setting uses.")})
    return {"areas": found_areas, "statements": found_statements}


@router.get(
    "/settings/{setting_slug}/journal/observations/{observation_id}",
    response=StaffObservationDetailOut,
    summary="One observation, as staff see it",
)
def observation_detail(request: HttpRequest, setting_slug: str, observation_id: ObservationId) -> dict:
    """Every photo as it is, with notes on what other families will see (who is blurred, why a
    photo is withheld), every comment thread (hidden comments marked)."""
    membership = _staff(request, setting_slug)
    return _staff_detail(request, membership, observation_id)


@router.post(
    "/settings/{setting_slug}/journal/observations/{observation_id}/publish",
    response=StaffObservationDetailOut,
    summary="Share with families (or send for review)",
)
def observation_publish(
    request: HttpRequest, setting_slug: str, observation_id: ObservationId, payload: PublishIn
) -> dict:
    """The author or a manager. When the setting asks a manager to review the author's work, it
    waits for review instead (status awaiting_review)."""
    membership = _staff(request, setting_slug)
    observation = selectors.observation_for_staff(
        user=request.auth, setting=membership.setting, observation_id=observation_id
    )
    if observation.author_id != membership.staff.pk:
        rules.require(membership.perms, "can_manage_staff")
    services.observation_publish(
        observation=observation,
        by=request.auth,
        staff=membership.staff,
        perms=membership.perms,
        publish_at=payload.publish_at,
    )
    return _staff_detail(request, membership, observation.pk)


@router.post(
    "/settings/{setting_slug}/journal/observations/{observation_id}/comments",
    response={201: CommentOut},
    summary="Reply in a family's thread",
)
def staff_comment(request: HttpRequest, setting_slug: str, observation_id: ObservationId, payload: CommentIn) -> Status:
    membership = _staff(request, setting_slug)
    observation = selectors.observation_for_staff(
        user=request.auth, setting=membership.setting, observation_id=observation_id
    )
    children = {link.child_id: link.child for link in observation.child_links.all()}
    child_id = payload.child_id or (next(iter(children)) if len(children) == 1 else None)
    if child_id not in children:
        from django.core.exceptions import ValidationError
        from django.utils.translation import gettext as _

        raise ValidationError({"child_id": _("Choose whose family's thread this reply is for.")})
    reply_to = (
        selectors.comment_for_staff(user=request.auth, setting=membership.setting, comment_id=payload.reply_to)
        if payload.reply_to
        else None
    )
    comment = services.comment_add(
        observation=observation, child=children[child_id], by=request.auth, text=payload.text, reply_to=reply_to
    )
    return Status(201, _comment(comment))


@router.get(
    "/settings/{setting_slug}/journal/home-moments",
    response=list[HomeMomentOut],
    summary="Moments families shared from home (new first)",
)
@paginate(Pagination)
def staff_home_moments(request: HttpRequest, setting_slug: str):
    membership = _staff(request, setting_slug)
    return selectors.home_moments_for_staff(user=request.auth, setting=membership.setting)


# --- families --------------------------------------------------------------------------------------


@router.get(
    "/family/journal/children/{child_id}/observations",
    response=FamilyFeedOut,
    summary="Your child's learning journal, newest first (50 a page)",
)
def family_feed(request: HttpRequest, child_id: ChildId, page: int = 1) -> dict:
    """Each observation as your family sees it: other children are "a friend", and photos of
    children whose families have not agreed to be seen by others are blurred or left out."""
    child = _own_child(request, child_id)
    page = max(1, page)
    items, has_next = selectors.feed_for_guardian(user=request.auth, child=child, page=page)
    return {"items": [_family_obs(i) for i in items], "page": page, "has_next": has_next}


@router.get(
    "/family/journal/children/{child_id}/observations/{observation_id}",
    response=FamilyObservationDetailOut,
    summary="One observation of your child, with your comment thread",
)
def family_observation(request: HttpRequest, child_id: ChildId, observation_id: ObservationId) -> dict:
    child = _own_child(request, child_id)
    item = selectors.observation_for_guardian(user=request.auth, child=child, observation_id=observation_id)
    return {**_family_obs(item), "comments": [_comment(c) for c in item.comments]}


@router.post(
    "/family/journal/children/{child_id}/observations/{observation_id}/comments",
    response={201: CommentOut},
    summary="Comment on an observation (the key person is told)",
)
def family_comment(
    request: HttpRequest, child_id: ChildId, observation_id: ObservationId, payload: CommentIn
) -> Status:
    child = _own_child(request, child_id)
    item = selectors.observation_for_guardian(user=request.auth, child=child, observation_id=observation_id)
    guardian = selectors.guardian_for_child(user=request.auth, child=child)
    reply_to = next((c for c in item.comments if c.pk == payload.reply_to), None)
    comment = services.comment_add(
        observation=item.observation,
        child=child,
        by=request.auth,
        guardian=guardian,
        text=payload.text,
        reply_to=reply_to,
    )
    return Status(201, _comment(comment))


@router.post(
    "/family/journal/children/{child_id}/observations/{observation_id}/tried",
    response=FamilyObservationOut,
    summary="We tried this at home",
)
def family_tried(request: HttpRequest, child_id: ChildId, observation_id: ObservationId, payload: TriedIn) -> dict:
    child = _own_child(request, child_id)
    item = selectors.observation_for_guardian(user=request.auth, child=child, observation_id=observation_id)
    guardian = selectors.guardian_for_child(user=request.auth, child=child)
    services.tried_at_home_record(
        observation=item.observation, child=child, guardian=guardian, by=request.auth, note=payload.note
    )
    return _family_obs(selectors.observation_for_guardian(user=request.auth, child=child, observation_id=item.pk))


@router.get(
    "/family/journal/children/{child_id}/home-moments",
    response=list[HomeMomentOut],
    summary="Moments from home you shared",
)
@paginate(Pagination)
def family_home_moments(request: HttpRequest, child_id: ChildId):
    child = _own_child(request, child_id)
    return selectors.home_moments_for_guardian(child=child)


@router.post(
    "/family/journal/children/{child_id}/home-moments",
    response={201: HomeMomentOut},
    summary="Share a moment from home (text; add photos on the page)",
)
def family_home_moment_add(request: HttpRequest, child_id: ChildId, payload: HomeMomentIn) -> Status:
    child = _own_child(request, child_id)
    guardian = selectors.guardian_for_child(user=request.auth, child=child)
    moment = services.home_moment_add(
        child=child,
        guardian=guardian,
        by=request.auth,
        text=payload.text,
        language=payload.language,
        occurred_on=payload.occurred_on,
    )
    return Status(201, moment)
