"""Where the drafting task finds its evidence, read through the other apps' selectors.

Each source returns plain dicts (kind, source_id, change_type, theme, title, url, detail,
found_at). The knelpunt categories of the deals app map onto the report's five kinds of
structural change as follows (also shown on the kompas page):

=====================  ========================  =============================================
knelpunt category      change type               why
=====================  ========================  =============================================
inkoop                 inkoopregels              procurement rules are the change asked for
financiering           subsidiemogelijkheden     funding gaps ask for (other) subsidy options
regelgeving            beleid                    rules and regulations change through policy
organisatiegrenzen     organisatiegrenzen        the same thing in both lists
data_privacy           spelregels en prikkels    data sharing needs agreed rules between parties
anders                 beleid                    the broadest kind; people re-sort in the draft
=====================  ========================  =============================================

Published lessons from the atlas kennisbank carry no change type of their own: a lesson about
cooperation ("samenwerking") is filed under spelregels en prikkels, a lesson about content
("inhoudelijk") under beleid; people re-sort them in the draft. Published schouw reports are
about how the partners of a deal work together, so they are filed under spelregels en prikkels
with the deal's first theme; people re-sort them too.
"""

from collections.abc import Iterator

from django.utils.translation import gettext as _

from atlas import selectors as atlas_selectors
from deals import selectors as deals_selectors
from schouw import selectors as schouw_selectors

from ..models import AgendaItem, ChangeType, Evidence, MonitoringEntry

# The sources are read in chunks and yield one signal at a time, so the draft's memory does not
# grow with the number of signals.
CHUNK = 500

KNELPUNT_CATEGORY_TO_CHANGE_TYPE = {
    "inkoop": ChangeType.INKOOPREGELS,
    "financiering": ChangeType.SUBSIDIEMOGELIJKHEDEN,
    "regelgeving": ChangeType.BELEID,
    "organisatiegrenzen": ChangeType.ORGANISATIEGRENZEN,
    "data_privacy": ChangeType.SPELREGELS,
    "anders": ChangeType.BELEID,
}


LESSON_KIND_TO_CHANGE_TYPE = {
    "samenwerking": ChangeType.SPELREGELS,
    "inhoudelijk": ChangeType.BELEID,
}


def _first_theme(themes):
    themes = sorted(themes, key=lambda t: t.name)
    return themes[0] if themes else None


def knelpunten_since(since) -> Iterator[dict]:
    """Knelpunten the deals forwarded to the kompas; the theme is the deal's first theme by name."""
    knelpunten = deals_selectors.knelpunten_for_kompas(since=since).prefetch_related("deal__themes")
    for knelpunt in knelpunten.iterator(chunk_size=CHUNK):
        yield (
            {
                "kind": Evidence.Kind.KNELPUNT,
                "source_id": knelpunt.pk,
                "change_type": KNELPUNT_CATEGORY_TO_CHANGE_TYPE.get(
                    knelpunt.category, ChangeType.BELEID
                ),
                "theme": _first_theme(knelpunt.deal.themes.all()),
                "title": knelpunt.title[:300],
                "url": knelpunt.deal.get_absolute_url(),
                "detail": _("Uit de deal %(deal)s (%(category)s)")
                % {"deal": knelpunt.deal.title, "category": knelpunt.get_category_display()},
                "found_at": knelpunt.forwarded_at,
            }
        )


def monitoring_results_since(since) -> Iterator[dict]:
    """Monitoring of earlier decisions that shows the effect lags behind: vertraagd or niet bereikt."""
    entries = MonitoringEntry.objects.filter(
        status__in=[MonitoringEntry.Status.VERTRAAGD, MonitoringEntry.Status.NIET_BEREIKT],
        agenda_item__outcome__in=AgendaItem.ACCEPTED,
    ).select_related("agenda_item__proposal__theme", "agenda_item__proposal__edition")
    if since is not None:
        entries = entries.filter(created_at__gte=since)
    for entry in entries.iterator(chunk_size=CHUNK):
        proposal = entry.agenda_item.proposal
        yield (
            {
                "kind": Evidence.Kind.MONITORING,
                "source_id": entry.pk,
                "change_type": proposal.change_type,
                "theme": proposal.theme,
                "title": proposal.title[:300],
                "url": proposal.edition.get_absolute_url() + f"#voorstel-{proposal.pk}",
                "detail": f"{entry.get_status_display()}: {entry.observation[:200]}",
                "found_at": entry.created_at,
            }
        )


def lessons_since(since) -> Iterator[dict]:
    """Lessons the content managers published in the kennisbank since the last edition."""
    lessons = atlas_selectors.lessons_published_since(since=since).defer("search_document")
    for lesson in lessons.iterator(chunk_size=CHUNK):
        yield (
            {
                "kind": Evidence.Kind.LES,
                "source_id": lesson.pk,
                "change_type": LESSON_KIND_TO_CHANGE_TYPE.get(lesson.kind, ChangeType.BELEID),
                "theme": _first_theme(lesson.themes.all()),
                "title": lesson.title[:300],
                "url": lesson.get_absolute_url(),
                "detail": lesson.summary[:300],
                "found_at": lesson.published_at,
            }
        )


def schouw_reports_since(since) -> Iterator[dict]:
    """Reports of finished schouw rounds whose public part was published since the last edition."""
    for report in schouw_selectors.reports_since(since=since):
        partners = ", ".join(report["partners"])
        yield (
            {
                "kind": Evidence.Kind.SCHOUWRAPPORT,
                "source_id": report["id"],
                "change_type": ChangeType.SPELREGELS,
                "theme": report["themes"][0] if report["themes"] else None,
                "title": report["title"][:300],
                "url": report["url"],
                "detail": (
                    _("Schouw van de deal %(deal)s met %(partners)s: %(summary)s")
                    % {"deal": report["deal"], "partners": partners, "summary": report["summary"]}
                )[:300],
                "found_at": report["published_at"],
            }
        )
