"""Integrity measures (มาตรการส่งเสริมคุณธรรมและความโปร่งใส) and their implementation reports."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from prongsai.sample.corpus_build.randomized import ita, vocab
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

# the ITA indicator each vocab.MEASURES entry answers
_INDICATOR = (1, 2, 4, 1, 3, 6, 7, 8, 9, 9, 10, 10)
_IND_NAME = {n: name for _, n, name, _ in vocab.INDICATORS}


def cell_text(text: str) -> str | None:
    """A cell as the gold states it: NFC, Arabic digits, whitespace collapsed; None when empty.

    >>> cell_text("๑. ทบทวนคู่มือ\\n๒. เผยแพร่")
    '1. ทบทวนคู่มือ 2. เผยแพร่'
    """
    text = unicodedata.normalize("NFC", text).translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
    text = re.sub(r"\s+", " ", text).strip()
    return text or None


def make(d: Draw, report: bool) -> Built:
    kind = "integrity_measures_report" if report else "integrity_measures"
    ctx = start(d, kind, landscape_p=0.6)
    year = d.randint(2565, 2569)
    n = d.randint(4, 9) if ctx.post != "scan" else d.randint(3, 5)
    # in indicator order, as offices write them
    picks = sorted(d.sample(range(len(vocab.MEASURES)), n), key=lambda i: (_INDICATOR[i], i))
    layout = d.pick("measures_layout", {"table": 4, "paragraphs": 1})
    numbering = d.pick("measures_numbering", {"in_cell": 2, "none": 1})
    if layout == "paragraphs":
        tool_mode = d.pick("measures_tool", {"tool_rows": 1, "indicator_rows": 1, "none": 1})
        numbering = d.fix("measures_numbering", "in_cell")
    else:
        tool_mode = d.pick(
            "measures_tool", {"column": 2, "tool_rows": 1.5, "indicator_rows": 1, "none": 1}
        )
    rows: list[dict[str, Any]] = []
    for k, i in enumerate(picks, start=1):
        tool, measure, steps, result, outcome = vocab.MEASURES[i]
        if numbering == "in_cell":
            measure = f"{k}. {measure}"
        method = "\n".join(f"{j}. {s}" for j, s in enumerate(steps, start=1))
        if d.chance(0.3):
            method = steps[0]
        responsible = d.choice(vocab.UNITS)
        if d.chance(0.25):
            responsible += " / " + d.choice(vocab.UNITS)
        y0 = year - 1
        period = d.choice(vocab.MEASURE_PERIODS).format(y=year, y0=y0, s=year % 100, s0=y0 % 100)
        rows.append(
            {
                "tool": tool,
                "indicator": _INDICATOR[i],
                "measure": ctx.t(measure),
                "method": ctx.t(method),
                "responsible": responsible,
                "period": ctx.t(period),
                "result": ctx.t(result) if report else "",
                "outcome": ctx.t(outcome),
                "target": ctx.t(d.choice(vocab.MEASURE_INDICATORS)),
            }
        )
    title_text = (
        "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
        if report
        else "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    )
    blocks: list[Block] = [
        Title(
            [ctx.t(title_text), ctx.t(f"ประจำปีงบประมาณ พ.ศ. {year}"), ctx.org.name],
            size=d.choice([16.0, 18.0]),
        )
    ]
    ita_gold = None
    if d.yes("measures_ita_table", 0.3 if ctx.post != "scan" else 0.0):
        blocks.append(Para(ctx.t(f"ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. {year - 1}"), bold=True))
        table_blocks, ita_gold = ita.score_table(ctx, year - 1, prose_required=True)
        blocks += table_blocks
    for text in vocab.MEASURES_INTRO[: d.randint(1, 2)]:
        blocks.append(Para(ctx.t(text.replace("{org}", ctx.org.name)), indent=8))
    if layout == "table":
        blocks.append(_table(ctx, rows, report, tool_mode, year))
    else:
        blocks += _paragraphs(ctx, rows, report, tool_mode)
    doc = Document(blocks, font=ctx.font, landscape=ctx.landscape, size=d.choice([13.0, 14.0]))
    gold = gold_frame(ctx)
    gold["fiscal_year"] = year
    gold["ita"] = ita_gold
    has_outcome = report and d.axes.get("measures_outcome_column") == "yes"
    gold["measures"] = [
        {
            "tool": r["tool"] if tool_mode != "none" else None,
            "measure": cell_text(r["measure"]),
            "method": cell_text(r["method"]),
            "responsible": cell_text(r["responsible"]),
            "period": cell_text(r["period"]),
            "result": cell_text(r["result"]) if report else None,
            "outcome": cell_text(r["outcome"]) if has_outcome else None,
        }
        for r in rows
    ]
    return finish(ctx, doc, gold)


def _section_title(d: Draw, mode: str, tool: str, indicator: int) -> str:
    if mode == "tool_rows":
        return vocab.TOOL_TITLES[tool]
    return d.choice(
        [
            f"ตัวชี้วัดที่ {indicator} {_IND_NAME[indicator]}",
            f"ตัวชี้วัดที่ {indicator} : {_IND_NAME[indicator]}",
        ]
    )


def _table(
    ctx: Context, rows: list[dict[str, Any]], report: bool, tool_mode: str, year: int
) -> Table:
    d = ctx.d
    roles = ["measure", "method", "responsible", "period"]
    if d.yes("measures_indicator_column", 0.25):
        roles.insert(2, "indicator")
    if report:
        roles.append("result")
        if d.yes("measures_outcome_column", 0.5):
            roles.append("outcome")
    else:
        d.fix("measures_outcome_column", "no")
    if d.pick("measures_column_order", {"usual": 3, "shuffled": 1}) == "shuffled":
        rest = roles[1:]
        d.rng.shuffle(rest)
        roles = roles[:1] + rest
    if tool_mode == "column":
        roles.insert(0, "tool")
    if d.yes("measures_seq_column", 0.3 if d.axes["measures_numbering"] == "none" else 0.1):
        roles.insert(0, "seq")
    long = d.yes("measures_long_header", 0.3)
    head = {role: d.choice(vocab.MEASURE_HEADERS[role]) for role in roles}
    if long:
        for role in [r for r in roles if r in vocab.LONG_HEADERS][:2]:
            head[role] = vocab.LONG_HEADERS[role] + (f" พ.ศ. {year}" if role == "result" else "")
    header: list[Row] = [[Cell(ctx.t(head[r]), align="C") for r in roles]]
    if d.pick("measures_header_at", {"first_row": 3, "after_title_row": 1}) == "after_title_row":
        title = f"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {year}"
        header.insert(0, [Cell(ctx.t(title), colspan=len(roles), align="C")])
    body: list[Row] = []
    last = None
    for k, r in enumerate(rows, start=1):
        key = r["tool"] if tool_mode == "tool_rows" else r["indicator"]
        if tool_mode in ("tool_rows", "indicator_rows") and key != last:
            text = _section_title(d, tool_mode, str(r["tool"]), int(r["indicator"]))
            body.append([Cell(ctx.t(text), colspan=len(roles), bold=True)])
        last = key
        texts = {
            **{x: str(v) for x, v in r.items()},
            "seq": ctx.t(str(k)),
            "indicator": str(r["target"]),
        }
        body.append([Cell(texts[x], align="C" if x in ("seq", "tool") else "L") for x in roles])
    widths = {
        "seq": 8.0,
        "tool": 12.0,
        "measure": 50.0,
        "method": 50.0,
        "indicator": 28.0,
        "responsible": 26.0,
        "period": 24.0,
        "result": 45.0,
        "outcome": 35.0,
    }
    return Table(
        header,
        body,
        [widths[x] for x in roles],
        borders=d.pick(
            "borders", {"grid": 6, "frame": 1, "hrules": 1.5, "header_rule": 1, "none": 0.5}
        ),
        repeat_header=d.yes("header_repeat", 0.6),
        row_split=d.yes("row_split", 0.6),
        size=d.choice([10.0, 11.0, 12.0]),
    )


def _paragraphs(
    ctx: Context, rows: list[dict[str, Any]], report: bool, tool_mode: str
) -> list[Block]:
    """Measures written as numbered paragraphs, no table (small offices' Word documents)."""
    d = ctx.d
    for axis in (
        "measures_header_at",
        "measures_long_header",
        "measures_column_order",
        "measures_seq_column",
        "measures_outcome_column",
        "measures_indicator_column",
    ):
        d.axes.pop(axis, None)
    labels = {
        "method": d.choice(["วิธีการดำเนินการ", "ขั้นตอนการดำเนินการ", "แนวทางการดำเนินการ"]),
        "responsible": d.choice(["ผู้รับผิดชอบ", "หน่วยงานที่รับผิดชอบ"]),
        "period": d.choice(["ระยะเวลาดำเนินการ", "ระยะเวลา"]),
        "result": d.choice(["ผลการดำเนินการ", "สรุปผลการดำเนินการ"]),
    }
    sep = d.choice([": ", " : ", " "])
    out: list[Block] = []
    last = None
    for r in rows:
        key = r["tool"] if tool_mode == "tool_rows" else r["indicator"]
        if tool_mode != "none" and key != last:
            text = _section_title(d, tool_mode, str(r["tool"]), int(r["indicator"]))
            out.append(Para(ctx.t(text), bold=True))
        last = key
        out.append(Para(str(r["measure"]), bold=d.chance(0.5)))
        method = str(r["method"]).replace("\n", " ")
        out.append(Para(ctx.t(labels["method"]) + sep + method, indent=8))
        out.append(Para(labels["responsible"] + sep + str(r["responsible"]), indent=8))
        out.append(Para(labels["period"] + sep + str(r["period"]), indent=8))
        if report:
            out.append(Para(labels["result"] + sep + str(r["result"]), indent=8))
    return out
