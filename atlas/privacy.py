"""The atlas's part of "Mijn gegevens": memberships, own content, follows, notifications and
saved searches. Erasure ends open memberships and removes what only served the person."""

from django.db.models import Q
from django.utils import timezone

from reisgids.core.privacy import register_erasure, register_export, rows

from .models import (
    ChangeProposal,
    DigestPreference,
    EventRegistration,
    Follow,
    Lesson,
    Listing,
    ListingResponse,
    Membership,
    Notification,
    SavedSearch,
    Story,
    StoryComment,
)


def _export_memberships(user):
    return rows(
        Membership.objects.filter(user=user),
        "organisation__name",
        "role",
        "status",
        "motivation",
        "created_at",
        "decided_at",
    )


def _export_content(user):
    return {
        "vraag_en_aanbod": rows(
            Listing.objects.filter(posted_by=user),
            "kind",
            "category",
            "title",
            "description",
            "organisation__name",
            "status",
            "created_at",
        ),
        "reacties_op_vraag_en_aanbod": rows(
            ListingResponse.objects.filter(responder=user),
            "listing__title",
            "message",
            "created_at",
        ),
        "verhalen": rows(
            Story.objects.filter(author=user), "title", "medium", "body", "status", "created_at"
        ),
        "reacties_op_verhalen": rows(
            StoryComment.objects.filter(author=user), "story__title", "body", "status", "created_at"
        ),
        "voorgestelde_wijzigingen": rows(
            ChangeProposal.objects.filter(proposed_by=user),
            "organisation__name",
            "changes",
            "note",
            "status",
        ),
        "lessen": rows(
            Lesson.objects.filter(proposed_by=user), "title", "summary", "status", "created_at"
        ),
        "aanmeldingen_agenda": rows(
            EventRegistration.objects.filter(user=user),
            "event__title",
            "event__starts_at",
            "created_at",
        ),
    }


def _export_following(user):
    return {
        "volgt": rows(
            Follow.objects.filter(user=user),
            "organisation__name",
            "theme__name",
            "area__name",
            "created_at",
        ),
        "meldingen": rows(
            Notification.objects.filter(user=user), "text", "url", "created_at", "read_at"
        ),
        "bewaarde_zoekopdrachten": rows(
            SavedSearch.objects.filter(user=user), "name", "query", "frequency", "created_at"
        ),
        "samenvatting_per_e-mail": rows(DigestPreference.objects.filter(user=user), "frequency"),
    }


def _erase(user):
    now = timezone.now()
    open_memberships = Membership.objects.filter(
        user=user, status__in=[Membership.Status.AANGEVRAAGD, Membership.Status.GOEDGEKEURD]
    )
    open_memberships.filter(decided_at__isnull=True).update(decided_at=now)
    open_memberships.update(status=Membership.Status.BEEINDIGD, motivation="", updated_at=now)
    Membership.objects.filter(user=user).update(motivation="")
    Follow.objects.filter(user=user).delete()
    Notification.objects.filter(user=user).delete()
    SavedSearch.objects.filter(user=user).delete()
    DigestPreference.objects.filter(user=user).delete()
    # Sign-ups for what is still to come: the organiser no longer expects the person.
    EventRegistration.objects.filter(user=user).filter(Q(event__starts_at__gte=now)).delete()


register_export("lidmaatschappen", _export_memberships)
register_export("atlas", _export_content)
register_export("volgen_en_meldingen", _export_following)
register_erasure(_erase)
