"""The comparison report as a person sees it: headless Chromium renders tables, charts and Thai."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from prongsai.flows import catalog, compare, report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")


def _chromium(*args: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )


def test_report_renders_tables_charts_and_thai(facts_engine: Any, tmp_path: Path) -> None:
    tables = compare.compare_tables(facts_engine)
    cat, _ = catalog.project_catalog(facts_engine)
    page = report.compare_report(tables, tmp_path / "compare.html", catalog=cat)

    dom = _chromium("--dump-dom", page.as_uri()).stdout
    assert dom.count("<table") >= 3
    assert dom.count('src="data:image/png;base64,') >= 3
    assert "องค์การบริหารส่วนตำบล" in dom  # Thai text reached the page as text

    shot = tmp_path / "report.png"
    _chromium(f"--screenshot={shot}", "--window-size=1280,2400", page.as_uri())
    image = Image.open(shot).convert("L")
    dark = sum(1 for v in image.getdata() if v < 128)
    assert dark / (image.width * image.height) > 0.01  # text, table rules and bars were drawn
    # The charts' Thai labels come from a Thai font, not tofu boxes.
    assert report.thai_font() is not None
