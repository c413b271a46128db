"""Realistic demo data for `make run`: a few LAOs with verified central e-mails, pending
registrations, and one account for every role. Built through the services, so the audit log and
memberships are exactly what real use would produce. Idempotent: a second run changes nothing.

The addresses are demo values on example domains or plausible LAO domains; they are not the
LAOs' real registrations.
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from thongthin.accounts.models import LAORole, Membership, PlatformRole, RoleGrant, User
from thongthin.accounts.services.memberships import membership_invite
from thongthin.accounts.services.sign_in import _activate_invitations
from thongthin.directory.models import LAO
from thongthin.registry.models import EmailRegistration, RegistrationStatus
from thongthin.registry.services import _verify_token as verify_token
from thongthin.registry.services import (
    registration_approve,
    registration_submit,
    registration_verify_mailbox,
)

PLATFORM_ADMIN = "admin@thongthin.example"
REGISTRY_ADMIN = "registry@dga.example"
AUDITOR = "auditor@oag.example"
CONTENT_EDITOR = "editor@oag.example"
OFFICER = "somsri.officer@example.com"
EXECUTIVE = "prasert.mayor@example.com"

# (DLA code, central e-mail, submitter, position)
VERIFIED = [
    ("4500103", "saraban@maehia.go.th", "นางสาวสมศรี ใจดี", "นักจัดการงานทั่วไป"),
    ("4400115", "saraban@silacity.go.th", "นายวิชัย ศรีสุข", "หัวหน้าสำนักปลัด"),
    ("2500101", "saraban@chiangmaipao.go.th", "นางอรุณี แสนคำ", "ผู้อำนวยการกองกลาง"),
    ("3200408", "saraban@pattaya.go.th", "นายธนา มั่นคง", "เจ้าพนักงานธุรการ"),
    ("1100000", "saraban@bangkok.go.th", "นางสาวพิมพ์ชนก ทองดี", "นักจัดการงานทั่วไป"),
    ("3400102", "saraban@kkmuni.go.th", "นายสมบัติ พลเยี่ยม", "หัวหน้าฝ่ายบริหารงานทั่วไป"),
]
AWAITING_REVIEW = [("6720210", "pasakae.sao@gmail.com", "นายบุญมี ดีงาม", "ปลัด อบต.")]
AWAITING_MAILBOX = [("5810401", "saraban@klongthomtai.go.th", "นางสาวกมลา ใจงาม", "นักจัดการงานทั่วไป")]

DEMO_LETTER = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _letter() -> SimpleUploadedFile:
    return SimpleUploadedFile("letter.pdf", DEMO_LETTER, content_type="application/pdf")


def _user(email: str, full_name: str, **flags: bool) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, full_name=full_name, **flags)
    return user


def _grant(user: User, role: str, provinces: list[str], granted_by: User) -> None:
    from thongthin.directory.models import Province

    if RoleGrant.objects.filter(user=user, role=role, revoked_at__isnull=True).exists():
        return
    grant = RoleGrant.objects.create(user=user, role=role, granted_by=granted_by)
    grant.provinces.set(Province.objects.filter(code__in=provinces))


def _submit(code: str, email: str, name: str, position: str) -> EmailRegistration | None:
    lao = LAO.objects.get(dla_code=code)
    if EmailRegistration.objects.filter(lao=lao, email=email).exists():
        return None
    return registration_submit(
        lao=lao, email=email, submitter_name=name, submitter_position=position, letter=_letter()
    )


@transaction.atomic
def load_demo_data() -> dict[str, int]:
    admin = _user(PLATFORM_ADMIN, "ผู้ดูแลแพลตฟอร์ม (สาธิต)", is_staff=True, is_superuser=True)
    registry_admin = _user(REGISTRY_ADMIN, "นางสาวดวงใจ รัฐดิจิทัล (สพร.)")
    _grant(registry_admin, PlatformRole.REGISTRY_ADMIN, [], admin)
    auditor = _user(AUDITOR, "นายตรวจ บัญชีดี (สตง.)")
    _grant(auditor, PlatformRole.AUDITOR, ["50", "40"], admin)
    editor = _user(CONTENT_EDITOR, "นางเกณฑ์ ถูกต้อง (สตง.)")
    _grant(editor, PlatformRole.CONTENT_EDITOR, [], admin)

    for code, email, name, position in VERIFIED:
        registration = _submit(code, email, name, position)
        if registration is not None:
            registration_verify_mailbox(token=verify_token(registration))
            registration_approve(registration=registration, actor=registry_admin)
    for code, email, name, position in AWAITING_REVIEW:
        registration = _submit(code, email, name, position)
        if registration is not None:
            registration_verify_mailbox(token=verify_token(registration))
    for code, email, name, position in AWAITING_MAILBOX:
        _submit(code, email, name, position)

    maehia = LAO.objects.get(dla_code="4500103")
    central = User.objects.get(email="saraban@maehia.go.th")
    for email, full_name, role in [
        (OFFICER, "นางสาวสมศรี ใจดี", LAORole.OFFICER),
        (EXECUTIVE, "นายประเสริฐ แม่เหียะ", LAORole.EXECUTIVE),
    ]:
        if not Membership.objects.filter(user__email=email, lao=maehia).exists():
            membership_invite(
                lao=maehia, actor=central, email=email, full_name=full_name, role=role
            )
            _activate_invitations(User.objects.get(email=email))
    if not maehia.address:
        maehia.address = "99 หมู่ 4 ตำบลแม่เหียะ อำเภอเมืองเชียงใหม่ จังหวัดเชียงใหม่ 50100"
        maehia.phone = "053-000-000"
        maehia.website = "https://www.maehia.go.th"
        maehia.save(update_fields=["address", "phone", "website", "updated_at"])
    return {
        "users": User.objects.count(),
        "approved": EmailRegistration.objects.filter(status=RegistrationStatus.APPROVED).count(),
        "registrations": EmailRegistration.objects.count(),
    }


def load_demo_assessments() -> dict[str, int]:
    """Generated assessments in the demo auditor's provinces (Chiang Mai 50, Khon Kaen 40), once."""
    from thongthin.assessment.models import Assessment
    from thongthin.directory.models import LAOStatus

    from .assessments import generate_assessments

    if Assessment.objects.filter(created_by__email="generator@thongthin.example").exists():
        return {"generated": 0}
    laos = list(
        LAO.objects.filter(province__code__in=["50", "40"], status=LAOStatus.ACTIVE).order_by(
            "dla_code"
        )
    )
    return {"generated": generate_assessments(count=240, seed=2568, laos=laos)}
