"""Liveness and readiness probes for load balancers and orchestrators."""

import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from footcare.api.problems import problem_response


# Probes take no form and set no cookie: CSRF would only turn a wrong method into a 403.
@csrf_exempt
@never_cache
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """The process is up and answering; touches nothing else."""
    return JsonResponse({"status": "ok"})


def _cache_state() -> str:
    """``ok``, or ``unavailable``: answers then come from the database, slower but right."""
    probe = f"readyz:{uuid.uuid4().hex}"
    try:
        cache.set(probe, 1, timeout=5)
        found = cache.get(probe)
        cache.delete(probe)
    except Exception:  # any backend error: refused, timed out, …
        return "unavailable"
    return "ok" if found == 1 else "unavailable"


@csrf_exempt
@never_cache
@require_safe
def readyz(request: HttpRequest) -> HttpResponse:
    """Ready for traffic: the database answers a query. Reports the cache too, which the
    service can do without (not ready only when the database is down)."""
    cache_state = _cache_state()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return problem_response(
            503,
            f"The database is unreachable: {error.__class__.__name__}; cache: {cache_state}.",
            title="Not ready",
            headers={"Retry-After": "5"},
        )
    return JsonResponse({"status": "ready", "database": "ok", "cache": cache_state})
