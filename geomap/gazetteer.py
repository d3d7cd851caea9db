"""The offline Kazakhstan gazetteer: places, their names in every spelling, the country outline and
Natural Earth's (pre-2018) first-level unit polygons.

The data are built once by ``gazetteer/build.py`` (GeoNames, ISO 3166, Natural Earth) and read here
from a few hundred KB of CSV, so loading stays well under the time of one article.  Names are matched
on a normal form (:func:`normalise`) that erases the differences transliteration and machine
translation introduce (case, diacritics, Kazakh-specific Cyrillic letters, hyphens, apostrophes).
"""
from __future__ import annotations

import csv
import json
import math
import os
import re
import unicodedata
from collections import defaultdict
import dataclasses
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import numpy as np
import shapely
import shapely.geometry
import shapely.ops
from rapidfuzz import fuzz, process

from .errors import GazetteerError
from .fsutil import data_dir

KINDS = ("country", "region", "city", "town", "village", "landmark")
POPULATED = frozenset({"city", "town", "village"})
PRECISIONS = ("exact", "city-centre", "centroid")
PLACE_COLUMNS = ("place_id", "name", "kind", "latitude", "longitude", "country", "admin1_code",
                 "population", "parent_id", "precision", "source", "licence")
REQUIRED_OVERLAY_COLUMNS = ("place_id", "name", "kind", "latitude", "longitude")
FUZZY_CUTOFF = 80.0  # rapidfuzz ratio; "Alma-Atu"~"Alma-Ata" is 87.5, "Zhangozen"~"Zhangaozen" 94.7
REVERSE_BUFFER_KM = 50.0  # reverse()/region_at() answer only for points this close to Kazakhstan
LEGACY_BUFFER_KM = 10.0  # legacy_region_at(): generalised borders are ~1-2 km off (Khorgos: 1.5 km)
REGIONS_FILE = "regions-ne.geojson"
EARTH_KM = 6371.0088


# --- normal form -------------------------------------------------------------------------------

def _fold_table() -> dict[int, str | None]:
    """One str.translate table for every character-level rule of :func:`normalise`."""
    table: dict[int, str | None] = {}
    # Latin letters with diacritics -> base letter (Mañğıstaw -> mangistaw); Cyrillic is left alone
    # so that й/ё are not decomposed by accident.
    for cp in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        base = "".join(c for c in unicodedata.normalize("NFKD", chr(cp)) if not unicodedata.combining(c))
        if base.isascii() and base.isalpha() and base != chr(cp):
            table[cp] = base.lower()
    table.update({ord(k): v for k, v in {
        "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ŧ": "t", "æ": "ae", "œ": "oe", "ß": "ss",
        "ё": "е", "ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и",
    }.items()})
    # Apostrophes are deleted (Gur'yev = Guryev, Ust'-Kamenogorsk = Ust-Kamenogorsk); the soft
    # sign stays, being a letter.
    for ch in "'’‘ʼʻʽ`´ˈˌʿʾ":
        table[ord(ch)] = None
    for cp in range(0x300, 0x370):  # stray combining marks
        table[cp] = None
    return table


_FOLD = _fold_table()
_NON_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=1 << 16)
def normalise(name: str) -> str:
    """Normal form of a place name, e.g. ``"Alma-Ata" -> "alma ata"``, ``"‘AKTAU" -> "aktau"``,
    ``"Жаңаөзен" -> "жанаозен"``, ``"Mañğıstaw" -> "mangistaw"``, ``"Gur'yev" -> "guryev"``.

    Rules: NFC, casefold; Latin diacritics stripped; ё -> е and the Kazakh letters
    ә ғ қ ң ө ұ ү һ і folded to а г к н о у у х и; apostrophes deleted; every other run of
    non-letters/non-digits (hyphens, dots, quotes, whitespace) -> one space; stripped.
    Cached, because a mention matcher calls it on every token n-gram.
    """
    if not name.isascii():
        name = unicodedata.normalize("NFC", name)
    name = name.casefold()
    if not name.isascii():
        name = name.translate(_FOLD)
    else:
        name = name.replace("'", "").replace("`", "")
    return _NON_WORD.sub(" ", name).strip()


# --- records -----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Place:
    place_id: str      # 'gn:610612', 'iso:KZ-47', 'country:KZ', 'lm:yntymak-square-aktau'
    name: str          # canonical English name
    kind: str          # one of KINDS
    latitude: float
    longitude: float
    country: str       # ISO 3166-1 alpha-2
    admin1: str        # English name of the current first-level unit; '' for countries/foreign
    admin1_code: str   # ISO 3166-2 ('KZ-47') or ''
    population: int    # 0 if unknown; for regions the sum over their GeoNames places
    parent_id: str     # landmark -> city; KZ populated place -> iso:...; region -> country:KZ
    precision: str     # one of PRECISIONS
    source: str
    licence: str


@dataclass(frozen=True, slots=True)
class Name:
    text: str
    norm: str
    place_id: str
    lang: str          # 'en' | 'kk' | 'kk-latn' | 'ru' | 'und'
    name_type: str     # 'official' | 'alternate' | 'historical'
    valid_from: date | None
    valid_to: date | None


@dataclass(frozen=True, slots=True)
class Candidate:
    place: Place
    name: Name
    score: float   # 1.0 exact current name, 0.9 exact historical name, below that fuzzy


@dataclass(frozen=True, slots=True)
class RegionPolygon:
    """A first-level unit of Natural Earth's admin-1 layer, whose units are those before 2018, with
    the ISO 3166-2 codes of today's units lying mostly inside it (the continuing unit first)."""
    name: str                # NE name: 'Mangghystau', 'South Kazakhstan', 'Almaty City'
    fips: str                # NE's own FIPS 10-4 code, as shipped (wrong for Pavlodar: KZ08)
    today: tuple[str, ...]   # ('KZ-61', 'KZ-79') for South Kazakhstan
    vintage: str
    geometry: shapely.Geometry


_NAME_TYPE_RANK = {"official": 0, "alternate": 1, "historical": 2}
_KIND_RANK = {k: i for i, k in enumerate(("country", "city", "region", "town", "village", "landmark"))}


def _rank(place: Place, name: Name) -> tuple:
    """Order of same-name candidates: countries (by an exact country name), then Kazakh places,
    then foreign ones; current names before historical; larger population first."""
    group = 0 if place.kind == "country" else 1 if place.country == "KZ" else 2
    return (group, name.name_type == "historical", -place.population, _KIND_RANK[place.kind],
            _NAME_TYPE_RANK[name.name_type], place.place_id)


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_KM * math.asin(math.sqrt(a))


def _haversine_np(lat: float, lon: float, coords: np.ndarray) -> np.ndarray:
    """Distances (km) from one point to an (n, 2) array of (lat, lon) in radians."""
    p, l = math.radians(lat), math.radians(lon)
    a = (np.sin((coords[:, 0] - p) / 2) ** 2
         + math.cos(p) * np.cos(coords[:, 0]) * np.sin((coords[:, 1] - l) / 2) ** 2)
    return 2 * EARTH_KM * np.arcsin(np.sqrt(a))


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


# --- data files --------------------------------------------------------------------------------

def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))
    except OSError as exc:
        raise GazetteerError(f"cannot read gazetteer data: {exc.strerror or exc}", path=str(path)) from exc


# --- the gazetteer -----------------------------------------------------------------------------

class Gazetteer:
    """All places and names, indexed by normal form; immutable once built."""

    def __init__(self, places: dict[str, Place], names: list[Name], sources: list[dict[str, str]],
                 outline: shapely.Geometry) -> None:
        self._places = places
        self._names = names
        self._sources = sources
        self._outline = outline
        shapely.prepare(outline)
        best: dict[tuple[str, str], Name] = {}
        for n in names:  # one candidate per (norm, place): its best-ranked name
            key = (n.norm, n.place_id)
            if key not in best or _NAME_TYPE_RANK[n.name_type] < _NAME_TYPE_RANK[best[key].name_type]:
                best[key] = n
        grouped: dict[str, list[Candidate]] = defaultdict(list)
        for (norm, pid), n in best.items():
            grouped[norm].append(Candidate(places[pid], n, 0.9 if n.name_type == "historical" else 1.0))
        self._index = {k: tuple(sorted(v, key=lambda c: _rank(c.place, c.name))) for k, v in grouped.items()}
        self._norms = list(self._index)
        kids: dict[str, list[Place]] = defaultdict(list)
        for p in places.values():
            if p.parent_id:
                kids[p.parent_id].append(p)
        self._children = {k: sorted(v, key=lambda p: p.place_id) for k, v in kids.items()}
        self._populated = [p for p in places.values() if p.country == "KZ" and p.kind in POPULATED]
        self._pop_coords = np.radians([(p.latitude, p.longitude) for p in self._populated])

    # construction ---------------------------------------------------------------------------
    @classmethod
    def load(cls, extra: str | Path | None = None) -> "Gazetteer":
        """The shipped gazetteer, plus a user overlay CSV if ``extra`` is given (cached per file
        and modification time).  Raises :class:`GazetteerError` for an invalid overlay, in which
        case nothing of it is used."""
        if extra is None:
            return _load_base()
        path = Path(extra).resolve()
        try:
            mtime = path.stat().st_mtime_ns
        except OSError as exc:
            raise GazetteerError(f"cannot read overlay: {exc.strerror or exc}", path=str(extra)) from exc
        return _load_with_overlay(str(path), mtime)

    # queries -------------------------------------------------------------------------------
    def get(self, place_id: str) -> Place:
        return self._places[place_id]

    def norms(self) -> list[str]:
        """Every normalised name :meth:`lookup` has hits for."""
        return list(self._norms)

    def lookup(self, norm: str) -> list[Candidate]:
        """Exact hits for an already normalised name, best first (see :func:`_rank`)."""
        return list(self._index.get(norm, ()))

    def search(self, name: str, limit: int = 10) -> list[Candidate]:
        """Exact hits for ``name`` first, then fuzzy hits (rapidfuzz ratio >= 80), one per place."""
        norm = normalise(name)
        out = list(self._index.get(norm, ()))[:limit]
        if len(out) >= limit or not norm:
            return out
        seen = {c.place.place_id for c in out}
        for key, ratio, _ in process.extract(norm, self._norms, scorer=fuzz.ratio, limit=limit * 3,
                                             score_cutoff=FUZZY_CUTOFF):
            if key == norm:
                continue
            for c in self._index[key]:
                if c.place.place_id not in seen and len(out) < limit:
                    seen.add(c.place.place_id)
                    out.append(Candidate(c.place, c.name, round(ratio / 100 * c.score * 0.95, 4)))
        return out

    def seat(self, region_id: str, on: date | None = None) -> Place | None:
        """The administrative centre of a first-level unit on a date ("the regional centre" of
        Almaty region was Taldykorgan until 2022-06-07, Konaev since), from ``region-seats.csv``."""
        on = on or date.today()
        for region, seat, start, end in _seats():
            if region == region_id and (start is None or start <= on) and (end is None or on <= end):
                return self._places.get(seat)
        return None

    def name_period(self, text: str) -> tuple[date, date] | None:
        """The period in which every dated name that ``text`` uses was current ("Nur-Sultan":
        2019-03-23 to 2022-09-17), a bound on when an undated article was written; None if none."""
        periods = [(n.valid_from or date.min, n.valid_to or date.max)
                   for n, rx in _dated_names(self) if rx.search(text)]
        if not periods:
            return None
        start, end = max(p[0] for p in periods), min(p[1] for p in periods)
        return (start, end) if start <= end else None

    def names(self) -> Iterator[Name]:
        return iter(self._names)

    def places(self) -> Iterator[Place]:
        return iter(self._places.values())

    def children(self, place_id: str) -> list[Place]:
        return list(self._children.get(place_id, ()))

    def reverse(self, lat: float, lon: float) -> Place | None:
        """Nearest Kazakh populated place, or None for a point more than 50 km outside Kazakhstan."""
        if not self.within_country(lat, lon, buffer_km=REVERSE_BUFFER_KM):
            return None
        d = _haversine_np(lat, lon, self._pop_coords)
        return self._populated[int(d.argmin())]

    def region_at(self, lat: float, lon: float) -> Place | None:
        """The current first-level unit of the point: the unit of the nearest populated place
        (no current oblast polygons are openly licensed; see gazetteer/README.md).  For the
        pre-2018 unit whose polygon contains the point, see :meth:`legacy_region_at`."""
        near = self.reverse(lat, lon)
        return self._places.get(f"iso:{near.admin1_code}") if near else None

    def region_polygons(self) -> tuple[RegionPolygon, ...]:
        """Natural Earth's 16 Kazakh first-level units (before 2018), sorted by name; read on
        first use, not at :meth:`load`."""
        return _region_layer()[0]

    def legacy_region_at(self, lat: float, lon: float,
                         buffer_km: float = LEGACY_BUFFER_KM) -> RegionPolygon | None:
        """The pre-2018 unit whose polygon contains the point, else the nearest one within
        ``buffer_km`` (the borders are generalised), else None.  ``.today`` names its successors."""
        units, tree = _region_layer()
        pt = shapely.Point(lon, lat)
        hits = tree.query(pt, predicate="intersects")
        if len(hits):  # two only on a shared border: take the first, for a stable answer
            return units[int(hits.min())]
        if buffer_km <= 0:
            return None
        unit = units[int(tree.nearest(pt))]
        near = shapely.ops.nearest_points(unit.geometry, pt)[0]
        return unit if _haversine_km(lat, lon, near.y, near.x) <= buffer_km else None

    def within_country(self, lat: float, lon: float, buffer_km: float = 0) -> bool:
        """Is the point inside Kazakhstan (its outline, simplified ~1 km, or one of the unit
        polygons), or within ``buffer_km`` of the outline?  Both layers are Natural Earth, but
        generalised apart, so their borders differ by up to ~2 km; a point inside either is in."""
        pt = shapely.Point(lon, lat)
        if self._outline.contains(pt) or len(_region_layer()[1].query(pt, predicate="intersects")):
            return True
        if buffer_km <= 0:
            return False
        near = shapely.ops.nearest_points(self._outline, pt)[0]
        return _haversine_km(lat, lon, near.y, near.x) <= buffer_km

    @property
    def country_outline(self) -> shapely.Geometry:
        return self._outline

    def info(self) -> dict:
        """Counts per kind (Kazakh and foreign), names, and each layer's source, licence, vintage."""
        counts: dict[str, int] = defaultdict(int)
        for p in self._places.values():
            counts[p.kind if p.country == "KZ" or p.kind == "country" else f"foreign {p.kind}"] += 1
        return {"places": len(self._places), "names": len(self._names), "counts": dict(sorted(counts.items())),
                "layers": [dict(s) for s in self._sources]}


def _place_from_row(row: dict[str, str], region_names: dict[str, str]) -> Place:
    code = row.get("admin1_code") or ""
    return Place(
        place_id=row["place_id"], name=row["name"], kind=row["kind"],
        latitude=float(row["latitude"]), longitude=float(row["longitude"]),
        country=row.get("country") or "KZ", admin1=region_names.get(code, ""), admin1_code=code,
        population=int(row.get("population") or 0), parent_id=row.get("parent_id") or "",
        precision=row.get("precision") or "exact", source=row.get("source") or "",
        licence=row.get("licence") or "")


@lru_cache(maxsize=1)
def _load_base() -> Gazetteer:
    folder = data_dir()
    rows = _read_csv(folder / "places.csv")
    region_names = {r["admin1_code"]: r["name"] for r in rows if r["kind"] == "region"}
    places = {r["place_id"]: _place_from_row(r, region_names) for r in rows}
    names = [Name(r["name"], normalise(r["name"]), r["place_id"], r["lang"], r["name_type"],
                  _date(r["valid_from"]), _date(r["valid_to"]))
             for r in _read_csv(folder / "names.csv")]
    outline_path = folder / "kz-outline.geojson"
    try:
        feature = json.loads(outline_path.read_text(encoding="utf-8"))["features"][0]
        outline = shapely.geometry.shape(feature["geometry"])
    except (OSError, ValueError, KeyError, IndexError) as exc:
        raise GazetteerError(f"cannot read country outline: {exc}", path=str(outline_path)) from exc
    return Gazetteer(places, names, _read_csv(folder / "sources.csv"), outline)


@lru_cache(maxsize=8)
def _dated_names(gaz: "Gazetteer") -> tuple[tuple[Name, re.Pattern[str]], ...]:
    """Names with a validity period, each as a pattern that allows a space for a hyphen."""
    out, seen = [], set()
    for n in gaz.names():
        if (n.valid_from or n.valid_to) and n.text not in seen:
            seen.add(n.text)
            parts = [re.escape(p) for p in re.split(r"[-\s]+", n.text)]
            out.append((n, re.compile(r"\b" + r"[-\s]".join(parts) + r"\b", re.IGNORECASE)))
    return tuple(out)


@lru_cache(maxsize=1)
def _seats() -> tuple[tuple[str, str, date | None, date | None], ...]:
    return tuple((r["region_id"], r["seat_id"], _date(r["valid_from"]), _date(r["valid_to"]))
                 for r in _read_csv(data_dir() / "region-seats.csv"))


@lru_cache(maxsize=1)
def _region_layer() -> tuple[tuple[RegionPolygon, ...], shapely.STRtree]:
    """The unit polygons and their spatial index, shared by every Gazetteer (overlays included)."""
    path = data_dir() / REGIONS_FILE
    try:
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
        units = tuple(RegionPolygon(f["properties"]["ne_name"], f["properties"]["ne_fips"],
                                    tuple(f["properties"]["today"]), f["properties"]["vintage"],
                                    shapely.geometry.shape(f["geometry"]))
                      for f in features)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise GazetteerError(f"cannot read region polygons: {exc}", path=str(path)) from exc
    for unit in units:
        shapely.prepare(unit.geometry)
    return units, shapely.STRtree([u.geometry for u in units])


# --- user overlay ------------------------------------------------------------------------------

MAX_OVERLAY_BYTES = 2_000_000  # read into memory and indexed at every run: some thousands of places


def _check_overlay(path: str, base: Gazetteer) -> tuple[list[GazetteerError], list[tuple[dict, int]]]:
    """Every problem of an overlay file, and its rows with their CSV line numbers."""
    try:
        size = os.path.getsize(path)
        if size > MAX_OVERLAY_BYTES:
            return [GazetteerError(f"overlay too large ({size / 1e6:.1f} MB; at most {MAX_OVERLAY_BYTES / 1e6:.0f} "
                                   "MB): it is loaded at every run; keep only the places your corpus needs",
                                   path=path)], []
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            header = reader.fieldnames or []
            rows = [(row, reader.line_num) for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        return [GazetteerError(f"cannot read overlay: {exc}", path=path)], []
    repeated = sorted({c for c in header if header.count(c) > 1})
    if repeated:
        return [GazetteerError(f"CSV header repeats the column(s) {', '.join(repeated)}", path=path, row=1)], []
    errors = [GazetteerError("missing column", path=path, row=1, column=c)
              for c in REQUIRED_OVERLAY_COLUMNS if c not in header]
    unknown = [c for c in header if c not in PLACE_COLUMNS and c != "alt_names"]
    errors += [GazetteerError("unknown column", path=path, row=1, column=c) for c in unknown]
    if errors:
        return errors, []
    ids_in_file: dict[str, int] = {}
    for row, line in rows:
        pid = (row.get("place_id") or "").strip()
        if pid:
            ids_in_file.setdefault(pid, line)
    seen: set[str] = set()
    countries = {p.country for p in base.places() if p.kind == "country"}
    kz_units = {p.admin1_code for p in base.places() if p.kind == "region"}

    def err(line: int, column: str, reason: str) -> None:
        errors.append(GazetteerError(reason, path=path, row=line, column=column))

    from .places import COMMON_WORDS, FUNCTION_WORDS  # (places imports this module)

    for row, line in rows:
        if row.get(None):
            err(line, "", f"row has {len(header) + len(row[None])} fields but the header has {len(header)}")
        for text in [row.get("name") or "", *(row.get("alt_names") or "").split("|")]:
            norm = normalise(text)
            if norm and (len(norm) < 3 or norm in FUNCTION_WORDS or norm in COMMON_WORDS):
                err(line, "name" if text == row.get("name") else "alt_names",
                    f"name {text.strip()!r} is too short or a common word: it would match ordinary text")
        pid = (row.get("place_id") or "").strip()
        if not pid:
            err(line, "place_id", "empty place_id")
        elif pid in seen:
            err(line, "place_id", f"duplicate place_id {pid!r} (first on row {ids_in_file[pid]})")
        seen.add(pid)
        if not (row.get("name") or "").strip() or not normalise(row.get("name") or ""):
            err(line, "name", "empty name")
        override = pid in base._places  # an override's empty cells keep the shipped values
        if (row.get("kind") or "") not in KINDS and not (override and not row.get("kind")):
            err(line, "kind", f"unknown kind {row.get('kind')!r}; expected one of {', '.join(KINDS)}")
        coords = {}
        for col, limit in (("latitude", 90.0), ("longitude", 180.0)):
            if override and not (row.get(col) or "").strip():
                continue
            try:
                value = float(row.get(col) or "")
                if not math.isfinite(value) or abs(value) > limit:
                    raise ValueError
                coords[col] = value
            except ValueError:
                err(line, col, f"bad or missing coordinate {row.get(col)!r}")
        country = (row.get("country") or "KZ").strip()
        if country not in countries:
            err(line, "country", f"unknown ISO 3166-1 alpha-2 code {country!r}")
        elif len(coords) == 2 and country == "KZ" and not base.within_country(
                coords["latitude"], coords["longitude"], buffer_km=10):
            err(line, "country", "point lies outside Kazakhstan: give the place's non-KZ country code")
        code = (row.get("admin1_code") or "").strip()
        if code and code not in kz_units:
            err(line, "admin1_code", f"unknown ISO 3166-2 unit {code!r}")
        parent = (row.get("parent_id") or "").strip()
        if parent and parent not in ids_in_file and parent not in base._places:
            err(line, "parent_id", f"unknown parent_id {parent!r}")
        if (row.get("precision") or "exact") not in PRECISIONS:
            err(line, "precision", f"unknown precision {row.get('precision')!r}")
        try:
            if int(row.get("population") or 0) < 0:
                raise ValueError
        except ValueError:
            err(line, "population", f"bad population {row.get('population')!r}")
    return errors, rows


def validate_overlay(path: str | Path) -> list[GazetteerError]:
    """All problems of an overlay CSV (empty list: valid), for ``geomap gazetteer validate``."""
    return _check_overlay(str(path), _load_base())[0]


@lru_cache(maxsize=8)
def _load_with_overlay(path: str, _mtime: int) -> Gazetteer:
    base = _load_base()
    errors, rows = _check_overlay(path, base)
    if errors:
        raise errors[0]
    places = dict(base._places)
    names = list(base._names)
    region_names = {p.admin1_code: p.name for p in places.values() if p.kind == "region"}
    source = f"user overlay {Path(path).name}"
    new: dict[str, Place] = {}
    for row, _ in rows:
        row = {k: (v or "").strip() for k, v in row.items() if k}
        if row["place_id"] in places:  # an override: empty cells keep the shipped values
            shipped = {k: str(v) for k, v in dataclasses.asdict(places[row["place_id"]]).items()}
            row = {**shipped, **{k: v for k, v in row.items() if v}}
        row["source"] = row.get("source") or source
        place = _place_from_row(row, region_names)
        if place.country == "KZ" and not place.admin1_code and place.kind not in ("country", "region"):
            near = base.reverse(place.latitude, place.longitude)
            if near is not None:
                place = replace(place, admin1_code=near.admin1_code, admin1=near.admin1)
        new[place.place_id] = place
        for i, text in enumerate([row["name"], *row.get("alt_names", "").split("|")]):
            if normalise(text):
                names.append(Name(text.strip(), normalise(text), place.place_id, "und",
                                  "official" if i == 0 else "alternate", None, None))
    places.update(new)
    return Gazetteer(places, names, [*base._sources, {"layer": "user overlay", "source": path,
                                                     "licence": "", "vintage": ""}], base._outline)
