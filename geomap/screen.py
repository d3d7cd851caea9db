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
from bisect import bisect_left
from functools import cache

try:  # the parser behind re.compile (Python 3.11+); without it nothing is screened
    from re import _constants as _c, _parser
except ImportError:  # pragma: no cover
    _parser = None

# letters whose case classes are folded; a needle with another cased character screens nothing
# ("é": of "café", so that the patterns naming it have a folded twin, see folded_twin)
ALPHABET = "abcdefghijklmnopqrstuvwxyzéабвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі"


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


# id(pattern) -> (pattern, its needles). CPython hashes a compiled pattern by its whole compiled
# code and compares two by it, so a lookup in needles()'s cache cost 1-6 µs, more than most of the
# screens it serves; the entry holds the pattern, so its id cannot be reused while it is here.
_NEEDLES_BY_ID: dict[int, tuple[re.Pattern[str], tuple[str, ...] | None]] = {}


def _needles_of(rx: re.Pattern[str]) -> tuple[str, ...] | None:
    """``needles(rx)``, looked up by the pattern's identity rather than by its hash."""
    hit = _NEEDLES_BY_ID.get(id(rx))
    if hit is None or hit[0] is not rx:
        hit = _NEEDLES_BY_ID[id(rx)] = (rx, needles(rx))
    return hit[1]


class _TextIndex:
    """Where the needles of each pattern occur in one long folded text, for the patterns screened
    again and again over its windows (every sentence, every trigger): a window then costs one
    bisection instead of one substring test per needle (~55 for the modal words)."""

    INDEX_AFTER = 3  # calls on one text before a pattern's needles are indexed (one find pass each)

    def __init__(self, folded: str) -> None:
        self.folded = folded  # (held: the cache is keyed by this object's identity)
        self.calls: dict[int, int] = {}
        self.spans: dict[int, tuple[list[int], list[int]]] = {}  # id(rx) -> (starts, suffix-min ends)

    def index(self, rx: re.Pattern[str], ns: tuple[str, ...]) -> tuple[list[int], list[int]] | None:
        key = id(rx)  # (the pattern is held by _NEEDLES_BY_ID: its id is not reused)
        found = self.spans.get(key)
        if found is None:
            self.calls[key] = n = self.calls.get(key, 0) + 1
            if n < self.INDEX_AFTER:
                return None
            occurrences = []
            for needle in ns:
                i = self.folded.find(needle)
                while i >= 0:
                    occurrences.append((i, i + len(needle)))
                    i = self.folded.find(needle, i + 1)
            occurrences.sort()
            ends = [end for _, end in occurrences]
            for k in range(len(ends) - 2, -1, -1):
                ends[k] = min(ends[k], ends[k + 1])
            found = self.spans[key] = ([start for start, _ in occurrences], ends)
        return found


_INDEX_MIN_TEXT = 1000  # a shorter folded text (a window, a sentence) is tested directly
_text_index: _TextIndex | None = None  # the long text screened last


def may_match(rx: re.Pattern[str] | None, folded: str, a: int, b: int) -> bool:
    """False only if ``rx`` (searched within [a, b)) cannot match; True for a missing pattern."""
    global _text_index
    if rx is None:
        return True
    index = found = None
    if len(folded) >= _INDEX_MIN_TEXT and a >= 0 and b >= 0:
        index = _text_index  # (a local: another thread may move the global to its own text)
        if index is None or index.folded is not folded:
            index = _text_index = _TextIndex(folded)
        found = index.spans.get(id(rx))  # (indexed already: most of the ~800 screens an article)
    if found is None:
        ns = _needles_of(rx)
        if ns is None:
            return True
        found = None if index is None else index.index(rx, ns)
        if found is None:
            return any(map(folded[a:b].__contains__, ns))  # (no Python frame per needle)
    starts, ends = found  # an occurrence that starts at or after a and ends by b
    k = bisect_left(starts, a)
    return k < len(starts) and ends[k] <= b


# id(pattern) -> (pattern, its case-sensitive twin or None); see _NEEDLES_BY_ID
_TWINS_BY_ID: dict[int, tuple[re.Pattern[str], re.Pattern[str] | None]] = {}


def folded_twin(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    """A case-sensitive compile of the IGNORECASE pattern ``rx`` that finds in ``fold(text)``
    exactly the matches (same spans) ``rx`` finds in ``text``, or None where that cannot be vouched for.

    Why: ``re`` skips a branch whose first character does not fit with one comparison, but only
    case-sensitively; under IGNORECASE it enters every branch at every word start (the "rally"
    trigger, ~30 branches, cost ~0.9 ms an article; its twin a third of that). Sound when every
    cased character the pattern names is a letter of ALPHABET (folding makes its whole case class
    that letter) or, inside a class, a letter whose folded form the class names too ("[Ss]"):
    folding maps letters to letters, so ``\\w``, ``\\b``, ``\\s`` and ``\\d`` read the folded text the
    same. A ``(?-i:...)`` part, a back-reference or any construct not known here: no twin."""
    hit = _TWINS_BY_ID.get(id(rx))
    if hit is None or hit[0] is not rx:
        twin = None
        if _parser is not None and rx.flags & re.IGNORECASE:
            try:
                if _foldable(_parser.parse(rx.pattern, rx.flags)):
                    twin = re.compile(rx.pattern, rx.flags & ~re.IGNORECASE)
            except Exception:  # noqa: BLE001 - an unforeseen tree: no twin, never a wrong one
                twin = None
        hit = _TWINS_BY_ID[id(rx)] = (rx, twin)
    return hit[1]


def search_folded(rx: re.Pattern[str], text: str, folded: str | None, pos: int = 0,
                  endpos: int | None = None) -> re.Match[str] | None:
    """``rx.search(text, pos, endpos)``, run as its folded twin over ``folded`` (``fold(text)``, or
    None: no twin) where it has one: the same match and groups, found faster; only the strings the
    match holds are the folded text's."""
    twin = folded_twin(rx) if folded is not None else None
    endpos = len(text) if endpos is None else endpos
    return rx.search(text, pos, endpos) if twin is None else twin.search(folded, pos, endpos)


def match_folded(rx: re.Pattern[str], text: str, folded: str | None, pos: int = 0,
                 endpos: int | None = None) -> re.Match[str] | None:
    """``rx.match(text, pos, endpos)`` as search_folded runs ``rx.search``."""
    twin = folded_twin(rx) if folded is not None else None
    endpos = len(text) if endpos is None else endpos
    return rx.match(text, pos, endpos) if twin is None else twin.match(folded, pos, endpos)


def _plain(ch: str) -> bool:
    """Matched alike in the text under IGNORECASE and in the folded text as written: a letter of
    ALPHABET or a character without case."""
    return ch in ALPHABET or ch.lower() == ch.upper() == ch


def _foldable(items) -> bool:
    """Every element of a parse tree (see folded_twin) reads the folded text as it reads the text."""
    table = _table()
    for op, av in items:
        if op in (_c.LITERAL, _c.NOT_LITERAL):
            ok = _plain(chr(av))
        elif op is _c.IN:
            named = {chr(a) for o, a in av if o is _c.LITERAL}
            ok = all(o in (_c.NEGATE, _c.CATEGORY)
                     or o is _c.LITERAL and (_plain(chr(a)) or a in table and chr(table[a]) in named)
                     or o is _c.RANGE and all(_plain(chr(x)) for x in range(a[0], a[1] + 1))
                     for o, a in av)
        elif op in (_c.ANY, _c.AT, _c.CATEGORY):
            ok = True
        elif op is _c.SUBPATTERN:
            ok = not av[2] & re.IGNORECASE and _foldable(av[3])  # (no case-sensitive part)
        elif op is _c.BRANCH:
            ok = all(_foldable(alt) for alt in av[1])
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            ok = _foldable(av[2])
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            ok = _foldable(av[1])
        elif op is _c.ATOMIC_GROUP:
            ok = _foldable(av)
        else:  # back-references, conditionals, anything new
            ok = False
        if not ok:
            return False
    return True


def _top_level_branches(pattern: str) -> list[str] | None:
    """The top-level alternatives of a pattern's source ("a|b(c|d)" -> ["a", "b(c|d)"]), or None
    where splitting could change what matches: verbose mode, inline global flags, back-references
    or conditionals (a branch compiled alone would lose the group it refers to)."""
    if "(?P=" in pattern or "(?(" in pattern or re.search(r"\\[1-9]|^\(\?[a-zA-Z]", pattern):
        return None
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
        elif ch == "[":
            in_class = True
            i += 1  # a "]" right after "[" or "[^" is a literal member
            if i < len(pattern) and pattern[i] == "^":
                i += 1
            if i < len(pattern) and pattern[i] == "]":
                i += 1
            continue
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts if depth == 0 and not in_class else None


# id(pattern) -> (pattern, [(one top-level alternative, its needles), ...]); see _NEEDLES_BY_ID
_BRANCHES_BY_ID: dict[int, tuple[re.Pattern[str], list[tuple[re.Pattern[str], tuple[str, ...] | None]]]] = {}


def _branches(rx: re.Pattern[str]) -> list[tuple[re.Pattern[str], tuple[str, ...] | None]]:
    hit = _BRANCHES_BY_ID.get(id(rx))
    if hit is None or hit[0] is not rx:
        parts = None if rx.flags & re.VERBOSE else _top_level_branches(rx.pattern)
        try:
            split = [re.compile(p, rx.flags) for p in parts] if parts and len(parts) > 1 else [rx]
        except re.error:  # pragma: no cover - a split we misread: keep the whole pattern
            split = [rx]
        hit = _BRANCHES_BY_ID[id(rx)] = (rx, [(b, needles(b)) for b in split])
    return hit[1]


def matches_at(rx: re.Pattern[str], text: str, folded: str, pos: int, endpos: int) -> bool:
    """``bool(rx.match(text, pos, endpos))``, trying only the top-level alternatives of ``rx``
    whose needles occur in ``folded[pos:endpos]``. One whole pattern with a dozen lazy
    ``[^.;]{0,100}?`` branches cost ~75 µs a match (NEGATED_AFTER_RE after every trigger); the
    match of an alternation succeeds exactly when one of its alternatives does (each is run as its
    folded twin where it has one: see folded_twin)."""
    window = folded[pos:endpos]
    for branch, ns in _branches(rx):
        if (ns is None or any(map(window.__contains__, ns))) and match_folded(branch, text, folded, pos, endpos):
            return True
    return False


def search_any(rx: re.Pattern[str], text: str, folded: str | None, pos: int, endpos: int) -> bool:
    """``bool(rx.search(text, pos, endpos))``, as matches_at tests a match: only the top-level
    alternatives whose needles occur in the window, each as its folded twin where it has one, so
    that one case-sensitive alternative ("(?-i:may)", not the month) no longer denies the rest
    their twin (the modal words' look-back cost ~75,000 instructions a trigger without it)."""
    if folded is None:
        return bool(rx.search(text, pos, endpos))
    window = folded[pos:endpos]
    for branch, ns in _branches(rx):
        if (ns is None or any(map(window.__contains__, ns))) and search_folded(branch, text, folded, pos, endpos):
            return True
    return False


def finditer_any(patterns, text: str):
    """The matches of the alternation ``p1|p2|...`` of ``patterns`` (none matching empty), from
    the alternatives compiled alone: leftmost first, non-overlapping, at one start the first
    pattern that matches there. re enters an alternation at every position when one alternative
    opens with an assertion ("\\b", "^"); alone, each opening with a literal or a class, they are
    scanned for."""
    found = [p.search(text) for p in patterns]
    pos = 0
    while True:
        best = None
        for k, m in enumerate(found):
            if m is not None and m.start() < pos:
                m = found[k] = patterns[k].search(text, pos)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        if best is None:
            return
        yield best
        pos = best.end()
