"""Role predicates (django-rules), shared by every app's permissions.py."""

import rules

from .roles import Role


def has_role(role: Role):
    @rules.predicate(name=f"has_role_{role.value}")
    def predicate(user):
        if not user or not user.is_authenticated or not user.is_active:
            return False
        return role.value in role_names(user)

    return predicate


def role_names(user) -> set[str]:
    """The user's role names, cached on the user object for the request."""
    cached = getattr(user, "_reisgids_roles", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        if user.is_superuser:
            cached.add(Role.BEHEERDER.value)
        user._reisgids_roles = cached
    return cached


is_initiatiefnemer = has_role(Role.INITIATIEFNEMER)
is_ambtenaar = has_role(Role.AMBTENAAR)
is_contentbeheerder = has_role(Role.CONTENTBEHEERDER)
is_bestuurder = has_role(Role.BESTUURDER)
is_netwerkmanager = has_role(Role.NETWERKMANAGER)
is_beheerder = has_role(Role.BEHEERDER)
is_logged_in = rules.is_authenticated & rules.is_active

rules.add_perm("core.manage_roles", is_beheerder)
rules.add_perm("core.view_audit", is_beheerder)
