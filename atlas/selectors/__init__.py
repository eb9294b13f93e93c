"""Reads of the atlas, scoped to the acting user."""

from .directory import *  # noqa: F403
from .directory import SEARCH_MAX_LENGTH, TRIGRAM_THRESHOLD, SearchResult  # noqa: F401
from .kompas_support import lesson_proposer_emails  # noqa: F401
from .network import *  # noqa: F403
