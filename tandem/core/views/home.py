from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from tandem.access import rules
from tandem.core.models import WorkerHeartbeat


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Send each person to their own home: one setting → its staff home; a guardian → the
    family home; an organisation lead → the overview; several → a short chooser."""
    memberships = rules.memberships_for_user(request.user)
    organisations = list(rules.organisations_led_by(request.user))
    guardian = rules.is_guardian(request.user)
    places = len(memberships) + len(organisations) + (1 if guardian else 0)
    if places == 1:
        if memberships:
            return redirect("staff:home", setting_slug=memberships[0].setting.slug)
        if organisations:
            return redirect("org:overview", organisation_slug=organisations[0].slug)
        return redirect("family:home")
    return render(
        request,
        "core/choose_place.html",
        {"memberships": memberships, "organisations": organisations, "is_guardian": guardian},
    )


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring. 503 when the database does not answer. The worker's
    heartbeat is reported too; it only turns the answer into 503 with ?require=worker (for the
    monitoring that should page someone), so a stopped worker never makes a load balancer take
    every app server out of service."""
    result: dict = {"database": "ok", "worker": "unknown"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        beat = WorkerHeartbeat.objects.filter(name="default").first()
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return JsonResponse({"database": "error", "worker": "unknown"}, status=503)
    if beat is None:
        result["worker"] = "missing"
    else:
        age = (timezone.now() - beat.beat_at).total_seconds()
        result["worker_last_seen_seconds"] = int(age)
        result["worker"] = "ok" if age <= settings.WORKER_STALE_SECONDS else "stale"
    worker_required = request.GET.get("require") == "worker"
    status = 503 if worker_required and result["worker"] != "ok" else 200
    return JsonResponse(result, status=status)
