import json
import math

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from . import privacy, selectors, services
from .errors import ApplicationError
from .forms import ErasureForm, RegisterForm
from .throttling import RateLimitMixin


class HomeView(TemplateView):
    template_name = "core/home.html"


class RegisterView(RateLimitMixin, FormView):
    rate_limit_scope = "register"
    template_name = "registration/register.html"
    form_class = RegisterForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("dashboard")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            user = services.user_register(
                email=form.cleaned_data["email"],
                name=form.cleaned_data["name"],
                password=form.cleaned_data["password"],
                preferred_language=form.cleaned_data["preferred_language"],
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        login(self.request, user, backend="reisgids.core.backends.StaffModelBackend")
        messages.success(self.request, _("Welkom! Uw account is aangemaakt."))
        return redirect("dashboard")


class HealthView(View):
    """Liveness and readiness for load balancers and monitoring: 503 when a dependency is down."""

    def get(self, request):
        report, healthy = selectors.health()
        return JsonResponse(report, status=200 if healthy else 503)


class WebManifestView(View):
    """The web app manifest: name, colours and icons for a phone's home screen, in the visitor's language."""

    ICONS = [
        ("icons/icon-192.png", "192x192", "any"),
        ("icons/icon-512.png", "512x512", "any"),
        ("icons/icon-maskable-512.png", "512x512", "maskable"),
    ]

    def get(self, request):
        manifest = {
            "name": _("Reisgids zorg en welzijn Rotterdam"),
            "short_name": _("Reisgids"),
            "description": _(
                "Samenwerken tussen de gemeente Rotterdam en initiatieven in zorg en welzijn."
            ),
            "lang": request.LANGUAGE_CODE,
            "start_url": "/",
            "scope": "/",
            "display": "browser",
            "theme_color": "#00811f",
            "background_color": "#ffffff",
            "icons": [
                {"src": static(src), "sizes": sizes, "type": "image/png", "purpose": purpose}
                for src, sizes, purpose in self.ICONS
            ],
        }
        return JsonResponse(
            manifest,
            content_type="application/manifest+json",
            json_dumps_params={"ensure_ascii": False},
        )


class AccessibilityView(TemplateView):
    template_name = "core/accessibility.html"


class PrivacyView(TemplateView):
    template_name = "core/privacy.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            guest_retention_days=settings.REISGIDS["SCHOUW_GUEST_RETENTION_DAYS"],
            security_contact=settings.REISGIDS["SECURITY_CONTACT"],
            **kwargs,
        )


class MyDataView(LoginRequiredMixin, FormView):
    """ "Mijn gegevens": download everything as JSON, or ask for erasure (confirmed with the password)."""

    template_name = "core/my_data.html"
    form_class = ErasureForm

    def form_valid(self, form):
        try:
            privacy.user_erase(
                actor=self.request.user,
                user=self.request.user,
                password=form.cleaned_data["password"],
            )
        except ApplicationError as exc:
            form.add_error("password", exc.message)
            return self.form_invalid(form)
        logout(self.request)
        messages.success(
            self.request, _("Uw gegevens zijn verwijderd en uw account is geanonimiseerd.")
        )
        return redirect("core:home")


class MyDataExportView(LoginRequiredMixin, View):
    """The download: one JSON file with everything the platform holds about the logged-in person."""

    def get(self, request):
        data = privacy.personal_data(user=request.user)
        response = HttpResponse(
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        filename = f"reisgids-mijn-gegevens-{timezone.localdate():%Y-%m-%d}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "no-store"
        return response


def login_lockout(request, original_response=None, credentials=None):
    """django-axes: the Dutch page after too many failed logins, with status 429."""
    minutes = max(1, math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    response = render(request, "registration/lockout.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response
