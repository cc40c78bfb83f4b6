"""Per-page Thai text from PDF bytes: pdfplumber pages with Thai marks put back on their letters.

pdfplumber orders a line's chars by x. Word's zero-width Thai marks are drawn at the right edge of
their letter, often a hair right of where the next letter starts, so they sort after the next
letter and the gap after them reads as a space: "ข้อมูล" comes out "ขอ้ มลู". In the content
stream each mark follows its letter, so `fixed_page` glues every mark to the char before it in
stream order; `page.extract_text()` and `page.extract_tables()` on the fixed page then see whole
letter clusters.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

import pdfplumber
import pypdfium2 as pdfium
from pdfplumber.page import FilteredPage
from pdfplumber.page import Page as PlumberPage
from pdfplumber.pdf import PDF

from prongsai.extract.ocr import ocr_pages
from prongsai.extract.records import Page
from prongsai.extract.thai import (
    MARKS,
    NIKHAHIT,
    SARA_AA,
    SARA_AM,
    dictionary_share,
    fix_marks,
    is_thai_token,
    map_pua,
    repair_text,
    tokenize,
)

Reason = Literal["not_pdf", "encrypted", "malformed", "no_pages", "too_many_pages"]

# A page with fewer printable chars than this has no usable text layer (a scan with a page
# number, or a blank page).
MIN_TEXT_CHARS = 30
# Plans and ITA reports run to tens of pages; thousands means a hostile or wrong file.
MAX_PAGES = 1000
# A repaired text layer whose dictionary share stays under this (with enough Thai tokens to
# judge) is garbage (a broken font encoding); OCR reads such pages better.
MIN_SHARE = 0.6
MIN_TOKENS_TO_JUDGE = 20
# Under this share the layout order may be interleaving text boxes: try stream order too.
GOOD_SHARE = 0.97


class PdfError(ValueError):
    """PDF bytes that cannot be read; `reason` says why."""

    def __init__(self, reason: Reason, message: str) -> None:
        super().__init__(f"{reason}: {message}")
        self.reason: Reason = reason


def open_pdf(data: bytes, *, max_pages: int = MAX_PAGES) -> PDF:
    """A pdfplumber PDF for `data`, or PdfError with reason not_pdf, encrypted, malformed,
    no_pages or too_many_pages. The caller closes it."""
    if b"%PDF-" not in data[:1024]:
        raise PdfError("not_pdf", "no %PDF- header")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = pdf.pages
    except Exception as exc:
        if b"/Encrypt" in data:
            raise PdfError("encrypted", "the PDF needs a password") from exc
        raise PdfError("malformed", f"{type(exc).__name__}: {exc}") from exc
    if not pages:
        pdf.close()
        raise PdfError("no_pages", "the PDF has no pages")
    if len(pages) > max_pages:
        pdf.close()
        raise PdfError("too_many_pages", f"{len(pages)} pages, more than {max_pages}")
    return pdf


_CID = re.compile(r"\(cid:\d+\)")
_ZERO = 0.5  # points: a char this narrow is a mark drawn over its letter


def _is_mark(text: str) -> bool:
    return bool(text) and all(ch in MARKS for ch in text)


def _same_cluster(base: dict[str, Any], mark: dict[str, Any]) -> bool:
    """The mark sits on `base`: same line, and within about a letter of it."""
    size = float(base.get("size") or 12.0)
    if abs(float(base["top"]) - float(mark["top"])) > size * 0.6:
        return False
    return float(base["x0"]) - size <= float(mark["x0"]) <= float(base["x1"]) + size


def _fixed_chars(chars: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    listed = list(chars)
    for i, char in enumerate(listed):
        text = map_pua(unicodedata.normalize("NFC", str(char.get("text") or "")))
        if _CID.fullmatch(text):
            # A glyph with no Unicode mapping (fpdf2's shaped sara am draws its aa this way): it
            # carries no text, but its width belongs to the letter before, lest a space appear.
            if out and float(char["x1"]) > float(out[-1]["x1"]):
                out[-1] = {
                    **out[-1],
                    "x1": char["x1"],
                    "width": float(char["x1"]) - float(out[-1]["x0"]),
                }
            continue
        width = float(char["x1"]) - float(char["x0"])
        nxt = str(listed[i + 1].get("text") or "") if i + 1 < len(listed) else ""
        if not text.strip() and width < _ZERO and nxt.startswith(SARA_AA):
            text = NIKHAHIT  # Word drew the nikhahit with a glyph mapped to a space
        prev = out[-1] if out else None
        prev_text = str(prev["text"]) if prev else ""
        attach = prev is not None and _same_cluster(prev, char)
        if attach and prev is not None and _is_mark(text):
            out[-1] = {**prev, "text": fix_marks(prev_text + text)}
            continue
        if (
            attach
            and prev is not None
            and text.startswith(SARA_AA)
            and prev_text.endswith((NIKHAHIT, SARA_AM))
        ):
            # The nikhahit and sara aa drawn apart ("ํา"), or LibreOffice's "ำา": one sara am.
            out[-1] = {
                **prev,
                "text": fix_marks(prev_text + text),
                "x1": char["x1"],
                "width": float(char["x1"]) - float(prev["x0"]),
            }
            continue
        out.append({**char, "text": fix_marks(text)} if text != char.get("text") else char)
    return out


def fixed_page(page: PlumberPage) -> PlumberPage:
    """`page` with every Thai mark joined to its letter (content-stream order) and PUA glyphs
    mapped, for extract_text() and extract_tables(); other objects unchanged.

    A page whose chars read "ส", " " (zero width), "า", "น" ... extracts "สำนักงาน".
    """
    fixed = FilteredPage(page, lambda _obj: True)
    objects = dict(page.objects)
    objects["char"] = _fixed_chars(page.chars)
    fixed._objects = objects
    return fixed


_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r" *\n[ \n]*")


def clean_cell(text: str | None) -> str:
    """A table cell's text repaired, runs of spaces collapsed, line breaks kept as "\\n".

    >>> clean_cell(" ๑. โครงการส่งเสริม  \\n ๒. ส านักงาน ")
    '๑. โครงการส่งเสริม\\n๒. สำนักงาน'
    """
    if not text:
        return ""
    text = _SPACES.sub(" ", repair_text(text))
    return _BLANK_LINES.sub("\n", text).strip()


def _thai_tokens(text: str) -> int:
    return sum(is_thai_token(t) for t in tokenize(text))


@dataclass
class _Layer:
    raw: str
    text: str
    share: float
    sparse: bool  # too few chars to be the page's content
    garbage: bool  # plenty of Thai, little of it words

    @property
    def usable(self) -> bool:
        return not (self.sparse or self.garbage)


def _text_layer(page: PlumberPage, fixed: PlumberPage) -> _Layer:
    raw = page.extract_text() or ""
    text = repair_text(fixed.extract_text() or "")
    share = dictionary_share(text)
    if share < GOOD_SHARE:
        # Slides put text boxes side by side and rotate some; their lines interleave by x.
        # In stream order each box stays whole.
        flow = repair_text(fixed.extract_text(use_text_flow=True) or "")
        flow_share = dictionary_share(flow)
        if flow_share > share:
            text, share = flow, flow_share
    printable = sum(1 for c in page.chars if str(c.get("text") or "").strip())
    garbage = share < MIN_SHARE and _thai_tokens(text) >= MIN_TOKENS_TO_JUDGE
    return _Layer(raw, text, share, printable < MIN_TEXT_CHARS, garbage)


def _pdfium_char_counts(data: bytes) -> list[int]:
    """Chars per page by pdfium: cheap, and lets empty pages skip pdfplumber's layout pass."""
    doc = pdfium.PdfDocument(data)
    try:
        counts = []
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            counts.append(textpage.count_chars())
            textpage.close()
            page.close()
        return counts
    finally:
        doc.close()


def read_pages(
    data: bytes,
    *,
    ocr: bool = True,
    ocr_dpi: int = 300,
    ocr_workers: int | None = None,
    on_text_page: Callable[[int, PlumberPage], None] | None = None,
) -> list[Page]:
    """Every page's repaired text, by its text layer or, where that is missing or garbage, OCR.

    Page.method records the choice: "text", "ocr", or "empty" (nothing readable).
    `on_text_page(number, fixed_page)` sees each page with a text layer while it is parsed, so
    tables come from the same layout pass instead of a second one.
    """
    pdf = open_pdf(data)
    try:
        try:
            counts = _pdfium_char_counts(data)
        except Exception:  # pdfium refuses some files pdfminer reads: look at every page
            counts = [MIN_TEXT_CHARS] * len(pdf.pages)
        layers: dict[int, _Layer] = {}
        for number, page in enumerate(pdf.pages, start=1):
            if counts[number - 1] >= MIN_TEXT_CHARS if number <= len(counts) else True:
                try:
                    fixed = fixed_page(page)
                    layers[number] = _text_layer(page, fixed)
                    if on_text_page is not None:
                        on_text_page(number, fixed)
                except MemoryError:
                    raise
                except Exception:
                    # A damaged content stream (an unknown filter, a bad operator) costs its
                    # page's text layer, not the document: the page goes to OCR or stays empty.
                    layers.pop(number, None)
            page.close()
        page_count = len(pdf.pages)
    finally:
        pdf.close()
    need_ocr = [n for n in range(1, page_count + 1) if n not in layers or not layers[n].usable]
    ocred = ocr_pages(data, need_ocr, dpi=ocr_dpi, workers=ocr_workers) if ocr and need_ocr else {}
    pages: list[Page] = []
    for number in range(1, page_count + 1):
        layer = layers.get(number)
        ocr_text = ocred.get(number, "")
        if layer and layer.usable:
            pages.append(Page(number, "text", layer.text, layer.raw, layer.share))
            continue
        ocr_share = dictionary_share(ocr_text) if ocr_text.strip() else None
        if ocr_share is not None and (layer is None or layer.sparse or ocr_share > layer.share):
            raw = layer.raw if layer else ""
            pages.append(Page(number, "ocr", ocr_text, raw, ocr_share))
        elif layer and layer.text.strip():
            pages.append(Page(number, "text", layer.text, layer.raw, layer.share))
        else:
            pages.append(Page(number, "empty", "", layer.raw if layer else "", None))
    return pages
