from django.contrib import admin

from reisgids.core.archive import DomainRecordAdmin

from .models import SchouwRound


@admin.register(SchouwRound)
class SchouwRoundAdmin(DomainRecordAdmin):
    """Read-only overview; the content of a round is for its partners and participants."""

    list_display = ["title", "deal", "status", "starts_on", "published_at"]
    list_filter = ["status"]
    fields = ["title", "deal", "status", "starts_on", "ends_on", "published_at"]
    readonly_fields = fields
