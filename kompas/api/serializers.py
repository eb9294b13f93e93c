from rest_framework import serializers

from ..models import (
    AgendaItem,
    ChangeType,
    Comment,
    Edition,
    Evidence,
    MonitoringEntry,
    Priority,
    Proposal,
)


class EvidenceSerializer(serializers.ModelSerializer):
    theme = serializers.CharField(source="theme.name", default="", read_only=True)

    class Meta:
        model = Evidence
        fields = ["id", "kind", "change_type", "theme", "title", "url", "detail", "found_at"]


class MonitoringEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = MonitoringEntry
        fields = ["id", "date", "status", "observation", "next_due"]


class AgendaItemSerializer(serializers.ModelSerializer):
    gremium = serializers.CharField(source="gremium.name", read_only=True)
    monitoring = MonitoringEntrySerializer(many=True, read_only=True)

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "gremium",
            "date",
            "outcome",
            "reasons",
            "actions",
            "decided_at",
            "monitor_indicator",
            "monitor_who",
            "monitor_due",
            "monitoring",
        ]


class CommentSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.name", read_only=True)

    class Meta:
        model = Comment
        fields = ["id", "author", "voice", "body", "created_at"]


class ProposalSerializer(serializers.ModelSerializer):
    theme = serializers.CharField(source="theme.name", default="", read_only=True)
    evidence = EvidenceSerializer(many=True, read_only=True)
    comments = CommentSerializer(many=True, read_only=True)
    agenda_items = AgendaItemSerializer(many=True, read_only=True)
    endorsements = serializers.SerializerMethodField()
    co_authors = serializers.SerializerMethodField()

    class Meta:
        model = Proposal
        fields = [
            "id",
            "title",
            "change_type",
            "theme",
            "problem",
            "proposed_change",
            "intended_effect",
            "owner",
            "co_authors",
            "evidence",
            "comments",
            "endorsements",
            "agenda_items",
        ]

    def get_endorsements(self, obj) -> int:
        return len(obj.endorsements.all())

    def get_co_authors(self, obj) -> list[str]:
        return [str(u) for u in obj.co_authors.all()]


class PrioritySerializer(serializers.ModelSerializer):
    theme = serializers.CharField(source="theme.name", read_only=True)

    class Meta:
        model = Priority
        fields = ["theme", "level", "rationale"]


class EditionListSerializer(serializers.ModelSerializer):
    class Meta:
        model = Edition
        fields = ["id", "title", "status", "period_start", "period_end", "adopted_at"]


class EditionDetailSerializer(serializers.ModelSerializer):
    """Open editions show the live content; adopted ones also carry their frozen snapshot."""

    proposals = ProposalSerializer(many=True, read_only=True)
    priorities = PrioritySerializer(many=True, read_only=True)
    adopted_by = serializers.CharField(
        source="adopted_by.name", default=None, read_only=True, allow_null=True
    )

    class Meta:
        model = Edition
        fields = [
            "id",
            "title",
            "status",
            "period_start",
            "period_end",
            "summary",
            "adopted_at",
            "adopted_by",
            "feedback",
            "new_rules",
            "feedback_published_at",
            "proposals",
            "priorities",
            "snapshot",
        ]


class ProposalInput(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    change_type = serializers.ChoiceField(choices=ChangeType.choices)
    problem = serializers.CharField(max_length=8000)
    proposed_change = serializers.CharField(
        max_length=8000, required=False, default="", allow_blank=True
    )
    intended_effect = serializers.CharField(
        max_length=4000, required=False, default="", allow_blank=True
    )
    owner = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)


class ProposalRefInput(serializers.Serializer):
    proposal = serializers.IntegerField()


class CommentInput(ProposalRefInput):
    body = serializers.CharField(max_length=4000)


class AgendaItemInput(ProposalRefInput):
    gremium = serializers.IntegerField()
    date = serializers.DateField()


class DecisionInput(serializers.Serializer):
    agenda_item = serializers.IntegerField()
    outcome = serializers.ChoiceField(choices=AgendaItem.Outcome.choices)
    reasons = serializers.CharField(max_length=4000)
    actions = serializers.CharField(max_length=4000, required=False, default="", allow_blank=True)
    monitor_indicator = serializers.CharField(
        max_length=300, required=False, default="", allow_blank=True
    )
    monitor_who = serializers.CharField(
        max_length=200, required=False, default="", allow_blank=True
    )
    monitor_due = serializers.DateField(required=False, allow_null=True, default=None)


class MonitoringInput(serializers.Serializer):
    agenda_item = serializers.IntegerField()
    date = serializers.DateField()
    status = serializers.ChoiceField(choices=MonitoringEntry.Status.choices)
    observation = serializers.CharField(max_length=4000)
    next_due = serializers.DateField(required=False, allow_null=True, default=None)


class FeedbackInput(serializers.Serializer):
    feedback = serializers.CharField(max_length=8000)
    new_rules = serializers.CharField(max_length=8000, required=False, default="", allow_blank=True)
