from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UsageConfig(AppConfig):
    name = "thongthin.opendata.usage"
    label = "opendata_usage"
    verbose_name = _("สถิติการใช้ข้อมูลเปิด")
