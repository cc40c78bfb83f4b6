"""`python -m prongsai.sample.web --port 8800 [--sites N]`: serve the sample web until stopped."""

from __future__ import annotations

import argparse
import signal
import threading
from pathlib import Path
from types import FrameType

from prongsai.sample.web.registry import REGISTRY_CSV
from prongsai.sample.web.server import CONTROL_HOST, LOOPBACK, make_server
from prongsai.sample.web.sites import SampleWeb


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m prongsai.sample.web", description=__doc__)
    parser.add_argument("--port", type=int, default=8800, help="0 picks a free port")
    parser.add_argument("--host", default=LOOPBACK, help="only 127.0.0.1 is accepted")
    parser.add_argument("--sites", type=int, default=None, help="serve only the first N sites")
    parser.add_argument("--registry", type=Path, default=REGISTRY_CSV)
    parser.add_argument("--corpus", type=Path, default=None, help="default: sample/corpus")
    parser.add_argument(
        "--national",
        type=Path,
        default=None,
        metavar="JSON",
        help="one site per organization of localAuthorities.json (see sample/web/national.py)",
    )
    args = parser.parse_args(argv)
    web: SampleWeb | None = None
    if args.national is not None:
        from prongsai.sample.web.national import NationalWeb

        web = NationalWeb.from_json(args.national, sites=args.sites, corpus_dir=args.corpus)
    try:
        server = make_server(
            args.port,
            host=args.host,
            sites=args.sites,
            registry=args.registry,
            corpus_dir=args.corpus,
            web=web,
        )
    except ValueError as exc:
        parser.error(str(exc))

    def stop(signum: int, frame: FrameType | None) -> None:
        del signum, frame
        # shutdown() waits for serve_forever(), which runs in this very thread.
        threading.Thread(target=server.stop, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    served = server.web
    print(
        f"serving {len(served.sites)} sample sites on http://{LOOPBACK}:{server.port} "
        f"(control host {CONTROL_HOST}; hanging site {served.hang_domain})",
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.stop()
    print("sample web stopped", flush=True)


if __name__ == "__main__":
    main()
