"""Nothing lost: a run that fails half-way leaves every earlier output intact, with no debris."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import geomap.pipeline
import geomap.render
from geomap.cli import main
from geomap.errors import OutputError
from geomap.fsutil import atomic_write_text, writable_folder

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_ded7867c82757ddc.txt"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_failing_run_keeps_previous_maps(tmp_path, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEED, src)
    out = tmp_path / "maps"
    with pytest.raises(SystemExit) as exc:
        main(["map", str(src), "--out", str(out), "--quiet", "--no-cache"])
    assert exc.value.code == 0
    before = _snapshot(out)
    assert "index.html" in before

    # a second run over a changed corpus dies while rendering its maps
    (src / "extra.txt").write_text("Protesters rallied in Aktau on January 9, 2022.", encoding="utf-8")
    calls = {"n": 0}
    real = geomap.render.save_map

    def failing_save(m, path, **kwargs):
        calls["n"] += 1
        if calls["n"] > 1:
            raise OutputError(f"{path}: disk full (simulated)")
        return real(m, path, **kwargs)

    monkeypatch.setattr(geomap.render, "save_map", failing_save)
    with pytest.raises(SystemExit) as exc:
        main(["map", str(src), "--out", str(out), "--quiet", "--no-cache"])
    assert exc.value.code == 1
    after = _snapshot(out)
    for name in ("index.html", "000_ded7867c82757ddc.html"):
        assert after[name] == before[name], name
    assert not [n for n in after if n.endswith(".tmp")]


def test_atomic_write_never_truncates(tmp_path, monkeypatch):
    target = tmp_path / "map.html"
    target.write_text("old map", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", broken_replace)
    with pytest.raises(OutputError):
        atomic_write_text(target, "new map")
    assert target.read_text(encoding="utf-8") == "old map"
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


HOSTILE = """title: </script><script>alert('title')</script>
url: javascript:alert('url')
source: <img src=x onerror=alert('source')>
published: 2022-01-06

<script>alert('text')</script> Police detained 20 protesters in Zhanaozen on January 5, 2022.
</script><img src=x onerror=alert('evidence')> Hundreds rallied in Aktau on January 4, 2022."""
_JS_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})|\\(/)")


def _js_unescaped(script: str) -> str:
    """What the browser's JS sees of string escapes (\\u003c, \\x3c, \\/) before innerHTML."""
    return _JS_ESCAPE.sub(lambda m: m.group(3) or chr(int(m.group(1) or m.group(2), 16)), script)


def test_article_text_cannot_run_script_in_the_maps(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "maps"
    with pytest.raises(SystemExit) as exc:
        main(["map", str(src), "--out", str(out), "--quiet", "--jobs", "1"])
    assert exc.value.code == 0
    _assert_no_injection([out / "index.html", out / "hostile.html"])


def _assert_no_injection(pages) -> None:
    from bs4 import BeautifulSoup

    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<script>alert|<img src=x", html, re.I)  # only escaped copies
        soup = BeautifulSoup(html, "html.parser")
        for tag in soup.find_all(True):  # no injected handler or script URL
            for name, value in tag.attrs.items():
                value = " ".join(value) if isinstance(value, list) else value
                assert not name.lower().startswith("on") and "javascript:" not in value.lower()
        for script in soup.find_all("script"):  # popup HTML inside the map's data
            markup = _js_unescaped(script.get_text())
            assert not re.search(r"<script>alert|<img src=x|href=.?javascript:", markup, re.I)


def test_writable_folder_says_why_not(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="it is a file, not a folder"):
        writable_folder(blocker)
    with pytest.raises(OutputError, match="Not a directory"):
        writable_folder(blocker / "sub")
    assert writable_folder(tmp_path / "new" / "maps").is_dir()
    assert list((tmp_path / "new" / "maps").iterdir()) == []  # the probe is gone


class _FullDisk:
    """A file object on a full disk."""

    closed = False

    def write(self, text):
        raise OSError(28, "No space left on device")

    def close(self):
        self.closed = True


def test_disk_full_while_streaming_places_is_one_clear_error(tmp_path, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SEED, src)
    out = tmp_path / "maps"
    with pytest.raises(SystemExit):
        main(["map", str(src), "--out", str(out), "--quiet", "--jobs", "1"])
    before = _snapshot(out)
    monkeypatch.setattr(geomap.pipeline, "open", lambda *a, **k: _FullDisk(), raising=False)
    result = CliRunner().invoke(main, ["map", str(src), "--out", str(out), "--quiet", "--jobs",
                                       "1", "--no-cache"])
    assert result.exit_code == 1
    assert result.output == f"error: {out / 'places.csv'}: cannot write: No space left on device\n"
    assert _snapshot(out) == before  # nothing replaced, no debris


@pytest.mark.parametrize("name", ["hostile.jsonl", "hostile.html", "hostile.csv"])
def test_article_text_cannot_run_script_in_the_maps_from_any_format(tmp_path, name):
    import json

    text = HOSTILE.split("\n\n", 1)[1] + ' "><svg onload=alert(1)> <a href="javascript:alert(2)">x</a>'
    fields = {"id": "h", "title": "</script><script>alert('title')</script>", "url": "javascript:alert(1)",
              "source": "<img src=x onerror=alert(9)>", "published": "2022-01-06", "text": text}
    src = tmp_path / "in"
    src.mkdir()
    if name.endswith(".jsonl"):
        (src / name).write_text(json.dumps(fields) + "\n", encoding="utf-8")
    elif name.endswith(".csv"):
        import csv

        with open(src / name, "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows([list(fields), list(fields.values())])
    else:
        import html as _html

        (src / name).write_text(f"<html><head><title>{_html.escape(fields['title'])}</title><meta "
                                "property='og:url' content='javascript:alert(1)'><meta name=date "
                                f"content=2022-01-06></head><body><p>{_html.escape(text)}</p></body></html>",
                                encoding="utf-8")
    out = tmp_path / "maps"
    with pytest.raises(SystemExit) as exc:
        main(["map", str(src), "--out", str(out), "--quiet", "--jobs", "1"])
    assert exc.value.code == 0
    pages = sorted(out.glob("*.html"))
    assert len(pages) == 2
    _assert_no_injection(pages)
