"""More of the atlas for the demo: organisations across types, themes and areas, contact points,
the Gezond010 and Zorgzaam010 networks, and the beleidsinstrumenten named in the report.

The small initiatives are illustrative demo entries, not real organisations; the instruments
and networks are those the report names, described in general terms.
"""

import datetime

from django.utils.text import slugify

from atlas.models import (
    Agreement,
    Area,
    ContactPoint,
    Instrument,
    Network,
    NetworkGroup,
    Organisation,
    Theme,
)

# name, type, wijk or gebied ("" = stadsbreed), theme prefixes, looking for
ORGANISATIONS = [
    (
        "Buurtkeuken Afrikaanderwijk",
        "initiatief",
        "Afrikaanderwijk",
        ["Eenzaamheid"],
        "Een tweede kookruimte",
    ),
    (
        "Repair Café Oude Noorden",
        "initiatief",
        "Oude Noorden",
        ["Sociale cohesie"],
        "Vrijwilligers met technische kennis",
    ),
    ("Taalcafé Carnisse", "initiatief", "Carnisse", ["Werk en participatie"], ""),
    (
        "Wijktuin Spangen",
        "initiatief",
        "Spangen",
        ["Gezondheid", "Sociale cohesie"],
        "Een partner voor gezond koken",
    ),
    ("Mantelzorgcafé Ommoord", "initiatief", "Ommoord", ["Informele zorg"], ""),
    ("Samen Sterk Pendrecht", "initiatief", "Pendrecht", ["Armoede"], "Schuldhulpmaatjes"),
    ("Moedernetwerk Bloemhof", "initiatief", "Bloemhof", ["Jeugd", "Informele zorg"], ""),
    (
        "Beweegclub Zuidwijk",
        "initiatief",
        "Zuidwijk",
        ["Gezondheid"],
        "Een sportaanbieder in de wijk",
    ),
    ("Huiskamer van Crooswijk", "initiatief", "Crooswijk", ["Eenzaamheid"], ""),
    (
        "Klussenploeg Tarwewijk",
        "initiatief",
        "Tarwewijk",
        ["Langer thuis"],
        "Gereedschap en materiaal",
    ),
    ("Jongerenpodium Hillesluis", "initiatief", "Hillesluis", ["Jeugd"], "Een oefenruimte"),
    ("Burenhulp Lombardijen", "initiatief", "Lombardijen", ["Sociale cohesie", "Langer thuis"], ""),
    ("Voedseltuin Hoogvliet", "initiatief", "Hoogvliet-Noord", ["Armoede", "Gezondheid"], ""),
    ("Wandelmaatjes Schiebroek", "initiatief", "Schiebroek", ["Eenzaamheid", "Gezondheid"], ""),
    (
        "Ontmoetingsplek Katendrecht",
        "initiatief",
        "Katendrecht",
        ["Eenzaamheid"],
        "Een vaste ruimte",
    ),
    (
        "Zorgcoöperatie Kralingen",
        "initiatief",
        "Kralingen-Oost",
        ["Langer thuis", "Informele zorg"],
        "",
    ),
    (
        "Vrouwencentrum Bospolder",
        "initiatief",
        "Bospolder-Tussendijken",
        ["Werk en participatie"],
        "",
    ),
    ("Wijkbus Prins Alexander", "initiatief", "Prins Alexander", ["Langer thuis"], "Chauffeurs"),
    ("Schuldenlab Delfshaven", "initiatief", "Delfshaven", ["Armoede"], ""),
    (
        "Huiswerkklas Het Lage Land",
        "initiatief",
        "Het Lage Land",
        ["Jeugd"],
        "Studenten als begeleider",
    ),
    ("Aanschuiftafel Overschie", "initiatief", "Overschie", ["Eenzaamheid"], ""),
    ("Buurtpension Pernis", "initiatief", "Pernis", ["Langer thuis"], ""),
    ("Dorpsraad Rozenburg Zorgt", "initiatief", "Rozenburg", ["Sociale cohesie"], ""),
    ("Strandwacht Hoek van Holland", "initiatief", "Hoek van Holland", ["Gezondheid"], ""),
    ("Stichting Thuiszorg Maas", "aanbieder", "", ["Langer thuis"], ""),
    ("Welzijn Rotterdam Zuid", "aanbieder", "Charlois", ["Eenzaamheid", "Sociale cohesie"], ""),
    ("Wijkteam Noord", "aanbieder", "Noord", ["Informele zorg", "Jeugd"], ""),
    ("Wijkteam Feijenoord", "aanbieder", "Feijenoord", ["Informele zorg", "Jeugd"], ""),
    (
        "Dagbesteding De Werkplaats",
        "aanbieder",
        "IJsselmonde",
        ["Werk en participatie"],
        "Opdrachtgevers",
    ),
    ("Ouderenzorg Hillegersberg", "aanbieder", "Hillegersberg", ["Langer thuis"], ""),
    ("GGZ Buurtpunt West", "aanbieder", "Nieuwe Westen", ["Gezondheid"], ""),
    ("Jeugdhulp Rijnmond", "aanbieder", "", ["Jeugd"], ""),
    (
        "Sociaal Bouwbedrijf 010",
        "commercieel",
        "",
        ["Sociaal ondernemen", "Werk en participatie"],
        "",
    ),
    ("Coöperatieve Zorgverzekeraar Zuid-Holland", "commercieel", "", ["Gezondheid"], ""),
    (
        "Woningcorporatie Maasoevers",
        "commercieel",
        "Feijenoord",
        ["Langer thuis", "Wijkaanpak"],
        "",
    ),
    ("Fietskoerier Rotterdam", "commercieel", "Centrum", ["Sociaal ondernemen"], ""),
    (
        "Hogeschool Rotterdam, lectoraat Zorg",
        "onderwijs",
        "",
        ["Gezondheid"],
        "Praktijkplekken voor studenten",
    ),
    ("Erasmus Universiteit, gezondheidsbeleid", "onderwijs", "Kralingen-West", ["Gezondheid"], ""),
    ("Albeda Zorgcollege", "onderwijs", "Charlois", ["Werk en participatie"], "Stageplekken"),
    ("Zadkine Welzijnsopleiding", "onderwijs", "Centrum", ["Werk en participatie"], ""),
    ("Vrijwilligerscentrale 010", "intermediair", "", ["Sociale cohesie"], ""),
    ("Fonds voor Wijkinitiatieven", "intermediair", "", ["Sociaal ondernemen"], ""),
    ("Mantelzorgnetwerk Rotterdam", "netwerk", "", ["Informele zorg"], ""),
    ("Netwerk Sociaal Ondernemers Zuid", "netwerk", "Feijenoord", ["Sociaal ondernemen"], ""),
    ("Platform Armoede Rotterdam", "netwerk", "", ["Armoede"], ""),
    ("Bibliotheek Rotterdam, Taalhuis", "overig", "Centrum", ["Werk en participatie"], ""),
    ("Speeltuinvereniging Oud-Charlois", "overig", "Oud-Charlois", ["Jeugd"], ""),
    ("Moskee-overleg Rotterdam Zuid", "overig", "Charlois", ["Sociale cohesie"], ""),
]

NETWORKS = {
    "gezond010": (
        "Gezond010",
        "Het stedelijke netwerk voor een gezonde stad: partners werken samen aan gezondheid en leefstijl, "
        "met een akkoord en satellieten per thema.",
        [("Gezond010-akkoord", datetime.date(2019, 3, 1))],
        [("Satelliet Gezond Gewicht", "satelliet"), ("Satelliet Bewegen", "satelliet")],
    ),
    "zorgzaam010": (
        "Zorgzaam010",
        "Het stedelijke netwerk voor informele zorg en ondersteuning: gemeente en partners maken afspraken "
        "in een akkoord en werken in themagroepen.",
        [("Zorgzaam010-akkoord", datetime.date(2020, 6, 1))],
        [("Themagroep Mantelzorg", "themagroep"), ("Themagroep Respijtzorg", "themagroep")],
    ),
}

# name, purpose, eligibility, budget, how to apply, theme prefixes
INSTRUMENTS = [
    (
        "Citylab010",
        "Geld en ondersteuning voor vernieuwende ideeën van Rotterdammers die de stad beter maken.",
        "Rotterdammers, initiatieven en ondernemers met een plan voor de stad.",
        "Jaarlijks budget, verdeeld in een open ronde",
        "Dien een plan in tijdens de jaarlijkse ronde; een jury beoordeelt.",
        ["Sociaal ondernemen", "Wijkaanpak"],
    ),
    (
        "Bewonersinitiatief",
        "Een bijdrage voor activiteiten die bewoners zelf organiseren in hun buurt.",
        "Bewoners en bewonersgroepen.",
        "Bijdrage per activiteit",
        "Vraag het aan via de gebiedsorganisatie of de wijkraad.",
        ["Sociale cohesie"],
    ),
    (
        "Couleur Locale",
        "Ondersteuning van activiteiten die mensen in de wijk met elkaar verbinden.",
        "Initiatieven en organisaties in de wijk.",
        "Bijdrage per project",
        "Neem contact op met de gebiedsorganisatie.",
        ["Eenzaamheid", "Sociale cohesie"],
    ),
    (
        "Right to Challenge",
        "Bewoners en initiatieven nemen een taak van de gemeente over als zij die beter of goedkoper kunnen doen.",
        "Bewonersgroepen en initiatieven met een concreet voorstel.",
        "Het budget dat de gemeente nu aan de taak besteedt",
        "Dien een uitdaging in bij de gemeente; samen wordt de haalbaarheid onderzocht.",
        ["Wijkaanpak", "Sociaal ondernemen"],
    ),
    (
        "Heel de Stad-budget",
        "Budget uit het beleidsplan Heel de Stad voor zorg en welzijn dichtbij, ook voor deals met initiatieven.",
        "Partners in zorg en welzijn, waaronder initiatieven.",
        "Onderdeel van het beleidsplan Heel de Stad",
        "Via het aanspreekpunt van het Cluster Maatschappelijke Ontwikkeling.",
        ["Informele zorg", "Langer thuis"],
    ),
]


def _themes(prefixes):
    return [t for t in Theme.objects.all() if any(t.name.startswith(p) for p in prefixes)]


def load():
    """Create or update the demo atlas; safe to run again."""
    for name, type_, place, theme_words, looking_for in ORGANISATIONS:
        area = Area.objects.filter(name=place).order_by("kind").first() if place else None
        org, _ = Organisation.objects.update_or_create(
            slug=slugify(name),
            defaults={
                "name": name,
                "type": type_,
                "description": f"{name} is actief in zorg en welzijn in Rotterdam.",
                "citywide": area is None,
                "is_verified": type_ != "initiatief",
                "looking_for": looking_for,
                "latitude": area.latitude if area else None,
                "longitude": area.longitude if area else None,
            },
        )
        org.areas.set([area] if area else [])
        org.themes.set(_themes(theme_words))
    cmo = Organisation.objects.get(slug="cluster-maatschappelijke-ontwikkeling")
    contact = {}
    for org_slug, name, function, topic in [
        (
            "cluster-maatschappelijke-ontwikkeling",
            "Aanspreekpunt initiatieven",
            "Beleidsadviseur",
            "Samenwerken met de gemeente en het Heel de Stad-budget",
        ),
        (
            "gebiedsorganisatie",
            "Wijkregisseur Delfshaven",
            "Wijkregisseur",
            "Bewonersinitiatief en Couleur Locale",
        ),
        (
            "gebiedsorganisatie",
            "Wijknetwerker Feijenoord",
            "Wijknetwerker",
            "Contact met wijkraden en initiatieven",
        ),
        ("logeerhuis-de-buren", "Coördinator logeerhuis", "Coördinator", "Logeren en respijtzorg"),
        (
            "zorgvrijstaat-west",
            "Kwartiermaker",
            "Kwartiermaker",
            "Zorgzame buurt en aanschuifmaaltijden",
        ),
        (
            "cluster-stadsontwikkeling",
            "Aanspreekpunt Right to Challenge",
            "Programmamanager",
            "Right to Challenge",
        ),
    ]:
        cp, _ = ContactPoint.objects.update_or_create(
            organisation=Organisation.objects.get(slug=org_slug),
            name=name,
            defaults={
                "function": function,
                "topic": topic,
                "how_to_reach": "Via het algemene nummer 14 010 of het contactformulier.",
                "email": f"{slugify(name)}@demo.reisgids.example",
                "phone": "14 010",
            },
        )
        contact[name] = cp
    for slug, (name, description, agreements, groups) in NETWORKS.items():
        coordinator = Organisation.objects.filter(slug=slug).first()
        network, _ = Network.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "description": description, "coordinator": coordinator},
        )
        members = list(
            Organisation.objects.filter(
                themes__in=_themes(["Gezond" if slug == "gezond010" else "Informele"])
            ).distinct()[:12]
        )
        network.organisations.set(members)
        network.themes.set(_themes(["Gezond" if slug == "gezond010" else "Informele"]))
        for title, signed_on in agreements:
            agreement, _ = Agreement.objects.update_or_create(
                network=network, title=title, defaults={"signed_on": signed_on}
            )
            agreement.signatories.set([cmo, *members[:6]])
        for group_name, kind in groups:
            group, _ = NetworkGroup.objects.update_or_create(
                network=network, name=group_name, defaults={"kind": kind}
            )
            group.organisations.set(members[6:10])
    for name, purpose, eligibility, budget, how, theme_words in INSTRUMENTS:
        instrument, _ = Instrument.objects.update_or_create(
            slug=slugify(name),
            defaults={
                "name": name,
                "purpose": purpose,
                "eligibility": eligibility,
                "budget": budget,
                "how_to_apply": how,
                "owner": cmo,
                "contact_point": contact["Aanspreekpunt initiatieven"],
            },
        )
        instrument.themes.set(_themes(theme_words))
