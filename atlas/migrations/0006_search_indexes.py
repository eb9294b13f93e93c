"""Indexes that let the atlas search and the kennisbank search scale with the city.

- ``reisgids_unaccent``: unaccent is only STABLE, so expressions using it cannot be indexed;
  this IMMUTABLE wrapper (with the dictionary named) can.
- A GIN index on each searched table's weighted full-text document and a trigram GIN index on
  its name (without accents, in capitals): the three conditions of ``search_filter`` (full text,
  word similarity, contains) each use one. The expressions come from the selectors, so the
  indexes hold exactly what the queries compute.
- ``pg_trgm.word_similarity_threshold``: the trigram operator's threshold, set for this database
  to the search's own (``TRIGRAM_THRESHOLD``).
"""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION reisgids_unaccent(text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$
"""

THRESHOLD = """
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET pg_trgm.word_similarity_threshold = 0.5', current_database());
    SET pg_trgm.word_similarity_threshold = 0.5;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'No right to set pg_trgm.word_similarity_threshold; the search uses the default 0.6.';
END
$$
"""

# (model, name field, FilterSet holding the search fields, short name)
SEARCHED = [
    ("Organisation", "name", "OrganisationFilter", "org"),
    ("ContactPoint", "name", "ContactPointFilter", "cp"),
    ("Lesson", "title", "LessonFilter", "lesson"),
]


def _indexes():
    from atlas import filters
    from atlas.selectors.directory import search_name, search_vector

    for model_name, name_field, filter_name, short in SEARCHED:
        fields = getattr(filters, filter_name).search_fields
        yield model_name, GinIndex(search_vector(fields), name=f"atlas_{short}_search_gin")
        yield (
            model_name,
            GinIndex(OpClass(search_name(name_field), name="gin_trgm_ops"), name=f"atlas_{short}_name_trgm"),
        )


def create(apps, schema_editor):
    for model_name, index in _indexes():
        schema_editor.execute(index.create_sql(apps.get_model("atlas", model_name), schema_editor))


def drop(apps, schema_editor):
    for _model_name, index in _indexes():
        schema_editor.execute(f'DROP INDEX IF EXISTS "{index.name}"')


class Migration(migrations.Migration):
    dependencies = [("atlas", "0005_network_content")]

    operations = [
        migrations.RunSQL(FUNCTION, "DROP FUNCTION IF EXISTS reisgids_unaccent(text)"),
        migrations.RunSQL(THRESHOLD, migrations.RunSQL.noop),
        migrations.RunPython(create, drop),
    ]
