from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "thongthin.opendata"
    label = "opendata"
    verbose_name = _("ข้อมูลเปิดภาครัฐ")

    def ready(self) -> None:
        from thongthin.directory.signals import laos_imported

        laos_imported.connect(_sync_organizations, dispatch_uid="opendata.laos_imported")


def _sync_organizations(sender: Any, **kwargs: Any) -> None:
    """A DLA import committed: new LAOs get their organization, renamed ones a new title (in the
    background: one pass over every LAO)."""
    from thongthin.core import jobs

    jobs.enqueue("opendata.organizations.sync")
