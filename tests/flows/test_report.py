"""HTML reports: self-contained, Thai font for charts, every document text escaped."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path
from typing import Any

from PIL import Image

from prongsai.flows import catalog, compare, report

# The project name the facts warehouse (conftest.build_facts) plants in one plan.
SCRIPT_NAME = "โครงการ <script>alert('x')</script> ทดสอบ"


def _render(facts_engine: Any, tmp_path: Path) -> str:
    tables = compare.compare_tables(facts_engine)
    cat, _ = catalog.project_catalog(facts_engine)
    out = report.compare_report(tables, tmp_path / "compare.html", catalog=cat)
    return out.read_text(encoding="utf-8")


def test_document_text_is_escaped(facts_engine: Any, tmp_path: Path) -> None:
    html = _render(facts_engine, tmp_path)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(" in html
    assert SCRIPT_NAME.split("<")[0].strip() in html


def test_charts_are_embedded_and_drawn(facts_engine: Any, tmp_path: Path) -> None:
    html = _render(facts_engine, tmp_path)
    pngs = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', html)
    assert len(pngs) >= 3  # ITA by type, budgets by dimension, catalog
    for data in pngs:
        image = Image.open(io.BytesIO(base64.b64decode(data))).convert("RGB")
        colors = image.getcolors(maxcolors=1 << 20) or []
        assert len(colors) > 20  # bars, labels, axes: not a blank canvas
    assert "http://" not in html.split("<body>")[0]  # nothing fetched from elsewhere


def test_thai_font_registered() -> None:
    name = report.thai_font()
    assert name is not None
    from matplotlib import font_manager

    path = font_manager.findfont(font_manager.FontProperties(family=name))
    assert "tlwg" in path
