"""The low room of the atlas reads: what the filters, the selectors and the permissions share.

It imports the models and nothing else of the atlas, so ``filters`` and ``selectors`` can both
build on it without importing each other. It holds the one search over a queryset (full text plus
trigram similarity on the name) and the acting user's approved memberships, read once per request.
"""

from contextvars import ContextVar

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db.models import F, FloatField, Q, Value
from django.db.models.functions import Greatest, Upper

from .models.common import search_vector
from .models.common import unaccent as _unaccent

# --- Search --------------------------------------------------------------------------------------

# How close a misspelled word must come to a name (PostgreSQL word_similarity, 0..1). The trigram
# operator reads it from the setting pg_trgm.word_similarity_threshold, which migration
# atlas 0006 sets to this value for the database.
TRIGRAM_THRESHOLD = 0.5
SEARCH_MAX_LENGTH = 200


def search_name(field: str):
    """The name as the trigram index holds it: without accents, in capitals."""
    return Upper(_unaccent(F(field)))


def search_filter(queryset, value: str, *, fields: dict[str, str]):
    """Full text (Dutch, accent-insensitive) plus trigram similarity on the name, ranked.

    ``fields`` maps field names to full-text weights (A..D); the first must be the name. Each of
    the three conditions can use an index, so a search does not read the whole table.
    """
    value = " ".join((value or "").split())[:SEARCH_MAX_LENGTH]
    if not value:
        return queryset
    name_field = next(iter(fields))
    # A model may store its document (a generated column); then the search reads it instead of building it.
    stored = getattr(queryset.model, "SEARCH_FIELDS", None) == fields
    vector = F("search_document") if stored else search_vector(fields)
    query = SearchQuery(_unaccent(Value(value)), config="dutch", search_type="websearch")
    needle = Upper(_unaccent(Value(value)))
    similarity = TrigramWordSimilarity(_unaccent(Value(value)), _unaccent(F(name_field)))
    return (
        queryset.annotate(
            search_vector=vector,
            search_name=search_name(name_field),
            search_similarity=similarity,
            search_rank=Greatest(SearchRank(vector, query), similarity, output_field=FloatField()),
        )
        .filter(
            Q(search_vector=query)
            | Q(search_name__trigram_word_similar=needle)
            | Q(search_name__contains=needle)
        )
        .order_by("-search_rank", name_field)
    )


# --- The acting user's approved memberships, read once per request --------------------------------
#
# A page checks many permissions (per partner, per section, per form), and each check needs the
# organisations the user is an approved member of. While a request runs they are read once and kept
# for that request only; outside a request (services called directly, tasks, the shell) they are read
# at every check. Saving or deleting any membership or organisation forgets what was kept, so a
# request that changes memberships checks the next permission against the new state.

_memberships: ContextVar[dict | None] = ContextVar("atlas_request_memberships", default=None)


def start(**kwargs):
    _memberships.set({})


def finish(**kwargs):
    _memberships.set(None)


def forget(**kwargs):
    kept = _memberships.get()
    if kept:
        kept.clear()


def approved_memberships(user) -> dict[int, tuple[str, bool]]:
    """Per organisation id where the user is an approved member: (role, organisation archived)."""
    from .models import Membership

    kept = _memberships.get()
    if kept is not None and user.pk in kept:
        return kept[user.pk]
    rows = {
        org_id: (role, archived)
        for org_id, role, archived in Membership.objects.filter(
            user_id=user.pk, status=Membership.Status.GOEDGEKEURD
        ).values_list("organisation_id", "role", "organisation__is_archived")
    }
    if kept is not None:
        kept[user.pk] = rows
    return rows
