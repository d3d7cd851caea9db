"""What a user sees of the map's controls, in headless chromium: the histogram over the slider,
type layers, the regions layer, tile attribution, and panels that never overlap."""
from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from browser_support import JS_STATE, SAMPLE_ARTICLES, kz_polygon, sample_events, set_day
from geomap.render import OSM_ATTRIBUTION, REGION_LAYER, render_map

pytestmark = pytest.mark.browser

FIRST = date(2022, 1, 3)
REGIONS = [("Mangystau Region", 44.0, 53.5), ("Almaty", 43.25, 76.91)]

#: Per day: the histogram's bars, which one is highlighted, and where its centre and the thumb's are.
JS_HIST = """() => {
    const days = [...document.querySelectorAll('#gm-hist .gm-day')];
    const now = days.findIndex(g => g.classList.contains('gm-now'));
    const input = document.querySelector('input.time-slider'), box = input.getBoundingClientRect();
    const frac = (input.value - input.min) / (input.max - input.min);
    const bar = days[now] && days[now].querySelector('rect.gm-bar');
    const b = bar ? bar.getBoundingClientRect() : null;
    return {bars: days.length, now, thumb: box.left + 7 + frac * (box.width - 14),
            centre: b ? b.left + b.width / 2 : null, titles: days.map(g => g.textContent),
            heights: days.map(g => [...g.querySelectorAll('rect.gm-bar')]
                                   .reduce((h, r) => h + r.getBoundingClientRect().height, 0))};
}"""


def _events():
    events = sample_events()
    events["admin1"] = ["Mangystau Region", "Mangystau Region", "Almaty", "Almaty", "Mangystau Region", ""]
    return events


def _map(events=None, **kwargs):
    return render_map(_events() if events is None else events, SAMPLE_ARTICLES, outline=kz_polygon(),
                      regions=REGIONS, **kwargs)


def test_histogram_has_a_bar_per_day_that_follows_the_slider(page, served):
    served(page, _map())
    state = page.evaluate(JS_HIST)
    assert state["bars"] == 6                                  # 2022-01-03 .. 2022-01-08
    assert state["titles"][2] == "2022-01-05: 2 events (Protests 1, Riots 1)"
    assert state["heights"][2] == pytest.approx(2 * state["heights"][0], abs=1)
    for i in (0, 2, 5, 3):
        set_day(page, FIRST + timedelta(days=i))
        state = page.evaluate(JS_HIST)
        assert state["now"] == i
        assert state["centre"] == pytest.approx(state["thumb"], abs=1.5)   # the bar sits under the thumb
    page.click("#gm-hist .gm-day:nth-of-type(2)", position={"x": 2, "y": 30})   # a click on a bar jumps there
    assert page.inner_text("output.time-text") == "2022-01-04"
    assert page.evaluate(JS_HIST)["now"] == 1
    assert page.evaluate(JS_STATE)["markers"] == 1            # Aktau's camp only
    page.set_viewport_size({"width": 900, "height": 700})     # the bars move with the slider
    set_day(page, FIRST + timedelta(days=4))
    # the resize is handled asynchronously: wait (up to 5 s) for the bars to settle under the thumb
    page.wait_for_function(f"() => {{ const s = ({JS_HIST})(); return s.now === 4 && "
                           f"Math.abs(s.centre - s.thumb) <= 1.5; }}", timeout=5000)
    assert page.errors == [] and page.blocked == []


def test_histogram_over_many_days(page, served):
    events = _events()
    events.loc[events["event_id"] == "e5", ["event_date", "event_date_end"]] = "2022-03-15"
    served(page, _map(events))
    assert page.evaluate(JS_HIST)["bars"] == 72
    set_day(page, date(2022, 2, 1))
    assert page.evaluate(JS_HIST)["now"] == 29
    set_day(page, date(2022, 3, 15))
    state = page.evaluate(JS_HIST)
    assert state["now"] == 71 and state["centre"] == pytest.approx(state["thumb"], abs=1.5)


def _toggle(page, label: str) -> None:
    page.locator(".leaflet-control-layers-overlays label", has_text=label).locator("input").click()


def test_a_type_layer_switches_its_markers_off_and_on(page, served):
    served(page, _map())
    set_day(page, date(2022, 1, 5))                            # Aktau (protest) and Almaty (riot)
    assert page.evaluate(JS_STATE)["markers"] == 2
    _toggle(page, "Riots")
    assert page.evaluate(JS_STATE)["markers"] == 1
    set_day(page, date(2022, 1, 6))
    set_day(page, date(2022, 1, 5))                            # the slider does not bring it back
    assert page.evaluate(JS_STATE)["markers"] == 1
    _toggle(page, "Protests")
    assert page.evaluate(JS_STATE)["markers"] == 0
    _toggle(page, "Riots")
    assert page.evaluate(JS_STATE)["markers"] == 1
    set_day(page, date(2022, 1, 4))                            # a protest day, protests still off
    assert page.evaluate(JS_STATE)["markers"] == 0
    _toggle(page, "Protests")
    assert page.evaluate(JS_STATE)["markers"] == 1
    assert page.errors == []


JS_REGIONS = """() => {
    const map = Object.values(window).find(o => o instanceof L.Map);
    const found = [];
    map.eachLayer(l => { if (l instanceof L.CircleMarker && !l.feature) found.push(l.getRadius()); });
    return found.sort((a, b) => a - b);
}"""


def test_regions_layer_shows_counts_per_region(page, served):
    served(page, _map())
    assert page.evaluate(JS_REGIONS) == []                     # off until asked for
    _toggle(page, REGION_LAYER)
    radii = page.evaluate(JS_REGIONS)
    assert len(radii) == 2 and radii[1] == 30 and radii[0] < 30
    set_day(page, date(2022, 1, 3))                            # event markers stay clickable over regions
    x, y = page.evaluate("""() => {
        const map = Object.values(window).find(o => o instanceof L.Map);
        const p = map.latLngToContainerPoint([44.0, 53.5]), box = map.getContainer().getBoundingClientRect();
        return [box.left + p.x, box.top + p.y]; }""")
    page.mouse.click(x, y)
    page.wait_for_selector(".leaflet-popup-content")
    text = page.inner_text(".leaflet-popup-content")
    assert "Mangystau Region" in text and "3 events" in text and "Protests: 2" in text
    assert page.errors == []


@pytest.mark.parametrize("size", [(1280, 860), (1024, 700)])
def test_panels_and_controls_never_overlap(page, served, size):
    events = _events()
    country = events[events["place_kind"] == "country"]
    long_text = "A nation-wide measure was announced and then extended by decree. " * 3
    events = pd.concat([events] + [country.assign(event_id=f"c{i}", evidence=long_text) for i in range(15)],
                       ignore_index=True)
    articles = [dict(SAMPLE_ARTICLES[0], article_id=f"a{i}", title=f"Article {i} on the January events")
                for i in range(6)]
    page.set_viewport_size({"width": size[0], "height": size[1]})
    served(page, render_map(events, articles, outline=kz_polygon(), regions=REGIONS, index=True))
    boxes = page.evaluate("""() => {
        const sel = ['.leaflet-control-zoom', '.leaflet-control-layers:not(.leaflet-timeline-control)',
                     '#gm-country', '#gm-index', '#gm-legend', '.leaflet-timeline-control',
                     '.leaflet-control-scale', '.leaflet-control-attribution'];
        return sel.map(s => { const r = document.querySelector(s).getBoundingClientRect();
                              return [s, r.left, r.top, r.right, r.bottom]; });
    }""")
    assert len(boxes) == 8
    for name, left, top, right, bottom in boxes:
        assert 0 <= left < right <= size[0] and 0 <= top < bottom <= size[1], name
    for i, (a, al, at, ar, ab) in enumerate(boxes):
        for b, bl, bt, br, bb in boxes[i + 1:]:
            assert min(ar, br) <= max(al, bl) or min(ab, bb) <= max(at, bt), f"{a} overlaps {b}"
    assert page.eval_on_selector("#gm-country", "el => el.scrollHeight > el.clientHeight")   # it scrolls


def test_osm_tiles_are_attributed(page, served):
    served(page, _map(tiles="osm"))
    text = page.inner_text(".leaflet-control-attribution")
    assert "© OpenStreetMap contributors" in text and "GeoNames" in text and "Natural Earth" in text
    assert page.eval_on_selector(".leaflet-control-attribution a[href*='openstreetmap.org/copyright']",
                                 "a => a.textContent") == "OpenStreetMap"
    assert OSM_ATTRIBUTION.startswith("&copy;")
    assert page.blocked and all("tile.openstreetmap.org" in url for url in page.blocked)   # offline here


JS_ZOOM = """(zoom) => {
    const map = Object.values(window).find(o => o instanceof L.Map);
    map.setView([43.25, 76.93], zoom, {animate: false});
}"""


def test_markers_that_pile_up_are_clustered_until_zoomed_in(page, served):
    events = sample_events()
    almaty = events[events["location"].isin(["Republic Square"])].iloc[0]
    near = [almaty.to_dict() | {"event_id": f"c{i}", "event_date": "2022-01-06", "event_date_end": "2022-01-06",
                                "latitude": 43.2381 + 0.004 * i, "longitude": 76.9452 + 0.004 * i}
            for i in range(1, 4)]
    events = pd.concat([events, pd.DataFrame(near).astype(events.dtypes.to_dict())], ignore_index=True)
    served(page, render_map(events, SAMPLE_ARTICLES, outline=kz_polygon()))
    set_day(page, date(2022, 1, 6))
    state = page.evaluate(JS_STATE)
    assert state["markers"] == 4 and state["clusters"] == 1    # four Almaty points, one cluster
    cluster = page.inner_text(".gm-cluster")
    assert cluster.strip() == "4"                                # events it holds
    page.evaluate(JS_ZOOM, 12)
    page.wait_for_timeout(300)
    assert page.evaluate(JS_STATE) | {"time": None} == {"markers": 4, "clusters": 0, "time": None,
                                                           "pwned": None}
    set_day(page, date(2022, 1, 5))                              # the slider still drives them
    assert page.evaluate(JS_STATE)["markers"] == 2              # Aktau and Almaty
    assert page.errors == []


def test_no_cluster_draws_every_marker_alone(page, served):
    served(page, _map(cluster=False))
    set_day(page, date(2022, 1, 5))
    assert page.evaluate(JS_STATE)["markers"] == 2 and page.evaluate(JS_STATE)["clusters"] == 0
    assert page.errors == []
