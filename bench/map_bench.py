"""Map size and opening time for synthetic event tables (1k / 10k / 100k events).

Run: PYTHONPATH=. python bench/map_bench.py [N ...] [--no-clusters]   (needs tests/setup-browser.sh done)
Prints, per size: markers after grouping, render+save seconds, HTML MB, and the time headless
chromium takes from opening the saved file (file://, its lib/ beside it, every other request
blocked) until the first markers and the histogram are drawn, and to jump the slider. Timings vary with machine load: run it on an otherwise idle machine.
Goals: 100k events open in < 3 s, HTML < 25 MB.
"""
from __future__ import annotations

import sys
import time
from datetime import date, timedelta
from urllib.parse import urlsplit
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from browser_support import JS_STATE, chromium, kz_polygon  # noqa: E402

from folium.plugins import Timeline  # noqa: E402

from geomap import assets  # noqa: E402
from geomap.render import render_map, save_map  # noqa: E402

OUT = Path(__file__).parent / "out"
LOCAL_SCHEMES = ("file", "data", "blob", "about")
TYPES = ["Protests", "Protests", "Protests", "Riots", "Strategic developments", "Violence against civilians"]
KINDS = ["city", "town", "village", "landmark", "region"]


def synthetic_events(n: int, places: int = 150, days: int = 60, seed: int = 1) -> pd.DataFrame:
    """``n`` events at ``places`` fixed points over ``days`` days, with ~120-character evidence."""
    rng = np.random.default_rng(seed)
    lat, lon = rng.uniform(42.0, 53.0, places), rng.uniform(50.0, 82.0, places)
    place = rng.integers(0, places, n)
    start = rng.integers(0, days, n)
    span = rng.choice([0, 0, 0, 1, 3], n)
    base = date(2022, 1, 1)
    crowd = pd.array(np.where(rng.random(n) < 0.3, None, rng.integers(10, 20000, n)), dtype="Int64")
    return pd.DataFrame({
        "event_id": [f"ev{i:06d}" for i in range(n)], "article_id": [f"art{i % 500:03d}" for i in range(n)],
        "event_date": [(base + timedelta(days=int(d))).isoformat() for d in start],
        "event_date_end": [(base + timedelta(days=int(d + s))).isoformat() for d, s in zip(start, span)],
        "time_precision": rng.choice([1, 1, 2, 3], n), "event_type": rng.choice(TYPES, n),
        "sub_event_type": "Peaceful protest", "action": "rally",
        "location": [f"Place {p}" for p in place], "place_id": [f"gn:{p}" for p in place],
        "place_kind": [KINDS[p % len(KINDS)] for p in place], "admin1": "", "country": "KZ",
        "latitude": lat[place], "longitude": lon[place], "geo_precision": 1,
        "participants_min": crowd, "participants_max": crowd, "participants_text": "",
        "injured": pd.array([None] * n, dtype="Int64"), "killed": pd.array([None] * n, dtype="Int64"),
        "detained": pd.array(rng.integers(0, 50, n), dtype="Int64"),
        "actors": "protesters", "mention": "", "evidence_start": 0, "evidence_end": 120, "confidence": 0.8,
        "evidence": [f"Residents of Place {p} gathered on the central square demanding lower fuel prices "
                     f"and the resignation of local officials (report {i})." for i, p in enumerate(place)],
        "sources": [f"art{i % 500:03d}" for i in range(n)], "published": "2022-03-01", "published_inferred": False,
    })


def bench(n: int, browser) -> dict:
    events = synthetic_events(n)
    articles = [{"article_id": f"art{i:03d}", "title": f"Article {i}", "url": f"https://example.org/{i}",
                 "published": "2022-03-01", "map_file": f"{i:03d}.html", "n_events": 0} for i in range(500)]
    t0 = time.perf_counter()
    m = render_map(events, articles, outline=kz_polygon(), index=False, cluster="--no-clusters" not in sys.argv)
    path = save_map(m, OUT / f"bench_{n}.html", assets="local")
    build = time.perf_counter() - t0
    features = sum(len(c.data["features"]) for c in m._children.values() if isinstance(c, Timeline))
    # opened from disk, as a user double-clicks it (its lib/ beside it); any other request is a bug
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    page = context.new_page()
    blocked: list[str] = []

    def local_only(route) -> None:
        if urlsplit(route.request.url).scheme in LOCAL_SCHEMES:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", local_only)
    t0 = time.perf_counter()
    page.goto(path.resolve().as_uri(), wait_until="commit")
    page.wait_for_function(f"() => {{ try {{ return ({JS_STATE})().markers > 0 && "
                           f"document.querySelectorAll('#gm-hist .gm-day').length > 0; }} catch (e) {{ return false; }} }}",
                           timeout=120_000, polling=20)
    opened = time.perf_counter() - t0
    t0 = time.perf_counter()
    shown = page.evaluate("""() => { const s = document.querySelector('input.time-slider');
        s.value = String((+s.min + +s.max) / 2); s.dispatchEvent(new Event('input'));
        return Object.values(window).filter(o => o instanceof L.Timeline)
            .reduce((n, t) => n + t.getLayers().length, 0); }""")
    jump = time.perf_counter() - t0
    context.close()
    assert not blocked, blocked
    return {"events": n, "markers": features, "build_s": build, "html_mb": path.stat().st_size / 1e6,
            "open_s": opened, "slider_jump_s": jump, "shown_mid": shown}


def main(sizes: list[int]) -> None:
    assets.check_mirror(assets.mirror_root())  # save_map(assets='local') copies lib/ from it
    print(f"{'events':>8} {'markers':>8} {'build s':>8} {'HTML MB':>8} {'open s':>7} {'jump s':>7} {'shown':>6}")
    with chromium() as browser:
        for n in sizes:
            r = bench(n, browser)
            print(f"{r['events']:>8} {r['markers']:>8} {r['build_s']:>8.2f} {r['html_mb']:>8.2f} "
                  f"{r['open_s']:>7.2f} {r['slider_jump_s']:>7.3f} {r['shown_mid']:>6}", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:] if a.isdigit()] or [1_000, 10_000, 100_000])
