"""OCR of scanned pages: pypdfium2 renders, tesseract `tha+eng` reads, `repair_text` cleans up.

Tesseract runs as one single-threaded process per page (OMP_THREAD_LIMIT=1 in an environment
passed explicitly), several at a time: on small machines, parallel processes beat tesseract's
own threads. Each process has a timeout; a page that times out or fails reads as "".
Tesseract misreads some Thai digits (๘ as ๕, ๖ as ๒); numbers from OCR need checking by totals.
"""

from __future__ import annotations

import io
import os
import subprocess
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass

import pypdfium2 as pdfium
from PIL import Image

from prongsai.extract.thai import repair_text, restore_ocr_marks

# The whole environment tesseract sees: one thread, and where to find the binary.
TESSERACT_ENV: Mapping[str, str] = {
    "OMP_THREAD_LIMIT": "1",
    "PATH": "/usr/local/bin:/usr/bin:/bin",
    "LC_ALL": "C.UTF-8",
}
# --psm 4 (one column of lines of varying size) keeps table rows on one line each, which the
# table parsers need, and on the corpus scans at 300 dpi read the score table where --psm 6
# merged rows; --psm 3 reorders columns into separate blocks.
DEFAULT_PSM = 4


def _png(image: Image.Image) -> bytes:
    """The image as tesseract reads it fastest: uncompressed grey PNM (PNG costs ~1 s a page
    to encode at 300 dpi, for nothing, since it only crosses a pipe)."""
    buf = io.BytesIO()
    image.convert("L").save(buf, format="PPM")
    return buf.getvalue()


def render_pages(
    data: bytes, pages: Sequence[int], *, dpi: int = 200
) -> Iterator[tuple[int, bytes]]:
    """(1-based page number, PNG bytes) for each page asked for, rendered at `dpi`."""
    doc = pdfium.PdfDocument(data)
    try:
        for number in pages:
            if not 1 <= number <= len(doc):
                continue
            page = doc[number - 1]
            bitmap = page.render(scale=dpi / 72)
            yield number, _png(bitmap.to_pil())
            bitmap.close()
            page.close()
    finally:
        doc.close()


def ocr_png(
    png: bytes,
    *,
    lang: str = "tha+eng",
    psm: int = DEFAULT_PSM,
    timeout: float = 180.0,
    tesseract: str = "tesseract",
) -> str:
    """Tesseract's text for one PNG image, unrepaired; "" when tesseract fails or times out."""
    return _tesseract(png, [tesseract, "stdin", "stdout", "-l", lang, "--psm", str(psm)], timeout)


def _tesseract(png: bytes, cmd: list[str], timeout: float) -> str:
    """Tesseract's stdout for `png`; "" when it fails or times out (a page lost, not the run)."""
    try:
        done = subprocess.run(
            cmd,
            input=png,
            capture_output=True,
            timeout=timeout,
            env=dict(TESSERACT_ENV),
            check=False,
        )
    except (subprocess.TimeoutExpired, OSError):
        return ""
    if done.returncode != 0:
        return ""
    return done.stdout.decode("utf-8", errors="replace")


@dataclass(frozen=True)
class Word:
    """One word box of tesseract's TSV, in pixels of the image read; Thai words are often
    single letter clusters ("แก", "ร"), since Thai writes no spaces between words."""

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float
    block: int
    par: int
    line: int

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height


def parse_tsv(tsv: str) -> list[Word]:
    """The words (level 5 rows with text) of tesseract's TSV output, unrepaired.

    >>> row = ["5", "1", "3", "1", "2", "1", "190", "1043", "21", "31", "93.3", "ก"]
    >>> parse_tsv("level ... text\\n" + chr(9).join(row))
    [Word(text='ก', left=190, top=1043, width=21, height=31, conf=93.3, block=3, par=1, line=2)]
    """
    words: list[Word] = []
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        try:
            block, par, line = int(cells[2]), int(cells[3]), int(cells[4])
            left, top, width, height = (int(c) for c in cells[6:10])
        except ValueError:
            continue
        try:
            conf = float(cells[10])
        except ValueError:
            conf = -1.0
        words.append(Word(cells[11], left, top, width, height, conf, block, par, line))
    return words


def ocr_png_words(
    png: bytes,
    *,
    lang: str = "tha+eng",
    psm: int = DEFAULT_PSM,
    timeout: float = 180.0,
    tesseract: str = "tesseract",
) -> list[Word]:
    """Tesseract's word boxes for one PNG image; [] when tesseract fails or times out."""
    cmd = [tesseract, "stdin", "stdout", "-l", lang, "--psm", str(psm), "tsv"]
    return parse_tsv(_tesseract(png, cmd, timeout))


def ocr_words(
    data: bytes,
    pages: Sequence[int],
    *,
    dpi: int = 300,
    lang: str = "tha+eng",
    psm: int = DEFAULT_PSM,
    timeout: float = 180.0,
) -> dict[int, list[Word]]:
    """Word boxes of each page asked for, keyed by 1-based page number (pixels at `dpi`)."""
    return {
        number: ocr_png_words(png, lang=lang, psm=psm, timeout=timeout)
        for number, png in render_pages(data, pages, dpi=dpi)
    }


def ocr_pages(
    source: bytes | Mapping[int, Image.Image],
    pages: Sequence[int] | None = None,
    *,
    dpi: int = 300,
    lang: str = "tha+eng",
    psm: int = DEFAULT_PSM,
    timeout: float = 180.0,
    workers: int | None = None,
    repair: bool = True,
) -> dict[int, str]:
    """Text of each page by OCR, keyed by 1-based page number.

    `source` is PDF bytes (with `pages` to read, all pages if None) or images keyed by page
    number. Text goes through `repair_text` unless `repair` is False; digits are left as read.
    """
    if isinstance(source, bytes):
        if pages is None:
            doc = pdfium.PdfDocument(source)
            pages = range(1, len(doc) + 1)
            doc.close()
        images: Iterator[tuple[int, bytes]] = render_pages(source, pages, dpi=dpi)
    else:
        wanted = set(pages) if pages is not None else set(source)
        images = ((n, _png(img)) for n, img in sorted(source.items()) if n in wanted)
    workers = workers or os.cpu_count() or 1
    results: dict[int, str] = {}
    # Threads only wait on tesseract processes; rendering stays on this thread (pdfium is not
    # thread-safe), and at most `workers` PNGs wait in memory.
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending: list[tuple[int, Future[str]]] = []
        for number, png in images:
            running = [job for _, job in pending if not job.done()]
            if len(running) >= workers * 2:
                wait(running, return_when=FIRST_COMPLETED)
            pending.append((number, pool.submit(ocr_png, png, lang=lang, psm=psm, timeout=timeout)))
        for number, job in pending:
            text = job.result()
            results[number] = restore_ocr_marks(repair_text(text)) if repair else text
    return results
