"""Every write on the domain aggregates leaves an audit event: who, when, which record, what changed.

The flows below call every write service of the audited service modules once, with valid input,
through the real services and the database. After each call the ``Trail`` checks that an audit
event exists for the record and the action, by the actor, with a non-empty change set; for updates,
at least one field as [old, new]. ``test_every_write_service_is_in_a_flow`` finds the services by
introspection, so a new write service that is neither called here nor listed as a helper fails.
"""

import copy
import datetime
import importlib
import inspect
import pkgutil

import factory
import pytest
from django.db import models
from django.utils import timezone

from atlas import services as atlas_services
from atlas.models import Membership
from deals import services as deal_services
from deals.models import Deal, DealPartner
from deals.residence import services as residence_services
from deals.residence.models import ResumeAgreement
from kompas import services as kompas_services
from reisgids.core.models import AuditEvent, User
from reisgids.core.roles import Role
from schouw import services as schouw_services
from tests.atlas.factories import ApprovedMembershipFactory, OrganisationFactory, ThemeFactory
from tests.core.factories import UserFactory
from tests.deals.factories import DealFactory, DealPartnerFactory, KnelpuntFactory

TODAY = datetime.date.today()


# The service modules of the audited aggregates: organisations (directory), lessons, deals,
# residencies, schouw rounds and kompas editions, with everything that belongs to them.
def _with_submodules(name: str) -> list[str]:
    """A services module, or every public module of a services package."""
    module = importlib.import_module(name)
    if not hasattr(module, "__path__"):
        return [name]
    return [
        f"{name}.{m.name}"
        for m in pkgutil.iter_modules(module.__path__)
        if not m.name.startswith("_")
    ]


AUDITED_MODULES = [
    "atlas.services.directory",
    "atlas.services.lessons",
    *_with_submodules("deals.services"),
    *_with_submodules("deals.residence.services"),
    *_with_submodules("schouw.services"),
    *_with_submodules("kompas.services"),
]

# Public functions of those modules that are not write services of the aggregates, with the reason.
HELPERS = {
    # reads and pure functions
    "saved_search_matches": "read: the organisations that match a saved search",
    "plan_snapshot": "pure: the plan of a deal as a dict, frozen into a version by plan_version_create",
    "plan_diff": "pure: the difference between two plan snapshots",
    "signing_partners": "read: the partners that sign",
    "checkin_period": "pure: the first day of the check-in period of a date",
    "participant_of": "read: the participant a person or guest is in a round",
    "guest_link": "pure: the address of a guest link",
    "draft_is_due": "read: whether the kompas draft task should run",
    "voice_of": "read: the voice a person speaks with in the consultation",
    "cited_addresses": "read: addresses of the people whose knelpunt or deal an edition cites",
    # e-mail only: they write no domain record (reminders are marked sent on their own rows)
    "radar_digest_send": "e-mail: the mijn-radar digest; writes only the saved search's last-sent time",
    "checkin_reminders_send": "e-mail: check-in reminders, one CheckInReminder row per partner and period",
    "action_reminders_send": "e-mail: reminders of due actions, marks the action reminded",
    "meeting_reminders_send": "e-mail: reminders of evaluation meetings, marks the meeting reminded",
    "handbrake_notify_send": "e-mail: tells every partner member that the handbrake was pulled",
    "feedback_notify": "e-mail: tells the people cited that the terugkoppeling is published",
    "monitoring_reminders_send": "e-mail: reminders of overdue measurements, marks the item reminded",
    "schouw_reminders_send": "e-mail: reminders of a due schouw, one SchouwReminder row per deal and date",
    # writes that go through another, audited service
    "edition_announce_in_news": "writes a news item through atlas.services.news_create/news_suggest (audited)",
    "lessons_kennisbank_deliver": "task: proposes waiting lessons through atlas lesson_propose (audited)",
    "organisations_import": "command: imports a sociale kaart; audits organisation_import_* per organisation",
}

UPDATES = {
    "organisation_update",
    "deal_update",
    "schouw_round_update",
    "proposal_update",
    "edition_summary_set",
    "lesson_update",
    "gremium_save",
    "deal_theme_set",
    "task_mark_done",
}


def _record_of(result):
    if isinstance(result, models.Model):
        return result
    if isinstance(result, tuple | list) and result and isinstance(result[0], models.Model):
        return result[0]
    raise AssertionError(f"give the audited record explicitly; the service returned {result!r}")


class Trail:
    """Calls a service and checks its audit event."""

    def __init__(self):
        self.called: set[str] = set()

    def __call__(self, service, *, audit_action=None, audit_target=None, **kwargs):
        last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        result = service(**kwargs)
        name = service.__name__
        if callable(audit_target):  # the record is known only from the result
            record = audit_target(result)
        else:
            record = audit_target if audit_target is not None else _record_of(result)
        action = audit_action or name
        new = AuditEvent.objects.filter(pk__gt=last)
        events = new.filter(
            action=action, target_type=record._meta.label_lower, target_id=str(record.pk)
        )
        assert events.exists(), (
            f"{name}: no audit event '{action}' on {record!r}; got {list(new.values_list('action', 'target_type'))}"
        )
        actor = kwargs.get("actor")
        if isinstance(actor, User):
            assert events.filter(actor=actor, actor_label=str(actor)).exists(), (
                f"{name}: the actor is missing"
            )
        event = events.last()
        assert event.changes, f"{name}: the audit event '{action}' records no change"
        if name in UPDATES:
            pairs = [
                v
                for v in event.changes.values()
                if isinstance(v, list) and len(v) == 2 and v[0] != v[1]
            ]
            assert pairs, f"{name}: an update records field → [old, new]; got {event.changes}"
        assert "token" not in str(event.changes).lower(), f"{name}: a token in the trail"
        self.called.add(name)
        return result


def _assert_scoped(record, actions: set[str]):
    """The trail of a deal, residency, round, edition or organisation also holds its parts' events."""
    scoped = AuditEvent.objects.filter(scope_type=record._meta.label_lower, scope_id=str(record.pk))
    assert actions <= set(scoped.values_list("action", flat=True))
    assert scoped.filter(target_type=record._meta.label_lower, target_id=str(record.pk)).exists()


def _member(organisation, role="lid", platform_role=Role.INITIATIEFNEMER):
    return ApprovedMembershipFactory(
        organisation=organisation, role=role, user__roles=[platform_role]
    ).user


# --- Deals ------------------------------------------------------------------------------------------

DEAL_SERVICES = {
    "deal_create", "deal_update", "deal_partner_invite", "deal_partner_accept", "deal_partner_decline",
    "contribution_create", "contribution_archive", "deal_idea_start", "deal_toetsing_start",
    "deal_toetsing_record", "deal_toetsing_skip", "deal_planning_start", "task_create", "task_mark_done",
    "task_archive", "result_create", "result_archive", "agreement_create", "agreement_archive",
    "milestone_create", "milestone_archive", "plan_version_create", "deal_sign", "deal_kickoff_plan",
    "kickoff_moment_schedule", "deal_start", "checkin_submit", "knelpunt_report", "knelpunt_take_up",
    "knelpunt_resolve", "knelpunt_forward", "deal_pause", "deal_resume", "deal_resume_jointly", "deal_finish",
    "deal_stop", "deal_theme_set", "deal_theme_comment_create", "deal_theme_end", "deal_theme_priorities_set",
    "deal_template_element_save", "intake_submit", "intake_triage", "intake_involve",
    "intake_commitment_record", "intake_convert_to_deal", "intake_refer",
}  # fmt: skip


@pytest.fixture
def trail():
    return Trail()


def test_deal_services_are_audited(db, trail):
    s = deal_services
    aanjager_org, partner_org, third_org = (
        OrganisationFactory(),
        OrganisationFactory(),
        OrganisationFactory(),
    )
    aanjager_admin, aanjager_member = _member(aanjager_org, "beheerder"), _member(aanjager_org)
    partner_admin, partner_member = _member(partner_org, "beheerder"), _member(partner_org)
    third_admin = _member(third_org, "beheerder")
    netwerkmanager = UserFactory(roles=[Role.NETWERKMANAGER])
    ambtenaar = UserFactory(roles=[Role.AMBTENAAR])
    proposal = {
        "doelstelling": "Niemand eet alleen.",
        "samenstelling-partners": "Een initiatief en een zorgaanbieder.",
        "inbedding-wijken": "Bospolder-Tussendijken.",
        "haalbaarheid": "Er is al een keuken.",
        "te-verwachten-resultaten": "Vijftig mensen per week aan tafel.",
    }
    deal = trail(
        s.deal_create,
        actor=aanjager_member,
        title="Samen aan tafel",
        summary="Buurtmaaltijden.",
        aanjager_organisation=aanjager_org,
        proposal=proposal,
    )
    trail(s.deal_update, actor=aanjager_member, deal=deal, title="Samen eten aan tafel")
    partner = trail(
        s.deal_partner_invite, actor=aanjager_member, deal=deal, organisation=partner_org
    )
    trail(s.deal_partner_accept, actor=partner_admin, partner=partner)
    declined = s.deal_partner_invite(actor=aanjager_member, deal=deal, organisation=third_org)
    trail(s.deal_partner_decline, actor=third_admin, partner=declined)
    contribution = trail(
        s.contribution_create,
        actor=partner_member,
        partner=partner,
        kind="kennis",
        description="Een diëtist",
    )
    trail(s.contribution_archive, actor=partner_member, contribution=contribution)
    trail(s.deal_idea_start, actor=aanjager_member, deal=deal)
    trail(
        s.deal_toetsing_start,
        actor=aanjager_member,
        deal=deal,
        method=Deal.ToetsingMethod.EXPERTSESSIE,
    )
    trail(
        s.deal_toetsing_record,
        actor=partner_member,
        deal=deal,
        findings="Haalbaar met vrijwilligers.",
    )
    trail(s.deal_planning_start, actor=aanjager_member, deal=deal)
    task = trail(
        s.task_create, actor=aanjager_member, deal=deal, partner=partner, title="Boodschappen doen"
    )
    trail(s.task_mark_done, actor=aanjager_member, task=task)
    extra_task = s.task_create(
        actor=aanjager_member, deal=deal, partner=partner, title="Tafels huren"
    )
    trail(s.task_archive, actor=aanjager_member, task=extra_task)
    trail(
        s.result_create,
        actor=aanjager_member,
        deal=deal,
        title="Gasten",
        indicator="Gasten per week",
        target=50,
    )
    result = s.result_create(
        actor=aanjager_member, deal=deal, title="Oud", indicator="Oud", target=1
    )
    trail(s.result_archive, actor=aanjager_member, result=result)
    agreement = trail(
        s.agreement_create,
        actor=aanjager_member,
        deal=deal,
        kind="overleg",
        description="Maandelijks",
    )
    trail(s.agreement_archive, actor=aanjager_member, agreement=agreement)
    milestone = trail(
        s.milestone_create,
        actor=aanjager_member,
        deal=deal,
        title="Eerste maaltijd",
        due_date=TODAY,
    )
    trail(s.milestone_archive, actor=aanjager_member, milestone=milestone)
    version = trail(s.plan_version_create, actor=aanjager_member, deal=deal)
    trail(
        s.deal_sign,
        actor=aanjager_admin,
        deal=deal,
        partner=deal.partners.get(organisation=aanjager_org),
    )
    trail(
        s.deal_sign, actor=partner_admin, deal=deal, partner=partner, version_number=version.number
    )
    starts_at = timezone.now() + datetime.timedelta(days=7)
    trail(
        s.deal_kickoff_plan,
        actor=aanjager_member,
        deal=deal,
        starts_at=starts_at,
        location="Buurthuis",
    )
    trail(
        s.kickoff_moment_schedule,
        actor=netwerkmanager,
        title="Kick-off najaar",
        starts_at=starts_at,
    )
    trail(s.deal_start, actor=aanjager_member, deal=deal)
    trail(s.checkin_submit, actor=partner_member, partner=partner, status="op_koers")
    knelpunt = trail(
        s.knelpunt_report,
        actor=partner_member,
        partner=partner,
        category="inkoop",
        title="Inkoop te groot",
        description="De percelen zijn te groot.",
        effect="Kleine partijen vallen af.",
    )
    trail(s.knelpunt_take_up, actor=ambtenaar, knelpunt=knelpunt)
    trail(s.knelpunt_resolve, actor=ambtenaar, knelpunt=knelpunt, note="Kleinere percelen.")
    other = s.knelpunt_report(
        actor=partner_member,
        partner=partner,
        category="regelgeving",
        title="Regels",
        description="X",
        effect="Y",
    )
    trail(s.knelpunt_forward, actor=netwerkmanager, knelpunt=other)
    trail(s.deal_pause, actor=partner_member, deal=deal, reason="Even bezinnen.")
    trail(s.deal_resume, actor=aanjager_member, deal=deal)
    s.deal_pause(actor=partner_member, deal=deal, reason="Nog eens.")
    voices = deal.partners.filter(status=DealPartner.Status.GEACCEPTEERD).values_list(
        "pk", flat=True
    )
    trail(s.deal_resume_jointly, actor=partner_member, deal=deal, agreed_partner_ids=list(voices))
    trail(s.deal_finish, actor=aanjager_member, deal=deal)
    stopped = DealFactory(
        status=Deal.Status.IDEE, aanjager=aanjager_org, created_by=aanjager_member
    )
    trail(s.deal_stop, actor=aanjager_member, deal=stopped, reason="Geen partners.")
    skipped = DealFactory(
        status=Deal.Status.IDEE,
        aanjager=aanjager_org,
        created_by=aanjager_member,
        proposal=proposal,
    )
    DealPartnerFactory(deal=skipped, organisation=partner_org, role=DealPartner.Role.PARTNER)
    trail(s.deal_toetsing_skip, actor=aanjager_member, deal=skipped, reason="Al eerder getoetst.")

    theme = ThemeFactory()
    deal_theme = trail(
        s.deal_theme_set, actor=netwerkmanager, theme=theme, priority=1, period_start=TODAY
    )
    trail(s.deal_theme_set, actor=netwerkmanager, theme=theme, priority=2, period_start=TODAY)
    trail(
        s.deal_theme_comment_create,
        actor=partner_member,
        deal_theme=deal_theme,
        body="Graag ook in Zuid.",
        audit_action="deal_theme_comment",
    )
    trail(s.deal_theme_end, actor=netwerkmanager, deal_theme=deal_theme)
    trail(
        s.deal_theme_priorities_set,
        actor=netwerkmanager,
        priorities=[{"theme": ThemeFactory(), "priority": 1, "period_start": TODAY}],
        audit_action="deal_theme_set",
    )
    element = trail(s.deal_template_element_save, actor=netwerkmanager, label="Financiering")
    trail(s.deal_template_element_save, actor=netwerkmanager, label="Geld", element=element)

    intake = trail(
        s.intake_submit, actor=aanjager_member, kind="idee", title="Buurtmoestuin", description="Samen tuinieren.",
        organisation=aanjager_org,
    )  # fmt: skip
    trail(s.intake_triage, actor=ambtenaar, intake=intake, note="Past bij wijkgericht werken.")
    trail(
        s.intake_involve, actor=ambtenaar, intake=intake, kind="cluster", name="Stadsontwikkeling"
    )
    trail(
        s.intake_commitment_record,
        actor=ambtenaar,
        intake=intake,
        who="Gebied Noord",
        what="Een locatie",
    )
    trail(s.intake_convert_to_deal, actor=ambtenaar, intake=intake, audit_target=intake)
    referred = s.intake_submit(
        actor=aanjager_member, kind="verzoek", title="Subsidie", description="Voor verf."
    )
    trail(
        s.intake_refer,
        actor=ambtenaar,
        intake=referred,
        instrument="Opzoomeren",
        note="Past beter.",
    )

    assert trail.called == DEAL_SERVICES
    _assert_scoped(
        deal,
        {"task_create", "contribution_create", "deal_sign", "checkin_submit", "knelpunt_report"},
    )


# --- Partner in residence ------------------------------------------------------------------------

RESIDENCE_SERVICES = {
    "residency_propose", "residency_confirm", "log_entry_create", "meeting_plan", "action_create",
    "action_mark_done", "meeting_record", "signal_raise", "signal_respond", "signal_close",
    "signal_to_register", "handbrake_pull", "handbrake_agree", "handbrake_agree_in_meeting",
    "handbrake_release", "opening_post", "opening_close", "side_activity_create", "reflection_write",
    "reflection_propose_as_lesson", "residency_end",
}  # fmt: skip


class ResumeAgreementFactory(factory.django.DjangoModelFactory):
    """An agreement recorded by the partner itself, so that a release by the aanjager is still due."""

    class Meta:
        model = ResumeAgreement


def test_residence_services_are_audited(db, trail):
    from tests.residence.conftest import World

    world, s = World(), residence_services
    soon = timezone.now() + datetime.timedelta(days=3)
    residency = trail(s.residency_propose, actor=world.person, **world.proposal())
    residency = trail(s.residency_confirm, actor=world.initiative_admin, residency=residency)
    residency = trail(s.residency_confirm, actor=world.municipality_admin, residency=residency)
    trail(
        s.log_entry_create,
        actor=world.person,
        residency=residency,
        text="Meegelopen met het wijkteam.",
    )
    meeting = trail(
        s.meeting_plan,
        actor=world.municipality_member,
        residency=residency,
        starts_at=soon,
        agenda="Evaluatie",
    )
    action = trail(
        s.action_create,
        actor=world.person,
        meeting=meeting,
        description="Inkoper uitnodigen",
        owner=world.municipality_member,
        due_date=TODAY,
    )
    trail(s.action_mark_done, actor=world.municipality_member, action=action)
    trail(s.meeting_record, actor=world.person, meeting=meeting, notes="Goed gesprek.")
    signal = trail(
        s.signal_raise,
        actor=world.person,
        residency=residency,
        title="Traag",
        description="Alles duurt.",
    )
    trail(
        s.signal_respond,
        actor=world.person,
        signal=signal,
        partner=world.sending,
        text="Opgelost",
        closure="opgelost",
        audit_target=signal,
    )
    s.signal_respond(
        actor=world.municipality_admin,
        signal=signal,
        partner=world.host,
        text="Eens",
        closure="opgelost",
    )
    trail(s.signal_close, actor=world.person, signal=signal, outcome="opgelost")
    other = s.signal_raise(
        actor=world.person, residency=residency, title="Regels", description="Te strak."
    )
    trail(s.signal_to_register, actor=world.person, signal=other, effect="Drie maanden vertraging")

    handbrake = trail(
        s.handbrake_pull, actor=world.person, residency=residency, reason="Afspraken lopen uiteen"
    )
    trail(
        s.handbrake_agree, actor=world.initiative_admin, handbrake=handbrake, partner=world.sending
    )
    s.handbrake_agree(actor=world.municipality_member, handbrake=handbrake, partner=world.host)
    handbrake = s.handbrake_pull(actor=world.person, residency=residency, reason="Weer mis")
    planned = s.meeting_plan(
        actor=world.person, residency=residency, starts_at=soon, agenda="Handrem"
    )
    held = s.meeting_record(
        actor=world.person, meeting=planned, notes="Samen besloten: we gaan door."
    )
    trail(
        s.handbrake_agree_in_meeting,
        actor=world.initiative_admin,
        handbrake=handbrake,
        meeting=held,
    )
    handbrake = s.handbrake_pull(actor=world.person, residency=residency, reason="Nog eens")
    for partner in (world.sending, world.host):
        ResumeAgreementFactory(handbrake=handbrake, partner=partner, agreed_by=world.person)
    trail(s.handbrake_release, actor=world.initiative_admin, handbrake=handbrake)

    opening = trail(
        s.opening_post,
        actor=world.municipality_admin,
        kind="gezocht",
        organisation=world.municipality,
        title="Partner in residence gezocht",
        description="Voor het wijkteam.",
    )
    trail(s.opening_close, actor=world.municipality_admin, opening=opening)
    trail(
        s.side_activity_create,
        actor=world.person,
        residency=residency,
        kind="workshop",
        title="Subsidies",
        starts_at=soon,
    )
    reflection = trail(
        s.reflection_write,
        actor=world.person,
        residency=residency,
        moment="tussentijds",
        text="Leerzaam.",
    )
    trail(s.reflection_propose_as_lesson, actor=world.person, reflection=reflection)
    trail(s.residency_end, actor=world.person, residency=residency)

    assert trail.called == RESIDENCE_SERVICES
    _assert_scoped(
        residency, {"log_entry_create", "meeting_plan", "signal_raise", "handbrake_pull"}
    )


# --- Schouw ----------------------------------------------------------------------------------------

SCHOUW_SERVICES = {
    "schouw_round_create", "schouw_round_update", "participant_add_member", "participant_invite_guest",
    "participant_link_renew", "participant_revoke", "guest_consent_give", "schouw_round_open",
    "observation_create", "schouw_round_meetlat_start", "criterion_propose", "criterion_agree",
    "criterion_withdraw", "commitment_check_record", "schouw_round_appraisal_start", "appraisal_record",
    "appraisals_submit", "appraisals_reveal", "schouw_round_discussion_start", "discussion_record",
    "advice_record", "schouw_agreements_apply", "lesson_create", "schouw_follow_up_start",
    "schouw_round_report_start", "report_write", "schouw_round_finish", "report_publication_agree",
}  # fmt: skip


def test_schouw_services_are_audited(db, trail):
    from tests.schouw.conftest import World

    world, s = World(), schouw_services
    admin = world.initiative_admin
    schouw_round = trail(
        s.schouw_round_create,
        actor=admin,
        deal=world.deal,
        title="Roffabriek-schouw",
        starts_on=TODAY,
        ends_on=TODAY + datetime.timedelta(days=10),
        setting="feestelijk",
    )
    trail(s.schouw_round_update, actor=admin, schouw_round=schouw_round, location="De Roffabriek")
    trail(
        s.participant_add_member,
        actor=admin,
        schouw_round=schouw_round,
        user=world.municipality_member,
        partner=world.gemeente,
    )
    guest, _token = trail(
        s.participant_invite_guest,
        actor=admin,
        schouw_round=schouw_round,
        kind="peer",
        name="Piet Peer",
        email="piet@example.org",
        organisation=world.peer_org,
    )
    trail(s.participant_link_renew, actor=admin, participant=guest)
    trail(s.participant_revoke, actor=admin, participant=guest)
    new_guest = world.guest(schouw_round, consent=False)
    trail(s.guest_consent_give, actor=new_guest, agreed=True)
    schouw_round = trail(s.schouw_round_open, actor=admin, schouw_round=schouw_round)
    trail(
        s.observation_create,
        actor=new_guest,
        schouw_round=schouw_round,
        text="Warm onthaal.",
        tone="onverwacht",
    )
    schouw_round = trail(s.schouw_round_meetlat_start, actor=admin, schouw_round=schouw_round)
    dropped = s.criterion_propose(
        actor=admin, schouw_round=schouw_round, partner=world.aanjager, name="Snelheid"
    )
    trail(s.criterion_withdraw, actor=admin, criterion=dropped)
    for partner, member in (
        (world.aanjager, world.initiative_member),
        (world.gemeente, world.municipality_member),
    ):
        criterion = trail(
            s.criterion_propose,
            actor=new_guest,
            schouw_round=schouw_round,
            partner=partner,
            name=f"Meerwaarde {partner.pk}",
        )
        trail(s.criterion_agree, actor=member, criterion=criterion)
        trail(
            s.commitment_check_record,
            actor=admin,
            schouw_round=schouw_round,
            partner=partner,
            verdict="deels",
            explanation="De uren zijn geleverd.",
        )
    schouw_round = trail(s.schouw_round_appraisal_start, actor=admin, schouw_round=schouw_round)
    for criterion in schouw_round.criteria.all():
        trail(
            s.appraisal_record,
            actor=new_guest,
            criterion=criterion,
            level=3,
            explanation="Zichtbaar in de wijk.",
        )
    trail(s.appraisals_submit, actor=new_guest, schouw_round=schouw_round)
    trail(s.appraisals_reveal, actor=admin, schouw_round=schouw_round)
    schouw_round = trail(s.schouw_round_discussion_start, actor=admin, schouw_round=schouw_round)
    trail(
        s.discussion_record,
        actor=admin,
        schouw_round=schouw_round,
        went_well="De inloop.",
        to_learn="Vrijwilligers vasthouden.",
        wider_interest="Eerlijk werk.",
        next_steps="Elk kwartaal evalueren.",
    )
    trail(
        s.advice_record,
        actor=admin,
        schouw_round=schouw_round,
        partner=world.gemeente,
        text="Meer ruimte.",
    )
    trail(
        s.schouw_agreements_apply,
        actor=admin,
        schouw_round=schouw_round,
        agreements=[{"kind": "overleg", "description": "Elk kwartaal samen evalueren."}],
        change_note="Vaker evalueren.",
    )
    trail(
        s.lesson_create,
        actor=admin,
        schouw_round=schouw_round,
        kind="samenwerking",
        title="Samen kijken werkt",
        body="Een gast ziet meer.",
        audiences=["bestuurders"],
    )
    trail(s.schouw_follow_up_start, actor=admin, schouw_round=schouw_round, title="Eerlijk werk 2")
    schouw_round = trail(s.schouw_round_report_start, actor=admin, schouw_round=schouw_round)
    trail(s.report_write, actor=admin, schouw_round=schouw_round, summary="Een rijk beeld.")
    schouw_round = trail(s.schouw_round_finish, actor=admin, schouw_round=schouw_round)
    trail(
        s.report_publication_agree, actor=admin, schouw_round=schouw_round, partner=world.aanjager
    )

    assert trail.called == SCHOUW_SERVICES
    _assert_scoped(
        schouw_round,
        {"participant_add_member", "observation_create", "criterion_propose", "appraisal_record"},
    )


# --- Atlas: organisations, memberships, curation, lessons -------------------------------------------

ATLAS_SERVICES = {
    "membership_request", "membership_approve", "membership_reject", "membership_end",
    "organisation_create", "organisation_update", "organisation_change_propose", "change_proposal_accept",
    "change_proposal_reject", "organisation_verify", "organisation_merge", "saved_search_create",
    "saved_search_delete", "lesson_propose", "lesson_take_into_editing", "lesson_update", "lesson_publish",
    "lesson_reject",
}  # fmt: skip


def test_atlas_services_are_audited(db, trail):
    s = atlas_services
    netwerkmanager = UserFactory(roles=[Role.NETWERKMANAGER])
    contentbeheerder = UserFactory(roles=[Role.CONTENTBEHEERDER])
    applicant, other_applicant = UserFactory(), UserFactory()
    organisation = trail(
        s.organisation_create,
        actor=netwerkmanager,
        data={"name": "Buurtkeuken", "type": "initiatief"},
    )
    admin = _member(organisation, "beheerder")
    trail(
        s.organisation_update,
        actor=admin,
        organisation=organisation,
        data={"phone": "010 123 45 67"},
    )
    membership = trail(
        s.membership_request, actor=applicant, organisation=organisation, motivation="Ik kook mee."
    )
    trail(s.membership_approve, actor=admin, membership=membership, role=Membership.Role.LID)
    trail(s.membership_end, actor=applicant, membership=membership)
    refused = s.membership_request(actor=other_applicant, organisation=organisation)
    trail(s.membership_reject, actor=admin, membership=refused, note="Onbekend.")
    proposal = trail(
        s.organisation_change_propose,
        actor=admin,
        organisation=organisation,
        changes={"website": "https://buurtkeuken.example.org"},
        audit_target=organisation,
    )
    trail(s.change_proposal_accept, actor=admin, proposal=proposal, audit_target=organisation)
    rejected = s.organisation_change_propose(
        actor=admin, organisation=organisation, changes={"phone": "1"}
    )
    trail(s.change_proposal_reject, actor=admin, proposal=rejected, audit_target=organisation)
    trail(s.organisation_verify, actor=netwerkmanager, organisation=organisation)
    duplicate = OrganisationFactory(name="Buurtkeuken (dubbel)")
    trail(
        s.organisation_merge,
        actor=netwerkmanager,
        duplicate=duplicate,
        keep=organisation,
        audit_action="organisation_merge_into",
        audit_target=duplicate,
    )
    saved = trail(s.saved_search_create, actor=applicant, name="Keukens", query="q=keuken")
    trail(
        s.saved_search_delete, actor=applicant, saved_search=saved, audit_target=copy.copy(saved)
    )  # delete clears pk

    lesson = trail(
        s.lesson_propose,
        actor=applicant,
        title="Begin klein",
        summary="Een kleine start werkt beter.",
    )
    lesson = trail(s.lesson_take_into_editing, actor=contentbeheerder, lesson=lesson)
    lesson = trail(
        s.lesson_update, actor=contentbeheerder, lesson=lesson, data={"title": "Begin altijd klein"}
    )
    trail(s.lesson_publish, actor=contentbeheerder, lesson=lesson)
    rejected_lesson = s.lesson_propose(
        actor=applicant, title="Alles tegelijk", summary="Niet doen."
    )
    trail(s.lesson_reject, actor=contentbeheerder, lesson=rejected_lesson, reason="Te algemeen.")

    assert trail.called == ATLAS_SERVICES
    _assert_scoped(organisation, {"membership_request", "membership_approve", "membership_end"})


# --- Kompas ----------------------------------------------------------------------------------------

KOMPAS_SERVICES = {
    "draft_run_start", "edition_draft", "edition_summary_set", "proposal_create", "proposal_update",
    "proposal_co_author_add", "priority_set", "gremium_save", "edition_consultation_open", "comment_create",
    "proposal_endorse", "agenda_item_create", "edition_agenda_set", "decision_record", "edition_adopt",
    "edition_feedback_publish", "edition_monitoring_start", "monitoring_entry_add", "edition_close",
}  # fmt: skip


def test_kompas_services_are_audited(db, trail):
    s = kompas_services
    contentbeheerder = UserFactory(roles=[Role.CONTENTBEHEERDER])
    ambtenaar = UserFactory(roles=[Role.AMBTENAAR])
    bestuurder = UserFactory(roles=[Role.BESTUURDER])
    citizen = UserFactory()
    theme = ThemeFactory()
    KnelpuntFactory(
        deal=DealFactory(themes=[theme]),
        category="inkoop",
        status="doorgezet_naar_kompas",
        forwarded_at=timezone.now(),
    )
    run = trail(s.draft_run_start, actor=contentbeheerder, audit_action="kompas_draft_start")
    run = trail(
        s.edition_draft,
        actor=contentbeheerder,
        run_id=run.pk,
        audit_action="kompas_draft",
        audit_target=lambda result: result.edition,
    )
    edition = run.edition
    trail(
        s.edition_summary_set,
        actor=contentbeheerder,
        edition=edition,
        summary="Inkoop in kleinere percelen.",
        audit_action="kompas_summary_set",
    )
    proposal = trail(
        s.proposal_create,
        actor=contentbeheerder,
        edition=edition,
        title="Kleinere percelen",
        change_type="inkoopregels",
        problem="Percelen zijn te groot voor initiatieven.",
        theme=theme,
        audit_action="kompas_proposal_create",
    )
    trail(
        s.proposal_update,
        actor=contentbeheerder,
        proposal=proposal,
        title="Kleine percelen",
        audit_action="kompas_proposal_update",
    )
    trail(
        s.proposal_co_author_add,
        actor=contentbeheerder,
        proposal=proposal,
        user=ambtenaar,
        audit_action="kompas_co_author_add",
    )
    trail(
        s.priority_set,
        actor=contentbeheerder,
        edition=edition,
        theme=theme,
        level=1,
        audit_action="kompas_priority_set",
    )
    gremium = trail(
        s.gremium_save,
        actor=bestuurder,
        name="College",
        kind="bestuurlijk",
        audit_action="kompas_gremium_save",
    )
    trail(
        s.gremium_save,
        actor=bestuurder,
        name="College van B en W",
        kind="bestuurlijk",
        gremium=gremium,
        audit_action="kompas_gremium_save",
    )
    trail(
        s.edition_consultation_open,
        actor=contentbeheerder,
        edition=edition,
        audit_action="kompas_consultation_open",
    )
    trail(
        s.comment_create,
        actor=citizen,
        proposal=proposal,
        body="Wij lopen hier ook tegenaan.",
        audit_action="kompas_comment",
    )
    trail(
        s.proposal_endorse,
        actor=citizen,
        proposal=proposal,
        audit_action="kompas_endorse",
        audit_target=proposal,
    )
    item = trail(
        s.agenda_item_create,
        actor=ambtenaar,
        proposal=proposal,
        gremium=gremium,
        date=TODAY,
        audit_action="kompas_agenda_item_create",
    )
    trail(s.edition_agenda_set, actor=ambtenaar, edition=edition, audit_action="kompas_agenda_set")
    trail(
        s.decision_record,
        actor=ambtenaar,
        agenda_item=item,
        outcome="aangenomen",
        reasons="Goed plan.",
        monitor_indicator="Kleine percelen",
        monitor_who="Inkoop",
        monitor_due=TODAY + datetime.timedelta(days=30),
        audit_action="kompas_decision_record",
    )
    trail(s.edition_adopt, actor=bestuurder, edition=edition, audit_action="kompas_adopt")
    trail(
        s.edition_feedback_publish,
        actor=contentbeheerder,
        edition=edition,
        feedback="Aangenomen.",
        audit_action="kompas_feedback_publish",
    )
    trail(
        s.edition_monitoring_start,
        actor=contentbeheerder,
        edition=edition,
        audit_action="kompas_monitoring_start",
    )
    trail(
        s.monitoring_entry_add,
        actor=ambtenaar,
        agenda_item=item,
        date=TODAY,
        status="op_schema",
        observation="Eerste perceel gegund.",
        audit_action="kompas_monitoring_add",
    )
    trail(s.edition_close, actor=bestuurder, edition=edition, audit_action="kompas_close")

    assert trail.called == KOMPAS_SERVICES
    _assert_scoped(
        edition,
        {
            "kompas_proposal_create",
            "kompas_comment",
            "kompas_agenda_item_create",
            "kompas_monitoring_add",
        },
    )


# --- Introspection ---------------------------------------------------------------------------------

FLOWS = [ATLAS_SERVICES, DEAL_SERVICES, RESIDENCE_SERVICES, SCHOUW_SERVICES, KOMPAS_SERVICES]


def test_every_write_service_is_in_a_flow():
    found = set()
    for module_name in AUDITED_MODULES:
        module = importlib.import_module(module_name)
        for name, member in vars(module).items():
            if (
                inspect.isfunction(member)
                and member.__module__ == module_name
                and not name.startswith("_")
            ):
                found.add(name)
    tested = set().union(*FLOWS)
    missing = sorted(found - tested - set(HELPERS))
    assert not missing, (
        f"write services without an audit check here (add them to a flow, or to HELPERS): {missing}"
    )
    assert not (tested & set(HELPERS)), "a service is both tested and listed as a helper"
    assert not (set(HELPERS) - found), (
        f"HELPERS lists functions that no longer exist: {sorted(set(HELPERS) - found)}"
    )
