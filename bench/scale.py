"""Scale benchmark: throughput, memory and rerun cost of whole `geomap` runs on synthetic corpora.

    /work/venv/bin/python bench/scale.py [--sizes 1000,3000] [--jobs 1,2] [--dask]
                                         [--command extract|map] [--work DIR]

For each corpus size N (made by bench/corpus.py, ~4 KB per article, kept in --work for reuse) it
runs the real command line in a subprocess and prints, per run: wall time, articles/s, articles/s
per worker, MB/s of input, CPU milliseconds per article (all processes; steady under load,
unlike wall time), and peak RSS of the largest process (the main one: it holds the corpus
event table; workers stay flat).  Runs: each --jobs value from an empty output folder, a rerun of
the last one with nothing new (time as a percentage of its first run), and with --dask the Dask
engine on a LocalCluster of as many workers as the largest --jobs.  `extract` measures extraction
and tables (the issue's goal: >= 1,000 articles/s per core); `map` adds one HTML map per article
and the index.  The defaults finish in a few minutes on 2 cores; 100k is opt-in (--sizes 100000).
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def corpus(n: int, work: Path) -> Path:
    folder = work / f"corpus-{n}"
    if not (folder / ".complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([sys.executable, str(HERE / "corpus.py"), "--n", str(n), "--out", str(folder)],
                       check=True, stdout=subprocess.DEVNULL)
        (folder / ".complete").touch()
    return folder


def measure(cmd: list[str]) -> dict:
    """Wall time and peak RSS of ``cmd``, run by a fresh helper so that RUSAGE_CHILDREN covers it alone."""
    probe = ("import json, resource, subprocess, sys, time\n"
             "t = time.perf_counter(); rc = subprocess.run(sys.argv[1:]).returncode\n"
             "ru = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
             "print(json.dumps({'seconds': time.perf_counter() - t, 'rc': rc, 'rss_kb': ru.ru_maxrss,\n"
             "  'cpu': ru.ru_utime + ru.ru_stime}))")
    out = subprocess.run([sys.executable, "-c", probe, *cmd], check=True, capture_output=True, text=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["rc"] not in (0, 1):
        sys.exit(f"failed ({result['rc']}): {' '.join(cmd)}\n{out.stderr[-2000:]}")
    return result


def geomap_cmd(command: str, src: Path, out: Path, extra: list[str]) -> list[str]:
    base = [sys.executable, "-m", "geomap.cli", command, str(src), "--quiet", *extra]
    return base + (["--out", str(out)] if command == "map" else ["-o", str(out / "events.csv")])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,3000", help="comma-separated corpus sizes")
    ap.add_argument("--jobs", default="1,2", help="comma-separated --jobs values")
    ap.add_argument("--dask", action="store_true", help="also run the Dask engine on a LocalCluster")
    ap.add_argument("--command", choices=("extract", "map"), default="extract")
    ap.add_argument("--work", type=Path, default=None, help="folder for corpora and outputs (kept)")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    jobs = [int(j) for j in args.jobs.split(",")]
    work = args.work or Path(tempfile.mkdtemp(prefix="geomap-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"geomap {args.command}; corpora and outputs in {work}")
    print(f"{'N':>7} {'run':<18} {'seconds':>8} {'art/s':>8} {'art/s/wkr':>9} {'MB/s':>6} "
          f"{'CPU ms/art':>10} {'peak RSS MB':>11} {'vs first':>8}")
    for n in sizes:
        src = corpus(n, work)
        mb = sum(p.stat().st_size for p in src.iterdir() if p.suffix == ".txt") / 1e6
        runs: list[tuple[str, int, list[str], str]] = [
            (f"--jobs {j}", j, ["--jobs", str(j)], f"out-{n}-j{j}") for j in jobs]
        runs.append((f"rerun --jobs {jobs[-1]}", jobs[-1], ["--jobs", str(jobs[-1])],
                     f"out-{n}-j{jobs[-1]}"))
        if args.dask:
            runs.append((f"dask {max(jobs)} workers", max(jobs),
                         ["--engine", "dask", "--jobs", str(max(jobs))], f"out-{n}-dask"))
        first: dict[str, float] = {}
        for label, workers, extra, name in runs:
            out = work / name
            if name not in first:
                shutil.rmtree(out, ignore_errors=True)
                out.mkdir(parents=True)
            r = measure(geomap_cmd(args.command, src, out, extra))
            rate = n / r["seconds"]
            share = f"{100 * r['seconds'] / first[name]:7.1f}%" if name in first else ""
            first.setdefault(name, r["seconds"])
            print(f"{n:>7} {label:<18} {r['seconds']:8.1f} {rate:8.0f} {rate / workers:9.0f} "
                  f"{mb / r['seconds']:6.2f} {1000 * r['cpu'] / n:10.1f} {r['rss_kb'] / 1024:11.0f} "
                  f"{share:>8}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
