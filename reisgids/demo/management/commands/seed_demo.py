"""Load the demo: the report's parties, Rotterdam's gebieden and wijken, themes, one user per role.

Idempotent: running it again updates what it created and adds nothing twice.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from atlas.models import Area, Membership, Organisation, Theme
from reisgids.core.roles import Role
from reisgids.demo import (
    atlas_data,
    data,
    deals_data,
    kompas_data,
    network_data,
    residence_data,
    schouw_data,
)


class Command(BaseCommand):
    help = "Laad de demogegevens (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Alleen laden als er nog geen organisaties zijn.",
        )

    def handle(self, *args, if_empty=False, **options):
        for role in Role:
            Group.objects.get_or_create(name=role.value)
        if if_empty and Organisation.objects.exists():
            self.stdout.write("De database heeft al gegevens; demo niet opnieuw geladen.")
        else:
            with transaction.atomic():
                self.load()
                atlas_data.load()
                deals_data.load()
                network_data.load()
                kompas_data.load()
            self.stdout.write(self.style.SUCCESS("Demogegevens geladen."))
        self.print_accounts()

    def load(self):
        themes = self.load_themes()
        areas = self.load_areas()
        self.load_organisations(themes, areas)
        self.load_users()
        self.load_applicant()
        residence_data.load()
        schouw_data.load()

    def load_themes(self):
        themes = {}
        for name, description in data.THEMES:
            themes[name], _ = Theme.objects.update_or_create(
                slug=slugify(name), defaults={"name": name, "description": description}
            )
        return themes

    def load_areas(self):
        """The gebieden and their wijken, by name; a wijk named after its gebied gets its own
        slug, and the first wijk of a name is the one organisations are placed in."""
        areas = {}
        for gebied, (lat, lon, wijken) in data.AREAS.items():
            parent, _ = Area.objects.update_or_create(
                slug=slugify(gebied),
                defaults={
                    "name": gebied,
                    "kind": Area.Kind.GEBIED,
                    "parent": None,
                    "latitude": lat,
                    "longitude": lon,
                },
            )
            areas[gebied] = parent
            for wijk, wlat, wlon in wijken:
                slug = slugify(wijk) if wijk != gebied else f"{slugify(wijk)}-wijk"
                areas.setdefault(wijk, None)
                obj, _ = Area.objects.update_or_create(
                    slug=slug,
                    defaults={
                        "name": wijk,
                        "kind": Area.Kind.WIJK,
                        "parent": parent,
                        "latitude": wlat,
                        "longitude": wlon,
                    },
                )
                if areas[wijk] is None:
                    areas[wijk] = obj
        return areas

    def load_organisations(self, themes, areas):
        for (
            slug,
            name,
            type_,
            description,
            website,
            citywide,
            area_names,
            theme_words,
        ) in data.ORGANISATIONS:
            org, _ = Organisation.objects.update_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "type": type_,
                    "description": description,
                    "website": website,
                    "citywide": citywide,
                    "is_verified": True,
                },
            )
            org.areas.set(areas[a] for a in area_names)
            org.themes.set(
                t for n, t in themes.items() if any(n.startswith(w) for w in theme_words)
            )

    def load_users(self):
        """One user per role, a beheerder on the staff, members approved in their organisation."""
        User = get_user_model()
        for email, name, role, org_slug, org_role in data.USERS:
            user, created = User.objects.get_or_create(email=email, defaults={"name": name})
            if created:
                user.set_password(data.DEMO_PASSWORD)
                user.save()
            user.groups.add(Group.objects.get(name=role))
            if role == Role.BEHEERDER:
                user.is_staff = True
                user.save(update_fields=["is_staff"])
            if org_slug:
                Membership.objects.get_or_create(
                    user=user,
                    organisation=Organisation.objects.get(slug=org_slug),
                    status=Membership.Status.GOEDGEKEURD,
                    defaults={"role": org_role, "decided_at": timezone.now()},
                )

    def load_applicant(self):
        """A request that waits for Nora (netwerkmanager) or Iris (beheerder of the Logeerhuis)."""
        User = get_user_model()
        applicant, created = User.objects.get_or_create(
            email="nieuw@demo.reisgids.example", defaults={"name": "Noor Nieuwkomer"}
        )
        if created:
            applicant.set_password(data.DEMO_PASSWORD)
            applicant.save()
        applicant.groups.add(Group.objects.get(name=Role.INITIATIEFNEMER))
        Membership.objects.get_or_create(
            user=applicant,
            organisation=Organisation.objects.get(slug="logeerhuis-de-buren"),
            status=Membership.Status.AANGEVRAAGD,
            defaults={
                "motivation": "Ik ben vrijwilliger bij het logeerhuis en coördineer de respijtzorg."
            },
        )

    def print_accounts(self):
        self.stdout.write(f"\nDemo-accounts (wachtwoord voor allemaal: {data.DEMO_PASSWORD})")
        for email, _name, role, _org, _org_role in data.USERS:
            self.stdout.write(f"  {role:<17} {email}")
        self.stdout.write(f"  {'(aanvrager)':<17} nieuw@demo.reisgids.example")
