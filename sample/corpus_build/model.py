"""Definitions of corpus documents: one dataclass per document kind, shared by renderers and gold."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

FEATURED = Path(__file__).resolve().parent.parent / "registry" / "featured.csv"
PLAN_YEARS = (2566, 2567, 2568, 2569, 2570)
HASH = "#####"  # a cell Excel printed too narrow: the amount exists but is not shown
Amount = float | None | str  # str only for HASH

# featured.csv writes the type in full for municipalities; the gold uses the short forms.
_SHORT_TYPE = {
    "อบต.": "อบต.",
    "อบจ.": "อบจ.",
    "เทศบาลตำบล": "ทต.",
    "เทศบาลเมือง": "ทม.",
    "เทศบาลนคร": "ทน.",
}
DIMENSIONS = {
    1: "การสร้างวัฒนธรรมสุจริต",
    2: "การบริหารราชการด้วยความโปร่งใส",
    3: "การส่งเสริมบทบาทและการมีส่วนร่วมของภาคประชาชน",
    4: "การยกระดับกลไกการตรวจสอบการดำเนินงานขององค์กรปกครองส่วนท้องถิ่น",
}


@dataclass(frozen=True)
class Org:
    key: str  # the site name, e.g. khaothong
    name: str
    type: str
    district: str
    province: str

    def gold(self) -> dict[str, str]:
        return {
            "name": self.name,
            "type": self.type,
            "district": self.district,
            "province": self.province,
        }


def featured_orgs(path: Path = FEATURED) -> dict[str, Org]:
    """The demo organizations by site key (khaothong.go.th -> khaothong)."""
    out = {}
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            key = row["website"].split(".")[0]
            out[key] = Org(
                key, row["name"], _SHORT_TYPE[row["type"]], row["district"], row["province"]
            )
    return out


@dataclass
class PlanProject:
    """One Part 2 row: `budgets` is parallel to PLAN_YEARS (None prints "-", HASH "#####")."""

    dimension: int
    name: str
    kind: str
    budgets: tuple[Amount, ...]
    mission: str | None = None
    responsible: str = "สำนักปลัด"
    # Part 3 may say something else (part3_mismatch): a different name or yearly budget.
    detail_name: str | None = None
    detail_budget: float | None = None
    # multiyear_total_mismatch: the Part 3 "งบประมาณ 5 ปี" figure printed instead of 5 x yearly.
    detail_five_year: float | None = None


@dataclass
class Plan:
    stem: str
    org: str
    render: str  # fpdf2 | docx-libreoffice
    projects: list[PlanProject]
    digits: str = "arabic"  # arabic | thai | mixed
    defects: list[str] = field(default_factory=list)
    planted: list[str] = field(default_factory=list)
    # Part 1 "จำนวน N โครงการ" per dimension when it differs from the rows (project_count_mismatch)
    declared: dict[int, int] = field(default_factory=dict)
    # subtotal_mismatch / total_mismatch: amount added to a printed (dimension, year index) sum;
    # dimension 0 is the grand total
    sum_errors: dict[tuple[int, int], float] = field(default_factory=dict)
    merged: bool = False  # several numbered projects in one cell per dimension (seed 000)
    wrap_width: float | None = None  # mm: one visual line per table row (seed 004)
    font: str = "Laksaman"
    misspelled_name: str | None = None  # the organization's name misspelled once
    doc_type: str = "anticorruption_plan"


@dataclass
class Indicator:
    tool: str
    number: int
    name: str
    previous: float
    current: float
    trend: str | None = None  # printed change word; None means the right one


@dataclass
class ItaReport:
    stem: str
    org: str
    render: str
    year: int
    indicators: list[Indicator]
    digits: str = "arabic"
    defects: list[str] = field(default_factory=list)
    planted: list[str] = field(default_factory=list)
    total_error: float = 0.0  # added to the printed current total (ita_total_mismatch)
    level: str | None = None  # printed level when it is wrong (ita_level_mismatch)
    font: str = "Laksaman"
    scan: bool = False
    misspelled_name: str | None = None
    doc_type: str = "ita_analysis"


@dataclass
class MeasureRow:
    tool: str | None
    measure: list[str]  # paragraphs of the cell
    method: list[str]
    responsible: str
    period: str
    result: list[str] = field(default_factory=list)
    outcome: list[str] = field(default_factory=list)


@dataclass
class Measures:
    """An integrity-measures table (doc_type integrity_measures) or its report (6 columns)."""

    stem: str
    org: str
    render: str
    year: int
    rows: list[MeasureRow]
    report: bool
    digits: str = "arabic"
    defects: list[str] = field(default_factory=list)
    planted: list[str] = field(default_factory=list)
    font: str = "Laksaman"
    scan: bool = False
    misspelled_name: str | None = None

    @property
    def doc_type(self) -> str:
        return "integrity_measures_report" if self.report else "integrity_measures"


@dataclass
class Announcement:
    stem: str
    org: str
    render: str
    road: str
    price: float
    digits: str = "thai"
    defects: list[str] = field(default_factory=list)
    planted: list[str] = field(default_factory=list)
    font: str = "Garuda"
    doc_type: str = "other"


Doc = Plan | ItaReport | Measures | Announcement
