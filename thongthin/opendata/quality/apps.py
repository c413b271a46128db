from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    name = "thongthin.opendata.quality"
    label = "opendata_quality"
    verbose_name = _("คุณภาพชุดข้อมูลเปิด")
