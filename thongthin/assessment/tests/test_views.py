import io
import unicodedata

import pypdf
import pytest

from thongthin.accounts.models import LAORole
from thongthin.accounts.tests.factories import UserFactory, auditor, lao, member
from thongthin.assessment.models import Assessment, AssessmentStatus
from thongthin.assessment.services import assessments as svc
from thongthin.assessment.services import content as content_svc

from .factories import answer_everything, festival, team

pytestmark = pytest.mark.django_db


def _signed_off_festival_with_a_failing_cost_line():
    t = team()
    a = festival(t["officer"], t["lao"])
    content_svc.cost_line_add(
        actor=t["officer"],
        assessment=a,
        data={
            "category": "souvenirs",
            "description": "ผ้าขนหนูแจกผู้สูงอายุ",
            "quantity": "300",
            "unit_cost": "80",
        },
    )
    a = answer_everything(t["officer"], a)
    a = svc.assessment_sign_off(
        actor=t["executive"], assessment=svc.assessment_submit(actor=t["officer"], assessment=a)
    )
    return t, a


def test_officer_starts_from_kind_then_facts_in_be_dates(client):
    t = team()
    client.force_login(t["officer"])
    assert "โครงการจัดงานประเพณี" in client.get("/assessments/new/4500103").content.decode()
    form = client.get("/assessments/new/4500103?kind=festival").content.decode()
    assert "ชื่องาน" in form and "ผู้รับเงินอุดหนุน" not in form
    response = client.post(
        "/assessments/new/4500103?kind=festival",
        {
            "kind": "festival",
            "name": "งานลอยกระทง",
            "fiscal_year": "2568",
            "amount": "120,000",
            "funding_source": "annual_budget",
            "budget_announced_on": "20 ก.ย. 2567",
            "event_start": "15/11/2567",
        },
    )
    assert response.status_code == 302
    a = Assessment.objects.get()
    assert str(a.budget_announced_on) == "2024-09-20" and str(a.event_start) == "2024-11-15"
    page = client.get(response["Location"]).content.decode()
    assert "งานลอยกระทง" in page and "20 ก.ย. 2567" in page


def test_bad_facts_form_shows_thai_errors_and_saves_nothing(client):
    client.force_login(team()["officer"])
    response = client.post(
        "/assessments/new/4500103?kind=festival",
        {
            "kind": "festival",
            "name": "<script>x</script>",
            "fiscal_year": "2568",
            "amount": "-10",
            "funding_source": "annual_budget",
            "budget_announced_on": "30/02/2567",
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "ไม่ติดลบ" in html and "ไม่มีวันที่นี้" in html
    assert "<script>x</script>" not in html
    assert not Assessment.objects.exists()


def test_htmx_answer_returns_checks_and_result(client):
    t = team()
    a = festival(t["officer"], t["lao"])
    client.force_login(t["officer"])
    response = client.post(
        f"/assessments/{a.uid}/answer/P-27", {"value": "31/12/2567"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="checks-and-result"' in html and 'hx-swap-oob="true"' in html
    assert "ไม่ผ่าน" in html
    bad = client.post(
        f"/assessments/{a.uid}/answer/P-27", {"value": "30/02/2567"}, HTTP_HX_REQUEST="true"
    )
    assert bad.status_code == 422 and "ไม่มีวันที่นี้" in bad.content.decode()


def test_answer_without_javascript_redirects_to_the_question(client):
    t = team()
    a = festival(t["officer"], t["lao"])
    client.force_login(t["officer"])
    response = client.post(f"/assessments/{a.uid}/answer/P-27", {"value": "2024-10-01"})
    assert response.status_code == 302 and response["Location"].endswith("#check-P-27")


def test_workspace_uses_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    t = team()
    a = festival(t["officer"], t["lao"])
    for i in range(5):
        content_svc.cost_line_add(
            actor=t["officer"],
            assessment=a,
            data={"category": "publicity", "description": f"ป้าย {i}", "unit_cost": "100"},
        )
    client.force_login(t["officer"])
    with django_assert_max_num_queries(25):
        assert client.get(f"/assessments/{a.uid}/").status_code == 200


def test_pdf_report_text_contains_the_thai_findings():
    t, a = _signed_off_festival_with_a_failing_cost_line()
    from django.test import Client

    client = Client()
    client.force_login(t["executive"])
    response = client.get(f"/assessments/{a.uid}/report.pdf")
    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=1)  # A4
    text = unicodedata.normalize("NFKC", "".join(p.extract_text() for p in reader.pages))
    flat = " ".join(text.split())

    def has(fragment: str) -> bool:
        return " ".join(unicodedata.normalize("NFKC", fragment).split()) in flat

    assert has("เทศบาลเมืองแม่เหียะ")
    assert has("ระงับการเบิกจ่าย")
    from thongthin.assessment.evaluation import evaluate_assessment

    failed = evaluate_assessment(a).failed
    assert failed
    for finding in failed:
        assert has(finding.check.id)
        assert has(finding.message[:40]), finding.message
    assert has("ผ้าขนหนูแจกผู้สูงอายุ")
    assert has(t["executive"].full_name)  # the signer
    assert "2567" in flat or "2568" in flat  # BE years


def test_shared_report_is_public_only_when_shared(client):
    t, a = _signed_off_festival_with_a_failing_cost_line()
    a = svc.assessment_share(actor=t["executive"], assessment=a, shared=True)
    page = client.get(f"/assessments/shared/{a.share_token}")
    assert page.status_code == 200 and "ผ้าขนหนูแจกผู้สูงอายุ" in page.content.decode()
    assert (
        client.get(f"/assessments/shared/{a.share_token}/report.pdf")["Content-Type"]
        == "application/pdf"
    )
    token = a.share_token
    svc.assessment_share(actor=t["executive"], assessment=a, shared=False)
    assert client.get(f"/assessments/shared/{token}").status_code == 404
    assert client.get("/assessments/shared/short").status_code == 404


def test_others_cannot_open_an_assessment(client):
    t = team()
    a = festival(t["officer"], t["lao"])
    assert client.get(f"/assessments/{a.uid}/").status_code == 302  # to sign-in
    for user in [UserFactory(), member(lao("4400115"), LAORole.ADMIN), auditor(("40",))]:
        client.force_login(user)
        assert client.get(f"/assessments/{a.uid}/").status_code == 404
        assert client.get(f"/assessments/{a.uid}/report.pdf").status_code == 404
        assert (
            client.post(f"/assessments/{a.uid}/answer/P-27", {"value": "2024-10-01"}).status_code
            == 404
        )


def test_auditor_reads_but_cannot_change(client):
    t = team()
    a = festival(t["officer"], t["lao"])
    client.force_login(auditor(("50",)))
    page = client.get(f"/assessments/{a.uid}/").content.decode()
    assert a.name in page and "hx-post" not in page
    response = client.post(f"/assessments/{a.uid}/answer/P-27", {"value": "2024-10-01"})
    assert response.status_code == 302
    assert not a.answers.exists()


def test_executive_signs_off_through_the_page(client):
    t = team()
    a = festival(t["officer"], t["lao"])
    content_svc.cost_line_add(
        actor=t["officer"], assessment=a, data={"category": "publicity", "unit_cost": "100"}
    )
    a = svc.assessment_submit(actor=t["officer"], assessment=answer_everything(t["officer"], a))
    client.force_login(t["executive"])
    assert "ลงนามรับรองผลการประเมิน" in client.get(f"/assessments/{a.uid}/").content.decode()
    assert client.post(f"/assessments/{a.uid}/sign-off").status_code == 302
    a.refresh_from_db()
    assert a.status == AssessmentStatus.SIGNED_OFF


def test_dashboard_for_auditors_only_and_scoped_to_provinces(client, django_assert_max_num_queries):
    _t, a = _signed_off_festival_with_a_failing_cost_line()
    other = team("4400115")
    festival(other["officer"], other["lao"], name="งานบุญบั้งไฟ")
    client.force_login(auditor(("50",)))
    with django_assert_max_num_queries(20):
        html = client.get("/assessments/dashboard").content.decode()
    assert a.name in html and "งานบุญบั้งไฟ" not in html
    assert "เทศบาลเมืองแม่เหียะ" in html  # LAOs with stop findings
    csv_text = client.get("/assessments/dashboard.csv").content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("uid,fiscal_year")
    assert str(a.uid) in csv_text and "งานบุญบั้งไฟ" not in csv_text
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(client.get("/assessments/dashboard.xlsx").content))
    assert book.active.max_row == 2
    filtered = client.get("/assessments/dashboard", {"kind": "subsidy"}).content.decode()
    assert a.name not in filtered
    client.force_login(member(lao("4500103"), LAORole.OFFICER))
    assert client.get("/assessments/dashboard").status_code == 403


def test_province_aggregates_feed_has_no_lao_detail(client):
    _t, a = _signed_off_festival_with_a_failing_cost_line()
    rows = client.get("/api/v1/assessment-aggregates").json()
    assert rows == [
        {
            "fiscal_year": 2568,
            "province_code": "50",
            "province": "เชียงใหม่",
            "kind": "festival",
            "level": "suspend",
            "assessments": 1,
            "laos": 1,
        }
    ]
    csv_text = client.get("/assessments/aggregates.csv").content.decode("utf-8-sig")
    assert "เชียงใหม่" in csv_text and "แม่เหียะ" not in csv_text and a.name not in csv_text


def test_framework_pages_are_public_and_editing_needs_the_role(client):
    html = client.get("/assessments/frameworks/2568.1/").content.decode()
    assert "P-27" in html and "เพดานค่าอาหารต่อคนต่อวัน" in html
    client.force_login(UserFactory())
    assert client.post("/assessments/frameworks/new", {"version": "2568.5"}).status_code == 302
    from thongthin.assessment.models import FrameworkVersion

    assert not FrameworkVersion.objects.filter(version="2568.5").exists()


def test_evidence_can_be_attached_to_any_check_and_opened_by_staff_only(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from thongthin.registry.tests.factories import PDF

    t = team()
    a = festival(t["officer"], t["lao"])
    client.force_login(t["officer"])
    page = client.get(f"/assessments/{a.uid}/").content.decode()
    assert f'action="/assessments/{a.uid}/evidence/P-27"' in page
    upload = SimpleUploadedFile("แผนการดำเนินงาน.pdf", PDF, content_type="application/pdf")
    response = client.post(f"/assessments/{a.uid}/evidence/P-27", {"file": upload})
    assert response.status_code == 302
    evidence = a.evidence.get()
    assert evidence.original_name == "แผนการดำเนินงาน.pdf"
    assert client.get(f"/assessments/{a.uid}/evidence-file/{evidence.pk}").status_code == 200
    client.force_login(member(lao("4400115"), LAORole.ADMIN))
    assert client.get(f"/assessments/{a.uid}/evidence-file/{evidence.pk}").status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "fiscal_year=%C2%B2",
        "fiscal_year=" + "9" * 5000,
        "page=99999999999999999999",
        "page=-1",
        "fiscal_year=๒๕๖๘",
        "q=%27%20OR%201%3D1",
        "province=xx",
        "kind=<script>",
    ],
)
def test_dashboard_and_feeds_ignore_bad_parameters(client, query):
    client.force_login(auditor(("50",)))
    for path in [
        "/assessments/dashboard",
        "/assessments/dashboard.csv",
        "/assessments/aggregates.csv",
    ]:
        assert client.get(f"{path}?{query}").status_code == 200, (path, query)
    client.logout()
    assert client.get(f"/assessments/aggregates.csv?{query}").status_code == 200


def test_dashboard_name_filter_finds_by_lao_display_name(client):
    _t, a = _signed_off_festival_with_a_failing_cost_line()
    client.force_login(auditor(("50",)))
    html = client.get("/assessments/dashboard", {"q": "เทศบาลเมืองแม่เหียะ"}).content.decode()
    assert a.name in html
    assert a.name not in client.get("/assessments/dashboard", {"q": "อบต.ป่าสะแก"}).content.decode()


def test_draft_frameworks_are_visible_to_content_editors_only(client):
    from thongthin.accounts.models import PlatformRole
    from thongthin.accounts.tests.factories import platform_user
    from thongthin.assessment.services.frameworks import framework_draft_create

    editor = platform_user(PlatformRole.CONTENT_EDITOR)
    framework_draft_create(actor=editor, version="2568.7")
    assert "2568.7" not in client.get("/assessments/frameworks/").content.decode()
    assert client.get("/assessments/frameworks/2568.7/").status_code == 404
    client.force_login(editor)
    assert "2568.7" in client.get("/assessments/frameworks/").content.decode()
    assert client.get("/assessments/frameworks/2568.7/").status_code == 200


def test_dashboard_queries_do_not_grow_with_the_failed_checks(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from thongthin.assessment import selectors
    from thongthin.demo.assessments import generate_assessments
    from thongthin.directory.models import LAO

    laos = list(LAO.objects.filter(province__code="50", status="active")[:6])
    generate_assessments(count=60, seed=11, laos=laos, years=(2568,))
    Assessment.objects.update(status=AssessmentStatus.SIGNED_OFF)
    failed = selectors.dashboard_figures(Assessment.objects.all())["most_failed"]
    assert len(failed) >= 3  # several bars to label
    client.force_login(auditor(("50",)))
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/assessments/dashboard").content.decode()
    assert failed[0]["check_id"] in html
    framework_reads = [q for q in queries.captured_queries if "frameworkversion" in q["sql"]]
    assert len(framework_reads) <= 1
