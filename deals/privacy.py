"""The deals' part of "Mijn gegevens". Nothing here is erased: signatures, check-ins and
knelpunten are records of the cooperation and stay with the anonymised account."""

from reisgids.core.privacy import register_export, rows

from .models import CheckIn, Deal, DealThemeComment, Intake, Knelpunt, Signature


def _export(user):
    return {
        "gestarte_deals": rows(
            Deal.objects.filter(created_by=user), "title", "status", "created_at"
        ),
        "handtekeningen": rows(
            Signature.objects.filter(signed_by=user),
            "version__deal__title",
            "version__number",
            "partner__organisation__name",
            "created_at",
        ),
        "check-ins": rows(
            CheckIn.objects.filter(submitted_by=user),
            "partner__deal__title",
            "partner__organisation__name",
            "period",
            "status",
            "note",
            "values",
        ),
        "knelpunten": rows(
            Knelpunt.objects.filter(reported_by=user),
            "deal__title",
            "title",
            "description",
            "status",
            "created_at",
        ),
        "reacties_op_dealthemas": rows(
            DealThemeComment.objects.filter(author=user),
            "deal_theme__theme__name",
            "body",
            "created_at",
        ),
        "intakes": rows(
            Intake.objects.filter(submitted_by=user), "kind", "title", "description", "status"
        ),
    }


register_export("deals", _export)
