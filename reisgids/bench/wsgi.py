"""WSGI for the load test: the platform with the bench URLconf (the floor route added)."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reisgids.settings")

from django.conf import settings
from django.core.wsgi import get_wsgi_application

settings.ROOT_URLCONF = "reisgids.bench.urls"
application = get_wsgi_application()
