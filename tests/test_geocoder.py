"""OfflineGeocoder: geopy's interface answered from the gazetteer; the online fallback is tested
against a fake Nominatim on 127.0.0.1 only."""
from __future__ import annotations

import json
import math
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
from geopy.geocoders import Nominatim
from geopy.location import Location
from geopy.point import Point

from geomap.geocoder import OfflineGeocoder


@pytest.fixture(scope="module")
def geocoder():
    return OfflineGeocoder()


def _km(a: Location, lat: float, lon: float) -> float:
    return math.dist((a.latitude, a.longitude * math.cos(math.radians(lat))),
                     (lat, lon * math.cos(math.radians(lat)))) * 111.2


def test_geocode_zhanaozen(geocoder):
    loc = geocoder.geocode("Zhanaozen")
    assert isinstance(loc, Location) and _km(loc, 43.34, 52.86) < 5
    assert loc.raw["place_id"] == "gn:607610" and loc.raw["admin1"] == "Mangystau Region"
    assert "Mangystau Region" in loc.address


@pytest.mark.parametrize("query,place_id", [
    ("Aktau", "gn:610612"), ("Aktau, Karaganda Region", "gn:1526601"), ("Aktau, Kazakhstan", "gn:610612"),
    ("Жаңаөзен", "gn:607610"), ("Alma-Atu", "gn:1526384"), ({"city": "Almaty", "country": "Kazakhstan"}, "gn:1526384"),
    ("Moscow, Russia", "gn:524901"),
])
def test_geocode_queries(geocoder, query, place_id):
    assert geocoder.geocode(query).raw["place_id"] == place_id


def test_geocode_many_and_none(geocoder):
    many = geocoder.geocode("Aktau", exactly_one=False)
    assert [loc.raw["place_id"] for loc in many][:3] == ["gn:610612", "gn:1526601", "gn:1526269"]
    in_atyrau = geocoder.geocode("Aktau, Atyrau Region", exactly_one=False) or []
    assert all(loc.raw["admin1_code"] == "KZ-23" and loc.raw["name"] != "Aktau" for loc in in_atyrau)
    assert geocoder.geocode("Qwxzvbnm") is None


def test_reverse(geocoder):
    loc = geocoder.reverse(Point(43.66105, 51.17392))
    assert loc.raw["name"] == "Aktau" and loc.raw["admin1"] == "Mangystau Region"
    assert "Aktau" in loc.address and "Mangystau Region" in loc.address
    assert geocoder.reverse("43.66, 51.17", exactly_one=False)[0].raw["place_id"] == "gn:610612"
    assert geocoder.reverse((55.75, 37.62)) is None


class _FakeNominatim(BaseHTTPRequestHandler):
    calls: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server API)
        query = parse_qs(urlparse(self.path).query).get("q", [""])[0]
        type(self).calls.append(query)
        body = json.dumps([{"place_id": 1, "lat": "48.0", "lon": "68.0", "display_name": f"{query}, Kazakhstan"}]
                          if query == "Nowhere Steppe" else [])
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_nominatim():
    _FakeNominatim.calls = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeNominatim)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Nominatim(domain=f"127.0.0.1:{server.server_address[1]}", scheme="http", user_agent="geomap-test", timeout=5)
    server.shutdown()
    server.server_close()


def test_fallback_is_rate_limited_and_cached(fake_nominatim, tmp_path):
    geo = OfflineGeocoder(fallback=fake_nominatim, cache_dir=tmp_path, min_delay_seconds=0)
    assert geo.geocode("Zhanaozen").raw["place_id"] == "gn:607610"  # offline hit: no request
    loc = geo.geocode("Nowhere Steppe")
    assert (loc.latitude, loc.longitude) == (48.0, 68.0)
    assert geo.geocode("Nowhere Land") is None
    assert _FakeNominatim.calls == ["Nowhere Steppe", "Nowhere Land"]
    again = OfflineGeocoder(fallback=fake_nominatim, cache_dir=tmp_path, min_delay_seconds=0)
    assert again.geocode("Nowhere Steppe").address == "Nowhere Steppe, Kazakhstan"
    assert again.geocode("Nowhere Land") is None
    assert len(_FakeNominatim.calls) == 2  # both answers came from the disk cache


def test_no_fallback_by_default(geocoder):
    assert geocoder._fallback is None
