"""The language of an API answer: ``?lang=``, else ``Accept-Language``.

See ``footcare.api.language``.
"""

from collections.abc import Callable
from urllib.parse import unquote_plus

from django.http import HttpRequest, HttpResponseBase, QueryDict
from django.utils import translation

from footcare.api.language import (
    LANGUAGE_PARAM,
    language_from_accept,
    language_of,
    supported_languages,
)
from footcare.api.problems import is_api_request, validation_problem


def _with_language(query: str, language: str) -> str:
    """``query`` with each ``lang=`` spelt as the language it chose (``lang=ru-RU``:
    ``lang=ru``), the rest as the client sent it."""
    pairs = query.split("&")
    return "&".join(
        f"{LANGUAGE_PARAM}={language}"
        if unquote_plus(pair.partition("=")[0]) == LANGUAGE_PARAM
        else pair
        for pair in pairs
    )


class ApiLanguageMiddleware:
    """Chooses the language of API requests from ``?lang=``, else from ``Accept-Language``.

    Sits after LocaleMiddleware, which chooses for every request and reports the final choice
    in ``Content-Language`` on the way out. LocaleMiddleware prefers the language cookie (the
    admin's language switch sets it); API answers are shared by caches that key them on what
    their ``Vary`` names (``Accept-Language``), so the cookie must not choose them. An
    unsupported ``?lang=`` is a 400: silently answering in another language would hide the
    client's mistake.

    Both read tags alike (``footcare.api.language.language_of``). A ``?lang=`` spelt otherwise
    than the code it names is rewritten to that code before anything reads the query: the
    answer, its links and its stored copy are those of ``?lang=ru`` for ``?lang=ru-RU``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not is_api_request(request):
            return self.get_response(request)
        requested = request.GET.get(LANGUAGE_PARAM)
        if requested is None:
            language = language_from_accept(request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
        else:
            found = language_of(requested)
            if found is None:
                message = (
                    f"Language {requested!r} is not available; choose one of "
                    f"{', '.join(supported_languages())} (in any case, with or without a "
                    "region: ru, RU, ru-RU and ru_RU are all ru)."
                )
                return validation_problem([{"field": LANGUAGE_PARAM, "message": message}])
            language = found
            if requested != language:
                query = _with_language(request.META.get("QUERY_STRING", ""), language)
                request.META["QUERY_STRING"] = query
                request.GET = QueryDict(query)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        return self.get_response(request)
