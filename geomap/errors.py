"""The small exception hierarchy of geomap.

Every error a user can cause carries enough context (path, line, reason) to be
reported in one line and written to ``failures.csv`` while the batch goes on.
"""
from __future__ import annotations


class GeomapError(Exception):
    """Base class: anything geomap raises on purpose."""


class InputError(GeomapError):
    """An input file (or one row/line of it) could not be read as an article."""

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path = str(path)
        self.reason = reason
        self.line = line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {reason}")

    def __reduce__(self):  # picklable, so worker processes can hand failures back
        return (type(self), (self.path, self.reason, self.line))


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
