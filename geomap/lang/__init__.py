"""Language plug-ins: one module per language, each a set of tables and a few rules.

A stage asks :func:`get` for the language of an article and reads only the part it needs: the date
:class:`~geomap.timex.Lexicon`, the event :class:`~geomap.events.EventRules`, the place
:class:`~geomap.places.PlaceLexicon` (``None`` for English: its rules are the stage's own) and the
count reader (``None`` for English). Adding a language means adding ``geomap/lang/<code>.py`` that
defines ``LANGUAGE``; no stage code changes.

An article may mix languages (an English wire story quoting officials in Russian, a bilingual
press release): :func:`segments` cuts it into runs of sentences by script, and the pipeline reads
each run with its own plug-in.
"""
from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from geomap.events import EventRules
    from geomap.places import PlaceLexicon
    from geomap.timex import Lexicon

SUPPORTED = ("en", "ru")


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    lexicon: "Lexicon"
    events: "EventRules"
    places: "PlaceLexicon | None" = None
    counts: Callable[..., list[Any]] | None = None  # find_counts(text, offset) for this language
    script: str = "A-Za-z\u00c0-\u024f"  # the letters it is written in, as a regex class body


def primary(code: str | None) -> str:
    """A language code's primary subtag ('ru-KZ' -> 'ru')."""
    return (code or "en").split("-")[0].split("_")[0].lower()


@cache
def get(code: str | None) -> Language:
    """The plug-in for a language code ('ru', 'ru-KZ'); English for anything not supported, since
    the English rules are the ones that fail most gracefully on text they do not know."""
    name = primary(code)
    return importlib.import_module(f"{__name__}.{name if name in SUPPORTED else 'en'}").LANGUAGE


# A sentence ends at . ! ? or an ellipsis (closing quotes and brackets stay with it) or a line end.
_SENTENCE_END = re.compile(r"(?<=[.!?\u2026])[\"'\u201d\u00bb)\]]*\s+|\s*\n\s*")
# A sentence in another script is read in that language only when it is a real sentence (three
# words, 15 letters), not a name or a photo credit in brackets.
MIN_RUN_WORDS, MIN_RUN_LETTERS = 3, 15


@cache
def _letters(script: str) -> re.Pattern[str]:
    return re.compile(f"[{script}]+")


def written_in(text: str, codes: Iterable[str]) -> str:
    """Which of the languages ``codes`` has the script of most of ``text``'s letters (the first
    one on a tie)."""
    codes = list(codes)
    return max(codes, key=lambda c: (sum(map(len, _letters(get(c).script).findall(text))), -codes.index(c)))


def segments(text: str, code: str | None) -> list[tuple[int, int, str]]:
    """``text`` as runs ``(start, end, language)`` of whole sentences, one run when it is all in
    the article's language ``code``.

    A sentence takes the language whose script holds most of its letters; the article's own
    language keeps the sentences in its script (so a declared or detected language is never
    overridden within its script), and a short foreign-script piece stays with its neighbours."""
    main = get(code)
    others = [lang for lang in map(get, SUPPORTED)
              if lang.script != main.script and _letters(lang.script).search(text)]
    if not others:
        return [(0, len(text), main.code)]
    runs: list[tuple[int, int, str]] = []
    pos = 0
    cuts = [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    for end in cuts:
        if end <= pos:
            continue
        piece, here = text[pos:end], main.code
        own = sum(map(len, _letters(main.script).findall(piece)))
        for lang in others:
            words = _letters(lang.script).findall(piece)
            letters = sum(map(len, words))
            if letters > own and len(words) >= MIN_RUN_WORDS and letters >= MIN_RUN_LETTERS:
                here, own = lang.code, letters
        if runs and runs[-1][2] == here:
            runs[-1] = (runs[-1][0], end, here)
        else:
            runs.append((pos, end, here))
        pos = end
    return runs
