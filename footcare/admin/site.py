"""footcare's admin site: Django's own, whose index shows the editors' dashboard."""

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, URLResolver, path
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from footcare.admin.dashboard import Viewer, build, can_check_content
from footcare.content.findings import check_now


class FootcareAdminSite(admin.AdminSite):
    """The site every app registers its admins with (``admin.site``: ``FootcareAdminConfig``
    makes it the default), with the dashboard (``footcare.admin.dashboard``) on its index.

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

    def get_urls(self) -> list[URLResolver | URLPattern]:
        check = path(
            "content-check/",
            self.admin_view(require_POST(self.check_content)),
            name="content_check",
        )
        return [check, *super().get_urls()]

    def check_content(self, request: HttpRequest) -> HttpResponse:
        """Run every content rule now (a few seconds) and show the findings on the dashboard."""
        if not can_check_content(Viewer(request, self)):
            raise PermissionDenied
        found = len(check_now().findings)
        if found:
            text = ngettext(
                "Checked: %(count)d finding.", "Checked: %(count)d findings.", found
            ) % {"count": found}
            messages.warning(request, text)
        else:
            messages.success(request, _("Checked: the content keeps every rule."))
        return redirect(f"{self.name}:index")
