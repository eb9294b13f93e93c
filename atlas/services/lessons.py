"""The kennisbank: lessons are proposed by anyone (or by schouw and residence), edited and
published by contentbeheerders, or declined with a reason the proposer sees."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reisgids.core.errors import ApplicationError, Conflict, NotAllowed
from reisgids.core.services import audit_record
from reisgids.core.workflow import require, require_state, transition

from ..models import Audience, Lesson, LessonVersion, SourceType
from ..workflow import LESSON
from .common import clean_text, unique_slug, validate
from .notifications import notify, notify_followers

EDITABLE_FIELDS = [
    "title",
    "summary",
    "context",
    "what_worked",
    "what_did_not_work",
    "kind",
    "evidence_level",
]


def _check_audiences(audiences) -> list[str]:
    audiences = list(dict.fromkeys(audiences or []))
    unknown = [a for a in audiences if a not in Audience.values]
    if unknown:
        raise ApplicationError(_("Onbekende doelgroep: %(value)s.") % {"value": ", ".join(unknown)})
    return audiences


@transaction.atomic
def lesson_propose(
    *,
    actor,
    title: str,
    summary: str,
    context: str = "",
    what_worked: str = "",
    what_did_not_work: str = "",
    kind: str = Lesson.Kind.INHOUDELIJK,
    themes=(),
    areas=(),
    audiences=(),
    evidence_level: str = Lesson.Evidence.BESCHREVEN,
    source_type: str = SourceType.VRIJ,
    source_id="",
    source_url: str = "",
) -> Lesson:
    """Propose a lesson. Schouw and residence call this with their source (type, id, link back)."""
    if not actor.has_perm("atlas.propose_lesson"):
        raise NotAllowed(_("Log in om een les voor te stellen."))
    title = clean_text(title, required=True, label=_("de titel"), max_length=200)
    if source_type not in SourceType.values:
        raise ApplicationError(_("Onbekende soort bron."))
    if source_type != SourceType.VRIJ and not str(source_id or "").strip():
        raise ApplicationError(_("Een les met een bron heeft ook de id van die bron nodig."))
    lesson = Lesson(
        title=title,
        slug=unique_slug(Lesson, title, fallback="les"),
        summary=clean_text(summary, required=True, label=_("de samenvatting")),
        context=clean_text(context, label=_("de context")),
        what_worked=clean_text(what_worked, label=_("wat werkte")),
        what_did_not_work=clean_text(what_did_not_work, label=_("wat niet werkte")),
        kind=kind,
        audiences=_check_audiences(audiences),
        evidence_level=evidence_level,
        source_type=source_type,
        source_id=str(source_id or "").strip()[:64],
        source_url=(source_url or "").strip(),
        proposed_by=actor,
    )
    validate(lesson)
    lesson.save()
    lesson.themes.set(themes)
    lesson.areas.set(areas)
    audit_record(
        actor=actor,
        action="lesson_propose",
        target=lesson,
        changes={
            "source": f"{source_type}:{lesson.source_id}" if lesson.source_id else source_type
        },
    )
    return lesson


def _locked(lesson: Lesson) -> Lesson:
    return Lesson.objects.select_for_update().get(pk=lesson.pk)


@transaction.atomic
def lesson_take_into_editing(*, actor, lesson: Lesson) -> Lesson:
    lesson = _locked(lesson)
    require(
        actor,
        "atlas.edit_lesson",
        None,
        _("Alleen een contentbeheerder neemt een les in redactie."),
    )
    # Into redactie from voorgesteld; an edit brings a published lesson back (lesson_update).
    require_state(
        lesson,
        [Lesson.Status.VOORGESTELD],
        _("Deze les is niet (meer) voorgesteld (status: %(s)s).")
        % {"s": lesson.get_status_display()},
    )
    lesson.editor = actor
    return transition(
        lesson,
        workflow=LESSON,
        to=Lesson.Status.IN_REDACTIE,
        actor=actor,
        action="lesson_take_into_editing",
    )


@transaction.atomic
def lesson_update(*, actor, lesson: Lesson, data: dict) -> Lesson:
    """A contentbeheerder edits a lesson in redactie, or a published one (it is published again after)."""
    lesson = _locked(lesson)
    require(
        actor, "atlas.edit_lesson", None, _("Alleen een contentbeheerder kan een les bewerken.")
    )
    # Edited in redactie, or published (the edge back into redactie, taken below).
    require_state(
        lesson,
        [Lesson.Status.IN_REDACTIE, Lesson.Status.GEPUBLICEERD],
        _("Neem de les eerst in redactie."),
    )
    changes = {}
    for name in EDITABLE_FIELDS:
        if name in data:
            new = (data[name] or "").strip() if isinstance(data[name], str) else data[name]
            if getattr(lesson, name) != new:
                changes[name] = [str(getattr(lesson, name)), str(new)]
            setattr(lesson, name, new)
    if "audiences" in data:
        lesson.audiences = _check_audiences(data["audiences"])
    validate(lesson)
    lesson.save()
    if "themes" in data:
        lesson.themes.set(data["themes"])
    if "areas" in data:
        lesson.areas.set(data["areas"])
    if lesson.status == Lesson.Status.GEPUBLICEERD:
        # An edit of a published lesson goes back to redactie until it is published again.
        return transition(
            lesson,
            workflow=LESSON,
            to=Lesson.Status.IN_REDACTIE,
            actor=actor,
            action="lesson_update",
            changes=changes,
        )
    audit_record(actor=actor, action="lesson_update", target=lesson, changes=changes)
    return lesson


def _snapshot(lesson: Lesson) -> dict:
    return {
        "title": lesson.title,
        "summary": lesson.summary,
        "context": lesson.context,
        "what_worked": lesson.what_worked,
        "what_did_not_work": lesson.what_did_not_work,
        "kind": lesson.kind,
        "evidence_level": lesson.evidence_level,
        "audiences": list(lesson.audiences),
        "themes": sorted(t.slug for t in lesson.themes.all()),
        "areas": sorted(a.slug for a in lesson.areas.all()),
    }


@transaction.atomic
def lesson_publish(*, actor, lesson: Lesson) -> Lesson:
    lesson = _locked(lesson)
    require(
        actor, "atlas.edit_lesson", None, _("Alleen een contentbeheerder kan een les publiceren.")
    )
    require_state(
        lesson,
        LESSON.sources(Lesson.Status.GEPUBLICEERD),
        _("Alleen een les in redactie kan worden gepubliceerd."),
    )
    now = timezone.now()
    first_time = lesson.version == 0
    lesson.version += 1
    lesson.published_at = lesson.published_at or now
    lesson.editor = actor
    lesson.rejection_reason = ""
    transition(
        lesson,
        workflow=LESSON,
        to=Lesson.Status.GEPUBLICEERD,
        actor=actor,
        action="lesson_publish",
        changes={"version": lesson.version},
    )
    LessonVersion.objects.create(
        lesson=lesson,
        number=lesson.version,
        snapshot=_snapshot(lesson),
        published_by=actor,
        published_at=now,
    )
    notify(
        user_ids=[lesson.proposed_by_id],
        text=_("Uw les '%(title)s' is gepubliceerd in de kennisbank.") % {"title": lesson.title},
        url=lesson.get_absolute_url(),
        key=f"lesson-published-{lesson.pk}-{lesson.version}",
        exclude_user_id=actor.pk,
    )
    if first_time:
        notify_followers(
            themes=list(lesson.themes.all()),
            areas=list(lesson.areas.all()),
            text=_("Nieuwe les in de kennisbank: %(title)s") % {"title": lesson.title},
            url=lesson.get_absolute_url(),
            key=f"lesson-{lesson.pk}",
            exclude_user_id=actor.pk,
        )
    return lesson


@transaction.atomic
def lesson_reject(*, actor, lesson: Lesson, reason: str) -> Lesson:
    lesson = _locked(lesson)
    require(
        actor, "atlas.edit_lesson", None, _("Alleen een contentbeheerder kan een les afwijzen.")
    )
    require_state(
        lesson,
        LESSON.sources(Lesson.Status.AFGEWEZEN),
        _("Deze les kan niet meer worden afgewezen (status: %(s)s).")
        % {"s": lesson.get_status_display()},
    )
    if lesson.version > 0:
        raise Conflict(_("Een les die al gepubliceerd is geweest, wijst u niet af."))
    reason = clean_text(reason, required=True, label=_("de reden"), max_length=2000)
    lesson.rejection_reason = reason
    lesson.editor = actor
    transition(
        lesson,
        workflow=LESSON,
        to=Lesson.Status.AFGEWEZEN,
        actor=actor,
        action="lesson_reject",
        changes={"reason": reason},
    )
    notify(
        user_ids=[lesson.proposed_by_id],
        text=_("Uw voorstel '%(title)s' is niet opgenomen in de kennisbank.")
        % {"title": lesson.title},
        url=lesson.get_absolute_url(),
        key=f"lesson-rejected-{lesson.pk}",
        exclude_user_id=actor.pk,
    )
    return lesson
