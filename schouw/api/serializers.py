from django.urls import reverse
from rest_framework import serializers

from reisgids.core.images import name_by_content

from ..models import (
    Advice,
    Appraisal,
    CommitmentCheck,
    Criterion,
    Lesson,
    Observation,
    Participant,
    SchouwRound,
)
from ..workflow import STEPS_BY_SLUG


class SchouwRoundSerializer(serializers.ModelSerializer):
    deal_title = serializers.CharField(source="deal.title", read_only=True)

    class Meta:
        model = SchouwRound
        fields = [
            "id",
            "deal",
            "deal_title",
            "title",
            "status",
            "setting",
            "starts_on",
            "ends_on",
            "location",
            "appraisals_revealed",
            "finished_at",
            "published_at",
        ]


class ParticipantSerializer(serializers.ModelSerializer):
    on_behalf_of = serializers.CharField(
        source="partner.organisation.name", read_only=True, default=""
    )
    has_consented = serializers.SerializerMethodField()
    has_submitted = serializers.SerializerMethodField()

    class Meta:
        model = Participant
        fields = ["id", "kind", "name", "on_behalf_of", "has_consented", "has_submitted"]

    def get_has_consented(self, obj) -> bool:
        return not obj.is_guest or obj.consent_at is not None

    def get_has_submitted(self, obj) -> bool:
        return obj.appraisals_submitted_at is not None


class ObservationSerializer(serializers.ModelSerializer):
    participant = serializers.CharField(source="participant.name", read_only=True)
    photo = serializers.SerializerMethodField()

    def get_photo(self, observation) -> str | None:
        """The permission-checked page address of the photo; photos have no public media URL."""
        if not observation.photo:
            return None
        return reverse(
            "schouw:observation-photo", kwargs={"pk": observation.round_id, "opk": observation.pk}
        )

    class Meta:
        model = Observation
        fields = [
            "id",
            "participant",
            "text",
            "tone",
            "photo",
            "latitude",
            "longitude",
            "created_at",
        ]


class ObservationInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=4000)
    tone = serializers.ChoiceField(choices=Observation.Tone.choices)
    photo = serializers.ImageField(required=False)
    latitude = serializers.DecimalField(
        max_digits=8, decimal_places=5, required=False, min_value=-90, max_value=90
    )
    longitude = serializers.DecimalField(
        max_digits=8, decimal_places=5, required=False, min_value=-180, max_value=180
    )

    def validate_photo(self, photo):
        return name_by_content(photo)


class CriterionSerializer(serializers.ModelSerializer):
    party = serializers.CharField(source="partner.organisation.name", read_only=True)

    class Meta:
        model = Criterion
        fields = ["id", "partner", "party", "name", "description", "commitment", "agreed_at"]


class CommitmentCheckSerializer(serializers.ModelSerializer):
    party = serializers.CharField(source="partner.organisation.name", read_only=True)

    class Meta:
        model = CommitmentCheck
        fields = ["partner", "party", "verdict", "explanation"]


class AppraisalSerializer(serializers.ModelSerializer):
    participant = serializers.CharField(source="participant.name", read_only=True)

    class Meta:
        model = Appraisal
        fields = ["id", "criterion", "participant", "level", "explanation"]


class AppraisalInputSerializer(serializers.Serializer):
    criterion = serializers.IntegerField()
    level = serializers.ChoiceField(choices=Appraisal.Level.choices)
    explanation = serializers.CharField(max_length=4000)


class AdviceSerializer(serializers.ModelSerializer):
    party = serializers.CharField(source="partner.organisation.name", read_only=True)

    class Meta:
        model = Advice
        fields = ["partner", "party", "text"]


class DiscussionSerializer(serializers.ModelSerializer):
    advices = AdviceSerializer(many=True, read_only=True)

    class Meta:
        model = SchouwRound
        fields = [
            "went_well",
            "to_learn",
            "wider_interest",
            "next_steps",
            "plan_version_number",
            "advices",
        ]


class LessonSerializer(serializers.ModelSerializer):
    class Meta:
        model = Lesson
        fields = ["id", "kind", "title", "body", "audiences", "for_wide_audience", "kennisbank"]


class TransitionInputSerializer(serializers.Serializer):
    step = serializers.ChoiceField(choices=list(STEPS_BY_SLUG))
