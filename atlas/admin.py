from django.contrib import admin

from reisgids.core.archive import DomainRecordAdmin

from .models import Area, Membership, Organisation, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Organisation)
class OrganisationAdmin(DomainRecordAdmin):
    list_display = ["name", "type", "is_verified", "is_archived"]
    list_filter = ["type", "is_verified", "is_archived"]
    search_fields = ["name"]
    filter_horizontal = ["themes", "areas"]


@admin.register(Membership)
class MembershipAdmin(DomainRecordAdmin):
    list_display = ["user", "organisation", "role", "status", "created_at"]
    list_filter = ["status", "role"]
    search_fields = ["user__email", "organisation__name"]
    raw_id_fields = ["user", "organisation", "decided_by"]
