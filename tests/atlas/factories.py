"""factory_boy factories for the atlas; tests create data only through these."""

import datetime

import factory
from django.utils import timezone

from atlas.models import (
    AbuseReport,
    Agreement,
    Area,
    ChangeProposal,
    ContactPoint,
    DigestPreference,
    Event,
    EventRegistration,
    Follow,
    Instrument,
    Lesson,
    LessonVersion,
    Listing,
    ListingResponse,
    Membership,
    Network,
    NetworkGroup,
    NewsItem,
    Notification,
    Organisation,
    SavedSearch,
    Service,
    Story,
    StoryComment,
    Theme,
)
from tests.core.factories import UserFactory


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    name = factory.Sequence(lambda n: f"Gebied {n}")
    slug = factory.Sequence(lambda n: f"gebied-{n}")
    kind = Area.Kind.GEBIED
    latitude = 51.92
    longitude = 4.48


class WijkFactory(AreaFactory):
    name = factory.Sequence(lambda n: f"Wijk {n}")
    slug = factory.Sequence(lambda n: f"wijk-{n}")
    kind = Area.Kind.WIJK
    parent = factory.SubFactory(AreaFactory)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Initiatief {n}")
    slug = factory.Sequence(lambda n: f"initiatief-{n}")
    type = Organisation.Type.INITIATIEF
    description = factory.Faker("paragraph", locale="nl_NL")

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if extracted:
            self.themes.set(extracted)

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if extracted:
            self.areas.set(extracted)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.LID
    status = Membership.Status.AANGEVRAAGD


class ApprovedMembershipFactory(MembershipFactory):
    status = Membership.Status.GOEDGEKEURD
    decided_at = factory.LazyFunction(timezone.now)


def _set_m2m(name):
    def hook(self, create, extracted, **kwargs):
        if extracted:
            getattr(self, name).set(extracted)

    return factory.post_generation(hook)


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Dienst {n}")
    description = "Ondersteuning aan huis."
    target_group = "Ouderen"
    areas = _set_m2m("areas")


class ContactPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPoint
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Wijkcoördinator {n}")
    topic = "Vragen over samenwerking in de wijk"
    how_to_reach = "Spreekuur op dinsdag in het wijkcentrum."
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
    phone = "010 123 45 67"
    themes = _set_m2m("themes")
    areas = _set_m2m("areas")


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Netwerk {n}")
    slug = factory.Sequence(lambda n: f"netwerk-{n}")
    description = "Een stedelijk netwerk."
    themes = _set_m2m("themes")
    organisations = _set_m2m("organisations")


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    network = factory.SubFactory(NetworkFactory)
    title = factory.Sequence(lambda n: f"Akkoord {n}")
    signatories = _set_m2m("signatories")


class NetworkGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkGroup
        skip_postgeneration_save = True

    network = factory.SubFactory(NetworkFactory)
    name = factory.Sequence(lambda n: f"Themagroep {n}")
    organisations = _set_m2m("organisations")


class InstrumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instrument
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Regeling {n}")
    slug = factory.Sequence(lambda n: f"regeling-{n}")
    purpose = "Geld voor een goed idee in de wijk."
    themes = _set_m2m("themes")


class ChangeProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChangeProposal

    organisation = factory.SubFactory(OrganisationFactory)
    proposed_by = factory.SubFactory(UserFactory)
    changes = factory.LazyFunction(lambda: {"description": "Nieuwe omschrijving"})


class SavedSearchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavedSearch

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Zoekopdracht {n}")
    query = ""
    frequency = SavedSearch.Frequency.DAGELIJKS


class NewsItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsItem
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Nieuwsbericht {n}")
    slug = factory.Sequence(lambda n: f"nieuwsbericht-{n}")
    summary = "Een nieuw initiatief in de wijk."
    body = "Buurtbewoners koken samen voor ouderen."
    category = NewsItem.Category.INITIATIEF
    author = factory.SubFactory(UserFactory)
    status = NewsItem.Status.GEPUBLICEERD
    published_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == "gepubliceerd" else None
    )
    themes = _set_m2m("themes")


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Bijeenkomst {n}")
    slug = factory.Sequence(lambda n: f"bijeenkomst-{n}")
    description = "Kennismaken met initiatieven uit de wijk."
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    location = "Wijkcentrum De Larenkamp"
    created_by = factory.SubFactory(UserFactory)
    themes = _set_m2m("themes")
    areas = _set_m2m("areas")


class EventRegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventRegistration

    event = factory.SubFactory(EventFactory, registration="platform", capacity=10)
    user = factory.SubFactory(UserFactory)


class ListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Listing
        skip_postgeneration_save = True

    kind = Listing.Kind.VRAAG
    category = Listing.Category.BUSINESSPLAN
    title = factory.Sequence(lambda n: f"Hulp gezocht {n}")
    description = "Wie helpt ons met een businessplan?"
    organisation = factory.SubFactory(OrganisationFactory)
    posted_by = factory.SubFactory(UserFactory)
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    themes = _set_m2m("themes")
    areas = _set_m2m("areas")


class ListingResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ListingResponse

    listing = factory.SubFactory(ListingFactory)
    responder = factory.SubFactory(UserFactory)
    message = "Wij denken graag mee."


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Story
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Verhaal {n}")
    slug = factory.Sequence(lambda n: f"verhaal-{n}")
    body = "<p>Ons eerste jaar.</p>"
    author = factory.SubFactory(UserFactory)
    published_at = factory.LazyFunction(timezone.now)
    themes = _set_m2m("themes")


class StoryCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StoryComment

    story = factory.SubFactory(StoryFactory)
    author = factory.SubFactory(UserFactory)
    body = "Mooi verhaal!"


class AbuseReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AbuseReport

    story = factory.SubFactory(StoryFactory)
    reporter = factory.SubFactory(UserFactory)
    reason = "Dit is reclame."


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lesson
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Les {n}")
    slug = factory.Sequence(lambda n: f"les-{n}")
    summary = "Begin klein en spreek elkaars taal."
    what_worked = "Een vast aanspreekpunt bij de gemeente."
    proposed_by = factory.SubFactory(UserFactory)
    status = Lesson.Status.GEPUBLICEERD
    published_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == "gepubliceerd" else None
    )
    version = factory.LazyAttribute(lambda o: 1 if o.status == "gepubliceerd" else 0)
    themes = _set_m2m("themes")
    areas = _set_m2m("areas")


class LessonVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LessonVersion

    lesson = factory.SubFactory(LessonFactory)
    number = 1
    published_by = factory.SubFactory(UserFactory)
    published_at = factory.LazyFunction(timezone.now)


class FollowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Follow

    user = factory.SubFactory(UserFactory)
    theme = factory.SubFactory(ThemeFactory)


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    text = factory.Sequence(lambda n: f"Melding {n}")
    url = "/atlas/nieuws/"
    key = factory.Sequence(lambda n: f"melding-{n}")


class DigestPreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DigestPreference

    user = factory.SubFactory(UserFactory)
    frequency = DigestPreference.Frequency.DAGELIJKS
