"""The state machines of the atlas, as data (see :mod:`reisgids.core.workflow`).

Each table holds exactly the steps the services in ``atlas.services`` take. Bulk steps outside
``transition`` (the memberships a merge ends) follow the same edges.
"""

from reisgids.core.workflow import Workflow, table

from .models import (
    AbuseReport,
    ChangeProposal,
    Lesson,
    Listing,
    Membership,
    NewsItem,
    Story,
    StoryComment,
)

_M = Membership.Status
#: A request is approved, refused or withdrawn; an approved membership ends. The record stays.
MEMBERSHIP = Workflow(
    model=Membership,
    transitions=table(
        {
            _M.AANGEVRAAGD: [_M.GOEDGEKEURD, _M.AFGEWEZEN, _M.BEEINDIGD],
            _M.GOEDGEKEURD: [_M.BEEINDIGD],
        }
    ),
)

_P = ChangeProposal.Status
#: A member's proposal to change a profile is taken over or declined by a beheerder, once.
CHANGE_PROPOSAL = Workflow(
    model=ChangeProposal,
    transitions=table({_P.OPEN: [_P.OVERGENOMEN, _P.AFGEWEZEN]}),
)

_L = Lesson.Status
#: Kennisbank curation: taken into redactie, published; an edit of a published lesson puts it back
#: in redactie; a lesson that was never published can be declined.
LESSON = Workflow(
    model=Lesson,
    transitions=table(
        {
            _L.VOORGESTELD: [_L.IN_REDACTIE, _L.AFGEWEZEN],
            _L.IN_REDACTIE: [_L.GEPUBLICEERD, _L.AFGEWEZEN],
            _L.GEPUBLICEERD: [_L.IN_REDACTIE],
        }
    ),
)

_N = NewsItem.Status
#: A concept or a suggestion is published; only a suggestion is declined.
NEWS_ITEM = Workflow(
    model=NewsItem,
    transitions=table(
        {
            _N.CONCEPT: [_N.GEPUBLICEERD],
            _N.VOORGESTELD: [_N.GEPUBLICEERD, _N.AFGEWEZEN],
        }
    ),
)

_V = Listing.Status
#: Vraag en aanbod: an open listing is fulfilled or withdrawn by its organisation, or expires.
LISTING = Workflow(
    model=Listing,
    transitions=table({_V.OPEN: [_V.VERVULD, _V.INGETROKKEN, _V.VERLOPEN]}),
)

_R = AbuseReport.Status
#: A report is decided once: the content is hidden, or no action is needed.
ABUSE_REPORT = Workflow(
    model=AbuseReport,
    transitions=table({_R.OPEN: [_R.VERBORGEN, _R.AFGEWEZEN]}),
)

#: A moderator hides a story or a comment (through a report); nothing shows it again.
STORY = Workflow(
    model=Story,
    transitions=table({Story.Status.GEPUBLICEERD: [Story.Status.VERBORGEN]}),
)
STORY_COMMENT = Workflow(
    model=StoryComment,
    transitions=table({StoryComment.Status.GEPUBLICEERD: [StoryComment.Status.VERBORGEN]}),
)

WORKFLOWS = {
    "membership": MEMBERSHIP,
    "change_proposal": CHANGE_PROPOSAL,
    "lesson": LESSON,
    "news_item": NEWS_ITEM,
    "listing": LISTING,
    "abuse_report": ABUSE_REPORT,
    "story": STORY,
    "story_comment": STORY_COMMENT,
}
