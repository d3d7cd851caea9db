"""Cheap pre-checks for regex searches: ``may_match(rx, folded, a, b)`` is False only when ``rx``
cannot match in ``text[a:b]``, because none of the literal strings one of which its every match
contains occurs there.

A battery of cue patterns ("concert|festival|...") rarely matches a sentence, yet a regex whose
branches open with ``\\b`` or with letters under IGNORECASE gets no prefix scan from ``re``: it
tries every branch at every position. ``str.find`` is a C scan. The needles come from the
pattern's parse tree; ``fold(text)`` maps every character that IGNORECASE matching takes for a
letter of the needles' alphabet to one representative (same length, so offsets hold), which
makes the test sound with or without ``re.I``.
"""
from __future__ import annotations

import re
import sys
from array import array
from functools import cache

try:  # the parser behind re.compile (Python 3.11+); without it nothing is screened
    from re import _constants as _c, _parser
except ImportError:  # pragma: no cover
    _parser = None

# letters whose case classes are folded; a needle with another cased character screens nothing
ALPHABET = "abcdefghijklmnopqrstuvwxyzабвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі"


@cache
def _table() -> dict[int, int]:
    """Every character IGNORECASE matching equates with a letter of ALPHABET -> that letter (one
    pass of ``re`` itself over all of Unicode, so it agrees with ``re`` by construction)."""
    every = array("I", range(sys.maxunicode + 1)).tobytes().decode(f"utf-32-{sys.byteorder[0]}e",
                                                                  "surrogatepass")
    table: dict[int, int] = {}
    for ch in set(re.findall(f"[{re.escape(ALPHABET)}]", every, re.IGNORECASE)):
        rep = next(x for x in ALPHABET if re.fullmatch(re.escape(x), ch, re.IGNORECASE))
        if ch != rep:
            table[ord(ch)] = ord(rep)
    return table


def fold(text: str) -> str:
    """``text`` with IGNORECASE-equal letters made equal (for ``may_match``)."""
    return text.translate(_table())


def _usable(needle: str) -> bool:
    """Every character folded (a letter of a case class) or uncased (matched only as itself)."""
    table = _table()
    return all(ch in ALPHABET or ord(ch) in table or ch.lower() == ch.upper() == ch for ch in needle)


def _sequence(items) -> frozenset[str] | None:
    """Needles of a concatenation: its best literal run or element that must match."""
    options: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            options.append(frozenset(("".join(run),)))
            run = []
        sub = None
        if op is _c.SUBPATTERN:
            sub = _sequence(av[3])
        elif op is _c.ATOMIC_GROUP:
            sub = _sequence(av)
        elif op is _c.BRANCH:
            alts = [_sequence(alt) for alt in av[1]]
            sub = None if any(a is None for a in alts) else frozenset().union(*alts)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
            sub = _sequence(av[2])
        if sub:
            options.append(sub)
    if run:
        options.append(frozenset(("".join(run),)))
    options = [o for o in options if all(o) and all(map(_usable, o))]
    return max(options, key=lambda o: (min(map(len, o)), -len(o)), default=None)


@cache
def needles(rx: re.Pattern[str]) -> tuple[str, ...] | None:
    """Folded strings one of which every match of ``rx`` contains, or None (no screen)."""
    if _parser is None:
        return None
    try:
        found = _sequence(_parser.parse(rx.pattern, rx.flags))
    except Exception:  # noqa: BLE001 - an unforeseen tree: no screen, never a wrong one
        return None
    table = _table()
    return None if found is None else tuple(sorted(n.translate(table) for n in found))


def may_match(rx: re.Pattern[str] | None, folded: str, a: int, b: int) -> bool:
    """False only if ``rx`` (searched within [a, b)) cannot match; True for a missing pattern."""
    if rx is None:
        return True
    ns = needles(rx)
    return ns is None or any(map(folded[a:b].__contains__, ns))  # (no Python frame per needle)
