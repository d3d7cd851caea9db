"""Browser fixtures: headless Debian chromium with every non-local host blocked.

Browser tests skip (with the reason) when chromium or the npm asset mirror is
missing, so a plain dev checkout stays green; with CI=true they fail instead,
so CI cannot silently stop testing in a real browser.
"""
from __future__ import annotations

import os

import pytest

from browser_support import CHROMIUM, chromium, offline_routes, serve
from geomap import assets
from geomap.errors import GeomapError
from geomap.render import save_map


def _unavailable(reason: str) -> None:
    message = reason if "setup-browser.sh" in reason else f"{reason} (run tests/setup-browser.sh)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def mirror():
    """The npm asset mirror (GEOMAP_ASSETS or tests/.assets/node_modules)."""
    try:
        root = assets.mirror_root()
        assets.check_mirror(root)
    except GeomapError as exc:
        _unavailable(f"asset mirror unusable: {exc}")
    return root


@pytest.fixture(scope="session")
def browser(mirror):
    if not CHROMIUM.is_file():
        _unavailable(f"{CHROMIUM} is not installed")
    with chromium() as instance:
        yield instance


@pytest.fixture
def page(browser, mirror):
    """A fresh page; ``page.blocked`` lists the non-local URLs it tried to load, ``page.errors`` JS errors."""
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    pg.blocked = offline_routes(pg, mirror)
    pg.errors = []
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    yield pg
    context.close()


@pytest.fixture
def served(tmp_path):
    """tmp_path served on 127.0.0.1; returns a function that saves a map there and opens it."""
    with serve(tmp_path) as base:
        def open_map(page, m, assets="cdn") -> None:
            save_map(m, tmp_path / "map.html", assets=assets)
            page.goto(f"{base}/map.html", wait_until="load")
            page.wait_for_function("() => window.L && Object.values(window).some(o => o instanceof L.Timeline)")
        yield open_map
