"""Rows of an integrity-measures table (มาตรการส่งเสริมคุณธรรมและความโปร่งใส) and its report.

Tables are read by content (extract/columns.py): the header band is found among the first
rows, below any title rows, and each column's header words give its role (ที่ | มาตรการ/
แนวทาง | วิธีดำเนินการ | ผู้รับผิดชอบ | ระยะเวลา | ผลการดำเนินการ | ผลลัพธ์ | เครื่องมือ, in
any order; ตัวชี้วัด, หมายเหตุ and unknown columns are not read). The header repeats on every
page; a row without a number in the ที่ column, or with an empty measure cell, continues the
measure above it. The tool (IIT/EIT/OIT) comes from a tool column, a section row inside the
table ("IIT", "ตัวชี้วัดที่ 9 ...": 1-5 IIT, 6-8 EIT, 9-10 OIT) or a heading just before it,
and is carried down; documents without sections give None. A document with no measures
table is read from numbered paragraphs with labelled lines ("ผู้รับผิดชอบ: ...").

Cell text rule (the corpus gold follows it): NFC, Thai digits as Arabic, every line break
and run of whitespace collapsed to one space, trimmed; an empty cell is None.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from prongsai.extract import columns
from prongsai.extract.dates import parse_period
from prongsai.extract.numbers import to_arabic_digits
from prongsai.extract.records import DocType, Measure, Page, Problem, Table

_FIELDS = ("measure", "method", "responsible", "period", "result", "outcome")
# Header words by column role, scored on the squashed header text (a column takes its best
# role). A label starts with its role word, so a word at the start weighs more: the long header
# "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน..." names the measure, not the unit.
_ROLE_WORDS: dict[str, tuple[tuple[str, float], ...]] = {
    "order": ((r"^(?:ที่|ลำดับ(?:ที่)?|ข้อ|No\.?)$", 8.0),),
    "measure": (
        (r"^(?:มาตรการ|แนวทาง|กิจกรรม|โครงการ)", 4.0),
        (r"มาตรการ|แนวทาง|กิจกรรม|โครงการ", 2.0),
    ),
    "method": ((r"^(?:วิธี|ขั้นตอน|การดำเนินการ$)", 5.0), (r"วิธี|ขั้นตอน", 3.0)),
    "responsible": ((r"รับผิดชอบ", 5.0), (r"^(?:หน่วยงาน|ส่วนราชการ)", 3.0)),
    "period": ((r"^(?:ระยะเวลา|ช่วงเวลา|ห้วงเวลา|เวลา)", 6.0), (r"ระยะเวลา|ห้วงเวลา", 3.0)),
    "result": ((r"สรุปผล|ผลการดำเนินการ|ผลการดำเนินงาน|ติดตามผล|ผลการปฏิบัติ|ผลการติดตาม", 6.0),),
    "outcome": ((r"ผลลัพธ์", 7.0), (r"ความสำเร็จ", 4.0)),
    "tool": ((r"เครื่องมือ", 8.0),),
    "indicator": ((r"^(?:ตัวชี้วัด|เป้าหมาย)", 5.0), (r"ตัวชี้วัด|เป้าหมาย", 2.0)),
    # Known, not read.
    "other": ((r"ข้อเสนอแนะ|หมายเหตุ|งบประมาณ|ประเด็น|ปัญหา|อุปสรรค|คะแนน", 5.0),),
}
_ROLE_SCORERS = {role: columns.scorer(marks) for role, marks in _ROLE_WORDS.items()}
# Words of a header cell that names no column alone ("การดำเนินการ" over three sub-columns).
_HEADER_ONLY = columns.scorer(((r"ดำเนินการ|ดำเนินงาน|รายละเอียด|รายการ", 1.0),))
# A header cell met again inside a table (a different layout on a later page).
_INNER_HEADER_CELL_MAX = 60
_BODY_ROLES = ("method", "responsible", "period", "result", "outcome")
_TOOL_HEADING = re.compile(
    r"(?<![A-Z])(?P<code>IIT|EIT|OIT)(?![A-Z])"
    r"|แบบวัดการรับรู้ของผู้มีส่วนได้(?:ส่วน)?เสีย(?P<side>ภายใน|ภายนอก)"
    r"|(?P<open>(?:แบบวัด|แบบตรวจ)การเปิดเผยข้อมูล(?:ต่อ)?สาธารณะ)"
)
# "ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล": indicators 1-5 are IIT, 6-8 EIT, 9-10 OIT.
_INDICATOR = re.compile(r"^(?:\(?\d{1,2}[.)]\s*)?ตัวชี้วัดที่\s*(\d{1,2})(?!\d)")
# "1.", "1)", "(1)", "1.1.", "1.1 ..."
_NUMBER = r"\(?\d{1,2}(?:\.\d{1,2})*\s*[.)]|\d{1,2}(?:\.\d{1,2})+(?!\d)"
_NUMBER_START = re.compile(rf"^(?:{_NUMBER})")
_NUMBERED = re.compile(rf"^(?:{_NUMBER}|[-•*]|ตัวชี้วัดที่|ข้อ\s*\d)")
_DASHES = re.compile(r"^[-\s|]*$")
_ORDER = re.compile(r"^\(?\d{1,3}(?:\.\d{1,2})*\s*[.)]?$")


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


def header_score(cell: str) -> float:
    """How much a cell reads as a measures-table header cell (0: no header word)."""
    return sum(score(cell) for score in _ROLE_SCORERS.values()) + _HEADER_ONLY(cell)


def _role_of(text: str) -> str | None:
    scores = {role: score(text) for role, score in _ROLE_SCORERS.items()}
    role, best = max(scores.items(), key=lambda kv: kv[1])
    return role if best > 0 else None


def find_columns(band_rows: list[list[str]], width: int = 0) -> dict[int, str] | None:
    """Column index -> role for a header band; None when it heads no measures table (it needs
    a measure column and two more of method, unit, period, result, outcome, tool, order).

    Roles are those of `_ROLE_WORDS`; "indicator" and "other" columns are known, not read.
    """
    width = max([width, *(len(r) for r in band_rows)])
    found: dict[int, str] = {}
    for i, text in enumerate(columns.column_texts(band_rows, width)):
        role = _role_of(text) if text else None
        if role and role != "other" and role not in found.values():
            found[i] = role
    named = set(found.values())
    if "measure" not in named or len(named & {*_BODY_ROLES, "tool", "order"}) < 2:
        return None
    if not named & set(_BODY_ROLES):
        return None
    return found


def header_columns(row: list[str]) -> dict[int, str] | None:
    """Column index -> role for a one-row measures header; None when the row is no such header.

    >>> header_columns(["ที่", "มาตรการ/แนวทาง", "วิธีดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลา"])
    {0: 'order', 1: 'measure', 2: 'method', 3: 'responsible', 4: 'period'}
    """
    if not columns.filled(row) or columns.header_band([row], header_score) is None:
        return None
    return find_columns([row])


def _band(rows: list[list[str]]) -> tuple[int, int, dict[int, str]] | None:
    """(start, end, columns) of the header band among a table's first rows.

    Title rows above the header (one text over the whole width) are skipped; a section row
    under it ("ตัวชี้วัดที่ 1 ...", "IIT") is body; a second header row is kept only when all
    its cells are header words, so a wrapped data row is not taken for one.
    """
    width = max((len(r) for r in rows[:8]), default=0)
    skip = 0
    while skip < min(6, len(rows)):
        band = columns.header_band(rows[skip:], header_score, search=6 - skip)
        if band is None:
            return None
        start, end = skip + band.start, skip + band.end
        if width > 1 and columns.is_section_row(rows[start]):
            skip = start + 1
            continue
        stop = start + 1
        while stop < end and _sub_header(rows[stop]):
            stop += 1
        found = find_columns(rows[start:stop], width)
        if found is not None:
            return start, stop, found
        skip = start + 1
    return None


def _sub_header(row: list[str]) -> bool:
    cells = columns.filled(row)
    if len(cells) < 2 or columns.is_section_row(row):
        return False
    return all(header_score(c) > 0 for c in cells)


def _short_cells(row: list[str]) -> bool:
    """Inside a table, a header repeated in another layout is labels, not paragraphs."""
    return all(len(_squash(c)) <= _INNER_HEADER_CELL_MAX for c in row)


def _same_row(a: list[str], b: list[str]) -> bool:
    return [_squash(c) for c in a] == [_squash(c) for c in b]


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


def tool_of_indicator(text: str) -> str | None:
    """The tool an indicator number belongs to: 1-5 IIT, 6-8 EIT, 9-10 OIT.

    >>> tool_of_indicator("ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล"), tool_of_indicator("ตัวชี้วัด")
    ('OIT', None)
    """
    m = _INDICATOR.match(_squash(text))
    if not m:
        return None
    n = int(m.group(1))
    return "IIT" if 1 <= n <= 5 else "EIT" if 6 <= n <= 8 else "OIT" if 9 <= n <= 10 else None


def _context_tool(text: str) -> str | None:
    return tool_of_heading(text) or tool_of_indicator(text)


def _row_cells(row: list[str], roles: dict[int, str]) -> dict[str, str | None]:
    cells: dict[str, str | None] = dict.fromkeys((*_FIELDS, "order", "tool", "indicator"))
    for i, name in roles.items():
        if i < len(row):
            cells[name] = clean_cell(row[i])
    return cells


def _section(row: list[str], roles: dict[int, str]) -> tuple[bool, str | None]:
    """(is a section row, the tool it names). One text over several cells is a section; one
    text in one cell is one when it names a tool or an indicator and sits where a section
    label does (the first, measure, tool or indicator column), not in a wrapped method cell."""
    # A section label spread over the columns beside a ที่ cell is a section as well.
    order = [i for i, role in roles.items() if role == "order"]
    row = ["" if i in order else c for i, c in enumerate(row)]
    cells = columns.filled(row)
    texts = {c for c in (clean_cell(x) for x in cells) if c}
    if len(texts) != 1:
        return False, None
    text = texts.pop()
    tool = _context_tool(text)
    if len(cells) > 1 and len(row) > 1:
        return True, tool
    where = next(i for i, c in enumerate(row) if c and c.strip())
    label_column = where == 0 or roles.get(where) in ("measure", "tool", "indicator")
    return tool is not None and label_column, tool


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


def _only_measure(cells: dict[str, str | None]) -> bool:
    return bool(cells["measure"]) and not any(cells[n] for n in _BODY_ROLES)


def extract_measures(pages: list[Page], tables: list[Table], doc_type: DocType) -> MeasuresFacts:
    """Measures from every measures table of the document, in order; from numbered paragraphs
    of the pages' text when the document has no measures table.

    >>> table = Table(1, [["มาตรการ/แนวทาง", "วิธีดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ"],
    ...                   ["๑. ลดขั้นตอนการให้บริการ", "ทบทวนคู่มือ", "สำนักปลัด", "๑ ต.ค.๖๖ - ๓๐ ก.ย. ๖๗"]])
    >>> m = extract_measures([], [table], "integrity_measures").measures[0]
    >>> m.measure, m.period_start, m.period_end
    ('1. ลดขั้นตอนการให้บริการ', '2023-10-01', '2024-09-30')
    """
    headings = _Headings(pages)
    measures: list[Measure] = []
    roles: dict[int, str] | None = None
    band_rows: list[list[str]] = []
    tool: str | None = None
    found_table = False
    for table in tables:
        if not table.rows:
            continue
        band = _band(table.rows)
        if band is None and roles is None:
            continue
        head = 0
        if band is not None:
            start, head, own = band
            repeated = roles is not None and own == roles
            roles = own
            band_rows = table.rows[start:head]
            found_table = True
        elif roles is None or len(table.rows[0]) < max(roles) + 1:
            roles = None
            continue
        else:
            repeated = False
        opened = band is not None
        row_pages = table.row_pages or [table.page] * len(table.rows)
        at_start = True
        last_page = -1
        for index, row in enumerate(table.rows):
            page = row_pages[index] if index < len(row_pages) else table.page
            if page != last_page:
                # A header row is found in the page text by the data row under it.
                opens = opened and index < head
                probe = table.rows[head] if opens and head < len(table.rows) else row
                heading_tool = headings.tool_before(probe, page, fresh=opens)
                tool = heading_tool or tool
                if last_page >= 0:
                    at_start = True
                last_page = page
            if index < head:
                continue
            if any(_same_row(row, b) for b in band_rows):
                repeated, at_start = True, True
                continue  # the header repeated on a later page
            inner = header_columns(row) if _short_cells(row) else None
            if inner is not None:
                repeated = inner == roles
                roles, band_rows, at_start = inner, [row], True
                continue
            if all(_DASHES.match(c or "") for c in row):
                continue
            is_section, section_tool = _section(row, roles)
            if is_section:
                tool = section_tool or tool
                continue
            cells = _row_cells(row, roles)
            row_tool = _context_tool(cells["tool"] or "") or _context_tool(cells["indicator"] or "")
            tool = row_tool or tool
            if not any(cells[n] for n in _FIELDS):
                continue
            previous = measures[-1] if measures else None
            text = cells["measure"]
            if "order" in roles.values():
                # A number in the ที่ column opens a measure; a row without one continues it,
                # unless its measure cell is numbered itself (the column numbers sections only).
                number = bool(_ORDER.match(_squash(cells["order"] or "")))
                continues = previous is not None and (
                    not text or not (number or _NUMBER_START.match(text))
                )
            else:
                continues = previous is not None and (
                    not text
                    or (
                        bool(_NUMBERED.match(previous.measure))
                        and not _NUMBERED.match(text)
                        and (
                            _only_measure(cells)
                            or (at_start and (not opened or repeated or index > head))
                        )
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
    if not found_table:
        measures = extract_paragraph_measures(pages)
    problems: list[Problem] = []
    if not measures and doc_type in ("integrity_measures", "integrity_measures_report"):
        why = "a measures table has no measure rows" if found_table else "no measures table"
        problems.append(Problem("no_measures_found", f"no measures read: {why} or paragraphs"))
    return MeasuresFacts([_finish(m) for m in measures], problems)


# "1. มาตรการ ...", "1) ...", "ข้อ 1 ..." opening a measure paragraph; the style is kept.
_PARAGRAPH = re.compile(
    r"^(?:(?P<dot>\(?(?P<n1>\d{1,2})\s*[.)])|(?P<kho>ข้อ\s*(?P<n2>\d{1,2})))(?!\d)"
)
# A field label at a line's start ("วิธีการดำเนินการ: ...", "ผู้รับผิดชอบ ...").
_LABELS: tuple[tuple[str | None, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rf"^[-•*]?\s*(?:{words})\s*[:：]?\s*"))
    for name, words in (
        ("method", r"วิธี(?:การ)?\s*ดำเนิน(?:การ|งาน)|วิธีการ|ขั้นตอน(?:การ\s*ดำเนินการ)?"),
        ("responsible", r"(?:หน่วยงาน|ส่วนราชการ)?\s*(?:ที่|ผู้)\s*รับผิดชอบ"),
        ("period", r"ระยะเวลา(?:\s*(?:ดำเนินการ|ในการดำเนินการ))?|ห้วงเวลา"),
        ("result", r"(?:สรุป)?ผลการ\s*ดำเนิน(?:การ|งาน)|สรุปผล"),
        ("outcome", r"ผลลัพธ์(?:ที่ได้)?(?:ที่คาดว่าจะได้รับ)?"),
        (None, r"ตัวชี้วัด(?!ที่)|เป้าหมาย|หมายเหตุ|งบประมาณ"),
    )
)


def _label(line: str) -> tuple[str | None, str] | None:
    for name, rx in _LABELS:
        m = rx.match(line)
        if m:
            return name, line[m.end() :].strip()
    return None


def _paragraph_start(line: str) -> tuple[str, int] | None:
    m = _PARAGRAPH.match(line)
    if not m:
        return None
    return ("kho", int(m.group("n2"))) if m.group("kho") else ("dot", int(m.group("n1")))


def extract_paragraph_measures(pages: list[Page]) -> list[Measure]:
    """Measures written as numbered paragraphs, each with labelled lines under it.

    A numbered line opens a measure when a label line follows it; a numbered line inside a
    label's list ("วิธีการดำเนินการ:" then "1) ...") belongs to that label.

    >>> text = "๑. มาตรการลดขั้นตอนการให้บริการ\\nวิธีการดำเนินการ: ทบทวนคู่มือ\\nผู้รับผิดชอบ: สำนักปลัด"
    >>> [(m.measure, m.responsible) for m in extract_paragraph_measures([Page(3, "text", text)])]
    [('1. มาตรการลดขั้นตอนการให้บริการ', 'สำนักปลัด')]
    """
    lines = [
        (page.number, cleaned)
        for page in pages
        for line in page.text.splitlines()
        if (cleaned := clean_cell(line))
    ]
    measures: list[Measure] = []
    tool: str | None = None
    current: Measure | None = None
    field_name: str | None = "measure"
    style: str | None = None
    list_next: int | None = None  # the next number of a list under an empty label
    for index, (page, line) in enumerate(lines):
        context = _context_tool(line) if _heading_like(line) else None
        label = _label(line)
        start = _paragraph_start(line) if label is None else None
        if context and (label is None or label[0] is None) and not _followed_by_label(lines, index):
            tool, current, field_name = context, None, None
            continue
        if start is not None and (style is None or start[0] == style):
            in_list = list_next is not None and start[1] == list_next
            if not in_list and _followed_by_label(lines, index):
                style = start[0]
                current = Measure(tool=tool, measure=line, page=page)
                measures.append(current)
                field_name, list_next = "measure", None
                continue
        if current is None:
            continue
        if label is not None:
            name, rest = label
            field_name = name
            list_next = None if rest else 1
            if name and rest:
                setattr(current, name, _joined(getattr(current, name), rest))
            continue
        if start is not None and list_next is not None and start[1] == list_next:
            list_next += 1
        if field_name:
            setattr(current, field_name, _joined(getattr(current, field_name), line))
    return [m for m in measures if _has_fields(m)] if measures else []


def _heading_like(line: str) -> bool:
    """A line that may be a section heading: numbered, an indicator, or opening with a tool
    name or a section word; "ให้ผ่านเกณฑ์ EIT" inside a method is not one."""
    s = _squash(line)
    if len(s) > 150:
        return False
    if _paragraph_start(s) or _INDICATOR.match(s):
        return True
    m = _TOOL_HEADING.search(s.upper())
    return bool(m and m.start() == 0) or s.startswith(("มาตรการ", "ส่วนที่", "ด้าน", "("))


def _has_fields(measure: Measure) -> bool:
    return any(getattr(measure, n) for n in _BODY_ROLES)


def _joined(current: str | None, extra: str) -> str:
    return f"{current} {extra}" if current else extra


def _followed_by_label(lines: list[tuple[int, str]], index: int) -> bool:
    """A label line comes within the next few lines, before another numbered line."""
    for _, line in lines[index + 1 : index + 5]:
        if _label(line) is not None:
            return True
        if _paragraph_start(line) is not None:
            return False
    return False
