"""Which media type an API request will be answered in, known before its view runs.

A stored answer is shared by every request that would get the same bytes, so its key names the
media type the view will choose, not the ``Accept`` header that led to it: twenty spellings of
"JSON, please" are one answer. The choice is the view's own (its renderers, its content
negotiation, ``?format=``), run here on the request as the view will see it.
"""

from functools import lru_cache

from django.conf import settings
from django.http import Http404, HttpRequest
from django.urls import Resolver404, ResolverMatch, resolve
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.views import APIView


def negotiated_media_type(request: HttpRequest) -> str | None:
    """The media type of the renderer the view at ``request.path_info`` will choose; None when
    there is no REST framework view there, or when it will answer with a problem instead (no
    renderer matches ``Accept``: 406; a ``?format=`` it cannot make: 400)."""
    match = _resolved(request.path_info, getattr(request, "urlconf", None) or settings.ROOT_URLCONF)
    if match is None:
        return None
    view_class = getattr(match.func, "cls", None)
    if view_class is None or not issubclass(view_class, APIView):
        return None
    view = view_class(**getattr(match.func, "initkwargs", {}))
    try:
        renderer, _ = view.get_content_negotiator().select_renderer(
            Request(request), view.get_renderers(), view.get_format_suffix(**match.kwargs)
        )
    except (APIException, Http404):
        return None
    return str(renderer.media_type)


# Resolving costs more than the rest of a stored answer's way out; the URLconf does not
# change while a process runs (a test that swaps it names another). Bounded: a client that
# asks for many paths costs only the resolving it would cost anyway.
@lru_cache(maxsize=1024)
def _resolved(path: str, urlconf: str) -> ResolverMatch | None:
    try:
        return resolve(path, urlconf)
    except Resolver404:
        return None
