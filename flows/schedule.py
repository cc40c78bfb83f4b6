"""The nightly harvest: 02:00 Asia/Bangkok, every day.

Simplest (one machine, no server to run): ``prongsai serve --db URL --files DIR --to DIR``
calls `serve`, which registers the deployment ``harvest/nightly`` and runs it in this process at
each scheduled time (Prefect's ``flow.serve``). Stop it with Ctrl-C.

With a Prefect server and a work pool (the flow runs wherever a worker polls the pool)::

    prefect server start                                   # UI and API on http://127.0.0.1:4200
    export PREFECT_API_URL=http://127.0.0.1:4200/api       # on every machine below
    prefect work-pool create prongsai --type process
    python -c "from prongsai.flows.schedule import deploy; deploy('prongsai', db_url='postgresql+psycopg://...', files='/srv/prongsai/files', out_dir='/srv/prongsai/out')"
    prefect worker start --pool prongsai                   # one or more machines

``prefect deployment run harvest/nightly`` starts a harvest now; runs, logs and retries show in
the UI. For the extraction on a Dask cluster pass ``dask_address='tcp://scheduler:8786'``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect.schedules import Cron, Schedule

from prongsai.flows.harvest import DEFAULT_DB, DEFAULT_FILES, harvest

CRON = "0 2 * * *"
TIMEZONE = "Asia/Bangkok"
DEPLOYMENT = "nightly"


def nightly() -> Schedule:
    """The schedule: 02:00 every day, Bangkok time."""
    return Cron(CRON, timezone=TIMEZONE)


def parameters(
    db_url: str = DEFAULT_DB,
    files: Path = DEFAULT_FILES,
    out_dir: Path = Path("out/nightly"),
    dask_address: str | None = None,
) -> dict[str, Any]:
    """The harvest flow's parameters for a deployment (JSON-friendly)."""
    return {
        "db_url": db_url,
        "files": str(files),
        "out_dir": str(out_dir),
        "formats": ["csv", "parquet", "xlsx", "html"],
        "dask_address": dask_address,
    }


def serve(
    db_url: str = DEFAULT_DB,
    files: Path = DEFAULT_FILES,
    out_dir: Path = Path("out/nightly"),
    dask_address: str | None = None,
) -> None:
    """Serve the nightly harvest from this process until interrupted."""
    harvest.serve(
        name=DEPLOYMENT,
        schedules=[nightly()],
        parameters=parameters(db_url, files, out_dir, dask_address),
        description="crawl -> extract -> load -> comparisons and compliance, nightly",
        tags=["prongsai", "nightly"],
    )


def deploy(work_pool: str, **kwargs: Any) -> Any:
    """Register the nightly deployment with a Prefect server for workers of `work_pool`.

    The code is taken from this installed package (the worker must have prongsai installed).
    """
    return harvest.deploy(
        name=DEPLOYMENT,
        work_pool_name=work_pool,
        schedules=[nightly()],
        parameters=parameters(**kwargs),
        build=False,
        push=False,
        image=None,
        tags=["prongsai", "nightly"],
    )
