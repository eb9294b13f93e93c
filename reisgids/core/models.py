"""The base of every app: users, timestamps, the audit trail and the worker heartbeat."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        abstract = True

    # The audit trail records what a service changed: the values as loaded from the database are
    # kept (Django's documented ``from_db`` pattern), and a first save marks the record as created.
    # ``audit_record`` compares them with the values at the time of the audit.

    def save(self, *args, **kwargs):
        if self._state.adding:
            self._audit_created = True
        super().save(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._audit_loaded = (field_names, values)  # attnames and values, as Django gives them
        return instance


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("Een e-mailadres is verplicht.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account. Logs in with e-mail address; roles are groups (see roles.py)."""

    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mailadres"), unique=True)
    name = models.CharField(_("naam"), max_length=150)
    bio = models.TextField(
        _("over mij"),
        blank=True,
        help_text=_("Achtergrond en vaardigheden, zichtbaar voor partners."),
    )
    preferred_language = models.CharField(
        _("voorkeurstaal"), max_length=5, choices=settings.LANGUAGES, default="nl"
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    objects = UserManager()  # type: ignore[misc,assignment]

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["name", "email"]

    def __str__(self):
        return self.name or self.email

    def get_full_name(self):
        return self.name

    def get_short_name(self):
        return self.name.split(" ")[0] if self.name else self.email


class AuditEvent(models.Model):
    """Who did what to which record, and what changed. Written by services, read by beheerders."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("door (tekst)"), max_length=200, blank=True)
    action = models.CharField(_("handeling"), max_length=100)
    target_type = models.CharField(_("soort record"), max_length=100)
    target_id = models.CharField(_("record-id"), max_length=64)
    target_label = models.CharField(_("record"), max_length=255, blank=True)
    changes = models.JSONField(_("wijzigingen"), default=dict, blank=True)
    # The record the target belongs to (a deal for its task, a round for its criterion), so the
    # trail of a deal, residency, schouw round, edition or organisation also shows its parts.
    scope_type = models.CharField(_("hoort bij (soort)"), max_length=100, blank=True)
    scope_id = models.CharField(_("hoort bij (id)"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("audittrail")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["target_type", "target_id"]),
            models.Index(fields=["scope_type", "scope_id"], name="auditevent_scope"),
        ]

    def __str__(self):
        return (
            f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.target_label}"
        )


class WorkerHeartbeat(models.Model):
    """Last time a Celery worker ran the heartbeat task that beat schedules; shown in /healthz."""

    name = models.CharField(max_length=50, unique=True)
    beat_at = models.DateTimeField()
    runs = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("werkproceshartslag")
        verbose_name_plural = _("werkproceshartslagen")

    def __str__(self):
        return f"{self.name} {self.beat_at:%Y-%m-%d %H:%M:%S}"
