"""Linked data for the open data portal (domain notes §2.4, docs/opendata-dcat.md).

- `graph`: DCAT-AP 3 rdflib graphs of a dataset and of a catalog page (ckanext-dcat's
  `euro_dcat_ap_3` mapping, Thai GD Catalog fields under `gdc:`, Hydra paging).
- `catalog`: which datasets a catalog page lists and the `page`/`modified_since` parameters.
- `formats`: the served serializations and `alternate_links()` for `<link rel="alternate">`.
- `schemaorg`: schema.org `Dataset` JSON-LD for Google Dataset Search.
- `views`: `/catalog.<fmt>` and `/dataset/<id or name>.<fmt>`.
"""

from .formats import alternate_links, catalog_alternate_links

__all__ = ["alternate_links", "catalog_alternate_links"]
