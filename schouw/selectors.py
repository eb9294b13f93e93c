"""Reads of the schouw, scoped to the acting user or guest.

The evaluation of a round is read by the deal's partners, its partner in residence and the
round's participants (``schouw.view_round``). Other deals' partners, netwerkmanagers and
anonymous visitors see nothing of it until every partner agreed to publish the public part.
The hidden-until-submitted rule for appraisals lives here once: :func:`appraisals_visible`.
"""

import datetime
from collections import Counter, defaultdict

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from atlas import selectors as atlas_selectors
from atlas.models import Membership
from deals.models import Deal, DealPartner
from deals.residence import selectors as residence_selectors
from deals.residence.models import Residency
from reisgids.core.dates import add_months, frequency_months

from .guests import Guest, link_is_valid, token_hash
from .models import Appraisal, Criterion, Lesson, Observation, Participant, SchouwRound

ACCEPTED = DealPartner.Status.GEACCEPTEERD


def _partner_qs():
    return DealPartner.objects.select_related("organisation").order_by("pk")


def _base():
    return SchouwRound.objects.select_related("deal", "organiser").prefetch_related(
        Prefetch("deal__partners", queryset=_partner_qs()),
        Prefetch(
            "participants",
            queryset=Participant.objects.select_related("partner__organisation", "organisation"),
        ),
    )


def round_list(*, actor):
    """Rounds the actor may see: of deals their organisation takes part in, of the deal where they
    are partner in residence, and rounds they take part in."""
    if isinstance(actor, Guest):
        return (
            _base().filter(pk=actor.participant.round_id)
            if link_is_valid(actor.participant)
            else _base().none()
        )
    if not actor.is_authenticated:
        return SchouwRound.objects.none()
    # Uncorrelated IN subqueries, not correlated EXISTS: inside an OR, PostgreSQL estimates an EXISTS
    # at the cost of a lookup per round, which pushed the list and its count over the JIT threshold
    # (about 45 ms of compiling per query at factor 20); each IN runs once, hashed.
    partner = DealPartner.objects.filter(
        organisation__in=atlas_selectors.organisations_of(actor=actor).values("pk"),
        status=ACCEPTED,
    ).values("deal_id")
    resident = residence_selectors.residency_list(actor=actor).filter(
        person=actor, status=Residency.Status.ACTIEF
    )
    participant = Participant.objects.filter(user=actor).values("round_id")
    return _base().filter(
        Q(deal__in=partner) | Q(deal__in=resident.values("deal")) | Q(pk__in=participant)
    )


def round_detail(*, actor, pk) -> SchouwRound:
    """Raises SchouwRound.DoesNotExist when it does not exist or the actor may not see it."""
    return round_list(actor=actor).get(pk=pk)


def published_round(*, pk) -> SchouwRound:
    """A round whose public part every partner agreed to publish; for everyone."""
    return _base().get(pk=pk, published_at__isnull=False)


def published_lessons():
    return Lesson.objects.filter(round__published_at__isnull=False).select_related("round__deal")


def rounds_of_deal(*, actor, deal):
    if not actor.has_perm("schouw.view_rounds_of_deal", deal):
        return SchouwRound.objects.none()
    return _base().filter(deal=deal).order_by("starts_on", "pk")


def deal_for_schouw(*, actor, pk):
    """A deal the actor may see, through the deals selectors."""
    from deals import selectors as deal_selectors

    return deal_selectors.deal_detail(actor=actor, pk=pk)


def deals_to_organise(*, actor):
    """Deals the actor may start a round for: their organisation is an accepted partner."""
    from deals import selectors as deal_selectors

    if not actor.is_authenticated:
        return []
    return [
        d
        for d in deal_selectors.deals_of(actor=actor).filter(
            status__in=[
                Deal.Status.GESLOTEN,
                Deal.Status.LOPEND,
                Deal.Status.GEPAUZEERD,
                Deal.Status.AFGEROND,
            ]
        )
        if actor.has_perm("schouw.organise_round", d)
    ]


# --- Guests --------------------------------------------------------------------------------------


def participant_by_token(*, token: str) -> Participant | None:
    """The guest whose personal link this is, if the link still works."""
    if not token or len(token) > 200:
        return None
    participant = (
        Participant.objects.select_related("round__deal")
        .filter(token_hash=token_hash(token), kind__in=Participant.GUEST_KINDS)
        .first()
    )
    return participant if link_is_valid(participant) else None


def participant_for_session(*, pk) -> Participant | None:
    participant = Participant.objects.select_related("round__deal").filter(pk=pk).first()
    return participant if link_is_valid(participant) else None


def guest_link_state(*, token: str) -> str:
    """Why a link does not work, in one word: ``geldig``, ``onbekend``, ``ingetrokken``, ``verlopen``, ``afgerond``."""
    participant = (
        Participant.objects.select_related("round")
        .filter(token_hash=token_hash(token or ""))
        .first()
    )
    if participant is None or not participant.is_guest:
        return "onbekend"
    if participant.revoked_at is not None:
        return "ingetrokken"
    if participant.round.status == SchouwRound.Status.AFGEROND:
        return "afgerond"
    if participant.token_expires_at is None or participant.token_expires_at <= timezone.now():
        return "verlopen"
    return "geldig"


# --- The steps -----------------------------------------------------------------------------------


def participant_of(*, actor, schouw_round: SchouwRound) -> Participant | None:
    if isinstance(actor, Guest):
        return actor.participant if actor.participant.round_id == schouw_round.pk else None
    if not actor.is_authenticated:
        return None
    return next((p for p in schouw_round.participants.all() if p.user_id == actor.pk), None)


def parties(*, schouw_round: SchouwRound) -> list:
    """The accepted partners of the deal: every one of them is appraised."""
    return [p for p in schouw_round.deal.partners.all() if p.status == ACCEPTED]


def observations_of(*, actor, schouw_round: SchouwRound):
    if not actor.has_perm("schouw.view_round", schouw_round):
        return Observation.objects.none()
    return Observation.objects.filter(round=schouw_round).select_related("participant")


def criteria_of(*, actor, schouw_round: SchouwRound):
    if not actor.has_perm("schouw.view_round", schouw_round):
        return Criterion.objects.none()
    return Criterion.objects.filter(round=schouw_round).select_related(
        "partner__organisation", "proposed_by"
    )


def commitment_checks_of(*, actor, schouw_round: SchouwRound):
    if not actor.has_perm("schouw.view_round", schouw_round):
        return schouw_round.commitment_checks.none()
    return schouw_round.commitment_checks.select_related("partner__organisation")


def others_visible(*, actor, schouw_round: SchouwRound) -> bool:
    """Whether the actor sees the others' appraisals: after submitting their own, or once the
    organiser revealed them (the bespreking reveals them too)."""
    if schouw_round.appraisals_revealed:
        return True
    participant = participant_of(actor=actor, schouw_round=schouw_round)
    return participant is not None and participant.appraisals_submitted_at is not None


def appraisals_visible(*, actor, schouw_round: SchouwRound):
    """The appraisals the actor may read: their own always, the others' only when others_visible."""
    if not actor.has_perm("schouw.view_round", schouw_round):
        return Appraisal.objects.none()
    qs = Appraisal.objects.filter(criterion__round=schouw_round).select_related(
        "participant", "criterion__partner__organisation"
    )
    if others_visible(actor=actor, schouw_round=schouw_round):
        return qs
    participant = participant_of(actor=actor, schouw_round=schouw_round)
    return qs.filter(participant=participant) if participant is not None else qs.none()


def distribution(*, criteria, appraisals) -> list[dict]:
    """Per criterion, how many appraisals fell on each of the four levels. No score, no ranking."""
    counts = defaultdict(Counter)
    explanations = defaultdict(list)
    for appraisal in appraisals:
        counts[appraisal.criterion_id][appraisal.level] += 1
        explanations[appraisal.criterion_id].append(appraisal)
    rows = []
    for criterion in criteria:
        total = sum(counts[criterion.pk].values())
        rows.append(
            {
                "criterion": criterion,
                "total": total,
                "levels": [
                    {
                        "value": value,
                        "label": label,
                        "count": counts[criterion.pk][value],
                        "percent": round(100 * counts[criterion.pk][value] / total) if total else 0,
                    }
                    for value, label in Appraisal.Level.choices
                ],
                "appraisals": explanations[criterion.pk],
            }
        )
    return rows


def report_of(*, actor, schouw_round: SchouwRound) -> dict:
    """Everything the report shows, per party: commitment check, criteria with the distribution of
    appraisals and their explanations, and advice; then observations and lessons."""
    criteria = list(
        criteria_of(actor=actor, schouw_round=schouw_round).filter(agreed_at__isnull=False)
    )
    appraisals = list(appraisals_visible(actor=actor, schouw_round=schouw_round))
    rows = distribution(criteria=criteria, appraisals=appraisals)
    checks = {c.partner_id: c for c in commitment_checks_of(actor=actor, schouw_round=schouw_round)}
    advices = {a.partner_id: a for a in schouw_round.advices.all()}
    per_party = [
        {
            "partner": partner,
            "check": checks.get(partner.pk),
            "advice": advices.get(partner.pk),
            "criteria": [r for r in rows if r["criterion"].partner_id == partner.pk],
        }
        for partner in parties(schouw_round=schouw_round)
    ]
    observations = list(observations_of(actor=actor, schouw_round=schouw_round))
    tones = Counter(o.tone for o in observations)
    return {
        "per_party": per_party,
        "observations": observations,
        "tones": [(value, label, tones[value]) for value, label in Observation.Tone.choices],
        "lessons": list(schouw_round.lessons.all()),
        "consented": {c.partner_id for c in schouw_round.publication_consents.all()},
    }


def movement_of_deal(*, rounds) -> list[dict]:
    """How appraisals per criterion moved across a deal's rounds: criteria of the same party with
    the same name are followed from round to round, each with its distribution."""
    rounds = list(rounds)
    criteria = list(
        Criterion.objects.filter(
            round__in=rounds, agreed_at__isnull=False, round__appraisals_revealed=True
        )
        .select_related("partner__organisation")
        .prefetch_related("appraisals")
    )
    lines = defaultdict(dict)
    for criterion in criteria:
        key = (criterion.partner.organisation.name, criterion.name.strip().lower())
        rows = distribution(criteria=[criterion], appraisals=list(criterion.appraisals.all()))
        lines[key][criterion.round_id] = rows[0]
    return [
        {
            "party": party,
            "criterion": next(iter(by_round.values()))["criterion"].name,
            "cells": [by_round.get(r.pk) for r in rounds],
        }
        for (party, _name), by_round in sorted(lines.items())
    ]


def member_choices(*, schouw_round: SchouwRound) -> list[tuple]:
    """(user, partner) pairs: approved members of the deal's accepted partners not yet taking part."""
    taking_part = {p.user_id for p in schouw_round.participants.all() if p.user_id}
    by_org = {p.organisation_id: p for p in parties(schouw_round=schouw_round)}
    users = (
        get_user_model()
        .objects.filter(
            memberships__organisation_id__in=by_org,
            memberships__status=Membership.Status.GOEDGEKEURD,
            is_active=True,
        )
        .exclude(pk__in=taking_part)
        .prefetch_related("memberships")
        .order_by("name")
        .distinct()
    )
    pairs = []
    for user in users:
        for membership in user.memberships.all():
            if (
                membership.status == Membership.Status.GOEDGEKEURD
                and membership.organisation_id in by_org
            ):
                pairs.append((user, by_org[membership.organisation_id]))
    return pairs


def peer_candidates(*, schouw_round: SchouwRound):
    """Organisations from the atlas that are not a partner of the deal: possible outside peers."""
    partner_orgs = [p.organisation_id for p in schouw_round.deal.partners.all()]
    return atlas_selectors.organisation_list().exclude(pk__in=partner_orgs).order_by("name")


# --- For tasks ------------------------------------------------------------------------------------


def lessons_waiting_for_kennisbank():
    return Lesson.objects.filter(kennisbank=Lesson.Kennisbank.WACHTRIJ).select_related(
        "round__deal"
    )


def deals_due_for_schouw(*, day: datetime.date) -> list[tuple]:
    """(deal, due date) for running deals with a schouw agreement whose next round is due: the
    agreed frequency after the last round (or after the deal started), and no round under way."""

    ProcessAgreement = apps.get_model("deals", "ProcessAgreement")
    agreements = (
        ProcessAgreement.objects.filter(
            kind="schouw", deal__status__in=[Deal.Status.GESLOTEN, Deal.Status.LOPEND]
        )
        .select_related("deal")
        .order_by("deal_id", "pk")
    )
    due = []
    seen = set()
    for agreement in agreements:
        deal = agreement.deal
        if deal.pk in seen:
            continue
        seen.add(deal.pk)
        rounds = SchouwRound.objects.filter(deal=deal)
        if rounds.exclude(status=SchouwRound.Status.AFGEROND).exists():
            continue
        last = rounds.order_by("-starts_on").values_list("starts_on", flat=True).first()
        start = last or timezone.localdate(deal.started_at or deal.closed_at or deal.created_at)
        due_on = add_months(start, frequency_months(agreement.schouw_frequency))
        if due_on <= day:
            due.append((deal, due_on))
    return due


# --- For the kompas -------------------------------------------------------------------------------


def reports_since(*, since=None) -> list[dict]:
    """A system read for the kompas: the published reports of finished rounds, published after
    ``since`` (all when None), oldest first. Only the public part, which every partner agreed to
    publish: title, summary, the public link, the deal with its themes, and the partners."""
    rounds = (
        SchouwRound.objects.filter(status=SchouwRound.Status.AFGEROND, published_at__isnull=False)
        .select_related("deal")
        .prefetch_related("deal__themes", Prefetch("deal__partners", queryset=_partner_qs()))
        .order_by("published_at", "pk")
    )
    if since is not None:
        rounds = rounds.filter(published_at__gt=since)
    return [
        {
            "id": r.pk,
            "title": r.title,
            "summary": r.report_summary,
            "url": reverse("schouw:public-report", kwargs={"pk": r.pk}),
            "deal": r.deal.title,
            "deal_url": r.deal.get_absolute_url(),
            "themes": sorted(r.deal.themes.all(), key=lambda t: t.name),
            "partners": [
                p.organisation.name for p in r.deal.partners.all() if p.status == ACCEPTED
            ],
            "published_at": r.published_at,
        }
        for r in rounds
    ]


def coverage_of_deals(*, deal_ids) -> dict[int, str]:
    """A system read for the kompas dashboard: per deal id, ``afgerond`` when a round of that deal
    has finished, ``bezig`` when one is under way; deals without a round are left out."""
    coverage: dict[int, str] = {}
    for deal_id, status in SchouwRound.objects.filter(deal_id__in=list(deal_ids)).values_list(
        "deal_id", "status"
    ):
        if status == SchouwRound.Status.AFGEROND:
            coverage[deal_id] = "afgerond"
        else:
            coverage.setdefault(deal_id, "bezig")
    return coverage


def coverage_counts(*, deals) -> dict[str, int]:
    """A system read for the kompas dashboard, in one query: of the given deals, how many have a
    finished round (``afgerond``), a round under way and none finished (``bezig``), or no round
    (``geen``). The same rule as :func:`coverage_of_deals`."""
    rounds = SchouwRound.objects.filter(deal=OuterRef("pk"))
    counts = (
        deals.order_by()
        .annotate(
            _done=Exists(rounds.filter(status=SchouwRound.Status.AFGEROND)),
            _any=Exists(rounds),
        )
        .aggregate(
            afgerond=Count("pk", filter=Q(_done=True)),
            bezig=Count("pk", filter=Q(_done=False, _any=True)),
            geen=Count("pk", filter=Q(_any=False)),
        )
    )
    return {key: counts[key] or 0 for key in ("afgerond", "bezig", "geen")}
