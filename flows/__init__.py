"""Prefect flows and the command line: the only place that wires spiders, extract and warehouse."""

import os

# Prefect reads its settings once, when first imported: prongsai's defaults go in first.
# No telemetry (no internet here), and a temporary API server may take longer than Prefect's
# 20 s to start on 2 busy cores (over 30 s while a national crawl ran).
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "300")
