"""The whole pipeline in a real browser: `geomap map` on the seed plus a hostile article, opened in
headless chromium with every non-local host blocked."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from browser_support import JS_STATE, serve
from geomap.cli import main

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).parent / "artifacts"
HOSTILE = """title: Riot in Zhanaozen </script><script>window.__pwned='title'</script>
url: javascript:window.__pwned='url'
published: 2022-01-06

Protesters rallied in Zhanaozen on Wednesday <script>window.__pwned='text'</script> and about 300
people gathered </script><img src=x onerror="window.__pwned='img'"> on the central square.
"""


@pytest.fixture(scope="module")
def mapped(tmp_path_factory):
    src = tmp_path_factory.mktemp("in")
    shutil.copy(ROOT / "seeds" / "000_ded7867c82757ddc.txt", src)
    (src / "<script>alert(1)<script> & 'q'.txt").write_text(HOSTILE, encoding="utf-8")
    out = tmp_path_factory.mktemp("maps")
    with pytest.raises(SystemExit) as exc:
        main(["map", str(src), "--out", str(out), "--quiet"])
    assert exc.value.code == 0
    return out


def _set_day(page, day: date) -> int:
    ms = int((day - date(1970, 1, 1)).total_seconds() * 1000)
    page.eval_on_selector("input.time-slider", """(el, ms) => {
        el.value = String(ms); el.dispatchEvent(new Event('input', {bubbles: true})); }""", ms)
    return page.evaluate(JS_STATE)["markers"]


@pytest.mark.parametrize("name", ["index.html", "000_ded7867c82757ddc.html"])
def test_generated_map_draws_markers_and_slides(page, mapped, name):
    with serve(mapped) as base:
        page.goto(f"{base}/{name}", wait_until="load")
        page.wait_for_function("() => window.L && Object.values(window).some(o => o instanceof L.Timeline)")
        on_8th = _set_day(page, date(2022, 1, 8))      # Aktau: the yurts are taken down
        on_3rd = _set_day(page, date(2022, 1, 3))      # early-January window: Aktau, Zhanaozen, Almaty
        assert on_8th >= 1 and on_3rd >= 3 and on_8th != on_3rd
        assert page.evaluate(JS_STATE)["pwned"] is None
        assert page.errors == [] and page.blocked == []
        if name.startswith("000"):
            ARTIFACTS.mkdir(exist_ok=True)
            _set_day(page, date(2022, 1, 5))
            page.screenshot(path=str(ARTIFACTS / "seed_map.png"))


def test_hostile_article_never_runs(page, mapped):
    html_files = sorted(p.name for p in mapped.glob("*.html"))
    hostile = [n for n in html_files if n not in ("index.html", "000_ded7867c82757ddc.html")]
    assert len(hostile) == 1 and "<" not in hostile[0] and "/" not in hostile[0]
    with serve(mapped) as base:
        for name in ("index.html", hostile[0]):
            page.goto(f"{base}/{name}", wait_until="load")
            page.wait_for_function("() => window.L && Object.values(window).some(o => o instanceof L.Timeline)")
            _set_day(page, date(2022, 1, 5))
            page.wait_for_timeout(200)
            assert page.evaluate("() => window.__pwned") is None, name
            assert page.errors == [] and page.blocked == []
            assert "javascript:" not in page.content()
