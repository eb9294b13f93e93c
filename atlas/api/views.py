from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import selectors, services
from ..filters import AreaFilter, ContactPointFilter, InstrumentFilter, NetworkFilter, OrganisationFilter, ThemeFilter
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

    def get_queryset(self):
        if self.action == "retrieve":
            return selectors.organisation_list(actor=self.request.user).prefetch_related("services__areas")
        return selectors.organisation_list(actor=self.request.user)

    def get_serializer_class(self):
        return OrganisationDetailSerializer if self.action == "retrieve" else OrganisationSerializer


class ContactPointViewSet(viewsets.ReadOnlyModelViewSet):
    """Aanspreekpunten. E-mail and phone only for logged-in callers."""

    serializer_class = ContactPointSerializer
    filterset_class = ContactPointFilter

    def get_queryset(self):
        return selectors.contact_point_list(actor=self.request.user)


class InstrumentViewSet(viewsets.ReadOnlyModelViewSet):
    """Beleidsinstrumenten."""

    serializer_class = InstrumentSerializer
    filterset_class = InstrumentFilter
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.instrument_list(actor=self.request.user)


class NetworkViewSet(viewsets.ReadOnlyModelViewSet):
    """Networks with their akkoorden, satellites/themagroepen and participants (in the detail)."""

    filterset_class = NetworkFilter
    lookup_field = "slug"

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

    def get_queryset(self):
        return selectors.area_list()


class ThemeViewSet(viewsets.ReadOnlyModelViewSet):
    """The managed list of themes."""

    serializer_class = ThemeSerializer
    filterset_class = ThemeFilter
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.theme_list()


class AtlasGeoJSONView(APIView):
    """The map layer: organisations (filtered like the list) and the gebieden, as GeoJSON."""

    @extend_schema(responses={200: dict})
    def get(self, request):
        filterset = OrganisationFilter(request.GET, queryset=selectors.organisation_list(actor=request.user))
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        data = selectors.atlas_geojson(actor=request.user, organisations=filterset.qs)
        return Response(data, content_type="application/geo+json")


class MembershipViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Own memberships and those the user may decide on. POST asks to join an organisation."""

    serializer_class = MembershipSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return selectors.memberships_visible_to(actor=self.request.user)

    @extend_schema(request=MembershipRequestInputSerializer, responses={201: MembershipSerializer})
    def create(self, request):
        data = MembershipRequestInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            organisation = selectors.organisation_get(actor=request.user, slug=data.validated_data["organisation"])
        except Organisation.DoesNotExist as exc:
            raise ValidationError({"organisation": [_("Deze organisatie bestaat niet.")]}) from exc
        membership = services.membership_request(
            actor=request.user, organisation=organisation, motivation=data.validated_data.get("motivation", "")
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
