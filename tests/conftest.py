"""Suite-wide settings: pythainlp must never reach for the network."""

from __future__ import annotations

import os

os.environ["PYTHAINLP_OFFLINE"] = "1"
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
