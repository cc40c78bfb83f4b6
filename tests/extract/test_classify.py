"""Document kinds from title text, and the fiscal year a document reports on."""

import pytest

from prongsai.extract.classify import classify, fiscal_year
from prongsai.extract.records import DocType

PLAN = """แผนปฏิบัติการป้องกันการทุจริต
เพื่อยกระดับคุณธรรมและความโปร่งใส
ขององค์การบริหารส่วนตำบลบางกล่ำ
(พ.ศ. ๒๕๖๖ - ๒๕๗๐)
คำนำ องค์การบริหารส่วนตำบลบางกล่ำ ได้จัดทำแผน ... การประเมิน ITA"""
ANALYSIS = """แบบรายงาน
รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส
ในการดำเนินงานของหน่วยงานภาครัฐ
ประจำปีงบประมาณ พ.ศ. ๒๕๖๕
เทศบาลตำบลคูเต่า อำเภอหาดใหญ่ จังหวัดสงขลา
มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๖
รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส"""
MEASURES = """ประกาศเทศบาลตำบลคูเต่า
มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๗"""
REPORT = """รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน
ประจำปีงบประมาณ พ.ศ. ๒๕๖๘
เทศบาลตำบลท่าข้าม อำเภอพุนพิน จังหวัดสุราษฎร์ธานี"""
REPORT_2 = """รายงานการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสประจำปีงบประมาณ พ.ศ. ๒๕๖๗
ขององค์การบริหารส่วนตำบลบ้านโป่ง"""


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (PLAN, "anticorruption_plan"),
        (ANALYSIS, "ita_analysis"),
        (MEASURES, "integrity_measures"),
        (REPORT, "integrity_measures_report"),
        (REPORT_2, "integrity_measures_report"),
        # Spaces from extraction inside the title.
        ("รายงาน การวิเคราะห์ ผลการ ประเมิน คุณธรรม และความโปร่งใส ปี ๒๕๖๔", "ita_analysis"),
        # OCR noise: a dropped tone mark and a decomposed SARA AM.
        ("แผนปฏิบัติการป้องกันการทุจรต ๔ ปี (พ.ศ. ๒๕๖๑-๒๕๖๔)", "anticorruption_plan"),
        (
            "รายงานผลการดําเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ปี 2566",
            "integrity_measures_report",
        ),
        (
            "รายงานผลการดำเนนการตามมาตรการส่งเสริมคุณธรรมและความโปรงใส 2566",
            "integrity_measures_report",
        ),
        # Tricky negatives: ITA and the plan mentioned in passing.
        (
            "ประกาศองค์การบริหารส่วนตำบลบางกล่ำ เรื่อง ประกวดราคาจ้างก่อสร้างถนนคอนกรีต "
            "ด้วยวิธีประกวดราคาอิเล็กทรอนิกส์ ตามแผนปฏิบัติการป้องกันการทุจริต และการประเมิน ITA",
            "other",
        ),
        (
            "รายงานการประชุมสภาองค์การบริหารส่วนตำบลบางกล่ำ สมัยสามัญ สมัยที่ ๒ "
            "ระเบียบวาระที่ ๓ รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส",
            "other",
        ),
        (
            "ข้อบัญญัติ เรื่อง งบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. ๒๕๖๗ ขององค์การบริหารส่วนตำบล"
            "บางกล่ำ ... โครงการตามแผนปฏิบัติการป้องกันการทุจริต",
            "other",
        ),
        ("ประกาศผลการประเมิน ITA ประจำปี ๒๕๖๖ ได้คะแนน ๙๒.๕๐", "other"),
        ("", "other"),
    ],
)
def test_classify(text: str, kind: DocType) -> None:
    assert classify(text) == kind


def test_title_zone_only() -> None:
    body = "ประกาศรับสมัครบุคคล " * 80 + "แผนปฏิบัติการป้องกันการทุจริต"
    assert classify(body) == "other"


@pytest.mark.parametrize(
    ("text", "kind", "year"),
    [
        (ANALYSIS, "ita_analysis", 2565),
        (MEASURES, "integrity_measures", 2567),
        (REPORT, "integrity_measures_report", 2568),
        (REPORT_2, "integrity_measures_report", 2567),
        ("พฤศจิกายน ๒๕๖๖\nรายงานการวิเคราะห์ผลการประเมินคุณธรรม ประจำปี พ.ศ. ๒๕๖๖", "ita_analysis", 2566),
        (PLAN, "anticorruption_plan", None),
        ("ประกาศ เรื่อง ประกวดราคา ปี ๒๕๖๗", "other", None),
    ],
)
def test_fiscal_year(text: str, kind: DocType, year: int | None) -> None:
    assert fiscal_year(text, kind) == year
