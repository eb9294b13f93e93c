"""Who may do what in the kompas (django-rules). One source for pages, API and services.

Object predicates take an Edition. Reading: adopted editions are public; a concept is read by
those who prepare it; from consultatie on every logged-in member reads and takes part.
"""

import rules

from reisgids.core.permissions import (
    is_ambtenaar,
    is_beheerder,
    is_bestuurder,
    is_contentbeheerder,
    is_logged_in,
)

from .models import Edition

is_preparer = is_contentbeheerder | is_ambtenaar | is_beheerder
is_agenda_keeper = is_ambtenaar | is_bestuurder | is_beheerder


@rules.predicate
def is_adopted(user, edition):
    return edition is not None and edition.status in Edition.ADOPTED


@rules.predicate
def is_past_concept(user, edition):
    return edition is not None and edition.status != Edition.Status.CONCEPT


@rules.predicate
def is_in_consultation(user, edition):
    return edition is not None and edition.status == Edition.Status.CONSULTATIE


rules.add_perm(
    "kompas.view_edition",
    is_adopted | (is_logged_in & (is_past_concept | is_preparer | is_bestuurder)),
)
rules.add_perm(
    "kompas.draft_edition", is_logged_in & (is_contentbeheerder | is_ambtenaar | is_beheerder)
)
rules.add_perm("kompas.edit_proposals", is_logged_in & (is_preparer | is_bestuurder))
rules.add_perm("kompas.propose", is_logged_in & ((is_in_consultation) | is_preparer))
rules.add_perm("kompas.take_part", is_logged_in & is_in_consultation)
rules.add_perm("kompas.open_consultation", is_logged_in & is_preparer)
rules.add_perm("kompas.manage_agenda", is_logged_in & is_agenda_keeper)
rules.add_perm("kompas.record_decision", is_logged_in & is_agenda_keeper)
rules.add_perm("kompas.adopt_edition", is_logged_in & is_bestuurder)
rules.add_perm("kompas.publish_feedback", is_logged_in & (is_preparer | is_bestuurder))
rules.add_perm("kompas.run_monitoring", is_logged_in & (is_preparer | is_bestuurder))
rules.add_perm("kompas.add_monitoring", is_logged_in)
rules.add_perm("kompas.manage_gremia", is_logged_in & (is_bestuurder | is_beheerder))
rules.add_perm("kompas.view_dashboard", is_logged_in & (is_bestuurder | is_preparer))
