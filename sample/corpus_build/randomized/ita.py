"""ITA result reports: ten indicator scores for one or two years, the total and the level."""

from __future__ import annotations

from typing import Any

from prongsai.sample.corpus_build.randomized import vocab
from prongsai.sample.corpus_build.randomized.axes import Draw
from prongsai.sample.corpus_build.randomized.common import Built, Context, finish, gold_frame, start
from prongsai.sample.corpus_build.randomized.doc import (
    Block,
    Cell,
    Document,
    Para,
    Row,
    Table,
    Title,
)
from prongsai.sample.corpus_build.text import level_of

_BANDS = ("AA", "A", "B", "C", "D", "E", "F")


def weighted(scores: dict[int, float]) -> float:
    """0.3 x mean(IIT 1-5) + 0.3 x mean(EIT 6-8) + 0.4 x mean(OIT 9-10), to 2 places."""
    iit = sum(scores[i] for i in range(1, 6)) / 5
    eit = sum(scores[i] for i in range(6, 9)) / 3
    oit = sum(scores[i] for i in range(9, 11)) / 2
    return round(0.3 * iit + 0.3 * eit + 0.4 * oit, 2)


def _draw_scores(d: Draw, years: list[int]) -> dict[int, dict[int, float]]:
    """Scores by year then indicator number; a later year moves a little from the one before."""
    out: dict[int, dict[int, float]] = {}
    ranges = {"IIT": (68.0, 99.5), "EIT": (58.0, 98.0), "OIT": (12.5, 100.0)}
    for k, year in enumerate(years):
        out[year] = {}
        for tool, number, _, _ in vocab.INDICATORS:
            lo, hi = ranges[tool]
            if k == 0:
                x = d.uniform(lo, hi)
                if tool == "OIT" and d.chance(0.3):
                    x = d.choice([25.0, 50.0, 75.0, 87.5, 100.0])
            else:
                x = min(100.0, max(0.0, out[years[k - 1]][number] + d.uniform(-10, 12)))
            out[year][number] = round(x, 2)
    return out


def _level_text(level: str, form: str) -> str:
    return level if form == "letter" else f"{level} ({vocab.LEVEL_WORDS[level]})"


def _score_text(ctx: Context, x: float, form: str) -> str:
    text = f"{x:.2f}" + ("%" if form == "percent" else "")
    return ctx.n(text)


def _year_text(form: str, year: int) -> str:
    return {
        "2566": f"{year}",
        "ปี 2566": f"ปี {year}",
        "ผลคะแนน 2566": f"ผลคะแนน {year}",
        "ITA 2566": f"ITA {year}",
        "ปีงบประมาณ พ.ศ. 2566": f"ปีงบประมาณ พ.ศ. {year}",
    }[form]


def _ind_name(d: Draw, canonical: str, variants: tuple[str, ...]) -> str:
    return d.choice(variants) if variants and d.chance(0.2) else canonical


def score_table(
    ctx: Context, year: int, *, allow_two_years: bool = True, prose_required: bool = False
) -> tuple[list[Block], dict[str, Any]]:
    """The score table (and sentences about the total) with its gold `ita` object."""
    d = ctx.d
    nyears = d.pick("ita_years", {"1": 1, "2": 2.5} if allow_two_years else {"1": 1})
    years = [year - 1, year] if nyears == "2" else [year]
    scores = _draw_scores(d, years)
    score_form = d.pick("ita_score_form", {"plain": 3, "percent": 1})
    level_form = d.pick("ita_level_form", {"letter": 3, "letter_and_words": 1})
    year_form = d.pick("ita_year_header")
    names = {n: _ind_name(d, c, v) for _, n, c, v in vocab.INDICATORS}

    totals = {y: weighted(scores[y]) for y in years}
    printed = dict(totals)
    for y in years:
        if d.chance(0.3):  # ITA's own rounding of sub-indicators: off by a little, never by 1
            printed[y] = round(totals[y] + d.uniform(-0.6, 0.6), 2)
    levels = {y: level_of(printed[y]) for y in years}
    planted = ""
    options = ["ita_total_mismatch", "ita_level_mismatch"]
    if d.chance(0.18):
        planted = d.choice(options)
    if planted == "ita_total_mismatch":
        printed[year] = round(totals[year] + d.choice([-1, 1]) * d.uniform(3, 8), 2)
        levels[year] = level_of(printed[year])
    elif planted == "ita_level_mismatch":
        i = _BANDS.index(levels[year])
        levels[year] = _BANDS[i - 1] if i > 0 and (i == 6 or d.chance(0.5)) else _BANDS[i + 1]

    orientation = d.pick("ita_orientation", {"indicators_as_rows": 4, "indicators_as_columns": 1})
    order = d.pick("ita_year_order", {"ascending": 3, "descending": 1})
    shown_years = years if order == "ascending" else years[::-1]
    total_row = d.pick("ita_total_row", {"none": 1, "คะแนนรวม": 2, "คะแนนเฉลี่ย": 1})
    level_row = d.yes("ita_level_row", 0.5)
    header_rows = d.pick("ita_header_rows", {"1": 2, "2": 1})
    number = d.pick("ita_number", {"column": 2, "in_name_dot": 2, "in_name_word": 1, "none": 1})
    trend = "none"
    if orientation == "indicators_as_rows":
        tool = d.pick(
            "ita_tool", {"column": 2, "column_first_row": 2, "section_rows": 1.5, "absent": 1}
        )
        column_order = d.pick("ita_column_order")
        if len(years) == 2:
            trend = d.pick("ita_trend", {"none": 2, "words": 2, "difference": 1})
        else:
            d.fix("ita_trend", "none")
    else:
        tool = d.fix("ita_tool", "column" if header_rows == "2" else "absent")
        column_order = d.fix("ita_column_order", "usual")
        d.fix("ita_trend", "none")
    trend_flip = 0
    if not planted and trend == "words" and d.chance(0.25):
        planted = "trend_mismatch"
        trend_flip = d.randint(1, 10)
    if planted:
        ctx.planted.append(planted)

    def label_of(n: int) -> str:
        name = names[n]
        if number == "in_name_dot":
            return f"{n}. {name}"
        if number == "in_name_word":
            return f"ตัวชี้วัดที่ {n} {name}"
        return name

    size = d.choice([11.0, 12.0, 13.0])
    group = d.choice(["ผลคะแนน", "คะแนนการประเมิน", "ผลการประเมิน (คะแนน)"])
    if orientation == "indicators_as_rows":
        table = _rows_table(
            ctx,
            locals_=dict(
                years=shown_years,
                scores=scores,
                printed=printed,
                levels=levels,
                tool=tool,
                number=number,
                trend=trend,
                trend_flip=trend_flip,
                total_row=total_row,
                level_row=level_row,
                header_rows=header_rows,
                group=group,
                year_form=year_form,
                score_form=score_form,
                level_form=level_form,
                column_order=column_order,
                label_of=label_of,
                size=size,
            ),
        )
    else:
        table = _columns_table(
            ctx,
            shown_years,
            scores,
            printed,
            levels,
            tool,
            number,
            total_row,
            level_row,
            year_form,
            score_form,
            level_form,
            label_of,
            size,
        )
    blocks: list[Block] = [table]
    prose = d.pick("ita_prose", None)
    if prose == "none" and (prose_required or total_row == "none"):
        prose = d.fix("ita_prose", "ได้คะแนนรวม X คะแนน อยู่ในระดับ L")
    if prose != "none":
        x = _score_text(ctx, printed[year], "plain")
        lv = _level_text(levels[year], level_form)
        pre, post = prose.split("X")
        post = post.replace("L", lv)
        if "L" not in prose and not level_row:
            post += f" และผลการประเมินอยู่ในระดับ {lv}"
        lead = (
            f"ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของ{ctx.org.name} "
            f"ประจำปีงบประมาณ พ.ศ. {year} "
        )
        if pre.startswith("ผลการประเมิน"):
            lead = f"{ctx.org.name} ประจำปีงบประมาณ พ.ศ. {year} "
            pre = pre.replace("ผลการประเมิน ", "ผลการประเมิน ITA ได้ ", 1)
        text = ctx.t(lead + pre) + x + ctx.t(post)
        if len(years) == 2 and d.chance(0.5):
            prev = _score_text(ctx, printed[years[0]], "plain")
            text += ctx.t(f" เมื่อเทียบกับปี {years[0]} ซึ่งได้ ") + prev + " คะแนน"
        blocks.insert(d.choice([0, 1]), Para(text, indent=8))
    gold = {
        "year": year,
        "total": printed[year],
        "level": levels[year],
        "previous_total": printed[years[0]] if len(years) == 2 else None,
        "previous_level": levels[years[0]] if len(years) == 2 else None,
        "indicators": [
            {
                "tool": t,
                "number": n,
                "name": names[n],
                "scores": {str(y): scores[y][n] for y in years},
            }
            for t, n, _, _ in vocab.INDICATORS
        ],
    }
    return blocks, gold


def _trend_word(a: float, b: float, flip: bool) -> str:
    up = b > a
    if flip:
        up = not up
    if a == b and not flip:
        return "เท่าเดิม"
    return "เพิ่มขึ้น" if up else "ลดลง"


def _rows_table(ctx: Context, locals_: dict[str, Any]) -> Table:
    v = locals_
    d = ctx.d
    years: list[int] = v["years"]
    chrono = sorted(years)
    roles = ["name"]
    if v["number"] == "column":
        roles.insert(0, "no")
    if v["tool"] in ("column", "column_first_row"):
        if v["column_order"] == "tool_after_name":
            roles.append("tool")
        else:
            roles.insert(0, "tool")
    money = [f"y{y}" for y in years] + (["trend"] if v["trend"] != "none" else [])
    roles = money + roles if v["column_order"] == "years_first" else roles + money
    two = v["header_rows"] == "2"
    head_text = {
        "no": d.choice(["ที่", "ลำดับ", "ตัวชี้วัดที่"]),
        "tool": d.choice(["เครื่องมือ", "แบบวัด", "เครื่องมือการประเมิน"]),
        "name": d.choice(["ตัวชี้วัด", "ตัวชี้วัดการประเมิน", "ประเด็นการประเมิน"]),
        "trend": d.choice(["การเปลี่ยนแปลง", "ผลต่าง", "แนวโน้ม"]),
    }
    h0: Row = []
    h1: Row = []
    for role in roles:
        if role.startswith("y"):
            y = int(role[1:])
            cell = Cell(ctx.t(_year_text(v["year_form"], y)), align="C")
            if two:
                if role == money[0]:
                    h0.append(Cell(v["group"], colspan=len(years), align="C"))
                h1.append(cell)
            else:
                h0.append(cell)
        else:
            h0.append(Cell(head_text[role], rowspan=2 if two else 1, align="C"))
    header = [h0, h1] if two else [h0]
    body: list[Row] = []
    last_tool = None
    for tool, n, _, _ in vocab.INDICATORS:
        if v["tool"] == "section_rows" and tool != last_tool:
            title = d.choice([vocab.TOOL_TITLES[tool], tool])
            body.append([Cell(title, colspan=len(roles), bold=True)])
        texts = {
            "no": ctx.t(str(n)),
            "tool": tool if (v["tool"] == "column" or tool != last_tool) else "",
            "name": ctx.t(v["label_of"](n)),
        }
        last_tool = tool
        for y in years:
            texts[f"y{y}"] = _score_text(ctx, v["scores"][y][n], v["score_form"])
        a, b = v["scores"][chrono[0]][n], v["scores"][chrono[-1]][n]
        if v["trend"] == "words":
            texts["trend"] = _trend_word(a, b, n == v["trend_flip"])
        elif v["trend"] == "difference":
            texts["trend"] = ctx.n(f"{b - a:+.2f}")
        body.append([Cell(texts[r], align="L" if r == "name" else "C") for r in roles])
    label_span = [r for r in roles if r in ("no", "tool", "name")]
    first = roles.index(label_span[0])

    def summary(label: str, values: dict[int, str]) -> Row:
        row: Row = []
        for i, role in enumerate(roles):
            if role in label_span:
                if i == first:
                    row.append(Cell(label, colspan=len(label_span), bold=True, align="C"))
            elif role.startswith("y"):
                row.append(Cell(values[int(role[1:])], bold=True, align="C"))
            else:
                row.append(Cell(""))
        return row

    if label_span != roles[first : first + len(label_span)]:
        label_span = ["name"]
        first = roles.index("name")
    if v["total_row"] != "none":
        label = v["total_row"] + d.choice(["", " (ถ่วงน้ำหนัก)", "ITA"]).replace("ITA", " ITA")
        body.append(summary(label, {y: _score_text(ctx, v["printed"][y], "plain") for y in years}))
    if v["level_row"]:
        label = d.choice(["ระดับ", "ระดับผลการประเมิน", "ผลการประเมินระดับ"])
        body.append(
            summary(label, {y: _level_text(v["levels"][y], v["level_form"]) for y in years})
        )
    widths = {"no": 8.0, "tool": 14.0, "name": 60.0, "trend": 18.0}
    return Table(
        header,
        body,
        [widths.get(r, 18.0) for r in roles],
        borders=d.pick(
            "borders", {"grid": 5, "frame": 1, "hrules": 1.5, "header_rule": 1.5, "none": 0.7}
        ),
        repeat_header=d.yes("header_repeat", 0.6),
        row_split=d.yes("row_split", 0.5),
        size=v["size"],
    )


def _columns_table(
    ctx: Context,
    years: list[int],
    scores: dict[int, dict[int, float]],
    printed: dict[int, float],
    levels: dict[int, str],
    tool: str,
    number: str,
    total_row: str,
    level_row: bool,
    year_form: str,
    score_form: str,
    level_form: str,
    label_of: Any,
    size: float,
) -> Table:
    """Indicators as columns, one row per year (the wide layout of summary slides)."""
    d = ctx.d
    has_total = total_row != "none"
    ncols = 1 + 10 + int(has_total) + int(level_row)
    first = d.choice(["ปี", "ปีงบประมาณ", "ปีที่ประเมิน"])
    ind_cells = []
    for _, n, _, _ in vocab.INDICATORS:
        text = label_of(n)
        if number == "column":
            text = f"({n})\n{text}"
        ind_cells.append(Cell(ctx.t(text), align="C"))
    tail = ([Cell(total_row, align="C")] if has_total else []) + (
        [Cell("ระดับ", align="C")] if level_row else []
    )
    if tool == "column":
        h0: Row = [Cell(first, rowspan=2, align="C")]
        for t in ("IIT", "EIT", "OIT"):
            span = sum(1 for x in vocab.INDICATORS if x[0] == t)
            h0.append(Cell(t, colspan=span, align="C"))
        h0 += [Cell(c.text, rowspan=2, align="C") for c in tail]
        header = [h0, ind_cells]
    else:
        header = [[Cell(first, align="C"), *ind_cells, *tail]]
    body: list[Row] = []
    for y in years:
        row = [Cell(ctx.t(_year_text(year_form, y)), align="C")]
        row += [Cell(_score_text(ctx, scores[y][n], score_form), align="C") for n in range(1, 11)]
        if has_total:
            row.append(Cell(_score_text(ctx, printed[y], "plain"), align="C", bold=True))
        if level_row:
            row.append(Cell(_level_text(levels[y], level_form), align="C", bold=True))
        body.append(row)
    ctx.landscape = True
    d.fix("orientation", "landscape")
    return Table(
        header,
        body,
        [16.0] + [19.0] * 10 + [16.0] * (ncols - 11),
        borders=d.pick(
            "borders", {"grid": 5, "frame": 1, "hrules": 1.5, "header_rule": 1.5, "none": 0.7}
        ),
        repeat_header=d.yes("header_repeat", 0.6),
        row_split=d.yes("row_split", 0.5),
        size=min(size, 11.0),
    )


def make(d: Draw) -> Built:
    ctx = start(d, "ita_analysis", landscape_p=0.2)
    year = d.randint(2563, 2568)
    title = [
        d.choice(
            [
                "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ",
                "รายงานผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)",
                "การวิเคราะห์ผลการประเมิน ITA",
            ]
        ),
        ctx.t(f"ประจำปีงบประมาณ พ.ศ. {year}"),
        ctx.org.name,
        ctx.t(ctx.place_line()),
    ]
    table_blocks, ita = score_table(ctx, year)
    blocks: list[Block] = [Title(title, size=d.choice([16.0, 18.0]))]
    for text in vocab.ITA_INTRO[: d.randint(0, 2)]:
        blocks.append(Para(ctx.t(text), indent=8))
    blocks.append(
        Para(
            ctx.t(
                d.choice(
                    [
                        f"ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. {year}",
                        "ตารางแสดงผลคะแนนรายตัวชี้วัด",
                        f"ผลคะแนนการประเมินคุณธรรมและความโปร่งใส ปี {year}",
                    ]
                )
            ),
            bold=True,
        )
    )
    blocks += table_blocks
    for text in vocab.ITA_ANALYSIS[: d.randint(1, 3)]:
        blocks.append(Para(ctx.t(text), indent=8))
    doc = Document(blocks, font=ctx.font, landscape=ctx.landscape, size=d.choice([13.0, 14.0]))
    gold = gold_frame(ctx)
    gold["fiscal_year"] = year
    gold["ita"] = ita
    return finish(ctx, doc, gold)
