"""The search index of the database backend (thongthin/opendata/search/): the document,
facet-value, facet and facet-count tables, then what only one database has — on SQLite the FTS5
table and the trigger that deletes its rows with their documents; on PostgreSQL the weighted
tsvector column and its GIN index, and the facet value ids as an array column."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

SQLITE = [
    # Words are already cut (Thai segmented, lower-cased) and separated by single spaces: the
    # ascii tokenizer splits on them without cutting again, and keeps dots ("pm2.5", "อบต.").
    # detail=column: no positions (no phrase queries), but column filters work.
    """
    CREATE VIRTUAL TABLE opendata_searchfts USING fts5(
        title_words, tags_words, notes_words, other_words,
        tokenize="ascii tokenchars '.'", detail=column
    )
    """,
    """
    CREATE TRIGGER opendata_searchdocument_fts_delete AFTER DELETE ON opendata_searchdocument
    BEGIN
        DELETE FROM opendata_searchfts WHERE rowid = old.id;
    END
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS opendata_searchdocument_fts_delete",
    "DROP TABLE IF EXISTS opendata_searchfts",
]
POSTGRESQL = [
    "ALTER TABLE opendata_searchdocument ADD COLUMN document tsvector NOT NULL DEFAULT ''",
    # The document's facet value ids: counting them needs no join (SQLite uses the facet table).
    "ALTER TABLE opendata_searchdocument ADD COLUMN facet_ids bigint[] NOT NULL DEFAULT '{}'",
    # fastupdate off: no pending list for searches to scan after a bulk load.
    "CREATE INDEX opendata_sd_document ON opendata_searchdocument USING gin (document) "
    "WITH (fastupdate = off)",
    # Rows up to 8 kB stay uncompressed in the table: ranking reads the words of every match.
    "ALTER TABLE opendata_searchdocument SET (toast_tuple_target = 8160)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS opendata_sd_document",
    "ALTER TABLE opendata_searchdocument DROP COLUMN IF EXISTS document",
    "ALTER TABLE opendata_searchdocument DROP COLUMN IF EXISTS facet_ids",
]


def _run(statements):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ('opendata', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchDocument',
            fields=[
                ('id', models.BigAutoField(primary_key=True, serialize=False)),
                ('name', models.CharField(max_length=100)),
                ('title', models.CharField(max_length=500)),
                ('state', models.CharField(max_length=10)),
                ('private', models.BooleanField()),
                ('type', models.CharField(max_length=50)),
                ('owner_org_id', models.CharField(max_length=36)),
                ('organization', models.CharField(max_length=100)),
                ('license_id', models.CharField(max_length=100)),
                ('data_type', models.CharField(max_length=100)),
                ('data_category', models.CharField(max_length=100)),
                ('metadata_created', models.DateTimeField()),
                ('metadata_modified', models.DateTimeField()),
                ('indexed_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('dataset', models.OneToOneField(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='search_document', to='opendata.dataset')),
            ],
        ),
        migrations.CreateModel(
            name='SearchFacetCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('value_id', models.BigIntegerField()),
                ('state', models.CharField(max_length=10)),
                ('private', models.BooleanField()),
                ('owner_org_id', models.CharField(max_length=36)),
                ('total', models.IntegerField()),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('value_id', 'state', 'private', 'owner_org_id'), name='opendata_sfc_bucket')],
            },
        ),
        migrations.CreateModel(
            name='SearchFacetValue',
            fields=[
                ('id', models.BigAutoField(primary_key=True, serialize=False)),
                ('field', models.CharField(max_length=20)),
                ('value', models.CharField(max_length=300)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('field', 'value'), name='opendata_sfv_unique')],
            },
        ),
        migrations.CreateModel(
            name='SearchFacet',
            fields=[
                ('pk', models.CompositePrimaryKey('document_id', 'value_id', blank=True, editable=False, primary_key=True, serialize=False)),
                ('document', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='facets', to='opendata.searchdocument')),
                ('value', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='opendata.searchfacetvalue')),
            ],
        ),
        migrations.AddIndex(
            model_name='searchdocument',
            index=models.Index(fields=['metadata_modified'], name='opendata_sd_modified'),
        ),
        migrations.AddIndex(
            model_name='searchdocument',
            index=models.Index(fields=['metadata_created'], name='opendata_sd_created'),
        ),
        migrations.AddIndex(
            model_name='searchdocument',
            index=models.Index(fields=['name'], name='opendata_sd_name'),
        ),
        migrations.AddIndex(
            model_name='searchdocument',
            index=models.Index(fields=['organization'], name='opendata_sd_org'),
        ),
        migrations.AddIndex(
            model_name='searchdocument',
            index=models.Index(fields=['owner_org_id'], name='opendata_sd_owner_org'),
        ),
        migrations.AddIndex(
            model_name='searchfacet',
            index=models.Index(fields=['value', 'document'], name='opendata_sf_value'),
        ),
            migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
    ]
