"""Timing and version helpers shared by the bench/ comparison scripts."""

from __future__ import annotations

import gc
import sys
import time
from importlib.metadata import PackageNotFoundError, version
from typing import Any, Callable


def best_of(n: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    """Best wall time of n runs and the last result; objects alive before a run are frozen out of the GC."""
    times, result = [], None
    for _ in range(n):
        result = None
        gc.collect()
        gc.freeze()
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
        gc.unfreeze()
    return min(times), result


def pkg_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return getattr(sys.modules.get(name), "__version__", "unknown")
