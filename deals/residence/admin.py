from django.contrib import admin

from reisgids.core.archive import DomainRecordAdmin

from .models import Opening, Residency


@admin.register(Residency)
class ResidencyAdmin(DomainRecordAdmin):
    list_display = ["person", "deal", "status", "start_date", "end_date"]
    list_filter = ["status"]
    raw_id_fields = ["deal", "person", "sending_partner", "host_partner"]


@admin.register(Opening)
class OpeningAdmin(DomainRecordAdmin):
    list_display = ["title", "kind", "organisation", "status"]
    list_filter = ["kind", "status"]
