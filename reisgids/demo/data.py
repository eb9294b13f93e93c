"""The demo's content: the parties, places and themes of the report "Van Recht naar Reden".

Descriptions of the five initiatives follow the report's appendix; coordinates are
approximate centre points, good enough for a map of the city.
"""

THEMES = [
    (
        "Informele zorg en mantelzorg",
        "Zorgen voor elkaar, ondersteuning van mantelzorgers en respijtzorg.",
    ),
    ("Eenzaamheid en ontmoeting", "Mensen ontmoeten elkaar en staan er niet alleen voor."),
    ("Gezondheid en leefstijl", "Gezond leven in de wijk; de thema's van Gezond010."),
    ("Langer thuis wonen", "Ondersteuning zodat mensen zelfstandig kunnen blijven wonen."),
    (
        "Werk en participatie",
        "Werk en meedoen voor Rotterdammers met een afstand tot de arbeidsmarkt.",
    ),
    ("Armoede en schulden", "Bestaanszekerheid en hulp bij geldzorgen."),
    ("Jeugd en jongeren", "Kansen en ondersteuning voor jongeren in de wijk."),
    (
        "Sociale cohesie en zorgzame buurt",
        "Samenredzaamheid: bewoners organiseren zorg en welzijn samen.",
    ),
    ("Wijkaanpak en leefbaarheid", "Leefbaarheid, veiligheid en fysieke verbetering van de wijk."),
    (
        "Sociaal ondernemen",
        "Ondernemingen met een maatschappelijk doel en een hybride verdienmodel.",
    ),
]

# gebied: (lat, lon, [(wijk, lat, lon), ...])
AREAS = {
    "Centrum": (
        51.9225,
        4.4792,
        [
            ("Stadsdriehoek", 51.9215, 4.4870),
            ("Cool", 51.9180, 4.4740),
            ("Oude Westen", 51.9170, 4.4650),
            ("Nieuwe Werk", 51.9100, 4.4700),
        ],
    ),
    "Delfshaven": (
        51.9120,
        4.4430,
        [
            ("Middelland", 51.9190, 4.4590),
            ("Nieuwe Westen", 51.9200, 4.4460),
            ("Spangen", 51.9240, 4.4320),
            ("Bospolder-Tussendijken", 51.9100, 4.4350),
            ("Delfshaven", 51.9080, 4.4480),
            ("Oud-Mathenesse", 51.9150, 4.4150),
        ],
    ),
    "Noord": (
        51.9330,
        4.4750,
        [
            ("Oude Noorden", 51.9330, 4.4820),
            ("Blijdorp", 51.9300, 4.4560),
            ("Liskwartier", 51.9340, 4.4680),
            ("Agniesebuurt", 51.9280, 4.4740),
        ],
    ),
    "Kralingen-Crooswijk": (
        51.9260,
        4.5080,
        [
            ("Kralingen-West", 51.9230, 4.4990),
            ("Crooswijk", 51.9300, 4.4970),
            ("Kralingen-Oost", 51.9200, 4.5250),
        ],
    ),
    "Feijenoord": (
        51.8980,
        4.5000,
        [
            ("Afrikaanderwijk", 51.8960, 4.4930),
            ("Bloemhof", 51.8910, 4.5010),
            ("Hillesluis", 51.8890, 4.5120),
            ("Katendrecht", 51.9030, 4.4830),
            ("Feijenoord", 51.9040, 4.5010),
        ],
    ),
    "Charlois": (
        51.8850,
        4.4750,
        [
            ("Tarwewijk", 51.8920, 4.4800),
            ("Carnisse", 51.8850, 4.4860),
            ("Oud-Charlois", 51.8900, 4.4620),
            ("Pendrecht", 51.8710, 4.4660),
            ("Zuidwijk", 51.8730, 4.4820),
        ],
    ),
    "IJsselmonde": (
        51.8860,
        4.5400,
        [
            ("Lombardijen", 51.8780, 4.5330),
            ("Groot-IJsselmonde", 51.8870, 4.5500),
            ("Beverwaard", 51.8850, 4.5700),
        ],
    ),
    "Hillegersberg-Schiebroek": (
        51.9530,
        4.4850,
        [("Hillegersberg", 51.9500, 4.4930), ("Schiebroek", 51.9590, 4.4750)],
    ),
    "Prins Alexander": (
        51.9550,
        4.5530,
        [
            ("Ommoord", 51.9600, 4.5430),
            ("Zevenkamp", 51.9680, 4.5650),
            ("Het Lage Land", 51.9470, 4.5390),
            ("Nesselande", 51.9780, 4.5780),
        ],
    ),
    "Overschie": (51.9400, 4.4280, [("Overschie", 51.9390, 4.4290)]),
    "Hoogvliet": (
        51.8620,
        4.3570,
        [("Hoogvliet-Noord", 51.8680, 4.3550), ("Hoogvliet-Zuid", 51.8560, 4.3580)],
    ),
    "Pernis": (51.8880, 4.3880, [("Pernis", 51.8880, 4.3880)]),
    "Rozenburg": (51.9050, 4.2480, [("Rozenburg", 51.9050, 4.2480)]),
    "Hoek van Holland": (51.9770, 4.1330, [("Hoek van Holland", 51.9770, 4.1330)]),
}

# slug, name, type, description, website, citywide, areas (wijk or gebied names), themes (first words)
ORGANISATIONS = [
    (
        "logeerhuis-de-buren",
        "Logeerhuis De Buren",
        "initiatief",
        "Logeerhuis De Buren is een voorziening voor mensen die tijdens of na een ziekte of ziekenhuisopname niet "
        "kunnen terugvallen op het eigen netwerk van familie, buren, vrienden of kennissen, maar ook nog niet in staat "
        "zijn om zelfstandig te wonen. Daarnaast levert het logeerhuis respijtzorg: een tijdelijk verblijf in het "
        "logeerhuis kan zo een adempauze geven aan mantelzorgers.",
        "",
        False,
        ["Kralingen-Crooswijk"],
        ["Informele zorg", "Langer thuis"],
    ),
    (
        "doordewijks",
        "DoorDeWijks",
        "initiatief",
        "DoorDeWijks is een platform voor betaalbare hulp binnen de wijk. Het platform levert werkgelegenheid op voor "
        "de aanbieders van hulp en biedt ondersteuning of gezelschap aan wie daar behoefte aan heeft, ook wanneer daar "
        "geen indicatie voor is. Wijkbewoners kunnen tegen een vast, laag tarief van €12 hun diensten aanbieden "
        "en zijn hun eigen baas. Omdat zij hulp bieden in hun eigen wijk, bevordert het platform ook de sociale "
        "cohesie en ondersteunt het langer zelfstandig thuis wonen.",
        "",
        False,
        ["Noord", "Kralingen-Crooswijk"],
        ["Langer thuis", "Eenzaamheid", "Werk en participatie"],
    ),
    (
        "de-roffabriek",
        "De Roffabriek",
        "netwerk",
        "De Roffabriek is een platform waarin sociale ondernemingen die elk op hun eigen manier bijdragen aan een "
        "duurzame, gezonde en inclusieve stad hun krachten bundelen en als innovatieve aanbieders een plek op het "
        "speelveld willen innemen. De Roffabriek staat voor eerlijk werk. Het gaat om kleinschalige productie, waarbij "
        "ook Rotterdammers met een afstand tot de arbeidsmarkt en/of een Wmo-indicatie welkom zijn.",
        "",
        True,
        [],
        ["Sociaal ondernemen", "Werk en participatie"],
    ),
    (
        "mooimooiermiddelland",
        "MooiMooierMiddelland",
        "initiatief",
        "MooiMooierMiddelland is een participatieproject dat gericht is op het verbeteren van de wijk Middelland. "
        "Nadat lokaal verzet tegen een beleidsprogramma van de gemeente leidde tot een cocreatietraject, trekken "
        "ondernemers en bewoners samen de kar. Zij bepalen de koers en de ontwikkeling van de wijk; de gemeente "
        "ondersteunt. Er wordt gewerkt aan leefbaarheid, veiligheid, duurzaamheid en de positie van jongeren.",
        "",
        False,
        ["Middelland"],
        ["Wijkaanpak", "Jeugd"],
    ),
    (
        "zorgvrijstaat-west",
        "Zorgvrijstaat West",
        "initiatief",
        "De Zorgvrijstaat wil bewoners van Rotterdam West organiseren in het zorgen voor elkaar en werkt aan een "
        "zorgzame buurt, waarin bewoners zeggenschap hebben én eigenaarschap voelen voor hun eigen zorg en welzijn. "
        "Vanuit het idee van samenredzaamheid wordt samen met bewoners gebouwd aan nieuwe netwerken en voorzieningen, "
        "zoals een klussendienst en aanschuifmaaltijden.",
        "",
        False,
        ["Delfshaven"],
        ["Sociale cohesie", "Informele zorg", "Eenzaamheid"],
    ),
    (
        "cluster-maatschappelijke-ontwikkeling",
        "Cluster Maatschappelijke Ontwikkeling",
        "gemeentelijk_cluster",
        "Het cluster van de gemeente Rotterdam dat werkt aan zorg, welzijn, jeugd, onderwijs en participatie, en "
        "verantwoordelijk is voor het beleidsplan Heel de Stad.",
        "https://www.rotterdam.nl",
        True,
        [],
        ["Informele zorg", "Gezondheid", "Jeugd"],
    ),
    (
        "cluster-stadsbeheer",
        "Cluster Stadsbeheer",
        "gemeentelijk_cluster",
        "Het cluster van de gemeente Rotterdam dat de openbare ruimte beheert: schoon, heel en veilig.",
        "https://www.rotterdam.nl",
        True,
        [],
        ["Wijkaanpak"],
    ),
    (
        "cluster-dienstverlening",
        "Cluster Dienstverlening",
        "gemeentelijk_cluster",
        "Het cluster van de gemeente Rotterdam voor de dienstverlening aan bewoners en ondernemers.",
        "https://www.rotterdam.nl",
        True,
        [],
        ["Armoede"],
    ),
    (
        "cluster-stadsontwikkeling",
        "Cluster Stadsontwikkeling",
        "gemeentelijk_cluster",
        "Het cluster van de gemeente Rotterdam voor ruimtelijke ontwikkeling, wonen en economie.",
        "https://www.rotterdam.nl",
        True,
        [],
        ["Langer thuis", "Wijkaanpak"],
    ),
    (
        "gebiedsorganisatie",
        "Gebiedsorganisatie Rotterdam",
        "gebiedsorganisatie",
        "De gebiedsorganisatie verbindt de gemeente met de gebieden en wijken, met wijkraden en wijkcomités.",
        "https://www.rotterdam.nl",
        True,
        [],
        ["Wijkaanpak", "Sociale cohesie"],
    ),
    (
        "wmo-radar",
        "WMO Radar",
        "aanbieder",
        "Welzijnsorganisatie in Rotterdam, onder meer voor ondersteuning in de wijk en de Wmo.",
        "",
        False,
        ["Noord", "Charlois", "IJsselmonde"],
        ["Informele zorg", "Eenzaamheid"],
    ),
    (
        "voorgoed-agency",
        "VoorGoed Agency",
        "intermediair",
        "Bureau dat sociale initiatieven en de gemeente helpt samen te werken; begeleidde mee het cocreatietraject.",
        "",
        True,
        [],
        ["Sociaal ondernemen"],
    ),
    (
        "humanitas",
        "Humanitas Rotterdam",
        "aanbieder",
        "Vrijwilligersorganisatie voor zorg en welzijn. Logeerhuis De Buren werkt als onderaannemer van Humanitas, "
        "waardoor zorgverzekeraars de zorg in sommige gevallen vergoeden.",
        "",
        True,
        [],
        ["Informele zorg", "Eenzaamheid"],
    ),
    (
        "gezond010",
        "Gezond010",
        "netwerk",
        "Stedelijk netwerk voor gezondheid en een gezonde leefstijl, met een akkoord en satellieten per thema.",
        "",
        True,
        [],
        ["Gezondheid"],
    ),
    (
        "zorgzaam010",
        "Zorgzaam010",
        "netwerk",
        "Stedelijk netwerk voor informele zorg en ondersteuning, met een akkoord tussen gemeente en partners.",
        "",
        True,
        [],
        ["Informele zorg", "Sociale cohesie"],
    ),
]

DEMO_PASSWORD = "demo-reisgids-2026"

# email, name, role, organisation slug (approved member; "beheerder" = organisation admin), org role
USERS = [
    (
        "initiatiefnemer@demo.reisgids.example",
        "Iris Initiatief",
        "initiatiefnemer",
        "logeerhuis-de-buren",
        "beheerder",
    ),
    (
        "ambtenaar@demo.reisgids.example",
        "Ahmed Ambtenaar",
        "ambtenaar",
        "cluster-maatschappelijke-ontwikkeling",
        "lid",
    ),
    (
        "contentbeheerder@demo.reisgids.example",
        "Carla Content",
        "contentbeheerder",
        "gebiedsorganisatie",
        "lid",
    ),
    (
        "bestuurder@demo.reisgids.example",
        "Bram Bestuur",
        "bestuurder",
        "cluster-maatschappelijke-ontwikkeling",
        "lid",
    ),
    (
        "netwerkmanager@demo.reisgids.example",
        "Nora Netwerk",
        "netwerkmanager",
        "zorgzaam010",
        "beheerder",
    ),
    ("beheerder@demo.reisgids.example", "Bert Beheer", "beheerder", None, None),
]
