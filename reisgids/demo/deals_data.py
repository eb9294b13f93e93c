"""Deals for the demo: one in every step, among them a deal in Delfshaven and one with De Roffabriek,
as the report suggests for a start. Idempotent: deals are found again by their title."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from atlas.models import Area, Organisation, Theme
from deals.constants import TEMPLATE_ELEMENTS
from deals.models import (
    CheckIn,
    Contribution,
    Deal,
    DealEvent,
    DealPartner,
    DealTemplateElement,
    DealTheme,
    Intake,
    IntakeStep,
    Knelpunt,
    Milestone,
    PlanVersion,
    ProcessAgreement,
    Result,
    Signature,
    Task,
)
from deals.services import plan_snapshot

S = Deal.Status

PROPOSAL = {
    "doelstelling": "Bewoners die er alleen voor staan vinden elkaar en hulp dichtbij.",
    "samenstelling-partners": "Een bewonersinitiatief, een zorgaanbieder en de gemeente als facilitator.",
    "inbedding-wijken": "De activiteiten vinden plaats in buurthuizen en huiskamers in de wijk.",
    "haalbaarheid": "De partners werken al samen; ruimte en vrijwilligers zijn er.",
    "risicoanalyse": "Vrijwilligers kunnen overbelast raken; daarom een vaste coördinator.",
    "te-verwachten-resultaten": "Meer ontmoeting, minder eenzaamheid, mantelzorgers ontlast.",
    "opschaalbaarheid": "De aanpak kan naar andere wijken in Rotterdam-West.",
}

# title, status, aanjager slug, [(partner slug, role)], areas, themes (prefixes), summary
DEALS = [
    (
        "Delfshaven zorgt samen",
        S.LOPEND,
        "zorgvrijstaat-west",
        [
            ("cluster-maatschappelijke-ontwikkeling", "gemeente_facilitator"),
            ("humanitas", "partner"),
        ],
        ["Delfshaven", "Bospolder-Tussendijken"],
        ["Sociale cohesie", "Informele zorg"],
        "Bewoners, een zorgaanbieder en de gemeente organiseren samen burenhulp in Delfshaven.",
    ),
    (
        "Werkplaats De Roffabriek: leren en meedoen",
        S.GESLOTEN,
        "de-roffabriek",
        [("cluster-maatschappelijke-ontwikkeling", "gemeente_actief"), ("doordewijks", "partner")],
        ["Delfshaven"],
        ["Werk en participatie", "Sociaal ondernemen"],
        "Jongeren en nieuwkomers leren een vak in de werkplaats en doen mee in de wijk.",
    ),
    (
        "Respijt in de wijk",
        S.PLANNING,
        "logeerhuis-de-buren",
        [("humanitas", "partner"), ("gebiedsorganisatie", "klankbordgroep")],
        ["Noord"],
        ["Informele zorg"],
        "Mantelzorgers krijgen even rust: logeeropvang en vrijwilligers aan huis.",
    ),
    (
        "Samen koken in Middelland",
        S.TOETSING,
        "mooimooiermiddelland",
        [("doordewijks", "partner")],
        ["Middelland"],
        ["Eenzaamheid"],
        "Een wekelijkse buurtmaaltijd tegen eenzaamheid.",
    ),
    (
        "Gezond ouder worden op Zuid",
        S.IDEE,
        "humanitas",
        [("logeerhuis-de-buren", "partner")],
        ["Charlois"],
        ["Langer thuis", "Gezondheid"],
        "Ouderen blijven langer gezond thuis met beweegmaatjes.",
    ),
    (
        "Jongeren aan zet in Feijenoord",
        S.PARTNERS_ZOEKEN,
        "doordewijks",
        [],
        ["Feijenoord"],
        ["Jeugd"],
        "Jongeren organiseren zelf activiteiten; we zoeken partners met ruimte en begeleiding.",
    ),
    (
        "Schuldhulpmaatjes West",
        S.AFGEROND,
        "zorgvrijstaat-west",
        [("humanitas", "partner")],
        ["Delfshaven"],
        ["Armoede"],
        "Vrijwillige maatjes helpen bewoners met geldzorgen.",
    ),
    (
        "Buurtbus Middelland",
        S.GESTOPT,
        "mooimooiermiddelland",
        [("cluster-maatschappelijke-ontwikkeling", "gemeente_facilitator")],
        ["Middelland"],
        ["Langer thuis"],
        "Vervoer voor ouderen naar activiteiten in de wijk.",
    ),
    (
        "Huiskamer van de wijk",
        S.GEPAUZEERD,
        "logeerhuis-de-buren",
        [("zorgvrijstaat-west", "partner")],
        ["Delfshaven"],
        ["Eenzaamheid"],
        "Een open huiskamer waar iedereen binnen kan lopen.",
    ),
]

CLOSED = {S.GESLOTEN, S.LOPEND, S.AFGEROND}


def _template_elements():
    for position, (key, label, help_text, required) in enumerate(TEMPLATE_ELEMENTS):
        DealTemplateElement.objects.get_or_create(
            key=key,
            defaults={
                "label": label,
                "help_text": help_text,
                "required": required,
                "position": position,
            },
        )


def _deal_themes(themes, *, netwerkmanager, now):
    """The themes deals are asked for this period, each set once."""
    for priority, prefix in [
        (1, "Eenzaamheid"),
        (1, "Informele zorg"),
        (2, "Langer thuis"),
        (3, "Werk en"),
    ]:
        theme = next((t for t in themes if t.name.startswith(prefix)), None)
        if theme and not DealTheme.objects.filter(theme=theme, is_active=True).exists():
            DealTheme.objects.create(
                theme=theme,
                priority=priority,
                period_start=datetime.date(now.year, 1, 1),
                period_end=datetime.date(now.year + 1, 12, 31),
                akkoord="Akkoord Zorgzaam010" if priority == 1 else "Akkoord Gezond010",
                set_by=netwerkmanager,
            )


def _new_deal(title, status, summary, *, starter, now, closed):
    """The deal itself in ``status``, with the dates and the toetsing that step implies."""
    deal = Deal.objects.create(
        title=title,
        summary=summary,
        status=status,
        paused_from=S.LOPEND if status == S.GEPAUZEERD else "",
        status_note={
            S.GEPAUZEERD: "De vaste coördinator is ziek.",
            S.GESTOPT: "Geen vervoerder gevonden.",
        }.get(status, ""),
        proposal=PROPOSAL
        if status != S.PARTNERS_ZOEKEN
        else {"doelstelling": PROPOSAL["doelstelling"]},
        created_by=starter,
        toetsing_method="expertsessie" if status == S.TOETSING else "",
        toetsing_skipped=status in CLOSED or status in (S.PLANNING, S.GEPAUZEERD),
        toetsing_skip_reason="Bewezen aanpak uit een andere wijk." if status != S.TOETSING else "",
        financial_form="onderaannemerschap" if status in CLOSED else "geen",
        funding_source="Heel de Stad-budget" if status == S.LOPEND else "",
        closed_at=now - datetime.timedelta(days=60) if closed else None,
        started_at=now - datetime.timedelta(days=45)
        if status in (S.LOPEND, S.AFGEROND, S.GEPAUZEERD)
        else None,
        ended_at=now - datetime.timedelta(days=5) if status in (S.AFGEROND, S.GESTOPT) else None,
    )
    if status in (S.PARTNERS_ZOEKEN, S.IDEE):
        deal.toetsing_skipped = False
        deal.toetsing_skip_reason = ""
        deal.save(update_fields=["toetsing_skipped", "toetsing_skip_reason"])
    return deal


def _deal_partners(deal, status, rows, *, starter, now):
    """The partners that exist in the atlas; while partners are sought, all but the aanjager are
    invited, and Humanitas is invited besides. Returns the partners of ``rows``."""
    created = []
    for slug, role in rows:
        org = Organisation.objects.filter(slug=slug).first()
        if org is None:
            continue
        invited = status == S.PARTNERS_ZOEKEN and role != DealPartner.Role.AANJAGER
        created.append(
            DealPartner.objects.create(
                deal=deal,
                organisation=org,
                role=role,
                status=DealPartner.Status.UITGENODIGD
                if invited
                else DealPartner.Status.GEACCEPTEERD,
                invited_by=starter,
                decided_at=None if invited else now,
            )
        )
    if status == S.PARTNERS_ZOEKEN:
        humanitas = Organisation.objects.filter(slug="humanitas").first()
        if humanitas:
            DealPartner.objects.create(
                deal=deal,
                organisation=humanitas,
                role=DealPartner.Role.PARTNER,
                status=DealPartner.Status.UITGENODIGD,
            )
    return created


def _plan(deal, signing, *, starter, now):
    """Contributions and tasks of the signing partners, a result, the process agreements, a
    milestone and the first plan version. Returns the result and the version."""
    for i, partner in enumerate(signing):
        Contribution.objects.create(
            partner=partner,
            kind=["organisatorisch", "kennis", "maatwerk", "faciliteiten"][i % 4],
            description=f"Inzet van {partner.organisation.name}.",
            hours=80,
        )
        Task.objects.create(
            deal=deal,
            partner=partner,
            title=f"Coördinatie door {partner.organisation.name}",
            due_date=now.date() + datetime.timedelta(days=60),
        )
    result = Result.objects.create(
        deal=deal,
        title="Meer bewoners doen mee",
        indicator="Deelnemers per maand",
        baseline=20,
        target=100,
    )
    ProcessAgreement.objects.create(
        deal=deal,
        kind="schouw",
        description="Eens per jaar een open schouw met de partners en twee peers van buiten.",
        schouw_frequency="jaarlijks",
        schouw_setting="In het buurthuis, met bewoners erbij",
        schouw_peers="Een initiatief uit een andere wijk",
        schouw_reporter="De aanjager",
    )
    Milestone.objects.create(
        deal=deal, title="Eerste bijeenkomst", due_date=now.date() + datetime.timedelta(days=30)
    )
    version = PlanVersion.objects.create(
        deal=deal, number=1, snapshot=plan_snapshot(deal), created_by=starter
    )
    return result, version


def _sign(deal, version, signing, *, starter):
    """Every signing partner signs the first version; the deal is closed."""
    for partner in signing:
        Signature.objects.create(version=version, partner=partner, signed_by=starter)
    version.signed_at = deal.closed_at
    version.save(update_fields=["signed_at"])
    DealEvent.objects.create(
        deal=deal,
        kind=DealEvent.Kind.STAP,
        text="De deal is gesloten: alle partners hebben ondertekend.",
    )


def _first_checkin(deal, status, signing, result, *, now):
    """A running (or paused) deal's check-in this quarter and a knelpunt."""
    CheckIn.objects.create(
        partner=signing[0],
        period=datetime.date(now.year, ((now.month - 1) // 3) * 3 + 1, 1),
        status=CheckIn.Status.OP_KOERS if status == S.LOPEND else CheckIn.Status.VASTGELOPEN,
        note="Elke week nieuwe gezichten.",
        values={str(result.pk): "55"},
    )
    Knelpunt.objects.create(
        deal=deal,
        partner=signing[-1],
        category="data_privacy",
        title="Gegevens delen tussen partners",
        description="Mogen vrijwilligers adressen van deelnemers krijgen?",
        effect="Aanmeldingen lopen via omwegen.",
    )


def _load_deal(spec, *, themes, starter, now):
    """One deal of ``DEALS``, as far as its step goes."""
    title, status, aanjager, partners, area_names, theme_prefixes, summary = spec
    closed = status in CLOSED or status == S.GEPAUZEERD
    deal = _new_deal(title, status, summary, starter=starter, now=now, closed=closed)
    deal.areas.set(Area.objects.filter(name__in=area_names))
    deal.themes.set(t for t in themes if any(t.name.startswith(p) for p in theme_prefixes))
    rows = [(aanjager, DealPartner.Role.AANJAGER), *partners]
    created = _deal_partners(deal, status, rows, starter=starter, now=now)
    DealEvent.objects.create(
        deal=deal,
        kind=DealEvent.Kind.STAP,
        text=f"Deal gestart; {deal.get_status_display().lower()}.",
    )
    if status in (S.PARTNERS_ZOEKEN, S.IDEE, S.TOETSING):
        return
    signing = [p for p in created if p.signs]
    result, version = _plan(deal, signing, starter=starter, now=now)
    if closed:
        _sign(deal, version, signing, starter=starter)
    if status in (S.LOPEND, S.GEPAUZEERD) and signing:
        _first_checkin(deal, status, signing, result, now=now)


def load():
    now = timezone.now()
    User = get_user_model()
    netwerkmanager = User.objects.filter(email="netwerkmanager@demo.reisgids.example").first()
    starter = (
        User.objects.filter(email="initiatiefnemer@demo.reisgids.example").first() or netwerkmanager
    )
    _template_elements()
    themes = list(Theme.objects.all())
    _deal_themes(themes, netwerkmanager=netwerkmanager, now=now)
    for spec in DEALS:
        if Deal.objects.filter(title=spec[0]).exists() or starter is None:
            continue
        _load_deal(spec, themes=themes, starter=starter, now=now)
    if starter and not Intake.objects.exists():
        intake = Intake.objects.create(
            kind="verzoek",
            title="Buurtkamer in leegstaand pand",
            description="Wij willen een leegstaand gemeentelijk pand gebruiken als buurtkamer.",
            organisation=Organisation.objects.filter(slug="logeerhuis-de-buren").first(),
            submitted_by=starter,
        )
        IntakeStep.objects.create(intake=intake, text="Ingediend.")
