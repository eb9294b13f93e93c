"""Writes of the atlas. Every write checks permission, runs atomically and is audited."""

import csv
import io
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from reisgids.core.services import audit_record
from reisgids.core.workflow import require, require_state, transition

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
from ..workflow import CHANGE_PROPOSAL, MEMBERSHIP


@transaction.atomic
def membership_request(*, actor, organisation: Organisation, motivation: str = "") -> Membership:
    if not actor.has_perm("atlas.request_membership"):
        raise NotAllowed(_("Log in om lid te worden van een organisatie."))
    if organisation.is_archived:
        raise ApplicationError(_("Deze organisatie is gearchiveerd; lid worden kan niet meer."))
    existing = Membership.objects.filter(
        user=actor,
        organisation=organisation,
        status__in=[Membership.Status.AANGEVRAAGD, Membership.Status.GOEDGEKEURD],
    ).first()
    if existing is not None:
        if existing.status == Membership.Status.GOEDGEKEURD:
            raise ApplicationError(_("U bent al lid van %(org)s.") % {"org": organisation})
        raise ApplicationError(
            _("Uw aanvraag voor %(org)s wacht al op een besluit.") % {"org": organisation}
        )
    membership = Membership(
        user=actor, organisation=organisation, motivation=(motivation or "").strip()
    )
    # One open membership per person and organisation was checked above; a request at this very
    # moment is refused by the database's unique index below, not by full_clean's racing read.
    membership.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError as exc:  # a concurrent request for the same pair
        raise Conflict(
            _("Uw aanvraag voor %(org)s wacht al op een besluit.") % {"org": organisation}
        ) from exc
    audit_record(actor=actor, action="membership_request", target=membership)
    return membership


def _require_decision(actor, membership: Membership, *, to: str) -> None:
    """Only an approver decides, and only on a request that is still waiting."""
    require(
        actor,
        "atlas.decide_membership",
        membership,
        _("Alleen een beheerder van de organisatie of een netwerkmanager kan dit besluiten."),
    )
    require_state(
        membership,
        MEMBERSHIP.sources(to),
        _("Over deze aanvraag is al besloten (status: %(status)s).")
        % {"status": membership.get_status_display()},
    )


def _locked(membership: Membership) -> Membership:
    return (
        Membership.objects.select_for_update()
        .select_related("organisation", "user")
        .get(pk=membership.pk)
    )


@transaction.atomic
def membership_approve(
    *, actor, membership: Membership, role: str = Membership.Role.LID, note: str = ""
) -> Membership:
    membership = _locked(membership)
    _require_decision(actor, membership, to=Membership.Status.GOEDGEKEURD)
    if membership.user_id == actor.pk and not actor.has_perm("core.manage_roles"):
        raise NotAllowed(_("U kunt uw eigen aanvraag niet goedkeuren."))
    if role not in Membership.Role.values:
        raise ApplicationError(_("Onbekende rol."))
    membership.role = role
    membership.decided_by = actor
    membership.decided_at = timezone.now()
    membership.decision_note = (note or "").strip()
    return transition(
        membership,
        workflow=MEMBERSHIP,
        to=Membership.Status.GOEDGEKEURD,
        actor=actor,
        action="membership_approve",
        changes={"role": role},
    )


@transaction.atomic
def membership_reject(*, actor, membership: Membership, note: str = "") -> Membership:
    membership = _locked(membership)
    _require_decision(actor, membership, to=Membership.Status.AFGEWEZEN)
    membership.decided_by = actor
    membership.decided_at = timezone.now()
    membership.decision_note = (note or "").strip()
    return transition(
        membership,
        workflow=MEMBERSHIP,
        to=Membership.Status.AFGEWEZEN,
        actor=actor,
        action="membership_reject",
        changes={"note": membership.decision_note},
    )


@transaction.atomic
def membership_end(*, actor, membership: Membership) -> Membership:
    """The member leaves, or an approver ends the membership. The record stays."""
    membership = _locked(membership)
    require(
        actor, "atlas.end_membership", membership, _("U kunt dit lidmaatschap niet beëindigen.")
    )
    require_state(
        membership,
        MEMBERSHIP.sources(Membership.Status.BEEINDIGD),
        _("Dit lidmaatschap is al afgesloten."),
    )
    if (
        membership.role == Membership.Role.BEHEERDER
        and membership.status == Membership.Status.GOEDGEKEURD
    ):
        other_admins = Membership.objects.filter(
            organisation=membership.organisation,
            role=Membership.Role.BEHEERDER,
            status=Membership.Status.GOEDGEKEURD,
        ).exclude(pk=membership.pk)
        if not other_admins.exists() and membership.user_id == actor.pk:
            raise ApplicationError(
                _("U bent de laatste beheerder van %(org)s. Maak eerst iemand anders beheerder.")
                % {"org": membership.organisation}
            )
    membership.decided_by = actor
    membership.decided_at = timezone.now()
    return transition(
        membership,
        workflow=MEMBERSHIP,
        to=Membership.Status.BEEINDIGD,
        actor=actor,
        action="membership_end",
    )


# --- Organisation profiles ------------------------------------------------------------------------

# Fields a beheerder edits on the profile; the many-to-many fields are handled apart.
PROFILE_FIELDS = [
    "name",
    "type",
    "description",
    "website",
    "email",
    "phone",
    "address",
    "citywide",
    "latitude",
    "longitude",
    "parent",
    "logo",
    "logo_alt",
    "relation_to_system",
    "delivery",
    "volunteer_dependency",
    "size",
    "life_stage",
    "looking_for",
    "offering",
]
PROFILE_M2M = ["themes", "areas"]
# What a member may propose: plain text fields, applied by a beheerder.
PROPOSABLE_FIELDS = [
    "description",
    "website",
    "email",
    "phone",
    "address",
    "looking_for",
    "offering",
]


def _display(value):
    if value is None:
        return ""
    if hasattr(value, "all"):
        return sorted(str(v) for v in value.all())
    if isinstance(value, list | tuple | set):
        return sorted(str(v) for v in value)
    if isinstance(value, File):  # an uploaded or stored file
        return value.name or ""
    return str(value)


def _raise_validation(exc: ValidationError):
    if hasattr(exc, "error_dict"):
        raise exc
    raise ApplicationError(" ".join(exc.messages)) from exc


def _apply_profile(organisation: Organisation, data: dict, fields) -> dict:
    """Set the given fields, validate, save; return the changes as {field: [old, new]}."""
    changes = {}
    for name in fields:
        if name not in data or name in PROFILE_M2M:
            continue
        old = getattr(organisation, name)
        new = data[name]
        if name == "logo" and not new:
            continue  # no new upload keeps the current logo
        if _display(old) != _display(new):
            changes[name] = [_display(old), _display(new)]
        setattr(organisation, name, new)
    try:
        organisation.full_clean()
    except ValidationError as exc:
        _raise_validation(exc)
    organisation.save()
    for name in PROFILE_M2M:
        if name in data and name in fields:
            manager = getattr(organisation, name)
            old = _display(manager)
            manager.set(data[name])
            new = _display(data[name])
            if old != new:
                changes[name] = [old, new]
    return changes


@transaction.atomic
def organisation_create(*, actor, data: dict) -> Organisation:
    """A curator adds an organisation to the atlas."""
    if not actor.has_perm("atlas.verify_organisation"):
        raise NotAllowed(
            _("Alleen een netwerkmanager of contentbeheerder kan organisaties toevoegen.")
        )
    organisation = Organisation(slug=_unique_slug(data.get("name", "")))
    changes = _apply_profile(organisation, data, [*PROFILE_FIELDS, *PROFILE_M2M])
    audit_record(actor=actor, action="organisation_create", target=organisation, changes=changes)
    return organisation


@transaction.atomic
def organisation_update(*, actor, organisation: Organisation, data: dict) -> Organisation:
    """A beheerder of the organisation (or a netwerkmanager) edits the profile."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if not actor.has_perm("atlas.manage_organisation", organisation):
        raise NotAllowed(_("Alleen een beheerder van deze organisatie kan het profiel wijzigen."))
    if organisation.is_archived:
        raise Conflict(_("Deze organisatie is gearchiveerd en kan niet meer worden gewijzigd."))
    if data.get("parent") is not None and data["parent"].pk == organisation.pk:
        raise ApplicationError(_("Een organisatie kan niet haar eigen moederorganisatie zijn."))
    changes = _apply_profile(organisation, data, [*PROFILE_FIELDS, *PROFILE_M2M])
    if changes:
        audit_record(
            actor=actor, action="organisation_update", target=organisation, changes=changes
        )
    return organisation


@transaction.atomic
def organisation_change_propose(
    *, actor, organisation: Organisation, changes: dict, note: str = ""
) -> ChangeProposal:
    """A member proposes changes to the profile; a beheerder decides."""
    if not actor.has_perm("atlas.propose_organisation_change", organisation):
        raise NotAllowed(_("Alleen leden van deze organisatie kunnen een wijziging voorstellen."))
    proposed = {
        k: str(v).strip()
        for k, v in changes.items()
        if k in PROPOSABLE_FIELDS and str(v).strip() != getattr(organisation, k)
    }
    if not proposed:
        raise ApplicationError(_("Uw voorstel verandert niets aan het profiel."))
    proposal = ChangeProposal(
        organisation=organisation, proposed_by=actor, changes=proposed, note=(note or "").strip()
    )
    proposal.full_clean()
    proposal.save()
    audit_record(
        actor=actor, action="organisation_change_propose", target=organisation, changes=proposed
    )
    return proposal


def _locked_proposal(proposal: ChangeProposal) -> ChangeProposal:
    return (
        ChangeProposal.objects.select_for_update()
        .select_related("organisation")
        .get(pk=proposal.pk)
    )


def _audit_on_organisation(proposal: ChangeProposal):
    """A decision on a proposal is audited on the organisation it changes."""

    def audit(*, actor, action, target, changes):
        audit_record(actor=actor, action=action, target=proposal.organisation, changes=changes)

    return audit


@transaction.atomic
def change_proposal_accept(*, actor, proposal: ChangeProposal) -> ChangeProposal:
    proposal = _locked_proposal(proposal)
    require(
        actor,
        "atlas.decide_organisation_change",
        proposal,
        _("Alleen een beheerder van de organisatie kan dit voorstel overnemen."),
    )
    require_state(
        proposal,
        CHANGE_PROPOSAL.sources(ChangeProposal.Status.OVERGENOMEN),
        _("Over dit voorstel is al besloten."),
    )
    organisation = proposal.organisation
    changes = _apply_profile(organisation, proposal.changes, PROPOSABLE_FIELDS)
    proposal.decided_by = actor
    proposal.decided_at = timezone.now()
    return transition(
        proposal,
        workflow=CHANGE_PROPOSAL,
        to=ChangeProposal.Status.OVERGENOMEN,
        actor=actor,
        action="change_proposal_accept",
        changes={**changes, "voorstel": proposal.pk, "voorgesteld_door": str(proposal.proposed_by)},
        audit=_audit_on_organisation(proposal),
    )


@transaction.atomic
def change_proposal_reject(*, actor, proposal: ChangeProposal) -> ChangeProposal:
    proposal = _locked_proposal(proposal)
    require(
        actor,
        "atlas.decide_organisation_change",
        proposal,
        _("Alleen een beheerder van de organisatie kan dit voorstel afwijzen."),
    )
    require_state(
        proposal,
        CHANGE_PROPOSAL.sources(ChangeProposal.Status.AFGEWEZEN),
        _("Over dit voorstel is al besloten."),
    )
    proposal.decided_by = actor
    proposal.decided_at = timezone.now()
    return transition(
        proposal,
        workflow=CHANGE_PROPOSAL,
        to=ChangeProposal.Status.AFGEWEZEN,
        actor=actor,
        action="change_proposal_reject",
        changes={"voorstel": proposal.pk},
        audit=_audit_on_organisation(proposal),
    )


@transaction.atomic
def organisation_verify(
    *, actor, organisation: Organisation, verified: bool = True
) -> Organisation:
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if not actor.has_perm("atlas.verify_organisation"):
        raise NotAllowed(
            _("Alleen een netwerkmanager of contentbeheerder kan organisaties verifiëren.")
        )
    if organisation.is_archived:
        raise Conflict(_("Deze organisatie is gearchiveerd."))
    if organisation.is_verified == verified:
        return organisation
    organisation.is_verified = verified
    organisation.save(update_fields=["is_verified", "updated_at"])
    audit_record(
        actor=actor,
        action="organisation_verify" if verified else "organisation_unverify",
        target=organisation,
        changes={"is_verified": [str(not verified), str(verified)]},
    )
    return organisation


@transaction.atomic
def organisation_merge(*, actor, duplicate: Organisation, keep: Organisation) -> Organisation:
    """Merge a duplicate into the organisation that stays. Links move over; the duplicate is archived
    with a pointer to the one that stays, so its history and old links remain."""
    if not actor.has_perm("atlas.merge_organisation"):
        raise NotAllowed(
            _("Alleen een netwerkmanager of contentbeheerder kan dubbele organisaties samenvoegen.")
        )
    if duplicate.pk == keep.pk:
        raise ApplicationError(_("Kies twee verschillende organisaties om samen te voegen."))
    duplicate, keep = (
        Organisation.objects.select_for_update().get(pk=duplicate.pk),
        Organisation.objects.select_for_update().get(pk=keep.pk),
    )
    if duplicate.is_archived or keep.is_archived:
        raise Conflict(_("Een van beide organisaties is al gearchiveerd of samengevoegd."))
    moved = {}
    moved["contact_points"] = ContactPoint.objects.filter(organisation=duplicate).update(
        organisation=keep
    )
    moved["services"] = Service.objects.filter(organisation=duplicate).update(organisation=keep)
    moved["children"] = (
        Organisation.objects.filter(parent=duplicate).exclude(pk=keep.pk).update(parent=keep)
    )
    moved["instruments"] = Instrument.objects.filter(owner=duplicate).update(owner=keep)
    moved["coordinated_networks"] = Network.objects.filter(coordinator=duplicate).update(
        coordinator=keep
    )
    ChangeProposal.objects.filter(organisation=duplicate).update(organisation=keep)
    for through, fk in [
        (Network.organisations.through, "network_id"),
        (NetworkGroup.organisations.through, "networkgroup_id"),
        (Agreement.signatories.through, "agreement_id"),
    ]:
        existing = set(through.objects.filter(organisation_id=keep.pk).values_list(fk, flat=True))
        through.objects.filter(organisation_id=duplicate.pk).exclude(
            **{f"{fk}__in": existing}
        ).update(organisation_id=keep.pk)
    keep.themes.add(*duplicate.themes.all())
    keep.areas.add(*duplicate.areas.all())
    kept_members = set(
        Membership.objects.filter(
            organisation=keep,
            status__in=[Membership.Status.AANGEVRAAGD, Membership.Status.GOEDGEKEURD],
        ).values_list("user_id", flat=True)
    )
    memberships = Membership.objects.filter(organisation=duplicate)
    moved["memberships"] = memberships.exclude(user_id__in=kept_members).update(organisation=keep)
    memberships.filter(
        status__in=[Membership.Status.AANGEVRAAGD, Membership.Status.GOEDGEKEURD]
    ).update(status=Membership.Status.BEEINDIGD, decided_by=actor, decided_at=timezone.now())
    for name in [
        "description",
        "website",
        "email",
        "phone",
        "address",
        "looking_for",
        "offering",
        "external_id",
    ]:
        if not getattr(keep, name) and getattr(duplicate, name):
            setattr(keep, name, getattr(duplicate, name))
            if name == "external_id":
                duplicate.external_id = ""
    duplicate.is_archived = True
    duplicate.merged_into = keep
    duplicate.save()
    keep.full_clean()
    keep.save()
    audit_record(
        actor=actor,
        action="organisation_merge_into",
        target=duplicate,
        changes={"samengevoegd_met": keep.slug},
    )
    audit_record(
        actor=actor,
        action="organisation_merge",
        target=keep,
        changes={"samengevoegd_uit": duplicate.slug, "overgezet": moved},
    )
    return keep


# --- Mijn radar -----------------------------------------------------------------------------------


def _clean_query(query: str) -> str:
    """Keep only known filter parameters, so a saved search is a shareable list URL."""
    from ..filters import OrganisationFilter

    params = QueryDict(query or "", mutable=True)
    for key in list(params.keys()):
        if (
            key not in OrganisationFilter.base_filters
            or key == "search"
            or not any(params.getlist(key))
        ):
            del params[key]
    return params.urlencode()


@transaction.atomic
def saved_search_create(
    *, actor, name: str, query: str, frequency: str = SavedSearch.Frequency.WEKELIJKS
):
    from ..filters import OrganisationFilter

    if not actor.has_perm("atlas.save_search"):
        raise NotAllowed(_("Log in om een zoekopdracht te bewaren."))
    query = _clean_query(query)
    if not OrganisationFilter(QueryDict(query), queryset=Organisation.objects.none()).is_valid():
        raise ApplicationError(_("Dit filter is niet geldig; pas het aan en probeer opnieuw."))
    saved = SavedSearch(
        user=actor,
        name=(name or "").strip() or _("Mijn zoekopdracht"),
        query=query,
        frequency=frequency,
    )
    saved.last_sent_at = timezone.now()
    try:
        saved.full_clean()
    except ValidationError as exc:
        _raise_validation(exc)
    saved.save()
    audit_record(actor=actor, action="saved_search_create", target=saved, changes={"query": query})
    return saved


@transaction.atomic
def saved_search_delete(*, actor, saved_search: SavedSearch) -> None:
    if not actor.has_perm("atlas.delete_saved_search", saved_search):
        raise NotAllowed(_("U kunt alleen uw eigen zoekopdrachten verwijderen."))
    audit_record(actor=actor, action="saved_search_delete", target=saved_search, deleted=True)
    saved_search.delete()


def saved_search_matches(*, saved_search: SavedSearch, since=None):
    """Organisations matching the saved filter; with ``since``: only those added after it."""
    from .. import selectors
    from ..filters import OrganisationFilter

    qs = selectors.organisation_list(actor=saved_search.user)
    if since is not None:
        qs = qs.filter(created_at__gt=since)
    return OrganisationFilter(QueryDict(saved_search.query), queryset=qs).qs


def radar_digest_send(*, frequency: str, now=None) -> int:
    """Send each saved search of this frequency its new matches since the last digest. Returns mails sent.

    Idempotent per period: a search already sent within its period is skipped."""
    now = now or timezone.now()
    period = (
        timedelta(days=1) if frequency == SavedSearch.Frequency.DAGELIJKS else timedelta(days=7)
    )
    sent = 0
    due = SavedSearch.objects.filter(frequency=frequency, user__is_active=True).select_related(
        "user"
    )
    for saved in due:
        with transaction.atomic():
            saved = SavedSearch.objects.select_for_update().select_related("user").get(pk=saved.pk)
            if saved.last_sent_at and saved.last_sent_at > now - period + timedelta(minutes=5):
                continue
            matches = list(saved_search_matches(saved_search=saved, since=saved.last_sent_at))
            saved.last_sent_at = now
            saved.save(update_fields=["last_sent_at", "updated_at"])
            if not matches:
                continue
            link = (
                settings.SITE_URL.rstrip("/")
                + reverse("atlas:organisation-list")
                + "?"
                + saved.query
            )
            lines = [
                f"- {org.name}: {settings.SITE_URL.rstrip('/')}{org.get_absolute_url()}"
                for org in matches
            ]
            body = "\n".join(
                [
                    _('Nieuw in de atlas voor uw zoekopdracht "%(name)s":') % {"name": saved.name},
                    "",
                    *lines,
                    "",
                    _("Alle resultaten: %(link)s") % {"link": link},
                ]
            )
            send_mail(
                _("Mijn radar: %(count)d nieuw in de atlas") % {"count": len(matches)},
                body,
                None,
                [saved.user.email],
            )
            sent += 1
    return sent


# --- Import of a sociale kaart -------------------------------------------------------------------

IMPORT_COLUMNS = [
    "external_id",
    "name",
    "type",
    "description",
    "website",
    "email",
    "phone",
    "address",
]
IMPORT_OPTIONAL = [
    "themes",
    "areas",
    "citywide",
    "latitude",
    "longitude",
    "looking_for",
    "offering",
]


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    dry_run: bool = False


class _Rollback(Exception):
    pass


def _unique_slug(name: str) -> str:
    base = slugify(name)[:180] or "organisatie"
    slug, n = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _split(value: str) -> list[str]:
    return [part.strip() for part in (value or "").replace(",", ";").split(";") if part.strip()]


def _cell(row: dict, column: str) -> str:
    return (row.get(column) or "").strip()


def _import_type(row: dict) -> str:
    type_ = _cell(row, "type") or Organisation.Type.OVERIG
    if type_ not in Organisation.Type.values:
        raise ApplicationError(_("Onbekende soort organisatie: %(type)s.") % {"type": type_})
    return type_


def _import_themes(row: dict) -> list[Theme]:
    themes = []
    for slug in _split(row.get("themes", "")):
        theme = Theme.objects.filter(slug=slug).first()
        if theme is None:
            raise ApplicationError(_("Onbekend thema: %(slug)s.") % {"slug": slug})
        themes.append(theme)
    return themes


def _import_areas(row: dict) -> list[Area]:
    areas = []
    for slug in _split(row.get("areas", "")):
        area = Area.objects.filter(slug=slug).first()
        if area is None:
            raise ApplicationError(_("Onbekend gebied of wijk: %(slug)s.") % {"slug": slug})
        areas.append(area)
    return areas


def _import_point(row: dict) -> dict:
    point = {}
    for key in ["latitude", "longitude"]:
        raw = (row.get(key) or "").strip().replace(",", ".")
        try:
            point[key] = Decimal(raw).quantize(Decimal("0.00001")) if raw else None
        except InvalidOperation as exc:
            raise ApplicationError(
                _("%(key)s is geen getal: %(value)s.") % {"key": key, "value": raw}
            ) from exc
    return point


def _import_data(row: dict, *, name: str, type_: str, point: dict) -> dict:
    return {
        "name": name,
        "type": type_,
        "description": _cell(row, "description"),
        "website": _cell(row, "website"),
        "email": _cell(row, "email"),
        "phone": _cell(row, "phone"),
        "address": _cell(row, "address"),
        "citywide": _cell(row, "citywide").lower() in {"1", "ja", "true", "yes", "waar"},
        "looking_for": _cell(row, "looking_for"),
        "offering": _cell(row, "offering"),
        **point,
    }


def _import_row(row: dict, *, force: bool) -> tuple[str, Organisation]:
    external_id = _cell(row, "external_id")
    name = _cell(row, "name")
    if not external_id:
        raise ApplicationError(_("De kolom external_id is leeg."))
    if not name:
        raise ApplicationError(_("De kolom name is leeg."))
    type_ = _import_type(row)
    themes = _import_themes(row)
    areas = _import_areas(row)
    data = _import_data(row, name=name, type_=type_, point=_import_point(row))
    organisation = Organisation.objects.select_for_update().filter(external_id=external_id).first()
    if organisation is None:
        organisation = Organisation(external_id=external_id, slug=_unique_slug(name))
        action = "created"
    else:
        if organisation.is_verified and not force:
            return "skipped", organisation
        action = "updated"
    fields = [*data.keys(), "themes", "areas"]
    changes = _apply_profile(organisation, {**data, "themes": themes, "areas": areas}, fields)
    if action == "updated" and not changes:
        return "unchanged", organisation
    audit_record(
        actor=None, action=f"organisation_import_{action}", target=organisation, changes=changes
    )
    return action, organisation


def _decoded(file) -> str:
    text = file.read()
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ApplicationError(_("Het bestand is geen UTF-8-tekst.")) from exc
    return text


def _import_reader(text: str) -> csv.DictReader:
    """A reader over the rows, comma or semicolon separated; refused without the key columns."""
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    missing = [c for c in ["external_id", "name"] if c not in (reader.fieldnames or [])]
    if missing:
        raise ApplicationError(
            _("Deze kolommen ontbreken: %(cols)s.") % {"cols": ", ".join(missing)}
        )
    return reader


def _validation_messages(exc: ValidationError) -> str:
    messages = [
        f"{k}: {m}"
        for k, ms in getattr(exc, "message_dict", {"": exc.messages}).items()
        for m in ms
    ]
    return " ".join(messages)


def _import_rows(reader: csv.DictReader, report: ImportReport, *, force: bool) -> None:
    """Each row in a savepoint of its own: a bad row is reported and the others still load."""
    for number, row in enumerate(reader, start=2):
        try:
            with transaction.atomic():
                action, organisation = _import_row(row, force=force)
        except ApplicationError as exc:
            report.errors.append((number, exc.message))
            continue
        except ValidationError as exc:
            report.errors.append((number, _validation_messages(exc)))
            continue
        getattr(report, action).append(organisation.name)


def organisations_import(
    *, actor=None, file, dry_run: bool = False, force: bool = False
) -> ImportReport:
    """Load a sociale kaart export (CSV, comma or semicolon separated). Idempotent by external_id;
    never overwrites a verified profile without ``force``. Each row stands alone: a bad row is
    reported and the others still load. ``actor`` None is the system (management command)."""
    if actor is not None and not actor.has_perm("atlas.verify_organisation"):
        raise NotAllowed(
            _("Alleen een netwerkmanager of contentbeheerder kan organisaties importeren.")
        )
    reader = _import_reader(_decoded(file))
    report = ImportReport(dry_run=dry_run)
    try:
        with transaction.atomic():
            _import_rows(reader, report, force=force)
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return report
