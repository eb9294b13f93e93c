"""Writes of the core: accounts, roles and the audit trail."""

from django.contrib.auth import password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .errors import ApplicationError, NotAllowed
from .models import AuditEvent, User, WorkerHeartbeat
from .roles import Role


def audit_record(*, actor, action: str, target, changes: dict | None = None) -> AuditEvent:
    """Record who did what to which record. Call inside the service's transaction."""
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_label=str(actor) if actor is not None and actor.is_authenticated else "systeem",
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=str(target)[:255],
        changes=changes or {},
    )


@transaction.atomic
def user_register(*, email: str, name: str, password: str, preferred_language: str = "nl") -> User:
    email = (email or "").strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ApplicationError(_("Er bestaat al een account met dit e-mailadres."))
    user = User(email=email, name=(name or "").strip(), preferred_language=preferred_language)
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise ApplicationError(" ".join(exc.messages)) from exc
    user.set_password(password)
    user.full_clean()
    user.save()
    user.groups.add(Group.objects.get_or_create(name=Role.INITIATIEFNEMER.value)[0])
    audit_record(actor=user, action="user_register", target=user)
    return user


@transaction.atomic
def user_role_set(*, actor: User, user: User, role: Role | str, granted: bool) -> User:
    """Grant or withdraw a platform role. Only beheerders may; nobody withdraws their own beheer."""
    if not actor.has_perm("core.manage_roles"):
        raise NotAllowed(_("Alleen een beheerder kan rollen toekennen."))
    role = Role(role)
    if not granted and role == Role.BEHEERDER and actor.pk == user.pk:
        raise ApplicationError(_("U kunt uw eigen beheerdersrol niet intrekken."))
    group, _created = Group.objects.get_or_create(name=role.value)
    if granted:
        user.groups.add(group)
    else:
        user.groups.remove(group)
    user.__dict__.pop("_reisgids_roles", None)
    audit_record(
        actor=actor, action="role_grant" if granted else "role_withdraw", target=user, changes={"role": role.value}
    )
    return user


def heartbeat_record(*, name: str) -> WorkerHeartbeat:
    """Called by the beat-scheduled heartbeat task: the worker proves it runs."""
    from django.db.models import F
    from django.utils import timezone

    now = timezone.now()
    updated = WorkerHeartbeat.objects.filter(name=name).update(beat_at=now, runs=F("runs") + 1)
    if not updated:
        WorkerHeartbeat.objects.get_or_create(name=name, defaults={"beat_at": now, "runs": 1})
    return WorkerHeartbeat.objects.get(name=name)
