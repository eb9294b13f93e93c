from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from .. import selectors, services
from ..filters import (
    AreaFilter,
    ContactPointFilter,
    InstrumentFilter,
    NetworkFilter,
    OrganisationFilter,
    ThemeFilter,
)
from ..models import Organisation
from .serializers import (
    AreaSerializer,
    ContactPointSerializer,
    InstrumentSerializer,
    MembershipDecisionInputSerializer,
    MembershipRequestInputSerializer,
    MembershipSerializer,
    NetworkDetailSerializer,
    NetworkSerializer,
    OrganisationDetailSerializer,
    OrganisationSerializer,
    ThemeSerializer,
)


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisations in the atlas (public). Filter with ?search= and the atlas filters."""

    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"

    def get_queryset(self):
        if self.action == "retrieve":
            return selectors.organisation_list(actor=self.request.user).prefetch_related(
                "services__areas"
            )
        return selectors.organisation_list(actor=self.request.user)

    def get_serializer_class(self):
        return OrganisationDetailSerializer if self.action == "retrieve" else OrganisationSerializer


class ContactPointViewSet(viewsets.ReadOnlyModelViewSet):
    """Aanspreekpunten. E-mail and phone only for logged-in callers."""

    lookup_value_regex = "[0-9]+"
    serializer_class = ContactPointSerializer
    filterset_class = ContactPointFilter

    def get_queryset(self):
        return selectors.contact_point_list(actor=self.request.user)


class InstrumentViewSet(viewsets.ReadOnlyModelViewSet):
    """Beleidsinstrumenten."""

    serializer_class = InstrumentSerializer
    filterset_class = InstrumentFilter
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"

    def get_queryset(self):
        return selectors.instrument_list(actor=self.request.user)


class NetworkViewSet(viewsets.ReadOnlyModelViewSet):
    """Networks with their akkoorden, satellites/themagroepen and participants (in the detail)."""

    filterset_class = NetworkFilter
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"

    def get_queryset(self):
        return selectors.network_list(actor=self.request.user)

    def get_serializer_class(self):
        return NetworkDetailSerializer if self.action == "retrieve" else NetworkSerializer

    def get_object(self):
        from ..models import Network

        try:
            return selectors.network_get(actor=self.request.user, slug=self.kwargs["slug"])
        except Network.DoesNotExist as exc:
            raise Http404 from exc


class AreaViewSet(viewsets.ReadOnlyModelViewSet):
    """Rotterdam's gebieden and their wijken."""

    serializer_class = AreaSerializer
    filterset_class = AreaFilter
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"

    def get_queryset(self):
        return selectors.area_list()


class ThemeViewSet(viewsets.ReadOnlyModelViewSet):
    """The managed list of themes."""

    serializer_class = ThemeSerializer
    filterset_class = ThemeFilter
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"

    def get_queryset(self):
        return selectors.theme_list()


GEOJSON_SCHEMA = {
    "type": "object",
    "description": "Een GeoJSON FeatureCollection: organisaties (geometry null als er geen punt is) en gebieden.",
    "properties": {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "type": {"type": "string", "enum": ["Feature"]},
                    "id": {"type": "string"},
                    "geometry": {"type": "object", "nullable": True},
                    "properties": {"type": "object"},
                },
                "required": ["type", "geometry", "properties"],
            },
        },
    },
    "required": ["type", "features"],
}


class AtlasGeoJSONView(generics.GenericAPIView):
    """The map layer: organisations (filtered like the list) and the gebieden, as GeoJSON."""

    filterset_class = OrganisationFilter
    pagination_class = None

    def get_queryset(self):
        return selectors.organisation_list(actor=self.request.user)

    @extend_schema(filters=True, responses={(200, "application/geo+json"): GEOJSON_SCHEMA})
    def get(self, request):
        data = selectors.atlas_geojson(
            actor=request.user, organisations=self.filter_queryset(self.get_queryset())
        )
        return Response(data, content_type="application/geo+json")


class MembershipViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Own memberships and those the user may decide on. POST asks to join an organisation."""

    lookup_value_regex = "[0-9]+"
    serializer_class = MembershipSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return selectors.memberships_visible_to(actor=self.request.user)

    @extend_schema(request=MembershipRequestInputSerializer, responses={201: MembershipSerializer})
    def create(self, request):
        data = MembershipRequestInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            organisation = selectors.organisation_get(
                actor=request.user, slug=data.validated_data["organisation"]
            )
        except Organisation.DoesNotExist as exc:
            raise ValidationError({"organisation": [_("Deze organisatie bestaat niet.")]}) from exc
        membership = services.membership_request(
            actor=request.user,
            organisation=organisation,
            motivation=data.validated_data.get("motivation", ""),
        )
        return Response(MembershipSerializer(membership).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=MembershipDecisionInputSerializer, responses=MembershipSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        data = MembershipDecisionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        membership = services.membership_approve(
            actor=request.user, membership=self.get_object(), **data.validated_data
        )
        return Response(MembershipSerializer(membership).data)

    @extend_schema(request=MembershipDecisionInputSerializer, responses=MembershipSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        data = MembershipDecisionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        membership = services.membership_reject(
            actor=request.user, membership=self.get_object(), note=data.validated_data["note"]
        )
        return Response(MembershipSerializer(membership).data)

    @extend_schema(request=None, responses=MembershipSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        membership = services.membership_end(actor=request.user, membership=self.get_object())
        return Response(MembershipSerializer(membership).data)
