"""One FilterSet per list: it serves the HTML list, the map layer, the CSV export and the API alike."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from .models import Area, ContactPoint, Instrument, Network, Organisation, Theme
from .query import search_filter

YES_NO = [("", _("Alle")), ("true", _("Ja")), ("false", _("Nee"))]


def _yes_no_widget():
    return forms.Select(choices=YES_NO)


@extend_schema_field(OpenApiTypes.STR)
class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    """A choice of a model by slug, filtered by a method; documented as a plain string."""


def _area_ids(area: Area) -> list[int]:
    """An area, its wijken, and its gebied: working in a wijk is working in its gebied."""
    ids = [area.pk, *area.wijken.values_list("pk", flat=True)]
    if area.parent_id:
        ids.append(area.parent_id)
    return ids


class SearchMixin:
    search_fields: dict[str, str] = {}

    def search(self, queryset, name, value):
        return search_filter(queryset, value, fields=self.search_fields)


class OrganisationFilter(SearchMixin, django_filters.FilterSet):
    search_fields = Organisation.SEARCH_FIELDS  # stored as Organisation.search_document

    q = django_filters.CharFilter(label=_("Zoeken"), method="search")
    search = django_filters.CharFilter(label=_("Zoeken"), method="search", widget=forms.HiddenInput)
    type = django_filters.ChoiceFilter(
        label=_("Soort organisatie"), choices=Organisation.Type.choices
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Thema"), field_name="themes", to_field_name="slug", queryset=Theme.objects.all()
    )
    area = SlugChoiceFilter(
        label=_("Gebied of wijk"),
        method="in_area",
        to_field_name="slug",
        queryset=Area.objects.all(),
    )
    network = SlugChoiceFilter(
        label=_("Netwerk"),
        method="in_network",
        to_field_name="slug",
        queryset=Network.objects.all(),
    )
    verified = django_filters.BooleanFilter(
        label=_("Geverifieerd"), field_name="is_verified", widget=_yes_no_widget()
    )
    looking_for_partners = django_filters.BooleanFilter(
        label=_("Zoekt samenwerking"), method="seeks_partners", widget=_yes_no_widget()
    )

    class Meta:
        model = Organisation
        fields = ["q", "type", "theme", "area", "network", "verified", "looking_for_partners"]

    def in_area(self, queryset, name, area):
        # An organisation in a wijk also works in its gebied; citywide ones work everywhere. A subquery,
        # not a join: without duplicate rows there is no DISTINCT over every column, so the page reads
        # 25 rows in name order and the count does not sort all matches (about 70 -> 15 ms at factor 20).
        in_areas = Organisation.areas.through.objects.filter(area_id__in=_area_ids(area)).values(
            "organisation_id"
        )
        return queryset.filter(Q(pk__in=in_areas) | Q(citywide=True))

    def in_network(self, queryset, name, network):
        return queryset.filter(Q(networks=network) | Q(network_groups__network=network)).distinct()

    def seeks_partners(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.exclude(looking_for="") if value else queryset.filter(looking_for="")


class ContactPointFilter(SearchMixin, django_filters.FilterSet):
    search_fields = ContactPoint.SEARCH_FIELDS  # stored as ContactPoint.search_document

    q = django_filters.CharFilter(label=_("Zoeken"), method="search")
    search = django_filters.CharFilter(label=_("Zoeken"), method="search", widget=forms.HiddenInput)
    type = django_filters.ChoiceFilter(
        label=_("Soort organisatie"),
        field_name="organisation__type",
        choices=Organisation.Type.choices,
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Thema"), field_name="themes", to_field_name="slug", queryset=Theme.objects.all()
    )
    area = SlugChoiceFilter(
        label=_("Gebied of wijk"),
        method="in_area",
        to_field_name="slug",
        queryset=Area.objects.all(),
    )
    organisation = django_filters.CharFilter(
        label=_("Organisatie"), field_name="organisation__slug"
    )

    class Meta:
        model = ContactPoint
        fields = ["q", "type", "theme", "area", "organisation"]

    def in_area(self, queryset, name, area):
        return queryset.filter(Q(areas__in=_area_ids(area)) | Q(areas__isnull=True)).distinct()


class InstrumentFilter(SearchMixin, django_filters.FilterSet):
    search_fields = {"name": "A", "purpose": "B", "eligibility": "C", "how_to_apply": "D"}

    q = django_filters.CharFilter(label=_("Zoeken"), method="search")
    search = django_filters.CharFilter(label=_("Zoeken"), method="search", widget=forms.HiddenInput)
    theme = django_filters.ModelChoiceFilter(
        label=_("Thema"), field_name="themes", to_field_name="slug", queryset=Theme.objects.all()
    )

    class Meta:
        model = Instrument
        fields = ["q", "theme"]


class NetworkFilter(SearchMixin, django_filters.FilterSet):
    search_fields = {"name": "A", "description": "B"}

    q = django_filters.CharFilter(label=_("Zoeken"), method="search")
    search = django_filters.CharFilter(label=_("Zoeken"), method="search", widget=forms.HiddenInput)
    theme = django_filters.ModelChoiceFilter(
        label=_("Thema"), field_name="themes", to_field_name="slug", queryset=Theme.objects.all()
    )

    class Meta:
        model = Network
        fields = ["q", "theme"]


class AreaFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Soort"), choices=Area.Kind.choices)
    gebied = django_filters.CharFilter(label=_("Gebied"), field_name="parent__slug")
    search = django_filters.CharFilter(
        label=_("Zoeken"), field_name="name", lookup_expr="unaccent__icontains"
    )

    class Meta:
        model = Area
        fields = ["kind", "gebied", "search"]


class ThemeFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(
        label=_("Zoeken"), field_name="name", lookup_expr="unaccent__icontains"
    )

    class Meta:
        model = Theme
        fields = ["search"]


# --- Network content -----------------------------------------------------------------------------
from django.utils import timezone  # noqa: E402

from .models import Audience, Event, Lesson, Listing, NewsItem, SourceType, Story  # noqa: E402


class NewsFilter(SearchMixin, django_filters.FilterSet):
    search_fields = {"title": "A", "summary": "B", "body": "C"}

    q = django_filters.CharFilter(label=_("Zoeken"), method="search")
    category = django_filters.ChoiceFilter(
        label=_("Soort nieuws"), choices=NewsItem.Category.choices
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Thema"), field_name="themes", to_field_name="slug", queryset=Theme.objects.all()
    )

    class Meta:
        model = NewsItem
        fields = ["q", "category", "theme"]


class EventFilter(SearchMixin, django_filters.FilterSet):
    search_fields = {"title": "A", "description": "B", "location": "C", "audience": "C"}
    WHEN = [("komend", _("Komend")), ("voorbij", _("Voorbij"))]

    q = django_filters.CharFilter(label=_("Zoeken"), method="search")
    when = django_filters.ChoiceFilter(
        label=_("Wanneer"), choices=WHEN, method="in_period", empty_label=_("Komend")
    )
    kind = django_filters.ChoiceFilter(label=_("Soort"), choices=Event.Kind.choices)
    topic = django_filters.ChoiceFilter(label=_("Onderwerp"), choices=Event.Topic.choices[1:])
    online = django_filters.BooleanFilter(
        label=_("Online"), field_name="online", widget=_yes_no_widget()
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Thema"), field_name="themes", to_field_name="slug", queryset=Theme.objects.all()
    )
    area = SlugChoiceFilter(
        label=_("Gebied of wijk"),
        method="in_area",
        to_field_name="slug",
        queryset=Area.objects.all(),
    )

    class Meta:
        model = Event
        fields = ["q", "when", "kind", "topic", "online", "theme", "area"]

    def __init__(self, data=None, *args, **kwargs):
        # Always bound, so that without any choice the period filter still applies.
        super().__init__(data if data is not None else {}, *args, **kwargs)

    def filter_queryset(self, queryset):
        # Without a choice the agenda shows what is coming.
        qs = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("when"):
            qs = self.in_period(qs, "when", "komend")
        return qs

    def in_period(self, queryset, name, value):
        now = timezone.now()
        if value == "voorbij":
            return queryset.filter(ends_at__lt=now).order_by("-starts_at")
        return queryset.filter(ends_at__gte=now).order_by("starts_at")

    def in_area(self, queryset, name, area):
        return queryset.filter(Q(areas__in=_area_ids(area)) | Q(areas__isnull=True)).distinct()


class ListingFilter(SearchMixin, django_filters.FilterSet):
    search_fields = {"title": "A", "description": "B"}

    q = django_filters.CharFilter(label=_("Zoeken"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Vraag of aanbod"), choices=Listing.Kind.choices)
    category = django_filters.ChoiceFilter(label=_("Categorie"), choices=Listing.Category.choices)
    theme = django_filters.ModelChoiceFilter(
        label=_("Thema"), field_name="themes", to_field_name="slug", queryset=Theme.objects.all()
    )
    area = SlugChoiceFilter(
        label=_("Gebied of wijk"),
        method="in_area",
        to_field_name="slug",
        queryset=Area.objects.all(),
    )
    organisation = django_filters.CharFilter(
        label=_("Organisatie"), field_name="organisation__slug"
    )

    class Meta:
        model = Listing
        fields = ["q", "kind", "category", "theme", "area", "organisation"]

    def in_area(self, queryset, name, area):
        return queryset.filter(Q(areas__in=_area_ids(area)) | Q(citywide=True)).distinct()


class StoryFilter(SearchMixin, django_filters.FilterSet):
    search_fields = {"title": "A", "body": "B"}

    q = django_filters.CharFilter(label=_("Zoeken"), method="search")
    medium = django_filters.ChoiceFilter(label=_("Soort"), choices=Story.Medium.choices)
    theme = django_filters.ModelChoiceFilter(
        label=_("Thema"), field_name="themes", to_field_name="slug", queryset=Theme.objects.all()
    )

    class Meta:
        model = Story
        fields = ["q", "medium", "theme"]


class LessonFilter(SearchMixin, django_filters.FilterSet):
    search_fields = Lesson.SEARCH_FIELDS  # stored as Lesson.search_document

    q = django_filters.CharFilter(label=_("Zoeken"), method="search")
    search = django_filters.CharFilter(label=_("Zoeken"), method="search", widget=forms.HiddenInput)
    kind = django_filters.ChoiceFilter(label=_("Soort les"), choices=Lesson.Kind.choices)
    theme = django_filters.ModelChoiceFilter(
        label=_("Thema"), field_name="themes", to_field_name="slug", queryset=Theme.objects.all()
    )
    area = SlugChoiceFilter(
        label=_("Gebied of wijk"),
        method="in_area",
        to_field_name="slug",
        queryset=Area.objects.all(),
    )
    audience = django_filters.ChoiceFilter(
        label=_("Voor wie"), choices=Audience.choices, method="for_audience"
    )
    evidence_level = django_filters.ChoiceFilter(
        label=_("Bewijskracht"), choices=Lesson.Evidence.choices
    )
    source_type = django_filters.ChoiceFilter(label=_("Bron"), choices=SourceType.choices)

    class Meta:
        model = Lesson
        fields = ["q", "kind", "theme", "area", "audience", "evidence_level", "source_type"]

    def in_area(self, queryset, name, area):
        return queryset.filter(areas__in=_area_ids(area)).distinct()

    def for_audience(self, queryset, name, value):
        return queryset.filter(audiences__contains=[value])
