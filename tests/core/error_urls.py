"""The product's URLconf plus one page that fails, to see the 500 page a visitor gets."""

from django.urls import path

from reisgids.urls import handler404  # noqa: F401
from reisgids.urls import urlpatterns as product_urlpatterns


def failing_page(request):
    raise RuntimeError("kapot")


urlpatterns = [path("test-kapot/", failing_page), *product_urlpatterns]
