"""Synthetic data at the scale of a city: factor 1 is about Rotterdam today.

Every count scales linearly with the factor. Rows are written with ``bulk_create`` in batches;
relations point at rows written earlier, so every foreign key is valid, and statuses follow
the state machines (a closed deal has a closing date and signed plan versions, a finished
schouw round has a report, an adopted kompas edition has its decisions).
"""

import datetime
import random
import time
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from atlas.models import (
    Area,
    ContactPoint,
    Lesson,
    LessonVersion,
    Listing,
    Membership,
    Organisation,
    Service,
    Story,
    StoryComment,
    Theme,
)
from deals.models import (
    CheckIn,
    Contribution,
    Deal,
    DealEvent,
    DealPartner,
    Knelpunt,
    Milestone,
    PlanVersion,
    ProcessAgreement,
    Result,
    Signature,
    Task,
)
from kompas.models import (
    AgendaItem,
    Edition,
    Evidence,
    Gremium,
    MonitoringEntry,
    Priority,
    Proposal,
)
from reisgids.core.roles import Role
from reisgids.demo import data as demo_data
from schouw.models import (
    Appraisal,
    CommitmentCheck,
    Criterion,
    Observation,
    Participant,
    SchouwRound,
)
from schouw.models import Lesson as SchouwLesson

BATCH = 2000
PASSWORD = "bench-reisgids"  # noqa: S105 (synthetic accounts in throwaway databases)

# Counts at factor 1 (Rotterdam today).
BASE = {
    "users": 1500,
    "organisations": 3000,
    "deals": 300,
    "schouw_rounds": 200,
    "lessons": 2000,
    "listings": 5000,
    "stories": 2000,
    "story_comments": 8000,
    "editions": 2,
}

PREFIXES = [
    "Stichting",
    "Vereniging",
    "Buurthuis",
    "Coöperatie",
    "Zorgcollectief",
    "Wijkcentrum",
    "Huiskamer",
    "Steunpunt",
    "Netwerk",
    "Sociaal Atelier",
    "Buurtkeuken",
    "Vrijwilligerscentrale",
    "Ontmoetingsplek",
    "Welzijnsorganisatie",
    "Zorgboerderij",
]
CORES = [
    "De Brug",
    "Het Anker",
    "Samen Sterk",
    "Op Zuid",
    "Mantelzorg Maatjes",
    "De Ontmoeting",
    "Thuis in de Wijk",
    "Gezond Leven",
    "Buurtkracht",
    "Taal en Toekomst",
    "Schuldhulp Maatje",
    "Jong Talent",
    "Het Open Huis",
    "De Vonk",
    "Zorgzame Buurt",
    "Eigen Kracht",
    "Lichtpunt",
    "De Kleine Schakel",
    "Aan de Maas",
    "Kralingse Kracht",
    "De Vlinder",
    "Hand in Hand",
    "Sterk Noord",
    "Kind aan Huis",
    "Oud en Wijs",
]
FIRST_NAMES = [
    "Anouk",
    "Bram",
    "Fatima",
    "Mohamed",
    "Sanne",
    "Daan",
    "Yasmina",
    "Kees",
    "Ingrid",
    "Mehmet",
    "Priya",
    "Jeroen",
    "Noor",
    "Ricardo",
    "Latifa",
    "Willem",
    "Esther",
    "Thijs",
    "Aylin",
    "Femke",
]
LAST_NAMES = [
    "de Vries",
    "Jansen",
    "Bakker",
    "El Amrani",
    "Yilmaz",
    "van Dijk",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "Bouali",
    "van den Berg",
    "Kaya",
    "Pinas",
    "Koster",
    "Hoekstra",
    "Verhoeven",
    "Ramdin",
    "van Leeuwen",
]
ACTIVITIES = [
    "organiseert ontmoeting voor ouderen in de wijk",
    "ondersteunt mantelzorgers met respijt en een luisterend oor",
    "helpt buurtbewoners met hun administratie en geldzaken",
    "biedt jongeren een plek om te sporten en te leren",
    "kookt wekelijks samen met bewoners en deelt maaltijden",
    "begeleidt mensen met een afstand tot de arbeidsmarkt naar werk",
    "brengt vrijwilligers en hulpvragers bij elkaar",
    "geeft taallessen en hulp bij digitale vaardigheden",
    "werkt aan een gezonde leefstijl met beweegactiviteiten",
    "zorgt dat mensen langer zelfstandig thuis kunnen wonen",
]
LOOKING_FOR = [
    "Een partner met ervaring in subsidieaanvragen.",
    "Vrijwilligers voor de maaltijden op woensdag.",
    "Een ruimte voor onze wekelijkse bijeenkomst.",
    "Samenwerking met de huisartsen in de wijk.",
    "",
    "",
]
OFFERING = [
    "Onze ontmoetingsruimte, 's avonds beschikbaar.",
    "Kennis van de wijk en een groot netwerk van bewoners.",
    "Training in het voeren van keukentafelgesprekken.",
    "",
]
SERVICE_NAMES = [
    "Inloopspreekuur",
    "Maatjesproject",
    "Buurtmaaltijd",
    "Beweeggroep",
    "Taalcafé",
    "Mantelzorgondersteuning",
    "Schuldhulp",
    "Huiswerkbegeleiding",
    "Klussendienst",
    "Wandelgroep",
]
TOPICS = [
    "mantelzorg",
    "eenzaamheid",
    "schulden",
    "jongerenwerk",
    "vrijwilligerswerk",
    "subsidies",
    "wonen en zorg",
    "gezondheid",
]
DEAL_TITLES = [
    "Samen sterk voor mantelzorgers in {area}",
    "Gezond ouder worden in {area}",
    "Jongeren aan het werk in {area}",
    "Geen zorgen over geld in {area}",
    "Ontmoeten en meedoen in {area}",
    "Thuis blijven wonen in {area}",
    "Een zorgzame buurt in {area}",
]
LESSON_TITLES = [
    "Begin klein en laat de wijk meedenken",
    "Een vast aanspreekpunt bij de gemeente scheelt maanden",
    "Vrijwilligers blijven als ze gezien worden",
    "Samen inkopen vraagt om heldere spelregels",
    "Ervaringsdeskundigen vanaf het begin betrekken",
    "Een gedeelde meetlat maakt het gesprek makkelijker",
    "Financiering over meerdere jaren geeft rust",
    "Laat partners elkaars werkplek bezoeken",
]
STORY_TITLES = [
    "Hoe de buurtkeuken de wijk verbindt",
    "Een jaar mantelzorgcafé",
    "Van vrijwilliger naar coördinator",
    "Wat we leerden van onze eerste deal",
    "Podcast: zorgen voor elkaar in de wijk",
    "De schouw als feestelijke maaltijd",
]
LISTING_TITLES = [
    "Gezocht: hulp bij een subsidieaanvraag",
    "Aangeboden: vergaderruimte in {area}",
    "Gezocht: extra handen bij de buurtmaaltijd",
    "Aangeboden: training vrijwilligerswerk",
    "Gezocht: partner voor een deal over eenzaamheid",
    "Aangeboden: kennis van de wijk {area}",
]
SENTENCES = [
    "Bewoners nemen zelf het initiatief en de gemeente denkt mee.",
    "De samenwerking met de wijkteams loopt goed, maar de financiering is nog onzeker.",
    "We zien dat ouderen vaker naar de ontmoetingen komen sinds de nieuwe openingstijden.",
    "Vrijwilligers geven aan dat ze meer ondersteuning nodig hebben.",
    "De partners hebben afgesproken elke maand samen te evalueren.",
    "Het aantal aanmeldingen groeit en de wachtlijst wordt korter.",
    "Regels rond privacy maken het lastig om gegevens te delen.",
    "Door de inkoopregels kan een kleine partij moeilijk meedoen.",
]
MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def paragraph(rng, n=3):
    return " ".join(rng.choice(SENTENCES) for _ in range(n))


@dataclass
class Seeder:
    factor: float
    seed: int = 20260
    log: callable = print
    counts: dict = field(default_factory=dict)

    def __post_init__(self):
        self.rng = random.Random(self.seed)  # noqa: S311 (reproducible synthetic data)
        self.now = timezone.now()
        self.today = timezone.localdate(self.now)
        self.run = f"{self.seed}-{int(time.time())}"

    def n(self, key) -> int:
        return max(1, round(BASE[key] * self.factor))

    def bulk(self, model, objs):
        created = model.objects.bulk_create(objs, batch_size=BATCH)
        label = model._meta.label
        self.counts[label] = self.counts.get(label, 0) + len(created)
        return created

    def through(self, m2m, pairs, left, right):
        """Bulk insert into a many-to-many table: pairs of (left id, right id)."""
        model = m2m.through
        objs = [model(**{f"{left}_id": a, f"{right}_id": b}) for a, b in pairs]
        model.objects.bulk_create(objs, batch_size=BATCH * 2, ignore_conflicts=True)
        self.counts[model._meta.label] = self.counts.get(model._meta.label, 0) + len(objs)

    def ago(self, max_days, min_days=0):
        return self.now - datetime.timedelta(days=self.rng.uniform(min_days, max_days))

    # --- The whole run -----------------------------------------------------------------------

    def run_all(self):
        start = time.perf_counter()
        with transaction.atomic():
            self.base()
            self.users()
            self.organisations()
            self.deals()
            self.schouw()
            self.network()
            self.kompas()
            self.spread_timestamps()
        with connection.cursor() as cursor:
            # VACUUM as well where it can run (not inside a test's transaction): it sets the visibility
            # map that autovacuum would set on a running database, so counts over an index read the
            # index alone, as they would in production, instead of every freshly inserted row.
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")
        self.seconds = time.perf_counter() - start
        return self.counts

    # --- Themes, areas, roles ----------------------------------------------------------------

    def base(self):
        for role in Role:
            Group.objects.get_or_create(name=role.value)
        self.groups = {g.name: g for g in Group.objects.all()}
        for name, description in demo_data.THEMES:
            Theme.objects.get_or_create(
                slug=slugify(name), defaults={"name": name, "description": description}
            )
        for gebied, (lat, lon, wijken) in demo_data.AREAS.items():
            parent, _ = Area.objects.get_or_create(
                slug=slugify(gebied),
                defaults={
                    "name": gebied,
                    "kind": Area.Kind.GEBIED,
                    "latitude": lat,
                    "longitude": lon,
                },
            )
            for wijk, wlat, wlon in wijken:
                slug = slugify(wijk) if wijk != gebied else f"{slugify(wijk)}-wijk"
                Area.objects.get_or_create(
                    slug=slug,
                    defaults={
                        "name": wijk,
                        "kind": Area.Kind.WIJK,
                        "parent": parent,
                        "latitude": wlat,
                        "longitude": wlon,
                    },
                )
        self.themes = list(Theme.objects.all())
        self.areas = list(Area.objects.all())
        self.wijken = [a for a in self.areas if a.kind == Area.Kind.WIJK] or self.areas
        for kind, name in [
            ("ambtelijk", "Ambtelijk overleg"),
            ("bestuurlijk", "College"),
            ("politiek", "Raad"),
        ]:
            Gremium.objects.get_or_create(name=name, defaults={"kind": kind})
        self.gremia = list(Gremium.objects.all())

    # --- People ------------------------------------------------------------------------------

    def users(self):
        User = get_user_model()
        password = make_password(PASSWORD)
        rng = self.rng
        users = []
        for i in range(self.n("users")):
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            users.append(
                User(
                    email=f"{slugify(name)}.{self.run}.{i}@voorbeeld.nl",
                    name=name,
                    password=password,
                    bio=paragraph(rng, 1),
                )
            )
        self.user_list = self.bulk(User, users)
        self.user_ids = [u.pk for u in self.user_list]
        self.user_names = {u.pk: u.name for u in self.user_list}
        # Roles: most people are initiatiefnemers; a few are civil servants, editors, board members.
        spread = [
            (Role.INITIATIEFNEMER, 0.8),
            (Role.AMBTENAAR, 0.1),
            (Role.CONTENTBEHEERDER, 0.03),
            (Role.NETWERKMANAGER, 0.03),
            (Role.BESTUURDER, 0.02),
            (Role.BEHEERDER, 0.02),
        ]
        pairs, self.by_role = [], {}
        for uid in self.user_ids:
            r, acc = rng.random(), 0.0
            for role, share in spread:  # noqa: B007 (the role the draw lands on is used below)
                acc += share
                if r <= acc:
                    break
            pairs.append((uid, self.groups[role.value].pk))
            self.by_role.setdefault(role.value, []).append(uid)
        for role in Role:
            if role.value not in self.by_role:
                self.by_role[role.value] = [self.user_ids[0]]
                pairs.append((self.user_ids[0], self.groups[role.value].pk))
        self.through(User.groups.field.remote_field, pairs, "user", "group")

    # --- Atlas directory ---------------------------------------------------------------------

    def organisations(self):
        rng = self.rng
        types = [t for t, _ in Organisation.Type.choices]
        weights = [40, 2, 5, 20, 5, 4, 6, 6, 12]
        orgs = []
        for i in range(self.n("organisations")):
            area = rng.choice(self.wijken)
            name = f"{rng.choice(PREFIXES)} {rng.choice(CORES)} {area.name}"
            has_point = rng.random() < 0.7 and area.latitude is not None
            orgs.append(
                Organisation(
                    name=name,
                    slug=f"{slugify(name)[:180]}-{self.run}-{i}",
                    type=rng.choices(types, weights)[0],
                    description=f"{name} {rng.choice(ACTIVITIES)}. {paragraph(rng, 2)}",
                    website=f"https://www.{slugify(name)[:40]}.nl",
                    citywide=rng.random() < 0.05,
                    is_verified=rng.random() < 0.6,
                    is_archived=rng.random() < 0.03,
                    email=f"info@{slugify(name)[:40]}.nl",
                    phone="010 " + str(rng.randint(1000000, 9999999)),
                    address=f"{rng.choice(['Kerkstraat', 'Dorpsweg', 'Nieuwe Binnenweg', 'Beijerlandselaan'])} "
                    f"{rng.randint(1, 300)}",
                    latitude=round(float(area.latitude) + rng.uniform(-0.004, 0.004), 5)
                    if has_point
                    else None,
                    longitude=round(float(area.longitude) + rng.uniform(-0.006, 0.006), 5)
                    if has_point
                    else None,
                    looking_for=rng.choice(LOOKING_FOR),
                    offering=rng.choice(OFFERING),
                    size=rng.choice(["klein", "klein", "middel", "groot"]),
                    life_stage=rng.choice(["pionier", "groei", "gevestigd"]),
                )
            )
            orgs[-1]._area = area
        created = self.bulk(Organisation, orgs)
        self.org_ids = [o.pk for o in created if not o.is_archived]
        theme_pairs, area_pairs = [], []
        for org in created:
            for theme in rng.sample(self.themes, rng.randint(1, 3)):
                theme_pairs.append((org.pk, theme.pk))
            area_pairs.append((org.pk, org._area.pk))
            if rng.random() < 0.3:
                area_pairs.append((org.pk, rng.choice(self.areas).pk))
        self.through(Organisation.themes.field.remote_field, theme_pairs, "organisation", "theme")
        self.through(Organisation.areas.field.remote_field, area_pairs, "organisation", "area")

        services, contacts = [], []
        for org in created:
            for _ in range(rng.choice([1, 1, 2])):
                services.append(
                    Service(
                        organisation_id=org.pk,
                        name=rng.choice(SERVICE_NAMES),
                        description=paragraph(rng, 1),
                        target_group=rng.choice(
                            ["ouderen", "jongeren", "mantelzorgers", "alle bewoners"]
                        ),
                    )
                )
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            contacts.append(
                ContactPoint(
                    organisation_id=org.pk,
                    name=f"{first} {last}",
                    function=rng.choice(
                        ["coördinator", "wijkverbinder", "projectleider", "beleidsadviseur"]
                    ),
                    topic=rng.choice(TOPICS),
                    how_to_reach="Spreekuur op dinsdag van 10 tot 12 uur.",
                    email=f"{slugify(first)}@{slugify(org.name)[:30]}.nl",
                    phone="06 " + str(rng.randint(10000000, 99999999)),
                )
            )
        created_services = self.bulk(Service, services)
        self.through(
            Service.areas.field.remote_field,
            [(s.pk, rng.choice(self.areas).pk) for s in created_services if rng.random() < 0.5],
            "service",
            "area",
        )
        created_contacts = self.bulk(ContactPoint, contacts)
        self.through(
            ContactPoint.themes.field.remote_field,
            [(c.pk, rng.choice(self.themes).pk) for c in created_contacts],
            "contactpoint",
            "theme",
        )

        # Memberships: every person belongs to one organisation, some to two; a few ask and wait.
        memberships, self.members_of = [], {}
        for uid in self.user_ids:
            for org_id in {rng.choice(self.org_ids) for _ in range(rng.choice([1, 1, 2]))}:
                status = rng.choices(["goedgekeurd", "aangevraagd", "afgewezen"], [85, 10, 5])[0]
                memberships.append(
                    Membership(
                        user_id=uid,
                        organisation_id=org_id,
                        role=rng.choices(["lid", "beheerder"], [70, 30])[0],
                        status=status,
                        decided_at=None if status == "aangevraagd" else self.ago(700),
                        decided_by_id=None
                        if status == "aangevraagd"
                        else rng.choice(self.by_role["netwerkmanager"]),
                    )
                )
                if status == "goedgekeurd":
                    self.members_of.setdefault(org_id, []).append(uid)
        self.bulk(Membership, memberships)
        self.member_orgs = list(self.members_of)

    # --- Deals -------------------------------------------------------------------------------

    def deals(self):
        created = self.bulk(Deal, self._deal_rows())
        self.deal_list = created
        rng = self.rng
        self.through(
            Deal.themes.field.remote_field,
            [(d.pk, t.pk) for d in created for t in rng.sample(self.themes, rng.randint(1, 2))],
            "deal",
            "theme",
        )
        self.through(
            Deal.areas.field.remote_field, [(d.pk, d._area.pk) for d in created], "deal", "area"
        )
        created_partners = self.bulk(DealPartner, self._deal_partner_rows(created))
        self.partners_of = {}
        for p in created_partners:
            self.partners_of.setdefault(p.deal_id, []).append(p)
        created_versions = self._deal_plans(created)
        self.bulk(Signature, self._signature_rows(created_versions))
        self._deal_activity(created)

    def _deal_rows(self):
        statuses = [s for s, _ in Deal.Status.choices]
        weights = [8, 8, 5, 5, 10, 40, 14, 5, 5]
        deals = []
        for i in range(self.n("deals")):
            # The first deal runs, so even the smallest factor has a deal to evaluate in a schouw.
            status = "lopend" if i == 0 else self.rng.choices(statuses, weights)[0]
            deals.append(self._deal(i, status))
        return deals

    def _deal(self, i, status):
        """One deal in ``status``: a closed deal has its closing date, a paused one its step."""
        rng = self.rng
        area = rng.choice(self.wijken)
        closed = status in ("gesloten", "lopend", "afgerond") or (
            status in ("gestopt", "gepauzeerd") and rng.random() < 0.7
        )
        closed_at = self.ago(900, 30) if closed else None
        paused_from = ""
        if status == "gepauzeerd":
            paused_from = "lopend" if closed else "planning"
        deal = Deal(
            title=rng.choice(DEAL_TITLES).format(area=area.name) + f" ({i + 1})",
            summary=paragraph(rng, 3),
            status=status,
            paused_from=paused_from,
            citywide=rng.random() < 0.1,
            created_by_id=rng.choice(self.by_role["initiatiefnemer"]),
            financial_form=rng.choice(["geen", "subsidie", "donatie", "kleinschalige_opdracht"]),
            funding_source=rng.choice(["", "Heel de Stad-budget", "Fonds Rotterdam"]),
            toetsing_method=rng.choice(["rollenspel", "expertsessie", "doelgroep"])
            if closed
            else "",
            toetsing_findings=paragraph(rng, 1) if closed else "",
            closed_at=closed_at,
            started_at=closed_at + datetime.timedelta(days=14)
            if closed_at and status != "gesloten"
            else None,
            ended_at=self.ago(30) if status in ("afgerond", "gestopt") else None,
            proposal={"doel": paragraph(rng, 1), "aanpak": paragraph(rng, 1)},
        )
        deal._area = area
        return deal

    def _deal_partner_rows(self, deals):
        """Three to five partners per deal; the aanjager and every partner of a closed deal
        accepted."""
        rng = self.rng
        partners = []
        for deal in deals:
            orgs = rng.sample(self.member_orgs, rng.randint(3, 5))
            roles = ["aanjager", "partner", "gemeente_facilitator", "partner", "klankbordgroep"]
            for k, org_id in enumerate(orgs):
                accepted = deal.closed_at or k == 0
                status = "geaccepteerd" if accepted else rng.choice(["uitgenodigd", "geaccepteerd"])
                partners.append(
                    DealPartner(
                        deal_id=deal.pk,
                        organisation_id=org_id,
                        role=roles[k],
                        status=status,
                        invited_by_id=deal.created_by_id,
                        decided_at=None if status == "uitgenodigd" else self.ago(900, 30),
                    )
                )
        return partners

    def _deal_plans(self, deals):
        """Each deal's plan: contributions and tasks of its accepted partners, a result, a process
        agreement, a milestone and, once closed, its signed versions. Returns the versions."""
        contributions, tasks, results, agreements, milestones, versions = [], [], [], [], [], []
        for deal in deals:
            accepted = [p for p in self.partners_of[deal.pk] if p.status == "geaccepteerd"]
            for p in accepted:
                contributions.append(self._contribution(p))
                tasks.append(
                    Task(deal_id=deal.pk, partner_id=p.pk, title="Bijeenkomst organiseren")
                )
            results.append(
                Result(
                    deal_id=deal.pk,
                    title="Minder eenzaamheid onder ouderen",
                    indicator="Aantal deelnemers per maand",
                    indicator_kind="kwantitatief",
                    baseline=10,
                    target=40,
                )
            )
            agreements.append(
                ProcessAgreement(
                    deal_id=deal.pk,
                    kind="schouw",
                    description="Eens per jaar een schouw met een peer van buiten.",
                    schouw_frequency="jaarlijks",
                )
            )
            milestones.append(
                Milestone(
                    deal_id=deal.pk,
                    title="Eerste evaluatie",
                    due_date=self.today + datetime.timedelta(days=90),
                )
            )
            if deal.closed_at:
                versions += self._plan_versions(deal, accepted)
        self.bulk(Contribution, contributions)
        self.bulk(Task, tasks)
        self.bulk(Result, results)
        self.bulk(ProcessAgreement, agreements)
        self.bulk(Milestone, milestones)
        return self.bulk(PlanVersion, versions)

    def _contribution(self, partner):
        rng = self.rng
        kind = rng.choice([k for k, _ in Contribution.Kind.choices])
        return Contribution(
            partner_id=partner.pk,
            kind=kind,
            description=paragraph(rng, 1),
            amount=rng.choice([None, 2500, 10000]) if kind == "financieel" else None,
            hours=rng.choice([None, 40, 120]),
        )

    def _plan_versions(self, deal, accepted):
        """One to three versions of a closed deal's plan, all signed when it closed."""
        return [
            PlanVersion(
                deal_id=deal.pk,
                number=number,
                snapshot={
                    "title": deal.title,
                    "summary": deal.summary,
                    "partners": [
                        {"id": p.pk, "organisation": p.organisation_id, "role": p.role}
                        for p in accepted
                    ],
                },
                change_note="" if number == 1 else "Planning bijgesteld na de schouw.",
                created_by_id=deal.created_by_id,
                signed_at=deal.closed_at,
            )
            for number in range(1, self.rng.choice([1, 2, 3]) + 1)
        ]

    def _signature_rows(self, versions):
        """Every accepted partner but the klankbordgroep signs every version of its deal's plan."""
        signatures = []
        for v in versions:
            for p in self.partners_of[v.deal_id]:
                if p.status == "geaccepteerd" and p.role != "klankbordgroep":
                    signatures.append(
                        Signature(
                            version_id=v.pk,
                            partner_id=p.pk,
                            signed_by_id=self._member(p.organisation_id),
                        )
                    )
        return signatures

    def _deal_activity(self, deals):
        """The timeline of each deal and, once it runs, its check-ins and knelpunten."""
        checkins, knelpunten, events = [], [], []
        running = ("lopend", "afgerond", "gepauzeerd", "gestopt")
        for deal in deals:
            events.append(
                DealEvent(
                    deal_id=deal.pk, kind="stap", text="Deal gestart.", actor_id=deal.created_by_id
                )
            )
            for _partner in self.partners_of[deal.pk]:
                events.append(
                    DealEvent(deal_id=deal.pk, kind="partner", text="Partner uitgenodigd.")
                )
            if deal.closed_at:
                events.append(
                    DealEvent(
                        deal_id=deal.pk,
                        kind="ondertekening",
                        text="Plan ondertekend; deal gesloten.",
                    )
                )
            if deal.status in running and deal.closed_at:
                self._checkins(deal, checkins, events)
                self._knelpunten(deal, knelpunten, events)
        self.bulk(CheckIn, checkins)
        self.bulk(Knelpunt, knelpunten)
        self.bulk(DealEvent, events)

    def _checkins(self, deal, checkins, events):
        """Two to six monthly check-ins of the deal's first three partners."""
        rng = self.rng
        for p in self.partners_of[deal.pk][:3]:
            for month in range(rng.randint(2, 6)):
                period = (
                    self.today.replace(day=1) - datetime.timedelta(days=31 * (month + 1))
                ).replace(day=1)
                checkins.append(
                    CheckIn(
                        partner_id=p.pk,
                        period=period,
                        status=rng.choices(
                            ["op_koers", "aandacht_nodig", "vastgelopen"], [70, 25, 5]
                        )[0],
                        note=rng.choice(SENTENCES),
                        submitted_by_id=self._member(p.organisation_id),
                    )
                )
                events.append(DealEvent(deal_id=deal.pk, kind="checkin", text="Check-in ingevuld."))

    def _knelpunten(self, deal, knelpunten, events):
        """Up to two knelpunten, reported by the deal's first partner."""
        rng = self.rng
        first = self.partners_of[deal.pk][0]
        for _ in range(rng.choice([0, 1, 1, 2])):
            status = rng.choices(
                ["open", "in_behandeling", "opgelost", "doorgezet_naar_kompas"],
                [3, 3, 2, 4],
            )[0]
            knelpunten.append(
                Knelpunt(
                    deal_id=deal.pk,
                    partner_id=first.pk,
                    reported_by_id=self._member(first.organisation_id),
                    category=rng.choice([c for c, _ in Knelpunt.Category.choices]),
                    title=rng.choice(
                        [
                            "Inkoopregels sluiten kleine partijen uit",
                            "Subsidie stopt na één jaar",
                            "Gegevens delen mag niet",
                            "Twee loketten voor één vraag",
                        ]
                    ),
                    description=paragraph(rng, 2),
                    effect=rng.choice(SENTENCES),
                    status=status,
                    forwarded_at=self.ago(700) if status == "doorgezet_naar_kompas" else None,
                    resolution=rng.choice(SENTENCES) if status != "open" else "",
                )
            )
            events.append(DealEvent(deal_id=deal.pk, kind="knelpunt", text="Knelpunt gemeld."))

    def _member(self, org_id):
        members = self.members_of.get(org_id)
        return self.rng.choice(members) if members else None

    # --- Schouw ------------------------------------------------------------------------------

    def schouw(self):
        created = self.bulk(SchouwRound, self._round_rows())
        self.round_list = created
        created_participants = self.bulk(Participant, self._participant_rows(created))
        per_round = {}
        for p in created_participants:
            per_round.setdefault(p.round_id, []).append(p)
        self.participants_of = per_round

        step = {s: i for i, s in enumerate(SchouwRound.ORDER)}
        observations, criteria, checks = [], [], []
        for r in created:
            if step[r.status] < 1:
                continue
            observations += self._observations(r)
            if step[r.status] < 2:
                continue
            round_criteria, round_checks = self._meetlat(r)
            criteria += round_criteria
            checks += round_checks
        self.bulk(Observation, observations)
        created_criteria = self.bulk(Criterion, criteria)
        self.bulk(CommitmentCheck, checks)
        criteria_of = {}
        for c in created_criteria:
            criteria_of.setdefault(c.round_id, []).append(c)

        appraisals, lessons = [], []
        for r in created:
            if step[r.status] < 3:
                continue
            appraisals += self._appraisals(r, criteria_of.get(r.pk, []))
            if r.status == "afgerond":
                lessons += self._round_lessons(r)
        self.bulk(Appraisal, appraisals)
        self.bulk(SchouwLesson, lessons)

    def _round_rows(self):
        """Rounds over the closed deals in turn, at most one round of a deal still open."""
        rng = self.rng
        eligible = [d for d in self.deal_list if d.closed_at]
        statuses = [s for s, _ in SchouwRound.Status.choices]
        rounds = []
        open_deals = set()
        for i in range(self.n("schouw_rounds")):
            deal = eligible[i % len(eligible)]
            # The first round is finished, so even the smallest factor has a report to read.
            status = "afgerond" if i == 0 else rng.choices(statuses, [1, 1, 1, 1, 1, 1, 12])[0]
            if status != "afgerond" and deal.pk in open_deals:
                status = "afgerond"
            if status != "afgerond":
                open_deals.add(deal.pk)
            rounds.append(self._round(deal, status))
        return rounds

    def _round(self, deal, status):
        """One round of ``deal`` in ``status``; a finished round has its report."""
        rng = self.rng
        starts = self.today - datetime.timedelta(days=rng.randint(10, 900))
        finished = status == "afgerond"
        return SchouwRound(
            deal_id=deal.pk,
            title=f"Schouw {deal.title}"[:200],
            status=status,
            setting=rng.choice(["zakelijk", "feestelijk"]),
            starts_on=starts,
            ends_on=starts + datetime.timedelta(days=rng.randint(0, 14)),
            location="Wijkcentrum " + deal._area.name,
            organiser_id=deal.created_by_id,
            appraisals_revealed=finished,
            went_well=paragraph(rng, 2) if finished else "",
            to_learn=paragraph(rng, 2) if finished else "",
            wider_interest=paragraph(rng, 1) if finished else "",
            next_steps=paragraph(rng, 1) if finished else "",
            report_summary=paragraph(rng, 3) if finished else "",
            finished_at=self.ago(800) if finished else None,
            published_at=self.ago(700) if finished and rng.random() < 0.6 else None,
        )

    def _participant_rows(self, rounds):
        """A member of each accepted partner (once per person), a peer and an
        ervaringsdeskundige in every round."""
        participants = []
        for r in rounds:
            participants += self._partner_participants(r)
            participants += self._guest_participants(r)
        return participants

    def _partner_participants(self, r):
        accepted = [p for p in self.partners_of[r.deal_id] if p.status == "geaccepteerd"]
        participants = []
        seen = set()
        for p in accepted:
            uid = self._member(p.organisation_id)
            if uid is None or uid in seen:
                continue
            seen.add(uid)
            participants.append(
                Participant(
                    round_id=r.pk,
                    kind="partner",
                    user_id=uid,
                    partner_id=p.pk,
                    name=self.user_names[uid],
                )
            )
        return participants

    def _guest_participants(self, r):
        rng = self.rng
        participants = []
        for k, kind in enumerate(["peer", "ervaringsdeskundige"]):
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            participants.append(
                Participant(
                    round_id=r.pk,
                    kind=kind,
                    name=name,
                    email=f"{slugify(name)}.{r.pk}.{k}@voorbeeld.nl",
                    token_hash=f"{self.run}-{r.pk}-{k}".ljust(64, "0")[:64],
                    token_expires_at=self.now + datetime.timedelta(days=14),
                    consent_at=self.ago(800),
                    consent_text="Ik geef toestemming voor het gebruik van mijn naam en inbreng in deze schouw.",
                )
            )
        return participants

    def _observations(self, r):
        """One to three observations of every participant in the open schouw."""
        rng = self.rng
        observations = []
        for p in self.participants_of.get(r.pk, []):
            for _ in range(rng.randint(1, 3)):
                observations.append(
                    Observation(
                        round_id=r.pk,
                        participant_id=p.pk,
                        text=paragraph(rng, 2),
                        tone=rng.choice(["positief", "negatief", "onverwacht"]),
                    )
                )
        return observations

    def _meetlat(self, r):
        """Two criteria and a check on the commitments of every accepted partner."""
        rng = self.rng
        criteria, checks = [], []
        for p in self.partners_of[r.deal_id]:
            if p.status != "geaccepteerd":
                continue
            for name in ["Betrokkenheid van bewoners", "Afspraken nakomen"]:
                criteria.append(
                    Criterion(
                        round_id=r.pk,
                        partner_id=p.pk,
                        name=name,
                        description=rng.choice(SENTENCES),
                        agreed_at=self.ago(800),
                    )
                )
            checks.append(
                CommitmentCheck(
                    round_id=r.pk,
                    partner_id=p.pk,
                    verdict=rng.choice(["ja", "deels", "nee"]),
                    explanation=rng.choice(SENTENCES),
                )
            )
        return criteria, checks

    def _appraisals(self, r, criteria):
        """Every participant appraises every criterion of the round."""
        rng = self.rng
        return [
            Appraisal(
                participant_id=p.pk,
                criterion_id=c.pk,
                level=rng.randint(1, 4),
                explanation=rng.choice(SENTENCES),
            )
            for p in self.participants_of.get(r.pk, [])
            for c in criteria
        ]

    def _round_lessons(self, r):
        """One to three lessons of a finished round; about half for a wide audience, proposed to
        the kennisbank."""
        rng = self.rng
        lessons = []
        for _ in range(rng.randint(1, 3)):
            wide = rng.random() < 0.5
            lessons.append(
                SchouwLesson(
                    round_id=r.pk,
                    kind=rng.choice(["inhoudelijk", "samenwerking"]),
                    title=rng.choice(LESSON_TITLES),
                    body=paragraph(rng, 2),
                    for_wide_audience=wide,
                    kennisbank="voorgesteld" if wide else "niet",
                    proposed_at=self.ago(700) if wide else None,
                )
            )
        return lessons

    # --- Kennisbank, vraag en aanbod, verhalen ----------------------------------------------------

    def network(self):
        rng = self.rng
        editors = self.by_role["contentbeheerder"]
        lessons = []
        for i in range(self.n("lessons")):
            title = rng.choice(LESSON_TITLES)
            status = rng.choices(
                ["gepubliceerd", "voorgesteld", "in_redactie", "afgewezen"], [80, 8, 7, 5]
            )[0]
            published = status == "gepubliceerd"
            lessons.append(
                Lesson(
                    title=title,
                    slug=f"{slugify(title)[:150]}-{self.run}-{i}",
                    summary=paragraph(rng, 2),
                    context=paragraph(rng, 2),
                    what_worked=paragraph(rng, 2),
                    what_did_not_work=paragraph(rng, 1),
                    kind=rng.choice(["inhoudelijk", "samenwerking"]),
                    audiences=rng.sample(
                        ["politici", "bestuurders", "beleidsambtenaren", "burgers", "partners"], 2
                    ),
                    evidence_level=rng.choice(["beschreven", "onderbouwd", "effectief"]),
                    status=status,
                    rejection_reason=rng.choice(SENTENCES) if status == "afgewezen" else "",
                    proposed_by_id=rng.choice(self.user_ids),
                    editor_id=rng.choice(editors) if status != "voorgesteld" else None,
                    published_at=self.ago(1000) if published else None,
                    version=rng.choice([1, 1, 2]) if published else 0,
                )
            )
        created = self.bulk(Lesson, lessons)
        self.through(
            Lesson.themes.field.remote_field,
            [
                (lesson.pk, t.pk)
                for lesson in created
                for t in rng.sample(self.themes, rng.randint(1, 2))
            ],
            "lesson",
            "theme",
        )
        versions = []
        for lesson in created:
            for number in range(1, lesson.version + 1):
                versions.append(
                    LessonVersion(
                        lesson_id=lesson.pk,
                        number=number,
                        snapshot={"title": lesson.title, "summary": lesson.summary},
                        published_by_id=lesson.editor_id,
                        published_at=lesson.published_at,
                    )
                )
        self.bulk(LessonVersion, versions)

        listings = []
        categories = [c for c, _ in Listing.Category.choices]
        for _ in range(self.n("listings")):
            org_id = rng.choice(self.member_orgs)
            area = rng.choice(self.wijken)
            status = rng.choices(["open", "vervuld", "ingetrokken", "verlopen"], [50, 25, 10, 15])[
                0
            ]
            expires = self.today + datetime.timedelta(days=rng.randint(1, 120))
            if status == "verlopen":
                expires = self.today - datetime.timedelta(days=rng.randint(1, 300))
            listings.append(
                Listing(
                    kind=rng.choice(["vraag", "aanbod"]),
                    category=rng.choice(categories),
                    title=rng.choice(LISTING_TITLES).format(area=area.name),
                    description=paragraph(rng, 2),
                    organisation_id=org_id,
                    posted_by_id=self._member(org_id),
                    citywide=rng.random() < 0.1,
                    expires_on=expires,
                    status=status,
                    closed_at=self.ago(200) if status in ("vervuld", "ingetrokken") else None,
                )
            )
            listings[-1]._area = area
        created_listings = self.bulk(Listing, listings)
        self.through(
            Listing.themes.field.remote_field,
            [(x.pk, rng.choice(self.themes).pk) for x in created_listings],
            "listing",
            "theme",
        )
        self.through(
            Listing.areas.field.remote_field,
            [(x.pk, x._area.pk) for x in created_listings],
            "listing",
            "area",
        )

        stories = []
        for i in range(self.n("stories")):
            title = rng.choice(STORY_TITLES)
            org_id = rng.choice(self.member_orgs)
            medium = rng.choices(["blog", "video", "podcast"], [80, 10, 10])[0]
            stories.append(
                Story(
                    title=title,
                    slug=f"{slugify(title)[:150]}-{self.run}-{i}",
                    medium=medium,
                    body="".join(f"<p>{paragraph(rng, 3)}</p>" for _ in range(3)),
                    media_url="" if medium == "blog" else "https://video.example.nl/verhaal",
                    author_id=self._member(org_id),
                    organisation_id=org_id,
                    status=rng.choices(["gepubliceerd", "verborgen"], [97, 3])[0],
                    published_at=self.ago(1000),
                )
            )
            if stories[-1].status == "verborgen":
                stories[-1].hidden_reason = "Bevat persoonsgegevens."
        created_stories = self.bulk(Story, stories)
        self.through(
            Story.themes.field.remote_field,
            [(s.pk, rng.choice(self.themes).pk) for s in created_stories],
            "story",
            "theme",
        )
        comments = [
            StoryComment(
                story_id=rng.choice(created_stories).pk,
                author_id=rng.choice(self.user_ids),
                body=rng.choice(SENTENCES),
                status=rng.choices(["gepubliceerd", "verborgen"], [98, 2])[0],
            )
            for _ in range(self.n("story_comments"))
        ]
        self.bulk(StoryComment, comments)

    # --- Kompas ------------------------------------------------------------------------------

    def kompas(self):
        """Adopted editions, one per half year back in time; the newest is being monitored."""
        rng = self.rng
        n = self.n("editions")
        board = self.by_role["bestuurder"]
        end = self.today - datetime.timedelta(days=30)
        editions = []
        for k in range(n):
            period_end = end - datetime.timedelta(days=182 * k)
            period_start = period_end - datetime.timedelta(days=181)
            adopted_at = timezone.make_aware(
                datetime.datetime.combine(
                    period_end - datetime.timedelta(days=20), datetime.time(10)
                )
            )
            editions.append(
                Edition(
                    title=f"Kompas {MONTHS[period_start.month - 1]} {period_start.year} tot "
                    f"{MONTHS[period_end.month - 1]} {period_end.year}",
                    period_start=period_start,
                    period_end=period_end,
                    cadence_months=6,
                    status="monitoring" if k == 0 else "gesloten",
                    summary=paragraph(rng, 3),
                    evidence_since=adopted_at - datetime.timedelta(days=200),
                    drafted_at=adopted_at - datetime.timedelta(days=60),
                    consultation_opened_at=adopted_at - datetime.timedelta(days=50),
                    agenda_set_at=adopted_at - datetime.timedelta(days=30),
                    adopted_at=adopted_at,
                    adopted_by_id=rng.choice(board),
                    feedback=paragraph(rng, 2),
                    feedback_published_at=adopted_at + datetime.timedelta(days=7),
                    monitoring_started_at=adopted_at + datetime.timedelta(days=14),
                    closed_at=None if k == 0 else adopted_at + datetime.timedelta(days=170),
                )
            )
        created = self.bulk(Edition, editions)
        change_types = [c for c, _ in Proposal._meta.get_field("change_type").choices]
        proposals, evidence, priorities = [], [], []
        for edition in created:
            for k, change_type in enumerate(change_types):
                theme = self.themes[k % len(self.themes)]
                proposals.append(
                    Proposal(
                        edition_id=edition.pk,
                        title=f"{change_type.capitalize()}: {theme.name}",
                        change_type=change_type,
                        theme_id=theme.pk,
                        problem=paragraph(rng, 3),
                        proposed_change=paragraph(rng, 2),
                        intended_effect=paragraph(rng, 1),
                        owner="Cluster Maatschappelijke Ontwikkeling",
                        draft_key=f"{change_type}:{theme.pk}",
                    )
                )
                for j in range(5):
                    evidence.append(
                        Evidence(
                            edition_id=edition.pk,
                            kind="les",
                            source_id=k * 100 + j + 1,
                            change_type=change_type,
                            theme_id=theme.pk,
                            title=rng.choice(LESSON_TITLES),
                            detail=rng.choice(SENTENCES),
                            found_at=edition.drafted_at,
                        )
                    )
            for theme in self.themes[:4]:
                priorities.append(
                    Priority(edition_id=edition.pk, theme_id=theme.pk, level=rng.randint(1, 3))
                )
        created_proposals = self.bulk(Proposal, proposals)
        self.bulk(Evidence, evidence)
        self.bulk(Priority, priorities)
        items = []
        for p in created_proposals:
            outcome = rng.choice(["aangenomen", "aangepast", "afgewezen", "aangehouden"])
            accepted = outcome in ("aangenomen", "aangepast")
            items.append(
                AgendaItem(
                    proposal_id=p.pk,
                    gremium_id=rng.choice(self.gremia).pk,
                    date=self.today - datetime.timedelta(days=rng.randint(30, 365)),
                    outcome=outcome,
                    reasons=rng.choice(SENTENCES),
                    decided_at=self.ago(365, 30),
                    recorded_by_id=rng.choice(board),
                    monitor_indicator="Aantal deals met meerjarige financiering"
                    if accepted
                    else "",
                    monitor_who="Cluster MO" if accepted else "",
                    monitor_due=self.today + datetime.timedelta(days=rng.randint(-60, 120))
                    if accepted
                    else None,
                )
            )
        created_items = self.bulk(AgendaItem, items)
        entries = []
        for item in created_items:
            if item.outcome in ("aangenomen", "aangepast"):
                for _ in range(rng.randint(1, 3)):
                    entries.append(
                        MonitoringEntry(
                            agenda_item_id=item.pk,
                            date=self.today - datetime.timedelta(days=rng.randint(1, 300)),
                            status=rng.choice(
                                ["op_schema", "vertraagd", "bereikt", "niet_bereikt"]
                            ),
                            observation=rng.choice(SENTENCES),
                            author_id=rng.choice(board),
                        )
                    )
        self.bulk(MonitoringEntry, entries)

    def spread_timestamps(self):
        """bulk_create stamps every row with now; spread created_at over the past years as in real life."""
        tables = [
            Organisation,
            Deal,
            DealEvent,
            Knelpunt,
            Lesson,
            Listing,
            Story,
            StoryComment,
            Observation,
            MonitoringEntry,
        ]
        with connection.cursor() as cursor:
            for model in tables:
                cursor.execute(
                    f'UPDATE "{model._meta.db_table}" SET created_at = %s - (random() * interval %s) '
                    f"WHERE created_at >= %s",
                    [self.now, "900 days", self.now - datetime.timedelta(minutes=1)],
                )
