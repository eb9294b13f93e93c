"""The bench's URLconf: every route of the platform plus the floor. Only the bench uses it
(ROOT_URLCONF in the bench process and its gunicorn); the platform's own URLconf has no floor."""

from django.urls import path

from reisgids.urls import urlpatterns as platform_urlpatterns

from .views import FloorView

urlpatterns = [path("bench/vloer/", FloorView.as_view(), name="bench-floor"), *platform_urlpatterns]
