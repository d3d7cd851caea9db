"""The pipeline joined up: one article through every stage, and batches of any size.

``process_article`` is the unit of work (pure: an Article in, an ArticleResult out).  Small batches
(the notebook API) go through ``process_inputs`` and keep every result.  Archives go through
``stream_corpus``/``map_corpus``: articles are read lazily, extracted in blocks on a process pool
or a Dask cluster, and come back in input order, so the outputs are the same for any number of
workers; each article shrinks to an :class:`ArticleRecord` (its table rows, not its text or
mentions), its places rows and map are written as it arrives, and its record goes to the cache so
that a rerun only extracts new or changed articles.  Bad inputs are reported with path and reason
and never stop a batch; every output is written atomically.
"""
from __future__ import annotations

import csv
import errno
import hashlib
import io
import json
import os
import pickle
import sqlite3
import stat
import sys
import time
import zlib
from bisect import bisect_right
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import astuple, dataclass, field, replace
from datetime import date
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Self, TypeVar

from . import __version__
from .cache import CACHE_NAME, ResultCache, article_key
from .errors import EngineUnavailable, GeomapError, InputError, OutputError, TooSlow, printable
from .fsutil import atomic_write_text, data_dir, output_errors, spreadsheet_safe, temp_beside
from .ingest import OUTPUT_MARKER, ROW_SUFFIXES, Article, read_articles

if TYPE_CHECKING:  # the stages (and pandas) load on first use: a rerun from the cache needs few
    import pandas as pd

    from .events import Event
    from .gazetteer import Gazetteer
    from .places import Mention

#: Bump when results change in a way the hashed code and data do not show (e.g. a dependency's).
PIPELINE_VERSION = 1
BLOCK = 8            # articles per task sent to a worker: small enough to balance, big enough to batch
ARTICLE_SECONDS = 300  # one article's limit in a batch; the longest allowed text takes ~15 s


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Everything one article yields; ``published_reason`` says how the date was obtained."""

    article: Article
    published: date | None
    published_inferred: bool
    published_reason: str
    mentions: list[Mention]
    events: list[Event]
    today: date | None = None

    @property
    def warnings(self) -> list[str]:
        """What the user should know although the article was read: a date or a language that
        geomap had to assume (the events are there, but may be dated or read wrongly)."""
        from . import lang

        out = []
        language = self.article.language
        if lang.primary(language) not in lang.SUPPORTED:
            out.append(f"language {language!r} is not supported ({', '.join(lang.SUPPORTED)}): "
                       "read with the English rules, and Cyrillic sentences with the Russian ones")
        if self.published is None:
            today = (self.today or date.today()).isoformat()
            out.append("no publication date, and none could be inferred from the text: its "
                       f"relative dates (yesterday, on Friday) were counted from today, {today}; "
                       "give it a published: field or run with --published")
        return out

    def event_rows(self) -> list[tuple]:
        from .table import event_rows

        return event_rows(self.events, published=self.published,
                          published_inferred=self.published_inferred)

    def events_frame(self) -> pd.DataFrame:
        from .table import events_table

        return events_table(self.event_rows())

    def places_frame(self) -> pd.DataFrame:
        from .table import places_frame

        return places_frame(self.mentions, self.article.article_id)


def process_article(article: Article, gazetteer: Gazetteer | None = None, *,
                    today: date | None = None) -> ArticleResult:
    """Run places and events on one article, inferring its publication date when absent."""
    from . import lang
    from .gazetteer import Gazetteer
    from .timex import infer_published

    gaz = gazetteer or Gazetteer.load()
    language = lang.get(article.language)
    published, inferred, reason = article.published, False, "given"
    if published is None:
        published, reason = infer_published(article.text, today, lexicon=language.lexicon,
                                            period=gaz.name_period(article.text))
        inferred = published is not None
        if published is None:
            reason = f"{reason}; relative dates resolved against today"
    mentions, events = _read(article, gaz, published, published or today or date.today(),
                             language.code)
    return ArticleResult(replace(article, published=published), published, inferred, reason,
                         mentions, events, today)


def _read(article: Article, gaz: Gazetteer, published: date | None, anchor: date,
          code: str) -> tuple[list[Mention], list[Event]]:
    """Places and events of one article; a mixed-language article is read once per language over
    its whole text (so context carries across languages). A place name is taken from the reading
    of the language it is written in ("Our correspondent in Aktobe: «У здания акимата …»"), an
    event from the reading of its sentence's language."""
    from . import lang
    from .events import extract_events, merge_events
    from .places import find_places

    text = article.text
    runs = lang.segments(text, code)
    codes = list(dict.fromkeys(c for *_, c in runs))
    if len(codes) == 1:  # one language, maybe not the declared one (English text under "language: ru")
        code = codes[0]
        mentions = find_places(text, gaz, published=published, language=code)
        return mentions, extract_events(text, mentions, article_id=article.article_id,
                                        published=anchor, gazetteer=gaz, language=code, title=article.title)
    starts = [a for a, *_ in runs]

    def run_of(pos: int) -> str:
        return runs[max(0, bisect_right(starts, pos) - 1)][2]

    mentions = sorted((m for c in codes for m in find_places(text, gaz, published=published, language=c)
                       if lang.written_in(m.text, codes) == c), key=lambda m: (m.start, m.end))
    events = [e for c in codes for e in extract_events(
        text, mentions, article_id=article.article_id, published=anchor, gazetteer=gaz,
        language=c, title=article.title) if run_of(e.evidence_start) == c]
    return mentions, merge_events(events)


_T = TypeVar("_T")


def _where(article: Article) -> tuple[str, int | None]:
    return article.path or article.article_id, article.line


def _internal(stage: str, exc: Exception) -> str:
    """The reason reported when a stage has a bug: one line, no traceback, the batch goes on."""
    detail = " ".join(str(exc).split())[:200]
    return f"internal error while {stage}: {type(exc).__name__}" + (f": {detail}" if detail else "")


MAX_JOBS_PER_CORE = 4  # more workers than this only add memory and start-up time

# write errors that concern one output path, not the folder or the disk
_ONE_PATH_ERRNOS = frozenset({errno.EISDIR, errno.ENOTDIR, errno.ENAMETOOLONG, errno.EEXIST})


def _guard(where: tuple[str, int | None], stage: str, fn: Callable[[], _T]) -> _T | InputError:
    """``fn()``, or the failure of the article at ``where`` when a stage refuses it or has a bug
    on it, so that one odd article never stops a batch.  An OutputError (disk full, folder
    gone) is raised instead: every later article would fail the same way."""
    try:
        return fn()
    except OutputError as exc:
        cause = exc.__cause__
        if isinstance(cause, OSError) and cause.errno in _ONE_PATH_ERRNOS:
            return InputError(where[0], str(exc), where[1])  # "a3.html" is a folder: this map only
        raise
    except GeomapError as exc:  # a stage refused this article: report, go on
        return InputError(where[0], str(exc), where[1])
    except Exception as exc:  # noqa: BLE001 - a bug on one odd article must not stop the batch
        return InputError(where[0], _internal(stage, exc), where[1])


def _extract(article: Article, gaz: Gazetteer, today: date | None = None) -> ArticleResult | InputError:
    return _guard(_where(article), "extracting events",
                  lambda: process_article(article, gaz, today=today))


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """What a batch keeps of one article: the rows its outputs need, not its text or mentions.

    Small and picklable, so it is what workers send back and what the cache stores."""

    article_id: str
    title: str               # the article's title, or its id when it has none
    url: str
    published: str           # ISO date or ""
    events: list[tuple]      # its event_rows(), every country
    places_csv: str          # its rows of places.csv, without the header
    warnings: tuple[str, ...] = ()  # "path[:line]: what was assumed", shown after every run

    @classmethod
    def from_result(cls, r: ArticleResult) -> ArticleRecord:
        a = r.article
        path, line = _where(a)
        where = f"{path}:{line}" if line is not None else path
        return cls(a.article_id, a.title or a.article_id, a.url,
                   r.published.isoformat() if r.published else "", r.event_rows(),
                   _csv_text(r.places_frame(), header=False),
                   tuple(printable(f"{where}: {w}") for w in r.warnings))

    def info(self) -> dict:
        """The article's entry in the index map."""
        return {"article_id": self.article_id, "title": self.title, "url": self.url,
                "published": self.published, "map_file": map_file_name(self.article_id),
                "n_events": len(self.events)}


def _dump(record: ArticleRecord) -> bytes:
    return zlib.compress(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL), 1)


def _csv_text(frame, header: bool = True) -> str:
    from .table import csv_text  # pandas: only where a frame already exists

    return csv_text(frame, header)


def _load(blob: bytes) -> ArticleRecord:
    return pickle.loads(zlib.decompress(blob))


def _intact(blob: bytes) -> bool:
    """Whether a cached record passes zlib's checksum (cheap next to unpickling it)."""
    try:
        zlib.decompress(blob)
    except (zlib.error, TypeError):
        return False
    return True


@dataclass(frozen=True, slots=True)
class MapOptions:
    """How the HTML maps are drawn (see ``geomap map --help``)."""

    tiles: str = "none"
    assets: str = "cdn"
    cumulative: bool = False
    cluster: bool = True


# --------------------------------------------------------------------------- small batches


@dataclass(slots=True)
class BatchResult:
    """What a batch produced: per-article results (small), failures, written files."""

    results: list[ArticleResult] = field(default_factory=list)
    failures: list[InputError] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def process_inputs(inputs: Iterable[str | Path], *, published: date | None = None,
                   glob: str | None = None, gazetteer: Gazetteer | None = None,
                   progress: bool = True, language: str | None = None) -> BatchResult:
    """Read and extract every article under ``inputs`` in this process, keeping every result
    (for notebooks; archives go through :func:`stream_corpus`)."""
    from tqdm import tqdm

    from .gazetteer import Gazetteer

    gaz = gazetteer or Gazetteer.load()
    batch = BatchResult()
    with tqdm(desc="articles", unit="article", disable=not progress, file=sys.stderr,
              dynamic_ncols=True) as bar:
        for item in read_articles(inputs, published=published, glob=glob, language=language):
            if isinstance(item, Article):
                item = _extract(item, gaz)
            if isinstance(item, InputError):
                batch.failures.append(item)
                bar.write(f"error: {item}", file=sys.stderr)
            else:
                batch.results.append(item)
            bar.update(1)
            bar.set_postfix(failed=len(batch.failures), refresh=False)
    return batch


def _merged(rows: list[tuple]) -> pd.DataFrame:
    """One corpus event table from every article's event rows (reports of one event merged)."""
    from .table import EVENT_COLUMNS, events_table, merge_corpus

    return merge_corpus(events_table(rows))[EVENT_COLUMNS]


def _kz(events: pd.DataFrame) -> pd.DataFrame:
    return events[events["country"] == "KZ"]


def corpus_frames(batch: BatchResult) -> tuple[pd.DataFrame, pd.DataFrame]:
    """All events (merged across articles) and all mentions of a batch."""
    import pandas as pd

    from .table import PLACE_COLUMNS

    pl = [r.places_frame() for r in batch.results]
    places = pd.concat(pl, ignore_index=True) if pl else pd.DataFrame(columns=PLACE_COLUMNS)
    return _merged([row for r in batch.results for row in r.event_rows()]), places


def write_failures(failures: list[InputError], path: Path) -> Path:
    """failures.csv: path, line, reason — one row per input that could not be used."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["path", "line", "reason"])
    for f in failures:
        w.writerow([spreadsheet_safe(f.path), "" if f.line is None else f.line, spreadsheet_safe(f.reason)])
    return atomic_write_text(path, buf.getvalue())


def _write_events(corpus: Corpus, path: Path, cache: ResultCache | None) -> Path:
    """An event table of the KZ events (CSV, GeoJSON or JSON lines, by ``path``'s suffix), unless
    ``path`` already holds, byte for byte, what was written from the same records: then an
    unchanged corpus is not merged, formatted and written again (nor pandas imported)."""
    with output_errors(path, (sqlite3.Error, OSError)):
        if cache is not None and cache.output_current(path, corpus.digest):
            return path
    from .table import write_csv, write_geojson, write_jsonl

    writer = {".csv": write_csv, ".geojson": write_geojson, ".jsonl": write_jsonl}
    writer[path.suffix.lower()](_kz(corpus.events), path)
    if cache is not None:
        _cache_write(cache, cache.output_written, path, corpus.digest)
    return path


def _cache_write(cache: ResultCache, write: Callable[..., None], *args) -> None:
    """A write to the cache; one that fails (a read-only or locked file) is warned about once and
    the run goes on without caching: it costs the next run's speed, not this run's outputs."""
    if cache.unwritable:
        return
    try:
        write(*args)
    except sqlite3.Error as exc:
        cache.unwritable = str(exc)
        print(f"warning: {printable(str(cache.path))}: cannot write the cache ({printable(str(exc))}); "
              "going on without it, so a rerun extracts these articles again", file=sys.stderr)


def map_file_name(article_id: str) -> str:
    """The per-article map's file name; never collides with index.html nor with another
    article's map (ids are unique and never end in "_" except Windows device names such as
    "con_", so "index_" is free)."""
    return f"{article_id}_.html" if article_id.lower() == "index" else f"{article_id}.html"


def base_layers(gaz: Gazetteer) -> dict:
    """The vector base every map carries: the country outline, the main cities' labels and the
    first-level units' centres (for the events-per-region layer)."""
    cities = sorted((p for p in gaz.places() if p.country == "KZ" and p.kind == "city"
                     and p.population >= 250_000), key=lambda p: -p.population)
    regions = sorted((p for p in gaz.places() if p.country == "KZ" and p.kind == "region"),
                     key=lambda p: p.name)
    return {"outline": gaz.country_outline,
            "cities": [(p.name, p.latitude, p.longitude) for p in cities],
            "regions": [(p.name, p.latitude, p.longitude) for p in regions]}


def _draw_article(record: ArticleRecord, out: Path, options: MapOptions, base: dict) -> Path:
    from .render import render_map, save_map
    from .table import events_table

    info = record.info()
    m = render_map(_kz(events_table(record.events)), [info], title=info["title"], tiles=options.tiles,
                   cumulative=options.cumulative, cluster=options.cluster, **base)
    return save_map(m, out / info["map_file"], assets=options.assets)


def _draw_index(events: pd.DataFrame, articles: list[dict], out: Path, options: MapOptions,
                base: dict) -> Path:
    from .render import render_map, save_map

    m = render_map(_kz(events), articles, title="geomap: all articles", tiles=options.tiles,
                   cumulative=options.cumulative, cluster=options.cluster, index=True, **base)
    return save_map(m, out / "index.html", assets=options.assets)


# --------------------------------------------------------------------------- archives: workers


@dataclass(frozen=True, slots=True)
class _Job:
    """What a worker needs besides its articles; small, so it travels with every block."""

    gazetteer_extra: str | None
    today: date
    maps: str | None                 # folder of the per-article maps; None: no maps
    options: MapOptions

    def stamp(self, file: str, st: os.stat_result) -> str:
        """What the cache remembers of a written map, to tell later whether it is still there."""
        return json.dumps([astuple(self.options), file, st.st_size, st.st_mtime_ns])

    def map_current(self, stamp: str | None) -> bool:
        """Is the map a cached stamp describes still on disk, drawn with these options?"""
        if stamp is None or self.maps is None:
            return False
        opts, file, size, mtime = json.loads(stamp)
        try:
            st = os.stat(Path(self.maps) / file)
        except OSError:
            return False
        return tuple(opts) == astuple(self.options) and (st.st_size, st.st_mtime_ns) == (size, mtime)


@lru_cache(maxsize=4)
def _worker_setup(gazetteer_extra: str | None) -> tuple[Gazetteer, dict]:
    """The gazetteer and map base layers, loaded once per worker process (pool initializer)."""
    from .gazetteer import Gazetteer

    gaz = Gazetteer.load(extra=gazetteer_extra)
    return gaz, base_layers(gaz)


def _pool_worker(gazetteer_extra: str | None) -> None:
    """A pool worker's start: its stages loaded, and a watch on its parent, so that a batch
    killed with SIGTERM or SIGKILL leaves no workers behind (they would run on for ever)."""
    import threading

    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
    _worker_setup(gazetteer_extra)


# A task is (article, None) to extract, or (None, cached record) whose map must be redrawn.
# Its outcome is (record or (path, reason, line) of a failure, map stamp or None, extracted?).
Task = tuple[Article | None, bytes | None]
Outcome = tuple[bytes | tuple[str, str, int | None], str | None, bool]


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise TooSlow in the block after ``seconds``; where no timer signal can be had (another
    thread, e.g. a Dask worker's, or no setitimer), the block runs unlimited."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def on_alarm(signum, frame):
        raise TooSlow(f"took longer than {seconds:g} s to read, so it was skipped (please report it "
                      "with the file: geomap should be linear in the text)")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_block(job: _Job, tasks: list[Task]) -> list[Outcome]:
    """A worker's unit of work: extract the block's articles and draw their maps."""
    gaz, base = _worker_setup(job.gazetteer_extra)
    return [_run_task(job, gaz, base, article, blob) for article, blob in tasks]


def _run_task(job: _Job, gaz: Gazetteer, base: dict, article: Article | None,
              blob: bytes | None) -> Outcome:
    """One task's outcome: a failure for an article that a stage refuses or has a bug on."""
    fresh = article is not None
    if article is not None:
        def extract() -> ArticleRecord:
            with _time_limit(ARTICLE_SECONDS):
                return ArticleRecord.from_result(process_article(article, gaz, today=job.today))

        record = _guard(_where(article), "extracting events", extract)
        if isinstance(record, InputError):
            return (record.path, record.reason, record.line), None, fresh
        blob = _dump(record)
    else:
        record = _load(blob)
    if job.maps is None:
        return blob, None, fresh
    where = _where(article) if article is not None else (record.article_id, None)
    path = _guard(where, "drawing its map",
                  lambda: _draw_article(record, Path(job.maps), job.options, base))
    if isinstance(path, InputError):
        return (path.path, path.reason, path.line), None, fresh
    return blob, job.stamp(path.name, path.stat()), fresh


class _InlineExecutor(Executor):
    """``--jobs 1``: blocks run in this process as they are submitted."""

    def submit(self, fn: Callable, /, *args, **kwargs) -> Future:
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - raised by result(), as in a pool
            future.set_exception(exc)
        return future


@contextmanager
def _executor(engine: str, jobs: int, scheduler: str | None,
              job: _Job) -> Iterator[tuple[Executor, int]]:
    """An executor for blocks and how many blocks it runs at once."""
    if engine == "dask":
        with _dask_executor(scheduler, jobs) as pair:
            yield pair
    elif engine != "local":
        raise EngineUnavailable(f"unknown engine {engine!r}; choose local or dask")
    elif jobs <= 1:
        yield _InlineExecutor(), 1
    else:
        pool = _LazyPool(jobs, job.gazetteer_extra)
        try:
            yield pool, jobs
        finally:  # after a failure, blocks not yet started are dropped, not run
            pool.shutdown(cancel_futures=True)


class _LazyPool(Executor):
    """A process pool started by the first block that needs work, so that a rerun which finds
    every article in the cache starts no workers.  The pool forks all its workers before it
    starts its own thread, and the batch starts none before that (see :func:`_progress_bar`)."""

    def __init__(self, jobs: int, gazetteer_extra: str | None) -> None:
        self.jobs, self.gazetteer_extra = jobs, gazetteer_extra
        self.pool: ProcessPoolExecutor | None = None

    def submit(self, fn: Callable, /, *args, **kwargs) -> Future:
        if self.pool is None:
            self.pool = ProcessPoolExecutor(self.jobs, initializer=_pool_worker,
                                            initargs=(self.gazetteer_extra,))
        return self.pool.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait, cancel_futures=cancel_futures)


@contextmanager
def _dask_executor(scheduler: str | None, workers: int) -> Iterator[tuple[Executor, int]]:
    """A dask.distributed client: on ``scheduler`` if given, else on a LocalCluster of ``workers``
    single-threaded processes.  Workers need geomap installed and, for maps, the output folder."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise EngineUnavailable("the dask engine needs the optional dependencies: "
                                "pip install 'geomap[dask]'") from exc
    with ExitStack() as stack:
        try:
            if scheduler:
                client = stack.enter_context(Client(scheduler, timeout="30s"))
            else:
                cluster = stack.enter_context(LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True,
                    dashboard_address=None))
                client = stack.enter_context(Client(cluster))
        except (OSError, ValueError, TypeError) as exc:  # unreachable, or not an address ("missing port")
            raise EngineUnavailable(f"cannot reach the Dask scheduler {scheduler}: {exc}") from exc
        yield client.get_executor(pure=False), max(1, sum(client.nthreads().values()))


def _blocks(items: Iterator, size: int) -> Iterator[list]:
    while block := list(islice(items, size)):
        yield block


@dataclass(slots=True)
class _Slot:
    """One input item of a block on its way back to the main process."""

    ready: InputError | bytes | None = None   # a failure or a cached record needing no work
    key: str = ""
    dated: bool = True                        # False: results depend on the day of the run
    task: int = -1                            # its task's index in the block, when it has one


def _ordered_results(items: Iterator[Article | InputError], job: _Job, executor: Executor,
                     workers: int, cache: ResultCache | None, reuse: bool,
                     ) -> Iterator[tuple[bytes | InputError, bool]]:
    """(serialised record or failure, extracted this run?) for every item, in input order.

    Blocks are submitted as they are read, at most ``2 * workers`` ahead of the one being
    written, so memory stays flat; each finished block's new records are cached in one
    transaction before they are handed on."""
    today = job.today.isoformat()
    pending: deque[tuple[list[_Slot], Future | None]] = deque()

    def finish(slots: list[_Slot], future: Future | None):
        outcomes = future.result() if future else []
        done: list[tuple[bytes | InputError, bool]] = []
        rows = []
        for s in slots:
            if s.task < 0:
                done.append((s.ready, False))
                continue
            value, stamp, extracted = outcomes[s.task]
            if isinstance(value, tuple):
                done.append((InputError(*value), False))
                continue
            rows.append((s.key, None if s.dated else today, value, stamp))
            done.append((value, extracted))
        if cache is not None:
            _cache_write(cache, cache.put_many, rows)
        return done

    for block in _blocks(items, BLOCK):
        keys = [article_key(item) if isinstance(item, Article) else "" for item in block]
        hits = cache.get_many([k for k in keys if k], today) if cache is not None and reuse else {}
        slots, tasks = [], []
        for item, key in zip(block, keys):
            if isinstance(item, InputError):
                slots.append(_Slot(ready=item))
                continue
            slot = _Slot(key=key, dated=item.published is not None)
            hit = hits.get(slot.key)
            if hit is not None and not _intact(hit[0]):
                hit = None  # a damaged row (its checksum fails): extract the article again
            if hit is not None and (job.maps is None or job.map_current(hit[1])):
                slot.ready = hit[0]
            else:
                slot.task = len(tasks)
                tasks.append((None, hit[0]) if hit is not None else (item, None))
            slots.append(slot)
        pending.append((slots, executor.submit(run_block, job, tasks) if tasks else None))
        while pending and (len(pending) > 2 * workers or pending[0][1] is None
                           or pending[0][1].done()):
            yield from finish(*pending.popleft())
    while pending:
        yield from finish(*pending.popleft())


# --------------------------------------------------------------------------- archives: the batch


def count_inputs(inputs: Iterable[str | Path], glob: str | None = None,
                 skip: Iterable[str | Path] = ()) -> int | None:
    """About how many items :func:`read_articles` will yield, for the progress bar's total and
    ETA: one per single-article file or unusable path, one per non-blank line of a .jsonl or row
    of a .csv; None when a file's rows cannot be counted cheaply (.json arrays, gzip)."""
    from .ingest import _expand  # the same walk read_articles does, without reading the files

    n = 0
    for item in _expand(inputs, glob, skip):
        if isinstance(item, Path) and item.name.lower().removesuffix(".gz").endswith(ROW_SUFFIXES):
            rows = _count_rows(item)
            if rows is None:
                return None
            n += rows
        else:
            n += 1
    return n


def _count_rows(path: Path) -> int | None:
    """Non-blank lines of a .jsonl/.ndjson, records of a .csv (quoted line breaks included), or
    None when that is not cheap or the file cannot be read (the batch reports it)."""
    import csv

    name = path.name.lower()
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            return None  # a FIFO or device is never opened: reading it could block or never end
        if name.endswith((".jsonl", ".ndjson")):
            return _lines_with_text(path)
        if name.endswith(".csv") and st.st_size <= COUNT_CSV_BYTES:
            with path.open(encoding="utf-8", errors="replace", newline="") as f:
                return max(0, sum(1 for row in csv.reader(f) if row) - 1)  # less the header
    except (OSError, csv.Error):
        return None
    return None


COUNT_CSV_BYTES = 64 << 20  # a bigger CSV is not counted ahead: one huge record would be held whole


def _lines_with_text(path: Path, block: int = 1 << 20) -> int:
    """Lines that are not blank, read in blocks (a one-line file of 500 MB is never held whole)."""
    count, text = 0, False
    with path.open("rb") as f:
        while chunk := f.read(block):
            pieces = chunk.split(b"\n")
            for piece in pieces[:-1]:
                count += bool(text or piece.strip())
                text = False
            text = text or bool(pieces[-1].strip())
    return count + text


def cache_version(gazetteer_extra: str | Path | None = None) -> str:
    """The pipeline version a cached result is valid for: geomap's version, PIPELINE_VERSION, and
    the bytes of geomap's code, of the shipped gazetteer and of an overlay."""
    h = hashlib.sha256(f"{__version__}\0{PIPELINE_VERSION}\0".encode())
    files = sorted(Path(__file__).parent.glob("**/*.py")) + sorted(
        p for p in data_dir().iterdir() if p.suffix in (".csv", ".geojson"))
    if gazetteer_extra is not None:
        files.append(Path(gazetteer_extra))
    for path in files:
        h.update(f"{path.name}\0{len(data := path.read_bytes())}\0".encode())
        h.update(data)
    return h.hexdigest()


@dataclass(slots=True)
class Corpus:
    """A streamed batch's outcome: what the corpus-wide outputs need, not per-article detail."""

    rows: list[tuple]                    # every article's event rows, in input order, unmerged
    articles: list[dict]                 # the index map's entries, in input order
    failures: list[InputError]
    extracted: int                       # articles extracted this run; the rest came from the cache
    digest: str                          # of the records the rows come from: same digest, same tables
    warnings: list[str] = field(default_factory=list)  # read, with a date or language assumed
    outputs: list[Path] = field(default_factory=list)
    _events: pd.DataFrame | None = None

    @property
    def events(self) -> pd.DataFrame:
        """EVENT_COLUMNS, merged across articles, every country; made on first use (a rerun
        whose tables are already written never needs it)."""
        if self._events is None:
            self._events = _merged(self.rows)
        return self._events

    @property
    def n_events(self) -> int:
        """Events over all articles, before merging."""
        return len(self.rows)

    @property
    def ok(self) -> bool:
        return not self.failures


class _PartialFile:
    """A text file written as it grows, under a hidden name, renamed into place by ``commit``:
    readers never see a half-written output, and a killed run leaves the previous one. The
    hidden name is unique, so two runs into one folder do not write into each other's file."""

    STALE_S = 86_400  # a partial file this old was left by a killed run

    def __init__(self, path: Path) -> None:
        self.path = path
        with output_errors(path):
            path.parent.mkdir(parents=True, exist_ok=True)
            for old in path.parent.glob(f".{path.name}.*.partial"):
                with suppress(OSError):
                    if time.time() - old.stat().st_mtime > self.STALE_S:
                        old.unlink()
            fd, tmp = temp_beside(path, ".partial")
            self.tmp = Path(tmp)
            self.fh = open(fd, "w", encoding="utf-8", newline="")  # noqa: SIM115

    def write(self, text: str) -> None:
        with output_errors(self.path):
            self.fh.write(text)

    def commit(self) -> Path:
        with output_errors(self.path):
            self.fh.flush()
            os.fsync(self.fh.fileno())
            self.fh.close()
            os.replace(self.tmp, self.path)
        return self.path

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        if not self.fh.closed:
            with suppress(OSError):  # e.g. the disk is full: the error being raised says so
                self.fh.close()
        self.tmp.unlink(missing_ok=True)


def _open_cache(folder: Path, extra: str | None, stack: ExitStack) -> ResultCache | None:
    """The folder's cache, or None (with a warning) when it cannot be opened: a read-only or
    locked cache costs the rerun's speed, not the run (the CLI refuses a folder in its place
    before any work)."""
    path = folder / CACHE_NAME
    try:
        return stack.enter_context(ResultCache(path, cache_version(extra)))
    except (sqlite3.Error, OSError) as exc:
        print(f"warning: {printable(str(path))}: cache unusable ({printable(str(exc))}); running without it, "
              "so a rerun extracts every article again", file=sys.stderr)
        return None


def stream_corpus(inputs: Iterable[str | Path], *, published: date | None = None,
                  glob: str | None = None, gazetteer_extra: str | Path | None = None,
                  jobs: int | None = None, engine: str = "local", scheduler: str | None = None,
                  cache_dir: Path | None = None, reuse: bool = True,
                  places_csv: Path | None = None, maps: Path | None = None,
                  map_options: MapOptions = MapOptions(), progress: bool = True,
                  skip: Iterable[str | Path] = (), language: str | None = None,
                  tables: Iterable[Path] = ()) -> Corpus:
    """Extract every article under ``inputs`` on ``jobs`` processes (default: all cores) or a
    Dask cluster, in input order, keeping only compact per-article records.

    ``cache_dir``: keep results in its SQLite cache and, unless ``reuse`` is False, take
    unchanged articles from it.  ``places_csv``: write every mention there as articles finish.
    ``maps``: write each article's map into that folder as it finishes.  ``skip``: outputs
    that a folder walk must not read back as input (see :func:`read_articles`).  ``tables``:
    event tables to write at the end (see :func:`_write_events`)."""
    inputs = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
    cores = os.cpu_count() or 1
    jobs = min(jobs or cores, MAX_JOBS_PER_CORE * cores)  # --jobs 300 on 2 cores: 8 workers, not 300
    extra = str(gazetteer_extra) if gazetteer_extra is not None else None
    job = _Job(extra, date.today(), str(maps) if maps is not None else None, map_options)
    skip = list(skip)
    rows: list[tuple] = []
    articles: list[dict] = []
    failures: list[InputError] = []
    warnings: list[str] = []
    digest = hashlib.sha256()
    extracted = 0
    with ExitStack() as stack:
        executor, workers = stack.enter_context(_executor(engine, jobs, scheduler, job))
        cache = _open_cache(Path(cache_dir), extra, stack) if cache_dir is not None else None
        places = stack.enter_context(_PartialFile(places_csv)) if places_csv is not None else None
        if places is not None:
            places.write(_places_header())
        total = count_inputs(inputs, glob, skip) if progress else None  # outputs exist by now
        bar = stack.enter_context(_progress_bar(total, progress))
        items = read_articles(inputs, published=published, glob=glob, skip=skip, language=language)
        for item, fresh in _ordered_results(items, job, executor, workers, cache, reuse):
            if isinstance(item, InputError):
                failures.append(item)
                bar.write(f"error: {item}", file=sys.stderr)
            else:
                digest.update(len(item).to_bytes(8, "little") + item)
                record = _load(item)
                extracted += fresh
                articles.append(record.info())
                for warning in record.warnings:
                    warnings.append(warning)
                    bar.write(f"warning: {warning}", file=sys.stderr)
                if places is not None:
                    places.write(record.places_csv)
                rows += record.events
            bar.update(1)
            bar.set_postfix(failed=len(failures), cached=len(articles) - extracted, refresh=False)
        corpus = Corpus(rows, articles, failures, extracted, digest.hexdigest(), warnings)
        if places is not None:
            corpus.outputs.append(places.commit())
        corpus.outputs += [_write_events(corpus, Path(path), cache) for path in tables]
    return corpus


def _places_header() -> str:
    import pandas as pd

    from .table import PLACE_COLUMNS

    return pd.DataFrame(columns=PLACE_COLUMNS).to_csv(index=False, lineterminator="\n")


def _progress_bar(total: int | None, progress: bool):
    """The batch's tqdm bar on stderr, without tqdm's monitor thread: a process pool may be forked
    later (:class:`_LazyPool`), and with ``miniters=1`` the bar never needs the monitor."""
    from tqdm import tqdm

    class Bar(tqdm):
        monitor_interval = 0

    return Bar(total=total, desc="articles", unit="article", disable=not progress, file=sys.stderr,
               dynamic_ncols=True, miniters=1)


def map_corpus(inputs: Iterable[str | Path], out: Path, *, map_options: MapOptions = MapOptions(),
               cache: bool = True, gazetteer_extra: str | Path | None = None, article_maps: bool = True,
               **kwargs) -> Corpus:
    """``geomap map``: every output in ``out`` (index.html, per-article maps, events.csv,
    events.geojson, places.csv, failures.csv); ``cache=False`` re-extracts every article;
    ``article_maps=False`` draws index.html only (its list then links to no article map, and maps
    of earlier runs are left as they are). Other keyword arguments are those of :func:`stream_corpus`."""
    from .gazetteer import Gazetteer

    out = Path(out)
    earlier = _maps_listed(out)
    _write_marker(out, earlier)  # marked before any output, so it is never read back as input
    corpus = stream_corpus(inputs, cache_dir=out, reuse=cache, places_csv=out / "places.csv",
                           maps=out if article_maps else None, map_options=map_options,
                           gazetteer_extra=gazetteer_extra, skip=[out],
                           tables=[out / "events.csv", out / "events.geojson"], **kwargs)
    base = base_layers(Gazetteer.load(extra=gazetteer_extra))
    listed = corpus.articles if article_maps else [{**a, "map_file": ""} for a in corpus.articles]
    corpus.outputs += [write_failures(corpus.failures, out / "failures.csv"),
                       _draw_index(corpus.events, listed, out, map_options, base)]
    if not article_maps:
        return corpus
    now = {str(a["map_file"]) for a in corpus.articles}
    if corpus.ok:  # an article whose input is gone: its old map goes (kept while anything failed)
        for name in earlier - now:
            with suppress(OSError):  # a map that cannot be removed is left, not an error
                (out / name).unlink(missing_ok=True)
    _write_marker(out, now if corpus.ok else now | earlier)
    return corpus


_MARKER_HEAD = "geomap map outputs: never read back as input; the article maps of the last run:\n"


def _maps_listed(out: Path) -> set[str]:
    """The article maps an earlier run into ``out`` wrote (plain file names only)."""
    try:
        lines = (out / OUTPUT_MARKER).read_text(encoding="utf-8").splitlines()[1:]
    except (OSError, UnicodeDecodeError):
        return set()
    return {n for n in lines if n.endswith(".html") and n != "index.html" and n == Path(n).name}


def _write_marker(out: Path, maps: set[str]) -> None:
    atomic_write_text(out / OUTPUT_MARKER, _MARKER_HEAD + "".join(f"{n}\n" for n in sorted(maps)))
