"""The product's URLconf plus two views built on the core bases, over the kompas's own services."""

from django import forms
from django.shortcuts import get_object_or_404
from django.urls import path

from kompas import services as kompas_services
from kompas.models import Edition
from reisgids.core.actions import Action, Confirm
from reisgids.core.views import ServiceActionView, ServiceFormView
from reisgids.urls import handler404  # noqa: F401
from reisgids.urls import urlpatterns as product_urlpatterns


class SummaryForm(forms.Form):
    summary = forms.CharField(label="Samenvatting", max_length=200)


class EditionActions(ServiceActionView):
    object_argument = "edition"
    actions = {
        "summary": Action(
            service=kompas_services.edition_summary_set,
            form=SummaryForm,
            message=lambda edition, cleaned: f"Samenvatting opgeslagen: {cleaned['summary']}",
        ),
        "summary-confirmed": Action(
            service=kompas_services.edition_summary_set,
            form=SummaryForm,
            message="Opgeslagen na bevestiging.",
            confirm=Confirm(
                title="Samenvatting vervangen?", text="De oude samenvatting verdwijnt."
            ),
        ),
        "missing": Action(
            service=lambda *, actor, edition: Edition.objects.get(pk=0), message="Nooit."
        ),
    }

    def get_object(self):
        return get_object_or_404(Edition, pk=self.kwargs["pk"])


class SummaryFormView(ServiceFormView):
    form_class = SummaryForm
    template_name = "atlas/_form_page.html"
    success_message = "Opgeslagen."

    def call(self, data):
        edition = get_object_or_404(Edition, pk=self.kwargs["pk"])
        return kompas_services.edition_summary_set(actor=self.request.user, edition=edition, **data)


urlpatterns = [
    path("test/edities/<int:pk>/samenvatting/", SummaryFormView.as_view(), name="test-form"),
    path("test/edities/<int:pk>/<slug:action>/", EditionActions.as_view(), name="test-action"),
    *product_urlpatterns,
]
