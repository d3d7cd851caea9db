"""geomap: offline geoparsing and time-slider maps of protest events in Kazakhstan.

Notebook API::

    import geomap
    df = geomap.extract("seeds/000_ded7867c82757ddc.txt")   # or a string of article text
    geomap.map_articles(["seeds/"])                          # a folium.Map, shown inline
"""
from __future__ import annotations

from datetime import date
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import GazetteerError, GeomapError, InputError, OutputError

if TYPE_CHECKING:
    import folium
    import pandas as pd

__version__ = "0.1.0"
__all__ = ["extract", "map_articles", "OfflineGeocoder", "Gazetteer", "GeomapError",
           "InputError", "GazetteerError", "OutputError", "__version__"]


def _published(value: date | str | None) -> date | None:
    """A publication date from the API: a date or an ISO string, checked as the CLI checks it."""
    from .ingest import plausible_published

    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"published={value!r}: not a date (YYYY-MM-DD)") from None
    if not isinstance(value, date):
        raise TypeError(f"published must be a date or 'YYYY-MM-DD', not {type(value).__name__}")
    try:
        return plausible_published(value.date() if hasattr(value, "hour") else value)
    except ValueError as exc:
        raise ValueError(f"published={value.isoformat()}: {exc}") from None


def _is_path(value: str | PathLike) -> bool:
    if isinstance(value, PathLike):
        return True
    if not value.strip() or "\n" in value or "\0" in value or len(value) >= 4096:
        return False  # ("" is no path: Path("") is the current folder)
    try:  # a one-line text longer than a file name may be ("x" * 300) is text, not an error
        return Path(value).exists()
    except (OSError, ValueError):
        return False


def extract(text_or_path: str | bytes | PathLike, published: date | str | None = None) -> "pd.DataFrame":
    """The event table of one text, or of every article in a file or folder.

    Raises :class:`InputError` when a given file cannot be read (a batch skips such files;
    a notebook call on one file should say so).
    """
    from .ingest import article_from_text
    from .pipeline import corpus_frames, process_article, process_inputs

    published = _published(published)
    if isinstance(text_or_path, bytes):
        text_or_path = text_or_path.decode("utf-8", "replace")
    if not isinstance(text_or_path, (str, PathLike)):
        raise TypeError(f"extract() takes article text (str or bytes) or a path, not {type(text_or_path).__name__}")
    if _is_path(text_or_path):
        batch = process_inputs([text_or_path], published=published, progress=False)
        if batch.failures and not batch.results:
            raise batch.failures[0]
        return corpus_frames(batch)[0]
    return process_article(article_from_text(str(text_or_path), published=published)).events_frame()


def map_articles(paths: list[str | PathLike] | str | PathLike, published: date | None = None,
                 *, cumulative: bool = False) -> "folium.Map":
    """A time-slider map of every event in the given files/folders (displays inline in Jupyter)."""
    from .gazetteer import Gazetteer
    from .pipeline import base_layers, corpus_frames, process_inputs
    from .render import render_map

    if isinstance(paths, (str, PathLike)):
        paths = [paths]
    batch = process_inputs(paths, published=_published(published), progress=False)
    if batch.failures and not batch.results:
        raise batch.failures[0]  # (as extract() does: an empty map would hide why)
    events = corpus_frames(batch)[0]
    articles = [{"article_id": r.article.article_id, "title": r.article.title or r.article.article_id,
                 "url": r.article.url, "published": r.published.isoformat() if r.published else "",
                 "map_file": "", "n_events": len(r.events)} for r in batch.results]
    return render_map(events[events["country"] == "KZ"], articles, cumulative=cumulative,
                      **base_layers(Gazetteer.load()))


def __getattr__(name: str):
    # Lazy so that `import geomap` stays cheap (geopy, shapely load on first use).
    if name == "OfflineGeocoder":
        from .geocoder import OfflineGeocoder
        return OfflineGeocoder
    if name == "Gazetteer":
        from .gazetteer import Gazetteer
        return Gazetteer
    raise AttributeError(name)
