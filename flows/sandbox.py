"""Run extraction in worker processes, each document under a time and memory limit.

A hostile PDF (a decompression bomb, a 5,000-page file, a parser loop) costs one worker: the
worker is killed and replaced, the failure is returned as an `Outcome`, and the run goes on.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import signal
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from prongsai.spiders.run import exit_with_parent

# Per document; the environment may lower them for a whole harvest (the fault bench does).
DEFAULT_TIMEOUT_S = float(os.environ.get("PRONGSAI_EXTRACT_TIMEOUT", "300"))
DEFAULT_MEMORY_MB = int(os.environ.get("PRONGSAI_EXTRACT_MEMORY_MB", "3072"))


@dataclass
class Outcome:
    """What became of one document: its contract JSON, or an error with a reason."""

    file: str
    result: dict[str, Any] | None = None
    error: str | None = None  # e.g. "not_pdf: ...", "timeout: ...", "memory: ..."


# One registry record: (dla_code, name, type, district, province), as org.Registry takes it.
RegistryRecord = tuple[str, str, str, str | None, str | None]
_REGISTRY: Any = None  # this worker's org.Registry, built once from the records it was given


def _extract_json(data: bytes, file: str, options: dict[str, Any]) -> dict[str, Any]:
    from prongsai.extract.document import extract_document

    doc = extract_document(
        data, file, registry=_REGISTRY, ocr=options.get("ocr", True), ocr_workers=1
    )
    return doc.to_json(with_pages=options.get("with_pages", False))


def _worker(conn: Connection, memory_mb: int, registry: Sequence[RegistryRecord]) -> None:
    global _REGISTRY
    exit_with_parent()
    if registry:
        from prongsai.extract.org import Registry

        _REGISTRY = Registry(registry)
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        data, file, options = job
        try:
            conn.send(("ok", _extract_json(data, file, options)))
        except MemoryError:
            conn.send(("error", f"memory: over {memory_mb} MB"))
        except Exception as exc:  # every failure is reported, none kills the run
            reason = getattr(exc, "reason", type(exc).__name__)
            detail = str(exc) or traceback.format_exc(limit=2)
            message = detail if detail.startswith(f"{reason}:") else f"{reason}: {detail}"
            conn.send(("error", message))


def _exit_reason(code: int | None) -> str:
    if code is not None and code < 0:
        name = signal.Signals(-code).name
        hint = " (memory limit?)" if name in ("SIGABRT", "SIGSEGV", "SIGKILL") else ""
        return f"worker killed by {name}{hint}"
    return f"worker exited with code {code}"


class _Slot:
    """One worker process and its pipe; restarted after a kill."""

    def __init__(self, ctx: Any, memory_mb: int, registry: Sequence[RegistryRecord]) -> None:
        self._ctx, self._memory_mb, self._registry = ctx, memory_mb, registry
        self._proc: BaseProcess | None = None
        self._conn: Connection | None = None

    def _start(self) -> tuple[BaseProcess, Connection]:
        if self._proc is None or not self._proc.is_alive() or self._conn is None:
            parent, child = self._ctx.Pipe()
            proc = self._ctx.Process(
                target=_worker, args=(child, self._memory_mb, self._registry), daemon=True
            )
            proc.start()
            child.close()
            self._proc, self._conn = proc, parent
        return self._proc, self._conn

    def run(self, data: bytes, file: str, options: dict[str, Any], timeout: float) -> Outcome:
        proc, conn = self._start()
        try:
            conn.send((data, file, options))
            if not conn.poll(timeout):
                self.kill()
                return Outcome(file, error=f"timeout: over {timeout:.0f} s")
            status, payload = conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self.kill()
            return Outcome(file, error=f"crashed: {_exit_reason(proc.exitcode)}")
        if status == "ok":
            return Outcome(file, result=payload)
        return Outcome(file, error=payload)

    def kill(self) -> None:
        if self._proc is not None and self._proc.is_alive():
            self._proc.kill()
            self._proc.join(5)
        self._proc, self._conn = None, None

    def close(self) -> None:
        if self._conn is not None and self._proc is not None and self._proc.is_alive():
            try:
                self._conn.send(None)
                self._proc.join(5)
            except (OSError, BrokenPipeError):
                pass
        self.kill()


class Extractor:
    """A pool of sandboxed extraction workers.

    >>> with Extractor(workers=2) as ex:  # doctest: +SKIP
    ...     for outcome in ex.map([("plan.pdf", pdf_bytes)]):
    ...         print(outcome.error or outcome.result["doc_type"])
    """

    def __init__(
        self,
        workers: int | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT_S,
        memory_mb: int = DEFAULT_MEMORY_MB,
        ocr: bool = True,
        with_pages: bool = False,
        registry: Sequence[RegistryRecord] = (),
    ) -> None:
        """`registry`: the known organizations, so a misspelt name in a document resolves to
        the registered one (with its district, province and DLA code)."""
        self.workers = workers or os.cpu_count() or 1
        self.timeout = timeout
        self.options = {"ocr": ocr, "with_pages": with_pages}
        ctx = mp.get_context("spawn")
        self._slots = [_Slot(ctx, memory_mb, list(registry)) for _ in range(self.workers)]
        self._free = list(self._slots)
        self._lock = threading.Lock()

    def _take(self) -> _Slot:
        with self._lock:
            return self._free.pop()

    def _give(self, slot: _Slot) -> None:
        with self._lock:
            self._free.append(slot)

    def run(self, file: str, data: bytes) -> Outcome:
        slot = self._take()
        try:
            return slot.run(data, file, self.options, self.timeout)
        finally:
            self._give(slot)

    def map(
        self,
        items: Iterable[tuple[str, bytes]],
        on_done: Callable[[Outcome], None] | None = None,
    ) -> Iterator[Outcome]:
        """Extract every (file, bytes) pair, yielding outcomes in input order."""
        with ThreadPoolExecutor(self.workers) as pool:
            futures = [pool.submit(self.run, file, data) for file, data in items]
            for future in futures:
                outcome = future.result()
                if on_done is not None:
                    on_done(outcome)
                yield outcome

    def close(self) -> None:
        for slot in self._slots:
            slot.close()

    def __enter__(self) -> Extractor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
