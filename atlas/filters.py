"""One FilterSet per list: it serves the HTML list and the API alike."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Area, Organisation, Theme


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken"), method="search")
    type = django_filters.ChoiceFilter(label=_("Soort organisatie"), choices=Organisation.Type.choices)
    theme = django_filters.ModelChoiceFilter(
        label=_("Thema"), field_name="themes", to_field_name="slug", queryset=Theme.objects.all()
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Gebied of wijk"), method="in_area", to_field_name="slug", queryset=Area.objects.all()
    )

    class Meta:
        model = Organisation
        fields = ["q", "type", "theme", "area"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(description__icontains=value))

    def in_area(self, queryset, name, area):
        # An organisation in a wijk also works in its gebied; citywide ones work everywhere.
        ids = [area.pk, *area.wijken.values_list("pk", flat=True)]
        if area.parent_id:
            ids.append(area.parent_id)
        return queryset.filter(Q(areas__in=ids) | Q(citywide=True)).distinct()
