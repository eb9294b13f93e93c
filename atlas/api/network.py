"""API of the network content: read endpoints for news, events, listings, stories and lessons;
writes go input serializer → service → output serializer, with the permissions of the pages."""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotAuthenticated
from rest_framework.response import Response

from .. import selectors, services
from ..filters import EventFilter, LessonFilter, ListingFilter, NewsFilter, StoryFilter
from ..models import Area, Audience, Event, Lesson, Listing, NewsItem, Organisation, Story, Theme
from .fields import DateTimeInput, SlugInput

# --- Output ------------------------------------------------------------------------------------


class _Slugs(serializers.SlugRelatedField):
    def __init__(self, **kwargs):
        super().__init__(many=False, slug_field="slug", read_only=True, allow_null=True, **kwargs)


class NewsItemSerializer(serializers.ModelSerializer):
    themes = serializers.SlugRelatedField(many=True, slug_field="slug", read_only=True)
    organisation = _Slugs()

    class Meta:
        model = NewsItem
        fields = [
            "slug",
            "title",
            "summary",
            "body",
            "category",
            "link",
            "organisation",
            "themes",
            "status",
            "published_at",
        ]


class EventSerializer(serializers.ModelSerializer):
    themes = serializers.SlugRelatedField(many=True, slug_field="slug", read_only=True)
    areas = serializers.SlugRelatedField(many=True, slug_field="slug", read_only=True)
    organiser = _Slugs()
    sign_up_count = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = Event
        fields = [
            "slug",
            "title",
            "description",
            "kind",
            "topic",
            "provider",
            "audience",
            "starts_at",
            "ends_at",
            "online",
            "location",
            "online_url",
            "organiser",
            "registration",
            "registration_url",
            "capacity",
            "sign_up_count",
            "themes",
            "areas",
            "is_cancelled",
            "source_type",
            "source_id",
            "source_url",
        ]


class ListingSerializer(serializers.ModelSerializer):
    themes = serializers.SlugRelatedField(many=True, slug_field="slug", read_only=True)
    areas = serializers.SlugRelatedField(many=True, slug_field="slug", read_only=True)
    organisation = _Slugs()

    class Meta:
        model = Listing
        fields = [
            "id",
            "kind",
            "category",
            "title",
            "description",
            "organisation",
            "themes",
            "areas",
            "citywide",
            "expires_on",
            "status",
            "created_at",
        ]


class StorySerializer(serializers.ModelSerializer):
    themes = serializers.SlugRelatedField(many=True, slug_field="slug", read_only=True)
    organisation = _Slugs()
    author = serializers.StringRelatedField()

    class Meta:
        model = Story
        fields = [
            "slug",
            "title",
            "medium",
            "body",
            "media_url",
            "author",
            "organisation",
            "themes",
            "published_at",
        ]


class LessonSerializer(serializers.ModelSerializer):
    themes = serializers.SlugRelatedField(many=True, slug_field="slug", read_only=True)
    areas = serializers.SlugRelatedField(many=True, slug_field="slug", read_only=True)

    class Meta:
        model = Lesson
        fields = [
            "slug",
            "title",
            "summary",
            "context",
            "what_worked",
            "what_did_not_work",
            "kind",
            "themes",
            "areas",
            "audiences",
            "evidence_level",
            "source_type",
            "source_id",
            "source_url",
            "status",
            "rejection_reason",
            "published_at",
            "version",
        ]


# --- Input -------------------------------------------------------------------------------------


def _themes():
    return SlugInput(many=True, slug_field="slug", queryset=Theme.objects.all(), required=False)


def _areas():
    return SlugInput(many=True, slug_field="slug", queryset=Area.objects.all(), required=False)


def _organisation(required=False):
    return SlugInput(
        slug_field="slug",
        queryset=Organisation.objects.filter(is_archived=False),
        required=required,
        allow_null=True,
    )


class NewsInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    summary = serializers.CharField(max_length=400)
    body = serializers.CharField()
    category = serializers.ChoiceField(choices=NewsItem.Category.choices)
    link = serializers.URLField(required=False, allow_blank=True, default="")
    organisation = _organisation()
    themes = _themes()


class ContentReasonInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class EventInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField()
    kind = serializers.ChoiceField(choices=Event.Kind.choices, default=Event.Kind.BIJEENKOMST)
    topic = serializers.ChoiceField(choices=Event.Topic.choices, required=False, default="")
    starts_at = DateTimeInput()
    ends_at = DateTimeInput()
    online = serializers.BooleanField(default=False)
    location = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    online_url = serializers.URLField(required=False, allow_blank=True, default="")
    organiser = _organisation()
    registration = serializers.ChoiceField(
        choices=Event.Registration.choices, default=Event.Registration.GEEN
    )
    registration_url = serializers.URLField(required=False, allow_blank=True, default="")
    capacity = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)
    themes = _themes()
    areas = _areas()


class ListingInputSerializer(serializers.Serializer):
    organisation = _organisation(required=True)
    kind = serializers.ChoiceField(choices=Listing.Kind.choices)
    category = serializers.ChoiceField(choices=Listing.Category.choices)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField()
    expires_on = serializers.DateField()
    themes = _themes()
    areas = _areas()
    citywide = serializers.BooleanField(default=False)


class MessageInputSerializer(serializers.Serializer):
    message = serializers.CharField(max_length=4000)


class StoryInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    body = serializers.CharField()
    medium = serializers.ChoiceField(choices=Story.Medium.choices, default=Story.Medium.BLOG)
    media_url = serializers.URLField(required=False, allow_blank=True, default="")
    organisation = _organisation()
    themes = _themes()


class StoryCommentInputSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=4000)


class LessonInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    summary = serializers.CharField()
    context = serializers.CharField(required=False, allow_blank=True, default="")
    what_worked = serializers.CharField(required=False, allow_blank=True, default="")
    what_did_not_work = serializers.CharField(required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=Lesson.Kind.choices, default=Lesson.Kind.INHOUDELIJK)
    evidence_level = serializers.ChoiceField(
        choices=Lesson.Evidence.choices, default=Lesson.Evidence.BESCHREVEN
    )
    audiences = serializers.ListField(
        child=serializers.ChoiceField(choices=Audience.choices), required=False, default=list
    )
    themes = _themes()
    areas = _areas()


# --- Viewsets ----------------------------------------------------------------------------------


def _input(serializer_class, request):
    if not request.user.is_authenticated:
        raise NotAuthenticated(_("Log in om dit te doen."))
    data = serializer_class(data=request.data)
    data.is_valid(raise_exception=True)
    return dict(data.validated_data)


def _lookup(fn, **kwargs):
    try:
        return fn(**kwargs)
    except (
        NewsItem.DoesNotExist,
        Event.DoesNotExist,
        Listing.DoesNotExist,
        Story.DoesNotExist,
        Lesson.DoesNotExist,
    ):
        raise Http404 from None


class NewsViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Published news. POST: a contentbeheerder writes (and publishes with ?publish=1); others suggest."""

    serializer_class = NewsItemSerializer
    filterset_class = NewsFilter
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"

    def get_queryset(self):
        return selectors.news_list(actor=self.request.user)

    def get_object(self):
        return _lookup(selectors.news_get, actor=self.request.user, slug=self.kwargs["slug"])

    @extend_schema(request=NewsInputSerializer, responses={201: NewsItemSerializer})
    def create(self, request):
        data = _input(NewsInputSerializer, request)
        if request.user.has_perm("atlas.publish_news"):
            item = services.news_create(
                actor=request.user, publish=request.query_params.get("publish") == "1", **data
            )
        else:
            item = services.news_suggest(actor=request.user, **data)
        return Response(NewsItemSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=NewsItemSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, slug=None):
        item = services.news_publish(actor=request.user, item=self.get_object())
        return Response(NewsItemSerializer(item).data)

    @extend_schema(request=ContentReasonInputSerializer, responses=NewsItemSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, slug=None):
        data = _input(ContentReasonInputSerializer, request)
        item = services.news_reject(
            actor=request.user, item=self.get_object(), reason=data["reason"]
        )
        return Response(NewsItemSerializer(item).data)


class EventViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The agenda (upcoming by default; ?when=voorbij for past events). POST adds an event."""

    serializer_class = EventSerializer
    filterset_class = EventFilter
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"

    def get_queryset(self):
        return selectors.event_list(actor=self.request.user)

    @extend_schema(request=EventInputSerializer, responses={201: EventSerializer})
    def create(self, request):
        event = services.event_create(actor=request.user, **_input(EventInputSerializer, request))
        return Response(EventSerializer(event).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={201: None})
    @action(detail=True, methods=["post"], url_path="sign-up")
    def sign_up(self, request, slug=None):
        if not request.user.is_authenticated:
            raise NotAuthenticated(_("Log in om u aan te melden."))
        services.event_sign_up(actor=request.user, event=self.get_object())
        return Response({"detail": _("U bent aangemeld.")}, status=status.HTTP_201_CREATED)


class ListingViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Open vraag en aanbod. POST places a listing for an organisation of which you are a member."""

    lookup_value_regex = "[0-9]+"
    serializer_class = ListingSerializer
    filterset_class = ListingFilter

    def get_queryset(self):
        return selectors.listing_list(actor=self.request.user)

    def get_object(self):
        return _lookup(selectors.listing_get, actor=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(request=ListingInputSerializer, responses={201: ListingSerializer})
    def create(self, request):
        listing = services.listing_create(
            actor=request.user, **_input(ListingInputSerializer, request)
        )
        return Response(ListingSerializer(listing).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=MessageInputSerializer, responses={201: None})
    @action(detail=True, methods=["post"])
    def respond(self, request, pk=None):
        data = _input(MessageInputSerializer, request)
        services.listing_respond(
            actor=request.user, listing=self.get_object(), message=data["message"]
        )
        return Response({"detail": _("Uw reactie is verstuurd.")}, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=ListingSerializer)
    @action(detail=True, methods=["post"])
    def fulfil(self, request, pk=None):
        return Response(
            ListingSerializer(
                services.listing_fulfil(actor=request.user, listing=self.get_object())
            ).data
        )

    @extend_schema(request=None, responses=ListingSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return Response(
            ListingSerializer(
                services.listing_withdraw(actor=request.user, listing=self.get_object())
            ).data
        )


class StoryViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Stories (HTML cleaned on the way in). POST shares a story."""

    serializer_class = StorySerializer
    filterset_class = StoryFilter
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"

    def get_queryset(self):
        return selectors.story_list(actor=self.request.user)

    def get_object(self):
        return _lookup(selectors.story_get, actor=self.request.user, slug=self.kwargs["slug"])

    @extend_schema(request=StoryInputSerializer, responses={201: StorySerializer})
    def create(self, request):
        story = services.story_create(actor=request.user, **_input(StoryInputSerializer, request))
        return Response(StorySerializer(story).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=StoryCommentInputSerializer, responses={201: None})
    @action(detail=True, methods=["post"])
    def comment(self, request, slug=None):
        data = _input(StoryCommentInputSerializer, request)
        comment = services.story_comment(
            actor=request.user, story=self.get_object(), body=data["body"]
        )
        return Response({"id": comment.pk, "body": comment.body}, status=status.HTTP_201_CREATED)


class LessonViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The kennisbank: published lessons. POST proposes one; contentbeheerders take it into
    redactie, publish or reject it."""

    serializer_class = LessonSerializer
    filterset_class = LessonFilter
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"

    def get_queryset(self):
        return selectors.lesson_list(actor=self.request.user)

    def get_object(self):
        return _lookup(selectors.lesson_get, actor=self.request.user, slug=self.kwargs["slug"])

    @extend_schema(request=LessonInputSerializer, responses={201: LessonSerializer})
    def create(self, request):
        lesson = services.lesson_propose(
            actor=request.user, **_input(LessonInputSerializer, request)
        )
        return Response(LessonSerializer(lesson).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=LessonSerializer)
    @action(detail=True, methods=["post"])
    def edit(self, request, slug=None):
        return Response(
            LessonSerializer(
                services.lesson_take_into_editing(actor=request.user, lesson=self.get_object())
            ).data
        )

    @extend_schema(request=None, responses=LessonSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, slug=None):
        return Response(
            LessonSerializer(
                services.lesson_publish(actor=request.user, lesson=self.get_object())
            ).data
        )

    @extend_schema(request=ContentReasonInputSerializer, responses=LessonSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, slug=None):
        data = _input(ContentReasonInputSerializer, request)
        lesson = services.lesson_reject(
            actor=request.user, lesson=self.get_object(), reason=data["reason"]
        )
        return Response(LessonSerializer(lesson).data)
