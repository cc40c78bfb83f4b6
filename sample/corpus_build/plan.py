"""A five-year anti-corruption plan (seeds 000/004): Part 1 counts, Part 2 table, Part 3 details."""

from __future__ import annotations

from collections.abc import Callable

from prongsai.sample.corpus_build.layout import (
    Grid,
    Heading,
    Layout,
    PageBreak,
    Para,
    Title,
    localize,
)
from prongsai.sample.corpus_build.model import DIMENSIONS, HASH, PLAN_YEARS, Org, Plan, PlanProject
from prongsai.sample.corpus_build.text import money, wrap

Measure = Callable[[str], float]
WIDTHS = [28.0, 40.0, 67.0, 22.0, 22.0, 22.0, 22.0, 22.0, 22.0]  # 267 mm: landscape A4
ROWS_PER_PAGE = 24  # table rows of one visual line that fit a landscape page under the header


def kind_of(name: str) -> str:
    """The kind a project name starts with: "กิจกรรมติดตามประเมินผล..." -> "กิจกรรม"."""
    for kind in ("โครงการ", "กิจกรรม", "มาตรการ"):
        if name.startswith(kind):
            return kind
    return "โครงการ"


def amount(value: float | str | None) -> float | None:
    """A Part 2 cell's value as the gold states it: None for "-" and "#####"."""
    return None if value is None or value == HASH else float(value)


def yearly(p: PlanProject) -> float | None:
    """The one yearly amount of a project (definitions keep a project's years equal)."""
    for b in p.budgets:
        if isinstance(b, float):
            return b
    return None


def true_yearly(p: PlanProject, i: int) -> float:
    """What the organization budgeted in year i, a "#####" cell included (it hides the amount)."""
    b = p.budgets[i]
    if b == HASH:
        return yearly(p) or 0.0
    return b if isinstance(b, float) else 0.0


def _cell(value: float | str | None) -> str:
    if value is None:
        return "-"
    if value == HASH:
        return HASH
    return money(float(value))


def _sum_cell(total: float) -> str:
    return money(total) if total else "-"


def by_dimension(plan: Plan) -> dict[int, list[PlanProject]]:
    out: dict[int, list[PlanProject]] = {d: [] for d in DIMENSIONS}
    for p in plan.projects:
        out[p.dimension].append(p)
    return out


def _part1(plan: Plan, org: Org) -> list[Para | Heading]:
    groups = by_dimension(plan)
    counts = {d: plan.declared.get(d, len(ps)) for d, ps in groups.items()}
    years = "25๖๖ - 2570" if plan.digits == "mixed" else "2566 - 2570"
    blocks: list[Para | Heading] = [
        Heading("ส่วนที่ 1 บทนำ"),
        Para(
            f"{org.name} ได้จัดทำแผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส "
            f"(พ.ศ. {years}) เพื่อแสดงเจตจำนงสุจริตของผู้บริหารในการต่อต้านการทุจริตอย่างเป็นรูปธรรม "
            "และยกระดับผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงาน"
        ),
    ]
    if "spaces_in_words" in plan.defects:
        blocks.append(Para("วัตถุประสงค์ของการจัดทำแผน เพื่อป้องกันการทุจริตและประพฤติมิชอบ", spaced=True))
    blocks.append(
        Para(
            "ส่วนที่ 2 ประกอบด้วย โครงการ/กิจกรรม/มาตรการ และจำนวนงบประมาณที่ดำเนินการใน 5 ปี "
            f"(พ.ศ. 2566 - 2570) แยกตาม 4 มิติ รวมทั้งสิ้นจำนวน {sum(counts.values())} โครงการ ดังนี้"
        )
    )
    for d, name in DIMENSIONS.items():
        blocks.append(Para(f"มิติที่ {d} {name} จำนวน {counts[d]} โครงการ", indent=8))
    return blocks


def _header(misspelled: bool) -> list[str]:
    mit = "มติ" if misspelled else "มิติ"
    years = [f"ปี {y}\nงบประมาณ\n(บาท)" for y in PLAN_YEARS]
    return [mit, f"ภารกิจตาม{mit}", "โครงการ/กิจกรรม/มาตรการ", *years, "หมายเหตุ"]


def _sums(plan: Plan, ps: list[PlanProject], key: int) -> list[str]:
    return [
        _sum_cell(sum(true_yearly(p, i) for p in ps) + plan.sum_errors.get((key, i), 0.0))
        for i in range(len(PLAN_YEARS))
    ]


def _rows_plain(plan: Plan, measure: Measure | None) -> tuple[list[list[str]], set[int]]:
    """One table row per project, or (wrap_width set) one row per visual line (seed 004)."""
    rows: list[list[str]] = []
    bold: set[int] = set()
    for d, ps in by_dimension(plan).items():
        dim_lines = [f"{d}. {DIMENSIONS[d]}"]
        if plan.wrap_width and measure:
            dim_lines = wrap(dim_lines[0], WIDTHS[0] - 3, measure)
        first = len(rows)
        for k, p in enumerate(ps, 1):
            name = f"{k}) {p.name}"
            mission = p.mission or ""
            if plan.wrap_width and measure:
                names = wrap(name, WIDTHS[2] - 3, measure)
                missions = wrap(mission, WIDTHS[1] - 3, measure) if mission else [""]
                for i in range(max(len(names), len(missions))):
                    cells = [_cell(b) for b in p.budgets] if i == 0 else [""] * 5
                    rows.append(
                        ["", *(m[i] if i < len(m) else "" for m in (missions, names)), *cells, ""]
                    )
            else:
                rows.append(["", mission, name, *(_cell(b) for b in p.budgets), ""])
        for i, line in enumerate(dim_lines):
            if first + i < len(rows):
                rows[first + i][0] = line
        bold.add(len(rows))
        rows.append([f"มิติที่ {d}", "รวม", f"จำนวน {len(ps)} โครงการ", *_sums(plan, ps, d), ""])
    bold.add(len(rows))
    total = ["", "รวมทั้งสิ้น", f"จำนวน {len(plan.projects)} โครงการ"]
    rows.append([*total, *_sums(plan, plan.projects, 0), ""])
    return rows, bold


def _rows_merged(plan: Plan, measure: Measure) -> tuple[list[list[str]], set[int]]:
    """Seed 000: each dimension's projects numbered in one cell, budgets stacked line by line."""
    rows: list[list[str]] = []
    bold: set[int] = set()
    number = 0
    for d, ps in by_dimension(plan).items():
        names: list[str] = []
        budgets: list[list[str]] = [[] for _ in PLAN_YEARS]
        for p in ps:
            number += 1
            lines = wrap(f"{number}. {p.name}", WIDTHS[2] + WIDTHS[1] - 4, measure)
            names += lines
            for i, b in enumerate(p.budgets):
                budgets[i] += [_cell(b)] + [""] * (len(lines) - 1)
        dim = f"{d}. {DIMENSIONS[d]}"
        rows.append([dim, "\n".join(names), *("\n".join(b) for b in budgets), ""])
        bold.add(len(rows))
        rows.append([f"มิติที่ {d} รวม", f"จำนวน {len(ps)} โครงการ", *_sums(plan, ps, d), ""])
    bold.add(len(rows))
    total = ["รวมทั้งสิ้น", f"จำนวน {len(plan.projects)} โครงการ"]
    rows.append([*total, *_sums(plan, plan.projects, 0), ""])
    return rows, bold


def _grid(plan: Plan, measure: Measure | None) -> Grid:
    aligns = ["L", "L", "L", "R", "R", "R", "R", "R", "L"]
    if plan.merged and measure:
        rows, bold = _rows_merged(plan, measure)
        header = _header(False)
        header = [header[0], header[2], *header[3:]]
        widths = [WIDTHS[0], WIDTHS[1] + WIDTHS[2], *WIDTHS[3:]]
        return Grid([header], [rows], widths, aligns[1:], [bold])
    rows, bold = _rows_plain(plan, measure)
    if "misspelled_header" not in plan.defects:
        return Grid([_header(False)], [rows], WIDTHS, aligns, [bold])
    # one page per chunk; the second page's header says มติ, as in seed 004
    chunks = [rows[i : i + ROWS_PER_PAGE] for i in range(0, len(rows), ROWS_PER_PAGE)]
    headers = [_header(n == 1) for n in range(len(chunks))]
    bolds = [{b - n * ROWS_PER_PAGE for b in bold} for n in range(len(chunks))]
    return Grid(headers, chunks, WIDTHS, aligns, bolds)


def _part3(plan: Plan) -> list[Para | Heading]:
    blocks: list[Para | Heading] = [Heading("ส่วนที่ 3 รายละเอียดโครงการ/กิจกรรม/มาตรการ")]
    for d, ps in by_dimension(plan).items():
        blocks.append(Heading(f"มิติที่ {d} {DIMENSIONS[d]}", size=14))
        for k, p in enumerate(ps, 1):
            budget = p.detail_budget if p.detail_budget is not None else yearly(p)
            if budget is None:
                money_text = "ไม่ใช้งบประมาณ"
            else:
                five = p.detail_five_year if p.detail_five_year is not None else budget * 5
                money_text = f"งบประมาณ 5 ปี {money(five)} บาท (ปีละ {money(budget)} บาท)"
            blocks += [
                Para(f"ลำดับที่ {k}"),
                Para(f"1. ชื่อโครงการ : {p.detail_name or p.name}", indent=6, gap=0),
                Para("2. ระยะเวลาดำเนินการ : ปีงบประมาณ พ.ศ. 2566 - 2570", indent=6, gap=0),
                Para(f"3. งบประมาณ : {money_text}", indent=6, gap=0),
                Para(f"4. ผู้รับผิดชอบ : {p.responsible}", indent=6),
            ]
    return blocks


def layout(plan: Plan, org: Org, measure: Measure | None) -> Layout:
    """The plan's pages; `measure` (string width in mm) enables line wrapping done by hand."""
    name = plan.misspelled_name or org.name
    title = Title(
        [
            "แผนปฏิบัติการป้องกันการทุจริต",
            "เพื่อยกระดับคุณธรรมและความโปร่งใส",
            f"ของ{name}",
            "(พ.ศ. 25๖๖ - 2570)" if plan.digits == "mixed" else "(พ.ศ. 2566 - 2570)",
            org.name,
            f"อำเภอ{org.district} จังหวัด{org.province}",
        ]
    )
    blocks = [
        title,
        *_part1(plan, org),
        PageBreak(),
        Heading("ส่วนที่ 2 แผนปฏิบัติการป้องกันการทุจริต"),
        _grid(plan, measure),
        PageBreak(),
        *_part3(plan),
    ]
    return Layout(localize(blocks, plan.digits), landscape=True, font=plan.font)
