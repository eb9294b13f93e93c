from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from reisgids.core.errors import NotAllowed

from .. import selectors, services
from . import serializers as s


def _input(serializer_class, request):
    data = serializer_class(data=request.data)
    data.is_valid(raise_exception=True)
    return dict(data.validated_data)


class EditionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Kompas editions: adopted ones are public; from consultatie on, members read and take part.
    The actions run one service each: proposals, comments, endorsements, agenda items, decisions,
    monitoring and the edition's steps."""

    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        return selectors.edition_list(actor=self.request.user)

    def get_serializer_class(self):
        return s.EditionListSerializer if self.action == "list" else s.EditionDetailSerializer

    def get_object(self):
        try:
            return selectors.edition_detail(actor=self.request.user, pk=int(self.kwargs["pk"]))
        except (ValueError, ObjectDoesNotExist) as exc:
            raise NotFound(_("Niet gevonden.")) from exc

    def _done(self, edition, status=200):
        detail = selectors.edition_detail(actor=self.request.user, pk=edition.pk)
        return Response(s.EditionDetailSerializer(detail).data, status=status)

    def _login(self, request):
        if not request.user.is_authenticated:
            raise NotAllowed(_("Log in om mee te doen aan het kompas."))

    def _proposal(self, edition, pk):
        for proposal in edition.proposals.all():
            if proposal.pk == pk:
                return proposal
        raise ValidationError({"proposal": [_("Dit voorstel hoort niet bij deze editie.")]})

    def _agenda_item(self, edition, pk):
        for proposal in edition.proposals.all():
            for item in proposal.agenda_items.all():
                if item.pk == pk:
                    return item
        raise ValidationError({"agenda_item": [_("Dit agendapunt hoort niet bij deze editie.")]})

    def _step(self, request, service):
        self._login(request)
        return self._done(service(actor=request.user, edition=self.get_object()))

    @extend_schema(request=None, responses=s.EditionDetailSerializer)
    @action(detail=True, methods=["post"])
    def consultation(self, request, pk=None):
        return self._step(request, services.edition_consultation_open)

    @extend_schema(request=None, responses=s.EditionDetailSerializer)
    @action(detail=True, methods=["post"])
    def agenda(self, request, pk=None):
        return self._step(request, services.edition_agenda_set)

    @extend_schema(request=None, responses=s.EditionDetailSerializer)
    @action(detail=True, methods=["post"])
    def adopt(self, request, pk=None):
        return self._step(request, services.edition_adopt)

    @extend_schema(request=s.FeedbackInput, responses=s.EditionDetailSerializer)
    @action(detail=True, methods=["post"])
    def feedback(self, request, pk=None):
        self._login(request)
        data = _input(s.FeedbackInput, request)
        return self._done(
            services.edition_feedback_publish(actor=request.user, edition=self.get_object(), **data)
        )

    @extend_schema(request=None, responses=s.EditionDetailSerializer)
    @action(detail=True, methods=["post"], url_path="monitoring-start")
    def monitoring_start(self, request, pk=None):
        return self._step(request, services.edition_monitoring_start)

    @extend_schema(request=None, responses=s.EditionDetailSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._step(request, services.edition_close)

    @extend_schema(request=s.ProposalInput, responses={201: s.EditionDetailSerializer})
    @action(detail=True, methods=["post"])
    def proposals(self, request, pk=None):
        self._login(request)
        data = _input(s.ProposalInput, request)
        edition = self.get_object()
        services.proposal_create(actor=request.user, edition=edition, **data)
        return self._done(edition, status=201)

    @extend_schema(request=s.CommentInput, responses={201: s.EditionDetailSerializer})
    @action(detail=True, methods=["post"])
    def comments(self, request, pk=None):
        self._login(request)
        data = _input(s.CommentInput, request)
        edition = self.get_object()
        services.comment_create(
            actor=request.user,
            proposal=self._proposal(edition, data["proposal"]),
            body=data["body"],
        )
        return self._done(edition, status=201)

    @extend_schema(request=s.ProposalRefInput, responses={201: s.EditionDetailSerializer})
    @action(detail=True, methods=["post"])
    def endorsements(self, request, pk=None):
        self._login(request)
        data = _input(s.ProposalRefInput, request)
        edition = self.get_object()
        services.proposal_endorse(
            actor=request.user, proposal=self._proposal(edition, data["proposal"])
        )
        return self._done(edition, status=201)

    @extend_schema(request=s.AgendaItemInput, responses={201: s.EditionDetailSerializer})
    @action(detail=True, methods=["post"], url_path="agenda-items")
    def agenda_items(self, request, pk=None):
        self._login(request)
        data = _input(s.AgendaItemInput, request)
        edition = self.get_object()
        gremium = selectors.gremium_list().filter(pk=data["gremium"]).first()
        services.agenda_item_create(
            actor=request.user,
            proposal=self._proposal(edition, data["proposal"]),
            gremium=gremium,
            date=data["date"],
        )
        return self._done(edition, status=201)

    @extend_schema(request=s.DecisionInput, responses=s.EditionDetailSerializer)
    @action(detail=True, methods=["post"])
    def decisions(self, request, pk=None):
        self._login(request)
        data = _input(s.DecisionInput, request)
        edition = self.get_object()
        item = self._agenda_item(edition, data.pop("agenda_item"))
        services.decision_record(actor=request.user, agenda_item=item, **data)
        return self._done(edition)

    @extend_schema(request=s.MonitoringInput, responses={201: s.EditionDetailSerializer})
    @action(detail=True, methods=["post"])
    def monitoring(self, request, pk=None):
        self._login(request)
        data = _input(s.MonitoringInput, request)
        edition = self.get_object()
        item = self._agenda_item(edition, data.pop("agenda_item"))
        services.monitoring_entry_add(actor=request.user, agenda_item=item, **data)
        return self._done(edition, status=201)
