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

from collections.abc import Callable, Iterator, Mapping

from rapidfuzz import fuzz, process

from .gazetteer import Candidate, Gazetteer, Name, Place, normalise
from .screen import fold, may_match
from .timex import lower_case_text

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
# "a daughter, Astana,", "my friend Oral", "Мой сосед Алтай": a relative or friend is a person.
KIN_BEFORE_RE = re.compile(
    r"(?:\b(?:my|his|her|their|our|a|the|whose)\s+(?:(?:elder|younger|eldest|youngest|late|best|old|little)\s+)?"
    r"(?:son|daughter|wife|husband|brother|sister|friend|neighbou?r|cousin|uncle|aunt|mother|father|grandson|"
    r"granddaughter|grandfather|grandmother|colleague|classmate|nephew|niece|widow|child)"
    r"|(?<!\w)(?:сын[ауе]?|сыном|дочь|дочери|дочк[аиу]|жена|жены|жену|женой|муж[аеу]?|мужем|брат[ауе]?|братом|"
    r"сестр[аыуе]|сестрой|друг[уа]?|подруг[аиу]|сосед[ауе]?|соседом|соседк[аиу]|дядя|дяди|т[её]тя|мать|отец|"
    r"отца|внук[ау]?|внучк[аиу]|коллег[аиу]|одноклассни\w+|племянни\w+))\s*,?\s*$", re.I)
FEATURE_AFTER_RE = re.compile(r"['\u2019]?\s+(?:region|oblast|province|district|city|town|square|airport|akimat)\b",
                              re.I)
# what a person is, said next to a name: "a local blogger, Aral Seitkali"; "Aral, a young singer"
ROLE_NOUNS = (r"(?:blogger|activist|journalist|reporter|lawyer|teacher|student|pensioner|engineer|"
              r"worker|miner|driver|doctor|nurse|farmer|poet|writer|artist|singer|musician|actor|actress|deputy|"
              r"official|spokes(?:man|woman|person)|organi[sz]er|leader|resident|villager|businessman|"
              r"mother|father|footballer|boxer|wrestler)")
ROLE_BEFORE_RE = re.compile(rf"\b{ROLE_NOUNS}\s*,?\s*$", re.I)
# "Zhibek has asked the prosecutor": what a person does, said of a name.
PERSON_VERB_AFTER_RE = re.compile(
    r"\s+(?:(?:has|had|then|later|also)\s+)?(?:said|says|told|asked|asks|wrote|writes|recalled|recalls|added|"
    r"explained|remembers|remembered|was expelled|was born|studied|graduated|married|joked)\b")
# The endings of a surname, the Russian case forms of "-ов", "-ин", and a patronymic's stems
_SURNAME_SUFFIXES = ("ov ev yev iev ova eva yeva uly ulu kyzy qyzy ovich evich ovna evna enko yan ian shvili dze "
                     "bayev baev bekov kali gali qali ұлы қызы улы кызы енко гали кали ғали қали").split()  # (Seitkali)
_RU_STEMS, _RU_CASES = ("ов", "ев", "ёв", "ин"), ("а", "у", "ым", "ой", "ом", "е", "ых", "ыми")
_PATRONYMIC_STEMS = ("ович", "евич", "овн", "евн")  # (two more letters may follow; each holds "ов" or "ев")
SURNAME_RE = re.compile(
    r"^[A-Z\u0410-\u042f\u04d8\u0492\u049a\u04a2\u04e8\u04b0\u04ae\u04ba\u0406][^\W\d_]+?"
    rf"(?:{'|'.join(_SURNAME_SUFFIXES)}|(?:{'|'.join(_RU_STEMS)})(?:{'|'.join(_RU_CASES)})?|"
    rf"(?:{'|'.join(_PATRONYMIC_STEMS)})\w{{0,2}})$"
)
# the last two letters of every ending SURNAME_RE takes but a patronymic's
_SURNAME_TAILS = frozenset(e[-2:] for e in (*_SURNAME_SUFFIXES, *_RU_STEMS,
                                            *(stem + case for stem in _RU_STEMS for case in _RU_CASES)))


_SURNAME_MEMO: dict[str, bool] = {}


def surname_shaped(word: str) -> bool:
    """``bool(SURNAME_RE.match(word))``, tried only on a word whose last letters may end a surname
    or a patronymic: the lazy body tried every ending at every letter (~4,500 instructions a
    word, ~200 words an article). Memoised: the place filters ask ~3 times a candidate, of a
    few hundred distinct words."""
    hit = _SURNAME_MEMO.get(word)
    if hit is None:
        end = word[:-1] if word.endswith("\n") else word  # ("$" matches before a final newline too)
        hit = (end[-2:] in _SURNAME_TAILS or "ов" in end[-6:] or "ев" in end[-6:]) \
            and SURNAME_RE.match(word) is not None
        if len(_SURNAME_MEMO) < 100_000:
            _SURNAME_MEMO[word] = hit
    return hit


# a surname in "-in" ("Shalkar Nurtazin"), which SURNAME_RE leaves out (Berlin, Bayganin): only a
# word that is no place name, right after a place-like first name
IN_SURNAME_RE = re.compile(r"[A-Z][a-z]{3,}in")

ORG_BEFORE = frozenset(
    """sputnik radio air fc bank kazinform tengrinews azattyq ria tass reuters interfax itar party
    movement oyan""".split()
)
# "the Alga, Kazakhstan! party", "Alga! movement": a name with its own punctuation before its head
ORG_NAME_TAIL_RE = re.compile(r"(?:,\s+[A-Z][\w-]*)?!\s+(?:party|movement|bloc)\b", re.I)
DOMAIN_AFTER_RE = re.compile(r"\.(?:kz|tv|com|ru|org|net|info|news|media|qaz)\b(?!\.\s)", re.I)
ORG_AFTER = frozenset(
    """times airlines air bank university hub tribune daily herald club fc party foundation info
    opera theatre courier gazette evening qazaqstan
    institute agency holding group telecom railways post news today journal
    energy oil gas motors oblenergo exchange stock
    press networks heat power mining copper steel llp jsc llc ltd plc company corporation
    consulting advisory logistics miners su agro kurylys qurylys invest day online tv radio
    teplo energo vodokanal stroy munai servis""".split()  # (transliterated: "Aktobe Teplo Energo")
)
ORG_AFTER_CAPITALISED = frozenset({"holding", "group", "post", "news", "today", "journal", "times",
                                   "daily", "energy", "hub", "exchange", "stock", "press", "networks",
                                   "heat", "power", "mining", "copper", "steel", "company",
                                   "consulting", "advisory", "logistics", "miners", "su", "day", "invest",
                                   "online", "tv", "radio"})  # "the akimat holding portraits"
# "the Land Code of (the Republic of) Kazakhstan", "Уголовного кодекса Республики Казахстан": a law
LAW_BEFORE_RE = re.compile(r"(?:\b(?:[Cc]ode|[Ll]aw|[Cc]onstitution|[Cc]onstitutional [Ll]aw)\s+of\s+(?:the\s+)?"
                           r"|(?:[Кк]одекс\w*|[Зз]акон\w*|[Кк]онституци\w*)\s+)(?:Republic\s+of\s+|Республики\s+)?$")
CLOCK_BEFORE_RE = re.compile(r"\d[:.]\d\d\s*(?:[ap]\.?m\.?\s*)?$")
# "Алтай Б.", "Altai B.": a first name with the initial of its surname
INITIAL_AFTER_RE = re.compile(r" [A-Z\u0410-\u042f\u0401]\.(?=[\s,;:)])")
LAW_CODE_BEFORE_RE = re.compile(r"(?<!\w)(?:КоАП|УПК|УИК|ГПК|АППК|УК|ГК|НК|ТК|ЗК)\s+$")  # the code "of the RK"
INITIALS_AFTER_RE = re.compile(r" [A-Z\u0410-\u042f\u0401]\.\s?[A-Z\u0410-\u042f\u0401]\.")  # "Орал Б.С.": any place
LOCATIVE_RU = frozenset({"в", "во", "из", "на", "под", "до", "у", "около", "близ", "возле"})
# "Zhanaozen Burgylau Service", "Taldykorgan Bus Fleet LLP", "Moscow State Institute of ...", "Shymkent
# Mothers' Council": a name whose capitalised words end in an organisation's head
ORG_HEAD_AFTER_RE = re.compile(r"(?:\s+[A-Z][\w'\u2019-]*){0,2}?\s+(?:Council|Community|Committee|Union|Federation|"
                               r"Service|Services|Fleet|Centre|Center|Institute|University|Academy|College|Company|"
                               r"LLP|JSC|LLC|Ltd|Corporation|Plant|Factory|"
                               r"Combine|Association|Bank|Hospital|Clinic|Exchange|Voice|Alliance|Initiative|"
                               r"Network|Forum|Society|Foundation|Bureau|Coalition|Observatory|Platform)\b")
# "the Zhambyl regional court", "the Almaty city prosecutor's office": an institution's name
ORG_QUALIFIED_RE = re.compile(r"\s+(?:regional|city|district|oblast|interdistrict|inter-district)\s+"
                              r"(?:court|prosecutor(?:'s|\u2019s)?(?:\s+office)?|police department|"
                              r"department|administration|maslikhat)\b", re.I)
ORG_HEADS_OF = frozenset(
    """choice senate ministry bank party council union association agency court parliament
    university academy committee movement federation office embassy consulate mission chamber
    assembly fund foundation institute museum service echo""".split()
)
STREET_WORDS = frozenset("""avenue ave street st prospekt prospect boulevard lane microdistrict
    microdistricts districts embankment river""".split())
LOOK = 300  # characters after a name that the phrase tests read (a list of 10,000 names is not one phrase)
DISTRICT_KM = 100  # "the Auezov district" far from the article's city is that city's district
# "the Aksay and Zhetysu microdistricts": every member of the list is a part of a city
STREET_LIST_RE = re.compile(
    r"(?:\s*(?:,|and|&)\s*(?:the\s+)?[A-Z][\w'\u2019-]*)+\s+(?:microdistricts|districts|streets|avenues)\b")
# "about 140 km from Zhanaozen": Zhanaozen only measures the distance
DISTANCE_REF_RE = re.compile(
    r"\b\d[\d,.]*\s*(?:km|kilomet(?:re|er)s?|miles?|км|километр\w*)\s+(?:\w+\s+){0,2}?"
    r"(?:from|of|outside|от)\s+(?:the\s+)?$"
    # "a railway settlement north of Janaozen" (not "in the north of Kazakhstan")
    r"|(?<!the )\b(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)? of\s+$"
    # a direction: "перекрыли движение в сторону Тараза" (a march "towards Republic Square" ends there)
    r"|(?<!\w)(?:in the direction of|в сторону|в направлении)\s+$", re.IGNORECASE)
# capitalised words that qualify a place rather than make a name of it ("Soviet Kazakhstan")
PLACE_ADJECTIVES = frozenset("soviet independent modern post-soviet greater old new".split())
LOCATIVE = frozenset("in to from at near outside into across via toward towards around".split())
LOCATIVE_BEFORE_RE = re.compile(r"\b(?:in|to|from|at|near|outside|into|of|town of|city of|в|во|из|на|под|"
                                r"около|возле|до|город[аеу]?|сел[оау]|сел[ье]|пос[её]л(?:ок|ке|ка)|аул[аеу]?)\s+$",
                                re.IGNORECASE)
REGION_WORDS = frozenset("region oblast province oblys obl regions oblasts provinces".split())
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
    r"^[ \t]*([A-Z\u0410-\u042f][A-Z\u0410-\u042f'\u2019 .\-]{2,40}?)(?:,[ \t]*Kazakhstan)?"
    r"(?:,[ \t]*[A-Z][A-Za-z]+\.?[ \t]+\d{1,2}(?:,?[ \t]*\d{4})?)?[ \t]*(?:\([^)\n]{1,40}\))?"
    r"[ \t]*[-\u2013\u2014:][ \t]",
    re.MULTILINE,
)
CAPITAL_RE = re.compile(
    r"\b(?:[Tt]he|Kazakhstan['\u2019]s|[Tt]he country['\u2019]s)\s+(former\s+|old\s+|new\s+|southern\s+)?capital\b"
    r"(?!\s+(?:of\s+(?!Kazakhstan|Soviet\s+Kazakhstan|the\s+Kazakh\s+SSR)[A-Z]"
    r"|of\s+the\s+[\w-]+\s+(?:region|oblast|province)|city\s+of"
    r"|[,(]?\s*[A-Z]))",
)
# "the Atyrau and West Kazakhstan regions": every member of the list is a region
REGION_LIST_RE = re.compile(
    r"(?:\s*(?:,|and|&)\s*(?:the\s+)?[A-Z][\w'\u2019-]*(?:\s[A-Z][\w-]*){0,2})+\s+"
    r"(?:regions|oblasts|provinces)\b")
DIRECTION_BEFORE_RE = re.compile(  # "the western oil cities of Atyrau and [Aktau]"
    r"(?i:\b(?P<dir>(?:north|south)?-?(?:western|eastern)|northern|southern|central)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:city|cities|towns?|villages?|ports?|settlements?)\s+of\s+)"
    r"(?:[A-Z][\w'\u2019-]*(?:\s*,\s*|\s+and\s+))*$")
SQUARE_OF_RE = re.compile(  # "the central square of Yntymak", "on the square Yntymak"
    r"\b(?:the\s+)?(?:central\s+|main\s+)?square\s+(?:(?:of|named\s+after)\s+)?"
    r"([A-Z\u0410-\u042f][^\W\d_]+(?:[ -][A-Z][^\W\d_]+)?)"
)
# Descriptions standing alone (not "Almaty, Kazakhstan's largest city": the name is there).
_NO_NAME_AFTER = r"(?!\s+(?:of|in)\s+(?!Kazakhstan\b)|[,(]?\s*[A-Z])"
LARGEST_CITY_RE = re.compile(
    r"\b(?:Kazakhstan['\u2019]s|[Tt]he country['\u2019]s|[Tt]he nation['\u2019]s|[Tt]he)\s+"
    r"(?:(?:largest|biggest)\s+(?:city|metropolis)|(?:commercial|financial|business|economic|southern)"
    r"\s+(?:capital|hub|centre|center))\b" + _NO_NAME_AFTER)
# an akimat that is not a city's: "the district akimat", "the akimat of Zhambyl district", "районный акимат"
DISTRICT_AKIMAT_RE = re.compile(r"\b(?:district|village|rural|aul)\s+akimat\b|\bakimat\s+of\s+(?:the\s+)?[A-Z][\w-]*"
                                r"\s+(?:district|village)\b|\bрайонн\w+\s+акимат|\bакимат\w*\s+\w+\s+района\b")
# "the akimat", "the city akimat building", "the mayor's office": the akimat of the town named last
AKIMAT_RE = re.compile(r"\b[Tt]he\s+(?:city\s+)?(?:akimat|mayor['\u2019]s\s+office|city\s+hall)\b"
                       r"(?:\s+building)?(?!\s+of\b)")
# "the central square", "the town's main square": the central-square landmark of the town it is
# in or named last, where the gazetteer has one (Zhanaozen's)
CENTRAL_SQUARE_RE = re.compile(r"\b[Tt]he\s+(?:(?:town|city|village)['\u2019]s\s+)?(?:central|main)\s+square\b")
APPOSITIVE_BEFORE_RE = re.compile(r"\b[A-Z][\w-]+,\s+(?:the\s+[\w\s-]{1,30}?\s+and\s+)?$")
REGION_SEAT_AFTER_RE = re.compile(r"\s+(?:regional|provincial|oblast)\s+(?:capital|centre|center|seat)\b")
REGIONAL_CENTRE_RE = re.compile(
    r"\b[Tt]he\s+(?:regional|provincial|oblast|region['\u2019]s|province['\u2019]s)\s+"
    r"(?:centre|center|capital|seat)\b")
REGIONAL_CENTRE_RU_RE = re.compile(r"(?<!\w)(?:[Оо]бластн(?:ой|ого|ому|ым|ом)\s+центр(?:а|у|ом|е)?|"
                                  r"[Цц]ентр(?:а|у|ом|е)?\s+области)(?!\w)")
# "the oil town", "the western city": the town last named
TOWN_ANAPHOR_RE = re.compile(
    r"\b(?:[Tt]he|[Tt]his)\s+(?:oil|oil-producing|oil-rich|mining|coal-mining|industrial|steel|port|"
    r"border|restive|(?:north|south)?-?(?:western|eastern)|northern|southern)\s+(?:town|city)\b"
    r"(?!\s+of\b)|\b[Tt]his\s+(?:town|city|village)\b|\b[Tt]he\s+district\s+(?:centre|center)\b(?!\s+of\b)")
ZHANAOZEN = "gn:607610"
CAPITAL_MOVED = date(1997, 12, 10)
ROAD_WORDS_RU = frozenset(("трасса", "шоссе", "автодорога"))
PREDICATE_BEFORE_RE = re.compile(
    r"\b(?:was|is|were|became|become|becomes|remained|remains|served as|as|been|быть|был[аио]?|стал[аио]?|"
    r"станет|являл\w*|является|оставал\w*|остается|остаётся)\s+(?:(?:the|its|Kazakhstan['\u2019]s)\s+)?$",
    re.IGNORECASE)
REGION_OVER_TOWN = 50_000  # a bare region name beats a same-name settlement smaller than this
# "the Zhanaozen-Aktau highway", "трассу Жанаозен – Актау": the names of a road, not places
ROAD_AFTER_RE = re.compile(r"\s*(?:[\u2013\u2014-]\s*[A-Z][\w-]+\s+)?(?:highway|road|railway|motorway|route|"
                           r"pipeline)\b")
ROAD_BEFORE_RE = re.compile(r"(?:трасс\w*|шоссе|автодорог\w*|дорог\w*)\s+[А-ЯЁ][\w-]*\s*[\u2013\u2014-]\s*$",
                            re.IGNORECASE)
# the Kazakh order: "Кызылорда – Жезказган трассе" (a road named after two towns before its noun)
ROAD_AFTER_RU_RE = re.compile(r"(?P<pair>\s*[\u2013\u2014-]\s*[А-ЯЁ][\w-]+)?\s+(?:трасс\w*|шоссе|автодорог\w*)\b", re.I)
DASH_BEFORE_RE = re.compile(r"[А-ЯЁ][\w-]*\s*[\u2013\u2014-]\s*$")
SIDE_BEFORE_RU_RE = re.compile(r"\bсо стороны\s+(?:(?P<first>[А-ЯЁ][\w-]*)\s+и\s+)?$")
FUZZY_CUTOFF = 85  # rapidfuzz ratio: "Alma-Atu"/"alma ata" 88, "Zhangozen"/"zhanaozen" 89
# villages are many and small: a damaged spelling of one must be long and very close
# ("Uzynagash"/"uzynaghash" 95)
FUZZY_VILLAGE_CUTOFF, FUZZY_VILLAGE_MIN = 92, 8
# Russian case endings as machine translation leaves them in Latin letters ("Astany",
# "Kazakhstana", "Zhanaozene", "Alma-Ate"): (ending, what the name ends with instead)
TRANSLIT_ENDINGS = (("ogo", ""), ("oy", "a"), ("om", ""), ("e", ""), ("e", "a"), ("y", "a"),
                    ("u", "a"), ("a", ""), ("i", "a"))
# "Mangistauskoy oblasti", "Almatinskaya oblast", "Vostochno-Kazakhstanskoy oblasti"
TRANSLIT_REGION_RE = re.compile(
    r"\b(?P<stem>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)sk(?:aya|oy|oi|oj|ij|iy|ogo|uyu|om)\s+"
    r"(?:oblast(?:i|y|yu)?|region|province)\b")
TRANSLIT_REGION_TAIL_RE = re.compile(r"sk(?:aya|oy|oi|oj|ij|iy|ogo|uyu|om)\s+(?:oblast|region|province)")
TRANSLIT_QUARTERS = {"vostochno": "east", "zapadno": "west", "severo": "north", "yuzhno": "south"}


# --- the matcher: gazetteer names indexed for n-gram scanning ---------------------------------

@dataclass(slots=True)
class _Matcher:
    """Gazetteer names prepared for scanning text: first-token filter, max length, fuzzy list."""

    gazetteer: Gazetteer
    first_tokens: set[str] = field(default_factory=set)
    # every leading substring of a name lookup() knows: an n-gram that is none can grow into no name
    prefixes: frozenset[str] = frozenset()
    max_tokens: int = 1
    fuzzy_index: dict[tuple[str, int], list[tuple[str, str]]] = field(default_factory=dict)
    village_index: dict[tuple[str, int], list[tuple[str, str]]] = field(default_factory=dict)
    fuzzy_cache: dict[str, tuple[str, str, float] | None] = field(default_factory=dict)
    fuzzy_words: dict[str, tuple | None] = field(default_factory=dict)  # see _fuzzy_word

    def fuzzy(self, norm: str) -> tuple[str, str, float] | None:
        """(matched name, place_id, score) for a damaged spelling, or None. Only names with the
        same first letter and a length that can reach the threshold are compared."""
        if norm in self.fuzzy_cache:
            return self.fuzzy_cache[norm]
        n, slack = len(norm), int(len(norm) * 0.18) + 1
        hit = None
        for index, cutoff in ((self.fuzzy_index, FUZZY_CUTOFF), (self.village_index, FUZZY_VILLAGE_CUTOFF)):
            if hit is not None or (index is self.village_index and n < FUZZY_VILLAGE_MIN):
                break
            pool = [c for length in range(n - slack, n + slack + 1) for c in index.get((norm[0], length), ())]
            best = process.extractOne(norm, [c[0] for c in pool], scorer=fuzz.ratio, processor=_fold_y,
                                      score_cutoff=cutoff) if pool else None
            if best is not None:
                hit = (best[0], pool[best[2]][1], best[1])
        if len(self.fuzzy_cache) < 100_000:
            self.fuzzy_cache[norm] = hit
        return hit


def _fold_y(name: str) -> str:
    """Y and i are one letter to the transliterations of Kazakh names ("Beineu" = "Beyneu")."""
    return name.replace("y", "i")


LANDMARK_FEATURES = frozenset(
    "square akimat airport park monument street avenue building hall palace bazaar market".split()
)


@lru_cache(maxsize=8)
def _matcher(gazetteer: Gazetteer) -> _Matcher:
    m = _Matcher(gazetteer)
    m.prefixes = frozenset(norm[:k] for norm in gazetteer.norms() for k in range(len(norm) + 1))
    fuzzy: dict[str, str] = {}
    villages: dict[str, str] = {}
    names = list(gazetteer.names())
    featured = {(n.place_id, n.norm.rsplit(" ", 1)[0]) for n in names
                if n.norm.rsplit(" ", 1)[-1] in LANDMARK_FEATURES}
    for name in names:
        norm = name.norm
        place = gazetteer.get(name.place_id)
        if len(norm) < 3 and not (place.kind == "country" and name.text.isupper()):  # (but "UK")
            continue
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
        elif (place.country == "KZ" and place.kind in ("town", "village") and norm.isascii()
              and len(norm) >= FUZZY_VILLAGE_MIN and " " not in norm):
            villages.setdefault(norm, place.place_id)
    for index, names_ in ((m.fuzzy_index, fuzzy), (m.village_index, villages)):
        for norm, place_id in names_.items():
            index.setdefault((norm[0], len(norm)), []).append((norm, place_id))
    return m


# --- the stage entry point --------------------------------------------------------------------

@dataclass(slots=True)
class _Span:
    start: int
    end: int
    candidates: list[Candidate]
    how: str  # "exact" | "fuzzy" | "feature" | "description" | "regional-centre" | "anaphor" | "akimat" | "square"
    note: str = ""


def find_places(text: str, gazetteer: Gazetteer | None = None, *,
                published: date | None = None, language: str = "en") -> list[Mention]:
    """Every place mention in ``text``, resolved, foreign, rejected (with why) or unresolved.

    ``published`` makes date-dependent descriptions right ("the capital" was Almaty until 1997).
    ``language`` (ISO 639-1, e.g. ``Article.language``) picks the :mod:`geomap.lang` plug-in; a
    language with a :class:`PlaceLexicon` (Russian) is read with its morphology.
    """
    gaz = gazetteer or Gazetteer.load()
    if language != "en":
        from .lang import get as get_language  # the plug-ins import this module

        lex = get_language(language).places
        if lex is not None:
            return _find_inflected(text, gaz, lex, published)
    m = _matcher(gaz)
    datelines = _datelines(text, DATELINE_RE)
    lower = lower_case_text(text)
    spans = _exact_spans(text, m, lower=lower)
    spans += _phrase_spans(text, gaz, published)
    spans += _fuzzy_spans(text, m, spans, lower)
    spans.sort(key=lambda s: (s.start, -s.end))
    # Drop spans nested inside another (a feature phrase covering a plain name wins).
    kept: list[_Span] = []
    for sp in spans:
        if kept and sp.start < kept[-1].end:
            continue
        kept.append(sp)
    sports = _sports_text(text)
    kept = [sp for sp in kept if not _in_handle(text, sp)]
    folded = fold(text)  # for screening the filters' look-behind patterns (screen.may_match)
    law_ru = any(stem in text for stem in _LAW_STEMS_RU)
    kin = may_match(KIN_BEFORE_RE, folded, 0, len(folded))  # (a word for a relative anywhere?)
    mentions = _persons_named(text, [_filter_or_resolve(text, sp, gaz, datelines, sports, folded, law_ru, kin)
                                     for sp in kept],
                              _surname_key)
    mentions = _fuzzy_out_of_region(text, _city_districts(mentions))
    return _resolve_references(text, _resolve_ambiguous(text, mentions, kept, gaz), kept, gaz,
                               published)


def _fuzzy_out_of_region(text: str, mentions: list[Mention], reach: int = 80) -> list[Mention]:
    """"in the villages of Masanchi and Sortobe in the Korday district of Jambyl Region": a damaged
    spelling is not read as a town of another region (Makanchi is in Abai Region) when its
    sentence puts it in a region of its own."""
    regions = [m for m in mentions if m.status == "resolved" and m.place.kind == "region" and m.place.country == "KZ"]
    if not regions:
        return mentions
    out = []
    for m in mentions:
        if m.status == "resolved" and m.reason.startswith("fuzzy") and m.place.kind != "region":
            near = [r for r in regions if abs(r.start - m.start) <= reach
                    and not re.search(r"[.!?]\s", text[min(r.end, m.end):max(r.start, m.start)])]
            if near and all(r.place.admin1_code != m.place.admin1_code for r in near):
                m = Mention(m.start, m.end, m.text, "unresolved", None,
                            f"{m.reason}; but the sentence puts it in {near[0].place.name}", 0.3, False)
        out.append(m)
    return out


LOWER_CASE_KINDS = frozenset({"country", "region", "city", "landmark"})
LOWER_CASE_UNSAFE = frozenset({"oral", "kent", "ural", "arys"})  # English words, or a river first
LOWER_CASE_TOWN_MIN = 6  # a town's name this long is no word ("arkalyk"; not "saran", "tobol", "aksu")


# A token (TOKEN_RE) that opens with A-Z or a non-ASCII character (every capital letter is one):
# outside a lower-case text only a capitalised token opens a name, so _exact_spans visits only these
# (~100 an article of ~700 tokens) and reads the tokens after one with NEXT_TOKEN_RE: the next
# token where the gap to it is a joiner (JOINER_RE.fullmatch of the gap; the joiner's characters
# are none a token's, so the token after it is the next one).
CAPITAL_TOKEN_RE = re.compile(r"[^\x00-@\[-\x7f](?<=[^\W_])(?<![^\W_].)[^\W_]*")  # (class first: see CAPITAL_COMPOUND_RE)
NEXT_TOKEN_RE = re.compile(rf"(?:{JOINER_RE.pattern})[^\W_]+")


def _exact_spans(text: str, m: _Matcher, lower: bool = False) -> list[_Span]:
    """Gazetteer names as written; in a lower-case text also cities, regions and landmarks in lower
    case, except names that are common words."""
    spans: list[_Span] = []
    covered = 0  # the end of the last name found
    for head in (TOKEN_RE if lower else CAPITAL_TOKEN_RE).finditer(text):
        s, e = head.span()
        if s < covered or not (text[s].isupper() or lower and text[s].islower()) \
                or normalise(text[s:e]) not in m.first_tokens:
            continue
        best: tuple[int, list[Candidate]] | None = None
        for k in range(m.max_tokens):  # the n-grams from this token
            if k:
                nxt = NEXT_TOKEN_RE.match(text, e)
                if nxt is None:
                    break
                e = nxt.end()
            norm = normalise(text[s:e])
            if norm not in m.prefixes:  # the n-grams after it normalise to strings that start with it
                break
            hits = m.gazetteer.lookup(norm)
            if hits:
                best = (e, hits)
        if best is None:
            continue
        e, hits = best
        if e - s < 3 and not text[s:e].isupper():
            continue  # "UK", not "Uk"
        if text.startswith(".", e) and INITIALISM_RE.fullmatch(text, s, e):
            e += 1  # "U.S." with its last dot
        if text[s].islower():
            word = normalise(text[s:e])
            hits = [] if len(word) < 4 or word in COMMON_WORDS or word in LOWER_CASE_UNSAFE else [
                c for c in hits if c.place.kind in LOWER_CASE_KINDS or c.place.country != "KZ"
                or c.place.kind == "town" and len(word) >= LOWER_CASE_TOWN_MIN]
            if not hits:
                continue
        spans.append(_Span(s, e, hits, "exact"))
        covered = e
    return spans


INITIALISM_RE = re.compile(r"(?:[A-Z]\.)+[A-Z]")
# Where a match of the (case-sensitive) description patterns can begin: SQUARE_OF_RE's at "the",
# "central", "main" or "square" before "square"; LARGEST_CITY_RE's, REGIONAL_CENTRE_RE's,
# TOWN_ANAPHOR_RE's, AKIMAT_RE's and CENTRAL_SQUARE_RE's at "the" or "this" before one of the
# words they read next, or at "Kazakhstan's". A pattern opening with \b gets no fast scan from re,
# which then tries it at every character; the look-ahead (each branch a prefix of one of the
# patterns) leaves ~2 starts an article of the ~15 a bare "the" gave, each tried by five patterns.
SQUARE_START_RE = re.compile(r"[tcms](?=he\s+(?:central\s+|main\s+)?square\s|entral\s+square\s|ain\s+square\s"
                             r"|quare\s)")
_DESCRIPTION_NEXT = ("country|nation|largest|biggest|commercial|financial|business|economic|southern|regional|"
                     "provincial|oblast|region|province|oil|mining|coal-mining|industrial|steel|port|border|"
                     "restive|north|south|-|western|eastern|northern|town|city|village|akimat|mayor|central|main|"
                     "district")
DESCRIPTION_START_RE = re.compile(rf"[TtK](?=h(?:e|is)\s+(?:{_DESCRIPTION_NEXT})|azakhstan['\u2019]s)")


def _finditer_at(rx: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)`` for a pattern whose every match (never empty) begins at one of the
    sorted positions ``starts``: the same leftmost, non-overlapping matches."""
    end = 0
    for s in starts:
        if s >= end and (mt := rx.match(text, s)):
            yield mt
            end = mt.end()


def _phrase_spans(text: str, gaz: Gazetteer, published: date | None) -> list[_Span]:
    """Feature phrases and descriptions that name a place without (only) its name."""
    out: list[_Span] = []
    starts = [mt.start() for mt in DESCRIPTION_START_RE.finditer(text)]
    for mt in _finditer_at(SQUARE_OF_RE, text, [mt.start() for mt in SQUARE_START_RE.finditer(text)]):
        name = mt.group(1)
        hits = [c for c in gaz.lookup(normalise(name + " square")) if c.place.kind == "landmark"]
        if hits:
            out.append(_Span(mt.start(), mt.end(), hits, "feature",
                             note=f"'square of {name}' is the landmark {hits[0].place.name}"))
    for mt in _finditer_at(LARGEST_CITY_RE, text, starts):
        if APPOSITIVE_BEFORE_RE.search(text, max(0, mt.start() - 60), mt.start()):
            continue  # "Almaty, the former capital and the country's commercial hub": named already
        hits = [c for c in gaz.lookup("almaty") if c.place.country == "KZ" and c.place.kind == "city"]
        out.append(_Span(mt.start(), mt.end(), hits[:1], "description",
                         note=f"'{mt.group()}' is Almaty, the largest city and business centre"))
    out += [_Span(mt.start(), mt.end(), [], "regional-centre", note=mt.group())
            for mt in _finditer_at(REGIONAL_CENTRE_RE, text, starts)]
    out += [_Span(mt.start(), mt.end(), [], "anaphor", note=mt.group())
            for mt in _finditer_at(TOWN_ANAPHOR_RE, text, starts)]
    out += [_Span(mt.start(), mt.end(), [], "akimat", note=mt.group())
            for mt in _finditer_at(AKIMAT_RE, text, starts)]
    out += [_Span(mt.start(), mt.end(), [], "square", note=mt.group())
            for mt in _finditer_at(CENTRAL_SQUARE_RE, text, starts)]
    if "capital" in text:  # (in every match of CAPITAL_RE)
        out += _capital_spans(text, gaz, published, CAPITAL_RE, _capital_en)
    out += _translit_region_spans(text, gaz)
    return out


LOWER_FUZZY_SCORE = 90


# CAPITAL_TOKEN_RE and CAPITAL_COMPOUND_RE open with one character class (A-Z or past ASCII, written
# negated: a range to U+10FFFF costs ~6 ms to compile), for which re
# scans the text in a tight loop, then test by look-behind that it is a token's first character (a
# token's, not after one or after one and a hyphen): half the instructions of opening with the
# look-behinds, which re then tries at every character (~2 M an article for TOKEN_RE's every match).
# A hyphenated compound ("Alma-Atu"): tokens (TOKEN_RE) one hyphen apart, as _fuzzy_spans reads
# them. CAPITAL_COMPOUND_RE finds only those opening with A-Z or a non-ASCII character (every
# capital letter is one), so a text in sentence case costs no Python for its lower-case words.
COMPOUND_RE = re.compile(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)*")
CAPITAL_COMPOUND_RE = re.compile(r"[^\x00-@\[-\x7f](?<=[^\W_])(?<![^\W_].)(?<![^\W_][-\u2010\u2011].)"
                                 r"[^\W_]*(?:[-\u2010\u2011][^\W_]+)*")


def _fuzzy_spans(text: str, m: _Matcher, found: list[_Span], lower: bool = False) -> list[_Span]:
    """Damaged spellings: capitalised (or in a lower-case text), long enough, close to one KZ name,
    not an English word."""
    if not m.fuzzy_index:
        return []
    taken = bytearray(len(text))
    for sp in found:
        taken[sp.start:sp.end] = b"\x01" * (sp.end - sp.start)
    out: list[_Span] = []
    for compound in (COMPOUND_RE if lower else CAPITAL_COMPOUND_RE).finditer(text):  # ("Alma-Atu" is one)
        s, e = compound.span()
        if not (text[s].isupper() or lower and text[s].islower()):
            continue
        if 1 in taken[s:e]:
            continue
        word = text[s:e]
        hit = _fuzzy_word(m, word)
        if hit is None:
            continue
        if hit[0] == "ending":
            _, base, cands = hit
            out.append(_Span(s, e, list(cands), "fuzzy", note=f"'{word}' is '{base}' with a Russian case ending"))
            continue
        _, choice, place, score, cands = hit
        if text[s].islower() and (score < LOWER_FUZZY_SCORE or place.population < 5000):
            continue  # a lower-case text: only a close miss of a town ("rudny" for Rudnyy)
        if place.population < 5000 and place.kind != "region" and not (
                LOCATIVE_BEFORE_RE.search(text, max(0, s - 20), s) or _line_start(text, s)):
            continue  # a village's damaged name only where a place is expected ("residents of ...")
        out.append(_Span(s, e, list(cands), "fuzzy",
                         note=f"fuzzy match of '{word}' to '{choice}' ({score:.0f}/100)"))
    return out


def _fuzzy_word(m: _Matcher, word: str) -> tuple | None:
    """What the tests of _fuzzy_spans that read only the word make of it, memoised per word (a
    name recurs in an article and across a batch): None (no damaged name), ("ending", base,
    candidates) or ("fuzzy", matched name, place, score, candidates)."""
    if word in m.fuzzy_words:
        return m.fuzzy_words[word]
    hit = None
    if not (len(word) < 5 or word.lower() in COMMON_WORDS
            or not word.replace("-", "").isalpha()
            or RU_ADJECTIVE_RE.search(word)  # "the Saranskaya mine": a name made from a place
            or FEMININE_SURNAME_RE.search(word)):  # "(Tarazova 2021)": a surname made from a place
        norm = normalise(word)
        ending = _translit_case(norm, m.gazetteer)
        if ending is not None:
            hit = ("ending", ending[0], tuple(ending[1]))
        elif (fuzzy := m.fuzzy(norm)) is not None:
            choice, place_id, score = fuzzy
            place = m.gazetteer.get(place_id)
            cands = tuple(c for c in m.gazetteer.lookup(choice) if c.place.place_id == place.place_id)
            hit = ("fuzzy", choice, place, score, cands)
    if len(m.fuzzy_words) < 100_000:
        m.fuzzy_words[word] = hit
    return hit


RU_ADJECTIVE_RE = re.compile(r"sk(?:aya|iy|ii|oye|oe|y|ogo|oy)$", re.I)
FEMININE_SURNAME_RE = re.compile(r"(?:ova|eva|yeva|ovna|evna|kyzy|qyzy|uly|ulu|ovich|evich)$", re.I)


def _line_start(text: str, pos: int) -> bool:
    return pos == 0 or text[pos - 1] == "\n"


def _translit_case(norm: str, gaz: Gazetteer) -> tuple[str, list[Candidate]] | None:
    """A Kazakh place (not a village: too many are short common words) or the country whose name
    this is with a transliterated Russian case ending, as (name, candidates)."""
    for ending, instead in TRANSLIT_ENDINGS:
        if norm.endswith(ending) and len(norm) - len(ending) + len(instead) >= 5:
            base = norm[:-len(ending)] + instead
            cands = [c for c in gaz.lookup(base) if c.place.country == "KZ" and c.place.kind != "village"]
            if cands:
                return base, cands
    return None


def _translit_region_spans(text: str, gaz: Gazetteer) -> list[_Span]:
    """Russian region adjectives in Latin letters ("Mangistauskoy oblasti", "Almatinskaya
    oblast", "Aktyubinskoy oblasti"): the region whose name the adjective is made from."""
    out: list[_Span] = []
    if not TRANSLIT_REGION_TAIL_RE.search(text):  # (a fast literal scan for what every match holds)
        return out
    for mt in TRANSLIT_REGION_RE.finditer(text):
        stem = normalise(mt["stem"])
        first, _, rest = stem.partition(" ")
        if first in TRANSLIT_QUARTERS and rest:
            stem = f"{TRANSLIT_QUARTERS[first]} {rest}"
        bases = [stem, stem + "sk"]
        if stem.endswith("in"):
            bases += [stem[:-2] + "a", stem[:-2] + "y", stem[:-2]]
        hits = next(([c for c in gaz.lookup(f"{b} region") if c.place.kind == "region"]
                     for b in bases if any(c.place.kind == "region" for c in gaz.lookup(f"{b} region"))), [])
        if hits:
            out.append(_Span(mt.start(), mt.end(), hits, "feature",
                             note=f"'{mt.group()}' is the {hits[0].place.name} (transliterated Russian)"))
    return out


# --- filters: persons, organisations, datelines, directions ----------------------------------

def _datelines(text: str, regex: re.Pattern) -> list[tuple[int, int]]:
    """The spans of dateline names: in the first paragraph only. A capitalised place opening a
    later paragraph ("АКТОБЕ. 04.01.2022 в 11:00 ...", "SHYMKENT - Police ...") heads its section
    and is where the section's events are."""
    first = text.find("\n\n", len(text) - len(text.lstrip()))
    return [(d.start(1), d.end(1)) for d in regex.finditer(text, 0, len(text) if first < 0 else first)]


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


# inline patterns of the filters below, compiled once (re's cache lookup cost more than some searches)
_SENTENCE_END_RE = re.compile(r"(^|[.!?\n:\u201c\"]\s*)$")
_OF_END_RE = re.compile(r"\bof\s*$")
_HEAD_OF_RE = re.compile(r"\b([A-Z][a-z]+)\s+of\s+(?:the\s+)?$")
_DESCRIBED_PERSON_RE = re.compile(rf",\s+(?:an?|the)\s+(?:\d+-year-old|(?:[\w-]+\s+){{0,2}}?{ROLE_NOUNS}"
                                  r"(?=s?\s*[,.;]|s?\s+(?:of|from|who|at|in|with)\b))")  # (not "the official accounts")
_POSSESSIVE_RE = re.compile(r"['\u2019\u02bc]s?$")
_DASHED_BEFORE_RE = re.compile(r"[A-Z][\w-]+\s*[\u2013\u2014-]\s*$")
_BASED_RE = re.compile(r"-(?:based|born|registered|headquartered)\b")
_SURNAME_ENDING_RE = re.compile(r"(ов|ев|ин)(?:а|у|ым|ой|ом|е|ых|ыми)$")
_CITY_OF_RE = re.compile(r"\bcity of\s+$")
NAME_INITIAL_BEFORE_RE = re.compile(r"\b[A-Z\u0410-\u042f][a-z\u0430-\u044f]+\s+[A-Z\u0410-\u042f]\.\s*$")
_TOWN_OF_RE = re.compile(r"\btown of\s+$")


# What the patterns the filters match just after a name begin with (each branch is a prefix of one
# or more of them, without its boundary tests, so a prefix matches wherever its pattern does, with
# or without an end bound): where none begins, none needs trying. After most names none begins
# ("Aktau on Monday"): one match instead of ten (tests/test_fast_paths.py holds the proof).
AFTER_CUES_RE = re.compile(
    r" [A-Z\u0410-\u042f\u0401]\."  # INITIAL_AFTER_RE
    r"|\s+(?:has|had|then|later|also|said|says|told|asked|asks|wrote|writes|recalled|recalls|added|"
    r"explained|remembers|remembered|was|studied|graduated|married|joked)"  # PERSON_VERB_AFTER_RE
    r"|(?i:\s+(?:regional|city|district|oblast|interdistrict|inter-district)\s)"  # ORG_QUALIFIED_RE
    r"|(?i:(?:,\s+[A-Z][\w-]*)?!)"  # ORG_NAME_TAIL_RE
    r"|\s+[A-Z]"  # ORG_HEAD_AFTER_RE
    r"|,\s+(?:an?|the)\s"  # _DESCRIBED_PERSON_RE
    r"|\s*(?:,|and|&)\s*(?:the\s+)?[A-Z]"  # STREET_LIST_RE, REGION_LIST_RE
    r"|\s*(?:[\u2013\u2014-]|highway|road|railway|motorway|route|pipeline)")  # ROAD_AFTER_RE, ROUTE_NEXT_RE, _BASED_RE


_OPENING_ENDS = ("", ".", "!", "?", "\n", '"', "\u201c")  # what ends the text before a sentence or a quote


def _sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 4):pos]
    return pos == 0 or bool(_SENTENCE_END_RE.search(before))


# A text with match results or league words may name clubs by their cities ("Aktobe drew 0-0")
SPORTS_WORDS = ("Premier League", "KHL", "goalkeeper", "striker", "midfielder", "he champions")
SCORE_RE = re.compile(r"\b\d{1,2}[-\u2013]\d{1,2}\b(?!\s*(?:people|persons|protesters|per|%|percent|years))")
SPORTS_VERB_RE = re.compile(r"\b(?:beat|drew|won|lost|defeated|scored|equalised|equalized)\b")
SPORTS_SENTENCE_RE = re.compile(
    # (a range of days or people is no score: "1–5 December", "30–40 residents")
    r"\b\d{1,2}[-\u2013]\d{1,2}\b(?!\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|people|persons|residents|"
    r"workers|activists|protesters|participants|relatives|women|men|miners|villagers|days|hours|per|%))"
    r"|\b(?:league|match|season|coach|scored|goals?|derby|club|clubs|team|host|hosts|"
    r"hosted|champions|captain|fans|win over|victory over|drew|defeated|beat)\b", re.I)
# where a club is not: "in Kostanay", "a road trip to Yekaterinburg and Chelyabinsk", "Almaty-born"
VENUE_BEFORE_RE = re.compile(r"\b(?i:in|at|from|to|near|of|outside|called|named|renamed)\s+(?:the\s+)?"
                             r"(?:[A-Z][\w-]+(?:,\s+|\s+and\s+))*$")


def _sports_text(text: str) -> bool:
    """League words, or a score with a match verb; plain substring tests first (a regex pass
    over every article cost more than the rest of the place stage's filters)."""
    if any(w in text for w in SPORTS_WORDS):
        return True
    return any(v in text for v in ("beat", "drew", "won", "lost", "defeated", "scored", "equalis", "equaliz")) \
        and bool(SPORTS_VERB_RE.search(text)) and bool(SCORE_RE.search(text))


def _sports_club(text: str, sp: _Span) -> bool:
    """A city name in a sentence about a match, not where it was played: the club ("Tobol moved
    to within two points", "win over Kairat", "Aktobe's captain", "The champions, Astana")."""
    if VENUE_BEFORE_RE.search(text, max(0, sp.start - 80), sp.start) or text.startswith("-born", sp.end) \
            or all(c.place.kind == "landmark" for c in sp.candidates):  # (no club is called "Yntymak Square")
        return False
    start = max(text.rfind(". ", 0, sp.start), text.rfind("\n", 0, sp.start)) + 1
    end = min((i for i in (text.find(". ", sp.end), text.find("\n", sp.end)) if i >= 0), default=len(text))
    return bool(SPORTS_SENTENCE_RE.search(text, start, end))


# Where the look-behind patterns ending in "$" can match (each is tried at every start of its
# window, ~10-25 K instructions a place): LAW_BEFORE_RE, _HEAD_OF_RE and DISTANCE_REF_RE only
# where the window, folded, ends in one of these words and spaces (or, a law, names a Russian
# law's stem), ROUTE_PREV_RE where it ends in a dash and spaces.
_LOOKBACK_ENDS = ("of", "the", "from", "outside", "от", "республики", "сторону", "направлении")
_LAW_STEMS_RU = ("одекс", "акон", "онституци")
_DASH_ENDS = ("-", "\u2013", "\u2014")


def _search_before(rx: re.Pattern[str], text: str, a: int, b: int, folded: str | None) -> re.Match[str] | None:
    """``rx.search(text, a, b)``, not run where the ``folded`` text proves it cannot match: a
    look-behind battery ending in ``$`` ("my brother, ", "the blogger ") is tried at every start
    in the window: the two below cost 9-14 µs a candidate, a third of the filters' time."""
    return rx.search(text, a, b) if folded is None or may_match(rx, folded, a, b) else None


def _filter_or_resolve(text: str, sp: _Span, gaz: Gazetteer, datelines, sports: bool = False,
                       folded: str | None = None, law_ru: bool = True, kin: bool = True) -> Mention:
    """The mention a span makes: rejected by the first filter that finds a person, organisation,
    law, street or route in its context, else resolved. Per-article facts come precomputed:
    ``sports`` (:func:`_sports_text`), ``folded`` (``fold(text)``), ``law_ru`` (the text holds a
    Russian law's stem at all: a window need not be searched for one), ``kin`` (False: the text
    holds none of KIN_BEFORE_RE's needles, so no window can match it)."""
    surface = text[sp.start:sp.end]
    if not sp.candidates:  # a reference to a place named earlier: _resolve_references
        return Mention(sp.start, sp.end, surface, "unresolved", None, f"{sp.how}: no place named before",
                       0.0, False)
    prev, prev_pos = _word_before(text, sp.start)
    nxt = _word_after(text, sp.end)
    lower_prev, lower_next = prev.lower(), nxt.lower()
    norm = normalise(surface)
    w40 = max(0, sp.start - 40)  # the window of the look-behind patterns ending in "$"
    ends = (fold(text[w40:sp.start]) if folded is None else folded[w40:sp.start]).rstrip().endswith(_LOOKBACK_ENDS)
    kazakh_person = norm in PERSON_FIRST_NAMES and not nxt.lower() in CITY_WORDS
    cue = AFTER_CUES_RE.match(text, sp.end) is not None  # (else no pattern read after the name matches)

    def reject(reason: str) -> Mention:
        return Mention(sp.start, sp.end, surface, "rejected", None, reason, 0.9, False)

    if sp.how in ("exact", "fuzzy"):
        # Persons: a place-like first name followed by a surname, a title before it, or a
        # first name before a surname-shaped match.
        if nxt and (surname_shaped(nxt) or surface[0].islower() and surname_shaped(nxt.capitalize())
                    or IN_SURNAME_RE.fullmatch(nxt) and not gaz.lookup(normalise(nxt))) \
                and nxt.lower() not in REGION_WORDS | CITY_WORDS:  # (lower case: "talgar nurmagambetov")
            return reject(f"person: followed by the surname '{nxt}'")
        if _person_named_place(text, sp, surface):
            return reject(f"person: '{surface}' is a full name where no place is expected")
        if cue and lower_prev not in LOCATIVE and sp.how == "exact" and _before_initials(text, sp):
            return reject(f"person: '{surface}' before the initial of a surname")  # "Altai B., 34"
        if lower_prev.rstrip(".") in TITLES and prev[:1].isupper() and not text[prev_pos:sp.start].count("\n"):
            if not _OF_END_RE.search(text[prev_pos:sp.start]):
                return reject(f"person: preceded by the title '{prev}'")
        if surname_shaped(surface) and prev[:1].isupper() and not _sentence_start(text, prev_pos) \
                and lower_prev not in FUNCTION_WORDS and " " not in text[prev_pos:sp.start].strip():
            return reject(f"person: surname-shaped after the first name '{prev}'")
        if surname_shaped(surface) and NAME_INITIAL_BEFORE_RE.search(text, w40, sp.start):
            return reject("person: surname-shaped after a first name and an initial")  # "Dinmukhamed A. Kunayev"
        if kin and _search_before(KIN_BEFORE_RE, text, w40, sp.start, folded):
            return reject("person: a relative or friend by name")
        window = text[w40:sp.start]
        if any(cue in window for cue in ("self", " name", " called", " goes by")) \
                and NAME_INTRO_EN_RE.search(text, w40, sp.start):
            return reject(f"person: '{surface}' is given as someone's name")  # "introduces himself only as Arys"
        if nxt[:1].isupper() and _search_before(ROLE_BEFORE_RE, text, max(0, sp.start - 30), sp.start, folded) \
                and not gaz.lookup(normalise(nxt)) and lower_next not in REGION_WORDS | CITY_WORDS:
            return reject(f"person: '{surface} {nxt}' named after what they do")  # "a local blogger, Aral Seitkali"
        if cue and PERSON_VERB_AFTER_RE.match(text, sp.end) \
                and text[max(0, sp.start - 3):sp.start].rstrip()[-1:] in _OPENING_ENDS and (
                sp.how == "fuzzy" or all(c.place.kind in ("village", "town") for c in sp.candidates)):
            return reject(f"person: '{surface}' does what a person does")
        if kazakh_person and (lower_prev not in LOCATIVE):
            return reject(f"person: '{surface}' without a hyphen is the first president's first name")
        # Organisations whose names contain a place.
        if lower_prev in ORG_BEFORE or lower_next in ORG_AFTER and (
                nxt[:1].isupper() or lower_next not in ORG_AFTER_CAPITALISED):
            org = f"{prev} {surface}" if lower_prev in ORG_BEFORE else f"{surface} {nxt}"
            return reject(f"organisation name '{org}'")
        if lower_next == "metro" and text.startswith(" station", sp.end + 6):  # (not "the Tashkent metro")
            return reject(f"a metro station named after the place: '{surface} metro'")
        if lower_next == "time" and CLOCK_BEFORE_RE.search(text, max(0, sp.start - 12), sp.start):
            return reject(f"a time zone: '{surface} time'")  # "Last updated 21:40 Astana time"
        if sports and _sports_club(text, sp):
            return reject(f"a sports club named after its city: '{surface}'")
        if text.startswith(".", sp.end) and DOMAIN_AFTER_RE.match(text, sp.end):
            return reject(f"a web address: '{surface}{DOMAIN_AFTER_RE.match(text, sp.end).group()}'")  # "Almaty.tv"
        qualified = cue and (ORG_QUALIFIED_RE.match(text, sp.end, sp.end + LOOK) or ORG_NAME_TAIL_RE.match(
            text, sp.end, sp.end + LOOK) or ORG_HEAD_AFTER_RE.match(text, sp.end, sp.end + LOOK))
        if qualified:  # "the Zhambyl regional court", "Almaty city prosecutor's office"
            return reject(f"organisation name '{surface}{qualified.group()}'")
        if (ends or law_ru and any(stem in text[w40:sp.start] for stem in _LAW_STEMS_RU)) \
                and LAW_BEFORE_RE.search(text, w40, sp.start):
            return reject("part of a law's name")  # "the Criminal Code of the Republic of Kazakhstan"
        if ends and (head_of := _HEAD_OF_RE.search(text[w40:sp.start])):
            head = head_of.group(1)
            if head.lower() in ORG_HEADS_OF:
                m = _resolve(sp, surface, text, gaz, nxt, cue)
                if m.status == "resolved" and m.place.kind == "country":  # "Senate of Kazakhstan"
                    return _not_eventable(m, f"part of the institution name '{head} of {surface}'")
                return reject(f"part of the institution name '{head} of {surface}'")
        if cue and _DESCRIBED_PERSON_RE.match(text[sp.end:sp.end + 40]) \
                and " " not in surface and lower_prev not in LOCATIVE:  # not "In Kostanay, a pensioner ..."
            return reject(f"person: '{surface}, a ...' describes someone")
        if prev[:1].isupper() and not _POSSESSIVE_RE.search(text[max(0, sp.start - 4):sp.start].rstrip()) and lower_prev not in FUNCTION_WORDS \
                and lower_prev not in PLACE_ADJECTIVES \
                and lower_prev not in TITLES \
                and lower_prev not in DIRECTIONS and not _sentence_start(text, prev_pos) \
                and text[prev_pos + len(prev):sp.start] == " " and not prev.isupper():
            return reject(f"organisation or name: '{prev} {surface}'")
    mention = _resolve(sp, surface, text, gaz, nxt, cue)
    if lower_next in STREET_WORDS or cue and STREET_LIST_RE.match(text, sp.end, sp.end + LOOK):
        return reject(f"street or district name '{surface} {nxt}'")
    if lower_next == "district" and mention.status == "resolved":
        mention = Mention(mention.start, mention.end, mention.text, mention.status, mention.place,
                          mention.reason + DISTRICT_NOTE, mention.confidence, mention.eventable)
    if _route_part(text, sp, gaz, cue):
        return reject(f"part of a route's name ('{surface}' joined by a dash to another place)")
    if cue and ROAD_AFTER_RE.match(text, sp.end, sp.end + LOOK) and (text[sp.end:sp.end + 1] in "-\u2013\u2014" or _DASHED_BEFORE_RE.search(
            text[max(0, sp.start - 30):sp.start])):
        return reject(f"part of a road's name ('{surface}{ROAD_AFTER_RE.match(text, sp.end, sp.end + LOOK).group()}')")
    if ends and DISTANCE_REF_RE.search(text, w40, sp.start):
        return Mention(mention.start, mention.end, mention.text, mention.status, mention.place,
                       mention.reason + "; a distance reference, not an event place",
                       mention.confidence, False)
    if cue and _BASED_RE.match(text[sp.end:sp.end + 16]):
        return _not_eventable(mention, "describes a company or person ('-based', '-born'), not an event place")
    if datelines and any(a <= sp.start < b for a, b in datelines):
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


ROUTE_NEXT_RE = re.compile(r"\s*[\u2013\u2014-]\s*([A-Z][\w-]*)")
ROUTE_PREV_RE = re.compile(r"\b([A-Z][\w-]*)\s*[\u2013\u2014-]\s*$")


def _route_part(text: str, sp: _Span, gaz: Gazetteer, cue: bool = True) -> bool:
    """"the train "Mangyshlak – Beineu"", "the Bukhara–Tashkent–Bishkek–Almaty pipeline": places
    joined by dashes name a route (a dateline "ALMATY – Police said" does not). ``cue``: False
    where AFTER_CUES_RE does not match after the span."""
    w40 = max(0, sp.start - 40)
    joined = (cue and ROUTE_NEXT_RE.match(text, sp.end) or None, ROUTE_PREV_RE.search(text, w40, sp.start)
              if text[w40:sp.start].rstrip().endswith(_DASH_ENDS) else None)
    if joined == (None, None) or text[sp.start:sp.end].isupper():  # (no dash: the common case)
        return False
    first = _matcher(gaz).first_tokens
    ids = {c.place.place_id for c in sp.candidates}
    for mt in joined:
        other = normalise(mt.group(1)) if mt is not None and not mt.group(1).isupper() else ""
        if other in first and not ids & {c.place.place_id for c in gaz.lookup(other)}:
            return True  # (not a gloss of the same place: "in Oral - Uralsk")
    return False


def _before_initials(text: str, sp: _Span) -> bool:
    """A name before a surname's initial ("Altai B., 34": of a town or village) or before two initials
    ("Орал Б.С.": of any place) is a person's."""
    return bool(INITIALS_AFTER_RE.match(text, sp.end) or INITIAL_AFTER_RE.match(text, sp.end)
                and all(c.place.kind in ("town", "village") for c in sp.candidates))


def _person_named_place(text: str, sp: _Span, surface: str) -> bool:
    """A settlement named after a person by first name and surname ("Бауыржан Момышулы",
    "Turar Ryskulov") is the person unless a preposition or settlement noun puts a place there
    ("село Бауыржан Момышулы", "in Turar Ryskulov")."""
    words = surface.split()
    return len(words) >= 2 and surname_shaped(words[-1]) and not _after_locative(text, sp.start)


def _not_eventable(m: Mention, why: str) -> Mention:
    return Mention(m.start, m.end, m.text, m.status, m.place, f"{m.reason}; {why}", m.confidence,
                   False, m.hint)


def _persons_named(text: str, mentions: list[Mention], key) -> list[Mention]:
    """Once a name is a person's ("Айгерим Сатпаевой"), its later bare uses are that person
    ("говорит Сатпаева") and not the town of the same name."""
    named = [m for m in mentions if m.status == "rejected" and m.reason.startswith("person: surname")]
    persons = {k for m in named for k in key(m.text.split()[-1])}
    # "My friend Oral Baimukhanov ... we wanted to find Oral": a person's first name, bare again
    firsts = [m for m in mentions if m.status == "rejected"
              and (m.reason.startswith(("person: followed by the surname", "person: a relative"))
                   or m.reason.endswith("given as someone's name"))]  # (not "меня зовут Орал": Орал is the city too)
    if not named and not firsts:
        return mentions
    first = {normalise(m.text) for m in firsts}
    since = min(m.start for m in [*named, *firsts])  # ("Rallies in Uralsk (Oral) ... Prepared by Oral Seitkaliyeva")
    return [Mention(m.start, m.end, m.text, "rejected", None, "person: named as a person before",
                    0.8, False) if m.status == "resolved" and m.place.kind != "country" and m.start > since
            and (persons & set(key(m.text)) or normalise(m.text) in first
                 and not FEATURE_AFTER_RE.match(text, m.end))
            and not _after_locative(text, m.start)
            and not RENAMED_BEFORE_RE.search(text, max(0, m.start - 30), m.start) else m
            for m in mentions]


# "Zyryanovsk, now called Altay", "renamed Altay": a town's other name, not the person named before
RENAMED_BEFORE_RE = re.compile(r"(?:\b(?:now|renamed|(?:now |since |later )?(?:called|known as)|formerly)"
                               r"|(?<!\w)(?:ныне|переименован\w* в|бывш\w+))\s+$", re.I)


DISTRICT_NOTE = "; followed by 'district'"


def _city_districts(mentions: list[Mention]) -> list[Mention]:
    """"X district" is the rural district of the town X (the Kordai district), unless X lies far
    from every town the article names: then it is a district of one of them ("in Almaty ... the
    Auezov district") and not the town."""
    towns = [m.place for m in mentions if m.status == "resolved" and m.place.kind in ("city", "town")
             and not m.reason.endswith(DISTRICT_NOTE)]
    return [Mention(m.start, m.end, m.text, "rejected", None, "a district of a city the article names",
                    0.7, False) if m.reason.endswith(DISTRICT_NOTE) and towns
            and all(_distance_km(m.place, t) > DISTRICT_KM for t in towns) else m for m in mentions]


def _after_locative(text: str, pos: int) -> bool:
    """A preposition of place before a name makes it a place ("in Satpayev", "в Сатпаеве")."""
    return bool(LOCATIVE_BEFORE_RE.search(text, max(0, pos - 16), pos))


def _surname_key(word: str) -> tuple[str, ...]:
    """A surname without its case or gender ending ("Сатпаевой", "Сатпаева" -> "сатпаев")."""
    w = normalise(word)
    return (_SURNAME_ENDING_RE.sub(r"\1", w),)


def _phrase_kinds(text: str, sp: _Span, nxt: str | None = None, cue: bool = True) -> tuple[tuple[str, ...], str]:
    """The kinds of place the words around a span call it, and why. ``cue``: as for _route_part."""
    nxt = (_word_after(text, sp.end) if nxt is None else nxt).lower()
    if nxt in REGION_WORDS or nxt == "regional":  # ("the Karaganda regional akimat": the region's body)
        return ("region",), f"followed by '{nxt}'"
    if cue and REGION_LIST_RE.match(text, sp.end, sp.end + LOOK):
        return ("region",), "one of a list of regions"
    before = text[max(0, sp.start - 12):sp.start].lower()
    if nxt in CITY_WORDS or before.rstrip().endswith(("city of", "town of")) and (  # (what both end in)
            _CITY_OF_RE.search(before) or _TOWN_OF_RE.search(before)):
        return ("city", "town", "village"), "called a city/town"
    if nxt in SQUARE_WORDS:
        return ("landmark", "city", "town", "village"), f"followed by '{nxt}'"
    return (), ""


def _resolve(sp: _Span, surface: str, text: str, gaz: Gazetteer, nxt: str | None = None,
             cue: bool = True) -> Mention:
    """The best candidate of a span; ``nxt``: the word after it, when the caller has it; ``cue``:
    as for _route_part."""
    kinds, why = _phrase_kinds(text, sp, nxt, cue)
    cands = sp.candidates
    if kinds == ("region",):  # (so "the Almaty regional akimat" is the oblast, not the city's ISO unit)
        cands = gaz.lookup(normalise(surface) + " region") or cands
    if kinds:
        narrowed = [c for c in cands if c.place.kind in kinds]
        if narrowed:
            cands = narrowed
            # "Almaty region" is the region, never the city.
    elif len(cands) > 1 and any(c.place.kind != "region" for c in cands):  # (one candidate: itself)
        # A bare name prefers the settlement over the region of the same name ("Almaty"),
        # unless the settlement is a small place ("Mangistau" is the region, not the village).
        towns = [c for c in cands if c.place.kind != "region"]
        regions = [c for c in cands if c.place.kind == "region"]
        big = [c for c in towns if c.place.kind in ("city", "country", "landmark")
               or c.place.population >= REGION_OVER_TOWN]
        cands = (towns if big or not regions else regions + towns) or cands
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


# "Aktau, in the Mangystau region"; "Taldykorgan, the centre of what was then Almaty region"
_QUALIFIER_GAP_RE = re.compile(r"\s*,\s*(?:in\s+)?(?:the\s+)?|\s+in\s+(?:the\s+)?"
                               r"|\s*,\s*(?:the\s+)?(?:regional\s+)?(?:centre|center|capital|seat)\s+of\s+"
                               r"(?:what\s+(?:was|is)\s+(?:then|now)\s+)?(?:the\s+)?")
_PLACES_NEXT_GAP_RE = re.compile(r"\s*,\s*(?:in|в|во)\s+|\s+(?:в|во)\s+")


def _resolve_ambiguous(text: str, mentions: list[Mention], spans: list[_Span],
                       gaz: Gazetteer) -> list[Mention]:
    """Second pass: same-name candidates decided by context the first pass could not see.

    Explicit context wins (a region named in the article, a direction such as "western
    Kazakhstan" or "the western city of"), then nearness to the article's unambiguous places
    (within 300 km) weighed against the population prior.
    """
    anchors = list({m.place.place_id: m.place for m, sp in zip(mentions, spans)
                    if m.status == "resolved" and m.eventable and m.place.kind != "country"
                    and (len(sp.candidates) == 1 or len({c.place.place_id for c in sp.candidates}) == 1)}.values())
    hints = {m.hint for m in mentions if m.hint}
    regions = {m.place.admin1_code for m in mentions
               if m.status == "resolved" and m.place and m.place.kind == "region"}
    out: list[Mention] = []
    nearness: dict[int, float] = {}  # id(place) -> its nearness to the anchors (a name recurs)
    for k, (m, sp) in enumerate(zip(mentions, spans)):
        prev = mentions[k - 1] if k else None
        if (m.status == "resolved" and m.place.kind == "region" and prev is not None
                and prev.place is not None and prev.place.kind in ("city", "town", "village")
                and _QUALIFIER_GAP_RE.fullmatch(text[prev.end:m.start])):
            m = Mention(m.start, m.end, m.text, m.status, m.place,
                        m.reason + "; qualifies the place before it, not an event place",
                        m.confidence, False, m.hint)
        nxt = mentions[k + 1] if k + 1 < len(mentions) else None
        if (m.status == "resolved" and m.place.kind == "region" and nxt is not None and nxt.place is not None
                and nxt.place.kind in ("city", "town", "village") and nxt.place.admin1_code == m.place.admin1_code
                and _PLACES_NEXT_GAP_RE.fullmatch(text[m.end:nxt.start])):
            # "В Атырауской области, в Махамбете": the region places the town named next
            m = Mention(m.start, m.end, m.text, m.status, m.place,
                        m.reason + "; places the town after it, not an event place", m.confidence, False, m.hint)
        if m.status not in ("resolved", "foreign") or len(sp.candidates) < 2 or m.place.kind == "country" \
                or len({c.place.place_id for c in sp.candidates}) < 2:
            out.append(m)
            continue
        local = DIRECTION_BEFORE_RE.search(text, max(0, m.start - 100), m.start)
        dirs = {DIRECTIONS.get(local["dir"].lower(), "")} if local else hints
        best, best_score, why = m.place, None, ""
        for rank, c in enumerate(sp.candidates):
            p = c.place
            in_region = p.admin1_code in regions
            direction = any(DIRECTION_TEST[h](p) for h in dirs if h in DIRECTION_TEST)
            near = nearness.get(id(p))
            if near is None:
                near = nearness[id(p)] = max(max((1 - _distance_km(a, p) / 300 for a in anchors
                                                  if a.place_id != p.place_id), default=0.0), 0.0)
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


def _resolve_references(text: str, mentions: list[Mention], spans: list[_Span], gaz: Gazetteer,
                        published: date | None) -> list[Mention]:
    """Descriptions that point at a place named elsewhere: "the X regional capital" is X's
    centre; an appositive name wins ("the regional centre, Aktau"); "the regional centre [of X]"
    is the centre of X, else of the region of the place named last, on the article's date; "the
    akimat" is the akimat landmark of the town it is in or named last (where the gazetteer has
    one); "the oil town" is Zhanaozen where the article names it (or names no town before), else
    the town named last ("the district centre": the town, not a village, named last)."""
    named = [k for k, (m, sp) in enumerate(zip(mentions, spans)) if m.status == "resolved"
             and m.place.kind != "country" and sp.how in ("exact", "fuzzy", "feature")]
    out = list(mentions)
    for k in named:  # "the West Kazakhstan regional capital" is Oral
        m = mentions[k]
        seat = REGION_SEAT_AFTER_RE.match(text, m.end) if m.place.kind == "region" else None
        place = gaz.seat(m.place.place_id, published) if seat else None
        if place is not None:
            surface = text[m.start:seat.end()]
            out[k] = Mention(m.start, seat.end(), surface, "resolved", place,
                             f"'{surface}' is the centre of {m.place.name}", 0.8, True)
    district = DISTRICT_AKIMAT_RE.search(text) if any(sp.how == "akimat" for sp in spans) else None
    for k, (m, sp) in enumerate(zip(mentions, spans)):
        if sp.how not in ("regional-centre", "anaphor", "akimat", "square") or m.status != "unresolved":
            continue
        after = next((j for j in named if j > k), None)
        gap = text[m.end:mentions[after].start] if after is not None else "."
        before = [mentions[j].place for j in named if j < k]
        place, why = None, ""
        if sp.how in ("akimat", "square"):
            # "in Zhanaozen", "в Жанаозене", or a genitive: "центральной площади Жанаозена"
            of_town = re.fullmatch(r"\s+(?:(?:in|of|в|во)\s+(?:the\s+)?)?", gap)
            if sp.how == "akimat" and not of_town and district is not None and district.start() < m.start:
                continue  # "outside the district akimat ... came to the akimat": the district's, not a city's
            town = mentions[after].place if of_town \
                else next((p for p in reversed(before) if p.kind in ("city", "town", "village")), None)
            feature = "akimat" if sp.how == "akimat" else "central square"
            place = _landmark_of(gaz, town, feature) if town else None
            why = f"the {feature} of {town.name}" if town else ""
        elif re.fullmatch(r"\s*[,(\u2013\u2014-]\s*", gap):
            place, why = mentions[after].place, "the name beside it"
        elif sp.how == "regional-centre" and after is not None and re.fullmatch(r"[^\S\n]+", gap):
            continue  # "в областном центре Актау": the name itself follows
        elif sp.how == "regional-centre":
            of = mentions[after].place if re.fullmatch(r"\s+of\s+(?:the\s+)?", gap) else None
            ref = of or (before[-1] if before else None)
            if ref is not None:
                place = gaz.seat(ref.place_id if ref.kind == "region" else f"iso:{ref.admin1_code}",
                                 published)
                why = f"the centre of {ref.admin1 or ref.name}"
        else:
            # ("the district centre" is a town, not the village a report is about)
            towns = [p for p in before if p.kind in (("city", "town") if "district" in sp.note
                                                      else ("city", "town", "village"))]
            if re.search(r"\boil", sp.note) and (not towns or any(
                    mentions[j].place.place_id == ZHANAOZEN for j in named)):
                place, why = gaz.get(ZHANAOZEN), "the oil town of Kazakh protest reporting"
            elif towns:
                place, why = towns[-1], "the town named last"
        if place is not None:
            out[k] = Mention(m.start, m.end, m.text, "resolved", place,
                             f"description '{sp.note}': {place.name}, {why}", 0.7, True)
    return out


# --- inflecting languages (Russian): names reduced to dictionary forms ----------------------------

@dataclass(frozen=True, slots=True, eq=False)
class PlaceLexicon:
    """What an inflecting language needs to find gazetteer names in running text.

    Names are matched on any combination of the per-token ``variants`` (the form as written, then
    its lemmas), so "в Жанаозене" finds "Жанаозен" and "площади Республики" finds "Площадь
    Республики"; a region adjective before a region noun ("Алматинской области", "в Алматинской и
    Жамбылской областях") is the region whose name has that adjective.
    """

    variants: Callable[[str], tuple[str, ...]]   # lower-case forms of one token, as written first
    adjective: Callable[[str], str | None]       # masculine nominative of an adjective, else None
    is_common_adjective: Callable[[str], bool]   # "Мирные": a lemma match would be a false place
    person_tag: Callable[[str], bool]            # read as a first name, surname or patronymic
    names: Mapping[str, str]                     # extra names (normal form -> place_id), they win
    region_nouns: frozenset[str]
    feature_heads: frozenset[str]                # lower-case heads of landmark names ("площадь")
    titles: frozenset[str]
    street_words: frozenset[str]
    org_before: frozenset[str]
    institution_heads: frozenset[str]            # "акимата Жамбылской области": not the event place
    quotes: tuple[str, ...]
    dateline: re.Pattern[str]
    dictionary_word: Callable[[str], bool] = lambda w: True  # a known common word: no name in lower case


@dataclass(slots=True)
class _InflectedIndex:
    names: dict[str, list[Candidate]]            # normal form (surface or adjective-lemmatised)
    first: set[str]
    max_tokens: int
    regions: dict[str, Place]                    # adjective lemma -> region


@lru_cache(maxsize=8)
def _inflected_index(gaz: Gazetteer, lex: PlaceLexicon) -> _InflectedIndex:
    names: dict[str, list[Candidate]] = {}
    regions: dict[str, Place] = {}
    for name in gaz.names():
        place = gaz.get(name.place_id)
        toks = name.norm.split()
        if not toks or not re.search("[а-я]", name.norm):
            continue
        # "Алматинская область" is also indexed as "алматинский область", the form lemmas give
        lemmas = [lex.adjective(t) or t for t in toks]
        for key in {name.norm, " ".join(lemmas)}:
            bucket = names.setdefault(key, list(gaz.lookup(name.norm)))
            if key != name.norm:
                bucket.extend(c for c in gaz.lookup(name.norm) if c not in bucket)
        if place.kind == "region" and len(toks) >= 2 and toks[-1] in lex.region_nouns:
            regions[" ".join(lemmas[:-1])] = place
    for norm, pid in lex.names.items():
        place = gaz.get(pid)
        for key in {norm, " ".join(lex.adjective(t) or t for t in norm.split())}:
            names[key] = [Candidate(place, Name(norm, norm, pid, "ru", "alternate", None, None), 1.0)]
    first = {k.split()[0] for k in names}
    return _InflectedIndex(names, first, max(len(k.split()) for k in names), regions)


def _in_handle(text: str, sp: _Span) -> bool:
    """Part of a user name ("Балхаш_мама", "@aktau_news"): no mention."""
    return (text[sp.start - 1:sp.start] if sp.start else "") in ("_", "@") or text[sp.end:sp.end + 1] == "_"


def _find_inflected(text: str, gaz: Gazetteer, lex: PlaceLexicon,
                    published: date | None = None) -> list[Mention]:
    idx = _inflected_index(gaz, lex)
    tokens = [t.span() for t in TOKEN_RE.finditer(text)]
    words = [text[s:e] for s, e in tokens]
    heads = {h[:5] for h in lex.feature_heads}
    lower = lower_case_text(text)
    forms = [_forms(w, lex) if w[0].isupper() or w[:5].lower() in heads and set(
        lex.variants(w)) & lex.feature_heads else _forms(w.capitalize(), lex)
        if lower and w[0].islower() and len(w) >= 4 and not lex.dictionary_word(w) else () for w in words]
    datelines = _datelines(text, lex.dateline)
    spans: list[_Span] = []
    i, n = 0, len(tokens)
    while i < n:
        if not forms[i] or not any(f in idx.first for f in forms[i]):
            i += 1
            continue
        best = None
        keys = [""]
        for j in range(i, min(n, i + idx.max_tokens)):
            if not forms[j] or j > i and not JOINER_RE.fullmatch(text[tokens[j - 1][1]:tokens[j][0]]):
                break
            keys = [f"{k} {f}".strip() for k in keys for f in forms[j][:5]][:64]
            for k in keys:
                if k in idx.names and idx.names[k]:
                    best = (j, idx.names[k], k)
                    break
        if best is not None:
            j, cands, key = best
            if j == i and key != forms[i][0] and lex.is_common_adjective(words[i]) \
                    and _sentence_start(text, tokens[i][0]) \
                    and not any(c.place.kind == "country" for c in cands):
                best = None  # "Мирные жители": the adjective "peaceful", not the village Mirny
        region = _region_adjective(i, text, tokens, words, forms, lex, idx)
        if region is not None and (best is None or best[0] <= region[0]):
            j, place = region
            spans.append(_Span(tokens[i][0], tokens[j][1], [Candidate(place, Name(
                words[i], words[i].lower(), place.place_id, "ru", "alternate", None, None), 1.0)],
                "feature", note=f"region adjective '{words[i]}': {place.name}"))
            i = i + 1 if j == i else j + 1
            continue
        if best is None:
            i += 1
            continue
        j, cands, key = best
        if words[i][0].islower() and not (words[i][:5].lower() in heads):
            cands = [c for c in cands if c.place.kind in LOWER_CASE_KINDS or c.place.country != "KZ"]
            if not cands:  # "в актау", "жанаозене": in a lower-case chat, towns and regions only
                i += 1
                continue
        spans.append(_Span(tokens[i][0], tokens[j][1], list(cands), "exact",
                           note=f"exact name match '{cands[0].name.text}' (as '{key}')"))
        i = j + 1
    spans = _central_square_spans_ru(text, _akimat_spans_ru(text, spans, gaz), gaz)
    taken = [(sp.start, sp.end) for sp in spans]
    spans += [sp for sp in _capital_spans(text, gaz, published, CAPITAL_RU_RE, _capital_ru)
              if not any(a < sp.end and sp.start < b for a, b in taken)]
    spans += [_Span(mt.start(), mt.end(), [], "regional-centre", note=mt.group())
              for mt in REGIONAL_CENTRE_RU_RE.finditer(text) if not any(a < mt.end() and mt.start() < b for a, b in taken)]
    spans.sort(key=lambda sp: sp.start)
    mentions = [_check_inflected(text, sp, gaz, lex, datelines) for sp in spans if not _in_handle(text, sp)]
    mentions = _persons_named(text, mentions, _surname_key)
    return _resolve_references(text, _resolve_ambiguous(text, mentions, spans, gaz), spans, gaz,
                               published)


# "здание городского акимата", "акимата Алматы": an akimat, of the city named with it or last
AKIMAT_RU_RE = re.compile(
    r"(?P<ak>(?:\b[Зз]дани\w+\s+)?(?:городского\s+)?\b[Аа]кимат\w*)(?:\s+(?:города\s+)?(?=[А-ЯЁ]))?")


def _landmark_of(gaz: Gazetteer, town: Place, feature: str = "akimat") -> Place | None:
    """The town's landmark whose name holds ``feature`` ("akimat", "central square")."""
    return next((c for c in gaz.children(town.place_id) if c.kind == "landmark"
                 and feature in normalise(c.name)), None)


def _akimat_spans_ru(text: str, spans: list[_Span], gaz: Gazetteer) -> list[_Span]:
    """Spans with Russian akimat mentions: "акимата Алматы" (the name spans both words) becomes
    the Almaty akimat; a bare "акимат" is left to _resolve_references (the town named last)."""
    by_start = {sp.start: sp for sp in spans}
    out = list(spans)
    for mt in AKIMAT_RU_RE.finditer(text):
        named = by_start.get(mt.end())
        if named is not None and mt.end() > mt.end("ak"):
            town = next((c.place for c in named.candidates if c.place.kind == "city"), None)
            landmark = _landmark_of(gaz, town) if town else None
            if landmark is not None:
                out.remove(named)
                out.append(_Span(mt.start(), named.end, [Candidate(landmark, Name(
                    text[mt.start():named.end], landmark.name.lower(), landmark.place_id, "ru",
                    "alternate", None, None), 1.0)], "feature", note=f"the akimat of {town.name}"))
            continue
        if not any(sp.start < mt.end("ak") and mt.start() < sp.end for sp in out):
            out.append(_Span(mt.start(), mt.end("ak"), [], "akimat", note=mt.group("ak")))
    return sorted(out, key=lambda sp: sp.start)


NAMED_SQUARE_PAIR_RU_RE = re.compile(r"\b[Пп]лощад\w*\s+[А-ЯЁ][\w-]*\s+и\s+$")  # "площади Исатая и Махамбета"
CENTRAL_SQUARE_RU_RE = re.compile(r"\b[ЦцГг](?:ентральн|лавн)\w*\s+площад\w*")
def _central_square_spans_ru(text: str, spans: list[_Span], gaz: Gazetteer) -> list[_Span]:
    """"центральной площади Жанаозена" is the town's central square where the gazetteer has one
    (one span over both), else the town; a bare "центральная площадь" is that of the town named
    last (_resolve_references)."""
    by_start = {sp.start: sp for sp in spans}
    out = list(spans)
    for mt in CENTRAL_SQUARE_RU_RE.finditer(text):
        if any(sp.start < mt.end() and mt.start() < sp.end for sp in out):
            continue
        named = by_start.get(mt.end() + 1) if text[mt.end():mt.end() + 1] == " " else None
        if named is None:
            out.append(_Span(mt.start(), mt.end(), [], "square", note=mt.group()))
            continue
        town = next((c.place for c in named.candidates if c.place.kind in ("city", "town")), None)
        landmark = _landmark_of(gaz, town, "central square") if town else None
        if landmark is not None:
            out.remove(named)
            out.append(_Span(mt.start(), named.end, [Candidate(landmark, Name(
                text[mt.start():named.end], landmark.name.lower(), landmark.place_id, "ru", "alternate",
                None, None), 1.0)], "feature", note=f"the central square of {town.name}"))
    return sorted(out, key=lambda sp: sp.start)


# "бывшая столица", "в южной столице", "столица" (by date); not "столица России"
CAPITAL_RU_RE = re.compile(
    r"(?:\b(?P<adj>[Бб]ывш|[Юю]жн|[Сс]тар|[Нн]ов|[Сс]еверн|[Кк]азахстанск)\w*\s+)?\b[Сс]толиц\w*\b"
    r"(?!\s+(?!Казахстана\b|РК\b)[А-ЯЁA-Z])")


SOVIET_OR_SOUTH_RE = re.compile(r"\s+of\s+(?:Soviet\s+Kazakhstan|the\s+Kazakh\s+SSR|the\s+south)\b")


def _capital_en(mt: re.Match) -> str:
    """"the old/southern capital", "the capital of Soviet Kazakhstan", "the capital of the south"
    are Almaty; "the new capital" is Astana."""
    adjective = (mt.group(1) or "").strip()
    if adjective in ("old", "southern") or SOVIET_OR_SOUTH_RE.match(mt.string, mt.end()):
        return "former"
    return adjective


def _capital_ru(mt: re.Match) -> str:
    return {"бывш": "former", "южн": "former", "стар": "former", "нов": "new",
            "северн": "new"}.get((mt["adj"] or "").lower(), "")


SENTENCE_YEAR_RE = re.compile(r"\b(19[2-9]\d|20\d\d)\b(?![.:/-]?\d)")
PARAGRAPH_YEAR_RE = re.compile(r"[^\S\n]*(19[2-9]\d|20\d\d)\.[^\S\n]")  # a chronology's paragraph


def _capital_spans(text: str, gaz: Gazetteer, published: date | None, regex: re.Pattern,
                   adjective) -> list[_Span]:
    """"The capital" and its kin resolved by date: the former (or southern) capital is Almaty,
    the new one Astana, "the capital" Almaty until 1997-12-10 and Astana since."""
    out = []
    for mt in regex.finditer(text):
        if PREDICATE_BEFORE_RE.search(text, max(0, mt.start() - 30), mt.start()):
            continue  # "Almaty was the capital until 1997": said of a place, not a mention of one
        kind = adjective(mt)
        sentence = text[max(text.rfind(". ", 0, mt.start()), text.rfind("\n", 0, mt.start()), 0):mt.start()]
        years = SENTENCE_YEAR_RE.findall(sentence)  # "Only in 1989 did a commission state ... in the capital"
        if not years and (lead := PARAGRAPH_YEAR_RE.match(text, text.rfind("\n", 0, mt.start()) + 1)):
            years = [lead.group(1)]  # "1986. Students gathered in Almaty, then the capital."
        when = date(int(years[-1]), 12, 31) if years and int(years[-1]) <= (published or date.today()).year \
            else published or date.today()
        if kind == "new":
            city, note = "astana", "'the new capital' is Akmola/Astana (capital since 1997-12-10)"
        elif kind == "former":
            city, note = "almaty", "'the former capital' is Almaty (capital until 1997-12-10)"
        elif when < CAPITAL_MOVED:
            city, note = "almaty", f"'the capital' on {when} is Almaty (capital until 1997-12-10)"
        else:
            city, note = "astana", f"'the capital' on {when} is Astana (capital since 1997-12-10)"
        hits = [c for c in gaz.lookup(city) if c.place.country == "KZ" and c.place.kind == "city"]
        if hits:
            out.append(_Span(mt.start(), mt.end(), hits[:1], "description", note=note))
    return out


# Kazakh case endings on a name in Russian text (a translation from Kazakh, a quoted phrase):
# "Шиеліде", "Қызылордаға", "Жаңақорғанның", "Алматыдағы"
KAZAKH_ENDINGS = ("дағы", "дегі", "тағы", "тегі", "ның", "нің", "дың", "дің", "тың", "тің", "дан", "ден", "тан",
                  "тен", "нан", "нен", "ға", "ге", "қа", "ке", "да", "де", "та", "те")


def _forms(word: str, lex: PlaceLexicon) -> tuple[str, ...]:
    """The token's variants in gazetteer normal form (Kazakh letters folded: "Ақтау" = "актау"),
    then the word without a Kazakh case ending, tried last."""
    forms = [normalise(v) for v in lex.variants(word)]
    ending = next((e for e in KAZAKH_ENDINGS if word.endswith(e)), None) if len(word) >= 6 else None
    if ending:
        forms.append(normalise(word[:-len(ending)]))
    return tuple(dict.fromkeys(forms))


def _region_adjective(i: int, text: str, tokens, words: list[str], forms, lex: PlaceLexicon,
                      idx: _InflectedIndex) -> tuple[int, Place] | None:
    """(last token, region) for a region adjective followed by a region noun within a short list
    ("Алматинской области" spans both words; in "Алматинской и Жамбылской областях" the first
    adjective stands alone). Hyphenated adjectives ("Западно-Казахстанской") are lemmatised part
    by part."""
    if not forms[i]:
        return None
    parts, k = [lex.adjective(words[i]) or ""], i
    while k + 1 < len(words) and text[tokens[k][1]:tokens[k + 1][0]] == "-":
        if not parts[-1] and words[k].lower().endswith("о"):
            parts[-1] = words[k].lower()  # "Северо-": a prefix the analyser does not read as an adjective
        k += 1
        parts.append(lex.adjective(words[k]) or "")
    place = idx.regions.get(" ".join(parts)) if all(parts) else None
    if place is None:
        return None
    for j in range(k + 1, min(len(words), k + 6)):
        if any(f in lex.region_nouns for f in lex.variants(words[j])):
            return (j, place) if j == k + 1 else (k, place)
        if not (words[j].lower() in ("и", "или") or lex.adjective(words[j])):
            return None
    return None


# a dash and a lower-case word: a slogan's sentence (not a route: «Бейнеу – Бозой – Шымкент»)
SPACED_DASH_RE = re.compile(r"\s[\u2013\u2014-]\s+[^\W\d_](?<![A-ZА-ЯЁ])")
QUOTED_NAME_WORDS = 5  # «Озенмунайгаз», «Астана Моторс»: a quoted name is a few words long


def _quoted_speech(text: str, opened: int, sp: _Span, lex: PlaceLexicon) -> bool:
    """A quotation around the name is reported speech, not an organisation's name, when it
    is a sentence («Вчера в Жанаозене собрались …») or puts a preposition of place before it."""
    closing = [i for i in (text.find(q, sp.end) for q in lex.quotes[1::2]) if i >= 0]
    inside = text[opened + 1:min(closing) if closing else len(text)]
    return len(inside.split()) > QUOTED_NAME_WORDS or bool(
        LOCATIVE_BEFORE_RE.search(text, opened + 1, sp.start)) or (
        inside.rstrip().endswith(("!", "?")) and len(inside.split()) > 1) or bool(  # a slogan: «Жаңаөзен – біз сенімен!»
        SPACED_DASH_RE.search(inside) or ", " in inside)  # or one that says what something is:
    # «Орал – город для людей», or calls to it: «Жанаозен, мы с вами»


# a name given as someone's: "a young man who introduces himself only as Arys", "a driver called Oral",
# "my name actually is Oral"
NAME_INTRO_EN_RE = re.compile(
    r"\b(?:introduc\w+ (?:himself|herself|themselves) (?:only |simply )?as|calls? (?:himself|herself)|"
    r"goes by(?: the name(?: of)?)?|(?:my|his|her) (?:first |real |given )?name(?:'s| (?:actually |really )?is)|(?:man|woman|boy|girl|driver|guide|friend|son|daughter|"
    r"neighbou?r|brother|sister|colleague|owner|worker|miner) (?:called|named))\s+$", re.I)
# a name given as someone's: "меня зовут Орал", an honorific "Орал-ага", a speaker "СЛУШАТЕЛЬ (Орал):"
NAME_INTRO_RU_RE = re.compile(r"(?<!\w)(?:меня|его|её|ее|нас)\s+зовут\s+$|(?<!\w)по имени\s+$"
                              r"|(?<!\w)(?:один|одна|одного|одной) из (?:них|задержанных|[\w-]+ых|[\w-]+их),\s*$", re.I)
HONORIFIC_RU_RE = re.compile(r"-(?:ага|аға|апа|апай|еке|аке)(?!\w)", re.I)
SPEAKER_BEFORE_RE = re.compile(r"\b[A-ZА-ЯЁ]{3,}\s*\(\s*$")
SPEAKER_AFTER_RE = re.compile(r"\s*\)\s*:")
COURT_BEFORE_RU_RE = re.compile(r"(?<!\w)(?:суд|суда|суде|судом|суду)(?:\s+(?:№\s*\d+|по|уголовным|гражданским|"
                                r"административным|экономическим|делам|несовершеннолетних|города|г\.))*\s+$", re.I)
COURT_AFTER_RU_RE = re.compile(r"\s+(?:(?:областн|районн|городск|межрайонн|специализированн)\w*\s+){1,3}"
                               r"(?:\w+\s+)?(?:суд|суда|суде|судом|суду)\b", re.I)  # "в Актюбинском областном суде"


def _check_inflected(text: str, sp: _Span, gaz: Gazetteer, lex: PlaceLexicon,
                     datelines: list[tuple[int, int]]) -> Mention:
    """Persons, organisations, streets and datelines; else the resolved mention."""
    surface = text[sp.start:sp.end]
    prev, prev_pos = _word_before(text, sp.start)
    nxt = _word_after(text, sp.end)
    prev_forms = lex.variants(prev) if prev else ()

    def reject(reason: str) -> Mention:
        return Mention(sp.start, sp.end, surface, "rejected", None, reason, 0.9, False)

    if sp.how == "exact":
        country = all(c.place.kind == "country" for c in sp.candidates)  # "премьер-министр Армении Никол"
        if nxt[:1].isupper() and not country and surname_shaped(nxt) \
                and not any(f in lex.region_nouns for f in lex.variants(nxt)):
            return reject(f"person: followed by the surname '{nxt}'")
        if any(f in lex.titles for f in prev_forms) and lex.person_tag(surface) and not (
                "аким" in prev_forms and surface[-1:].lower() in "аяы"):  # "аким Тараза": the town's
            return reject(f"person: preceded by the title '{prev}'")
        if KIN_BEFORE_RE.search(text, max(0, sp.start - 40), sp.start):
            return reject("person: a relative or friend by name")
        if NAME_INTRO_RU_RE.search(text, max(0, sp.start - 30), sp.start) or HONORIFIC_RU_RE.match(text, sp.end) \
                or SPEAKER_BEFORE_RE.search(text, max(0, sp.start - 30), sp.start) and SPEAKER_AFTER_RE.match(text, sp.end):
            return reject(f"person: '{surface}' is someone's name")  # "меня зовут Орал", "Орал-ага", "СЛУШАТЕЛЬ (Орал):"
        if _person_named_place(text, sp, surface):
            return reject(f"person: '{surface}' is a full name where no place is expected")
        if LAW_BEFORE_RE.search(text, max(0, sp.start - 40), sp.start):
            return reject("part of a law's name")  # "Земельный кодекс Республики Казахстан"
        if LAW_CODE_BEFORE_RE.search(text, max(0, sp.start - 8), sp.start):
            return reject("part of a code's abbreviation")  # "ст. 488 КоАП РК", "УПК РК"
        if not any(f in LOCATIVE_RU for f in prev_forms) and _before_initials(text, sp):
            return reject(f"person: '{surface}' before the initial of a surname")  # "Алтай Б., 34 года"
        if surname_shaped(surface) and prev[:1].isupper() and text[prev_pos + len(prev):sp.start] == " " \
                and not _sentence_start(text, prev_pos) and (lex.person_tag(prev) or not any(
                    gaz.lookup(f) for f in _forms(prev, lex))):  # "Канышу Сатпаеву": a name unknown to the analyser
            return reject(f"person: surname-shaped after the first name '{prev}'")
        if surname_shaped(prev) and text[prev_pos + len(prev):sp.start] == " " \
                and not any(gaz.lookup(f) for f in _forms(prev, lex)):
            return reject(f"person: the first name after the surname '{prev}'")  # "Оразбаев Жамбыл"
        if prev[:1].isupper() and text[prev_pos + len(prev):sp.start] == " " and lex.person_tag(prev) \
                and not lex.dictionary_word(prev) and not any(f in lex.titles for f in prev_forms) \
                and not _sentence_start(text, prev_pos) and not any(gaz.lookup(f) for f in _forms(prev, lex)):
            return reject(f"person: surname after the first name '{prev}'")  # "активиста Нурлана Темира"
        road_after = ROAD_AFTER_RU_RE.match(text, sp.end)
        if ROAD_BEFORE_RE.search(text, max(0, sp.start - 40), sp.start) or ROAD_WORDS_RU & set(prev_forms) or (
                road_after and (road_after["pair"] or DASH_BEFORE_RE.search(text, max(0, sp.start - 40), sp.start))):
            # "трассу Жанаозен – Актау": places a road joins, not where the road block was
            return reject(f"names a road: '{text[max(0, sp.start - 12):sp.end].strip()}'")
        side = SIDE_BEFORE_RU_RE.search(text, max(0, sp.start - 30), sp.start)
        if side and any(lex.person_tag(w) for w in (surface, side["first"]) if w):
            # "колонны подходили со стороны Сатпаева и Абая": streets named after people (but
            # "ехавших со стороны Шымкента" came from the city)
            return reject(f"a direction or street: '{text[max(0, sp.start - 12):sp.end].strip()}'")
        if any(f in lex.street_words for f in prev_forms) and not prev.lower().endswith(("ов", "ах", "ам", "улиц")):
            return reject(f"street name '{prev} {surface}'")  # (not "одного из микрорайонов Жанаозена")
        named_square = (any(f in lex.feature_heads for f in prev_forms) and text[prev_pos + len(prev):sp.start] == " "
                        and not CENTRAL_SQUARE_RU_RE.search(text, max(0, prev_pos - 20), sp.start)
                        or NAMED_SQUARE_PAIR_RU_RE.search(text, max(0, sp.start - 60), sp.start))
        if named_square and not any(c.place.kind in ("landmark", "country", "region") for c in sp.candidates):
            # "площадь Абая" (but "центральной площади Жанаозена" is the square of the town)
            return reject(f"a square named after someone or something: '{prev} {surface}'")
        if any(f in lex.org_before for f in prev_forms):
            m = _resolve(sp, surface, text, gaz)
            if m.place is not None and m.place.kind == "country":
                return _not_eventable(m, f"part of the organisation name '{prev} {surface}'")
            return reject(f"organisation name '{prev} {surface}'")
    if sp.how == "exact" and (any(f in lex.region_nouns for f in prev_forms) or nxt.lower().startswith("облыс")):
        # "в области Абай": the regions named after a person (Abai, Ulytau, Jetisu) follow the noun;
        # the Kazakh "Кызылорда облысы" is the region too
        regions = [c for cand in sp.candidates for c in gaz.lookup(f"{normalise(cand.place.name)} region")
                   if c.place.kind == "region"]
        if regions:
            sp.candidates = regions
            sp.note = f"'{prev} {surface}' is the {regions[0].place.name}"
    line_start = text.rfind("\n", 0, sp.start) + 1
    opened = max(text.rfind(q, line_start, sp.start) for q in lex.quotes[::2])
    closed = max(text.rfind(q, line_start, sp.start) for q in lex.quotes[1::2])
    mention = _resolve(sp, surface, text, gaz)
    if opened > closed and opened >= 0 and sp.start - opened < 40 and not _quoted_speech(
            text, opened, sp, lex):
        if mention.place is not None and mention.place.kind == "country":
            return _not_eventable(mention, "inside a quoted organisation name")
        return reject("inside a quoted name (an organisation, not a place)")
    if datelines and any(a <= sp.start < b for a, b in datelines):
        return _not_eventable(mention, "dateline: the filing place, not an event place")
    if DISTANCE_REF_RE.search(text, max(0, sp.start - 40), sp.start):  # "в 50 километрах от Атырау"
        return _not_eventable(mention, "a distance reference, not an event place")
    if mention.place is not None and mention.place.kind != "country" and prev.lower() not in (
            "в", "во", "на", "из", "у", "при") and COURT_BEFORE_RU_RE.search(
            text, max(0, sp.start - 60), sp.start):  # "суд по уголовным делам Жетысуской области"
        return reject("names the court (an organisation), not a place")
    if mention.place is not None and mention.place.kind != "country" and COURT_AFTER_RU_RE.match(text, sp.end):
        return reject("names the court (an organisation), not a place")
    if mention.place is not None and mention.place.kind == "region" and prev[:1].islower() \
            and any(f in lex.institution_heads for f in prev_forms):
        return _not_eventable(mention, f"names the institution '{prev}', not an event place")
    return mention
