"""Demo data for the kompas: gremia, an adopted edition with its terugkoppeling (a proposal for
every outcome, monitoring of the accepted ones, the priorities sent to the deal themes and the news
item), and the next edition in consultatie with comments in the voice of a partner in residence and
of an initiative. Walked through the kompas services where a person would act; the terugkoppeling
is written directly so the demo does not need a running worker. Idempotent: an edition that
exists is left as it is."""

import datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone

from kompas import services
from kompas.models import AgendaItem, Edition, Gremium, MonitoringEntry
from reisgids.demo import data

ADOPTED_TITLE = "Kompas 2025"
CONSULTATION_TITLE = "Kompas 2026"

GREMIA = [
    ("Directieoverleg Maatschappelijke Ontwikkeling", Gremium.Kind.AMBTELIJK, 1),
    ("College van burgemeester en wethouders", Gremium.Kind.BESTUURLIJK, 2),
    ("Commissie Zorg, Welzijn en Sport", Gremium.Kind.POLITIEK, 3),
]

Outcome = AgendaItem.Outcome

# (title, change type, theme, problem, proposed change, outcome, reasons, actions)
ADOPTED_PROPOSALS = [
    (
        "Kleine percelen bij de inkoop van respijtzorg",
        "inkoopregels",
        "Informele zorg en mantelzorg",
        "Logeerhuizen en kleine initiatieven kunnen niet inschrijven op de grote percelen voor respijtzorg.",
        "De volgende aanbesteding krijgt percelen per gebied, met een eenvoudige route voor kleine aanbieders.",
        Outcome.AANGENOMEN,
        "Past bij de inkoopstrategie; kleine aanbieders bereiken wijken die de grote niet bereiken.",
        "Inkoop past het bestek voor 2026 aan.",
    ),
    (
        "Subsidie voor de kosten van samenwerken",
        "subsidiemogelijkheden",
        "Eenzaamheid en ontmoeting",
        "Uren voor overleg, afstemming en de schouw vallen buiten elke subsidie.",
        "Een vast deel 'samenwerkingskosten' in de subsidieregeling welzijn.",
        Outcome.AANGEPAST,
        "Aangenomen als pilot van twee jaar in drie gebieden, daarna evaluatie.",
        "De pilot start in Delfshaven, Feijenoord en IJsselmonde.",
    ),
    (
        "Eén loket voor alle aanvragen van initiatieven",
        "organisatiegrenzen",
        "Sociale cohesie en zorgzame buurt",
        "Initiatieven zoeken per aanvraag uit welk cluster erover gaat.",
        "Eén loket met één aanspreekpunt per initiatief.",
        Outcome.AFGEWEZEN,
        "Het wijkteam is al het aanspreekpunt; een nieuw loket voegt een schakel toe. De aanspreekpunten "
        "worden wel beter vindbaar in de atlas.",
        "",
    ),
    (
        "Gegevens delen tussen wijkteam en initiatief",
        "spelregels_prikkels",
        "Langer thuis wonen",
        "Zonder afspraken over gegevens kan een initiatief niet meedoen aan de zorg rond een bewoner.",
        "Een modelconvenant voor het delen van gegevens, met toestemming van de bewoner.",
        Outcome.AANGEHOUDEN,
        "Eerst het advies van de privacy officer; terug op de agenda in het voorjaar.",
        "",
    ),
]

CONSULTATION_PROPOSALS = [
    (
        "Meerjarige deals in de subsidieregels",
        "subsidiemogelijkheden",
        "Werk en participatie",
        "Deals lopen meerdere jaren, de subsidie wordt per jaar verleend; elk jaar begint de onzekerheid opnieuw.",
        "Een meerjarige subsidie voor partners in een deal, met de schouw als verantwoording.",
    ),
    (
        "Uren van een partner in residence meetellen als inbreng",
        "spelregels_prikkels",
        "Informele zorg en mantelzorg",
        "De uren van een partner in residence tellen nergens mee: niet bij de gemeente, niet bij het initiatief.",
        "De uren tellen als inbreng in de deal en als werktijd bij de uitzendende partner.",
    ),
]


def _user(email, name):
    User = get_user_model()
    user, created = User.objects.get_or_create(email=email, defaults={"name": name})
    if created:
        user.set_password(data.DEMO_PASSWORD)
        user.save()
    return user


def _initiative_member():
    """A member of an initiative who is not a partner in residence: the initiative's voice."""
    Organisation = apps.get_model("atlas", "Organisation")
    Membership = apps.get_model("atlas", "Membership")
    user = _user("doordewijks@demo.reisgids.example", "Dewi van Doordewijks")
    Membership.objects.get_or_create(
        user=user,
        organisation=Organisation.objects.get(slug="doordewijks"),
        defaults={"status": "goedgekeurd", "role": "beheerder", "decided_at": timezone.now()},
    )
    return user


def _proposals(edition, rows, actor, themes):
    proposals = []
    for row in rows:
        title, change_type, theme, problem, change = row[:5]
        proposals.append(
            services.proposal_create(
                actor=actor,
                edition=edition,
                title=title,
                change_type=change_type,
                problem=problem,
                proposed_change=change,
                intended_effect="Initiatieven en partners merken het in de volgende ronde deals.",
                owner="Cluster Maatschappelijke Ontwikkeling",
                theme=themes[theme],
            )
        )
    return proposals


def _adopted(*, gremia, themes, content, civil_servant, board):
    today = timezone.localdate()
    edition = Edition(
        title=ADOPTED_TITLE,
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        summary="Het eerste kompas: vier voorstellen uit de knelpunten van de deals en de eerste schouwrapporten.",
    )
    edition.full_clean()
    edition.save()
    proposals = _proposals(edition, ADOPTED_PROPOSALS, content, themes)
    services.edition_consultation_open(actor=content, edition=edition)
    items = [
        services.agenda_item_create(
            actor=civil_servant,
            proposal=p,
            gremium=gremia[i % 2],
            date=today - datetime.timedelta(days=60 - i),
        )
        for i, p in enumerate(proposals)
    ]
    services.priority_set(
        actor=content,
        edition=edition,
        theme=themes["Informele zorg en mantelzorg"],
        level=1,
        rationale="De meeste knelpunten en lessen gingen over respijtzorg en mantelzorg.",
    )
    services.priority_set(
        actor=content, edition=edition, theme=themes["Eenzaamheid en ontmoeting"], level=2
    )
    services.edition_agenda_set(actor=civil_servant, edition=edition)
    for item, row in zip(items, ADOPTED_PROPOSALS, strict=True):
        outcome, reasons, actions = row[5:]
        accepted = outcome in AgendaItem.ACCEPTED
        services.decision_record(
            actor=board,
            agenda_item=item,
            outcome=outcome,
            reasons=reasons,
            actions=actions,
            monitor_indicator="Aantal kleine aanbieders en initiatieven dat meedoet"
            if accepted
            else "",
            monitor_who="Cluster Maatschappelijke Ontwikkeling" if accepted else "",
            monitor_owner=civil_servant if accepted else None,
            monitor_due=today + datetime.timedelta(days=30) if accepted else None,
        )
    edition = services.edition_adopt(actor=board, edition=edition)
    # The terugkoppeling as the service writes it, without enqueueing the e-mails.
    Edition.objects.filter(pk=edition.pk).update(
        status=Edition.Status.TERUGGEKOPPELD,
        feedback=(
            "Twee voorstellen zijn aangenomen, één als pilot. Het loket is afgewezen, met de reden erbij; "
            "het convenant over gegevens komt in het voorjaar terug. Dank aan iedereen die een knelpunt, "
            "les of schouwrapport aandroeg."
        ),
        new_rules="Kleine percelen voor respijtzorg in de aanbesteding van 2026, en een pilot met "
        "samenwerkingskosten in de subsidieregeling welzijn.",
        feedback_published_at=timezone.now(),
    )
    edition.refresh_from_db()
    services.edition_announce_in_news(actor=content, edition=edition)
    for item, status, observation in (
        (
            items[0],
            MonitoringEntry.Status.OP_SCHEMA,
            "Het bestek met percelen per gebied is in concept klaar.",
        ),
        (
            items[1],
            MonitoringEntry.Status.VERTRAAGD,
            "De pilot start een kwartaal later: de regeling moet eerst door de raad.",
        ),
    ):
        services.monitoring_entry_add(
            actor=civil_servant,
            agenda_item=item,
            date=today - datetime.timedelta(days=7),
            status=status,
            observation=observation,
            next_due=today + datetime.timedelta(days=90),
        )
    services.edition_monitoring_start(actor=content, edition=edition)


def _consultation(*, themes, content, resident, initiative):
    edition = Edition(
        title=CONSULTATION_TITLE,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        summary="In consultatie: iedereen die is ingelogd, reageert en steunt.",
    )
    edition.full_clean()
    edition.save()
    first, second = _proposals(edition, CONSULTATION_PROPOSALS, content, themes)
    services.edition_consultation_open(actor=content, edition=edition)
    services.comment_create(
        actor=resident,
        proposal=second,
        body="Als partner in residence werk ik een middag per week in het logeerhuis. "
        "Die uren zie je nu nergens terug.",
    )
    services.proposal_endorse(actor=resident, proposal=second)
    services.comment_create(
        actor=initiative,
        proposal=first,
        body="Wij schrijven elk jaar opnieuw een aanvraag voor hetzelfde werk. Meerjarig geeft rust.",
    )
    services.proposal_endorse(actor=initiative, proposal=first)


def load() -> None:
    Theme = apps.get_model("atlas", "Theme")
    User = get_user_model()
    gremia = [
        Gremium.objects.update_or_create(name=name, defaults={"kind": kind, "position": position})[
            0
        ]
        for name, kind, position in GREMIA
    ]
    themes = {t.name: t for t in Theme.objects.filter(name__in=[n for n, _d in data.THEMES])}
    content = User.objects.get(email="contentbeheerder@demo.reisgids.example")
    civil_servant = User.objects.get(email="ambtenaar@demo.reisgids.example")
    board = User.objects.get(email="bestuurder@demo.reisgids.example")
    if not Edition.objects.filter(title=ADOPTED_TITLE).exists():
        _adopted(
            gremia=gremia, themes=themes, content=content, civil_servant=civil_servant, board=board
        )
    if not Edition.objects.filter(title=CONSULTATION_TITLE).exists():
        resident = User.objects.get(
            email="initiatiefnemer@demo.reisgids.example"
        )  # partner in residence
        _consultation(
            themes=themes, content=content, resident=resident, initiative=_initiative_member()
        )
