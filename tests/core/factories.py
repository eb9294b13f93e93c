"""factory_boy factories for people and their roles; tests create data only through these."""

import factory
from django.contrib.auth.models import Group

from reisgids.core.models import User

PASSWORD = "een-goed-wachtwoord-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.org")
    name = factory.Faker("name", locale="nl_NL")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or []:
            self.groups.add(Group.objects.get_or_create(name=str(role))[0])
        if create:
            self.save()
