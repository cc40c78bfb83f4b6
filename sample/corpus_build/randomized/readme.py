"""The README of a committed sample: how it was made, which seeds, counts per kind and axis."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from prongsai.sample.corpus_build.randomized.axes import AXES


def write(out: Path, golds: list[dict[str, Any]], source: Path) -> None:
    kinds = Counter(g["doc_type"] for g in golds)
    size = sum((out / g["file"]).stat().st_size for g in golds)
    seeds = ", ".join(str(g["seed"]) for g in golds)
    lines = [
        "# Randomized test sample",
        "",
        "A fixed, stratified subset of the held-out TEST SET of the randomized corpus generator",
        "(`sample/corpus_build/randomized/`). Never tune the extractor on these documents or on",
        "any seed of the test set (100001-100300); tune on the development set (seeds 1-120).",
        "",
        "Made with (LibreOffice needed for the DOCX and XLSX producers):",
        "",
        "```sh",
        "python -m prongsai.sample.corpus_build.randomized --seeds 100001-100300 "
        "--out var/testset-full --jobs 2",
        "python -m prongsai.sample.corpus_build.randomized --select-from var/testset-full "
        "--out sample/testset --count 80 --max-mb 25",
        "python -m prongsai.sample.corpus_build.randomized --seeds 1-120 --out var/devset --jobs 2",
        "```",
        "",
        "The subset is chosen greedily so that every (axis, value) drawn anywhere in the test set",
        "occurs here, then filled kind by kind with the smallest files. Each NAME.gold.json holds",
        "the facts (scored by `sample/gold.py`, `score_by_axis` breaks a score down by axis), the",
        "`seed`, and `axes`: every axis value the document drew. The same seed gives the same",
        "gold; the PDF bytes may differ between LibreOffice versions.",
        "",
        f"{len(golds)} documents, {size / 1024 / 1024:.1f} MB, from `{source}`.",
        "",
        "| kind | documents |",
        "|---|---|",
        *[f"| {k} | {n} |" for k, n in sorted(kinds.items())],
        "",
        f"Seeds: {seeds}",
        "",
        "## Axes and how often each value occurs here",
        "",
        "| axis | values (count) |",
        "|---|---|",
    ]
    for axis, values in AXES.items():
        counts = Counter(g["axes"].get(axis) for g in golds if axis in g["axes"])
        cells = ", ".join(f"{v} ({counts[v]})" for v in values if counts[v])
        lines.append(f"| {axis} | {cells} |")
    lines += [
        "",
        "## Files",
        "",
        "| file | kind | producer | planted problems |",
        "|---|---|---|---|",
    ]
    for g in golds:
        planted = ", ".join(g["planted_problems"]) or "-"
        lines.append(f"| {g['file']} | {g['doc_type']} | {g['axes']['producer']} | {planted} |")
    (out / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
