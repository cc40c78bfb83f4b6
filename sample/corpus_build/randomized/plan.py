"""Anti-corruption action plans: a Part 2 table of projects under four dimensions, by year."""

from __future__ import annotations

from dataclasses import dataclass

from prongsai.sample.corpus_build.randomized import vocab
from prongsai.sample.corpus_build.randomized.axes import Draw
from prongsai.sample.corpus_build.randomized.common import (
    Built,
    Context,
    finish,
    gold_frame,
    money,
    start,
)
from prongsai.sample.corpus_build.randomized.doc import (
    Block,
    Cell,
    Document,
    PageBreak,
    Para,
    Row,
    Table,
    Title,
)
from prongsai.sample.corpus_build.render_fpdf import measurer
from prongsai.sample.corpus_build.text import wrap

_AMOUNTS = (
    3000.0,
    5000.0,
    10000.0,
    15000.0,
    20000.0,
    30000.0,
    50000.0,
    80000.0,
    100000.0,
    150000.0,
    200000.0,
    300000.0,
    500000.0,
    5000000.0,
)
_EMPTY = {"dash": "-", "blank": "", "ไม่ใช้งบประมาณ": "ไม่ใช้งบประมาณ"}


@dataclass
class Project:
    dimension: int
    kind: str
    name: str
    mission: str | None
    budgets: list[float | None]
    responsible: str
    empty: str  # how this row prints a year without budget


def _year_label(form: str, year: int) -> str:
    short = year % 100
    return {
        "2566": f"{year}",
        "ปี 2566": f"ปี {year}",
        "พ.ศ. 2566": f"พ.ศ. {year}",
        "ปีงบประมาณ 2566": f"ปีงบประมาณ {year}",
        "66": f"{short}",
        "ปี 66": f"ปี {short}",
    }[form]


def _projects(ctx: Context, years: list[int], size: str) -> list[Project]:
    d = ctx.d
    per_dim = {"small": (2, 4), "medium": (4, 7), "large": (7, 11)}[size]
    empty_form = d.pick("plan_empty", {"dash": 4, "blank": 2, "ไม่ใช้งบประมาณ": 1.5, "mixed": 1.5})
    out = []
    for dim in range(1, 5):
        pool = vocab.PROJECTS[dim]
        n = min(len(pool), d.randint(*per_dim))
        missions = vocab.MISSIONS[dim]
        for k, (kind, body) in enumerate(d.sample(pool, n)):
            body = body.replace("{org}", d.choice([ctx.org.name, ctx.org.short]))
            if d.chance(0.15):
                body += d.choice(vocab.NAME_TAILS)
            sep = " " if body[0].isascii() or d.chance(0.1) else ""
            if d.chance(0.06):
                body, sep = f"“{body}”", " "
            name = kind + sep + body
            mission = missions[min(k * len(missions) // n, len(missions) - 1)]
            budgets: list[float | None]
            if d.chance(0.42):
                budgets = [None] * len(years)
            else:
                base = d.choice(_AMOUNTS)
                shape = d.rng.random()
                if shape < 0.6:
                    budgets = [base] * len(years)
                elif shape < 0.85:
                    budgets = [round(base * d.choice([0.5, 1, 1, 1.5, 2]), 0) for _ in years]
                else:
                    budgets = [base if d.chance(0.6) else None for _ in years]
            empty = empty_form if empty_form != "mixed" else d.choice(list(_EMPTY))
            out.append(Project(dim, kind, name, mission, budgets, d.choice(vocab.UNITS), empty))
    return out


def _sum(values: list[float | None]) -> float | None:
    xs = [v for v in values if v is not None]
    return sum(xs) if xs else None


class _Columns:
    """The drawn column roles in order, with their header text."""

    def __init__(self, ctx: Context, years: list[int]) -> None:
        d = ctx.d
        self.years = years
        few = not ctx.landscape
        p = 0.15 if few else 0.35
        self.roles: list[str] = []
        dim_style = d.pick(
            "plan_dimension", {"column_every_row": 1, "column_first_row": 2, "section_rows": 2}
        )
        self.dim_style = dim_style
        optional = {
            "seq": d.yes("plan_seq_column", 0.3),
            "mission": d.yes("plan_mission_column", 0.1 if few else 0.25),
            "strategy": d.yes("plan_strategy_column", 0.05 if few else 0.12),
            "indicator": d.yes("plan_indicator_column", 0.05 if few else 0.15),
            "target": d.yes("plan_target_column", 0.05 if few else 0.15),
            "responsible": d.yes("plan_responsible_column", p),
            "remark": d.yes("plan_remark_column", p),
        }
        self.total = d.pick("plan_total_column", {"none": 3, "รวม": 1, "รวม N ปี": 1})
        units: list[list[str]] = []
        if dim_style != "section_rows":
            units.append(["dim"])
        for role in ("mission", "project", "strategy", "indicator", "target"):
            if role == "project" or optional[role]:
                units.append([role])
        money_unit = [f"y{y}" for y in years] + (["total"] if self.total != "none" else [])
        units.append(money_unit)
        for role in ("responsible", "remark"):
            if optional[role]:
                units.append([role])
        if d.pick("plan_column_order", {"usual": 3, "shuffled": 1}) == "shuffled":
            d.rng.shuffle(units)
        self.roles = (["seq"] if optional["seq"] else []) + [r for u in units for r in u]

    def index(self, role: str) -> int:
        return self.roles.index(role)


def _headers(ctx: Context, cols: _Columns, project_header: str) -> tuple[list[Row], str | None]:
    """Header rows and, for the caption placement, a line to print above the table."""
    d = ctx.d
    nrows = int(d.pick("plan_header_rows", {"1": 3, "2": 3, "3": 1}))
    labels: dict[str, float] = (
        {"in_year_cell": 2, "caption": 1, "none": 1}
        if nrows == 1
        else {"in_year_cell": 1, "group_row": 2, "unit_row": 1, "caption": 0.5, "none": 0.5}
    )
    label = d.pick("plan_budget_label", labels)
    form = d.pick(
        "plan_year_form",
        {"2566": 2, "ปี 2566": 3, "พ.ศ. 2566": 1, "ปีงบประมาณ 2566": 1, "66": 0.5, "ปี 66": 0.5},
    )
    n = len(cols.years)

    def year_text(y: int) -> str:
        text = _year_label(form, y)
        if label == "in_year_cell":
            text = d.choice([f"{text}\nงบประมาณ (บาท)", f"งบประมาณ {text}\n(บาท)", f"{text} (บาท)"])
        return ctx.t(text)

    money_label = d.choice(["งบประมาณ (บาท)", "งบประมาณและที่มา (บาท)", "งบประมาณดำเนินการ (บาท)"])
    year_group = d.choice(["ปีงบประมาณ", "ปี พ.ศ.", "งบประมาณ"])
    # the bands over the year columns, top to bottom
    if nrows == 1:
        bands = ["years"]
    elif label == "group_row":
        bands = ["money", "years"] if nrows == 2 else ["money", "group", "years"]
    elif label == "unit_row":
        bands = ["years", "units"] if nrows == 2 else ["group", "years", "units"]
    else:
        bands = ["group", "years"] if nrows == 2 else ["plan", "group", "years"]
    total_text = "รวม" if cols.total == "รวม" else ctx.t(f"รวม {n} ปี")
    other = {
        "dim": d.choice(["มิติ", "มิติที่", "มิติ/ภารกิจ"]),
        "seq": d.choice(["ที่", "ลำดับ", "ลำดับที่"]),
        "mission": d.choice(["ภารกิจตามมิติ", "ภารกิจ"]),
        "project": project_header,
        "strategy": "ยุทธศาสตร์",
        "indicator": "ตัวชี้วัด",
        "target": d.choice(["เป้าหมาย", "กลุ่มเป้าหมาย"]),
        "responsible": d.choice(["หน่วยงานรับผิดชอบ", "ผู้รับผิดชอบ", "หน่วยงานที่รับผิดชอบ"]),
        "remark": "หมายเหตุ",
        "total": total_text,
    }
    band_text = {
        "money": money_label,
        "group": year_group,
        "plan": ctx.t(f"แผนงบประมาณ ระยะ {n} ปี"),
    }
    rows: list[Row] = [[] for _ in range(nrows)]
    for role in cols.roles:
        if role == f"y{cols.years[0]}":
            for b, band in enumerate(bands):
                if band == "years":
                    rows[b] += [Cell(year_text(y), align="C") for y in cols.years]
                elif band == "units":
                    rows[b] += [Cell("(บาท)", align="C") for _ in cols.years]
                else:
                    rows[b].append(Cell(band_text[band], colspan=n, align="C"))
        elif not role.startswith("y"):
            rows[0].append(Cell(other[role], rowspan=nrows, align="C"))
    caption = None
    if label == "caption":
        caption = d.choice(["หน่วย : บาท", "(หน่วย : บาท)", "งบประมาณ หน่วย : บาท"])
    return rows, caption


def _amount_text(ctx: Context, value: float | None, empty: str, form: str) -> str:
    if value is None:
        return _EMPTY[empty]
    return ctx.n(money(value, form))


def _number(style: str, k: int) -> str:
    return {"1.": f"{k}. ", "1)": f"{k}) ", "(1)": f"({k}) ", "๑.": f"{k}. ", "none": ""}[style]


def make(d: Draw) -> Built:
    ctx = start(d, "anticorruption_plan", landscape_p=0.85)
    period = d.pick(
        "plan_period", {"2566-2570": 4, "2565-2569": 2, "2561-2565": 1.5, "2561-2564": 1.5}
    )
    y0, y1 = (int(x) for x in period.split("-"))
    years = list(range(y0, y1 + 1))
    size = d.pick("plan_size", {"small": 3, "medium": 3, "large": 1.5})
    if ctx.post == "scan":
        size = d.fix("plan_size", "small")
    projects = _projects(ctx, years, size)
    cols = _Columns(ctx, years)
    project_header = d.pick("plan_project_header")
    header, caption = _headers(ctx, cols, project_header)
    numbering = d.pick("plan_numbering", {"1.": 3, "1)": 2, "(1)": 1, "๑.": 1, "none": 2})
    scope = d.pick("plan_numbering_scope", {"per_dimension": 3, "continuous": 1})
    amount_form = d.pick("plan_amount", {"comma_00": 3, "comma": 3, "plain": 1})
    subtotals = d.pick(
        "plan_subtotals", {"none": 3, "รวม": 1.5, "รวมมิติที่ N": 1.5, "รวม N โครงการ": 1}
    )
    grand = d.yes("plan_grand_total", 0.5)
    declared_prose = d.pick("plan_declared_counts", {"prose": 1, "none": 2}) == "prose"
    dim_label = d.pick("plan_dimension_label", {"number": 1, "มิติที่ N": 2, "N. name": 2})
    wrap_mode = d.pick("plan_name_wrap", {"in_cell": 4, "line_rows": 1})
    if subtotals != "none":
        ctx.defects.append("subtotal_rows")
    if any(p.empty == "dash" for p in projects):
        ctx.defects.append("dash_cells")
    if wrap_mode == "line_rows":
        ctx.defects.append("wrapped_cells")

    # what the document may contradict itself about (planted, rarely)
    counts = {dim: sum(p.dimension == dim for p in projects) for dim in range(1, 5)}
    declared = dict(counts)
    can = []
    if declared_prose or subtotals == "รวม N โครงการ":
        can.append("project_count_mismatch")
    if subtotals != "none":
        can.append("subtotal_mismatch")
    if grand:
        can.append("total_mismatch")
    budgeted = [p for p in projects if any(b is not None for b in p.budgets)]
    if cols.total != "none" and budgeted:
        can.append("multiyear_total_mismatch")
    sub_error: tuple[int, int, float] | None = None
    grand_error: tuple[int, float] | None = None
    multi_error: Project | None = None
    if can and d.chance(0.22):
        # the count contradiction needs a declared count, which few layouts print: favour it
        count_p = 0.4 if "project_count_mismatch" in can else 0.0
        code = "project_count_mismatch" if d.chance(count_p) else d.choice(can)
        ctx.planted.append(code)
        if code == "project_count_mismatch":
            dim = d.randint(1, 4)
            declared[dim] = counts[dim] + d.choice([-1, 1, 2, 3])
        elif code == "subtotal_mismatch":
            sub_error = (
                d.randint(1, 4),
                d.randint(0, len(years) - 1),
                d.choice([1000.0, 10000.0, 50000.0]),
            )
        elif code == "total_mismatch":
            grand_error = (d.randint(0, len(years) - 1), d.choice([2000.0, 20000.0, 100000.0]))
        else:
            multi_error = d.choice(budgeted)

    # widths: amounts fit on one line; text columns share what is left
    tsize = d.choice([10.0, 11.0, 12.0]) if ctx.landscape else d.choice([9.0, 10.0])
    m = measurer(ctx.font, tsize)
    year_sums = [_sum([p.budgets[i] for p in projects]) or 0.0 for i in range(len(years))]
    biggest = max(b or 0.0 for p in projects for b in p.budgets)
    year_max = max(year_sums) if grand or subtotals != "none" else biggest
    total_max = (
        sum(year_sums)
        if grand or subtotals != "none"
        else max(_sum(p.budgets) or 0.0 for p in projects)
    )

    def amount_w(value: float) -> float:
        return m.get_string_width(ctx.n(money(value * 1.3 + 1000, amount_form))) + 4

    fixed = {
        "seq": 9.0,
        "dim": 14.0 if dim_label == "number" else 24.0,
        "remark": 18.0,
        "responsible": 24.0,
        "strategy": 20.0,
        "indicator": 26.0,
        "target": 24.0,
    }
    usable = 267.0 if ctx.landscape else 180.0
    widths = []
    for role in cols.roles:
        if role.startswith("y") or role == "total":
            big = total_max if role == "total" else year_max
            widths.append(max(amount_w(big), 17.0 if role == "total" else 14.0))
        else:
            widths.append(fixed.get(role, 0.0))
    rest = usable - sum(widths)
    text_roles = [r for r in cols.roles if r in ("project", "mission")]
    share = {"project": 0.65 if "mission" in cols.roles else 1.0, "mission": 0.35}
    for i, role in enumerate(cols.roles):
        if role in text_roles:
            widths[i] = max(30.0, rest * share[role])
    ncols = len(cols.roles)
    name_w = widths[cols.index("project")] - 3

    body: list[Row] = []
    seq = 0
    k = 0
    dim_w = widths[cols.index("dim")] - 3 if "dim" in cols.roles else 0.0
    for dim in range(1, 5):
        dim_projects = [p for p in projects if p.dimension == dim]
        dim_text = {
            "number": f"{dim}",
            "มิติที่ N": f"มิติที่ {dim}",
            "N. name": f"{dim}. {vocab.DIMENSIONS[dim]}",
        }[dim_label]
        if cols.dim_style == "section_rows":
            text = d.choice(
                [f"มิติที่ {dim} {vocab.DIMENSIONS[dim]}", f"{dim}. {vocab.DIMENSIONS[dim]}"]
            )
            body.append([Cell(ctx.t(text), colspan=ncols, bold=True)])
        if scope == "per_dimension":
            k = 0
        last_mission = None
        for j, p in enumerate(dim_projects):
            k += 1
            seq += 1
            number = _number(numbering, k)
            texts: dict[str, str] = {
                "seq": ctx.t(str(seq)),
                "dim": ctx.t(dim_text) if (cols.dim_style == "column_every_row" or j == 0) else "",
                "mission": ctx.t(p.mission or "") if p.mission != last_mission else "",
                "project": ctx.t(number + p.name)
                if numbering != "๑."
                else to_thai(number) + ctx.t(p.name),
                "strategy": d.choice(vocab.STRATEGIES) if j == 0 else "",
                "indicator": d.choice(vocab.PLAN_INDICATORS),
                "target": d.choice(vocab.PLAN_TARGETS),
                "responsible": p.responsible,
                "remark": d.choice(vocab.REMARKS),
            }
            last_mission = p.mission
            texts["strategy"] = ctx.t(texts["strategy"])
            texts["indicator"] = ctx.t(texts["indicator"])
            texts["target"] = ctx.t(texts["target"])
            for y, b in zip(years, p.budgets, strict=True):
                texts[f"y{y}"] = _amount_text(ctx, b, p.empty, amount_form)
            total = _sum(p.budgets)
            if p is multi_error and total is not None:
                total = d.choice([total / len(years), total + 10000.0, total * 2])
            texts["total"] = _amount_text(
                ctx, total, p.empty if p.empty != "blank" else "dash", amount_form
            )
            aligns = {r: ("R" if r.startswith("y") or r == "total" else "L") for r in cols.roles}
            aligns["seq"] = "C"
            if wrap_mode == "in_cell":
                body.append([Cell(texts[r], align=aligns[r]) for r in cols.roles])
                continue
            # one visual line per table row (seed 004): names and missions cut at word breaks
            split = {
                "project": wrap(texts["project"], name_w, m.get_string_width),
                "dim": wrap(texts["dim"], dim_w, m.get_string_width) if texts["dim"] else [""],
            }
            if "mission" in cols.roles and texts["mission"]:
                mw = widths[cols.index("mission")] - 3
                split["mission"] = wrap(texts["mission"], mw, m.get_string_width)
            height = max(len(v) for v in split.values())
            for line in range(height):
                row = []
                for r in cols.roles:
                    if r in split:
                        parts = split[r]
                        row.append(Cell(parts[line] if line < len(parts) else "", align=aligns[r]))
                    else:
                        row.append(Cell(texts[r] if line == 0 else "", align=aligns[r]))
                body.append(row)
        if subtotals != "none":
            sums = [_sum([p.budgets[i] for p in dim_projects]) for i in range(len(years))]
            if sub_error and sub_error[0] == dim:
                i = sub_error[1]
                sums[i] = (sums[i] or 0.0) + sub_error[2]
            label = {
                "รวม": "รวม",
                "รวมมิติที่ N": f"รวมมิติที่ {dim}",
                "รวม N โครงการ": f"รวม {declared[dim]} โครงการ",
            }[subtotals]
            body.append(_sum_row(ctx, cols, label, sums, amount_form))
    if grand:
        sums = [_sum([p.budgets[i] for p in projects]) for i in range(len(years))]
        if grand_error:
            i = grand_error[0]
            sums[i] = (sums[i] or 0.0) + grand_error[1]
        label = d.choice(["รวมทั้งสิ้น", "รวมทั้งหมด", "รวม 4 มิติ"])
        if subtotals == "รวม N โครงการ" or declared_prose:
            label += f" {sum(declared.values())} โครงการ"
        body.append(_sum_row(ctx, cols, label, sums, amount_form))

    borders = d.pick(
        "borders", {"grid": 5, "frame": 1, "hrules": 1.5, "header_rule": 1.5, "none": 0.7}
    )
    table = Table(
        header,
        body,
        widths,
        borders=borders,
        repeat_header=d.yes("header_repeat", 0.65),
        row_split=d.yes("row_split", 0.5),
        size=tsize,
    )
    blocks = _front(ctx, years, declared, declared_prose)
    if caption:
        blocks.append(Para(caption, align="R", size=tsize + 1))
    blocks.append(table)
    doc = Document(
        blocks, font=ctx.font, landscape=ctx.landscape, size=d.choice([13.0, 14.0, 15.0])
    )
    gold = gold_frame(ctx)
    gold["period"] = [y0, y1]
    gold["projects"] = [
        {
            "dimension": p.dimension,
            "name": p.name,
            "kind": p.kind,
            "mission": p.mission if "mission" in cols.roles else None,
            "budgets": {str(y): b for y, b in zip(years, p.budgets, strict=True)},
        }
        for p in projects
    ]
    return finish(ctx, doc, gold)


def to_thai(text: str) -> str:
    from prongsai.sample.corpus_build.text import digits

    return digits(text, "thai")


def _sum_row(ctx: Context, cols: _Columns, label: str, sums: list[float | None], form: str) -> Row:
    """A subtotal or total row: the label over the columns before the money, amounts after."""
    first_money = min(i for i, r in enumerate(cols.roles) if r.startswith("y") or r == "total")
    cells: list[Cell] = []
    money_roles = [f"y{y}" for y in cols.years]
    total = _sum(list(sums))
    values = {r: s for r, s in zip(money_roles, sums, strict=True)}
    values["total"] = total
    if first_money:
        cells.append(Cell(ctx.t(label), colspan=first_money, align="C", bold=True))
    for i, role in enumerate(cols.roles[first_money:], start=first_money):
        if role in values:
            cells.append(Cell(_amount_text(ctx, values[role], "dash", form), align="R", bold=True))
        elif i == 0:
            cells.append(Cell(ctx.t(label), bold=True))
        else:
            cells.append(Cell("", bold=True))
    return cells


def _front(ctx: Context, years: list[int], declared: dict[int, int], prose: bool) -> list[Block]:
    d = ctx.d
    span = f"{years[0]} - {years[-1]}"
    n = len(years)
    title = d.choice(["แผนปฏิบัติการป้องกันการทุจริต", f"แผนปฏิบัติการป้องกันการทุจริต {n} ปี"])
    period = d.choice(
        [f"(พ.ศ. {span})", f"ประจำปีงบประมาณ พ.ศ. {span}", f"ระยะ {n} ปี (พ.ศ. {span})"]
    )
    lines = [ctx.t(title), ctx.t(period), ctx.org.name, ctx.t(ctx.place_line())]
    if d.chance(0.4):
        lines = [ctx.t(f"{title} {period}"), ctx.org.name, ctx.t(ctx.place_line())]
    blocks: list[Block] = [Title(lines)]
    if d.yes("cover_page", 0.35 if ctx.post != "scan" else 0.0):
        blocks.append(PageBreak())
        blocks.append(Para(ctx.t("ส่วนที่ 1 บทนำ"), bold=True, size=16))
        for text in vocab.PLAN_INTRO:
            blocks.append(Para(ctx.t(text.replace("{org}", ctx.org.name)), indent=8))
        blocks.append(PageBreak())
    part2 = d.choice(
        [
            "ส่วนที่ 2 แผนปฏิบัติการป้องกันการทุจริต",
            "ส่วนที่ 2 บัญชีโครงการ/กิจกรรม/มาตรการ",
            f"แผนปฏิบัติการป้องกันการทุจริต (พ.ศ. {span})",
        ]
    )
    blocks.append(Para(ctx.t(part2), bold=True, align="C", size=16))
    if prose:
        total = sum(declared.values())
        blocks.append(
            Para(
                ctx.t(
                    f"ประกอบด้วย โครงการ/กิจกรรม/มาตรการ และจำนวนงบประมาณที่ดำเนินการใน {n} ปี "
                    f"(พ.ศ. {span}) แยกตาม 4 มิติ รวมทั้งสิ้นจำนวน {total} โครงการ ดังนี้"
                ),
                indent=8,
            )
        )
        for dim in range(1, 5):
            blocks.append(
                Para(
                    ctx.t(f"มิติที่ {dim} {vocab.DIMENSIONS[dim]} จำนวน {declared[dim]} โครงการ"),
                    indent=14,
                )
            )
    return blocks
