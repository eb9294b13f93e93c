import json
import math

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from . import privacy, selectors, services
from .actions import Action, local_next
from .errors import ApplicationError, error_text, form_errors_text
from .forms import ErasureForm, RegisterForm
from .throttling import RateLimitMixin

# --- One base for every POST that calls a service -----------------------------------------------


class ServiceCallMixin:
    """The only place where a service's refusal becomes what the person sees.

    A refusal is an :class:`ApplicationError` or a ``ValidationError``: on a form, field errors go
    to their field and the rest to the top; without a form it becomes an error message.
    """

    refusals: tuple[type[Exception], ...] = (ApplicationError, ValidationError)
    request: HttpRequest

    def refuse(self, exc, form=None) -> None:
        if form is None:
            messages.error(self.request, error_text(exc))
        elif isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error_text(exc))


class ServiceActionView(ServiceCallMixin, View):
    """Every POST on an object's page: load the object, validate an optional form, call one
    service, say what happened and go back to the object (or a safe ``next``).

    Subclasses declare ``actions`` (slug → :class:`~reisgids.core.actions.Action`), the keyword
    the services take the object by (``object_argument``) and ``get_object()``. An action with
    ``confirm`` first shows a page that says what will happen; its button posts the same data
    again with ``confirmed``.
    """

    actions: dict[str, Action] = {}
    object_argument = "object"
    confirm_template_name = "components/confirm_page.html"
    missing_message = gettext_lazy("Dit onderdeel bestaat niet (meer).")
    missing = (ObjectDoesNotExist,)

    def get_object(self):  # pragma: no cover - every subclass says how it loads its object
        raise NotImplementedError

    def get_actor(self):
        return self.request.user

    def get_success_url(self) -> str:
        return local_next(self.request, self.object.get_absolute_url())

    def get_form_kwargs(self, action: Action) -> dict:
        return {}

    def invalid_form_text(self, form) -> str:
        return _("Dit is niet gelukt: %(e)s") % {"e": form_errors_text(form)}

    def post(self, request, *args, **kwargs):
        action = self.actions.get(kwargs.get("action", ""))
        if action is None:
            raise Http404
        self.action = action
        self.object = self.get_object()
        cleaned = {}
        if action.form is not None:
            form = action.form(request.POST, request.FILES, **self.get_form_kwargs(action))
            if not form.is_valid():
                messages.error(request, self.invalid_form_text(form))
                return redirect(self.get_success_url())
            cleaned = dict(form.cleaned_data)
        if action.confirm is not None and not request.POST.get("confirmed"):
            return self.confirmation(action)
        try:
            arguments = (
                action.arguments(self, cleaned)
                if action.arguments is not None
                else {self.object_argument: self.object, **cleaned}
            )
            result = action.service(actor=self.get_actor(), **arguments)
        except self.refusals as exc:
            self.refuse(exc)
        except self.missing:
            messages.error(request, self.missing_message)
        else:
            if isinstance(result, HttpResponse):
                return result
            message = action.success_message(result, cleaned)
            if message:
                messages.success(request, message)
        return redirect(self.get_success_url())

    def confirmation(self, action: Action) -> HttpResponse:
        """The page that asks first; it posts everything that was sent once more, confirmed."""
        posted = [
            (name, value)
            for name, values in self.request.POST.lists()
            if name not in ("csrfmiddlewaretoken", "confirmed")
            for value in values
        ]
        return render(
            self.request,
            self.confirm_template_name,
            {
                "confirm": action.confirm,
                "object": self.object,
                "posted": posted,
                "back": self.get_success_url(),
            },
        )


class ServiceFormView(ServiceCallMixin, FormView):
    """A form whose valid data go to one service; a refusal comes back on the form, with
    everything the person typed still in it."""

    success_message = ""

    def call(self, data):  # pragma: no cover - every subclass says which service it calls
        raise NotImplementedError

    def get_success_url(self, obj=None) -> str:
        return obj.get_absolute_url()

    def form_valid(self, form):
        try:
            obj = self.call(dict(form.cleaned_data))
        except self.refusals as exc:
            self.refuse(exc, form)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return redirect(self.get_success_url(obj))


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
