"""One content definition per document; the renderers draw it and `to_gold` writes its gold JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ORG_PREFIX = {
    "อบต.": "องค์การบริหารส่วนตำบล",
    "ทต.": "เทศบาลตำบล",
    "ทม.": "เทศบาลเมือง",
    "ทน.": "เทศบาลนคร",
    "อบจ.": "องค์การบริหารส่วนจังหวัด",
}


@dataclass(frozen=True)
class Org:
    type: str  # อบต., ทต., ทม., ทน., อบจ.
    base: str  # เขาทอง
    district: str
    province: str
    misspelled: str | None = None  # the base as the document misspells it once

    @property
    def name(self) -> str:
        return ORG_PREFIX[self.type] + self.base

    @property
    def short(self) -> str:
        return f"{self.type}{self.base}"

    @property
    def wrong_name(self) -> str:
        return ORG_PREFIX[self.type] + (self.misspelled or self.base)


@dataclass
class PlanProject:
    dimension: int
    name: str  # without numbering; kind is its first word
    kind: str
    mission: str | None
    budgets: dict[int, float | None]
    cells: dict[int, str] = field(default_factory=dict)  # year -> "#####"/"-" as printed
    responsible: str = "สำนักปลัด"


@dataclass
class PlanDetail:
    name: str
    budget: float | None  # the yearly amount Part 3 states
    responsible: str
    period: str
    stated_total: float | None = None  # "รวม 5 ปี ..." as printed


@dataclass
class Plan:
    org: Org
    years: list[int]
    projects: list[PlanProject]
    details: list[PlanDetail]
    declared: dict[int, int]  # dimension -> count stated in Part 1 and the subtotal row
    subtotals: dict[int, dict[int, float]]  # as printed
    totals: dict[int, float]  # grand total as printed


@dataclass
class IndicatorScore:
    tool: str
    number: int
    name: str
    previous: float
    current: float
    trend: str  # as printed: เพิ่มขึ้น / ลดลง / คงที่


@dataclass
class ItaReport:
    org: Org
    year: int
    indicators: list[IndicatorScore]
    total: float
    level: str
    previous_total: float
    previous_level: str


@dataclass
class MeasureRow:
    tool: str | None
    measure: str
    method: str
    responsible: str
    period: str
    result: str | None = None
    outcome: str | None = None


@dataclass
class Measures:
    org: Org
    year: int
    rows: list[MeasureRow]
    report: bool  # True: รายงานผลการดำเนินการ (6 columns)


@dataclass
class Other:
    org: Org
    title: str
    paragraphs: list[str]
    table: list[list[str]]


Content = Plan | ItaReport | Measures | Other


@dataclass
class DocSpec:
    """A corpus file: its content, how it is drawn and what it must show."""

    stem: str
    content: Content
    render: str  # docx-libreoffice | fpdf2 | scan
    digits: str = "arabic"  # arabic | thai | mixed
    defects: list[str] = field(default_factory=list)
    planted: list[str] = field(default_factory=list)
    scan_of: str = "fpdf2"  # the path a scan's pages are first drawn with
    policy: str = "clean"  # text-layer policy, see textlayer.Policy
    wrap_chars: int = 0  # >0: table names wrapped one visual line per row at about this width
    multi_cell: bool = False  # several numbered projects in one cell (plans)
    misspell_header: bool = False
    hash_cells: bool = False


def doc_type(content: Content) -> str:
    if isinstance(content, Plan):
        return "anticorruption_plan"
    if isinstance(content, ItaReport):
        return "ita_analysis"
    if isinstance(content, Measures):
        return "integrity_measures_report" if content.report else "integrity_measures"
    return "other"


def to_gold(spec: DocSpec) -> dict[str, Any]:
    c = spec.content
    org = {"name": c.org.name, "type": c.org.type, "district": c.org.district,
           "province": c.org.province}
    gold: dict[str, Any] = {
        "file": spec.stem + ".pdf",
        "doc_type": doc_type(c),
        "organization": org,
        "fiscal_year": None,
        "period": None,
        "projects": [],
        "details": [],
        "ita": None,
        "measures": [],
        "planted_problems": list(spec.planted),
        "defects": list(spec.defects),
        "render": spec.render,
        "scan": spec.render == "scan",
    }
    if isinstance(c, Plan):
        gold["period"] = [c.years[0], c.years[-1]]
        gold["projects"] = [
            {"dimension": p.dimension, "name": p.name, "kind": p.kind, "mission": p.mission,
             "budgets": {str(y): p.budgets.get(y) for y in c.years}}
            for p in c.projects
        ]
        gold["details"] = [
            {"name": d.name, "budget": d.budget, "responsible": d.responsible, "period": d.period}
            for d in c.details
        ]
    elif isinstance(c, ItaReport):
        gold["fiscal_year"] = c.year
        gold["ita"] = {
            "year": c.year, "total": c.total, "level": c.level,
            "previous_total": c.previous_total, "previous_level": c.previous_level,
            "indicators": [
                {"tool": i.tool, "number": i.number, "name": i.name,
                 "scores": {str(c.year - 1): i.previous, str(c.year): i.current}}
                for i in c.indicators
            ],
        }
    elif isinstance(c, Measures):
        gold["fiscal_year"] = c.year
        gold["measures"] = [
            {"tool": m.tool, "measure": m.measure, "method": m.method,
             "responsible": m.responsible, "period": m.period, "result": m.result,
             "outcome": m.outcome}
            for m in c.rows
        ]
    return gold
