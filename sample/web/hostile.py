"""Hostile and broken PDF files, built from raw bytes (no PDF library needed).

Served by the fault web (`prongsai.sample.web.faults`) and used by the sandbox tests. Each
function returns the bytes of one file; `HOSTILE` names them with the failure reasons the
extractor may give (the first word of its error, e.g. ``"malformed: ..."``).
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable


def pdf_from_objects(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF with a correct xref table from raw object bodies (object 1 is the catalog)."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    size = len(objects) + 1
    out.write(b"trailer\n<< /Size %d /Root 1 0 R%s >>\n" % (size, trailer))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def one_page(contents: bytes, extra: bytes = b"") -> bytes:
    return pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            + extra
            + b" >>",
            contents,
        ]
    )


def plain() -> bytes:
    stream = b"BT /F1 12 Tf 72 720 Td (hello) Tj ET"
    return one_page(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")


def truncated() -> bytes:
    data = plain()
    return data[: len(data) // 2]


def malformed_xref() -> bytes:
    """An xref table of garbage; the objects are intact, so a reader may rebuild it."""
    data = plain()
    start = data.rindex(b"xref\n")
    return data[:start] + b"xref\n0 9\nGARBAGE GARBAGE\n" + data[start + 40 :]


def unrecoverable_xref() -> bytes:
    """A garbage xref, a trailer naming a missing catalog and no object a reader can find."""
    return plain().replace(b" obj\n", b" jbo\n").replace(b"/Root 1 0 R", b"/Root 9 0 R")


def fake_encrypted() -> bytes:
    """A Standard-security dictionary whose keys match no password, not even the empty one."""
    encrypt = (
        b"<< /Filter /Standard /V 2 /R 3 /Length 128 /P -4"
        b" /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> >>"
    )
    data = plain()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        data[data.index(b"<< /Length") : data.index(b"endstream") + 9],
        encrypt,
    ]
    return pdf_from_objects(
        objects, b" /Encrypt 5 0 R /ID [<" + b"ab" * 16 + b"> <" + b"ab" * 16 + b">]"
    )


def zero_pages() -> bytes:
    return pdf_from_objects(
        [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    )


def many_pages(count: int = 5000) -> bytes:
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(count))
    pages = [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * count
    return pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count,
            *pages,
        ]
    )


def deeply_nested(depth: int = 50_000) -> bytes:
    """An array nested `depth` deep in the page dictionary (readers skip or refuse it)."""
    nested = b"[" * depth + b"]" * depth
    return one_page(b"<< /Length 0 >>\nstream\n\nendstream", extra=b" /Junk " + nested)


def deep_page_tree(depth: int = 5000) -> bytes:
    """A page tree `depth` levels deep: a recursive reader runs out of stack."""
    nodes = [b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % (3 + i) for i in range(depth)]
    return pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            *nodes,
            b"<< /Type /Page /MediaBox [0 0 595 842] >>",
        ]
    )


def decompression_bomb(megabytes: int = 1500) -> bytes:
    """A content stream that inflates from about 1.5 MB to `megabytes` MB of spaces."""
    squeeze = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    packed = b"".join(squeeze.compress(chunk) for _ in range(megabytes)) + squeeze.flush()
    head = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed)
    return one_page(head + packed + b"\nendstream")


def image_named_pdf() -> bytes:
    """A 1x1 PNG (what a scanner upload named .pdf often is)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


# name -> (bytes maker, reasons the extractor may give)
HOSTILE: dict[str, tuple[Callable[[], bytes], tuple[str, ...]]] = {
    "truncated": (truncated, ("malformed",)),
    "encrypted": (fake_encrypted, ("encrypted",)),
    "unrecoverable_xref": (unrecoverable_xref, ("malformed", "no_pages")),
    "zero_pages": (zero_pages, ("no_pages", "malformed")),
    "5000_pages": (many_pages, ("too_many_pages",)),
    "deep_page_tree": (deep_page_tree, ("malformed",)),
    "decompression_bomb": (decompression_bomb, ("memory", "timeout", "crashed", "malformed")),
    "image_as_pdf": (image_named_pdf, ("not_pdf",)),
}
