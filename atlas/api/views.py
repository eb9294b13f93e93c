from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from .. import selectors, services
from ..filters import OrganisationFilter
from ..models import Organisation
from .serializers import (
    MembershipDecisionInputSerializer,
    MembershipRequestInputSerializer,
    MembershipSerializer,
    OrganisationSerializer,
)


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisations in the atlas (public)."""

    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.organisation_list(actor=self.request.user)


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
