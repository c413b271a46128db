"""Pages of the accounts app: my account, LAO staff, platform roles."""

from __future__ import annotations

import pytest

from thongthin.accounts.models import LAORole, Membership, MembershipStatus, RoleGrant, User
from thongthin.accounts.tests.factories import (
    UserFactory,
    auditor,
    lao,
    member,
    platform_admin,
    registry_admin,
)
from thongthin.core.models import AuditEvent
from thongthin.registry.tests.factories import approved

pytestmark = pytest.mark.django_db

MAEHIA = "4500103"
STAFF_URL = f"/accounts/lao/{MAEHIA}/staff"
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def maehia():
    return lao(MAEHIA)


@pytest.fixture
def admin(maehia):
    approved(maehia, "saraban@maehia.go.th")
    return User.objects.get(email="saraban@maehia.go.th")


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


def _invite_data(**overrides: str) -> dict[str, str]:
    return {
        "title": "นางสาว",
        "full_name": "สมใจ ใจดี",
        "email": "somjai@example.com",
        "role": "officer",
        **overrides,
    }


def test_home_lists_my_laos_and_roles(client, maehia):
    user = member(maehia, LAORole.EXECUTIVE, full_name="นายบริหาร งานดี")
    client.force_login(user)
    html = client.get("/accounts/").content.decode()
    assert "นายบริหาร งานดี" in html
    assert maehia.display_name_th in html
    assert STAFF_URL not in html  # only administrators manage staff


def test_home_needs_sign_in(client):
    response = client.get("/accounts/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in?next=")


def test_staff_page_lists_members(admin_client, maehia):
    officer = member(maehia, LAORole.OFFICER, full_name="นายเจ้าหน้าที่ หนึ่ง")
    response = admin_client.get(STAFF_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "saraban@maehia.go.th" in html and officer.email in html
    officer_membership = Membership.objects.get(user=officer)
    central = Membership.objects.get(user__email="saraban@maehia.go.th")
    assert f"/staff/{officer_membership.pk}/remove" in html
    # The central mailbox's row has no actions.
    assert f"/staff/{central.pk}/remove" not in html


def test_staff_page_query_count_does_not_grow(admin_client, maehia, django_assert_max_num_queries):
    for _ in range(12):
        member(maehia, LAORole.OFFICER)
    with django_assert_max_num_queries(10):
        response = admin_client.get(STAFF_URL)
    assert response.content.decode().count("/remove") == 12


def test_invite_through_the_page(
    admin_client, maehia, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(STAFF_URL, _invite_data())
    assert response.status_code == 302 and response["Location"] == STAFF_URL
    membership = Membership.objects.get(lao=maehia, user__email="somjai@example.com")
    assert (membership.role, membership.status) == (LAORole.OFFICER, MembershipStatus.INVITED)
    assert [m.to for m in mailoutbox] == [["somjai@example.com"]]
    page = admin_client.get(STAFF_URL).content.decode()
    assert "ส่งคำเชิญแล้ว" in page and "somjai@example.com" in page


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        (_invite_data(email="not-an-email"), 422, "รูปแบบอีเมลไม่ถูกต้อง"),
        (_invite_data(email=""), 422, "กรุณากรอกอีเมล"),
        (_invite_data(email="' OR 1=1 --"), 422, "รูปแบบอีเมลไม่ถูกต้อง"),
        (_invite_data(email="x" * 10_000), 422, "อีเมลยาวเกินไป"),
        (_invite_data(full_name=""), 422, "กรุณากรอกชื่อ-นามสกุล"),
        (_invite_data(full_name="\u200b"), 422, "กรุณากรอกชื่อ-นามสกุล"),
        (_invite_data(full_name="ก" * 10_000), 422, "ชื่อยาวเกิน 200 ตัวอักษร"),
        (_invite_data(role="admin"), 422, "บทบาทไม่ถูกต้อง"),
        (_invite_data(role=""), 422, "บทบาทไม่ถูกต้อง"),
        (_invite_data(email="saraban@maehia.go.th"), 409, "เป็นสมาชิกของ อปท. นี้อยู่แล้ว"),
    ],
)
def test_invite_form_errors(admin_client, maehia, data, status, message):
    users_before = User.objects.count()
    response = admin_client.post(STAFF_URL, data)
    assert response.status_code == status
    html = response.content.decode()
    assert message in html
    assert 'aria-invalid="true"' in html or 'role="alert"' in html
    # Nothing saved.
    assert User.objects.count() == users_before
    assert Membership.objects.filter(lao=maehia).count() == 1
    assert not AuditEvent.objects.filter(action="accounts.membership.invited").exists()


def test_names_are_escaped_on_the_staff_page(admin_client, maehia):
    response = admin_client.post(STAFF_URL, _invite_data(full_name=SCRIPT, title="<b>x</b>"))
    assert response.status_code == 302
    html = admin_client.get(STAFF_URL).content.decode()
    assert SCRIPT not in html and "<b>x</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_change_role_and_remove_through_the_page(admin_client, maehia):
    officer = member(maehia, LAORole.OFFICER)
    membership = Membership.objects.get(user=officer)
    response = admin_client.post(f"{STAFF_URL}/{membership.pk}/role", {"role": "executive"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == LAORole.EXECUTIVE
    response = admin_client.post(f"{STAFF_URL}/{membership.pk}/remove")
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.REMOVED


def test_staff_actions_are_post_only(admin_client, maehia):
    membership = Membership.objects.get(user=member(maehia))
    assert admin_client.get(f"{STAFF_URL}/{membership.pk}/remove").status_code == 405


def test_unknown_staff_action_is_404(admin_client, maehia):
    membership = Membership.objects.get(user=member(maehia))
    assert admin_client.post(f"{STAFF_URL}/{membership.pk}/promote").status_code == 404


def test_central_admin_action_is_refused_with_a_message(admin_client, admin, maehia):
    central = Membership.objects.get(user=admin)
    response = admin_client.post(f"{STAFF_URL}/{central.pk}/remove", follow=True)
    assert response.status_code == 200
    assert "บัญชีอีเมลกลางเป็นผู้ดูแล อปท. เสมอ" in response.content.decode()
    central.refresh_from_db()
    assert central.status == MembershipStatus.ACTIVE


def test_bad_role_change_leaves_the_role(admin_client, maehia):
    membership = Membership.objects.get(user=member(maehia))
    for role in ["admin", SCRIPT, "x" * 10_000]:
        response = admin_client.post(f"{STAFF_URL}/{membership.pk}/role", {"role": role})
        assert response.status_code == 302
        membership.refresh_from_db()
        assert membership.role == LAORole.OFFICER


def test_membership_of_another_lao_cannot_be_reached(admin_client):
    other = Membership.objects.get(user=member(lao("4400115")))
    response = admin_client.post(f"{STAFF_URL}/{other.pk}/remove")
    assert response.status_code in {302, 404}
    other.refresh_from_db()
    assert other.status == MembershipStatus.ACTIVE


def test_staff_page_of_an_unknown_lao_is_404(admin_client):
    assert admin_client.get("/accounts/lao/9999999/staff").status_code == 404
    assert admin_client.get("/accounts/lao/' OR 1=1 --/staff").status_code == 404


# --- Platform roles page ------------------------------------------------------------------


def test_roles_page_is_for_platform_admins_only(client):
    response = client.get("/accounts/roles")
    assert response.status_code == 302 and "/accounts/sign-in" in response["Location"]
    for user in [registry_admin(), auditor(), member(lao(MAEHIA), LAORole.ADMIN),
                 UserFactory(is_staff=True)]:  # fmt: skip
        client.force_login(user)
        response = client.get("/accounts/roles")
        assert response.status_code == 403
        assert "คุณไม่มีสิทธิ์ทำรายการนี้" in response.content.decode()
        assert client.post("/accounts/roles", {"email": "x@example.com"}).status_code == 403
    assert not RoleGrant.objects.filter(user__email="x@example.com").exists()
    client.force_login(platform_admin())
    response = client.get("/accounts/roles")
    assert response.status_code == 200
    assert "ให้สิทธิ์" in response.content.decode()


def test_grant_and_revoke_through_the_roles_page(client):
    client.force_login(platform_admin())
    response = client.post(
        "/accounts/roles",
        {"email": "aud@oag.example", "full_name": "นางตรวจ งานดี", "role": "auditor",
         "provinces": ["50", "40"]},
    )  # fmt: skip
    assert response.status_code == 302
    grant = RoleGrant.objects.get(user__email="aud@oag.example")
    assert sorted(grant.provinces.values_list("code", flat=True)) == ["40", "50"]
    html = client.get("/accounts/roles").content.decode()
    assert "aud@oag.example" in html and "เชียงใหม่" in html
    assert client.post(f"/accounts/roles/{grant.pk}/revoke").status_code == 302
    grant.refresh_from_db()
    assert grant.revoked_at is not None


def test_role_revoke_is_refused_to_others(client):
    grant = RoleGrant.objects.get(user=auditor())
    client.force_login(registry_admin())
    assert client.post(f"/accounts/roles/{grant.pk}/revoke").status_code == 403
    grant.refresh_from_db()
    assert grant.revoked_at is None
    client.force_login(platform_admin())
    assert client.post("/accounts/roles/999999/revoke").status_code == 404


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "aud@oag.example", "full_name": "นายเอ", "role": "auditor"},
         "ผู้ตรวจสอบต้องมีจังหวัดที่รับผิดชอบอย่างน้อยหนึ่งจังหวัด"),
        ({"email": "aud@oag.example", "full_name": "นายเอ", "role": "auditor",
          "provinces": ["99"]}, "มีรหัสจังหวัดที่ไม่รู้จัก"),
        ({"email": "bad", "full_name": "นายเอ", "role": "registry_admin"}, "รูปแบบอีเมลไม่ถูกต้อง"),
        ({"email": "aud@oag.example", "full_name": "นายเอ", "role": "god"}, "บทบาทไม่ถูกต้อง"),
        ({"email": "aud@oag.example", "full_name": SCRIPT * 50, "role": "registry_admin"},
         "ชื่อยาวเกิน"),
    ],
)  # fmt: skip
def test_grant_form_errors(client, data, message):
    client.force_login(platform_admin())
    response = client.post("/accounts/roles", data)
    assert response.status_code == 422
    html = response.content.decode()
    assert message in html and SCRIPT not in html
    assert not RoleGrant.objects.exists()
    assert not User.objects.filter(email="aud@oag.example").exists()
