"""OCR of scanned pages: pypdfium2 renders, tesseract `tha+eng` reads, `repair_text` cleans up.

Tesseract is driven through its C++ API (tesserocr), one engine per thread kept for the life of
the process: a `tesseract` command per image spends ~0.2 s loading tha+eng each time, which a
table read column by column pays six times a page. The engine is single-threaded, so pages
run in parallel threads (tesserocr releases the GIL while tesseract works). A page that fails
or passes its time limit reads as "". Models are Debian's (tesseract-ocr-tha).
Tesseract misreads some Thai digits (๘ as ๕, ๖ as ๒); numbers from OCR need checking by totals.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import tesserocr
from PIL import Image

from prongsai.extract.thai import (
    dictionary_words,
    is_thai_token,
    repair_text,
    restore_ocr_marks,
    tokenize,
)

# --psm 4 (one column of lines of varying size) keeps table rows on one line each, which the
# table parsers need, and on the corpus scans at 300 dpi read the score table where --psm 6
# merged rows; --psm 3 reorders columns into separate blocks.
DEFAULT_PSM = 4
# The resolution tesseract is told: 70 is what the `tesseract` command assumes for an image
# that states none (it then estimates the real one from the letters' height); the parsers were
# tuned on that reading, and stating the true 300 dpi lost two rows of the scanned ITA table.
STATED_DPI = 70
# Where Debian and others keep the trained models.
TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
)


def tessdata_dir(lang: str = "tha+eng") -> str | None:
    """The first known folder holding every model `lang` names, or None."""
    for folder in TESSDATA_DIRS:
        if all((Path(folder) / f"{code}.traineddata").is_file() for code in lang.split("+")):
            return folder
    return None


_idle: dict[tuple[str, int], list[Any]] = {}
_idle_lock = threading.Lock()


@contextlib.contextmanager
def _engine(lang: str, psm: int) -> Iterator[Any | None]:
    """An engine for `lang` and `psm` for this thread's use (None when tesseract or its models
    are missing); engines outlive the threads that use them, so models load once a process."""
    with _idle_lock:
        free = _idle.setdefault((lang, psm), [])
        engine = free.pop() if free else None
    if engine is None:
        folder = tessdata_dir(lang)
        if folder is None:
            yield None
            return
        engine = tesserocr.PyTessBaseAPI(path=folder + "/", lang=lang, psm=psm)
    try:
        yield engine
    finally:
        engine.Clear()
        with _idle_lock:
            _idle[lang, psm].append(engine)


def render_pages(
    data: bytes, pages: Sequence[int], *, dpi: int = 200
) -> Iterator[tuple[int, Image.Image]]:
    """(1-based page number, grey image) for each page asked for, rendered at `dpi`."""
    doc = pdfium.PdfDocument(data)
    try:
        for number in pages:
            if not 1 <= number <= len(doc):
                continue
            page = doc[number - 1]
            bitmap = page.render(scale=dpi / 72)
            yield number, bitmap.to_pil().convert("L")
            bitmap.close()
            page.close()
    finally:
        doc.close()


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
    for row in tsv.splitlines():
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


@dataclass(frozen=True)
class Reading:
    """One image read by tesseract: its text (unrepaired) and its word boxes."""

    text: str
    words: list[Word]


def read_image(
    image: Image.Image,
    *,
    lang: str = "tha+eng",
    psm: int = DEFAULT_PSM,
    timeout: float = 180.0,
) -> Reading:
    """Text and word boxes of one image from one recognition; empty when tesseract is
    missing, fails, or passes `timeout` seconds."""
    with _engine(lang, psm) as engine:
        if engine is None:
            return Reading("", [])
        try:
            engine.SetImage(image)
            engine.SetSourceResolution(STATED_DPI)
            if not engine.Recognize(timeout=int(timeout * 1000)):
                return Reading("", [])
            return Reading(engine.GetUTF8Text(), parse_tsv(engine.GetTSVText(0)))
        except RuntimeError:
            return Reading("", [])


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
        images: Iterator[tuple[int, Image.Image]] = render_pages(source, pages, dpi=dpi)
    else:
        wanted = set(pages) if pages is not None else set(source)
        images = ((n, img.convert("L")) for n, img in sorted(source.items()) if n in wanted)
    workers = workers or os.cpu_count() or 1
    results: dict[int, str] = {}
    # Rendering stays on this thread (pdfium is not thread-safe); at most twice `workers`
    # images wait in memory.
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending: list[tuple[int, Future[Reading]]] = []
        for number, image in images:
            running = [job for _, job in pending if not job.done()]
            if len(running) >= workers * 2:
                wait(running, return_when=FIRST_COMPLETED)
            job = pool.submit(read_image, image, lang=lang, psm=psm, timeout=timeout)
            pending.append((number, job))
        for number, job in pending:
            text = job.result().text
            results[number] = (
                drop_noise_lines(restore_ocr_marks(repair_text(text))) if repair else text
            )
    return results


_NUMBER = re.compile("[0-9\u0e50-\u0e59]{2}")
_LATIN_WORD = re.compile("[A-Za-z]{3}")


def drop_noise_lines(text: str) -> str:
    """OCR text without the lines tesseract reads from pictures, logos and the ornaments of
    slides: a line with no Thai dictionary word of two letters or more, no Latin word of three
    and no number of two digits ("a ed 4 _ 4 4 อ -", "๕ จ") says nothing. Lines of words or
    amounts are kept, and so are blank lines.

    >>> drop_noise_lines("นโยบาย ปี 2564\\na ed 4 _ 4 4 อ -\\n\\n1,250,000\\n๕ จ\\nCOVID-19")
    'นโยบาย ปี 2564\\n\\n1,250,000\\nCOVID-19'
    """
    words = dictionary_words()
    kept = []
    for line in text.split("\n"):
        if (
            not line.strip()
            or _NUMBER.search(line)
            or _LATIN_WORD.search(line)
            or any(len(t) >= 2 and is_thai_token(t) and t in words for t in tokenize(line))
        ):
            kept.append(line)
    return "\n".join(kept)
