"""The admin's AppConfig, installed in place of ``django.contrib.admin``.

In a module of its own: an app module may name one AppConfig only (Django picks it by that),
and the site it points to (``footcare.admin.site``) uses models, which may not be imported
while INSTALLED_APPS is read.
"""

from django.contrib.admin.apps import AdminConfig


class FootcareAdminConfig(AdminConfig):
    """Django's admin with footcare's site as ``admin.site``, so that every
    ``admin.register`` registers with it and its index is the editors' dashboard."""

    default_site = "footcare.admin.site.FootcareAdminSite"
