"""Image-only scans: pages rasterized with pdftoppm, tilted and speckled, saved as JPEG pages."""

from __future__ import annotations

import io
import random
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageFilter


def _degrade(img: Image.Image, rng: random.Random) -> Image.Image:
    angle = rng.uniform(-0.7, 0.7)
    img = img.rotate(angle, resample=Image.Resampling.BILINEAR, expand=False, fillcolor=255)
    # seeded noise (Image.effect_noise is not reproducible)
    noise = Image.frombytes("L", img.size, rng.randbytes(img.size[0] * img.size[1]))
    img = Image.blend(img, noise, 0.05)
    return img.filter(ImageFilter.GaussianBlur(0.3))


def rasterize(pdf_bytes: bytes, stem: Path, *, seed: int, dpi: int = 200) -> bytes:
    """The PDF re-made from grey page images (JPEG quality 70): no text layer at all."""
    rng = random.Random(seed)
    stem.parent.mkdir(parents=True, exist_ok=True)
    src = stem.with_suffix(".src.pdf")
    src.write_bytes(pdf_bytes)
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", "-png", str(src), str(stem)], check=True, timeout=120
    )
    pages = sorted(stem.parent.glob(f"{stem.name}-*.png"))
    images = []
    for path in pages:
        with Image.open(path) as im:
            img = _degrade(im.convert("L"), rng)
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=70)
        images.append(Image.open(io.BytesIO(buf.getvalue())))
    return images_pdf(images, dpi)


def images_pdf(images: Sequence[Image.Image], dpi: int) -> bytes:
    """An image-only PDF of the page images, with a fixed date so a rebuild gives equal bytes."""
    out = io.BytesIO()
    fixed = time.gmtime(1704067200)  # 2024-01-01; Pillow would stamp the current time
    images[0].save(
        out,
        "PDF",
        save_all=True,
        append_images=list(images[1:]),
        resolution=dpi,
        creationDate=fixed,
        modDate=fixed,
    )
    return out.getvalue()
