"""The printable report of an assessment: A4 PDF in Thai with BE dates, the LAO and the signer."""

from __future__ import annotations

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thongthin.core.money import format_baht
from thongthin.core.pdf import ThaiPDF
from thongthin.core.thai_dates import format_date, format_datetime

from .evaluation import evaluate_assessment, source_list
from .framework.schema import TOPIC_ORDER, Level, Result, Severity, Topic
from .models import Assessment


def render_report(assessment: Assessment, *, language: str = "th") -> bytes:
    with translation.override(language):
        return _render(assessment)


def _render(a: Assessment) -> bytes:
    ev = evaluate_assessment(a)
    fw = ev.framework
    pdf = ThaiPDF(footer_text=f"{a.lao.display_name_th} · {a.name}"[:90])
    pdf.set_title(f"{a.name} — {a.lao.display_name_th}")
    pdf.set_author(a.lao.display_name_th)
    pdf.add_page()
    width = pdf.epw

    pdf.use("B", 16)
    pdf.multi_cell(width, 8, _("รายงานผลการประเมินตนเองด้านวินัยการเงินการคลัง"))
    pdf.use("", 12)
    pdf.multi_cell(
        width,
        6.5,
        a.lao.full_name_th + " " + _("จังหวัด%(province)s") % {"province": a.lao.province.name_th},
    )
    pdf.ln(2)
    rows = [
        (_("โครงการ"), a.name),
        (_("ประเภท"), str(a.get_kind_display())),
        (_("ปีงบประมาณ"), f"{_('พ.ศ.')} {a.fiscal_year}"),
        (_("วงเงิน"), format_baht(a.amount)),
        (_("แหล่งเงิน"), str(a.get_funding_source_display())),
        (_("สถานะ"), str(a.get_status_display())),
        (_("เกณฑ์ที่ใช้"), f"{fw.version} — {fw.title}"),
    ]
    if a.signed_off_by:
        rows.append(
            (_("ผู้ลงนาม"), f"{a.signed_off_by.display_name} ({format_datetime(a.signed_off_at)})")
        )
    if a.submitted_by:
        rows.append(
            (_("ผู้จัดทำ"), f"{a.submitted_by.display_name} ({format_datetime(a.submitted_at)})")
        )
    for label, value in rows:
        pdf.use("B", 11)
        pdf.cell(38, 6.5, label)
        pdf.use("", 11)
        pdf.multi_cell(width - 38, 6.5, value)
    pdf.ln(3)

    pdf.use("B", 14)
    level = str(Level(ev.level).label) if ev.level else _("ยังประเมินไม่ได้")
    score = f"{ev.score}" if ev.score is not None else "—"
    pdf.multi_cell(
        width,
        8,
        _("ผลการประเมิน: %(level)s  คะแนน %(score)s/100") % {"level": level, "score": score},
    )
    pdf.use("", 11)
    for topic in ev.topics:
        topic_score = f"{topic.score}" if topic.score is not None else "—"
        pdf.multi_cell(
            width,
            6,
            _("%(topic)s: %(score)s (ผ่าน %(passed)s ไม่ผ่าน %(failed)s ยังไม่ตอบ %(unanswered)s)")
            % {
                "topic": Topic(topic.topic).label,
                "score": topic_score,
                "passed": topic.passed,
                "failed": topic.failed,
                "unanswered": topic.unanswered,
            },
        )
    pdf.ln(3)

    failed = ev.failed
    pdf.use("B", 14)
    pdf.multi_cell(width, 8, _("ข้อที่ไม่ผ่าน (%(n)s ข้อ)") % {"n": len(failed)})
    for f in failed:
        pdf.use("B", 11)
        pdf.multi_cell(
            width, 6, f"{f.check.id} [{Severity(f.check.severity).label}] {f.check.question}"
        )
        pdf.use("", 11)
        pdf.multi_cell(width, 6, _("ปัญหา: %(message)s") % {"message": f.message})
        pdf.multi_cell(width, 6, _("ควรทำ: %(text)s") % {"text": f.check.recommendation})
        clauses = "; ".join(
            f"{s['instrument']} {s['clause']}".strip() for s in source_list(fw, f.check)
        )
        pdf.multi_cell(width, 6, _("อ้างอิง: %(clauses)s") % {"clauses": clauses})
        if f.check.verification != "verified":
            pdf.use("", 9)
            pdf.multi_cell(width, 5, _("หมายเหตุ: ข้อกฎหมายนี้ยังรอการตรวจสอบกับตัวบทฉบับราชกิจจานุเบกษา"))
        pdf.ln(2)

    pdf.use("B", 14)
    pdf.multi_cell(width, 8, _("ผลรายข้อ"))
    for topic_id in TOPIC_ORDER:
        pdf.use("B", 11)
        pdf.multi_cell(width, 6.5, str(Topic(topic_id).label))
        pdf.use("", 10)
        for f in ev.findings:
            if f.check.topic == topic_id and f.applicable:
                pdf.multi_cell(
                    width, 5.5, f"{f.check.id}  {Result(f.result).label}  —  {f.check.question}"
                )
    pdf.ln(4)
    pdf.use("", 9)
    pdf.multi_cell(width, 5, _("พิมพ์เมื่อ %(when)s") % {"when": format_datetime(timezone.now())})
    pdf.multi_cell(
        width,
        5,
        _("วันที่ในรายงานเป็นพุทธศักราช เวลาประเทศไทย") + f" ({format_date(timezone.localdate())})",
    )
    return bytes(pdf.output())
