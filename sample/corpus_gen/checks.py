"""What pdfplumber actually reads from a corpus PDF: one check per defect name."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber

Reading = dict[str, Any]


def read(path: Path) -> Reading:
    with pdfplumber.open(path) as pdf:
        texts = [p.extract_text() or "" for p in pdf.pages]
        tables = [t for p in pdf.pages for t in p.extract_tables()]
    return {"texts": texts, "text": "\n".join(texts), "tables": tables}


def _cells(r: Reading) -> list[str]:
    return [c or "" for t in r["tables"] for row in t for c in row]


def _rows(r: Reading) -> list[list[str]]:
    return [[c or "" for c in row] for t in r["tables"] for row in t]


def _wrapped(r: Reading) -> bool:
    # a row whose name cell goes on while every amount cell is empty
    return any(len(row) >= 7 and any(row[:3]) and not any(row[-6:]) for row in _rows(r))


def _multi(r: Reading) -> bool:
    return any(re.search(r"[1๑]\)", c) and re.search(r"[2๒]\)", c) for c in _cells(r))


def _misspelled_header(r: Reading) -> bool:
    heads = [row[0] for row in _rows(r) if row and row[0].strip() in ("มิติ", "มติ")]
    return "มิติ" in [h.strip() for h in heads] and "มติ" in [h.strip() for h in heads]


def _repeated_header(r: Reading) -> bool:
    pages = [t for t in r["texts"] if "โครงการ/กิจกรรม/มาตรการ" in t]
    return len(pages) >= 3


def _spaces_in_words(r: Reading) -> bool:
    text = unicodedata.normalize("NFKC", r["text"])
    words = ["ทั้งสิ้น", "ส่วนที่", "ท้องถิ่น", "เพื่อ", "ผู้รับผิดชอบ"]
    return any(w not in text and w in text.replace(" ", "") for w in words) or bool(
        re.search(r"[ก-ฮ] [\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]", text))


CHECKS: dict[str, Callable[[Reading], bool]] = {
    "no_text_layer": lambda r: not r["text"].strip(),
    "pua_tone_marks": lambda r: bool(re.search("[\uf700-\uf71a]", r["text"])),
    "lost_sara_am": lambda r: bool(re.search(r"[ก-ฮ] [าา]", r["text"])),
    "decomposed_sara_am": lambda r: "\u0e4d\u0e32" in r["text"],
    "spaces_in_words": _spaces_in_words,
    "thai_digits": lambda r: bool(re.search("[๐-๙]", r["text"])) and not re.search(
        "[0-9]", r["text"]),
    "arabic_digits": lambda r: bool(re.search("[0-9]", r["text"])) and not re.search(
        "[๐-๙]", r["text"]),
    "mixed_digits": lambda r: bool(re.search("25[๐-๙]", r["text"])),
    "wrapped_cells": _wrapped,
    "multi_project_cell": _multi,
    "repeated_header": _repeated_header,
    "misspelled_header": _misspelled_header,
    "hash_cells": lambda r: "#####" in _cells(r),
    "dash_cells": lambda r: "-" in [c.strip() for c in _cells(r)],
    "subtotal_rows": lambda r: any(c.strip() == "รวม" or c.startswith("รวมมิติ")
                                   for c in _cells(r)),
    "total_row": lambda r: any(c.strip() == "รวมทั้งสิ้น" for c in _cells(r)),
    "org_name_misspelled": lambda r: True,  # checked against gold by the caller
}


def check(path: Path, defects: list[str]) -> dict[str, bool]:
    reading = read(path)
    return {d: CHECKS[d](reading) for d in defects}
