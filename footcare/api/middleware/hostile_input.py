"""Input no honest client sends is refused before any work is done for it.

Control characters (NUL, newline, …) have no place in a path or a query parameter: on
PostgreSQL a NUL in a slug made a 500, and a newline in a path forged lines in the log. And a
request for a host we do not serve is refused before a stored answer could be returned to it.
"""

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBadRequest, HttpResponseBase, HttpResponseNotFound

from footcare.api.problems import is_api_request, problem_response, validation_problem

CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


class RefuseHostileInputMiddleware:
    """404 for a path, 400 for a parameter with a control character; 400 for a foreign Host."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        request.get_host()  # DisallowedHost (a 400) unless ALLOWED_HOSTS has it
        if CONTROL_CHARACTERS.search(request.path):
            if is_api_request(request):
                return problem_response(404, "No path here contains control characters.")
            return HttpResponseNotFound("Not found.")
        bad = sorted(
            {
                name
                for name, values in request.GET.lists()
                if CONTROL_CHARACTERS.search(name)
                or any(CONTROL_CHARACTERS.search(value) for value in values)
            }
        )
        if bad:
            message = "Control characters are not allowed in query parameters."
            if is_api_request(request):
                return validation_problem(
                    [
                        {"field": CONTROL_CHARACTERS.sub("?", name), "message": message}
                        for name in bad
                    ]
                )
            return HttpResponseBadRequest(message)
        return self.get_response(request)
