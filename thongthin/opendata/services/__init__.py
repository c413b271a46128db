"""Writes for the catalog: datasets and resources (datasets.py), organizations and their members
(organizations.py), API tokens (tokens.py)."""
