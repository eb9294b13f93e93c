"""Storage for files that must never be served as public media (e.g. schouw photos).

Files in this storage have no public URL; views stream them after a permission check.
"""

from django.core.files.storage import storages


def private_storage():
    return storages["private"]
