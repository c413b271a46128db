from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "thongthin.opendata.awards"
    label = "opendata_awards"
    verbose_name = _("รางวัลข้อมูลเปิด")
