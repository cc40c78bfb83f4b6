"""repair_text and dictionary_share on the defects Thai PDF text layers have."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.extract.thai import (
    dictionary_share,
    fix_am_for_aa,
    fix_marks,
    is_thai_token,
    map_pua,
    repair_text,
)

# Sentences written for these tests in the style of the seed documents (new organizations).
CLEAN = [
    "แผนปฏิบัติการป้องกันการทุจริต ๕ ปี (พ.ศ. ๒๕๖๖ - ๒๕๗๐) ขององค์การบริหารส่วนตำบลบ้านโพธิ์งาม",
    "ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. 2567",
    "มิติที่ ๑ การสร้างสังคมที่ไม่ทนต่อการทุจริต จำนวน ๓ โครงการ งบประมาณ ๑๒๐,๐๐๐ บาท",
    "โครงการฝึกอบรมคุณธรรมจริยธรรมแก่ผู้บริหาร สมาชิกสภา และพนักงานส่วนตำบล",
    "มาตรการส่งเสริมการใช้ดุลยพินิจและอำนาจหน้าที่ให้เป็นไปตามหลักการบริหารกิจการบ้านเมืองที่ดี",
    "ผู้รับผิดชอบ สำนักปลัด กองคลัง กองช่าง ระยะเวลาดำเนินการ ตุลาคม ๒๕๖๗ - กันยายน ๒๕๖๘",
    "ข้อมูลพื้นฐานของเทศบาลตำบลหนองบัวแดง อำเภอเมือง จังหวัดนครราชสีมา",
    "คะแนนรวม ๘๒.๕๔ ระดับ A เพิ่มขึ้นจากปีที่ผ่านมา",
]


def test_pua_glyphs_map_to_thai() -> None:
    assert map_pua("ผู\uf70b") == "ผู้"
    assert map_pua("\uf710") == "ั"
    assert map_pua("ป\uf701") == "ปิ"
    assert map_pua("\uf0b7 ข้อ") == "• ข้อ"


def test_repair_never_outputs_pua() -> None:
    assert not any(0xE000 <= ord(c) <= 0xF8FF for c in repair_text("ที\uf70a\uf702 \uf0a7 ก"))


def test_sara_am_rebuilt() -> None:
    assert repair_text("ส านักงาน") == "สำนักงาน"
    assert repair_text("อ าเภอ") == "อำเภอ"
    assert repair_text("ทํางาน") == "ทำงาน"
    assert repair_text("ดำาเนินการ") == "ดำเนินการ"
    assert repair_text("ประจา ปีงบประมาณ") == "ประจำปีงบประมาณ"
    assert fix_marks("น\u0e4d\u0e49\u0e32") == "น้ำ"


def test_reordered_marks_and_spaces_inside_words() -> None:
    assert repair_text("ขอ้ มลู") == "ข้อมูล"
    assert repair_text("วสิ ยั ทศั น์") == "วิสัยทัศน์"
    assert repair_text("แบบฟอร์มการขอเผยแพร่ขอ้ มลู ผ่านเว็บไซตข์ องหน่วยงาน") == (
        "แบบฟอร์มการขอเผยแพร่ข้อมูลผ่านเว็บไซต์ของหน่วยงาน"
    )
    assert repair_text("จังหวัดชลบุร ี") == "จังหวัดชลบุรี"
    assert repair_text("ชื ่อหน่วยงาน") == "ชื่อหน่วยงาน"


def test_dropped_mark_only_where_unambiguous() -> None:
    assert repair_text("สาธารณส ข") == "สาธารณสุข"
    assert repair_text("สำนักงานสาธารณส ขอ าเภอ") == "สำนักงานสาธารณสุขอำเภอ"


def test_sara_aa_mapped_to_sara_am_is_undone() -> None:
    assert fix_am_for_aa("ยุทธศำสตร์และตัวชี้วัดสำคัญ") == "ยุทธศาสตร์และตัวชี้วัดสำคัญ"


def test_phrase_spaces_kept() -> None:
    assert repair_text("ผู้รับผิดชอบ สำนักปลัด กองคลัง") == "ผู้รับผิดชอบ สำนักปลัด กองคลัง"
    assert repair_text("งานบุคคลที่ กจ.กท. กำหนด") == "งานบุคคลที่ กจ.กท. กำหนด"


def test_clean_text_unchanged() -> None:
    for line in CLEAN:
        assert repair_text(line) == line
        assert dictionary_share(line) >= 0.9


def test_clean_paragraph_share_high() -> None:
    text = "\n".join(CLEAN)
    assert dictionary_share(text) >= 0.97
    assert repair_text(text) == text


def test_digits_and_lines_kept() -> None:
    raw = "วันที่ ๑๓ พฤศจิกายน 256๒\nงบประมาณ ๕๐,๐๐๐ บาท"
    assert repair_text(raw) == raw


def test_dictionary_share_counts_thai_tokens_only() -> None:
    assert dictionary_share("") == 1.0
    assert dictionary_share("2567 ABC 12.5") == 1.0
    assert dictionary_share("สำนักงาน 2567") == 1.0
    assert dictionary_share("ส านักงาน") < 0.5
    assert is_thai_token("ที่")
    assert not is_thai_token("ๆ")
    assert not is_thai_token("๒๕๖๗")


def test_idempotent_on_broken_text() -> None:
    for raw in ["ขอ้ มลู ส านักงาน", "ยทุ ธศาสตรแ์ ละตวั ชวี้ ดั", "สา นักงานสาธารณสขุ จงั หวดั"]:
        once = repair_text(raw)
        assert repair_text(once) == once


_thaiish = st.text(
    alphabet=st.sampled_from(
        [
            *list("กขคงจสนมยรลวอทบปผพาำะเแโใไัิีึืุู่้๊๋็์ํ \n๑๒3."),
            "\uf70a",
            "\uf701",
            "\uf710",
            "\uf0b7",
            "\u200b",
        ]
    ),
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(_thaiish)
def test_repair_properties(raw: str) -> None:
    out = repair_text(raw)
    assert not any(0xE000 <= ord(c) <= 0xF8FF for c in out)
    assert repair_text(out) == out


def test_ocr_marks_restored_where_the_dictionary_agrees() -> None:
    from prongsai.extract.thai import restore_ocr_marks

    assert restore_ocr_marks("ลดขันตอนการให้บริการ") == "ลดขั้นตอนการให้บริการ"
    assert restore_ocr_marks("เปิดเผยข้อมูลบุนเว็บไซต์") == "เปิดเผยข้อมูลบนเว็บไซต์"
    assert restore_ocr_marks("=เปิดเผยข้อมูล") == "-เปิดเผยข้อมูล"
    clean = "องค์การบริหารส่วนตำบลเขาทอง จัดทำแผนปฏิบัติการป้องกันการทุจริต"
    assert restore_ocr_marks(clean) == clean


def test_sara_uu_back_from_a_tone_mark() -> None:
    from prongsai.extract.thai import fix_tho_for_uu

    assert fix_tho_for_uu("โครงการปรับปรุงศ้นย์ข้อม้ลข่าวสาร") == "โครงการปรับปรุงศูนย์ข้อมูลข่าวสาร"
    assert fix_tho_for_uu("ความร้การตรวจสอบ") == "ความรู้การตรวจสอบ"
    assert fix_tho_for_uu("ท่าช้าง น้ำท่วม") == "ท่าช้าง น้ำท่วม"


# LibreOffice and PDF layout orders for "น้ำ": its nikhahit glyph mapped to sara am with the
# tone drawn after it, the sara aa before the sara am, the tone after both.
_NAM_FORMS = ["น้ำ", "นำ้า", "นำ้", "นำา้", "นาำ้", "นา้ำ", "น้ำา", "นํ้า", "น้ํา", "นํา้"]
_NAM_TEXTS = ["องค์การบริหารส่วนตำบลน{}พอง", "เทศบาลตำบลบ้านน{}ดิบ", "น{}ท่วม", "ค่าน{}ประปา"]


def test_libreoffice_sara_am_forms_repaired() -> None:
    for form in _NAM_FORMS:
        for text in _NAM_TEXTS:
            raw = text.format(form[1:])
            assert repair_text(raw) == text.format("\u0e49\u0e33"), raw


def test_repair_never_turns_a_word_into_a_non_word() -> None:
    from prongsai.extract.thai import dictionary_cost, fix_tho_for_uu

    for text in _NAM_TEXTS:
        good = text.format("\u0e49\u0e33")
        assert repair_text(good) == good
        assert fix_tho_for_uu(good) == good
    # Regression: sara uu for the tone gave "นำู" (a word and a fragment, fewer letters
    # outside words) where the tone only sat after the sara am.
    assert fix_tho_for_uu("นำ้ท่วม") == "นำ้ท่วม"
    assert repair_text("นำ้ท่วม") == "น้ำท่วม"
    assert dictionary_cost("น้ำท่วม") <= dictionary_cost("นำ้ท่วม")


def test_junk_share() -> None:
    from prongsai.extract.thai import junk_share

    assert junk_share("") == 0.0
    assert junk_share("ประจำปีงบประมาณ พ.ศ. 2560 (Smart Farmer) 1,250.00 บาท") == 0.0
    assert junk_share("Ministry of Public Health, COVID-19, e-GP 2567") < 0.05
    assert junk_share("υϔτΪΕϔτΪυϖΩ νυϒσϔεΣϔυ 0.00 21,750.00") > 0.9
    assert junk_share("(cid:1)(cid:2)(cid:2)(cid:3) #$ก% &'(ก 2540") > 0.3
    assert junk_share("rinuiMu lnu ouhYunnu l1nu") > 0.3  # scanner OCR read Thai as English
