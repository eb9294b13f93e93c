"""factory_boy factories for the deals; tests create data only through these."""

import factory
from django.utils import timezone

from deals.models import (
    CheckIn,
    Contribution,
    Deal,
    DealEvent,
    DealPartner,
    DealTemplateElement,
    DealTheme,
    DealThemeComment,
    Intake,
    KickOffMoment,
    Knelpunt,
    Milestone,
    PlanVersion,
    ProcessAgreement,
    Result,
    Signature,
    Task,
)
from tests.atlas.factories import OrganisationFactory, ThemeFactory
from tests.core.factories import UserFactory


class DealThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DealTheme

    theme = factory.SubFactory(ThemeFactory)
    priority = DealTheme.Priority.HOOG
    period_start = factory.LazyFunction(lambda: timezone.localdate())


class DealThemeCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DealThemeComment

    deal_theme = factory.SubFactory(DealThemeFactory)
    author = factory.SubFactory(UserFactory)
    body = "Graag ook aandacht voor mantelzorgers."


class DealTemplateElementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DealTemplateElement
        django_get_or_create = ["key"]

    key = factory.Sequence(lambda n: f"onderdeel-{n}")
    label = factory.Sequence(lambda n: f"Onderdeel {n}")
    required = True


class DealFactory(factory.django.DjangoModelFactory):
    """A deal with an accepted aanjager partner (``aanjager``: the organisation)."""

    class Meta:
        model = Deal
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Deal {n}")
    summary = "Samen zorgen dat niemand er alleen voor staat."
    created_by = factory.SubFactory(UserFactory)
    status = Deal.Status.PARTNERS_ZOEKEN
    paused_from = factory.LazyAttribute(lambda o: "lopend" if o.status == "gepauzeerd" else "")
    closed_at = factory.LazyAttribute(
        lambda o: (
            timezone.now()
            if {o.status, o.paused_from} & {"gesloten", "lopend", "afgerond"}
            else None
        )
    )

    @factory.post_generation
    def aanjager(self, create, extracted, **kwargs):
        if create:
            DealPartnerFactory(
                deal=self,
                organisation=extracted or OrganisationFactory(),
                role=DealPartner.Role.AANJAGER,
                status=DealPartner.Status.GEACCEPTEERD,
            )

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if extracted:
            self.themes.set(extracted)

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if extracted:
            self.areas.set(extracted)


class DealPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DealPartner

    deal = factory.SubFactory(DealFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = DealPartner.Role.PARTNER
    status = DealPartner.Status.GEACCEPTEERD
    decided_at = factory.LazyAttribute(
        lambda o: None if o.status == "uitgenodigd" else timezone.now()
    )


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    partner = factory.SubFactory(DealPartnerFactory)
    kind = Contribution.Kind.KENNIS
    description = "Twee ervaringsdeskundigen denken mee."
    hours = 40


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    deal = factory.SubFactory(DealFactory)
    partner = factory.LazyAttribute(lambda o: o.deal.partners.get(role="aanjager"))
    title = factory.Sequence(lambda n: f"Taak {n}")


class ResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Result

    deal = factory.SubFactory(DealFactory)
    title = "Minder eenzaamheid"
    indicator = "Aantal deelnemers per week"
    baseline = 10
    target = 50


class ProcessAgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcessAgreement

    deal = factory.SubFactory(DealFactory)
    kind = ProcessAgreement.Kind.SCHOUW
    description = "Eens per half jaar een open schouw."
    schouw_frequency = "halfjaarlijks"


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    deal = factory.SubFactory(DealFactory)
    title = "Eerste bijeenkomst"
    due_date = factory.LazyFunction(lambda: timezone.localdate())


class PlanVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanVersion

    deal = factory.SubFactory(DealFactory)
    number = factory.Sequence(lambda n: n + 1)
    snapshot = factory.LazyFunction(dict)


class SignatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signature

    version = factory.SubFactory(PlanVersionFactory)
    partner = factory.SubFactory(DealPartnerFactory)


class CheckInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckIn

    partner = factory.SubFactory(DealPartnerFactory)
    period = factory.LazyFunction(lambda: timezone.localdate().replace(day=1))
    status = CheckIn.Status.OP_KOERS


class KnelpuntFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Knelpunt

    deal = factory.SubFactory(DealFactory)
    partner = factory.LazyAttribute(lambda o: o.deal.partners.get(role="aanjager"))
    category = Knelpunt.Category.REGELGEVING
    title = factory.Sequence(lambda n: f"Knelpunt {n}")
    description = "De inkoopregels passen niet bij een klein initiatief."
    effect = "De start loopt drie maanden vertraging op."


class KickOffMomentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KickOffMoment

    title = "Dealdag voorjaar"
    starts_at = factory.LazyFunction(timezone.now)


class DealEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DealEvent

    deal = factory.SubFactory(DealFactory)
    kind = DealEvent.Kind.STAP
    text = "Gebeurd"


class IntakeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Intake

    title = factory.Sequence(lambda n: f"Verzoek {n}")
    description = "Wij willen een buurtkamer openen in een leegstaand pand."
    submitted_by = factory.SubFactory(UserFactory)
