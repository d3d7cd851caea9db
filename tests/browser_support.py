"""Helpers for looking at geomap maps in headless Debian chromium, fully offline.

Pages are served from a local http.server; CDN asset URLs are answered from the
npm mirror (geomap.assets); every other non-local request is aborted and
recorded, so a test can assert that nothing tried to leave the machine.
Also the small hand-made event table the render and browser tests share.
"""
from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
from shapely.geometry import Polygon

from geomap import assets

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}

#: JS that finds folium's globals and counts the event markers the timeline shows.
JS_STATE = """() => {
    const objs = Object.values(window);
    const map = objs.find(o => o instanceof L.Map);
    const timeline = objs.find(o => L.Timeline && o instanceof L.Timeline);
    // markers of the shown types, whether drawn singly or inside a cluster; clusters drawn
    let markers = 0, clusters = 0, groups = 0;
    map.eachLayer(l => {
        if (L.MarkerClusterGroup && l instanceof L.MarkerClusterGroup) { groups += 1; markers += l.getLayers().length; }
        if (L.MarkerCluster && l instanceof L.MarkerCluster) clusters += 1;
    });
    if (!groups) map.eachLayer(l => { if (l instanceof L.CircleMarker && l.feature) markers += 1; });
    return {markers, clusters, time: timeline ? timeline.time : null, pwned: window.__pwned};
}"""


def set_day(page, day: date) -> None:
    """Move the slider the way a user does (value + input event)."""
    ms = int((day - date(1970, 1, 1)).total_seconds() * 1000)
    page.eval_on_selector("input.time-slider", """(el, ms) => {
        el.value = String(ms); el.dispatchEvent(new Event('input', {bubbles: true})); }""", ms)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextmanager
def serve(directory: str | Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port); yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def offline_routes(page, mirror: Path) -> list[str]:
    """Answer CDN assets from ``mirror``, let local requests through, abort and record the rest."""
    blocked: list[str] = []

    def handle(route) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about") or parts.hostname in LOCAL_HOSTS:
            route.continue_()
            return
        asset = assets.resolve(url)
        if asset is None:
            blocked.append(url)
            route.abort()
            return
        route.fulfill(status=200, body=assets.read_asset(asset, mirror),
                      content_type=assets.content_type(asset.path))

    page.route("**/*", handle)
    return blocked


@contextmanager
def chromium() -> Iterator:
    """A headless Debian chromium under Playwright (no downloaded browser needed)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def screenshot(html_path: str | Path, png_path: str | Path, *, mirror: str | Path | None = None,
               size: tuple[int, int] = (1280, 860), browser=None) -> list[str]:
    """Screenshot a saved map (CDN or local assets) offline; returns the blocked non-local URLs.

    Pass a running Playwright ``browser`` when inside one (Playwright's sync API cannot nest).
    """
    if browser is None:
        with chromium() as own:
            return screenshot(html_path, png_path, mirror=mirror, size=size, browser=own)
    html_path = Path(html_path).resolve()
    root = assets.mirror_root(mirror)
    with serve(html_path.parent) as base:
        context = browser.new_context(viewport={"width": size[0], "height": size[1]})
        try:
            page = context.new_page()
            blocked = offline_routes(page, root)
            page.goto(f"{base}/{html_path.name}", wait_until="load")
            page.wait_for_function("() => window.L && Object.values(window).some(o => o instanceof L.Map)",
                                   timeout=15_000)
            page.wait_for_timeout(300)  # let the canvas paint
            Path(png_path).parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(png_path))
        finally:
            context.close()
    return blocked


def kz_polygon() -> Polygon:
    """A rough hand-made Kazakhstan outline (lon, lat), enough for a base layer in tests."""
    return Polygon([(46.5, 48.5), (50.0, 51.5), (61.0, 51.0), (69.0, 55.4), (77.0, 53.9), (87.3, 49.2),
                    (80.0, 45.0), (80.2, 42.2), (71.0, 42.2), (66.0, 41.0), (56.0, 41.3), (52.5, 41.8),
                    (53.0, 45.3), (49.0, 46.5)])


def sample_events(evidence: dict[str, str] | None = None) -> pd.DataFrame:
    """Five KZ events (three places, 3-8 January 2022) plus one country-level event."""
    def row(event_id, day, day_end, place, kind, lat, lon, etype, sub, action, pmin=None, pmax=None,
            ptext="", injured=None, killed=None, detained=None, geo=1, text="They gathered."):
        return dict(event_id=event_id, article_id="a1", event_date=day, event_date_end=day_end,
                    time_precision=1, event_type=etype, sub_event_type=sub, action=action, location=place,
                    place_id=f"gn:{place}", place_kind=kind, admin1="", country="KZ", latitude=lat,
                    longitude=lon, geo_precision=geo, participants_min=pmin, participants_max=pmax,
                    participants_text=ptext, injured=injured, killed=killed, detained=detained,
                    actors="protesters", mention=place, evidence=(evidence or {}).get(event_id, text),
                    evidence_start=0, evidence_end=10, confidence=0.9, sources="a1",
                    published="2022-01-10", published_inferred=False)

    rows = [
        row("e1", "2022-01-03", "2022-01-03", "Zhanaozen", "town", 43.34116, 52.86192, "Protests",
            "Peaceful protest", "rally", 1000, 1000, "about a thousand"),
        row("e2", "2022-01-04", "2022-01-05", "Aktau", "city", 43.66105, 51.17392, "Protests",
            "Peaceful protest", "yurts/camp", 5000, 10000, "5-10 thousand"),
        row("e3", "2022-01-05", "2022-01-05", "Almaty", "city", 43.25249, 76.9115, "Riots",
            "Violent demonstration", "storming", injured=40),
        row("e4", "2022-01-06", "2022-01-06", "Republic Square", "landmark", 43.2381, 76.9452, "Protests",
            "Excessive force against protesters", "dispersal", 200, None, "hundreds", killed=2),
        row("e5", "2022-01-08", "2022-01-08", "Mangystau Region", "region", 44.0, 53.5,
            "Strategic developments", "Other", "state of emergency", geo=3),
        row("e6", "2022-01-07", "2022-01-07", "Kazakhstan", "country", 48.0, 67.0,
            "Strategic developments", "Arrests", "detention", detained=1000, geo=3,
            text="About a thousand people were detained across the country."),
    ]
    frame = pd.DataFrame(rows)
    for column in ("participants_min", "participants_max", "injured", "killed", "detained"):
        frame[column] = frame[column].astype("Int64")
    return frame


SAMPLE_ARTICLES = [{"article_id": "a1", "title": "Protests in Mangystau", "url": "https://example.org/a1",
                    "published": "2022-01-10", "map_file": "000_a1.html", "n_events": 6}]
