"""Run the kompas draft once and print its wall time and memory as JSON (run in a subprocess)."""

import json
import os
import resource
import time
import tracemalloc

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reisgids.settings")
django.setup()

from kompas import services  # noqa: E402

tracemalloc.start()
start = time.perf_counter()
run = services.edition_draft()
seconds = time.perf_counter() - start
_current, peak = tracemalloc.get_traced_memory()
print(
    json.dumps(
        {
            "seconds": seconds,
            "python_peak_mb": peak / 2**20,
            "rss_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "status": run.status,
            "counts": run.counts,
        }
    )
)
