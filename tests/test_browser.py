"""The saved map in a real headless chromium, offline: markers, slider, popups, no script injection."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from browser_support import JS_STATE, SAMPLE_ARTICLES, kz_polygon, sample_events, screenshot, set_day
from geomap.render import render_map, save_map

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).parent / "artifacts"
INJECTION = '<script>window.__pwned=1</script> and </script><img src=x onerror="window.__pwned=2">'
DAYS = [date(2022, 1, 3) + timedelta(days=i) for i in range(6)]


def _active(events, day: date) -> int:
    """Markers expected on ``day``: pinned events whose first..last day covers it."""
    pinned = events[events["place_kind"] != "country"]
    return sum(date.fromisoformat(s) <= day <= date.fromisoformat(e)
               for s, e in zip(pinned["event_date"], pinned["event_date_end"]))


def _set_day(page, day: date) -> dict:
    set_day(page, day)
    return page.evaluate(JS_STATE)


@pytest.fixture
def nasty_map(tmp_path):
    events = sample_events({"e3": INJECTION})
    return events, render_map(events, SAMPLE_ARTICLES, outline=kz_polygon(),
                              cities=[("Almaty", 43.25249, 76.9115), ("Aktau", 43.66105, 51.17392)])


@pytest.mark.parametrize("assets", ["cdn", "local"])
def test_markers_follow_the_slider(page, nasty_map, served, assets):
    events, m = nasty_map
    served(page, m, assets)
    counts = {day: _set_day(page, day)["markers"] for day in DAYS}
    assert counts == {day: _active(events, day) for day in DAYS}
    assert len(set(counts.values())) > 1                      # moving the slider changes the map
    assert page.inner_text("output.time-text") == "2022-01-08"
    _set_day(page, date(2022, 1, 7))                           # the country-level event's day
    assert page.eval_on_selector("#gm-country li", "li => li.classList.contains('gm-off')") is False
    _set_day(page, date(2022, 1, 3))
    assert page.eval_on_selector("#gm-country li", "li => li.classList.contains('gm-off')") is True
    assert page.evaluate(JS_STATE)["pwned"] is None
    assert page.errors == [] and page.blocked == []
    if assets == "local":
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "sample_map.png"))


def test_popup_shows_escaped_evidence_literally(page, nasty_map, served):
    served(page, nasty_map[1])
    assert _set_day(page, date(2022, 1, 5))["markers"] == 2
    # canvas markers have no DOM node: click the pixel where Almaty is drawn
    x, y = page.evaluate("""() => {
        const map = Object.values(window).find(o => o instanceof L.Map);
        const p = map.latLngToContainerPoint([43.25249, 76.9115]);
        const box = map.getContainer().getBoundingClientRect();
        return [box.left + p.x, box.top + p.y]; }""")
    page.mouse.click(x, y)
    page.wait_for_selector(".leaflet-popup-content")
    text = page.inner_text(".leaflet-popup-content")
    assert "window.__pwned=1" in text and INJECTION.split(" and ")[1] in text
    assert "Almaty" in text and "crowd size unknown" in text and "injured 40" in text
    assert page.eval_on_selector(".leaflet-popup-content", "el => el.querySelectorAll('img, script').length") == 0
    target = page.eval_on_selector(".leaflet-popup-content a", """a => {
        a.addEventListener('click', e => e.preventDefault()); a.click(); return [a.target, a.rel]; }""")
    assert target == ["_blank", "noopener noreferrer"]          # the article opens in a new tab
    page.wait_for_timeout(100)                                 # an onerror handler would have run
    assert page.evaluate("() => window.__pwned") is None
    assert page.errors == [] and page.blocked == []


def test_screenshot_helper(nasty_map, tmp_path, browser):
    _, m = nasty_map
    png = tmp_path / "shot.png"
    assert screenshot(save_map(m, tmp_path / "map.html"), png, browser=browser) == []
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000


def test_a_packed_map_behaves_the_same(page, served, monkeypatch):
    """Big maps embed their markers deflated (render.PACK_ABOVE); force it on the small sample."""
    from geomap import render

    monkeypatch.setattr(render, "PACK_ABOVE", 0)
    events = sample_events({"e3": INJECTION})
    m = render_map(events, SAMPLE_ARTICLES, outline=kz_polygon())
    served(page, m)
    assert "geomapUnpack(" in page.content()
    counts = {day: _set_day(page, day)["markers"] for day in DAYS}
    assert counts == {day: _active(events, day) for day in DAYS}
    assert page.evaluate(JS_STATE)["pwned"] is None
    assert page.errors == [] and page.blocked == []
