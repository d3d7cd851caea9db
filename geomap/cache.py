"""Incremental reruns: extraction results kept in SQLite, keyed by article content and pipeline version.

The cache lives in the output folder (``.geomap-cache.sqlite``).  One process writes it (the batch's
main process), in WAL mode and in transactions, so a run killed at any moment leaves either a row
or no row, never half of one; a rerun then only redoes what is missing.  Results depend on the
pipeline version (geomap's code, the gazetteer data, an overlay), so a different version empties
the cache instead of serving stale rows.  Rows are pickles: the cache is trusted like the outputs
next to it.  Corpus-wide outputs (the event tables) are remembered by the digest of the records
they were made from and the hash of the bytes written, so that a rerun with nothing new can tell
that a table on disk is already the one it would write.
"""
from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self

from .ingest import Article

log = logging.getLogger(__name__)

CACHE_NAME = ".geomap-cache.sqlite"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS results (
    key TEXT PRIMARY KEY,   -- article_key()
    today TEXT,             -- the run date the result depends on (undated articles), else NULL
    record BLOB NOT NULL,   -- the serialised per-article record
    map TEXT                -- stamp of the per-article map written from it, or NULL
);
CREATE TABLE IF NOT EXISTS outputs (
    name TEXT PRIMARY KEY,  -- a corpus-wide output's file name in the folder
    digest TEXT NOT NULL,   -- of the records it was made from
    sha256 TEXT NOT NULL    -- of the bytes written
);
"""


def article_key(article: Article) -> str:
    """Hash of everything in an article that can change its results (not where the file lies)."""
    fields = [article.article_id, article.title, article.source, article.url,
              article.published.isoformat() if article.published else None, article.language,
              article.text]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8",
                                                                       "surrogatepass")).hexdigest()


class ResultCache:
    """Per-article records by :func:`article_key`, valid for one pipeline ``version`` string."""

    def __init__(self, path: str | Path, version: str) -> None:
        self.path = Path(path)
        self.unwritable = ""  # why a write failed: the run then goes on without caching
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = self._open(version)
        except sqlite3.DatabaseError as exc:
            if not (_corrupt(exc) or isinstance(exc, _ForeignSchema)):
                raise  # a full disk or a lock: the cache is fine, keep it (the caller reports this)
            log.warning("%s: unusable cache (%s); starting a new one", self.path, exc)
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            self._db = self._open(version)

    def _open(self, version: str) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")  # WAL: durable enough, no fsync per commit
            db.executescript(_SCHEMA)
            for table, columns in _COLUMNS.items():  # tables of another program or an old geomap
                found = tuple(row[1] for row in db.execute(f"PRAGMA table_info({table})"))
                if found != columns:
                    raise _ForeignSchema(f"table {table} has columns {found}, not {columns}")
            with _transaction(db):
                row = db.execute("SELECT value FROM meta WHERE name='version'").fetchone()
                if row is None or row[0] != version:
                    db.execute("DELETE FROM results")
                    db.execute("DELETE FROM outputs")
                    db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (version,))
        except BaseException:
            db.close()
            raise
        return db

    def get(self, key: str, today: str) -> tuple[bytes, str | None] | None:
        """(record, map stamp) for ``key``, unless it was made for another ``today``."""
        return self._db.execute("SELECT record, map FROM results WHERE key=? AND "
                                "(today IS NULL OR today=?)", (key, today)).fetchone()

    def get_many(self, keys: list[str], today: str) -> dict[str, tuple[bytes, str | None]]:
        """:meth:`get` for several keys in one query: {key: (record, map stamp)} of the hits."""
        if not keys:
            return {}
        rows = self._db.execute(f"SELECT key, record, map FROM results WHERE key IN "
                                f"({','.join('?' * len(keys))}) AND (today IS NULL OR today=?)",
                                (*keys, today))
        return {key: (record, stamp) for key, record, stamp in rows}

    def output_current(self, path: Path, digest: str) -> bool:
        """Whether ``path`` holds, byte for byte, what was written there from ``digest``'s records."""
        row = self._db.execute("SELECT digest, sha256 FROM outputs WHERE name=?",
                               (path.name,)).fetchone()
        if row is None or row[0] != digest:
            return False
        try:
            return hashlib.sha256(path.read_bytes()).hexdigest() == row[1]
        except OSError:
            return False

    def output_written(self, path: Path, digest: str) -> None:
        """Remember that ``path`` (just written) was made from ``digest``'s records."""
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        with _transaction(self._db):
            self._db.execute("INSERT OR REPLACE INTO outputs VALUES (?, ?, ?)",
                             (path.name, digest, sha))

    def put_many(self, rows: list[tuple[str, str | None, bytes, str | None]]) -> None:
        """Store (key, today or None, record, map stamp or None) rows in one transaction."""
        if rows:
            with _transaction(self._db):
                self._db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?)", rows)

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM results").fetchone()[0]

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


_COLUMNS = {"meta": ("name", "value"), "results": ("key", "today", "record", "map"),
            "outputs": ("name", "digest", "sha256")}


class _ForeignSchema(sqlite3.DatabaseError):
    """The file is a database, but not a cache of this layout: replaced like a damaged one."""


_CORRUPT, _NOTADB = 11, 26  # SQLite primary result codes


def _corrupt(exc: sqlite3.DatabaseError) -> bool:
    """Whether SQLite says the file is damaged or not a database (only then is it replaced)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (_CORRUPT, _NOTADB)
    return any(w in str(exc) for w in ("malformed", "not a database"))


@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
