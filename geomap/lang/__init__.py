"""Language plug-ins: one module per language, each a set of tables and a few rules.

A stage asks :func:`get` for the language of an article and reads only the part it needs: the date
:class:`~geomap.timex.Lexicon`, the event :class:`~geomap.events.EventRules`, the place
:class:`~geomap.places.PlaceLexicon` (``None`` for English: its rules are the stage's own) and the
count reader (``None`` for English). Adding a language means adding ``geomap/lang/<code>.py`` that
defines ``LANGUAGE``; no stage code changes.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
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


@cache
def get(code: str | None) -> Language:
    """The plug-in for a language code ('ru', 'ru-KZ'); English for anything not supported, since
    the English rules are the ones that fail most gracefully on text they do not know."""
    primary = (code or "en").split("-")[0].split("_")[0].lower()
    if primary not in SUPPORTED:
        primary = "en"
    return importlib.import_module(f"{__name__}.{primary}").LANGUAGE
