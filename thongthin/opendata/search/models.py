"""The search index kept by the database backend: one narrow row per dataset with the columns that
filters and sorts read, its facet values, and facet counts kept per visibility bucket.

The words themselves (segmented by `thongthin.core.text.tokenize`) live where each database
searches them, added by migration 0002_search_index outside Django's models:

- SQLite: the FTS5 table `opendata_searchfts` (rowid = `SearchDocument.id`; columns title_words,
  tags_words, notes_words, other_words, each holding distinct words between single spaces, with a
  space at each end) and a trigger that deletes its row with the document. Django re-creates a
  table on SQLite when a migration alters it, which drops its triggers: a later migration that
  alters `opendata_searchdocument` must re-create the trigger (tests/test_search.py checks it).
- PostgreSQL: the column `opendata_searchdocument.document`, a tsvector of the same words weighted
  A title, B tags, C description, D resources and the rest, under a GIN index.

Keeping the row narrow matters: a broad query ("ข้อมูล") reads most rows.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

__all__ = ["SearchDocument", "SearchFacet", "SearchFacetCount", "SearchFacetValue"]


class SearchDocument(models.Model):
    """A dataset as search sees it: what filters, sorts and visibility read."""

    id = models.BigAutoField(primary_key=True)
    # No cascade: a purged dataset's document stays until index_dataset/unindex_dataset runs
    # after the commit (as for every change), which also takes it out of the facet counts.
    dataset = models.OneToOneField(
        "opendata.Dataset",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="search_document",
    )
    name = models.CharField(max_length=100)
    title = models.CharField(max_length=500)  # sorted as CKAN's `title_string`
    state = models.CharField(max_length=10)
    private = models.BooleanField()
    type = models.CharField(max_length=50)
    owner_org_id = models.CharField(max_length=36)
    organization = models.CharField(max_length=100)  # the organization's name
    license_id = models.CharField(max_length=100)
    data_type = models.CharField(max_length=100)
    data_category = models.CharField(max_length=100)
    metadata_created = models.DateTimeField()
    metadata_modified = models.DateTimeField()
    indexed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["metadata_modified"], name="opendata_sd_modified"),
            models.Index(fields=["metadata_created"], name="opendata_sd_created"),
            models.Index(fields=["name"], name="opendata_sd_name"),
            models.Index(fields=["organization"], name="opendata_sd_org"),
            models.Index(fields=["owner_org_id"], name="opendata_sd_owner_org"),
        ]

    def __str__(self) -> str:
        return self.name


class SearchFacetValue(models.Model):
    """A facet value (tags=งบประมาณ, res_format=CSV...): facet rows and counts refer to it by a
    small integer, which databases count much faster than strings."""

    id = models.BigAutoField(primary_key=True)
    field = models.CharField(max_length=20)
    value = models.CharField(max_length=300)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["field", "value"], name="opendata_sfv_unique")
        ]

    def __str__(self) -> str:
        return f"{self.field}={self.value}"


class SearchFacet(models.Model):
    """A document has a facet value: organization, license_id, data_type and data_category (one
    each), tags, groups and res_format (any number)."""

    pk = models.CompositePrimaryKey("document_id", "value_id")
    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="facets")
    value = models.ForeignKey(SearchFacetValue, on_delete=models.CASCADE, related_name="+")

    class Meta:
        # The primary key (document, value) counts the values of a set of documents; this index
        # finds the documents of a value (fq=tags:...).
        indexes = [models.Index(fields=["value", "document"], name="opendata_sf_value")]

    def __str__(self) -> str:
        return f"{self.document_id}: {self.value_id}"


class SearchFacetCount(models.Model):
    """How many documents of a visibility bucket have a facet value; `value_id` 0 counts the
    documents themselves. Buckets: (state, private, owner_org_id), with owner_org_id "" for active
    public documents (everyone sees them, whatever their organization).

    Kept up to date by the backend as documents come and go, so that a query that matches most of
    what the caller may see (no words at all, or "ข้อมูล") counts its facets as "everything
    visible minus the few that do not match" instead of counting every facet row."""

    value_id = models.BigIntegerField()  # a SearchFacetValue, or 0
    state = models.CharField(max_length=10)
    private = models.BooleanField()
    owner_org_id = models.CharField(max_length=36)
    total = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["value_id", "state", "private", "owner_org_id"],
                name="opendata_sfc_bucket",
            )
        ]

    def __str__(self) -> str:
        return f"{self.value_id} [{self.state} {self.private} {self.owner_org_id}]: {self.total}"
