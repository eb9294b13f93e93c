"""One FilterSet for the deal register: it serves the HTML list, the map data and the API alike.

It only ever narrows a queryset the selectors already scoped to the actor, so a search
can never surface a draft the actor may not see.
"""

import django_filters
from django.apps import apps
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from atlas import selectors as atlas_selectors

from .models import Deal, DealPartner

MUNICIPAL_ROLES = [
    (DealPartner.Role.GEMEENTE_FACILITATOR, DealPartner.Role.GEMEENTE_FACILITATOR.label),
    (DealPartner.Role.GEMEENTE_ACTIEF, DealPartner.Role.GEMEENTE_ACTIEF.label),
]


def _organisation_types():
    return apps.get_model("atlas", "Organisation").Type.choices


@extend_schema_field(OpenApiTypes.STR)
class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    """A choice of a model by slug, filtered by a method; documented as a plain string."""


@extend_schema_field(OpenApiTypes.STR)
class MethodChoiceFilter(django_filters.ChoiceFilter):
    """A choice filtered by a method; documented as a plain string."""


class DealFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken"), method="search")
    theme = SlugChoiceFilter(
        label=_("Thema"),
        method="in_theme",
        to_field_name="slug",
        queryset=atlas_selectors.theme_list(),
    )
    area = SlugChoiceFilter(
        label=_("Gebied of wijk"),
        method="in_area",
        to_field_name="slug",
        queryset=atlas_selectors.area_list(),
    )
    status = django_filters.ChoiceFilter(label=_("Stap"), choices=Deal.Status.choices)
    partner_type = MethodChoiceFilter(
        label=_("Soort partner"), choices=_organisation_types, method="with_partner_type"
    )
    municipal_role = MethodChoiceFilter(
        label=_("Rol van de gemeente"), choices=MUNICIPAL_ROLES, method="with_municipal_role"
    )

    class Meta:
        model = Deal
        fields = ["q", "theme", "area", "status", "partner_type", "municipal_role"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value)
            | Q(summary__icontains=value)
            | Q(
                partners__organisation__name__icontains=value,
                partners__status=DealPartner.Status.GEACCEPTEERD,
            )
        ).distinct()

    def in_theme(self, queryset, name, theme):
        return queryset.filter(themes=theme).distinct()

    def in_area(self, queryset, name, area):
        ids = [area.pk, *area.wijken.values_list("pk", flat=True)]
        if area.parent_id:
            ids.append(area.parent_id)
        return queryset.filter(Q(areas__in=ids) | Q(citywide=True)).distinct()

    def with_partner_type(self, queryset, name, value):
        return queryset.filter(
            partners__organisation__type=value, partners__status=DealPartner.Status.GEACCEPTEERD
        ).distinct()

    def with_municipal_role(self, queryset, name, value):
        return queryset.filter(
            partners__role=value, partners__status=DealPartner.Status.GEACCEPTEERD
        ).distinct()
