"""What the directory tells other apps, sent after the change has committed."""

from __future__ import annotations

from django.dispatch import Signal

# Sent after a DLA import that created, updated, re-coded or retired LAOs commits. Keyword
# argument: report (services.ImportReport). The open data portal keeps its LAO organizations in
# step from it.
laos_imported = Signal()
