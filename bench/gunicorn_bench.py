"""gunicorn settings for `make bench`: the deployed ones (deploy/gunicorn.conf.py), the same for all
three sites, minus what would distort a benchmark. The app to serve is the command's argument."""

import os
import runpy
from pathlib import Path
from types import ModuleType

DEPLOYED = Path(__file__).resolve().parent.parent / "deploy" / "gunicorn.conf.py"

globals().update(
    {
        name: value
        for name, value in runpy.run_path(str(DEPLOYED)).items()
        if not name.startswith("_") and not isinstance(value, ModuleType)
    }
)

# One log line per request would cost the fast sites (the ceiling) more than the slow ones.
accesslog = None
# Recycling every ~2000 requests would restart the ceiling's workers every second and hide
# the memory a worker grows to; the bench is short enough not to need it.
max_requests = 0
max_requests_jitter = 0
# A gthread worker accepts every connection it sees while it polls, busy or not: when wrk opens its
# 16 keep-alive connections at once, the worker that wakes first can take all 16 and serve them on
# one core while the other idles (measured: the same page at 57 or 100 req/s from run to run). Each
# worker takes at most its share of wrk's connections, so every site gets both cores in every run.
worker_connections = int(os.environ.get("BENCH_WORKER_CONNECTIONS", 8))
# The stock site and the ceiling live in their own folders.
pythonpath = os.environ.get("BENCH_GUNICORN_PYTHONPATH", pythonpath)  # noqa: F821 (from the deployed file)
