"""The pipeline joined up: one article through every stage, and a batch over many files.

``process_article`` is the unit of work (pure: an Article in, an ArticleResult out) so that
batches can run it in parallel; ``run_batch`` streams articles from ingest, writes every output
atomically, reports bad inputs with path and reason, and never stops at the first failure.
"""
from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import pandas as pd

from .errors import GeomapError, InputError
from .events import Event, extract_events
from .fsutil import atomic_write_text
from .gazetteer import Gazetteer
from .ingest import Article, read_articles
from .places import Mention, find_places
from .table import events_frame, merge_corpus, places_frame, write_csv, write_geojson
from .timex import infer_published


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Everything one article yields; ``published_reason`` says how the date was obtained."""

    article: Article
    published: date | None
    published_inferred: bool
    published_reason: str
    mentions: list[Mention]
    events: list[Event]

    def events_frame(self) -> pd.DataFrame:
        return events_frame(self.events, published=self.published,
                            published_inferred=self.published_inferred)

    def places_frame(self) -> pd.DataFrame:
        return places_frame(self.mentions, self.article.article_id)


def process_article(article: Article, gazetteer: Gazetteer | None = None, *,
                    today: date | None = None) -> ArticleResult:
    """Run places and events on one article, inferring its publication date when absent."""
    gaz = gazetteer or Gazetteer.load()
    published, inferred, reason = article.published, False, "given"
    if published is None:
        published, reason = infer_published(article.text, today)
        inferred = published is not None
        if published is None:
            reason = f"{reason}; relative dates resolved against today"
    mentions = find_places(article.text, gaz, published=published)
    events = extract_events(article.text, mentions, article_id=article.article_id,
                            published=published or today or date.today(), gazetteer=gaz)
    return ArticleResult(replace(article, published=published), published, inferred, reason,
                         mentions, events)


@dataclass(slots=True)
class BatchResult:
    """What a batch produced: per-article results (small), failures, written files."""

    results: list[ArticleResult] = field(default_factory=list)
    failures: list[InputError] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def process_inputs(inputs: Iterable[str | Path], *, published: date | None = None,
                   glob: str | None = None, gazetteer: Gazetteer | None = None,
                   progress: bool = True) -> BatchResult:
    """Read and extract every article under ``inputs``; bad files become failures, not crashes."""
    from tqdm import tqdm

    gaz = gazetteer or Gazetteer.load()
    batch = BatchResult()
    with tqdm(desc="articles", unit="article", disable=not progress, file=sys.stderr,
              dynamic_ncols=True) as bar:
        for item in read_articles(inputs, published=published, glob=glob):
            if isinstance(item, InputError):
                batch.failures.append(item)
                bar.write(f"error: {item}", file=sys.stderr)
            else:
                try:
                    batch.results.append(process_article(item, gaz))
                except GeomapError as exc:  # a stage refused this article: report, go on
                    batch.failures.append(InputError(item.path or item.article_id, str(exc),
                                                     item.line))
            bar.update(1)
            bar.set_postfix(failed=len(batch.failures), refresh=False)
    return batch


def corpus_frames(batch: BatchResult) -> tuple[pd.DataFrame, pd.DataFrame]:
    """All events (merged across articles) and all mentions of a batch."""
    from .table import EVENT_COLUMNS, PLACE_COLUMNS

    ev = [r.events_frame() for r in batch.results]
    pl = [r.places_frame() for r in batch.results]
    events = pd.concat(ev, ignore_index=True) if ev else events_frame([])
    places = pd.concat(pl, ignore_index=True) if pl else pd.DataFrame(columns=PLACE_COLUMNS)
    return merge_corpus(events)[EVENT_COLUMNS], places


def write_failures(failures: list[InputError], path: Path) -> Path:
    """failures.csv: path, line, reason — one row per input that could not be used."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["path", "line", "reason"])
    for f in failures:
        w.writerow([f.path, "" if f.line is None else f.line, f.reason])
    return atomic_write_text(path, buf.getvalue())


def write_tables(batch: BatchResult, out: Path) -> list[Path]:
    """events.csv, events.geojson, places.csv and failures.csv in ``out``."""
    events, places = corpus_frames(batch)
    kz = events[events["country"] == "KZ"]
    return [write_csv(kz, out / "events.csv"), write_geojson(kz, out / "events.geojson"),
            write_csv(places, out / "places.csv"), write_failures(batch.failures, out / "failures.csv")]


def map_file_name(article_id: str) -> str:
    """The per-article map's file name; never collides with index.html."""
    return f"article-{article_id}.html" if article_id.lower() == "index" else f"{article_id}.html"


def base_layers(gaz: Gazetteer) -> dict:
    """The vector base every map carries: the country outline and the main cities' labels."""
    cities = sorted((p for p in gaz.places() if p.country == "KZ" and p.kind == "city"
                     and p.population >= 250_000), key=lambda p: -p.population)
    return {"outline": gaz.country_outline,
            "cities": [(p.name, p.latitude, p.longitude) for p in cities]}


def write_maps(batch: BatchResult, out: Path, *, tiles: str = "none", assets: str = "cdn",
               cumulative: bool = False, gazetteer: Gazetteer | None = None) -> list[Path]:
    """index.html (whole corpus, with the list of articles) and one map per article."""
    from .render import render_map, save_map

    gaz = gazetteer or Gazetteer.load()
    base = base_layers(gaz)
    events, _ = corpus_frames(batch)
    events = events[events["country"] == "KZ"]
    articles = []
    for r in batch.results:
        a = r.article
        articles.append({"article_id": a.article_id, "title": a.title or a.article_id,
                         "url": a.url, "published": r.published.isoformat() if r.published else "",
                         "map_file": map_file_name(a.article_id), "n_events": len(r.events)})
    written = []
    for r, info in zip(batch.results, articles):
        frame = r.events_frame()
        frame = frame[frame["country"] == "KZ"]
        m = render_map(frame, [info], title=info["title"], tiles=tiles, cumulative=cumulative,
                       **base)
        written.append(save_map(m, out / info["map_file"], assets=assets))
    m = render_map(events, articles, title="geomap: all articles", tiles=tiles,
                   cumulative=cumulative, index=True, **base)
    written.append(save_map(m, out / "index.html", assets=assets))
    return written
