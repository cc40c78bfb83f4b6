"""Per-page Thai text from PDF bytes: pdfplumber pages with Thai marks put back on their letters.

pdfplumber orders a line's chars by x. Word's zero-width Thai marks are drawn at the right edge of
their letter, often a hair right of where the next letter starts, so they sort after the next
letter and the gap after them reads as a space: "ข้อมูล" comes out "ขอ้ มลู". In the content
stream each mark follows its letter, so `fixed_page` glues every mark to the char before it in
stream order; `page.extract_text()` and `page.extract_tables()` on the fixed page then see whole
letter clusters.
"""

from __future__ import annotations

import contextlib
import io
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.encodingdb import name2unicode
from pdfminer.pdffont import PDFSimpleFont
from pdfminer.pdftypes import PDFObjRef, dict_value, list_value, resolve1
from pdfminer.psparser import PSLiteral
from pdfplumber.page import FilteredPage
from pdfplumber.page import Page as PlumberPage
from pdfplumber.pdf import PDF
from rapidfuzz.distance import Levenshtein

from prongsai.extract.ocr import ocr_pages
from prongsai.extract.records import Page
from prongsai.extract.thai import (
    ABOVE_BELOW_VOWELS,
    CONSONANTS,
    MARKS,
    NIKHAHIT,
    SARA_AA,
    SARA_AM,
    dictionary_cost,
    dictionary_share,
    fix_marks,
    is_thai_token,
    junk_share,
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
# judge) is garbage (a font whose ToUnicode maps letters to the wrong marks: "กิาร" for การ);
# the page is OCR'd and the better reading kept. Good text layers of the corpus and of real
# offices' PDFs read 0.95 and more; the broken ones 0.7 to 0.85.
MIN_SHARE = 0.9
MIN_TOKENS_TO_JUDGE = 20
# A text layer whose letters are this much junk (Greek, Latin-1, symbols, "(cid:N)": see
# thai.junk_share) decodes through a broken font encoding: report generators, old
# Ghostscript, scanners' OCR layers. Real pages of Thai and English text read under 0.02.
MAX_JUNK = 0.2
MIN_LETTERS_TO_JUDGE = 30
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


# --- fonts whose glyph names pdfminer cannot read ------------------------------------------

_NAME_TAIL = re.compile(r"[^A-Za-z0-9_.]+$")
_AFII_THAI = re.compile(r"afii(59[67]\d\d)")
_PUA_NAME = re.compile(r"(?:uni)?(F7[01][0-9A-F])", re.IGNORECASE)


def glyph_char(name: str) -> str | None:
    """The text a glyph name stands for, including the names pdfminer's list lacks: the old
    Adobe names of Thai letters (afii59681 is ก, U+0E01) and PUA mark names ("f70e"), and
    names with a stray tail (Ghostscript 8.71 writes "/afii59725;").

    >>> glyph_char("afii59725;"), glyph_char("afii59728"), glyph_char("f70e;"), glyph_char("space")
    ('อ', 'ั', '\uf70e', ' ')
    """
    name = _NAME_TAIL.sub("", name).split(".")[0]
    if m := _AFII_THAI.fullmatch(name):
        # In order from afii59681 (ก), except mai han-akat (afii59728) and sara a (afii59729).
        code = {59728: 0x0E31, 59729: 0x0E30}.get(int(m.group(1)), 0x0E00 + int(m.group(1)) - 59680)
        return chr(code) if 0x0E01 <= code <= 0x0E5B else None
    if m := _PUA_NAME.fullmatch(name):
        return chr(int(m.group(1), 16))
    try:
        return name2unicode(name)
    except (KeyError, ValueError):
        return None


def _repair_fonts(page: PlumberPage, checked: set[object]) -> None:
    """Give the page's simple fonts the text of the glyph names pdfminer could not read, for
    the codes their ToUnicode leaves out (pdfminer then falls back to WinAnsi letters or
    "(cid:N)": Ghostscript 8.71's Thai decodes to "#$ก% &'(ก"). Fonts are cached per PDF, so
    each is fixed once."""
    resources = dict_value(page.page_obj.resources)
    for ref in dict_value(resources.get("Font")).values():
        if not isinstance(ref, PDFObjRef) or ref.objid in checked:
            continue
        checked.add(ref.objid)
        spec = dict_value(ref)
        encoding = resolve1(spec.get("Encoding"))
        if not isinstance(encoding, dict):
            continue
        font = page.pdf.rsrcmgr.get_font(ref.objid, spec)
        if not isinstance(font, PDFSimpleFont):
            continue
        code = 0
        for item in list_value(encoding.get("Differences", [])):
            if isinstance(item, int):
                code = item
                continue
            if isinstance(item, PSLiteral):
                name = str(item.name)
                try:
                    name2unicode(name)
                except (KeyError, ValueError):
                    if (char := glyph_char(name)) is not None:
                        font.cid2unicode[code] = char
                code += 1


# --- glyphs with no text: guess the mark from the dictionary --------------------------------

_UNMAPPED = re.compile(r"\(cid:\d+\)|\ufffd")
# LibreOffice's ToUnicode gives the shifted mai ek glyph an apostrophe: "ต", "ำ", "'", "า".
_MARKLIKE = frozenset("'`^\"")


def _unmapped(char: dict[str, Any]) -> bool:
    text = str(char.get("text") or "")
    if text in _MARKLIKE:
        return float(char["x1"]) - float(char["x0"]) < _ZERO
    return _UNMAPPED.fullmatch(text) is not None


# A glyph with no Unicode inside Thai words is nearly always a positional variant of a mark
# (a tone shifted left or lowered, a low sara u) that the font reaches by substitution and its
# ToUnicode forgot: MS Reporting Services' "ประจ(cid:1004)าปี", Acrobat's "ท(cid:201)ี".
_GUESSES = (
    "",
    *"\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47\u0e4d",
)
_CONTEXTS = 12  # occurrences looked at per glyph
_TAKES_MARK = frozenset(CONSONANTS + ABOVE_BELOW_VOWELS + SARA_AM)
_TO_LEARN = 3  # occurrences that make a guess hold for the rest of the document
_CONTEXT_CHARS = 12


def _context(
    listed: list[dict[str, Any]], i: int, step: int, guesses: dict[tuple[str, str], str]
) -> str:
    """The text next to char i (before it for step -1, after it for +1) up to a space, with
    the other unmapped glyphs as currently guessed."""
    out: list[str] = []
    j = i + step
    while 0 <= j < len(listed) and len(out) < _CONTEXT_CHARS:
        text = str(listed[j].get("text") or "")
        if not text.strip():
            break
        if _unmapped(listed[j]):
            text = guesses.get((str(listed[j].get("fontname") or ""), text), "")
        out.append(text)
        j += step
    return "".join(out if step > 0 else reversed(out))


def _guess_unmapped(
    listed: list[dict[str, Any]], learned: dict[tuple[str, str], str]
) -> dict[tuple[str, str], str]:
    """The mark each unmapped glyph of a font draws (or "" for none), where putting it in
    makes the words around it more word-like (`thai.dictionary_cost`); guesses made on enough
    occurrences are added to `learned`, which is consulted first."""
    where: dict[tuple[str, str], list[int]] = {}
    for i, char in enumerate(listed):
        if not _unmapped(char):
            continue
        key = (str(char.get("fontname") or ""), str(char.get("text") or ""))
        found = where.setdefault(key, [])
        before = str(listed[i - 1].get("text") or "") if i else ""
        # A mark has no width and follows a consonant or a vowel above or below it, or
        # LibreOffice's nikhahit glyph (mapped to sara am, its tone after it: "น", "ำ", tone,
        # "า"); fpdf2's glyph without text after sara am is its aa, with a width.
        narrow = float(char["x1"]) - float(char["x0"]) < _ZERO
        if narrow and key not in learned and len(found) < _CONTEXTS and before[-1:] in _TAKES_MARK:
            found.append(i)
    guesses = dict(learned)
    # Twice: the second time each glyph's words have the other glyphs' first guesses in them
    # ("ประจ(cid:1004)าตำแหน(cid:917)ง").
    for _ in range(2):
        for key, found in where.items():
            if key in learned or not found:
                continue
            contexts = [
                (_context(listed, i, -1, guesses), _context(listed, i, 1, guesses)) for i in found
            ]
            costs = []
            for mark in _GUESSES:
                words = [dictionary_cost(fix_marks(a + mark + b)) for a, b in contexts]
                costs.append((sum(w[0] for w in words), sum(w[1] for w in words)))
            best = min(range(len(_GUESSES)), key=costs.__getitem__)
            # Blank unless a mark helps: fpdf2 draws the aa of its shaped sara am with a glyph
            # of no text, where a mark changes nothing.
            guesses[key] = _GUESSES[best] if costs[best] < costs[0] else ""
    for key, found in where.items():
        if key not in learned and len(found) >= _TO_LEARN:
            learned[key] = guesses.get(key, "")
    return guesses


def _is_mark(text: str) -> bool:
    return bool(text) and all(ch in MARKS for ch in text)


def _same_cluster(base: dict[str, Any], mark: dict[str, Any]) -> bool:
    """The mark sits on `base`: same line, and within about a letter of it."""
    size = float(base.get("size") or 12.0)
    if abs(float(base["top"]) - float(mark["top"])) > size * 0.6:
        return False
    return float(base["x0"]) - size <= float(mark["x0"]) <= float(base["x1"]) + size


def _fixed_chars(
    chars: Iterable[dict[str, Any]], learned: dict[tuple[str, str], str] | None = None
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    listed = list(chars)
    guesses: dict[tuple[str, str], str] = {}
    if any(_unmapped(c) for c in listed):
        guesses = _guess_unmapped(listed, {} if learned is None else learned)
    for i, char in enumerate(listed):
        text = map_pua(unicodedata.normalize("NFC", str(char.get("text") or "")))
        if guesses and _unmapped(char):
            text = guesses.get((str(char.get("fontname") or ""), text), "") or text
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


def fixed_page(
    page: PlumberPage,
    learned: dict[tuple[str, str], str] | None = None,
    reference: str | None = None,
) -> PlumberPage:
    """`page` with every Thai mark joined to its letter (content-stream order), PUA glyphs
    mapped and glyphs without text guessed, for extract_text() and extract_tables(); other
    objects unchanged. `learned` carries the guesses from page to page of one document;
    `reference` is the page's text as pdfium reads it (see `_with_reference`).

    A page whose chars read "ส", " " (zero width), "า", "น" ... extracts "สำนักงาน".
    """
    fixed = FilteredPage(page, lambda _obj: True)
    objects = dict(page.objects)
    chars = list(page.chars)
    fixed_chars = _fixed_chars(chars, learned)
    if reference is not None:
        repaired, changed = _with_reference(chars, reference)
        # Kept only where it reads better: pdfium draws some producers' marks out of order.
        if changed and _window_share(repaired, changed) > _window_share(chars, changed):
            fixed_chars = _fixed_chars(repaired, learned)
    objects["char"] = fixed_chars
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
    junk: float  # thai.junk_share of the repaired text
    sparse: bool  # too few chars to be the page's content
    garbage: bool  # Thai that is not words, or letters that are not Thai or English

    @property
    def usable(self) -> bool:
        return not (self.sparse or self.garbage)

    @property
    def health(self) -> float:
        return health(self.text, self.share, self.junk)


def health(text: str, share: float | None = None, junk: float | None = None) -> float:
    """How readable a page's text is, 0 to 1: its dictionary share with the junk letters'
    share taken off, so that Latin or Greek junk (share 1.0: no Thai tokens) scores low.

    >>> health("สำนักงานสาธารณสุขอำเภอ"), health("υϔτΪΕϔτΪυϖΩ νυϒσϔεΣϔυ") < 0.1
    (1.0, True)
    """
    share = dictionary_share(text) if share is None else share
    junk = junk_share(text) if junk is None else junk
    return share * (1.0 - junk)


def _letters(text: str) -> int:
    return sum(1 for c in text if c.isalpha())


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
    junk = junk_share(text)
    garbage = (share < MIN_SHARE and _thai_tokens(text) >= MIN_TOKENS_TO_JUDGE) or (
        junk >= MAX_JUNK and _letters(text) >= MIN_LETTERS_TO_JUDGE
    )
    return _Layer(raw, text, share, junk, printable < MIN_TEXT_CHARS, garbage)


# A page counts in the text-health figures (bench/accuracy.py, tests/extract/test_real_pdfs.py)
# when its text has this many Thai tokens: fewer is a picture, a chart with a caption, a
# page number or a blank page, with too few words to tell good text from bad.
MIN_TOKENS_TO_MEASURE = 10


def is_measured(page: Page) -> bool:
    """Whether `page` counts in the text-health figures: read ("text" or "ocr") with at
    least MIN_TOKENS_TO_MEASURE Thai tokens."""
    return page.method != "empty" and _thai_tokens(page.text) >= MIN_TOKENS_TO_MEASURE


def why_ocr(page: Page) -> str:
    """Why a page read by OCR was: "no text layer", "junk" (its letters decode to Latin,
    Greek or symbol junk) or "not words" (Thai that is not Thai words); "" for other pages."""
    if page.method != "ocr":
        return ""
    if sum(1 for c in page.raw if not c.isspace()) < MIN_TEXT_CHARS:
        return "no text layer"
    return "junk" if junk_share(repair_text(page.raw)) >= MAX_JUNK else "not words"


def _pdfium_texts(data: bytes) -> list[str]:
    """Each page's drawn chars as pdfium reads them, in content-stream order (no generated
    spaces or line breaks): cheap, lets empty pages skip pdfplumber's layout pass, and is the
    reference `fixed_page` repairs pdfplumber's chars from."""
    doc = pdfium.PdfDocument(data)
    try:
        texts = []
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            handle = textpage.raw
            texts.append(
                "".join(
                    chr(pdfium_c.FPDFText_GetUnicode(handle, k))
                    for k in range(textpage.count_chars())
                    if pdfium_c.FPDFText_IsGenerated(handle, k) != 1
                )
            )
            textpage.close()
            page.close()
        return texts
    finally:
        doc.close()


def _is_thai(text: str) -> bool:
    return len(text) == 1 and "\u0e01" <= text <= "\u0e5b"


def _is_mark_char(text: str) -> bool:
    """A vowel or tone mark drawn above or below its letter: the glyphs a font mis-maps."""
    return len(text) == 1 and (text in ABOVE_BELOW_VOWELS or text in MARKS)


def _window_share(chars: list[dict[str, Any]], changed: list[int], reach: int = 12) -> float:
    """The dictionary share of the text around the changed chars (cheaper than the page's)."""
    parts: list[str] = []
    end = -1
    for i in changed:
        start = max(i - reach, end)
        end = min(i + reach, len(chars))
        parts.append("".join(_CID.sub("", str(c.get("text") or "")) for c in chars[start:end]))
    return dictionary_share(" ".join(parts))


def _differences(opcodes: list[tuple[Any, ...]]) -> list[tuple[int, int, int, int]]:
    """Runs of differing chars; runs a mark or two apart are one ("ร้่" | "รู้")."""
    runs: list[tuple[int, int, int, int]] = []
    for op, i1, i2, j1, j2 in opcodes:
        if op == "equal":
            continue
        # a gap of two equal chars or less on both sides: one cluster's marks in another order
        if runs and i1 - runs[-1][1] <= 2 and i1 - runs[-1][1] == j1 - runs[-1][3]:
            a1, _, b1, _ = runs[-1]
            runs[-1] = (a1, i2, b1, j2)
        else:
            runs.append((i1, i2, j1, j2))
    return runs


def _with_reference(
    chars: list[dict[str, Any]], reference: str
) -> tuple[list[dict[str, Any]], list[int]]:
    """pdfplumber's chars with pdfium's Thai where the two disagree char for char.

    pdfium reads a glyph's text as a viewer copies it (/ActualText, the font's own cmap) where
    pdfminer has only the ToUnicode map: LibreOffice's sara aa with no mapping ("(cid:3)") and
    its mis-mapped tone marks ("หนุวย" for "หน่วย") come out right. Positions stay pdfplumber's.
    Gives the chars and the indices changed.
    """
    texts = [str(c.get("text") or "") for c in chars]
    mine = "".join(t if len(t) == 1 else "\0" for t in texts)  # "(cid:3)", ligatures: one code
    if mine == reference:
        return chars, []
    out = list(chars)
    changed: list[int] = []
    opcodes = [tuple(op) for op in Levenshtein.opcodes(mine, reference)]
    runs = _differences(opcodes)
    uneven = sum(max(i2 - i1, j2 - j1) for i1, i2, j1, j2 in runs if i2 - i1 != j2 - j1)
    if uneven > 0.05 * len(mine):
        return chars, []  # drawn in another order: no char-for-char reading
    for i1, i2, j1, j2 in runs:
        if i2 - i1 != j2 - j1:
            continue
        for k in range(i2 - i1):
            old, new = mine[i1 + k], reference[j1 + k]
            unmapped = old == "\0" or "\ue000" <= old <= "\uf8ff"
            if _is_thai(new) and (unmapped or (_is_mark_char(old) and _is_mark_char(new))):
                out[i1 + k] = {**chars[i1 + k], "text": new}
                changed.append(i1 + k)
    return out, changed


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
            references: list[str | None] = list(_pdfium_texts(data))
        except Exception:  # pdfium refuses some files pdfminer reads: look at every page
            references = [None] * len(pdf.pages)
        layers: dict[int, _Layer] = {}
        fonts: set[object] = set()
        learned: dict[tuple[str, str], str] = {}
        for number, page in enumerate(pdf.pages, start=1):
            reference = references[number - 1] if number <= len(references) else None
            if reference is None or len(reference) >= MIN_TEXT_CHARS:
                with contextlib.suppress(Exception):  # the fonts as pdfminer reads them
                    _repair_fonts(page, fonts)
                try:
                    fixed = fixed_page(page, learned, reference)
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
        # Junk letters count against either reading: a Greek text layer has no Thai tokens
        # and so a dictionary share of 1.0.
        better = ocr_share is not None and (
            layer is None or layer.sparse or health(ocr_text, ocr_share) > layer.health
        )
        if better and ocr_share is not None:
            raw = layer.raw if layer else ""
            pages.append(Page(number, "ocr", ocr_text, raw, ocr_share))
        elif layer and layer.text.strip():
            pages.append(Page(number, "text", layer.text, layer.raw, layer.share))
        else:
            pages.append(Page(number, "empty", "", layer.raw if layer else "", None))
    return pages
