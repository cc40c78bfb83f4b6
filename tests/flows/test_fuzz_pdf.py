"""A bounded fuzz of the PDF entry point: mutated corpus bytes through the sandboxed extractor.

Whatever the bytes, extraction gives a result or an error whose reason is one the warehouse
knows, within the sandbox's limits; the worker survives or is replaced. The time budget
(``PRONGSAI_FUZZ_SECONDS``, 40 s by default) bounds the run in CI; raise it to fuzz longer.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prongsai.flows.sandbox import Extractor
from prongsai.sample.web import hostile
from prongsai.sample.web.documents import fallback_corpus

BUDGET_S = float(os.environ.get("PRONGSAI_FUZZ_SECONDS", "40"))
TIMEOUT_S = 20.0
REASONS = {
    "not_pdf",
    "encrypted",
    "malformed",
    "no_pages",
    "too_many_pages",
    "memory",
    "timeout",
    "crashed",
}
CORPUS = Path(__file__).resolve().parents[2] / "sample" / "corpus"


def _seeds() -> list[bytes]:
    small = [d.data for d in fallback_corpus()[:3]]
    corpus = sorted(CORPUS.glob("*.pdf"), key=lambda p: p.stat().st_size)[:2]
    return [hostile.plain(), *small, *(p.read_bytes() for p in corpus)]


SEEDS = _seeds()


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(0, 12))):
        at = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(["flip", "cut", "insert", "copy"]))
        if kind == "flip":
            data[at] = draw(st.integers(0, 255))
        elif kind == "cut":
            del data[at : at + draw(st.integers(1, 4096))]
        elif kind == "insert":
            data[at:at] = draw(
                st.sampled_from(
                    [
                        b"<<",
                        b">>",
                        b"[",
                        b"obj",
                        b"endstream",
                        b"/Length 9999999",
                        b"0 0 R",
                        b"%%EOF",
                        b"\x00" * 64,
                        b"(" * 100,
                    ]
                )
            )
        else:  # a slice of the file repeated elsewhere (duplicated objects, xref shifts)
            size = draw(st.integers(1, 2048))
            data[at:at] = data[max(0, at - size) : at]
        if not data:
            data = bytearray(b"%PDF-")
    return bytes(data)


@pytest.fixture(scope="module")
def extractor() -> Iterator[Extractor]:
    with Extractor(workers=1, timeout=TIMEOUT_S, memory_mb=1024, ocr=False) as ex:
        yield ex


@pytest.mark.slow
def test_mutated_pdfs_give_a_result_or_a_known_reason(extractor: Extractor) -> None:
    deadline = time.monotonic() + BUDGET_S
    seen: list[str] = []

    @settings(
        max_examples=10_000,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(mutated())
    def check(data: bytes) -> None:
        if time.monotonic() > deadline:
            return
        started = time.monotonic()
        outcome = extractor.run("fuzz.pdf", data)
        assert time.monotonic() - started < TIMEOUT_S + 10
        assert (outcome.result is None) != (outcome.error is None)
        if outcome.error is not None:
            reason = outcome.error.split(":", 1)[0]
            assert reason in REASONS, outcome.error[:300]
            seen.append(reason)
        else:
            assert outcome.result is not None
            assert outcome.result["page_count"] >= 1
            seen.append("ok")

    check()
    assert len(seen) >= 10, seen  # the budget allowed a real run
