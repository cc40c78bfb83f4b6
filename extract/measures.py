"""Rows of an integrity-measures table (มาตรการส่งเสริมคุณธรรมและความโปร่งใส) and its report.

Columns are found by their header text, since documents order and name them differently
(มาตรการ/แนวทาง | วิธีดำเนินการ | ผู้รับผิดชอบ | ระยะเวลาดำเนินการ | สรุปผล… | ผลลัพธ์…, four
to six of them). The header repeats on every page; a row with an empty measure cell
continues the measure above it. The tool (IIT/EIT/OIT) comes from a section row inside the
table or a heading just before it, and is carried down; documents without sections give None.

Cell text rule (the corpus gold follows it): NFC, Thai digits as Arabic, every line break
and run of whitespace collapsed to one space, trimmed; an empty cell is None.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from prongsai.extract.dates import parse_period
from prongsai.extract.numbers import to_arabic_digits
from prongsai.extract.records import DocType, Measure, Page, Problem, Table

_FIELDS = ("measure", "method", "responsible", "period", "result", "outcome")
# Checked in this order: "สรุปผลการดำเนินการตามมาตรการ" names the result column even though
# it contains "มาตรการ", and "หน่วยงานผู้รับผิดชอบ" is the responsible one.
_COLUMN_MARKS: tuple[tuple[str | None, tuple[str, ...]], ...] = (
    ("outcome", ("ผลลัพธ์", "ความสำเร็จ")),
    ("result", ("สรุปผล", "ผลการดำเนินการ", "ผลการดำเนินงาน", "ติดตามผล", "ผลการปฏิบัติ")),
    (None, ("ข้อเสนอแนะ", "หมายเหตุ", "งบประมาณ")),
    ("responsible", ("ผู้รับผิดชอบ", "หน่วยงาน")),
    ("period", ("ระยะเวลา", "ช่วงเวลา", "ห้วงเวลา")),
    ("method", ("วิธี", "ขั้นตอน")),
    ("measure", ("มาตรการ", "แนวทาง", "กิจกรรม", "โครงการ")),
)
# A header cell is a label, not a paragraph.
_HEADER_CELL_MAX = 60
_TOOL_HEADING = re.compile(
    r"(?<![A-Z])(?P<code>IIT|EIT|OIT)(?![A-Z])"
    r"|แบบวัดการรับรู้ของผู้มีส่วนได้(?:ส่วน)?เสีย(?P<side>ภายใน|ภายนอก)"
    r"|(?P<open>(?:แบบวัด|แบบตรวจ)การเปิดเผยข้อมูล(?:ต่อ)?สาธารณะ)"
)
_NUMBERED = re.compile(r"^(?:\(?\d{1,2}(?:\.\d{1,2})?\s*[.)]|[-•*]|ตัวชี้วัดที่)")
_DASHES = re.compile(r"^[-\s|]*$")


@dataclass
class MeasuresFacts:
    measures: list[Measure] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def clean_cell(text: str | None) -> str | None:
    """A cell's text by the corpus rule; None when empty.

    >>> clean_cell("๑. ปรับปรุงคู่มือ\\nการปฏิบัติงาน  ")
    '1. ปรับปรุงคู่มือ การปฏิบัติงาน'
    >>> clean_cell(" \\n") is None
    True
    """
    if text is None:
        return None
    s = unicodedata.normalize("NFC", text).replace("\u0e4d\u0e32", "\u0e33")
    s = re.sub(r"[\s\u200b]+", " ", to_arabic_digits(s)).strip()
    return s or None


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", clean_cell(text) or "")


def _column_of(cell: str) -> str | None:
    s = _squash(cell)
    for name, marks in _COLUMN_MARKS:
        if any(mark in s for mark in marks):
            return name
    return None


def header_columns(row: list[str]) -> dict[int, str] | None:
    """Column index → field for a measures header row; None when the row is no such header.

    >>> header_columns(["มาตรการ/แนวทาง", "วิธีดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ"])
    {0: 'measure', 1: 'method', 2: 'responsible', 3: 'period'}
    """
    if any(len(_squash(c)) > _HEADER_CELL_MAX for c in row):
        return None
    columns: dict[int, str] = {}
    for i, cell in enumerate(row):
        name = _column_of(cell)
        if name and name not in columns.values():
            columns[i] = name
    if "measure" not in columns.values() or len(columns) < 3:
        return None
    return columns


def tool_of_heading(text: str) -> str | None:
    """The ITA tool a section heading names.

    >>> tool_of_heading("๒. มาตรการแก้ไขแบบวัดการรับรู้ของผู้มีส่วนได้เสียภายนอก (EIT)")
    'EIT'
    >>> tool_of_heading("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน") is None
    True
    """
    m = _TOOL_HEADING.search(_squash(text).upper())
    if not m:
        return None
    if m.group("code"):
        return m.group("code")
    if m.group("side"):
        return "IIT" if m.group("side") == "ภายใน" else "EIT"
    return "OIT"


def _headings(pages: list[Page]) -> list[tuple[int, int, str]]:
    """(page, position in the page's squashed text, tool) of every short tool heading."""
    found: list[tuple[int, int, str]] = []
    for page in pages:
        squashed_so_far = 0
        for line in page.text.splitlines():
            s = _squash(line)
            tool = tool_of_heading(line) if 0 < len(s) <= 150 else None
            if tool:
                found.append((page.number, squashed_so_far, tool))
            squashed_so_far += len(s)
    return found


def _locate_row(row: list[str], text: str, start: int) -> int | None:
    """Where a row's text sits in its page's squashed text, searching from `start`."""
    for cell in row:
        probe = _squash(cell)[:20]
        if len(probe) >= 6:
            pos = text.find(probe, start)
            if pos >= 0:
                return pos
    return None


class _Headings:
    """Tool headings in reading order, consumed as the tables' rows are placed among them."""

    def __init__(self, pages: list[Page]) -> None:
        self.items = sorted(_headings(pages))
        self.texts = {p.number: _squash(p.text) for p in pages}
        self.cursor = 0
        self.place = (0, -1)

    def tool_before(self, row: list[str], page: int, *, fresh: bool) -> str | None:
        """The last heading between the previous placed row and this one, if any.

        A row that cannot be found in the page text is put at the page's top when it
        continues a table (`fresh` False), after the page's headings when it opens one.
        """
        text = self.texts.get(page, "")
        start = self.place[1] + 1 if self.place[0] == page else 0
        pos = _locate_row(row, text, start)
        if pos is None:
            pos = len(text) if fresh else start
        self.place = max(self.place, (page, pos))
        tool = None
        while self.cursor < len(self.items) and self.items[self.cursor][:2] <= self.place:
            heading_page, _, heading_tool = self.items[self.cursor]
            # Headings pages before the table explain the ITA; they do not open a section.
            if heading_page >= page - 1:
                tool = heading_tool
            self.cursor += 1
        return tool


def _row_cells(row: list[str], columns: dict[int, str]) -> dict[str, str | None]:
    cells: dict[str, str | None] = dict.fromkeys(_FIELDS)
    for i, name in columns.items():
        if i < len(row):
            cells[name] = clean_cell(row[i])
    return cells


def _section_tool(row: list[str]) -> str | None:
    texts = {c for c in (clean_cell(x) for x in row) if c}
    if len(texts) == 1:
        return tool_of_heading(texts.pop())
    return None


def _append(measure: Measure, cells: dict[str, str | None]) -> None:
    for name in _FIELDS:
        extra = cells[name]
        if not extra:
            continue
        current = getattr(measure, name)
        setattr(measure, name, f"{current} {extra}" if current else extra)


def _finish(measure: Measure) -> Measure:
    if measure.period:
        start, end = parse_period(measure.period)
        measure.period_start = start.isoformat() if start else None
        measure.period_end = end.isoformat() if end else None
    return measure


def extract_measures(pages: list[Page], tables: list[Table], doc_type: DocType) -> MeasuresFacts:
    """Measures from every measures table of the document, in order.

    >>> table = Table(1, [["มาตรการ/แนวทาง", "วิธีดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ"],
    ...                   ["๑. ลดขั้นตอนการให้บริการ", "ทบทวนคู่มือ", "สำนักปลัด", "๑ ต.ค.๖๖ - ๓๐ ก.ย. ๖๗"]])
    >>> m = extract_measures([], [table], "integrity_measures").measures[0]
    >>> m.measure, m.period_start, m.period_end
    ('1. ลดขั้นตอนการให้บริการ', '2023-10-01', '2024-09-30')
    """
    headings = _Headings(pages)
    measures: list[Measure] = []
    columns: dict[int, str] | None = None
    tool: str | None = None
    found_table = False
    for table in tables:
        first = table.rows[0] if table.rows else []
        own = header_columns(first)
        if own is None and columns is None:
            continue
        repeated = own is not None and columns is not None and own == columns
        if own is not None:
            columns = own
            found_table = True
        elif columns is None or len(first) < max(columns) + 1:
            columns = None
            continue
        row_pages = table.row_pages or [table.page] * len(table.rows)
        at_start = True
        last_page = -1
        for index, row in enumerate(table.rows):
            page = row_pages[index] if index < len(row_pages) else table.page
            if page != last_page:
                # A header row is found in the page text by the data row under it.
                opens = index == 0 and own is not None
                probe = table.rows[1] if opens and len(table.rows) > 1 else row
                heading_tool = headings.tool_before(probe, page, fresh=opens)
                tool = heading_tool or tool
                if page != last_page and last_page >= 0:
                    at_start = True
                last_page = page
            if index == 0 and own is not None:
                continue
            inner = header_columns(row)
            if inner is not None:
                repeated = inner == columns
                columns = inner
                at_start = True
                continue
            if all(_DASHES.match(c or "") for c in row):
                continue
            section = _section_tool(row)
            if section:
                tool = section
                continue
            cells = _row_cells(row, columns)
            if not any(cells.values()):
                continue
            previous = measures[-1] if measures else None
            text = cells["measure"]
            continues = previous is not None and (
                not text
                or (
                    at_start
                    and (own is None or repeated or index > 1)
                    and not _NUMBERED.match(text)
                    and bool(_NUMBERED.match(previous.measure))
                )
            )
            at_start = False
            if continues and previous is not None:
                _append(previous, cells)
                continue
            if not text:
                continue
            measures.append(
                Measure(
                    tool=tool,
                    measure=text,
                    method=cells["method"],
                    responsible=cells["responsible"],
                    period=cells["period"],
                    result=cells["result"],
                    outcome=cells["outcome"],
                    page=page,
                )
            )
    problems: list[Problem] = []
    if not found_table and doc_type in ("integrity_measures", "integrity_measures_report"):
        problems.append(Problem("no_tables", "no measures table found"))
    return MeasuresFacts([_finish(m) for m in measures], problems)
