"""The site's routes: admin, API v1 (the apps' routes, schema, docs), health probes.

It names no app: each app gives its API routes (``AppHooks.api_urlconfs``).
"""

from django.contrib import admin
from django.templatetags.static import static
from django.urls import URLPattern, URLResolver, include, path
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView, TemplateView
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from footcare.api.views.health import healthz, readyz
from footcare.api.views.index import ApiIndexView
from footcare.api.views.labels import LabelsView
from footcare.api.views.pictures import serve_picture
from footcare.api.views.redoc import serve_redoc_bundle
from footcare.api.views.sync import LeanSyncView, SyncView
from footcare.hooks import AppHooks, contributions

lazy_static = lazy(static, str)

v1_patterns: list[URLPattern | URLResolver] = [
    path("", ApiIndexView.as_view(), name="index"),
    # Each app's routes, in app order: the order of the contract's paths.
    *(path("", include(urlconf)) for urlconf in contributions(AppHooks.api_urlconfs)),
    path("sync/", SyncView.as_view(), name="sync"),
    path("sync/lean/", LeanSyncView.as_view(), name="lean-sync"),
    path("labels/", LabelsView.as_view(), name="labels"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file: no inline script, so the docs run
    # under a strict Content-Security-Policy.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="docs"),
    path(
        "redoc/",
        SpectacularRedocView.as_view(url_name="schema", template_name="footcare/redoc.html"),
        name="redoc",
    ),
    # Redoc's script without its request to Redocly's CDN (see the module).
    path("redoc/redoc.standalone.js", serve_redoc_bundle, name="redoc-bundle"),
]

urlpatterns = [
    # A page that says what this is and where to go; also the admin's "View site".
    path("", TemplateView.as_view(template_name="footcare/home.html"), name="home"),
    path("admin/", admin.site.urls),
    # Browsers ask for it on any page that names no icon (a JSON answer, an error page).
    # Looked up when asked: in production the hashed name exists only after collectstatic,
    # which runs after migrate (and its checks load this module).
    path(
        "favicon.ico", RedirectView.as_view(url=lazy_static("footcare/favicon.svg")), name="favicon"
    ),
    # The admin's language switch posts here (Django's set_language; a cookie remembers it).
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include((v1_patterns, "v1"))),
    # Pictures by the digest of their bytes: never change, cached for a year.
    path("pictures/<str:name>", serve_picture, name="picture"),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
]

admin.site.site_header = _("footcare content")
admin.site.site_title = _("footcare admin")
admin.site.index_title = _("Content")
