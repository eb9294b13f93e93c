from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from atlas import selectors as atlas_selectors
from reisgids.core.errors import NotAllowed

from .. import selectors, services
from ..filters import DealFilter
from . import serializers as s


def _organisation(actor, slug, field="organisation"):
    try:
        return atlas_selectors.organisation_get(actor=actor, slug=slug)
    except ObjectDoesNotExist as exc:
        raise ValidationError({field: [_("Deze organisatie bestaat niet.")]}) from exc


def _input(serializer_class, request):
    data = serializer_class(data=request.data)
    data.is_valid(raise_exception=True)
    return data.validated_data


class DealViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Deals the user may see: the public register (from gesloten onward) plus, for partners and
    netwerkmanagers, drafts. POST starts a deal; the actions move it through its steps."""

    lookup_value_regex = "[0-9]+"
    filterset_class = DealFilter

    def get_queryset(self):
        return selectors.deal_list(actor=self.request.user)

    def get_serializer_class(self):
        return s.DealListSerializer if self.action == "list" else s.DealDetailSerializer

    def get_object(self):
        try:
            return selectors.deal_detail(actor=self.request.user, pk=int(self.kwargs["pk"]))
        except (ValueError, ObjectDoesNotExist) as exc:
            raise NotFound(_("Niet gevonden.")) from exc

    def _partner(self, deal, pk):
        partner = next((p for p in deal.partners.all() if p.pk == pk), None)
        if partner is None:
            raise ValidationError({"partner": [_("Deze partij doet niet mee aan deze deal.")]})
        return partner

    def _done(self, deal):
        return Response(
            s.DealDetailSerializer(selectors.deal_detail(actor=self.request.user, pk=deal.pk)).data
        )

    @extend_schema(request=s.DealCreateInput, responses={201: s.DealDetailSerializer})
    def create(self, request):
        if not request.user.is_authenticated:
            raise NotAllowed(_("Log in om een deal te starten."))
        data = _input(s.DealCreateInput, request)
        themes = list(atlas_selectors.theme_list().filter(slug__in=data["themes"]))
        areas = list(atlas_selectors.area_list().filter(slug__in=data["areas"]))
        deal = services.deal_create(
            actor=request.user,
            title=data["title"],
            summary=data["summary"],
            aanjager_organisation=_organisation(request.user, data["organisation"]),
            themes=themes,
            areas=areas,
            citywide=data["citywide"],
            proposal=data["proposal"],
        )
        return Response(
            s.DealDetailSerializer(selectors.deal_detail(actor=request.user, pk=deal.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=None, responses=s.DealDetailSerializer)
    @action(detail=True, methods=["post"], url_path="idea")
    def idea(self, request, pk=None):
        return self._done(services.deal_idea_start(actor=request.user, deal=self.get_object()))

    @extend_schema(request=s.MethodInput, responses=s.DealDetailSerializer)
    @action(detail=True, methods=["post"])
    def toetsing(self, request, pk=None):
        data = _input(s.MethodInput, request)
        return self._done(
            services.deal_toetsing_start(actor=request.user, deal=self.get_object(), **data)
        )

    @extend_schema(request=s.ReasonInput, responses=s.DealDetailSerializer)
    @action(detail=True, methods=["post"], url_path="skip-toetsing")
    def skip_toetsing(self, request, pk=None):
        data = _input(s.ReasonInput, request)
        return self._done(
            services.deal_toetsing_skip(actor=request.user, deal=self.get_object(), **data)
        )

    @extend_schema(request=None, responses=s.DealDetailSerializer)
    @action(detail=True, methods=["post"])
    def planning(self, request, pk=None):
        return self._done(services.deal_planning_start(actor=request.user, deal=self.get_object()))

    @extend_schema(request=None, responses=s.DealDetailSerializer)
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        return self._done(services.deal_start(actor=request.user, deal=self.get_object()))

    @extend_schema(request=s.FinishInput, responses=s.DealDetailSerializer)
    @action(detail=True, methods=["post"])
    def finish(self, request, pk=None):
        data = _input(s.FinishInput, request)
        return self._done(services.deal_finish(actor=request.user, deal=self.get_object(), **data))

    @extend_schema(request=s.ReasonInput, responses=s.DealDetailSerializer)
    @action(detail=True, methods=["post"])
    def stop(self, request, pk=None):
        data = _input(s.ReasonInput, request)
        return self._done(services.deal_stop(actor=request.user, deal=self.get_object(), **data))

    @extend_schema(request=s.ReasonInput, responses=s.DealDetailSerializer)
    @action(detail=True, methods=["post"])
    def pause(self, request, pk=None):
        data = _input(s.ReasonInput, request)
        return self._done(services.deal_pause(actor=request.user, deal=self.get_object(), **data))

    @extend_schema(request=None, responses=s.DealDetailSerializer)
    @action(detail=True, methods=["post"])
    def resume(self, request, pk=None):
        return self._done(services.deal_resume(actor=request.user, deal=self.get_object()))

    @extend_schema(request=s.InviteInput, responses={201: s.DealPartnerSerializer})
    @action(detail=True, methods=["post"])
    def invite(self, request, pk=None):
        data = _input(s.InviteInput, request)
        partner = services.deal_partner_invite(
            actor=request.user,
            deal=self.get_object(),
            organisation=_organisation(request.user, data["organisation"]),
            role=data["role"],
        )
        return Response(s.DealPartnerSerializer(partner).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.PartnerInput, responses=s.DealPartnerSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        deal = self.get_object()
        partner = services.deal_partner_accept(
            actor=request.user,
            partner=self._partner(deal, _input(s.PartnerInput, request)["partner"]),
        )
        return Response(s.DealPartnerSerializer(partner).data)

    @extend_schema(request=s.PartnerInput, responses=s.DealPartnerSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        deal = self.get_object()
        partner = services.deal_partner_decline(
            actor=request.user,
            partner=self._partner(deal, _input(s.PartnerInput, request)["partner"]),
        )
        return Response(s.DealPartnerSerializer(partner).data)

    @extend_schema(request=s.VersionInput, responses={201: s.PlanVersionSerializer})
    @action(detail=True, methods=["post"])
    def versions(self, request, pk=None):
        data = _input(s.VersionInput, request)
        version = services.plan_version_create(actor=request.user, deal=self.get_object(), **data)
        return Response(s.PlanVersionSerializer(version).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[OpenApiParameter("a", int), OpenApiParameter("b", int)],
        responses={200: {"type": "array", "items": {"type": "object"}}},
    )
    @action(detail=True, methods=["get"])
    def diff(self, request, pk=None):
        deal = self.get_object()
        versions = {v.number: v for v in deal.versions.all()}
        try:
            a, b = (
                versions[int(request.query_params["a"])],
                versions[int(request.query_params["b"])],
            )
        except (KeyError, ValueError) as exc:
            raise ValidationError({"detail": _("Kies twee bestaande versies (a en b).")}) from exc
        return Response(services.plan_diff(a.snapshot, b.snapshot))

    @extend_schema(request=s.SignInput, responses={201: s.SignatureSerializer})
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None):
        deal = self.get_object()
        data = _input(s.SignInput, request)
        signature = services.deal_sign(
            actor=request.user,
            deal=deal,
            partner=self._partner(deal, data["partner"]),
            version_number=data["version"],
        )
        return Response(s.SignatureSerializer(signature).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], request=None, responses=s.CheckInSerializer(many=True))
    @extend_schema(methods=["POST"], request=s.CheckInInput, responses=s.CheckInSerializer)
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def checkins(self, request, pk=None):
        deal = self.get_object()
        if request.method == "GET":
            return Response(
                s.CheckInSerializer(
                    selectors.checkins_of(actor=request.user, deal=deal), many=True
                ).data
            )
        data = _input(s.CheckInInput, request)
        checkin = services.checkin_submit(
            actor=request.user,
            partner=self._partner(deal, data["partner"]),
            status=data["status"],
            note=data["note"],
            values=data["values"],
        )
        return Response(s.CheckInSerializer(checkin).data)

    @extend_schema(responses=s.DealListSerializer(many=True))
    @action(detail=False, methods=["get"])
    def register(self, request):
        """The public register: deals from gesloten onward."""
        qs = self.filter_queryset(selectors.deal_register(actor=request.user))
        page = self.paginate_queryset(qs)
        return self.get_paginated_response(s.DealListSerializer(page, many=True).data)


class DealThemeViewSet(viewsets.ReadOnlyModelViewSet):
    """Themes on which deals are welcome, with their priority and period (public)."""

    lookup_value_regex = "[0-9]+"
    serializer_class = s.DealThemeSerializer

    def get_queryset(self):
        return selectors.deal_theme_list(actor=self.request.user)


class KnelpuntViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The knelpunten register: partners of a deal, netwerkmanagers, ambtenaren and bestuurders read it."""

    lookup_value_regex = "[0-9]+"
    serializer_class = s.KnelpuntSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return selectors.knelpunt_list(actor=self.request.user)

    @extend_schema(request=s.KnelpuntInput, responses={201: s.KnelpuntSerializer})
    def create(self, request):
        data = _input(s.KnelpuntInput, request)
        partner = selectors.deal_partner_get(actor=request.user, pk=data.pop("partner"))
        if partner is None:
            raise ValidationError(
                {"partner": [_("Deze partij doet niet mee aan een deal die u kunt zien.")]}
            )
        knelpunt = services.knelpunt_report(actor=request.user, partner=partner, **data)
        return Response(s.KnelpuntSerializer(knelpunt).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.NoteInput, responses=s.KnelpuntSerializer)
    @action(detail=True, methods=["post"], url_path="take-up")
    def take_up(self, request, pk=None):
        data = _input(s.NoteInput, request)
        return Response(
            s.KnelpuntSerializer(
                services.knelpunt_take_up(actor=request.user, knelpunt=self.get_object(), **data)
            ).data
        )

    @extend_schema(request=s.NoteInput, responses=s.KnelpuntSerializer)
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        data = _input(s.NoteInput, request)
        return Response(
            s.KnelpuntSerializer(
                services.knelpunt_resolve(actor=request.user, knelpunt=self.get_object(), **data)
            ).data
        )

    @extend_schema(request=s.NoteInput, responses=s.KnelpuntSerializer)
    @action(detail=True, methods=["post"])
    def forward(self, request, pk=None):
        data = _input(s.NoteInput, request)
        return Response(
            s.KnelpuntSerializer(
                services.knelpunt_forward(actor=request.user, knelpunt=self.get_object(), **data)
            ).data
        )


class IntakeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The provisional Right to Cooperate intake: own submissions, or all for ambtenaren."""

    lookup_value_regex = "[0-9]+"
    serializer_class = s.IntakeSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return selectors.intake_list(actor=self.request.user)

    @extend_schema(request=s.IntakeInput, responses={201: s.IntakeSerializer})
    def create(self, request):
        data = _input(s.IntakeInput, request)
        slug = data.pop("organisation")
        organisation = _organisation(request.user, slug) if slug else None
        intake = services.intake_submit(actor=request.user, organisation=organisation, **data)
        return Response(s.IntakeSerializer(intake).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.NoteInput, responses=s.IntakeSerializer)
    @action(detail=True, methods=["post"])
    def triage(self, request, pk=None):
        data = _input(s.NoteInput, request)
        return Response(
            s.IntakeSerializer(
                services.intake_triage(actor=request.user, intake=self.get_object(), **data)
            ).data
        )
