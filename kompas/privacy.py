"""The kompas's part of "Mijn gegevens": proposals, comments and endorsements in consultations."""

from reisgids.core.privacy import register_export, rows

from .models import Comment, Endorsement, Proposal


def _export(user):
    return {
        "voorstellen": rows(
            Proposal.objects.filter(created_by=user),
            "edition__title",
            "title",
            "problem",
            "proposed_change",
        ),
        "reacties": rows(
            Comment.objects.filter(author=user), "proposal__title", "body", "voice", "created_at"
        ),
        "steunbetuigingen": rows(
            Endorsement.objects.filter(user=user), "proposal__title", "voice", "created_at"
        ),
    }


register_export("kompas", _export)
