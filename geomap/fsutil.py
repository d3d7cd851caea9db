"""Files: where the shipped data lies, and atomic output (a reader never sees a half-written
file, and a failed or interrupted run leaves the previous version of every output intact)."""
from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from importlib import resources
from pathlib import Path

from .errors import OutputError


UMASK = os.umask(0)
os.umask(UMASK)


def data_dir() -> Path:
    """The shipped gazetteer data: package ``geomap.gazetteer_data`` when installed, ``gazetteer/``
    in a checkout (here, not in the gazetteer module, so that finding it loads no numpy)."""
    try:
        return Path(str(resources.files("geomap.gazetteer_data")))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "gazetteer"


def temp_beside(path: Path, suffix: str) -> tuple[int, str]:
    """(fd, name) of a new hidden file beside ``path`` ('.name.XXXX<suffix>'), unique to this
    writer, with the permissions an output gets (mkstemp alone makes 0600)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    os.fchmod(fd, 0o666 & ~UMASK)
    return fd, tmp


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = temp_beside(path, ".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from exc
        raise
    return path


@contextmanager
def output_errors(path: str | Path,
                  kinds: tuple[type[Exception], ...] = (OSError,)) -> Iterator[None]:
    """Failures while writing ``path`` (disk full, folder gone) as OutputErrors: one line for the
    user, and the run stops, since every later output would fail the same way."""
    try:
        yield
    except kinds as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise OutputError(f"{path}: cannot write: {reason}") from exc


def writable_folder(path: str | Path) -> Path:
    """``path`` as a folder this process can write into (created when missing), checked before
    a batch starts rather than after its first article; OutputError says why not."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise OutputError(f"{path}: cannot write outputs here: it is a file, not a folder")
    try:
        path.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".geomap-probe.", dir=path)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write outputs here: {exc.strerror or exc}") from None
    return path


def atomic_write_text(path: str | Path, text: str) -> Path:
    """Text variant of :func:`atomic_write_bytes` (UTF-8, newlines as given)."""
    return atomic_write_bytes(path, text.encode("utf-8"))


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """A text cell a spreadsheet would run as a formula ('=HYPERLINK(...)' scraped into an
    evidence sentence) gets a leading apostrophe, which spreadsheets show as plain text."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


LOCK_NAME = ".geomap-lock"
# the hidden files of temp_beside: ".events.csv.k2j4_x9a.partial"
LEFTOVER_RE = re.compile(r"\..+\.[a-z0-9_]{8}\.(?:partial|tmp)")


def remove_leftovers(folder: Path, outputs: Iterable[str] | None = None) -> None:
    """Delete the hidden half-written files a killed run left in ``folder``, only those of the
    file names ``outputs`` when given (call it only while holding the folder's lock: then no
    other run can be writing them)."""
    prefixes = tuple(f".{name}." for name in outputs) if outputs is not None else ("",)
    with suppress(OSError):
        for entry in os.scandir(folder):
            if (LEFTOVER_RE.fullmatch(entry.name) and entry.name.startswith(prefixes)
                    and entry.is_file(follow_symlinks=False)):
                with suppress(OSError):
                    os.unlink(entry.path)


@contextmanager
def folder_lock(folder: str | Path, outputs: Iterable[str] | None = None) -> Iterator[None]:
    """Hold ``folder`` for one run: a second run into the same output folder would interleave its
    tables and maps with this one's, so it is refused (the OS drops the lock if a run dies).
    ``outputs``: the only file names whose leftovers are cleared (a folder that is not geomap's
    own, where ``geomap extract -o`` writes one table), else every leftover of a geomap name."""
    try:
        import fcntl
    except ImportError:  # no advisory locks here (Windows): runs are not guarded
        yield
        return
    path = Path(folder) / LOCK_NAME
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666 & ~UMASK)
    except OSError as exc:
        raise OutputError(f"{path}: cannot lock the output folder: {exc.strerror}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(f"{folder} is in use by another geomap run; wait for it to finish "
                              "or write to another folder") from None
        except OSError:  # a filesystem without locks (some network mounts): the run goes unguarded
            pass
        else:
            remove_leftovers(Path(folder), outputs)
        yield
    finally:
        os.close(fd)
