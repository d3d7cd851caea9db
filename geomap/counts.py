"""Counts of people in news sentences (crowd sizes, casualties, detentions) and the role the sentence gives them.

Reading rules (crowd-counting convention, conservative like ACLED; the hedge is always kept):

- "18", "eighteen" → 18..18, hedge 'exact'; "about/some 60" → 60..60, hedge 'about'/'some'.
- "50-60", "50 to 60", "between 50 and 60", "two or three" → 50..60, hedge 'range' (or the hedge word if one is
  written: "about 50-60" → 'about').
- "more than 30", "over 30", "at least 20" → min 30 / 20, max None: the stated figure is the floor (ACLED codes the
  number given, not 31).
- "up to 6,000", "as many as 6,000" → 6,000..6,000, hedge 'up to': the report gives no lower bound, so the figure
  is kept as reported and the hedge says it is a ceiling.
- Vague words → a floor with max None, hedge 'vague': several / a few 3, dozens 24, scores 40, hundreds 200,
  thousands 2,000, tens of thousands 20,000, hundreds of thousands 200,000; "several hundred" is "hundreds"
  (200), "a few dozen" is "dozens" (24): the crowd-counting convention takes the floor of the vague range.

A number is a count of people only when a people noun follows it (within three words and no preposition between),
when it is a part of a group ("three of them"), or when a role word frames it ("the deaths of 18", "18 were
detained"). Dates (found by :mod:`geomap.timex`), times, money, ages, percentages and objects never count.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from types import MappingProxyType

from geomap.screen import finditer_any, fold, folded_twin, may_match, search_folded

__all__ = ["Count", "find_counts", "mask_spans", "parse_number", "phrase_alternation", "NUMBER_WORDS"]

NUMBER_WORDS = MappingProxyType({
    w: i for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen".split())
} | {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)})
_SCALES = {"thousand": 10**3, "k": 10**3, "million": 10**6, "mln": 10**6, "billion": 10**9, "bn": 10**9}
_VAGUE = {
    "several": 3, "a few": 3, "a handful": 3, "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000,
    "tens of thousands": 20_000, "hundreds of thousands": 200_000, "millions": 2_000_000,
    "several dozen": 24, "a few dozen": 24, "several hundred": 200, "a few hundred": 200,
    "several thousand": 2000, "a few thousand": 2000,
}
_HEDGES = {
    "about": "about", "around": "about", "approximately": "about", "roughly": "about", "nearly": "about",
    "almost": "about", "close to": "about", "an estimated": "about", "estimated": "about", "some": "some",
    "more than": "more than", "over": "more than", "upwards of": "more than", "in excess of": "more than",
    "at least": "at least", "no fewer than": "at least", "no less than": "at least", "not less than": "at least",
    "a minimum of": "at least", "up to": "up to", "as many as": "up to", "fewer than": "up to",
    "less than": "up to", "under": "up to",
}
_PEOPLE = (
    "people persons person individuals protesters protestors demonstrators participants residents workers oilmen "
    "citizens civilians activists strikers rioters looters marchers picketers men women children students "
    "journalists reporters bloggers police policemen policewomen officers officials servicemen soldiers troops "
    "guardsmen peacekeepers militants terrorists members victims detainees passengers employees miners drivers "
    "pensioners mothers supporters opponents youths villagers locals inhabitants foreigners others attackers "
    "gunmen assailants criminals bandits relatives families parents fathers sons daughters wives husbands widows "
    "veterans farmers traders vendors entrepreneurs teachers doctors nurses medics builders labourers laborers "
    "staff contractors welders fitters steelworkers metalworkers smelters oilworkers dockworkers railwaymen "
    "truckers couriers shareholders borrowers depositors tenants homeowners voters observers lawyers defendants "
    "prisoners inmates believers worshippers fans ppl guys"
).split()
_PROTESTERS = {"protesters", "protestors", "demonstrators", "participants", "strikers", "rioters", "marchers",
               "picketers", "activists"}
_ROLE_NOUNS = {"deaths": "killed", "dead": "killed", "fatalities": "killed", "injured": "injured",
               "wounded": "injured", "arrests": "detained", "detentions": "detained", "detainees": "detained"}
_SECURITY = re.compile(r"\b(?:security|police\w*|officers|servicemen|soldiers|troops|military|law[- ]enforcement|"
                       r"guardsmen|national guard|special forces|peacekeepers)\b", re.I)
_ACTORS = ((_SECURITY, "security forces"), (re.compile(r"\bcivilians\b", re.I), "civilians"),
           (re.compile(r"\b(?:protesters|protestors|demonstrators|rioters|strikers|participants|activists)\b", re.I),
            "protesters"))
_PREPOSITIONS = "for of in with to at on from by per and or than".split()
# Role words, first hit after the number wins; a cue glued before the number ("the deaths of 18") wins over both.
_ROLE_CUES = {
    "killed": r"killed|(?<!the )dead|died|deaths?|death toll|lost their lives|perished|fatalities|shot|liquidated",
    "injured": r"injured|wounded|hurt|hospitali[sz]ed|sought medical|needed medical|received injuries|injuries|"
               r"in hospital|taken to hospital",
    "detained": r"detained|arrested|(?:were|was|are|been|being) held|taken into custody|in custody|detentions|"
                r"(?:taken|brought|delivered) to (?:the |a )?police (?:stations?|departments?)|"
                r"arrests|apprehended|jailed|imprisoned|rounded up|dragged away|taken away|led away|"
                r"(?:(?:put|pushed|bundled|dragged|taken|thrown) )?(?:in|into) (?:a |the |police |their )*"
                r"(?:vans?|paddy wagons?|police cars|police buses)",
    "participants": r"gathered|rallied|remain(?:s|ed)?|protest(?:ed|ing)|(?:took|taken|take|taking) to the streets|"
                    r"came|turned out|showed up|poured|flocked|set off|"
                    r"marched|assembled|came out|(?:took|take|taking) part|joined|participated|demonstrated|"
                    r"blocked|staged|(?:went|are|were|is) on strike|camped|attended|picketed|stayed|"
                    r"walked out|went on (?:a )?(?:hunger )?strike|(?:stood|stand|standing) (?:outside|in front of|with)|"
                    r"(?:shut|closed) (?:their )?(?:stalls|kiosks|shops)|laid flowers|"
                    r"(?:were|are|was) (?:still )?(?:there|on the square|in the square|on the streets|outside)|"
                    r"held (?:an? )?(?:[\w-]+ ){0,2}?(?:rall(?:y|ies)|protests?|meetings?|demonstrations?|"
                    r"pickets?|sit-ins?|march(?:es)?|strikes?|hunger strikes?)",
    # "a hearing at which five participants were fined": a court's figure, no crowd
    "legal": r"fined|sentenced|convicted|acquitted",
}
_LEFT_CUES = {
    "killed": r"deaths? of|death toll (?:of|at|to|rose to|reached|stands at|stood at|is|was)|killing|killed|"
              r"shot dead|shooting dead|gunned down|shot and killed|"
              r"(?:the )?bodies of",
    "injured": r"injuring|wounding|injured|wounded|injuries to",
    "detained": r"(?:detaining|arresting|detained|arrested|detention of|arrest of|rounded up|"
                r"dragged away|took away|led away|(?:police|officers)\s+(?:briefly\s+)?held)"
                r"(?:\s+(?:a\s+)?groups?\s+of|\s+all(?:\s+the)?)?",  # ("detained all 15")
    "participants": r"(?:gathered|assembled|came out)(?:\s*[-\u2013\u2014])?|crowds? of|rall(?:y|ies) of|"
                    r"bringing (?:the )?(?:total|number|crowd)(?: [\w-]+){0,2} to|gatherings? of|march(?:es)? of|protests? of|"
                    r"demonstrations? of|pickets? of|strikes? of|attended by|joined by|estimated at|drew|"
                    r"estimated (?:the )?(?:crowds?|turnout|number)(?: \w+){0,2} at|"
                    r"(?:put|puts|putting) (?:the crowd|the number|the turnout|the figure|it|attendance) at|(?:crowd|number|turnout) at|"
                    r"brought together|(?:crowd|number|turnout)(?:\s+\w+){0,2}?\s+(?:has\s+|had\s+)?"
                    r"(?:grew|grown|swelled|rose|risen|increased|reached|dropped|fell|fallen|shrank)"
                    r"(?:\s+to)?",
}


def phrase_alternation(words, ci: bool = True) -> str:
    """A regex alternation of phrases, longest first; spaces match any whitespace, apostrophes both kinds.

    `ci` lets each word start with either case ("In", "in", "New Year's"). This is spelled as a character class,
    not (?i:), because sre skips a branch that starts with a class cheaply but enters every case-folding one.
    """
    def one(phrase: str) -> str:
        out, prev = [], " "
        for c in phrase:
            if c == " ":
                out.append(r"\s+")
            elif c in "'’":
                out.append("['’]")
            elif ci and c.isalpha() and not prev.isalpha() and c.upper() != c.lower():
                out.append(f"[{c.upper()}{c.lower()}]")
            else:
                out.append(re.escape(c))
            prev = c
        return "".join(out)
    return "(?:" + "|".join(one(w) for w in sorted(words, key=len, reverse=True)) + ")"


_alt = phrase_alternation
_WORD = rf"(?:{_alt([*NUMBER_WORDS, 'hundred', 'thousand', 'million', 'billion', 'dozen'])})\b"
_DIGIT_CORE = r"\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+(?:\.\d+)?"
_NUM = (rf"(?:(?:{_DIGIT_CORE})(?:\s*(?:{_alt(_SCALES)})\b)?|(?:[Aa]n?\s+)?{_WORD}"
        rf"(?:[\s-]+{_WORD}|(?:(?<=hundred)|(?<=thousand)|(?<=million))\s+and\s+{_WORD})*)")
# Case-sensitive on purpose (see phrase_alternation): this is the one regex that runs over the whole text.
_COUNT = re.compile(
    rf"(?<![\w$€£₸#№/:.,-])(?:(?P<hedge>{_alt(_HEDGES)})\s+)?"
    rf"(?:{_alt(['between'])}\s+(?P<b1>{_NUM})\s+and\s+(?P<b2>{_NUM})|(?P<vague>{_alt(_VAGUE)})\b"
    rf"|(?P<n1>{_NUM})(?:\s*(?:-|–|—|\bto\b|\bor\b)\s*(?P<n2>{_NUM}))?)"
    rf"(?P<strong>-strong\b)?(?![\w%$€£₸-]|[.,:/]\d)")
_DIGITS_TEXT = re.compile(rf"(?P<num>{_DIGIT_CORE})(?:\s*(?P<scale>{_alt(_SCALES)}))?", re.I)
_WORDS_TEXT = re.compile(rf"(?:an?\s+)?{_WORD}(?:(?:[\s-]+|\s+and\s+){_WORD})*", re.I)
_NOT_A_COUNT_BEFORE = re.compile(
    r"(?:[$€£₸#№]|\b(?:aged|age|ages|no\.?|number|article|paragraph|section|chapter|page|route|highway|road|"
    r"district|microdistrict|building|house|school|apartment|flat|room|ward|platform|line|gate|item|point|part|"
    r"code|rate|version|kilometre|km|usd|kzt|tenge)\s*"
    r"|\b(?:country|nation|city|town|village|region|republic|settlement|population|home)\s+(?:of|to)"
    r"\s+(?:(?:some|about|around|nearly|almost|over|more than)\s+)?"
    r"|\b(?:interview\w*|spoke|speaking|talked|talking|met)\s+(?:to|with)\s+)$", re.I)
# a unit after the number makes it no count of people: "after about twenty minutes police officers ..."
_UNITS = r"(?:minutes?|hours?|seconds?|days?|nights?|weeks?|months?|years?|km|kilomet(?:re|er)s?|metres?|meters?|miles?|tenge|dollars?|percent)"
_HEAD = re.compile(
    rf"[\"”'’]?\s+[\"“'‘]?(?P<np>(?!{_UNITS}\b)(?:(?!(?:{_alt(_PREPOSITIONS)})\b)[\w’'-]+\s+){{0,2}}?(?P<noun>{_alt(_PEOPLE)}))\b"
    r"(?!\s+(?:cars?|vans?|vehicles?|buses|trucks?|stations?|posts?|checkpoints?|buildings?)\b)"  # ("two police cars")
    rf"(?:[\"”'’]?\s+of\s+(?:the\s+)?(?P<of>[\w\s-]{{1,30}}))?", re.I)
_OF_PEOPLE = re.compile(rf"\s+of\s+(?P<np>(?:the\s+)?(?:(?!(?:{_alt(_PREPOSITIONS)})\b)[\w’'-]+\s+){{0,2}}?"
                        rf"(?P<noun>{_alt(_PEOPLE)}))\b", re.I)
_PARTITIVE = re.compile(r"\s+of\s+(?:them|whom|those|us|these)\b", re.I)
_ROLE_NOUN = re.compile(rf"\s+(?P<noun>{_alt(_ROLE_NOUNS)})\b", re.I)
_PREDICATE = re.compile(r"\s+(?:were|was|are|is|have|has|had|remain(?:s|ed)?|more|others?|" + "|".join(
    _ROLE_CUES.values()) + r")\b", re.I)
_RIGHT_CUE = re.compile("|".join(rf"\b(?P<{k}>{v})\b" for k, v in _ROLE_CUES.items()), re.I)
_TOTAL_BEFORE = re.compile(r"\bbringing (?:the )?(?:total|number|crowd)(?: [\w-]+){0,2} to\s+$", re.I)
_LEFT_CUE = re.compile("|".join(rf"\b(?P<{k}>{v})\s*:?\s*[\"“'‘]?(?:the\s+)?$" for k, v in _LEFT_CUES.items()),
                       re.I)  # (a record's field: "detained: at least 30")
# "arrested Maks Bokayev and Talgat Ayan, two activists": the number is the names' apposition
# (only with a people noun after it: "detained Nurlan, 34," is an age)
_APPOSED_TO_DETAINED = re.compile(r"\b(?:detained|arrested|detaining|arresting)\s+"
                                  r"(?:[A-Z][\w'\u2019.-]*(?:,?\s+and\s+|,\s*|\s+)){1,9}?[A-Z][\w'\u2019.-]*,\s*$")
# A role word after a negation or a new reported clause is not this number's: "reports were drawn up
# against four residents and that no one was detained" (the four were not detained)
_CLAUSE_END = re.compile(r"[.;!?]|\d|\b(?:no one|nobody|no-one|none|not|never|and that)\b|n't\b", re.I)
# A source's figure with no noun ("organisers claimed 5,000", "police spoke of 300."): the crowd's size.
_CLAIM_BEFORE = re.compile(
    r"\b(?:organi[sz]ers|police|activists|witnesses|opposition|officials|authorities|akimat|ministry|"
    r"journalists|reporters?|correspondents?|observers|media|outlets?|sources?|[A-Z][\w-]+)\s+(?:have\s+|had\s+)?"
    r"(?:claim(?:ed|s)?|count(?:ed|s)?|spoke of|speaks? of|estimated?|settled on|settles? on|"
    r"gave (?:a|the) figure (?:of|as)|said there were|says? there were)\s+$")
# a record's sources, each with its figure hedged or quoted: 'police: "about 100"; Radio Azattyq: "several
# hundred"' (not "Call-centre of akimat: 109")
_SOURCE_COLON_BEFORE = re.compile(
    r"\b(?:[Pp]olice|[Oo]rgani[sz]ers|[Aa]kimat|[Uu]nion|[Cc]ompany|[Oo]fficials|[Aa]uthorities|[Aa]ctivists|"
    r"[Ww]itnesses|[A-Z][\w-]+\s+[A-Z][\w-]+)\s*:\s+$")
_BARE_END = re.compile(r"\s*(?:[.;,:)|\u2013\u2014]|\s(?:and|while|but|whereas)\b|$)")
# "164 people, including two children, were killed": the inner figure is part of the outer one.
_SUBSET_BEFORE = re.compile(r"\b(?:including|includ\w+|among (?:them|whom|those)|of (?:them|whom)|incl\.)\s*$", re.I)
# After a bare number framed by a role word: a word that is neither a preposition nor a conjunction is a non-person
# noun ("killing 3 horses").
# "30 relatives of detained activists": the role word describes others, not the 30
_OF_ROLE = re.compile(r"\bof\s+(?:the\s+)?(?:detained|arrested|jailed|killed|injured|wounded|dead|missing)\b"
                      # "12 relatives of miners killed in an accident": the miners were killed, not the relatives
                      r"|\b(?:relatives|families|widows|wives|mothers|fathers|parents|children|sons|daughters)\s+of\s+"
                      r"(?:the\s+|those\s+)?(?:[\w-]+\s+){0,3}?(?:detained|arrested|jailed|killed|injured|wounded|dead|"
                      r"missing)\b", re.I)
_LINKS = [*_PREPOSITIONS, "but", "as", "after", "during", "while", "across", "according", "since", "until",
          "outside", "inside", "near", "around", "along", "before", "behind", "opposite", "against", "into",
          "who", "that", "which", "when", "where", "were", "was", "had", "have", "gathered", "remained"]
_OTHER_NOUN = re.compile(rf"\s+(?!(?:{_alt(_LINKS)})\b)[a-z]", re.I)


@dataclass(frozen=True, slots=True)
class Count:
    """A number of people as one report gives it; see the module docstring for how min/max/hedge are read."""
    start: int
    end: int
    text: str
    min: int
    max: int | None
    role: str   # 'participants' | 'injured' | 'killed' | 'detained' | 'subset' | 'other' (people, role unknown)
    actor: str  # 'security forces' | 'civilians' | 'protesters' | ''
    hedge: str  # 'about' | 'more than' | 'at least' | 'up to' | 'some' | 'range' | 'exact' | 'vague'
    noun: str = ""  # the people noun, lower case ("officers"): groups of one report are told apart by it


_VAGUE_TEXT = re.compile(rf"(?:{_alt(_VAGUE)}|несколько|десятк\w*|сотн\w*|тысяч\w*)\b(?!.*\d)", re.I)


def is_vague(text: str) -> bool:
    """A crowd told only in a vague word ("several hundred", "десятки"): a convention's floor, which
    a reported figure of the same crowd replaces."""
    return bool(text) and all(_VAGUE_TEXT.match(t.strip()) for t in text.split(";"))


def parse_number(words: str) -> int | None:
    """The integer a number phrase spells ("a thousand", "two dozen", "1,000", "6 000", "1.5 thousand"), or None."""
    s = " ".join(words.replace("\u00a0", " ").replace("\u202f", " ").lower().split())
    if m := _DIGITS_TEXT.fullmatch(s):
        value = float(m["num"].replace(",", "").replace(" ", "")) * _SCALES.get(m["scale"] or "", 1)
        return int(value) if value.is_integer() else None
    return _parse_words(s.replace("-", " ").split()) if _WORDS_TEXT.fullmatch(s) else None


def _parse_words(tokens: list[str]) -> int | None:
    """English cardinal grammar: units/tens build a group, 'hundred'/'dozen' multiply it, scales close it."""
    total, group, last, last_scale = 0, 0, None, None
    for i, t in enumerate(tokens):
        if t == "and" and last in ("hundred", "scale"):
            continue
        if t in ("a", "an") and i == 0:
            group, last = 1, "a"
        elif t in NUMBER_WORDS:
            v = NUMBER_WORDS[t]
            if last == "tens" and 0 < v < 10:
                group += v
            elif last in (None, "hundred", "scale") and not (last == "hundred" and group % 100):
                group += v
            else:
                return None
            last = "tens" if v >= 20 else "unit"
        elif t == "hundred" and last in (None, "a", "unit") and group < 100:
            group, last = (group or 1) * 100, "hundred"
        elif t == "dozen" and last in (None, "a", "unit", "tens"):
            group, last = (group or 1) * 12, "dozen"
        elif t in _SCALES and last not in ("scale", None) and (last_scale is None or _SCALES[t] < last_scale):
            total, group, last, last_scale = total + group * _SCALES[t], 0, "scale", _SCALES[t]
        else:
            return None
    return None if last in (None, "a") else total + group


def mask_spans(text: str, spans) -> str:
    """``text`` with the given (start, end) spans blanked: dates' digits are no counts."""
    parts, pos = [], 0
    for s, e in spans:
        parts += [text[pos:s], " " * (e - s)]
        pos = e
    return "".join(parts) + text[pos:]


def _mask(text: str) -> str:
    """The text with every date expression blanked, so its digits cannot be read as counts."""
    from geomap.timex import date_spans  # timex imports this module, so not at the top
    return mask_spans(text, date_spans(text))


def _cue(regex: re.Pattern, text: str) -> str:
    folded = fold(text)
    if not may_match(regex, folded, 0, len(text)):  # most windows hold no cue word: str.find first
        return ""
    m = search_folded(regex, text, folded)
    return m.lastgroup if m else ""


# "a demonstration by about 200 borrowers ... and detained around 30 people": a cue followed by
# a number of its own is that number's, not the earlier one's
_NUMBER_NEXT = re.compile(r"\s+(?:(?:about|around|some|at least|more than|nearly|over|up to|another|a further|"
                          r"около|более|не менее|до)(?:\s*$|\s+\d)|\d)", re.I)  # (the window ends where a number begins)


# "some 30 people who gathered in a park were detained": the relative clause says they took part,
# the main verb after it what happened to them
_RELATIVE = re.compile(r"[\w\s’'-]{0,30}?,?\s(?:who|that)\s", re.I)
_AFTER_RELATIVE = ("detained", "injured", "killed")


def _right_roles(window: str) -> list[str]:
    """The role of the first cue after a number that is not the cue of the next number, and after a
    relative clause that names a crowd's cue, the role its main verb gives the same people."""
    if not _cue(_RIGHT_CUE, window):  # (screened: most windows hold no cue)
        return []
    cues = [m.lastgroup for m in _RIGHT_CUE.finditer(window) if not _NUMBER_NEXT.match(window, m.end())]
    if not cues:
        return []
    if cues[0] == "participants" and _RELATIVE.match(window):
        later = next((c for c in cues[1:] if c in _AFTER_RELATIVE), None)
        if later:
            return [cues[0], later]
    return cues[:1]


def _actor(np: str) -> str:
    return next((name for regex, name in _ACTORS if regex.search(np)), "")


_WORD_AT = re.compile(r"\b\w+")


def hot_spots(text: str, needles, lower_needles=()) -> list[int]:
    """Sorted start offsets of every occurrence of `needles` (as written) and `lower_needles` (in the lower-cased
    text). str.find is ~20x cheaper than a regex pass, which costs ~0.2 µs per character position."""
    spots: list[int] = []
    for haystack, group in ((text, needles), (text.lower() if lower_needles else "", lower_needles)):
        for needle in group:
            i = haystack.find(needle)
            while i >= 0:
                spots.append(i)
                i = haystack.find(needle, i + 1)
    return sorted(spots)


def scan_hot(text: str, spots: list[int], reach: int, match_at) -> list:
    """Left-to-right, non-overlapping matches tried only at word starts up to `reach` characters before a hot spot.

    `match_at(word_match)` returns (payload, end) or None. Correct for any grammar whose every match contains a
    hot spot at most `reach` characters after its start; the payloads are returned in text order.
    """
    out, done = [], 0  # every word start before `done` has been tried or lies inside a match
    for spot in spots:
        if spot < done:
            continue
        if spot and spot == done and (text[spot - 1].isalnum() or text[spot - 1] == "_"):
            done = spot + 1  # the next digit of a number: inside a word, no word start to try
            continue
        # words that start no further than the spot (a search past it would rescan a long word for
        # every spot inside it: quadratic on a run of 10,000 digits); the one cut at the spot taken whole
        for word in _WORD_AT.finditer(text, max(done, spot - reach), spot + 1):
            if word.end() > spot:
                word = _WORD_AT.match(text, word.start())
            if word.start() >= done and (hit := match_at(word)):
                out.append(hit[0])
                done = hit[1]
        done = max(done, spot + 1)
    return out


_HOT_DIGITS = tuple("0123456789")
# Number and crowd words, minus those that contain another one ("sixteen" is found by "six").
_CROWD_WORDS = {*NUMBER_WORDS, "hundred", "thousand", "million", "billion", "dozen", "several", "few", "handful",
                "scores"}
_HOT_WORDS = tuple(w for w in _CROWD_WORDS if not any(o != w and o in w for o in _CROWD_WORDS))
_FIRST_WORDS = frozenset(p.split()[0] for p in (*_CROWD_WORDS, *_HEDGES, *_VAGUE, "a", "an", "between"))
_REACH = 30  # a count starts at most this far before its first digit or number word ("in excess of a thousand")


def find_counts(text: str, offset: int = 0, *, language: str = "en",
                date_spans: list[tuple[int, int]] | None = None) -> list[Count]:
    """Counts of people in `text` (usually one sentence); offsets are `offset` + positions in `text`.

    ``language`` other than English uses the count reader of its :mod:`geomap.lang` plug-in.
    ``date_spans``: what ``timex.date_spans(text)`` gives with the language's lexicon, when the
    caller has it already (the dates are masked out of the numbers; scanning twice costs)."""
    if language != "en":
        from geomap.lang import get as get_language  # the plug-ins import this module

        reader = get_language(language).counts
        if reader is not None:
            counts = reader(text, offset) if date_spans is None else reader(text, offset, date_spans=date_spans)
            return _revised(text, offset, _people(_with_table_counts(text, offset, counts)))
    return _revised(text, offset, _people(_with_table_counts(text, offset, _find_counts_en(text, offset, date_spans))))


# "Police detained 12 people ..., a figure it later raised to 15", "позже МВД уточнило число до 15"
_REVISED = re.compile(r"[^.;]{0,60}?\b(?:later|since|subsequently|then|позже|затем|впоследствии|потом)\s+"
                      r"(?:\w+\s+)?(?:raised|revised|increased|lowered|corrected|updated|put|увеличил\w*|повысил\w*|"
                      r"уточнил\w*|пересмотрел\w*|снизил\w*)\s+(?:(?:it|the figure|that|the number|the toll|число|"
                      r"цифру|количество)\s+)?(?:up\s+|down\s+|upwards?\s+|downwards?\s+)?(?:to|до)\s+"
                      r"(?P<n>\d{1,3}(?:[,\u00a0 ]\d{3})*|\d+)(?!\s*(?:%|per|процент))", re.I)


def _revised(text: str, offset: int, counts: list[Count]) -> list[Count]:
    """A figure the same sentence says was later revised is the revised one; a bare number given
    as the revision is no count of its own."""
    revised: dict[int, Count] = {}
    dropped: set[int] = set()
    for k, c in enumerate(counts):
        if c.role != "other" and 0 <= c.end - offset <= len(text) and (m := _REVISED.match(text, c.end - offset)):
            n = int(re.sub(r"\D", "", m["n"]))
            revised[k] = Count(c.start, c.end, c.text, n, n if c.max is not None else None, c.role, c.actor,
                               c.hedge, c.noun)
            dropped |= {x for x, o in enumerate(counts) if m.start("n") + offset <= o.start < m.end("n") + offset}
    return [revised.get(k, c) for k, c in enumerate(counts) if k not in dropped] if revised else counts


# a table's column of crowd sizes: "Date | Place | Form | Participants | Outcome"
_CROWD_HEADER = re.compile(r"\s*(?:participants|people|turnout|crowd(?: size)?|attendance|number of (?:people|"
                           r"participants)|участник\w*|численность|число участников|количество(?: участников)?|"
                           r"человек)\s*", re.I)
_NOTE_BEFORE = re.compile(r"(?:note|примечани\w*|см\.?)\s*$", re.I)


def _with_table_counts(text: str, offset: int, counts: list[Count]) -> list[Count]:
    """``counts`` and, in the rows of a table whose header names a crowd column, that column's
    figure as the row's participants ("12.05 | Oskemen | rally | several hundred | 14 detained"):
    a bare number there has no people noun to be read by. Two figures in the cell ("about 150
    (police: 60)") are the range of the two sources."""
    if "|" not in text:
        return counts
    out = list(counts)
    column = None
    pos = 0
    for line in text.splitlines(keepends=True):
        start, pos = pos, pos + len(line)
        cells = line.rstrip("\r\n").split("|")
        if len(cells) < 3:
            column = None  # (a table ends where its rows do)
            continue
        if column is None:  # the header row (-1: a table without a crowd column)
            column = next((i for i, c in enumerate(cells) if _CROWD_HEADER.fullmatch(c)), -1)
            continue
        if column < 0 or column >= len(cells):
            continue
        a = start + sum(len(c) + 1 for c in cells[:column])
        b = a + len(cells[column])
        if any(a <= c.start - offset < b for c in counts):
            continue
        figures = []
        for m in _COUNT.finditer(text, a, b):
            value = _values(m)
            if value is not None and not _NOTE_BEFORE.search(text, a, m.start()):
                figures.append((m, value))
        if not figures:
            continue
        m, (lo, hi, hedge) = figures[0]
        if len(figures) > 1:
            values = [v for _, (x, y, _) in figures for v in (x, y) if v is not None]
            lo, hi, hedge = min(values), max(values), "range"
        out.append(Count(offset + m.start(), offset + m.end(), text[m.start():m.end()], lo, hi, "participants", "",
                         hedge, "people"))
    return sorted(out, key=lambda c: c.start)


# More people than live on Earth is a typo or a hostile file, not a count (and would not fit
# the table's integer columns).
MAX_PEOPLE = 10_000_000_000


def _people(counts: list[Count]) -> list[Count]:
    return [c for c in counts if all(v is None or v <= MAX_PEOPLE for v in (c.min, c.max))]


_QUOTES = str.maketrans({q: " " for q in "\"\u201c\u201d\u00ab\u00bb\u201e"})


def _find_counts_en(text: str, offset: int, date_spans: list[tuple[int, int]] | None = None) -> list[Count]:
    masked = text
    if any(d in text for d in _HOT_DIGITS):
        masked = _mask(text) if date_spans is None else mask_spans(text, date_spans)
    masked = masked.translate(_QUOTES)  # 'police said "about 1,000" were there': the quote marks are no words

    def match_at(word: re.Match):
        w = word.group()
        if not (w[0].isdigit() or w.lower() in _FIRST_WORDS):
            return None
        m = _COUNT.match(masked, word.start())
        return (m, m.end()) if m else None

    found = scan_hot(masked, hot_spots(masked, _HOT_DIGITS, _HOT_WORDS), _REACH, match_at)
    folded = fold(masked)  # (for the look-behind windows of _count)
    counts = [c for m in found for c in _count(m, masked, text, offset, folded)]
    counts = _of_them(_elliptical(_shared_roles(counts, masked, offset), masked, text, offset), masked, offset)
    if "detain" in text or "arrest" in text:
        counts = sorted(counts + _one_detained(text, offset, counts), key=lambda c: c.start)
    if ("picket" in text or "protest" in text) and any(w in (text_folded := fold(text)) for w in _SOLO_WORDS):
        twin = folded_twin(_SOLO)  # (over the folded text: the same matches, faster)
        solo = _SOLO.finditer(text) if twin is None else twin.finditer(text_folded)
        counts = sorted(counts + [Count(offset + m.start(g), offset + m.end(g), text[m.start(g):m.end(g)], 1, 1,
                                        "participants", "", "exact", "") for m in solo for g in (1 if m[1] else 2,)],
                        key=lambda c: c.start)
    return counts


# "held a one-person picket", "a single-person protest": a crowd of one (lower case: see screen.folded_twin)
_SOLO = re.compile(r"\b((?:one|single|lone)-(?:person|man|woman)|solo)\s+(?:picket|protest|demonstration)s?\b"
                   r"|\b(an? (?:lone|single|solitary) (?:picketer|protester|demonstrator))\b", re.I)
# Every match of _SOLO holds one of these (folded); its own needles, "picket", "protest", are in
# most texts, and the whole-text scan cost ~1.3 M instructions an article.
_SOLO_WORDS = ("one-", "single", "solo", "lone ", "solitary")


_ONE_PERSON = (r"(?:activist|journalist|reporter|blogger|pensioner|student|man|woman|protester|"
               r"demonstrator|resident|lawyer|environmentalist|poet|artist|teacher|worker|opposition "
               r"(?:figure|politician|leader)|politician|leader|organi[sz]er|picketer|youth|teenager|correspondent|"
               r"photographer|camera ?man|camera operator|editor|freelancer|villager|farmer|driver|miner)")
_NAMED = r"[A-Z][a-z]+\s+[A-Z][a-z]+(?:ov|ova|ev|eva|yev|yeva|in|ina|uly|kyzy|enko)"  # a first name and surname
# "police detained a 34-year-old environmentalist", "an activist was detained", "He was detained": one
# person. The alternatives of one pattern, each compiled alone (screen.finditer_any finds the
# alternation's matches): each opens with what re scans for (a keyword, a letter, a stop), where
# the alternation, opening with "\b" and "^", was entered at every position (~3.6 M instructions
# an article, 1.1 M apart). "\b" is written after the first letters, "(?<!\w.{6})": no word
# character before the six letters just read.
_ONE_DETAINED = (
    re.compile(rf"(?:detain|arrest)(?<!\w.{{6}})(?:ed|ing)\s+(?P<one>an?|one)\s+(?:[\w-]+\s+){{0,3}}?{_ONE_PERSON}\b"),
    re.compile(rf"(?P<one>[AaOo](?<!\w.)(?:(?<=[Aa])n?|(?<=[Oo])ne))\s+(?:[\w-]+\s+){{0,3}}?{_ONE_PERSON}\b"
               rf"(?:\s+[\w,.-]+){{0,8}}?\s+(?:was|has been|had been)\s+(?:detained|arrested|taken away|jailed)\b"),
    re.compile(r"^(?P<one>She|He)\s+(?:was|had been)\s+(?:detained|arrested)\b"),
    re.compile(r"[.;]\s+(?P<one>She|He)\s+(?:was|had been)\s+(?:detained|arrested)\b"),
    # "Police detained the strike leader, trade union lawyer Gulzhan Sadykova": one named person
    re.compile(rf"(?:detain|arrest)(?<!\w.{{6}})ed\s+(?:the\s+)?(?:[a-z][\w-]*,?\s+){{0,5}}?(?P<one>{_NAMED})"
               r"\b(?![\w-]|,?\s+(?:and|&)\s)"))
# "Police detained the activists Max Bokayev and Talgat Ayan": as many people as names (two words
# each, one at least with a surname's ending)
_FULL_NAME = r"[A-Z][a-z]+\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
_NAMES_DETAINED = re.compile(rf"(?:detain|arrest)(?<!\w.{{6}})ed\s+(?:the\s+)?(?:[a-z][\w-]*,?\s+){{0,4}}?"
                             rf"(?P<names>{_FULL_NAME}(?:,\s+{_FULL_NAME}){{0,4}},?\s+(?:and|&)\s+{_FULL_NAME})\b"
                             r"(?![\w-]|\s+[A-Z])")
_SPLIT_NAMES = re.compile(r",?\s+(?:and|&)\s+|,\s+")
# "its former head, Karim Massimov, had been detained": a named person before a passive
_NAMED_PASSIVE = re.compile(r",\s+(?:had been|has been|was)\s+(?:detained|arrested)\b")
_NAME_BEFORE = re.compile(rf"(?<![\w-])(?P<one>{_NAMED})$")


def _one_detained(text: str, offset: int, counts: list[Count]) -> list[Count]:
    out = []
    for m in _NAMES_DETAINED.finditer(text):
        names = _SPLIT_NAMES.split(m["names"])
        start, end = m.span("names")
        if any(re.fullmatch(_NAMED, n) for n in names) and not any(
                c.start - offset <= end + 3 and start <= c.end - offset for c in counts):
            # (not "arrested Maks Bokayev and Talgat Ayan, two activists": the number counts them)
            out.append(Count(offset + start, offset + end, text[start:end], len(names), len(names), "detained",
                             "", "exact", ""))
    named = (n for p in _NAMED_PASSIVE.finditer(text) if (n := _NAME_BEFORE.search(text, max(0, p.start() - 40),
                                                                                 p.start())))
    for m in (*finditer_any(_ONE_DETAINED, text), *named):
        start, end = m.span("one")
        if any(c.start - offset <= m.end() and m.start() <= c.end - offset for c in (*counts, *out)):
            continue  # a number of its own is there ("detained a group of 15"), or a list of names
        out.append(Count(offset + start, offset + end, text[start:end], 1, 1, "detained", "", "exact", ""))
    return out


def _of_them(counts: list[Count], masked: str, offset: int) -> list[Count]:
    """"More than 1,000 were injured, almost 400 of them in hospital": a part of the group just
    counted in the same role is a subset; "1,500 rallied; 12 of them were detained" is not."""
    out: list[Count] = []
    last: dict[str, int] = {}  # role -> end of its last count
    for c in counts:
        p_end = last.get(c.role)
        if c.noun == "of them" and p_end is not None and not re.search(
                r"[.!?]\s", masked[p_end - offset:c.start - offset]):
            c = Count(c.start, c.end, c.text, c.min, c.max, "subset", c.actor, c.hedge, c.noun)
        else:
            last[c.role] = c.end
        out.append(c)
    return out


# "13 people in Almaty and 11 in Nur-Sultan", "3,000 remain; yesterday there were around 10,000":
# a bare number right after a count repeats that count's role.
_ELLIPSIS = re.compile(
    r"(?:\s*,\s*|\s+and\s+|\s+while\s+|\s*;\s*)(?:[\w\u2019']+\s+){0,3}?"
    r"(?:(?:there|they) (?:were|was|are) |another |a further )?(?=\S)")
_JOINT = re.compile(r"\s*,\s*|\s+and\s+|\s+while\s+|\s*;\s*|\.")
_GAP_WORD = re.compile(r"[\w\u2019']+\s+")
_ELLIPSIS_TAIL = re.compile(r"\s+(?:more\s+|others?\s+)?(?:in|at|near|from|on)\s+\S|\s*[.;,]|\s*$")


_JOINED = re.compile(r"\s+(?:[\w’'-]+\s+){0,4}?(?:and|as well as|plus)\s+$", re.I)


def _shared_roles(counts: list[Count], masked: str, offset: int) -> list[Count]:
    """"18 officers and 26 criminals were killed": a group joined to the next count shares its role."""
    out = list(counts)
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        if a.role == "other" and b.role in ("killed", "injured", "detained") \
                and _JOINED.fullmatch(masked, a.end - offset, b.start - offset):
            out[i] = replace(a, role=b.role)
    return out


def _elliptical(counts: list[Count], masked: str, text: str, offset: int) -> list[Count]:
    out = list(counts)
    taken = {c.start for c in counts}
    for c in counts:
        if c.role not in ("participants", "injured", "killed", "detained"):
            continue
        joint = _JOINT.search(masked, c.end - offset, c.end - offset + 60)
        gap = _ELLIPSIS.match(masked, joint.start()) if joint else None
        if gap is None or "." in masked[c.end - offset:gap.end()]:
            continue
        m, pos = None, gap.end()
        for _ in range(4):  # "..., and a few dozen in Semey": up to three words before the number
            m = _COUNT.match(masked, pos)
            word = None if m else _GAP_WORD.match(masked, pos)
            if word is None:
                break
            pos = word.end()
        if m is None or offset + m.start() in taken or not _ELLIPSIS_TAIL.match(masked, m.end()):
            continue
        value = _values(m)
        if value is None:
            continue
        lo, hi, hedge = value
        if re.fullmatch(r"(?:19|20)\d\d", text[m.start():m.end()]):
            continue  # a bare year, not a repeated count
        taken.add(offset + m.start())
        out.append(Count(offset + m.start(), offset + m.end(), text[m.start():m.end()], lo, hi,
                         c.role, c.actor, hedge, c.noun))
    return sorted(out, key=lambda c: c.start)


def _count(m: re.Match, masked: str, text: str, offset: int, folded: str | None = None) -> list[Count]:
    """The count `m` stands for, or nothing when the words around it say it is not a number of people.
    ``folded``: ``fold(masked)``, which the look-behind windows are searched in (screen.search_folded)."""
    folded = fold(masked) if folded is None else folded
    value = _values(m)
    s20 = max(0, m.start() - 20)
    if value is None or search_folded(_NOT_A_COUNT_BEFORE, masked[s20:m.start()], folded[s20:m.start()]):
        return []
    right = masked[m.end():m.end() + 120]
    left_role = _cue(_LEFT_CUE, masked[max(0, m.start() - 50):m.start()])
    head = _HEAD.match(right) or (_OF_PEOPLE.match(right) if m["vague"] else None)
    if head and not left_role and ("detain" in (window := masked[max(0, m.start() - 90):m.start()])
                                   or "arrest" in window) and _APPOSED_TO_DETAINED.search(window):
        left_role = "detained"
    partitive = None if head else _PARTITIVE.match(right) or _OF_PEOPLE.match(right)
    role_noun = _ROLE_NOUN.match(right)
    if not (head or partitive or role_noun or m["strong"] or _PREDICATE.match(right)
            or left_role and (not _OTHER_NOUN.match(right) or m["vague"] and left_role == "participants")):
        if not (_BARE_END.match(right) and (_CLAIM_BEFORE.search(masked, max(0, m.start() - 60), m.start()) or (
                m["hedge"] or m["vague"] or text[m.start() - 1:m.start()] in ('"', "\u201c"))
                and _SOURCE_COLON_BEFORE.search(masked, max(0, m.start() - 60), m.start()))):
            return []
        left_role = "participants"
    cut = search_folded(_CLAUSE_END, right, folded[m.end():m.end() + 120], 1)
    if search_folded(_SUBSET_BEFORE, masked[s20:m.start()], folded[s20:m.start()]):
        role = "subset"  # "164 people, including two children, were killed"
    else:
        role = left_role or (_ROLE_NOUNS[role_noun["noun"].lower()] if role_noun else "")
    roles = [role] if role else _right_roles(
        _OF_ROLE.sub(lambda x: " " * len(x.group()), right[:cut.start() if cut else None]))
    role = roles[0] if roles else ""
    if not role:
        noun = head["noun"].lower() if head else ""
        role = "subset" if partitive else "participants" if noun in _PROTESTERS or m["strong"] else "other"
    np = ((head or partitive).groupdict().get("np") if head or partitive else None) or ""
    if head and head.groupdict().get("of"):
        np += " of " + head.groupdict()["of"]  # "18 members of the security forces"
    lo, hi, hedge = value
    if search_folded(_TOTAL_BEFORE, masked, folded, max(0, m.start() - 50), m.start()):
        hedge = "total"  # "..., bringing the number underground to 270": the crowd, not one more group
    noun = (head or partitive)["noun"].lower() if (head or partitive) and (head or partitive).groupdict().get(
        "noun") else "of them" if partitive else ""
    return [Count(offset + m.start(), offset + m.end(), text[m.start():m.end()], lo, hi, r, _actor(np), hedge,
                  noun) for r in roles or [role]]


def _values(m: re.Match) -> tuple[int, int | None, str] | None:
    hedge = _HEDGES.get(" ".join(m["hedge"].lower().split())) if m["hedge"] else None
    if m["vague"]:
        return _VAGUE[" ".join(m["vague"].lower().split())], None, "vague"
    first, second = (m["b1"], m["b2"]) if m["b1"] else (m["n1"], m["n2"])
    lo = parse_number(first)
    if lo is None:
        return None
    if second:
        hi = parse_number(second)
        if hi is None or hi <= lo:
            return None
        return lo, hi, hedge or "range"
    if hedge in ("more than", "at least"):
        return lo, None, hedge
    return lo, lo, hedge or "exact"
