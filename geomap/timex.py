"""Date expressions in news text, resolved against the publication date (the anchor).

One alternation of compiled regexes finds the expressions (dateparser.search_dates is far too slow for ~1,000
articles/s); dateutil does the calendar arithmetic. Every word the grammar uses comes from a :class:`Lexicon`, so
another language is a new table, not new code.

Resolution rules downstream code relies on:

- A month-day without a year takes the latest year that puts it at most 61 days after the anchor (reports look
  back, but announce near ends such as "until January 19"); in a sentence told in the past tense with no
  word of an announcement, the latest year that puts it on or before the anchor. Month and year windows use the same rule.
- A bare weekday ("on Friday", "late on Saturday", "Tuesday evening") is the most recent such day on or before
  the anchor: wire reports say "on Tuesday" for the day they are filed. "last Friday" is strictly before the
  anchor; "next Friday" is the first one after it.
- Numeric dates: dotted ones are day-first. Slashed ones are day-first if any slashed date in the text has a first
  part > 12, month-first if any has a second part > 12, otherwise day-first with note 'ambiguous day/month order'.
- "the next day", "two days later" count from the previous day-precise date in the text, and stay unresolved
  (dates None) without one.
- precision (ACLED): 1 when the day is known (for an explicit range: both ends), 2 a window of days or a week
  ("early January", "last week", "a week later"), 3 a month or a year.
- historical: the expression ends more than 92 days before the anchor, or names an earlier year as a whole
  ("in 2011", "the 2011 events", "last year"). A 'since' expression reaches the anchor and is never historical.
"""
from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache, cached_property, lru_cache
from types import MappingProxyType

from dateutil.relativedelta import relativedelta

from geomap.counts import NUMBER_WORDS, hot_spots, parse_number, scan_hot
from geomap.counts import phrase_alternation as _alt
from geomap.screen import fold, may_match, search_folded

__all__ = ["DateExpr", "Lexicon", "ENGLISH", "find_dates", "find_dates_and_spans", "infer_published", "date_spans"]

_FUTURE_DAYS = 61
_SUBJECT_NOUNS = frozenset(("police", "officers", "officials", "servicemen", "soldiers", "troops"))
_CARRY_DAYS = 14
_LIVE_DAYS = 7  # a day heading this close before publication re-anchors the relative dates after it
_LEAD_CHARS = 12  # "In 2016 the issue was land.": a year this near its paragraph's start dates the paragraph
_CARRY_CHARS = 150
_LEAD_REACH = 3000  # at most this far does a paragraph's or a sentence's year run on
_TENSE_REACH = 400  # the tense of a day's sentence is read this far around it
_SINCE_WHEN = re.compile(r"(?:\s+(?:года|г\.|год))?\s*,\s*(?:when|когда)\b", re.I)
_YEAR_HEADING = re.compile(r"^[^\S\n]*(?:(?:In|В)\s+)?((?:1[89]|20)\d\d)(?:[^\S\n]*(?:year|год|году|г\.))?"
                           r"[^\S\n]*:?[^\S\n]*$", re.I | re.M)  # a heading line that is a year alone
# a heading line of months (or days and a month) and a year: "May–July 2011[edit]", "16–17 December 2011"
_MONTHS_HEADING = re.compile(r"^[^\S\n]*(?:[^\W\d_]+|\d{1,2})(?:[^\S\n]*[-\u2013\u2014/ ][^\S\n]*(?:[^\W\d_]+|\d{1,2})){0,3}"
                             r"[^\S\n]+((?:1[89]|20)\d\d)[^\S\n]*(?:\[[^\]\n]{1,12}\])?[^\S\n]*:?[^\S\n]*$", re.M)
_YEAR_ENDS_LINE = re.compile(r"(?:1[89]|20)\d\d[^\S\n]*(?:\[[^\]\n]{1,12}\])?[^\S\n]*:?[^\S\n]*$", re.M)  # its screen
# a list item headed by its month(s) and year: "* JUNE 1989 - NOVY UZEN: Clashes ...", "- МАЙ 2016 года:"
_YEAR_ITEM = re.compile(r"^[^\S\n]*[*\u2022\u2013\u2014-][^\S\n]*(?:[^\W\d_]+(?:[^\S\n]*[-\u2013/][^\S\n]*[^\W\d_]+)?"
                        r"[^\S\n]+)?((?:1[89]|20)\d\d)(?:[^\S\n]*(?:года|год|г\.))?[^\S\n]*[-\u2013\u2014:]", re.M)
_GLOSS_TODAY = re.compile(r"[,(]\s*$")
_GLOSS_NAME = re.compile(r"\s+(?:the\s+)?[A-Z\u0410-\u042f\u0401][\w'\u2019-]*(?:\s+[\w'\u2019-]+){0,2}?\s*[,)]")
# a paragraph of a chronology opened by its year: "2011. A day after police opened fire ..."
_YEAR_CLOSES = re.compile(r"(?:-?(?:м|го|х)|\s+(?:года|году|г\.))?[.!?][^\S\n]+")  # a year ending its sentence
YEAR_RUN_IN = re.compile(r"^[^\S\n]*((?:1[89]|20)\d\d)\.[^\S\n]+(?=[A-Z\u0410-\u042f\u0401])", re.M)
  # a day without a year, this close after a dated day of another year, is in that year
_HISTORICAL_DAYS = 92
_YEARS_BACK = 40  # how far infer_published looks for a year in which weekdays and dates agree
_UNIT_DAYS = MappingProxyType({"day": 1, "week": 7, "month": 30, "year": 365})
_REACH = 32  # an expression starts at most this many characters before its first hot spot (see _scan)


# a capitalised word right before a capitalised "Today" in mid-sentence: the name of an outlet
_NAME_BEFORE = re.compile(r"(?<![.!?:\n]\s)(?<![.!?:\n])\b[A-Z][\w-]*[^\S\n]$")

# a month named before "until": "from May until 16 December 2011"
_FROM_MONTH = re.compile(r"\b(?P<kw>\w+)\s+(?P<mon>[^\W\d_]+\.?)\s+$")

# a past duration before "until": its end is the first such day after the day told before
_LASTED_BEFORE = re.compile(r"\b(?:lasted|continued|went on|dragged on|продолжал\w*|длил\w*|шл[аои])\b[^.;]{0,30}$",
                            re.IGNORECASE)

@dataclass(frozen=True, slots=True)
class DateExpr:
    start: int
    end: int
    text: str
    kind: str  # 'absolute' | 'relative' | 'weekday' | 'range' | 'until' | 'since' | 'vague' | 'duration'
    date_start: date | None
    date_end: date | None
    precision: int  # 1 day, 2 a few days / a week, 3 a month or year
    year_explicit: bool
    historical: bool
    days: int | None = None  # length of a 'duration' ("for two weeks" → 14); None when vague ("for several days")
    weekday: int | None = None  # weekday written in the text (0 = Monday), for 'weekday' and "Friday, January 7"
    note: str = ""  # e.g. 'ambiguous day/month order', 'weekday does not match the date'
    target_end: date | None = None  # 'since': the end of the day or period it starts from


def _frozen(d: dict) -> Mapping:
    return MappingProxyType(d)


@dataclass(frozen=True, eq=False)
class Lexicon:
    """The words of one language. Month and weekday names are matched case-sensitively (capitalised), which keeps
    the modal "may" and the noun "march" out; everything else is matched case-insensitively."""
    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    day_parts: tuple[str, ...]
    ordinal_suffixes: tuple[str, ...]
    number_words: Mapping[str, int]  # small words the time grammar counts with, beyond the cardinal numbers
    approx_numbers: Mapping[str, int]  # "several days later": a guess, so precision drops to 2
    relative_days: Mapping[str, int]  # offset from the anchor
    relative_periods: Mapping[str, tuple[str, int | None]]  # phrase → (unit, offset from the anchor's unit; None: the day told before)
    chain_days: Mapping[str, int]  # offset from the previous dated expression
    units: Mapping[str, int]  # unit → days (months and years resolve by calendar)
    later: tuple[str, ...]
    earlier: tuple[str, ...]
    ago: tuple[str, ...]
    month_parts: Mapping[str, tuple[int, int]]  # day window in a month; negative = from the month's end (-1 last)
    year_parts: Mapping[str, tuple[int, int]]  # month window in a year
    year_windows: Mapping[str, tuple[tuple[int, int], tuple[int, int], int]]  # phrase → (from, to, precision)
    weekday_mods: Mapping[str, int]  # -1 previous, 0 the anchor if it is that day, 1 next
    range_starts: tuple[str, ...]
    between: tuple[str, ...]
    range_links: tuple[str, ...]
    list_links: tuple[str, ...]  # "January 5 and 6" without "between" is two dates, not a range
    until: tuple[str, ...]
    since: tuple[str, ...]
    durations: tuple[str, ...]
    duration_mods: tuple[str, ...]
    month_preps: tuple[str, ...]
    year_preps: tuple[str, ...]
    year_nouns: tuple[str, ...]  # "the 2011 Zhanaozen massacre": a year named by what happened in it
    count_nouns: tuple[str, ...]  # "in 2000 people", "January 5 and 18 people": numbers that are counts
    # Every expression without a digit, month or weekday name contains one of these (lower case, as substrings):
    # the scanner only tries to match near them.
    hot_words: tuple[str, ...]
    articles: tuple[str, ...] = field(default=("the",))
    of: tuple[str, ...] = field(default=("of",))
    # Inflected unit words → 'day' | 'week' | 'month' | 'year' ("дня", "недель"); English needs none.
    unit_names: Mapping[str, str] = field(default_factory=lambda: _frozen({}))
    # "now in its fifth day": what goes on today began N - 1 days ago
    ordinals: Mapping[str, int] = field(default_factory=lambda: _frozen({}))
    nth_day_before: tuple[str, ...] = ()
    month_last: tuple[str, ...] = ()  # "last November": the latest November before the anchor's month
    nth_day_mods: tuple[str, ...] = ()
    nth_day_units: tuple[str, ...] = ("day",)
    nth_day_bare_verb: str = ""  # what must follow an ordinal with no "уже"/"now in its" before it
    nth_day_bare_guard: str = ""  # look-behinds of what must not precede it ("на третий день" is a chain)
    chain_prefix: tuple[str, ...] = ()  # "через два дня": N units after the previous dated expression
    eve_of: re.Pattern[str] | None = None  # a chain word with the event it is the eve of ("накануне выборов")
    # A told past ("was detained on 7 January", "был задержан 14 января") without an announcement puts
    # a yearless day on or before the anchor; None keeps the 61-day window for every day.
    past_tense: re.Pattern[str] | None = None
    # Seasons: "this winter", "last summer", "in the summer of 2019", "летом 2019 года" (a window, precision 3)
    seasons: re.Pattern[str] | None = None  # groups: mod (this/last), season word, year
    season_months: Mapping[str, int] = field(default_factory=lambda: _frozen({}))  # word stem → first month
    season_last: tuple[str, ...] = ()  # modifiers meaning the previous one
    ahead: re.Pattern[str] | None = None  # words of an announcement ("до", "будет", "отложил")
    that_year: re.Pattern[str] | None = None  # after a yearless date: "from May to December that year"
    # "on Wednesday last week", "в среду на прошлой неделе": a weekday of the week named (its offset)
    weekday_weeks: Mapping[str, int] = field(default_factory=lambda: _frozen({}))
    weekday_preps: tuple[str, ...] = ("on",)
    ordinal_day_preps: tuple[str, ...] = ()  # before a bare "the 5th": a day of the month the context names
    slash_preps: tuple[str, ...] = ()  # what may precede a yearless slashed date ("on 1/6") in a text with full ones
    # "Tomorrow marks fourteen years since police shot ...": the day named, that many years back
    # days written as ordinal words before a month: "двадцать седьмого января", "четырнадцатое апреля"
    day_words: Mapping[str, int] = field(default_factory=lambda: _frozen({}))
    anniversary_verbs: tuple[str, ...] = ()
    anniversary_since: tuple[str, ...] = ()


_EN_ORDINALS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
                "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth").split()


def _english_day_words() -> dict[str, int]:
    """"the fifth of January", "January twenty-first": a day of the month in words."""
    out = {w: n for n, w in enumerate(_EN_ORDINALS, 1)} | {"thirtieth": 30}
    for tens, word in ((20, "twenty"), (30, "thirty")):
        out |= {f"{word}{sep}{w}": tens + n for n, w in enumerate(_EN_ORDINALS[:9], 1) if tens + n <= 31
                for sep in ("-", " ")}
    return out


ENGLISH = Lexicon(
    months=_frozen({name: i for i, name in enumerate(calendar.month_name) if name}
                   | {name: i for i, name in enumerate(calendar.month_abbr) if name} | {"Sept": 9}),
    weekdays=_frozen({name: i for i, name in enumerate(calendar.day_name)}
                     | {name.upper(): i for i, name in enumerate(calendar.day_name)}),  # "MONDAY."
    day_parts=("morning", "afternoon", "evening", "night"),
    ordinal_suffixes=("st", "nd", "rd", "th"),
    number_words=_frozen({"a": 1, "an": 1}),
    approx_numbers=_frozen({"several": 3, "a few": 3, "few": 3, "a couple of": 2}),
    relative_days=_frozen({"the day before yesterday": -2, "yesterday": -1, "last night": -1, "today": 0,
                           "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
                           "earlier today": 0, "tomorrow": 1}),
    relative_periods=_frozen({f"{mod} {unit}": (unit, off) for unit in ("week", "month", "year")
                              for mod, off in (("last", -1), ("this", 0), ("earlier this", 0), ("next", 1))}
                             | {"last weekend": ("weekend", -1), "this weekend": ("weekend", 0),
                                "over the weekend": ("weekend", 0), "at the weekend": ("weekend", 0),
                                "on the weekend": ("weekend", 0),
                                # the month of the day just told ("Later that month students also gathered")
                                "that month": ("month", None), "later that month": ("month", None),
                                "earlier that month": ("month", None), "the same month": ("month", None)}),
    chain_days=_frozen({"the next day": 1, "the following day": 1, "the day after": 1, "the next morning": 1,
                        "the following morning": 1, "next morning": 1, "the previous day": -1,
                        "the day before": -1, "the same day": 0, "that day": 0, "that night": 0,
                        "that evening": 0, "later that day": 0, "the next afternoon": 1, "the next evening": 1,
                        "the next night": 1, "the following afternoon": 1, "the following evening": 1,
                        "the following night": 1, "that afternoon": 0, "that morning": 0, "the same evening": 0,
                        "the same night": 0}),
    units=_frozen({"day": 1, "week": 7, "month": 30, "year": 365}),
    later=("later",), earlier=("earlier",), ago=("ago",),
    month_parts=_frozen({"early": (1, 10), "beginning of": (1, 10), "start of": (1, 10),
                         "first days of": (1, 5), "first week of": (1, 7), "first half of": (1, 15),
                         "mid": (11, 20), "middle of": (11, 20), "second half of": (16, -1),
                         "late": (21, -1), "end of": (21, -1), "last days of": (25, -1), "last week of": (-7, -1)}),
    year_parts=_frozen({"early": (1, 4), "mid": (5, 8), "late": (9, 12)}),
    year_windows=_frozen({"first days of new year": ((1, 1), (1, 5), 2), "first days of year": ((1, 1), (1, 5), 2),
                          "beginning of new year": ((1, 1), (1, 10), 2), "beginning of year": ((1, 1), (1, 31), 3),
                          "start of year": ((1, 1), (1, 31), 3), "end of year": ((12, 1), (12, 31), 3),
                          "new year's eve": ((12, 31), (12, 31), 1), "new year's day": ((1, 1), (1, 1), 1)}),
    weekday_mods=_frozen({"last": -1, "past": -1, "this": 0, "today": 0, "next": 1, "coming": 1}),
    range_starts=("from",), between=("between",),
    range_links=("-", "–", "—", "to", "till", "until", "through", "and"), list_links=("and",),
    until=("until", "till", "through", "up to", "up until"), since=("since", "starting from"),
    durations=("for", "over", "lasting", "within"), duration_mods=("the past", "the last", "the next", "past",
                                                                     "last", "next"),
    month_preps=("in", "during", "throughout", "by", "of"),
    year_preps=("in", "during", "throughout", "by", "of", "from", "before", "after", "remember", "remembers",
                "remembered", "recall", "recalls", "recalled"),  # ("many remember 2016, when ...")
    year_nouns=("events", "protests", "massacre", "unrest", "riots", "uprising", "strike", "strikes",
                "elections", "election", "crisis", "shooting", "tragedy", "demonstrations", "clashes"),
    count_nouns=("people", "persons", "protesters", "demonstrators", "participants", "residents", "workers",
                 "citizens", "civilians", "activists", "police", "officers", "officials", "servicemen",
                 "soldiers", "troops", "men", "women", "children", "were", "of", "%", "percent", "tenge"),
    hot_words=("day", "week", "month", "year", "night", "tomorrow", "morning", "afternoon", "evening"),
    ordinals=_frozen({w: i for i, w in enumerate(("second", "third", "fourth", "fifth", "sixth", "seventh",
                                                   "eighth", "ninth", "tenth", "eleventh", "twelfth"), 2)}),
    # not "for a third day" or "entered its second day on Tuesday": those tell of that day
    nth_day_before=("in its", "in their", "its", "their", "the"),
    month_last=("last", "this past"),
    nth_day_mods=("straight", "consecutive", "successive"),
    nth_day_units=("day", "week"),
    seasons=re.compile(r"\b(?:(?P<mod>this|last|past)\s+|(?:in\s+)?the\s+(?=\w+\s+of\s+(?:19|20)\d\d))?"
                       r"(?P<season>winter|spring|summer|autumn|fall)\b(?:\s+of)?(?:\s+(?P<year>(?:19|20)\d\d)\b)?",
                       re.I),
    season_months=_frozen({"winter": 12, "spring": 3, "summer": 6, "autumn": 9, "fall": 9}),
    season_last=("last", "past"),
    past_tense=re.compile(r"\b(?:was|were|had|did|\w{3,}ed)\b", re.I),
    that_year=re.compile(r"[^.;!?\n]{0,40}?\b(?:of )?(?:that|the same) year\b"),
    weekday_weeks=_frozen({"last week": -1, "this week": 0, "next week": 1}),
    day_words=_frozen(_english_day_words()),
    anniversary_verbs=("marks", "will mark", "is", "will be", "it is", "it will be"),
    anniversary_since=("since",),
    slash_preps=("on", "of", "by", "from", "to"),
    ordinal_day_preps=("on", "of", "from", "by", "until", "till", "since"),
    ahead=re.compile(r"\b(?:(?<!lasted )(?<!continued )(?<!went on )(?:until|till|through)|will|would|shall|is to|are to|scheduled|planned|plans?|due|expected|"
                     r"next|set for|postponed|adjourned|deadline|extended|lasts?|runs?|ahead|upcoming|announced)\b",
                     re.I),
)


def _norm(phrase: str) -> str:
    return " ".join(phrase.lower().replace("’", "'").split())


@dataclass(frozen=True, eq=False)
class _Grammar:
    rules: Mapping[str, re.Pattern]  # in priority order
    by_first_word: Mapping[str, tuple[str, ...]]  # word (month/weekday names as written, others lower case) → rules
    digit_rules: tuple[str, ...]  # rules that can start with a number
    year_windows: Mapping[str, tuple[tuple[int, int], tuple[int, int], int]]
    hot_exact: tuple[str, ...]  # shortest forms of the month and weekday names ("Jan" finds "January")
    hot_lower: tuple[str, ...]


def _shortest_prefixes(words) -> tuple[str, ...]:
    return tuple(w for w in words if not any(o != w and w.startswith(o) for o in words))


@cache
def _grammar(lex: Lexicon) -> _Grammar:
    """Compile the rules for one lexicon. Order matters: at one position the first rule that matches wins, so
    longer forms come first (a range before a date, a date before a bare weekday). Trying only the rules that can
    start with the word at hand is what makes scanning cheap (one alternation of all rules costs ~2 µs per
    character position)."""
    mon, wd, the, of = _alt(lex.months, ci=False), _alt(lex.weekdays, ci=False), _alt(lex.articles), _alt(lex.of)
    words = _alt([*lex.approx_numbers, *lex.number_words])
    num = (rf"(?P<n>\d{{1,3}}|{words}(?:\s+{_alt(lex.number_words)}\b)?"  # ("сорок пять")
           rf"|{_alt(NUMBER_WORDS)}(?:-{_alt(NUMBER_WORDS)})?)")
    unit = rf"(?P<unit>{_alt(lex.units)})s?\b"
    not_count = rf"(?!\s*{_alt(lex.count_nouns)}(?!\w))"
    # after a day and month a year is the likelier reading: "on 16 December 2011 police opened fire"
    day_not_count = rf"(?!\s*{_alt([w for w in lex.count_nouns if w not in _SUBJECT_NOUNS])}(?!\w))"

    # "Jan. 5", "Sept. 16": an abbreviation's dot; after a full name ("по декабрь. 16 декабря") it ends a sentence
    abbrs = sorted(w for w in lex.months if any(o != w and o.startswith(w) and lex.months[o] == lex.months[w]
                                                for o in lex.months))
    by_len = {len(w): [a for a in abbrs if len(a) == len(w)] for w in abbrs}
    abbr_dot = "|".join(rf"(?<=\b{_alt(ws, ci=False)})" for ws in by_len.values())
    dot = rf"(?:(?:{abbr_dot})\.(?=[^\S\n]*\d))?" if abbrs else ""
    no_day = rf"(?!\s*\d)(?!(?:{abbr_dot})\.[^\S\n]*\d)" if abbrs else r"(?!\s*\d)"  # (not "of Feb" in "of Feb. 7")

    def month(n: str) -> str:
        return rf"(?P<mon{n}>{mon})\b{dot}"

    day_word = rf"|{_alt(lex.day_words)}(?!\w)" if lex.day_words else ""

    def day(n: str) -> str:
        return rf"(?P<day{n}>(?:3[01]|[12][0-9]|0?[1-9])(?:{_alt(lex.ordinal_suffixes)})?\b(?![.:,]\d){day_word})"

    def year(n: str) -> str:
        return rf"(?P<year{n}>(?:19|20)\d\d)\b(?![.:,/-]?\d)"

    def weekday(n: str) -> str:
        return rf"(?:(?P<wd{n}>{wd})\b(?:\s+{_alt(lex.day_parts)}\b)?,?\s+)?"  # "Tuesday morning, 20 October"

    def on_day(n: str) -> str:
        # no count check here: "On January 5 protesters stormed ..." is a date before a subject
        # (a heading "Март." before "3 марта" is no "Mar. 3")
        return (rf"(?:{month(n + 'a')}\s+{day(n + 'a')}(?!\s+{mon}\b)|(?:{the}\s+)?{day(n + 'b')}\s+(?:{of}\s+)?{month(n + 'b')})"
                rf"(?:,?\s+{year(n)}{day_not_count})?")

    def part_of_month(n: str) -> str:
        return (rf"(?:{the}\s+)?(?P<part{n}>{_alt(lex.month_parts)})(?:\s+|-){month(n + 'c')}"
                rf"(?:,?\s+{year(n + 'c')})?")

    def target(n: str) -> str:  # any dated thing after "until"/"since" ("до 19.01.2022" too)
        return (rf"{weekday(n)}(?:(?P<nd{n}>\d\d?)\.(?P<nm{n}>\d\d?)\.(?P<ny{n}>\d{{4}})\b(?!\.\d)"
                rf"|(?P<iy{n}>\d{{4}})-(?P<im{n}>\d\d)-(?P<id{n}>\d\d)\b"
                rf"|{_short_slash(f'sa{n}', f'sb{n}')}"
                rf"|{on_day(n)}|{part_of_month(n)}|{month(n + 'd')}(?:,?\s+{year(n + 'd')})?"
                rf"(?!\s*\d)|{year(n + 'e')})")

    def years_window(key: str) -> str:
        return r"\s+(?:the\s+)?".join(_alt([w]) for w in key.split())

    span_link = rf"\s*(?P<conn>{_alt(lex.range_links)})\s*"
    range_start = rf"(?:(?P<pre>{_alt([*lex.range_starts, *lex.between])})\s+)?"
    rules = {
        "iso": r"\b(?P<y>\d{4})-(?P<mo>\d\d)-(?P<d>\d\d)\b",
        "dotted": r"\b(?P<d>\d\d?)\.(?P<mo>\d\d?)\.(?P<y>\d{4}|\d\d)\b(?!\.\d)",
        "slashed_range": (r"\b(?P<a>\d\d?)/(?P<b>\d\d?)/(?P<y>\d{4}|\d\d)\s*[-\u2013\u2014]\s*"
                          r"(?P<a2>\d\d?)/(?P<b2>\d\d?)/(?P<y2>\d{4}|\d\d)\b(?!/\d)"),
        "slashed": r"\b(?P<a>\d\d?)/(?P<b>\d\d?)/(?P<y>\d{4}|\d\d)\b(?!/\d)",
        "slashed_month": r"\b(?P<mo>0?[1-9]|1[0-2])/(?P<y>(?:19|20)\d\d)\b(?![/.,]?\d)",  # "• 08/2023: ..."
        # "late on 1/5" in an incident log that writes "01/05/2022" elsewhere
        "slashed_short": (rf"\b(?:{_alt(lex.slash_preps)})\s+{_short_slash('a', 'b')}"
                          if lex.slash_preps else "$^"),
        # a calque of the Kazakh order ("2011 жылы 16 желтоқсанда"): "in 2011 year December month 16 day"
        "calque": rf"\b{year('k')}\s+year\s+{month('k')}\s+month(?:\s+{day('k')}\s+day)?\b",
        "range_md": (rf"\b{range_start}{weekday('1')}{month('1')}\s+{day('1')}(?:,?\s+{year('1')})?{span_link}"
                     rf"{weekday('2')}(?:{month('2')}\s+)?{day('2')}{not_count}(?:,?\s+{year('2')})?"),
        "range_dm": (rf"\b{range_start}{weekday('1')}(?:{the}\s+)?{day('1')}(?:\s+(?:{of}\s+)?{month('1')}"
                     rf"(?:,?\s+{year('1')})?)?{span_link}{weekday('2')}(?:{the}\s+)?{day('2')}\s+(?:{of}\s+)?"
                     rf"{month('2')}(?:,?\s+{year('2')})?"),
        # "in April and May 2016", "from April to June": a window of whole months
        "month_range": (rf"\b(?:(?P<pre>{_alt([*lex.range_starts, *lex.between, *lex.month_preps])})\s+)?"
                        rf"{month('1m')}{span_link}{month('2m')}(?:,?\s+{year('m')})?{no_day}"),
        # "On the 3rd, protest spread", "from the 5th to the 19th": days of the month the context names
        "ordinal_day": (rf"\b(?P<kw>{_alt(lex.ordinal_day_preps)})\s+the\s+(?P<od1>3[01]|[12]\d|0?[1-9])"
                        rf"(?:st|nd|rd|th)\b(?:\s*(?:{_alt(lex.range_links)})\s*the\s+(?P<od2>3[01]|[12]\d|0?[1-9])"
                        rf"(?:st|nd|rd|th)\b)?(?!\s*(?:of\s+)?(?:{mon})\b|\s+{_alt(_ORDINAL_NOUNS)}\b)"
                        if lex.ordinal_day_preps else "$^"),
        "until": rf"\b(?P<kw>{_alt(lex.until)})\s+{target('1')}",
        "since": rf"\b(?P<kw>{_alt(lex.since)})\s+{target('1')}",
        "dated": rf"\b{weekday('1')}{on_day('1')}",
        "part_of_month": rf"\b(?:{_alt(lex.month_preps)}\s+)?{part_of_month('1')}",
        "month_year": rf"\b{month('1d')},?\s+{year('1d')}",
        "month": rf"\b{_alt(lex.month_preps)}\s+{month('1d')}{no_day}",
        "month_last": rf"\b(?:{_alt(lex.month_last)})\s+{month('1l')}{no_day}" if lex.month_last else "$^",
        "year_window": (rf"\b(?:{_alt(lex.month_preps)}\s+)?(?:{the}\s+)?"
                        rf"(?P<phrase>{'|'.join(years_window(k) for k in lex.year_windows)})\b"),
        "year": (rf"\b(?:{_alt(lex.year_preps)})\s+(?:{the}\s+)?(?:(?P<ypart>{_alt(lex.year_parts)})(?:\s+|-))?"
                 rf"{year('1e')}{not_count}(?!\s+year\s+(?:{mon})\s+month)"),
        "year_named": (rf"\b{year('1e')}(?=\s+(?:[A-Z][\w’'-]*\s+){{0,2}}{_alt(lex.year_nouns)}\b)"),
        "ago": rf"\b{num}\s+{unit}\s+{_alt(lex.ago)}\b",
        "week_weekday": (rf"\b(?P<wk>{_alt(lex.weekday_weeks)}),?\s+(?:{_alt(lex.weekday_preps)}\s+)?"
                         rf"(?P<wd1>{wd})\b"),
        "anniversary": (rf"\b(?P<phrase>{_alt(lex.relative_days)})\s+(?:{_alt(lex.anniversary_verbs)})\s+"
                        rf"(?:exactly\s+|ровно\s+)?{num}\s+{unit}\s+(?:{_alt(lex.anniversary_since)})\b")
        if lex.anniversary_verbs else "$^",
        "relative_period": rf"\b(?P<phrase>{_alt(lex.relative_periods)})\b",
        "weekday": (rf"\b(?:(?P<mod>{_alt(lex.weekday_mods)}),?\s+)?(?P<wd1>{wd})\b"
                    rf"(?:\s+(?P<part>{_alt(lex.day_parts)})\b)?(?:,?\s+(?P<wk>{_alt(lex.weekday_weeks)})\b)?"),
        "relative_day": rf"\b(?P<phrase>{_alt(lex.relative_days)})\b(?:\s+{_alt(lex.day_parts)}\b)?",
        "chain": rf"\b(?P<phrase>{_alt(lex.chain_days)})\b",
        "chain_n": rf"\b{num}\s+{unit}\s+(?P<dir>{_alt([*lex.later, *lex.earlier])})\b",
        "chain_pre": rf"\b(?P<dir>{_alt(lex.chain_prefix)})\s+{num}\s+{unit}" if lex.chain_prefix else "$^",
        "nth_day": (rf"\b(?P<pre>{_alt(lex.nth_day_before)})\s+(?P<ord>{_alt(lex.ordinals)}|\d{{1,2}}"
                    rf"(?:{_alt(lex.ordinal_suffixes)}))\s+(?:{_alt(lex.nth_day_mods)}\s+)?(?P<nthunit>{_alt(lex.nth_day_units)})\b"
                    rf"(?!\s+{_alt(lex.nth_day_mods)})") if lex.ordinals else "$^",
        # "третий день не выходят на смены": a bare ordinal before a verb in the present (not "на третий день")
        "nth_day_bare": (rf"\b{lex.nth_day_bare_guard}(?P<ord>{_alt(lex.ordinals)})\s+(?P<nthunit>"
                         rf"{_alt(lex.nth_day_units)})\b(?=\s+{lex.nth_day_bare_verb})")
        if lex.nth_day_bare_verb else "$^",
        "duration": (rf"\b{_alt(lex.durations)}\s+(?:{_alt(lex.duration_mods)}\s+)?{num}\s+{unit}"),
        "duration_adj": rf"\b{num}-{unit}(?!-old)",  # "a 30-day curfew", not an age
    }
    def firsts(*phrase_lists) -> set[str]:
        return {p.split()[0].lower() for phrases in phrase_lists for p in phrases}

    digit, months, weekdays = {"<digit>"}, set(lex.months), set(lex.weekdays)
    counted = digit | firsts(NUMBER_WORDS, lex.approx_numbers, lex.number_words)
    ranged = firsts(lex.range_starts, lex.between)
    starts = {  # the words each rule can begin with
        "iso": digit, "dotted": digit, "slashed": digit, "slashed_range": digit, "slashed_month": digit, "calque": digit, "slashed_short": firsts(lex.slash_preps),
        "range_md": ranged | weekdays | months,
        "range_dm": ranged | weekdays | firsts(lex.articles, lex.day_words) | digit,
        "month_range": firsts(lex.range_starts, lex.between, lex.month_preps) | months,
        "until": firsts(lex.until), "since": firsts(lex.since), "ordinal_day": firsts(lex.ordinal_day_preps),
        "dated": weekdays | months | firsts(lex.articles, lex.day_words) | digit,
        "part_of_month": firsts(lex.month_preps, lex.articles, lex.month_parts),
        "month_year": months, "month": firsts(lex.month_preps), "month_last": firsts(lex.month_last),
        "year_window": firsts(lex.month_preps, lex.articles, lex.year_windows),
        "year": firsts(lex.year_preps), "year_named": digit, "ago": counted,
        "week_weekday": firsts(lex.weekday_weeks),
        "anniversary": firsts(lex.relative_days) if lex.anniversary_verbs else set(),
        "relative_period": firsts(lex.relative_periods), "weekday": weekdays | firsts(lex.weekday_mods),
        "relative_day": firsts(lex.relative_days), "chain": firsts(lex.chain_days), "chain_n": counted,
        "chain_pre": firsts(lex.chain_prefix),
        "duration": firsts(lex.durations), "duration_adj": counted, "nth_day": firsts(lex.nth_day_before),
        "nth_day_bare": firsts(lex.ordinals) if lex.nth_day_bare_verb else set(),
    }
    by_first_word: dict[str, tuple[str, ...]] = {}
    for name in rules:  # dict order is priority order
        for word in starts[name]:
            by_first_word[word] = (*by_first_word.get(word, ()), name)
    names = _shortest_prefixes([*lex.months, *lex.weekdays])
    return _Grammar(MappingProxyType({name: re.compile(src) for name, src in rules.items()}),
                    MappingProxyType(by_first_word), by_first_word.pop("<digit>"),
                    MappingProxyType({_norm(k): v for k, v in lex.year_windows.items()}),
                    tuple(n for n in names if not any(h in n.lower() for h in lex.hot_words)), lex.hot_words)


class _NotADate(Exception):
    """A match whose numbers make no calendar date ("February 30"): not a date expression after all."""


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _month_day(y: int, m: int, d: int) -> int:
    return d if d > 0 else _last_day(y, m) + d + 1


# what "the 5th" can count besides days: "on the 5th floor", "the 35th anniversary"
_ORDINAL_NOUNS = ("anniversary", "century", "floor", "time", "times", "place", "round", "day", "days", "week",
                  "weeks", "month", "year", "years", "grade", "birthday", "congress", "convocation", "session",
                  "district", "microdistrict", "street", "kilometre", "km", "minute", "hour", "generation",
                  "largest", "biggest", "most", "attempt", "edition", "wave", "anniversaries", "article", "paragraph")

_ORDINAL_DAY = re.compile(r"\w+ the \d", re.I)  # the text of an ordinal_day expression

def _short_slash(a: str, b: str) -> str:
    """A yearless slashed date, "1/6", its two numbers in groups ``a`` and ``b``."""
    return rf"(?P<{a}>\d\d?)/(?P<{b}>\d\d?)\b(?![/.,]?\d)"

# "All dates in this log are MM/DD/YYYY", "(day/month/year)"
_SLASH_ORDER_SAID = re.compile(r"\b(mm/dd|dd/mm|month/day|day/month)/(?:yy(?:yy)?|year)\b", re.I)


class _Resolver:
    """Turns regex matches into DateExprs in text order, carrying the previous dated expression for chains."""

    def __init__(self, text: str, anchor: date | None, lex: Lexicon, grammar: _Grammar):
        self.text, self.anchor, self.lex, self.grammar = text, anchor, lex, grammar
        self.ref: date | None = None
        self.aside_until = -1  # "a day earlier, on Feb. 6": a step back that is no new reference day
        self.last_dated: date | None = None  # the last day written with its year: a story's year runs on
        self.last_month: tuple[date, date] | None = None  # the last month(s) written with a year
        self.lead_windows: list[tuple[date, date]] = []  # the months with a year of the first paragraph
        self.carried = False  # the last on() took its year from the story
        self.month_after_day = False  # last_month was written after last_dated
        self.year_said: tuple[int, int, bool] | None = None  # (year, end, opens its paragraph) of the last year written alone
        self.last_year: int | None = None  # the last year written out, for "that year"
        self.last_dated_end = 0  # where last_dated was written
        self.pos = 0  # where the expression being resolved starts
        self.out: list[DateExpr] = []

    @cached_property
    def _folded(self) -> str:
        """``fold(text)``: the tense patterns run over it as their folded twins (screen.search_folded)."""
        return fold(self.text)

    @cached_property
    def _lead_end(self) -> int:
        """Where the first paragraph ends."""
        end = self.text.find("\n\n")
        return end if end >= 0 else len(self.text)

    @cached_property
    def _full_slashes(self) -> list[tuple[str, str, str]]:
        """Every slashed date with its year: without one, a yearless "1/6" is no date ("1/2 of the staff")."""
        return re.findall(r"\b(\d\d?)/(\d\d?)/(\d{4}|\d\d)\b", self.text)

    @cached_property
    def slash_order(self) -> tuple[bool, str]:
        """(day-first, note) for slashed dates, decided by all of them in the text."""
        found = self._full_slashes
        said = _SLASH_ORDER_SAID.search(self.text)
        if said:  # "All dates in this log are MM/DD/YYYY"
            return said[1][0].lower() == "d", "day/month order: as the text declares it"
        parts = [(int(a), int(b)) for a, b, _ in found]
        if found and self.lex.slash_preps:
            preps = _alt([*self.lex.slash_preps, *self.lex.until, *self.lex.since])
            parts += [(int(m["a"]), int(m["b"])) for m in re.finditer(
                rf"\b(?:{preps})\s+{_short_slash('a', 'b')}", self.text)]
        if any(a > 12 for a, _ in parts):
            return True, ""
        if any(b > 12 for _, b in parts):
            return False, ""
        # Both orders are valid: a report does not date its events after its own publication,
        # and the months it names in words tell which order it uses.
        def readings(dayfirst: bool) -> list[date]:
            out = []
            for a, b, y in found:
                year = int(y) if len(y) == 4 else 2000 + int(y)
                month, day = (int(b), int(a)) if dayfirst else (int(a), int(b))
                try:
                    out.append(date(year, month, day))
                except ValueError:
                    pass
            return out
        if self.anchor:  # (a log's "next update: 1/8/2022" is late in either order: a few late ones are allowed)
            late = {order: sum(d > self.anchor for d in readings(order)) for order in (True, False)}
            if late[True] != late[False] and min(late.values()) <= len(found) // 4:
                return late[True] < late[False], "day/month order: the other reading is after publication"
        named = {i for name, i in self.lex.months.items() if re.search(rf"\b{name}\b", self.text)}
        votes = {order: sum(d.month in named for d in readings(order)) for order in (True, False)}
        if votes[True] != votes[False]:
            return votes[True] > votes[False], "day/month order: the months named in the text"
        return True, "ambiguous day/month order; read day-first"

    def short_slash(self, a: str, b: str) -> tuple[date, str]:
        """(day, note) of a yearless slashed date ("on 1/6") in the order of the text's full ones."""
        if not self._full_slashes:
            raise _NotADate
        dayfirst, note = self.slash_order
        month, day = (int(b), int(a)) if dayfirst else (int(a), int(b))
        d = self.on(month, day, None) if 1 <= month <= 12 else None
        if d is None:
            raise _NotADate
        return d, note

    # --- calendar helpers -------------------------------------------------------------------------------------
    def on(self, month: int, day: int, year: str | int | None) -> date | None:
        """The date of a month-day; without a year, the latest one at most _FUTURE_DAYS after the anchor."""
        self.carried = False
        try:
            if year is not None:
                return date(int(year), month, day)
            date(2000, month, day)  # a leap year: only validates
        except ValueError:
            raise _NotADate from None
        self.carried = True
        if self.last_year is not None and self.lex.that_year is not None \
                and self.lex.that_year.match(self.text, self.pos, self.pos + 80) \
                and ((month, day) != (2, 29) or calendar.isleap(self.last_year)):
            return date(self.last_year, month, day)  # "from May to December that year"
        if self.year_said is not None and self.year_said[0] != (self.anchor or date.min).year and \
                self.last_year == self.year_said[0] and \
                0 <= self.pos - self.year_said[1] and self._year_runs_on(*self.year_said):
            # "memories of 2011, when a strike that had begun in May ended on 16 December";
            # "In 2016 the issue was land. ... people gathered there on 24 April."
            y = self.year_said[0]
            if (month, day) != (2, 29) or calendar.isleap(y):
                return date(y, month, day)
        y = self._section_year()
        if y is not None and y != (self.anchor or date.min).year and ((month, day) != (2, 29) or calendar.isleap(y)):
            return date(y, month, day)  # a "2022 год" heading dates its section's "2 января"
        carriers = (self._from_month, self._from_day) if self.month_after_day else (self._from_day, self._from_month)
        for carry in carriers:
            candidate = carry(month, day)
            if candidate is not None:
                return candidate
        for first, last in reversed(self.lead_windows):  # the period the article opens with
            if first.year != last.year or first.year == (self.anchor or date.min).year:
                continue
            if ((month, day) != (2, 29) or calendar.isleap(first.year)) and first <= date(first.year, month, day) <= last:
                return date(first.year, month, day)
        self.carried = False
        if self.anchor is None:
            return None
        limit = self.anchor + timedelta(days=_FUTURE_DAYS)
        if self.lex.past_tense is not None and self.lex.ahead is not None:
            lo, hi = max(0, self.pos - _TENSE_REACH), min(len(self.text), self.pos + _TENSE_REACH)  # (linear
            start = max(self.text.rfind(". ", lo, self.pos), self.text.rfind("\n", lo, self.pos), lo)  # time on
            end = min(x for x in (self.text.find(". ", self.pos, hi), self.text.find("\n", self.pos, hi), hi)  # a
                      if x >= 0)  # text without sentence ends)
            if search_folded(self.lex.past_tense, self.text, self._folded, start, end) \
                    and not search_folded(self.lex.ahead, self.text, self._folded, start, end):
                limit = self.anchor
        for y in range(limit.year, limit.year - 8, -1):
            try:
                candidate = date(y, month, day)
            except ValueError:
                continue
            if candidate <= limit:
                return candidate
        return None

    @cached_property
    def _year_headings(self) -> list[tuple[int, int]]:
        """(position, year) of the lines that are a year alone: "2022 год", "2019", "In 2016:", and of
        the paragraphs a chronology opens with a year ("1986. Thousands of students gathered ...") and
        of the list items headed by one ("* JUNE 1989 - NOVY UZEN: ...")."""
        items = any(f"\n{b}" in self.text for b in "*\u2022\u2013\u2014-") or self.text[:1] in "*\u2022\u2013\u2014-"
        months = [(m.start(), int(m.group(1))) for m in (
            _MONTHS_HEADING.finditer(self.text) if _YEAR_ENDS_LINE.search(self.text) else ())
                  if any(w in self.lex.months for w in re.findall(r"[^\W\d_]+", m.group()))]  # "May–July 2011[edit]"
        return sorted([(m.start(), int(m.group(1))) for rx in (_YEAR_HEADING, YEAR_RUN_IN) + ((_YEAR_ITEM,) if items else ())
                       for m in rx.finditer(self.text)] + months)

    def _section_year(self) -> int | None:
        i = bisect_right(self._year_headings, (self.pos, 10_000))
        return self._year_headings[i - 1][1] if i else None

    def _year_runs_on(self, year: int, end: int, lead: bool) -> bool:
        """Whether a year written alone still dates a yearless day at ``self.pos``: through the
        rest of its sentence, or through its paragraph when it opens the paragraph."""
        if lead:
            return self.pos - end <= _LEAD_REACH and self.text.find("\n", end, self.pos) < 0
        if (closes := _YEAR_CLOSES.match(self.text, end)) and self.pos - closes.end() <= _CARRY_CHARS:
            end = closes.end()  # "Но символом он стал в 2011-м. Забастовка продолжалась с мая по декабрь."
        return self.pos - end <= _CARRY_CHARS and not re.search(r"[.!?]\s|\n", self.text[end:self.pos])

    def _from_day(self, month: int, day: int) -> date | None:
        """"On 16 December 1986 ... On the morning of 17 December": the same story, the same year."""
        if self.last_dated is None or self.last_dated.year == (self.anchor or self.last_dated).year:
            return None
        # within one sentence a story's year runs on for months ("24 апреля 2016 года ..., 30 апреля
        # ..., а 21 мая ...")
        reach = _CARRY_DAYS if self.pos - self.last_dated_end > _LEAD_REACH or re.search(
            r"[.!?]\s|\n", self.text[self.last_dated_end:self.pos]) else 183
        for y in (self.last_dated.year, self.last_dated.year + 1):
            candidate = date(y, month, day) if (month, day) != (2, 29) else None
            if candidate and -reach <= (candidate - self.last_dated).days <= reach:
                return candidate
        return None

    def _from_month(self, month: int, day: int) -> date | None:
        """"Since December 1986 ... On 17 December", "from May to December 2011 ... 16 December"."""
        if self.last_month is None or self.last_month[1].year == (self.anchor or date.min).year:
            return None
        first, last = self.last_month
        for y in sorted({first.year, last.year}):
            if (month, day) != (2, 29) or calendar.isleap(y):
                candidate = date(y, month, day)
                if first <= candidate <= last:
                    return candidate
        return None

    def month_window(self, month: int, first: int, last: int, year: str | None) -> tuple[date, date] | None:
        start = self.on(month, 1, year)
        if start is None:
            return None
        return (date(start.year, month, _month_day(start.year, month, first)),
                date(start.year, month, _month_day(start.year, month, last)))

    def emit(self, start: int, end: int, kind: str, ds: date | None, de: date | None, precision: int,
             year_explicit: bool = False, *, whole_year: bool = False, **extra) -> None:
        a, last = self.anchor, de or ds
        historical = bool(a and last and kind != "since" and (
            last < a - timedelta(days=_HISTORICAL_DAYS) or whole_year and last.year < a.year))
        if ds and not (1900 <= ds.year <= 2100) or de and not (1900 <= de.year <= 2100):
            return
        aside = start <= self.aside_until
        if aside:
            extra["note"] = "; ".join(filter(None, (extra.get("note", ""), ASIDE)))
        renamed = bool(RENAMED_BEFORE_RE.search(self.text, max(0, start - 60), start))
        if renamed:  # ("renamed Nur-Sultan in 2019": the name's date, no event's, and no year for the next date)
            extra["note"] = "; ".join(filter(None, (extra.get("note", ""), NAME_HISTORY)))
        self.out.append(DateExpr(start, end, self.text[start:end], kind, ds, de, precision, year_explicit,
                                 historical, **extra))
        if year_explicit and (ds or de) and not renamed:
            # (a "since" runs to the anchor: its year is the one written)
            self.last_year = ds.year if kind == "since" and ds else (de or ds).year
        if (year_explicit or self.carried) and precision == 1 and kind in ("absolute", "range") and ds:
            self.last_dated, self.month_after_day = ds, False  # ("с 4 по 7 января 2022 года ... 5 января")
            self.last_dated_end = end
        if year_explicit and ds and de and precision >= 3 and kind in ("absolute", "range") \
                and 27 <= (de - ds).days <= 366 and start < self._lead_end and self._names_month(start, end):
            self.lead_windows.append((ds, de))  # "митинги ... в апреле – мае 2016 года" opening an article
        if year_explicit and kind in ("absolute", "since") and ds and precision == 3 and ds.day == 1 \
                and self._names_month(start, end):
            self.last_month = (ds, date(ds.year, ds.month, _last_day(ds.year, ds.month)) if kind == "since"
                               else de or ds)
            self.month_after_day = True  # "... 17 December 1986. From May to December 2011 ...": tried first
        elif year_explicit and kind == "range" and ds and de and (de - ds).days >= 27:
            self.last_month, self.month_after_day = (ds, de), True  # "between 1 January and 31 December 2023"
        elif year_explicit and precision == 1 and ds:
            self.last_month = None  # a later day with its year starts a new story
        if precision == 1 and kind in ("absolute", "relative", "weekday", "range") and de and not aside and not (
                kind == "relative" and de == a and self.ref is not None and a is not None
                and self.ref < a - timedelta(days=_HISTORICAL_DAYS)):
            self.ref = de  # (a story of 1979 goes on "в тот день" after "Сегодня об этих событиях помнят")

    def _names_month(self, start: int, end: int) -> bool:
        """The expression names a month ("December 2011"), not only a year ("from 1990")."""
        words = re.findall(r"[^\W\d_]+", self.text[start:end])
        return any(w in self.lex.months or w.lower() in self.lex.months for w in words)

    def target(self, g: dict, n: str) -> tuple[date | None, date | None, int, bool, bool]:
        """(start, end, precision, year_explicit, whole_year) of whichever dated form of rule group `n` matched."""
        months = self.lex.months
        if g.get(f"nd{n}") or g.get(f"iy{n}"):
            y, mo, d = (int(g[f"ny{n}"]), int(g[f"nm{n}"]), int(g[f"nd{n}"])) if g.get(f"nd{n}") else (
                int(g[f"iy{n}"]), int(g[f"im{n}"]), int(g[f"id{n}"]))
            try:
                day = date(y, mo, d)
            except ValueError:
                raise _NotADate from None
            return day, day, 1, True, False
        if g.get(f"sa{n}"):
            day = self.short_slash(g[f"sa{n}"], g[f"sb{n}"])[0]
            return day, day, 1, False, False
        if mon := g.get(f"mon{n}a") or g.get(f"mon{n}b"):
            d = self.on(months[mon], self._day(g.get(f"day{n}a") or g[f"day{n}b"]), g.get(f"year{n}"))
            return d, d, 1, g.get(f"year{n}") is not None, False
        if part := g.get(f"part{n}"):
            first, last = self.lex.month_parts[_norm(part)]
            window = self.month_window(months[g[f"mon{n}c"]], first, last, g.get(f"year{n}c"))
            return *(window or (None, None)), 2, g.get(f"year{n}c") is not None, False
        if mon := g.get(f"mon{n}d"):
            window = self.month_window(months[mon], 1, -1, g.get(f"year{n}d"))
            return *(window or (None, None)), 3, g.get(f"year{n}d") is not None, False
        y = int(g[f"year{n}e"])
        first, last = self.lex.year_parts.get(_norm(g.get("ypart") or ""), (1, 12))
        return date(y, first, 1), date(y, last, _last_day(y, last)), 3, True, True

    def number(self, word: str) -> tuple[int | None, bool]:
        """(value, approximate) of a small count of days/weeks ("two", "a", "several", "10")."""
        w = _norm(word)
        if w in self.lex.approx_numbers:
            return self.lex.approx_numbers[w], True
        parts = [self.lex.number_words.get(p) for p in w.split()]
        if len(parts) > 1 and all(parts):  # "сорок пять"
            return sum(parts), False
        return self.lex.number_words.get(w) or parse_number(w), False

    def unit(self, word: str) -> str:
        """The calendar unit ('day', 'week', 'month', 'year') a unit word names."""
        w = _norm(word)
        return self.lex.unit_names.get(w, w)

    def _day(self, written: str) -> int:
        """A day of the month as written: "5", "5-го", "двадцать седьмого"."""
        digits = re.match(r"\d+", written)
        return int(digits.group()) if digits else self.lex.day_words[_norm(written)]

    def shift(self, base: date, n: int, unit: str) -> tuple[date, date, int]:
        """The day/week (precision 1/2) or the calendar month/year window (precision 3) `n` units from `base`."""
        if unit == "month":
            first = base.replace(day=1) + relativedelta(months=n)
            return first, first.replace(day=_last_day(first.year, first.month)), 3
        if unit == "year":
            y = base.year + n
            return date(y, 1, 1), date(y, 12, 31), 3
        d = base + timedelta(days=n * _UNIT_DAYS[unit])
        return d, d, 1 if unit == "day" else 2

    # --- one handler per rule -----------------------------------------------------------------------------------
    def iso(self, m, g):
        self.numeric(m, int(g["y"]), int(g["mo"]), int(g["d"]))

    def dotted(self, m, g):
        self.numeric(m, g["y"], int(g["mo"]), int(g["d"]))

    def slashed(self, m, g):
        a, b = int(g["a"]), int(g["b"])
        dayfirst, note = self.slash_order
        self.numeric(m, g["y"], *((b, a) if dayfirst else (a, b)), note=note)

    def slashed_range(self, m, g):
        dayfirst, note = self.slash_order
        (m1, d1), (m2, d2) = [(int(b), int(a)) if dayfirst else (int(a), int(b))
                              for a, b in ((g["a"], g["b"]), (g["a2"], g["b2"]))]
        try:
            first, last = date(self._year(g["y"]), m1, d1), date(self._year(g["y2"]), m2, d2)
        except ValueError:
            raise _NotADate from None
        if last < first:
            raise _NotADate
        self.emit(m.start(), m.end(), "range", first, last, 1, True, note=note)

    def slashed_month(self, m, g):
        """"08/2023" in a text of slashed dates, or opening a line (a report's bullet), is that month."""
        line = self.text[self.text.rfind("\n", 0, m.start()) + 1:m.start()]
        if not self._full_slashes and line.strip(" \t\u2022*-") != "":
            raise _NotADate
        y, mo = int(g["y"]), int(g["mo"])
        self.emit(m.start(), m.end(), "absolute", date(y, mo, 1), date(y, mo, _last_day(y, mo)), 3, True)

    @staticmethod
    def _year(y: str) -> int:
        y = int(y)
        return y if y >= 100 else 2000 + y if y < 70 else 1900 + y

    def slashed_short(self, m, g):
        d, note = self.short_slash(g["a"], g["b"])
        self.emit(m.start("a"), m.end(), "absolute", d, d, 1, False, note=note)

    def ordinal_day(self, m, g):
        first = self.day_in_context(int(g["od1"]))
        last = self.day_in_context(int(g["od2"]), first) if g.get("od2") else first
        if last < first:
            raise _NotADate
        kw = g["kw"].lower()
        if kw in self.lex.until and not g.get("od2"):
            self.emit(m.start(), m.end(), "until", None, first, 1)
        elif kw in self.lex.since and not g.get("od2"):
            self.emit(m.start(), m.end(), "since", first, self.anchor if self.anchor and self.anchor >= first
                      else None, 1, target_end=first)
        else:
            self.emit(m.start(), m.end(), "range" if last != first else "absolute", first, last, 1)

    def day_in_context(self, day: int, base: date | None = None) -> date:
        """"the 5th" in the month of the text's last "the Nth", else of its last day or month written, else of
        the anchor (not after it): a story told in bare days stays in its month ("In 1989 ... on the 5th")."""
        if base is None:
            told = [d for d in self.out if d.date_start and d.date_end and (d.date_end - d.date_start).days <= 31
                    and d.kind in ("absolute", "range", "relative", "weekday")]
            bare = [d for d in told if _ORDINAL_DAY.match(d.text)]
            base = (bare or told or [None])[-1]
            base = base.date_start if base else None
        late_ok = base is not None
        base = base or self.anchor
        if base is None:
            raise _NotADate
        try:
            d = date(base.year, base.month, day)
            if not late_ok and d > base:
                d = (base.replace(day=1) - timedelta(days=1)).replace(day=day)
        except ValueError:
            raise _NotADate from None
        return d

    def calque(self, m, g):
        y, month = int(g["yeark"]), self.lex.months[g["monk"]]
        if g["dayk"]:
            self.numeric(m, y, month, int(g["dayk"]))
        else:
            self.emit(m.start(), m.end(), "absolute", date(y, month, 1), date(y, month, _last_day(y, month)), 3, True)

    def numeric(self, m, y, month, day, note=""):
        y = self._year(y)
        d = self.on(month, day, y) if 1 <= month <= 12 else None
        if d is None:
            raise _NotADate
        self.emit(m.start(), m.end(), "absolute", d, d, 1, True, note=note)

    def range_md(self, m, g):
        self.range(m, g)

    def range_dm(self, m, g):
        self.range(m, g)

    def range(self, m, g):
        months = self.lex.months
        m2 = months[g["mon2"]] if g.get("mon2") else months[g["mon1"]]
        m1 = months[g["mon1"]] if g.get("mon1") else m2
        d1, d2, y1, y2 = self._day(g["day1"]), self._day(g["day2"]), g.get("year1"), g.get("year2")
        if _norm(g["conn"]) in self.lex.list_links and _norm(g.get("pre") or "") not in self.lex.between:
            first = self.on(m1, d1, y1 or y2)
            second = self.on(m2, d2, y2)
            cut = m.start("conn")
            self.emit(m.start(), len(self.text[:cut].rstrip()), "absolute", first, first, 1, bool(y1 or y2))
            after = m.end("conn") + len(self.text[m.end("conn"):]) - len(self.text[m.end("conn"):].lstrip())
            self.emit(after, m.end(), "absolute", second, second, 1, bool(y2))
            return
        if m1 > m2 and not y1 and y2:
            y1 = int(y2) - 1
        start = self.on(m1, d1, y1 or y2)
        end = self.on(m2, d2, y2) if y2 or start is None else None
        if start and end is None:
            self.on(m2, d2, None)  # validates
            end = date(start.year, m2, d2) if (m2, d2) >= (m1, d1) else date(start.year + 1, m2, d2)
        if start and end and end < start:
            raise _NotADate
        self.emit(m.start(), m.end(), "range", start, end, 1, bool(y1 or y2))

    def until(self, m, g):
        _, end, precision, explicit, whole_year = self.target(g, "1")
        if end and not explicit and self.ref and precision == 1 and _LASTED_BEFORE.search(
                self.text, max(0, m.start() - 40), m.start()):
            # "went on strike on 26 May 2011. The strike lasted until 16 December": of 2011
            try:
                end = date(self.ref.year, end.month, end.day)
                end = end if end >= self.ref else date(end.year + 1, end.month, end.day)
            except ValueError:
                pass
        if end and not explicit and self.ref and end < self.ref and precision == 1:
            try:  # "declared on 17 December 2011 ... until 5 January": of 2012
                end = end.replace(year=end.year + 1)
            except ValueError:
                pass
        frm = _FROM_MONTH.search(self.text, max(0, m.start() - 25), m.start())
        month = self.lex.months.get(frm["mon"].rstrip(".")) if frm else None
        if month and end and frm["kw"].lower() in self.lex.range_starts:
            # "The strike lasted from May until 16 December 2011": May to that day
            start = date(end.year - (month > end.month), month, 1)
            self.emit(frm.start(), m.end(), "range", start, end, 1, explicit)
            return
        self.emit(m.start(), m.end(), "until", None, end, precision, explicit, whole_year=whole_year)

    def since(self, m, g):
        start, own_end, precision, explicit, _ = self.target(g, "1")
        if explicit and start and self.anchor and (self.anchor - start).days > 5 * 365 \
                and _SINCE_WHEN.match(self.text, m.end()):  # "counted from December 1986, when students
            self.emit(m.start(), m.end(), "absolute", start, own_end, precision, explicit)  # rallied": then
            return
        end = self.anchor if self.anchor and start and self.anchor >= start else None
        self.emit(m.start(), m.end(), "since", start, end, precision, explicit, target_end=own_end)

    def dated(self, m, g):
        d, _, _, explicit, _ = self.target(g, "1")
        wd = self.lex.weekdays[g["wd1"]] if g.get("wd1") else None
        note = "weekday does not match the date" if wd is not None and d and d.weekday() != wd else ""
        self.emit(m.start(), m.end(), "absolute", d, d, 1, explicit, weekday=wd, note=note)

    def part_of_month(self, m, g):
        start, end, precision, explicit, _ = self.target(g, "1")
        self.emit(m.start(), m.end(), "vague", start, end, precision, explicit)

    def month(self, m, g):
        start, end, precision, explicit, _ = self.target(g, "1")
        last = self.out[-1] if self.out else None
        if not explicit and start and precision == 3 and last is not None and last.kind == "relative" \
                and last.date_start and re.fullmatch(r"[\s,]*", self.text[last.end:m.start()]):
            # "Six months later, in August": the August of that later time, not the latest one
            y = min((last.date_start.year + k for k in (-1, 0, 1)),
                    key=lambda y: abs((date(y, start.month, 15) - last.date_start).days))
            start, end = date(y, start.month, 1), date(y, start.month, _last_day(y, start.month))
        self.emit(m.start(), m.end(), "absolute", start, end, precision, explicit)

    month_year = month

    def month_last(self, m, g):
        if self.anchor is None:
            raise _NotADate
        mon = self.lex.months[g["mon1l"].rstrip(".")]
        y = self.anchor.year if mon < self.anchor.month else self.anchor.year - 1
        self.emit(m.start(), m.end(), "relative", date(y, mon, 1), date(y, mon, _last_day(y, mon)), 3)

    def month_range(self, m, g):
        m1, m2 = self.lex.months[g["mon1m"].rstrip(".")], self.lex.months[g["mon2m"].rstrip(".")]
        end = self.on(m2, 1, g.get("yearm"))
        if end is None:
            raise _NotADate
        y1 = end.year if m1 <= m2 else end.year - 1
        self.emit(m.start(), m.end(), "absolute", date(y1, m1, 1), date(end.year, m2, _last_day(end.year, m2)), 3,
                  bool(g.get("yearm")))

    def year(self, m, g):
        start, end, precision, _, _ = self.target(g, "1")
        self.emit(m.start(), m.end(), "absolute", start, end, precision, True, whole_year=True)
        if start:
            line = self.text.rfind("\n", 0, m.start()) + 1
            self.year_said = (start.year, m.end(), m.start() - line <= _LEAD_CHARS
                              or not re.search(r"[.!?]\s", self.text[line:m.start()]))


    year_named = year

    def year_window(self, m, g):
        key = _norm(re.sub(r"(?i)\bthe\s+", "", g["phrase"]))
        (m1, d1), (m2, d2), precision = self.grammar.year_windows[key]
        start = self.on(m1, d1, None)
        end = None if start is None else date(start.year + ((m2, d2) < (m1, d1)), m2, d2)
        since = self._since_before(m.start()) if start and self.anchor and self.anchor >= start else None
        if since is not None:  # "since the beginning of the year more than 100 people have been detained"
            self.emit(since, m.end(), "since", start, self.anchor, precision, target_end=end)
            return
        self.emit(m.start(), m.end(), "vague", start, end, precision)

    def ago(self, m, g):
        n, approx = self.number(g["n"])
        if self.anchor is None or n is None:
            return self.emit(m.start(), m.end(), "relative", None, None, 2 if approx else 1)
        unit = self.unit(g["unit"])
        start, end, precision = self.shift(self.anchor, -n, unit)
        self.emit(m.start(), m.end(), "relative", start, end, max(precision, 2 if approx else 1),
                  whole_year=unit == "year")

    def anniversary(self, m, g):
        n, approx = self.number(g["n"])
        if self.anchor is None or n is None or self.unit(g["unit"]) != "year":
            raise _NotADate
        day = self.anchor + timedelta(days=self.lex.relative_days[_norm(g["phrase"])])
        try:
            then = day.replace(year=day.year - n)
        except ValueError:  # 29 February
            then = day.replace(year=day.year - n, day=28)
        self.emit(m.start(), m.end(), "absolute", then, then, 2 if approx else 1, True)

    def relative_period(self, m, g):
        unit, offset = self.lex.relative_periods[_norm(g["phrase"])]
        if offset is None:  # "that month": of the day told before, whatever the anchor
            if self.ref is None:
                raise _NotADate
            r = self.ref
            return self.emit(m.start(), m.end(), "absolute", date(r.year, r.month, 1),
                             date(r.year, r.month, _last_day(r.year, r.month)), 3, True)
        a = self.anchor
        if a is None:
            return self.emit(m.start(), m.end(), "relative", None, None, 2 if unit == "week" else 3)
        if unit == "week":
            start = a - timedelta(days=a.weekday()) + timedelta(weeks=offset)
            start, end, precision = start, start + timedelta(days=6), 2
        elif unit == "weekend":  # the latest Saturday-Sunday begun by the anchor ("last" on a weekend: the one before)
            start = a - timedelta(days=(a.weekday() - 5) % 7 + (7 if offset < 0 and a.weekday() >= 5 else 0))
            end, precision = start + timedelta(days=1), 2
            return self.emit(m.start(), m.end(), "relative", start, min(end, a), precision)
        else:
            start, end, precision = self.shift(a, offset, unit)
        self.emit(m.start(), m.end(), "relative", start, min(end, a) if offset == 0 else end, precision,
                  whole_year=unit == "year")

    def weekday(self, m, g):
        wd = self.lex.weekdays[g["wd1"]]
        mod = self.lex.weekday_mods.get(_norm(g.get("mod") or ""))
        week = self.lex.weekday_weeks.get(_norm(g["wk"])) if g.get("wk") else None
        if week is None and mod is None and self.lex.weekday_weeks:
            week = self._week_before(m.start())
        d = None
        if self.anchor:
            if week is not None:  # "в среду на прошлой неделе", "last week on Wednesday": that week's day
                d = self.anchor - timedelta(days=self.anchor.weekday()) + timedelta(weeks=week, days=wd)
            elif mod is None:  # bare: news says "on Tuesday" for the day it is published, too
                d = _weekday_on_or_before(self.anchor, wd)
            elif mod == 0 and self.anchor.weekday() == wd:
                d = self.anchor
            elif mod > 0:
                d = _weekday_on_or_after(self.anchor + timedelta(days=1), wd)
            else:
                d = _weekday_on_or_before(self.anchor - timedelta(days=1), wd)
        since = self._since_before(m.start()) if d and self.anchor else None
        if since is not None:  # "have been on strike since Friday": that Friday to now
            self.emit(since, m.end(), "since", d, self.anchor, 1, weekday=wd, target_end=d)
            return
        self.emit(m.start(), m.end(), "weekday", d, d, 1, weekday=wd)

    week_weekday = weekday

    def _week_before(self, pos: int) -> int | None:
        """The week a sentence named before its bare weekday: "Last week, the wives held a sit-in
        ... from Wednesday to Friday" is that week's Wednesday."""
        lo = max(0, pos - 120)
        window = self.text[lo:pos]
        cut = max(window.rfind(". "), window.rfind("\n"), window.rfind("; "))
        found = None
        for mt in _week_phrases(self.lex).finditer(window, cut + 1):
            found = mt
        return self.lex.weekday_weeks.get(_norm(found.group())) if found else None

    def _since_before(self, pos: int) -> int | None:
        """Where a "since" written right before ``pos`` starts ("since Friday", "since the
        beginning of the year"), for the expressions the "since" rule does not take."""
        lo = max(0, pos - 20)
        before = self.text[lo:pos].lower()
        k = next((k for k in self.lex.since if re.search(rf"(?<!\w){re.escape(k)}\s+$", before)), None)
        return None if k is None else lo + before.rindex(k)  # (the window only: no whole-text lower())

    def relative_day(self, m, g):
        if re.search(rf"\b(?:{'|'.join(map(re.escape, self.lex.ago))})[\s,]*$", self.text[max(0, m.start() - 12):m.start()],
                     re.IGNORECASE):
            raise _NotADate  # "Thirty-five years ago today, on 17 June 1989": the anniversary, not the day
        if _GLOSS_TODAY.search(self.text, max(0, m.start() - 3), m.start()) and \
                _GLOSS_NAME.match(self.text, m.end()):
            raise _NotADate  # "Brezhnev Square, today Republic Square, in Almaty": a name now, no day
        if m.group()[:1].isupper() and _NAME_BEFORE.search(self.text, max(0, m.start() - 30), m.start()):
            raise _NotADate  # "the news site Abai Today", "USA Today": a title, no day
        offset = self.lex.relative_days[_norm(g["phrase"])]
        d = self.anchor + timedelta(days=offset) if self.anchor else None
        since = self._since_before(m.start()) if d is not None and offset < 0 else None
        if since is not None:  # "since yesterday", "со вчерашнего вечера": going on until the anchor
            self.emit(since, m.end(), "since", d, self.anchor, 1, target_end=d)
            return
        self.emit(m.start(), m.end(), "relative", d, d, 1)

    def chain(self, m, g):
        offset = self.lex.chain_days[_norm(g["phrase"])]
        if self.lex.eve_of and self.lex.eve_of.match(self.text, m.start()):
            raise _NotADate  # "8 июня, накануне выборов": on the eve of an event, not a day of its own
        # "the day before" with no day told yet is before the report ("the next day" is unknown)
        base = self.ref or (self.anchor if offset <= 0 else None)
        d = base + timedelta(days=offset) if base else None
        if offset < 0 and self.ref is not None:
            self.aside_until = m.end() + _ASIDE_GLOSS
        if d and self.lex.until and re.search(rf"\b(?:{_alt(self.lex.until)})\s+$", self.text[max(0, m.start() - 12):m.start()]):
            # "gathered on 25 February and stayed until the next evening": an end, not the day
            return self.emit(m.start(), m.end(), "until", None, d, 1)
        self.emit(m.start(), m.end(), "relative", d, d, 1)

    def chain_n(self, m, g):
        n, approx = self.number(g["n"])
        unit = self.unit(g["unit"])
        if self.ref is None or n is None:
            return self.emit(m.start(), m.end(), "relative", None, None, 1 if unit == "day" and not approx else 2)
        sign = 1 if _norm(g["dir"]) in self.lex.later else -1
        start, end, precision = self.shift(self.ref, sign * n, unit)
        if sign < 0:
            self.aside_until = m.end() + _ASIDE_GLOSS
        self.emit(m.start(), m.end(), "relative", start, end, max(precision, 2 if approx else 1))

    def nth_day(self, m, g):
        """"now in its fifth day" (or ", the fourth day of protests"): from N - 1 days before the
        anchor to it. A bare "the third day" dates it only after a comma or "now"/"today"
        ("on the third day, police moved in" counts from a start we do not know)."""
        if _norm(g.get("pre") or "") in self.lex.articles and not re.search(
                r"(?:,|\bnow|\btoday|\bis|\bmarks?|\bmarking)\s*$", self.text[max(0, m.start() - 12):m.start()]):
            raise _NotADate
        word = _norm(g["ord"])
        n = self.lex.ordinals.get(word) or int(re.match(r"\d+", word).group())
        days = 7 if self.unit(g["nthunit"]) == "week" else 1
        if self.anchor is None or not 2 <= n <= 31:
            raise _NotADate
        start = m.start()
        last = self.out[-1] if self.out else None
        if last is not None and last.date_end == self.anchor and re.fullmatch(r",?\s*", self.text[last.end:start]):
            start = self.out.pop().start  # "today, the fourth day of protests": one expression
        self.emit(start, m.end(), "range", self.anchor - timedelta(days=days * (n - 1)), self.anchor, 1)

    nth_day_bare = nth_day

    def chain_pre(self, m, g):  # the prefix is a "later" word: "через два дня", "спустя неделю"
        self.chain_n(m, {**g, "dir": self.lex.later[0]})

    def duration(self, m, g):
        n, approx = self.number(g["n"])
        unit = self.unit(g["unit"])
        days = None if n is None or approx else n * _UNIT_DAYS[unit]
        precision = {"day": 1, "week": 2}.get(unit, 3)
        self.emit(m.start(), m.end(), "duration", None, None, precision, days=days)

    duration_adj = duration


def _weekday_on_or_before(d: date, wd: int) -> date:
    """``d + relativedelta(weekday=wd(-1))``, without building a relativedelta (a profile hot spot)."""
    return d - timedelta(days=(d.weekday() - wd) % 7)


def _weekday_on_or_after(d: date, wd: int) -> date:
    """``d + relativedelta(weekday=wd(+1))``."""
    return d + timedelta(days=(wd - d.weekday()) % 7)


def _scan(text: str, grammar: _Grammar) -> list[tuple[str, re.Match]]:
    """Left-to-right, non-overlapping rule matches; at each word start the first rule (in priority order) wins.

    Only word starts up to _REACH characters before a hot spot (a digit, a month/weekday name, a hot word) are
    tried, since every expression contains one that near its start; and there only the rules that can begin with
    that word.
    """
    def match_at(word: re.Match):
        w = word.group()
        names = grammar.digit_rules if w[0].isdigit() else (
            grammar.by_first_word.get(w) or grammar.by_first_word.get(w.lower(), ()))
        for name in names:
            if m := grammar.rules[name].match(text, word.start()):
                return (name, m), m.end()
        return None

    spots = hot_spots(text, ("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", *grammar.hot_exact), grammar.hot_lower)
    return scan_hot(text, spots, _REACH, match_at)


def date_spans(text: str, *, lexicon: Lexicon = ENGLISH) -> list[tuple[int, int]]:
    """(start, end) of every date expression, without resolving them: cheap, for masking dates out of numbers."""
    return [m.span() for _, m in _scan(text, _grammar(lexicon))]


# a column of what happened on this day in other years: each year's paragraph is this day of that year
ON_THIS_DAY_RE = re.compile(r"\b(?:on this (?:day|date)|this day in history|(?:в )?этот день(?: в истории)?|"
                            r"в этот же день)\b", re.I)


def on_this_day(text: str, anchor: date | None) -> list[tuple[int, date]]:
    """(position, day) of each year paragraph of an "On this day" column ("2011. A day after ..."): the
    anchor's day and month in that year; empty for any other text."""
    if anchor is None or not may_match(ON_THIS_DAY_RE, fold(text[:800]), 0, 800) \
            or not ON_THIS_DAY_RE.search(text, 0, 800):  # (the screen: the pattern cost ~60 µs a call)
        return []
    out = []
    for m in YEAR_RUN_IN.finditer(text):
        try:
            out.append((m.start(), date(int(m.group(1)), anchor.month, anchor.day)))
        except ValueError:  # 29 February
            continue
    return out


def _resolve(scan: list[tuple[str, re.Match]], text: str, anchor: date | None, lex: Lexicon) -> list[DateExpr]:
    resolver = _Resolver(text, anchor, lex, _grammar(lex))
    days = on_this_day(text, anchor)
    stamps = _message_days(text, anchor)
    for name, m in scan:
        resolver.pos = m.start()
        while days and days[0][0] <= m.start():
            resolver.ref = days.pop(0)[1]  # "The same evening", "the next day": of that year's day
        while stamps and stamps[0][0] <= m.start():
            resolver.anchor = stamps.pop(0)[1]  # "[14.05.2025, 06:15] Aigerim: yesterday ...": of the 13th
        try:
            getattr(resolver, name)(m, m.groupdict())
        except _NotADate:
            continue
        day = _day_heading(text, resolver.out[-1]) if resolver.out else None
        if name == "weekday" and anchor is not None and resolver.anchor != anchor \
                and _weekday_heading(text, resolver.out[-1]):
            # a digest's "SATURDAY" or "SUNDAY – ELECTION DAY" after "Friday, 17 March": the next one
            later = _weekday_on_or_after(resolver.anchor + timedelta(days=1), resolver.out[-1].weekday)
            if later <= anchor:
                resolver.out[-1] = replace(resolver.out[-1], date_start=later, date_end=later)
                day = later
        if day is not None and anchor is not None and 0 <= (anchor - day).days <= _LIVE_DAYS:
            resolver.anchor = day  # a live blog's "Thursday, 6 January": its "today" is that day
    return _joined_relatives(text, resolver.out)


_YEAR_WORD = re.compile(r"\b(?:year|года)\b", re.I)
_AGO_THIS = re.compile(r"[\w-]+(?:\s+[\w-]+)?\s+years?\s+ago[\s,]+this\s+(?:week|month)", re.I)
_MONTH_YEAR_GAP = re.compile(r"[\s,]*(?:of\s+(?:the\s+)?)?", re.I)


def _joined_relatives(text: str, out: list[DateExpr]) -> list[DateExpr]:
    """Two expressions that are one: "in July last year" (the month of that year: the month alone
    was read as this year's, the year as a window of its own) and "ten years ago this week" (this
    week, ten years back)."""
    merged: list[DateExpr] = []
    for e in out:
        prev = merged[-1] if merged else None
        if prev is not None and e.kind == "relative" and e.precision == 3 and e.date_start \
                and e.date_start.month == 1 and e.date_start.day == 1 and _YEAR_WORD.search(e.text) \
                and prev.kind == "absolute" and prev.precision == 3 and not prev.year_explicit and prev.date_start \
                and prev.date_end and prev.date_start.month == prev.date_end.month \
                and _MONTH_YEAR_GAP.fullmatch(text, prev.end, e.start):
            y, mo = e.date_start.year, prev.date_start.month
            merged[-1] = replace(prev, end=e.end, text=text[prev.start:e.end], date_start=date(y, mo, 1),
                                 date_end=date(y, mo, _last_day(y, mo)), year_explicit=True,
                                 historical=e.historical)
            continue
        if prev is not None and e.kind == "relative" and prev.kind == "relative" and prev.precision == 3 \
                and prev.date_start and e.date_start and e.date_end and _AGO_THIS.fullmatch(text, prev.start, e.end):
            # "Ten years ago this week": this week, ten years back
            back = e.date_start.year - prev.date_start.year
            try:
                ds, de = e.date_start.replace(year=e.date_start.year - back), e.date_end.replace(
                    year=e.date_end.year - back)
            except ValueError:  # (29 February)
                ds, de = prev.date_start, prev.date_end
            merged[-1] = replace(e, start=prev.start, text=text[prev.start:e.end], date_start=ds, date_end=de,
                                 year_explicit=True, historical=prev.historical)
            continue
        if prev is not None and e.kind == prev.kind == "weekday" and prev.date_start and e.date_start \
                and prev.date_start < e.date_start and (e.date_start - prev.date_start).days < 7 \
                and _WEEKDAY_SPAN.fullmatch(text, prev.end, e.start) \
                and _FROM_BEFORE.search(text, max(0, prev.start - 6), prev.start):
            # "from Wednesday to Friday": one span of days
            merged[-1] = replace(prev, end=e.end, text=text[prev.start:e.end], kind="range", date_end=e.date_end)
            continue
        merged.append(e)
    return merged


_WEEKDAY_SPAN = re.compile(r"\s*(?:to|until|till|through|[\u2013\u2014-]|по)\s*", re.I)
_FROM_BEFORE = re.compile(r"\b(?:from|с|со)\s+$", re.I)


# a chat export's message stamp with its year: "[12.05.2025, 07:58] Gulnara:", "12.05.2025 07:58 - Marat:"
_MESSAGE_STAMP = re.compile(r"(?m)^[ \t]*\[?(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}),?[ \t]+\d{1,2}:\d{2}"
                            r"(?::\d{2})?\]?[ \t]*(?:[-\u2013][ \t]*)?[^\n:]{1,40}:")


_STAMP_SCREEN = re.compile(r"\d\.\d{4},?[ \t]+\d{1,2}:\d\d")


def _message_days(text: str, anchor: date | None) -> list[tuple[int, date]]:
    """(end, day) of each message stamp of a chat export: its "today" and "yesterday" are of that day."""
    if anchor is None or not _STAMP_SCREEN.search(text):  # (the pattern, opening with "^", scans slowly)
        return []
    out = []
    for mt in _MESSAGE_STAMP.finditer(text):
        try:
            day = date(int(mt["y"]), int(mt["m"]), int(mt["d"]))
        except ValueError:
            continue
        if 0 <= (anchor - day).days <= _LIVE_DAYS:
            out.append((mt.end(), day))
    return out


@cache
def _week_phrases(lex: Lexicon) -> re.Pattern[str]:
    return re.compile(rf"\b{_alt(lex.weekday_weeks)}\b", re.I)


def _weekday_heading(text: str, e: DateExpr) -> bool:
    """A weekday opening a short paragraph of its own ("SATURDAY", "Sunday – election day")."""
    if e.kind != "weekday" or e.weekday is None or not (e.start == 0 or text[max(0, e.start - 2):e.start] == "\n\n"):
        return False
    line_end = text.find("\n", e.end)
    line = text[e.start:len(text) if line_end < 0 else line_end]
    return len(line) <= 40 and not line.rstrip().endswith((".", "!", "?", ",")) \
        and (line_end < 0 or text.startswith("\n\n", line_end))


def _day_heading(text: str, e: DateExpr) -> date | None:
    """The day of a line that holds only this date ("Thursday, 6 January", "06.01.2022")."""
    if e.precision != 1 or e.kind not in ("absolute", "weekday") or not e.date_start:
        return None
    line_start = text.rfind("\n", max(0, e.start - 80), e.start) + 1
    line_end = text.find("\n", e.end, e.end + 80)
    if line_start == 0 and e.start > 80 or line_end < 0 and len(text) > e.end + 80:
        return None  # a long line is no heading
    rest = text[line_start:e.start] + text[e.end:len(text) if line_end < 0 else line_end]
    alone = (line_start == 0 or text[line_start - 2:line_start] == "\n\n" or line_start == 1) \
        and not re.search(r"[^\W\d_]", rest)
    return e.date_start if alone else None


# The first letter of a sentence or line after the text's first (most are lower-case in a chat or forum
# post typed in lower case). Each branch opens with a literal, which gives re a fast scan for the four
# characters ("^|[.!?]\s+|..." was tried at every position: ~180 µs an article).
SENTENCE_START_RE = re.compile(r"(?:\.\s|!\s|\?\s|\n)\s*([^\W\d_])")
LETTER_RE = re.compile(r"[^\W\d_]")
WORD_START_RE = re.compile(r"\b([^\W\d_])[^\W\d_]{2}")


@lru_cache(maxsize=8)  # (asked by the places, sentence and date stages of one article)
def lower_case_text(text: str, sample: int = 4000) -> bool:
    """A text typed in lower case ("went to aktau last saturday"): its names are lower case too."""
    letters = [text[0]] if sample > 0 and LETTER_RE.match(text, 0, 1) else []
    letters += SENTENCE_START_RE.findall(text, 0, sample)
    if len(letters) >= 4:
        return sum(c.islower() for c in letters) * 3 >= len(letters) * 2
    # hardly a sentence end ("[00:00:22] oral: so basically the miners at the open pit in rudny
    # stopped work on monday"): hardly a capital in its words either
    words = WORD_START_RE.findall(text, 0, sample)
    return len(words) >= 40 and sum(c.isupper() for c in words) * 50 < len(words)


# month and weekday names a lower-case text writes in lower case; "may", "march" and "sat" are words too,
# so they count only next to a number ("15 may", "may 15")
_LOWER_CALENDAR = re.compile(
    r"\b(?:(?:january|february|april|june|july|august|september|october|november|december|jan|feb|apr|jun|jul|"
    r"aug|sep|sept|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"|(?:may|march)\b(?=\s+\d)|(?<=\d\s)(?:may|march)\b)")


# a month in capitals before a year or a day: a factbox's "* DECEMBER 1986 - ALMA-ATA:", "MAY-DECEMBER 2011"
_UPPER_MONTHS = tuple(name.upper() for name in calendar.month_name if name)
_UPPER_CALENDAR = re.compile(rf"\b(?:{'|'.join(_UPPER_MONTHS)})\b(?=(?:\s*[-\u2013/]\s*[A-Z]+)?\s+\d)")


def _calendar_case(text: str, lex: Lexicon) -> str:
    """``text`` with its lower-case month and weekday names capitalised (same length: offsets hold) when
    it is typed in lower case and the language capitalises them (English), and its capital months
    dated by a number; else ``text`` itself."""
    if lex is not ENGLISH:
        return text
    if any(name in text for name in _UPPER_MONTHS):
        text = _UPPER_CALENDAR.sub(lambda m: m.group().capitalize(), text)
    if not lower_case_text(text):
        return text
    return _LOWER_CALENDAR.sub(lambda m: m.group().capitalize(), text)


def find_dates(text: str, anchor: date | None, *, lexicon: Lexicon = ENGLISH) -> list[DateExpr]:
    """Date expressions in `text`, sorted and non-overlapping, resolved against `anchor` (the publication date)."""
    text = _calendar_case(text, lexicon)
    return _with_extras(text, _resolve(_scan(text, _grammar(lexicon)), text, anchor, lexicon), anchor, lexicon)


def _with_extras(text: str, found: list[DateExpr], anchor: date | None, lexicon: Lexicon) -> list[DateExpr]:
    """The grammar's dates with a feed's line stamps and the seasons added; a day written with a
    year no reading accepts ("5 January 9999") is no date at all, not a day of the anchor's year."""
    found = [d for d in found if d.year_explicit or not _BAD_YEAR_AFTER.match(text, d.end)]
    if anchor is None:
        return found
    if ":" in text or "." in text:
        found = _with_stamps(text, found, anchor, lexicon)
    return _with_seasons(text, found, anchor, lexicon) if lexicon.seasons is not None else found


_BAD_YEAR_AFTER = re.compile(r",?[ \t]+(?:0\d{3}|\d{4}(?![ \t]*[^\W\d_]))(?!\d)")  # (not "5 January 3000 people")
# A feed's entry stamp at the start of a line: "[11.08 10:47]", "11.08, 10:47", "05.01.22 09:15"
_STAMP = re.compile(r"(?m)^[ \t]*\[?(?:(?P<wd>[^\W\d_]+),?[ \t]+)?(?P<d>\d{1,2})\.(?P<m>\d{1,2})"
                    r"(?:\.(?P<y>\d{4}|\d{2}))?(?:,?[ \t]+\d{1,2}:\d{2}\b\]?|[ \t]*$"
                    # a table's first cell: "03.04 | Taraz | picket", "18.04-20.04 | Zhanaozen"
                    r"|(?:[ \t]*[-\u2013][ \t]*(?P<d2>\d{1,2})\.(?P<m2>\d{1,2}))?(?=[ \t]*\|))")
# a yearless day-first date in a sentence: "detained at their homes on 11.05" (found by its digits, which
# re scans for, the words before it checked after)
_DAY_MONTH = re.compile(r"o(?P<w>n|f)[ \t]+(?P<od>\d{1,2})\.(?P<om>\d\d)\b"
                        r"(?![.,:]?\d|[ \t]*(?:%|percent|per cent|million|billion|tenge|hours?|h\b|[ap]\.?m\b))")


def _day_month_lead(text: str, mt: re.Match) -> bool:
    """"on 11.05" with "on" a word of its own, "the morning of 21.04"."""
    before = text[max(0, mt.start() - 12):mt.start()]
    if before and (before[-1].isalnum() or before[-1] == "_"):
        return False
    return mt["w"] == "n" or before.rstrip().endswith(("morning", "evening", "night", "afternoon"))


def _with_stamps(text: str, found: list[DateExpr], anchor: date, lex: Lexicon) -> list[DateExpr]:
    """Day-first entry stamps of a live feed or a Telegram channel ("[11.08 10:47]") and digest
    headings ("WEDNESDAY 15.03"), a day each (a yearless one in the latest year that does not put it
    after the anchor); a weekday written before the stamp is part of it."""
    extra, inside = [], []
    weekdays = {w.lower() for w in lex.weekdays}
    in_text = [mt for mt in _DAY_MONTH.finditer(text) if _day_month_lead(text, mt)]
    for mt in sorted([*_STAMP.finditer(text), *in_text], key=lambda mt: mt.start()):
        g = mt.groupdict()
        if g.get("wd") and g["wd"].lower() not in weekdays:
            continue
        d_, m_ = ("od", "om") if g.get("od") else ("d", "m")
        a = mt.start("wd") if g.get("wd") else mt.start(d_)
        b = mt.end("y") if g.get("y") else mt.end("m2") if g.get("m2") else mt.end(m_)
        if any(d.start < b and mt.start(d_) < d.end for d in found):
            continue
        day, month = int(mt[d_]), int(mt[m_])
        years = [int(g["y"]) + (2000 if len(g["y"]) == 2 else 0)] if g.get("y") else [anchor.year, anchor.year - 1]
        for y in years:
            try:
                when = last = date(y, month, day)
                if g.get("m2"):
                    last = date(y, int(g["m2"]), int(g["d2"]))
            except ValueError:
                break
            if last < when:
                break
            if g.get("y") or last <= anchor:
                extra.append(DateExpr(a, b, text[a:b], "range" if last != when else "absolute", when, last, 1,
                                      bool(g.get("y")), last < anchor - timedelta(days=_HISTORICAL_DAYS)))
                inside.append((a, b))
                break
    if not extra:
        return found
    kept = [d for d in found if not any(a <= d.start and d.end <= b for a, b in inside)]  # the weekday word
    return sorted(kept + extra, key=lambda d: d.start)


def _with_seasons(text: str, found: list[DateExpr], anchor: date, lex: Lexicon) -> list[DateExpr]:
    """Add the seasons ("this winter", "last summer", "in the spring of 2016") to the other dates: three
    months each (winter from December), the one named by its year, else the latest begun by the anchor
    ("last": the latest ended)."""
    if not may_match(lex.seasons, fold(text), 0, len(text)):
        return found  # no season word: the pattern, tried at every position, cost ~0.5 ms an article
    extra, dropped = [], set()
    for mt in lex.seasons.finditer(text):
        inside = [d for d in found if d.start < mt.end() and mt.start() < d.end]
        if not (mt["year"] or mt["mod"]) or any(  # (the year of "the spring of 2016" gives way)
                d.start < mt.start() or d.end > mt.end() or d.precision != 3 for d in inside):
            continue
        dropped.update(id(d) for d in inside)
        first = next(m for stem, m in lex.season_months.items() if mt["season"].lower().startswith(stem))
        if mt["year"]:
            year = int(mt["year"]) - (1 if first == 12 else 0)  # "the winter of 2011": December 2010 on
        else:
            year = anchor.year if (anchor.month, anchor.day) >= (first, 1) else anchor.year - 1
            if mt["mod"].lower() in lex.season_last and anchor < date(year, first, 1) + relativedelta(months=3):
                year -= 1  # "last summer" said in July: the summer before
        start = date(year, first, 1)
        end = start + relativedelta(months=3) - timedelta(days=1)
        extra.append(DateExpr(mt.start(), mt.end(), mt.group(), "absolute", start, end, 3, bool(mt["year"]),
                              end < anchor - timedelta(days=_HISTORICAL_DAYS)))
    if not extra:
        return found
    return _season_story(text, sorted([d for d in found if id(d) not in dropped] + extra, key=lambda d: d.start),
                         anchor)


def _season_story(text: str, dates: list[DateExpr], anchor: date | None) -> list[DateExpr]:
    """"Весной 2016 года ... Все началось 24 апреля в Атырау ... А 21 мая": the yearless days of a
    paragraph that a season with its year opens are of that season while they fall in it (the
    season is added after the grammar's pass, whose year carry-over cannot see it)."""
    out = list(dates)
    for i, season in enumerate(dates):
        if not (season.year_explicit and season.kind == "absolute" and season.precision == 3 and season.date_start
                and season.date_end and 80 <= (season.date_end - season.date_start).days <= 95):
            continue
        for k in range(i + 1, len(dates)):
            d = dates[k]
            if d.year_explicit or "\n" in text[season.end:d.start] or d.start - season.end > _LEAD_REACH:
                break
            if d.kind != "absolute" or not d.date_start or season.date_start <= d.date_start <= season.date_end:
                continue
            end = d.date_end or d.date_start
            for y in sorted({season.date_start.year, season.date_end.year}):
                try:  # (the winter of 2011 runs from December 2010)
                    ds, de = d.date_start.replace(year=y), end.replace(year=y + end.year - d.date_start.year)
                except ValueError:  # (29 February)
                    continue
                if season.date_start <= ds and de <= season.date_end:
                    out[k] = replace(d, date_start=ds, date_end=de, historical=bool(
                        anchor and de < anchor - timedelta(days=_HISTORICAL_DAYS)))
                    break
    return out


def find_dates_and_spans(text: str, anchor: date | None, *, lexicon: Lexicon = ENGLISH,
                         ) -> tuple[list[DateExpr], list[tuple[int, int]]]:
    """``find_dates`` and ``date_spans`` from one scan (the event stage needs both for one text)."""
    text = _calendar_case(text, lexicon)
    scan = _scan(text, _grammar(lexicon))
    return _with_extras(text, _resolve(scan, text, anchor, lexicon), anchor, lexicon), [m.span() for _, m in scan]


def infer_published(text: str, today: date | None = None, *, lexicon: Lexicon = ENGLISH,
                    period: tuple[date, date] | None = None) -> tuple[date | None, str]:
    """The publication date that makes an undated article's expressions consistent, and why.

    A day date the text calls today ("Today, 10 January, ...", "Ten years ago today, on 16 December
    2011") is the answer itself, in the most recent year that fits. ``period`` (from names current
    only for a time, such as Nur-Sultan) is preferred for the year wherever it can hold.

    Candidates are the 1–7 days after each explicit day date in every year up to `today` (default: now) in which
    a weekday the text names, or one written with a date, falls on that date. A candidate is rejected if an
    explicit event date (not an 'until' end, not historical) is not before it, or a written weekday disagrees with
    its date. The best has the most weekday mentions landing on explicit dates, then the most weekday mentions
    not earlier than the latest explicit date (weekday names are used for the last few days), then the smallest
    gap after the latest explicit date, then the most recent year. With no weekday evidence, the day after the
    latest explicit date that carries a year is the guess; otherwise there is none.
    """
    today = today or date.today()
    text = _calendar_case(text, lexicon)
    scan = _scan(text, _grammar(lexicon))
    base = _resolve(scan, text, today, lexicon)
    explicit = [e for e in base if e.kind == "absolute" and e.precision == 1 and e.date_start]
    weekdays = {e.weekday for e in base if e.kind == "weekday"}
    if not explicit:
        return None, "no explicit day date to anchor relative expressions"
    written = _written_today(text, explicit, lexicon, today, period) or _date_line(text, explicit, today)
    if written is not None:
        return written
    lead = [e for e in explicit if e.start < _LEAD_DAY_REACH and e.weekday is not None]
    if lead and lead[0].date_start == max(e.date_start for e in explicit):
        # "A court ... on Wednesday, October 9, 2024, sentenced": a lead's day told with its weekday is
        # the news of the day it was written (its year: the latest the weekday fits)
        d = lead[0].date_start
        years = [d.year] if lead[0].year_explicit else range(today.year, today.year - _YEARS_BACK, -1)
        fits = [c for y in years if (c := _same_day(y, d)) and c <= today and c.weekday() == lead[0].weekday]
        if fits:
            return fits[0], f"the lead's day, told with its weekday: '{lead[0].text}'"
    pinned = _yesterday_pins(text, explicit, lexicon)
    for e in pinned:
        if e.year_explicit and e.date_start + timedelta(days=1) <= today:
            return e.date_start + timedelta(days=1), f"the text gives the day before it was written: '{e.text}'"
    candidates = set()
    for e in explicit:
        years = [e.date_start.year] if e.year_explicit else range(today.year, today.year - _YEARS_BACK, -1)
        for y in years:
            d = _same_day(y, e.date_start)
            if d is not None and (d.weekday() in weekdays or d.weekday() == e.weekday):
                candidates.update(p for k in range(1, 8) if (p := d + timedelta(days=k)) <= today)
    if pinned:  # "yesterday, 9 June": the day after 9 June of the year the rest of the text fits
        candidates = {p for p in candidates if any((p - timedelta(days=1)).month == e.date_start.month
                                                   and (p - timedelta(days=1)).day == e.date_start.day
                                                   for e in pinned)} or candidates
    scored = [(s, p) for p in candidates if (s := _score(scan, text, p, lexicon))]
    if period is not None and any(period[0] <= p <= period[1] for _, p in scored):
        scored = [(s, p) for s, p in scored if period[0] <= p <= period[1]]
    if scored:
        (hits, _, _, _), best = max(scored)
        exprs = _resolve(scan, text, best, lexicon)
        latest = max(e.date_start for e in exprs if e.kind == "absolute" and e.precision == 1 and not e.historical)
        named = ", ".join(sorted({f"'{e.text}' = {e.date_start}" for e in exprs
                                  if e.kind in ("weekday", "relative") and e.date_start}))
        return best, (f"{hits} weekday mention(s) fall on explicit dates in {best.year}; published after the latest "
                      f"dated event ({latest}); reads {named}")
    dated = [e.date_start for e in explicit if e.year_explicit]
    if dated:
        return max(dated) + timedelta(days=1), f"day after the latest explicit dated event ({max(dated)}); no " \
                                               f"weekday evidence"
    return None, "day dates without a year and no weekday that pins the year"


# "Astana, which was renamed Nur-Sultan in 2019 and took its old name back in 2022": a name's history, which
# dates no event and lends its year to no later date (its DateExpr's note holds NAME_HISTORY)
NAME_HISTORY = "a name's history"
ASIDE = "a step back"  # "a day earlier, on Feb. 6": dates its own clause, not the story after it
_ASIDE_GLOSS = 20  # characters after "a day earlier" in which its gloss (", on Feb. 6") stands
RENAMED_BEFORE_RE = re.compile(r"\b(?:renamed|took (?:its|the) (?:old |former )?name|name back|known as|"
                               r"переименова\w*|вернули (?:прежнее )?(?:название|имя))\b[^.;,()]{0,50}$", re.I)


# "Date: Tuesday, 23 April 2024, 10:00" at the head of minutes, a release or a letter: its own date
DATE_LINE_RE = re.compile(r"(?:^|\n)[ \t]*(?:(?:Date|Dated|Date of (?:the )?(?:meeting|session|publication|issue|release)|"
                        r"Дата(?: (?:заседания|публикации|выпуска))?)[ \t]*[:\u2013\u2014-]|"
                        # "posted by u/karaganda_kid · tue 15 apr 2025", "Опубликовано: 5 января 2022"
                        r"(?:posted|published|опубликовано)\b[^\n]{0,60}?[:\u00b7\u2022|,\u2013\u2014-])[ \t]*"
                        r"(?:[^\W\d_]+,?[ \t]+)?$", re.IGNORECASE)


_LEAD_DAY_REACH = 400  # characters: where a lead's own day is told


def _same_day(year: int, d: date) -> date | None:
    try:
        return date(year, d.month, d.day)
    except ValueError:  # 29 February
        return None


def _date_line(text: str, explicit: list[DateExpr], today: date) -> tuple[date, str] | None:
    """(date, why) for a full date on a "Date:" line among the first lines of the text, or ending
    a short last line (a letter's or a release's sign-off: "Almaty, 14 March 2025",
    "село Жабаглы, четырнадцатое апреля 2025 года"), else None."""
    for e in explicit:
        if e.start > 2000:
            break
        if e.year_explicit and e.date_start <= today and DATE_LINE_RE.search(text, max(0, e.start - 60), e.start):
            return e.date_start, f"the text's own date line ('{text[e.start:e.end]}')"
    body = text.rstrip()
    last_line = body.rfind("\n") + 1
    for e in reversed(explicit):
        if e.start < last_line:
            break
        if e.year_explicit and e.precision == 1 and e.date_start <= today and len(body) - last_line <= 80 \
                and SIGN_OFF_END_RE.fullmatch(body, e.end):
            return e.date_start, f"the text's sign-off date ('{text[e.start:e.end]}')"
    return None


SIGN_OFF_END_RE = re.compile(r"\s*(?:года|г\.?|year)?\.?")


def _yesterday_pins(text: str, explicit: list[DateExpr], lex: Lexicon) -> list[DateExpr]:
    """The day dates the text calls yesterday ("detained ... yesterday, 9 June", "Вчера, 23 марта"):
    it was written the day after."""
    words = "|".join(re.escape(w) for w, off in lex.relative_days.items() if off == -1 and " " not in w)
    if not words:
        return []
    before = re.compile(rf"\b(?:{words})\b,\s*(?:\w{{1,3}}\s+)?$", re.IGNORECASE)
    after = re.compile(rf",\s*(?:{words})\b", re.IGNORECASE)
    return [e for e in explicit if before.search(text, max(0, e.start - 20), e.start) or after.match(text, e.end)]


def _written_today(text: str, explicit: list[DateExpr], lex: Lexicon, today: date,
                   period: tuple[date, date] | None) -> tuple[date, str] | None:
    """(date, why) when the text says which day it is written on, else None."""
    words = "|".join(re.escape(w) for w, off in lex.relative_days.items() if off == 0 and " " not in w)
    ago = "|".join(re.escape(w) for w in lex.ago)
    before = re.compile(rf"(?:\b(?P<n>[\w-]+)\s+\w+\s+(?:{ago})\s+)?\b(?:{words})\b[\s,]*(?:\w{{1,3}}\s+)?$",
                        re.IGNORECASE)
    after = re.compile(rf"[\s,]*(?:\w{{1,3}}\s+)?(?:{words})\b", re.IGNORECASE)
    # "Exactly one year ago, on 2 January 2022", "Ровно год назад, 2 января 2022 года", "Сорок пять лет
    # назад, 16 июня 1979 года" (an anniversary piece is written on the anniversary)
    exactly = re.compile(rf"\b(?:(?:exactly|precisely|ровно)\s+)?(?:(?P<n>(?:[\w-]+\s+)?[\w-]+)\s+)?"
                         rf"(?:years?|год|года|лет)\s+(?:{ago})[\s,\u2013\u2014-]*(?:on\s+)?$", re.IGNORECASE)
    from .counts import parse_number

    def number(words: str | None, default: int) -> int:
        if not words:
            return default
        if (n := parse_number(words)) or words.isdigit():
            return n or int(words)
        known = [1 if w in ("a", "an") else lex.number_words.get(w) for w in words.lower().split()]
        return sum(k for k in known if k) or default  # ("A year ago", "сорок пять")

    for e in explicit:
        m = before.search(text, max(0, e.start - 40), e.start)
        years_ago = number(m["n"], 0) if m is not None else 0
        if m is None and e.year_explicit and (m := exactly.search(text, max(0, e.start - 40), e.start)):
            years_ago = number(m["n"], 1)  # "exactly a year ago": one
        if m is None:  # "[Recorded in Almaty on Monday, 10 January, ...]", "Posted on 19 January"
            m = _MADE_ON_RE.search(text, max(0, e.start - 60), e.start)
        if m is None:  # "It is Tuesday, 16 December, fourteen years to the day."
            m = _IT_IS_RE.search(text, max(0, e.start - 20), e.start)
        # a text that opens with its day ("Четверг, 6 января. Собираем главное за день")
        opens = e.start == len(text) - len(text.lstrip()) and (
            e.weekday is not None or re.match(r"[ \t]*(?:\n|$)", text[e.end:]) is not None)
        if m is None and not opens and not after.match(text, e.end):
            continue
        d = e.date_start
        years = [d.year + years_ago] if e.year_explicit else list(range(today.year, today.year - _YEARS_BACK, -1))
        fits = [c for y in years if (c := _same_day(y, d)) and c <= today
                and (e.weekday is None or c.weekday() == e.weekday)]
        if period is not None and any(period[0] <= c <= period[1] for c in fits):
            fits = [c for c in fits if period[0] <= c <= period[1]]
        marked = _anniversary_years(text, explicit)
        if any(c.year in marked for c in fits):
            fits = [c for c in fits if c.year in marked]  # "for the 36th time remembers ... 1986"
        elif not e.year_explicit and (stamps := [x.date_start for x in explicit
                                                 if re.fullmatch(r"\d\d?\.\d\d?\.\d{4}", x.text)]):
            # a thread stamped "15.01.2025, 07:10" whose last post says "Сегодня, 15 января": the
            # day at most a week after its latest stamp
            fits = [c for c in fits if 0 <= (c - max(stamps)).days <= 7] or fits
        if fits:
            return fits[0], f"the text gives the day it was written: '{text[(m.start() if m else e.start):e.end]}'"
    return None


_MADE_ON_RE = re.compile(r"\b(?:[Rr]ecorded|[Ww]ritten|[Ff]iled|[Pp]osted|[Pp]ublished|[Uu]pdated|[Ss]ent)\b"
                         r"(?:\s+(?:in|from|at)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)?\s+on\s+$"
                         r"|\b(?:[Aa]t|[Aa]s of) the time of (?:writing|publication),?\s+(?:on\s+)?$"
                         r"|\b[Нн]а момент (?:написания|публикации)(?: материала| статьи)?,?\s+$")
_IT_IS_RE = re.compile(r"(?:^|[.!?]\s+|\n[^\S\n]*)(?:It is|It's|Today is)\s+$")
_ANNIVERSARY_RE = re.compile(
    r"\b(\d{1,3})(?:st|nd|rd|th)\s+(?:anniversary|time|year)\b"
    r"|\b(\d{1,3}|[a-z]+(?:-[a-z]+)?)\s+years\s+(?:ago|since|after|on|to the day)\b",
    re.IGNORECASE)


def _anniversary_years(text: str, explicit: list[DateExpr]) -> set[int]:
    """Years an anniversary names: "the 36th anniversary" of an event dated 1986 is 2022,
    "fourteen years to the day" after 2011 is 2025."""
    from .counts import parse_number
    counts = {n for m in _ANNIVERSARY_RE.finditer(text)
              if (n := int(m[1]) if m[1] else int(m[2]) if m[2].isdigit() else parse_number(m[2]))}
    years = {e.date_start.year for e in explicit if e.year_explicit}
    return {y + n for y in years for n in counts}


def _score(scan, text: str, published: date, lex: Lexicon) -> tuple[int, int, int, date] | None:
    exprs = _resolve(scan, text, published, lex)
    dated = {e.date_start for e in exprs if e.kind == "absolute" and e.precision == 1 and not e.historical
             and e.date_start}
    if not dated or max(dated) >= published:
        return None
    if any(e.note == "weekday does not match the date" for e in exprs):
        return None
    latest = max(dated)
    mentioned = [e.date_start for e in exprs if e.kind == "weekday" and e.date_start]
    hits = sum(d in dated for d in mentioned) + sum(1 for e in exprs if e.kind == "absolute" and e.weekday is not None)
    if not hits:
        return None
    return hits, sum(d >= latest for d in mentioned), -(published - latest).days, published
