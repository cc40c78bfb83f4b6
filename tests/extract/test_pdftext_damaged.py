"""Damaged PDFs that still open: a bad page costs its text layer, never the document."""

from __future__ import annotations

from prongsai.extract import pdftext
from prongsai.sample.web.documents import fallback_corpus


def _with_content_filter(name: bytes) -> bytes:
    """A small Thai PDF whose page content stream names its filter `name`."""
    data = fallback_corpus()[0].data
    at = data.index(b"/Filter /FlateDecode", data.index(b"4 0 obj"))
    return data[:at] + b"/Filter " + name + data[at + len(b"/Filter /FlateDecode") :]


def test_unknown_filter_costs_the_page_not_the_document() -> None:
    # Regression (found by the PDF fuzz): "/Filter FlateDecode" without its slash shifts the
    # xref (pdfium refuses the file) and makes pdfminer raise "Unsupported filter" while the
    # page is read: the whole document was lost with an unclassified error.
    pages = pdftext.read_pages(_with_content_filter(b"FlateDecode"), ocr=False)
    assert [(p.number, p.method, p.text) for p in pages] == [(1, "empty", "")]


def test_the_same_page_with_its_filter_named_right_reads() -> None:
    pages = pdftext.read_pages(_with_content_filter(b"/FlateDecode"), ocr=False)
    assert [(p.number, p.method) for p in pages] == [(1, "text")]
    assert "ป้องกันการทุจริต" in pages[0].text
