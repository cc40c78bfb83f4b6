"""`python -m prongsai.sample.web.bench --port P`: requests per second against a running server.

Run the client in its own process so it does not share the server's GIL.
"""

from __future__ import annotations

import argparse
import http.client
import json
import threading
import time


def measure(
    port: int, *, threads: int = 16, per_thread: int = 200, keep_alive: bool = True
) -> float:
    """Small GET / requests spread over the first 1,000 sites; returns requests per second."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/state", headers={"Host": "control.sample"})
    state = json.loads(conn.getresponse().read())
    conn.request("GET", "/domains", headers={"Host": "control.sample"})
    domains = [d for d in json.loads(conn.getresponse().read()) if d != state["hang"]][:1000]
    conn.close()
    done = [0] * threads

    def worker(index: int) -> None:
        client: http.client.HTTPConnection | None = None
        for k in range(per_thread):
            if client is None or not keep_alive:
                client = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            domain = domains[(index * per_thread + k) % len(domains)]
            client.request("GET", "/", headers={"Host": domain})
            client.getresponse().read()
            if not keep_alive:
                client.close()
            done[index] += 1

    workers = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return sum(done) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8800)
    args = parser.parse_args()
    for keep in (True, False):
        rate = measure(args.port, keep_alive=keep)
        print(f"keep_alive={keep}: {rate:.0f} requests/s")


if __name__ == "__main__":
    main()
