"""Partner in residence's part of "Mijn gegevens". The logbook, signals and reflections are
records of the cooperation: after erasure they stay, written by the anonymised account."""

from reisgids.core.privacy import register_export, rows

from .models import LogEntry, Reflection, Residency, Signal, SignalResponse


def _export(user):
    return {
        "residenties": rows(
            Residency.objects.filter(person=user),
            "deal__title",
            "start_date",
            "end_date",
            "hours_per_week",
            "tasks",
            "learning_questions",
            "status",
        ),
        "logboek": rows(
            LogEntry.objects.filter(author=user),
            "residency__deal__title",
            "kind",
            "date",
            "text",
            "created_at",
        ),
        "signalen": rows(
            Signal.objects.filter(raised_by=user),
            "residency__deal__title",
            "title",
            "description",
            "status",
        ),
        "reacties_op_signalen": rows(
            SignalResponse.objects.filter(responder=user), "signal__title", "text"
        ),
        "reflecties": rows(
            Reflection.objects.filter(author=user), "residency__deal__title", "moment", "text"
        ),
    }


register_export("partner_in_residence", _export)
