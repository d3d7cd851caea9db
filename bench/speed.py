"""Throughput of mention finding (geomap vs geotext) and of the whole pipeline, on one core.

    /work/venv/bin/python bench/speed.py [--n 500] [--seed 0]

Same synthetic ~4 KB articles (bench/corpus.py) for every contender, in one run, after one
warm-up article each (so gazetteer loading and regex compilation are not counted). Also counts
the Kazakhstan place mentions each one found, since speed without recall means nothing.
"""
from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import articles  # noqa: E402


def timed(fn, items) -> tuple[float, int]:
    """(seconds, KZ mentions) for ``fn`` over ``items``; ``fn`` returns a KZ-mention count."""
    fn(items[0])
    start = time.perf_counter()
    found = sum(fn(a) for a in items)
    return time.perf_counter() - start, found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=500, help="articles (default 500)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)

    items = list(articles(args.n, args.seed))
    mb = sum(len(a.text.encode("utf-8")) for a in items) / 1e6
    print(f"{len(items)} synthetic articles, {mb:.2f} MB ({mb * 1e6 / len(items) / 1024:.1f} KB each)")

    from geomap.gazetteer import Gazetteer
    from geomap.places import find_places
    gaz = Gazetteer.load()

    def geomap_places(a) -> int:
        ms = find_places(a.text, gaz, published=a.published)
        return sum(m.status == "resolved" and m.place.country == "KZ" for m in ms)

    rows = [("geomap find_places", *timed(geomap_places, items))]
    try:
        from geotext import GeoText

        def geotext_places(a) -> int:
            return GeoText(a.text).country_mentions.get("KZ", 0)

        rows.append(("geotext GeoText", *timed(geotext_places, items)))
    except ImportError as exc:
        print(f"geotext not installed: {exc}")
    try:
        from geomap.events import extract_events

        def pipeline(a) -> int:
            ms = find_places(a.text, gaz, published=a.published)
            extract_events(a.text, ms, article_id=a.id, published=a.published, gazetteer=gaz)
            return sum(m.status == "resolved" and m.place.country == "KZ" for m in ms)

        rows.append(("places + events", *timed(pipeline, items)))
    except Exception:
        print("events stage unavailable or failing:\n" + traceback.format_exc(limit=3))

    print(f"{'contender':22s} {'articles/s':>11s} {'MB/s':>7s} {'KZ mentions':>12s}")
    for name, secs, found in rows:
        print(f"{name:22s} {len(items) / secs:11.1f} {mb / secs:7.2f} {found:12d}")
    languages(gaz)
    return 0


def languages(gaz, rounds: int = 3) -> None:
    """Cost per 1,000 characters of the whole pipeline on the held-out articles, English against
    Russian (the Russian plug-in reads its names through a morphological analyser)."""
    from geomap.ingest import read_articles
    from geomap.pipeline import process_article

    data = ROOT / "bench" / "data" / "articles"
    print(f"{'held-out articles':22s} {'ms/article':>11s} {'ms/1k chars':>12s}")
    per_kb = {}
    for lang, pattern in (("English", "[0-9b]*.txt"), ("Russian", "ru*.txt")):
        arts = list(read_articles(sorted(data.glob(pattern))))
        process_article(arts[0], gaz)  # warm-up: the analyser loads on the first Russian article
        start = time.perf_counter()
        for _ in range(rounds):
            for a in arts:
                process_article(a, gaz)
        secs = (time.perf_counter() - start) / rounds
        kb = sum(len(a.text) for a in arts) / 1000
        per_kb[lang] = 1000 * secs / kb
        print(f"{lang + f' ({len(arts)})':22s} {1000 * secs / len(arts):11.1f} {per_kb[lang]:12.2f}")
    print(f"Russian / English cost per character: {per_kb['Russian'] / per_kb['English']:.2f}x")


if __name__ == "__main__":
    sys.exit(main())
