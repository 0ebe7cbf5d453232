"""The static files app as this project installs it (in a module of its own: an apps.py with
two AppConfig classes would leave Django to pick neither as the app's default)."""

from django.contrib.staticfiles.apps import StaticFilesConfig


class StaticFilesWithoutUnusedVendorStyles(StaticFilesConfig):
    """``django.contrib.staticfiles``, leaving out jQuery UI's stylesheets.

    The admin uses jQuery UI's script only (modeltranslation's tabs bring their own styles).
    Its theme stylesheet names icons in a comment in a way the production storage cannot
    resolve, so ``collectstatic`` would fail on files nobody loads.
    """

    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "jquery-ui*.css", "themes"]
