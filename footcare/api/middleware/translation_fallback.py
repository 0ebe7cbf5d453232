"""The Translation-Fallback header: which fields of an answer came in the default language."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

from footcare.api.language import FALLBACK_HEADER


class TranslationFallbackMiddleware:
    """Puts the fields a serializer reported as fallen back into ``Translation-Fallback``.

    Inside the stored-answer middleware, so that the header is stored with the answer.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        fallen = getattr(request, "translation_fallbacks", None)
        if fallen:
            response[FALLBACK_HEADER] = ", ".join(sorted(fallen))
        return response
