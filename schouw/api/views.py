from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import authentication, exceptions, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.settings import api_settings

from .. import selectors, services
from ..guests import TOKEN_HEADER, Guest
from ..workflow import STEPS_BY_SLUG
from . import schema  # noqa: F401 - registers the guest token scheme for the OpenAPI schema
from .serializers import (
    AppraisalInputSerializer,
    AppraisalSerializer,
    CommitmentCheckSerializer,
    CriterionSerializer,
    DiscussionSerializer,
    LessonSerializer,
    ObservationInputSerializer,
    ObservationSerializer,
    ParticipantSerializer,
    SchouwRoundSerializer,
    TransitionInputSerializer,
)

TOKEN_PARAMETER = OpenApiParameter(
    "X-Schouw-Token",
    type=str,
    location=OpenApiParameter.HEADER,
    required=False,
    description="De token uit de persoonlijke link van een gast; geeft alleen toegang tot die ene schouwronde.",
)


class GuestTokenAuthentication(authentication.BaseAuthentication):
    """A guest's personal token in the ``X-Schouw-Token`` header; never a Django login."""

    def authenticate(self, request):
        token = request.META.get(TOKEN_HEADER)
        if not token:
            return None
        participant = selectors.participant_by_token(token=token)
        if participant is None:
            raise exceptions.AuthenticationFailed(_("Deze link werkt niet (meer)."))
        return Guest(participant), None

    def authenticate_header(self, request):
        return "X-Schouw-Token"


class IsUserOrGuest(permissions.BasePermission):
    def has_permission(self, request, view):
        return isinstance(request.user, Guest) or bool(
            request.user and request.user.is_authenticated
        )


@extend_schema_view(
    list=extend_schema(parameters=[TOKEN_PARAMETER]),
    retrieve=extend_schema(parameters=[TOKEN_PARAMETER]),
)
class SchouwRoundViewSet(viewsets.ReadOnlyModelViewSet):
    """Schouw rounds the user may see, or the one round of a guest's token. Appraisals of others
    stay hidden until the participant submitted their own or the organiser revealed them."""

    lookup_value_regex = "[0-9]+"
    serializer_class = SchouwRoundSerializer
    authentication_classes = [
        GuestTokenAuthentication,
        *api_settings.DEFAULT_AUTHENTICATION_CLASSES,
    ]
    permission_classes = [IsUserOrGuest]

    def get_queryset(self):
        return selectors.round_list(actor=self.request.user).order_by("-starts_on", "-pk")

    def _list(self, queryset, serializer_class):
        page = self.paginate_queryset(queryset)
        if page is None:  # pragma: no cover - pagination is on by default
            return Response(serializer_class(queryset, many=True).data)
        return self.get_paginated_response(serializer_class(page, many=True).data)

    @extend_schema(parameters=[TOKEN_PARAMETER], responses=ParticipantSerializer(many=True))
    @action(detail=True, methods=["get"])
    def participants(self, request, pk=None):
        schouw_round = self.get_object()
        return self._list(schouw_round.participants.all(), ParticipantSerializer)

    @extend_schema(
        methods=["GET"],
        parameters=[TOKEN_PARAMETER],
        request=None,
        responses=ObservationSerializer(many=True),
    )
    @extend_schema(
        methods=["POST"],
        parameters=[TOKEN_PARAMETER],
        request=ObservationInputSerializer,
        responses={201: ObservationSerializer},
    )
    @action(detail=True, methods=["get", "post"])
    def observations(self, request, pk=None):
        schouw_round = self.get_object()
        if request.method == "POST":
            data = ObservationInputSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            observation = services.observation_create(
                actor=request.user, schouw_round=schouw_round, **data.validated_data
            )
            return Response(ObservationSerializer(observation).data, status=status.HTTP_201_CREATED)
        return self._list(
            selectors.observations_of(actor=request.user, schouw_round=schouw_round),
            ObservationSerializer,
        )

    @extend_schema(parameters=[TOKEN_PARAMETER], responses=CriterionSerializer(many=True))
    @action(detail=True, methods=["get"])
    def criteria(self, request, pk=None):
        schouw_round = self.get_object()
        return self._list(
            selectors.criteria_of(actor=request.user, schouw_round=schouw_round),
            CriterionSerializer,
        )

    @extend_schema(parameters=[TOKEN_PARAMETER], responses=CommitmentCheckSerializer(many=True))
    @action(detail=True, methods=["get"], url_path="commitment-checks")
    def commitment_checks(self, request, pk=None):
        schouw_round = self.get_object()
        return self._list(
            selectors.commitment_checks_of(actor=request.user, schouw_round=schouw_round),
            CommitmentCheckSerializer,
        )

    @extend_schema(
        methods=["GET"],
        parameters=[TOKEN_PARAMETER],
        request=None,
        responses=AppraisalSerializer(many=True),
    )
    @extend_schema(
        methods=["POST"],
        parameters=[TOKEN_PARAMETER],
        request=AppraisalInputSerializer,
        responses={201: AppraisalSerializer},
    )
    @action(detail=True, methods=["get", "post"])
    def appraisals(self, request, pk=None):
        schouw_round = self.get_object()
        if request.method == "POST":
            data = AppraisalInputSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            criterion = (
                selectors.criteria_of(actor=request.user, schouw_round=schouw_round)
                .filter(pk=data.validated_data["criterion"])
                .first()
            )
            if criterion is None:
                raise NotFound(_("Niet gevonden."))
            appraisal = services.appraisal_record(
                actor=request.user,
                criterion=criterion,
                level=data.validated_data["level"],
                explanation=data.validated_data["explanation"],
            )
            return Response(AppraisalSerializer(appraisal).data, status=status.HTTP_201_CREATED)
        return self._list(
            selectors.appraisals_visible(actor=request.user, schouw_round=schouw_round),
            AppraisalSerializer,
        )

    @extend_schema(
        parameters=[TOKEN_PARAMETER], request=None, responses={200: ParticipantSerializer}
    )
    @action(detail=True, methods=["post"], url_path="appraisals/submit")
    def appraisals_submit(self, request, pk=None):
        participant = services.appraisals_submit(actor=request.user, schouw_round=self.get_object())
        return Response(ParticipantSerializer(participant).data)

    @extend_schema(parameters=[TOKEN_PARAMETER], responses=DiscussionSerializer)
    @action(detail=True, methods=["get"])
    def discussion(self, request, pk=None):
        schouw_round = self.get_object()
        if not request.user.has_perm("schouw.view_report", schouw_round):
            raise NotFound(_("Niet gevonden."))
        return Response(DiscussionSerializer(schouw_round).data)

    @extend_schema(responses={200: dict})
    @action(detail=True, methods=["get"])
    def report(self, request, pk=None):
        schouw_round = self.get_object()
        if not request.user.has_perm("schouw.view_report", schouw_round):
            raise NotFound(_("Niet gevonden."))
        report = selectors.report_of(actor=request.user, schouw_round=schouw_round)
        return Response(
            {
                "round": SchouwRoundSerializer(schouw_round).data,
                "summary": schouw_round.report_summary,
                "parties": [
                    {
                        "partner": party["partner"].pk,
                        "party": party["partner"].organisation.name,
                        "commitment_check": CommitmentCheckSerializer(party["check"]).data
                        if party["check"]
                        else None,
                        "advice": party["advice"].text if party["advice"] else "",
                        "criteria": [
                            {
                                "id": row["criterion"].pk,
                                "name": row["criterion"].name,
                                "distribution": {
                                    str(level["value"]): level["count"] for level in row["levels"]
                                },
                                "explanations": [a.explanation for a in row["appraisals"]],
                            }
                            for row in party["criteria"]
                        ],
                    }
                    for party in report["per_party"]
                ],
                "observations": ObservationSerializer(report["observations"], many=True).data,
                "lessons": LessonSerializer(report["lessons"], many=True).data,
            }
        )

    @extend_schema(request=TransitionInputSerializer, responses={200: SchouwRoundSerializer})
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        data = TransitionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        step = STEPS_BY_SLUG[data.validated_data["step"]]
        schouw_round = getattr(services, step.service)(
            actor=request.user, schouw_round=self.get_object()
        )
        return Response(SchouwRoundSerializer(schouw_round).data)
