from django.db import migrations


def create_defaults(apps, schema_editor):
    from deals.constants import TEMPLATE_ELEMENTS

    Element = apps.get_model("deals", "DealTemplateElement")
    for position, (key, label, help_text, required) in enumerate(TEMPLATE_ELEMENTS):
        Element.objects.get_or_create(
            key=key, defaults={"label": label, "help_text": help_text, "required": required, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("deals", "0001_initial")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
