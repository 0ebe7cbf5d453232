"""The Translation-Fallback header: which fields of an answer came in the default language."""

from django.http import HttpRequest, HttpResponseBase
from django.utils.deprecation import MiddlewareMixin

from footcare.api.language import FALLBACK_HEADER


class TranslationFallbackMiddleware(MiddlewareMixin):
    """Puts the fields a serializer reported as fallen back into ``Translation-Fallback``.

    Inside the stored-answer middleware, so that the header is stored with the answer.
    """

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        fallen = getattr(request, "translation_fallbacks", None)
        if fallen:
            response[FALLBACK_HEADER] = ", ".join(sorted(fallen))
        return response
