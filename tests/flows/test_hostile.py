"""Hostile documents: each ends in a clean, recorded failure within its limit; the run goes on."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import hostile_pdfs as hp
import pytest

from prongsai.flows.sandbox import Extractor
from prongsai.sample.web.hostile import fake_encrypted

TIMEOUT_S = 60.0


@pytest.fixture(scope="module")
def extractor() -> Iterator[Extractor]:
    with Extractor(workers=1, timeout=TIMEOUT_S, memory_mb=1024, ocr=False) as ex:
        yield ex


@pytest.mark.parametrize(
    ("make", "reasons"),
    [
        (hp.truncated, ("malformed",)),
        (hp.encrypted, ("encrypted",)),
        (hp.zero_pages, ("no_pages", "malformed")),
        (hp.many_pages, ("too_many_pages",)),
        (hp.image_named_pdf, ("not_pdf",)),
        (hp.decompression_bomb, ("memory", "timeout", "crashed", "malformed")),
        (hp.unrecoverable_xref, ("malformed", "no_pages")),
        (hp.deep_page_tree, ("malformed",)),
        (fake_encrypted, ("encrypted",)),
    ],
    ids=[
        "truncated",
        "encrypted",
        "zero_pages",
        "5000_pages",
        "image_as_pdf",
        "decompression_bomb",
        "unrecoverable_xref",
        "deep_page_tree",
        "encrypted_unknown_key",
    ],
)
def test_hostile_file_fails_cleanly(
    extractor: Extractor, make: Callable[[], bytes], reasons: tuple[str, ...]
) -> None:
    data = make()
    started = time.monotonic()
    outcome = extractor.run(f"{make.__name__}.pdf", data)
    took = time.monotonic() - started
    assert outcome.result is None
    assert outcome.error is not None
    assert outcome.error.split(":", 1)[0] in reasons, outcome.error
    assert took < TIMEOUT_S + 10


@pytest.mark.parametrize("make", [hp.malformed_xref, hp.deeply_nested], ids=["bad_xref", "nested"])
def test_damaged_but_readable_file_is_read_or_refused(
    extractor: Extractor, make: Callable[[], bytes]
) -> None:
    # pdfminer rebuilds a broken xref and skips junk: reading it is as clean as refusing it.
    started = time.monotonic()
    outcome = extractor.run(f"{make.__name__}.pdf", make())
    assert (outcome.result is None) != (outcome.error is None)
    assert time.monotonic() - started < TIMEOUT_S + 10


def test_a_good_file_after_the_bad_ones_still_extracts(extractor: Extractor) -> None:
    for make in (hp.decompression_bomb, hp.truncated):
        extractor.run("bad.pdf", make())
    outcome = extractor.run("plain.pdf", hp.plain())
    assert outcome.error is None
    assert outcome.result is not None
    assert outcome.result["page_count"] == 1
