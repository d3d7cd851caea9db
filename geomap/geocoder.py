"""A geopy geocoder backed by the offline gazetteer, so code written for Nominatim runs offline.

``OfflineGeocoder().geocode("Zhanaozen")`` answers from :mod:`geomap.gazetteer`; only when a
``fallback`` geopy geocoder is given (off by default) do names the gazetteer lacks go online,
through geopy's RateLimiter, with every answer cached on disk so a re-run asks nothing twice.
"""
from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from .gazetteer import Candidate, Gazetteer, Place, normalise

CACHE_FILE = "geocode-cache.sqlite"


def _location(place: Place) -> Location:
    parts = [place.name]
    if place.admin1 and place.admin1 != place.name:
        parts.append(place.admin1)
    if place.kind != "country":
        parts.append(place.country)
    return Location(", ".join(parts), Point(place.latitude, place.longitude), dataclasses.asdict(place))


class OfflineGeocoder(Geocoder):
    """geopy-compatible geocoder over the offline gazetteer.

    ``geocode("Aktau, Karaganda Region")``: the part before the first comma is the name; later
    parts (a region or country) keep only candidates inside them, as Nominatim would.
    """

    def __init__(self, gazetteer: Gazetteer | None = None, *, fallback: Geocoder | None = None,
                 cache_dir: str | Path | None = None, min_delay_seconds: float = 1.0,
                 user_agent: str = "geomap-offline") -> None:
        super().__init__(user_agent=user_agent)
        self.gazetteer = gazetteer or Gazetteer.load()
        self._fallback = (RateLimiter(fallback.geocode, min_delay_seconds=min_delay_seconds, max_retries=1)
                          if fallback is not None else None)
        self._cache: sqlite3.Connection | None = None
        if fallback is not None and cache_dir is not None:
            Path(cache_dir).mkdir(parents=True, exist_ok=True)
            self._cache = sqlite3.connect(Path(cache_dir) / CACHE_FILE, check_same_thread=False)
            self._cache.execute("CREATE TABLE IF NOT EXISTS geocode (query TEXT PRIMARY KEY, answer TEXT)")

    # offline ----------------------------------------------------------------------------------
    def candidates(self, query: str, limit: int = 10) -> list[Candidate]:
        """Gazetteer candidates for a Nominatim-style free-text query."""
        parts = [p for p in (s.strip() for s in str(query).split(",")) if p]
        if not parts:
            return []  # an empty query names nothing
        name, *context = parts
        found = self.gazetteer.search(name, limit=limit if not context else max(limit, 50))
        for part in context:
            inside = {c.place.place_id for c in self.gazetteer.lookup(normalise(part))}
            found = [c for c in found if {c.place.parent_id, f"iso:{c.place.admin1_code}",
                                          f"country:{c.place.country}"} & inside]
        return found[:limit]

    def geocode(self, query, exactly_one: bool = True, timeout=None, **kwargs):
        """Location (or a list of them with ``exactly_one=False``; ``limit=`` caps it) or None.
        A dict query (Nominatim's structured form) is joined most-specific first."""
        if isinstance(query, dict):
            query = ", ".join(str(v) for v in query.values() if v)
        found = self.candidates(query, limit=int(kwargs.get("limit") or 10))
        if found:
            locations = [_location(c.place) for c in found]
            return locations[0] if exactly_one else locations
        if self._fallback is None:
            return None
        return self._online(str(query), exactly_one, timeout)

    def reverse(self, query, exactly_one: bool = True, timeout=None, **kwargs):
        """Nearest Kazakh populated place to ``query`` (a Point, "lat, lon" or (lat, lon)), or None
        for points well outside Kazakhstan; never goes online."""
        point = Point(query)
        place = self.gazetteer.reverse(point.latitude, point.longitude)
        if place is None:
            return None
        location = _location(place)
        return location if exactly_one else [location]

    # online fallback ----------------------------------------------------------------------------
    def _online(self, query: str, exactly_one: bool, timeout):
        key = json.dumps([query, exactly_one])
        if self._cache is not None:
            row = self._cache.execute("SELECT answer FROM geocode WHERE query = ?", (key,)).fetchone()
            if row is not None:
                return _decode(json.loads(row[0]), exactly_one)
        answer = self._fallback(query, exactly_one=exactly_one, timeout=timeout)
        if self._cache is not None:
            items = [] if answer is None else [answer] if exactly_one else list(answer)
            encoded = [[loc.address, loc.latitude, loc.longitude, loc.raw] for loc in items]
            with self._cache:
                self._cache.execute("INSERT OR REPLACE INTO geocode VALUES (?, ?)", (key, json.dumps(encoded)))
        return answer


def _decode(items: list, exactly_one: bool):
    locations = [Location(a, Point(lat, lon), raw) for a, lat, lon, raw in items]
    if not locations:
        return None
    return locations[0] if exactly_one else locations
