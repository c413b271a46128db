"""Writes to the DataStore: loading an uploaded file (as a background job), creating a table and
appending records through the API, deleting, and editing the data dictionary.

Every public service is keyword-only, checks that the actor may edit the dataset, and writes its
audit row (target: the resource) in the same transaction as the change.
"""

from .api import (
    datastore_create,
    datastore_create_with_resource,
    datastore_delete,
    datastore_records_delete,
)
from .common import MAX_LABEL, MAX_NOTES
from .dictionary import datastore_dictionary_update
from .loading import LOAD_JOB, datastore_load_job, datastore_schedule_load

__all__ = [
    "LOAD_JOB",
    "MAX_LABEL",
    "MAX_NOTES",
    "datastore_create",
    "datastore_create_with_resource",
    "datastore_delete",
    "datastore_dictionary_update",
    "datastore_load_job",
    "datastore_records_delete",
    "datastore_schedule_load",
]
