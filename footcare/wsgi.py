"""WSGI entry point, as gunicorn runs it: ``gunicorn footcare.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "footcare.settings")

application = get_wsgi_application()
