"""Demo data for the schouw: the Roffabriek deal with a finished round (report, lessons, public
part agreed by every partner) and a round in progress with an invited ervaringsdeskundige.
Idempotent."""

import datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone

from reisgids.demo import data
from schouw.guests import token_hash

DEAL_TITLE = "De Roffabriek: eerlijk werk in de wijk"
# The demo guest's personal link: /schouw/gast/<DEMO_GUEST_TOKEN>/ (only for the local demo).
DEMO_GUEST_TOKEN = "demo-schouw-gast-roffabriek-2026"


def _member(user_model, membership_model, email, name, organisation):
    user, created = user_model.objects.get_or_create(email=email, defaults={"name": name})
    if created:
        user.set_password(data.DEMO_PASSWORD)
        user.save()
    membership_model.objects.get_or_create(
        user=user,
        organisation=organisation,
        defaults={
            "status": membership_model.Status.GOEDGEKEURD,
            "role": "beheerder",
            "decided_at": timezone.now(),
        },
    )
    return user


def load() -> None:
    Deal = apps.get_model("deals", "Deal")
    DealPartner = apps.get_model("deals", "DealPartner")
    ProcessAgreement = apps.get_model("deals", "ProcessAgreement")
    Organisation = apps.get_model("atlas", "Organisation")
    Membership = apps.get_model("atlas", "Membership")
    M = {
        name: apps.get_model("schouw", name)
        for name in (
            "SchouwRound",
            "Participant",
            "Observation",
            "Criterion",
            "CommitmentCheck",
            "Appraisal",
            "Advice",
            "Lesson",
            "PublicationConsent",
        )
    }
    User = get_user_model()
    now = timezone.now()
    today = timezone.localdate()

    roffabriek = Organisation.objects.get(slug="de-roffabriek")
    cluster = Organisation.objects.get(slug="cluster-maatschappelijke-ontwikkeling")
    civil_servant = User.objects.get(email="ambtenaar@demo.reisgids.example")
    maker = _member(
        User, Membership, "roffabriek@demo.reisgids.example", "Ruud van de Roffabriek", roffabriek
    )

    deal, _ = Deal.objects.get_or_create(
        title=DEAL_TITLE,
        defaults={
            "summary": "Jongeren en nieuwkomers leren een vak in de werkplaats en doen mee in de wijk.",
            "status": Deal.Status.LOPEND,
            "created_by": maker,
            "closed_at": now - datetime.timedelta(days=400),
            "started_at": now - datetime.timedelta(days=380),
        },
    )
    partners = {}
    for organisation, role in [(roffabriek, "aanjager"), (cluster, "gemeente_actief")]:
        partners[organisation.pk], _ = DealPartner.objects.get_or_create(
            deal=deal,
            organisation=organisation,
            defaults={
                "role": role,
                "status": DealPartner.Status.GEACCEPTEERD,
                "decided_at": now,
                "invited_by": maker,
            },
        )
    ProcessAgreement.objects.get_or_create(
        deal=deal,
        kind="schouw",
        defaults={
            "description": "Eens per jaar een schouw, afgesloten met een schouwmaaltijd in de werkplaats.",
            "schouw_frequency": "jaarlijks",
            "schouw_setting": "feestelijk: schouwmaaltijd",
            "schouw_peers": "Een ander sociaal atelier; jongeren die de werkplaats gebruiken",
            "schouw_reporter": "De Roffabriek schrijft, de gemeente leest mee",
        },
    )
    if M["SchouwRound"].objects.filter(deal=deal).exists():
        return
    ours, theirs = partners[roffabriek.pk], partners[cluster.pk]

    # A finished round, with its report and lessons.
    done = M["SchouwRound"].objects.create(
        deal=deal,
        title="Roffabriek-schouw met schouwmaaltijd",
        status=M["SchouwRound"].Status.AFGEROND,
        setting="feestelijk",
        starts_on=today - datetime.timedelta(days=40),
        ends_on=today - datetime.timedelta(days=30),
        location="Werkplaats De Roffabriek",
        organiser=maker,
        appraisals_revealed=True,
        went_well="De werkplaats is een plek waar jongeren zich welkom voelen; de doorstroom naar werk kan beter.",
        to_learn="Hoe we de uren van vrijwillige begeleiders zichtbaar maken zonder urenregistratie.",
        wider_interest="Kleinschalige productie werkt als leerplek; inkoop kan daar rekening mee houden.",
        next_steps="Een korte evaluatie per kwartaal en een vaste contactpersoon bij de gemeente.",
        report_summary=(
            "De Roffabriek levert wat ze toezegde: een veilige leerplek met vakmensen. De gemeente gaf ruimte in "
            "de regels, maar was niet altijd bereikbaar. Peers en jongeren zagen vooral trots en vakmanschap."
        ),
        finished_at=now - datetime.timedelta(days=20),
        published_at=now - datetime.timedelta(days=10),
    )
    p_maker = M["Participant"].objects.create(
        round=done, kind="partner", user=maker, partner=ours, name=maker.name
    )
    p_cs = M["Participant"].objects.create(
        round=done, kind="partner", user=civil_servant, partner=theirs, name=civil_servant.name
    )
    p_peer = M["Participant"].objects.create(
        round=done,
        kind="peer",
        name="Sociaal atelier Noord",
        email="atelier-noord@demo.reisgids.example",
        token_hash=token_hash("afgelopen-demo-link"),
        token_expires_at=now - datetime.timedelta(days=5),
        consent_at=now - datetime.timedelta(days=38),
        consent_text="Ik doe mee aan deze schouw.",
    )
    for participant in (p_maker, p_cs, p_peer):
        participant.appraisals_submitted_at = now - datetime.timedelta(days=32)
        participant.save()
    for text, tone, who in [
        (
            "Jongeren leggen elkaar het gereedschap uit; de oudste leert de jongste.",
            "positief",
            p_peer,
        ),
        ("De werkplaats is te klein voor de groep op woensdag.", "negatief", p_maker),
        ("Buurtbewoners brengen spontaan kapotte stoelen om te laten maken.", "onverwacht", p_cs),
    ]:
        M["Observation"].objects.create(round=done, participant=who, text=text, tone=tone)
    criteria = [
        (
            ours,
            "Een veilige leerplek",
            "Toegezegd: begeleiding door vakmensen, drie dagen per week",
        ),
        (ours, "Verbinding met de wijk", "Toegezegd: open werkplaats op zaterdag"),
        (theirs, "Ruimte in regels", "Toegezegd: maatwerk in de verantwoording"),
        (theirs, "Bereikbaarheid", "Toegezegd: een vast aanspreekpunt"),
    ]
    levels = {
        "Een veilige leerplek": (4, 4, 3),
        "Verbinding met de wijk": (3, 2, 3),
        "Ruimte in regels": (3, 3, 2),
        "Bereikbaarheid": (1, 2, 2),
    }
    for partner, name, commitment in criteria:
        criterion = M["Criterion"].objects.create(
            round=done,
            partner=partner,
            name=name,
            commitment=commitment,
            proposed_by=maker,
            agreed_at=now,
            agreed_by=maker if partner == ours else civil_servant,
        )
        for participant, level in zip((p_maker, p_cs, p_peer), levels[name], strict=True):
            M["Appraisal"].objects.create(
                participant=participant,
                criterion=criterion,
                level=level,
                explanation=f"{name}: zo zag {participant.name} het tijdens de schouw.",
            )
    M["CommitmentCheck"].objects.create(
        round=done,
        partner=ours,
        verdict="ja",
        explanation="Drie dagen per week begeleiding, elke week.",
        recorded_by=maker,
    )
    M["CommitmentCheck"].objects.create(
        round=done,
        partner=theirs,
        verdict="deels",
        explanation="Het maatwerk kwam er; het vaste aanspreekpunt wisselde drie keer.",
        recorded_by=maker,
    )
    M["Advice"].objects.create(
        round=done, partner=ours, text="Maak een wachtlijst zichtbaar voor de woensdaggroep."
    )
    M["Advice"].objects.create(
        round=done, partner=theirs, text="Wijs één vaste contactpersoon aan voor het hele jaar."
    )
    M["Lesson"].objects.create(
        round=done,
        kind="samenwerking",
        title="Eén vast aanspreekpunt scheelt een initiatief weken",
        body="Wisselende contactpersonen kosten een klein initiatief veel tijd. Spreek bij de start van een deal "
        "af wie het aanspreekpunt is en wie dat overneemt bij afwezigheid.",
        audiences=["beleidsambtenaren", "bestuurders"],
        for_wide_audience=True,
        kennisbank="wachtrij",
        written_by=maker,
    )
    M["Lesson"].objects.create(
        round=done,
        kind="inhoudelijk",
        title="Een werkplaats is ook een ontmoetingsplek",
        body="Buurtbewoners komen langs met iets om te laten maken en blijven praten: reken die ontmoeting mee.",
        audiences=["aanbieders", "burgers"],
        for_wide_audience=True,
        kennisbank="wachtrij",
        written_by=maker,
    )
    for partner, who in ((ours, maker), (theirs, civil_servant)):
        M["PublicationConsent"].objects.create(round=done, partner=partner, agreed_by=who)

    # A round in progress: the open schouw, with an invited ervaringsdeskundige.
    running = M["SchouwRound"].objects.create(
        deal=deal,
        title="Tussentijdse schouw",
        status=M["SchouwRound"].Status.OPEN_SCHOUW,
        setting="zakelijk",
        starts_on=today - datetime.timedelta(days=2),
        ends_on=today + datetime.timedelta(days=12),
        location="Werkplaats De Roffabriek",
        organiser=maker,
    )
    p_maker = M["Participant"].objects.create(
        round=running, kind="partner", user=maker, partner=ours, name=maker.name
    )
    M["Participant"].objects.create(
        round=running, kind="partner", user=civil_servant, partner=theirs, name=civil_servant.name
    )
    M["Participant"].objects.create(
        round=running,
        kind="ervaringsdeskundige",
        name="Samira (deelnemer werkplaats)",
        email="samira@demo.reisgids.example",
        token_hash=token_hash(DEMO_GUEST_TOKEN),
        token_expires_at=now + datetime.timedelta(days=30),
        invited_by=maker,
    )
    M["Observation"].objects.create(
        round=running,
        participant=p_maker,
        text="De woensdaggroep is nu verdeeld over twee dagdelen.",
        tone="positief",
    )
