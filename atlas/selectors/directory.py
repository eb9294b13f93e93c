"""Reads of the atlas, scoped to the acting user."""

from dataclasses import dataclass

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db.models import F, Prefetch, Q, Value

from reisgids.core.models import AuditEvent
from reisgids.core.permissions import is_beheerder, is_netwerkmanager

from ..filters import ContactPointFilter, InstrumentFilter, NetworkFilter, OrganisationFilter
from ..models import (
    Agreement,
    Area,
    ChangeProposal,
    ContactPoint,
    Instrument,
    Membership,
    Network,
    NetworkGroup,
    Organisation,
    SavedSearch,
    Service,
    Theme,
)
from ..models.common import search_vector  # noqa: F401 (migration atlas 0006 imports it here)
from ..models.common import unaccent as _unaccent
from ..query import (  # noqa: F401 (re-exported: the old home of the search)
    SEARCH_MAX_LENGTH,
    TRIGRAM_THRESHOLD,
    approved_memberships,
    search_filter,
    search_name,
)

# --- Organisations ---------------------------------------------------------------------------


def organisation_list(*, actor=None):
    return (
        Organisation.objects.filter(is_archived=False)
        .select_related("parent")
        .prefetch_related("themes", "areas__parent")
    )


def organisation_get(*, actor=None, slug: str) -> Organisation:
    contact_points = ContactPoint.objects.filter(is_archived=False).prefetch_related(
        "themes", "areas"
    )
    return (
        Organisation.objects.filter(is_archived=False)
        .select_related("parent")
        .prefetch_related(
            "themes",
            "areas__parent",
            Prefetch("contact_points", queryset=contact_points),
            Prefetch("services", queryset=Service.objects.prefetch_related("areas")),
            Prefetch("children", queryset=Organisation.objects.filter(is_archived=False)),
            "networks",
            Prefetch("network_groups", queryset=NetworkGroup.objects.select_related("network")),
            "agreements",
            "instruments",
        )
        .get(slug=slug)
    )


def organisation_for_edit(*, actor, slug: str) -> Organisation:
    """An organisation the actor may edit; DoesNotExist otherwise."""
    organisation = Organisation.objects.filter(is_archived=False).get(slug=slug)
    if not actor.has_perm("atlas.manage_organisation", organisation):
        raise Organisation.DoesNotExist
    return organisation


def organisation_history(*, actor, organisation: Organisation):
    """The audit trail of an organisation, for those who may manage it."""
    if not (
        actor.has_perm("atlas.manage_organisation", organisation)
        or actor.has_perm("atlas.verify_organisation")
    ):
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(
        target_type="atlas.organisation", target_id=str(organisation.pk)
    ).select_related("actor")


def merge_candidates(*, actor, organisation: Organisation):
    """Organisations with a similar name: likely duplicates, for those who may merge."""
    if not actor.has_perm("atlas.merge_organisation"):
        return Organisation.objects.none()
    return (
        Organisation.objects.filter(is_archived=False)
        .exclude(pk=organisation.pk)
        .annotate(
            similarity=TrigramWordSimilarity(
                _unaccent(Value(organisation.name)), _unaccent(F("name"))
            )
        )
        .filter(similarity__gte=0.4)
        .order_by("-similarity", "name")[:10]
    )


def change_proposals_to_decide(*, actor, organisation: Organisation | None = None):
    if not actor.is_authenticated:
        return ChangeProposal.objects.none()
    qs = ChangeProposal.objects.filter(status=ChangeProposal.Status.OPEN).select_related(
        "organisation", "proposed_by"
    )
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    if is_netwerkmanager(actor) or is_beheerder(actor):
        return qs
    administered = Membership.objects.filter(
        user=actor, role=Membership.Role.BEHEERDER, status=Membership.Status.GOEDGEKEURD
    ).values("organisation_id")
    return qs.filter(organisation_id__in=administered)


def change_proposals_of(*, actor):
    if not actor.is_authenticated:
        return ChangeProposal.objects.none()
    return ChangeProposal.objects.filter(proposed_by=actor).select_related(
        "organisation", "decided_by"
    )


# --- Contact points, networks, instruments, areas, themes ----------------------------------------


def contact_point_list(*, actor=None):
    return (
        ContactPoint.objects.filter(is_archived=False, organisation__is_archived=False)
        .select_related("organisation")
        .prefetch_related("themes", "areas")
    )


def network_list(*, actor=None):
    return Network.objects.select_related("coordinator").prefetch_related("themes")


def network_get(*, actor=None, slug: str) -> Network:
    active = Organisation.objects.filter(is_archived=False)
    return (
        Network.objects.select_related("coordinator")
        .prefetch_related(
            "themes",
            Prefetch("organisations", queryset=active),
            Prefetch(
                "agreements",
                queryset=Agreement.objects.prefetch_related(Prefetch("signatories", active)),
            ),
            Prefetch(
                "groups",
                queryset=NetworkGroup.objects.select_related("theme").prefetch_related(
                    Prefetch("organisations", active)
                ),
            ),
        )
        .get(slug=slug)
    )


def instrument_list(*, actor=None):
    return Instrument.objects.select_related("owner", "contact_point").prefetch_related("themes")


def instrument_get(*, actor=None, slug: str) -> Instrument:
    return instrument_list(actor=actor).get(slug=slug)


def theme_list():
    return Theme.objects.all()


def area_list():
    return Area.objects.select_related("parent")


def gebied_list():
    return Area.objects.filter(kind=Area.Kind.GEBIED)


# --- One search over the atlas -------------------------------------------------------------------


@dataclass
class SearchResult:
    kind: str
    title: str
    url: str
    summary: str
    rank: float


def atlas_search(*, actor, q: str, limit: int = 20) -> list[SearchResult]:
    """Organisations, contact points, instruments and networks matching ``q``, best first."""
    if not " ".join((q or "").split()):
        return []
    results = []
    for obj in search_filter(
        organisation_list(actor=actor), q, fields=OrganisationFilter.search_fields
    )[:limit]:
        results.append(
            SearchResult(
                "organisatie", obj.name, obj.get_absolute_url(), obj.description, obj.search_rank
            )
        )
    for obj in search_filter(
        contact_point_list(actor=actor), q, fields=ContactPointFilter.search_fields
    )[:limit]:
        url = obj.organisation.get_absolute_url() + f"#aanspreekpunt-{obj.pk}"
        results.append(SearchResult("aanspreekpunt", str(obj), url, obj.topic, obj.search_rank))
    for obj in search_filter(
        instrument_list(actor=actor), q, fields=InstrumentFilter.search_fields
    )[:limit]:
        results.append(
            SearchResult(
                "instrument", obj.name, obj.get_absolute_url(), obj.purpose, obj.search_rank
            )
        )
    for obj in search_filter(network_list(actor=actor), q, fields=NetworkFilter.search_fields)[
        :limit
    ]:
        results.append(
            SearchResult(
                "netwerk", obj.name, obj.get_absolute_url(), obj.description, obj.search_rank
            )
        )
    results.sort(key=lambda r: (-r.rank, r.title))
    return results[:limit]


# --- Map layer -----------------------------------------------------------------------------------


def atlas_geojson(*, actor, organisations) -> dict:
    """A GeoJSON FeatureCollection of the given organisations and the gebieden.

    Organisations with their own point are placed there; others at the centre of their first
    area ("approximate"); citywide ones without a point get a null geometry so they are still listed.
    """
    features = []
    for org in organisations:
        approximate = False
        if org.has_point:
            coords = [float(org.longitude), float(org.latitude)]
        else:
            area = next((a for a in org.areas.all() if a.latitude is not None), None)
            coords = [float(area.longitude), float(area.latitude)] if area else None
            approximate = area is not None
        features.append(
            {
                "type": "Feature",
                "id": f"organisation-{org.slug}",
                "geometry": {"type": "Point", "coordinates": coords} if coords else None,
                "properties": {
                    "kind": "organisation",
                    "slug": org.slug,
                    "name": org.name,
                    "type": org.type,
                    "type_label": str(org.get_type_display()),
                    "url": org.get_absolute_url(),
                    "citywide": org.citywide,
                    "approximate": approximate,
                    "verified": org.is_verified,
                },
            }
        )
    for area in gebied_list().filter(latitude__isnull=False):
        features.append(
            {
                "type": "Feature",
                "id": f"area-{area.slug}",
                "geometry": {
                    "type": "Point",
                    "coordinates": [float(area.longitude), float(area.latitude)],
                },
                "properties": {"kind": "area", "slug": area.slug, "name": area.name},
            }
        )
    return {"type": "FeatureCollection", "features": features}


# --- Mijn radar ----------------------------------------------------------------------------------


def saved_searches_of(*, actor):
    if not actor.is_authenticated:
        return SavedSearch.objects.none()
    return SavedSearch.objects.filter(user=actor)


# --- Memberships ---------------------------------------------------------------------------------


def memberships_of(*, actor):
    """The actor's own memberships, newest first."""
    if not actor.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.filter(user=actor).select_related("organisation", "decided_by")


def organisations_of(*, actor):
    """Organisations where the actor is an approved member."""
    if not actor.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=actor,
        memberships__status=Membership.Status.GOEDGEKEURD,
        is_archived=False,
    ).distinct()


def organisation_ids_of(*, actor) -> set[int]:
    """The ids of :func:`organisations_of`, read once per request (permission checks ask often)."""
    if not actor.is_authenticated:
        return set()
    return {
        org_id for org_id, (_role, archived) in approved_memberships(actor).items() if not archived
    }


def memberships_visible_to(*, actor):
    """Memberships the actor may see: their own, and those they may decide on."""
    if not actor.is_authenticated:
        return Membership.objects.none()
    qs = Membership.objects.select_related("organisation", "user", "decided_by")
    if is_netwerkmanager(actor) or is_beheerder(actor):
        return qs
    administered = Membership.objects.filter(
        user=actor, role=Membership.Role.BEHEERDER, status=Membership.Status.GOEDGEKEURD
    ).values("organisation_id")
    return qs.filter(Q(user=actor) | Q(organisation_id__in=administered))


def membership_requests_to_decide(*, actor):
    qs = memberships_visible_to(actor=actor).filter(status=Membership.Status.AANGEVRAAGD)
    return qs.exclude(user=actor) if actor.is_authenticated else qs


# --- Open Referral HSDS ----------------------------------------------------------------------------


def hsds_export(*, actor=None) -> dict:
    """Organisations, services and locations shaped after Open Referral HSDS 3.0 (public fields only)."""
    organisations = organisation_list(actor=actor).prefetch_related(
        Prefetch("services", queryset=Service.objects.prefetch_related("areas"))
    )
    data = {"organizations": [], "services": [], "locations": [], "service_areas": []}
    for org in organisations:
        org_id = f"organisation-{org.pk}"
        data["organizations"].append(
            {
                "id": org_id,
                "name": org.name,
                "description": org.description,
                "website": org.website or None,
                "email": org.email or None,
                "parent_organization_id": f"organisation-{org.parent_id}"
                if org.parent_id
                else None,
                "logo": org.logo.url if org.logo else None,
                "x_type": org.type,
                "x_verified": org.is_verified,
                "x_themes": [t.slug for t in org.themes.all()],
                "x_looking_for": org.looking_for,
                "x_offering": org.offering,
            }
        )
        if org.has_point or org.address:
            data["locations"].append(
                {
                    "id": f"location-{org.pk}",
                    "organization_id": org_id,
                    "location_type": "physical",
                    "name": org.name,
                    "latitude": float(org.latitude) if org.has_point else None,
                    "longitude": float(org.longitude) if org.has_point else None,
                    "addresses": [{"address_1": org.address, "city": "Rotterdam", "country": "NL"}]
                    if org.address
                    else [],
                }
            )
        for service in org.services.all():
            service_id = f"service-{service.pk}"
            data["services"].append(
                {
                    "id": service_id,
                    "organization_id": org_id,
                    "name": service.name,
                    "description": service.description,
                    "url": service.url or None,
                    "email": service.email or None,
                    "status": "active",
                    "x_target_group": service.target_group,
                }
            )
            areas = list(service.areas.all()) or list(org.areas.all())
            extent = (
                "Rotterdam"
                if org.citywide and not service.areas.all()
                else ", ".join(a.name for a in areas)
            )
            if extent:
                data["service_areas"].append(
                    {"id": f"service-area-{service.pk}", "service_id": service_id, "name": extent}
                )
    return data
