from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistrationStatus(models.TextChoices):
    """awaiting_mailbox → awaiting_review → approved → (replaced | revoked);
    awaiting_review → rejected. Transitions happen only in registry/services.py."""

    AWAITING_MAILBOX = "awaiting_mailbox", _("รอยืนยันจากกล่องอีเมล")
    AWAITING_REVIEW = "awaiting_review", _("รอเจ้าหน้าที่ สพร. ตรวจสอบ")
    APPROVED = "approved", _("อนุมัติและเผยแพร่แล้ว")
    REJECTED = "rejected", _("ไม่อนุมัติ")
    REPLACED = "replaced", _("ถูกแทนที่ด้วยอีเมลใหม่")
    REVOKED = "revoked", _("เพิกถอนแล้ว")


def _letter_path(instance: EmailRegistration, filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"registry/letters/{uuid.uuid4().hex}.{ext}"


def _nonce() -> str:
    return secrets.token_urlsafe(16)


class EmailRegistration(models.Model):
    """One submission of an LAO's central e-mail. Approved = the published official address;
    earlier approved rows stay as history (replaced/revoked)."""

    lao = models.ForeignKey(
        "directory.LAO",
        verbose_name=_("อปท."),
        on_delete=models.PROTECT,
        related_name="email_registrations",
    )
    email = models.EmailField(_("อีเมลกลาง"))
    domain = models.CharField(_("โดเมน"), max_length=253, db_index=True)
    submitter_name = models.CharField(_("ชื่อผู้ยื่น"), max_length=200)
    submitter_position = models.CharField(_("ตำแหน่ง"), max_length=200)
    submitter_phone = models.CharField(_("โทรศัพท์ผู้ยื่น"), max_length=50, blank=True)
    letter = models.FileField(_("หนังสือนำส่ง"), upload_to=_letter_path, max_length=200)
    letter_sha256 = models.CharField(max_length=64)
    letter_content_type = models.CharField(max_length=60)
    status = models.CharField(
        _("สถานะ"),
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.AWAITING_MAILBOX,
        db_index=True,
    )
    hints = models.JSONField(_("ข้อสังเกต"), default=list, blank=True)
    dns = models.JSONField(_("ผลตรวจ DNS"), default=dict, blank=True)
    verify_nonce = models.CharField(max_length=40, default=_nonce, editable=False)
    submitted_at = models.DateTimeField(_("วันที่ยื่น"), auto_now_add=True, db_index=True)
    submitted_ip = models.GenericIPAddressField(_("ยื่นจาก IP"), null=True, blank=True)
    mailbox_verified_at = models.DateTimeField(_("ยืนยันกล่องอีเมลเมื่อ"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("ตรวจสอบเมื่อ"), null=True, blank=True)
    review_reason = models.TextField(_("เหตุผล"), blank=True)
    ended_at = models.DateTimeField(_("สิ้นสุดเมื่อ"), null=True, blank=True)
    ended_reason = models.TextField(_("เหตุผลที่สิ้นสุด"), blank=True)
    replaced_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("การลงทะเบียนอีเมลกลาง")
        verbose_name_plural = _("การลงทะเบียนอีเมลกลาง")
        constraints = [
            models.UniqueConstraint(
                fields=["lao"],
                condition=models.Q(status="approved"),
                name="registry_one_approved_per_lao",
            ),
            models.UniqueConstraint(
                fields=["email"],
                condition=models.Q(status="approved"),
                name="registry_address_official_for_one_lao",
            ),
        ]
        indexes = [models.Index(fields=["status", "lao"])]

    def __str__(self) -> str:
        return f"{self.email} ({self.lao_id})"

    @property
    def warning_count(self) -> int:
        return sum(1 for hint in self.hints if hint.get("level") == "warning")

    @property
    def local_part(self) -> str:
        return self.email.rsplit("@", 1)[0]
