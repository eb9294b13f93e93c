from rest_framework import serializers

from ..models import Area, Membership, Organisation, Theme


class ThemeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Theme
        fields = ["slug", "name"]


class AreaSerializer(serializers.ModelSerializer):
    gebied = serializers.SlugRelatedField(source="parent", slug_field="slug", read_only=True)

    class Meta:
        model = Area
        fields = ["slug", "name", "kind", "gebied", "latitude", "longitude"]


class OrganisationSerializer(serializers.ModelSerializer):
    themes = ThemeSerializer(many=True, read_only=True)
    areas = serializers.SlugRelatedField(many=True, slug_field="slug", read_only=True)

    class Meta:
        model = Organisation
        fields = ["slug", "name", "type", "description", "website", "themes", "areas", "citywide", "is_verified"]


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
    role = serializers.ChoiceField(choices=Membership.Role.choices, required=False, default=Membership.Role.LID)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
