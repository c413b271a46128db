from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DataRequestsConfig(AppConfig):
    name = "thongthin.opendata.datarequests"
    label = "datarequests"
    verbose_name = _("คำขอข้อมูลเปิด")
