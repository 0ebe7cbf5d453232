"""footcare's admin site: Django's own, whose index shows the editors' dashboard."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.template.response import TemplateResponse

from footcare.dashboard import build


class FootcareAdminSite(admin.AdminSite):
    """The site every app registers its admins with (``admin.site``: ``FootcareAdminConfig``
    makes it the default), with the dashboard (``footcare.dashboard``) on its index.

    Only the index changes; the template ``admin/index.html`` of footcare shows the dashboard
    above the app list.
    """

    def index(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> TemplateResponse:
        # Only staff get here: the site wraps its index in admin_view, which sends anyone
        # else to the login page.
        context = {"dashboard": build(request, self), **(extra_context or {})}
        return super().index(request, extra_context=context)
