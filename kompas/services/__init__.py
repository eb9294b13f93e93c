"""Writes of the kompas. Every write checks permission, runs atomically and is audited.

One module per part of the cycle: drafting, editions, proposals (and the consultation),
gremia (agenda and decisions), monitoring, and the notifications of the terugkoppeling.
"""

from .drafting import (
    EVIDENCE_CHUNK,
    EVIDENCE_FIELDS,
    PROBLEM_MAX,
    draft_is_due,
    draft_run_start,
    edition_draft,
)
from .editions import (
    edition_adopt,
    edition_agenda_set,
    edition_announce_in_news,
    edition_close,
    edition_consultation_open,
    edition_feedback_publish,
    edition_monitoring_start,
    edition_summary_set,
)
from .gremia import (
    agenda_item_create,
    decision_record,
    gremium_save,
)
from .monitoring import (
    monitoring_entry_add,
    monitoring_reminders_send,
)
from .notifications import (
    cited_addresses,
    feedback_notify,
)
from .proposals import (
    PROPOSAL_FIELDS,
    comment_create,
    priority_set,
    proposal_co_author_add,
    proposal_create,
    proposal_endorse,
    proposal_update,
    voice_of,
)

__all__ = [
    "EVIDENCE_CHUNK",
    "EVIDENCE_FIELDS",
    "PROBLEM_MAX",
    "PROPOSAL_FIELDS",
    "agenda_item_create",
    "cited_addresses",
    "comment_create",
    "decision_record",
    "draft_is_due",
    "draft_run_start",
    "edition_adopt",
    "edition_agenda_set",
    "edition_announce_in_news",
    "edition_close",
    "edition_consultation_open",
    "edition_draft",
    "edition_feedback_publish",
    "edition_monitoring_start",
    "edition_summary_set",
    "feedback_notify",
    "gremium_save",
    "monitoring_entry_add",
    "monitoring_reminders_send",
    "priority_set",
    "proposal_co_author_add",
    "proposal_create",
    "proposal_endorse",
    "proposal_update",
    "voice_of",
]
