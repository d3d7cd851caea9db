"""Table stage: events and mentions as pandas DataFrames (ACLED-like columns) and their exports.

Entry points: :func:`events_frame`, :func:`places_frame`, :func:`merge_corpus`, and the writers.
Column names and order follow ``docs/event-schema.md`` exactly so the CSV drops into tools that
read ACLED exports; ``published`` and ``published_inferred`` follow at the end.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .fsutil import atomic_write_text, spreadsheet_safe

if TYPE_CHECKING:
    from .events import Event
    from .places import Mention

EVENT_COLUMNS = [
    "event_id", "article_id", "event_date", "event_date_end", "time_precision", "event_type",
    "sub_event_type", "action", "location", "place_id", "place_kind", "admin1", "country",
    "latitude", "longitude", "geo_precision", "participants_min", "participants_max",
    "participants_text", "injured", "killed", "detained", "actors", "mention", "evidence",
    "evidence_start", "evidence_end", "confidence", "sources", "published", "published_inferred",
]
PLACE_COLUMNS = [
    "article_id", "mention", "start", "end", "status", "place_id", "name", "kind", "admin1",
    "country", "latitude", "longitude", "precision", "reason",
]
INT_COLUMNS = ["participants_min", "participants_max", "injured", "killed", "detained"]


def event_rows(events: Iterable[Event], *, published: date | None = None,
               published_inferred: bool = False) -> list[tuple]:
    """Events as rows of :data:`EVENT_COLUMNS` values: plain tuples, cheap to pickle, cache and
    load (a per-article DataFrame costs a millisecond to unpickle), made into one table at the end."""
    pub = published.isoformat() if published else ""
    return [(e.event_id, e.article_id, e.event_date.isoformat(), e.event_date_end.isoformat(),
             e.time_precision, e.event_type, e.sub_event_type, e.action, e.place.name,
             e.place.place_id, e.place.kind, e.place.admin1, e.place.country, e.place.latitude,
             e.place.longitude, e.geo_precision, e.participants_min, e.participants_max,
             e.participants_text, e.injured, e.killed, e.detained, "; ".join(e.actors), e.mention,
             e.evidence, e.evidence_start, e.evidence_end, e.confidence, ";".join(e.sources),
             pub, published_inferred)
            for e in events]


def events_table(rows: Iterable[tuple]) -> pd.DataFrame:
    """Rows from :func:`event_rows` -> DataFrame with :data:`EVENT_COLUMNS` (nullable integer counts)."""
    return _typed(pd.DataFrame(list(rows), columns=EVENT_COLUMNS))


def events_frame(events: Iterable[Event], *, published: date | None = None,
                 published_inferred: bool = False) -> pd.DataFrame:
    """Events -> DataFrame with :data:`EVENT_COLUMNS` (nullable integer counts)."""
    return events_table(event_rows(events, published=published,
                                   published_inferred=published_inferred))


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    for col in INT_COLUMNS:
        df[col] = pd.array(df[col].tolist(), dtype="Int64")
    for col in ("time_precision", "geo_precision", "evidence_start", "evidence_end"):
        df[col] = df[col].astype("int64")
    df["published_inferred"] = df["published_inferred"].astype(bool)
    return df


def places_frame(mentions: Iterable[Mention], article_id: str) -> pd.DataFrame:
    """Mentions → DataFrame with :data:`PLACE_COLUMNS` (one row per mention, rejected ones too)."""
    rows = []
    for m in mentions:
        p = m.place
        rows.append({
            "article_id": article_id, "mention": m.text, "start": m.start, "end": m.end,
            "status": m.status, "place_id": p.place_id if p else "", "name": p.name if p else "",
            "kind": p.kind if p else "", "admin1": p.admin1 if p else "",
            "country": p.country if p else "", "latitude": p.latitude if p else None,
            "longitude": p.longitude if p else None, "precision": p.precision if p else "",
            "reason": m.reason,
        })
    return pd.DataFrame(rows, columns=PLACE_COLUMNS)


def _joined(sep: str, split: str | None = None) -> Callable[[list[str]], str]:
    """The distinct non-empty items of a group's cells (each split on ``split`` first), in order."""
    def agg(cells: list[str]) -> str:
        items = (x for cell in cells for x in (cell.split(split) if split else [cell]) if x)
        return sep.join(dict.fromkeys(items))
    return agg


# Aggregated by merge_corpus in plain Python, over the list of a group's cells.
_BY_HAND: dict[str, Callable[[list], str]] = {
    "event_date_end": max,  # ISO dates
    "participants_text": _joined(" | "), "evidence": _joined(" | "), "actors": _joined("; ", "; "),
    "sources": lambda cells: ";".join(sorted({s for cell in cells for s in cell.split(";") if s})),
}


def merge_corpus(df: pd.DataFrame) -> pd.DataFrame:
    """Reports of the same event (place, day, type) from several articles become one row.

    Crowd sizes become the range over reports, killed the lowest report (ACLED's conservative
    rule), injured and detained the highest; evidence and sources keep every report. Vectorised
    (one groupby) because a corpus has hundreds of thousands of rows.
    """
    if df.empty or df["article_id"].nunique() < 2:
        return df.copy()
    # measures and arrests merge only with the same action (a curfew is not an arrest)
    keys = ["place_id", "event_date", "event_type", "_measure"]
    df = df.reset_index(drop=True)
    df["_measure"] = df["action"].where(df["event_type"] == "Strategic developments", "")
    sizes = df.groupby(keys, sort=False)["event_id"].transform("size")
    single, multi = df[sizes == 1], df[sizes > 1]
    if multi.empty:
        return df[EVENT_COLUMNS].copy()

    grouped = multi.groupby(keys, sort=False)
    merged = grouped.agg(
        {**{c: "first" for c in EVENT_COLUMNS if c not in keys and c not in _BY_HAND},
         "time_precision": "min", "participants_min": "min", "participants_max": "max",
         "injured": "max", "killed": "min", "detained": "max", "confidence": "max"},
    ).reset_index()
    # text columns are aggregated in plain Python over lists: pandas would call a Python
    # function (or its fallback for strings) per group and Series, a second per 10,000 groups
    codes = grouped.ngroup().tolist()
    for col, agg in _BY_HAND.items():
        cells: list[list] = [[] for _ in range(grouped.ngroups)]
        for code, cell in zip(codes, multi[col].tolist()):
            cells[code].append(cell)
        merged[col] = [agg(c) for c in cells]
    merged["event_id"] = [
        "corpus-" + hashlib.sha1("|".join(x for x in k if x).encode()).hexdigest()[:12]
        for k in zip(merged["place_id"], merged["event_date"], merged["event_type"],
                     merged["_measure"])]
    # keep the corpus order: each merged event where its first report was
    first = grouped.head(1).index
    merged.index = first
    out = pd.concat([single, merged[EVENT_COLUMNS]]).sort_index()
    return _typed(out.reset_index(drop=True)[EVENT_COLUMNS])


def write_csv(df: pd.DataFrame, path: str | Path) -> Path:
    """Atomic CSV export (UTF-8, ISO dates, empty cells for unknown counts)."""
    return atomic_write_text(path, csv_text(df))


def csv_text(df: pd.DataFrame, header: bool = True) -> str:
    """The CSV of ``df`` with its text cells made spreadsheet-safe."""
    text_columns = [c for c in df.columns if not pd.api.types.is_numeric_dtype(df[c])
                    and not pd.api.types.is_datetime64_any_dtype(df[c])]
    safe = df.assign(**{c: df[c].map(spreadsheet_safe) for c in text_columns}) if text_columns else df
    return safe.to_csv(index=False, header=header, lineterminator="\n")


def to_geojson(df: pd.DataFrame) -> dict:
    """Events as a GeoJSON FeatureCollection (Point per event; properties = the other columns)."""
    features = []
    for rec in df.to_dict("records"):
        props = {k: (None if _isna(v) else v) for k, v in rec.items()
                 if k not in ("latitude", "longitude")}
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [rec["longitude"], rec["latitude"]]},
            "properties": props,
        })
    return {"type": "FeatureCollection", "features": features}


def _isna(v) -> bool:
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def write_geojson(df: pd.DataFrame, path: str | Path) -> Path:
    """Atomic GeoJSON export."""
    return atomic_write_text(path, json.dumps(to_geojson(df), ensure_ascii=False, indent=1,
                                              default=_json_default) + "\n")


def write_jsonl(df: pd.DataFrame, path: str | Path) -> Path:
    """Atomic JSON-lines export, one event per line."""
    lines = [json.dumps({k: (None if _isna(v) else v) for k, v in rec.items()},
                        ensure_ascii=False, default=_json_default)
             for rec in df.to_dict("records")]
    return atomic_write_text(path, "".join(line + "\n" for line in lines))


def _json_default(v):
    if hasattr(v, "item"):
        return v.item()
    return str(v)
