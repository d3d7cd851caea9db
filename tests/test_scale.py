"""Scale: parallel and Dask runs give the same outputs as one process, the cache only redoes what
changed, and a run killed mid-way then rerun ends exactly where an uninterrupted run does."""
from __future__ import annotations

import hashlib
import importlib.util
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from geomap import pipeline
from geomap.cache import CACHE_NAME, ResultCache
from geomap.cli import main
from geomap.pipeline import map_corpus, stream_corpus

ROOT = Path(__file__).resolve().parent.parent
TABLES = ("events.csv", "events.geojson", "places.csv", "failures.csv", "index.html")


def _corpus_module():
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


def _make_corpus(folder: Path, n: int, seed: int = 7) -> Path:
    _corpus_module().main(["--n", str(n), "--out", str(folder), "--seed", str(seed)])
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return _make_corpus(tmp_path_factory.mktemp("corpus"), 16)


def _outputs(folder: Path) -> dict[str, bytes]:
    """Every visible output file (tables, index, per-article maps) by name."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())
            if p.is_file() and not p.name.startswith(".")}


def _cli(*args: str) -> int:
    with pytest.raises(SystemExit) as exc:
        main([*args, "--quiet"])
    return exc.value.code


def test_outputs_do_not_depend_on_the_number_of_jobs(corpus, tmp_path):
    assert _cli("map", str(corpus), "--out", str(tmp_path / "j1"), "--jobs", "1") == 0
    assert _cli("map", str(corpus), "--out", str(tmp_path / "j2"), "--jobs", "2") == 0
    one, two = _outputs(tmp_path / "j1"), _outputs(tmp_path / "j2")
    assert set(TABLES) <= set(one) and len(one) == len(TABLES) + 16
    assert one == two


def test_dask_engine_gives_the_local_events(corpus, tmp_path):
    try:
        import distributed  # noqa: F401
    except ImportError:
        reason = "dask extra not installed (pip install 'geomap[dask]')"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    local, dask = tmp_path / "local" / "events.csv", tmp_path / "dask" / "events.csv"
    assert _cli("extract", str(corpus), "-o", str(local), "--jobs", "1") == 0
    assert _cli("extract", str(corpus), "-o", str(dask), "--engine", "dask", "--jobs", "2") == 0
    assert local.read_bytes().count(b"\n") > 16
    assert local.read_bytes() == dask.read_bytes()


def test_missing_engine_is_a_usage_error(corpus, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as if not installed
    assert _cli("extract", str(corpus), "-o", str(tmp_path / "e.csv"), "--engine", "dask") == 2


def test_cache_extracts_only_new_or_changed_articles(corpus, tmp_path, monkeypatch):
    src = tmp_path / "src"
    src.mkdir()
    for p in sorted(corpus.iterdir())[:8]:
        (src / p.name).write_bytes(p.read_bytes())
    out = tmp_path / "out"

    def run(**kw):
        return map_corpus([src], out, jobs=1, progress=False, **kw)

    assert run().extracted == 8
    first = _outputs(out)
    again = run()
    assert (again.extracted, len(again.articles)) == (0, 8)
    assert _outputs(out) == first

    changed = sorted(src.iterdir())[3]
    changed.write_text(changed.read_text(encoding="utf-8").replace("protest", "rally"), encoding="utf-8")
    (src / "new.txt").write_text("published: 2022-01-05\n\nHundreds rallied in Aktau on Tuesday.\n",
                                 encoding="utf-8")
    (out / min(src.glob("syn*.txt")).name.replace(".txt", ".html")).unlink()  # redrawn
    grown = run()
    assert (grown.extracted, len(grown.articles)) == (2, 9)
    fresh = map_corpus([src], tmp_path / "fresh", jobs=1, progress=False)
    assert _outputs(out) == _outputs(tmp_path / "fresh")
    assert fresh.extracted == 9

    assert run(cache=False).extracted == 9
    monkeypatch.setattr(pipeline, "PIPELINE_VERSION", pipeline.PIPELINE_VERSION + 1)
    assert run().extracted == 9
    assert run().extracted == 0


def test_cache_version_covers_the_gazetteer_overlay(tmp_path):
    overlay = tmp_path / "extra.csv"
    overlay.write_text("place_id,name,kind,latitude,longitude\nlm:x,Xplace,landmark,43.6,51.2\n",
                       encoding="utf-8")
    base = pipeline.cache_version()
    with_overlay = pipeline.cache_version(overlay)
    assert base != with_overlay
    overlay.write_text(overlay.read_text(encoding="utf-8").replace("43.6", "43.7"), encoding="utf-8")
    assert pipeline.cache_version(overlay) not in (base, with_overlay)


def test_cache_rows_of_undated_articles_last_one_day(tmp_path):
    with ResultCache(tmp_path / CACHE_NAME, "v1") as cache:
        cache.put_many([("dated", None, b"a", None), ("undated", "2026-01-01", b"b", None)])
        assert cache.get("dated", "2026-01-02")[0] == b"a"
        assert cache.get("undated", "2026-01-01")[0] == b"b"
        assert cache.get("undated", "2026-01-02") is None
    with ResultCache(tmp_path / CACHE_NAME, "v2") as cache:  # another pipeline: nothing is valid
        assert len(cache) == 0


def test_a_damaged_cache_is_replaced(tmp_path):
    path = tmp_path / CACHE_NAME
    path.write_bytes(b"this is not an SQLite database" * 100)
    with ResultCache(path, "v1") as cache:
        cache.put_many([("k", None, b"x", None)])
        assert len(cache) == 1


def test_extract_streams_without_a_cache_to_stdout(corpus, capsys):
    assert _cli("extract", str(corpus), "--jobs", "2") == 0
    assert capsys.readouterr().out.startswith("event_id,")
    corpus_result = stream_corpus([corpus], jobs=2, progress=False)
    assert corpus_result.extracted == len(corpus_result.articles) == 16


def _cache_rows(path: Path) -> int:
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            return db.execute("SELECT count(*) FROM results").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_a_killed_run_then_a_rerun_ends_like_an_uninterrupted_run(tmp_path):
    corpus = _make_corpus(tmp_path / "big", 80, seed=3)  # ~0.1 s per article and map
    cmd = [sys.executable, "-m", "geomap.cli", "map", str(corpus), "--jobs", "2", "--quiet", "--out"]
    killed = tmp_path / "killed"
    proc = subprocess.Popen([*cmd, str(killed)], start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while _cache_rows(killed / CACHE_NAME) < 16 and proc.poll() is None:
            assert time.monotonic() < deadline, "the run never got going"
            time.sleep(0.05)
        assert proc.poll() is None, "the run finished before it could be interrupted"
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the run and its pool workers, as a kill -9 would
        proc.wait()
    done = _cache_rows(killed / CACHE_NAME)
    assert 16 <= done < 80
    assert not (killed / "index.html").exists()

    assert subprocess.run([*cmd, str(killed)], check=False).returncode == 0
    assert subprocess.run([*cmd, str(tmp_path / "whole")], check=False).returncode == 0
    assert _outputs(killed) == _outputs(tmp_path / "whole")
    assert _cache_rows(killed / CACHE_NAME) == 80


def test_a_full_disk_or_a_lock_keeps_the_cache(tmp_path, monkeypatch):
    path = tmp_path / CACHE_NAME
    with ResultCache(path, "v1") as cache:
        cache.put_many([("k", None, b"x", None)])
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = 13  # SQLITE_FULL

    def refuse(self, version):
        raise full
    monkeypatch.setattr(ResultCache, "_open", refuse)
    with pytest.raises(sqlite3.OperationalError):
        ResultCache(path, "v1")
    monkeypatch.undo()
    with ResultCache(path, "v1") as cache:
        assert len(cache) == 1


def test_a_killed_run_s_old_partial_file_is_cleared(tmp_path):
    from geomap.pipeline import _PartialFile

    stale = tmp_path / ".places.csv.abc123.partial"
    stale.write_text("half", encoding="utf-8")
    os.utime(stale, (time.time() - 2 * _PartialFile.STALE_S,) * 2)
    fresh = tmp_path / ".places.csv.def456.partial"  # maybe another run's, still writing
    fresh.write_text("half", encoding="utf-8")
    with _PartialFile(tmp_path / "places.csv") as out:
        out.write("a,b\n")
        out.commit()
    assert not stale.exists() and fresh.exists() and (tmp_path / "places.csv").read_text() == "a,b\n"


def _no_pool(*args, **kwargs):
    raise AssertionError("a worker pool was started")


def test_a_rerun_with_nothing_new_starts_no_pool_and_keeps_the_table(corpus, tmp_path, monkeypatch):
    src = tmp_path / "src"
    src.mkdir()
    for p in sorted(corpus.iterdir())[:6]:
        (src / p.name).write_bytes(p.read_bytes())
    table = tmp_path / "out" / "events.csv"

    def extract(folder: Path, jobs: str = "2") -> int:
        return _cli("extract", str(src), "-o", str(folder), "--jobs", jobs)

    assert extract(table) == 0
    first, st = table.read_bytes(), table.stat()
    with monkeypatch.context() as m:
        m.setattr(pipeline, "ProcessPoolExecutor", _no_pool)
        assert extract(table) == 0
    assert table.read_bytes() == first
    assert (table.stat().st_ino, table.stat().st_mtime_ns) == (st.st_ino, st.st_mtime_ns)  # not rewritten

    table.write_bytes(first.replace(b"KZ", b"XX"))  # an edited table is written again
    assert extract(table) == 0 and table.read_bytes() == first

    changed, gone = sorted(src.iterdir())[1:3]
    changed.write_text(changed.read_text(encoding="utf-8").replace("protest", "rally"), encoding="utf-8")
    gone.unlink()
    assert extract(table) == 0
    assert extract(tmp_path / "fresh" / "events.csv", "1") == 0
    assert table.read_bytes() == (tmp_path / "fresh" / "events.csv").read_bytes() != first


def test_a_map_rerun_with_nothing_new_starts_no_pool(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert map_corpus([corpus], out, jobs=2, progress=False).extracted == 16
    first = _outputs(out)
    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", _no_pool)
    again = map_corpus([corpus], out, jobs=2, progress=False)
    assert (again.extracted, len(again.articles), again.ok) == (0, 16, True)
    assert _outputs(out) == first


def test_a_rerun_from_the_cache_loads_no_extraction_stage_nor_pandas(corpus, tmp_path):
    out = tmp_path / "out" / "events.geojson"
    script = ("import runpy, sys\n"
              "sys.argv = ['geomap', 'extract', *sys.argv[1:]]\n"
              "try:\n    runpy.run_module('geomap.cli', run_name='__main__')\n"
              "except SystemExit as exc:\n"
              "    print(exc.code, *sorted(m for m in ('pandas', 'folium', 'geomap.events',\n"
              "          'geomap.gazetteer', 'geomap.places') if m in sys.modules))\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def loaded(jobs: str) -> list[str]:
        cmd = [sys.executable, "-c", script, str(corpus), "-o", str(out), "--jobs", jobs, "--quiet"]
        return subprocess.run(cmd, capture_output=True, text=True, env=env, check=True).stdout.split()

    assert loaded("1") == ["0", "geomap.events", "geomap.gazetteer", "geomap.places", "pandas"]
    assert loaded("2") == ["0"]


def test_cached_tables_are_forgotten_with_the_pipeline_version(tmp_path):
    table = tmp_path / "events.csv"
    table.write_text("a,b\n", encoding="utf-8")
    with ResultCache(tmp_path / CACHE_NAME, "v1") as cache:
        cache.put_many([("k1", None, b"a", None), ("k2", "2026-01-01", b"b", "stamp")])
        assert cache.get_many(["k1", "k2", "k3"], "2026-01-01") == {"k1": (b"a", None),
                                                                    "k2": (b"b", "stamp")}
        assert cache.get_many(["k1", "k2"], "2026-01-02") == {"k1": (b"a", None)}
        cache.output_written(table, "digest")
        assert cache.output_current(table, "digest") and not cache.output_current(table, "other")
    with ResultCache(tmp_path / CACHE_NAME, "v1") as cache:
        assert cache.output_current(table, "digest")
        table.write_text("a,c\n", encoding="utf-8")
        assert not cache.output_current(table, "digest")
        table.write_text("a,b\n", encoding="utf-8")
    with ResultCache(tmp_path / CACHE_NAME, "v2") as cache:
        assert not cache.output_current(table, "digest")


def _pandas_merge(df):
    """merge_corpus as a plain pandas aggregation (Python functions per group): the reference."""
    import pandas as pd

    from geomap.table import EVENT_COLUMNS, _typed

    keys = ["place_id", "event_date", "event_type", "_measure"]
    df = df.reset_index(drop=True)
    df["_measure"] = df["action"].where(df["event_type"] == "Strategic developments", "")
    sizes = df.groupby(keys, sort=False)["event_id"].transform("size")
    single, multi = df[sizes == 1], df[sizes > 1]

    def joined(sep, split=None):
        return lambda cells: sep.join(dict.fromkeys(
            x for cell in cells for x in (cell.split(split) if split else [cell]) if x))

    grouped = multi.groupby(keys, sort=False)
    merged = grouped.agg(
        {**{c: "first" for c in EVENT_COLUMNS if c not in keys},
         "event_date_end": "max", "time_precision": "min", "participants_min": "min",
         "participants_max": "max", "injured": "max", "killed": "min", "detained": "max",
         "confidence": "max", "participants_text": joined(" | "), "evidence": joined(" | "),
         "actors": joined("; ", "; "),
         "sources": lambda cells: ";".join(sorted({s for c in cells for s in c.split(";") if s}))},
    ).reset_index()
    merged["event_id"] = [
        "corpus-" + hashlib.sha1("|".join(x for x in k if x).encode()).hexdigest()[:12]
        for k in zip(merged["place_id"], merged["event_date"], merged["event_type"],
                     merged["_measure"])]
    merged.index = grouped.head(1).index
    out = pd.concat([single, merged[EVENT_COLUMNS]]).sort_index()
    return _typed(out.reset_index(drop=True)[EVENT_COLUMNS])


def test_merge_corpus_matches_a_plain_pandas_aggregation(corpus):
    from geomap.table import events_table, merge_corpus

    frame = events_table(stream_corpus([corpus], jobs=1, progress=False).rows)
    ours, expected = merge_corpus(frame), _pandas_merge(frame)
    assert len(ours) < len(frame)  # the synthetic corpus repeats events across articles
    assert ours.to_csv(index=False) == expected.to_csv(index=False)
    assert list(ours.dtypes) == list(expected.dtypes)


def test_progress_total_counts_the_rows_of_corpus_files(tmp_path):
    from geomap.pipeline import count_inputs

    (tmp_path / "a.jsonl").write_text('{"id": "1", "text": "x"}\n\n{"id": "2", "text": "y"}\n', encoding="utf-8")
    (tmp_path / "b.csv").write_text('id,text\n1,"two\nlines"\n2,z\n', encoding="utf-8")
    (tmp_path / "c.txt").write_text("one article", encoding="utf-8")
    assert count_inputs([tmp_path]) == 5
    (tmp_path / "d.json").write_text('[{"id": "3", "text": "w"}]', encoding="utf-8")
    assert count_inputs([tmp_path]) is None  # a JSON array is not counted without parsing it


def test_a_cache_of_another_layout_is_replaced(tmp_path):
    path = tmp_path / CACHE_NAME
    with closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE results (id INTEGER, payload BLOB)")
        db.commit()
    with ResultCache(path, "v1") as cache:
        cache.put_many([("k", None, b"x", None)])
        assert len(cache) == 1


def test_a_damaged_cached_row_is_extracted_again(corpus, tmp_path):
    out = tmp_path / "out"
    map_corpus([corpus], out, jobs=1, progress=False)
    first = _outputs(out)
    with closing(sqlite3.connect(out / CACHE_NAME)) as db:
        db.execute("UPDATE results SET record = x'00ff00ff'")
        db.commit()
    again = map_corpus([corpus], out, jobs=1, progress=False)
    assert again.ok and _outputs(out) == first


def test_a_map_path_in_the_way_fails_only_its_article(corpus, tmp_path):
    out = tmp_path / "out"
    map_corpus([corpus], out, jobs=1, progress=False)
    victim = next(p for p in sorted(out.glob("*.html")) if p.name != "index.html")
    victim.unlink()
    victim.mkdir()
    (out / CACHE_NAME).unlink()
    result = map_corpus([corpus], out, jobs=1, progress=False)
    assert len(result.failures) == 1 and "Is a directory" in str(result.failures[0])
    assert (out / "index.html").exists() and (out / "events.csv").exists()


def test_workers_end_with_a_killed_batch(tmp_path):
    big = _make_corpus(tmp_path / "big", 300)
    proc = subprocess.Popen([sys.executable, "-m", "geomap.cli", "extract", str(big), "-q", "--jobs", "2",
                             "-o", str(tmp_path / "e.csv")], start_new_session=True)
    try:
        deadline = time.time() + 60
        while time.time() < deadline and len(_children(proc.pid)) < 2:
            time.sleep(0.2)
        workers = _children(proc.pid)
        assert workers, "no worker started"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        deadline = time.time() + 15
        while time.time() < deadline and any(_alive(w) for w in workers):
            time.sleep(0.2)
        assert not any(_alive(w) for w in workers)
    finally:  # whatever is left of the process group
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[-1][0] != "Z"
    except OSError:
        return False
