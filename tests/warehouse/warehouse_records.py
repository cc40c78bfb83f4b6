"""Extraction records built by hand for the warehouse tests (Thai names, made-up numbers)."""

from __future__ import annotations

from datetime import UTC, datetime

from prongsai.extract import records

NOW = datetime(2024, 3, 1, 9, 30, tzinfo=UTC)


def sha(n: int) -> str:
    """A made-up sha256, readable in failures: sha(1) = '000...001'."""
    return f"{n:064x}"


def plan_doc(n: int = 1, *, version: str = "1.0") -> records.Document:
    """An anti-corruption plan of อบต.เขาทอง with a null, a zero and a stated budget."""
    return records.Document(
        file=f"plan-{n}.pdf",
        sha256=sha(n),
        doc_type="anticorruption_plan",
        organization=records.Organization(
            name="องค์การบริหารส่วนตำบลเขาทอง",
            type="อบต.",
            district="พยุหะคีรี",
            province="นครสวรรค์",
        ),
        fiscal_year=2566,
        period=(2566, 2570),
        projects=[
            records.Project(
                dimension=1,
                name="โครงการส่งเสริมคุณธรรมและจริยธรรมแก่บุคลากร",
                budgets={"2566": 20000.0, "2567": None, "2568": 0.0},
                kind="โครงการ",
                mission="1.1 การสร้างจิตสำนึก",
                order=1,
                page=12,
            ),
            records.Project(
                dimension=2,
                name="มาตรการเผยแพร่ข้อมูลข่าวสารด้านการจัดซื้อจัดจ้าง",
                budgets={"2566": None, "2567": None},
                kind="มาตรการ",
                order=2,
                page=13,
            ),
        ],
        details=[records.Detail(name="โครงการส่งเสริมคุณธรรม", budget=20000.0, page=20)],
        problems=[records.Problem("ocr_page", "หน้า 13 อ่านด้วย OCR", 13)],
        pages=[
            records.Page(1, "text", "แผนปฏิบัติการป้องกันการทุจริต 4 ปี (พ.ศ. 2566 - 2570)"),
            records.Page(2, "ocr", "ส่วนที่ 2", dictionary_share=0.82),
        ],
        extractor_version=version,
    )


def ita_doc(
    n: int,
    *,
    year: int = 2566,
    total: float = 86.9,
    previous_total: float | None = None,
    doc_type: records.DocType = "ita_analysis",
) -> records.Document:
    return records.Document(
        file=f"ita-{n}.pdf",
        sha256=sha(n),
        doc_type=doc_type,
        organization=records.Organization(name="เทศบาลตำบลคลองท่อมใต้", dla_code="5810401"),
        fiscal_year=year,
        ita=records.Ita(
            year=year,
            total=total,
            level="A",
            previous_total=previous_total,
            previous_level="B" if previous_total is not None else None,
            indicators=[
                records.Indicator("IIT", 1, "การปฏิบัติหน้าที่", {str(year): 90.5}),
                records.Indicator("OIT", 9, "การเปิดเผยข้อมูล", {str(year): None}),
            ],
        ),
        measures=[
            records.Measure(
                tool="OIT",
                measure="เผยแพร่ข้อมูลผ่านเว็บไซต์ขององค์กร",
                responsible="สำนักปลัด",
                period_start=f"{year - 544}-10-01",  # fiscal 2567 = Oct 2023 to Sep 2024
                period_end=f"{year - 543}-09-30",
                page=3,
            )
        ],
        pages=[records.Page(1, "text", "รายงานการวิเคราะห์ผลการประเมิน ITA")],
    )
