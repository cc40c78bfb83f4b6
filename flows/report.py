"""Self-contained HTML reports: tables and matplotlib charts, viewable offline.

Charts are PNGs embedded as base64 data URIs, drawn with a Thai font registered from
fonts-thai-tlwg (Garuda, else Loma, Laksaman) so Thai labels do not come out as boxes. Every
text from documents and sites (project names, organization names, URLs) reaches the page through
Jinja2 autoescape: a project named ``<script>alert(1)</script>`` shows as that text.
"""

from __future__ import annotations

import base64
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape

TEMPLATE = Path(__file__).resolve().with_name("report.html")
THAI_FONTS = (
    Path("/usr/share/fonts/truetype/tlwg/Garuda.ttf"),
    Path("/usr/share/fonts/truetype/tlwg/Loma.ttf"),
    Path("/usr/share/fonts/truetype/tlwg/Laksaman.ttf"),
)
MAX_ROWS = 200
STATUS_COLORS = {"found": "#2e9e5b", "scan_only": "#8e6bd6", "gone": "#e08a1e",
                 "missing": "#d64545", "not_crawled": "#b0b0b0"}  # fmt: skip


@dataclass
class Chart:
    alt: str
    png: str  # base64


@dataclass
class TableView:
    caption: str
    columns: list[str]
    rows: list[list[dict[str, str]]]
    shown: int
    total: int


@dataclass
class Section:
    heading: str
    text: str = ""
    charts: list[Chart] = field(default_factory=list)
    tables: list[TableView] = field(default_factory=list)


def thai_font() -> str | None:
    """Register the first Thai font found with matplotlib and make it the default; its name."""
    from matplotlib import font_manager, rcParams

    for path in THAI_FONTS:
        if path.exists():
            font_manager.fontManager.addfont(str(path))
            name = font_manager.FontProperties(fname=str(path)).get_name()
            rcParams["font.family"] = name
            return name
    return None


def _figure(width: float = 10.0, height: float = 4.5) -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    thai_font()
    fig, ax = plt.subplots(figsize=(width, height), dpi=100)
    return fig, ax


def _png(fig: Any, alt: str) -> Chart:
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return Chart(alt, base64.b64encode(buf.getvalue()).decode("ascii"))


def _cell(value: Any, column: str) -> dict[str, str]:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return {"text": "", "cls": ""}
    if value is pd.NA or value is pd.NaT:
        return {"text": "", "cls": ""}
    if isinstance(value, bool):
        return {"text": "✓" if value else "", "cls": ""}
    if isinstance(value, float):
        text = f"{value:,.2f}"
        return {"text": text, "cls": "num"}
    if isinstance(value, int):
        return {"text": str(value) if column.endswith("year_be") else f"{value:,}", "cls": "num"}
    if isinstance(value, datetime | pd.Timestamp):
        return {"text": value.strftime("%Y-%m-%d %H:%M"), "cls": ""}
    cls = f"status-{value}" if column == "status" else ""
    return {"text": str(value), "cls": cls}


def table_view(caption: str, frame: pd.DataFrame, max_rows: int = MAX_ROWS) -> TableView:
    """A table for the template; cells stay plain text (the template escapes them)."""
    shown = frame.head(max_rows)
    rows = [
        [
            _cell(v.item() if hasattr(v, "item") else v, c)
            for c, v in zip(shown.columns, r, strict=True)
        ]
        for r in shown.itertuples(index=False, name=None)
    ]
    return TableView(caption, [str(c) for c in frame.columns], rows, len(shown), len(frame))


def render(
    title: str, sections: Sequence[Section], out: Path, *, database: str | None = None
) -> Path:
    """Write the report to `out` and return it."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATE.parent)),
        autoescape=select_autoescape(["html"]),
    )
    html = env.get_template(TEMPLATE.name).render(
        title=title,
        sections=sections,
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        database=database,
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    return out


# --- charts ---------------------------------------------------------------------------------------


def compliance_chart(by_province: pd.DataFrame, year: int) -> Chart | None:
    """Stacked bars: required documents per province in `year`, by status."""
    frame = by_province[by_province["fiscal_year_be"] == year]
    if frame.empty:
        return None
    fig, ax = _figure(10, max(3.0, 0.45 * len(frame) + 1.5))
    left = pd.Series(0.0, index=frame.index)
    for status, color in STATUS_COLORS.items():
        values = frame[status].astype(float)
        ax.barh(frame["province"].astype(str), values, left=left, color=color, label=status)
        left = left + values
    ax.set_xlabel("จำนวนเอกสารที่ต้องเผยแพร่")
    ax.set_title(f"การเผยแพร่เอกสารที่กำหนด ปีงบประมาณ {year} แยกตามจังหวัด")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    ax.invert_yaxis()
    return _png(fig, f"การเผยแพร่เอกสาร ปี {year} รายจังหวัด")


def ita_chart(totals: pd.DataFrame) -> Chart | None:
    """Mean ITA total per organization type and year."""
    frame = totals[totals["total"].notna()]
    if frame.empty:
        return None
    table = frame.pivot_table(index="type", columns="year_be", values="total", aggfunc="mean")
    fig, ax = _figure()
    table.plot.bar(ax=ax, rot=0)
    ax.set_ylim(0, 100)
    ax.set_ylabel("คะแนน ITA เฉลี่ย")
    ax.set_xlabel("ประเภทองค์กรปกครองส่วนท้องถิ่น")
    ax.set_title("คะแนน ITA เฉลี่ย แยกตามประเภทและปี")
    ax.legend(title="ปี", fontsize=8)
    return _png(fig, "คะแนน ITA เฉลี่ยแยกตามประเภทองค์กร")


def budget_chart(budgets: pd.DataFrame) -> Chart | None:
    """Stated plan budgets summed per dimension and fiscal year (millions of baht)."""
    frame = budgets[budgets["amount"].notna()]
    if frame.empty:
        return None
    table = frame.pivot_table(
        index="fiscal_year_be", columns="dimension", values="amount", aggfunc="sum"
    )
    fig, ax = _figure()
    (table / 1e6).plot.bar(ax=ax, rot=0)
    ax.set_ylabel("ล้านบาท")
    ax.set_xlabel("ปีงบประมาณ")
    ax.set_title("งบประมาณตามแผนปฏิบัติการป้องกันการทุจริต แยกตามมิติ (เฉพาะที่ระบุในเอกสาร)")
    ax.legend(title="มิติ", fontsize=8)
    return _png(fig, "งบประมาณตามแผนแยกตามมิติและปี")


def catalog_chart(catalog: pd.DataFrame, top: int = 12) -> Chart | None:
    """The activities most organizations run."""
    frame = catalog.head(top)
    if frame.empty:
        return None
    fig, ax = _figure(10, max(3.0, 0.4 * len(frame) + 1.5))
    labels = [str(a)[:60] for a in frame["activity"]]
    ax.barh(labels, frame["organizations"], color="#3b6ea5")
    ax.invert_yaxis()
    ax.set_xlabel("จำนวนองค์กรที่ดำเนินการ")
    ax.set_title("โครงการ/กิจกรรม/มาตรการที่พบบ่อย")
    return _png(fig, "กิจกรรมที่องค์กรดำเนินการมากที่สุด")


# --- the two reports ------------------------------------------------------------------------------


def compare_report(
    tables: Mapping[str, pd.DataFrame],
    out: Path,
    *,
    catalog: pd.DataFrame | None = None,
    database: str | None = None,
) -> Path:
    """The researchers' report: ITA scores, rankings, distributions, budgets, catalog."""
    totals = tables["ita_scores"]
    charts = [c for c in (ita_chart(totals),) if c is not None]
    sections = [
        Section(
            "คะแนน ITA",
            "คะแนนรวมที่เอกสารระบุ แยกตามองค์กรและปี พร้อมการเปลี่ยนแปลงจากปีก่อน",
            charts,
            [table_view("คะแนน ITA รายองค์กร", totals.drop(columns=["sha256"]))],
        ),
        Section(
            "อันดับและการกระจาย",
            "อันดับภายในจังหวัดและภายในประเภทองค์กร (1 = สูงสุด)",
            tables=[
                table_view("อันดับภายในจังหวัด", tables["ita_rank_province"]),
                table_view("อันดับภายในประเภท", tables["ita_rank_type"]),
                table_view("การกระจายตามประเภท", tables["ita_distribution_type"]),
                table_view("การกระจายตามจังหวัด", tables["ita_distribution_province"]),
            ],
        ),
        Section(
            "งบประมาณตามแผน",
            'ผลรวมเฉพาะจำนวนเงินที่แผนระบุ ช่องที่ไม่ระบุ ("-") ไม่ถูกนับเป็นศูนย์',
            [c for c in (budget_chart(tables["plan_budgets"]),) if c is not None],
            [
                table_view("งบประมาณแยกตามมิติและปี", tables["plan_budgets"].drop(columns=["sha256"])),
                table_view(
                    "จำนวนโครงการแยกตามมิติ", tables["plan_project_counts"].drop(columns=["sha256"])
                ),
            ],
        ),
        Section(
            "มาตรการกับตัวชี้วัดที่อ่อน",
            "ตัวชี้วัดที่ได้คะแนนต่ำกว่า 85 ในปีก่อน เทียบกับมาตรการที่องค์กรกำหนดในปีถัดมา",
            tables=[table_view("มาตรการเทียบตัวชี้วัด", tables["measures_vs_weak"])],
        ),
    ]
    if catalog is not None:
        sections.append(
            Section(
                "แคตตาล็อกโครงการ",
                "ชื่อโครงการที่เขียนต่างกันแต่เป็นกิจกรรมเดียวกัน จัดกลุ่มด้วยความคล้ายของคำ",
                [c for c in (catalog_chart(catalog),) if c is not None],
                [table_view("กิจกรรมและองค์กรที่ดำเนินการ", catalog)],
            )
        )
    return render("รายงานเปรียบเทียบ ITA และแผนป้องกันการทุจริต", sections, out, database=database)


def compliance_report(
    tables: Mapping[str, pd.DataFrame], out: Path, *, database: str | None = None
) -> Path:
    """The oversight report: what is missing, gone or scanned, by province and type."""
    by_province = tables["compliance_by_province"]
    years = sorted({int(y) for y in by_province["fiscal_year_be"]}) if len(by_province) else []
    charts = [c for c in (compliance_chart(by_province, y) for y in years[-1:]) if c is not None]
    matrix = tables["compliance_matrix"].drop(columns=["required", "sha256"])
    sections = [
        Section(
            "รายการที่ต้องดำเนินการ",
            "องค์กรที่ยังขาดเอกสาร เอกสารถูกนำออก หรือมีเพียงฉบับสแกน พร้อมเว็บไซต์และวันที่เก็บข้อมูลสำเร็จล่าสุด",
            tables=[table_view("รายการสำหรับเจ้าหน้าที่", tables["action_list"])],
        ),
        Section(
            "สรุปตามจังหวัดและประเภท",
            "found = พบ, scan_only = มีเฉพาะฉบับสแกน, gone = เคยพบแต่ถูกนำออก, missing = ไม่พบ",
            charts,
            [
                table_view("สรุปตามจังหวัด", by_province),
                table_view("สรุปตามประเภท", tables["compliance_by_type"]),
            ],
        ),
        Section(
            "ตารางการเผยแพร่รายองค์กร",
            "เอกสารที่กำหนดแต่ละปี: แผนที่ครอบคลุมปีนั้น รายงานวิเคราะห์ ITA มาตรการ และรายงานผลตามมาตรการ",
            tables=[table_view("สถานะเอกสาร", matrix, max_rows=400)],
        ),
    ]
    if "changes" in tables:
        sections.append(
            Section(
                "การเปลี่ยนแปลงตั้งแต่การเก็บข้อมูลครั้งก่อน",
                "new = เอกสารใหม่, changed = ไฟล์เปลี่ยน, removed = ถูกนำออก",
                tables=[table_view("การเปลี่ยนแปลง", tables["changes"])],
            )
        )
    return render("รายงานการเผยแพร่เอกสารตามที่กำหนด", sections, out, database=database)
