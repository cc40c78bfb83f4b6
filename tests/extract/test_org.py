"""Organization names, types and addresses from title pages, with misspellings outvoted."""

import pytest

from prongsai.extract.org import Registry, parse_organization, parse_province
from prongsai.extract.records import Organization

COVER = """แบบรายงาน
รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส
ประจำปีงบประมาณ พ.ศ. ๒๕๖๖
องค์การบริหารส่วนตำบลหนองบัวทอง
อำเภอนางรอง จังหวัดบุรีรัมย์
คำนำ
องค์การบริหารส่วนตำบลหนองบัวทอง ได้จัดทำรายงานฉบับนี้
สารบัญ
มาตรการส่งเสริมคุณธรรมของ องค์การบริหาร ส่วนตำบลหนองบัวท้อง
องค์การบริหารส่วนตำบลหนองบัวทอง อำเภอนางรอง จังหวัดบุรีรัมย์
"""


def test_majority_spelling_wins() -> None:
    org = parse_organization(COVER)
    assert org == Organization("องค์การบริหารส่วนตำบลหนองบัวทอง", "อบต.", "นางรอง", "บุรีรัมย์")


@pytest.mark.parametrize(
    ("text", "name", "org_type", "district", "province"),
    [
        (
            "เทศบาลตำบลท่าข้าม อำเภอพุนพิน จังหวัดสุราษฎร์ธานี",
            "เทศบาลตำบลท่าข้าม",
            "ทต.",
            "พุนพิน",
            "สุราษฎร์ธานี",
        ),
        (
            "แผนปฏิบัติการป้องกันการทุจริต เทศบาลเมืองบ้านไผ่ อำเภอบ้านไผ่ จังหวัดขอนแก่น",
            "เทศบาลเมืองบ้านไผ่",
            "ทม.",
            "บ้านไผ่",
            "ขอนแก่น",
        ),
        ("เทศบาลนครยะลา จังหวัดยะลา", "เทศบาลนครยะลา", "ทน.", None, "ยะลา"),
        (
            "องค์การบริหารส่วนจังหวัดน่าน พ.ศ.2566-2570\nองค์การบริหารส่วนจังหวัดน่าน",
            "องค์การบริหารส่วนจังหวัดน่าน",
            "อบจ.",
            None,
            "น่าน",
        ),
        (
            "รายงานผลการดำเนินการ อบต.โคกสูง อ.เมืองอุดรธานี จ.อุดรธานี",
            "องค์การบริหารส่วนตำบลโคกสูง",
            "อบต.",
            "เมืองอุดรธานี",
            "อุดรธานี",
        ),
        (
            "ขององค์การบริหารส่วนตำบลวังน้ำเขียวอำเภอวังน้ำเขียวจังหวัดนครราชสีมา",
            "องค์การบริหารส่วนตำบลวังน้ำเขียว",
            "อบต.",
            "วังน้ำเขียว",
            "นครราชสีมา",
        ),
        (
            "เทศบาลตำบลบ้านนา อำเภอเมืองกระบี่ จังหวัดกระบี่",
            "เทศบาลตำบลบ้านนา",
            "ทต.",
            "เมืองกระบี่",
            "กระบี่",
        ),
    ],
)
def test_parse_organization(
    text: str, name: str, org_type: str, district: str | None, province: str
) -> None:
    org = parse_organization(text)
    assert (org.name, org.type, org.district, org.province) == (name, org_type, district, province)


def test_thai_digits_and_no_org() -> None:
    assert parse_organization("ประกาศ เรื่อง ผลการประเมิน") == Organization()


def test_province_typo_corrected() -> None:
    assert parse_province("กาญจนบุรร") == "กาญจนบุรี"
    assert parse_province("นครศรีธรรมราช") == "นครศรีธรรมราช"
    assert parse_province("xyz") is None
    org = parse_organization("เทศบาลตำบลลาดหญ้า อำเภอเมืองกาญจนบุรี จังหวัดกาญจนบุรร")
    assert org.province == "กาญจนบุรี"


REGISTRY = Registry(
    [
        ("6310501", "หนองบัวทอง", "องค์การบริหารส่วนตำบล", "นางรอง", "บุรีรัมย์"),
        ("6310502", "หนองบัวงาม", "องค์การบริหารส่วนตำบล", "นางรอง", "บุรีรัมย์"),
        ("5310401", "หนองบัวทอง", "เทศบาลตำบล", "ลำปลายมาศ", "บุรีรัมย์"),
        ("6710601", "หนองบัวทอง", "อบต.", "เมือง", "ชัยภูมิ"),
    ]
)


def test_registry_corrects_name_and_fills_code() -> None:
    org = parse_organization("องค์การบริหารส่วนตำบลหนองบัวท้อง อำเภอนางรอง จังหวัดบุรีรัมย์", REGISTRY)
    assert org.name == "องค์การบริหารส่วนตำบลหนองบัวทอง"
    assert org.dla_code == "6310501"
    assert org.district == "นางรอง"


def test_registry_respects_type_and_province() -> None:
    org = REGISTRY.resolve(Organization("เทศบาลตำบลหนองบัวทอง", "ทต.", None, "บุรีรัมย์"))
    assert org.dla_code == "5310401"
    org = REGISTRY.resolve(Organization("องค์การบริหารส่วนตำบลหนองบัวทอง", "อบต.", None, "ชัยภูมิ"))
    assert org.dla_code == "6710601"


def test_registry_leaves_unknown_names() -> None:
    org = Organization("องค์การบริหารส่วนตำบลเขาพระ", "อบต.", None, "บุรีรัมย์")
    assert REGISTRY.resolve(org) == org
