"""The language of API answers: ``?lang=``, else ``Accept-Language``, and nothing else."""

from collections.abc import Callable
from functools import cache
from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.db.models import Model
from django.http import HttpRequest, HttpResponseBase
from django.utils import translation
from modeltranslation.translator import NotRegistered, translator

from footcare.api.problems import is_api_request, validation_problem

LANGUAGE_PARAM = "lang"


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


# Which texts of an answer are in the default language because the requested one has none yet:
# `zone.caution, step.tip` (resource.field, each once). Absent when nothing fell back.
FALLBACK_HEADER = "Translation-Fallback"


@cache
def _translated_fields(model: type[Model]) -> frozenset[str]:
    try:
        return frozenset(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return frozenset()


class ReportsTranslationFallbacks:
    """A model serializer mixin: notes on the request each field it served in the default
    language because the requested language's text is empty (modeltranslation falls back)."""

    def to_representation(self, instance: Any) -> Any:
        data = super().to_representation(instance)  # type: ignore[misc]
        language = translation.get_language()
        request = self.context.get("request")  # type: ignore[attr-defined]
        translated = _translated_fields(type(instance))  # type: ignore[arg-type]
        if not translated or request is None or language == settings.LANGUAGE_CODE:
            return data
        http_request = getattr(request, "_request", request)  # DRF's request wraps Django's
        fallen = getattr(http_request, "translation_fallbacks", None)
        if fallen is None:
            fallen = http_request.translation_fallbacks = set()
        resource = type(instance)._meta.model_name
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            if (
                field.source in translated
                and name in data
                and not getattr(instance, f"{field.source}_{language}", None)
                and getattr(instance, f"{field.source}_{settings.LANGUAGE_CODE}", None)
            ):
                fallen.add(f"{resource}.{name}")
        return data


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
