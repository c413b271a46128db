from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, full_name: str = "", **extra: Any) -> User:
        user = self.model(email=self.normalize_email(email).lower(), full_name=full_name, **extra)
        user.set_unusable_password()  # sign-in is by one-time code only
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, full_name: str = "", **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, full_name, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person (or an LAO's central mailbox) who signs in with a one-time code sent by e-mail."""

    email = models.EmailField(_("อีเมล"), unique=True)
    title = models.CharField(_("คำนำหน้า"), max_length=40, blank=True)
    full_name = models.CharField(_("ชื่อ-นามสกุล"), max_length=200, blank=True)
    is_active = models.BooleanField(_("ใช้งานได้"), default=True)
    is_staff = models.BooleanField(_("ผู้ดูแลแพลตฟอร์ม (เข้าหน้าผู้ดูแลระบบได้)"), default=False)
    date_joined = models.DateTimeField(_("วันที่สร้างบัญชี"), default=timezone.now)
    last_seen_language = models.CharField(max_length=8, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("ผู้ใช้")
        verbose_name_plural = _("ผู้ใช้")

    def __str__(self) -> str:
        return self.email

    @property
    def display_name(self) -> str:
        name = f"{self.title}{self.full_name}".strip()
        return name or self.email


class LAORole(models.TextChoices):
    ADMIN = "admin", _("ผู้ดูแล อปท.")
    OFFICER = "officer", _("เจ้าหน้าที่")
    EXECUTIVE = "executive", _("ผู้บริหาร")


class MembershipStatus(models.TextChoices):
    INVITED = "invited", _("เชิญแล้ว รอเข้าสู่ระบบครั้งแรก")
    ACTIVE = "active", _("ใช้งาน")
    REMOVED = "removed", _("ยกเลิกแล้ว")


class Membership(models.Model):
    """A person's role at an LAO. The LAO's central mailbox is its administrator."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="memberships")
    lao = models.ForeignKey(
        "directory.LAO",
        verbose_name=_("อปท."),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("บทบาท"), max_length=16, choices=LAORole.choices)
    status = models.CharField(
        _("สถานะ"),
        max_length=16,
        choices=MembershipStatus.choices,
        default=MembershipStatus.INVITED,
    )
    via_central_email = models.BooleanField(_("สิทธิ์จากอีเมลกลาง"), default=False)
    invited_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    activated_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("สมาชิก อปท.")
        verbose_name_plural = _("สมาชิก อปท.")
        constraints = [
            models.UniqueConstraint(fields=["user", "lao"], name="membership_unique_user_lao")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.lao} ({self.role})"


class PlatformRole(models.TextChoices):
    AUDITOR = "auditor", _("ผู้ตรวจสอบ (สตง.)")
    REGISTRY_ADMIN = "registry_admin", _("ผู้ดูแลทะเบียนอีเมล (สพร.)")
    CONTENT_EDITOR = "content_editor", _("ผู้แก้ไขเนื้อหาเกณฑ์ประเมิน (สตง.)")


class RoleGrant(models.Model):
    """A platform role granted by a platform administrator. Auditors see only their provinces."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="role_grants")
    role = models.CharField(_("บทบาท"), max_length=32, choices=PlatformRole.choices)
    provinces = models.ManyToManyField(
        "directory.Province", verbose_name=_("จังหวัดที่รับผิดชอบ"), blank=True, related_name="+"
    )
    granted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("สิทธิ์ระดับแพลตฟอร์ม")
        verbose_name_plural = _("สิทธิ์ระดับแพลตฟอร์ม")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(revoked_at__isnull=True),
                name="rolegrant_one_active_per_user_role",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.role}"


class SignInCode(models.Model):
    """A one-time sign-in code. Only an HMAC of the code is stored."""

    email = models.EmailField(db_index=True)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    ip = models.GenericIPAddressField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("รหัสเข้าสู่ระบบ")
        verbose_name_plural = _("รหัสเข้าสู่ระบบ")

    def __str__(self) -> str:
        return f"{self.email} {self.created_at:%Y-%m-%d %H:%M}"


class SignInFailure(models.Model):
    """A wrong code typed for an address; enough of them lock the address for a while."""

    email = models.EmailField(db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.email} {self.at:%Y-%m-%d %H:%M}"
