"""Writes of the schouw. Every write checks permission, runs atomically and is audited.

Transitions of a round are one service each and check the source step on a row-locked copy.
The actor is a user, or a :class:`schouw.guests.Guest` for outside peers and
ervaringsdeskundigen who entered through their personal link.

One module per part of a round: ``rounds`` (preparing a round and its steps, over the table in
``schouw.workflow``), ``participants``, ``meetlat``, ``appraisals`` (observations and appraisals),
``report`` (bespreking and rapportage) and ``reminders``.
"""

from ._common import MANAGE_REFUSAL, TAKE_PART_REFUSAL
from .appraisals import (
    PHOTO_MAX_BYTES,
    appraisal_record,
    appraisals_reveal,
    appraisals_submit,
    observation_create,
)
from .meetlat import (
    commitment_check_record,
    criterion_agree,
    criterion_propose,
    criterion_withdraw,
)
from .participants import (
    CONSENT_TEXT,
    GUEST_LINK_DAYS_AFTER_ROUND,
    guest_consent_give,
    guest_link,
    participant_add_member,
    participant_invite_guest,
    participant_link_renew,
    participant_of,
    participant_revoke,
)
from .reminders import (
    schouw_reminders_send,
)
from .report import (
    advice_record,
    discussion_record,
    lesson_create,
    lessons_kennisbank_deliver,
    report_publication_agree,
    report_write,
    schouw_agreements_apply,
    schouw_follow_up_start,
)
from .rounds import (
    EVALUABLE_DEAL_STATUSES,
    schouw_round_appraisal_start,
    schouw_round_create,
    schouw_round_discussion_start,
    schouw_round_finish,
    schouw_round_meetlat_start,
    schouw_round_open,
    schouw_round_report_start,
    schouw_round_update,
)

__all__ = [
    "CONSENT_TEXT",
    "EVALUABLE_DEAL_STATUSES",
    "GUEST_LINK_DAYS_AFTER_ROUND",
    "MANAGE_REFUSAL",
    "PHOTO_MAX_BYTES",
    "TAKE_PART_REFUSAL",
    "advice_record",
    "appraisal_record",
    "appraisals_reveal",
    "appraisals_submit",
    "commitment_check_record",
    "criterion_agree",
    "criterion_propose",
    "criterion_withdraw",
    "discussion_record",
    "guest_consent_give",
    "guest_link",
    "lesson_create",
    "lessons_kennisbank_deliver",
    "observation_create",
    "participant_add_member",
    "participant_invite_guest",
    "participant_link_renew",
    "participant_of",
    "participant_revoke",
    "report_publication_agree",
    "report_write",
    "schouw_agreements_apply",
    "schouw_follow_up_start",
    "schouw_reminders_send",
    "schouw_round_appraisal_start",
    "schouw_round_create",
    "schouw_round_discussion_start",
    "schouw_round_finish",
    "schouw_round_meetlat_start",
    "schouw_round_open",
    "schouw_round_report_start",
    "schouw_round_update",
]
