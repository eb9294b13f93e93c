"""Domain records are archived or withdrawn, never deleted: the row stays, lists leave it out."""

from django.contrib import admin
from django.db import models
from django.db.models import Manager
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ActiveManager(models.Manager):
    """The default manager: only records that are not archived, also through related managers."""

    def get_queryset(self):
        return super().get_queryset().filter(archived_at__isnull=True)


class ArchivableModel(models.Model):
    """A record that is archived (``archived_at``) instead of deleted. ``all_objects`` still sees it,
    so the audit trail and the privacy erasure can reach it."""

    archived_at = models.DateTimeField(_("gearchiveerd op"), null=True, blank=True, editable=False)

    objects = ActiveManager()
    all_objects = Manager()  # noqa: DJ012 - the second manager; the first one is the default

    class Meta:
        abstract = True

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def archive(self) -> None:
        """Mark the record archived; the caller runs it inside a service's transaction and audits it."""
        self.archived_at = timezone.now()
        self.save(
            update_fields=["archived_at", *(["updated_at"] if hasattr(self, "updated_at") else [])]
        )


class DomainRecordAdmin(admin.ModelAdmin):
    """Admin of a domain record: read-only. Domain records change through their services, which
    check permissions and write the audit trail, and are archived there, never deleted."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
