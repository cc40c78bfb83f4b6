"""sample/corpus/README.md: one table row per file, read back from the gold files."""

from __future__ import annotations

import json
from pathlib import Path

from prongsai.sample.corpus_build.build import CORPUS

INTRO = """# Sample corpus

Synthetic PDFs of the ten featured demo organizations (sample/registry/featured.csv), made by
`.venv/bin/python -m prongsai.sample.corpus_build` from one definition per document
(sample/corpus_build/documents.py) that drives both the PDF and its NAME.gold.json.
The gold is scored by sample/gold.py (`bench/accuracy.py`). Gold text is NFC with Arabic digits
and no Private Use Area characters, whatever the PDF's text layer shows.

Defects are how the text layer or layout is hard to read; planted problems are contradictions in
the document itself (records.INCONSISTENCY_CODES) that extraction must report. A file with no
planted problem is consistent: its sums add up and its ITA total and levels agree.
A "#####" cell hides an amount that the subtotal and total rows still include (as in Excel).

| file | kind | render | defects | planted problems |
|---|---|---|---|---|
"""


def write_readme(corpus: Path = CORPUS) -> None:
    rows = []
    for path in sorted(corpus.glob("*.gold.json")):
        g = json.loads(path.read_text(encoding="utf-8"))
        rows.append(
            f"| {g['file']} | {g['doc_type']} | {g['render']} | {', '.join(g['defects'])} "
            f"| {', '.join(g['planted_problems']) or '-'} |"
        )
    (corpus / "README.md").write_text(INTRO + "\n".join(rows) + "\n" + UNPLANTED, encoding="utf-8")


UNPLANTED = """
## A defect LibreOffice adds by itself

The `*_docx.pdf` files also carry a text-layer defect that was not planted: LibreOffice with
Laksaman writes a ToUnicode map in which the sara uu glyph reads as a tone mark (mai tho or
mai ek): the page shows "ศูนย์ข้อมูล" and pdfplumber reads "ศ้นย์ข้อม้ล". pdfium reads it right.
`extract/thai.py` (`fix_tho_for_uu`) restores sara uu where the dictionary agrees.
"""
