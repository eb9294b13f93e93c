"""Writes of the partner in residence. Every write checks permission, runs atomically and is audited.

The deal itself changes only through ``deals.services``: pausing (the handbrake), resuming once
every partner agreed, the timeline and the knelpunten register. One module per part of the work;
callers use the names re-exported here (``services.residency_propose(...)``).
"""

from ._common import TIMELINE_KIND
from .activities import SIDE_ACTIVITY_EVENT_KINDS, SIDE_ACTIVITY_HOURS, side_activity_create
from .handbrake import (
    handbrake_agree,
    handbrake_agree_in_meeting,
    handbrake_notify_send,
    handbrake_pull,
    handbrake_release,
)
from .logbook import log_entry_create
from .meetings import action_create, action_mark_done, meeting_plan, meeting_record
from .openings import OPENING_LISTING_CATEGORY, OPENING_LISTING_KINDS, opening_close, opening_post
from .reflections import LESSON_KIND, LESSON_SOURCE, reflection_propose_as_lesson, reflection_write
from .reminders import action_reminders_send, meeting_reminders_send
from .residency import ENDED_DEAL, residency_confirm, residency_end, residency_propose
from .signalling import signal_close, signal_raise, signal_respond, signal_to_register

__all__ = [
    "ENDED_DEAL",
    "LESSON_KIND",
    "LESSON_SOURCE",
    "OPENING_LISTING_CATEGORY",
    "OPENING_LISTING_KINDS",
    "SIDE_ACTIVITY_EVENT_KINDS",
    "SIDE_ACTIVITY_HOURS",
    "TIMELINE_KIND",
    "action_create",
    "action_mark_done",
    "action_reminders_send",
    "handbrake_agree",
    "handbrake_agree_in_meeting",
    "handbrake_notify_send",
    "handbrake_pull",
    "handbrake_release",
    "log_entry_create",
    "meeting_plan",
    "meeting_record",
    "meeting_reminders_send",
    "opening_close",
    "opening_post",
    "reflection_propose_as_lesson",
    "reflection_write",
    "residency_confirm",
    "residency_end",
    "residency_propose",
    "side_activity_create",
    "signal_close",
    "signal_raise",
    "signal_respond",
    "signal_to_register",
]
