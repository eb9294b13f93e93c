from django.contrib import messages
from django.contrib.auth import login
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from . import selectors, services
from .errors import ApplicationError
from .forms import RegisterForm


class HomeView(TemplateView):
    template_name = "core/home.html"


class RegisterView(FormView):
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
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(self.request, _("Welkom! Uw account is aangemaakt."))
        return redirect("dashboard")


class HealthView(View):
    """Liveness and readiness for load balancers and monitoring: 503 when a dependency is down."""

    def get(self, request):
        report, healthy = selectors.health()
        return JsonResponse(report, status=200 if healthy else 503)


class AccessibilityView(TemplateView):
    template_name = "core/accessibility.html"


class PrivacyView(TemplateView):
    template_name = "core/privacy.html"
