from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent, User, WorkerHeartbeat


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "is_active", "is_staff"]
    search_fields = ["email", "name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Persoon"), {"fields": ["name", "bio", "preferred_language"]}),
        (_("Rechten"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Data"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "name", "password1", "password2"]})
    ]

    def has_delete_permission(self, request, obj=None):
        """An account is never deleted: that would take memberships, schouw participations and
        openings with it. A person is forgotten by the privacy erasure (Mijn gegevens), which
        anonymises the account and keeps the records."""
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the trail is written by services only."""

    list_display = ["created_at", "actor_label", "action", "target_type", "target_label"]
    list_filter = ["action", "target_type"]
    search_fields = ["actor_label", "target_label", "target_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(WorkerHeartbeat)
admin.site.site_header = _("Reisgids zorg en welzijn – beheer")
