"""The committed sample corpus (sample/corpus/): its files, gold and the defects they claim.

Reads only committed files; rebuilding needs LibreOffice and is done by hand
(`.venv/bin/python -m prongsai.sample.corpus_build`).
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from prongsai.extract.records import DOC_TYPES, INCONSISTENCY_CODES
from prongsai.sample.corpus_build.text import level_of

CORPUS = Path(__file__).resolve().parents[2] / "sample" / "corpus"
DEFECTS = {
    "wrapped_cells",
    "page_spanning_table",
    "misspelled_header",
    "merged_projects",
    "subtotal_rows",
    "hash_cells",
    "dash_cells",
    "thai_digits",
    "mixed_digits",
    "pua_tone_marks",
    "lost_sara_am",
    "spaces_in_words",
    "scan",
}
YEARS = ("2566", "2567", "2568", "2569", "2570")


def _golds() -> dict[str, dict[str, Any]]:
    return {
        p.name: json.loads(p.read_text(encoding="utf-8"))
        for p in sorted(CORPUS.glob("*.gold.json"))
    }


GOLDS = _golds()


@functools.cache
def _pages(file: str) -> tuple[str, ...]:
    with pdfplumber.open(CORPUS / file) as pdf:
        return tuple(page.extract_text() or "" for page in pdf.pages)


def _with(defect: str) -> list[str]:
    return [g["file"] for g in GOLDS.values() if defect in g["defects"]]


def test_corpus_size_kinds_and_render_paths() -> None:
    assert len(list(CORPUS.glob("*.pdf"))) >= 12
    kinds = {g["doc_type"] for g in GOLDS.values()}
    assert kinds == set(DOC_TYPES)
    renders = {g["render"] for g in GOLDS.values()}
    assert {"fpdf2", "docx-libreoffice", "scan"} <= renders
    assert sum(p.stat().st_size for p in CORPUS.glob("*.pdf")) < 6_000_000


@pytest.mark.parametrize("name", sorted(GOLDS))
def test_gold_names_its_pdf_and_is_clean(name: str) -> None:
    gold = GOLDS[name]
    assert name == gold["file"].replace(".pdf", ".gold.json")
    assert (CORPUS / gold["file"]).read_bytes().startswith(b"%PDF")
    assert gold["doc_type"] in DOC_TYPES
    assert set(gold["planted_problems"]) <= INCONSISTENCY_CODES
    assert set(gold["defects"]) <= DEFECTS | {"name_misspelling"}
    text = json.dumps(gold, ensure_ascii=False)
    assert not re.search("[\uf700-\uf71a๐-๙]", text), "gold is Arabic digits, no PUA"
    assert gold["organization"]["type"] in {"อบต.", "ทต.", "ทม.", "ทน.", "อบจ."}


def test_every_defect_and_problem_code_is_present() -> None:
    claimed = {d for g in GOLDS.values() for d in g["defects"]}
    assert claimed >= DEFECTS
    planted = {c for g in GOLDS.values() for c in g["planted_problems"]}
    assert planted == INCONSISTENCY_CODES
    assert sum(not g["planted_problems"] for g in GOLDS.values()) >= 5


def test_scans_have_no_text_layer() -> None:
    scans = [g["file"] for g in GOLDS.values() if g["scan"]]
    assert len(scans) >= 2
    for file in scans:
        assert all(len(t.strip()) < 30 for t in _pages(file)), file


def test_consistent_plans_add_up() -> None:
    for gold in GOLDS.values():
        if gold["doc_type"] != "anticorruption_plan" or gold["planted_problems"]:
            continue
        text = "\n".join(_pages(gold["file"])).translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
        # the grand total row: the last "รวมท..." line with amounts (tone marks may sit apart)
        total_line = [ln for ln in text.splitlines() if "รวมท" in ln and re.search(r"\d,\d", ln)][
            -1
        ]
        printed = [float(x.replace(",", "")) for x in re.findall(r"\d{1,3}(?:,\d{3})+", total_line)]
        sums = [sum(p["budgets"][y] or 0.0 for p in gold["projects"]) for y in YEARS]
        assert printed == [s for s in sums if s], gold["file"]


def test_consistent_ita_totals_and_levels() -> None:
    for gold in GOLDS.values():
        ita = gold["ita"]
        if ita is None or gold["planted_problems"]:
            continue
        for year, total, level in (
            (str(ita["year"]), ita["total"], ita["level"]),
            (str(ita["year"] - 1), ita["previous_total"], ita["previous_level"]),
        ):
            means = {
                tool: [i["scores"][year] for i in ita["indicators"] if i["tool"] == tool]
                for tool in ("IIT", "EIT", "OIT")
            }
            weighted = sum(
                w * sum(means[t]) / len(means[t])
                for t, w in (("IIT", 0.3), ("EIT", 0.3), ("OIT", 0.4))
            )
            assert abs(weighted - total) <= 0.5
            assert level == level_of(total)


def test_pua_tone_marks_are_in_the_text_layer() -> None:
    files = _with("pua_tone_marks")
    assert files
    for file in files:
        assert re.search("[\uf700-\uf71a]", "".join(_pages(file))), file


def test_lost_sara_am_reads_as_space_aa() -> None:
    files = _with("lost_sara_am")
    assert files
    for file in files:
        text = "".join(_pages(file))
        assert "ส าน" in text or re.search(r"[ก-ฮ] า", text), file
        assert "ำ" not in text, file


def test_misspelled_header_and_repeated_headers() -> None:
    for file in _with("misspelled_header"):
        assert any("ภารกิจตามมติ" in t for t in _pages(file)), file
    for file in _with("page_spanning_table"):
        headed = [t for t in _pages(file) if "มาตรการ/แนวทาง" in t or "ภารกิจตาม" in t]
        assert len(headed) >= 2, file


def test_digit_styles() -> None:
    for file in _with("thai_digits"):
        assert re.search("[๐-๙]{3}", "".join(_pages(file))), file
    for file in _with("mixed_digits"):
        assert re.search("[0-9][๐-๙]|[๐-๙][0-9]", "".join(_pages(file))), file


def test_hash_and_wrapped_cells() -> None:
    for file in _with("hash_cells"):
        assert "#####" in "".join(_pages(file))
    for file in _with("wrapped_cells"):
        with pdfplumber.open(CORPUS / file) as pdf:
            rows = [r for page in pdf.pages for t in page.extract_tables() for r in t]
        # a continuation row: project text with every budget cell empty
        assert sum(1 for r in rows if r[2] and not any(r[3:8])) >= 5, file


def test_spaces_in_words() -> None:
    # documents draw "วัตถุประสงค์ของการจัดทำแผน เพื่อป้องกัน..." with character spacing
    for file in _with("spaces_in_words"):
        line = next(ln for t in _pages(file) for ln in t.splitlines() if ln.startswith("วัตถุ"))
        assert re.search(r"เพื่ ?อ ?ป้ ?อง", line), line
        assert line.count(" ") > 2, line
