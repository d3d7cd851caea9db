"""Gazetteer speed: cold load, exact lookups/s (goal >= 200,000/s), search()/s, and the point
queries (first read of the unit polygons, legacy_region_at/region_at/within_country per second).

    /work/venv/bin/python bench/gazetteer_bench.py
"""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COLD = """
import time
t0 = time.perf_counter()
from geomap.gazetteer import Gazetteer
t1 = time.perf_counter()
Gazetteer.load()
t2 = time.perf_counter()
print(f"{(t1 - t0) * 1000:.1f} {(t2 - t1) * 1000:.1f}")
"""


def cold_load(runs: int = 5) -> tuple[float, float]:
    """Best of ``runs`` fresh interpreters: (import ms, load ms)."""
    samples = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", COLD], cwd=ROOT, check=True, capture_output=True, text=True)
        samples.append(tuple(map(float, out.stdout.split())))
    return min(s[0] for s in samples), min(s[1] for s in samples)


def rate(fn, items: list, seconds: float = 1.0) -> float:
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for item in items:
            fn(item)
        n += len(items)
    return n / (time.perf_counter() - start)


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from geomap.gazetteer import Gazetteer, normalise

    imp, load = cold_load()
    print(f"cold import {imp:.0f} ms, cold Gazetteer.load() {load:.0f} ms")
    g = Gazetteer.load()
    norms = sorted({n.norm for n in g.names()})
    misses = [n + " x" for n in norms[:1000]]
    print(f"lookup (hits):   {rate(g.lookup, norms):>12,.0f}/s over {len(norms)} names")
    print(f"lookup (misses): {rate(g.lookup, misses):>12,.0f}/s")
    raw = sorted({n.text for n in g.names()})
    normalise.cache_clear()
    print(f"normalise (uncached, first pass): {rate(normalise.__wrapped__, raw):>10,.0f}/s")
    queries = ["Aktau", "Alma-Atu", "Zhangozen", "Mangistau region", "Qwxzvbnm", "Semipalatinsk"]
    print(f"search():        {rate(g.search, queries, 2.0):>12,.0f}/s (mixed exact/fuzzy/miss)")

    start = time.perf_counter()
    units = g.region_polygons()
    print(f"region_polygons(), first call: {(time.perf_counter() - start) * 1000:.0f} ms ({len(units)} units)")
    kz = [(p.latitude, p.longitude) for p in g.places() if p.country == "KZ"]
    # A grid over Kazakhstan's bounding box: about half the points lie outside the country.
    box = [(lat / 2, lon / 2) for lat in range(80, 112) for lon in range(92, 176, 2)]
    for label, points in (("KZ places", kz), ("bbox grid", box)):
        for fn in (g.legacy_region_at, g.region_at, g.within_country):
            print(f"{fn.__name__ + '()':<20} {rate(lambda pt: fn(*pt), points):>10,.0f}/s over {label}")


if __name__ == "__main__":
    main()
