"""``?lang=`` picks the content language, ahead of ``Accept-Language``."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils import translation

from footcare.api.problems import is_api_request, validation_problem

LANGUAGE_PARAM = "lang"


class QueryLanguageMiddleware:
    """Activates the language named by ``?lang=`` on API requests.

    Sits after LocaleMiddleware, which has already chosen from ``Accept-Language`` and which
    reports the final choice in ``Content-Language`` on the way out. An unsupported code is
    a 400: silently answering in another language would hide the client's mistake.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.supported = [code for code, _name in settings.LANGUAGES]

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        requested = request.GET.get(LANGUAGE_PARAM) if is_api_request(request) else None
        if requested is None:
            return self.get_response(request)
        if requested not in self.supported:
            message = (
                f"Language {requested!r} is not available; choose one of "
                f"{', '.join(self.supported)}."
            )
            return validation_problem([{"field": LANGUAGE_PARAM, "message": message}])
        translation.activate(requested)
        request.LANGUAGE_CODE = requested
        return self.get_response(request)
