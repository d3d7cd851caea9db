"""Nothing lost: a run that fails half-way leaves every earlier output intact, with no debris."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import geomap.render
from geomap.cli import main
from geomap.errors import OutputError
from geomap.fsutil import atomic_write_text

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
