"""The extraction pool: bad files fail cleanly, one by one, and the run goes on."""

from __future__ import annotations

import pytest

from prongsai.flows.sandbox import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    with Extractor(workers=2, timeout=120) as ex:
        yield ex  # type: ignore[misc]


def test_not_a_pdf_is_a_recorded_error(extractor: Extractor) -> None:
    outcome = extractor.run("page.html", b"<html><body>not a pdf</body></html>")
    assert outcome.result is None
    assert outcome.error is not None
    assert outcome.error.startswith("not_pdf")


def test_truncated_pdf_is_a_recorded_error(extractor: Extractor) -> None:
    outcome = extractor.run("cut.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R")
    assert outcome.result is None
    assert outcome.error is not None


def test_the_run_goes_on_after_failures(extractor: Extractor) -> None:
    items = [("a.pdf", b"garbage"), ("b.pdf", b"%PDF-1.4 broken"), ("c.pdf", b"")]
    outcomes = list(extractor.map(items))
    assert [o.file for o in outcomes] == ["a.pdf", "b.pdf", "c.pdf"]
    assert all(o.error for o in outcomes)


def test_a_worker_over_its_time_is_killed_and_replaced(minimal_pdf: bytes) -> None:
    with Extractor(workers=1, timeout=0.01) as ex:
        slow = ex.run("slow.pdf", minimal_pdf)
        assert slow.error is not None
        assert slow.error.startswith("timeout")
        ex.timeout = 120
        again = ex.run("bad.pdf", b"not a pdf")
        assert again.error is not None
        assert again.error.startswith("not_pdf")
