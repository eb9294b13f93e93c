"""The atlas models: the directory (issue 3) and the network content (news, agenda, marketplace,
stories, the kennisbank, following and notifications)."""

from .common import SourceLinkMixin, SourceType
from .directory import (
    LOGO_MAX_BYTES,
    ROTTERDAM_BOUNDS,
    Agreement,
    Area,
    ChangeProposal,
    ContactPoint,
    Delivery,
    Instrument,
    LifeStage,
    Membership,
    Network,
    NetworkGroup,
    Organisation,
    RelationToSystem,
    SavedSearch,
    Service,
    Size,
    Theme,
    VolunteerDependency,
    point_in_rotterdam,
    validate_logo,
)
from .events import Event, EventRegistration
from .lessons import Audience, Lesson, LessonVersion
from .marketplace import Listing, ListingResponse
from .news import NewsItem
from .notifications import DigestPreference, Follow, Notification
from .stories import AbuseReport, Story, StoryComment

__all__ = [
    "LOGO_MAX_BYTES",
    "ROTTERDAM_BOUNDS",
    "AbuseReport",
    "Agreement",
    "Area",
    "Audience",
    "ChangeProposal",
    "ContactPoint",
    "Delivery",
    "DigestPreference",
    "Event",
    "EventRegistration",
    "Follow",
    "Instrument",
    "Lesson",
    "LessonVersion",
    "LifeStage",
    "Listing",
    "ListingResponse",
    "Membership",
    "Network",
    "NetworkGroup",
    "NewsItem",
    "Notification",
    "Organisation",
    "RelationToSystem",
    "SavedSearch",
    "Service",
    "Size",
    "SourceLinkMixin",
    "SourceType",
    "Story",
    "StoryComment",
    "Theme",
    "VolunteerDependency",
    "point_in_rotterdam",
    "validate_logo",
]
