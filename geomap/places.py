"""Place stage: find every place mention in an article and resolve it against the gazetteer.

Entry point: :func:`find_places`. The pipeline is deliberately rule-based and explainable: every
mention carries the ``reason`` for its resolution (or rejection) and a ``confidence``, so a
researcher can audit why a protest was put on a given town.

Steps, in order:
1. exact matches of gazetteer names over capitalised token n-grams (longest match wins);
2. feature phrases ("square of X", "X region", "city of X") and descriptions ("the former capital");
3. a guarded fuzzy match (rapidfuzz) for damaged spellings left over ("Alma-Atu", "Zhangozen");
4. filters that keep persons, organisations and datelines from becoming event places;
5. resolution of same-name candidates by phrase, explicit context, article coherence and population.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from rapidfuzz import fuzz, process

from .gazetteer import Candidate, Gazetteer, Place, normalise

STATUSES = ("resolved", "foreign", "rejected", "unresolved")


@dataclass(frozen=True, slots=True)
class Mention:
    """One place-like string in an article and what it was resolved to."""

    start: int
    end: int
    text: str
    status: str                 # one of STATUSES
    place: Place | None
    reason: str
    confidence: float
    eventable: bool             # may locate an event (not a dateline, person, organisation, direction)
    hint: str = ""              # direction hint such as "west" for "western Kazakhstan"


# --- lexicons (English; a language plug-in would swap these tables) -------------------------

TOKEN_RE = re.compile(r"[^\W_]+")
JOINER_RE = re.compile(r"[ \u00a0]?[-\u2010\u2011\u2012\u2013'\u2019\u02bc\u2018.]?[ \u00a0]?")
SENTENCE_END_RE = re.compile(r"[.!?\u2026][\"'\u201d\u2019)]*\s+|\n\s*\n")

FUNCTION_WORDS = frozenset(
    """a an the in on at of to from for by with near outside inside into across via and or but
    as after before during since until till about over under between among around through
    this that these those it its he she they we his her their our residents people protesters
    also then when while where if yesterday today tonight earlier later meanwhile however
    currently now nearby downtown central".""".split()
)
TITLES = frozenset(
    """president ex-president mr mrs ms dr prof akim minister premier chairman chairwoman senator
    general colonel major captain sergeant lieutenant leader activist journalist blogger lawyer
    deputy mayor governor spokesman spokeswoman secretary ambassador judge prosecutor comrade
    sir madam mister former first""".split()
)
SURNAME_RE = re.compile(
    r"^[A-Z\u0410-\u042f\u04d8\u0492\u049a\u04a2\u04e8\u04b0\u04ae\u04ba\u0406][^\W\d_]+?"
    r"(?:ov|ev|yev|iev|ova|eva|yeva|uly|ulu|kyzy|qyzy|ovich|evich|ovna|evna|enko|yan|ian|"
    r"shvili|dze|bayev|baev|bekov|ин|ина|ов|ев|ова|ева|ұлы|қызы)$"
)
ORG_BEFORE = frozenset(
    """sputnik radio air fc bank kazinform tengrinews azattyq ria tass reuters interfax itar""".split()
)
ORG_AFTER = frozenset(
    """times airlines air bank university hub tribune daily herald club fc party foundation
    institute agency holding group telecom railways post news today journal
    energy oil gas motors oblenergo exchange stock""".split()
)
ORG_HEADS_OF = frozenset(
    """choice senate ministry bank party council union association agency court parliament
    university academy committee movement federation office embassy consulate mission chamber
    assembly fund foundation institute museum service""".split()
)
STREET_WORDS = frozenset("avenue ave street st prospekt prospect boulevard lane microdistrict".split())
# "about 140 km from Zhanaozen": Zhanaozen only measures the distance
DISTANCE_REF_RE = re.compile(
    r"\b\d[\d,.]*\s*(?:km|kilomet(?:re|er)s?|miles?)\s+(?:\w+\s+){0,2}?(?:from|of|outside)\s+(?:the\s+)?$",
    re.IGNORECASE)
LOCATIVE = frozenset("in to from at near outside into across via toward towards around".split())
REGION_WORDS = frozenset("region oblast province oblys obl".split())
CITY_WORDS = frozenset(("city",))
SQUARE_WORDS = frozenset(("square", "sq"))
DIRECTIONS = {
    "western": "west", "west": "west", "eastern": "east", "east": "east",
    "northern": "north", "north": "north", "southern": "south", "south": "south",
    "central": "centre", "north-western": "west", "south-western": "west",
    "northwestern": "west", "southwestern": "west", "north-eastern": "east",
    "south-eastern": "east", "northeastern": "east", "southeastern": "east",
}
# Kazakhstan's geographic quarters, for direction hints ("in western Kazakhstan").
DIRECTION_TEST = {
    "west": lambda p: p.longitude < 58.0,
    "east": lambda p: p.longitude > 74.0,
    "north": lambda p: p.latitude > 50.5,
    "south": lambda p: p.latitude < 44.5,
    "centre": lambda p: 64.0 < p.longitude < 76.0 and 46.0 < p.latitude < 51.5,
}
# A place name that is also a common first name of a person nearby ("Nursultan" the man).
PERSON_FIRST_NAMES = frozenset(("nursultan",))
# Capitalised English words never worth a fuzzy guess.
COMMON_WORDS = frozenset(
    """about above after again against among another around because before being below between
    both during each early every few first former further great however human large later
    latest least little local major many might month months more most much never number other
    over people police power president public really right second security several should
    since small social something state states still such their there these thing think those
    though three through today together under until very water where which while world would
    years young january february march april may june july august september october november
    december monday tuesday wednesday thursday friday saturday sunday""".split()
)
DATELINE_RE = re.compile(
    r"^[ \t]*([A-Z\u0410-\u042f][A-Z\u0410-\u042f'\u2019 .\-]{2,40}?)"
    r"(?:,[ \t]*[A-Z][A-Za-z]+\.?[ \t]+\d{1,2}(?:,?[ \t]*\d{4})?)?[ \t]*(?:\([^)\n]{1,40}\))?"
    r"[ \t]*[-\u2013\u2014:][ \t]",
    re.MULTILINE,
)
CAPITAL_RE = re.compile(
    r"\b(?:[Tt]he|Kazakhstan['\u2019]s|[Tt]he country['\u2019]s)\s+(former\s+|old\s+|new\s+)?capital\b"
    r"(?!\s+(?:of\s+(?!Kazakhstan)[A-Z]|of\s+the\s+[\w-]+\s+(?:region|oblast|province)|city\s+of"
    r"|[,(]?\s*[A-Z]))",
)
# "the Atyrau and West Kazakhstan regions": every member of the list is a region
REGION_LIST_RE = re.compile(
    r"(?:\s*(?:,|and|&)\s*(?:the\s+)?[A-Z][\w'\u2019-]*(?:\s[A-Z][\w-]*){0,2})+\s+"
    r"(?:regions|oblasts|provinces)\b")
DIRECTION_BEFORE_RE = re.compile(
    r"\b(?P<dir>(?:north|south)?-?(?:western|eastern)|northern|southern|central)\s+"
    r"(?:\w+\s+){0,2}?(?:city|town|village|port|settlement)\s+of\s+$", re.IGNORECASE)
SQUARE_OF_RE = re.compile(
    r"\b(?:the\s+)?(?:central\s+|main\s+)?square\s+(?:of|named\s+after)\s+"
    r"([A-Z\u0410-\u042f][^\W\d_]+(?:[ -][A-Z][^\W\d_]+)?)"
)
CAPITAL_MOVED = date(1997, 12, 10)
FUZZY_CUTOFF = 85  # rapidfuzz ratio: "Alma-Atu"/"alma ata" 88, "Zhangozen"/"zhanaozen" 89


# --- the matcher: gazetteer names indexed for n-gram scanning ---------------------------------

@dataclass(slots=True)
class _Matcher:
    """Gazetteer names prepared for scanning text: first-token filter, max length, fuzzy list."""

    gazetteer: Gazetteer
    first_tokens: set[str] = field(default_factory=set)
    max_tokens: int = 1
    fuzzy_index: dict[tuple[str, int], list[tuple[str, str]]] = field(default_factory=dict)
    fuzzy_cache: dict[str, tuple[str, str, float] | None] = field(default_factory=dict)

    def fuzzy(self, norm: str) -> tuple[str, str, float] | None:
        """(matched name, place_id, score) for a damaged spelling, or None. Only names with the
        same first letter and a length that can reach the threshold are compared."""
        if norm in self.fuzzy_cache:
            return self.fuzzy_cache[norm]
        n, slack = len(norm), int(len(norm) * 0.18) + 1
        pool = [c for length in range(n - slack, n + slack + 1)
                for c in self.fuzzy_index.get((norm[0], length), ())]
        hit = None
        if pool:
            best = process.extractOne(norm, [c[0] for c in pool], scorer=fuzz.ratio,
                                      score_cutoff=FUZZY_CUTOFF)
            if best is not None:
                hit = (best[0], pool[best[2]][1], best[1])
        if len(self.fuzzy_cache) < 100_000:
            self.fuzzy_cache[norm] = hit
        return hit


LANDMARK_FEATURES = frozenset(
    "square akimat airport park monument street avenue building hall palace bazaar market".split()
)


@lru_cache(maxsize=8)
def _matcher(gazetteer: Gazetteer) -> _Matcher:
    m = _Matcher(gazetteer)
    fuzzy: dict[str, str] = {}
    names = list(gazetteer.names())
    featured = {(n.place_id, n.norm.rsplit(" ", 1)[0]) for n in names
                if n.norm.rsplit(" ", 1)[-1] in LANDMARK_FEATURES}
    for name in names:
        norm = name.norm
        if len(norm) < 3:
            continue
        place = gazetteer.get(name.place_id)
        toks = norm.split()
        # A landmark that has a name with its feature word ("Yntymak Square") is never scanned
        # by its bare name: "Yntymak" (concord) also names parties and parks.
        if place.kind == "landmark" and (name.place_id, norm) in featured:
            continue
        m.first_tokens.add(toks[0])
        m.max_tokens = max(m.max_tokens, len(toks))
        if (place.country == "KZ" and place.kind in ("city", "town", "region")
                and len(norm) >= 5 and norm.isascii()
                and (place.population >= 5000 or place.kind == "region")):
            fuzzy.setdefault(norm, place.place_id)
    for norm, place_id in fuzzy.items():
        m.fuzzy_index.setdefault((norm[0], len(norm)), []).append((norm, place_id))
    return m


# --- the stage entry point --------------------------------------------------------------------

@dataclass(slots=True)
class _Span:
    start: int
    end: int
    candidates: list[Candidate]
    how: str                    # "exact" | "fuzzy" | "feature" | "description"
    note: str = ""


def find_places(text: str, gazetteer: Gazetteer | None = None, *,
                published: date | None = None) -> list[Mention]:
    """Every place mention in ``text``, resolved, foreign, rejected (with why) or unresolved.

    ``published`` makes date-dependent descriptions right ("the capital" was Almaty until 1997).
    """
    gaz = gazetteer or Gazetteer.load()
    m = _matcher(gaz)
    tokens = [(t.start(), t.end()) for t in TOKEN_RE.finditer(text)]
    datelines = [(d.start(1), d.end(1)) for d in DATELINE_RE.finditer(text)]
    spans = _exact_spans(text, tokens, m)
    spans += _phrase_spans(text, gaz, published)
    spans += _fuzzy_spans(text, tokens, m, spans)
    spans.sort(key=lambda s: (s.start, -s.end))
    # Drop spans nested inside another (a feature phrase covering a plain name wins).
    kept: list[_Span] = []
    for sp in spans:
        if kept and sp.start < kept[-1].end:
            continue
        kept.append(sp)
    mentions = [_filter_or_resolve(text, sp, gaz, datelines) for sp in kept]
    return _resolve_ambiguous(text, mentions, kept, gaz)


def _exact_spans(text: str, tokens: list[tuple[int, int]], m: _Matcher) -> list[_Span]:
    spans: list[_Span] = []
    i, n = 0, len(tokens)
    while i < n:
        s, e = tokens[i]
        if not text[s].isupper() or normalise(text[s:e]) not in m.first_tokens:
            i += 1
            continue
        best: tuple[int, list[Candidate]] | None = None
        j = i
        while j < n and j - i < m.max_tokens:
            if j > i and not JOINER_RE.fullmatch(text[tokens[j - 1][1]:tokens[j][0]]):
                break
            hits = m.gazetteer.lookup(normalise(text[s:tokens[j][1]]))
            if hits:
                best = (j, hits)
            j += 1
        if best is None:
            i += 1
            continue
        j, hits = best
        spans.append(_Span(s, tokens[j][1], hits, "exact"))
        i = j + 1
    return spans


def _phrase_spans(text: str, gaz: Gazetteer, published: date | None) -> list[_Span]:
    """Feature phrases and descriptions that name a place without (only) its name."""
    out: list[_Span] = []
    for mt in SQUARE_OF_RE.finditer(text):
        name = mt.group(1)
        hits = [c for c in gaz.lookup(normalise(name + " square")) if c.place.kind == "landmark"]
        if hits:
            out.append(_Span(mt.start(), mt.end(), hits, "feature",
                             note=f"'square of {name}' is the landmark {hits[0].place.name}"))
    for mt in CAPITAL_RE.finditer(text):
        adjective = (mt.group(1) or "").strip()
        when = published or date.today()
        if adjective == "new":
            city, note = "astana", "'the new capital' is Akmola/Astana (capital since 1997-12-10)"
        elif adjective in ("former", "old"):
            city, note = "almaty", "'the former capital' is Almaty (capital until 1997-12-10)"
        elif when < CAPITAL_MOVED:
            city, note = "almaty", f"'the capital' on {when} is Almaty (capital until 1997-12-10)"
        else:
            city, note = "astana", f"'the capital' on {when} is Astana (capital since 1997-12-10)"
        hits = [c for c in gaz.lookup(city) if c.place.country == "KZ" and c.place.kind == "city"]
        if hits:
            out.append(_Span(mt.start(), mt.end(), hits[:1], "description", note=note))
    return out


def _fuzzy_spans(text: str, tokens: list[tuple[int, int]], m: _Matcher,
                 found: list[_Span]) -> list[_Span]:
    """Damaged spellings: capitalised, long enough, close to one KZ name, not an English word."""
    if not m.fuzzy_index:
        return []
    taken = bytearray(len(text))
    for sp in found:
        taken[sp.start:sp.end] = b"\x01" * (sp.end - sp.start)
    out: list[_Span] = []
    i, n = 0, len(tokens)
    while i < n:
        s, e = tokens[i]
        j = i
        # hyphenated compounds are one unit ("Alma-Atu")
        while j + 1 < n and text[tokens[j][1]:tokens[j + 1][0]] in ("-", "\u2010", "\u2011"):
            j += 1
        e = tokens[j][1]
        word = text[s:e]
        i = j + 1
        if (not word[0].isupper() or len(word) < 5 or word.lower() in COMMON_WORDS
                or 1 in taken[s:e] or not word.replace("-", "").isalpha()):
            continue
        hit = m.fuzzy(normalise(word))
        if hit is None:
            continue
        choice, place_id, score = hit
        place = m.gazetteer.get(place_id)
        cands = [c for c in m.gazetteer.lookup(choice) if c.place.place_id == place.place_id]
        out.append(_Span(s, e, cands, "fuzzy",
                         note=f"fuzzy match of '{word}' to '{choice}' ({score:.0f}/100)"))
    return out


# --- filters: persons, organisations, datelines, directions ----------------------------------

def _word_before(text: str, pos: int) -> tuple[str, int]:
    """The word just before ``pos`` (at most two non-word characters between) and its start."""
    i, skipped = pos, 0
    while i > 0 and skipped < 2 and not text[i - 1].isalnum():
        i, skipped = i - 1, skipped + 1
    end = i
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] in "-'") and end - i < 40:
        i -= 1
    while i < end and not text[i].isalpha():
        i += 1
    return (text[i:end], i) if i < end else ("", -1)


def _word_after(text: str, pos: int) -> str:
    """The word just after ``pos`` when one or two spaces separate it."""
    i = pos
    while i < len(text) and i - pos < 2 and text[i] in " \u00a0":
        i += 1
    if i == pos or i >= len(text) or not text[i].isalpha():
        return ""
    j = i
    while j < len(text) and (text[j].isalnum() or text[j] == "-") and j - i < 40:
        j += 1
    return text[i:j]


def _sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 4):pos]
    return pos == 0 or bool(re.search(r"(^|[.!?\n:\u201c\"]\s*)$", before))


def _filter_or_resolve(text: str, sp: _Span, gaz: Gazetteer, datelines) -> Mention:
    surface = text[sp.start:sp.end]
    prev, prev_pos = _word_before(text, sp.start)
    nxt = _word_after(text, sp.end)
    lower_prev, lower_next = prev.lower(), nxt.lower()
    norm = normalise(surface)
    kazakh_person = norm in PERSON_FIRST_NAMES and not nxt.lower() in CITY_WORDS

    def reject(reason: str) -> Mention:
        return Mention(sp.start, sp.end, surface, "rejected", None, reason, 0.9, False)

    if sp.how in ("exact", "fuzzy"):
        # Persons: a place-like first name followed by a surname, a title before it, or a
        # first name before a surname-shaped match.
        if nxt and SURNAME_RE.match(nxt) and nxt.lower() not in REGION_WORDS | CITY_WORDS:
            return reject(f"person: followed by the surname '{nxt}'")
        if lower_prev.rstrip(".") in TITLES and prev[:1].isupper() and not text[prev_pos:sp.start].count("\n"):
            if not re.search(r"\bof\s*$", text[prev_pos:sp.start]):
                return reject(f"person: preceded by the title '{prev}'")
        if SURNAME_RE.match(surface) and prev[:1].isupper() and not _sentence_start(text, prev_pos) \
                and lower_prev not in FUNCTION_WORDS and " " not in text[prev_pos:sp.start].strip():
            return reject(f"person: surname-shaped after the first name '{prev}'")
        if kazakh_person and (lower_prev not in LOCATIVE):
            return reject(f"person: '{surface}' without a hyphen is the first president's first name")
        # Organisations whose names contain a place.
        if lower_prev in ORG_BEFORE or lower_next in ORG_AFTER:
            org = f"{prev} {surface}" if lower_prev in ORG_BEFORE else f"{surface} {nxt}"
            return reject(f"organisation name '{org}'")
        if re.search(r"\b([A-Z][a-z]+)\s+of\s+(?:the\s+)?$", text[max(0, sp.start - 40):sp.start]):
            head = re.search(r"\b([A-Z][a-z]+)\s+of\s+(?:the\s+)?$", text[max(0, sp.start - 40):sp.start]).group(1)
            if head.lower() in ORG_HEADS_OF:
                m = _resolve(sp, surface, text, gaz)
                if m.status in ("resolved", "foreign"):
                    return Mention(m.start, m.end, m.text, m.status, m.place,
                                   f"part of the institution name '{head} of {surface}': "
                                   "not an event place", m.confidence, False)
                return m
        possessive = re.search(r"['\u2019\u02bc]s?$", text[max(0, sp.start - 4):sp.start].rstrip())
        if prev[:1].isupper() and not possessive and lower_prev not in FUNCTION_WORDS \
                and lower_prev not in TITLES \
                and lower_prev not in DIRECTIONS and not _sentence_start(text, prev_pos) \
                and text[prev_pos + len(prev):sp.start] == " " and not prev.isupper():
            return reject(f"organisation or name: '{prev} {surface}'")
    mention = _resolve(sp, surface, text, gaz)
    if lower_next in STREET_WORDS:
        return reject(f"street name '{surface} {nxt}'")
    if DISTANCE_REF_RE.search(text, max(0, sp.start - 40), sp.start):
        return Mention(mention.start, mention.end, mention.text, mention.status, mention.place,
                       mention.reason + "; a distance reference, not an event place",
                       mention.confidence, False)
    if any(a <= sp.start < b for a, b in datelines):
        return Mention(mention.start, mention.end, mention.text, mention.status, mention.place,
                       mention.reason + "; dateline: the filing place, not an event place",
                       mention.confidence, False)
    if mention.place is not None and mention.place.kind == "country":
        direction = DIRECTIONS.get(lower_prev) if prev_pos >= 0 else None
        if direction:
            return Mention(mention.start, mention.end, mention.text, mention.status,
                           mention.place, mention.reason + f"; direction '{prev}': a region hint",
                           mention.confidence, False, hint=direction)
    return mention


def _phrase_kinds(text: str, sp: _Span) -> tuple[tuple[str, ...], str]:
    nxt = _word_after(text, sp.end).lower()
    before = text[max(0, sp.start - 12):sp.start].lower()
    if nxt in REGION_WORDS:
        return ("region",), f"followed by '{nxt}'"
    if REGION_LIST_RE.match(text, sp.end):
        return ("region",), "one of a list of regions"
    if nxt in CITY_WORDS or re.search(r"\bcity of\s+$", before) or re.search(r"\btown of\s+$", before):
        return ("city", "town", "village"), "called a city/town"
    if nxt in SQUARE_WORDS:
        return ("landmark", "city", "town", "village"), f"followed by '{nxt}'"
    return (), ""


def _resolve(sp: _Span, surface: str, text: str, gaz: Gazetteer) -> Mention:
    kinds, why = _phrase_kinds(text, sp)
    cands = sp.candidates
    if kinds == ("region",) and not any(c.place.kind == "region" for c in cands):
        cands = gaz.lookup(normalise(surface) + " region") or cands
    if kinds:
        narrowed = [c for c in cands if c.place.kind in kinds]
        if narrowed:
            cands = narrowed
            # "Almaty region" is the region, never the city.
    elif any(c.place.kind != "region" for c in cands):
        # A bare name prefers the settlement over the region of the same name ("Almaty").
        cands = [c for c in cands if c.place.kind != "region"] or cands
    if not cands:
        return Mention(sp.start, sp.end, surface, "unresolved", None, "no candidate", 0.0, False)
    top = cands[0]
    reason = sp.note or f"{sp.how} name match '{top.name.text}'"
    if why:
        reason += f"; {why}"
    if len(cands) > 1:
        reason += f"; {len(cands)} candidates, ranked by kind and population"
    conf = 0.95 if sp.how == "exact" else 0.75 if sp.how == "fuzzy" else 0.85
    if len(cands) > 1:
        conf -= 0.1
    sp.candidates = cands
    return _mention(sp, surface, top.place, reason, conf)


def _mention(sp: _Span, surface: str, place: Place, reason: str, conf: float) -> Mention:
    if place.country != "KZ":
        return Mention(sp.start, sp.end, surface, "foreign", place,
                       reason + f"; foreign place ({place.country})", conf, False)
    return Mention(sp.start, sp.end, surface, "resolved", place, reason, conf, True)


def _distance_km(a: Place, b: Place) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def _resolve_ambiguous(text: str, mentions: list[Mention], spans: list[_Span],
                       gaz: Gazetteer) -> list[Mention]:
    """Second pass: same-name candidates decided by context the first pass could not see.

    Explicit context wins (a region named in the article, a direction such as "western
    Kazakhstan" or "the western city of"), then nearness to the article's unambiguous places
    (within 300 km) weighed against the population prior.
    """
    anchors = list({m.place.place_id: m.place for m, sp in zip(mentions, spans)
                    if m.status == "resolved" and m.eventable and m.place.kind != "country"
                    and len({c.place.place_id for c in sp.candidates}) == 1}.values())
    hints = {m.hint for m in mentions if m.hint}
    regions = {m.place.admin1_code for m in mentions
               if m.status == "resolved" and m.place and m.place.kind == "region"}
    out: list[Mention] = []
    for k, (m, sp) in enumerate(zip(mentions, spans)):
        prev = mentions[k - 1] if k else None
        if (m.status == "resolved" and m.place.kind == "region" and prev is not None
                and prev.place is not None and prev.place.kind in ("city", "town", "village")
                and re.fullmatch(r",\s*(?:in\s+)?(?:the\s+)?", text[prev.end:m.start])):
            m = Mention(m.start, m.end, m.text, m.status, m.place,
                        m.reason + "; qualifies the place before it, not an event place",
                        m.confidence, False, m.hint)
        ids = {c.place.place_id for c in sp.candidates}
        if m.status not in ("resolved", "foreign") or len(ids) < 2 or m.place.kind == "country":
            out.append(m)
            continue
        local = DIRECTION_BEFORE_RE.search(text, max(0, m.start - 60), m.start)
        dirs = {DIRECTIONS.get(local["dir"].lower(), "")} if local else hints
        best, best_score, why = m.place, None, ""
        for rank, c in enumerate(sp.candidates):
            p = c.place
            in_region = p.admin1_code in regions
            direction = any(DIRECTION_TEST[h](p) for h in dirs if h in DIRECTION_TEST)
            near = max((1 - _distance_km(a, p) / 300 for a in anchors if a.place_id != p.place_id),
                       default=0.0)
            near = max(near, 0.0)
            # explicit context outweighs everything; nearness to the article's other places
            # competes with the population prior (an order of magnitude ~ 1 point)
            score = 3 * in_region + 3 * direction + 1.5 * near + math.log10(p.population + 10) \
                - 0.01 * rank
            if best_score is None or score > best_score:
                best, best_score = p, score
                why = ("in a region named in the article" if in_region else
                       f"fits the direction {sorted(dirs)}" if direction else
                       "near the article's other places" if near > 0.3 else
                       "largest of the candidates")
        if best is m.place:
            out.append(Mention(m.start, m.end, m.text, m.status, m.place,
                               m.reason + f"; kept: {why}", m.confidence, m.eventable, m.hint))
        else:
            status = "resolved" if best.country == "KZ" else "foreign"
            out.append(Mention(m.start, m.end, m.text, status, best, m.reason + f"; chose "
                               f"{best.name} ({best.admin1 or best.country}): {why}",
                               m.confidence, status == "resolved" and m.eventable, m.hint))
    return out
