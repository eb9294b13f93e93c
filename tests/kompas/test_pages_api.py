"""Pages and API of the kompas: query counts, public reads, refusals per role, the dashboard,
the marked voices, the forms to edit a proposal and add co-authors, and the board PDF."""

import pytest
from django.utils import timezone

from kompas import services
from kompas.models import Edition
from reisgids.core.roles import Role
from tests.atlas.factories import ApprovedMembershipFactory, LessonFactory, OrganisationFactory
from tests.core.factories import UserFactory
from tests.deals.factories import DealFactory
from tests.kompas.factories import KompasEditionFactory, KompasProposalFactory
from tests.residence.factories import ResidencyFactory


def _adopted(bestuurder, **kwargs):
    return KompasEditionFactory(
        status=Edition.Status.VASTGESTELD,
        adopted_by=bestuurder,
        adopted_at=timezone.now(),
        **kwargs,
    )


def _editions(bestuurder, n):
    for _i in range(n):
        edition = _adopted(bestuurder)
        KompasProposalFactory.create_batch(2, edition=edition)
    KompasEditionFactory(status=Edition.Status.CONCEPT, title="Geheim concept")


@pytest.mark.parametrize("n", [1, 6])
def test_the_list_page_has_a_fixed_number_of_queries(
    db, client, contentbeheerder, bestuurder, n, django_assert_max_num_queries
):
    _editions(bestuurder, n)
    with django_assert_max_num_queries(3):
        response = client.get("/kompas/")
    page = response.content.decode()
    assert page.count("2 voorstellen") == n and "Geheim concept" not in page
    client.force_login(contentbeheerder)
    with django_assert_max_num_queries(12):
        page = client.get("/kompas/").content.decode()
    assert "Geheim concept" in page


@pytest.mark.parametrize("n", [1, 6])
def test_the_api_list_has_a_fixed_number_of_queries(
    db, api_client, bestuurder, n, django_assert_max_num_queries
):
    _editions(bestuurder, n)
    with django_assert_max_num_queries(3):
        response = api_client.get("/api/v1/kompas/editions/")
    assert response.status_code == 200
    rows = response.json()["results"] if isinstance(response.json(), dict) else response.json()
    assert len(rows) == n and {r["status"] for r in rows} == {"vastgesteld"}


def test_the_public_reads_adopted_editions_and_never_a_concept(
    db, api_client, bestuurder, outsider
):
    adopted = _adopted(bestuurder, title="Kompas vastgesteld")
    KompasProposalFactory(edition=adopted, title="Kleine percelen")
    concept = KompasEditionFactory(status=Edition.Status.CONCEPT)
    consultation = KompasEditionFactory(status=Edition.Status.CONSULTATIE)

    body = api_client.get(f"/api/v1/kompas/editions/{adopted.pk}/").json()
    assert (
        body["title"] == "Kompas vastgesteld" and body["proposals"][0]["title"] == "Kleine percelen"
    )
    for hidden in (concept, consultation):
        response = api_client.get(f"/api/v1/kompas/editions/{hidden.pk}/")
        assert response.status_code == 404 and "detail" in response.json()
    api_client.force_authenticate(outsider)
    assert api_client.get(f"/api/v1/kompas/editions/{consultation.pk}/").status_code == 200
    assert api_client.get(f"/api/v1/kompas/editions/{concept.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("step", "status", "allowed_roles"),
    [
        ("consultation", Edition.Status.CONCEPT, {Role.CONTENTBEHEERDER, Role.AMBTENAAR}),
        ("agenda", Edition.Status.CONSULTATIE, {Role.AMBTENAAR, Role.BESTUURDER}),
        ("adopt", Edition.Status.GEAGENDEERD, {Role.BESTUURDER}),
    ],
)
def test_api_transitions_refuse_other_roles_with_a_detail(
    db, api_client, step, status, allowed_roles
):
    edition = KompasEditionFactory(status=status)
    KompasProposalFactory(edition=edition)
    url = f"/api/v1/kompas/editions/{edition.pk}/{step}/"
    response = api_client.post(url)
    assert 400 <= response.status_code < 500 and response.json()["detail"]
    for role in (
        Role.INITIATIEFNEMER,
        Role.NETWERKMANAGER,
        Role.CONTENTBEHEERDER,
        Role.AMBTENAAR,
        Role.BESTUURDER,
    ):
        if role in allowed_roles:
            continue
        api_client.force_authenticate(UserFactory(roles=[role]))
        response = api_client.post(url)
        # A concept is not even visible to those who do not prepare it: not found, not forbidden.
        hidden = status == Edition.Status.CONCEPT and role in (
            Role.INITIATIEFNEMER,
            Role.NETWERKMANAGER,
        )
        assert response.status_code == (404 if hidden else 403), (role, response.content)
        assert response.json()["detail"]
    edition.refresh_from_db()
    assert edition.status == status


def test_api_refuses_a_step_out_of_order_with_a_conflict(db, api_client, contentbeheerder):
    edition = KompasEditionFactory(status=Edition.Status.CONSULTATIE)
    api_client.force_authenticate(contentbeheerder)
    response = api_client.post(f"/api/v1/kompas/editions/{edition.pk}/consultation/")
    assert response.status_code == 409 and "consultatie" in response.json()["detail"]


def test_the_dashboard_shows_every_chart_with_its_table(db, client, bestuurder, outsider, theme):
    DealFactory(status="lopend", themes=[theme])
    LessonFactory(kind="samenwerking")
    LessonFactory(kind="samenwerking")
    LessonFactory(kind="inhoudelijk")
    assert client.get("/kompas/bestuur/").status_code == 302
    client.force_login(outsider)
    assert client.get("/kompas/bestuur/").status_code == 403
    client.force_login(bestuurder)
    response = client.get("/kompas/bestuur/")
    page = response.content.decode()
    for title in (
        "Deals per thema",
        "Schouwdekking van lopende deals",
        "Lessen per soort",
        "Besluiten in de tijd",
    ):
        assert title in page
    charts = {c["key"]: c["rows"] for c in response.context["charts"]}
    assert charts["lessons_per_kind"] == [("Samenwerking", 2), ("Inhoudelijk", 1)]
    assert ("Nog geen schouw", 1) in charts["schouw_coverage"]
    assert (
        "<caption>Lessen per soort</caption>" in page and 'src="data:image/svg+xml;base64,' in page
    )


def test_the_voice_of_partners_in_residence_and_initiatives_is_marked(db, client, outsider):
    edition = KompasEditionFactory(status=Edition.Status.CONSULTATIE)
    proposal = KompasProposalFactory(edition=edition)
    resident = ResidencyFactory(status="actief").person
    initiative = ApprovedMembershipFactory(organisation=OrganisationFactory(type="initiatief")).user
    services.comment_create(actor=resident, proposal=proposal, body="Vanuit mijn residentie: ja.")
    services.comment_create(actor=initiative, proposal=proposal, body="Als initiatief: graag.")
    services.comment_create(actor=outsider, proposal=proposal, body="Mee eens.")
    services.proposal_endorse(actor=initiative, proposal=proposal)
    assert list(proposal.comments.values_list("voice", flat=True)) == [
        "partner_in_residence",
        "initiatief",
        "anders",
    ]
    assert proposal.endorsements.get().voice == "initiatief"

    client.force_login(outsider)
    page = client.get(edition.get_absolute_url()).content.decode()
    assert '<span class="rg-badge">Partner in residence</span>: Vanuit mijn residentie: ja.' in page
    assert '<span class="rg-badge">Initiatief</span>: Als initiatief: graag.' in page


def test_the_author_edits_a_proposal_and_adds_a_co_author_on_the_page(db, client, outsider):
    edition = KompasEditionFactory(status=Edition.Status.CONSULTATIE)
    proposal = services.proposal_create(
        actor=outsider,
        edition=edition,
        title="Eerste versie",
        change_type="beleid",
        problem="Het probleem.",
    )
    other = KompasProposalFactory(edition=edition, title="Van een ander")
    colleague = UserFactory(email="collega@voorbeeld.example")
    client.force_login(outsider)
    page = client.get(edition.get_absolute_url()).content.decode()
    assert page.count("Voorstel bewerken") == 1 and f'id="p{proposal.pk}-title"' in page

    url = f"/kompas/{edition.pk}/"
    client.post(
        url + "proposal-edit/",
        {
            "proposal": proposal.pk,
            "title": "Tweede versie",
            "change_type": "inkoopregels",
            "problem": "Scherper.",
        },
    )
    client.post(url + "co-author/", {"proposal": proposal.pk, "email": "COLLEGA@voorbeeld.example"})
    proposal.refresh_from_db()
    assert (proposal.title, proposal.change_type, proposal.problem) == (
        "Tweede versie",
        "inkoopregels",
        "Scherper.",
    )
    assert list(proposal.co_authors.all()) == [colleague]

    response = client.post(
        url + "co-author/",
        {"proposal": proposal.pk, "email": "niemand@voorbeeld.example"},
        follow=True,
    )
    assert "Deze persoon is niet gevonden." in response.content.decode()
    response = client.post(
        url + "proposal-edit/",
        {"proposal": other.pk, "title": "Overgenomen", "change_type": "beleid", "problem": "X"},
        follow=True,
    )
    assert "Alleen de auteurs" in response.content.decode()
    other.refresh_from_db()
    assert other.title == "Van een ander"

    client.force_login(colleague)  # a co-author may edit too
    client.post(
        url + "proposal-edit/",
        {
            "proposal": proposal.pk,
            "title": "Derde versie",
            "change_type": "inkoopregels",
            "problem": "Scherper.",
        },
    )
    proposal.refresh_from_db()
    assert proposal.title == "Derde versie"


def test_concept_is_not_public(db, client):
    edition = KompasEditionFactory(status=Edition.Status.CONCEPT)
    assert client.get(f"/kompas/{edition.pk}/").status_code == 404
    assert client.get(f"/api/v1/kompas/editions/{edition.pk}/").status_code == 404


def test_board_pdf_is_a_real_pdf(db, client, bestuurder):
    client.force_login(bestuurder)
    response = client.get("/kompas/bestuur/kompas.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
