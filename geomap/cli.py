"""The ``geomap`` command line: batch maps, event tables, place audits and gazetteer look-ups.

Exit codes: 0 every input worked, 1 some input failed (each reported with path and reason, the
rest still processed; see failures.csv), 2 usage errors (bad options, bad gazetteer overlay, an
output location that cannot be written).  Whatever happens, the user sees one line per problem on
stderr, never a traceback.
"""
from __future__ import annotations

import os
import signal
import sys
import warnings
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from datetime import date
from pathlib import Path

import click

from . import __version__
from .errors import (EngineUnavailable, GazetteerError, GeomapError, InputWarning, OutputError,
                     printable)

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class _Date(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        from .ingest import plausible_published

        if isinstance(value, date):
            return value
        try:
            day = date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} is not a date of the form YYYY-MM-DD", param, ctx)
        try:
            return plausible_published(day)
        except ValueError as exc:
            self.fail(f"{value!r}: {exc}", param, ctx)


DATE = _Date()


class _File(click.Path):
    """An existing regular file: a FIFO or a device given by mistake would block the read."""

    def __init__(self) -> None:
        super().__init__(exists=True, dir_okay=False, path_type=Path)

    def convert(self, value, param, ctx):
        path = super().convert(value, param, ctx)
        if not os.path.isfile(path):
            self.fail(f"{printable(str(path))!r} is not a regular file", param, ctx)
        return path


class _Out(click.Path):
    """An output path; an empty one (an unset $OUT) is refused, not read as the current folder."""

    def convert(self, value, param, ctx):
        if isinstance(value, str) and not value.strip():
            self.fail("is empty: give a path", param, ctx)
        return super().convert(value, param, ctx)


# readable=False: an unreadable input is reported by the batch, which goes on with the rest
def _inputs(ctx, param, value):
    """An empty INPUT ("$DIR" unset) would be read as the current folder: refused instead."""
    if any(not v.strip() for v in value):
        raise click.BadParameter("an input is an empty string (an unset variable?)", param_hint="INPUTS")
    return tuple(Path(v) for v in value)


inputs_arg = click.argument("inputs", nargs=-1, required=True, callback=_inputs, type=click.Path(readable=False))
published_opt = click.option("--published", type=DATE, default=None,
                             help="Publication date for every article (overrides headers and inference).")
language_opt = click.option("--language", type=click.Choice(["en", "ru"]), default=None,
                            help="Language of every article (overrides language: headers and detection).")
def _glob(ctx, param, value):
    """A --glob pattern that cannot match any path ("." or "") is a usage error, not a crash later."""
    from .ingest import check_glob

    if value is not None:
        try:
            check_glob(value)
        except ValueError as exc:
            raise click.BadParameter(f"{value!r}: {exc}") from None
    return value


glob_opt = click.option("--glob", default=None, callback=_glob,
                        help="Only files matching this pattern inside folders, e.g. '*.txt' or '**/*.txt'.")
quiet_opt = click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
extra_opt = click.option("--gazetteer-extra", type=_File(),
                         default=None, help="CSV of extra or overriding places (gazetteer/README.md schema).")


def scale_opts(f):
    """--jobs, --engine, --scheduler and --no-cache: how a batch is spread out and reused."""
    for opt in reversed([
        click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
                     help="Worker processes (default: all cores); 1 runs in this process. "
                          "With --engine dask and no --scheduler: LocalCluster workers."),
        click.option("--engine", type=click.Choice(["local", "dask"]), default="local",
                     show_default=True, help="Run extraction on this machine or on a Dask cluster "
                                             "(needs the dask extra)."),
        click.option("--scheduler", default=None, metavar="ADDRESS",
                     help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: a LocalCluster)."),
        click.option("--no-cache", "no_cache", is_flag=True,
                     help="Extract every article again instead of reusing the output folder's cache."),
    ]):
        f = opt(f)
    return f


def _usable_stdio() -> None:
    """A closed stderr (``2>&-``) must not stop the outputs being written, and a terminal that
    cannot show every letter (``PYTHONIOENCODING=latin-1``) gets escapes, not a crash."""
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the process's life
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def _fail(message: str, code: int) -> None:
    click.echo(f"error: {printable(message)}", err=True)
    sys.exit(code)


_INPUT_WARNINGS: list[str] = []  # this command's InputWarnings, counted in its summary


@contextmanager
def _input_warnings() -> Iterator[None]:
    """The readers' InputWarnings (an input read all the same, but oddly) as 'warning: ...'
    lines on stderr, above the progress bar, each one shown (Python shows a repeated warning
    once) and counted in the run's summary; other warnings as Python shows them."""
    _INPUT_WARNINGS.clear()
    with warnings.catch_warnings():
        warnings.simplefilter("always", InputWarning)
        shown = warnings.showwarning

        def show(message, category, filename, lineno, file=None, line=None):
            if not issubclass(category, InputWarning):
                return shown(message, category, filename, lineno, file, line)
            from tqdm import tqdm

            _INPUT_WARNINGS.append(str(message))
            tqdm.write(f"warning: {message}", file=sys.stderr)
            return None

        warnings.showwarning = show
        yield


class _Commands(click.Group):
    """The command group: whatever goes wrong ends in one line on stderr and an exit code, never
    in a traceback.  A missing or unreachable engine is a usage error (exit 2)."""

    def invoke(self, ctx: click.Context):
        _usable_stdio()
        _terminate_like_interrupt()
        try:
            os.getcwd()
        except FileNotFoundError:  # relative paths (and --out) cannot be resolved against it
            _fail("the current folder no longer exists (deleted or moved): cd to an existing folder",
                  EXIT_USAGE)
        try:
            with _input_warnings():
                return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt as exc:  # the outputs of the previous run stay as they were
            terminated = isinstance(exc, _Terminated)
            _fail("terminated" if terminated else "interrupted", 143 if terminated else 130)
        except EngineUnavailable as exc:
            _fail(str(exc), EXIT_USAGE)
        except GeomapError as exc:
            _fail(str(exc), EXIT_FAILED)
        except BrokenPipeError:  # e.g. `geomap extract ... | head`: the reader has gone
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_FAILED)
        except OSError as exc:  # e.g. standard output on a full disk (>/dev/full)
            _fail(f"cannot write: {exc.strerror or exc}", EXIT_FAILED)
        except Exception as exc:  # noqa: BLE001 - a bug: still one line, not a traceback
            _fail(f"internal error: {type(exc).__name__}: {exc} (a bug in geomap; please report "
                  "it with the input that caused it)", EXIT_FAILED)


class _Terminated(KeyboardInterrupt):
    """SIGTERM, unwound like Ctrl-C so that no half-written file is left behind."""


def _terminate_like_interrupt() -> None:
    """SIGTERM in this process raises _Terminated; worker processes (forked later) die as usual."""
    main = os.getpid()

    def on_term(signum, frame):
        if os.getpid() != main:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise _Terminated

    with suppress(ValueError):  # not the main thread (an embedding program): leave signals alone
        signal.signal(signal.SIGTERM, on_term)


def _not_an_input(out: Path, inputs) -> None:
    """--out may not be an input folder: the maps would be written among the articles, and the
    folder marked as output would never be read as input again."""
    target = out.resolve()
    for item in inputs:
        path = Path(item)
        if path.is_dir() and path.resolve() == target:
            raise click.BadParameter(f"{out} is also an input folder; write the maps to another folder "
                                     f"(e.g. {out / 'maps'})", param_hint="--out")


def _not_overwriting_an_input(output: Path, inputs) -> None:
    """-o may not replace an input file, nor a file geomap did not write (an article table in the
    input folder would be lost, and skipped as output without a word)."""
    from .ingest import own_table

    if not output.is_file():
        return
    target = output.resolve()
    if any(Path(item).resolve() == target for item in inputs):
        raise click.BadParameter(f"{output} is also an input; write the table to another file", param_hint="--output")
    if output.suffix.lower() in (".csv", ".jsonl") and not own_table(output):  # (the input formats)
        raise click.BadParameter(f"{output} exists and is not a table geomap wrote; remove it or choose "
                                 f"another file", param_hint="--output")


def _output_folder(folder: Path, option: str) -> None:
    """An output location that cannot be written is a usage error, found before any work."""
    from .fsutil import writable_folder

    from .cache import CACHE_NAME

    try:
        writable_folder(folder)
    except OutputError as exc:
        raise click.BadParameter(str(exc), param_hint=option) from None
    cache = folder / CACHE_NAME
    if cache.exists() and not cache.is_file():
        raise click.BadParameter(f"{cache} is in the way of the cache: it is not a file", param_hint=option)


# What `geomap map` writes into --out besides one map per article
MAP_OUTPUTS = ("index.html", "events.csv", "events.geojson", "places.csv", "failures.csv")


def _outputs_unblocked(folder: Path, names, option: str, assets: str = "cdn",
                       article_maps: bool = True) -> None:
    """A folder where an output file goes (or, with article maps, any folder named *.html) would
    stop the run after the whole batch was read, with half the outputs new and half old: refused
    before any work."""
    from .ingest import OUTPUT_MARKER
    from .assets import LIB_DIR

    for name in (*names, OUTPUT_MARKER):
        path = folder / name
        if os.path.isdir(path) and not os.path.islink(path):  # (a file or a symlink is replaced)
            raise click.BadParameter(f"{printable(str(path))} is in the way of an output: it is a folder; "
                                     "remove or rename it, or choose another output folder",
                                     param_hint=option)
    try:  # one map per article, <id>.html: which ids come is known only once they are read
        with os.scandir(folder) as entries:
            blocking = sorted(e.name for e in entries if article_maps and e.name.lower().endswith(".html")
                              and e.is_dir(follow_symlinks=False))
    except OSError:
        blocking = []
    if blocking:
        raise click.BadParameter(f"{printable(str(folder / blocking[0]))} is in the way of an article map: it "
                                 "is a folder; remove or rename it, or choose another output folder",
                                 param_hint=option)
    lib = folder / LIB_DIR
    if assets != "cdn" and os.path.lexists(lib) and not lib.is_dir():
        raise click.BadParameter(f"{printable(str(lib))} is in the way of the copied JS/CSS (--assets): it "
                                 "is not a folder; remove or rename it", param_hint=option)


@contextmanager
def _locked(folder: Path, option: str, outputs: list[str] | None = None) -> Iterator[None]:
    """The output folder for this run alone: another run into it is a usage error (``outputs``:
    see :func:`~geomap.fsutil.folder_lock`)."""
    from .fsutil import folder_lock

    with ExitStack() as stack:
        try:
            stack.enter_context(folder_lock(folder, outputs))
        except OutputError as exc:
            raise click.BadParameter(str(exc), param_hint=option) from None
        yield


def _map_options(tiles: str, assets: str) -> None:
    """--tiles and --assets are checked before any work: a bad value is the user's, not an article's."""
    from . import assets as _assets
    from .render import tile_url

    try:
        tile_url(tiles)
    except GeomapError as exc:
        raise click.BadParameter(str(exc), param_hint="--tiles") from None
    if assets != "cdn":
        try:
            _assets.check_mirror(_assets.mirror_root(None if assets == "local" else assets))
        except GeomapError as exc:
            raise click.BadParameter(str(exc), param_hint="--assets") from None


def _gazetteer(extra: Path | None):
    from .gazetteer import Gazetteer

    try:
        return Gazetteer.load(extra=extra)
    except GazetteerError as exc:
        _fail(f"gazetteer overlay rejected: {exc}", EXIT_USAGE)


def _summary(corpus, quiet: bool, out: Path | None = None) -> None:
    if quiet:
        return
    n = len(corpus.articles)
    warned = len(corpus.warnings) + len(_INPUT_WARNINGS)
    click.echo(f"{n} article(s) ({corpus.extracted} extracted, {n - corpus.extracted} from cache), "
               f"{corpus.n_events} event(s), {len(corpus.failures)} failure(s)"
               + (f", {warned} warning(s)" if warned else "")
               + (f" -> {out}" if out else ""), err=True)
    for f in corpus.failures:
        click.echo(f"  failed: {f}", err=True)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="geomap")
def main() -> None:
    """Offline protest-event maps of Kazakhstan from news articles.

    \b
    Example:
      geomap map seeds/ --out maps/
    """


@main.command("map")
@inputs_arg
@click.option("--out", "-o", "out", type=_Out(file_okay=False, path_type=Path), default=Path("maps"),
              show_default=True, help="Output folder.")
@published_opt
@language_opt
@glob_opt
@quiet_opt
@extra_opt
@click.option("--tiles", default="none", show_default=True,
              help="Background tiles: none (vector base only, works offline), osm, or a URL template.")
@click.option("--assets", default="cdn", show_default=True,
              help="Leaflet/plugin JS+CSS: cdn, local (copied next to the maps from $GEOMAP_ASSETS), or a folder.")
@click.option("--cumulative", is_flag=True, help="Keep past events visible on the time slider.")
@click.option("--clusters/--no-clusters", "cluster", default=True, show_default=True,
              help="Draw map markers that pile up as one numbered cluster until zoomed in.")
@click.option("--article-maps/--no-article-maps", "article_maps", default=True, show_default=True,
              help="Also draw one map per article (for big corpora of short items, index.html alone is "
                   "much faster and smaller).")
@scale_opts
def map_cmd(inputs, out, published, language, glob, quiet, gazetteer_extra, tiles, assets,
            cumulative, cluster, article_maps, jobs, engine, scheduler, no_cache) -> None:
    """Map articles: index.html (all articles), one map per article, events.csv/.geojson, places.csv.

    \b
    Example:
      geomap map seeds/ --out maps/
      geomap map news.jsonl archive/ --glob '*.html' --published 2022-01-08 --out maps/
      geomap map archive/ --out maps/ --engine dask --scheduler tcp://10.0.0.5:8786

    A rerun into the same folder only extracts new or changed articles (cache:
    OUT/.geomap-cache.sqlite).
    """
    from .pipeline import MapOptions, map_corpus

    _map_options(tiles, assets)
    _not_an_input(out, inputs)
    _output_folder(out, "--out")
    _outputs_unblocked(out, MAP_OUTPUTS, "--out", assets, article_maps)
    _gazetteer(gazetteer_extra)
    with _locked(out, "--out"):
        corpus = map_corpus(inputs=inputs, out=out, published=published, language=language, glob=glob,
                            gazetteer_extra=gazetteer_extra, jobs=jobs, engine=engine,
                            scheduler=scheduler, cache=not no_cache, article_maps=article_maps,
                            map_options=MapOptions(tiles, assets, cumulative, cluster), progress=not quiet)
    _summary(corpus, quiet, out)
    sys.exit(EXIT_OK if corpus.ok else EXIT_FAILED)


@main.command("extract")
@inputs_arg
@click.option("--output", "-o", type=_Out(dir_okay=False, path_type=Path), default=None,
              help="FILE.csv, FILE.geojson or FILE.jsonl (default: CSV on standard output).")
@published_opt
@language_opt
@glob_opt
@quiet_opt
@extra_opt
@scale_opts
def extract_cmd(inputs, output, published, language, glob, quiet, gazetteer_extra, jobs, engine,
                scheduler, no_cache) -> None:
    """Write the event table only.

    \b
    Example:
      geomap extract seeds/ -o events.csv

    With --output, the cache is kept next to the file (.geomap-cache.sqlite).
    """
    from .pipeline import stream_corpus

    if output is not None and output.suffix.lower() not in (".csv", ".geojson", ".jsonl"):
        raise click.UsageError("--output must end in .csv, .geojson or .jsonl")
    if output is None and sys.stdout is None:
        raise click.UsageError("standard output is closed: write the table with -o FILE")
    if output is not None:
        _output_folder(output.parent, "--output")
        _not_overwriting_an_input(output, inputs)
    if gazetteer_extra is not None:  # the shipped gazetteer loads only if an article needs it
        _gazetteer(gazetteer_extra)
    with ExitStack() as stack:  # the table and the cache beside it are this run's alone
        if output is not None:
            stack.enter_context(_locked(output.parent, "--output", [output.name]))
        corpus = stream_corpus(inputs=inputs, published=published, language=language, glob=glob,
                               gazetteer_extra=gazetteer_extra, jobs=jobs, engine=engine,
                               scheduler=scheduler, reuse=not no_cache, progress=not quiet,
                               cache_dir=output.parent if output is not None else None,
                               skip=[output] if output is not None else [],
                               tables=[output] if output is not None else [])
    if output is None:  # CSV is UTF-8 whatever the terminal's encoding
        events = corpus.events[corpus.events["country"] == "KZ"]
        from .table import csv_text

        table = csv_text(events)
        binary = getattr(sys.stdout, "buffer", None)
        if binary is None:
            click.echo(table, nl=False)
        else:
            sys.stdout.flush()
            binary.write(table.encode("utf-8"))
            binary.flush()
    _summary(corpus, quiet, output)
    sys.exit(EXIT_OK if corpus.ok else EXIT_FAILED)


@main.command("places")
@click.argument("text_or_file")
@published_opt
@language_opt
@extra_opt
def places_cmd(text_or_file, published, language, gazetteer_extra) -> None:
    """Every place mention found, how it was resolved and why.

    \b
    Example:
      geomap places "Protesters gathered on Yntymak square in Aktau."
      geomap places seeds/000_ded7867c82757ddc.txt
      pbpaste | geomap places -
    """
    from .ingest import SUPPORTED_SUFFIXES, article_from_text, read_articles
    from .pipeline import process_article

    if text_or_file == "-":  # the text on standard input
        text_or_file = sys.stdin.read()

    if not text_or_file.strip():  # Path("") is the current folder: never read that by accident
        raise click.BadParameter("is empty: give some text or a file", param_hint="TEXT_OR_FILE")
    gaz = _gazetteer(gazetteer_extra)
    path = Path(text_or_file)
    looks_like_path = "\n" not in text_or_file and " " not in text_or_file.strip() and (
        os.sep in text_or_file or text_or_file.lower().endswith(SUPPORTED_SUFFIXES))
    if not os.path.exists(path) and looks_like_path:  # a mistyped path, not text to read
        _fail(f"{text_or_file}: no such file", EXIT_FAILED)
    if os.path.exists(path):  # False, not an error, for article text too long for a file name
        items = list(read_articles([path], published=published, language=language))
    else:
        items = [article_from_text(text_or_file, published=published, language=language)]
    failed = False
    for item in items:
        if isinstance(item, GeomapError):
            click.echo(f"error: {item}", err=True)
            failed = True
            continue
        frame = process_article(item, gaz).places_frame()
        cols = ["mention", "start", "status", "name", "kind", "admin1", "country", "reason"]
        click.echo(f"# {item.article_id}")
        click.echo(frame[cols].to_string(index=False, max_colwidth=70) if len(frame) else "(no places)")
    sys.exit(EXIT_FAILED if failed else EXIT_OK)


@main.group("gazetteer")
def gazetteer_group() -> None:
    """Search, describe or validate the offline gazetteer."""


@gazetteer_group.command("search")
@click.argument("name")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 10_000))
@extra_opt
def gazetteer_search(name, limit, gazetteer_extra) -> None:
    """Ranked candidates for NAME (any spelling, Latin or Cyrillic).

    \b
    Example:
      geomap gazetteer search "Alma-Ata"
    """
    gaz = _gazetteer(gazetteer_extra)
    hits = gaz.search(name, limit=limit)
    if not hits:
        shown = name if len(name) <= 120 else name[:120] + "…"  # (a pasted article is not echoed whole)
        click.echo(f"no place matches {shown!r}", err=True)
        sys.exit(EXIT_FAILED)
    for c in hits:
        p = c.place
        click.echo(f"{c.score:5.2f}  {p.place_id:<22} {p.name:<28} {p.kind:<9} "
                   f"{p.admin1 or p.country:<24} {p.latitude:9.5f} {p.longitude:10.5f}  "
                   f"(matched {c.name.text!r})")


@gazetteer_group.command("info")
def gazetteer_info() -> None:
    """Counts per layer, sources and vintage.

    \b
    Example:
      geomap gazetteer info
    """
    from .gazetteer import Gazetteer

    for key, value in Gazetteer.load().info().items():
        click.echo(f"{key}: {value}")


@gazetteer_group.command("validate")
@click.argument("file", type=_File())
def gazetteer_validate(file) -> None:
    """Check an overlay CSV: every error with its row, column and reason.

    \b
    Example:
      geomap gazetteer validate my-places.csv
    """
    from .gazetteer import validate_overlay

    errors = validate_overlay(file)
    for err in errors:
        click.echo(f"error: {err}", err=True)
    if errors:
        sys.exit(EXIT_FAILED)
    click.echo(f"{file}: ok")


if __name__ == "__main__":  # pragma: no cover
    main()
