"""Reads of the kennisbank that the kompas needs; system reads, without an acting user."""

from ..models import Lesson


def lesson_proposer_emails(*, lesson_ids) -> list[str]:
    """The e-mail addresses of the people who proposed these lessons, active accounts only, so the
    kompas can tell them their lesson was cited."""
    emails = (
        Lesson.objects.filter(pk__in=list(lesson_ids), proposed_by__is_active=True)
        .exclude(proposed_by__email="")
        .values_list("proposed_by__email", flat=True)
    )
    return sorted(set(emails))
