"""Draw documents from seeds, render them in batches (one LibreOffice run per batch), write
NAME.pdf + NAME.gold.json."""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import subprocess
import tempfile
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from PIL import Image, ImageFilter

from prongsai.sample.corpus_build import textlayer
from prongsai.sample.corpus_build.randomized import (
    ita,
    measures,
    other,
    plan,
    render_office,
    render_pdf,
)
from prongsai.sample.corpus_build.randomized.axes import Draw
from prongsai.sample.corpus_build.randomized.common import Built
from prongsai.sample.corpus_build.scan import images_pdf

KIND_WEIGHTS = {
    "anticorruption_plan": 35.0,
    "ita_analysis": 25.0,
    "integrity_measures": 15.0,
    "integrity_measures_report": 15.0,
    "other": 10.0,
}


def make(seed: int) -> Built:
    """The document of one seed: the same seed always gives the same document and gold."""
    d = Draw(seed)
    kind = d.pick("kind", KIND_WEIGHTS)
    if kind == "anticorruption_plan":
        return plan.make(d)
    if kind == "ita_analysis":
        return ita.make(d)
    if kind == "other":
        return other.make(d)
    return measures.make(d, report=kind == "integrity_measures_report")


def parse_seeds(spec: str) -> list[int]:
    """ "1-3,7" -> [1, 2, 3, 7]."""
    out: list[int] = []
    for part in spec.split(","):
        part = part.strip()
        if "-" in part:
            a, b = part.split("-")
            out += range(int(a), int(b) + 1)
        elif part:
            out.append(int(part))
    return out


def _scan(pdf_bytes: bytes, work: Path, seed: int, dpi: int) -> bytes:
    """Image-only PDF: pages rasterized, tilted a little, speckled, saved as grey JPEG."""
    rng = random.Random(seed)
    src = work / f"scan{seed}.pdf"
    src.write_bytes(pdf_bytes)
    prefix = work / f"scan{seed}"
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", "-png", str(src), str(prefix)],
        check=True,
        timeout=300,
    )
    images = []
    for path in sorted(work.glob(f"scan{seed}-*.png")):
        with Image.open(path) as im:
            img = im.convert("L")
        img = img.rotate(rng.uniform(-1.2, 1.2), resample=Image.Resampling.BILINEAR, fillcolor=255)
        noise = Image.frombytes("L", img.size, rng.randbytes(img.size[0] * img.size[1]))
        img = Image.blend(img, noise, rng.uniform(0.02, 0.05))
        img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.2, 0.5)))
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=45 if dpi >= 300 else 55)
        images.append(Image.open(io.BytesIO(buf.getvalue())))
        path.unlink()
    return images_pdf(images, dpi)


def _render_batch(seeds: list[int], out: Path) -> list[dict[str, Any]]:
    """Render one batch of seeds into `out`; returns their gold objects."""
    built = [make(s) for s in seeds]
    with tempfile.TemporaryDirectory(prefix="randomized_") as tmp:
        work = Path(tmp)
        office: list[Path] = []
        data: dict[str, bytes] = {}
        for b in built:
            if b.producer == "docx_libreoffice":
                path = work / f"{b.stem}.docx"
                render_office.to_docx(b.doc, path)
                office.append(path)
            elif b.producer == "xlsx_libreoffice":
                path = work / f"{b.stem}.xlsx"
                render_office.to_xlsx(b.doc, path)
                office.append(path)
            else:
                data[b.stem] = render_pdf.render(b.doc)
        render_office.convert(office, work, work / "lo-profile")
        for path in office:
            data[path.stem] = path.with_suffix(".pdf").read_bytes()
        golds = []
        for b in built:
            pdf = data[b.stem]
            if b.post == "pua":
                lose_am = random.Random(b.gold["seed"]).random() < 0.3
                pdf = textlayer.degrade(pdf, pua=True, lose_am=lose_am)
                if lose_am:
                    b.gold["defects"] = sorted({*b.gold["defects"], "lost_sara_am"})
            elif b.post == "scan":
                pdf = _scan(pdf, work, b.gold["seed"], int(b.gold["axes"]["scan_dpi"]))
            (out / f"{b.stem}.pdf").write_bytes(pdf)
            text = json.dumps(b.gold, ensure_ascii=False, indent=1) + "\n"
            (out / f"{b.stem}.gold.json").write_text(text, encoding="utf-8")
            golds.append(b.gold)
    return golds


def build(seeds: Iterable[int], out: Path, jobs: int = 1, batch: int = 6) -> list[dict[str, Any]]:
    """Write every seed's PDF and gold into `out` with `jobs` worker processes."""
    out.mkdir(parents=True, exist_ok=True)
    seeds = list(seeds)
    batches = [seeds[i : i + batch] for i in range(0, len(seeds), batch)]
    golds: list[dict[str, Any]] = []
    if jobs <= 1:
        for chunk in batches:
            golds += _render_batch(chunk, out)
        return golds
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for result in pool.map(_render_batch, batches, [out] * len(batches)):
            golds += result
    return golds


def select(
    golds: list[dict[str, Any]], sizes: dict[str, int], count: int, max_bytes: int
) -> list[dict[str, Any]]:
    """A subset that holds every (axis, value) the set holds, then fills up kind by kind.

    Greedy: take the document that adds the most uncovered axis values (smaller files first on
    ties), until all are covered; then add the smallest documents of the rarest kinds.
    """
    left = sorted(golds, key=lambda g: (sizes[g["file"]], g["seed"]))
    want = {(a, v) for g in golds for a, v in g["axes"].items()}
    chosen: list[dict[str, Any]] = []
    total = 0
    while want and left:
        best = max(left, key=lambda g: (len(want & set(g["axes"].items())), -sizes[g["file"]]))
        gain = want & set(best["axes"].items())
        if not gain:
            break
        if total + sizes[best["file"]] > max_bytes:
            left.remove(best)
            continue
        chosen.append(best)
        left.remove(best)
        total += sizes[best["file"]]
        want -= gain
    shares = {k: w / sum(KIND_WEIGHTS.values()) for k, w in KIND_WEIGHTS.items()}
    producers = Counter(g["axes"]["producer"] for g in golds)
    while len(chosen) < count and left:
        have = {k: sum(g["doc_type"] == k for g in chosen) for k in shares}
        kind = min(shares, key=lambda k: have[k] / (shares[k] * count))
        pool = [g for g in left if g["doc_type"] == kind] or left
        # then the producer furthest below its share of the whole set (scans are big files)
        made = Counter(g["axes"]["producer"] for g in chosen)
        offered = {g["axes"]["producer"] for g in pool}
        producer = min(offered, key=lambda p: made[p] / producers[p])
        g = next(g for g in pool if g["axes"]["producer"] == producer)
        left.remove(g)
        if total + sizes[g["file"]] > max_bytes:
            continue
        chosen.append(g)
        total += sizes[g["file"]]
    return sorted(chosen, key=lambda g: g["seed"])


def copy_sample(src: Path, dst: Path, count: int, max_mb: float) -> list[dict[str, Any]]:
    """Copy a stratified subset of a built set from `src` to `dst` (its README lists the seeds)."""
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(src.glob("*.gold.json"))]
    sizes = {g["file"]: (src / g["file"]).stat().st_size for g in golds}
    chosen = select(golds, sizes, count, int(max_mb * 1024 * 1024))
    dst.mkdir(parents=True, exist_ok=True)
    for old in list(dst.glob("*.pdf")) + list(dst.glob("*.gold.json")):
        old.unlink()
    for g in chosen:
        shutil.copy2(src / g["file"], dst / g["file"])
        name = g["file"].replace(".pdf", ".gold.json")
        shutil.copy2(src / name, dst / name)
    return chosen


def cpu_count() -> int:
    return max(1, len(os.sched_getaffinity(0)))
