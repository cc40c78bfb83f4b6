"""Text-layer surgery: which Unicode text each drawn glyph gives when a PDF reader extracts it.

Laksaman names its positional variants (``uni0E48.low``); MS Word with TH Sarabun maps the same
variants to the legacy Private Use Area code points, and loses sara am when a document splits
it into nikhahit + sara aa. Mapping by glyph name lets one drawing carry a clean or a real-world
text layer.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

import pikepdf
from fontTools.agl import toUnicode
from fontTools.ttLib import TTFont

Policy = Literal["clean", "pua", "lost_am", "pua_lost_am"]
FONT_DIR = Path("/usr/share/fonts/truetype/tlwg")

# Glyph-name suffix variants -> the code points Windows Thai fonts give them (U+F700-U+F71A).
PUA_BY_NAME = {
    "uni0E10.descless": 0xF700,
    "uni0E34.left": 0xF701,
    "uni0E35.left": 0xF702,
    "uni0E36.left": 0xF703,
    "uni0E37.left": 0xF704,
    "uni0E48.low_left": 0xF705,
    "uni0E49.low_left": 0xF706,
    "uni0E4A.low_left": 0xF707,
    "uni0E4B.alt1": 0xF708,
    "uni0E4C.low_left": 0xF709,
    "uni0E48.low": 0xF70A,
    "uni0E49.low": 0xF70B,
    "uni0E4A.low": 0xF70C,
    "uni0E4B.low": 0xF70D,
    "uni0E4C.low": 0xF70E,
    "uni0E0D.descless": 0xF70F,
    "uni0E31.left": 0xF710,
    "uni0E4D.left": 0xF711,
    "uni0E47.left": 0xF712,
    "uni0E48.left": 0xF713,
    "uni0E49.left": 0xF714,
    "uni0E4A.left": 0xF715,
    "uni0E4B.left": 0xF716,
    "uni0E4C.left": 0xF717,
    "uni0E38.low": 0xF718,
    "uni0E39.low": 0xF719,
    "uni0E3A.low": 0xF71A,
}
logging.getLogger("fontTools").setLevel(logging.ERROR)
_UNI = re.compile(r"^uni([0-9A-F]{4})")


def glyph_text(name: str, policy: Policy) -> str:
    """The text a glyph should extract as, e.g. ``uni0E49.low`` -> "้" (clean) or U+F70B (pua)."""
    if policy in ("pua", "pua_lost_am") and name in PUA_BY_NAME:
        return chr(PUA_BY_NAME[name])
    # nikhahit is drawn almost only as the first half of sara am, so losing it loses sara am
    if policy in ("lost_am", "pua_lost_am") and name.startswith("uni0E4D"):
        return " "
    m = _UNI.match(name)
    if m:
        return chr(int(m.group(1), 16))
    if name in ("space", "nonmarkingreturn", "uni00A0"):
        return " "
    return toUnicode(name.split(".")[0]) or ""


def _cmap_text(pairs: Iterable[tuple[int, str]], width: int) -> bytes:
    body = "".join(
        f"<{code:0{width}X}> <{''.join(f'{ord(c):04X}' for c in text)}>\n"
        for code, text in pairs
        if text
    )
    count = body.count("\n")
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        f"1 begincodespacerange\n<{0:0{width}X}> <{(16**width) - 1:X}>\n"
        f"endcodespacerange\n{count} beginbfchar\n{body}endbfchar\n"
        "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    ).encode()


def _outline_index(font: TTFont) -> dict[tuple[object, ...], str]:
    glyf = font["glyf"]
    index: dict[tuple[object, ...], str] = {}
    for name in font.getGlyphOrder():
        coords, _, _ = glyf[name].getCoordinates(glyf)
        index.setdefault((tuple(map(tuple, coords)), font["hmtx"][name][0]), name)
    return index


def _font_file(base_font: str) -> str:
    # "/BAAAAA+Laksaman-Bold" -> Laksaman-Bold.ttf
    name = base_font.split("+")[-1].lstrip("/")
    return name + ".ttf" if (FONT_DIR / (name + ".ttf")).exists() else "Laksaman.ttf"


def retext_pdf(path: Path, policy: Policy) -> None:
    """Rewrite the ToUnicode maps of a LibreOffice PDF's simple TrueType fonts by glyph name.

    LibreOffice renames subset glyphs, so each glyph is recognised by its outline in the
    original font; positional variants it left unmapped (shown as "/") get their base letter.
    """
    indexes: dict[str, dict[tuple[object, ...], str]] = {}
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for page in pdf.pages:
            fonts = page.Resources.get("/Font", {})
            for _, font in fonts.items():
                desc = font.get("/FontDescriptor")
                if font.Subtype != "/TrueType" or desc is None or "/FontFile2" not in desc:
                    continue
                file = _font_file(str(font.BaseFont))
                if file not in indexes:
                    indexes[file] = _outline_index(TTFont(FONT_DIR / file))
                index = indexes[file]
                sub = TTFont(io.BytesIO(desc.FontFile2.read_bytes()))
                glyf = sub["glyf"]
                pairs = []
                for code, gname in sorted(sub["cmap"].tables[0].cmap.items()):
                    coords, _, _ = glyf[gname].getCoordinates(glyf)
                    key = (tuple(map(tuple, coords)), sub["hmtx"][gname][0])
                    name = index.get(key)
                    if name:
                        pairs.append((code & 0xFF, glyph_text(name, policy)))
                font.ToUnicode = pdf.make_stream(_cmap_text(pairs, 2))
        pdf.save(path)
