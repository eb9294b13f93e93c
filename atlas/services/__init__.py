"""Writes of the atlas. Every write checks permission, runs atomically and is audited."""

from .directory import *  # noqa: F403
from .directory import PROFILE_FIELDS, PROFILE_M2M, PROPOSABLE_FIELDS, ImportReport  # noqa: F401
from .events import event_cancel, event_create, event_sign_off, event_sign_up, event_update  # noqa: F401
from .lessons import (  # noqa: F401
    lesson_propose,
    lesson_publish,
    lesson_reject,
    lesson_take_into_editing,
    lesson_update,
)
from .marketplace import (  # noqa: F401
    listing_create,
    listing_fulfil,
    listing_respond,
    listing_response_mail_send,
    listing_withdraw,
    listings_expire,
)
from .news import news_create, news_publish, news_reject, news_suggest  # noqa: F401
from .notifications import (  # noqa: F401
    digest_preference_set,
    follow_create,
    follow_delete,
    notification_digest_send,
    notifications_mark_read,
)
from .stories import content_report, report_decide, sanitise_html, story_comment, story_create  # noqa: F401
