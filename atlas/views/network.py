"""Pages of the network content: news, agenda, vraag en aanbod, stories, kennisbank, following."""

from datetime import UTC

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from django_filters.views import FilterView

from reisgids.core.actions import Action, local_next
from reisgids.core.errors import ApplicationError

from .. import selectors, services
from ..filters import EventFilter, LessonFilter, ListingFilter, NewsFilter, StoryFilter
from ..forms import (
    CommentForm,
    DigestPreferenceForm,
    EventForm,
    LessonForm,
    ListingForm,
    ListingRespondForm,
    NewsForm,
    RejectForm,
    ReportForm,
    StoryForm,
)
from ..models import (
    Area,
    Event,
    Lesson,
    Listing,
    NewsItem,
    Organisation,
    Story,
    StoryComment,
    Theme,
)
from .base import ActionView, ServiceFormView


def _get(fn, **kwargs):
    try:
        return fn(**kwargs)
    except (
        NewsItem.DoesNotExist,
        Event.DoesNotExist,
        Listing.DoesNotExist,
        Story.DoesNotExist,
        Lesson.DoesNotExist,
    ):
        raise Http404(_("Niet gevonden.")) from None


# --- News ----------------------------------------------------------------------------------------


class NewsListView(FilterView):
    template_name = "atlas/news_list.html"
    filterset_class = NewsFilter
    paginate_by = 20

    def get_queryset(self):
        return selectors.news_list(actor=self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            to_review=selectors.news_to_review(actor=self.request.user)[:20], **kwargs
        )


class NewsDetailView(TemplateView):
    template_name = "atlas/news_detail.html"

    def get_context_data(self, **kwargs):
        item = _get(selectors.news_get, actor=self.request.user, slug=self.kwargs["slug"])
        return super().get_context_data(
            item=item,
            can_publish=self.request.user.has_perm("atlas.publish_news"),
            reject_form=RejectForm(),
            **kwargs,
        )


class NewsCreateView(ServiceFormView):
    """Contentbeheerders write (and publish); other members suggest an item."""

    template_name = "atlas/news_form.html"
    form_class = NewsForm

    @property
    def success_message(self):
        return (
            _("Het bericht is opgeslagen.")
            if self.editor
            else _("Dank u. Een contentbeheerder bekijkt uw voorstel.")
        )

    @property
    def editor(self):
        return self.request.user.has_perm("atlas.publish_news")

    def get_context_data(self, **kwargs):
        return super().get_context_data(editor=self.editor, **kwargs)

    def call(self, data):
        if self.editor:
            return services.news_create(
                actor=self.request.user, publish="publish" in self.request.POST, **data
            )
        return services.news_suggest(actor=self.request.user, **data)


class NewsDecideView(ActionView):
    object_argument = "item"
    action_field = "decision"
    default_action = "reject"
    actions = {
        "publish": Action(
            service=services.news_publish, message=gettext_lazy("Het bericht is gepubliceerd.")
        ),
        "reject": Action(
            service=services.news_reject,
            form=RejectForm,
            message=gettext_lazy("Het voorstel is afgewezen."),
        ),
    }

    def get_object(self):
        return _get(selectors.news_get, actor=self.request.user, slug=self.kwargs["slug"])

    def invalid_form_text(self, form):
        return _("Geef een reden op.")


class NewsRssFeed(Feed):
    title = gettext_lazy("Nieuws uit de reisgids zorg en welzijn")
    description = gettext_lazy(
        "Nieuwe initiatieven, samenwerkingen en deals, wat de gemeente doet, rapporten en evenementen."
    )
    link = reverse_lazy("atlas:news-list")

    def items(self):
        return selectors.news_list()[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Feed readers show the description as HTML; the summary is plain text, so escape it.
        return escape(item.summary)

    def item_pubdate(self, item):
        return item.published_at

    def item_categories(self, item):
        return [str(item.get_category_display())]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description


# --- Agenda --------------------------------------------------------------------------------------


class EventListView(FilterView):
    template_name = "atlas/event_list.html"
    filterset_class = EventFilter
    paginate_by = 20

    def get_queryset(self):
        return selectors.event_list(actor=self.request.user)


class EventDetailView(TemplateView):
    template_name = "atlas/event_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        event = _get(selectors.event_get, actor=user, slug=self.kwargs["slug"])
        return super().get_context_data(
            event=event,
            signed_up=selectors.event_signed_up(actor=user, event=event),
            sign_ups=selectors.event_sign_ups(actor=user, event=event),
            can_change=user.has_perm("atlas.change_event", event),
            places_left=None
            if event.capacity is None
            else max(event.capacity - event.sign_up_count, 0),
            is_past=event.ends_at < timezone.now(),
            **kwargs,
        )


class EventCreateView(ServiceFormView):
    template_name = "atlas/event_form.html"
    form_class = EventForm
    success_message = gettext_lazy("Het evenement staat in de agenda.")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "organisations": selectors.organisations_of(actor=self.request.user),
        }

    def call(self, data):
        return services.event_create(actor=self.request.user, **data)


class EventView(ActionView):
    object_argument = "event"

    def get_object(self):
        return _get(selectors.event_get, actor=self.request.user, slug=self.kwargs["slug"])


class EventSignUpView(EventView):
    action_field = "action"
    default_action = "aanmelden"
    actions = {
        "aanmelden": Action(
            service=services.event_sign_up, message=gettext_lazy("U bent aangemeld.")
        ),
        "afmelden": Action(
            service=services.event_sign_off, message=gettext_lazy("U bent afgemeld.")
        ),
    }


class EventCancelView(EventView):
    actions = {
        "cancel": Action(
            service=services.event_cancel, message=gettext_lazy("Het evenement is afgelast.")
        ),
    }


def _ics_text(value: str) -> str:
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _ics_fold(line: str) -> str:
    """Fold lines longer than 75 octets (RFC 5545 3.1)."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode()) > 75:
            out.append(current)
            current = " " + char
        else:
            current += char
    out.append(current)
    return "\r\n".join(out)


def _ics_time(value) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def ics_calendar(events, *, name: str) -> str:
    host = settings.SITE_URL.split("//")[-1].split("/")[0] or "reisgids"
    site = settings.SITE_URL.rstrip("/")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Reisgids zorg en welzijn//Agenda//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_ics_text(name)}",
    ]
    stamp = _ics_time(timezone.now())
    for event in events:
        location = event.online_url if event.online and not event.location else event.location
        lines += [
            "BEGIN:VEVENT",
            f"UID:event-{event.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_ics_time(event.starts_at)}",
            f"DTEND:{_ics_time(event.ends_at)}",
            f"SUMMARY:{_ics_text(event.title)}",
            f"DESCRIPTION:{_ics_text(event.description)}",
            f"URL:{site}{event.get_absolute_url()}",
        ]
        if location:
            lines.append(f"LOCATION:{_ics_text(location)}")
        if event.organiser:
            lines.append(f"X-ORGANISER-NAME:{_ics_text(event.organiser.name)}")
        lines.append("STATUS:CANCELLED" if event.is_cancelled else "STATUS:CONFIRMED")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_ics_fold(line) for line in lines) + "\r\n"


class EventIcsView(View):
    def get(self, request, slug):
        event = _get(selectors.event_get, actor=request.user, slug=slug)
        response = HttpResponse(
            ics_calendar([event], name=event.title), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
        return response


class AgendaIcsView(View):
    """The whole agenda from thirty days back, for a calendar subscription."""

    def get(self, request):
        since = timezone.now() - timezone.timedelta(days=30)
        events = (
            selectors.event_list(actor=request.user)
            .filter(ends_at__gte=since)
            .order_by("starts_at")
        )
        return HttpResponse(
            ics_calendar(events, name=_("Agenda reisgids zorg en welzijn")),
            content_type="text/calendar; charset=utf-8",
        )


# --- Vraag en aanbod -----------------------------------------------------------------------------


class ListingListView(FilterView):
    template_name = "atlas/listing_list.html"
    filterset_class = ListingFilter
    paginate_by = 20

    def get_queryset(self):
        return selectors.listing_list(actor=self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            zorgzaam010_url=settings.REISGIDS.get("ZORGZAAM010_URL", ""), **kwargs
        )


class ListingDetailView(TemplateView):
    template_name = "atlas/listing_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        listing = _get(selectors.listing_get, actor=user, pk=self.kwargs["pk"])
        return super().get_context_data(
            listing=listing,
            responses=selectors.listing_responses(actor=user, listing=listing),
            can_manage=user.has_perm("atlas.manage_listing", listing),
            can_respond=user.has_perm("atlas.respond_listing", listing)
            and listing.status == Listing.Status.OPEN,
            respond_form=kwargs.pop("respond_form", None) or ListingRespondForm(),
            **kwargs,
        )


class ListingCreateView(ServiceFormView):
    template_name = "atlas/listing_form.html"
    form_class = ListingForm
    success_message = gettext_lazy("Uw vraag of aanbod staat in de lijst.")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "organisations": selectors.organisations_of(actor=self.request.user),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            has_organisation=selectors.organisations_of(actor=self.request.user).exists(), **kwargs
        )

    def call(self, data):
        return services.listing_create(actor=self.request.user, **data)


class ListingRespondView(LoginRequiredMixin, View):
    def post(self, request, pk):
        listing = _get(selectors.listing_get, actor=request.user, pk=pk)
        form = ListingRespondForm(request.POST)
        if form.is_valid():
            try:
                services.listing_respond(
                    actor=request.user, listing=listing, message=form.cleaned_data["message"]
                )
            except ApplicationError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(
                    request,
                    _("Uw reactie is verstuurd naar %(org)s.") % {"org": listing.organisation},
                )
                return redirect(listing.get_absolute_url())
        view = ListingDetailView(request=request, kwargs={"pk": pk})
        return view.render_to_response(view.get_context_data(respond_form=form), status=400)


class ListingCloseView(ActionView):
    object_argument = "listing"
    action_field = "action"
    default_action = "intrekken"
    actions = {
        Listing.Status.VERVULD: Action(
            service=services.listing_fulfil,
            message=gettext_lazy("Mooi! Dit staat nu als vervuld."),
        ),
        "intrekken": Action(
            service=services.listing_withdraw, message=gettext_lazy("Dit is ingetrokken.")
        ),
    }

    def get_object(self):
        return _get(selectors.listing_get, actor=self.request.user, pk=self.kwargs["pk"])


# --- Stories -------------------------------------------------------------------------------------


class StoryListView(FilterView):
    template_name = "atlas/story_list.html"
    filterset_class = StoryFilter
    paginate_by = 20

    def get_queryset(self):
        return selectors.story_list(actor=self.request.user)


class StoryDetailView(TemplateView):
    template_name = "atlas/story_detail.html"

    def get_context_data(self, **kwargs):
        story = _get(selectors.story_get, actor=self.request.user, slug=self.kwargs["slug"])
        return super().get_context_data(
            story=story, comment_form=CommentForm(), report_form=ReportForm(), **kwargs
        )


class StoryCreateView(ServiceFormView):
    template_name = "atlas/story_form.html"
    form_class = StoryForm
    success_message = gettext_lazy("Uw verhaal is gedeeld.")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "organisations": selectors.organisations_of(actor=self.request.user),
        }

    def call(self, data):
        return services.story_create(actor=self.request.user, **data)


class StoryCommentView(LoginRequiredMixin, View):
    def post(self, request, slug):
        story = _get(selectors.story_get, actor=request.user, slug=slug)
        form = CommentForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Schrijf eerst uw reactie (hoogstens 4000 tekens)."))
            return redirect(story.get_absolute_url())
        try:
            comment = services.story_comment(
                actor=request.user, story=story, body=form.cleaned_data["body"]
            )
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return redirect(story.get_absolute_url())
        messages.success(request, _("Uw reactie staat bij het verhaal."))
        return redirect(story.get_absolute_url() + f"#reactie-{comment.pk}")


class ContentReportView(ActionView):
    """A report on the story, or on one of its comments when the form names it."""

    actions = {
        "report": Action(
            service=services.content_report,
            form=ReportForm,
            arguments=lambda view, cleaned: {
                "reason": cleaned["reason"],
                "story": None if view.comment else view.object,
                "comment": view.comment,
            },
            message=gettext_lazy("Dank u. Een moderator kijkt ernaar."),
        ),
    }

    def get_object(self):
        story = _get(selectors.story_get, actor=self.request.user, slug=self.kwargs["slug"])
        self.comment = None
        if self.request.POST.get("comment"):
            self.comment = get_object_or_404(
                StoryComment, pk=self.request.POST["comment"], story=story
            )
        return story

    def invalid_form_text(self, form):
        return _("Schrijf kort wat er mis is.")


class ModerationView(ActionView, TemplateView):
    """The moderation queue; each report is decided with a POST to this page."""

    template_name = "atlas/moderation.html"
    object_argument = "report"
    action_field = "decision"
    default_action = "dismiss"
    actions = {
        "hide": Action(
            service=services.report_decide,
            arguments=lambda view, cleaned: view.decision(hide=True),
            message=gettext_lazy("De melding is afgehandeld."),
        ),
        "dismiss": Action(
            service=services.report_decide,
            arguments=lambda view, cleaned: view.decision(hide=False),
            message=gettext_lazy("De melding is afgehandeld."),
        ),
    }

    def decision(self, *, hide: bool) -> dict:
        return {"report": self.object, "hide": hide, "note": self.request.POST.get("note", "")}

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm("atlas.moderate"):
            raise Http404(_("Niet gevonden."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            reports=selectors.moderation_queue(actor=self.request.user), **kwargs
        )

    def get_object(self):
        return get_object_or_404(
            selectors.moderation_queue(actor=self.request.user), pk=self.request.POST.get("report")
        )

    def get_success_url(self):
        return reverse("atlas:moderation")


# --- Kennisbank ----------------------------------------------------------------------------------


class LessonListView(FilterView):
    template_name = "atlas/lesson_list.html"
    filterset_class = LessonFilter
    paginate_by = 20

    def get_queryset(self):
        return selectors.lesson_list(actor=self.request.user)

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            to_edit=selectors.lessons_to_edit(actor=user)[:50],
            own=selectors.lessons_proposed_by(actor=user).exclude(
                status=Lesson.Status.GEPUBLICEERD
            )[:20],
            **kwargs,
        )


class LessonDetailView(TemplateView):
    template_name = "atlas/lesson_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        lesson = _get(selectors.lesson_get, actor=user, slug=self.kwargs["slug"])
        return super().get_context_data(
            lesson=lesson,
            related=selectors.lesson_related(actor=user, lesson=lesson),
            can_edit=user.has_perm("atlas.edit_lesson"),
            reject_form=RejectForm(),
            **kwargs,
        )


class LessonProposeView(ServiceFormView):
    template_name = "atlas/lesson_form.html"
    form_class = LessonForm
    success_message = gettext_lazy(
        "Dank u. Uw les is voorgesteld; een contentbeheerder neemt haar in redactie."
    )

    def call(self, data):
        return services.lesson_propose(actor=self.request.user, **data)


class LessonEditView(ServiceFormView):
    template_name = "atlas/lesson_form.html"
    form_class = LessonForm
    success_message = gettext_lazy("De les is opgeslagen.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if not request.user.has_perm("atlas.edit_lesson"):
                raise Http404(_("Niet gevonden."))
            self.lesson = _get(selectors.lesson_get, actor=request.user, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        lesson = self.lesson
        return {
            **{n: getattr(lesson, n) for n in services.lessons.EDITABLE_FIELDS},
            "audiences": lesson.audiences,
            "themes": list(lesson.themes.all()),
            "areas": list(lesson.areas.all()),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(lesson=self.lesson, **kwargs)

    def call(self, data):
        return services.lesson_update(actor=self.request.user, lesson=self.lesson, data=data)


class LessonDecideView(ActionView):
    object_argument = "lesson"
    action_field = "decision"
    default_action = "afwijzen"
    actions = {
        "redactie": Action(
            service=services.lesson_take_into_editing,
            message=gettext_lazy("De les is in redactie."),
        ),
        "publiceren": Action(
            service=services.lesson_publish, message=gettext_lazy("De les is gepubliceerd.")
        ),
        "afwijzen": Action(
            service=services.lesson_reject,
            form=RejectForm,
            message=gettext_lazy("De les is afgewezen."),
        ),
    }

    def get_object(self):
        return _get(selectors.lesson_get, actor=self.request.user, slug=self.kwargs["slug"])

    def invalid_form_text(self, form):
        return _("Geef een reden op; de indiener ziet die.")


# --- Following and notifications -----------------------------------------------------------------


FOLLOW_TARGETS = {"organisation": Organisation, "theme": Theme, "area": Area}


def _unfollow(*, actor, follow):
    """follow_delete, answering with what is no longer followed, for the message."""
    target = follow.target
    services.follow_delete(actor=actor, follow=follow)
    return target


class FollowToggleView(ActionView):
    """Follows what is not followed yet, and stops following what is."""

    actions = {
        "follow": Action(
            service=services.follow_create,
            arguments=lambda view, cleaned: {view.kwargs["kind"]: view.object},
            message=lambda follow, cleaned: _("U volgt nu %(name)s.") % {"name": follow.target},
        ),
        "unfollow": Action(
            service=_unfollow,
            arguments=lambda view, cleaned: {"follow": view.existing},
            message=lambda target, cleaned: _("U volgt %(name)s niet meer.") % {"name": target},
        ),
    }

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.existing = selectors.follow_of(actor=request.user, **{kwargs["kind"]: self.object})
        kwargs["action"] = "follow" if self.existing is None else "unfollow"
        return super().post(request, *args, **kwargs)

    def get_object(self):
        if getattr(self, "object", None) is not None:
            return self.object
        model = FOLLOW_TARGETS.get(self.kwargs["kind"])
        if model is None:
            raise Http404(_("Niet gevonden."))
        return get_object_or_404(model, slug=self.kwargs["slug"])

    def get_success_url(self):
        return local_next(self.request, reverse("atlas:follow-list"))


class FollowListView(LoginRequiredMixin, TemplateView):
    template_name = "atlas/follow_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            follows=selectors.follows_of(actor=user),
            digest_form=kwargs.pop("digest_form", None)
            or DigestPreferenceForm(
                initial={"frequency": selectors.digest_preference_of(actor=user)}
            ),
            themes=Theme.objects.all(),
            gebieden=selectors.gebied_list(),
            **kwargs,
        )

    def post(self, request):
        form = DigestPreferenceForm(request.POST)
        if form.is_valid():
            services.digest_preference_set(
                actor=request.user, frequency=form.cleaned_data["frequency"]
            )
            messages.success(request, _("Uw keuze voor e-mail is opgeslagen."))
            return redirect("atlas:follow-list")
        return self.render_to_response(self.get_context_data(digest_form=form), status=400)


class NotificationListView(LoginRequiredMixin, TemplateView):
    template_name = "atlas/notification_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            notifications=selectors.notifications_of(actor=self.request.user)[:100], **kwargs
        )

    def post(self, request):
        services.notifications_mark_read(actor=request.user)
        messages.success(request, _("Alle meldingen zijn gelezen."))
        return redirect("atlas:notification-list")
