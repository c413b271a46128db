from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

BANGKOK_DLA_CODE = "1100000"
"""Bangkok is not in DLA's registry. Its stable code here follows DLA's pattern T PP DD NN with
the type digit 1, which DLA never uses, and province 10: 1 10 00 00."""


class Region(models.TextChoices):
    NORTH = "north", _("ภาคเหนือ")
    CENTRAL = "central", _("ภาคกลาง")
    NORTHEAST = "northeast", _("ภาคตะวันออกเฉียงเหนือ")
    WEST = "west", _("ภาคตะวันตก")
    EAST = "east", _("ภาคตะวันออก")
    SOUTH = "south", _("ภาคใต้")


class Province(models.Model):
    code = models.CharField(_("รหัสจังหวัด"), max_length=2, unique=True)
    name_th = models.CharField(_("ชื่อ (ไทย)"), max_length=100)
    name_en = models.CharField(_("ชื่อ (อังกฤษ)"), max_length=100)
    region = models.CharField(_("ภาค"), max_length=20, choices=Region.choices)

    class Meta:
        ordering = ["name_th"]
        verbose_name = _("จังหวัด")
        verbose_name_plural = _("จังหวัด")

    def __str__(self) -> str:
        return self.name_th


class District(models.Model):
    code = models.CharField(_("รหัสอำเภอ"), max_length=4, unique=True)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="districts")
    name_th = models.CharField(_("ชื่อ (ไทย)"), max_length=100)
    name_en = models.CharField(_("ชื่อ (อังกฤษ)"), max_length=100)

    class Meta:
        ordering = ["name_th"]
        verbose_name = _("อำเภอ")
        verbose_name_plural = _("อำเภอ")

    def __str__(self) -> str:
        return self.name_th


class SubDistrict(models.Model):
    code = models.CharField(_("รหัสตำบล"), max_length=6, unique=True)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="sub_districts")
    name_th = models.CharField(_("ชื่อ (ไทย)"), max_length=100)
    name_en = models.CharField(_("ชื่อ (อังกฤษ)"), max_length=100)
    zip_code = models.CharField(_("รหัสไปรษณีย์"), max_length=5, blank=True)

    class Meta:
        ordering = ["name_th"]
        verbose_name = _("ตำบล")
        verbose_name_plural = _("ตำบล")

    def __str__(self) -> str:
        return self.name_th


class LAOType(models.TextChoices):
    """The form of an LAO. Stored as its own field: DLA's code digit is not reliable for it."""

    PAO = "pao", _("องค์การบริหารส่วนจังหวัด")
    CITY_MUNICIPALITY = "city_municipality", _("เทศบาลนคร")
    TOWN_MUNICIPALITY = "town_municipality", _("เทศบาลเมือง")
    SUBDISTRICT_MUNICIPALITY = "subdistrict_municipality", _("เทศบาลตำบล")
    SAO = "sao", _("องค์การบริหารส่วนตำบล")
    SPECIAL = "special", _("ท้องถิ่นรูปแบบพิเศษ")


MUNICIPALITY_TYPES = frozenset(
    {LAOType.CITY_MUNICIPALITY, LAOType.TOWN_MUNICIPALITY, LAOType.SUBDISTRICT_MUNICIPALITY}
)
# How a display name is composed from the bare name (อบจ.เชียงใหม่, เทศบาลเมืองแม่เหียะ).
DISPLAY_PREFIX = {
    LAOType.PAO: "อบจ.",
    LAOType.CITY_MUNICIPALITY: "เทศบาลนคร",
    LAOType.TOWN_MUNICIPALITY: "เทศบาลเมือง",
    LAOType.SUBDISTRICT_MUNICIPALITY: "เทศบาลตำบล",
    LAOType.SAO: "อบต.",
    LAOType.SPECIAL: "",
}
FULL_PREFIX = {
    **DISPLAY_PREFIX,
    LAOType.PAO: "องค์การบริหารส่วนจังหวัด",
    LAOType.SAO: "องค์การบริหารส่วนตำบล",
}
# Order in listings: larger forms first.
TYPE_ORDER = [
    LAOType.SPECIAL,
    LAOType.PAO,
    LAOType.CITY_MUNICIPALITY,
    LAOType.TOWN_MUNICIPALITY,
    LAOType.SUBDISTRICT_MUNICIPALITY,
    LAOType.SAO,
]


class LAOStatus(models.TextChoices):
    ACTIVE = "active", _("ดำเนินการอยู่")
    MERGED = "merged", _("ควบรวมแล้ว")
    INACTIVE = "inactive", _("ไม่อยู่ในทะเบียนล่าสุด")


class LAO(models.Model):
    """A local administrative organization (อปท.)."""

    dla_code = models.CharField(_("รหัส อปท."), max_length=7, unique=True)
    former_codes = models.JSONField(_("รหัสเดิม"), default=list, blank=True)
    lao_type = models.CharField(_("ประเภท"), max_length=32, choices=LAOType.choices, db_index=True)
    name_th = models.CharField(_("ชื่อ"), max_length=150)
    display_name_th = models.CharField(_("ชื่อที่แสดง"), max_length=200, db_index=True)
    full_name_th = models.CharField(_("ชื่อเต็ม"), max_length=250)
    province = models.ForeignKey(
        Province, verbose_name=_("จังหวัด"), on_delete=models.PROTECT, related_name="laos"
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("อำเภอ"),
        on_delete=models.PROTECT,
        related_name="laos",
        null=True,
        blank=True,
    )
    district_name_th = models.CharField(_("ชื่ออำเภอ"), max_length=100, blank=True)
    lat = models.DecimalField(_("ละติจูด"), max_digits=10, decimal_places=7, null=True, blank=True)
    lon = models.DecimalField(_("ลองจิจูด"), max_digits=10, decimal_places=7, null=True, blank=True)
    area_km2 = models.DecimalField(
        _("พื้นที่ (ตร.กม.)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    # Contact details the LAO itself maintains.
    address = models.TextField(_("ที่อยู่สำนักงาน"), blank=True)
    phone = models.CharField(_("โทรศัพท์"), max_length=100, blank=True)
    website = models.URLField(_("เว็บไซต์"), max_length=300, blank=True)
    status = models.CharField(
        _("สถานะ"), max_length=16, choices=LAOStatus.choices, default=LAOStatus.ACTIVE
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("ควบรวมเข้ากับ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
    )
    # Normalized, lower-cased text used for matching (see directory/selectors.py).
    name_key = models.CharField(max_length=150, db_index=True, editable=False)
    search_key = models.TextField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["display_name_th"]
        verbose_name = _("องค์กรปกครองส่วนท้องถิ่น")
        verbose_name_plural = _("องค์กรปกครองส่วนท้องถิ่น")
        indexes = [models.Index(fields=["province", "lao_type"])]

    def __str__(self) -> str:
        return self.display_name_th

    @property
    def is_municipality(self) -> bool:
        return self.lao_type in MUNICIPALITY_TYPES

    @property
    def is_bangkok(self) -> bool:
        return self.dla_code == BANGKOK_DLA_CODE
