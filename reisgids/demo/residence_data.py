"""Demo data for the partner in residence: one running deal with a residency in both directions,
an initiator at the municipality and a civil servant at an initiative. Idempotent."""

import datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone

DEAL_TITLE = "Respijtzorg dichtbij huis"


def load() -> None:
    Deal = apps.get_model("deals", "Deal")
    DealPartner = apps.get_model("deals", "DealPartner")
    Organisation = apps.get_model("atlas", "Organisation")
    Residency = apps.get_model("residence", "Residency")
    User = get_user_model()

    initiator = User.objects.get(email="initiatiefnemer@demo.reisgids.example")
    civil_servant = User.objects.get(email="ambtenaar@demo.reisgids.example")
    initiative = Organisation.objects.get(slug="logeerhuis-de-buren")
    cluster = Organisation.objects.get(slug="cluster-maatschappelijke-ontwikkeling")
    now = timezone.now()
    today = timezone.localdate()

    deal, _ = Deal.objects.get_or_create(
        title=DEAL_TITLE,
        defaults={
            "summary": "Mantelzorgers in de wijk krijgen dichtbij huis even lucht: het logeerhuis en de gemeente "
            "zorgen samen voor respijtzorg zonder lange wachttijd.",
            "status": "lopend",
            "created_by": initiator,
            "closed_at": now,
            "started_at": now,
        },
    )
    partners = {}
    for organisation, role in [(initiative, "aanjager"), (cluster, "gemeente_actief")]:
        partners[organisation.pk], _ = DealPartner.objects.get_or_create(
            deal=deal,
            organisation=organisation,
            defaults={
                "role": role,
                "status": "geaccepteerd",
                "decided_at": now,
                "invited_by": initiator,
            },
        )

    directions = [
        (
            initiator,
            initiative,
            cluster,
            "Een dag per week bij het cluster: meedenken over de inkoop van respijtzorg.",
            "Hoe neemt de gemeente besluiten over maatwerk?",
        ),
        (
            civil_servant,
            cluster,
            initiative,
            "Een middag per week in het logeerhuis: regels uitleggen en knelpunten ophalen.",
            "Wat betekent vrijwilligerswerk in de praktijk van een klein initiatief?",
        ),
    ]
    for person, sending, host, tasks, question in directions:
        residency, created = Residency.objects.get_or_create(
            deal=deal,
            person=person,
            defaults={
                "sending_partner": partners[sending.pk],
                "host_partner": partners[host.pk],
                "start_date": today - datetime.timedelta(weeks=3),
                "end_date": today + datetime.timedelta(weeks=23),
                "hours_per_week": 8,
                "functions": ["signalerend", "bemiddelend", "coordinerend"],
                "tasks": tasks,
                "learning_questions": question,
                "status": "actief",
                "sending_confirmed_at": now,
                "host_confirmed_at": now,
                "proposed_by": person,
            },
        )
        if created:
            residency.log_entries.create(
                author=person,
                kind="observatie",
                date=today - datetime.timedelta(days=2),
                text="De partijen gebruiken verschillende woorden voor hetzelfde: 'logeren' en 'kortdurend verblijf'.",
            )
            meeting = residency.meetings.create(
                starts_at=now + datetime.timedelta(days=5),
                location="Stadskantoor, Coolsingel",
                agenda="1. Hoe gaat het?\n2. Wachttijd voor mantelzorgers\n3. Afspraken voor de schouw",
                planned_by=person,
            )
            meeting.actions.create(
                description="Cijfers over wachttijden delen",
                owner=person,
                due_date=today + datetime.timedelta(days=4),
            )
            residency.signals.create(
                title="Aanvraag respijtzorg duurt zes weken",
                description="Mantelzorgers haken af voordat de indicatie er is.",
                raised_by=person,
            )
            residency.side_activities.create(
                kind="workshop",
                title="Workshop: samen een subsidieaanvraag schrijven",
                starts_at=now + datetime.timedelta(days=21),
                location="Logeerhuis De Buren",
                organised_by=person,
            )

    Opening = apps.get_model("residence", "Opening")
    Opening.objects.get_or_create(
        title="Partner in residence gezocht: iemand van de gemeente in ons logeerhuis",
        defaults={
            "kind": "gezocht",
            "organisation": initiative,
            "description": "Wij zoeken een ambtenaar die een middag per week bij ons meekijkt en meedenkt.",
            "skills": "Kent de weg in de gemeente; kan bruggen bouwen.",
            "hours_per_week": 4,
            "posted_by": initiator,
        },
    )
