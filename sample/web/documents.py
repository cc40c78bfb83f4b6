"""The PDFs the sample sites serve: the project corpus when present, small generated ones otherwise.

The corpus is sample/corpus/<stem>.pdf with its gold facts in <stem>.gold.json (doc_type,
organization, fiscal_year, period; a scan is flagged by "scan": true or "ocr" page methods).
Until it exists, `fallback_corpus` makes one small Thai PDF per document kind with fpdf2.

Each organization serves a corpus PDF made its own by `unique_suffix`: a PDF comment line after
%%EOF naming the org and slot, so the sha256 differs per org while every reader still opens it.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CORPUS_DIR = Path(__file__).resolve().parent.parent / "corpus"
FONT = Path("/usr/share/fonts/truetype/tlwg/Garuda.ttf")

TARGET_TYPES = (
    "anticorruption_plan",
    "ita_analysis",
    "integrity_measures",
    "integrity_measures_report",
)


@dataclass(frozen=True)
class CorpusDoc:
    """One source PDF and what its gold file says about it."""

    stem: str
    data: bytes
    doc_type: str
    fiscal_year: int | None = None
    period: tuple[int, int] | None = None
    org_name: str | None = None
    scan: bool = False

    @functools.cached_property
    def _hash(self) -> Any:
        return hashlib.sha256(self.data)

    def sha256_with(self, suffix: bytes) -> str:
        """sha256 of data + suffix without rehashing the (possibly large) data each time."""
        h = self._hash.copy()
        h.update(suffix)
        return str(h.hexdigest())


def unique_suffix(code: str, slot: str, revision: int = 0) -> bytes:
    """A trailing PDF comment: readers ignore it, hashes see it. Empty for an unchanged doc."""
    return f"\n%prongsai-sample org={code} doc={slot} rev={revision}\n".encode("ascii")


def _gold_fields(gold: dict[str, Any]) -> dict[str, Any]:
    doc = gold.get("document", gold)
    org = doc.get("organization") or {}
    period = doc.get("period")
    methods = doc.get("page_methods") or [p.get("method") for p in doc.get("pages") or []]
    fy = doc.get("fiscal_year")
    return {
        "doc_type": str(doc.get("doc_type") or "other"),
        "fiscal_year": int(fy) if fy else None,
        "period": (int(period[0]), int(period[1])) if period else None,
        "org_name": org.get("name") if isinstance(org, dict) else None,
        "scan": bool(doc.get("scan")) or "ocr" in methods,
    }


def load_corpus(directory: Path = CORPUS_DIR) -> tuple[CorpusDoc, ...]:
    """Every corpus PDF that has a readable gold file, sorted by name; () when there is none."""
    docs: list[CorpusDoc] = []
    for pdf in sorted(directory.glob("*.pdf")):
        gold_path = pdf.with_name(pdf.stem + ".gold.json")
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            fields = _gold_fields(gold)
        except (OSError, ValueError, TypeError, AttributeError, IndexError):
            continue
        data = pdf.read_bytes()
        if data.startswith(b"%PDF"):
            docs.append(CorpusDoc(pdf.stem, data, **fields))
    return tuple(docs)


# --- fallback documents ---------------------------------------------------------------------

_FALLBACK: tuple[tuple[str, str, int | None, tuple[int, int] | None, bool, str], ...] = (
    (
        "plan-2566-2570",
        "anticorruption_plan",
        None,
        (2566, 2570),
        False,
        "แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. 2566-2570",
    ),
    (
        "plan-2565-2567",
        "anticorruption_plan",
        None,
        (2565, 2567),
        False,
        "แผนปฏิบัติการป้องกันการทุจริต 3 ปี (พ.ศ. 2565-2567)",
    ),
    (
        "plan-2561-2565",
        "anticorruption_plan",
        None,
        (2561, 2565),
        False,
        "แผนปฏิบัติการป้องกันการทุจริต 4 ปี (พ.ศ. 2561-2565)",
    ),
    (
        "plan-scan",
        "anticorruption_plan",
        None,
        (2566, 2570),
        True,
        "แผนปฏิบัติการป้องกันการทุจริต พ.ศ. 2566-2570 (ฉบับสแกน)",
    ),
    *(
        (
            f"ita-{y}",
            "ita_analysis",
            y,
            None,
            False,
            f"รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. {y}",
        )
        for y in (2566, 2567, 2568)
    ),
    (
        "ita-scan",
        "ita_analysis",
        2567,
        None,
        True,
        "รายงานการวิเคราะห์ผลการประเมิน ITA พ.ศ. 2567 (ฉบับสแกน)",
    ),
    *(
        (
            f"measures-{y}",
            "integrity_measures",
            y,
            None,
            False,
            f"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {y}",
        )
        for y in (2566, 2567, 2568)
    ),
    *(
        (
            f"report-{y}",
            "integrity_measures_report",
            y,
            None,
            False,
            f"รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปี พ.ศ. {y}",
        )
        for y in (2566, 2567, 2568)
    ),
    (
        "procurement",
        "other",
        2567,
        None,
        False,
        "ประกาศประกวดราคาจ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 5 ด้วยวิธีประกวดราคาอิเล็กทรอนิกส์",
    ),
    ("budget", "other", 2567, None, False, "ข้อบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2567"),
    ("internal", "other", 2567, None, False, "บันทึกข้อความภายใน (เอกสารไม่เผยแพร่)"),
)


def _text_pdf(title: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title(title)
    pdf.add_font("Garuda", "", str(FONT))
    pdf.set_font("Garuda", size=15)
    pdf.set_text_shaping(True)
    pdf.add_page()
    pdf.multi_cell(0, 9, f"{title}\nเอกสารตัวอย่างของ prongsai (ชุดสำรองเมื่อยังไม่มีคลังเอกสาร)")
    return bytes(pdf.output())


def _scan_pdf(title: str) -> bytes:
    """An image-only page, as a scanned upload is: no text layer to extract."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("L", (1240, 600), 245)
    font = ImageFont.truetype(str(FONT), 40)
    ImageDraw.Draw(img).multiline_text((60, 80), title.replace(" (", "\n("), font=font, fill=20)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(io.BytesIO(buf.getvalue()), x=10, y=10, w=190)
    return bytes(pdf.output())


@functools.cache
def fallback_corpus() -> tuple[CorpusDoc, ...]:
    """Small generated stand-ins for every document kind the sites publish (cached)."""
    return tuple(
        CorpusDoc(
            stem, _scan_pdf(title) if scan else _text_pdf(title), doc_type, fy, period, None, scan
        )
        for stem, doc_type, fy, period, scan, title in _FALLBACK
    )


@functools.cache
def _cached_corpus(
    directory: str, signature: tuple[tuple[str, int, float], ...]
) -> tuple[CorpusDoc, ...]:
    del signature  # part of the cache key only: a changed corpus is read again
    return load_corpus(Path(directory))


def corpus(directory: Path = CORPUS_DIR) -> tuple[CorpusDoc, ...]:
    """The corpus when it has documents, else the fallback; re-read when its files change."""
    files = sorted(directory.glob("*.pdf")) if directory.is_dir() else []
    signature = tuple((p.name, p.stat().st_size, p.stat().st_mtime) for p in files)
    found = _cached_corpus(str(directory), signature) if files else ()
    return found or fallback_corpus()


def doc_for(
    docs: tuple[CorpusDoc, ...],
    doc_type: str,
    *,
    fiscal_year: int | None = None,
    period: tuple[int, int] | None = None,
    scan: bool = False,
    pick: int = 0,
) -> CorpusDoc | None:
    """The best source for a slot: same type, then same scan-ness, then same year or period."""
    typed = [d for d in docs if d.doc_type == doc_type]
    if not typed:
        return None
    same_scan = [d for d in typed if d.scan == scan] or typed
    exact = [
        d
        for d in same_scan
        if (fiscal_year is None or d.fiscal_year == fiscal_year)
        and (period is None or d.period == period)
    ]
    pool = exact or same_scan
    return pool[pick % len(pool)]
