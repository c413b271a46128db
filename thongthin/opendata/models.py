"""The catalog (CKAN's data model, with ids as UUID strings): organizations (every LAO and the
agencies), groups, tags, datasets with the Thai metadata, resources; API tokens; usage counters."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _uuid() -> str:
    return str(uuid.uuid4())


class State(models.TextChoices):
    ACTIVE = "active", _("ใช้งาน")
    DRAFT = "draft", _("ฉบับร่าง")
    DELETED = "deleted", _("ลบแล้ว")


class OrganizationKind(models.TextChoices):
    LAO = "lao", _("องค์กรปกครองส่วนท้องถิ่น")
    AGENCY = "agency", _("หน่วยงานภาครัฐ")


class Organization(models.Model):
    id = models.CharField(primary_key=True, max_length=36, default=_uuid, editable=False)
    name = models.SlugField(_("ชื่อใน URL"), max_length=100, unique=True)
    title = models.CharField(_("ชื่อ"), max_length=300)
    description = models.TextField(_("คำอธิบาย"), blank=True)
    image_url = models.CharField(max_length=500, blank=True)
    kind = models.CharField(
        max_length=10, choices=OrganizationKind.choices, default=OrganizationKind.AGENCY
    )
    lao = models.OneToOneField(
        "directory.LAO",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organization",
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.ACTIVE)
    created = models.DateTimeField(default=timezone.now)
    extras = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("องค์กรผู้เผยแพร่")
        verbose_name_plural = _("องค์กรผู้เผยแพร่")

    def __str__(self) -> str:
        return self.title


class Capacity(models.TextChoices):
    ADMIN = "admin", _("ผู้ดูแล")
    EDITOR = "editor", _("ผู้แก้ไข")
    MEMBER = "member", _("สมาชิก")


class OrganizationMember(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="org_memberships"
    )
    capacity = models.CharField(max_length=10, choices=Capacity.choices)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="org_member_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.capacity} {self.organization}"


class Group(models.Model):
    id = models.CharField(primary_key=True, max_length=36, default=_uuid, editable=False)
    name = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    image_url = models.CharField(max_length=500, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.ACTIVE)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Tag(models.Model):
    id = models.CharField(primary_key=True, max_length=36, default=_uuid, editable=False)
    name = models.CharField(max_length=100, unique=True)

    def __str__(self) -> str:
        return self.name


class Dataset(models.Model):
    """A CKAN package. Columns hold what is filtered and sorted; `thai` holds the rest of the GD
    Catalog metadata (returned as top-level keys), `extras` CKAN's free key/value pairs."""

    id = models.CharField(primary_key=True, max_length=36, default=_uuid, editable=False)
    name = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=500)
    notes = models.TextField(blank=True)
    type = models.CharField(max_length=50, default="dataset")
    owner_org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="datasets")
    license_id = models.CharField(max_length=100, blank=True, db_index=True)
    author = models.CharField(max_length=300, blank=True)
    author_email = models.CharField(max_length=300, blank=True)
    maintainer = models.CharField(max_length=300, blank=True)
    maintainer_email = models.CharField(max_length=300, blank=True)
    url = models.CharField(max_length=1000, blank=True)
    version = models.CharField(max_length=100, blank=True)
    private = models.BooleanField(default=False)
    state = models.CharField(
        max_length=10, choices=State.choices, default=State.ACTIVE, db_index=True
    )
    data_type = models.CharField(max_length=100, blank=True, db_index=True)
    data_category = models.CharField(max_length=100, blank=True, db_index=True)
    thai = models.JSONField(default=dict, blank=True)
    extras = models.JSONField(default=list, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="datasets")
    groups = models.ManyToManyField(Group, blank=True, related_name="datasets")
    creator_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    metadata_created = models.DateTimeField(default=timezone.now)
    metadata_modified = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-metadata_modified"]
        indexes = [models.Index(fields=["state", "private"])]

    def __str__(self) -> str:
        return self.title


class Resource(models.Model):
    id = models.CharField(primary_key=True, max_length=36, default=_uuid, editable=False)
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="resources")
    name = models.CharField(max_length=500, blank=True)
    description = models.TextField(blank=True)
    format = models.CharField(max_length=100, blank=True, db_index=True)
    url = models.CharField(max_length=2000, blank=True)
    url_type = models.CharField(max_length=20, blank=True)  # "upload" for files kept here
    upload = models.FileField(upload_to="opendata/resources/%Y/%m/", max_length=300, blank=True)
    mimetype = models.CharField(max_length=200, blank=True)
    size = models.BigIntegerField(null=True, blank=True)
    hash = models.CharField(max_length=200, blank=True)
    resource_type = models.CharField(max_length=100, blank=True)
    position = models.PositiveIntegerField(default=0)
    state = models.CharField(max_length=10, choices=State.choices, default=State.ACTIVE)
    extras = models.JSONField(default=dict, blank=True)
    datastore_active = models.BooleanField(default=False)
    created = models.DateTimeField(default=timezone.now)
    last_modified = models.DateTimeField(null=True, blank=True)
    metadata_modified = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "created"]

    def __str__(self) -> str:
        return self.name or self.id


class ApiToken(models.Model):
    """A CKAN-style API token: sent raw in `Authorization` (or `X-CKAN-API-Key`); only its
    SHA-256 is stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=200)
    token_hash = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(default=timezone.now)
    last_used = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user} {self.name}"


class DatasetStats(models.Model):
    """Counters kept beside the dataset so that search never counts rows (CKAN 2.11 made search
    forty times slower by doing so). Updated in place by conditional UPDATEs."""

    dataset = models.OneToOneField(
        Dataset, primary_key=True, on_delete=models.CASCADE, related_name="stats"
    )
    views_total = models.PositiveIntegerField(default=0)
    views_recent = models.PositiveIntegerField(default=0)
    downloads_total = models.PositiveIntegerField(default=0)
    downloads_recent = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.dataset_id}: {self.views_total} views"


from .search.models import *  # noqa: E402,F403
