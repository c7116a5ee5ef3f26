"""Tandem's API: /api/v1/, OpenAPI at /api/openapi.json, docs at /api/docs.
Routers live in tandem/api/routers/; each endpoint asks tandem.access like the pages do."""

from ninja import NinjaAPI, Router, Schema
from ninja.security import SessionAuth


class SessionOrToken(SessionAuth):
    """A signed-in browser (with CSRF) or a personal access token (ApiTokenMiddleware has
    already put its owner on request.user)."""

    def __call__(self, request):
        if getattr(request, "api_token", None) is not None:
            return request.user
        return super().__call__(request)


api = NinjaAPI(
    title="Tandem API",
    version="1",
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
    auth=SessionOrToken(),
)

v1 = Router()


class MeOut(Schema):
    id: str
    display_name: str
    email: str
    language: str


@v1.get("/me", response=MeOut, tags=["accounts"])
def me(request):
    """The signed-in person."""
    user = request.user
    return {
        "id": str(user.pk),
        "display_name": user.display_name,
        "email": user.email,
        "language": user.language,
    }


api.add_router("/v1/", v1)
