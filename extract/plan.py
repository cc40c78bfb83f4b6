"""Facts of a 5-year anti-corruption action plan (แผนปฏิบัติการป้องกันการทุจริต).

Part 2 is a table of projects by dimension (มิติ) with a budget per year; Part 3 describes each
project in its own section. Both are read here, and checked against each other and themselves.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from prongsai.extract import columns
from prongsai.extract.numbers import parse_amount, to_arabic_digits
from prongsai.extract.records import Detail, Page, Problem, Project, Table
from prongsai.extract.tables import same_row

# Budgets closer than this (Baht) are equal: satang rounding in the source spreadsheets.
TOLERANCE = 0.5
# Part 3 names that differ from Part 2 by less than this (0-100 after removing spaces) are the same.
NAME_SIMILARITY = 90.0
KINDS = ("โครงการ", "กิจกรรม", "มาตรการ")

_NUMBERED = re.compile(r"^\s*\(?([0-9๐-๙]{1,2})\s*[).](?![0-9๐-๙])\s*")
# Several numbered projects run together on one line: "๑. มาตรการ ... ๒. กิจกรรม ..."
_INLINE_ITEM = re.compile(r"\s+(?=\(?[0-9๐-๙]{1,2}\s*[).]\s*[\"“']?(?:โครงการ|กิจกรรม|มาตรการ))")
_MISSION_START = re.compile(r"^\s*[0-9๐-๙]+(?:\.[0-9๐-๙]+)+")
_DIMENSION = re.compile(r"^(?:ม[ิ]?ติ)?(?:ที่)?\(?(\d)(?:[.)]|$|\D)")
_DIMENSION_WORD = re.compile(r"ม[ิ]?ติที่\s*(\d)")
# The four dimensions as the national framework names them (2566-2570, and 2561-2565 before).
DIMENSION_NAMES = {
    1: ("การสร้างวัฒนธรรมสุจริต", "การสร้างสังคมที่ไม่ทนต่อการทุจริต"),
    2: ("การบริหารราชการด้วยความโปร่งใส", "การบริหารราชการเพื่อป้องกันการทุจริต"),
    3: ("การส่งเสริมบทบาทและการมีส่วนร่วมของภาคประชาชน",),
    4: (
        "การยกระดับกลไกการตรวจสอบการดำเนินงานขององค์กรปกครองส่วนท้องถิ่น",
        "การเสริมสร้างและปรับปรุงกลไกในการตรวจสอบการปฏิบัติราชการขององค์กรปกครองส่วนท้องถิ่น",
    ),
}
_HEADING_NUMBER = re.compile(r"^(?:ม[ิ]?ติ(?:ที่)?)?\(?(\d)[.)]?")


def dimension_heading(text: str) -> int | None:
    """The dimension a section row names by its framework name, numbered or not:
    "2. การบริหารราชการด้วยความโปร่งใส" -> 2; a project's name -> None.

    >>> dimension_heading("๓ การส่งเสริมบทบาทและการมีส่วนร่วมของภาคประชาชน")
    3
    """
    s = squash(to_arabic_digits(text))
    m = _HEADING_NUMBER.match(s)
    rest = s[m.end() :] if m else s
    for number, names in DIMENSION_NAMES.items():
        for name in names:
            head = rest[: len(name) + 2]
            if fuzz.ratio(head[: len(name)], name) >= 85:
                stated = int(m.group(1)) if m else number
                return stated if 1 <= stated <= 4 else number
    return None


_COUNT = re.compile(r"จำนวน\s*(\d+)\s*(?:โครงการ|กิจกรรม|มาตรการ)")
_TOTAL = re.compile(r"^รวม(?:ทั้งสิ้น|ทั้งหมด|งบประมาณทั้งสิ้น)")
_SUBTOTAL = re.compile(r"^รวม(?:$|จำนวน|\d|มิติ|มติ|งบ|\()|^ม[ิ]?ติที่\d+.*รวม")
_AMOUNT_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


@dataclass
class PlanFacts:
    period: tuple[int, int] | None = None
    projects: list[Project] = field(default_factory=list)
    details: list[Detail] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def extract_plan(pages: list[Page], tables: list[Table]) -> PlanFacts:
    """Period, Part 2 projects, Part 3 details and the document's contradictions."""
    facts = PlanFacts(period=parse_period(pages))
    sheet = read_part2(tables)
    facts.projects = sheet.projects
    part3 = read_part3(pages)
    facts.details = [detail for detail, _ in part3]
    facts.problems = [
        *(
            []
            if sheet.projects
            else [Problem("no_projects_found", "no Part 2 project table could be read")]
        ),
        *check_sheet(sheet),
        *check_declared_counts(pages, sheet),
        *check_details(part3, sheet),
    ]
    return facts


# --- the period ---------------------------------------------------------------------------

_PERIOD = re.compile(r"พ\s*\.\s*ศ\s*\.?\s*(25\d\d)\s*[-–—]\s*(?:พ\.ศ\.\s*)?(25\d\d)")


def parse_period(pages: Sequence[Page]) -> tuple[int, int] | None:
    """The plan's years from its title, "(พ.ศ. ๒๕๖๖ - ๒๕๗๐)" -> (2566, 2570)."""
    head = "\n".join(_CID.sub("", p.text) for p in pages[:3])
    for text in (head, "\n".join(p.text for p in pages)):
        for m in _PERIOD.finditer(to_arabic_digits(text)):
            first, last = int(m.group(1)), int(m.group(2))
            if 0 < last - first <= 10:
                return first, last
    return None


# --- Part 2 ---------------------------------------------------------------------------------


@dataclass
class Columns:
    """Which column holds what, found from the header text."""

    project: int
    years: list[tuple[str, int]]  # ("2566", column)
    dimension: int | None = None
    mission: int | None = None
    remark: int | None = None
    total: int | None = None
    order: int | None = None  # a ลำดับ/ที่ column numbering the projects
    width: int = 0


@dataclass
class _Mission:
    text: str


@dataclass
class _Open:
    """A project while its rows are read: name lines still to come, mission still growing."""

    project: Project
    lines: list[str]
    mission: _Mission | None
    unknown: set[str] = field(default_factory=set)  # years whose cell was "#####"
    stated_total: float | None = None  # the row's own "รวม" (all years) cell


@dataclass
class Subtotal:
    dimension: int | None
    budgets: dict[str, float | None]
    count: int | None
    page: int | None
    members: list[int]  # indexes into Sheet.projects
    grand: bool = False


@dataclass
class Sheet:
    """Part 2 as read: the projects and the sum rows, with what a check needs to know."""

    projects: list[Project] = field(default_factory=list)
    unknown: list[set[str]] = field(default_factory=list)  # per project: years shown as "#####"
    stated_totals: list[float | None] = field(default_factory=list)  # per project: its รวม cell
    sums: list[Subtotal] = field(default_factory=list)
    years: list[str] = field(default_factory=list)
    first_page: int | None = None


# Header words of a plan's Part 2 columns, by role; a cell's score is the sum of its hits.
_ROLE_WORDS: dict[str, tuple[tuple[str, float], ...]] = {
    "project": (
        (r"โครงการ|กิจกรรม|มาตรการ", 2.0),
        (r"^รายการ|^ชื่อ|รายการ$", 2.0),
    ),
    "dimension": ((r"^ม[ิ]?ติ(?:ที่)?$|^ม[ิ]?ติ[^ก-๙]", 3.0), (r"^ม[ิ]?ติ", 1.0)),
    "mission": ((r"ภารกิจ", 4.0),),
    "order": ((r"^(?:ที่|ลำดับ(?:ที่)?|ข้อ|No\.?)$", 4.0),),
    "total": ((r"^รวม|รวม\d*ปี|รวมงบ|รวมทั้งสิ้น", 4.0),),
    "budget": ((r"งบประมาณ|บาท|ปีงบ|พ\.ศ", 1.0),),
    # Columns a plan may carry that are none of the above: known so the header scores them.
    "other": (
        (
            r"หน่วยงาน|ผู้รับผิดชอบ|ตัวชี้วัด|เป้าหมาย|ยุทธศาสตร์|หมายเหตุ|ผลผลิต|ผลลัพธ์"
            r"|ระยะเวลา|วัตถุประสงค์|แหล่งงบ|สถานที่|ผลที่คาดว่า",
            3.0,
        ),
    ),
}
_ROLE_SCORERS = {role: columns.scorer(marks) for role, marks in _ROLE_WORDS.items()}


def header_score(cell: str) -> float:
    """How much a cell reads as a Part 2 header cell (0: no header word of a plan)."""
    if columns.year_of(cell) is not None:
        return 1.0
    return sum(score(cell) for score in _ROLE_SCORERS.values())


def find_columns(
    header_rows: Sequence[Sequence[str]], body: Sequence[Sequence[str]] = ()
) -> Columns | None:
    """Column roles from the header rows' words and the body cells; None when this is not a
    Part 2 table (no project column, or no year column whose body holds budgets).

    >>> find_columns([["มิติ", "ภารกิจตามมิติ", "โครงการ/กิจกรรม/มาตรการ",
    ...                "ปี ๒๕๖๖ งบประมาณ (บาท)", "หมายเหตุ"]]).years
    [('2566', 3)]
    """
    if not header_rows:
        return None
    width = max(len(r) for r in [*header_rows, *body[:20]])
    texts = columns.column_texts(header_rows, width)
    cols = Columns(project=-1, years=[], width=width)
    sample = list(body[:60])
    taken: set[int] = set()
    for i, text in enumerate(texts):
        # The lowest header row naming one year names the column's ("2566" under "2566-2570").
        year = next(
            (y for r in reversed(header_rows) if i < len(r) and (y := columns.year_of(r[i]))),
            None,
        ) or columns.year_of(text)
        if year is None or year in {y for y, _ in cols.years}:
            continue
        if _ROLE_SCORERS["other"](text) or _ROLE_SCORERS["mission"](text):
            continue
        if columns.body_share(sample, i, columns.is_budget_cell) >= 0.7:
            cols.years.append((year, i))
            taken.add(i)
    cols.years.sort(key=lambda yc: yc[1])
    if not cols.years:
        return None
    # Dimension first: a "มิติ/ภารกิจ" column ties and is read as the dimension.
    roles = {role: _ROLE_SCORERS[role] for role in ("dimension", "mission", "order", "total")}
    for i, text in enumerate(texts):
        if i in taken or not text:
            continue
        scores = {role: score(text) for role, score in roles.items()}
        scores["project"] = _ROLE_SCORERS["project"](text)
        if _ROLE_SCORERS["other"](text) and scores["project"] < 4:
            continue  # หน่วยงาน, ตัวชี้วัดโครงการ, หมายเหตุ: known, not read
        role, best = max(scores.items(), key=lambda kv: kv[1])
        if best <= 0:
            continue
        if role == "total" and columns.body_share(sample, i, columns.is_budget_cell) < 0.7:
            continue
        if role == "project":
            continue  # decided below, from the body as well
        if getattr(cols, role) is None:
            setattr(cols, role, i)
            taken.add(i)
    if "หมายเหตุ" in "".join(texts):
        cols.remark = next((i for i, t in enumerate(texts) if "หมายเหตุ" in columns.squash(t)), None)
    cols.project = _project_column(texts, sample, taken)
    if cols.project < 0:
        return None
    return cols


def _project_column(texts: list[str], body: Sequence[Sequence[str]], taken: set[int]) -> int:
    """The column of project names: its header names them and its body holds long Thai text;
    failing a header word, the free column of longest text."""
    best, best_key = -1, (0.0, 0.0)
    for i, text in enumerate(texts):
        if i in taken:
            continue
        words = _ROLE_SCORERS["project"](text)
        if _ROLE_SCORERS["other"](text) and words < 4:
            words = -1.0
        length = columns.mean_length(body, i)
        if columns.body_share(body, i, columns.is_budget_cell) >= 0.9 and length < 12:
            continue
        key = (words, length)
        if words >= 0 and key > best_key:
            best, best_key = i, key
    return best


def squash(text: str) -> str:
    """Text without whitespace, to compare names however lines were wrapped."""
    return re.sub(r"\s+", "", text)


def read_part2(tables: Sequence[Table]) -> Sheet:
    """The projects of every Part 2 table, in order, with dimension carried across tables."""
    sheet = Sheet()
    reader = _Reader(sheet)
    previous: Columns | None = None
    last_page = -1
    for table in tables:
        band, cols = None, None
        head = 0
        for band in columns.header_bands(table.rows, header_score, search=8):
            cols = find_columns(table.rows[band.start : band.end], table.rows[band.end :])
            if cols is not None:
                head = band.end
                break
        if cols is None and previous and table.rows and table.page <= last_page + 1:
            # A piece whose repeated header was left out: same layout as the table before.
            cols = previous if len(table.rows[0]) == previous.width else None
            head = 0
        if cols is None:
            continue
        previous = cols
        last_page = max(table.pages or [table.page])
        if not sheet.years:
            sheet.years = [y for y, _ in cols.years]
        pages = table.row_pages or [table.page] * len(table.rows)
        header = table.rows[band.start : band.end] if band is not None and head else []
        for row, page in zip(table.rows[head:], pages[head:], strict=False):
            if any(same_row(h, row) for h in header) or (
                header
                and columns.header_band([row], header_score) is not None
                and not any(columns.is_amount(c) for c in row)
                and sum(1 for c in row if columns.year_of(c)) >= 2
            ):
                continue  # a header repeated inside the table
            if sheet.first_page is None:
                sheet.first_page = page
            reader.row(cols, row, page)
    reader.close()
    return sheet


class _Reader:
    """Reads Part 2 rows one by one; a project may span many rows, a row may hold many projects."""

    def __init__(self, sheet: Sheet) -> None:
        self.sheet = sheet
        self.dimension: int | None = None
        self.mission: _Mission | None = None
        self.open: list[_Open] = []
        self.group_start = 0
        self.numbered = False  # the last project was numbered: unnumbered lines continue it

    def row(self, cols: Columns, row: Sequence[str], page: int) -> None:
        cell = _cells(row)
        dim_text = cell(cols.dimension)
        mission_text = cell(cols.mission)
        project_text = cell(cols.project)
        budgets = {year: cell(i) for year, i in cols.years}
        if self._sum_row(cols, row, page, budgets):
            return
        if dim_text:
            number = parse_dimension(dim_text)
            if number is not None:
                self.dimension = number
        elif cols.dimension is None or not project_text:
            heading = _DIMENSION_WORD.match(squash(to_arabic_digits(" ".join(row))))
            if heading and not any(budgets.values()):
                self.dimension = int(heading.group(1))
                return
        filled = {c.strip() for c in row if c.strip()}
        if len(filled) == 1 and not any(parse_amount(v) is not None for v in budgets.values()):
            named = dimension_heading(filled.pop())
            if named is not None:
                self.dimension = named
                return
        for line in mission_text.splitlines():
            if _MISSION_START.match(line) or self.mission is None:
                self.mission = _Mission(line.strip())
                # Missions are numbered under their dimension ("๔.๓.๒" is in dimension 4): that
                # number holds where the dimension cell is blank or on a page left out.
                number = parse_dimension(line) if _MISSION_START.match(line) else None
                if number is not None and not dim_text:
                    self.dimension = number
            else:
                self.mission.text = join_lines(self.mission.text, line)
        numbered = bool(re.fullmatch(r"[0-9๐-๙]{1,3}\.?", cell(cols.order)))
        self._projects(cols, project_text, budgets, page, numbered=numbered)
        stated = _amount(cell(cols.total))[0] if cols.total is not None else None
        if stated is not None and len(self.open) == 1 and self.open[0].stated_total is None:
            self.open[0].stated_total = stated

    def _sum_row(
        self, cols: Columns, row: Sequence[str], page: int, budgets: dict[str, str]
    ) -> bool:
        year_cols = {i for _, i in cols.years}
        labels = [squash(to_arabic_digits(c)) for i, c in enumerate(row) if i not in year_cols]
        labels = [x for x in labels if x]
        if not labels or _NUMBERED.match(labels[0]):
            return False
        grand = any(_TOTAL.match(x) for x in labels)
        if not grand and not any(_SUBTOTAL.match(x) for x in labels):
            return False
        if not grand and not any(_SUBTOTAL.match(x) for x in labels[:2]):
            return False
        joined = "".join(labels)
        count = _COUNT.search(joined)
        dim = _DIMENSION_WORD.search(joined)
        bare = any(x in {"รวม", "รวมทั้งสิ้น", "รวมทั้งหมด"} for x in labels)
        if not (count or bare or any(v.strip() for v in budgets.values())):
            return False  # a name going on with "รวม ๓ ครั้ง", not a sum row
        self._finish()
        members = list(range(self.group_start, len(self.sheet.projects)))
        if grand:
            members = list(range(len(self.sheet.projects)))
        elif dim:
            # A subtotal that names its dimension sums that dimension's rows wherever they are.
            members = [
                i for i, p in enumerate(self.sheet.projects) if p.dimension == int(dim.group(1))
            ]
        self.sheet.sums.append(
            Subtotal(
                dimension=int(dim.group(1)) if dim else self.dimension,
                budgets={year: _amount(text)[0] for year, text in budgets.items()},
                count=int(count.group(1)) if count else None,
                page=page,
                members=members,
                grand=grand,
            )
        )
        self.group_start = len(self.sheet.projects)
        return True

    def _projects(
        self, cols: Columns, text: str, budgets: dict[str, str], page: int, *, numbered: bool
    ) -> None:
        lines = [x for x in _split_inline(text) if x.strip()]
        has_budget = any(v.strip() for v in budgets.values())
        starts = [i for i, line in enumerate(lines) if _NUMBERED.match(line)]
        opens = bool(lines) and parse_kind(lines[0]) is not None and not self.numbered
        if not starts and lines and (has_budget or numbered or opens):
            starts = [0]  # an unnumbered project: its row holds its amounts or its kind word
        if not starts:
            if lines and self.open:
                self.open[-1].lines.extend(lines)
            return
        self.numbered = bool(_NUMBERED.match(lines[starts[0]])) or numbered
        if starts[0] > 0 and self.open:
            self.open[-1].lines.extend(lines[: starts[0]])
        self._finish()
        new: list[_Open] = []
        for n, start in enumerate(starts):
            end = starts[n + 1] if n + 1 < len(starts) else len(lines)
            project = Project(
                dimension=self.dimension,
                name="",
                budgets={year: None for year in budgets},
                mission=None,
                page=page,
            )
            new.append(_Open(project, lines[start:end], self.mission))
        for year, cell_text in budgets.items():
            values = [x for x in cell_text.splitlines() if x.strip()]
            for n, value in _align(values, starts, len(lines)):
                amount, unknown = _amount(value)
                new[n].project.budgets[year] = amount
                if unknown:
                    new[n].unknown.add(year)
        self.open = new

    def _finish(self) -> None:
        for item in self.open:
            p = item.project
            name = ""
            for line in item.lines:
                name = join_lines(name, line)
            p.name = _NUMBERED.sub("", name, count=1).strip()
            p.kind = parse_kind(p.name)
            p.mission = item.mission.text if item.mission else None
            p.order = len(self.sheet.projects) + 1
            if p.name:
                self.sheet.projects.append(p)
                self.sheet.unknown.append(item.unknown)
                self.sheet.stated_totals.append(item.stated_total)
        self.open = []

    def close(self) -> None:
        self._finish()


def _cells(row: Sequence[str]) -> _CellGetter:
    return _CellGetter(row)


class _CellGetter:
    def __init__(self, row: Sequence[str]) -> None:
        self.row = row

    def __call__(self, index: int | None) -> str:
        if index is None or index >= len(self.row):
            return ""
        return _CID.sub("", self.row[index]).strip()


# Glyphs without a Unicode mapping (a shaped sara am's nikhahit) come out as "(cid:53)".
_CID = re.compile(r"\(cid:\d+\)")


def _split_inline(text: str) -> list[str]:
    out: list[str] = []
    for line in text.splitlines():
        out.extend(part for part in _INLINE_ITEM.split(line) if part)
    return out


def _align(values: list[str], starts: list[int], line_count: int) -> list[tuple[int, str]]:
    """Which project of a cell each stacked budget line belongs to.

    One line per project pairs in order; one line per name line pairs by position.
    """
    if len(values) == len(starts):
        return list(enumerate(values))
    if len(values) == line_count:
        out = []
        for n, start in enumerate(starts):
            out.append((n, values[start]))
        return out
    return list(enumerate(values[: len(starts)]))


def _amount(text: str) -> tuple[float | None, bool]:
    """A budget cell's amount and whether it was hidden ("#####": too wide to show, not nothing)."""
    s = text.strip()
    if not s:
        return None, False
    if re.fullmatch(r"#+", s):
        return None, True
    value = parse_amount(s)
    if value is not None:
        return value, False
    tokens = _AMOUNT_TOKEN.findall(to_arabic_digits(s))
    if len(tokens) == 1 and ("," in tokens[0] or "." in tokens[0] or len(tokens[0]) > 3):
        return parse_amount(tokens[0]), False
    return None, False


def parse_dimension(text: str) -> int | None:
    """The dimension number of a มิติ cell: "๑.การสร้าง" -> 1, "มติที่ 2" -> 2."""
    m = _DIMENSION.match(squash(to_arabic_digits(text)))
    if m and 1 <= int(m.group(1)) <= 9:
        return int(m.group(1))
    return None


def parse_kind(name: str) -> str | None:
    """โครงการ / กิจกรรม / มาตรการ from the first word: 'มาตรการ "ส่งเสริม..."' -> มาตรการ."""
    head = name.lstrip(" \"“'(")
    for kind in KINDS:
        if head.startswith(kind):
            return kind
    return None


_LATIN = re.compile(r"[A-Za-z0-9\"”)]")


def join_lines(before: str, after: str) -> str:
    """Join a wrapped cell's lines: Thai runs on without a space, Latin words keep one.

    >>> join_lines("๑)มาตรการส่งเสริมการปฏิบัติงาน", "ตามประมวลจริยธรรม")
    '๑)มาตรการส่งเสริมการปฏิบัติงานตามประมวลจริยธรรม'
    """
    a, b = before.rstrip(), after.strip()
    if not a:
        return b
    if not b:
        return a
    if _LATIN.match(a[-1]) and re.match(r"[A-Za-z0-9(\"“]", b[0]):
        return f"{a} {b}"
    return a + b


# --- Part 3 ---------------------------------------------------------------------------------

_SECTION = re.compile(
    r"^\s*(?:[0-9๐-๙]{1,2}\s*[.)]\s*)?ชื่อ(?:โครงการ|กิจกรรม|มาตรการ)(?:/กิจกรรม|/มาตรการ)*\s*[:：]?\s*"
)
_HEADING = re.compile(r"^\s*[0-9๐-๙]{1,2}\s*[.)](?![0-9๐-๙])\s*(\S.*)$")
_FIELDS = {
    "budget": re.compile(r"^งบประมาณ"),
    "responsible": re.compile(r"^(?:ผู้รับผิดชอบ|หน่วยงาน(?:ที่)?รับผิดชอบ)"),
    "period": re.compile(r"^ระยะเวลา"),
}
_FIELD_LABEL = re.compile(
    r"^(?:ผู้รับผิดชอบ(?:โครงการ)?|หน่วยงาน(?:ที่)?รับผิดชอบ(?:โครงการ)?(?:/ผู้รับผิดชอบ)?"
    r"|ระยะเวลา(?:การ)?ดำเนิน(?:การ|งาน)?(?:โครงการ)?)\s*[:：]?\s*"
)


@dataclass
class _Section:
    name: str
    page: int
    fields: dict[str, list[str]] = field(default_factory=dict)


def extract_details(pages: Sequence[Page]) -> list[Detail]:
    """Part 3 sections, one per project.

    A section starts at "๑. ชื่อโครงการ : มาตรการ ..." and has fields such as "๗. งบประมาณ"
    (then "ไม่ใช้งบประมาณ" or "๒๐,๐๐๐ บาท"), "๘. ผู้รับผิดชอบ", "๖. ระยะเวลาดำเนินการ".
    """
    return [detail for detail, _ in read_part3(pages)]


def read_part3(pages: Sequence[Page]) -> list[tuple[Detail, BudgetStatement]]:
    """Part 3 sections with what each budget paragraph states."""
    return [_to_detail(s) for s in _sections(pages)]


def _sections(pages: Sequence[Page]) -> list[_Section]:
    sections: list[_Section] = []
    current: _Section | None = None
    field_name: str | None = None
    in_name = False
    for page in pages:
        for line in _CID.sub("", page.text).splitlines():
            start = _SECTION.match(line)
            if start:
                current = _Section(line[start.end() :].strip(), page.number)
                sections.append(current)
                field_name, in_name = None, True
                continue
            if current is None:
                continue
            heading = _HEADING.match(line)
            if heading:
                in_name = False
                title = squash(heading.group(1))
                field_name = next((k for k, rx in _FIELDS.items() if rx.match(title)), None)
                if field_name and field_name not in current.fields:
                    current.fields[field_name] = [heading.group(1).strip()]
                else:
                    field_name = None
                continue
            if in_name:
                current.name = join_lines(current.name, line)
            elif field_name:
                current.fields[field_name].append(line.strip())
    return sections


def _to_detail(section: _Section) -> tuple[Detail, BudgetStatement]:
    statement = parse_budget_statement(" ".join(section.fields.get("budget", [])))
    detail = Detail(
        name=_NUMBERED.sub("", section.name.strip(), count=1),
        budget=statement.yearly,
        responsible=_field_text(section.fields.get("responsible")),
        period=_field_text(section.fields.get("period")),
        page=section.page,
    )
    return detail, statement


def _field_text(lines: list[str] | None) -> str | None:
    if not lines:
        return None
    text = _FIELD_LABEL.sub("", squash_spaces(" ".join(lines)))
    return text.strip() or None


def squash_spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class BudgetStatement:
    """What a Part 3 budget paragraph states: per year, in total, over how many years."""

    yearly: float | None = None
    total: float | None = None
    years: int | None = None
    none: bool = False  # "ไม่ใช้งบประมาณ"


_BAHT = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*บาท"


def parse_budget_statement(text: str) -> BudgetStatement:
    """Amounts in a Part 3 budget paragraph.

    >>> parse_budget_statement("งบประมาณ ๕ ปี ๑,๐๐๐,๐๐๐ บาท (ปีละ ๑๕๐,๐๐๐ บาท)")
    BudgetStatement(yearly=150000.0, total=1000000.0, years=5, none=False)
    """
    s = to_arabic_digits(text)
    out = BudgetStatement(none="ไม่ใช้งบประมาณ" in squash(s) or "ไม่ใช้งบ" in squash(s))
    yearly = re.search(r"ปีละ\s*(?:จำนวน)?\s*" + _BAHT, s) or re.search(
        _BAHT + r"\s*(?:/\s*ปี|ต่อปี)", s
    )
    total = re.search(r"(\d{1,2})\s*ปี\s*(?:งบประมาณ|เป็นเงิน|รวม|ทั้งสิ้น|จำนวน|\s)*" + _BAHT, s)
    if total:
        out.years, out.total = int(total.group(1)), float(total.group(2).replace(",", ""))
    elif overall := re.search(r"รวม\s*(?:ทั้งสิ้น|ทั้งหมด|เป็นเงิน)?\s*" + _BAHT, s):
        out.total = float(overall.group(1).replace(",", ""))  # years: those of the plan
    if yearly:
        out.yearly = float(yearly.group(1).replace(",", ""))
    elif not total:
        first = re.search(_BAHT, s)
        if first:
            out.yearly = float(first.group(1).replace(",", ""))
    return out


# --- checks ---------------------------------------------------------------------------------


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCE


def _fmt(x: float) -> str:
    return f"{x:,.2f}"


def check_sheet(sheet: Sheet) -> list[Problem]:
    """Sum rows against the projects above them: counts and, year by year, amounts."""
    problems: list[Problem] = []
    subtotals = [s for s in sheet.sums if not s.grand]
    for i, stated_total in enumerate(sheet.stated_totals):
        found = _sum(sheet, [i], *sheet.years) if stated_total is not None else None
        if stated_total is not None and found is not None and not _close(stated_total, found):
            p = sheet.projects[i]
            problems.append(
                Problem(
                    "multiyear_total_mismatch",
                    f"{p.name}: total {_fmt(stated_total)} != sum of years {_fmt(found)}",
                    p.page,
                )
            )
    for s in sheet.sums:
        label = "total" if s.grand else f"dimension {s.dimension} subtotal"
        if s.count is not None and s.count != len(s.members):
            problems.append(
                Problem(
                    "project_count_mismatch",
                    f"{label} states {s.count} projects, the table lists {len(s.members)}",
                    s.page,
                )
            )
        wrong: list[str] = []
        for year, stated in s.budgets.items():
            if stated is None:
                continue  # blank, "-" or "#####": nothing stated to check
            found = _sum(sheet, s.members, year)
            sums = [found] if not s.grand else [found, _sum_subtotals(subtotals, year)]
            known = [x for x in sums if x is not None]
            if known and not any(_close(stated, x) for x in known):
                wrong.append(f"{year}: {_fmt(stated)} != {_fmt(known[0])}")
        if wrong:
            code = "total_mismatch" if s.grand else "subtotal_mismatch"
            problems.append(
                Problem(code, f"{label} against the sum of its rows: {'; '.join(wrong)}", s.page)
            )
    return problems


def _sum(sheet: Sheet, members: list[int], *years: str) -> float | None:
    """The sum of the years' amounts; None when a member's cell is hidden ("#####")."""
    total = 0.0
    for i in members:
        for year in years:
            if year in sheet.unknown[i]:
                return None
            total += sheet.projects[i].budgets.get(year) or 0.0
    return total


def _sum_subtotals(subtotals: list[Subtotal], year: str) -> float | None:
    if not subtotals or any(s.budgets.get(year) is None for s in subtotals):
        return None
    return sum(s.budgets[year] or 0.0 for s in subtotals)


_DECLARED_DIM = re.compile(r"ม[ิ]?ติที่\s*(\d)")
_DECLARED_ALL = re.compile(r"รวม(?:ทั้งสิ้น)?\s*(?:จำนวน)?\s*(\d+)\s*โครงการ")


def declared_counts(text: str) -> tuple[dict[int, set[int]], set[int]]:
    """Project counts the text declares, by dimension and in all.

    >>> declared_counts("มิติที่ ๑ การสร้างวัฒนธรรมสุจริต จำนวน ๙ โครงการ")
    ({1: {9}}, set())
    """
    s = to_arabic_digits(text)
    by_dim: dict[int, set[int]] = {}
    marks = list(_DECLARED_DIM.finditer(s))
    for n, m in enumerate(marks):
        end = marks[n + 1].start() if n + 1 < len(marks) else len(s)
        segment = s[m.end() : min(end, m.end() + 200)]
        count = _COUNT.search(segment)
        if count and "\n\n" not in segment[: count.start()]:
            by_dim.setdefault(int(m.group(1)), set()).add(int(count.group(1)))
    overall = {
        int(m.group(1))
        for line in s.splitlines()
        if not _DECLARED_DIM.search(line)  # "มิติที่ ๒ รวม จำนวน ๒ โครงการ" is a subtotal
        for m in _DECLARED_ALL.finditer(line)
    }
    return by_dim, overall


def check_declared_counts(pages: Sequence[Page], sheet: Sheet) -> list[Problem]:
    """Counts the introduction declares ("มิติที่ ๑ ... จำนวน ๗ โครงการ") against the table."""
    if not sheet.projects:
        return []
    problems: list[Problem] = []
    seen: set[tuple[int | None, int]] = {
        (s.dimension if not s.grand else 0, s.count) for s in sheet.sums if s.count is not None
    }
    for page in pages:
        if sheet.first_page is not None and page.number > sheet.first_page:
            break
        by_dim, overall = declared_counts(_CID.sub("", page.text))
        for dim, counts in sorted(by_dim.items()):
            found = sum(1 for p in sheet.projects if p.dimension == dim)
            for count in sorted(counts):
                if (dim, count) in seen or count == found or found == 0:
                    continue
                seen.add((dim, count))
                problems.append(
                    Problem(
                        "project_count_mismatch",
                        f"dimension {dim}: text declares {count} projects, the table lists {found}",
                        page.number,
                    )
                )
        for count in sorted(overall):
            if (0, count) in seen or count == len(sheet.projects):
                continue
            seen.add((0, count))
            problems.append(
                Problem(
                    "project_count_mismatch",
                    f"text declares {count} projects in all, the table lists {len(sheet.projects)}",
                    page.number,
                )
            )
    return problems


def check_details(part3: Sequence[tuple[Detail, BudgetStatement]], sheet: Sheet) -> list[Problem]:
    """Part 3 against itself and Part 2: each section's name and budget against its project."""
    problems: list[Problem] = []
    for detail, st in part3:
        years = st.years or len(sheet.years)
        if st.yearly is None or st.total is None or not years:
            continue
        if not _close(st.yearly * years, st.total):
            problems.append(
                Problem(
                    "multiyear_total_mismatch",
                    f"{detail.name}: {years} years at {_fmt(st.yearly)} "
                    f"is not the stated {_fmt(st.total)}",
                    detail.page,
                )
            )
    projects = sheet.projects
    if not projects:
        return problems
    paired = len(part3) == len(projects) and _in_order(part3, projects)
    for n, (detail, statement) in enumerate(part3):
        key = squash(detail.name)
        if paired:
            index = n
        else:
            scores = [fuzz.ratio(key, squash(p.name)) for p in projects]
            index = max(range(len(projects)), key=scores.__getitem__)
        project = projects[index]
        similarity = fuzz.ratio(key, squash(project.name))
        if similarity < NAME_SIMILARITY:
            problems.append(
                Problem(
                    "part3_mismatch",
                    f"Part 3 name {detail.name!r} differs from Part 2 {project.name!r}",
                    detail.page,
                )
            )
            continue
        problems.extend(_budget_problems(detail, statement, project, sheet.unknown[index]))
    return problems


def _in_order(part3: Sequence[tuple[Detail, BudgetStatement]], projects: list[Project]) -> bool:
    """Part 3 follows Part 2's order when most sections name the project at their position."""
    alike = sum(
        fuzz.ratio(squash(d.name), squash(p.name)) >= NAME_SIMILARITY
        for (d, _), p in zip(part3, projects, strict=False)
    )
    return alike >= 0.8 * len(projects)


def _budget_problems(
    detail: Detail, statement: BudgetStatement, project: Project, unknown: set[str]
) -> list[Problem]:
    out: list[Problem] = []
    known = [v or 0.0 for y, v in project.budgets.items() if y not in unknown]
    if not known:
        return out
    total = sum(known) if not unknown else None
    if (
        statement.total is not None
        and statement.yearly is None
        and total is not None
        and statement.years in (None, len(project.budgets))
        and not _close(statement.total, total)
    ):
        out.append(
            Problem(
                "multiyear_total_mismatch",
                f"{project.name}: Part 3 states {_fmt(statement.total)} for "
                f"{statement.years} years, Part 2 sums to {_fmt(total)}",
                detail.page,
            )
        )
    budget = detail.budget
    if budget is None and statement.none and not statement.total and any(known):
        budget = 0.0  # "ไม่ใช้งบประมาณ" beside a row with amounts
    if budget is None:
        return out
    if not any(_close(budget, v) for v in known) and not (
        total is not None and _close(budget, total)
    ):
        out.append(
            Problem(
                "part3_mismatch",
                f"{project.name}: Part 3 budget {_fmt(budget)} is not in Part 2 {project.budgets}",
                detail.page,
            )
        )
    return out
