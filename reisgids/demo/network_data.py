"""Demo data for the interactive half of the reisgids: news, agenda and trainings, vraag en aanbod,
stories with comments, the kennisbank and a follow. Idempotent: keyed on slugs and titles."""

import datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

NEWS = [
    (
        "Logeerhuis De Buren opent tweede kamer",
        "initiatief",
        "logeerhuis-de-buren",
        "Mantelzorgers in Delfshaven kunnen vaker even op adem komen.",
        "Het logeerhuis heeft een tweede logeerkamer. Met steun van buurtbewoners en de gemeente kunnen "
        "mantelzorgers hun naaste vaker een nacht laten logeren.",
        ["Informele zorg"],
    ),
    (
        "Eerste zorg- en welzijnsdeal getekend",
        "deal",
        "cluster-maatschappelijke-ontwikkeling",
        "Het logeerhuis en de gemeente tekenen de deal Respijtzorg dichtbij huis.",
        "Partners leggen vast wat ieder inbrengt, welke resultaten zij nastreven en wanneer zij samen "
        "de schouw houden.",
        ["Informele zorg", "Langer thuis"],
    ),
    (
        "Rapport: van recht naar reden",
        "rapport",
        None,
        "Hoe samenwerken tussen gemeente en initiatieven normaal wordt.",
        "Het rapport beschrijft vier kwadranten: deals, partner in residence, de schouw en de reisgids.",
        [],
    ),
    (
        "Gemeente zoekt initiatieven voor de wijkaanpak in Charlois",
        "gemeente",
        "gebiedsorganisatie",
        "Denk mee over de nieuwe wijkaanpak.",
        "De gebiedsorganisatie nodigt initiatieven uit om mee te denken over wat de wijk nodig heeft.",
        ["Wijkaanpak"],
    ),
]

EVENTS = [
    # title, kind, topic, provider, days ahead, hours, online, location, registration, capacity, organiser
    (
        "Workshop: een businessplan schrijven",
        "workshop",
        "businessplan",
        "ervaringsdeskundige",
        12,
        3,
        False,
        "Wijkcentrum De Larenkamp, Delfshaven",
        "platform",
        15,
        "logeerhuis-de-buren",
    ),
    (
        "Training subsidie aanvragen bij de gemeente",
        "training",
        "subsidie",
        "gemeente",
        20,
        2,
        True,
        "",
        "platform",
        40,
        "cluster-maatschappelijke-ontwikkeling",
    ),
    (
        "Cursus klantcontact en dienstverlening",
        "training",
        "dienstverlening",
        "professioneel",
        35,
        4,
        False,
        "Stadhuis, Coolsingel 40",
        "link",
        None,
        "cluster-dienstverlening",
    ),
    (
        "Netwerkbijeenkomst Zorgzaam010",
        "bijeenkomst",
        "",
        "",
        8,
        2,
        False,
        "De Roffabriek, Charlois",
        "geen",
        None,
        "zorgzaam010",
    ),
    (
        "Dealdag najaar",
        "kick_off",
        "",
        "",
        -40,
        3,
        False,
        "Arminius, Rotterdam Centrum",
        "geen",
        None,
        "cluster-maatschappelijke-ontwikkeling",
    ),
]

LISTINGS = [
    # organisation, kind, category, title, description, days valid, themes
    (
        "logeerhuis-de-buren",
        "vraag",
        "businessplan",
        "Wie kijkt mee naar ons businessplan?",
        "Wij willen groeien naar drie logeerkamers en zoeken iemand met ervaring in begrotingen.",
        30,
        ["Informele zorg"],
    ),
    (
        "doordewijks",
        "aanbod",
        "subsidie",
        "Hulp bij uw eerste subsidieaanvraag",
        "Twee vrijwilligers met ervaring lezen uw aanvraag en denken mee.",
        60,
        ["Sociaal ondernemen"],
    ),
    (
        "de-roffabriek",
        "aanbod",
        "ruimte",
        "Vergaderruimte voor 20 mensen in Charlois",
        "Op dinsdag- en donderdagavond gratis voor initiatieven.",
        90,
        ["Eenzaamheid"],
    ),
    (
        "zorgvrijstaat-west",
        "vraag",
        "extra_handen",
        "Extra handen voor de buurtbarbecue",
        "Voor de barbecue in augustus zoeken wij vijf mensen die willen helpen.",
        45,
        ["Sociale cohesie"],
    ),
    (
        "cluster-maatschappelijke-ontwikkeling",
        "aanbod",
        "voucher",
        "Voucher: een ambtenaar naar keuze",
        "Een dag een ambtenaar die met u meedenkt over regels, subsidies of de wijk.",
        120,
        [],
    ),
    (
        "humanitas",
        "vraag",
        "dealpartner",
        "Partner gezocht voor een deal over eenzaamheid",
        "Wij zoeken een initiatief in Feijenoord om samen een deal te vormen.",
        60,
        ["Eenzaamheid"],
    ),
    (
        "voorgoed-agency",
        "aanbod",
        "onderaanneming",
        "Onderaannemer voor maatjesprojecten",
        "Wij nemen maatjestrajecten aan als onderaannemer van een grotere aanbieder.",
        90,
        ["Eenzaamheid"],
    ),
]

STORIES = [
    (
        "Honderd nachten logeren",
        "blog",
        "initiatiefnemer@demo.reisgids.example",
        "logeerhuis-de-buren",
        "<p>Vorige week logeerde onze honderdste gast. <strong>Honderd nachten</strong> rust voor mantelzorgers.</p>"
        "<p>Wat hielp: een vast aanspreekpunt bij de gemeente.</p>",
        "",
    ),
    (
        "Wat een partner in residence ons leerde",
        "podcast",
        "ambtenaar@demo.reisgids.example",
        None,
        "<p>Een gesprek over een half jaar meekijken in elkaars keuken.</p>",
        "https://soundcloud.com/reisgids/partner",
    ),
]

LESSONS = [
    (
        "Een vast aanspreekpunt versnelt de start",
        "samenwerking",
        "onderbouwd",
        "schouw",
        "Initiatieven die één vaste contactpersoon bij de gemeente hadden, startten maanden eerder.",
        "Een deal over respijtzorg in Delfshaven.",
        "Eén naam, één telefoonnummer, korte lijnen.",
        "Wisselende contactpersonen zorgden voor vertraging.",
        ["beleidsambtenaren", "inkopers"],
        ["Informele zorg"],
        ["Delfshaven"],
    ),
    (
        "Begin klein en spreek elkaars taal",
        "samenwerking",
        "beschreven",
        "residentie",
        "Een partner in residence hielp beide partijen elkaars termijnen en woorden te begrijpen.",
        "",
        "",
        "",
        ["partners", "aanbieders"],
        ["Sociaal ondernemen"],
        [],
    ),
    (
        "Logeeropvang dichtbij huis voorkomt crisis",
        "inhoudelijk",
        "effectief",
        "vrij",
        "Respijtzorg in de eigen wijk vermindert overbelasting van mantelzorgers.",
        "",
        "Korte lijnen met de huisarts.",
        "",
        ["politici", "burgers"],
        ["Informele zorg", "Langer thuis"],
        ["Delfshaven"],
    ),
]


def _themes(Theme, prefixes):
    return [t for t in Theme.objects.all() if any(t.name.startswith(p) for p in prefixes)]


def load() -> None:
    Organisation = apps.get_model("atlas", "Organisation")
    Theme = apps.get_model("atlas", "Theme")
    Area = apps.get_model("atlas", "Area")
    NewsItem = apps.get_model("atlas", "NewsItem")
    Event = apps.get_model("atlas", "Event")
    Listing = apps.get_model("atlas", "Listing")
    ListingResponse = apps.get_model("atlas", "ListingResponse")
    Story = apps.get_model("atlas", "Story")
    StoryComment = apps.get_model("atlas", "StoryComment")
    Lesson = apps.get_model("atlas", "Lesson")
    LessonVersion = apps.get_model("atlas", "LessonVersion")
    Follow = apps.get_model("atlas", "Follow")
    User = get_user_model()
    editor = User.objects.get(email="contentbeheerder@demo.reisgids.example")
    initiator = User.objects.get(email="initiatiefnemer@demo.reisgids.example")
    now = timezone.now()
    today = timezone.localdate()
    orgs = {o.slug: o for o in Organisation.objects.all()}

    for n, (title, category, org, summary, body, themes) in enumerate(NEWS):
        item, _ = NewsItem.objects.update_or_create(
            slug=slugify(title),
            defaults={
                "title": title,
                "category": category,
                "organisation": orgs.get(org),
                "summary": summary,
                "body": body,
                "author": editor,
                "published_by": editor,
                "status": NewsItem.Status.GEPUBLICEERD,
                "published_at": now - datetime.timedelta(days=3 * n + 1),
            },
        )
        item.themes.set(_themes(Theme, themes))

    for (
        title,
        kind,
        topic,
        provider,
        days,
        hours,
        online,
        location,
        registration,
        capacity,
        org,
    ) in EVENTS:
        start = (now + datetime.timedelta(days=days)).replace(
            hour=19, minute=0, second=0, microsecond=0
        )
        Event.objects.update_or_create(
            slug=slugify(title),
            defaults={
                "title": title,
                "description": f"{title}. Voor initiatiefnemers, de gemeente en professionals: samen ontwikkelen.",
                "kind": kind,
                "topic": topic,
                "provider": provider,
                "audience": "Startende en ervaren initiatiefnemers",
                "starts_at": start,
                "ends_at": start + datetime.timedelta(hours=hours),
                "online": online,
                "location": location,
                "online_url": "https://meet.example/reisgids" if online else "",
                "registration": registration,
                "registration_url": "https://www.rotterdam.nl/"
                if registration == Event.Registration.LINK
                else "",
                "capacity": capacity,
                "organiser": orgs.get(org),
                "created_by": editor,
            },
        )

    for org, kind, category, title, description, days, themes in LISTINGS:
        listing, _ = Listing.objects.update_or_create(
            title=title,
            organisation=orgs[org],
            defaults={
                "kind": kind,
                "category": category,
                "description": description,
                "posted_by": initiator if org == "logeerhuis-de-buren" else editor,
                "expires_on": today + datetime.timedelta(days=days),
                "status": Listing.Status.OPEN,
                "citywide": not themes,
            },
        )
        listing.themes.set(_themes(Theme, themes))
    first = Listing.objects.get(title=LISTINGS[0][3])
    ListingResponse.objects.get_or_create(
        listing=first,
        responder=User.objects.get(email="netwerkmanager@demo.reisgids.example"),
        defaults={
            "message": "Ik ken iemand bij de Roffabriek die dit vaker heeft gedaan. Zal ik jullie koppelen?"
        },
    )

    for title, medium, email, org, body, media_url in STORIES:
        Story.objects.update_or_create(
            slug=slugify(title),
            defaults={
                "title": title,
                "medium": medium,
                "body": body,
                "media_url": media_url,
                "author": User.objects.get(email=email),
                "organisation": orgs.get(org),
                "published_at": now - datetime.timedelta(days=5),
                "status": Story.Status.GEPUBLICEERD,
            },
        )
    StoryComment.objects.get_or_create(
        story=Story.objects.get(slug=slugify(STORIES[0][0])),
        author=User.objects.get(email="ambtenaar@demo.reisgids.example"),
        defaults={"body": "Gefeliciteerd! Mooi om te zien wat korte lijnen doen."},
    )

    areas = {a.name: a for a in Area.objects.filter(kind=Area.Kind.GEBIED)}
    for n, (
        title,
        kind,
        evidence,
        source,
        summary,
        context,
        worked,
        not_worked,
        audiences,
        themes,
        area_names,
    ) in enumerate(LESSONS):
        lesson, _ = Lesson.objects.update_or_create(
            slug=slugify(title),
            defaults={
                "title": title,
                "kind": kind,
                "evidence_level": evidence,
                "source_type": source,
                "summary": summary,
                "context": context,
                "what_worked": worked,
                "what_did_not_work": not_worked,
                "audiences": audiences,
                "status": Lesson.Status.GEPUBLICEERD,
                "proposed_by": initiator,
                "editor": editor,
                "published_at": now - datetime.timedelta(days=10 + n),
                "version": 1,
            },
        )
        lesson.themes.set(_themes(Theme, themes))
        lesson.areas.set([areas[a] for a in area_names if a in areas])
        LessonVersion.objects.get_or_create(
            lesson=lesson,
            number=1,
            defaults={
                "snapshot": {"title": title, "summary": summary},
                "published_by": editor,
                "published_at": now,
            },
        )
    Lesson.objects.update_or_create(
        slug="vrijwilligers-vasthouden",
        defaults={
            "title": "Vrijwilligers vasthouden met kleine bedankjes",
            "summary": "Een jaarlijkse barbecue hield vrijwilligers langer betrokken.",
            "status": Lesson.Status.VOORGESTELD,
            "proposed_by": initiator,
        },
    )
    for theme in _themes(Theme, ["Informele zorg"]):
        Follow.objects.get_or_create(user=initiator, theme=theme)
