"""The small exception hierarchy of geomap.

Every error a user can cause carries enough context (path, line, reason) to be
reported in one line and written to ``failures.csv`` while the batch goes on.
"""
from __future__ import annotations


class GeomapError(Exception):
    """Base class: anything geomap raises on purpose."""


def printable(text: str) -> str:
    """``text`` safe to show on a terminal and to write as UTF-8: control characters (a newline
    or an ANSI escape in a file name) and undecodable bytes of a file name are shown escaped."""
    return "".join(c if c.isprintable() else _escape(c) for c in text)


def _escape(c: str) -> str:
    if "\udc80" <= c <= "\udcff":  # a byte that was not valid in the file system's encoding
        return f"\\x{ord(c) - 0xdc00:02x}"
    return repr(c)[1:-1]  # repr escapes every non-printable character


class _AtInput:
    """Where in the input (``path``, ``line``) and why: kept :func:`printable`, so a hostile file
    name can neither garble the terminal nor break the UTF-8 failures.csv."""

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path = printable(str(path))
        self.reason = printable(reason)
        self.line = line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {self.reason}")

    def __reduce__(self):  # picklable, so worker processes can hand them back
        return (type(self), (self.path, self.reason, self.line))


class InputError(_AtInput, GeomapError):
    """An input file (or one row/line of it) could not be read as an article."""


class InputWarning(_AtInput, UserWarning):
    """Something odd about an input that was read all the same (a file that switches code page
    part way, a trailing comma in JSON): issued with :func:`warnings.warn` by the readers, so the
    article stream stays articles and failures; the command line shows and counts each one as a
    warning (not a failure: the exit code stays 0).  Same fields as :class:`InputError`."""


class TooSlow(GeomapError):
    """One article took longer than a batch allows it (a pathological text must not stall the rest)."""


class GazetteerError(GeomapError):
    """The gazetteer data (shipped or a user overlay) is missing or invalid."""

    def __init__(self, reason: str, *, path: str | None = None, row: int | None = None,
                 column: str | None = None) -> None:
        self.reason = reason
        self.path = path
        self.row = row
        self.column = column
        parts = [p for p in (path, f"row {row}" if row is not None else None,
                             f"column {column}" if column else None) if p]
        super().__init__(": ".join([", ".join(parts), reason]) if parts else reason)

    def __reduce__(self):
        return (_gazetteer_error, (self.reason, self.path, self.row, self.column))


def _gazetteer_error(reason, path, row, column) -> GazetteerError:
    return GazetteerError(reason, path=path, row=row, column=column)


class OutputError(GeomapError):
    """An output file could not be written (nothing half-written is left behind)."""


class EngineUnavailable(GeomapError):
    """The requested execution engine is not installed or cannot be reached."""
