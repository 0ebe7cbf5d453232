"""Every answer with a body says how long it is (the whole site, not only the API)."""

from django.http import HttpRequest, HttpResponseBase
from django.utils.deprecation import MiddlewareMixin

NO_BODY = {204, 304}


class ContentLengthMiddleware(MiddlewareMixin):
    """Every answer with a body says how long it is.

    Django's CommonMiddleware does this only for answers that reach it; stored API answers and
    refusals (bad parameters, throttling) are made further out and went without, which leaves
    a client unable to show progress or tell a cut-off answer from a whole one. Outermost, so
    that it sees every answer as it leaves.
    """

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if (
            not response.streaming
            and response.status_code not in NO_BODY
            and not response.has_header("Content-Length")
        ):
            response["Content-Length"] = str(len(response.content))  # type: ignore[attr-defined]
        return response
