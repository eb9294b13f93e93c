"""The acting user's approved memberships, read once per request: now in :mod:`atlas.query`.

Kept under this name for the apps that import it (``deals.permissions``) and the request signals.
"""

from .query import approved_memberships, finish, forget, start

__all__ = ["approved_memberships", "finish", "forget", "start"]
