"""The plan: inbreng, tasks, results, process agreements, milestones; versions and signing."""

import datetime
import json

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reisgids.core.errors import ApplicationError, Conflict
from reisgids.core.services import audit_record, snapshot_fields
from reisgids.core.workflow import lock, require, require_state, transition

from ..models import (
    Contribution,
    Deal,
    DealEvent,
    DealPartner,
    Milestone,
    PlanVersion,
    ProcessAgreement,
    Result,
    Signature,
    Task,
)
from ..workflow import DEAL
from ._common import require_editable, timeline_add

PLAN_REFUSAL = _("Alleen partners van de deal kunnen het plan wijzigen.")


def _save(actor, deal: Deal, obj, action: str, before: dict | None = None):
    created = obj.pk is None
    obj.full_clean()
    obj.save()
    audit_record(
        actor=actor,
        action=action,
        target=obj,
        changes={"deal": deal.pk},
        before=before,
        created=created,
    )
    return obj


def _archive(actor, deal: Deal, obj, action: str):
    """Plan items are archived, never deleted: they leave the plan, the row and its trail stay."""
    before = snapshot_fields(obj, ["archived_at"])
    obj.archive()
    audit_record(actor=actor, action=action, target=obj, changes={"deal": deal.pk}, before=before)
    return obj


def _accepted_partner(partner: DealPartner) -> DealPartner:
    partner = DealPartner.objects.select_related("organisation", "deal").get(pk=partner.pk)
    if partner.status != DealPartner.Status.GEACCEPTEERD:
        raise ApplicationError(
            _("%(org)s doet (nog) niet mee aan deze deal.") % {"org": partner.organisation}
        )
    return partner


# --- Inbreng: decided by the partner itself -------------------------------------------------


@transaction.atomic
def contribution_create(
    *,
    actor,
    partner: DealPartner,
    kind: str,
    description: str,
    amount=None,
    hours: int | None = None,
) -> Contribution:
    partner = _accepted_partner(partner)
    deal = lock(partner.deal)
    require(
        actor,
        "deals.act_for_partner",
        partner,
        _("Alleen %(org)s bepaalt zijn eigen inbreng.") % {"org": partner.organisation},
    )
    require_editable(deal)
    contribution = Contribution(
        partner=partner,
        kind=kind,
        description=(description or "").strip(),
        amount=amount,
        hours=hours,
    )
    return _save(actor, deal, contribution, "contribution_create")


@transaction.atomic
def contribution_archive(*, actor, contribution: Contribution) -> Contribution:
    partner = contribution.partner
    deal = lock(partner.deal)
    require(
        actor,
        "deals.act_for_partner",
        partner,
        _("Alleen %(org)s bepaalt zijn eigen inbreng.") % {"org": partner.organisation},
    )
    require_editable(deal)
    return _archive(actor, deal, contribution, "contribution_archive")


# --- Tasks, results, agreements, milestones -------------------------------------------------


def _plan_deal(actor, deal: Deal) -> Deal:
    deal = lock(deal)
    require(actor, "deals.edit_plan", deal, PLAN_REFUSAL)
    require_editable(deal)
    return deal


@transaction.atomic
def task_create(
    *,
    actor,
    deal: Deal,
    partner: DealPartner,
    title: str,
    owner: str = "",
    due_date: datetime.date | None = None,
) -> Task:
    deal = _plan_deal(actor, deal)
    if partner.deal_id != deal.pk:
        raise ApplicationError(_("Deze partij doet niet mee aan deze deal."))
    _accepted_partner(partner)
    task = Task(
        deal=deal,
        partner=partner,
        title=(title or "").strip(),
        owner=(owner or "").strip(),
        due_date=due_date,
    )
    return _save(actor, deal, task, "task_create")


@transaction.atomic
def task_mark_done(*, actor, task: Task, done: bool = True) -> Task:
    deal = _plan_deal(actor, task.deal)
    task = lock(task)
    before = snapshot_fields(task, ["done"])
    task.done = done
    return _save(actor, deal, task, "task_mark_done", before=before)


@transaction.atomic
def task_archive(*, actor, task: Task) -> Task:
    deal = _plan_deal(actor, task.deal)
    return _archive(actor, deal, task, "task_archive")


@transaction.atomic
def result_create(
    *,
    actor,
    deal: Deal,
    title: str,
    indicator: str,
    indicator_kind: str = Result.IndicatorKind.KWANTITATIEF,
    baseline=None,
    target=None,
    target_text: str = "",
) -> Result:
    deal = _plan_deal(actor, deal)
    if indicator_kind == Result.IndicatorKind.KWANTITATIEF and target is None:
        raise ApplicationError(_("Een kwantitatieve indicator heeft een streefwaarde nodig."))
    result = Result(
        deal=deal,
        title=(title or "").strip(),
        indicator=(indicator or "").strip(),
        indicator_kind=indicator_kind,
        baseline=baseline,
        target=target,
        target_text=(target_text or "").strip(),
    )
    return _save(actor, deal, result, "result_create")


@transaction.atomic
def result_archive(*, actor, result: Result) -> Result:
    deal = _plan_deal(actor, result.deal)
    return _archive(actor, deal, result, "result_archive")


@transaction.atomic
def agreement_create(
    *, actor, deal: Deal, kind: str, description: str, **schouw
) -> ProcessAgreement:
    """A procesafspraak; for kind ``schouw`` also how often, the setting, outside peers and who reports."""
    deal = _plan_deal(actor, deal)
    fields = {k: (v or "").strip() for k, v in schouw.items() if k.startswith("schouw_")}
    if kind == ProcessAgreement.Kind.SCHOUW and not fields.get("schouw_frequency"):
        raise ApplicationError(_("Spreek af hoe vaak de schouw plaatsvindt."))
    agreement = ProcessAgreement(
        deal=deal, kind=kind, description=(description or "").strip(), **fields
    )
    return _save(actor, deal, agreement, "agreement_create")


@transaction.atomic
def agreement_archive(*, actor, agreement: ProcessAgreement) -> ProcessAgreement:
    deal = _plan_deal(actor, agreement.deal)
    return _archive(actor, deal, agreement, "agreement_archive")


@transaction.atomic
def milestone_create(*, actor, deal: Deal, title: str, due_date: datetime.date) -> Milestone:
    deal = _plan_deal(actor, deal)
    milestone = Milestone(deal=deal, title=(title or "").strip(), due_date=due_date)
    return _save(actor, deal, milestone, "milestone_create")


@transaction.atomic
def milestone_archive(*, actor, milestone: Milestone) -> Milestone:
    deal = _plan_deal(actor, milestone.deal)
    return _archive(actor, deal, milestone, "milestone_archive")


# --- Versions ---------------------------------------------------------------------------------


def _num(value):
    return None if value is None else str(value)


def plan_snapshot(deal: Deal) -> dict:
    """The plan as it stands, as plain JSON. Partners are keyed by their DealPartner id."""
    partners = list(
        deal.partners.filter(status=DealPartner.Status.GEACCEPTEERD)
        .select_related("organisation")
        .prefetch_related("contributions")
    )
    return {
        "title": deal.title,
        "summary": deal.summary,
        "proposal": dict(sorted(deal.proposal.items())),
        "financial_form": deal.financial_form,
        "funding_source": deal.funding_source,
        "partners": [
            {"id": p.pk, "organisation": p.organisation.name, "role": p.role} for p in partners
        ],
        "contributions": {
            str(p.pk): [
                {
                    "kind": c.kind,
                    "description": c.description,
                    "amount": _num(c.amount),
                    "hours": c.hours,
                }
                for c in p.contributions.all()
            ]
            for p in partners
        },
        "tasks": [
            {
                "partner": t.partner_id,
                "title": t.title,
                "owner": t.owner,
                "due_date": t.due_date and t.due_date.isoformat(),
            }
            for t in deal.tasks.all()
        ],
        "results": [
            {
                "title": r.title,
                "indicator": r.indicator,
                "indicator_kind": r.indicator_kind,
                "baseline": _num(r.baseline),
                "target": _num(r.target),
                "target_text": r.target_text,
            }
            for r in deal.results.all()
        ],
        "agreements": [
            {
                "kind": a.kind,
                "description": a.description,
                "schouw_frequency": a.schouw_frequency,
                "schouw_setting": a.schouw_setting,
                "schouw_peers": a.schouw_peers,
                "schouw_reporter": a.schouw_reporter,
            }
            for a in deal.agreements.all()
        ],
        "milestones": [
            {"title": m.title, "due_date": m.due_date.isoformat()} for m in deal.milestones.all()
        ],
    }


SECTION_LABELS = {
    "title": _("Titel"),
    "summary": _("Gezamenlijk doel"),
    "proposal": _("Voorstel"),
    "financial_form": _("Financiële vorm"),
    "funding_source": _("Financieringsbron"),
    "partners": _("Partners"),
    "contributions": _("Inbreng"),
    "tasks": _("Taken"),
    "results": _("Beoogde resultaten"),
    "agreements": _("Procesafspraken"),
    "milestones": _("Mijlpalen"),
}


def _items(value) -> list:
    if isinstance(value, dict):
        return [json.dumps({k: v}, sort_keys=True, ensure_ascii=False) for k, v in value.items()]
    if isinstance(value, list):
        return [json.dumps(v, sort_keys=True, ensure_ascii=False) for v in value]
    return [json.dumps(value, ensure_ascii=False)]


def plan_diff(old: dict, new: dict) -> list[dict]:
    """What changed between two snapshots, per section: the items removed and added."""
    changes = []
    for key in SECTION_LABELS:
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        old_items, new_items = _items(before), _items(after)
        changes.append(
            {
                "section": key,
                "label": str(SECTION_LABELS[key]),
                "removed": [json.loads(i) for i in old_items if i not in new_items],
                "added": [json.loads(i) for i in new_items if i not in old_items],
            }
        )
    return changes


def _affected_partner_ids(old: dict | None, new: dict) -> set[int] | None:
    """Partners that must sign again. None means: everybody."""
    if old is None:
        return None
    changed = {c["section"] for c in plan_diff(old, new)}
    if not changed <= {"contributions", "tasks"}:
        return None
    affected = {
        int(pid)
        for pid in set(old["contributions"]) | set(new["contributions"])
        if old["contributions"].get(pid) != new["contributions"].get(pid)
    }
    old_tasks = {json.dumps(t, sort_keys=True) for t in old["tasks"]}
    new_tasks = {json.dumps(t, sort_keys=True) for t in new["tasks"]}
    affected |= {json.loads(t)["partner"] for t in old_tasks ^ new_tasks}
    return affected


@transaction.atomic
def plan_version_create(*, actor, deal: Deal, change_note: str = "") -> PlanVersion:
    """Freeze the plan as a new version for signing. Partners untouched by the change keep their signature."""
    deal = lock(deal)
    require(actor, "deals.edit_plan", deal, PLAN_REFUSAL)
    require_state(
        deal,
        [Deal.Status.PLANNING, Deal.Status.GESLOTEN, Deal.Status.LOPEND],
        _("Een plan ter ondertekening kan pas in de stap planning worden vastgelegd."),
    )
    if not deal.results.exists():
        raise ApplicationError(_("Het plan heeft minstens één beoogd resultaat nodig."))
    if not deal.tasks.exists():
        raise ApplicationError(_("Het plan heeft minstens één taak nodig."))
    snapshot = plan_snapshot(deal)
    previous = deal.versions.order_by("-number").first()
    if previous is not None and previous.snapshot == snapshot:
        raise ApplicationError(
            _("Er is niets veranderd sinds versie %(n)s; een nieuwe versie is niet nodig.")
            % {"n": previous.number}
        )
    if deal.status != Deal.Status.PLANNING and not (change_note or "").strip():
        raise ApplicationError(_("Leg uit wat er verandert: de partners ondertekenen opnieuw."))
    version = PlanVersion(
        deal=deal,
        number=(previous.number + 1) if previous else 1,
        snapshot=snapshot,
        change_note=(change_note or "").strip(),
        created_by=actor,
    )
    version.full_clean()
    version.save()
    affected = _affected_partner_ids(previous.snapshot if previous else None, snapshot)
    if previous is not None and affected is not None:
        for signature in previous.signatures.select_related("partner"):
            if signature.partner_id not in affected and signature.partner.signs:
                Signature.objects.create(
                    version=version,
                    partner=signature.partner,
                    signed_by=signature.signed_by,
                    carried_over=True,
                )
    timeline_add(
        deal=deal,
        kind=DealEvent.Kind.VERSIE,
        actor=actor,
        text=_("Versie %(n)s van het plan ligt klaar voor ondertekening.") % {"n": version.number},
    )
    audit_record(
        actor=actor,
        action="plan_version_create",
        target=version,
        changes={"number": version.number},
    )
    _complete_if_signed(actor, deal, version)
    return version


def signing_partners(deal: Deal):
    return deal.partners.filter(
        status=DealPartner.Status.GEACCEPTEERD, role__in=DealPartner.SIGNING_ROLES
    ).select_related("organisation")


def _complete_if_signed(actor, deal: Deal, version: PlanVersion) -> bool:
    needed = set(signing_partners(deal).values_list("pk", flat=True))
    signed = set(version.signatures.values_list("partner_id", flat=True))
    if not needed or not needed <= signed or version.signed_at:
        return False
    version.signed_at = timezone.now()
    version.save(update_fields=["signed_at", "updated_at"])
    if deal.status == Deal.Status.PLANNING:
        deal.closed_at = version.signed_at
        transition(
            deal,
            workflow=DEAL,
            to=Deal.Status.GESLOTEN,
            actor=actor,
            action="deal_close",
            changes={"version": version.number},
        )
        timeline_add(
            deal=deal,
            kind=DealEvent.Kind.STAP,
            actor=actor,
            text=_("De deal is gesloten: alle partners hebben versie %(n)s ondertekend.")
            % {"n": version.number},
        )
    else:
        timeline_add(
            deal=deal,
            kind=DealEvent.Kind.VERSIE,
            actor=actor,
            text=_("Versie %(n)s is door alle partners ondertekend en geldt nu.")
            % {"n": version.number},
        )
    return True


@transaction.atomic
def deal_sign(
    *, actor, deal: Deal, partner: DealPartner, version_number: int | None = None
) -> Signature:
    """An authorised member signs the latest plan version on behalf of their organisation."""
    deal = lock(deal)
    partner = DealPartner.objects.select_related("organisation").get(pk=partner.pk)
    if partner.deal_id != deal.pk:
        raise ApplicationError(_("Deze partij doet niet mee aan deze deal."))
    require(
        actor,
        "deals.sign_for_partner",
        partner,
        _("Alleen een beheerder van %(org)s kan namens hen ondertekenen.")
        % {"org": partner.organisation},
    )
    require_state(
        deal,
        [Deal.Status.PLANNING, Deal.Status.GESLOTEN, Deal.Status.LOPEND],
        _("Er valt nu niets te ondertekenen (stap: %(s)s).") % {"s": deal.get_status_display()},
    )
    if not partner.signs:
        raise ApplicationError(_("De klankbordgroep adviseert en ondertekent het plan niet."))
    version = deal.versions.order_by("-number").first()
    if version is None:
        raise ApplicationError(_("Er is nog geen versie van het plan om te ondertekenen."))
    if version_number is not None and version_number != version.number:
        raise Conflict(
            _("Er is inmiddels een nieuwere versie (%(n)s); lees die eerst.")
            % {"n": version.number}
        )
    if version.signatures.filter(partner=partner).exists():
        raise Conflict(
            _("%(org)s heeft versie %(n)s al ondertekend.")
            % {"org": partner.organisation, "n": version.number}
        )
    signature = Signature(version=version, partner=partner, signed_by=actor)
    signature.full_clean()
    try:
        with transaction.atomic():
            signature.save()
    except IntegrityError as exc:
        raise Conflict(
            _("%(org)s heeft versie %(n)s al ondertekend.")
            % {"org": partner.organisation, "n": version.number}
        ) from exc
    timeline_add(
        deal=deal,
        kind=DealEvent.Kind.ONDERTEKENING,
        actor=actor,
        text=_("%(org)s ondertekende versie %(n)s.")
        % {"org": partner.organisation, "n": version.number},
    )
    audit_record(
        actor=actor, action="deal_sign", target=signature, changes={"version": version.number}
    )
    _complete_if_signed(actor, deal, version)
    return signature
