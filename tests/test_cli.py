"""The command line: every command, its exit codes and its outputs."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from geomap import __version__
from geomap.cli import main

SEED_DIR = Path(__file__).resolve().parent.parent / "seeds"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_version_and_help():
    assert __version__ in run("--version").output
    for cmd in (["map"], ["extract"], ["places"], ["gazetteer", "search"], ["gazetteer", "validate"]):
        out = run(*cmd, "--help").output
        assert "Example" in out, cmd


def test_usage_errors_exit_2(tmp_path):
    assert run("map").exit_code == 2
    assert run("map", str(SEED_DIR), "--published", "2022-13-45").exit_code == 2
    assert run("extract", str(SEED_DIR), "-o", str(tmp_path / "x.xlsx")).exit_code == 2


@pytest.mark.parametrize("suffix", [".csv", ".geojson", ".jsonl"])
def test_extract_formats(tmp_path, suffix):
    out = tmp_path / f"events{suffix}"
    result = run("extract", str(SEED_DIR), "-o", str(out), "--quiet")
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    if suffix == ".csv":
        assert len(pd.read_csv(out)) >= 5
    elif suffix == ".geojson":
        assert json.loads(text)["type"] == "FeatureCollection"
    else:
        rows = [json.loads(line) for line in text.splitlines()]
        assert rows and all(r["country"] == "KZ" for r in rows)


def test_published_override(tmp_path):
    out = tmp_path / "e.csv"
    assert run("extract", str(SEED_DIR), "-o", str(out), "--published", "2022-01-10",
               "--quiet").exit_code == 0
    df = pd.read_csv(out)
    assert (df["published"] == "2022-01-10").all() and not df["published_inferred"].any()


def test_failed_input_exit_1_and_rest_processed(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("Protesters rallied in Aktau on January 5, 2022.", encoding="utf-8")
    (src / "empty.txt").write_text("   \n", encoding="utf-8")
    out = tmp_path / "maps"
    result = run("map", str(src), "--out", str(out), "--quiet")
    assert result.exit_code == 1
    failures = pd.read_csv(out / "failures.csv")
    assert list(failures["path"].map(lambda p: Path(p).name)) == ["empty.txt"]
    assert (out / "good.html").exists() and (out / "index.html").exists()
    assert (pd.read_csv(out / "events.csv")["location"] == "Aktau").any()


def test_places_command_explains():
    result = run("places", "Police detained 20 people in Zhanaozen; Nursultan Nazarbayev was silent.")
    assert result.exit_code == 0
    assert "Zhanaozen" in result.output and "resolved" in result.output
    assert "person" in result.output


def test_gazetteer_commands(tmp_path):
    result = run("gazetteer", "search", "Alma-Ata")
    assert result.exit_code == 0 and "gn:1526384" in result.output.splitlines()[0]
    assert run("gazetteer", "search", "Xyzzyqwv").exit_code == 1
    assert "places" in run("gazetteer", "info").output.lower()
    bad = tmp_path / "bad.csv"
    bad.write_text("place_id,name,kind,latitude,longitude,country\nlm:x,X,landmark,95,51,KZ\n",
                   encoding="utf-8")
    result = run("gazetteer", "validate", str(bad))
    assert result.exit_code == 1 and "latitude" in result.output


def test_bad_overlay_is_a_usage_error(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("place_id,name,kind,latitude,longitude,country\nlm:x,X,landmark,95,51,KZ\n",
                   encoding="utf-8")
    assert run("map", str(SEED_DIR), "--out", str(tmp_path / "m"), "--gazetteer-extra",
               str(bad)).exit_code == 2
