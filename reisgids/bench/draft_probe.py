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


def _peak_rss_mb() -> float:
    """This process's peak resident memory. VmHWM, because ru_maxrss survives exec and would
    report the parent's peak (the bench process that just seeded a large database)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


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
            "rss_peak_mb": _peak_rss_mb(),
            "status": run.status,
            "counts": run.counts,
        }
    )
)
