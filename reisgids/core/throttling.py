"""Rate limits outside the API: the client address, the login lockout key and public forms.

The API has DRF's throttles (settings ``REST_FRAMEWORK``); logins are guarded by django-axes.
Public forms that anyone can post (registration, password reset, the schouw guest pages) get
a simple fixed-window count per IP address in the cache: at most ``FORM_RATE_LIMIT`` posts per
``FORM_RATE_WINDOW_SECONDS`` per form (``GUEST_FORM_RATE_LIMIT`` for a schouw guest, who fills
in a whole round), after which the visitor sees a Dutch page with status 429.
"""

import functools
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import ngettext

from .errors import throttled_message


def client_ip(request) -> str:
    """The visitor's address: REMOTE_ADDR, or behind ``TRUSTED_PROXY_COUNT`` proxies the
    X-Forwarded-For entry the outermost trusted proxy added (the same rule as DRF's NUM_PROXIES)."""
    proxies = settings.REISGIDS.get("TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        addresses = [a.strip() for a in forwarded.split(",") if a.strip()]
        if addresses:
            return addresses[-min(proxies, len(addresses))]
    return request.META.get("REMOTE_ADDR", "")


def axes_username(request, credentials) -> str:
    """The login name as django-axes counts it: the e-mail address, trimmed and in lower case,
    so that ``Jan@Example.nl`` and ``jan@example.nl`` share one count (accounts are case-insensitive)."""
    field = settings.AXES_USERNAME_FORM_FIELD
    value = (credentials or {}).get(field) if credentials else None
    if value is None and request is not None:
        value = request.POST.get(field, "")
    return (value or "").strip().lower()


def rate_limit_hit(request, scope: str, *, limit_setting: str = "FORM_RATE_LIMIT") -> float | None:
    """Count one request of ``scope`` from this address; return the seconds to wait when over the
    limit, which is ``settings.REISGIDS[limit_setting]`` requests per window."""
    limit = settings.REISGIDS[limit_setting]
    window = settings.REISGIDS["FORM_RATE_WINDOW_SECONDS"]
    now = time.time()
    bucket = int(now // window)
    key = f"reisgids:rate:{scope}:{client_ip(request) or 'onbekend'}:{bucket}"
    cache.add(key, 0, timeout=window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 1)
        count = 1
    if count > limit:
        return (bucket + 1) * window - now
    return None


def rate_limited_response(request, wait: float):
    seconds = max(1, math.ceil(wait))
    minutes = max(1, math.ceil(seconds / 60))
    response = render(
        request,
        "core/rate_limited.html",
        {
            "message": throttled_message(seconds),
            "wait_text": ngettext(
                "Probeer het over %(minutes)d minuut opnieuw.",
                "Probeer het over %(minutes)d minuten opnieuw.",
                minutes,
            )
            % {"minutes": minutes},
        },
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response


def rate_limit(scope: str, *, methods=("POST",), limit_setting: str = "FORM_RATE_LIMIT"):
    """Decorate a view function: requests with one of ``methods`` count towards the limit of ``scope``."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods:
                wait = rate_limit_hit(request, scope, limit_setting=limit_setting)
                if wait is not None:
                    return rate_limited_response(request, wait)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class RateLimitMixin:
    """For class-based views: ``rate_limit_scope`` names the count; POSTs count by default."""

    rate_limit_scope = ""
    rate_limit_methods = ("POST",)
    rate_limit_setting = "FORM_RATE_LIMIT"

    def dispatch(self, request, *args, **kwargs):
        if request.method in self.rate_limit_methods:
            wait = rate_limit_hit(
                request, self.rate_limit_scope, limit_setting=self.rate_limit_setting
            )
            if wait is not None:
                return rate_limited_response(request, wait)
        return super().dispatch(request, *args, **kwargs)
