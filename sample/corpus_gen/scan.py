"""Image-only 'scans': rasterise a rendered PDF, tilt and soil each page, rebuild a PDF of JPEGs."""

from __future__ import annotations

import random
import subprocess
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image

DPI = 200


def scan_pdf(source: Path, out: Path, seed: int) -> None:
    rng = random.Random(seed)
    noise_rng = np.random.default_rng(seed)
    with tempfile.TemporaryDirectory(prefix="prongsai-scan-") as tmp:
        subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", str(source),
                        f"{tmp}/p"], check=True, capture_output=True, timeout=120)
        pages: list[Image.Image] = []
        for png in sorted(Path(tmp).glob("p-*.png")):
            img = Image.open(png).convert("L")
            img = img.rotate(rng.uniform(-0.9, 0.9), resample=Image.Resampling.BICUBIC,
                             fillcolor=255)
            arr = np.asarray(img, dtype=np.float32) * 0.9 + 14  # grey paper, lighter ink
            arr += noise_rng.normal(0, 7, arr.shape)
            pages.append(Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "L"))
        pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=DPI,
                      quality=45)
