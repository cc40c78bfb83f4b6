"""National scale: a first harvest and a nightly refresh of N organizations of the DLA registry.

    .venv/bin/python bench/national.py --orgs 7849 [--shards 2] [--changed 30]
        [--extract all|sample] [--per-source 3] [--out var/bench-national-N]
    .venv/bin/python bench/national.py --table var/bench-national-*/figures.json

The sample web (`prongsai.sample.web.national`, one site per organization of
../shared/registry/localAuthorities.json) runs in its own process. Each stage of the harvest
(crawl, extract, load, compare) is run through the harvest flow's own tasks and printed with its
wall time, throughput, peak memory (RSS summed over this process and its children: crawl shards,
extraction workers; the web server apart) and CPU use (CPU seconds over wall x cores).

Extraction of a first harvest is ~60,000 PDFs at national scale: hours on 2 cores. With
``--extract sample`` only a stratified sample is extracted for real (``--per-source`` documents
of each underlying corpus document: every national PDF is a corpus PDF plus a trailing comment
naming its organization), the first harvest's extraction time is *projected* from those measured
per-document times over the actual document mix, and the warehouse is seeded with each sampled
result for the other documents of the same source (labelled "seeded"); loading all of them is
real and timed. The refresh is real end to end: a conditional crawl of every site, the changed
documents extracted, loaded, comparisons and compliance written.

Writes the figures as JSON to OUT/figures.json too.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil
from sqlalchemy import select

from prongsai.extract.document import EXTRACTOR_VERSION
from prongsai.flows.harvest import (
    CrawlSummary,
    Extracted,
    LoadCounts,
    Pending,
    crawl_sites,
    extract_batch,
    find_pending,
    load_batch,
    write_compare,
    write_compliance,
)
from prongsai.sample.web import CONTROL_HOST, write_orgs_csv
from prongsai.sample.web.national import REGISTRY_JSON, NationalWeb
from prongsai.warehouse.db import make_engine
from prongsai.warehouse.models import DocumentVersion, Fetch

CORES = os.cpu_count() or 1
BATCH = 16
TIMEOUT_S = 20.0


@dataclass
class Stage:
    name: str
    wall: float = 0.0
    items: int = 0
    unit: str = ""
    cpu: float = 0.0  # seconds, this process and its finished children
    peak_rss: int = 0  # bytes
    note: str = ""
    projected: bool = False

    def line(self) -> str:
        rate = self.items / self.wall if self.wall else 0.0
        cpu = self.cpu / (self.wall * CORES) if self.wall else 0.0
        tag = " (projected)" if self.projected else ""
        return (
            f"  {self.name:<18} {self.wall:9.1f} s{tag}  {self.items:>7,} {self.unit:<5} "
            f"{rate:8.1f}/s  peak RSS {self.peak_rss / 2**20:7.0f} MiB  CPU {cpu:4.0%}"
            + (f"  [{self.note}]" if self.note else "")
        )


class Monitor:
    """Peak RSS and CPU seconds of this process's descendants, sampled every 0.2 s (the
    extraction pool's workers live on between stages, so the OS's children times miss them)."""

    def __init__(self, exclude: Sequence[int] = ()) -> None:
        self.me = psutil.Process()
        self.exclude = set(exclude)
        self.peak = 0
        self.cpu: dict[int, float] = {}  # pid -> CPU seconds last seen
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            total = 0
            try:
                procs = [self.me, *self.me.children(recursive=True)]
            except psutil.Error:
                continue
            for proc in procs:
                if proc.pid in self.exclude:
                    continue
                with suppress(psutil.Error):
                    total += proc.memory_info().rss
                    if proc.pid != self.me.pid:
                        t = proc.cpu_times()
                        self.cpu[proc.pid] = t.user + t.system
            self.peak = max(self.peak, total)

    def children_cpu(self) -> dict[int, float]:
        return dict(self.cpu)

    def reset(self) -> None:
        self.peak = 0

    def stop(self) -> None:
        self._stop.set()


def _own_cpu() -> float:
    t = os.times()
    return t.user + t.system


@contextmanager
def measured(stage: Stage, monitor: Monitor) -> Iterator[Stage]:
    monitor.reset()
    kids0, cpu0, t0 = monitor.children_cpu(), _own_cpu(), time.perf_counter()
    yield stage
    stage.wall = time.perf_counter() - t0
    time.sleep(0.3)  # one more sample of the children
    kids = monitor.children_cpu()
    stage.cpu = _own_cpu() - cpu0 + sum(v - kids0.get(pid, 0.0) for pid, v in kids.items())
    stage.peak_rss = monitor.peak


# --- the sample web in its own process ------------------------------------------------------------


class WebProcess:
    def __init__(self, registry: Path, sites: int) -> None:
        cmd = [sys.executable, "-m", "prongsai.sample.web", "--port", "0",
               "--national", str(registry), "--sites", str(sites)]  # fmt: skip
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline() if self.proc.stdout else ""
        found = re.search(r"http://127\.0\.0\.1:(\d+)", line)
        if not found:
            self.proc.kill()
            raise RuntimeError(f"sample web did not start: {line!r}")
        self.port = int(found.group(1))
        self.ps = psutil.Process(self.proc.pid)

    def control(self, path: str) -> Any:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        conn.request("GET", path, headers={"Host": CONTROL_HOST})
        body = conn.getresponse().read()
        conn.close()
        return json.loads(body)

    def cpu(self) -> float:
        t = self.ps.cpu_times()
        return float(t.user + t.system)

    def rss(self) -> int:
        return int(self.ps.memory_info().rss)

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


# --- stages ---------------------------------------------------------------------------------------


def found_documents(db: str, web: NationalWeb) -> tuple[int, int]:
    engine = make_engine(db)
    with engine.connect() as conn:
        shas = set(conn.scalars(select(DocumentVersion.sha256)))
    engine.dispose()
    expected = [d.sha256 for site in web.sites.values() for d in site.documents]
    return sum(sha in shas for sha in expected), len(expected)


def changes_found(db: str, web: NationalWeb, changed: Sequence[str]) -> tuple[int, list[str]]:
    """How many of the changed sites' new versions the warehouse holds, and why each other one
    was missed (the site's platform and validators, the refresh's fetch of that URL)."""
    after = web.with_mutations(changed)
    engine = make_engine(db)
    found, missed = 0, []
    with engine.connect() as conn:
        shas = set(conn.scalars(select(DocumentVersion.sha256)))
        for code in changed:
            old, new = web.site_of(code), after.site_of(code)
            if old is None or new is None:
                continue
            before = {d.sha256 for d in old.documents}
            for doc in (d for d in new.documents if d.sha256 not in before):
                if doc.sha256 in shas:
                    found += 1
                    continue
                last = conn.execute(
                    select(Fetch.status, Fetch.bytes)
                    .where(Fetch.url.like(f"%{doc.domain}%{doc.path}"))
                    .order_by(Fetch.fetched_at.desc())
                    .limit(1)
                ).first()
                validators = "ETag" if "etag" in new.features else "no validators"
                ranges = "ignores Range" if new.platform == "phpmod" else "answers Range"
                missed.append(
                    f"{doc.url} ({new.platform}, {validators}, {ranges}; "
                    f"last fetch {tuple(last) if last else None})"
                )
    engine.dispose()
    return found, missed


def source_of(web: NationalWeb) -> dict[str, str]:
    """sha256 -> the corpus document it was made from, for every file any site serves."""
    return {f.sha256: f.source.stem for site in web.sites.values() for f in site.files}


def extract_all(
    pending: Sequence[Pending], files: Path, workers: int, on_batch: Callable[[int], None]
) -> list[Extracted]:
    out: list[Extracted] = []
    for i in range(0, len(pending), BATCH):
        out += extract_batch.fn(list(pending[i : i + BATCH]), files, workers)
        on_batch(len(out))
    return out


def load_all(db: str, extracted: Sequence[Extracted]) -> LoadCounts:
    counts = LoadCounts()
    for i in range(0, len(extracted), BATCH):
        counts.add(load_batch.fn(db, list(extracted[i : i + BATCH])))
    return counts


def per_doc_seconds(extracted: Sequence[Extracted]) -> list[float]:
    return [(e.finished_at - e.started_at).total_seconds() for e in extracted]


@dataclass
class Sampled:
    extracted: list[Extracted]  # every pending document: measured or seeded
    measured: int
    projected_s: float  # one core's seconds for all pending, from the per-source means
    by_source: dict[str, tuple[int, float]] = field(default_factory=dict)  # n, mean s


def extract_sample(
    pending: Sequence[Pending], files: Path, sources: dict[str, str], per_source: int
) -> Sampled:
    """Extract `per_source` documents of each source for real, one at a time (one core);
    seed the rest with a measured result of the same source and project their time."""
    groups: dict[str, list[Pending]] = defaultdict(list)
    for p in pending:
        groups[sources.get(p.sha256, "?")].append(p)
    chosen = [p for group in groups.values() for p in group[:per_source]]
    extract_all(chosen[:1], files, 1, lambda n: None)  # start the worker outside the timings
    measured = extract_all(chosen, files, 1, lambda n: None)
    by_sha = {e.sha256: e for e in measured}
    means: dict[str, tuple[int, float]] = {}
    seed: dict[str, Extracted] = {}
    for stem, group in groups.items():
        times = per_doc_seconds([by_sha[p.sha256] for p in group[:per_source]])
        means[stem] = (len(group), sum(times) / len(times))
        seed[stem] = by_sha[group[0].sha256]
    out: list[Extracted] = []
    for stem, group in groups.items():
        model = seed[stem]
        for p in group:
            if p.sha256 in by_sha:
                out.append(by_sha[p.sha256])
                continue
            result = dict(model.result) if model.result is not None else None
            if result is not None:
                result["sha256"], result["file"] = p.sha256, p.path
            out.append(replace(model, sha256=p.sha256, path=p.path, result=result))
    projected = sum(n * mean for n, mean in means.values())
    return Sampled(out, len(measured), projected, means)


def crawl_stage(
    name: str, db: str, out: Path, web: WebProcess, shards: int, monitor: Monitor
) -> tuple[Stage, Any]:
    stage = Stage(name, unit="sites")
    server0 = web.cpu()
    with measured(stage, monitor):
        # A 3 s timeout (the tests') lost PDFs when other users loaded the 2 cores.
        summary = crawl_sites.fn(db, out / "files", out / "orgs.csv", (),
                                 f"127.0.0.1:{web.port}", True, TIMEOUT_S,
                                 out / f"{name.replace(' ', '-')}.log", shards)  # fmt: skip
    stage.items = summary.sites
    server = web.cpu() - server0
    stage.cpu += server  # the web's own CPU counts: it shares the 2 cores
    stage.note = (
        f"{shards} shard(s); {summary.documents:,} documents, new {summary.new:,}, "
        f"changed {summary.changed}, gone {summary.gone}, errors {summary.errors}; "
        f"web server CPU {server:.0f} s, RSS {web.rss() / 2**20:.0f} MiB"
    )
    return stage, summary


def compare_stage(
    name: str, db: str, out: Path, since: datetime | None, monitor: Monitor, orgs: int
) -> Stage:
    stage = Stage(name, unit="orgs", items=orgs)
    with measured(stage, monitor):
        paths = write_compare.fn(db, out / "compare", ("csv",))
        paths += write_compliance.fn(db, out / "compliance", ("csv",), since=since)
    stage.note = f"{len(paths)} CSV files (comparisons, catalog, compliance)"
    return stage


def table(paths: Sequence[Path]) -> str:
    """The scaling table (markdown) from several runs' figures.json."""
    runs = sorted((json.loads(p.read_text()) for p in paths), key=lambda f: f["orgs"])
    head = "| stage | " + " | ".join(f"{r['orgs']:,} orgs" for r in runs) + " |"
    lines = [head, "|---" * (len(runs) + 1) + "|"]
    names = [s["name"] for s in runs[-1]["stages"]]
    for name in names:
        cells = []
        for r in runs:
            st = next(s for s in r["stages"] if s["name"] == name)
            rate = st["items"] / st["wall"] if st["wall"] else 0.0
            cpu = st["cpu"] / (st["wall"] * CORES) if st["wall"] else 0.0
            tag = " (proj.)" if st["projected"] else ""
            cells.append(f"{st['wall']:,.0f} s{tag}, {rate:,.1f} {st['unit']}/s, "
                         f"{st['peak_rss'] / 2**20:,.0f} MiB, CPU {cpu:.0%}")  # fmt: skip
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    if all("refresh_changed_found" in r for r in runs):
        cells = [
            f"{r['refresh_changed_found']} of "
            f"{r['refresh_changed_found'] + len(r['refresh_changed_missed'])}"
            for r in runs
        ]
        lines.append("| refresh: changed documents found | " + " | ".join(cells) + " |")
    for key, label in (("first_wall", "first harvest"), ("refresh_wall", "nightly refresh")):
        cells = [f"{r[key]:,.0f} s = {r[key] / r['orgs']:.2f} s/org" for r in runs]
        lines.append(f"| **{label}** | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> int:
    if sys.argv[1:2] == ["--table"]:
        print(table([Path(p) for p in sys.argv[2:]]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orgs", type=int, default=100)
    parser.add_argument("--shards", type=int, default=2, help="crawl processes")
    parser.add_argument("--changed", type=int, default=30, help="sites changed before refresh")
    parser.add_argument("--extract", choices=["all", "sample"], default="sample")
    parser.add_argument("--per-source", type=int, default=3)
    parser.add_argument("--workers", type=int, default=CORES, help="extraction processes")
    parser.add_argument("--registry", type=Path, default=REGISTRY_JSON)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--resume", action="store_true", help="reuse OUT's first crawl")
    args = parser.parse_args()
    if not args.registry.exists():
        print(f"no registry at {args.registry}: nothing to measure", file=sys.stderr)
        return 2
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the web server on the way out
    out = (args.out or Path(f"var/bench-national-{args.orgs}")).resolve()
    if not args.resume:
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
    db = f"sqlite:///{out / 'warehouse.sqlite'}"
    files = out / "files"

    t0 = time.perf_counter()
    web = NationalWeb.from_json(args.registry, sites=args.orgs)
    write_orgs_csv(web.orgs, out / "orgs.csv", raw=False)
    server = WebProcess(args.registry, args.orgs)
    monitor = Monitor(exclude=[server.proc.pid])
    stages: list[Stage] = []
    try:
        print(f"== national harvest of {len(web.orgs):,} organizations "
              f"({CORES} cores, load average {os.getloadavg()[0]:.1f} at the start; sample web "
              f"in its own process, ready in {time.perf_counter() - t0:.1f} s)", flush=True)  # fmt: skip
        started = datetime.now(UTC)
        if args.resume:  # the first crawl's state and figures are in OUT already
            saved = json.loads((out / "crawl.json").read_text())
            crawl, first = Stage(**saved["stage"]), CrawlSummary(**saved["summary"])
        else:
            crawl, first = crawl_stage("crawl", db, out, server, args.shards, monitor)
            (out / "crawl.json").write_text(
                json.dumps({"stage": crawl.__dict__, "summary": first.__dict__})
            )
        stages.append(crawl)
        print(crawl.line(), flush=True)
        found, expected = found_documents(db, web)
        print(f"  documents found / expected: {found:,} / {expected:,}", flush=True)

        pending = find_pending.fn(db, EXTRACTOR_VERSION)
        sources = source_of(web)
        kinds = Counter(sources.get(p.sha256, "?") for p in pending)
        extract = Stage("extract", unit="docs", items=len(pending))
        by_source: dict[str, tuple[int, float]] = {}
        with measured(extract, monitor):
            if args.extract == "all":
                extracted = extract_all(pending, files, args.workers, lambda n: None)
            else:
                sample = extract_sample(pending, files, sources, args.per_source)
                extracted, by_source = sample.extracted, sample.by_source
        failed = sum(e.result is None for e in extracted)
        if args.extract == "all":
            times = per_doc_seconds(extracted)
            extract.note = (
                f"all extracted, {args.workers} workers; {failed} failed; "
                f"mean {sum(times) / max(1, len(times)):.2f} s/doc/worker"
            )
        else:
            measured_wall = extract.wall
            extract.wall = sample.projected_s / args.workers
            extract.projected = True
            # CPU seconds per second of the one measuring worker, over all projected core-seconds.
            extract.cpu = extract.cpu / measured_wall * sample.projected_s if measured_wall else 0
            slow = max(sample.by_source.items(), key=lambda kv: kv[1][0] * kv[1][1])
            extract.note = (
                f"projected: {sample.measured} docs measured one at a time "
                f"({measured_wall:.0f} s), {len(pending) - sample.measured:,} seeded; "
                f"{sample.projected_s:,.0f} core-s over {args.workers} workers; largest share: "
                f"{slow[0]} ({slow[1][0]:,} x {slow[1][1]:.1f} s)"
            )
        stages.append(extract)
        print(extract.line(), flush=True)
        if by_source:
            scans = {k: v for k, v in by_source.items() if k.startswith("scan_")}
            docs = sum(n for n, _ in scans.values())
            core_s = sum(n * t for n, t in scans.values())
            total = sum(n * t for n, t in by_source.values())
            print(f"  scans (OCR): {docs:,} docs ({docs / len(pending):.1%}), "
                  f"{core_s / total:.0%} of extraction core-s", flush=True)  # fmt: skip

        load = Stage("load", unit="docs")
        with measured(load, monitor):
            counts = load_all(db, extracted)
        load.items = len(extracted)
        load.note = f"loaded {counts.loaded:,}, failed {counts.failed}" + (
            "; seeded results" if args.extract == "sample" else ""
        )
        stages.append(load)
        print(load.line(), flush=True)

        stages.append(compare_stage("compare", db, out / "first", started, monitor, args.orgs))
        print(stages[-1].line(), flush=True)

        # --- the nightly refresh ---------------------------------------------------------------
        codes = [o.code for o in web.orgs if o.domain and len(web.sites[o.domain].documents) >= 2]
        step = max(1, len(codes) // max(1, args.changed))
        changed = codes[::step][: args.changed]
        for code in changed:
            server.control(f"/mutate?org={code}")
        print(f"-- refresh after {len(changed)} changed sites (one document changed, "
              "one removed on each)", flush=True)  # fmt: skip
        started = datetime.now(UTC)
        refresh_t0 = time.perf_counter()
        rcrawl, refresh = crawl_stage("refresh crawl", db, out, server, args.shards, monitor)
        stages.append(rcrawl)
        print(rcrawl.line(), flush=True)
        rpending = find_pending.fn(db, EXTRACTOR_VERSION)
        rextract = Stage("refresh extract", unit="docs", items=len(rpending))
        with measured(rextract, monitor):
            rextracted = extract_all(rpending, files, args.workers, lambda n: None)
        rextract.note = (
            f"all extracted for real; {sum(e.result is None for e in rextracted)} failed"
        )
        stages.append(rextract)
        print(rextract.line(), flush=True)
        rload = Stage("refresh load", unit="docs", items=len(rextracted))
        with measured(rload, monitor):
            rcounts = load_all(db, rextracted)
        rload.note = f"loaded {rcounts.loaded}"
        stages.append(rload)
        print(rload.line(), flush=True)
        stages.append(
            compare_stage("refresh compare", db, out / "refresh", started, monitor, args.orgs)
        )
        print(stages[-1].line(), flush=True)
        refresh_wall = time.perf_counter() - refresh_t0
        new_found, missed = changes_found(db, web, changed)
        print(f"  changed documents found: {new_found} of {new_found + len(missed)}", flush=True)
        for line in missed:
            print(f"    missed: {line}", flush=True)
    finally:
        monitor.stop()
        server.stop()

    first_wall = sum(s.wall for s in stages[:4])
    print(f"  first harvest total: {first_wall:,.0f} s"
          + (" (extraction projected)" if args.extract == "sample" else ""))  # fmt: skip
    print(f"  nightly refresh total: {refresh_wall:,.0f} s "
          f"({refresh_wall / 60:.1f} min; target < 30 min at 7,849)")  # fmt: skip
    print(f"  refresh / first harvest: {refresh_wall / first_wall:.2%}")
    bottleneck = max(stages[:4], key=lambda s: s.wall)
    print(f"  first-harvest bottleneck: {bottleneck.name} ({bottleneck.wall / first_wall:.0%})")
    print(f"  documents by source: {dict(kinds.most_common())}")
    figures = {
        "orgs": args.orgs,
        "shards": args.shards,
        "extract": args.extract,
        "stages": [s.__dict__ for s in stages],
        "first_wall": first_wall,
        "refresh_wall": refresh_wall,
        "first_new_documents": first.new,
        "refresh_new_versions": refresh.changed,
        "refresh_gone": refresh.gone,
        "refresh_changed_found": new_found,
        "refresh_changed_missed": missed,
        "extract_by_source": by_source,  # source -> (documents, measured mean s)
    }
    (out / "figures.json").write_text(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
