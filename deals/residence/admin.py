from django.contrib import admin

from .models import Opening, Residency


@admin.register(Residency)
class ResidencyAdmin(admin.ModelAdmin):
    list_display = ["person", "deal", "status", "start_date", "end_date"]
    list_filter = ["status"]
    raw_id_fields = ["deal", "person", "sending_partner", "host_partner"]


@admin.register(Opening)
class OpeningAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "organisation", "status"]
    list_filter = ["kind", "status"]
