import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from atlas import services, tasks
from atlas.models import Listing, ListingResponse, Notification
from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from tests.atlas.factories import (
    AreaFactory,
    ListingFactory,
    ListingResponseFactory,
    OrganisationFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def _create(actor, organisation, **kwargs):
    data = {
        "kind": "aanbod",
        "category": "voucher",
        "title": "Een vrijwilliger voor een dag",
        "description": "Wij sturen iemand die een dag meehelpt.",
        "expires_on": timezone.localdate() + datetime.timedelta(days=14),
        **kwargs,
    }
    return services.listing_create(actor=actor, organisation=organisation, **data)


def test_members_post_listings_for_their_organisation(member, outsider, organisation):
    listing = _create(member, organisation, category="partner_in_residence", kind="vraag")
    assert listing.get_category_display() == "Partner in residence"
    with pytest.raises(NotAllowed, match="namens een organisatie"):
        _create(outsider, organisation)
    with pytest.raises(NotAllowed):
        _create(AnonymousUser(), organisation)
    with pytest.raises(ApplicationError, match="datum"):
        _create(member, organisation, expires_on=timezone.localdate() - datetime.timedelta(days=1))
    with pytest.raises(Exception, match=r"categorie|geldige keuze"):
        _create(member, organisation, category="onbekend")


def test_every_category_of_the_report_exists():
    assert set(Listing.Category.values) >= {
        "businessplan",
        "subsidie",
        "extra_handen",
        "dealpartner",
        "ruimte",
        "training",
        "onderaanneming",
        "voucher",
        "partner_in_residence",
    }


def test_responding_creates_a_contact_request_with_mail_on_commit(
    member, outsider, organisation, eager_celery, django_capture_on_commit_callbacks
):
    listing = _create(member, organisation)
    with django_capture_on_commit_callbacks(execute=True):
        response = services.listing_respond(
            actor=outsider, listing=listing, message="Wij hebben iemand op vrijdag."
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [member.email]
    assert "Wij hebben iemand op vrijdag." in message.body
    assert outsider.email in message.body
    assert Notification.objects.filter(user=member, key=f"listing-response-{response.pk}").exists()
    # The task is idempotent: a second run mails nothing.
    assert tasks.listing_response_mail_send(response.pk) is False
    assert len(mail.outbox) == 1


def test_respond_refusals(member, outsider, organisation):
    listing = _create(member, organisation)
    with pytest.raises(NotAllowed, match="eigen organisatie"):
        services.listing_respond(actor=member, listing=listing, message="Zelf")
    with pytest.raises(NotAllowed, match="Log in"):
        services.listing_respond(actor=AnonymousUser(), listing=listing, message="Hoi")
    with pytest.raises(ApplicationError):
        services.listing_respond(actor=outsider, listing=listing, message="  ")
    with pytest.raises(NotAllowed, match="namens"):
        services.listing_respond(
            actor=outsider, listing=listing, message="Hoi", organisation=OrganisationFactory()
        )
    services.listing_withdraw(actor=member, listing=listing)
    with pytest.raises(Conflict):
        services.listing_respond(actor=outsider, listing=listing, message="Te laat")
    assert not ListingResponse.objects.exists()


def test_fulfil_and_withdraw_by_the_organisation_only(
    member, outsider, contentbeheerder, organisation
):
    listing = _create(member, organisation)
    with pytest.raises(NotAllowed):
        services.listing_fulfil(actor=outsider, listing=listing)
    services.listing_fulfil(actor=member, listing=listing)
    assert Listing.objects.get(pk=listing.pk).status == "vervuld"
    with pytest.raises(Conflict):
        services.listing_withdraw(actor=member, listing=listing)
    other = _create(member, organisation)
    services.listing_withdraw(actor=contentbeheerder, listing=other)
    assert Listing.objects.get(pk=other.pk).status == "ingetrokken"


def test_expiry_task_takes_expired_listings_off_the_public_list(client):
    today = timezone.localdate()
    old = ListingFactory(title="Verlopen vraag", expires_on=today - datetime.timedelta(days=1))
    ListingFactory(title="Nog geldig", expires_on=today)
    ListingFactory(
        title="Al vervuld", status="vervuld", expires_on=today - datetime.timedelta(days=5)
    )
    assert tasks.listings_expire() == 1
    assert tasks.listings_expire() == 0  # idempotent
    old.refresh_from_db()
    assert old.status == "verlopen" and old.closed_at is not None
    assert Notification.objects.filter(user=old.posted_by, key=f"listing-expired-{old.pk}").exists()
    html = client.get(reverse("atlas:listing-list")).content.decode()
    assert "Nog geldig" in html
    assert "Verlopen vraag" not in html
    assert "Al vervuld" not in html
    assert client.get(old.get_absolute_url()).status_code == 404


def test_list_filters_and_links_to_zorgzaam010(client):
    theme, area = ThemeFactory(slug="eenzaamheid"), AreaFactory(slug="charlois")
    ListingFactory(
        title="Ruimte aangeboden", kind="aanbod", category="ruimte", themes=[theme], areas=[area]
    )
    ListingFactory(
        title="Onderaannemer gezocht", kind="vraag", category="onderaanneming", citywide=True
    )
    url = reverse("atlas:listing-list")
    titles = lambda r: sorted(obj.title for obj in r.context["object_list"])  # noqa: E731
    assert titles(client.get(url, {"kind": "aanbod"})) == ["Ruimte aangeboden"]
    assert titles(client.get(url, {"category": "onderaanneming"})) == ["Onderaannemer gezocht"]
    assert titles(client.get(url, {"theme": "eenzaamheid"})) == ["Ruimte aangeboden"]
    assert titles(client.get(url, {"area": "charlois"})) == [
        "Onderaannemer gezocht",
        "Ruimte aangeboden",
    ]
    assert titles(client.get(url, {"q": "ruimte"})) == ["Ruimte aangeboden"]
    assert "zorgzaam010.nl" in client.get(url).content.decode()


def test_respond_and_close_through_the_pages(client, member, outsider, organisation):
    listing = _create(member, organisation)
    client.force_login(outsider)
    page = client.post(
        reverse("atlas:listing-respond", args=[listing.pk]),
        {"message": "Ik help graag."},
        follow=True,
    )
    assert "Uw reactie is verstuurd" in page.content.decode()
    empty = client.post(reverse("atlas:listing-respond", args=[listing.pk]), {"message": ""})
    assert empty.status_code == 400
    assert "id_message_error" in empty.content.decode()
    client.force_login(member)
    html = client.get(listing.get_absolute_url()).content.decode()
    assert "Ik help graag." in html and outsider.email in html
    client.post(reverse("atlas:listing-close", args=[listing.pk]), {"action": "vervuld"})
    assert Listing.objects.get(pk=listing.pk).status == "vervuld"


def test_create_page_needs_an_organisation(client, outsider, member, organisation):
    client.force_login(outsider)
    assert "Word eerst lid" in client.get(reverse("atlas:listing-create")).content.decode()
    client.force_login(member)
    response = client.post(
        reverse("atlas:listing-create"),
        {
            "organisation": organisation.slug,
            "kind": "aanbod",
            "category": "ruimte",
            "title": "Zaal voor 20 mensen",
            "description": "Op dinsdagavond vrij.",
            "expires_on": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
        },
    )
    assert response.status_code == 302
    assert Listing.objects.get(title="Zaal voor 20 mensen").organisation == organisation


def test_responses_are_private(client, member, outsider, organisation):
    listing = _create(member, organisation)
    ListingResponseFactory(listing=listing, message="Geheim bericht")
    client.force_login(outsider)
    assert "Geheim bericht" not in client.get(listing.get_absolute_url()).content.decode()
    client.logout()
    assert "Geheim bericht" not in client.get(listing.get_absolute_url()).content.decode()


def test_listing_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    theme, area = ThemeFactory(), AreaFactory()
    for _ in range(25):
        ListingFactory(themes=[theme], areas=[area])
    with django_assert_max_num_queries(8):
        response = client.get(reverse("atlas:listing-list"))
    assert len(response.context["object_list"]) == 20


def test_api_listings(api_client, member, outsider, organisation, eager_celery):
    ListingFactory(title="Open")
    ListingFactory(title="Dicht", status="ingetrokken")
    assert [x["title"] for x in api_client.get("/api/v1/listings/").json()["results"]] == ["Open"]
    api_client.force_authenticate(outsider)
    payload = {
        "organisation": organisation.slug,
        "kind": "vraag",
        "category": "dealpartner",
        "title": "Partner voor een deal",
        "description": "Wie doet mee?",
        "expires_on": (timezone.localdate() + datetime.timedelta(days=5)).isoformat(),
    }
    refused = api_client.post("/api/v1/listings/", payload, format="json")
    assert refused.status_code == 403
    api_client.force_authenticate(member)
    created = api_client.post("/api/v1/listings/", payload, format="json")
    assert created.status_code == 201
    api_client.force_authenticate(outsider)
    assert (
        api_client.post(
            f"/api/v1/listings/{created.json()['id']}/respond/", {"message": "Ja!"}, format="json"
        ).status_code
        == 201
    )
