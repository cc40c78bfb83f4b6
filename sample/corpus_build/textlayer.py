"""Text-layer defects put into an fpdf2 PDF by rewriting its fonts' ToUnicode CMaps with pikepdf.

fpdf2 gives each (glyph, text) pair its own CID, so a CMap entry can be changed for one glyph
without touching the drawing. Word with TH Sarabun produces both defects below.
"""

from __future__ import annotations

import io
import re

import pikepdf
from fontTools.ttLib import TTFont

_TONES = {0x0E48: 0xF70A, 0x0E49: 0xF70B, 0x0E4A: 0xF70C, 0x0E4B: 0xF70D, 0x0E4C: 0xF70E}
_ENTRY = re.compile(rb"<([0-9A-Fa-f]{4})> <([0-9A-Fa-f]+)>")


def _glyph_names(font: pikepdf.Object) -> dict[int, str]:
    """CID -> glyph name of the embedded subset (fpdf2 writes a CIDToGIDMap stream)."""
    desc = font.DescendantFonts[0]
    tt = TTFont(io.BytesIO(desc.FontDescriptor.FontFile2.read_bytes()))
    order = tt.getGlyphOrder()
    raw = desc.CIDToGIDMap.read_bytes()
    gids = [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw), 2)]
    return {cid: order[gid] for cid, gid in enumerate(gids) if gid < len(order)}


def _rewrite(cmap: dict[int, list[int]], names: dict[int, str], pua: bool, lose_am: bool) -> None:
    for cid, name in names.items():
        text = cmap.get(cid)
        if pua and text and len(text) == 1 and text[0] in _TONES:
            # the shifted glyphs (uniF70A...) say which PUA form Word would have written
            shifted = int(name[3:], 16) if name.startswith("uniF7") else _TONES[text[0]]
            cmap[cid] = [shifted]
        if lose_am and name == "uni0E4D" and text and text[-1] == 0x0E33:
            cmap[cid] = [*text[:-1], 0x20]  # the nikhahit part of ำ read as a space
        if lose_am and name == "uni0E32" and not text:
            cmap[cid] = [0x0E32]  # the sara aa part, unmapped by fpdf2, becomes า


def degrade(pdf_bytes: bytes, *, pua: bool = False, lose_am: bool = False) -> bytes:
    """PUA tone marks (U+F70A..F70E) and/or ำ read as " า" in the text layer ("ส านักงาน")."""
    pdf = pikepdf.open(io.BytesIO(pdf_bytes))
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        for font in page.Resources.Font.values():
            if font.objgen in seen or "/ToUnicode" not in font:
                continue
            seen.add(font.objgen)
            data = font.ToUnicode.read_bytes()
            cmap = {
                int(c, 16): [int(t[i : i + 4], 16) for i in range(0, len(t), 4)]
                for c, t in _ENTRY.findall(data)
            }
            _rewrite(cmap, _glyph_names(font), pua, lose_am)
            entries = b"".join(
                b"<%04X> <%s>\n" % (cid, "".join(f"{u:04X}" for u in text).encode())
                for cid, text in sorted(cmap.items())
            )
            head, _, rest = data.partition(b"beginbfchar")
            head = re.sub(rb"\d+\s*$", b"", head.rstrip()) + b"\n"
            tail = rest.partition(b"endbfchar")[2]
            # a bfchar block holds at most 100 entries
            blocks = b""
            lines = entries.splitlines(keepends=True)
            for i in range(0, len(lines), 100):
                part = lines[i : i + 100]
                blocks += b"%d beginbfchar\n%bendbfchar\n" % (len(part), b"".join(part))
            font.ToUnicode.write(head + blocks + tail.lstrip())
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()
