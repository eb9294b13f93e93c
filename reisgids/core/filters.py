"""The filters of the audit trail page."""

import django_filters
from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent
from .query import record_filter

# The records whose trail the page offers as a choice: the domain aggregates and their parts.
AUDITED_APPS = ("core", "atlas", "deals", "residence", "schouw", "kompas")


def audited_types():
    choices = [
        (model._meta.label_lower, f"{model._meta.verbose_name} ({model._meta.app_label})")
        for model in apps.get_models()
        if model._meta.app_label in AUDITED_APPS and model is not AuditEvent
    ]
    return sorted(choices, key=lambda choice: str(choice[1]).lower())


class AuditEventFilter(django_filters.FilterSet):
    type = django_filters.ChoiceFilter(
        label=_("Soort record"),
        choices=audited_types,
        empty_label=_("Alle"),
        method="filter_record",
    )
    id = django_filters.CharFilter(label=_("Record-id"), max_length=64, method="filter_record")
    actor = django_filters.CharFilter(
        field_name="actor_label", lookup_expr="icontains", label=_("Door")
    )
    action = django_filters.CharFilter(
        lookup_expr="icontains", label=_("Handeling"), max_length=100
    )
    date_from = django_filters.DateFilter(
        field_name="created_at",
        lookup_expr="date__gte",
        label=_("Vanaf"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        field_name="created_at",
        lookup_expr="date__lte",
        label=_("Tot en met"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = AuditEvent
        fields: list[str] = []

    def filter_record(self, queryset, name, value):
        """Type and id together: the record and its parts; either alone: a plain match."""
        record_type, record_id = (
            self.form.cleaned_data.get("type"),
            self.form.cleaned_data.get("id"),
        )
        if name == "id" and record_type:
            return queryset  # done with the type
        return queryset.filter(record_filter(target_type=record_type, target_id=record_id))
