from rest_framework import serializers

from ..models import (
    CheckIn,
    Contribution,
    Deal,
    DealPartner,
    DealTheme,
    Intake,
    IntakeCommitment,
    IntakeInvolvement,
    IntakeStep,
    Knelpunt,
    Milestone,
    PlanVersion,
    ProcessAgreement,
    Result,
    Signature,
    Task,
)


class ContributionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Contribution
        fields = ["id", "kind", "description", "amount", "hours"]


class DealPartnerSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    organisation_type = serializers.CharField(source="organisation.type", read_only=True)
    contributions = ContributionSerializer(many=True, read_only=True)

    class Meta:
        model = DealPartner
        fields = [
            "id",
            "organisation",
            "organisation_name",
            "organisation_type",
            "role",
            "status",
            "contributions",
        ]


class TaskSerializer(serializers.ModelSerializer):
    class Meta:
        model = Task
        fields = ["id", "partner", "title", "owner", "due_date", "done"]


class ResultSerializer(serializers.ModelSerializer):
    class Meta:
        model = Result
        fields = ["id", "title", "indicator", "indicator_kind", "baseline", "target", "target_text"]


class AgreementSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProcessAgreement
        fields = [
            "id",
            "kind",
            "description",
            "schouw_frequency",
            "schouw_setting",
            "schouw_peers",
            "schouw_reporter",
        ]


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Milestone
        fields = ["id", "title", "due_date", "reached"]


class SignatureSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="partner.organisation.name", read_only=True)

    class Meta:
        model = Signature
        fields = ["partner", "organisation", "carried_over", "created_at"]


class PlanVersionSerializer(serializers.ModelSerializer):
    signatures = SignatureSerializer(many=True, read_only=True)

    class Meta:
        model = PlanVersion
        fields = ["number", "change_note", "created_at", "signed_at", "signatures", "snapshot"]


class DealListSerializer(serializers.ModelSerializer):
    themes = serializers.SlugRelatedField(many=True, slug_field="slug", read_only=True)
    areas = serializers.SlugRelatedField(many=True, slug_field="slug", read_only=True)
    partners = serializers.SerializerMethodField()

    class Meta:
        model = Deal
        fields = [
            "id",
            "title",
            "summary",
            "status",
            "themes",
            "areas",
            "citywide",
            "closed_at",
            "partners",
        ]

    def get_partners(self, deal) -> list[str]:
        return [
            p.organisation.name
            for p in deal.partners.all()
            if p.status == DealPartner.Status.GEACCEPTEERD
        ]


class DealDetailSerializer(DealListSerializer):
    partners = serializers.SerializerMethodField()
    tasks = TaskSerializer(many=True, read_only=True)
    results = ResultSerializer(many=True, read_only=True)
    agreements = AgreementSerializer(many=True, read_only=True)
    milestones = MilestoneSerializer(many=True, read_only=True)
    versions = PlanVersionSerializer(many=True, read_only=True)

    class Meta(DealListSerializer.Meta):
        fields = [
            *DealListSerializer.Meta.fields,
            "paused_from",
            "status_note",
            "proposal",
            "toetsing_method",
            "toetsing_findings",
            "toetsing_risks",
            "toetsing_skipped",
            "toetsing_skip_reason",
            "financial_form",
            "funding_source",
            "started_at",
            "ended_at",
            "kickoff_at",
            "kickoff_location",
            "follow_up_of",
            "tasks",
            "results",
            "agreements",
            "milestones",
            "versions",
        ]

    def get_partners(self, deal) -> list[dict]:
        request = self.context.get("request")
        partners = deal.partners.all()
        if request is None or not request.user.has_perm("deals.view_deal_internals", deal):
            partners = [p for p in partners if p.status == DealPartner.Status.GEACCEPTEERD]
        return DealPartnerSerializer(partners, many=True).data


class CheckInSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="partner.organisation.name", read_only=True)

    class Meta:
        model = CheckIn
        fields = [
            "id",
            "partner",
            "organisation",
            "period",
            "status",
            "note",
            "values",
            "created_at",
        ]


class KnelpuntSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="partner.organisation.name", read_only=True)

    class Meta:
        model = Knelpunt
        fields = [
            "id",
            "deal",
            "partner",
            "organisation",
            "category",
            "title",
            "description",
            "effect",
            "status",
            "resolution",
            "forwarded_at",
            "created_at",
        ]


class DealThemeSerializer(serializers.ModelSerializer):
    theme = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    theme_name = serializers.CharField(source="theme.name", read_only=True)

    class Meta:
        model = DealTheme
        fields = [
            "id",
            "theme",
            "theme_name",
            "priority",
            "period_start",
            "period_end",
            "description",
            "akkoord",
            "akkoord_url",
            "source",
        ]


class IntakeSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    involvements = serializers.SerializerMethodField()
    commitments = serializers.SerializerMethodField()
    steps = serializers.SerializerMethodField()

    class Meta:
        model = Intake
        fields = [
            "id",
            "kind",
            "title",
            "description",
            "organisation",
            "status",
            "triage_note",
            "deal",
            "instrument",
            "involvements",
            "commitments",
            "steps",
            "created_at",
        ]

    def get_involvements(self, intake) -> list[dict]:
        return [
            {"kind": i.kind, "name": i.name}
            for i in IntakeInvolvement.objects.filter(intake=intake)
        ]

    def get_commitments(self, intake) -> list[dict]:
        return [
            {"who": c.who, "what": c.what} for c in IntakeCommitment.objects.filter(intake=intake)
        ]

    def get_steps(self, intake) -> list[dict]:
        return [
            {"text": s.text, "at": s.created_at} for s in IntakeStep.objects.filter(intake=intake)
        ]


# --- Input --------------------------------------------------------------------------------------


class DealCreateInput(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    summary = serializers.CharField(max_length=4000)
    organisation = serializers.SlugField(help_text="Slug van de organisatie die aanjager is.")
    themes = serializers.ListField(child=serializers.SlugField(), required=False, default=list)
    areas = serializers.ListField(child=serializers.SlugField(), required=False, default=list)
    citywide = serializers.BooleanField(required=False, default=False)
    proposal = serializers.DictField(
        child=serializers.CharField(allow_blank=True), required=False, default=dict
    )


class ReasonInput(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class MethodInput(serializers.Serializer):
    method = serializers.ChoiceField(choices=Deal.ToetsingMethod.choices)


class FinishInput(serializers.Serializer):
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    follow_up_title = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )


class InviteInput(serializers.Serializer):
    organisation = serializers.SlugField()
    role = serializers.ChoiceField(
        choices=DealPartner.Role.choices, default=DealPartner.Role.PARTNER
    )


class PartnerInput(serializers.Serializer):
    partner = serializers.IntegerField()


class SignInput(PartnerInput):
    version = serializers.IntegerField(required=False, allow_null=True, default=None)


class VersionInput(serializers.Serializer):
    change_note = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, default=""
    )


class CheckInInput(PartnerInput):
    status = serializers.ChoiceField(choices=CheckIn.Status.choices)
    note = serializers.CharField(max_length=1500, required=False, allow_blank=True, default="")
    values = serializers.DictField(
        child=serializers.CharField(allow_blank=True), required=False, default=dict
    )


class KnelpuntInput(PartnerInput):
    category = serializers.ChoiceField(choices=Knelpunt.Category.choices)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=4000)
    effect = serializers.CharField(max_length=2000)


class NoteInput(serializers.Serializer):
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class IntakeInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Intake.Kind.choices, default=Intake.Kind.IDEE)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=4000)
    organisation = serializers.SlugField(required=False, allow_blank=True, default="")
