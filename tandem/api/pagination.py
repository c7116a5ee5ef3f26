"""limit/offset pagination for every list: `{"items": [...], "count": N}`. The limit is
bounded (50 by default, 200 at most) whatever the Django settings say, so no request can ask
for a whole setting's children at once; a larger limit is a validation_error."""

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


class Pagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="How many items (at most 200).")
        offset: int = Field(0, ge=0, description="How many items to skip.")

    def __init__(self, **kwargs) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
