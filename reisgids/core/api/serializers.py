from rest_framework import serializers

from ..models import User
from ..permissions import role_names


class MeSerializer(serializers.ModelSerializer):
    roles = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "email", "name", "preferred_language", "roles"]

    def get_roles(self, user) -> list[str]:
        return sorted(role_names(user))
