"""Hostile and broken PDF files for the sandbox tests: the fault web's (raw bytes), plus a
really encrypted one (pikepdf)."""

from __future__ import annotations

import io

import pikepdf

from prongsai.sample.web.hostile import (
    decompression_bomb,
    deep_page_tree,
    deeply_nested,
    image_named_pdf,
    malformed_xref,
    many_pages,
    plain,
    truncated,
    unrecoverable_xref,
    zero_pages,
)

__all__ = [
    "decompression_bomb",
    "deep_page_tree",
    "deeply_nested",
    "encrypted",
    "image_named_pdf",
    "malformed_xref",
    "many_pages",
    "plain",
    "truncated",
    "unrecoverable_xref",
    "zero_pages",
]


def encrypted() -> bytes:
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(plain())) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user="secret", owner="owner", R=6))
    return out.getvalue()
