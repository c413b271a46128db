"""A datastore table's rows live outside the ORM: when its record goes (the resource or the
dataset was purged and the delete cascaded), the table is dropped once that delete commits."""

from __future__ import annotations

import logging
from typing import Any

from django.db import DatabaseError, transaction

from . import tables
from .models import DatastoreTable

logger = logging.getLogger(__name__)


def drop_tables_of_deleted_record(sender: Any, instance: DatastoreTable, **kwargs: Any) -> None:
    names = {n for n in (instance.table_name, instance.loading_table) if n}

    def drop() -> None:
        for name in names:
            try:
                tables.drop_table(name)
            except DatabaseError:
                logger.exception("datastore: could not drop %s", name)

    if names:
        transaction.on_commit(drop)
