"""Properties of the text repair and the number and date parsers, on arbitrary text.

They read whatever a PDF text layer or OCR gives: they never raise, give plain values (no PUA,
finite numbers, real dates), are idempotent where they clean text, and read back what they
would read in a document.
"""

from __future__ import annotations

import math
from datetime import date

from hypothesis import example, given, settings
from hypothesis import strategies as st

from prongsai.extract import dates, numbers, thai

SETTINGS = settings(max_examples=150, deadline=None)
# Thai letters and marks, PUA glyph variants, digits, separators: what broken layers hold.
THAIISH = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B),
        st.characters(min_codepoint=0xF700, max_codepoint=0xF71F),
        st.sampled_from(list(" \n\t.,-–/:()0123456789\u200b\u00ad\ufeff")),
    ),
    max_size=60,
)
ANY_TEXT = st.one_of(THAIISH, st.text(max_size=60))


def _pua(text: str) -> bool:
    return any(0xE000 <= ord(c) <= 0xF8FF or ord(c) >= 0xF0000 for c in text)


@SETTINGS
@given(ANY_TEXT)
@example("ส\uf70bวน \uf0b7 ข้อ")
def test_repair_text_is_idempotent_and_leaves_no_pua(raw: str) -> None:
    out = thai.repair_text(raw)
    assert not _pua(out)
    assert thai.repair_text(out) == out


@SETTINGS
@given(ANY_TEXT)
def test_normalize_chars_is_idempotent(raw: str) -> None:
    out = thai.normalize_chars(raw)
    assert not _pua(out)
    assert thai.normalize_chars(out) == out


@SETTINGS
@given(ANY_TEXT)
def test_ocr_mark_restoration_never_raises_or_adds_pua(raw: str) -> None:
    out = thai.restore_ocr_marks(thai.map_pua(raw))
    assert not _pua(out)


@SETTINGS
@given(ANY_TEXT)
@example("9" * 400)
@example("-" + "9" * 309 + ".5")
def test_numbers_are_finite_or_none(raw: str) -> None:
    for parse in (numbers.parse_amount, numbers.parse_score):
        value = parse(raw)
        assert value is None or math.isfinite(value)


def test_amount_of_400_digits_is_none_not_inf() -> None:
    # Regression: columns run together gave float("9" * 400) == inf.
    assert numbers.parse_amount("9" * 400) is None


@SETTINGS
@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=99))
def test_amounts_read_back_in_thai_digits_with_separators(baht: int, satang: int) -> None:
    written = f"{baht:,}.{satang:02d}".translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    assert numbers.parse_amount(written + " บาท") == float(f"{baht}.{satang:02d}")


@SETTINGS
@given(ANY_TEXT)
@example("1 มกราคม 0000")
@example("ปีงบประมาณ 0001")
@example("ตุลาคม 0000 - กันยายน 0001")
@example("31 ธ.ค. 9999")
@example("0 มกราคม 2567")  # day 0: found by the PDF fuzz test as "day is out of range for month"
def test_dates_are_real_or_none(raw: str) -> None:
    found = dates.parse_thai_date(raw)
    assert found is None or isinstance(found, date)
    start, end = dates.parse_period(raw)
    assert all(d is None or isinstance(d, date) for d in (start, end))
    span = dates.parse_year_range(raw)
    assert span is None or span[0] <= span[1]
    assert all(2500 <= y <= 2599 for y in dates.parse_years(raw))


@SETTINGS
@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)))
def test_thai_dates_read_back(day: date) -> None:
    month = list(dates._MONTHS)[day.month - 1]
    year_be = str(day.year + 543).translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    assert dates.parse_thai_date(f"วันที่ {day.day} {month} พ.ศ. {year_be}") == day
