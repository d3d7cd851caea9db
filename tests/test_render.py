"""Render stage without a browser: what the HTML contains, escaping, determinism, atomic save."""
from __future__ import annotations

import html
import json
import os
import re

import folium
import pandas as pd
import pytest
from branca.element import Element
from folium.plugins import Timeline, TimelineSlider
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from browser_support import SAMPLE_ARTICLES, kz_polygon, sample_events
from geomap import assets, fsutil
from geomap.errors import GeomapError, OutputError
from geomap.render import OSM_ATTRIBUTION, REGION_LAYER, _script_json, _TypeCluster, _Unpacker, render_map, save_map

NASTY_EVIDENCE = "Police said <script>alert(1)</script> & left"
NASTY_TITLE = "Title </script><script>alert(2)</script>"


def _render(events=None, articles=None, **kwargs):
    return render_map(sample_events() if events is None else events, articles or SAMPLE_ARTICLES,
                      outline=kz_polygon(), **kwargs)


def _html(tmp_path, m, name="map.html", **kwargs) -> str:
    return save_map(m, tmp_path / name, **kwargs).read_text(encoding="utf-8")


def _timelines(m) -> list[Timeline]:
    return [c for c in m._children.values() if isinstance(c, Timeline)]


def _features(m) -> list[dict]:
    return [f for t in _timelines(m) for f in t.data["features"]]


def _by_event(m) -> dict[str, dict]:
    return {re.search(r"event (e\d+)", f["properties"]["p"]).group(1): f["properties"] for f in _features(m)}


def test_map_has_timeline_slider_legend_and_vector_base(tmp_path):
    page = _html(tmp_path, _render(cities=[("Almaty <b>", 43.25, 76.91)]))
    assert "L.timeline(" in page and "L.timelineSliderControl(" in page
    assert "L.circleMarker" in page and '"preferCanvas": true' in page
    assert 'id="gm-legend"' in page and "crowd size unknown" in page
    assert "GeoNames" in page and "Natural Earth" in page
    assert "tile.openstreetmap.org" not in page          # tiles='none' by default
    assert "Almaty \\u0026lt;b\\u0026gt;" in page and "Almaty <b>" not in page   # escaped, then JSON-escaped


def test_features_carry_dates_style_and_popups():
    props = _by_event(_render())
    assert set(props) == {"e1", "e2", "e3", "e4", "e5"}     # e6 is country-level
    assert (props["e1"]["s"], props["e1"]["e"]) == (0, 1)     # day numbers from 2022-01-03, end exclusive
    assert (props["e2"]["s"], props["e2"]["e"]) == (1, 3)
    assert {k: props[k]["k"] for k in props} == {"e1": "c", "e2": "c", "e3": "c", "e4": "x", "e5": "r"}
    assert props["e3"]["u"] == 1 and "crowd size unknown" in props["e3"]["p"]
    assert props["e1"]["r"] < props["e2"]["r"]               # 1,000 vs 10,000 on a log scale
    assert props["e3"]["r"] <= props["e1"]["r"]
    assert "injured 40" in props["e3"]["p"] and "killed 2" in props["e4"]["p"]
    assert "exact day" in props["e1"]["p"] and "5,000–10,000" in props["e2"]["p"]
    assert props["e1"]["t"] == "Zhanaozen · 2022-01-03"
    assert 'href="https://example.org/a1"' in props["e1"]["p"]


def test_cumulative_keeps_events_to_the_end():
    assert {p["e"] for p in _by_event(_render(cumulative=True)).values()} == {6}   # past the last day, 01-08


def test_same_place_day_and_type_share_one_marker():
    events = sample_events()
    twin = events.iloc[[0]].assign(event_id="e9", evidence="A second rally.")
    m = _render(events=pd.concat([events, twin], ignore_index=True))
    popups = [f["properties"]["p"] for f in _features(m)]
    assert len(popups) == 5
    assert sum("2 events here" in p and "A second rally." in p for p in popups) == 1


def test_article_text_is_escaped_and_script_cannot_break_out(tmp_path):
    events = sample_events({"e1": NASTY_EVIDENCE, "e6": NASTY_EVIDENCE})
    articles = [dict(SAMPLE_ARTICLES[0], title=NASTY_TITLE)]
    m = _render(events=events, articles=articles)
    page = _html(tmp_path, m)
    for raw in ("<script>alert(1)</script>", "</script><script>alert(2)", "alert(2)</script>"):
        assert raw not in page
    assert page.count("<script") == page.count("</script>")   # only the page's own script blocks
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; left" in _by_event(m)["e1"]["p"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; left" in page   # the country panel is plain HTML


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet="<>/&\"' scriptSCRIPT!-={}%#", min_size=1, max_size=40))
def test_any_evidence_stays_inert(tmp_path, text):
    m = _render(events=sample_events({"e1": text, "e6": text}), articles=[dict(SAMPLE_ARTICLES[0], title=text)])
    page = _html(tmp_path, m)
    assert page.count("<script") == page.count("</script>") == 9
    assert f"<q>{html.escape(text).replace('{', '&#123;')}</q>" in _by_event(m)["e1"]["p"]


def test_template_syntax_in_articles_is_not_evaluated(tmp_path):
    """folium runs element output through Jinja again: article text must never reach it as a template."""
    for text, word in (("calc {{ 7*7 }} end", "7*7"), ("bad {% if %} x", "if %"), ("{# open", "open")):
        events = sample_events({"e1": text, "e6": text})
        events.loc[events["event_id"] == "e2", ["event_type", "location"]] = text
        m = _render(events=events, articles=[dict(SAMPLE_ARTICLES[0], title=text)], index=True,
                    cities=[(text, 45.0, 60.0)], regions=[(text, 44.0, 53.5)])
        page = _html(tmp_path, m)
        assert "calc 49" not in page
        assert page.count(word) >= 6         # popup, country panel, index, city, layer name, histogram


def test_javascript_urls_are_not_links(tmp_path):
    articles = [dict(SAMPLE_ARTICLES[0], url="JavaScript:alert(1)"),
                dict(SAMPLE_ARTICLES[0], article_id="a2", map_file="javascript:alert(3)"),
                dict(SAMPLE_ARTICLES[0], article_id="a3", title="Third", map_file="001 third.html")]
    page = _html(tmp_path, _render(articles=articles))
    assert "javascript:" not in page.lower()
    assert 'id="gm-index"' in page and 'href="001%20third.html"' in page


def test_index_panel_only_for_corpus_maps(tmp_path):
    assert 'id="gm-index"' not in _html(tmp_path, _render())
    assert 'id="gm-index"' in _html(tmp_path, _render(index=True))


def test_country_level_events_are_listed_not_pinned(tmp_path):
    m = _render()
    assert "e6" not in _by_event(m)
    assert not any(f["geometry"]["coordinates"] == [67.0, 48.0] for f in _features(m))
    panel = re.search(r'<details id="gm-country".*?</details>', _html(tmp_path, m), re.S).group(0)
    assert "About a thousand people were detained across the country." in panel
    assert "detained 1,000" in panel and "2022-01-07" in panel


def test_output_is_byte_identical_and_ids_are_random_again(tmp_path):
    first = save_map(_render(), tmp_path / "a.html").read_bytes()
    second = save_map(_render(), tmp_path / "b.html").read_bytes()
    assert first == second
    assert re.fullmatch(r"[0-9a-f]{32}", Element()._id)      # branca's generator is restored


def test_folium_class_level_assets_untouched(tmp_path):
    lists = [(cls, name) for cls in (folium.Map, Timeline, TimelineSlider)
             for name in ("default_js", "default_css") if hasattr(cls, name)]
    before = {(cls, name): (getattr(cls, name), list(getattr(cls, name))) for cls, name in lists}
    save_map(_render(), tmp_path / "m.html")
    save_map(_render(), tmp_path / "local" / "m.html", assets=_fake_mirror(tmp_path / "mirror"))
    for (cls, name), (obj, items) in before.items():
        assert getattr(cls, name) is obj and obj == items


def test_failed_save_leaves_old_file(tmp_path, monkeypatch):
    target = tmp_path / "map.html"
    target.write_text("old", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fsutil.os, "replace", broken_replace)
    with pytest.raises(OutputError):
        save_map(_render(), target)
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["map.html"]


def test_bad_input_is_refused():
    with pytest.raises(GeomapError, match="evidence"):
        _render(events=sample_events().drop(columns=["evidence"]))
    with pytest.raises(GeomapError, match="tiles"):
        _render(tiles="ftp://x/{z}/{x}/{y}.png")


def test_tile_choices(tmp_path):
    assert "tile.openstreetmap.org" in _html(tmp_path, _render(tiles="osm"))
    page = _html(tmp_path, _render(tiles="https://tiles.example/{z}/{x}/{y}.png", tiles_attr="Example"))
    assert "tiles.example/{z}/{x}/{y}.png" in page and "Example" in page


# --- local assets -------------------------------------------------------------------------------

def _folium_urls() -> list[str]:
    """Every asset URL a geomap map links: folium's, its Timeline plugin's, and marker clusters'."""
    return [url for cls in (folium.Map, TimelineSlider, _TypeCluster, _Unpacker)
            for _, url in cls.default_js + cls.default_css]


def _fake_mirror(root):
    """A tiny stand-in for the npm mirror with every file geomap asks for."""
    for package, version in assets.PACKAGES.items():
        (root / package).mkdir(parents=True, exist_ok=True)
        (root / package / "package.json").write_text(f'{{"version": "{version}"}}')
    for url in _folium_urls():
        asset = assets.resolve(url)
        if asset.package:
            (root / asset.package / asset.path).parent.mkdir(parents=True, exist_ok=True)
            (root / asset.package / asset.path).write_text(f"/* {url} */")
    for package, folder in (("leaflet", "dist/images"), ("leaflet.awesome-markers", "dist/images"),
                            ("@fortawesome/fontawesome-free", "webfonts")):
        (root / package / folder).mkdir(parents=True, exist_ok=True)
        (root / package / folder / "x.png").write_bytes(b"png")
    return root


def test_every_folium_asset_has_a_local_copy():
    for url in _folium_urls():
        assert assets.resolve(url) is not None, url
    assert assets.resolve("https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/images/layers.png") == \
        assets.Asset("leaflet", "dist/images/layers.png")
    assert assets.resolve("https://cdn.jsdelivr.net/npm/leaflet@1.9.3/../../etc/passwd") is None
    assert assets.resolve("https://evil.example/leaflet.js") is None


def test_local_assets_are_copied_and_linked(tmp_path):
    mirror = _fake_mirror(tmp_path / "mirror")
    page = _html(tmp_path / "out", _render(), assets=str(mirror))
    links = re.findall(r'<script\b[^>]*\bsrc="([^"]+)"|<link\b[^>]*\bhref="([^"]+)"', page)
    targets = [a or b for a, b in links]
    assert len(targets) == 14 and all(t.startswith("lib/") for t in targets)
    assert all((tmp_path / "out" / t).is_file() for t in targets)
    assert (tmp_path / "out/lib/leaflet/dist/images/x.png").is_file()
    assert (tmp_path / "out/lib/stubs/bootstrap-glyphicons.css").read_bytes() == assets.STUB_CSS


def test_local_assets_missing_file_or_version_is_a_clear_error(tmp_path, monkeypatch):
    mirror = _fake_mirror(tmp_path / "mirror")
    (mirror / "moment/min/moment.min.js").unlink()
    with pytest.raises(GeomapError, match="moment/min/moment.min.js"):
        save_map(_render(), tmp_path / "out" / "m.html", assets=str(mirror))
    (mirror / "leaflet/package.json").write_text('{"version": "1.9.4"}')
    with pytest.raises(GeomapError, match="leaflet@1.9.4"):
        save_map(_render(), tmp_path / "out" / "m.html", assets=str(mirror))
    monkeypatch.setenv("GEOMAP_ASSETS", str(tmp_path / "nowhere"))
    with pytest.raises(GeomapError, match="setup-browser.sh"):
        save_map(_render(), tmp_path / "out" / "m.html", assets="local")


def test_aggregate_merges_a_type_at_a_place_and_start_day():
    events = sample_events()
    longer = events.iloc[[0]].assign(event_id="e8", event_date_end="2022-01-04")
    riot = events.iloc[[0]].assign(event_id="e9", event_type="Riots")
    events = pd.concat([events, longer, riot], ignore_index=True)
    assert len(_features(_render(events=events))) == 7
    m = _render(events=events, aggregate=True)
    merged = [f["properties"] for f in _features(m) if "2 events here" in f["properties"]["p"]]
    assert len(merged) == 1 and merged[0]["e"] == 2            # the longest event (to 01-04) sets the end
    assert len(_features(m)) == 6                              # the riot keeps its own marker (own layer)


# --- layers, histogram, regions, tiles -----------------------------------------------------------

def test_one_layer_per_event_type_in_the_layer_control(tmp_path):
    events = sample_events()
    events.loc[events["event_id"] == "e3", "event_type"] = "<b>Odd</b> & type"
    m = _render(events=events)
    names = [t.layer_name for t in _timelines(m)]
    assert [re.sub(r"<[^>]+>", "", n) for n in names] == \
        ["Protests (3)", "Strategic developments (1)", "&lt;b&gt;Odd&lt;/b&gt; &amp; type (1)"]
    assert [len(t.data["features"]) for t in _timelines(m)] == [3, 1, 1]
    page = _html(tmp_path, m)
    assert "L.control.layers(" in page and '"collapsed": false' in page
    assert page.count("addTimelines(") == 3 and page.count("L.timeline(") == 3
    assert "<b>Odd" not in page


def _embedded(page: str, pattern: str):
    return json.loads(re.search(pattern, page).group(1))


def test_histogram_counts_events_per_day_and_type(tmp_path):
    data = _embedded(_html(tmp_path, _render()), r"\}\)\(timeline_slider_\w+, timeline_\w+, (\{.*?\})\);")
    assert data["start"] == 1641168000000                      # 2022-01-03T00:00Z
    assert data["types"] == ["Protests", "Riots", "Strategic developments"]
    # 01-03 e1 · 01-04 e2 · 01-05 e2 e3 · 01-06 e4 · 01-07 e6 (country-wide) · 01-08 e5
    assert data["days"] == [[1, 0, 0], [1, 0, 0], [1, 1, 0], [1, 0, 0], [0, 0, 1], [0, 0, 1]]


def test_histogram_sums_long_events_over_many_days():
    from geomap.render import _histogram, _Span

    events = sample_events()
    events = pd.concat([events] + [events.iloc[[1]].assign(event_id=f"x{i}", event_date_end="2022-01-31")
                                   for i in range(3)], ignore_index=True)
    days = _histogram(events, _Span.of(events))["days"]
    assert len(days) == 29 and [sum(d) for d in days[-3:]] == [3, 3, 3]
    assert sum(map(sum, days)) == sum((pd.Timestamp(e) - pd.Timestamp(s)).days + 1
                                      for s, e in zip(events["event_date"], events["event_date_end"]))


REGIONS = [("Mangystau Region", 44.0, 53.5), ("Almaty", 43.25, 76.91), ("Abai Region", 48.0, 79.0)]


def _regional_events():
    events = sample_events()
    events["admin1"] = ["Mangystau Region", "Mangystau Region", "Almaty", "Almaty", "Mangystau Region", ""]
    return events


def test_regions_layer_counts_events_per_region(tmp_path):
    page = _html(tmp_path, _render(events=_regional_events(), regions=REGIONS))
    assert json.dumps(REGION_LAYER) in page
    rows = _embedded(page, r"\}\)\(feature_group_\w+, geo_json_\w+, (\[.*?\])\);")
    by_name = {re.search(r"<b>(.*?)<\\?/b>", r[3]).group(1): r for r in rows}
    assert set(by_name) == {"Mangystau Region", "Almaty"}      # nothing in Abai; country-wide left out
    mangystau, almaty = by_name["Mangystau Region"], by_name["Almaty"]
    assert mangystau[:3] == [44.0, 53.5, 30] and 8 < almaty[2] < 30   # radius by count (3 vs 2)
    assert "Protests: 2" in mangystau[3] and "Strategic developments: 1" in mangystau[3]
    assert "Riots: 1" in almaty[3] and almaty[4] == "Almaty: 2 events"


def test_no_regions_layer_without_centres_or_matches(tmp_path):
    assert json.dumps(REGION_LAYER) not in _html(tmp_path, _render(events=_regional_events()))
    assert json.dumps(REGION_LAYER) not in _html(tmp_path, _render(regions=REGIONS))   # admin1 is empty


def test_tiles_carry_their_attribution(tmp_path):
    osm = json.dumps(OSM_ATTRIBUTION).replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    page = _html(tmp_path, _render(tiles="osm"))
    assert "tile.openstreetmap.org" in page and osm in page
    assert '"fillOpacity": 0.15' in page                       # the vector base lets the tiles through
    assert osm in _html(tmp_path, _render(tiles="https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"))
    page = _html(tmp_path, _render(tiles="https://tiles.example/{z}/{x}/{y}.png"))
    assert '"attribution": "Tiles: tiles.example"' in page and osm not in page
    assert '"fillOpacity": 1' in _html(tmp_path, _render())


@given(value=st.recursive(st.text() | st.integers() | st.booleans() | st.none(),
                          lambda kids: st.lists(kids) | st.dictionaries(st.text(), kids), max_leaves=10))
def test_script_json_cannot_leave_its_script_and_round_trips(value):
    text = _script_json(value)
    assert "</" not in text and "<!--" not in text
    assert json.loads(text) == value
