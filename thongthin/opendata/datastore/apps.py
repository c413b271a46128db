from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


class DatastoreConfig(AppConfig):
    name = "thongthin.opendata.datastore"
    label = "datastore"
    verbose_name = _("คลังข้อมูลตาราง (DataStore)")

    def ready(self) -> None:
        from .models import DatastoreTable
        from .signals import drop_tables_of_deleted_record

        post_delete.connect(
            drop_tables_of_deleted_record,
            sender=DatastoreTable,
            dispatch_uid="datastore.drop_tables_of_deleted_record",
        )
