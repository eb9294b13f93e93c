from django.contrib import admin

from .models import SchouwRound


@admin.register(SchouwRound)
class SchouwRoundAdmin(admin.ModelAdmin):
    """Read-only overview; the content of a round is for its partners and participants."""

    list_display = ["title", "deal", "status", "starts_on", "published_at"]
    list_filter = ["status"]
    fields = ["title", "deal", "status", "starts_on", "ends_on", "published_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False
