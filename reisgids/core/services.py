"""Writes of the core: accounts, roles and the audit trail."""

from django.contrib.auth import password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from .errors import ApplicationError, NotAllowed
from .models import AuditEvent, User, WorkerHeartbeat
from .roles import Role

# Never in the trail: secrets and personal links. A field whose name contains one of these is left out.
AUDIT_SECRET_PARTS = ("password", "token", "secret", "api_key")
# Free text is kept shortened: the trail says what changed, the record itself holds the text.
AUDIT_TEXT_LIMIT = 200
AUDIT_SKIPPED_FIELDS = ("id", "created_at", "updated_at")


def _is_secret(name) -> bool:
    name = str(name).lower()
    return any(part in name for part in AUDIT_SECRET_PARTS)


def _shorten(text: str) -> str:
    return text if len(text) <= AUDIT_TEXT_LIMIT else text[: AUDIT_TEXT_LIMIT - 1] + "…"


def audit_value(value):
    """A JSON-safe, shortened form of a field value for the trail."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dict):
        if len(value) > 20:
            return _shorten(", ".join(sorted(str(k) for k in value)))
        return {str(k): audit_value(v) for k, v in value.items() if not _is_secret(k)}
    if isinstance(value, list | tuple | set | frozenset):
        if len(value) > 20:
            return _shorten(str(list(value)))
        items = [audit_value(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    return _shorten(str(value))


def _audited_fields(instance) -> list:
    excluded = set(getattr(instance, "AUDIT_EXCLUDE", ()))
    return [
        f
        for f in instance._meta.concrete_fields
        if not (
            f.primary_key
            or f.name in AUDIT_SKIPPED_FIELDS
            or f.name in excluded
            or _is_secret(f.name)
        )
    ]


def snapshot_fields(instance, fields=None) -> dict:
    """The audit-relevant state of ``instance``: the named fields, or every concrete field except
    ids, timestamps, secrets and the model's ``AUDIT_EXCLUDE``. Take it before an update and pass it
    to ``audit_record(before=...)`` when the record is not a ``TimeStampedModel`` loaded from the database."""
    names = [f.name for f in _audited_fields(instance)] if fields is None else list(fields)
    state = {}
    for name in names:
        if _is_secret(name):
            continue
        field = instance._meta.get_field(name)
        if field.many_to_many:
            value = (
                sorted(getattr(instance, name).values_list("pk", flat=True)) if instance.pk else []
            )
        elif field.is_relation:
            value = getattr(instance, field.attname)
        else:
            value = getattr(instance, name)
        state[name] = audit_value(value)
    return state


def audit_changes(before: dict, after: dict) -> dict:
    """field → [old, new] for every field whose value differs."""
    return {
        name: [before.get(name), after.get(name)]
        for name in sorted(set(before) | set(after), key=str)
        if before.get(name) != after.get(name) and not _is_secret(name)
    }


def _tracked_changes(target, created: bool, deleted: bool) -> dict:
    """What the service did to ``target`` since it was loaded (field → [old, new]); when the service
    created it, its state (field → [None, value]); when it deletes it, its last state ([value, None])."""
    if deleted:
        return {
            k: [v, None]
            for k, v in snapshot_fields(target).items()
            if v not in (None, "", [], {}, False)
        }
    if created or getattr(target, "_audit_created", False):
        return {
            k: [None, v]
            for k, v in snapshot_fields(target).items()
            if v not in (None, "", [], {}, False)
        }
    names, values = getattr(target, "_audit_loaded", None) or ((), ())
    loaded = dict(zip(names, values, strict=True))
    if not loaded:
        return {}
    fields = [f for f in _audited_fields(target) if f.attname in loaded]
    before = {f.name: audit_value(loaded[f.attname]) for f in fields}
    return audit_changes(before, snapshot_fields(target, [f.name for f in fields]))


# The records whose trail gathers the events of their parts.
AUDIT_SCOPES = (
    "atlas.organisation",
    "atlas.lesson",
    "deals.deal",
    "residence.residency",
    "schouw.schouwround",
    "kompas.edition",
)


def audit_scope(target, depth: int = 3):
    """The record ``target`` belongs to: the first of ``AUDIT_SCOPES`` reached through its foreign
    keys (a task's deal, a check-in's partner's deal, an appraisal's criterion's round), or None."""
    frontier = [target]
    for _step in range(depth):
        parents = []
        for obj in frontier:
            fields = [
                f
                for f in obj._meta.concrete_fields
                if f.many_to_one and getattr(obj, f.attname) is not None
            ]
            for field in fields:
                if field.related_model._meta.label_lower in AUDIT_SCOPES:
                    return getattr(obj, field.name)
            parents += [
                getattr(obj, f.name) for f in fields if f.related_model._meta.app_label != "core"
            ]
        frontier = parents
    return None


def audit_record(
    *,
    actor,
    action: str,
    target,
    changes: dict | None = None,
    before: dict | None = None,
    created: bool = False,
    deleted: bool = False,
) -> AuditEvent:
    """Record who did what to which record, and what changed. Call inside the service's transaction.

    What changed is found by itself for a ``TimeStampedModel``: the fields the service changed since
    it loaded the record, as field → [old, new], or the state of a record it created, as
    field → [None, value]. ``before`` (a ``snapshot_fields`` taken before the change) and ``created``
    do the same for other records; ``deleted`` records the last state of a record that is deleted
    (only what is not a domain record: a person's own saved search or follow). ``changes`` adds
    anything else worth keeping. Values are shortened and secrets (passwords, tokens) never recorded.
    """
    recorded = _tracked_changes(target, created, deleted)
    if before is not None:
        recorded.update(audit_changes(before, snapshot_fields(target, list(before))))
    for key, value in (changes or {}).items():
        if not _is_secret(key):
            recorded.setdefault(str(key), audit_value(value))
    # The next audit of this same instance records only what changes after this one.
    target._audit_created = False
    fields = target._meta.concrete_fields
    target._audit_loaded = (
        [f.attname for f in fields],
        [getattr(target, f.attname) for f in fields],
    )
    scope = target if target._meta.label_lower in AUDIT_SCOPES else audit_scope(target)
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        actor=actor if authenticated else None,
        actor_label=str(actor)[:200] if authenticated else "systeem",
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=str(target)[:255],
        changes=recorded,
        scope_type=scope._meta.label_lower if scope is not None else "",
        scope_id=str(scope.pk) if scope is not None else "",
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
        actor=actor,
        action="role_grant" if granted else "role_withdraw",
        target=user,
        changes={"role": role.value},
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
