"""Hostile and broken PDF files, built in memory for the sandbox tests."""

from __future__ import annotations

import io
import zlib

import pikepdf
from PIL import Image


def _pdf(objects: list[bytes]) -> bytes:
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
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def _one_page(contents: bytes, extra: bytes = b"") -> bytes:
    return _pdf(
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
    return _one_page(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")


def truncated() -> bytes:
    data = plain()
    return data[: len(data) // 2]


def malformed_xref() -> bytes:
    data = plain()
    start = data.rindex(b"xref\n")
    return data[:start] + b"xref\n0 9\nGARBAGE GARBAGE\n" + data[start + 40 :]


def encrypted() -> bytes:
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(plain())) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user="secret", owner="owner", R=6))
    return out.getvalue()


def zero_pages() -> bytes:
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])


def many_pages(count: int = 5000) -> bytes:
    out = io.BytesIO()
    with pikepdf.new() as pdf:
        for _ in range(count):
            pdf.add_blank_page(page_size=(595, 842))
        pdf.save(out)
    return out.getvalue()


def deeply_nested(depth: int = 50_000) -> bytes:
    nested = b"[" * depth + b"]" * depth
    return _one_page(b"<< /Length 0 >>\nstream\n\nendstream", extra=b" /Junk " + nested)


def decompression_bomb(megabytes: int = 1500) -> bytes:
    """A content stream that inflates from about 1.5 MB to `megabytes` MB of spaces."""
    squeeze = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    packed = b"".join(squeeze.compress(chunk) for _ in range(megabytes)) + squeeze.flush()
    head = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed)
    return _one_page(head + packed + b"\nendstream")


def image_named_pdf() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 40), "white").save(out, format="PNG")
    return out.getvalue()
