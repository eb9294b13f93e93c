from rest_framework import serializers

from ..models import (
    Agreement,
    Area,
    ContactPoint,
    Instrument,
    Membership,
    Network,
    NetworkGroup,
    Organisation,
    Service,
    Theme,
)


class ThemeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Theme
        fields = ["slug", "name"]


class AreaSerializer(serializers.ModelSerializer):
    gebied = serializers.SlugRelatedField(
        source="parent", slug_field="slug", read_only=True, allow_null=True
    )

    class Meta:
        model = Area
        fields = ["slug", "name", "kind", "gebied", "latitude", "longitude"]


class OrganisationSerializer(serializers.ModelSerializer):
    themes = ThemeSerializer(many=True, read_only=True)
    areas = serializers.SlugRelatedField(many=True, slug_field="slug", read_only=True)
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    logo = serializers.ImageField(read_only=True, use_url=True)

    class Meta:
        model = Organisation
        fields = [
            "slug",
            "name",
            "type",
            "description",
            "website",
            "email",
            "phone",
            "address",
            "themes",
            "areas",
            "citywide",
            "latitude",
            "longitude",
            "parent",
            "is_verified",
            "logo",
            "logo_alt",
            "relation_to_system",
            "delivery",
            "volunteer_dependency",
            "size",
            "life_stage",
            "looking_for",
            "offering",
        ]


class ServiceSerializer(serializers.ModelSerializer):
    areas = serializers.SlugRelatedField(many=True, slug_field="slug", read_only=True)

    class Meta:
        model = Service
        fields = ["id", "name", "description", "target_group", "areas", "url", "email"]


class OrganisationDetailSerializer(OrganisationSerializer):
    services = ServiceSerializer(many=True, read_only=True)

    class Meta(OrganisationSerializer.Meta):
        fields = [*OrganisationSerializer.Meta.fields, "services"]


class ContactPointSerializer(serializers.ModelSerializer):
    """Personal contact details (email, phone) only for logged-in callers."""

    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    themes = serializers.SlugRelatedField(many=True, slug_field="slug", read_only=True)
    areas = serializers.SlugRelatedField(many=True, slug_field="slug", read_only=True)

    class Meta:
        model = ContactPoint
        fields = [
            "id",
            "name",
            "function",
            "topic",
            "how_to_reach",
            "email",
            "phone",
            "organisation",
            "themes",
            "areas",
        ]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is None or not request.user.has_perm("atlas.view_contact_details"):
            data.pop("email")
            data.pop("phone")
        return data


class InstrumentSerializer(serializers.ModelSerializer):
    owner = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    themes = ThemeSerializer(many=True, read_only=True)
    contact_point = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Instrument
        fields = [
            "slug",
            "name",
            "purpose",
            "eligibility",
            "budget",
            "how_to_apply",
            "owner",
            "contact_point",
            "themes",
            "url",
        ]


class NetworkAgreementSerializer(serializers.ModelSerializer):
    signatories = serializers.SlugRelatedField(many=True, slug_field="slug", read_only=True)

    class Meta:
        model = Agreement
        fields = ["title", "description", "signed_on", "url", "signatories"]


class NetworkGroupSerializer(serializers.ModelSerializer):
    organisations = serializers.SlugRelatedField(many=True, slug_field="slug", read_only=True)
    theme = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = NetworkGroup
        fields = ["name", "kind", "description", "theme", "organisations"]


class NetworkSerializer(serializers.ModelSerializer):
    coordinator = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    themes = ThemeSerializer(many=True, read_only=True)

    class Meta:
        model = Network
        fields = ["slug", "name", "description", "website", "coordinator", "themes"]


class NetworkDetailSerializer(NetworkSerializer):
    organisations = serializers.SlugRelatedField(many=True, slug_field="slug", read_only=True)
    agreements = NetworkAgreementSerializer(many=True, read_only=True)
    groups = NetworkGroupSerializer(many=True, read_only=True)

    class Meta(NetworkSerializer.Meta):
        fields = [*NetworkSerializer.Meta.fields, "organisations", "agreements", "groups"]


class MembershipSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    user = serializers.CharField(source="user.name", read_only=True)

    class Meta:
        model = Membership
        fields = [
            "id",
            "user",
            "organisation",
            "role",
            "status",
            "motivation",
            "decided_at",
            "decision_note",
            "created_at",
        ]


class MembershipRequestInputSerializer(serializers.Serializer):
    organisation = serializers.SlugField()
    motivation = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class MembershipDecisionInputSerializer(serializers.Serializer):
    role = serializers.ChoiceField(
        choices=Membership.Role.choices, required=False, default=Membership.Role.LID
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
