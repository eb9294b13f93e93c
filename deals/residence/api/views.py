from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from .. import selectors, services
from .serializers import (
    ActionSerializer,
    LogEntryInputSerializer,
    LogEntrySerializer,
    MeetingInputSerializer,
    MeetingSerializer,
    ResidencySerializer,
    SignalInputSerializer,
    SignalResponseInputSerializer,
    SignalResponseSerializer,
    SignalSerializer,
)


class ResidencyViewSet(viewsets.ReadOnlyModelViewSet):
    """Partners in residence the user may see. The logbook, meetings, actions and signals are
    read only by the deal's partners (and the partner in residence), as on the pages."""

    lookup_value_regex = "[0-9]+"
    serializer_class = ResidencySerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return selectors.residency_list(actor=self.request.user)

    def _residency(self):
        residency = self.get_object()
        if not self.request.user.has_perm("residence.view_work", residency):
            raise NotFound(_("Niet gevonden."))
        return residency

    def _paged(self, queryset, serializer_class):
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(serializer_class(page, many=True).data)

    @extend_schema(methods=["GET"], request=None, responses=LogEntrySerializer(many=True))
    @extend_schema(
        methods=["POST"], request=LogEntryInputSerializer, responses={201: LogEntrySerializer}
    )
    @action(detail=True, methods=["get", "post"])
    def logbook(self, request, pk=None):
        residency = self._residency()
        if request.method == "POST":
            data = LogEntryInputSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            entry = services.log_entry_create(
                actor=request.user, residency=residency, **data.validated_data
            )
            return Response(LogEntrySerializer(entry).data, status=status.HTTP_201_CREATED)
        return self._paged(
            selectors.log_entries_of(actor=request.user, residency=residency), LogEntrySerializer
        )

    @extend_schema(methods=["GET"], request=None, responses=MeetingSerializer(many=True))
    @extend_schema(
        methods=["POST"], request=MeetingInputSerializer, responses={201: MeetingSerializer}
    )
    @action(detail=True, methods=["get", "post"])
    def meetings(self, request, pk=None):
        residency = self._residency()
        if request.method == "POST":
            data = MeetingInputSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            meeting = services.meeting_plan(
                actor=request.user, residency=residency, **data.validated_data
            )
            return Response(MeetingSerializer(meeting).data, status=status.HTTP_201_CREATED)
        return self._paged(
            selectors.meetings_of(actor=request.user, residency=residency), MeetingSerializer
        )

    @extend_schema(responses=ActionSerializer(many=True))
    @action(detail=True, methods=["get"])
    def actions(self, request, pk=None):
        residency = self._residency()
        return self._paged(
            selectors.actions_of(actor=request.user, residency=residency), ActionSerializer
        )

    @extend_schema(methods=["GET"], request=None, responses=SignalSerializer(many=True))
    @extend_schema(
        methods=["POST"], request=SignalInputSerializer, responses={201: SignalSerializer}
    )
    @action(detail=True, methods=["get", "post"])
    def signals(self, request, pk=None):
        residency = self._residency()
        if request.method == "POST":
            data = SignalInputSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            signal = services.signal_raise(
                actor=request.user, residency=residency, **data.validated_data
            )
            return Response(SignalSerializer(signal).data, status=status.HTTP_201_CREATED)
        return self._paged(
            selectors.signals_of(actor=request.user, residency=residency), SignalSerializer
        )

    @extend_schema(request=SignalResponseInputSerializer, responses={201: SignalResponseSerializer})
    @action(detail=True, methods=["post"], url_path=r"signals/(?P<signal_pk>\d+)/respond")
    def signal_respond(self, request, pk=None, signal_pk=None):
        residency = self._residency()
        signal = (
            selectors.signals_of(actor=request.user, residency=residency)
            .filter(pk=signal_pk)
            .first()
        )
        if signal is None:
            raise NotFound(_("Niet gevonden."))
        data = SignalResponseInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        partners = {
            p.pk: p for p in selectors.partners_of_actor(actor=request.user, deal=residency.deal)
        }
        partner = partners.get(data.validated_data["partner"])
        if partner is None:
            raise ValidationError({"partner": [_("U kunt niet namens deze partner reageren.")]})
        response = services.signal_respond(
            actor=request.user,
            signal=signal,
            partner=partner,
            text=data.validated_data["text"],
            closure=data.validated_data["closure"],
        )
        return Response(SignalResponseSerializer(response).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=ResidencySerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        residency = services.residency_confirm(actor=request.user, residency=self.get_object())
        return Response(ResidencySerializer(residency).data)
