"""What kind of document a text is, from its title.

The title is the first thing on the first pages, so the kind whose title phrase starts
earliest in that zone wins; body text mentions every kind in passing (a measures report
cites the plan, minutes discuss the ITA). Text is compared with spaces removed, and an
OCR'd title that matches no phrase exactly is matched approximately.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

from prongsai.extract.numbers import to_arabic_digits
from prongsai.extract.records import DocType

# How much of the space-free text counts as the title zone: a cover page with the
# organization's name, address and a two-line title fits well inside.
TITLE_ZONE = 600
_FUZZY_MIN_SCORE = 90.0

# (phrase, kind) — more specific phrases first, for equal start positions.
_TITLES: tuple[tuple[str, DocType], ...] = (
    ("แผนปฏิบัติการป้องกันการทุจริต", "anticorruption_plan"),
    ("แผนป้องกันการทุจริต", "anticorruption_plan"),
    ("รายงานการวิเคราะห์ผลการประเมินคุณธรรม", "ita_analysis"),
    ("การวิเคราะห์ผลการประเมินคุณธรรม", "ita_analysis"),
    ("วิเคราะห์ผลการประเมินITA", "ita_analysis"),
    # A report of the results themselves: "รายงานผลการประเมินคุณธรรมและความโปร่งใส ... (ITA)".
    ("รายงานผลการประเมินคุณธรรม", "ita_analysis"),
    ("ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงาน", "ita_analysis"),
    ("ผลการประเมินITA", "ita_analysis"),
    ("ผลคะแนนITA", "ita_analysis"),
    ("รายงานผลการดำเนินการตามมาตรการ", "integrity_measures_report"),
    ("รายงานการดำเนินการตามมาตรการ", "integrity_measures_report"),
    ("รายงานผลการดำเนินงานตามมาตรการ", "integrity_measures_report"),
    ("ผลการดำเนินการตามมาตรการส่งเสริมคุณธรรม", "integrity_measures_report"),
    ("มาตรการส่งเสริมคุณธรรมและความโปร่งใส", "integrity_measures"),
    # Titles of documents that are none of the above, yet mention them in their body.
    ("รายงานการประชุม", "other"),
    ("ประกาศผล", "other"),
    ("บันทึกการประชุม", "other"),
    ("ประกวดราคา", "other"),
    ("สอบราคา", "other"),
    ("ประกาศผู้ชนะการเสนอราคา", "other"),
    ("จัดซื้อจัดจ้าง", "other"),
    ("ข้อบัญญัติ", "other"),
    ("เทศบัญญัติ", "other"),
    ("งบประมาณรายจ่ายประจำปี", "other"),
    ("คำสั่งแต่งตั้ง", "other"),
)
# Fuzzy matching only for the long, distinctive titles; short "other" phrases would
# match too much by accident.
_FUZZY_MIN_LENGTH = 18
# OCR reads "พ.ศ." as "W.A." or "wel.": allow a few stray Latin letters and dots before the year.
_FISCAL_YEAR = re.compile(r"(?:ประจำ)?ปี(?:งบประมาณ)?(?:พ\.?ศ\.?|[A-Za-z.,]{1,5})?(25\d\d)")


def squash(text: str) -> str:
    """Text normalized for matching: NFC, Arabic digits, no whitespace, SARA AM composed.

    >>> squash("รายงาน การวิเคราะห์  ผลการประเมิน ๒๕๖๔")
    'รายงานการวิเคราะห์ผลการประเมิน2564'
    """
    text = unicodedata.normalize("NFC", text).replace("\u0e4d\u0e32", "\u0e33")
    text = text.replace("*", "").replace("#", "")
    return re.sub(r"[\s\u200b\ufeff]+", "", to_arabic_digits(text))


def _title_zone(text: str) -> str:
    return squash(text)[:TITLE_ZONE]


def _earliest(zone: str) -> tuple[int, DocType] | None:
    found: list[tuple[int, int, DocType]] = []
    for rank, (phrase, kind) in enumerate(_TITLES):
        pos = zone.find(phrase)
        if pos < 0 and len(phrase) >= _FUZZY_MIN_LENGTH:
            hit = fuzz.partial_ratio_alignment(phrase, zone, score_cutoff=_FUZZY_MIN_SCORE)
            if hit is not None:
                pos = hit.dest_start
        if pos >= 0:
            found.append((pos, rank, kind))
    if not found:
        return None
    pos, _, kind = min(found)
    return pos, kind


def classify(text: str) -> DocType:
    """The document kind from the text of its first pages.

    >>> classify("แผนปฏิบัติการป้องกันการทุจริต เพื่อยกระดับคุณธรรมและความโปร่งใส (พ.ศ. ๒๕๖๖ - ๒๕๗๐)")
    'anticorruption_plan'
    >>> classify("แบบรายงาน\\nรายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๔")
    'ita_analysis'
    >>> classify("รายงานการประชุมสภา สมัยสามัญ ... แผนปฏิบัติการป้องกันการทุจริต")
    'other'
    """
    hit = _earliest(_title_zone(text))
    return hit[1] if hit else "other"


def fiscal_year(text: str, doc_type: DocType) -> int | None:
    """The BE fiscal year an ITA or measures document reports on, from its title.

    >>> fiscal_year("รายงานผลการดำเนินการตามมาตรการ… ประจำปีงบประมาณ พ.ศ. ๒๕๖๘", "integrity_measures_report")
    2568
    >>> fiscal_year("แผนปฏิบัติการป้องกันการทุจริต (พ.ศ. ๒๕๖๖ - ๒๕๗๐)", "anticorruption_plan") is None
    True
    """
    if doc_type in ("anticorruption_plan", "other"):
        return None
    s = squash(text)
    zone = s[:TITLE_ZONE]
    hit = _earliest(zone)
    # The year that follows the title phrase; a cover may carry a date before it.
    start = hit[0] if hit else 0
    for source in (zone[start:], zone, s[: TITLE_ZONE * 4]):
        m = _FISCAL_YEAR.search(source)
        if m:
            return int(m.group(1))
    return None
