"""Ingest: files and folders -> :class:`Article` records.

Inputs come from scrapers, spreadsheets and people, so every reader assumes the worst: each bad
file or row becomes an :class:`~geomap.errors.InputError` *value* in the stream (never an
exception) and the batch goes on.  Formats: ``.txt`` (optional header block), ``.md`` (YAML front
matter), ``.html``/``.htm``, ``.jsonl``/``.ndjson`` and ``.csv`` (one article per row), ``.json``
(an array of article objects, or one object), each also gzipped (``.gz``, streamed).

Decisions worth knowing:

* A ``.txt`` header only counts when *every* line of the first paragraph is ``key: value`` with a
  known key, so a headline such as "Kazakhstan: end of protests" is not mistaken for one.
* A declared publication date that cannot be parsed (header, front matter, HTML meta, row field)
  yields an InputError and the article is skipped: a wrong date would silently misplace events on
  the time slider.  So does an implausible one (before 1900, or more than two days ahead).
  ``read_articles(published=...)`` overrides every date, so then none is parsed.
* Dates: ISO 8601 first; anything else through dateutil with ``dayfirst=True`` (Kazakh and
  Russian sources write 08.01.2022 for 8 January), ``yearfirst`` when the value starts with a
  4-digit year, no fuzzy parsing, and year, month and day must all be present.  A datetime
  keeps the calendar date as written (no time-zone conversion).
* ``max_bytes`` bounds memory: single-article and .json files over it are refused unread;
  .jsonl/.csv files are streamed, so there it bounds each line/field.  ``MAX_ARTICLE_CHARS``
  bounds time: a longer text (or an HTML page of very many tags) is refused, not processed for
  hours.
* Encodings: UTF-8, UTF-16 (with a BOM, or recognised by its shape without one), else
  charset-normalizer's guess (Windows-1251 Russian from Excel is common), preferring the Windows
  code pages of this domain among equally clean candidates; a single-article file that mixes
  UTF-8 lines with legacy ones is read line by line, a CSV read as UTF-8 row by row (a row that
  is not UTF-8 in the code page it reads best in).  JSON lines should be UTF-8 (or UTF-16): a
  file whose lines mostly are not is read in their code page, one such line among UTF-8 ones
  fails (naming the code page it reads in).  A file read in more than one encoding, or JSON
  lines read in a code page, is read with an :class:`~geomap.errors.InputWarning` (issued with
  :func:`warnings.warn`; the command line shows and counts it) naming the lines.
* Corruption is reported where it is: a few NUL or undecodable bytes fail their row or line (a
  single-article file as a whole); many NULs make a file binary.  CSV is read strictly: a stray
  quote fails its row; a quote left open fails the row that opened it when the lines it ran over
  read as rows of their own (same number of fields, ids and dates shaped like the last good
  row's), and those lines are read again as rows; one never closed at all stops the file; a row
  with more fields than the header fails (an unquoted comma would otherwise cut its text short);
  a physical line longer than the limit fails without being held in memory.
* In CSV files ``line`` is the physical line on which the row starts (the header is line 1), as an
  editor shows it; in JSONL it is the line number, in .json the line where the element starts.
  Default row ids are ``{stem}-{line}``.
* A file met twice in a batch (named twice, through a symlink, inside a folder also given) is read
  once; one that changes while it is read is reported (still being written?).
* Folder walks are recursive, sorted, skip hidden names, follow symlinked folders once, report
  a folder symlink that points back at one of its ancestors and every file of an unsupported
  type, and never read outputs back: the run's own (``skip``), earlier ``geomap map`` output
  folders (marked by a hidden ``OUTPUT_MARKER`` file) and tables geomap wrote (recognised by
  their header).
"""
from __future__ import annotations

import codecs
import csv
import errno
import gzip
import hashlib
import io
import json
import os
import re
import warnings
import stat
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path, PurePath
from typing import Any, BinaryIO
from urllib.parse import urlsplit

import yaml

from .errors import InputError, InputWarning

__all__ = ["Article", "EARLIEST_PUBLISHED", "MAX_ARTICLE_CHARS", "OUTPUT_MARKER",
           "ROW_SUFFIXES", "SUPPORTED_SUFFIXES", "article_from_text", "plausible_published",
           "read_articles", "safe_id"]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article, cleaned of headers and scraped-page noise."""

    article_id: str
    text: str
    title: str
    source: str = ""
    url: str = ""
    published: date | None = None
    language: str = "en"
    path: str = ""
    line: int | None = None


_SINGLE = (".txt", ".md", ".html", ".htm")
ROW_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".json")  # one article per row or element
SUPPORTED_SUFFIXES: tuple[str, ...] = (*_SINGLE, *ROW_SUFFIXES,
                                       *(s + ".gz" for s in (*_SINGLE, *ROW_SUFFIXES)))
_BY_LENGTH = sorted(SUPPORTED_SUFFIXES, key=len, reverse=True)
_SUPPORTED_TEXT = f"{', '.join((*_SINGLE, *ROW_SUFFIXES))} (each also as .gz)"

KNOWN_KEYS = ("title", "source", "url", "published", "language")
_MAX_ID = 100
_SNIFF_BYTES = 1 << 16
_MAX_DATE_CHARS = 100
_HEADLINE_CHARS = 150
# News articles run to kilobytes; the extraction stages slow down faster than linearly (a 4 MB
# text takes minutes), so a text this long is refused as not one article rather than left to hang.
MAX_ARTICLE_CHARS = 1_000_000
_MAX_HTML_TAGS = 200_000  # a real page has thousands; the parser needs ~1 KB and 25 µs per tag
_HTML_TAG = re.compile(r"<[A-Za-z/!?]")

def _warn(path: str, reason: str, line: int | None = None) -> None:
    """Tell the user about something odd that was read all the same (see InputWarning)."""
    warnings.warn(InputWarning(path, reason, line), stacklevel=2)


def _lines_text(lines: list[int], most: int = 10) -> str:
    """'3, 7 and 9' or '3, 7, ... (12 in all)': the lines a warning is about, shortly."""
    shown = ", ".join(str(n) for n in lines[:most])
    return shown + (f", ... ({len(lines):,} in all)" if len(lines) > most else "")


def _mixed_encodings(path: str, unit: str, recoded: dict[str, list[int]], utf8: int) -> None:
    """Warn that a file was read in more than one encoding (exports or files pasted together):
    each part decoded cleanly, but the user should know which lines were guessed."""
    if not recoded or (not utf8 and len(recoded) < 2):
        return
    at = "line(s)" if unit == "line" else f"the {unit}(s) at line(s)"
    parts = "; ".join(f"{at} {_lines_text(lines)} as {encoding}"
                      for encoding, lines in recoded.items())
    rest = f", the other {utf8:,} non-ASCII {unit}(s) as UTF-8" if utf8 else ""
    _warn(path, f"the file switches encoding (files pasted together?): read {parts}{rest}; "
                "check that their text reads right")


# --------------------------------------------------------------------------- ids


# Russian and Kazakh Cyrillic -> Latin, so Cyrillic file names give readable ids.
_TRANSLIT = str.maketrans({
    **dict(zip("абвгдезийклмнопрстуфхцыэ", "abvgdeziyklmnoprstufhcye")),
    **dict(zip("АБВГДЕЗИЙКЛМНОПРСТУФХЦЫЭ", "ABVGDEZIYKLMNOPRSTUFHCYE")),
    "ё": "yo", "ж": "zh", "ч": "ch", "ш": "sh", "щ": "sch", "ъ": "", "ь": "", "ю": "yu", "я": "ya",
    "Ё": "Yo", "Ж": "Zh", "Ч": "Ch", "Ш": "Sh", "Щ": "Sch", "Ъ": "", "Ь": "", "Ю": "Yu", "Я": "Ya",
    **dict(zip("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "agqnouuhiAGQNOUUHI")),
})
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                     *(f"LPT{i}" for i in range(1, 10))}


def safe_id(raw: str) -> str:
    """A file-name-safe id: ASCII letters, digits, ``-``, ``_`` and ``.``; at most ~100 chars.

    Whenever sanitising changed or truncated ``raw`` a short hash of the original is appended,
    so distinct raw ids stay distinct. Never empty, never starts with '.', never contains '..'.
    """
    raw = str(raw)
    s = unicodedata.normalize("NFKD", raw.translate(_TRANSLIT)).encode("ascii", "ignore").decode()
    s = re.sub(r"[^A-Za-z0-9._-]+", "_", s)
    s = re.sub(r"\.{2,}", ".", s).strip("._-")
    if s.split(".")[0].upper() in _WINDOWS_RESERVED:
        s = f"{s}_"
    if s and s == raw and len(s) <= _MAX_ID:
        return s
    digest = hashlib.sha1(raw.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    s = s[:_MAX_ID - len(digest) - 1].rstrip("._-")
    return f"{s}-{digest}" if s else f"id-{digest}"


class _UniqueIds:
    """Suffixes repeated ids (-2, -3, ...) so per-article outputs never overwrite each other.

    Compared case-insensitively because macOS and Windows file systems are.
    """

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def __call__(self, article: Article) -> Article:
        aid, n = article.article_id, 1
        while aid.lower() in self._seen:
            n += 1
            aid = f"{article.article_id}-{n}"
        self._seen.add(aid.lower())
        return article if n == 1 else replace(article, article_id=aid)


# --------------------------------------------------------------------------- text cleaning

_DROP_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
                         r"\u2066-\u2069\ufeff]")  # (invisible format, direction and joiner characters)
# Full-width and mathematical letters and digits ("Ａｋｔａｕ", "𝐀𝐤𝐭𝐚𝐮") read as the plain ones
_COMPAT = re.compile(r"[\uff01-\uff5e\U0001d400-\U0001d7ff]")
# A word with letters of both scripts ("Аktau" with a Cyrillic А, "Aктау" with a Latin A): its
# look-alike letters of the minority script are taken for the majority's (same length)
_MIXED = re.compile(r"[A-Za-z][\u0400-\u04ff]|[\u0400-\u04ff][A-Za-z]")
_CYR_LOOKS = "аеорсухАВЕКМНОРСТХіІ"
_LAT_LOOKS = "aeopcyxABEKMHOPCTXiI"
_TO_LATIN = str.maketrans(_CYR_LOOKS, _LAT_LOOKS)
_TO_CYRILLIC = str.maketrans(_LAT_LOOKS, _CYR_LOOKS)
_WORD = re.compile(r"\w+")
# Russian stress marks ("Жанао́зен"): left over after NFC only on letters without an accented
# form, where they mark stress and nothing else
_STRESS = re.compile(r"(?<=[\u0400-\u04ff])[\u0300\u0301]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _normalise(text: str) -> str:
    """Newlines to \\n, BOM/soft hyphens/zero-width/control characters out, lone surrogates
    (from JSON escapes or undecodable bytes) to U+FFFD so every output can be written as UTF-8,
    NFC and no Russian stress marks so gazetteer matching sees one spelling of each letter."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\v", "\n")
    text = text.replace("\u2029", "\n\n").replace("\f", "\n\n")  # a form feed: pdftotext's page break
    text = unicodedata.normalize("NFC", _SURROGATE.sub("\ufffd", _DROP_CHARS.sub("", text)))
    if _COMPAT.search(text):
        text = _COMPAT.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    if _MIXED.search(text):
        text = _unmix(text)
    return _STRESS.sub("", text) if "\u0300" in text or "\u0301" in text else text


def _unmix(text: str) -> str:
    """Each word that mixes Latin and Cyrillic letters in the script most of its letters are in,
    where its other letters have look-alikes there (else the word is left as written)."""
    out, last = [], 0
    for mt in _MIXED.finditer(text):
        if mt.start() < last:
            continue
        i = mt.start()
        while i > last and (text[i - 1].isalnum() or text[i - 1] == "_"):
            i -= 1
        word = _WORD.match(text, i)
        w = word.group()
        latin = sum("a" <= c.lower() <= "z" for c in w)
        cyrillic = sum("\u0400" <= c <= "\u04ff" for c in w)
        fixed = w.translate(_TO_LATIN) if latin > cyrillic else w.translate(_TO_CYRILLIC)
        if re.search(r"[A-Za-z]", fixed) and re.search(r"[\u0400-\u04ff]", fixed):
            fixed = w  # a letter without a look-alike: not a lookalike slip
        out += [text[last:word.start()], fixed]
        last = word.end()
    return "".join(out) + text[last:] if out else text


def _tidy(text: str) -> str:
    """Strip every line, keep at most one blank line between paragraphs, strip the ends."""
    lines = [ln.strip() for ln in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _one_line(value: str) -> str:
    return " ".join(_normalise(value).split())


# Whole lines that are scraped-page furniture, never reporting.  Matched only at the text's edges.
_BOILERPLATE = re.compile(r"""
    (source|original)\s+link:?
  | read\s+(more|also|the\s+full\s+(story|article))\b.*
  | share\s+(this|on|via)\b.*
  | subscribe\b.*
  | sign\s+up\b.*\bnewsletters?\b.*
  | follow\s+us\b.*
  | click\s+here\b.*
  | .*\b(disable|turn\s+off|deactivate|switch\s+off|whitelist)\b.*\bad[\s-]?block(er)?s?\b.*
  | .*\bfunded\s+by\s+advertising\b.*
  | .*\bjournalistic\s+work\s+cannot\s+be\s+free\b.*
  | (best|kind|warm)(est)?\s+regards\b.*
  | .*\b(we|this\s+(web)?site)\s+uses?\s+cookies\b.*
  | .*\b(accept|manage)\s+(all\s+)?cookies\b.*
  | cookie\s+(policy|settings|notice|preferences)\b.*
  | .*\ball\s+rights\s+reserved\b.*
  | (©|\(c\)|copyright\b).*
  | advertisement | sponsored(\s+content)?
  | related(\s+(articles|news|stories|posts))?:?
  | tags?:.*
""", re.IGNORECASE | re.VERBOSE)
# A line that starts the trailing furniture block: everything after it is dropped when short.
_TRAILER = re.compile(r"(source|original)\s+link:?|related\s+(articles|news|stories|posts):?"
                      r"|you\s+(may|might)\s+also\s+like:?", re.IGNORECASE)
_BOILERPLATE_CHARS = 200
_TRAILER_WINDOW = 20


def _is_boilerplate(line: str) -> bool:
    return len(line) <= _BOILERPLATE_CHARS and _BOILERPLATE.fullmatch(line) is not None


def _strip_boilerplate(text: str) -> str:
    """Drop whole boilerplate lines at the start and end, and a trailing block that begins with a
    "Source link"-style line when all that follows it is short or boilerplate."""
    lines = text.split("\n")
    filled = [i for i, ln in enumerate(lines) if ln]
    for i in filled[-_TRAILER_WINDOW:]:
        if _TRAILER.fullmatch(lines[i]) and all(
                len(ln) <= _BOILERPLATE_CHARS or _is_boilerplate(ln) for ln in lines[i + 1:]):
            lines = lines[:i]
            break
    while lines and (not lines[-1] or _is_boilerplate(lines[-1])):
        lines.pop()
    start = 0
    while start < len(lines) and (not lines[start] or _is_boilerplate(lines[start])):
        start += 1
    return "\n".join(lines[start:])


def _same_title(a: str, b: str) -> bool:
    """Whether a headline repeats the title, allowing a site suffix ("Title | Site")."""
    a, b = " ".join(a.casefold().split()), " ".join(b.casefold().split())
    short, long_ = sorted((a, b), key=len)
    rest = long_[len(short):].lstrip()
    return bool(short) and long_.startswith(short) and rest[:1] in "|-–—:·"


def _split_headline(text: str) -> tuple[str, str]:
    """(headline, rest) when the first paragraph is one short line without a final full stop
    and more text follows; otherwise ("", text)."""
    first, sep, rest = text.partition("\n\n")
    if (sep and rest.strip() and "\n" not in first and len(first) < _HEADLINE_CHARS
            and not first.rstrip().endswith((".", "…"))):
        return first, rest
    return "", text


# --------------------------------------------------------------------------- field values


EARLIEST_PUBLISHED = date(1900, 1, 1)
MAX_TITLE_CHARS = 300
_FUTURE_DAYS = 2  # a date written in a time zone ahead of this machine's can be a day or two on


def plausible_published(day: date, today: date | None = None) -> date:
    """``day`` when it can be a news article's publication date, else ValueError saying why.

    Dates before 1900 or days ahead of today are typos or placeholders ("0001-01-01"); taken as
    written they would anchor every relative date in the text on the wrong century."""
    today = today or date.today()
    if day < EARLIEST_PUBLISHED:
        raise ValueError(f"before {EARLIEST_PUBLISHED.year}, not a plausible publication date")
    if day > today + timedelta(days=_FUTURE_DAYS):
        raise ValueError(f"in the future (today is {today.isoformat()})")
    return day


def _parse_date(value: Any) -> date:
    """A plausible calendar date from a metadata value; ValueError says why it is not one."""
    return plausible_published(_calendar_date(value))


def _calendar_date(value: Any) -> date:
    """A calendar date from a metadata value; ValueError says why it is not one."""
    from dateutil import parser as du

    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    s = str(value).strip().strip("\ufeff\u200b\u200c\u200d\u2060").strip()  # a BOM or zero-width space pasted in
    if not s:
        raise ValueError("empty value")
    if len(s) > _MAX_DATE_CHARS:
        raise ValueError("too long to be a date")
    if s[0] in "+-":
        raise ValueError("a signed number is not a date")
    # a bare number: not the ISO basic form (20220111) nor a year alone (said to be incomplete below)
    if re.fullmatch(r"\d+(?:\.\d+)?", s) and not re.fullmatch(r"(?:19|20)\d{6}|\d{4}", s):
        raise ValueError("a number, not a date (epoch timestamps such as 1641340800 and "
                         "spreadsheet day numbers such as 44566 are not read: write YYYY-MM-DD)")
    s = _english_month(s)
    if re.fullmatch(r"(?:19|20)\d{6}", s):  # ISO 8601 basic form, 20220111 (also a YAML integer)
        s = f"{s[:4]}-{s[4:6]}-{s[6:]}"
    if re.match(r"\d{4}-\d\d-\d\d", s):
        try:
            return datetime.fromisoformat(s).date()
        except ValueError as exc:
            iso_problem = "no such time zone offset" if "timedelta" in str(exc) else str(exc)
    else:
        iso_problem = ""
    yearfirst = re.match(r"\d{4}\D", s) is not None
    try:
        with warnings.catch_warnings():  # "... 00:00:00 BST": an unknown zone name says nothing of the day
            warnings.simplefilter("ignore", du.UnknownTimezoneWarning)
            a, b = [du.parse(s, dayfirst=not yearfirst, yearfirst=yearfirst, default=d)
                    for d in (datetime(2000, 1, 1), datetime(2001, 2, 2))]
    except (ValueError, OverflowError, TypeError) as exc:
        problem = str(exc).split(":")[0]
        if "timedelta" in problem or "offset" in problem:
            problem = "no such time zone offset"  # not Python's own wording
        raise ValueError(iso_problem or ("not a recognisable date" if problem ==
                                         "Unknown string format" else problem)) from None
    if a.date() != b.date():
        raise ValueError("incomplete date: year, month and day are all needed")
    return a.date()


_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December")
_YEAR_WORD = re.compile(r"(\d{4})\s*(?:г\.?|года|год|ж\.?|жыл\w*)(?=\W|$)", re.I)  # "2022 г.", "2022 года"


def _english_month(s: str) -> str:
    """A date written in a supported language other than English, with English month names
    (which dateutil reads): "5 января 2022, 14:30" -> "5 January 2022, 14:30"; "05.01.2022 г."."""
    if not re.search(r"[^\W\d_]", s) or s.isascii():
        return s
    s = _YEAR_WORD.sub(r"\1", s)
    months = _month_numbers()
    return re.sub(r"[^\W\d_]+", lambda m: _MONTHS_EN[months[m.group().lower()] - 1]
                  if m.group().lower() in months and not m.group().isascii() else m.group(), s)


@cache
def _month_numbers() -> dict[str, int]:
    """Every supported language's month names (all their forms, lower case) -> month number."""
    from . import lang

    return {k.lower(): v for code in lang.SUPPORTED for k, v in lang.get(code).lexicon.months.items()}


def _clean_url(value: str) -> str:
    url = value.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    ok = parts.scheme.lower() in ("http", "https") and parts.netloc and not re.search(r"\s", url)
    return url if ok else ""


_CYRILLIC = re.compile(r"[\u0400-\u04ff]+")
_LETTERS = re.compile(r"[^\W\d_]+")


# Kazakh Cyrillic has letters Russian lacks (ә ғ қ ң ө ұ ү һ), in a good part of a Kazakh text's
# common words ("және", "қаласында", "күнге").  Only words in lower case count, so a Russian text
# naming Ақтау or Қарағанды stays Russian; қ ғ ұ must be among them (Kyrgyz and Tatar have the
# others), and the letters of Uzbek, Tajik, Bashkir and Tatar Cyrillic must not be there.
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+")
_KAZAKH_WORD = re.compile(r"[а-яёәғқңөұүһі]*[әғқңөұүһ][а-яёәғқңөұүһі]*")
_KAZAKH_ONLY = re.compile(r"[қғұ]")
_OTHER_TURKIC = re.compile(r"[ўҳҷӣӯҡҙҫҗЎҲҶӢӮҠҘҪҖ]")
KAZAKH_WORDS = 0.1


def _language(given: str, text: str) -> str:
    """The declared language's primary subtag, else 'ru' when most letters are Cyrillic, or 'kk'
    when the Cyrillic is Kazakh (not supported: the batch warns, and reads it with the Russian
    rules, which find the place names that Kazakh and Russian spell alike)."""
    m = re.fullmatch(r"\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*\s*", given)
    if m:
        return m.group(1).lower()
    sample = text[:5000]
    cyrillic = sum(map(len, _CYRILLIC.findall(sample)))
    if not cyrillic or (2 * cyrillic <= len(sample)  # (over half of all characters: no need to count letters)
                        and 2 * cyrillic <= sum(map(len, _LETTERS.findall(sample)))):
        return "en"
    words = _CYRILLIC_WORD.findall(sample)
    kazakh = [w for w in words if _KAZAKH_WORD.fullmatch(w)]
    if (len(kazakh) >= 2 and len(kazakh) >= KAZAKH_WORDS * len(words)
            and any(_KAZAKH_ONLY.search(w) for w in kazakh) and not _OTHER_TURKIC.search(sample)):
        return "kk"
    return "ru"


def _scalar(meta: dict[str, Any], key: str, where: tuple[str, int | None]) -> Any:
    """A metadata field as a plain value (None when absent); lists/mappings are refused."""
    value = meta.get(key)
    if value is None or isinstance(value, (str, date)):
        return value
    if isinstance(value, bool):  # (an int to Python, but never what was meant)
        raise InputError(where[0], f"field {key!r} must be a text or a number, not true/false",
                         where[1])
    if isinstance(value, (int, float)):
        return str(value)
    if key == "source" and isinstance(value, dict) and isinstance(value.get("name"), str):
        return value["name"]  # NewsAPI's {"id": "bbc-news", "name": "BBC News"}
    raise InputError(where[0], f"field {key!r} must be a single value, not {type(value).__name__}",
                     where[1])


def _finish(body: str, meta: dict[str, Any], *, article_id: str, path: str, line: int | None,
            published: date | None, headline: bool = True) -> Article:
    """Shared tail of every reader: boilerplate, headline -> title, field validation."""
    where = (path or "<text>", line)
    text = _strip_boilerplate(_tidy(body))
    title = _one_line(str(_scalar(meta, "title", where) or ""))
    first, rest = _split_headline(text)
    if first and (_same_title(first, title) or (headline and not title)):
        title, text = title or first, _strip_boilerplate(rest)
    if len(title) > MAX_TITLE_CHARS:  # a whole page pasted as a title would fill every popup
        title = title[:MAX_TITLE_CHARS - 1].rstrip() + "\u2026"
    if not text:
        raise InputError(where[0], "no article text (empty after removing header and boilerplate)",
                         line)
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(where[0], f"article text too long: {len(text):,} characters is over the "
                                   f"limit of {MAX_ARTICLE_CHARS:,} for one article", line)
    raw = _scalar(meta, "published", where)
    if published is None and raw is not None and str(raw).strip():
        try:
            published = _parse_date(raw)
        except ValueError as exc:
            raise InputError(where[0], f"invalid published date {str(raw)!r}: {exc}",
                             line) from None
    return Article(
        article_id=article_id, text=text, title=title,
        source=_one_line(str(_scalar(meta, "source", where) or "")),
        url=_clean_url(_one_line(str(_scalar(meta, "url", where) or ""))),
        published=published,
        language=_language(str(_scalar(meta, "language", where) or ""), text),
        path=path, line=line)


# --------------------------------------------------------------------------- single-article formats

_HEADER_LINE = re.compile(r"\s*([A-Za-z]+)\s*:\s*(.*?)\s*")


def _split_header(text: str) -> tuple[dict[str, str], str]:
    """Header fields and body: the first paragraph is a header only if all its lines are
    ``known-key: value``."""
    stripped = text.lstrip("\n")
    first, _, rest = stripped.partition("\n\n")
    fields: dict[str, str] = {}
    for ln in first.rstrip("\n").split("\n"):
        m = _HEADER_LINE.fullmatch(ln)
        if not m or m.group(1).lower() not in KNOWN_KEYS:
            return {}, text
        fields.setdefault(m.group(1).lower(), m.group(2))
    return fields, rest


# a web page saved under a .txt name: read as the page it is (markup would become the article text)
_HTML_START = re.compile(r"\A[\s\ufeff]*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)


def _parse_txt(text: str, **where: Any) -> Article:
    if _HTML_START.match(text[:4096]):
        return _parse_html(text, **where)
    fields, body = _split_header(_normalise(text))
    return _finish(body, fields, **where)


class _FrontMatterLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates as strings, so a bad date gets the same clear error
    (naming the field and value) in front matter as everywhere else."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}

_FRONT_MATTER = re.compile(r"---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)", re.DOTALL)
# An opening '---' followed by a 'key:' line: front matter, even when it is never closed.
_FRONT_MATTER_START = re.compile(r"---[ \t]*\n[ \t]*[A-Za-z_][\w-]*[ \t]*:")
_MD_LINE_RULES = [
    (re.compile(r"^[ \t]{0,3}(```|~~~).*$", re.M), ""),                    # code fences
    (re.compile(r"^[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.M), ""),  # horizontal rules
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.M), r"\1"),  # headings
    (re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+", re.M), ""),                    # block quotes
    (re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+", re.M), ""),         # list markers
    (re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S+.*$", re.M), ""),       # link definitions
    (re.compile(r"!\[([^\[\]\n]*)\]\([^()\n]*\)"), r"\1"),                # images -> alt text
    (re.compile(r"\[([^\[\]\n]+)\]\([^()\n]*\)"), r"\1"),                # links -> text
    (re.compile(r"\[([^\[\]\n]+)\]\[[^\[\]\n]*\]"), r"\1"),                # reference links
    (re.compile(r"\*\*([^*\n]+)\*\*"), r"\1"),                          # bold **x**
    (re.compile(r"__([^_\n]+)__"), r"\1"),                              # bold __x__
    (re.compile(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])"), r"\1"),           # italic *x*
    (re.compile(r"(?<![\w_])_([^_\n]+)_(?![\w_])"), r"\1"),             # italic _x_
    (re.compile(r"`([^`\n]+)`"), r"\1"),                                # inline code
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),                       # autolinks
]


def _parse_md(text: str, *, path: str, **where: Any) -> Article:
    text = _normalise(text)
    meta: dict[str, Any] = {}
    if m := _FRONT_MATTER.match(text):
        try:
            loaded = yaml.load(m.group(1) or "", Loader=_FrontMatterLoader)  # noqa: S506 - safe
        except (yaml.YAMLError, ValueError, RecursionError) as exc:
            mark = getattr(exc, "problem_mark", None)
            at = f" (front matter line {mark.line + 1})" if mark is not None else ""
            problem = getattr(exc, "problem", None) or type(exc).__name__
            raise InputError(path, f"invalid YAML front matter: {problem}{at}") from None
        if loaded is not None and not isinstance(loaded, dict):
            raise InputError(path, "YAML front matter is not a mapping of key: value")
        meta = {str(k).lower(): v for k, v in (loaded or {}).items()}
        text = text[m.end():]
    elif _FRONT_MATTER_START.match(text):
        raise InputError(path, "YAML front matter is never closed (no '---' line after it)")
    for rule, repl in _MD_LINE_RULES:
        text = rule.sub(repl, text)
    return _finish(text, meta, path=path, **where)


# Private-use characters mark block and line breaks while HTML whitespace is collapsed.
_PARA, _BR = "\ue000", "\ue001"
_HTML_DROP = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript",
              "template", "iframe", "svg", "button", "select", "textarea", "datalist", "video",
              "audio", "canvas", "object", "math"}  # (media: "your browser does not support ...")
_HTML_BLOCKS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
                "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr",
                "figure", "figcaption", "address", "hr", "details", "summary"}
_DATE_METAS = ("article:published_time", "og:published_time", "datepublished", "date",
               "pubdate", "publishdate", "publish-date", "dc.date", "dc.date.issued",
               "dcterms.date", "dcterms.issued", "dcterms.created")


def _attr(tag: Any, name: str) -> str:
    value = tag.get(name)
    return " ".join(value) if isinstance(value, list) else (value or "")


def _json_ld_date(soup: Any) -> str:
    """datePublished from the first JSON-LD block that has one (breadth-first, bounded)."""
    for script in soup.find_all("script", type=re.compile(r"ld\+json", re.I)):
        try:
            todo = [json.loads(script.get_text())]
        except (ValueError, RecursionError):
            continue
        for _ in range(1000):
            if not todo:
                break
            node = todo.pop(0)
            if isinstance(node, dict):
                if isinstance(node.get("datePublished"), str):
                    return node["datePublished"]
                todo.extend(node.values())
            elif isinstance(node, list):
                todo.extend(node)
    return ""


def _outermost(root: Any, name: str) -> list[tuple[Any, bool]]:
    """(element, whether the page hides it) for the ``name`` elements not inside another one,
    in document order, none inside what is never text (a <template>, <noscript>, ...): measuring
    each nested <article> of a page that nests thousands would take quadratic time, and an inner
    one is never longer than the one around it."""
    out, stack = [], [(node, False) for node in reversed(root.contents)]
    while stack:
        node, hidden = stack.pop()
        if getattr(node, "name", None) is None or node.name in _NEVER_TEXT:
            continue
        hidden = hidden or _hidden(node)
        if node.name == name:
            out.append((node, hidden))
        else:
            stack.extend((child, hidden) for child in reversed(node.contents))
    return out


_NEVER_TEXT = _HTML_DROP - {"nav", "header", "footer", "aside", "form"}  # (those can hold an article)


def _unwrap_page_forms(soup: Any) -> None:
    """A <form> around the page's content (ASP.NET wraps every page in one) is read as a <div>:
    one that holds an <article> or <main>, or most of the page's text; other forms (search,
    comments, newsletter) are never text."""
    forms, stack = [], list(reversed(soup.contents))
    while stack:
        node = stack.pop()
        if getattr(node, "name", None) is None or node.name in _NEVER_TEXT:
            continue
        if node.name == "form":
            forms.append(node)  # (an inner form stays a form: never measured twice)
        else:
            stack.extend(reversed(node.contents))
    if not forms:
        return
    page = _letters(soup)
    for form in forms:
        if form.find(["article", "main"]) is not None or 2 * _letters(form) > page:
            form.name = "div"


def _letters(node: Any) -> int:
    return len("".join(node.get_text().split()))


_ARTICLE_SHARE = 5  # an <article> with a fifth of the text outside all of them is not the story


def _shown_letters(node: Any) -> int:
    return len("".join(_html_text(node)[0].replace(_PARA, " ").split()))


_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b", re.I)
# The classes CSS frameworks hide an element with (Bootstrap, Foundation, WordPress, HTML5
# Boilerplate): screen-reader labels, collapsed menus, cookie banners
_HIDDEN_CLASSES = frozenset({"hidden", "hide", "d-none", "sr-only", "visually-hidden",
                             "visuallyhidden", "screen-reader-text", "is-hidden", "invisible",
                             "show-for-sr", "element-invisible"})


# "hidden md:block" (Tailwind), "d-none d-lg-block" (Bootstrap): hidden on phones only
_SHOWN_FROM = re.compile(r"(?:\w+:(?:block|flex|grid|inline|inline-block|inline-flex|table|contents)"
                         r"|d-(?:sm|md|lg|xl|xxl)-(?:block|flex|grid|inline|inline-block|inline-flex|table))",
                         re.I)


def _hidden(tag: Any) -> bool:
    """Whether the page hides ``tag`` from its readers (``hidden``, ``aria-hidden="true"``, an
    inline display:none or visibility:hidden, a class that hides it, a <dialog> not open):
    menus, dialogs, icon labels, text kept for search engines."""
    if tag.has_attr("hidden") or _attr(tag, "aria-hidden").strip().lower() == "true":
        return True
    if tag.name == "dialog" and not tag.has_attr("open"):
        return True
    if _HIDDEN_STYLE.search(_attr(tag, "style")) is not None:
        return True
    classes = tag.get("class")
    if isinstance(classes, str):
        classes = classes.split()
    return (bool(classes) and any(c.lower() in _HIDDEN_CLASSES for c in classes)
            and not any(_SHOWN_FROM.fullmatch(c) for c in classes))


def _html_text(root: Any, hidden: bool = False, skip: frozenset[int] = frozenset()) -> tuple[str, bool]:
    """(text, whether hidden elements were left out) of ``root``, block and line breaks marked;
    script, style, template and the like are never text, hidden elements only when ``hidden``,
    the elements whose ``id()`` is in ``skip`` never.  One pass, no tree edits (bs4 insertions
    are linear each: quadratic on a long page)."""
    from bs4 import NavigableString, Tag

    parts: list[str] = []
    stack: list[Any] = [root]
    skipped = False
    while stack:
        node = stack.pop()
        if type(node) in (str, NavigableString):  # a break marker or a text node (not a comment)
            parts.append(node)
        elif skip and id(node) in skip:
            continue
        elif isinstance(node, Tag) and not hidden and node is not root and _hidden(node):
            skipped = True
        elif isinstance(node, Tag) and node.name not in _HTML_DROP:
            if node.name == "br":
                parts.append(_BR)
            elif node.name in _HTML_BLOCKS:
                parts.append(_PARA)
                stack.append(_PARA)
            elif node.name in ("td", "th"):  # cells of one row read as words apart
                parts.append(" ")
                stack.append(" ")
            stack.extend(reversed(node.contents))
    return "".join(parts), skipped


def _visible_text(root: Any, skip: frozenset[int] = frozenset()) -> str:
    """The text a reader of the page sees; the hidden text too when it is most of the page (an
    article collapsed behind "read more", or a page saved with a dialog open over it): losing
    the article would be worse than reading a menu."""
    text, skipped = _html_text(root, skip=skip)
    if skipped:
        full, _ = _html_text(root, hidden=True, skip=skip)
        if len("".join(text.split())) < len("".join(full.split())) / 2:
            return full
    return text


def _parse_html(text: str, *, path: str, **where: Any) -> Article:
    from bs4 import BeautifulSoup

    if (tags := len(_HTML_TAG.findall(text))) > _MAX_HTML_TAGS:
        raise InputError(path, f"HTML page too large: {tags:,} tags is over the limit of "
                               f"{_MAX_HTML_TAGS:,} for one article")
    soup = BeautifulSoup(text.replace(_PARA, "").replace(_BR, ""), "html.parser")
    _unwrap_page_forms(soup)
    metas: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = (_attr(tag, "property") or _attr(tag, "name") or _attr(tag, "itemprop")).strip()
        if key and _attr(tag, "content").strip():
            metas.setdefault(key.lower(), _attr(tag, "content").strip())
    h1 = soup.find("h1")
    title = (metas.get("og:title") or metas.get("twitter:title")
             or (soup.title.get_text(" ", strip=True) if soup.title else "")
             or (h1.get_text(" ", strip=True) if h1 else ""))
    canonical = soup.find("link", rel="canonical")
    published = next((metas[k] for k in _DATE_METAS if k in metas), "") or _json_ld_date(soup)
    html_tag = soup.find("html")

    articles = _outermost(soup, "article")  # the page's own article, not one it hides
    shown = [a for a, hidden in articles if not hidden] or [a for a, _ in articles]
    root = (max(shown, key=lambda a: len(_html_text(a)[0])) if len(shown) > 1
            else shown[0] if shown else (soup.body or soup))
    skip: frozenset[int] = frozenset()
    page = soup.body or soup
    if shown:  # text outside every <article> that dwarfs the chosen one: they are teaser cards
        inside = sum(map(_shown_letters, shown))  # ("more news"), the story is outside them
        outside = _shown_letters(page) - inside
        if outside > _ARTICLE_SHARE * _shown_letters(root):
            root, skip = page, (frozenset(id(a) for a, _ in articles) if inside < outside
                                else frozenset())
    if not published:  # <time datetime> is only a hint: ignore values that are not dates
        for t in root.find_all("time", datetime=True) + soup.find_all("time", datetime=True):
            try:
                published = _parse_date(_attr(t, "datetime")).isoformat()
                break
            except ValueError:
                continue
    body = re.sub(r"\s+", " ", _normalise(_visible_text(root, skip)))
    body = body.replace(_BR, "\n").replace(_PARA, "\n\n")
    meta = {"title": title, "source": metas.get("og:site_name", ""),
            "url": metas.get("og:url") or (_attr(canonical, "href") if canonical else ""),
            "published": published or None,
            "language": _attr(html_tag, "lang") if html_tag else ""}
    return _finish(body, meta, path=path, **where)


_PARSERS = {".txt": _parse_txt, ".md": _parse_md, ".html": _parse_html, ".htm": _parse_html}


def article_from_text(text: str, *, article_id: str = "text", published: date | None = None,
                      title: str = "", language: str | None = None) -> Article:
    """A raw string -> Article with the same header, headline and boilerplate handling as .txt.

    Raises InputError (path "<text>") when nothing is left or a header date is invalid.
    """
    fields, body = _split_header(_normalise(text))
    if title:
        fields["title"] = title
    if isinstance(published, datetime):
        published = published.date()
    article = _finish(body, fields, article_id=safe_id(article_id), path="", line=None,
                      published=published)
    return replace(article, language=language) if language else article


# --------------------------------------------------------------------------- bytes -> text

_MAGIC = ((b"%PDF", "a PDF document"), (b"\x89PNG", "a PNG image"),
          (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
          (b"PK\x03\x04", "a ZIP archive (e.g. .docx, .xlsx, .epub)"),
          (b"\xd0\xcf\x11\xe0", "an old MS Office document"),
          (b"\x1f\x8b", "gzip data without .gz"), (b"\x7fELF", "an executable"),
          (b"RIFF", "a RIFF media file"))
# Tie-break among equally clean charset-normalizer guesses: this project's likely code pages.
_PREFERRED_ENCODINGS = ("cp1252", "kz1048", "cp1251")
_BINARY_RATIO = 0.02
_NUL_RATIO = 0.01  # more NULs than this in the first KB (and 2+): binary; fewer: corrupt text
_JUNK = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")


def _sniff(head: bytes, path: str, *, complete: bool = True, rows: bool = False) -> str | None:
    """Refuse empty and binary content, saying what it looks like; name UTF-16 when it is.
    ``head`` is the file's start, or all of it when ``complete``; in a file of ``rows`` a blank
    start or a torn (NUL) line is one row's problem, reported at its line, not the file's."""
    body = b"" if head in _WIDE_BOMS else head.removeprefix(codecs.BOM_UTF8)
    if not body.strip() and (complete or not body):
        raise InputError(path, "empty file" if not head else "file contains only whitespace"
                         if body else "file contains only a byte-order mark, no text")
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise InputError(path, f"binary file: looks like {what}, not text")
    if utf16 := _utf16(head):
        return utf16
    sample = head[:1024]
    if sample.count(b"\0") > max(1, _NUL_RATIO * len(sample)) and (not rows or head.count(b"\0") > len(head) // 2):
        raise InputError(path, "binary file: NUL bytes in the first KB")  # (not one torn line among rows)
    return None


def _text_encoding(head: bytes, path: str, *, complete: bool, legacy: bool = True) -> str:
    """The encoding to stream a file with, from its first bytes (all of them when
    ``complete``).  Without ``legacy`` the answer is UTF-8 or UTF-16, as a format's
    specification demands."""
    if utf16 := _sniff(head, path, complete=complete, rows=True):
        return utf16
    if not legacy or _is_utf8(head, complete=complete):
        return "utf-8-sig"
    lines = head.splitlines(keepends=True)
    if not complete and len(lines) > 1:
        lines.pop()  # (may be cut in the middle of a character)
    if any(_is_utf8(ln) and not ln.isascii() for ln in lines):  # exports pasted together
        return _legacy_encoding(b"".join(ln for ln in lines if not _is_utf8(ln)), path)
    return _legacy_encoding(head, path)


_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)


def _utf16(head: bytes) -> str | None:
    """UTF-16 (or UTF-32) by its BOM or, without one, by its shape: in real text the high byte
    of each code unit takes few values, NUL (ASCII: spaces, digits, punctuation) among them, and
    the low byte is never NUL."""
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # (before UTF-16's: FF FE 00 00)
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if utf32 := _utf32(head):
        return utf32
    n = min(len(head), 4096) // 2
    if n < 8 or b"\0" not in head[:2 * n]:  # no NUL: neither byte order's high bytes have one
        return None
    for encoding, high, low in (("utf-16-le", head[1:2 * n:2], head[0:2 * n:2]),
                                ("utf-16-be", head[0:2 * n:2], head[1:2 * n:2])):
        top = Counter(high).most_common(2)
        if 0 not in low and 0 in dict(top) and sum(c for _, c in top) >= 0.9 * n:
            return encoding
    return None


def _utf32(head: bytes) -> str | None:
    """UTF-32 without a BOM by its shape: in each 4-byte unit of text the two bytes above the
    Basic Multilingual Plane are NUL (nearly always), the lowest never is."""
    n = min(len(head), 4096) // 4
    if n < 4:
        return None
    units = [head[4 * i:4 * i + 4] for i in range(n)]
    for encoding, high, low in (("utf-32-le", slice(2, 4), 0), ("utf-32-be", slice(0, 2), 3)):
        if (sum(u[high] == b"\0\0" for u in units) >= 0.95 * n
                and sum(u[low] != 0 for u in units) >= 0.9 * n):
            return encoding
    return None


def _is_utf8(data: bytes, *, complete: bool = True) -> bool:
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=complete)
    except UnicodeDecodeError:
        return False
    return True


def _legacy_encoding(data: bytes, path: str) -> str:
    """charset-normalizer's best guess for non-UTF-8 bytes (it also honours a declared
    ``<meta charset>``/``encoding=``), preferring this domain's code pages on a tie."""
    import charset_normalizer

    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        raise InputError(path, "binary file: not UTF-8 and no other text encoding fits")
    best = min(m.chaos for m in matches)
    close = {m.encoding: m for m in matches if m.chaos <= best + 0.1}
    return next((e for e in _PREFERRED_ENCODINGS if e in close), matches[0].encoding)


def _decode_lines(data: bytes, path: str) -> tuple[str, str]:
    """(text, encoding) of bytes that are not all UTF-8.  A file pasted together from several
    sources can mix UTF-8 lines with legacy ones: then each line is read in its own encoding,
    the legacy one guessed from the legacy lines alone."""
    lines = [(ln, _is_utf8(ln)) for ln in data.splitlines(keepends=True)]
    mixed = any(utf8 and not ln.isascii() for ln, utf8 in lines)
    legacy = b"".join(ln for ln, utf8 in lines if not utf8) if mixed else data
    try:
        encoding = _legacy_encoding(legacy, path)
    except InputError:  # no one code page for all: maybe one for each line (KOI8-R pasted
        encoding = None  # under Windows-1251)
    # (lines that read oddly in the one guess may each be in a code page of their own)
    check = mixed or encoding is None or _odd_words(legacy, encoding) > 0
    out, recoded = [], {}
    for number, (ln, utf8) in enumerate(lines, 1):
        line_encoding = "utf-8" if utf8 else _line_code_page(ln, encoding, check)
        if line_encoding is None:
            raise InputError(path, "binary file: not UTF-8 and no other text encoding fits")
        try:
            out.append(ln.decode(line_encoding))
        except (UnicodeDecodeError, LookupError) as exc:
            raise InputError(path, f"cannot decode line {number} as {line_encoding}: "
                                   f"{getattr(exc, 'reason', exc)}") from None
        if not utf8:
            recoded.setdefault(line_encoding, []).append(number)
    if mixed or len(recoded) > 1:
        _mixed_encodings(path, "line", recoded,
                         sum(utf8 and not ln.isascii() for ln, utf8 in lines))
    return "".join(out), encoding or next(iter(recoded), "utf-8")


# The code pages a file of this domain can be in: charset-normalizer's guess from a few legacy
# lines among UTF-8 ones (say, cp932 for one line of KOI8-R) is checked against them
_DOMAIN_CODE_PAGES = frozenset({"cp1251", "kz1048", "cp1252", "koi8-r", "iso8859-1", "iso8859-5",
                                "cp866", "mac-cyrillic", "ascii"})


def _line_code_page(line: bytes, guess: str | None, check: bool) -> str | None:
    """The code page of one non-UTF-8 line: the file's ``guess``, unless (with ``check``) the
    line reads better in one of _ROW_ENCODINGS or the guess is none of this domain's."""
    if guess is not None and not check:
        return guess
    best = _code_page(line)
    if best is None or (guess is not None and codecs.lookup(guess).name in _DOMAIN_CODE_PAGES
                        and _odd_words(line, guess) <= _odd_words(line, best)):
        return guess
    return best


def _decode(data: bytes, path: str) -> str:
    """A single-article file's text; InputError for binary, undecodable or corrupt content."""
    encoding = _sniff(data, path) or ("utf-8-sig" if _is_utf8(data) else None)
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:  # UTF-16 with an odd number of bytes
            raise InputError(path, f"cannot decode as {encoding}: {exc.reason}") from None
    else:
        text, encoding = _decode_lines(data, path)
    sample = text[:10_000]
    junk = len(_JUNK.findall(sample))
    if junk > max(4, _BINARY_RATIO * len(sample)):  # a few stray controls are just dropped
        raise InputError(path, "binary file: mostly non-text bytes "
                               f"(decoded as {encoding.removesuffix('-sig')})")
    if not text.strip():
        raise InputError(path, "file contains only whitespace")
    if "\0" in text:  # too few to call the file binary: corruption, not to be dropped silently
        raise InputError(path, f"corrupt text: {text.count(chr(0)):,} NUL byte(s), the first at "
                               f"character {text.index(chr(0)):,}")
    return text


# --------------------------------------------------------------------------- row formats

_BAD_BYTES = re.compile(r"[\udc80-\udcff]")
_JSON_SPACE = re.compile(r"[ \t\n\r]*")


# Other names exports give the fields of a row (a column is taken under its own name first).
FIELD_ALIASES = {
    "text": ("body", "content", "article", "full_text", "article_text"),
    "title": ("headline",),
    "published": ("published_at", "publication_date", "published_date", "pub_date", "pubdate",
                  "publishedat", "datepublished", "date_published", "date"),
    "url": ("link",),
}


def _fields(row: dict[Any, Any]) -> dict[str, Any]:
    """A row's fields by lower-case name, a known field found under another usual name
    ("body", "published_at", "date") when its own is absent."""
    fields = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
    for name, aliases in FIELD_ALIASES.items():
        if name not in fields:
            fields[name] = next((fields[a] for a in aliases if a in fields), None)
    return fields


def _row_article(row: dict[Any, Any], *, path: str, stem: str, line: int,
                 published: date | None) -> Article:
    fields = _fields(row)
    text = fields.get("text")
    if text is None or (isinstance(text, str) and not text.strip()):
        raise InputError(path, "missing or empty 'text'", line)
    if not isinstance(text, str):
        raise InputError(path, f"field 'text' must be a string, not {type(text).__name__}", line)
    raw_id = str(_scalar(fields, "id", (path, line)) or "").strip()
    aid = safe_id(raw_id or f"{stem}-{line}")
    return _finish(_normalise(text), fields, article_id=aid, path=path, line=line,
                   published=published, headline=not fields.get("title"))


def _encoding_name(encoding: str) -> str:
    return "UTF-8" if encoding == "utf-8-sig" else encoding


# The code pages a spreadsheet of this domain's articles is saved in
_ROW_ENCODINGS = ("cp1251", "cp1252", "koi8_r")
# What a wrong code page makes of text
_ODD_WORD = re.compile(r"""
    \w*(?:[A-Za-z\u00c0-\u024f][\u0400-\u04ff] | [\u0400-\u04ff][A-Za-z\u00c0-\u024f])\w*  # Cafй: scripts mixed
  | \w*[а-яё][А-ЯЁ]\w*                                 # уЧАСТНИКИ: KOI8-R and Windows-1251 read as each other
  | \w*[\u00c0-\u024f]{2}\w*                           # Ó÷àñòíèêè: Cyrillic read as Windows-1252
  | [^\w\s!-~\u00a0-\u00bf\u2010-\u2044\u20ac\u2116]    # a box, a symbol: not in articles
""", re.VERBOSE)


def _legacy_row(values: list[str]) -> tuple[list[str], str | None]:
    """A CSV row that is not UTF-8 in a file read as UTF-8 (its first 64 KB were ASCII, or it
    mixes exports), decoded like a line of a single-article file: in the code page its bytes
    read best in (fewest words of mixed scripts, of accent soup or of case flipped inside them,
    fewest symbols; a tie goes to the first of _ROW_ENCODINGS).  One row is too short for
    charset-normalizer's statistics.  Returns the values and the code page (None: left as they
    were)."""
    raw = [v.encode("utf-8", "surrogateescape") for v in values]
    best = _code_page(b"\n".join(raw))
    if best is None:  # garbage in any code page: reported as it is
        return values, None
    return [b.decode(best, "surrogateescape") for b in raw], best


def _odd_words(data: bytes, encoding: str) -> int:
    return len(_ODD_WORD.findall(data.decode(encoding, "replace")))


def _code_page(data: bytes) -> str | None:
    """The one of _ROW_ENCODINGS that ``data`` (a few lines) reads best in, or None when it is
    garbage in all (see :func:`_legacy_row`)."""
    odd = {e: _odd_words(data, e) for e in _ROW_ENCODINGS}
    best = min(_ROW_ENCODINGS, key=odd.__getitem__)
    return None if odd[best] > max(2, len(data.split()) // 10) else best


@dataclass
class _Recoded:
    """What a row file read as UTF-8 decoded otherwise: code page -> the lines of its rows, and
    how many rows with non-ASCII text were UTF-8 (for :func:`_mixed_encodings`)."""

    lines: dict[str, list[int]]
    utf8: int = 0

    def add(self, values: list[str], encoding: str | None, line: int) -> None:
        if encoding:
            self.lines.setdefault(encoding, []).append(line)
        elif not all(v.isascii() for v in values):
            self.utf8 += 1


def _recode(value: str, encoding: str) -> str:
    """``value`` read as UTF-8 with undecodable bytes escaped, decoded in ``encoding`` instead
    (bytes that are not valid there either stay escaped)."""
    return value.encode("utf-8", "surrogateescape").decode(encoding, "surrogateescape")


def _bad_text(unit: str, values: list[str], encoding: str) -> str | None:
    """Why a line, row or header's text is corrupt (undecodable bytes, NULs), or None."""
    if any(_BAD_BYTES.search(v) for v in values):
        return f"{unit} is not valid {_encoding_name(encoding)}"
    if any("\0" in v for v in values):
        return f"{unit} contains NUL bytes (corrupt data)"
    return None


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _json_problem(exc: Exception) -> str:
    """A short reason for invalid JSON (not Python's advice on integer digit limits)."""
    if isinstance(exc, RecursionError):
        return "invalid JSON: nested too deeply"
    if "integer string conversion" in str(exc):
        return "invalid JSON: a number with more than 4,300 digits"
    return f"invalid JSON: {str(exc)[:120]}"


def _json_object(obj: Any, path: str, line: int) -> Any:
    """``obj`` when it is a JSON object, else the InputError saying what it is instead."""
    if isinstance(obj, dict):
        return obj
    kind = {type(None): "null", bool: "true/false", int: "a number", float: "a number", str: "a string",
            list: "an array"}.get(type(obj), type(obj).__name__)
    return InputError(path, f"not a JSON object (got {kind})", line)


def _jsonl_rows(stream: io.TextIOBase, path: str, max_chars: int, encoding: str,
                legacy: str | None = None, recoded: _Recoded | None = None,
                ) -> Iterator[tuple[int, Any]]:
    """(line number, parsed object) per non-blank line; InputError values for bad lines.
    ``legacy``: the code page of a file that is mostly not UTF-8 (``stream`` is read as UTF-8):
    a line that is not UTF-8 is decoded in it, and noted in ``recoded``."""
    lineno = 0
    while line := stream.readline(max_chars + 1):
        lineno += 1
        if len(line) > max_chars and not line.endswith("\n"):
            while (more := stream.readline(1 << 20)) and not more.endswith("\n"):
                pass
            yield lineno, InputError(path, f"line longer than {max_chars:,} characters", lineno)
            continue
        line = line.removeprefix("\ufeff")  # the BOM of a file appended with `cat a.jsonl b.jsonl`
        if not line.strip():
            continue
        read_as = None
        if legacy and _BAD_BYTES.search(line):
            line, read_as = _recode(line, legacy), legacy
        if recoded is not None and encoding == "utf-8-sig":
            recoded.add([line], read_as, lineno)
        if problem := _bad_text("line", [line], encoding):
            if _BAD_BYTES.search(line) and (code_page := _legacy_row([line])[1]):
                problem += f" (JSON lines must be; it reads as {code_page}: re-save the file as UTF-8)"
            yield lineno, InputError(path, problem, lineno)
            continue
        try:
            obj = json.loads(line, parse_constant=_no_constants)
        except (ValueError, RecursionError) as exc:
            yield lineno, InputError(path, _json_problem(exc), lineno)
            continue
        yield lineno, _json_object(obj, path, lineno)


def _json_rows(text: str, path: str) -> Iterator[tuple[int, Any]]:
    """(line, object) per element of a .json file's array of articles (or its one object),
    the line being where the element starts."""
    line, seen = 1, 0
    for n, (pos, value, problem, array) in enumerate(_json_array(text, path), start=1):
        line, seen = line + text.count("\n", seen, pos), pos
        item = InputError(path, problem, line) if problem else _json_object(value, path, line)
        if array and isinstance(item, InputError):  # one line can hold the whole array
            item = InputError(path, f"{item.reason} (array element {n})", line)
        yield line, item


def _json_array(text: str, path: str) -> Iterator[tuple[int, Any, str | None, bool]]:
    """(offset, element, None, whether in an array) per element of a JSON array, a lone object being one element
    (or, when it is no article but holds one list of objects, as an API dump's
    ``{"status": "ok", "articles": [...]}`` does, each object of that list); (offset, None,
    reason) where the document stops making sense: nothing after it is read."""
    pos = _skip_space(text, 0)
    if text.startswith("{", pos):  # one article
        value, end, problem = _json_value_at(text, pos)
        inner = None if problem else _wrapped_list(text, pos, value)
        if inner is None:
            yield pos, value, problem, False
        else:
            yield from _json_elements(text, inner, path)
        if not problem and (trailing := _after_end(text, end)):
            yield end, None, trailing, False
        return
    if not text.startswith("[", pos):
        yield pos, None, "a .json file must hold an array of article objects (or one object)", False
        return
    end = yield from _json_elements(text, pos, path)
    if end is not None and (trailing := _after_end(text, end)):
        yield end, None, trailing, True


def _json_elements(text: str, pos: int, path: str) -> Iterator[tuple[int, Any, str | None, bool]]:
    """The elements of the JSON array that starts at ``pos``; returns the offset after it (and
    any space), or None when it stopped at a problem."""
    pos = _skip_space(text, pos + 1)
    while not text.startswith("]", pos):
        value, end, problem = _json_value_at(text, pos)
        yield pos, value, problem, True
        if problem:
            return None
        if not text.startswith((",", "]"), end):
            yield end, None, "invalid JSON: expected ',' or ']'; stopped reading this file", True
            return None
        pos = _skip_space(text, end + 1) if text.startswith(",", end) else end
        if text.startswith("]", pos) and text.startswith(",", end):  # invalid JSON, but unambiguous
            _warn(path, "a trailing comma before the array's closing ']' (not valid "
                                    "JSON; read as if it were not there)",
                  text.count("\n", 0, end) + 1)
    return _skip_space(text, pos + 1)


def _wrapped_list(text: str, pos: int, value: Any) -> int | None:
    """Where the one list of article objects of a top-level object that is itself no article
    (no text field) starts in ``text``, or None."""
    if not isinstance(value, dict) or _fields(value).get("text") is not None:
        return None
    lists = [k for k, v in value.items()
             if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
    if len(lists) != 1:
        return None
    found, pos = None, _skip_space(text, pos + 1)  # the members, in order, at the top level only
    while text.startswith('"', pos):  # (the object parsed: every member is well formed)
        key, end = _JSON.raw_decode(text, pos)
        pos = _skip_space(text, _skip_space(text, end) + 1)  # (past the ':')
        if key == lists[0]:
            found = pos  # (a key given twice: the last one, as json reads it)
        _, end = _JSON.raw_decode(text, pos)
        pos = _skip_space(text, end)
        pos = _skip_space(text, pos + 1) if text.startswith(",", pos) else pos
    return found


_JSON = json.JSONDecoder(parse_constant=_no_constants)


def _skip_space(text: str, pos: int) -> int:
    return _JSON_SPACE.match(text, pos).end()


def _json_value_at(text: str, pos: int) -> tuple[Any, int, str | None]:
    """(value, offset after it and any space, None), or (None, pos, reason) for invalid JSON."""
    try:
        value, end = _JSON.raw_decode(text, pos)
    except (ValueError, RecursionError) as exc:
        return None, pos, f"{_json_problem(exc)}; stopped reading this file"
    return value, _skip_space(text, end), None


def _after_end(text: str, end: int) -> str | None:
    """Why there should be nothing after a .json document's end at ``end``, if there is."""
    if end >= len(text):
        return None
    if text.startswith("{", end):
        return ("invalid JSON: more than one top-level object (one article per line is JSON "
                "lines: name the file .jsonl)")
    return "invalid JSON: unexpected data after the end of the document"


class _LongLine(Exception):
    """A physical line over the limit, raised from inside csv.reader (which resets after it)."""

    def __init__(self, number: int) -> None:
        self.number = number


class _Lines:
    """A CSV stream's physical lines for csv.reader, each read with a bound (a 500 MB line with no
    line break is skipped as :class:`_LongLine`, never held whole), numbered as an editor shows
    them, remembering the lines of the record being read and taking lines back to read again."""

    def __init__(self, stream: io.TextIOBase, max_chars: int) -> None:
        self.stream, self.max_chars = stream, max_chars
        self.number = 1  # the header's: the last line handed out
        self.taken: list[tuple[int, str]] = []  # (number, line) of the record being read
        self._back: list[tuple[int, str]] = []  # taken back, the next line last

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self._back:
            self.number, line = self._back.pop()
        else:
            line = self.stream.readline(self.max_chars + 1)
            if not line:
                raise StopIteration
            self.number += 1
            if len(line) > self.max_chars and not line.endswith(("\n", "\r")):
                while (more := self.stream.readline(1 << 20)) and not more.endswith(("\n", "\r")):
                    pass
                raise _LongLine(self.number)
        self.taken.append((self.number, line))
        return line

    def next_number(self) -> int:
        return self._back[-1][0] if self._back else self.number + 1

    def take_back(self, lines: list[tuple[int, str]]) -> None:
        self._back.extend(reversed(lines))


_FREE_TEXT = ("text", "title")


def _shape(value: str) -> object:
    """What kind of value a cell holds, so that an id, a date, a URL and a piece of prose differ:
    a value without letters by its digits and punctuation ("2022-01-05" is "9-9-9", "3,000." is
    not), one with letters by whether it has digits and spaces."""
    v = value.strip()
    if not any(c.isalpha() for c in v):
        return re.sub(r"\d+", "9", v)
    return any(c.isdigit() for c in v), any(c.isspace() for c in v)


def _reads_as_a_row(line: str, names: list[str], delimiter: str, like: list[str]) -> bool:
    """Whether ``line`` alone is a row of this file: as many fields as the header, and every
    column that held a one-word value in ``like`` (id, date, URL) holding the same kind of value.
    Prose that a quoted field carries over a line break almost never does."""
    values = next(csv.reader([line], delimiter=delimiter), [])
    if len(values) != len(names):
        return False
    typed = [i for i, (n, v) in enumerate(zip(names, like))
             if n not in _FREE_TEXT and v.strip() and not re.search(r"\s", v.strip())]
    return bool(typed) and all(_shape(values[i]) == _shape(like[i]) for i in typed)


def _csv_rows(stream: io.TextIOBase, path: str, max_chars: int, encoding: str,
              legacy: str | None = None, recoded: _Recoded | None = None,
              ) -> Iterator[tuple[int, Any]]:
    """(start line, row dict) per record; the header must have a 'text' column.  Strict CSV,
    so a stray quote is reported on its row, and a quote left open does not swallow the rows
    after it into one field: when the lines a quoted field ran over read as rows of their own,
    the row that opened it is reported and those lines are read again as rows.  ``legacy``: the
    code page of a file that is not all UTF-8 (``stream`` is read as UTF-8): a row that is not
    UTF-8 is decoded in it, and noted in ``recoded``."""
    csv.field_size_limit(max(csv.field_size_limit(), min(max_chars, 2**31 - 1)))
    header, number, forced = stream.readline(max_chars), 1, None
    while header and not header.strip():  # blank lines above the header
        header, number = stream.readline(max_chars), number + 1
    if m := _EXCEL_SEP.fullmatch(header):  # Excel's "sep=;" line: the delimiter, then the header
        header, number, forced = stream.readline(max_chars), number + 1, m.group(1)
    if legacy and _BAD_BYTES.search(header):
        header = _recode(header, legacy)
    names, delimiter = _csv_header(header, path, legacy or encoding, number, forced)
    lines = _Lines(stream, max_chars)
    lines.number = number
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    like: list[str] | None = None  # the last good row: what a row of this file looks like
    while True:
        start, lines.taken = lines.next_number(), []
        try:
            values, problem = next(reader, None), ""
        except _LongLine as exc:
            yield exc.number, InputError(path, f"line longer than {max_chars:,} characters", exc.number)
            continue
        except csv.Error as exc:
            values, problem = None, str(exc)
        rest = lines.taken[1:]
        if rest and (values is not None or problem):
            first = lines.taken[0][1]
            sample = like or next(csv.reader([first], delimiter=delimiter), [])
            if any(_reads_as_a_row(ln, names, delimiter, sample) for _, ln in rest):
                lines.take_back(rest)
                yield start, InputError(path, "malformed CSV: a quote opened on this line is not "
                                              "closed on it and ran over the rows after it; this "
                                              "row is skipped and those are read", start)
                continue
        if problem:
            if "unexpected end of data" in problem:
                yield start, InputError(path, "malformed CSV: a quoted field opened here is "
                                              "never closed; stopped reading this file", start)
                return
            yield start, InputError(path, f"malformed CSV row: {problem}", start)
            continue
        if values is None:
            return
        if not any(v.strip() for v in values):
            continue
        if [v.strip().lstrip("\ufeff").lower() for v in values] == names:
            continue  # the header again: files appended with `cat a.csv b.csv`
        read_as = None
        if legacy and any(_BAD_BYTES.search(v) for v in values):
            values, read_as = [_recode(v, legacy) for v in values], legacy
        elif encoding == "utf-8-sig" and any(_BAD_BYTES.search(v) for v in values):
            values, read_as = _legacy_row(values)
        if recoded is not None and encoding == "utf-8-sig":
            recoded.add(values, read_as, start)
        if problem := _bad_text("row", values, legacy or encoding):
            yield start, InputError(path, problem, start)
        elif len(values) > len(names):
            yield start, InputError(path, f"row has {len(values)} fields but the header has "
                                          f"{len(names)} (an unquoted {delimiter!r} in a value?)",
                                    start)
        else:
            like = values
            yield start, dict(zip(names, values))


_EXCEL_SEP = re.compile(r'"?sep=([^\w\s"])"?[ \t]*\r?\n?', re.I)


def _csv_header(header_line: str, path: str, encoding: str, number: int = 1,
                delimiter: str | None = None) -> tuple[list[str], str]:
    """(column names, delimiter) of a CSV header line (line ``number``, delimiter ``delimiter``
    when a "sep=" line named it), which must name a 'text' column once."""
    if problem := _bad_text("CSV header", [header_line], encoding):
        raise InputError(path, problem, number)
    counts = {d: next(csv.reader([header_line], delimiter=d), [])
              for d in ([delimiter] if delimiter else ",;\t|")}
    text_names = ("text", *FIELD_ALIASES["text"])
    delimiter = next((d for d, cols in counts.items()
                      if any(c.strip().lower() in text_names for c in cols)), None)
    if delimiter is None:
        raise InputError(path, f"CSV header has no 'text' column (nor {', '.join(FIELD_ALIASES['text'])}) "
                               f"(header: {header_line.strip()[:120]!r})", number)
    names = [c.strip().lower() for c in counts[delimiter]]
    # a field geomap reads given twice is ambiguous; another column repeated ("tag,tag") is not read
    read = {"id", "text", *KNOWN_KEYS, *(a for aliases in FIELD_ALIASES.values() for a in aliases)}
    repeated = sorted(n for n, count in Counter(names).items() if n in read and count > 1)
    if repeated:
        raise InputError(path, f"CSV header repeats the column(s) {', '.join(map(repr, repeated))}",
                         number)
    return names, delimiter


# --------------------------------------------------------------------------- files


def _suffix(name: str) -> str:
    lower = name.lower()
    return next((s for s in _BY_LENGTH if lower.endswith(s)), "")


def _shown_suffix(name: str) -> str:
    suffixes = PurePath(name).suffixes
    if not suffixes:
        return "(no extension)"
    return "".join(suffixes[-2:]) if suffixes[-1].lower() == ".gz" else suffixes[-1]


def _os_reason(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        if os.path.islink(path):
            return f"dangling symlink (points to {os.readlink(path)!r}, which does not exist)"
        return "no such file or folder"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return f"cannot read: {exc.strerror or exc}"


@contextmanager
def _open(path: Path, gz: bool) -> Iterator[BinaryIO]:
    """The file's (decompressed) bytes; OS and gzip failures become InputErrors."""
    where = str(path)
    try:
        with open(path, "rb") as raw:
            if gz and raw.read(2) != b"\x1f\x8b":
                raise InputError(where, "not gzip data, although the name ends in .gz")
            raw.seek(0)
            yield gzip.GzipFile(fileobj=raw, mode="rb") if gz else raw
    except OSError as exc:
        if "Not a gzipped file" in str(exc):  # the start was checked: a later member is junk
            raise InputError(where, "corrupt gzip data: junk after the compressed data") from None
        if isinstance(exc, gzip.BadGzipFile) or (gz and exc.errno is None):
            raise InputError(where, f"corrupt gzip data: {exc}") from None
        raise InputError(where, _os_reason(path, exc)) from None
    except (EOFError, zlib.error) as exc:
        raise InputError(where, f"corrupt or truncated gzip data: {exc}") from None


def _regular_file(path: Path) -> os.stat_result:
    """``path``'s status, InputError unless it is a non-empty regular file (a FIFO or device is
    never opened: reading one could block forever)."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise InputError(str(path), _os_reason(path, exc)) from None
    if not stat.S_ISREG(st.st_mode):
        raise InputError(str(path), "not a regular file")
    if st.st_size == 0:
        raise InputError(str(path), "empty file")
    return st


def _changed(path: Path, before: os.stat_result) -> str | None:
    """Why what was read of ``path`` may not be the file (something wrote it meanwhile: a
    scraper still filling it, a sync replacing it), or None."""
    try:
        after = os.stat(path)
    except OSError:
        return "the file was removed or replaced while it was read"
    if (after.st_ino, after.st_size, after.st_mtime_ns) != (before.st_ino, before.st_size,
                                                            before.st_mtime_ns):
        return "the file changed while it was read (is something still writing it?)"
    return None


_GZIP_BROKEN = (EOFError, zlib.error, gzip.BadGzipFile)


def _gzip_reason(exc: Exception) -> str:
    if "Not a gzipped file" in str(exc):  # the start was checked: a later member is junk
        return "corrupt gzip data: junk after the compressed data"
    return f"corrupt or truncated gzip data ({exc})"


def _read_text(path: Path, gz: bool, max_bytes: int) -> str:
    """A whole (decompressed) file as text; a file over ``max_bytes`` is refused unread, a
    gzipped one as soon as its decompressed content passes the limit.  Of an HTML page (or one
    saved as text), inline data and huge attributes are dropped before it is decoded."""
    data, _ = _read_data(path, gz, max_bytes, partial=False)
    if (_suffix(path.name).removesuffix(".gz") in (".html", ".htm")
            or _HTML_START.match(data[:4096].decode("latin-1"))):
        data = _without_inline_data(data)
    return _decode(data, str(path))


def _read_data(path: Path, gz: bool, max_bytes: int, partial: bool) -> tuple[bytes, str | None]:
    """(a whole (decompressed) file's bytes, None), bounded like :func:`_read_text`.  With
    ``partial``, gzip data that breaks off gives (the whole lines before the break, reason)
    instead of an InputError (a row file keeps the rows read)."""
    where = str(path)
    size = os.stat(path).st_size
    if size > max_bytes:
        raise InputError(where, f"file too large: {size:,} bytes is over the limit of "
                                f"{max_bytes:,} bytes (max_bytes)")
    data, broken = bytearray(), None
    with _open(path, gz) as fh:
        try:
            if not gz:  # (a buffer of max_bytes would be allocated for a small file)
                data = fh.read(min(size, max_bytes) + 1)
            # (read1, a bounded piece at a time: what a break leaves is not dropped)
            while gz and len(data) <= max_bytes and (chunk := fh.read1(1 << 16)):
                data += chunk
        except _GZIP_BROKEN as exc:
            if not partial and isinstance(exc, gzip.BadGzipFile):
                raise  # (said by _open)
            if not partial:
                raise InputError(where, f"{_gzip_reason(exc)}: it breaks off after {len(data):,} bytes "
                                        "of text; the article is not read (it would be cut short)"
                                 ) from None
            broken = _gzip_reason(exc)
    if len(data) > max_bytes:
        raise InputError(where, f"decompressed content is over the limit of {max_bytes:,} "
                                "bytes (max_bytes)")
    if broken is not None:
        data = data[:data.rfind(b"\n") + 1]  # (the last line may end inside a character)
        if not data.strip():
            raise InputError(where, f"{broken}: it breaks off before the first line ends")
    return data, broken


# An inline image or font (base64 data: URI) and a huge attribute value (a page's whole state as
# JSON in data-props): never article text, but parsed into the tree they take several times
# their size in memory (a 40 MB page of photos: over 200 MB)
_DATA_URI = re.compile(rb"data:[\w.+/-]{0,100}(?:;[\w.+=-]{0,100}){0,5},[A-Za-z0-9+/=%]{1024,}", re.I)
_HUGE_ATTR = re.compile(rb"""(\s[\w:.-]+\s*=\s*)(?:"[^"<>]{65536,}"|'[^'<>]{65536,}')""")


def _without_inline_data(data: bytes) -> bytes:
    """An HTML page's bytes with data: URIs over 1 KB cut to ``data:,`` and attribute values
    over 64 KB emptied, before it is decoded and parsed (UTF-16 pages are left whole)."""
    if b"data:" in data or b"DATA:" in data:
        data = _DATA_URI.sub(b"data:,", data)
    return _HUGE_ATTR.sub(rb'\1""', data)


class _BombGuard(io.RawIOBase):
    """A gzip stream that stops when it inflates to more than BOMB_RATIO times the compressed
    bytes read (past BOMB_MIN_BYTES): text packs 3-10 times; 1 MB of zeros or blank lines
    unpacking to a gigabyte would tie up the batch for hours."""

    def __init__(self, inner: gzip.GzipFile, where: str) -> None:
        self.inner, self.where, self.out = inner, where, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = self.inner.readinto(buffer)
        self.out += n
        if self.out > BOMB_MIN_BYTES and self.out > BOMB_RATIO * max(1, self.inner.fileobj.tell()):
            raise InputError(self.where, f"gzip data inflates more than {BOMB_RATIO} times (a "
                                         "decompression bomb?); stopped reading this file")
        return n


BOMB_RATIO, BOMB_MIN_BYTES = 100, 16 << 20
MAX_BAD_ROWS = 1000  # a file whose rows are this many more failures than articles is not a corpus


def _stream_rows(path: Path, gz: bool, kind: str, max_bytes: int) -> Iterator[tuple[int, Any]]:
    """(line, row) of a .jsonl/.csv file, streamed.  CSV files from spreadsheets are often in a
    Windows code page; JSON lines should be UTF-8 (or UTF-16), but one whose lines mostly are not
    is read in the code page they read in (with a warning), not failed line by line."""
    where = str(path)
    head, cut = bytearray(), False
    with _open(path, gz) as fh:
        try:
            while len(head) < _SNIFF_BYTES and (chunk := fh.read1(_SNIFF_BYTES - len(head))):
                head += chunk
        except (EOFError, zlib.error) as exc:  # gzip that breaks off early: said, with its
            if not head:                         # line, when the rows are read
                raise InputError(where, f"{_gzip_reason(exc)}: it breaks off before the first "
                                        "line ends") from None
            cut = True
    head = bytes(head)
    complete = len(head) < _SNIFF_BYTES and not cut
    encoding = _text_encoding(head, where, complete=complete, legacy=kind == ".csv")
    legacy = None
    if kind == ".csv" and encoding != "utf-8-sig" and not encoding.startswith(("utf-16", "utf-32")):
        # a code page: read as UTF-8 all the same, each row that is not UTF-8 in the code page,
        # so that rows a later export added in UTF-8 are not garbled
        legacy, encoding = encoding, "utf-8-sig"
    elif kind != ".csv" and encoding == "utf-8-sig":
        legacy = _jsonl_code_page(head, where, complete)
    recoded = _Recoded({})
    with _open(path, gz) as fh:
        binary = io.BufferedReader(_BombGuard(fh, where)) if gz else fh
        stream = io.TextIOWrapper(binary, encoding=encoding, errors="surrogateescape",
                                  newline="" if kind == ".csv" else None)
        rows = _csv_rows if kind == ".csv" else _jsonl_rows
        last = count = 0
        try:
            for last, row in rows(stream, where, max_bytes, encoding, legacy, recoded):
                count += not isinstance(row, InputError)
                yield last, row
        except _GZIP_BROKEN as exc:
            _mixed_encodings(where, "row", recoded.lines, recoded.utf8)
            at = max(last, kind == ".csv") + 1  # (a CSV file's line 1 is its header)
            raise InputError(where, f"{_gzip_reason(exc)}: the data breaks off after line "
                                    f"{at - 1:,}; the {count:,} row(s) before were read, the rest "
                                    "of the file is lost", at) from None
        except UnicodeDecodeError as exc:  # e.g. UTF-16 cut off in the middle of a character
            at = max(last, kind == ".csv") + 1
            raise InputError(where, f"cannot decode as {encoding}: {exc.reason}; stopped reading "
                                    f"this file after line {at - 1:,} (the {count:,} row(s) before "
                                    "were read, the rest is lost)", at) from None
    if kind != ".csv" and recoded.lines and not recoded.utf8:
        (code_page, lines), = recoded.lines.items()
        _warn(where, f"JSON lines should be UTF-8, but {len(lines):,} line(s) of this file are "
                     f"not: read as {code_page} (re-save it as UTF-8 to be sure)")
    else:
        _mixed_encodings(where, "row", recoded.lines, recoded.utf8)


def _jsonl_code_page(head: bytes, path: str, complete: bool) -> str | None:
    """The code page a JSON lines file was written in, when at least two of the lines its first
    bytes hold are not UTF-8 and they outnumber the non-ASCII lines that are (a scraper saving in
    Windows-1251); None for a UTF-8 file, whose odd line is corruption, reported on its own."""
    lines = head.splitlines()
    if not complete and len(lines) > 1:
        lines.pop()  # (may be cut in the middle of a character)
    bad = [ln for ln in lines if not _is_utf8(ln)]
    utf8 = sum(not ln.isascii() for ln in lines if _is_utf8(ln))
    if len(bad) < 2 or len(bad) <= utf8:
        return None
    try:
        return _legacy_encoding(b"\n".join(bad), path)
    except InputError:  # no code page fits: each line says it is not UTF-8
        return None


def _read_file(path: Path, published: date | None,
               max_bytes: int) -> Iterator[Article | InputError]:
    where = str(path)
    suffix = _suffix(path.name)
    if not suffix:
        raise InputError(where, _unsupported(path.name))
    before = _regular_file(path)
    gz = suffix.endswith(".gz")
    kind = suffix.removesuffix(".gz")
    stem = path.name[:len(path.name) - len(suffix)]
    if kind in _PARSERS:
        text = _read_text(path, gz, max_bytes)
        if changed := _changed(path, before):
            raise InputError(where, f"{changed}; read it again when it is complete")
        yield _PARSERS[kind](text, article_id=safe_id(stem), path=where, line=None,
                             published=published)
        return
    rows = (_json_read(path, gz, max_bytes) if kind == ".json"
            else _stream_rows(path, gz, kind, max_bytes))
    count = bad = 0
    for line, row in rows:
        count += 1
        if bad - (count - 1 - bad) >= MAX_BAD_ROWS:
            yield InputError(where, f"{bad:,} bad rows and only {count - 1 - bad:,} articles; stopped "
                                    "reading this file", line)
            return
        if isinstance(row, InputError):
            bad += 1
            yield row
            continue
        try:
            yield _row_article(row, path=where, stem=stem, line=line, published=published)
        except InputError as exc:
            bad += 1
            yield exc
    if not count:
        raise InputError(where, "no article rows in file")
    if changed := _changed(path, before):
        yield InputError(where, f"{changed}: its last rows may be cut short or missing; read it "
                                "again when it is complete")


def _json_read(path: Path, gz: bool, max_bytes: int) -> Iterator[tuple[int, Any]]:
    """The elements of a .json file; of one whose gzip data breaks off, those before the break
    and an InputError where it breaks (not the invalid JSON it leaves there)."""
    data, broken = _read_data(path, gz, max_bytes, partial=True)
    text = _decode(data, str(path))
    pending = None
    for item in _json_rows(text, str(path)):
        if pending is not None:
            yield pending
        pending = item
    if broken is None:
        if pending is not None:
            yield pending
        return
    line, row = pending if pending is not None else (1, None)
    if not isinstance(row, InputError):  # (the break fell between two elements)
        yield line, row
        line = text.count("\n") + 1
    yield line, InputError(str(path), f"{broken}: the data breaks off in the element at line "
                                      f"{line:,}; the elements before it were read, the rest of the "
                                      "file is lost", line)


def _unsupported(name: str) -> str:
    return f"unsupported file type {_shown_suffix(name)}; supported: {_SUPPORTED_TEXT}"


def _read_safely(path: Path, published: date | None,
                 max_bytes: int) -> Iterator[Article | InputError]:
    """Every failure as a value; an unexpected exception is reported as an internal error
    (tests treat those as bugs) so one odd file can never stop a batch."""
    try:
        yield from _read_file(path, published, max_bytes)
    except InputError as exc:
        yield exc
    except Exception as exc:  # noqa: BLE001 - the batch must go on
        yield InputError(str(path), f"internal error while reading: {type(exc).__name__}: {exc}")


_Key = tuple[int, int]  # (device, inode): one file or folder, whatever the path to it
OUTPUT_MARKER = ".geomap-output"  # written by `geomap map` into its output folder


def _dir_key(st: os.stat_result) -> _Key:
    return st.st_dev, st.st_ino


def _first_time(path: Path, seen: set[_Key], st: os.stat_result | None = None) -> bool:
    """Whether the file at ``path`` is met for the first time in this batch: the same file named
    twice, through a symlink, or both inside a folder and on its own is read once (an unreadable
    one is left for reading to report)."""
    try:
        key = _dir_key(st or os.stat(path))
    except OSError:
        return True
    if key in seen:
        return False
    seen.add(key)
    return True


def _walk(root: Path, glob: str | None, skip: set[_Key],
          seen: set[_Key]) -> Iterator[Path | InputError]:
    """Files under ``root`` in sorted order (depth first), hidden names, ``skip`` (this run's
    outputs), earlier runs' output folders and files already in ``seen`` left out; a file of an
    unsupported type is reported, not read."""
    try:
        root_key = _dir_key(os.stat(root))
    except OSError as exc:
        yield InputError(str(root), _os_reason(root, exc))
        return
    if root_key in skip or _output_folder(root):
        yield InputError(str(root), "this is a geomap output folder: its maps and tables are "
                                    "not read as articles")
        return
    visited = {root_key}
    stack: list[tuple[_Key, Iterator[os.DirEntry[str]]]] = []
    found = 0

    def listing(folder: Path, key: _Key) -> InputError | None:
        try:
            with os.scandir(folder) as it:
                entries = sorted((e for e in it if not e.name.startswith(".")),
                                 key=lambda e: e.name)
        except OSError as exc:
            return InputError(str(folder), _os_reason(folder, exc))
        stack.append((key, iter(entries)))
        return None

    if err := listing(root, root_key):
        yield err
    while stack:
        entry = next(stack[-1][1], None)
        if entry is None:
            stack.pop()
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            try:
                key = _dir_key(entry.stat())
            except OSError as exc:
                yield InputError(str(path), _os_reason(path, exc))
                continue
            if any(key == k for k, _ in stack):
                yield InputError(str(path), "symlink loop: this folder links back to a folder "
                                            "that contains it")
            elif key not in visited and key not in skip and not _output_folder(path):
                visited.add(key)
                if err := listing(path, key):
                    yield err
            continue
        if glob and not _glob_match(os.path.relpath(path, root), glob):
            continue
        if _skipped(entry, skip) or own_table(path):
            continue
        if not _suffix(entry.name):
            yield InputError(str(path), _unsupported(entry.name))
            continue
        found += 1
        if _first_time(path, seen):
            yield path
    if not found:
        matching = f" matching {glob!r}" if glob else ""
        yield InputError(str(root), f"no supported input files{matching} in {root} "
                                    f"(supported: {_SUPPORTED_TEXT})")


def _output_folder(folder: Path) -> bool:
    """Whether ``folder`` holds an earlier ``geomap map`` run's outputs (which marks it); an
    unreadable folder is not (listing it then reports why)."""
    try:
        os.stat(folder / OUTPUT_MARKER)
    except OSError:
        return False
    return True


def _glob_match(relative: str, glob: str) -> bool:
    """``--glob`` against a path inside an input folder; "**/*.txt" also takes the folder's own
    files (PurePath.match reads "**" as one folder)."""
    path = PurePath(relative)
    return path.match(glob) or (glob.startswith("**/") and len(glob) > 3 and path.match(glob[3:]))


def check_glob(glob: str) -> None:
    """Raise ValueError for a --glob pattern no path can be matched against ("", ".")."""
    PurePath("x").match(glob)


def own_table(path: Path) -> bool:
    """Whether ``path`` is a table geomap wrote (events or places CSV, failures.csv, events
    JSON lines), found in a folder walk: an earlier ``geomap extract -o inputs/events.csv``
    must not come back as hundreds of failed articles."""
    if not path.name.lower().endswith((".csv", ".jsonl", ".ndjson")):
        return False
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False  # a FIFO or device is never opened (reading it reports why)
        with open(path, "rb") as fh:
            head = fh.read(200).decode("utf-8", "ignore").lstrip("\ufeff")
    except OSError:
        return False  # reading it will report why
    from .table import EVENT_COLUMNS, PLACE_COLUMNS  # late: the table module loads the stages

    return head.startswith((",".join(EVENT_COLUMNS[:4]) + ",", ",".join(PLACE_COLUMNS[:4]) + ",",
                            "path,line,reason\r\n", "path,line,reason\n",
                            f'{{"{EVENT_COLUMNS[0]}": ', f'{{"{EVENT_COLUMNS[0]}":'))


def _skipped(entry: os.DirEntry[str], skip: set[_Key]) -> bool:
    """Whether a folder entry is one of this run's output files (inode first: no stat call)."""
    try:
        return (any(entry.inode() == ino for _, ino in skip)
                and _dir_key(entry.stat()) in skip)
    except OSError:
        return False


def _keys(paths: Iterable[str | Path]) -> set[_Key]:
    keys = set()
    for path in paths:
        try:
            keys.add(_dir_key(os.stat(path)))
        except (OSError, ValueError):
            continue
    return keys


def _expand(inputs: Iterable[str | Path], glob: str | None,
            skip: Iterable[str | Path] = ()) -> Iterator[Path | InputError]:
    """Every input file once, folders walked; ``skip``: paths of outputs, never read from a
    folder."""
    skip_keys = _keys(skip)
    seen: set[_Key] = set()
    for raw in inputs:
        path = Path(raw)
        try:
            st = os.stat(path)
            is_dir = stat.S_ISDIR(st.st_mode)
        except OSError as exc:
            yield InputError(str(path), _os_reason(path, exc))
            continue
        except ValueError as exc:  # e.g. an embedded NUL in the name
            yield InputError(repr(str(raw)), f"invalid path: {exc}")
            continue
        if is_dir:
            yield from _walk(path, glob, skip_keys, seen)
        elif _first_time(path, seen, st):
            yield path


def read_articles(inputs: Iterable[str | Path], *, published: date | None = None,
                  glob: str | None = None, max_bytes: int = 50_000_000,
                  skip: Iterable[str | Path] = (), language: str | None = None,
                  ) -> Iterator[Article | InputError]:
    """Articles from files and folders, in order; every bad file or row is yielded as an
    InputError value and never raised, so a batch always runs to the end.

    ``published`` overrides every article's date (file dates are then not parsed), ``language``
    its language (ISO 639-1, e.g. "ru": headers and script detection are then ignored); ``glob``
    filters files found in folders (e.g. ``"*.txt"``); ``skip`` names outputs (the --out
    folder) a folder walk must not read back as input.  ``max_bytes`` bounds memory: a
    single-article file over it is refused without being read (a gzipped one once its
    decompressed text passes it); .jsonl/.csv files are streamed, so there it bounds each line
    or field instead.  Article ids are unique within the batch (``-2``, ``-3`` suffixes).
    """
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    if isinstance(published, datetime):
        published = published.date()
    unique = _UniqueIds()
    for item in _expand(inputs, glob, skip):
        if isinstance(item, InputError):
            yield item
            continue
        for record in _read_safely(item, published, max_bytes):
            if isinstance(record, Article) and language:
                record = replace(record, language=language)
            yield unique(record) if isinstance(record, Article) else record
