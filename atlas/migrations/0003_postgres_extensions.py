from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("atlas", "0002_initial"),
    ]

    operations = [
        TrigramExtension(),
        UnaccentExtension(),
    ]
