from rest_framework import serializers

from atlas.api.fields import DateTimeInput

from ..models import Action, LogEntry, Meeting, Residency, Signal, SignalResponse


class ResidencySerializer(serializers.ModelSerializer):
    deal = serializers.PrimaryKeyRelatedField(read_only=True)
    deal_title = serializers.CharField(source="deal.title", read_only=True)
    person = serializers.CharField(source="person.name", read_only=True)
    person_background = serializers.CharField(source="person.bio", read_only=True)
    on_behalf_of = serializers.CharField(source="sending_partner.organisation.name", read_only=True)
    at_location_of = serializers.CharField(source="host_partner.organisation.name", read_only=True)

    class Meta:
        model = Residency
        fields = [
            "id",
            "deal",
            "deal_title",
            "person",
            "person_background",
            "on_behalf_of",
            "at_location_of",
            "start_date",
            "end_date",
            "hours_per_week",
            "functions",
            "tasks",
            "learning_questions",
            "meeting_rhythm_weeks",
            "status",
            "sending_confirmed_at",
            "host_confirmed_at",
        ]


class LogEntrySerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.name", read_only=True, default="")

    class Meta:
        model = LogEntry
        fields = ["id", "residency", "kind", "date", "text", "author", "created_at"]


class LogEntryInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=LogEntry.Kind.choices, default=LogEntry.Kind.OBSERVATIE)
    date = serializers.DateField(required=False)
    text = serializers.CharField(max_length=4000)


class ActionSerializer(serializers.ModelSerializer):
    owner = serializers.CharField(source="owner.name", read_only=True)

    class Meta:
        model = Action
        fields = ["id", "meeting", "description", "owner", "due_date", "done_at"]


class MeetingSerializer(serializers.ModelSerializer):
    actions = ActionSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "residency",
            "starts_at",
            "location",
            "agenda",
            "notes",
            "status",
            "actions",
        ]


class MeetingInputSerializer(serializers.Serializer):
    starts_at = DateTimeInput()
    agenda = serializers.CharField(max_length=4000)
    location = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)


class SignalResponseSerializer(serializers.ModelSerializer):
    partner = serializers.CharField(source="partner.organisation.name", read_only=True)

    class Meta:
        model = SignalResponse
        fields = ["partner", "text", "closure", "created_at"]


class SignalSerializer(serializers.ModelSerializer):
    responses = SignalResponseSerializer(many=True, read_only=True)

    class Meta:
        model = Signal
        fields = [
            "id",
            "residency",
            "title",
            "description",
            "status",
            "closed_at",
            "knelpunt",
            "responses",
        ]


class SignalInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=4000)


class SignalResponseInputSerializer(serializers.Serializer):
    partner = serializers.IntegerField()
    text = serializers.CharField(max_length=4000)
    closure = serializers.ChoiceField(
        choices=SignalResponse.Closure.choices, required=False, default=""
    )
