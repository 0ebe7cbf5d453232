"""The language of an API answer: ``?lang=``, else ``Accept-Language``.

See ``footcare.api.language``.
"""

from collections.abc import Callable
from types import SimpleNamespace

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils import translation

from footcare.api.language import LANGUAGE_PARAM
from footcare.api.problems import is_api_request, validation_problem


class ApiLanguageMiddleware:
    """Chooses the language of API requests from ``?lang=``, else from ``Accept-Language``.

    Sits after LocaleMiddleware, which chooses for every request and reports the final choice
    in ``Content-Language`` on the way out. LocaleMiddleware prefers the language cookie (the
    admin's language switch sets it); API answers are shared by caches that key them on what
    their ``Vary`` names (``Accept-Language``), so the cookie must not choose them. An
    unsupported ``?lang=`` is a 400: silently answering in another language would hide the
    client's mistake.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.supported = [code for code, _name in settings.LANGUAGES]

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not is_api_request(request):
            return self.get_response(request)
        requested = request.GET.get(LANGUAGE_PARAM)
        if requested is None:
            # Django's own choice from Accept-Language, as nginx's map mirrors it, with the
            # cookie left out.
            without_cookie = SimpleNamespace(COOKIES={}, META=request.META)
            requested = translation.get_language_from_request(without_cookie)  # type: ignore[arg-type]
        elif requested not in self.supported:
            message = (
                f"Language {requested!r} is not available; choose one of "
                f"{', '.join(self.supported)}."
            )
            return validation_problem([{"field": LANGUAGE_PARAM, "message": message}])
        translation.activate(requested)
        request.LANGUAGE_CODE = requested
        return self.get_response(request)
