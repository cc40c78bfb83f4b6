"""The layout axes and their values, and the seeded draw that records which values a document got.

Every value a generator may draw is listed here, so a test can check that a sample covers them.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

FONTS = (
    "Garuda",
    "Kinnari",
    "Laksaman",
    "Loma",
    "Norasi",
    "Purisa",
    "Sawasdee",
    "TlwgTypist",
    "TlwgTypo",
    "Umpush",
    "Waree",
)

_YESNO = ("yes", "no")

AXES: dict[str, tuple[str, ...]] = {
    # common
    "kind": (
        "anticorruption_plan",
        "ita_analysis",
        "integrity_measures",
        "integrity_measures_report",
        "other",
    ),
    "producer": ("docx_libreoffice", "xlsx_libreoffice", "fpdf2", "oldword_pua", "scan"),
    "scan_source": ("none", "docx_libreoffice", "fpdf2"),
    "scan_dpi": ("none", "200", "300"),
    "font": FONTS,
    "orientation": ("portrait", "landscape"),
    "digits": ("arabic", "thai", "mixed"),
    "org_type": ("อบต.", "ทต.", "ทม.", "ทน.", "อบจ."),
    "borders": ("grid", "frame", "hrules", "header_rule", "none"),
    "header_repeat": _YESNO,
    "row_split": _YESNO,
    "cover_page": _YESNO,
    "planted": (
        "none",
        "project_count_mismatch",
        "subtotal_mismatch",
        "total_mismatch",
        "multiyear_total_mismatch",
        "trend_mismatch",
        "ita_total_mismatch",
        "ita_level_mismatch",
    ),
    # anticorruption_plan
    "plan_period": ("2566-2570", "2565-2569", "2561-2565", "2561-2564"),
    "plan_header_rows": ("1", "2", "3"),
    "plan_year_form": ("2566", "ปี 2566", "พ.ศ. 2566", "ปีงบประมาณ 2566", "66", "ปี 66"),
    "plan_budget_label": ("in_year_cell", "group_row", "unit_row", "caption", "none"),
    "plan_project_header": ("โครงการ/กิจกรรม/มาตรการ", "รายการ", "ชื่อโครงการ", "โครงการ/กิจกรรม"),
    "plan_dimension": ("column_every_row", "column_first_row", "section_rows"),
    "plan_numbering": ("1.", "1)", "(1)", "๑.", "none"),
    "plan_dimension_label": ("number", "มิติที่ N", "N. name"),
    "plan_numbering_scope": ("per_dimension", "continuous"),
    "plan_amount": ("comma_00", "comma", "plain"),
    "plan_empty": ("dash", "blank", "ไม่ใช้งบประมาณ", "mixed"),
    "plan_subtotals": ("none", "รวม", "รวมมิติที่ N", "รวม N โครงการ"),
    "plan_grand_total": _YESNO,
    "plan_total_column": ("none", "รวม", "รวม N ปี"),
    "plan_seq_column": _YESNO,
    "plan_mission_column": _YESNO,
    "plan_responsible_column": _YESNO,
    "plan_indicator_column": _YESNO,
    "plan_target_column": _YESNO,
    "plan_strategy_column": _YESNO,
    "plan_remark_column": _YESNO,
    "plan_column_order": ("usual", "shuffled"),
    "plan_name_wrap": ("in_cell", "line_rows"),
    "plan_declared_counts": ("prose", "none"),
    "plan_size": ("small", "medium", "large"),
    # ita_analysis (also the score table some measures documents carry)
    "ita_orientation": ("indicators_as_rows", "indicators_as_columns"),
    "ita_years": ("1", "2"),
    "ita_year_order": ("ascending", "descending"),
    "ita_number": ("column", "in_name_dot", "in_name_word", "none"),
    "ita_tool": ("column", "column_first_row", "section_rows", "absent"),
    "ita_score_form": ("plain", "percent"),
    "ita_column_order": ("usual", "tool_after_name", "years_first"),
    "ita_year_header": ("2566", "ปี 2566", "ผลคะแนน 2566", "ITA 2566", "ปีงบประมาณ พ.ศ. 2566"),
    "ita_header_rows": ("1", "2"),
    "ita_trend": ("none", "words", "difference"),
    "ita_total_row": ("none", "คะแนนรวม", "คะแนนเฉลี่ย"),
    "ita_level_row": _YESNO,
    "ita_prose": (
        "none",
        "ได้คะแนนรวม X คะแนน อยู่ในระดับ L",
        "มีผลคะแนนเท่ากับ X คะแนน",
        "คะแนนรวม X คะแนน ระดับ L",
        "ผลการประเมิน X คะแนน ผลการประเมินอยู่ในระดับ L",
    ),
    "ita_level_form": ("letter", "letter_and_words"),
    # integrity_measures / integrity_measures_report
    "measures_layout": ("table", "paragraphs"),
    "measures_tool": ("column", "tool_rows", "indicator_rows", "none"),
    "measures_header_at": ("first_row", "after_title_row"),
    "measures_long_header": _YESNO,
    "measures_column_order": ("usual", "shuffled"),
    "measures_seq_column": _YESNO,
    "measures_outcome_column": _YESNO,
    "measures_indicator_column": _YESNO,
    "measures_numbering": ("in_cell", "none"),
    "measures_ita_table": _YESNO,
    # other
    "other_kind": ("procurement", "budget_report", "meeting_minutes"),
}


class Draw:
    """A seeded random source that records each named axis value it draws."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.axes: dict[str, str] = {}

    def pick(self, axis: str, weights: dict[str, float] | None = None) -> str:
        """One value of `axis` (by `weights`, else uniform), recorded under the axis name."""
        values = AXES[axis]
        if weights is None:
            weights = dict.fromkeys(values, 1.0)
        unknown = set(weights) - set(values)
        if unknown:
            raise ValueError(f"{axis}: values {sorted(unknown)} are not in AXES")
        names = list(weights)
        value = self.rng.choices(names, [weights[n] for n in names])[0]
        self.axes[axis] = value
        return value

    def fix(self, axis: str, value: str) -> str:
        """Record a value the document's other axes imply."""
        if value not in AXES[axis]:
            raise ValueError(f"{axis}: {value!r} is not in AXES")
        self.axes[axis] = value
        return value

    def yes(self, axis: str, p_yes: float) -> bool:
        return self.pick(axis, {"yes": p_yes, "no": 1 - p_yes}) == "yes"

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def choice(self, seq: Sequence[T]) -> T:
        return self.rng.choice(seq)

    def sample(self, seq: Sequence[T], k: int) -> list[T]:
        return self.rng.sample(list(seq), min(k, len(seq)))

    def randint(self, a: int, b: int) -> int:
        return self.rng.randint(a, b)

    def uniform(self, a: float, b: float) -> float:
        return self.rng.uniform(a, b)
