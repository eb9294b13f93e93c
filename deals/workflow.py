"""The state machines of the deals app, as data.

Each table holds exactly the steps the services in ``deals.services`` take; the services move a
record along an edge through :func:`reisgids.core.workflow.transition`, and the tests walk every
table both ways. A plan version has no state of its own (only ``signed_at``), so it has no table.
"""

from django.utils.translation import gettext as _

from reisgids.core.workflow import Workflow, table

from .models import CheckIn, Deal, DealPartner, Intake, Knelpunt

D = Deal.Status

#: partners_zoeken → idee → (toetsing →) planning → gesloten → lopend → afgerond. Every active step
#: may pause and resume to the step it paused from; every active or paused step may stop.
DEAL = Workflow(
    model=Deal,
    transitions=table(
        {
            D.PARTNERS_ZOEKEN: [D.IDEE, D.GEPAUZEERD, D.GESTOPT],
            D.IDEE: [D.TOETSING, D.PLANNING, D.GEPAUZEERD, D.GESTOPT],
            D.TOETSING: [D.PLANNING, D.GEPAUZEERD, D.GESTOPT],
            D.PLANNING: [D.GESLOTEN, D.GEPAUZEERD, D.GESTOPT],
            D.GESLOTEN: [D.LOPEND, D.GEPAUZEERD, D.GESTOPT],
            D.LOPEND: [D.AFGEROND, D.GEPAUZEERD, D.GESTOPT],
            D.GEPAUZEERD: [*Deal.ACTIVE, D.GESTOPT],
        }
    ),
    refusal=lambda deal: (
        _("Dit kan niet in de stap ‘%(status)s’ van de deal.")
        % {"status": deal.get_status_display()}
    ),
)

P = DealPartner.Status

#: An invitation is accepted or declined, once.
PARTNER = Workflow(
    model=DealPartner,
    transitions=table({P.UITGENODIGD: [P.GEACCEPTEERD, P.AFGEWEZEN]}),
    refusal=lambda partner: _("Op deze uitnodiging is al gereageerd."),
)

C = CheckIn.Status

#: A check-in's status is the partner's answer for the period; answering again in the same period
#: replaces it with any answer, the same one included.
CHECKIN = Workflow(
    model=CheckIn,
    transitions=table({source: list(C) for source in C}),
)

K = Knelpunt.Status

#: open → in behandeling; open or in behandeling → opgelost, or → doorgezet naar het kompas.
KNELPUNT = Workflow(
    model=Knelpunt,
    transitions=table(
        {
            K.OPEN: [K.IN_BEHANDELING, K.OPGELOST, K.KOMPAS],
            K.IN_BEHANDELING: [K.OPGELOST, K.KOMPAS],
        }
    ),
    refusal=lambda knelpunt: (
        _("Dit knelpunt is al %(s)s.") % {"s": knelpunt.get_status_display().lower()}
    ),
)

N = Intake.Status

#: ingediend → in behandeling; ingediend or in behandeling → omgezet in een deal, or → verwezen.
INTAKE = Workflow(
    model=Intake,
    transitions=table(
        {
            N.INGEDIEND: [N.IN_BEHANDELING, N.OMGEZET, N.VERWEZEN],
            N.IN_BEHANDELING: [N.OMGEZET, N.VERWEZEN],
        }
    ),
    refusal=lambda intake: (
        _("Deze intake is al afgehandeld (%(s)s).") % {"s": intake.get_status_display().lower()}
    ),
)
