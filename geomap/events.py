"""Event stage: what happened, where, when and how many, with the sentence it comes from.

Entry point: :func:`extract_events`. The text is read paragraph by paragraph, sentence by
sentence, clause by clause. A trigger word makes an event (unless it is only intended,
promised, negated or a back-reference such as "the organisers of the riots"); the event takes
the place of its clause or sentence, else the paragraph's place in focus ("there", "the
square"), else the country; the date of its clause, else the paragraph's date in focus, else
the publication date; counts of its sentence go to the right field (participants, injured,
killed, detained). Events of one article at one place, day and type are merged.
"""
from __future__ import annotations

import bisect
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field, fields
from functools import cache
from operator import attrgetter
from datetime import date, timedelta

from .counts import Count, find_counts, is_vague, parse_number
from .gazetteer import Gazetteer, Place
from .places import Mention, find_places
from .screen import fold, folded_twin, match_folded, matches_at, may_match, search_any, search_folded
from .timex import ASIDE, DATE_LINE_RE, NAME_HISTORY, DateExpr, find_dates_and_spans, lower_case_text, on_this_day


@dataclass(frozen=True, slots=True)
class Event:
    """One kind of action at one place on one day or interval, as one article reports it."""

    event_id: str
    article_id: str
    event_date: date
    event_date_end: date
    time_precision: int
    event_type: str
    sub_event_type: str
    action: str
    place: Place
    geo_precision: int
    mention: str
    evidence: str
    evidence_start: int
    evidence_end: int
    confidence: float
    participants_min: int | None = None
    participants_max: int | None = None
    participants_text: str = ""
    injured: int | None = None
    killed: int | None = None
    detained: int | None = None
    actors: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Trigger:
    pattern: re.Pattern[str]
    action: str
    event_type: str
    sub_event_type: str
    national: bool = False      # happens at country level unless a place is named with it
    needles: tuple[str, ...] = ()  # lower-case substrings every match contains: a cheap pre-filter


def _t(rx: str, action: str, etype: str, sub: str, national: bool = False, *,
       needles: str) -> Trigger:
    """A trigger; its pattern is matched ignoring case. Write its letters in lower case ("tv",
    "telegram"): it reads the same, and only then has it the faster twin screen.folded_twin."""
    return Trigger(re.compile(rx, re.IGNORECASE), action, etype, sub, national,
                   tuple(needles.split("|")))


UNREST = "unrest"  # a provisional action: see _merge
PROTEST, RIOT, STRAT, VAC = "Protests", "Riots", "Strategic developments", "Violence against civilians"
BATTLES = "Battles"
PEACEFUL, INTERVENTION = "Peaceful protest", "Protest with intervention"
EXCESSIVE = "Excessive force against protesters"
VIOLENT = "Violent demonstration"
# the security forces as the target of fire: "opened fire on servicemen" is a battle, not an attack
_FORCES = (r"(?:the )?(?:\w+ ){0,2}?(?:servicemen|soldiers|troops|police(?:men)?|officers|security forces|guardsmen|"
           r"military|checkpoints?)\b")
TRIGGERS: tuple[Trigger, ...] = (
    _t(r"\bhunger[- ]strik\w*|\brefus(?:ed|ing|e)\s+(?:all\s+)?(?:food|to eat)\b", "hunger strike", PROTEST, PEACEFUL,
       needles="hunger|refus"),
    _t(r"\b(?:went|go|going|were|are|been) on (?:a )?strike\b"
       # ("\b" before the look-behinds, not after: they are tried only at word starts, not everywhere)
       r"|\b(?<!decisive )(?<!winning )(?<!late )(?<!stunning )(?<!opening )(?<!equalising )(?<!long-range )"
       r"strikes?\b(?! (?:a|the) balance|"
       r" (?:leaders?|organi[sz]ers?|committee)\b)|\b(?:were|are|been|began|started) striking\b"
       r"|\bwalk(?:ed)? ?outs?\b|\bstopped work\b|\bdowned tools\b|\bwork stoppages?\b"
       r"|\b(?:stayed|stay|staying|stays) (?:away from|off) (?:the job|work)\b"
       r"|\b(?:staged|held|began|started|called|organi[sz]ed) an? (?:[\w-]+ ){0,2}?stoppages?\b"
       r"|\brefus(?:ed|ing|e) to (?:go (?:back )?to |return to )?work\b"
       r"|\brefus(?:ed|ing|e) to (?:go|descend) (?:down (?:the |into the )?(?:mine|pit|shaft)|underground)\b"
       r"|\b(?:kept|keep|keeping) (?:their |the )?(?:stalls|shops|kiosks|businesses) (?:closed|shut)\b"
       r"|\bshut (?:their )?(?:stalls|kiosks)\b"  # traders' strike: "kept their stalls closed"
       r"|\b(?:miners|workers|employees|drivers|teachers|doctors|nurses|staff|oilmen|steelworkers|dockers)"
       r"\s+(?:[\w-]+\s+){0,6}?struck\b(?!\s+(?:by|a|an|the|down|out|back|up|deals?)\b)",
       "strike", PROTEST, PEACEFUL,
       needles="strik|struck|walk|stopped work|downed tools|to work|work stoppage|stalls|kiosks|shops|businesses|"
               "the job|from work|off work|stoppage|"
               "to go down|to descend|underground"),
    _t(r"\bsit-ins?\b|\b(?:miners|workers|employees|men)\s+(?:[\w-]+\s+){0,3}?(?:refus|declin)(?:ed|ing|e) to "
       r"(?:come (?:up|to the surface)|leave the (?:mine|pit|shaft))\b"  # (the look-back of miners is not "refused")
       r"|\b(?:remained|stayed|remain|stay|staying|remaining) underground\b"
       r"|\bsat down (?:in|inside) (?:the |a )?(?:lobby|hall|foyer|corridor|office|building|reception)\b",
       "sit-in", PROTEST, PEACEFUL,
       needles="sit-in|refus|declin|underground|sat down"),
    _t(r"\b(?:set(?:ting)? up|put(?:ting)? up|erect\w*|pitch\w*|install\w*)\b[^.,;]{0,30}\byurts?\b"
       r"|\byurts?\b[^.,;]{0,20}\b(?:were|was) (?:set up|erected|put up)"
       r"|\byurts?\b(?: (?:stand|stood|stay|stayed|remain(?:ed)?))? (?:on|in) (?:the )?(?:[\w-]+ ){0,2}?[Ss]quare\b",
       "yurts/camp", PROTEST, PEACEFUL,
       needles="yurt"),
    _t(r"\bblock(?:ed|ing|s)? (?:the |a |their |our )?(?:same |main |only |federal |national |central )?"
       r"(?:(?-i:[A-Z])[\w'-]*\s*(?:[-\u2013\u2014]\s*)?){0,3}"  # "the Karaganda - Zhezkazgan highway"
       r"(?:road|roads|highway|motorway|railway|traffic|railway line|tracks|way for (?:lorries|trucks|cars|traffic)|"
       r"streets?|(?:a |the )?street in)\b"
       r"|\bpark(?:ed|ing)? (?:up to |about |some |dozens of |hundreds of |\d+ |their )*(?:lorries|trucks|cars|"
       r"vehicles|tractors|buses) across the (?:road|highway|motorway|street)\b"  # "parked up to 80 lorries across the highway"
       r"|\broad ?blocks?\b|\b(?:road|railroad|railway|rail) blockades?\b"
       r"|\bstopp(?:ed|ing) (?:the |a )?(?:passenger |freight )?trains?\b"
       r"|\b(?:stood|standing|sat|sitting|lay|lying) (?:down )?across the (?:road|highway|motorway)\b", "road block",
       PROTEST, PEACEFUL, needles="block|train|across the"),
    _t(r"\b(?-i:[Mm]arch(?:ed|es|ing)|march)\b(?! \d)"  # not "23 March"
       r"|\b(?:people|protesters|demonstrators|women|residents|activists)\s+(?:[\w-]+\s+){0,2}?walked (?:along|down|through) "
       r"(?:the )?(?:[\w-]+ ){0,2}?(?:streets?|pavements?|sidewalks?|avenue)\b", "march", PROTEST, PEACEFUL,
       needles="march|walked"),
    _t(r"\bprotest(?:s|ed|ing)?\b(?! (?:against|over) the (?:verdict|decision))"
       r"|\brall(?:y|ies|ied|ying)\b|\bdemonstrations?\b|\bpickets?\b|\bpicket(?:ed|ers?)\b"
       r"|\b(?:took|take|taking|taken) to the streets?\b"
       # (not "gathered in his mother's house to remember him": a family, no protest)
       r"|\bgather(?:ed|ing)?\b(?!\s+(?:in|at)\s+(?:[\w'\u2019-]+\s+){0,2}?(?:house|home|flat|apartment|kitchen|"
       r"restaurant|caf[eé])\b)|\bmass (?:meeting|action)s?\b"
       r"|\b(?:came|come|coming) out (?:en masse|to protest|in protest|into the streets|onto the streets"
       r"|(?:onto|on to|into|to) (?:the )?(?:[\w-]+ ){0,2}?[Ss]quare\b)"
       r"|\b(?:crowds?|people|residents|protesters|hundreds|thousands|dozens)\s+(?:\w+\s+)?(?:came|come|coming) out\b"
       r"|\bfill(?:s|ed)? the (?:[\w-]+ )?(?:square|streets?)\b|\bunfurled\b|\b(?:were|was|are|been) joined by\b"
       r"|\b(?:set|put) up a (?:stage|tribune|platform)\b|\bgatherings?\b(?=(?: (?:over|against|about|on) [\w-]+(?: [\w-]+){0,2}?)? (?:were|was|of|in|on|took))"
       r"|\b(?:stood|remain(?:ed|s)?|stay(?:ed|s)?|camped|(?:are|were|is|was) still) (?:on|in|at) "
       r"(?:the )?(?:[\w-]+ ){0,2}?[Ss]quares?\b"
       # relatives on an anniversary (not the akim's wreath)
       r"|\b(?:people|relatives|residents|activists|veterans|mothers|women|students|families|survivors|dozens|hundreds|"
       r"thousands)\s+(?:(?!(?:want|plan|intend|hope|tri|will\b|would\b|to\b))[\w-]+\s+){0,3}?(?:laid|were laying|"
       r"are laying) (?:flowers|wreaths)\b"
       r"|\b(?:stood|stand|standing|gathered|lined up)\s+(?:[\w-]+\s+){0,3}?with\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?"
       r"(?:signs?|placards?|posters?|banners?)\b"  # "150-200 ppl standing with paper signs"
       r"|\b(?:stood|stand|standing|sat|sitting)(?: alone| silently| quietly| in silence)? (?:outside|in front of|"
       r"at the gates? of) (?:the )?(?:[\w-]+ ){0,3}?"
       r"(?:akimat|court(?:house)?|building|office|embassy|consulate|parliament|ministry|headquarters|gates?|"
       r"city hall|police station)\b"
       r"|\b(?:tried|trying|tries|attempted|attempting) to (?:reach|get to|enter|break through to) (?:the )?"
       r"(?:[\w-]+ ){0,2}?[Ss]quare\b|\bon (?:their|the|his|her) way to (?:the )?(?:[\w-]+ ){0,2}?"
       r"(?:[Ss]quare|rally|protest|picket)\b"
       r"|\b(?:surrounded|encircled|kettled|cordoned off) (?:a (?:group|crowd) of )?(?:about |some |around |nearly |"
       r"more than |over )?[\w,]+ (?:people|protesters|demonstrators|activists|supporters)\b"
       r"|\b(?:crowds?|protesters|demonstrators|people|residents)\s+(?:[\w-]+\s+){0,4}?refus(?:ed|ing|e) to "
       r"(?:disperse|leave|go home)\b",  # (the look-back of a crowd is not "refused")
       "rally", PROTEST, PEACEFUL,
       needles="protest|rall|demonstrat|picket|street|gather|mass |came out|come out|coming out|"
               "fill|unfurled|joined by|stage|tribune|platform|square|stood|stand|sat |sitting|flowers|wreaths|"
               "surrounded|encircled|kettled|cordoned|lined up|refus"),
    _t(r"\b(?:police|security forces|troops|authorities|riot police|officers)\b"
       r"(?:(?!\bnot\b|n't\b|\bnever\b|\bfail|\brefus|\bwould\b|\bcould\b|\bmay\b)[^.;]){0,40}"  # (not "did not disperse")
       r"\bdispers(?:e|ed|ing)\b|\b(?:were|was|been) dispersed\b|\btear gas\b|\bstun grenades\b"
       r"|\brubber bullets\b|\bwater cannons?\b"
       r"|\b(?:broke|break|breaks|breaking|broken) up (?:the |a |their )?(?:crowds?|rall(?:y|ies)|protests?|"
       r"demonstrations?|gatherings?|meetings?|pickets?|march(?:es)?|sit-ins?|camps?|protesters)\b",
       "dispersal", PROTEST, INTERVENTION,
       needles="dispers|tear gas|stun grenade|rubber bullet|water cannon|broke up|break up|breaks up|breaking up|"
               "broken up"),
    _t(r"\bdispers(?:e|ed|es|ing|al)\b|\bdismantl\w+\b|\bwent home\b|\bgo home\b",
       "dispersal", PROTEST, PEACEFUL,
       needles="dispers|dismantl|went home|go home"),
    _t(r"\bloot(?:ing|ed|ers)?\b", "looting", RIOT, VIOLENT,
       needles="loot"),
    _t(r"\bstorm(?:ed|ing)?\b(?! of)|\battacks? on (?:state|government|administrative|police|the "
       r"akimat)\w*|\b(?:seiz(?:ed|ing)|took over|taken over|broke into|attacked|tore down|captured|"
       r"occupied|ransacked|smashed|break(?:s|ing)? into|broken into|rush(?:ed|ing)? into|burst into|"
       r"forc(?:e|ed|ing) (?:its|their|a) way into)\b[^.;]{0,40}\b(?:buildings?|akimat|"
       r"airport|administration|residence|police stations?|offices?|headquarters|gates|ministry|"
       r"city hall|tv)\b"
       r"|\b(?:airport|akimat|building|administration|residence|police station)s?,? (?:which |that )?"
       r"(?:was |were |had been |has been |have been )?(?:seized|stormed|captured|taken over|occupied)\b"
       r"|\b(?:airport|akimat|building|administration|residence|police station)s?,? (?:which|that) "
       r"(?:[\w-]+ ){1,3}?(?:broke into|stormed|seized|captured|occupied|ransacked)\b",
       "storming", RIOT, VIOLENT,
       needles="storm|attack|seiz|took over|taken over|broke into|break into|breaking into|broken into|"
               "tore down|captured|occupied|ransacked|smashed|rush|burst into|way into"),
    _t(r"\bset (?:\w+ ){0,3}?(?:on fire|ablaze|alight)\b|\bset fire\b|\btorched\b|\barson\b|\b(?:burn(?:ed|t|ing)"
       r"|set fire to) (?:down )?(?:\w+ ){0,2}?(?:cars|vehicles|buildings?|akimat|offices?|"
       r"police cars|the)\b|\b(?:had been|were|was) (?:burned|burnt|set on fire)\b",
       "arson", RIOT, VIOLENT,
       needles="fire|ablaze|alight|torched|arson|burn"),
    _t(r"\btoppl(?:ed|ing)\b|\b(?:tore|tearing|pull(?:ed|ing)?) down (?:a |the )?(?:[\w-]+ ){0,3}?"
       r"(?:statue|monument)|\bvandali[sz]\w*"
       r"|\bsmashed (?:the )?(?:windows|cars|shop)", "property destruction", RIOT, VIOLENT,
       needles="toppl|down|vandal|smashed"),
    _t(r"\bexchanges? of fire\b|\bgun ?fights?\b|\bshoot-?outs?\b|\bfire ?fights?\b"
       r"|\barmed clash(?:es)?\b|\bgun ?battles?\b|\b(?:exchang|trad)(?:ed|ing) fire\b|\breturn(?:ed|ing) fire\b"
       r"|\bfought (?:\w+ ){0,2}?(?:armed|gunmen|militants)\b|\bopened fire (?:on|at) " + _FORCES,
       "armed clash", BATTLES, "Armed clash",
       needles="fire|gun|shoot|armed|fought"),
    _t(r"\bclash(?:es|ed)?\b|\b(?:threw|thrown|throwing|hurled|hurling) (?:stones|rocks|bottles|petrol bombs)\b"
       r"|\b(?:stones|rocks|bottles|petrol bombs) (?:were|was) (?:thrown|hurled)\b"
       r"|\bpelted\b", "clash", RIOT, VIOLENT,
       needles="clash|threw|thrown|throwing|hurl|pelted"),
    _t(r"\b(?<!anti-)riot(?:s|ing|ed)?\b(?! (?:gear|police|squads?|shields?|control|officers))"
       r"|\bpogroms?\b", "riot", RIOT, VIOLENT,
       needles="riot|pogrom"),
    # "unrest" is a riot only where nothing more specific is told of that place and day
    _t(r"(?<!history of )\bunrest\b", UNREST, RIOT, VIOLENT, needles="unrest"),  # (not "has a history of unrest")
    _t(r"\b(?:opened fire|fired|shot|shooting) (?:on|at|into) (?:\w+ ){0,3}?(?:protesters|demonstrators|"
       r"strikers|crowds?|workers|people|rally|rallies)\b|\bmassacre\b"
       r"|\b(?:opened fire|fired) (?:on|at|into|in) (?:the )?(?:[\w'\u2019-]+ ){0,2}?(?:central |main )?square\b"
       r"|\b(?:shot dead|shot and killed|gunned down|shot)\s+(?:\w+\s+){0,3}?(?:protesters|demonstrators|strikers|"
       r"striking|protesting)\b", "shooting", PROTEST,
       EXCESSIVE,
       needles="fire|shot|shooting|massacre"),
    _t(r"\bopened fire\b(?! (?:on|at) " + _FORCES + r")|\bshot dead\b", "shooting", VAC, "Attack",
       needles="opened fire|shot dead"),
    _t(r"\bdetain(?:ing|s)?\b|(?<!for )(?<!of )(?<!the )(?<!their )(?<!all )\bdetained\b"
       # (not "searching for detained and missing relatives", "lawyers for detained activists")
       r"|(?<!of )(?<!for )\b(?:for|of|the|their|all) detained\b(?! (?:and \w+ )?(?:relatives|activists|protesters|people|persons|"
       r"men|women|journalists|demonstrators|participants|workers|residents|famil\w+)\b)"
       r"|\barrest(?:ed|s|ing)?\b|\bdetentions?\b|\btaken into custody\b"
       r"|\b(?:taken|brought) to (?:the |a )?police (?:stations?|departments?)\b"
       r"|\b(?:took|taken|put|pushed|bundled|dragged|threw|thrown) (?:[\w-]+ ){0,4}?(?:in|into) (?:a |the |police |their )*"
       r"(?:vans?|buses|police cars|paddy wagons?)\b"  # "the police took like 5 of them into a van"
       r"|\b(?:taken|took|snatched|abducted) (?:\w+ ){0,2}?from (?:his|her|their) homes?\b"
       r"|\b(?:police|officers) (?:briefly )?held (?:(?!with |talks |an? |meetings? |briefings? )[\w-]+ ){0,3}?(?:people|persons|men|women|activists|protesters|"
       r"demonstrators|students|journalists|youths|picketers|residents)\b|\b(?:were|was) briefly held\b"
       r"|\b(?:was|were) held for (?:[\w-]+ ){1,2}?(?:hours|days)\b(?=[^.;]{0,40}\breleased\b)",
       "detention", STRAT, "Arrests",
       needles="detain|arrest|detention|custody|police station|police department|van|buses|police car|wagon|home"
               "|held"),
    _t(r"\bstate of emergency\b|\bemergency (?:rule|state)\b", "state of emergency", STRAT, "Other", True,
       needles="emergency"),
    _t(r"\bcurfew\b", "curfew", STRAT, "Other", True,
       needles="curfew"),
    _t(r"\binternet\b(?:(?!\bnot\b|n't\b|\bnever\b)[^.;]){0,40}\b(?:shut ?down|blackout|cut(?: off)?|switched off|blocked|outage|"
       r"disrupted|down|unavailable|(?:was|were) off|interrupted|restricted|throttled|suspended)\b|\b(?:no|without) (?:mobile )?internet\b"
       r"|\b(?:shut ?down|blackout|cut off|blocked) (?:of )?(?:the )?(?:mobile )?internet\b"
       r"|\b(?:telegram|whatsapp|instagram|facebook|messengers|messaging apps|social (?:media|networks))"
       r"(?:,? (?:and|or) (?:telegram|whatsapp|instagram|facebook))* (?:stopped working|were blocked|"
       r"was blocked|went down|(?:were|was) cut off)\b",
       "internet shutdown", STRAT, "Other", True,
       needles="internet|telegram|whatsapp|instagram|facebook|messeng|social"),
)
# What is only wanted, promised, threatened, possible or denied did not happen. ("may" is a
# top-level alternative of its own: case-sensitive, not the month, it has no folded twin, the rest
# has one; tested with screen.search_any, which needs only a yes or no)
MODAL_RE = re.compile(
    r"\b(?-i:may)\b[^.;]{0,60}$|"
    r"\b(?:intend\w*|plan(?:s|ned|ning)?|promis\w*|threat\w*|might|could|would|will|shall|can|cannot|avoid\w*|"
    r"call(?:s|ed|ing)? (?:on|for)|cancel\w*|called off|urg\w*|demand\w*|want\w*|going to|aim\w* to|expected to|"
    r"intention|in order to|to attend|refus\w*|fail\w* to|ready to|not|n't|never|no|nothing|nobody|none|if|unless|any|"
    r"deni\w*|deny\w*|routinely|usually|typically|normally|tends? to|"
    r"(?<!the )ban(?:s|ned|ning)?|prohibit\w*|warn(?!ing\s+$)\w*|vow\w*|pledg\w*|prevent\w*|accus\w*|charg\w*|"
    r"suspect\w*|convict\w*|sentenc\w*|acquitt\w*|tried for|on trial|"
    r"organi[sz]ing|incit\w*|permission to|appl(?:y|ied|ies|ying) (?:for|to)|talk (?:of|about)|"
    r"notif(?:y|ied|ies|ying|ications?)|(?:submitt|fil|lodg)(?:ed|ing) (?:\w+ ){0,3}?for|"
    r"(?:requests?|applications?) (?:for|to hold)|right to)\b[^.;]{0,60}$",
    re.IGNORECASE,
)
# "A court sentenced nine men to between five and fourteen years in prison for the storming of the
# akimat": what a court or a charge sheet says is a reference to past events, told where dated
LEGAL_RE = re.compile(r"\b(?:sentenc\w*|convict\w*|found\s+(?:\w+\s+)?guilty|acquitt\w*|charged|indicted|"
                      r"(?:days?|months?|years?) of administrative(?=\s*$)|(?:received|given|got|handed|serv(?:ed|ing))"
                      r"\s+(?:[\w-]+\s+){0,4}?(?:days?|months?|years?)\s+of(?=\s*$)|"
                      r"(?:court|judge)\s+(?:\w+\s+){0,2}?(?:jailed|fined))\b"
                      r"[^.;]{0,130}$", re.I)
# "the authorities announced rallies in support of ...": a protest announced is still to come
# (a measure announced is declared: "announced a curfew")
ANNOUNCED_RE = re.compile(r"\bannounc\w*\s+(?:(?:a|an|new|more|further)\s+)?(?:[\w-]+\s+)?$", re.I)
SAME_PERIOD_RE = re.compile(r"\b(?:for|over|during) the same (?:period|time|days|dates)\b|"
                            r"\bна (?:тот же|этот же|весь этот) (?:период|срок)\b", re.I)
FUTURE_AFTER_RE = re.compile(r"\s+(?:will|would|shall|is to|are to|is going to|are going to)\b"
                             r"(?!\s+(?:not\s+)?(?:continue|go on|carry on|last|remain|keep|stay|end|stop))")  # (under way)
# words that point back at the scene or the violence just told, in a paragraph that names none
SCENE_ANAPHOR_RE = re.compile(
    r"\b(?:at|on|from) the (?:scene|spot)\b|\bна месте (?:событий|происшествия|акции|стычки|драки)\b"
    r"|\b(?:in|during) (?:[A-Z][a-z]+day's|yesterday's|last night's|this morning's) (?:fighting|clash(?:es)?|"
    r"violence|melee|scuffles?|brawl|dispersal)\b")
# "a strike lasting more than two weeks could cut output": any such strike, supposed
# (not "there was a rally ... i would say": the modal of someone's own clause)
INDEFINITE_BEFORE_RE = re.compile(r"(?<!\bwas )(?<!\bwere )\b(?:[Aa]n?|[Aa]ny)\s+(?:[\w-]+\s+)?$")
SUPPOSED_AFTER_RE = re.compile(r"(?:(?!\b(?:[Ii]|he|she|we|they|you|it|who|that|which)\b)[^.;,]){0,50}?"
                               r"\b(?:could|would|might)\b(?!\s+(?:not\s+)?have\b)")
# "the organisers of the riots", "during the protests": a back-reference, not a new event.
REFERENCE_RE = re.compile(
    r"\b(?:(?:participants|organi[sz]ers|victims|veterans|survivors|instigators|leaders|members|demands|causes?|"
    r"aftermath|wake|anniversary|suppression|investigation|(?:(?:took|take|taking|takes|their|his|her) )part|"
    r"role|involvement|memory|memories|"
    r"history|legacy|lessons|echoes|reminder|(?<=the )(?:night|evening|morning|day)) (?:of|in|into) "
    r"the|(?:died|killed|injured|wounded|hurt) in the|in connection with the|joining the|"
    r"(?:in support of|in solidarity with) the|(?:violat\w*|breach\w*|defy\w*|defied|despite|"
    r"lift\w*|film\w*|photograph\w*|stream\w*) the|(?:years|months|weeks|days|decades|a decade|a year|a day) (?:after|since)|(?:during|after|"
    r"(?<!is )(?<!are )(?<!been )(?<!closely )following|amid|since|before|over|where|when|organi[sz]ed?) (?:the|their|his|her)"
    r"|(?:report|article|story|coverage|piece)s?\s+(?:[\w,]+\s+){0,4}?(?:on|about) (?:the|their)"
    r"|\b(?:these|those)"  # "Police did not disperse these rallies": told already
    r"|\b(?:called|call|calls|described|describe|branded|dismissed|blamed|condemned) (?:the|these|those)"
    r"|\b(?:(?:on )?the eve of|ahead of|in the run-up to)(?: the)?"
    r"|\bone of the (?:[a-z]+est|most [a-z]+|first|few)"  # "in one of the largest street protests ... this year"
    r"|\b(?:hours|minutes|days|shortly|just|a day|the day|the night|the evening) before (?:a|an)"
    r"|\b(?:fin|punish|prosecut|persecut)\w* (?:\w+ ){0,2}?for(?: peaceful| taking part in| joining)?"
    r")\s+(?:\w+\s+)?$"  # a time told by an event
    # a notice's contents: "information on continuing demonstrations, detentions and the curfew"
    r"|\b(?:information|updates?|guidance|advice) (?:on|about)\b[^.;:()]{0,60}$"
    r"|\breport(?:ing|ed) on (?:[\w-]+ ){0,2}$",  # "journalists were detained while reporting on protests"
    re.IGNORECASE,
)
COUNTRY_SCOPE_RE = re.compile(
    r"\b(?:in|across|throughout|all over) (?:the (?:whole )?country|Kazakhstan)\b|\bnation-?wide\b"
    r"|\bcountry-?wide\b|\bin (?:several|many|other|a number of|\d+|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve) (?:cities|regions|towns)\b"
    r"|\bfor (?:the (?:whole|entire) country|all (?:of )?Kazakhstan)\b",
    re.IGNORECASE,
)
# "the protest did not take place", "the curfew was lifted": said of an event, not one happening.
NEGATED_AFTER_RE = re.compile(
    r"[^.;]{0,60}?\b(?:did not|didn't|was not|wasn't|were not|weren't|never|failed to)\s+"
    r"(?:(?:be )?held|take place|happen|go ahead|materiali[sz]e)|\s*(?:[\w'\u2019-]+,?\s+){0,3}?(?:was|were|has been|"
    r"have been|had been|will be|is being|is)\s+(?:lifted|cancell?ed|called off|postponed|ended)\b"
    r"|\s*(?:[\w'\u2019-]+,?\s+){0,5}?(?:planned|scheduled|called|announced|set)\s+for\b"  # ("A march to Shymkent, planned for")
    r"|\s+(?:[\w'\u2019-]+\s+){0,5}?announced\s+(?:[\w'\u2019-]+\s+){0,4}?(?:from|starting)\b"  # "A strike announced at the smelter from 1 July"
    r"|\s+(?:that|which)?\s*(?:had been |was |were )?(?:planned|scheduled)\b"  # "a march planned in Astana"
    r"|\s+(?:that|which)\s+(?:[\w'\u2019-]+\s+){1,2}?(?:had |has |have )?(?:planned|scheduled|announced)\b"
    r"|\s+(?:they|he|she|we)\s+(?:had |has |have )?(?:planned|scheduled|announced|called)\b"  # "a picket they had planned"
    r"|[^.;]{0,80}?\b(?:was|were|has been|had been)\s+(?:refused|denied) (?:permission|approval)\b"
    r"|\s+(?:[\w'\u2019-]+\s+){0,3}?(?:helped|planned|wanted|hoped|tried) to (?:call|organi[sz]e)\b"
    # "gatherings of more than five people are still banned"
    r"|[^.;]{0,50}?\b(?:are|is|were|was|remain|remains)\s+(?:still\s+)?(?:banned|prohibited|forbidden|"
    r"not allowed)\b"
    # "Reports that protesters had taken over the akimat are untrue / were denied by police"
    r"|[^.;]{0,100}?\b(?:are|were|was|is|been)\s+[\"\u201c']?(?:untrue|false|fake|baseless|unfounded|"
    r"denied|incorrect|inaccurate|withdrawn|wrong)\b|(?:[^.;]|(?<=\d)\.(?=\d)){0,100}?\b(?:have|has|had|was|were) not (?:been )?(?:confirmed|verified)\b|[^.;!]{0,120}?\b(?:does|do|did) not correspond to (?:reality|the truth|the facts)\b"
    r"|\s+(?:no one|nobody|no-one)\b"  # "detained no one"
    r"|\s*[\"\u201c\u00ab']\s*(?:untrue|false|fake|baseless)\b"  # a headline's 'reports of market strike "untrue"'
    # "Further protests are possible", "Demonstrations in Almaty are usually small": no event told
    r"|[^.;]{0,50}?\b(?:are|is|remain|remains)\s+(?:still\s+|also\s+)?(?:possible|likely|usually|often|"
    r"generally|typically|rare|common)\b"
    r"|\s+off\b(?!\s+(?:the|a)\b)"  # "The organisers called the rally off"
    r"|\s+(?:has|have|had)\s+(?:drawn|attracted|won|gained|found)\s+support\b"  # (the support is told next)
    r"|[^.]{0,60}?\bthere (?:were|was) no (?:rall|protest|demonstrat|picket)\w*",  # "laid flowers; there were no rallies"
    re.IGNORECASE,
)
# A claim ("Posts on social media claimed that residents had blocked the road") that the next
# sentence denies ("Villagers denied that any blockade had taken place") did not happen.
HEARSAY_RE = re.compile(r"\b(?:claim\w*|alleg\w*|rumou?r\w*|reportedly|unconfirmed|unverified|"
                        r"(?:is|are) (?:spreading|circulating)|information (?:about|that)|reports?(?:,[^.;,]{0,60},| on social (?:media|networks)| online| in (?:the )?(?:local )?media)? (?:of|that)|"
                        r"(?:channels?|posts?|users?|bloggers?) (?:say|said|describ\w*|show\w*)|"
                        r"(?:media|outlets?|sites?|websites?|channels?)\b[^.;]{0,70}?\b(?:wrote|write|writes) (?:about|of|that)|"
                        r"(?:spread|circulat\w*|shared|posted) on (?:social media|social networks|whatsapp|telegram|"
                        r"facebook|instagram|tiktok))\b",
                        re.I)
DENIAL_RE = re.compile(r"\bden(?:ied|y|ies)\b(?:\s+\w+){0,2}\s+(?:that|the reports?|reports?|claims?)\b"
                       r"|\b(?:untrue|false|fake|baseless|not true|incorrect|inaccurate|fabricat\w*|hoax)\b"
                       r"|\bno (?:independent )?confirmation\b|\bnot (?:been )?(?:able to )?(?:confirm|verif)\w*"
                       r"|\bno (?:gathering|rally|protest|strike|clash|march|demonstration)s? (?:took|had taken) place\b"
                       r"|\b(?:does|do|did) not correspond to (?:reality|the truth|the facts)\b", re.I)
# later in the claim's own sentence, what says the claim itself is false (a denial of something else
# there is not: "..., the ministry claimed, and denied that force was used")
DEBUNKED_AFTER_RE = re.compile(r"\b(?:called|calls|described) (?:it|this|that|them|the (?:reports?|claims?|posts?))"
                               r" (?:as )?[\"\u201c\u2018']?(?:a |an )?(?:fabrication|fake|lie|hoax|untrue|false|baseless|invention)"
                               r"|\bturned out to (?:be|show) (?:a |an )?(?:old |years-old |staged )?(?:photo\w*|video|"
                               r"picture|footage|fake|hoax)"
                               r"|\bназвал\w* (?:\w+ )?[«\"]?(?:слух\w*|фейк\w*|выдумк\w*|ложью|неправдой|провокаци\w*)", re.I)
ANAPHORA_RE = re.compile(r"\b(?:there|the (?:central |main )?square|the city|the town|the village|"
                         r"both (?:areas|cities|towns|regions)|the same (?:place|city|town|day))\b",
                         re.IGNORECASE)
ACTOR_WORDS = (
    (re.compile(r"\bprotesters|demonstrators|participants|residents|workers|strikers\b", re.I),
     "protesters"),
    (re.compile(r"\briot(?:ers| police)|\bpolice\b", re.I), "police"),
    (re.compile(r"\bsecurity (?:forces|officials|officers|services)|\bsoldiers|\btroops|"
                r"\bservicemen\b|\bmilitary\b", re.I), "security forces"),
    (re.compile(r"\bCSTO\b|\bpeacekeep", re.I), "CSTO troops"),
    (re.compile(r"\bpresident\b|\bgovernment\b|\bauthorities\b|\bakim", re.I), "government"),
)
ABBREVIATIONS = frozenset(
    "mr mrs ms dr st jan feb mar apr jun jul aug sep sept oct nov dec no vs etc gen col lt "
    "u.s e.g i.e approx inc ltd".split()
)
# A whole run of end marks, "(?<![.!?…])[.!?…]++", spelled to open with its first mark, so that
# re scans for that character class instead of entering the pattern at every position (a
# pattern opening with a look-behind gets no such scan): ~1.1 M instructions an article.
END_MARKS = r"[.!?\u2026](?<![.!?\u2026]{2})[.!?\u2026]*+"
SENTENCE_RE = re.compile(rf"{END_MARKS}[\"'\u201d\u2019)\]]*(?:\[\d{{1,3}}\])*"  # (a footnote mark: ".[12]")
                         r"(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9\u0410-\u042f])")
LOWER_SENTENCE_RE = re.compile(rf"{END_MARKS}[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[^\W_])")
RELATIVE_RE = re.compile(r"\s*(?:who|which|whom|whose|that)\b", re.IGNORECASE)
# A clause break, "[,;:–—()]|\s-\s", spelled to open with one class, so that re scans for it (an
# alternation of two is entered at every position: ~1 M instructions an article)
CLAUSE_RE = re.compile(r"[,;:\u2013\u2014()\s](?:(?<=[,;:\u2013\u2014()])|-\s)")
DASHES = frozenset({"\u2013", "\u2014", " - "})
ROUTE_AFTER_RE = re.compile(r"\s*[A-Z\u0410-\u042f\u0401][\w'-]*\s+(?:highway|road|motorway|railway|route|line|"
                            r"train|pipeline|water main)\b")
ROUTE_BEFORE_RE = re.compile(r"\b(?:трасс\w*|дорог\w*|автодорог\w*|шоссе|магистрал\w*|поезд\w*|маршрут\w*|"
                             r"highway|road|motorway|railway|route)\s+[A-Z\u0410-\u042f\u0401][\w'-]*\s*$", re.I)
# the words between two members of one list of places: "Aktau, Atyrau and in the western
# Mangistau province", "Almaty and the city of Taraz", "Uralsk (Oral), Taraz"
LIST_GAP_RE = re.compile(
    r"\)?\s*(?:,|and|or|&|as well as|\()?\s*(?:and\s+|or\s+|as well as\s+)?(?:also\s+)?(?:in\s+|to\s+|at\s+)?(?:the\s+)?"
    r"(?:(?:north|south)?-?(?:western|eastern)\s+|northern\s+|southern\s+|central\s+|neighbou?ring\s+)?"
    r"(?:(?:city|town|village|port|regions?|provinces?)\s+of\s+)?")


@dataclass(frozen=True, slots=True)
class EventRules:
    """The words of one language the event stage reads; the stage's code is the same for all.

    Each field is the English module constant of the same name (``triggers`` is TRIGGERS, ...);
    the last five are small regexes the English code had inline: a preposition of place just
    before a place, a conjunction, a past-tense or participle verb (a trigger that is a verb),
    the link words of a list of places and the few words between a count and its place.
    """

    triggers: tuple[Trigger, ...]
    modal: re.Pattern[str]
    reference: re.Pattern[str]
    negated_after: re.Pattern[str]
    country_scope: re.Pattern[str]
    anaphora: re.Pattern[str]
    actor_words: tuple[tuple[re.Pattern[str], str], ...]
    abbreviations: frozenset[str]
    sentence: re.Pattern[str]
    relative: re.Pattern[str]
    clause: re.Pattern[str]
    list_gap: re.Pattern[str]
    place_prep_before: re.Pattern[str]
    conjunction: re.Pattern[str]
    verb: re.Pattern[str]
    list_words: tuple[str, ...]
    count_place_gap: re.Pattern[str]
    spread: re.Pattern[str] | None = None   # "spread to": the places after it share the event
    recollection: re.Pattern[str] | None = None  # "ten years after police opened fire": not now
    comparison: re.Pattern[str] | None = None  # "the biggest protests since 2011": not an event
    announced: re.Pattern[str] | None = None  # "announced rallies": not yet held (protests only)
    legal: re.Pattern[str] | None = None  # "sentenced ... for the storming of": a court's reference
    hearsay: re.Pattern[str] | None = None  # a claim ...
    denial: re.Pattern[str] | None = None   # ... that the next sentence denies: not an event
    retraction: re.Pattern[str] | None = None  # a report the next sentence withdraws: not an event
    correction: re.Pattern[str] | None = None  # "An earlier version of this story said ...": withdrawn
    # in a corrections notice (one that says "Correction" or "corrected"), what "the article said" or
    # "we reported" is the withdrawn version too
    correction_notice: re.Pattern[str] | None = None
    correction_told: re.Pattern[str] | None = None
    office_before: re.Pattern[str] | None = None  # "the akimat of" a region: a building, not the scene
    office_after: re.Pattern[str] | None = None  # a region's "regional akimat": a building, not the scene
    conditional: re.Pattern[str] | None = None  # "If there is no gas by Saturday, ...": nothing happened
    # mid-sentence, the clause after an "if" clause ("warned: if ... by Friday, workers in Dossor join
    # the strike"): what would follow; searched up to the trigger
    apodosis: re.Pattern[str] | None = None
    future_after: re.Pattern[str] | None = None  # "the strike will ...", "митинг в Уральске пройдёт": to come
    slogan_before: re.Pattern[str] | None = None  # 'a banner reads "Zhanaozen, we are with you"': words
    embedded_before: re.Pattern[str] | None = None  # "whose houses were flooded" before a date: its own
    measure_end: re.Pattern[str] | None = None  # after a measure: it ends ("the curfew ends"), not begins
    # a tally line ("Nur-Sultan – 48"): the words that say what its numbers count, with the
    # field they fill, and the people nouns a number may carry ("45 people")
    national_source: re.Pattern[str] | None = None  # "the interior ministry": a body that counts nationwide
    sport_or_show: re.Pattern[str] | None = None  # a match, concert or festival: its words are no events ...
    protesters: re.Pattern[str] | None = None     # ... unless protesters (group "crowd") or violence are in it
    tally_roles: tuple[tuple[re.Pattern[str], str], ...] = ()
    tally_nouns: re.Pattern[str] | None = None
    breakdown: re.Pattern[str] | None = None  # "Of them, in Almaty – 3,416, ...": a total split by place
    list_more: re.Pattern[str] | None = None  # ", as well as in Uralsk": a clause that goes on a list
    list_dated: re.Pattern[str] | None = None  # ", and on 1 May in Zhanaozen": the list goes on, on its day
    there: re.Pattern[str] | None = None  # "a protest there": the place told before the trigger
    origin_before: re.Pattern[str] | None = None  # "drove in from Taraz", "bound for Atyrau": not the scene
    origin_after: re.Pattern[str] | None = None  # "from Zhanaozen travelled to Aktau" (after "from X")
    person_from: re.Pattern[str] | None = None  # "a farmer from the village of Birlik": not the lead town
    subset_at: re.Pattern[str] | None = None  # "four of them in Taraz": a share of the sentence's toll
    measure_words: re.Pattern[str] | None = None  # "The state of emergency will last until ...": its end
    measure_it: re.Pattern[str] | None = None  # "It runs until January 19": the end of the measure just told
    accident: re.Pattern[str] | None = None  # "A fire at the Kostenko mine killed 46": a disaster's toll, no event


ENGLISH_RULES = EventRules(
    TRIGGERS, MODAL_RE, REFERENCE_RE, NEGATED_AFTER_RE, COUNTRY_SCOPE_RE, ANAPHORA_RE,
    ACTOR_WORDS, ABBREVIATIONS, SENTENCE_RE, RELATIVE_RE, CLAUSE_RE, LIST_GAP_RE,
    place_prep_before=re.compile(r"\b(?:in|at|near|outside|on)\s+(?:the\s+)?$"),
    conjunction=re.compile(r"\band\b"),
    list_more=re.compile(r"[\s,;]*(?:as well as|and also)\s+(?:in|at)\s", re.I),
    list_dated=re.compile(r"[\s,;]*(?:and|then)\s+(?:on|by)\s+[^,;]{1,30}?(?:\s[\u2013\u2014-])?\s(?:in|at)\s+[A-Z][^,;]*$"),
    there=re.compile(r"\s+(?:(?:was|were|had been|held|took place|began|started)\s+)?there\b", re.I),
    origin_after=re.compile(r"(?:\s+[\w-]+){0,2}?\s+(?:came|travell?ed|drove|walked|marched|went|arrived|"
                            r"flew|rode)\s+(?:\w+\s+)?(?:to|in|into)\s"),
    measure_words=re.compile(r"\b(?:state of emergency|emergency rule|curfew)\b", re.I),
    measure_it=re.compile(r"\s*(?:It|This|The (?:decree|measure|order|regime|ban|restrictions?))\s+(?:\w+\s+){0,2}?"
                          r"(?:runs?|lasts?|remains?|stays?|applies|appl(?:y|ied)|is (?:valid|in force|in effect)|"
                          r"will (?:run|last|remain|stay|apply|be (?:valid|in force|in effect)))\s+"
                          r"(?:[\w,]+\s+){0,4}?until\b"),
    accident=re.compile(r"\b(?:fire|blaze|explosion|blast|accident|collapse|flood(?:ing|s)?|earthquake|crash|"
                        r"avalanche|methane|gas leak|landslide|outburst)\b[^.;]{0,80}$", re.I),
    subset_at=re.compile(r"\s+of\s+(?:them|whom|those|these)\s+(?:[\w-]+\s+){0,2}?(?:in|at)\s+(?:the\s+)?"
                         r"(?:(?:city|town|village) of\s+)?"),
    person_from=re.compile(r"\b(?:farmer|resident|native|activist|pensioner|worker|miner)s?\s+from\s+(?:the\s+)?"
                           r"(?:(?:village|town|city)\s+of\s+)?$", re.I),
    origin_before=re.compile(r"\b(?:came|come|comes|coming|drove|driven|drives|driving|arrived|arrives|arriving|flew|"
                             r"flown|travell?ed|rushed|bused|bussed|brought|sent)\s+(?:in\s+|over\s+|down\s+|up\s+)?"
                             r"(?:[\w-]+\s+){0,2}?from\s+(?:the\s+)?$"
                             # "stopping trucks bound for Atyrau": where they were going
                             r"|\b(?:bound|headed|heading|en route|on (?:the|their|its) way)\s+(?:for|to)\s+(?:the\s+)?"
                             r"(?:(?-i:[A-Z])[\w'-]+,\s+)?$"  # (and "Atyrau, the regional centre")
                             r"|\b(?:road|highway|motorway|railway)\s+(?:to|towards)\s+$"  # "blocked the road to Turkistan"
                             # "gathered to support protesters in the western town of Zhanaozen": whom, not where
                             r"|\b(?:support(?:ing)?|solidarity with|sympathy with)\s+(?:the\s+)?(?:[\w-]+\s+)?"
                             r"(?:protesters|strikers|workers|people|residents|miners)\s+(?:in|of|from)\s+(?:the\s+)?"
                             r"(?:[\w-]+\s+){0,2}?(?:(?:town|city|village) of\s+)?$"
                             # who told it from where, where the hurt were treated, a ministry's seat:
                             # "our correspondent in Aktau", "taken to the hospital in Aktau", "the
                             # interior ministry in the capital"
                             r"|\b(?:correspondents?|reporters?|journalists?|stringers?|bureau)\s+in\s+(?:the\s+)?$"
                             r"|\bhospitals?\s+in\s+(?:the\s+)?(?:(?-i:[A-Z])[\w'-]+,\s+)?$"
                             r"|\b(?:ministry|ministries|government|headquarters|embassy)\s+in\s+(?:the\s+)?$",
                             re.I),
    verb=re.compile(r"\w+(?:ed|ing)\b"),
    list_words=("", "and", "or", "as", "well", "also", "the"),
    count_place_gap=re.compile(r"\s+(?:\w+\s+){0,2}?(?:in|at|near)\s+(?:the\s+)?"),
    spread=re.compile(r"\b(?:spread(?:ing|s)?|spilled over|extended|expanded)\s+(?:\w+\s+){0,3}?"
                      r"(?:to|into|across|through|over)\b|\breached\b|\bengulfed\b", re.I),
    recollection=re.compile(r"\b(?:years|decades|a decade|months) (?:after|since|ago|earlier)\b", re.I),
    comparison=re.compile(r"\b(?:biggest|largest|worst|deadliest|most (?:serious|violent|widespread))\s+"
                          r"(?:[\w-]+\s+){0,3}?$", re.I),
    announced=ANNOUNCED_RE, legal=LEGAL_RE, hearsay=HEARSAY_RE, denial=DENIAL_RE,
    measure_end=re.compile(r"\s*(?:[\w'\u2019-]+\s+){0,2}?(?:ends|ended|expires|expired|is over|was over)\b", re.I),
    retraction=re.compile(r"\b(?:(?:withdr[ae]ws?|withdrawn|retract(?:s|ed)?)\s+(?:it|them|the (?:figure|report|toll|"
                          r"post|statement|claim)s?|its (?:figure|report|statement))|retraction|(?:by|in) (?:a )?"
                          r"technical error|published in error|(?:was|were) deleted|deleted the)\b", re.I),
    embedded_before=re.compile(r"\b(?:(?:who|whose|which)(?:\s+[\w'\u2019-]+){1,6}?|that\s+(?:were|was|had|have|has)"
                               r"(?:\s+[\w'\u2019-]+){0,5}?|those\s+\w+ed(?:\s+\w+){0,2}?"
                               # "the commission set up in 1990": the date of the body, not of its figures
                               r"|\b(?:commission|committee|council|government|court|body|law|group|party)\s+"
                               r"(?:set up|established|created|formed|founded|appointed|elected|adopted|passed))"
                               r"\s+(?:in|on|last|since|early|late|in early|in late|during)?\s*$", re.I),
    slogan_before=re.compile(r"\b(?:reads?|reading|saying|says|said|chant\w*|shout\w*|slogans?|banners?|"
                             r"placards?|posters?|signs?|words|written|inscri\w*)\W{0,3}$", re.I),
    conditional=re.compile(r"\s*[\"\u201c\u00ab]?(?:If|Unless|Should|Had (?:the|it|they|there|police|"
                           r"protesters|[a-z]+ (?:not|been)))\b"),  # "Had the gas price stayed at 60 tenge, ..."
    apodosis=re.compile(r"(?<!\beven )\b(?:if|unless)\b[^.;!?,]{1,100},\s*(?:then\s+)?[^,.;!?]{0,60}$", re.I),
    future_after=FUTURE_AFTER_RE,
    office_after=re.compile(r"\s+(?:regional|oblast|region(?:'s|\u2019s)?)\s+(?:akimat|administration|"
                            r"governor(?:'s|\u2019s)? office|police(?: department)?|akim(?:'s|\u2019s)? office)\b", re.I),
    office_before=re.compile(r"\b(?:akimat|administration|governor|akim|police department|police|headquarters)"
                             r" of (?:the )?$", re.I),
    correction_notice=re.compile(r"\b(?:[Cc]orrections?|[Cc]orrected|[Ee]rratum|[Cc]larification|CORRECTIONS?|"
                                 r"CORRECTED|ERRATUM|CLARIFICATION)\b"),
    correction_told=re.compile(r"\b(?:the|our|that|this) (?:original |earlier |previous |first |\d\d?[:.]\d\d )?"
                               r"(?:article|story|item|piece|text|version|report|update) "
                               r"(?:also |had |wrongly |incorrectly )?(?:said|stated|reported|listed|claimed|gave|put|"
                               r"described|named)\b|\bwe (?:had |also )?(?:reported|said|stated|wrote)\b", re.I),
    correction=re.compile(r"\b(?:an? (?:earlier|previous) version of (?:this|the|our) (?:story|article|report|item|"
                          r"piece|text)|(?:we|it was|were|was) (?:wrongly|incorrectly|mistakenly|erroneously) "
                          r"(?:reported|stated|said|given|put|described))\b", re.I),
    sport_or_show=re.compile(
        r"(?P<sport>\b\d{1,2}[-\u2013]\d{1,2}\s+(?:win|victory|defeat|draw)\b|\b(?:drew|won|lost|beat)\s+\d{1,2}"
        r"[-\u2013]\d{1,2}\b|\b(?:referee|goalkeeper|striker|midfielder|winger|penalty|semi-finals?|quarter-finals?|"
        r"match point|the league|Premier League|KHL)\b)"
        r"|\b(?:concert|festival|orchestra|the band|opera|ballet|exhibition|premiere|spectators|dancing)\b", re.I),
    protesters=re.compile(r"\b(?P<crowd>protesters|demonstrators|activists|riot police|detained|arrested|picket\w*)"
                          r"|\b(?:police|killed|clash\w*|riot\w*|shot|fire|injur\w*|attack\w*|strikers)\b", re.I),
    national_source=re.compile(r"\b(?:interior ministry|the ministry|ministry of (?:the )?interior|ministry of internal affairs|"
                               r"health ministry|ministry of health|prosecutor[- ]general|general prosecutor)", re.I),
    tally_roles=((re.compile(r"\b(?:detain|arrest|held\b|taken (?:away|in)|jailed)", re.I), "detained"),
                 (re.compile(r"\b(?:kill|dead\b|died\b|deaths?\b|fatalit|deceased)", re.I), "killed"),
                 (re.compile(r"\b(?:injur|wounded|hurt\b|hospitali[sz])", re.I), "injured")),
    breakdown=re.compile(r"\s*(?:Of (?:them|these|those|the (?:[\w-]+ ){0,2}?(?:dead|deceased|killed|detained|"
                         r"arrested|injured|wounded|victims|detainees))|Among them|Including|By region|By city)\b[,:]?"),
    tally_nouns=re.compile(r"(?:people|persons|protesters|demonstrators|activists|participants|residents"
                           r"|detainees|men|women)\b", re.I),
)


@dataclass(slots=True)
class _Sentence:
    start: int
    end: int
    paragraph: int
    actors: tuple[str, ...] | None = field(default=None, compare=False, repr=False)  # _make_event's, once


NEWLINE_RE = re.compile(r"\n")
PARAGRAPH_RE = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")
LAST_WORD_RE = re.compile(r"([\w.]+(?:-[\w.]+)*)$")  # "2011-м." ends a sentence: a suffix, not an initial
_WORD_FROM_END_RE = re.compile(r"[\w.]+(?:-[\w.]+)*")  # LAST_WORD_RE's grammar, read from the end


def _last_word(s: str) -> str | None:
    """``LAST_WORD_RE.search(s).group(1)`` (or None), matched on the reversed string: the search
    tried every start in the window, each running to the window's end (~58,000 instructions a
    sentence end). The grammar reads the same backwards, and its leftmost match ending at the
    end is the longest one the reversed string begins with ('$' also before a final newline)."""
    m = _WORD_FROM_END_RE.match(s[-2::-1] if s.endswith("\n") else s[::-1])
    return m.group()[::-1] if m else None
BULLET_RE = re.compile(r"[ \t]*[*\u2022\u2013\u2014-][ \t]")


def _line_breaks(text: str, a: int, b: int) -> list[re.Match]:
    """The line breaks of a paragraph that end a sentence: before a bullet ("* Police said"),
    after a heading line ("AKTAU"), around a table's row ("03.04 | Taraz | picket | 12")."""
    out = []
    for mt in NEWLINE_RE.finditer(text, a, b):
        line = text[text.rfind("\n", a, mt.start()) + 1 or a:mt.start()].strip()
        nxt = text.find("\n", mt.end(), b)
        if BULLET_RE.match(text, mt.end()) or (
                line and len(line.split()) <= HEADING_WORDS and line[-1] not in ".!?:;,\u2026") \
                or line.count("|") >= 2 or text.count("|", mt.end(), b if nxt < 0 else nxt) >= 2:
            out.append(mt)
    return out


def split_sentences(text: str, rules: EventRules = ENGLISH_RULES) -> list[_Sentence]:
    """Sentences with their paragraph index; abbreviations ("Jan.", "Mr.") do not end one, a
    bullet or a heading line does. In a text typed in lower case a sentence may start in lower case."""
    out: list[_Sentence] = []
    ends = LOWER_SENTENCE_RE if lower_case_text(text) else rules.sentence
    for p_index, para in enumerate(PARAGRAPH_RE.finditer(text)):
        start = para.start()
        breaks = _line_breaks(text, para.start(), para.end())
        for mt in sorted([*ends.finditer(text, para.start(), para.end()), *breaks],
                         key=lambda mt: mt.start()):
            if mt.start() < start:
                continue
            if mt.group().startswith(".") and (word := _last_word(text[max(start, mt.start() - 40):mt.start()])) \
                    and (word.lower().rstrip(".") in rules.abbreviations or (len(word) == 1 and word.isalpha())):
                continue
            out.append(_Sentence(start, mt.end(), p_index))
            start = mt.end()
            while start < para.end() and text[start].isspace():
                start += 1
        if start < para.end():
            out.append(_Sentence(start, para.end(), p_index))
    return [piece for sent in out for piece in _cut(text, sent)]


MAX_SENTENCE = 2000  # characters: a "sentence" longer than this is cut at spaces (a run-on scrape)


def _cut(text: str, sent: _Sentence) -> list[_Sentence]:
    """A sentence, or pieces of at most MAX_SENTENCE characters of one that is too long, so
    that a page without full stops costs no more than a page with them."""
    pieces, start = [], sent.start
    while sent.end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut + 1 if cut > start else start + MAX_SENTENCE
        pieces.append(_Sentence(start, cut, sent.paragraph))
        start = cut
    pieces.append(_Sentence(start, sent.end, sent.paragraph))
    return pieces


GLOSS_RE = re.compile(r"\w\s*\(\s*[\w-]+(?:\s[\w-]+)?$")  # "Uralsk (Oral": a name glossed in brackets
GLOSS_AFTER_RE = re.compile(r"\s*[\w-]+(?:\s[\w-]+)?\s*\)")  # "(now Aktau)" after a name


def _clauses(text: str, s: _Sentence, places: list[Mention],
             rules: EventRules) -> list[tuple[int, int]]:
    """Comma/semicolon/dash clauses of a sentence; a clause that only continues a list of places
    ("..., Talgar, Esik and Konaev") stays with the clause it continues."""
    bounds, prev = [], s.start
    ends = {m.end for m in places}
    starts = {m.start for m in places}
    for mt in rules.clause.finditer(text, s.start, s.end):
        after = mt.end() + len(text[mt.end():mt.end() + 3]) - len(text[mt.end():mt.end() + 3].lstrip())
        # "Shymkent, Taraz and Kyzylorda" is one list, not two clauses; so is "Uralsk (Oral), Taraz"
        before = len(text[s.start:mt.start()].rstrip().removesuffix(")")) + s.start
        gloss_end = mt.group() == ")" and mt.start() in ends and GLOSS_RE.search(
            text, max(s.start, mt.start() - 40), mt.start())
        gloss_start = mt.group() == "(" and before in ends and GLOSS_AFTER_RE.match(text, mt.end())
        if before in ends and after in starts or gloss_end or gloss_start:
            continue
        if mt.group() in DASHES and (ROUTE_AFTER_RE.match(text, mt.end()) or ROUTE_BEFORE_RE.search(
                text, max(s.start, mt.start() - 60), mt.start())):
            continue  # "blocked the Karaganda - Zhezkazgan highway", "трассу Уральск – Самара": one name
        bounds.append((prev, mt.start()))
        prev = mt.end()
    bounds.append((prev, s.end))
    merged: list[tuple[int, int]] = []
    for a, b in bounds:
        if merged and text[a - 1] == "," and _only_places(text, a, b, places, rules.list_words):
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


def _only_places(text: str, a: int, b: int, places: list[Mention],
                 list_words: tuple[str, ...]) -> bool:
    inside = [m for m in places if a <= m.start and m.end <= b]
    if not inside:
        return False
    rest, pos = [], a
    for m in inside:
        rest.append(text[pos:m.start])
        pos = m.end
    rest.append(text[pos:b])
    words = " ".join(rest).split()
    return all(w.strip(".!?\"'\u201d") in list_words for w in words)


def _within(items, a: int, b: int):
    """The items (sorted by start, as every list here is) that start in [a, b): a bisection, so
    that a long article costs n log n, not n squared."""
    lo = bisect.bisect_left(items, a, key=_start)
    hi = bisect.bisect_left(items, b, lo, key=_start)
    return items[lo:hi]


_start = attrgetter("start")  # (a C key function: _within runs some 500 times an article)


@cache
def _init_fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls) if f.init)


def replace(obj, /, **changes):
    """``dataclasses.replace`` for the events' and dates' plain dataclasses, without its
    introspection of the class on every call (it showed in the profile)."""
    for name in _init_fields(type(obj)):
        if name not in changes:
            changes[name] = getattr(obj, name)
    return type(obj)(**changes)


@dataclass(slots=True)
class _Focus:
    """What the running text is about: the place and date a bare sentence inherits."""

    place: list[Mention] = field(default_factory=list)
    date: DateExpr | None = None
    article_date: DateExpr | None = None
    lead_date: DateExpr | None = None  # the lead's day, for the undated paragraphs after it
    lead_set: bool | None = False  # (None: set by a dateline alone, open to the lead sentence)
    section: list[Mention] = field(default_factory=list)  # the place a heading names
    section_day: date | None = None  # the day a heading names ("Thursday, 6 January" in a live blog)
    last_place: list[Mention] = field(default_factory=list)
    paragraph: int = -1
    first_event: int = 0        # index in the article's event list where this paragraph begins
    tally: tuple[int, str] | None = None  # the last tally line: its sentence index and role
    abroad: bool = False  # the paragraph's last sentence with a place named only a foreign town


BODY_ANAPHOR_RE = re.compile(r"(?i)ведомств|the ministry")
LOCAL_BODY_RE = re.compile(r"(?i)\b(?:департамент\w* полиции|(?:област|городск|районн)\w+ (?:полиц|прокуратур|акимат)|"
                           r"police department|regional police|(?:city|regional|district) (?:police|prosecutor))")


def _local_body(text: str, pos: int, source: str, rules: EventRules) -> bool:
    """"Как сообщили в департаменте полиции Акмолинской области ... «Двенадцать человек доставлены»,
    – говорится в сообщении ведомства": the body "the ministry" stands for was named last, and it
    is a region's, so its figure is no country's."""
    if not BODY_ANAPHOR_RE.match(source):
        return False
    before = text[max(0, pos - 1500):pos]
    local = [m.start() for m in LOCAL_BODY_RE.finditer(before)]
    national = [m.start() for m in rules.national_source.finditer(before) if not BODY_ANAPHOR_RE.match(m.group())]
    return bool(local) and (not national or local[-1] > national[-1])


def extract_events(text: str, mentions: list[Mention], *, article_id: str = "article",
                   published: date | None = None, gazetteer: Gazetteer | None = None,
                   language: str = "en", title: str = "") -> list[Event]:
    """Events of one article (merged by place, day and type), in order of first evidence.

    ``language`` (an ISO 639-1 code, e.g. ``Article.language``) picks the plug-in in
    :mod:`geomap.lang` whose words are read; unsupported codes read as English. The ``title``'s
    only town, when the body names it too, is the scene of paragraphs that name no place."""
    from .lang import get as get_language  # the plug-ins import this module

    lang = get_language(language)
    rules = lang.events
    gaz = gazetteer or Gazetteer.load()
    country = gaz.get("country:KZ")
    anchor = published or date.today()
    all_dates, date_spans = find_dates_and_spans(text, anchor, lexicon=lang.lexicon)
    dates = [d for d in all_dates if d.date_start or d.date_end]
    durations = [d for d in all_dates if d.kind == "duration" and d.days]
    places = [m for m in mentions if m.eventable and m.status == "resolved" and not _on_a_banner(text, m, rules)]
    place_starts = [m.start for m in places]
    foreign = [m for m in mentions if m.status == "foreign"]
    all_counts = find_counts(text, language=lang.code, date_spans=date_spans)  # (one date scan for both)
    sentences = split_sentences(text, rules)
    refs = _REFERENCES_RE.search(text) if any(w in text for w in _REFERENCE_WORDS) else None
    if refs is not None:  # a reference list tells of books, not events
        sentences = [s for s in sentences if s.start < refs.start()]
    folded = fold(text)  # for screening the sentence-wide cue searches (screen.may_match)
    trigger_hits = _trigger_matches(text, sentences, rules.triggers, folded)
    national = {t.action for t in rules.triggers if t.national}
    main_place = _main_place(places) or _lead_town(text, places, sentences, rules.person_from) or _title_town(
        title, places, gaz, anchor, lang.code)
    correcting = bool(rules.correction_notice and _search(rules.correction_notice, text, 0, len(text), folded))
    focus = _Focus()
    column_days = on_this_day(text, published)
    raw: list[Event] = []
    for k, (sent, sent_hits) in enumerate(zip(sentences, trigger_hits)):
        if sent.paragraph != focus.paragraph:
            focus.paragraph, focus.place, focus.date, focus.abroad = sent.paragraph, [], None, False
            if focus.section_day:
                # "Thursday, 6 January" ... "15:20 - In Kyzylorda, several hundred people are
                # holding a rally": an entry under a day heading is of that day, not of the lead's
                day = focus.section_day
                focus.date = DateExpr(sent.start, sent.start, "", "relative", day, day, 1, False, False)
            focus.first_event = len(raw)
            while column_days and column_days[0][0] <= sent.start:
                day = column_days.pop(0)[1]  # "On this day" ... "1986. Thousands of students gathered"
                focus.date = DateExpr(sent.start, sent.start, "", "relative", day, day, 1, False, False)
        s_specific = _without_offices(text, [m for m in _within(places, sent.start, sent.end)
                                             if m.place.kind != "country" and not (
                                                 rules.origin_before and _search(
                                                     rules.origin_before, text, max(sent.start, m.start - 50),
                                                     m.start, folded) and not OFFICE_SCENE_RE.search(
                                                     text, max(sent.start, m.start - 60), m.start))
                                             and not (m.place.kind == "region" and REGION_SPEAKER_RE.match(text, m.end))
                                             and not (
                                                 rules.origin_after and FROM_BEFORE_RE.search(
                                                     text, max(sent.start, m.start - 40), m.start)
                                                 and rules.origin_after.match(text, m.end))],
                                      rules, gaz, anchor)
        s_dates = [d for d in _within(dates, sent.start, sent.end) if NAME_HISTORY not in d.note]
        tally = _tally(text, sentences, k, s_specific, s_dates, focus.place, rules,
                       focus.tally[1] if focus.tally and focus.tally[0] >= k - 2 else None)  # or a heading between
        split = _breakdown(text, sentences, k, s_specific, rules) if not tally else []
        if split:  # "Из них в Алматы — 3 416, в Жамбылской области — 1 102": each place's share
            raw.extend(_tally_event(text, sent, item, [], focus, country, article_id, anchor, rules, s_dates)
                       for item in split)
            continue
        if tally:
            raw.extend(_tally_event(text, sent, item, raw, focus, country, article_id, anchor, rules, s_dates)
                       for item in tally)
            focus.tally = (k, tally[-1][2])  # the next line counts the same ("Aktobe – 9")
            continue
        if _not_a_report(text, sent):
            if _is_heading(text, sent):  # "SHYMKENT": the scene of the section it heads
                focus.section = s_specific
                days = [d for d in s_dates if d.precision == 1 and d.kind != "until"]
                if days or s_specific:  # (a stamp heading, "Обновлено в 15:40", keeps the day's)
                    focus.section_day = days[-1].date_start if days else None
                if days:  # the heading's day dates what follows it in its own paragraph too
                    focus.date = focus.article_date = days[-1]
            if s_specific:
                focus.last_place = s_specific
            continue
        sentence_text = text[sent.start:sent.end]
        # "... rallied outside the Chinese consulate in Istanbul. A smaller group later marched to the
        # Kazakh consulate in the city": a placeless sentence after one abroad goes on abroad
        goes_on_abroad = not s_specific and focus.abroad
        if s_specific:
            focus.abroad = False
        elif any(f.place is not None and f.place.kind in ("city", "town", "village")
                 for f in _within(foreign, sent.start, sent.end)):
            focus.abroad = True
        if not s_specific and may_match(rules.anaphora, folded, sent.start, sent.end) \
                and (ana := rules.anaphora.search(sentence_text)):
            s_specific = focus.place or (
                # "the town" opening a paragraph of the minutes of a town's council is that town,
                # not the one an earlier item named in passing
                # (a heading's town stays the scene of its section)
                # and "the square" opening a day's paragraph of a piece about one town is that town's
                main_place if main_place and not focus.section and (
                    TOWN_ANAPHOR_RE.search(ana.group()) or not PLURAL_ANAPHOR_RE.search(ana.group())
                    and focus.first_event == len(raw) and not _within(
                        places, text.rfind("\n", 0, sent.start) + 1, sent.start))
                else focus.last_place)
            if CITY_ANAPHOR_RE.search(ana.group()) and not any(m.place.kind == "city" for m in s_specific):
                # "в городе задержаны" after a village of its district: the city named last
                s_specific = _last_city(places, place_starts, sent.start) or s_specific
        if not s_specific and main_place and not focus.section and RECAP_RE.match(sentence_text):
            # "Напомним: в понедельник у акимата собрались около 200 человек": a recap of the
            # story's own town, not of the town the last paragraph was about
            focus.place = list(main_place)
        if not s_specific and SCENE_ANAPHOR_RE.search(sentence_text):
            # "Police detained 12 people at the scene", "injured in Tuesday's fighting" (a paragraph
            # of a wire story): at the riot, else the protest, told last
            scenes_told = [e for e in raw if e.event_type in (PROTEST, RIOT) and e.action != CASUALTY.action]
            if scenes_told:
                last = max(reversed(scenes_told), key=lambda e: e.event_type == RIOT)
                s_specific = [m for m in places if m.start < sent.start
                              and m.place.place_id == last.place.place_id][-1:] or s_specific
        if not s_specific and REGION_ANAPHOR_RE.search(sentence_text):
            # "Всего ... в регионе были задержаны 24 человека": the region named last, even as a body's
            # (one the sentence names, even as a body's, else the region of the paragraph's town or of
            # the town a piece is about)
            own = [m for m in _last_region(mentions, sent.end) if m.start >= sent.start]
            scene = focus.place or ([] if focus.section else main_place)
            s_specific = own or _scope_region(scene, [], sent.start, gaz) or _last_region(mentions, sent.start) \
                or s_specific
        # a national body's figure in a paragraph that names no place ("По данным МВД, задержаны
        # 7 939 человек") is the country's, not the article's main city's
        country_scope = bool(may_match(rules.country_scope, folded, sent.start, sent.end)
                             and rules.country_scope.search(sentence_text)) or bool(
            not s_specific and not focus.place and rules.national_source
            and may_match(rules.national_source, folded, sent.start, sent.end)
            and (src := rules.national_source.search(sentence_text)) and _within(all_counts, sent.start, sent.end)
            and not _local_body(text, sent.start, src.group(), rules))
        found: list[Event] = []
        clauses = _clauses(text, sent, s_specific, rules)
        def restated(pos: int, end: int, s_specific=s_specific, s_dates=s_dates) -> bool:
            """A back-reference that names its own place and day right after it ("the looting of shops
            in Almaty on Monday") is a report of that event."""
            return bool(_within(s_specific, pos, min(end, pos + 40))) and any(
                d.kind not in ("until", "duration") for d in _within(s_dates, pos, min(end, pos + 80)))

        # a claim the next sentence denies; a survey's announcement ("Our weekly round-up of protests")
        show = may_match(rules.sport_or_show, folded, sent.start, sent.end) and _sport_or_show(sentence_text, rules)
        refuted = _denied(text, sentences, k, rules, all_counts, folded, correcting)
        denied = bool(sent_hits) and (refuted or bool(SURVEY_RE.match(text, sent.start)) or show or bool(
            rules.conditional and rules.conditional.match(text, sent.start)))
        hits = {c: [] if denied else _triggers(text, sent_hits, *c, rules, restated, sent.end, folded, sent.start)
                for c in clauses}
        s_counts = _within(all_counts, sent.start, sent.end)
        s_foreign = _within(foreign, sent.start, sent.end)
        relative = [c for c in clauses if match_folded(rules.relative, text, folded, c[0], c[1])]
        placed = [j for j, c in enumerate(clauses) if _within(s_specific, *c)]  # clauses naming a place
        listed = _list_days(s_dates) if s_dates and any(hits.values()) else ([], {})
        for k_c, (clause, clause_hits) in enumerate(hits.items()):  # (hits: every clause, in order)
            c_places = _within(s_specific, *clause) or _neighbour_places(clauses, clause, placed, s_specific)
            if k_c and text[clause[0] - 1:clause[0]] == "(" and ")" in text[clause[0]:clause[1]]:
                # "в Новом Узене и в г. Шевченко (ныне Актау) произошли": a gloss goes with its clause
                c_places = _within(s_specific, *clauses[k_c - 1]) + c_places
            more = _list_goes_on(text, clauses, k_c, hits, s_specific, rules, s_dates) \
                if clause_hits and rules.list_more is not None and _within(s_specific, *clause) else []
            more_day = {id(m): d for m, d in more if d is not None}
            for trig, t_start, t_end in clause_hits:
                nationwide = trig.national and not _within(s_specific, *clause) and \
                    rules.country_scope.search(text, *clause)
                if not s_specific and not trig.national and (_within(foreign, *clause) or any(
                        f.place is not None and f.place.kind in ("city", "town", "village") for f in s_foreign)):
                    continue  # "В Бишкеке наши земляки постояли с плакатами": abroad, not the paragraph's town
                where = [] if nationwide else (
                    _nearest_group(text, c_places, t_start, t_end, rules) + [m for m, _ in more] or s_specific
                    or ([] if trig.national or country_scope
                        else focus.place or focus.section or main_place))
                if trig.national:
                    where = [_measure_scene(m, gaz) for m in where]
                elif where and REGION_AFTER_RE.match(text, t_end):
                    # "The police in Aktobe said 200 people had been detained in the region": the region
                    where = _scope_region(where, mentions, sent.start, gaz) or where
                if not where and not (trig.national or country_scope or s_counts) \
                        and trig.event_type != STRAT:
                    continue  # "A week of unrest has shaken Kazakhstan": no scene, no event
                if not where and (_within(foreign, *clause) or not s_specific and s_foreign) \
                        or goes_on_abroad and not trig.national:
                    continue  # "In Moscow, police detained five people": not in Kazakhstan
                when, end = _date_for(text, s_dates, clause, relative, focus, trig, (t_start, t_end), rules,
                                      anchor=anchor)
                if end is None and trig.national:
                    end = _measure_end(_within(durations, sent.start, sent.end), clause, when,
                                       anchor)
                elif end is not None and trig.action in DURATIVE and (when is None or when.date_start == end):
                    when = _span_before(_within(durations, *clause), end) or when
                c_days = [d for d in _within(s_dates, *clause)
                          if d.precision == 1 and d.kind not in ("until", "duration")
                          and (d is when or not _said_day(text, d, None))]  # (not "said this morning that")
                if len(c_days) > 1 and len(c_places) > len(where):
                    where = c_places  # each place is dated by its own day below
                for m in where or [None]:
                    m_when = more_day.get(id(m), when)
                    if m is not None and len(c_days) > 1 and id(m) not in more_day:
                        # "in Almaty on 10 June and in Astana and Shymkent on 12 June"
                        seg = _segment(text, clause, m.start)
                        own = [d for d in c_days if seg[0] <= d.start < seg[1]]
                        m_when = min(own, key=lambda d: abs(d.start - m.start)) if own else when
                    for day in _date_list(text, listed, m_when):
                        found.append((_make_event(text, sent, trig, m, country, day, end,
                                                  article_id, anchor, rules),
                                      m.start if m else t_start))
        spread = _search(rules.spread, text, sent.start, sent.end, folded) if rules.spread else None
        if spread:
            found += _spread_events(text, sent, spread.end(), found, raw[focus.first_event:],
                                    s_specific, clauses, s_dates, relative, focus, country,
                                    article_id, anchor, rules)
        # a sentence whose every trigger was a reference or an intention ("were convicted of
        # organising riots") makes no crowd of its numbers
        muted = not found and bool(sent_hits)
        if refuted or show:
            s_counts = []  # a withdrawn toll or a concert's audience counts nobody's protest
        source = rules.national_source.search(sentence_text) if rules.national_source else None
        national_figure = rules.national_source is None or bool(
            source and not _local_body(text, sent.start, source.group(), rules))
        found = _apply_counts(text, sent, found, s_counts, raw, s_specific, focus, s_dates,
                              country, article_id, anchor, country_scope, rules, clauses,
                              muted, abroad=bool(s_foreign and not s_specific and not found),
                              home=[] if goes_on_abroad or focus.section or national_figure else main_place or [],
                              region=_scope_region(s_specific, mentions, sent.start, gaz)
                              if REGION_ANAPHOR_RE.search(sentence_text) else [])
        if rules.subset_at is not None and len(found) > 1:
            found = _shares(text, found, s_counts, s_specific, rules.subset_at)
        if not s_specific and not country_scope and ("same" in sentence_text or " же " in sentence_text) \
                and SAME_PERIOD_RE.search(text, sent.start, sent.end):
            # "... a state of emergency in Zhanaozen until 5 January. A curfew will apply for the same
            # period.": the measure told last, its place and its days
            last = next((e for e in reversed(raw[focus.first_event:])
                         if e.action in national and e.place.kind != "country"), None)
            if last is not None:
                found = [(replace(e, place=last.place, mention=last.mention, event_date=last.event_date,
                                  event_date_end=last.event_date_end), pos)
                         if e.action in national and e.place.kind == "country" else (e, pos) for e, pos in found]
        told = {e.action for e in raw[focus.first_event:] if e.action in national}
        if told and not s_specific and not country_scope and rules.measure_words is not None and all(
                e.action in told and e.place.kind == "country" for e, _ in found) and _search(
                rules.measure_words, text, sent.start, sent.end, folded):
            # "ЧП продлится до 19 января.": the end of the measures told, no new one
            if _measure_ends(raw, focus.first_event, s_dates, national):
                found = []
        elif told and not s_specific and rules.measure_it is not None and rules.measure_it.match(text, sent.start):
            _measure_ends(raw, focus.first_event, s_dates, national)  # (what else it tells stays: "..., with a curfew")
        raw.extend(e for e, _ in found)
        # "Among them were about ten residents of Zhetybay": where some came from, not a new scene
        if s_specific and (found or not all(PEOPLE_FROM_RE.search(text, max(sent.start, m.start - 40), m.start)
                                            for m in s_specific)):
            # a measure declared for places ("a state of emergency in Almaty and Mangystau")
            # does not make them the scene of the paragraph's next, placeless sentence
            if not found or not all(e.action in national for e, _ in found):
                focus.place = _inner_places(s_specific)
                scenes = {e.place.place_id for e, _ in found}
                # "A day after police opened fire in Janaozen, young men in Shetpe blocked the line":
                # the next sentence goes on at the scene, not at a place named in passing
                focus.place = [m for m in focus.place if m.place.place_id in scenes] or focus.place
            focus.last_place = s_specific
        day_dates = [d for d in s_dates if d.kind not in ("until", "duration") and d.date_start
                     and not (_said_day(text, d, sent.end) and not TOLL_WORD_RE.search(text, d.end, min(sent.end, d.end + 60)))]
        if day_dates and not (focus.date and all(ASIDE in d.note for d in day_dates)):
            focus.date = focus.article_date = day_dates[-1]
        main_days = [d for d in day_dates if d.precision == 1 and not d.historical and d.kind != "since"
                     and not any(a <= d.start < b for a, b in relative)  # (not "on strike since 26 May")
                     and not DATE_LINE_RE.search(text, max(0, d.start - 80), d.start)  # (nor "Posted ...")
                     # (nor when it was said: "detained about 500 on Sunday ..., the ministry said on Monday")
                     and not SAID_ON_RE.search(text, max(0, d.start - 30), d.start)]
        if main_days and not focus.lead_set:
            focus.lead_set, focus.lead_date = True, main_days[-1]  # not "who camped there yesterday"
            if DATELINE_ALONE_RE.fullmatch(text, sent.start, sent.end) or (
                    k <= 2 and len(s_dates) == 1 and not text[sent.start:s_dates[0].start].strip()
                    and not text[s_dates[0].end:sent.end].strip(" .\n")):  # "Алматы. 1 марта. КазТАГ –"
                focus.lead_set = None  # "MOSCOW, June 10.": the day it was filed, unless the lead tells its own
        elif focus.lead_set is None:
            focus.lead_set = True
    return merge_events(_in_the_dateline_town(mentions, sentences, [_one_detained(e) for e in raw]))


# "a lone picketer ... was detained within minutes", "Её задержали через десять минут": one person,
# though no number is written (but not "were detained", "их задержали", "двоих задержали")
ONE_DETAINED_RE = re.compile(
    r"\b(?:was|has been)\s+(?:\w+\s+)?(?:detained|arrested|taken (?:away|from (?:his|her) (?:home|flat))|"
    r"taken to (?:a |the )?police|picked up|jailed)\b|\b(?:detained|arrested|took|led|dragged|bundled) (?:him|her)\b"
    r"|(?<!\w)(?:был|была)\s+(?:\w+\s+)?(?:задержан|задержана|доставлен|доставлена|арестован|арестована)(?!\w)"
    r"|(?<!\w)(?:его|её|ее)\s+(?:\w+\s+)?(?:задержали|доставили|увезли|увели|арестовали|забрали)(?!\w)", re.I)
MANY_DETAINED_RE = re.compile(r"\b(?:were|have been)\s+(?:\w+\s+)?(?:detained|arrested|taken)\b|\bthem\b"
                              r"|(?<!\w)(?:задержаны|доставлены|арестованы|их|двоих|троих|четверых|пятерых)(?!\w)",
                              re.I)


# "a lone picketer", "stood alone", "одиночный пикет", "объявил голодовку", "he has been on hunger
# strike": a protest of one person
ONE_PROTESTER_RE = re.compile(
    r"\b(?:lone|one-man|one-person|one-woman|single|solo)\s+(?:picket(?:er)?|protest(?:er)?|demonstrat(?:ion|or))\b"
    r"|\bstood alone\b"  # (not "took turns to hold single pickets": many people's)
    r"|\b(?:he|she)\s+(?:has been|had been|is|was)\s+(?:\w+\s+)?on (?:a )?hunger strike\b"
    r"|(?<!\w)одиночн(?:ый|ого|ом|ым|ая|ую|ой) (?:пикет|акци|протест)\w*|(?<!\w)(?:объявил|объявила|держит|продолжает) голодовку(?!\w)"
    r"|(?<!\w)голодает(?!\w)", re.I)


def _one_detained(e: Event) -> Event:
    """An arrest or a protest whose sentence detains one person without a number: one detained;
    a protest its sentence gives one person: one participant."""
    if e.participants_min is None and e.participants_max is None and e.event_type == PROTEST \
            and ONE_PROTESTER_RE.search(e.evidence):
        e = replace(e, participants_min=1, participants_max=1, participants_text="one")
    if e.detained is not None or e.event_type not in (PROTEST, RIOT, STRAT) \
            or e.event_type == STRAT and e.action != "detention":
        return e
    if ONE_DETAINED_RE.search(e.evidence) and not MANY_DETAINED_RE.search(e.evidence):
        return replace(e, detained=1)
    return e


def _last_city(places: list[Mention], starts: list[int], pos: int, reach: int = 200) -> list[Mention]:
    """The city named last before ``pos`` (among the ``reach`` mentions before it), as a list."""
    k = bisect.bisect_left(starts, pos)
    return next(([m] for m in reversed(places[max(0, k - reach):k]) if m.end <= pos and m.place.kind == "city"), [])


def _last_region(mentions: list[Mention], pos: int) -> list[Mention]:
    """The Kazakh region named last before ``pos`` (also inside a body's name), as a list."""
    return next(([m] for m in reversed(mentions) if m.end <= pos and m.status == "resolved"
                 and m.place.kind == "region" and m.place.country == "KZ"), [])


def _scope_region(places: list[Mention], mentions: list[Mention], pos: int, gaz: Gazetteer) -> list[Mention]:
    """"in the region" said beside a town: the town's region, else the region named last."""
    for m in places:
        if m.place.kind == "region" and m.place.country == "KZ":
            return [m]  # (the region itself, as the paragraph's scene)
        if m.place.parent_id and (r := gaz.get(m.place.parent_id)) is not None and r.kind == "region":
            return [replace(m, place=r)]
    return _last_region(mentions, pos)


# "a picket outside the Labour Ministry in Astana": the ministry's seat is the scene after all
OFFICE_SCENE_RE = re.compile(r"\b(?:outside|near|at|in front of|picketed|stormed)\s+(?:the\s+)?(?:[\w'-]+\s+){0,3}?"
                             r"(?:ministry|ministries|government|headquarters|embassy)\s+in\s+(?:the\s+)?$", re.I)
# "the West Kazakhstan region police department said about 70 people had gathered": who told it
REGION_SPEAKER_RE = re.compile(r"\s+(?:region(?:al)?\s+)?(?:police(?:\s+department)?|department of (?:police|internal "
                               r"affairs)|interior department|prosecutor(?:'s|\u2019s)? office)\b"
                               r"(?=[^.;]{0,40}\b(?:said|says|confirmed|reported|told|stated|denied|announced)\b)", re.I)
# "Protests have spread to almost every large city in the country": no one town's event
NATIONWIDE_RE = re.compile(r"\b(?:the country|nationwide|countrywide|(?:across|all over) Kazakhstan|"
                           r"по (?:всей )?стране|по всему Казахстану|в стране)\b", re.I)


def _in_the_dateline_town(mentions: list[Mention], sentences: list[_Sentence], raw: list[Event]) -> list[Event]:
    """"SHAKHTINSK – Coal miners in Karaganda region remained underground": the lead's event in
    the dateline town's region is in that town (the filing place is the nearest point known)."""
    town = next((m.place for m in mentions if m.status == "resolved" and "dateline" in m.reason
                 and m.place.kind in ("city", "town", "village") and m.place.country == "KZ"), None)
    if town is None or not sentences or not raw:
        return raw
    lead = sentences[0].paragraph
    lead_end = max(s.end for s in sentences if s.paragraph == lead)

    def placeless(e: Event) -> bool:  # "AKTAU, Jan 5 (Reuters) - About 300 oil workers went on strike"
        # (not a ministry's nationwide tally of arrests or casualties)
        return e.place.kind == "country" and not e.mention and e.event_type in (PROTEST, RIOT) \
            and e.action != CASUALTY.action and not NATIONWIDE_RE.search(e.evidence) and not any(
            m.status == "resolved" and m.place.kind == "country" and e.evidence_start <= m.start < e.evidence_end
            for m in mentions)
    return [replace(e, place=town, mention=town.name) if e.evidence_start < lead_end and (
            e.place.kind == "region" and e.place.place_id == town.parent_id and not FIELD_RE.search(e.evidence)
            or placeless(e)) else e for e in raw]


# "на месторождении Каламкас в Мангистауской области": an oil field of the region, not the filing town
FIELD_RE = re.compile(r"\b(?:месторождени\w*|промысл\w*|(?:oil|gas)?fields?)\b", re.I)


_OPEN_QUOTES, _CLOSE_QUOTES = "\"\u201c\u00ab\u201e", "\"\u201d\u00bb"


def _on_a_banner(text: str, m: Mention, rules: EventRules) -> bool:
    """A place in the words of a banner or a chant ('a banner reads "Zhanaozen, we are with you"',
    «с надписью „Жанаозен, мы с тобой“») is no scene."""
    if rules.slogan_before is None:
        return False
    window = text[max(0, m.start - 60):m.start]
    opened = max(window.rfind(q) for q in _OPEN_QUOTES)
    if opened < 0 or any(q in window[opened + 1:] for q in _CLOSE_QUOTES if q != "\""):
        return False
    if window[opened] == "\"" and window.count("\"") % 2 == 0:
        return False  # a straight quote that closes an earlier one
    return bool(rules.slogan_before.search(window, 0, opened))


# between a town and its region when the region only locates it: "Zhanaozen, Mangystau region",
# "в Балхаше (Карагандинская область)",
# "Zhanatas, a mining town in Zhambyl region", "the oil town in Mangystau region", "Жанаозен в Мангистауской"
LOCATED_GAP_RE = re.compile(r"[\s,(]*(?:(?:the|a|an)\s+(?:[\w-]+\s+){0,3}?(?:in|of)\s+(?:the\s+)?|in\s+(?:the\s+)?|в\s+)?"
                            r"(?:(?:neighbou?ring|nearby|adjacent|соседн\w+)\s+)?")  # "In Semey, in neighbouring Abai Region"


REGION_TOWN_OF_RE = re.compile(r"(?:['\u2019]s)?\s+(?:region(?:al)?\s+|oblast\s+|province\s+)?(?:[\w-]+\s+){0,2}?"
                               r"(?:town|city|village|settlement|port|capital|centre|center)\s+of\s+(?:the\s+)?")


def _without_offices(text: str, ms: list[Mention], rules: EventRules, gaz: Gazetteer | None = None,
                     on: date | None = None) -> list[Mention]:
    """A region named for its office ("outside the akimat of the Zhambyl region") or as its town's
    locator is not the scene when the sentence names a town of that region: the town is; named
    alone, its office is in the region's seat ("the akimat of North Kazakhstan region": Petropavl)."""
    def office(m: Mention) -> bool:  # "the akimat of the Zhambyl region", "the Mangistau regional akimat"
        return rules.office_before is not None and bool(
            rules.office_before.search(text, max(0, m.start - 40), m.start)
            or rules.office_after is not None and rules.office_after.match(text, m.end))

    if gaz is not None and rules.office_before is not None:
        towns = {m.place.parent_id for m in ms if m.place.kind != "region"}
        ms = [replace(m, place=seat) if m.place.kind == "region" and m.place.place_id not in towns
              and office(m) and (seat := gaz.seat(m.place.place_id, on)) is not None else m for m in ms]
    if len(ms) < 2:
        return ms
    inner = {m.place.parent_id for m in ms if m.place.kind != "region"}
    # a region written right after its own town only locates it: "in the town of Zhanaozen,
    # Mangystau region", "в городе Жанаозен Мангистауской области"
    located = {b.start for a, b in zip(ms, ms[1:]) if b.place.kind == "region"
               and a.place.parent_id == b.place.place_id and LOCATED_GAP_RE.fullmatch(text, a.end, b.start)}
    located |= {a.start for a, b in zip(ms, ms[1:]) if a.place.kind == "region"  # "the East Kazakhstan town of Ridder"
                and b.place.parent_id == a.place.place_id and REGION_TOWN_OF_RE.fullmatch(text, a.end, b.start)}
    return [m for m in ms if not (m.place.kind == "region" and m.place.place_id in inner and (
        m.start in located or office(m)))]


REGION_WORD_RE = re.compile(r"\b(?:region|oblast|province)\b|област|облыс", re.I)


def _measure_scene(m: Mention, gaz: Gazetteer) -> Mention:
    """"The akim of Mangystau region has declared a state of emergency": a measure is the region's,
    not that of the seat its office stands in (which _without_offices put for the region)."""
    if m.place.kind != "region" and REGION_WORD_RE.search(m.text) and m.place.parent_id \
            and (region := gaz.get(m.place.parent_id)) is not None and region.kind == "region":
        return replace(m, place=region)
    return m


def _inner_places(ms: list[Mention]) -> list[Mention]:
    """The places of a sentence without the regions that hold another of them: after "a rally
    in Taraz outside the akimat of the Zhambyl region", the next bare sentence is about Taraz."""
    inner = {m.place.parent_id for m in ms if m.place.kind != "region"}
    return [m for m in ms if m.place.kind != "region" or m.place.place_id not in inner] or ms


# "Almaty – about 120 detained", "Nur-Sultan – 48", "Актобе: 9 человек": a line of a list of figures by place
TALLY_VAGUE = {"several": None, "a few": None, "dozens": 24, "hundreds": 200,
               "несколько": None, "десятки": 24, "сотни": 200}
TALLY_RE = re.compile(
    r"\s*[\u2013\u2014:-]\s*(?:[\"\u201c\u00ab]?(?P<vague>" + "|".join(TALLY_VAGUE) + r")\b[\"\u201d\u00bb]?"
    r"|(?:[^\W\d_]+\s+){0,2}?(?P<n1>\d{1,3}(?:[,\u00a0 ]\d{3})*|\d+)"
    r"(?:\s*[\u2013\u2014-]\s*\d[\d,\u00a0 ]*)?(?![\d%]|[.,]\d|\s*%|\s*per))\s*(?P<rest>[^\n]*)$", re.I)
TALLY_LEAD_RE = re.compile(r"[^\s*\u2022\u2013\u2014-]")  # anything but a bullet before a tally's head
TALLY_REST_RE = re.compile(r"[\d;]")
# a subset after a tally's figure: "1,126 injured, 702 hospitalised", "48 (12 в больнице)"
TALLY_SUBSET_RE = re.compile(r"[,;(]\s*(?:of them |of whom |из них |в том числе )?\d[\d,\u00a0 ]*\s+(?:still )?"
                             r"(?:hospitali[sz]ed|in hospital|in intensive care|госпитализирован\w*|в больнице|"
                             r"в реанимации)\)?$", re.I)
TALLY_WORDS = 6  # at most this many words after a tally's figure ("people were detained")
TALLY_CONTEXT = 3  # sentences before a list in which the word saying what it counts may stand


def _tally(text: str, sentences: list[_Sentence], k: int, s_specific: list[Mention],
           s_dates: list[DateExpr], scene: list[Mention], rules: EventRules,
           role_above: str | None) -> list[tuple[Mention, int | None, str, DateExpr | None]]:
    """The items of a tally line, as (place, figure, role, day): sentence ``k`` is a line that
    opens with a place ("Almaty – about 120 detained"), or with a day under a place heading
    ("Актобе. 9 июня – 23, 10 июня – 6": ``scene``), then a dash or colon and a figure, and the
    line, the line above (``role_above``) or the list's lead-in says what the figures count
    (only people detained, injured or killed: a list of votes or percentages is no event)."""
    sent = sentences[k]
    if not rules.tally_roles:
        return []
    if len(s_specific) == 1:
        place, heads = s_specific[0], [(s_specific[0].start, s_specific[0].end, None)]
    elif not s_specific and scene and len({m.place.place_id for m in scene}) == 1:  # ("Усть-Каменогорск (Өскемен).")
        place, heads = scene[0], [(d.start, d.end, d) for d in s_dates if d.precision == 1 and d.date_start]
    else:
        return []
    if not heads:
        return []
    line_start = text.rfind("\n", 0, heads[0][0]) + 1
    line_end = text.find("\n", heads[0][1], sent.end)
    line_end = sent.end if line_end < 0 else line_end
    if TALLY_LEAD_RE.search(text[max(line_start, sent.start):heads[0][0]]):
        return []  # the place or day must open its line (a lead-in line may share the sentence)
    items: list[tuple[Mention, int | None, str, DateExpr | None]] = []
    for i, (_, head_end, day) in enumerate(heads):
        stop = heads[i + 1][0] if i + 1 < len(heads) else line_end
        mt = TALLY_RE.match(text[:stop].rstrip().rstrip(",;"), head_end)
        if mt is None:
            return []
        rest = TALLY_SUBSET_RE.sub("", mt["rest"].strip().rstrip(".!"))  # "1,126 injured, 702 hospitalised"
        if len(rest.split()) > TALLY_WORDS or TALLY_REST_RE.search(rest):
            return []  # "Almaty: about 300 people gathered; 21 were detained" is a report, not a tally
        role = _tally_role(rest, rules)
        if rest and role is None and not (rules.tally_nouns and rules.tally_nouns.match(rest)) \
                and not rest.startswith(("(", ";", ",")):
            return []  # "Almaty – 120 buses": not people
        role = role or role_above or (items[-1][2] if items else None)
        if role is None:
            context = [text[s.start:s.end] for s in sentences[max(0, k - TALLY_CONTEXT):k]]
            context.append(text[sent.start:max(sent.start, line_start)])  # "Detentions by city:\n"
            role = next((r for words in reversed(context) if (r := _tally_role(words, rules))), None)
        if role is None:
            return []
        if mt["vague"]:
            figure = TALLY_VAGUE[mt["vague"].lower()]
        else:
            figure = parse_number(mt["n1"])  # of a range, the lowest bound, as casualties are taken
            if figure is None or figure > 1_000_000:
                return []
        items.append((place, figure, role, day))
    return items


_SHARE_AFTER = re.compile(r"\s*[\u2013\u2014:-]\s*(?P<n>\d{1,3}(?:[,\u00a0 ]\d{3})+|\d+)(?![\d%]|[.,]\d)")
_SHARE_BEFORE = re.compile(r"(?P<n>\d{1,3}(?:[,\u00a0 ]\d{3})+|\d+)\s+(?:(?:were|was|are)\s+)?(?:[a-z]+\s+)?"
                           r"(?:in|в|во)\s+(?:the\s+)?$")


def _breakdown(text: str, sentences: list[_Sentence], k: int, s_specific: list[Mention],
               rules: EventRules) -> list[tuple[Mention, int | None, str, DateExpr | None]]:
    """The shares of a total the sentence before gave, by place, as tally items: "Of the deceased,
    139 were recorded in Almaty, 26 in Almaty region", "Из них в Алматы — 3 416, в Шымкенте — 719".
    Every place needs its figure; the role is the lead-in's or the total's (detained, killed, injured)."""
    sent = sentences[k]
    lead = rules.breakdown.match(text, sent.start) if rules.breakdown else None
    if lead is None or len(s_specific) < 2 or k == 0:
        return []
    prev = sentences[k - 1]
    role = _tally_role(lead.group(), rules) or _tally_role(text[prev.start:prev.end], rules)
    if role is None:
        return []
    items = []
    for m in s_specific:
        mt = _SHARE_AFTER.match(text, m.end) or _SHARE_BEFORE.search(text[max(sent.start, m.start - 40):m.start])
        if mt is None:
            return []
        items.append((m, parse_number(mt["n"]), role, None))
    return items


def _tally_role(words: str, rules: EventRules) -> str | None:
    return next((role for rx, role in rules.tally_roles if rx.search(words)), None)


def _tally_event(text: str, sent: _Sentence, item: tuple[Mention, int | None, str, DateExpr | None],
                 raw: list[Event], focus: _Focus, country: Place, article_id: str, anchor: date,
                 rules: EventRules, s_dates: list[DateExpr]) -> Event:
    """The event of one tally item: on its own day, else dated like a sentence without a date of
    its own (its list's day). Detentions listed in an article about protests are the protests'
    detentions (ACLED: a protest with intervention); casualties are a casualty report of the place."""
    m, figure, role, day = item
    trig = ARRESTS if role == "detained" else CASUALTY
    when, end = (day, None) if day is not None else _date_for(
        text, s_dates, (sent.start, sent.end), [], focus, trig, (sent.start, sent.end), rules)
    e = _make_event(text, sent, trig, m, country, when, end, article_id, anchor, rules)
    if role == "detained" and any(x.event_type == PROTEST for x in raw):
        e = replace(e, event_type=PROTEST, sub_event_type=INTERVENTION, action=RALLY.action)
    return replace(e, **{role: figure})


HEADING_WORDS = 8
HEADING_STOP_RE = re.compile(r"[.!\u2026\"\u201d']$")
SURVEY_RE = re.compile(r"\W*(?:[\w-]+\s+){0,3}?(?:round-?ups?|chronology|overview|digest|summary|timeline)\s+of\b"
                       # a newsletter's teaser: "This week: a copper strike in Ulytau region, ..."
                       r"|\W*(?:this week|in this issue|in today's issue|inside|coming up|в (?:этом|сегодняшнем) "
                       r"выпуске|в выпуске)\s*:", re.IGNORECASE)


NUMBERED_HEADING_RE = re.compile(r"(?:^|\n)[ \t]*\d{1,2}(?:\.\d{1,2})*\.?[ \t]+$")


def _sport_or_show(sentence: str, rules: EventRules) -> bool:
    """A match report ("the decisive strike came from", "a clash that rarely rose above the
    ordinary") or a show ("15,000 attended an open-air concert", "a march played by the band")
    tells of no protest, unless protesters (at a show: also police or violence) are in it."""
    hit = rules.sport_or_show.search(sentence) if rules.sport_or_show else None
    if hit is None:
        return False
    told = list(rules.protesters.finditer(sentence)) if rules.protesters else []
    # a match report may have a "clash"; a show where police fire or people are killed is news
    return not any(mt["crowd"] for mt in told) if hit["sport"] else not told


def _search(rx: re.Pattern[str], text: str, a: int, b: int, folded: str | None = None) -> re.Match[str] | None:
    """``rx.search(text, a, b)``, not run where the ``folded`` text proves it cannot match, and
    run over it as the pattern's folded twin where it has one (screen.search_folded)."""
    return search_folded(rx, text, folded, a, b) if folded is None or may_match(rx, folded, a, b) else None


def _denied(text: str, sentences: list[_Sentence], k: int, rules: EventRules, counts: list[Count] = (),
            folded: str | None = None, correcting: bool = False) -> bool:
    """Sentence ``k`` tells a claim ("Posts claimed that ...") and the next one denies it, or a
    figure that it or the next sentence withdraws ("... a figure of 164 dead. The ministry later
    withdrew it as a technical error"; "published a toll of 164 and then withdrew it")."""
    sent = sentences[k]
    if rules.correction is not None and _search(rules.correction, text, sent.start, sent.end, folded):
        return True
    if correcting and rules.correction_told is not None \
            and _search(rules.correction_told, text, sent.start, sent.end, folded):
        return True
    if rules.retraction is not None and _within(counts, sent.start, sent.end) \
            and _search(rules.retraction, text, sent.start, sent.end, folded):
        return True
    claim = _search(rules.hearsay, text, sent.start, sent.end, folded) if rules.hearsay and rules.denial else None
    if claim and (_search(rules.denial, text, sent.start, claim.end(), folded)
                  or DEBUNKED_AFTER_RE.search(text, claim.end(), sent.end)):
        # "There was no independent confirmation of reports ... that the unrest had spread";
        # "A channel claimed that builders had walked out; the contractor called it a fabrication"
        return True
    if k + 1 >= len(sentences):
        return False
    nxt = sentences[k + 1]
    if rules.retraction is not None and _search(rules.retraction, text, nxt.start, nxt.end, folded) \
            and not _within(counts, nxt.start, nxt.end):  # (a sentence with a figure withdraws its own)
        return True
    if rules.hearsay is None or rules.denial is None:
        return False
    follow = [nxt]
    if text[nxt.start:nxt.end].rstrip().endswith("?"):
        # an interviewer's claim and question ("..., пишут, что ... Это правда?"): the answer may deny it
        answer = [s for s in sentences[k + 2:k + 6] if s.paragraph == nxt.paragraph + 1]
        follow += answer
    return bool(claim and any(_search(rules.denial, text, f.start, f.end, folded) for f in follow))


def _is_heading(text: str, sent: _Sentence) -> bool:
    """A short line standing alone without a full stop ("Curfew and roads", "SHYMKENT")."""
    body = text[sent.start:sent.end].strip()
    alone = (sent.start == 0 or text[sent.start - 1] == "\n"  # also a numbered one ("3. Chronology")
             or bool(NUMBERED_HEADING_RE.search(text, max(0, sent.start - 12), sent.start))) and (
        sent.end == len(text) or "\n" in text[sent.end - 1:sent.end + 1])
    if not alone:  # a heading in two parts standing as a paragraph: "День третий. 24 сентября"
        start = text.rfind("\n", 0, sent.start) + 1
        end = text.find("\n", sent.end - 1)
        end = len(text) if end < 0 else end
        if not ((start == 0 or text.startswith("\n\n", start - 2)) and (end == len(text) or text.startswith(
                "\n\n", end))):
            return False
        body = text[start:end].strip()
    return len(body.split()) <= HEADING_WORDS and not HEADING_STOP_RE.search(body)


# a link to another story: "Read also: How banks work in Almaty under the state of emergency"
SEE_ALSO_RE = re.compile(r"\s*(?:Read (?:also|more)|See also|Related|Also read|Читайте (?:также|ещё|еще)|"
                         r"Смотрите также|По теме)\s*:"
                         # a wire update's note: "(Adds police statement, detentions in paragraphs 5-8)"
                         r"|\s*\((?-i:Adds|Updates|Recasts|Rewrites|Changes|Corrects|Removes|Fixes|Releases)\b[^()]*\)",
                         re.IGNORECASE)


QUESTION_RE = re.compile(r"\w[\"'\u201d\u00bb)]*\s?\?+[\"'\u201d\u00bb)]*\s*$")  # not a stray "2022. ?"


def _not_a_report(text: str, sent: _Sentence) -> bool:
    """A question ("How many have been arrested?", a written question in parliament: "To ask the
    Secretary of State ... what assessment she has made of reports that ..."), a heading or a link
    to another story tells of no event."""
    return (text.find("?", sent.start, sent.end) >= 0 and bool(QUESTION_RE.search(text, sent.start, sent.end))) \
        or _is_heading(text, sent) \
        or bool(SEE_ALSO_RE.match(text, sent.start)) or text.startswith("To ask", sent.start) \
        or bool(RUN_IN_HEADING_RE.fullmatch(text, sent.start, sent.end)
                and (sent.start == 0 or text[sent.start - 1] == "\n"))


# a run-in heading that opens a paragraph: "The arrest. On 25 February police took ..."
RUN_IN_HEADING_RE = re.compile(r"\s*(?:The|A|An|Our)\s+[a-z]+[.:]\s*")


def _trigger_matches(text: str, sentences: list[_Sentence], triggers: tuple[Trigger, ...],
                     folded: str | None = None) -> list[list[tuple[int, int, int]]]:
    """Every trigger match of each sentence as (start, end, index in TRIGGERS), in TRIGGERS
    order. A pattern only runs over the sentences that contain one of its needles: most
    sentences hold no trigger. With the ``folded`` text (screen.fold) a pattern that has a
    case-sensitive twin runs as that twin over it: the same matches, at a third of the cost."""
    lower = text.lower()
    starts = [sent.start for sent in sentences]
    found: list[list[tuple[int, int, int]]] = [[] for _ in sentences]
    for i, trig in enumerate(triggers):
        twin = folded_twin(trig.pattern) if folded is not None else None
        rx, haystack = (trig.pattern, text) if twin is None else (twin, folded)
        for k in _sentences_with(lower, sentences, starts, trig.needles):
            sent = sentences[k]
            found[k].extend((mt.start(), mt.end(), i)
                            for mt in rx.finditer(haystack, sent.start, sent.end))
    return found


def _sentences_with(lower: str, sentences: list[_Sentence], starts: list[int],
                    needles: tuple[str, ...]) -> list[int] | range:
    """Indices, in order, of the sentences whose slice of ``lower`` contains one of ``needles``:
    str.find over the whole text, each hit placed by bisection (sentences do not overlap), is
    cheaper than testing every needle against every sentence."""
    if "" in needles:
        return range(len(sentences))
    hit: set[int] = set()
    for needle in needles:
        i = lower.find(needle)
        while i >= 0:
            k = bisect.bisect_right(starts, i) - 1
            if k >= 0 and i + len(needle) <= sentences[k].end:
                hit.add(k)
            i = lower.find(needle, i + 1)
    return sorted(hit)


def _triggers(text: str, matches: list[tuple[int, int, int]], a: int, b: int,
              rules: EventRules, restated=None, sent_end: int | None = None,
              folded: str | None = None, sent_start: int | None = None) -> list[tuple[Trigger, int, int]]:
    """Trigger words of one clause that report something that happened (one per action); a
    negation may come after a comma ("The rally, planned for Saturday, did not take place")."""
    hits: list[tuple[Trigger, int, int]] = []
    seen: set[str] = set()
    taken: list[tuple[int, int]] = []
    for start, end, i in matches:
        if not (a <= start and end <= b) or any(x < end and start < y for x, y in taken):
            continue
        lo = max(a, start - 80)
        before = text[lo:start]  # both patterns look back at most ~70 chars
        before_folded = folded[lo:start] if folded is not None else None

        def said_before(rx: re.Pattern[str] | None) -> bool:
            return bool(rx and (folded is None or may_match(rx, folded, lo, start))
                        and search_any(rx, before, before_folded, 0, len(before)))

        if said_before(rules.modal) or _negated_after(rules.negated_after, text, folded, end, sent_end or b):
            continue
        if rules.apodosis is not None and rules.apodosis.search(text, a if sent_start is None else sent_start, start):
            continue
        if ("deni" in text[max(a, start - 150):start] or "опроверг" in text[max(a, start - 150):start]) \
                and DENIED_REPORTS_RE.search(text, max(a, start - 150), start):
            continue  # "PetroKazakhstan denied reports on Telegram channels that crews ... had also stopped work"
        if rules.measure_end and rules.triggers[i].national and rules.measure_end.match(text, end, sent_end or b):
            continue  # "the state of emergency ends in Almaty": a measure lifted, not declared
        if not rules.triggers[i].national and (said_before(rules.announced) or (
                rules.future_after is not None and rules.future_after.match(text, end, sent_end or len(text)))):
            continue  # "the march will join the long list": still to come (a measure "will last" is declared)
        if rules.legal and _search(rules.legal, text, max(a, start - 160), start, folded):
            continue
        if search_folded(rules.reference, before, before_folded) and not (restated and restated(end, b)) \
                and not DETAINED_PARTICIPANTS_RE.search(before):  # ("задержала 12 участников митинга": it was held)
            continue  # "the organisers of the riots" (but "the looting of shops in X on Monday")
        if said_before(rules.comparison) and COMPARED_SINCE_RE.match(text, end, b):
            continue  # "the biggest protests since December 2011, when ...": a yardstick
        if STATISTIC_BEFORE_RE.search(text, max(a, start - 30), start) and EVENT_NOUN_RE.fullmatch(text, start, end):
            continue  # "in 2018 there were 34 protests in 11 regions": a statistic, not one event
        if (q := SCARE_QUOTED_RE.search(text, max(a, start - 30), start)) and SCARE_CLOSE_RE.match(text, end) \
                and not TOOK_PART_RE.search(text, max(a, q.start() - 40), q.start()):
            continue  # 'information about "mass meeting" of residents': a claim held at arm's length
        if INDEFINITE_BEFORE_RE.search(before) and SUPPOSED_AFTER_RE.match(text, end, sent_end or b):
            continue  # "a strike lasting more than two weeks could cut output": a supposition
        if DOCUMENT_AFTER_RE.match(text, end):
            continue  # "the Demonstration Alert of October 7": a document's name
        taken.append((start, end))
        trig = rules.triggers[i]
        if trig.action not in seen:
            seen.add(trig.action)
            hits.append((trig, start, end))
    return hits


def _negated_after(rx: re.Pattern[str], text: str, folded: str | None, end: int, stop: int) -> bool:
    """``bool(rx.match(text, end, stop))``; with the ``folded`` text, only the alternatives whose
    needles occur after the trigger run (screen.matches_at: the whole pattern was a hot spot)."""
    return matches_at(rx, text, folded, end, stop) if folded is not None else bool(rx.match(text, end, stop))


# a number of ten or more events: "1,412 protest events", "34 protests", "более 180 митингов"
STATISTIC_BEFORE_RE = re.compile(r"(?<![\d.,])(?:[1-9]\d{1,2}(?:[,\u00a0 ]\d{3})*|(?!1[89]\d\d|20\d\d)[1-9]\d{3,})"
                                 r"\s+(?:(?:protest|mass|separate|street|labou?r|other|such|протестн\w*|массов\w*|"
                                 r"уличн\w*|отдельн\w*|так\w*)\s+)?$")  # (not a year, not "30 апреля митинги")
EVENT_NOUN_RE = re.compile(r"(?:protests?|rall(?:y|ies)|demonstrations?|strikes?|pickets?|events?|"
                           r"протест\w*|митинг\w*|акци\w*|забастов\w*|пикет\w*)", re.I)
# a trigger that is all or most of a short quotation: 'about "strike" at the plant', «"митинг"»
SCARE_QUOTED_RE = re.compile(r"[\"\u201c\u201e\u00ab](?:[^\W\d_]+\s+){0,2}$")
DETAINED_PARTICIPANTS_RE = re.compile(r"\b(?:задерж\w*|detain\w*|arrest\w*)\s+(?:[\w-]+\s+){0,2}?(?:участник\w*|"
                                      r"participants)\s+(?:of\s+)?(?:an?\s+|the\s+)?(?:[\w-]+\s+)?$", re.I)
DENIED_REPORTS_RE = re.compile(r"\b(?:deni(?:ed|es|al of)|опроверг\w*) (?:the )?(?:reports?|claims?|rumou?rs?|"
                               r"сообщени\w*|информаци\w*|слух\w*)\b[^.;!?]{0,140}$", re.I)
DOCUMENT_AFTER_RE = re.compile(r"\s+(?:Alerts?|Advisor(?:y|ies)|Notices?|Bulletins?|(?-i:section))\b")
# ... unless the words are an official's for what people did: 'had taken part in an "unsanctioned gathering"'
TOOK_PART_RE = re.compile(r"\b(?:t[ao]ok|taken|taking|take|takes) part in\s+(?:an?\s+|the\s+)?$"
                          r"|\bparticipat\w+ in\s+(?:an?\s+|the\s+)?$|\bучаств\w+ в\s+$|\bучастие в\s+$", re.I)
SCARE_CLOSE_RE = re.compile(r"(?:\s+[^\W\d_]+){0,2}[\"\u201d\u00bb]")


def _main_place(places: list[Mention]) -> list[Mention]:
    """The town an article is about, for its placeless paragraphs: the one named in at least
    half of its place mentions (a feature on Uralsk names Uralsk again and again)."""
    towns = [m for m in places if m.place.kind in ("city", "town", "village", "landmark")]
    if len(towns) < 3:
        return []
    ids = [m.place.parent_id if m.place.kind == "landmark" and m.place.parent_id else m.place.place_id
           for m in towns]
    top = max(dict.fromkeys(ids), key=ids.count)  # (a tie: the first named; a set's order varies by run)
    return [towns[ids.index(top)]] if ids.count(top) * 2 >= len(ids) else []


def _title_town(title: str, places: list[Mention], gaz: Gazetteer, anchor: date, code: str) -> list[Mention]:
    """The first body mention of the only town a headline names ("What happened in Zhanatas?")."""
    if not title or not places:
        return []
    towns = {m.place.place_id for m in find_places(title, gaz, published=anchor, language=code)
             if m.status == "resolved" and m.eventable and m.place.kind in ("city", "town", "village")}
    if len(towns) != 1:
        return []
    (town,) = towns
    return next(([m] for m in places if m.place.place_id == town), [])


def _lead_town(text: str, places: list[Mention], sentences: list[_Sentence],
               person_from: re.Pattern[str] | None = None) -> list[Mention]:
    """The only town of the first paragraph, when no later town is named more often:
    "I teach at a school in Kulsary" makes Kulsary the scene of the witness's placeless paragraphs
    (where someone comes from, "фермер из села Переметное", does not count)."""
    towns = [m for m in places if m.place.kind in ("city", "town", "village")
             and not re.match(r"\s*[\u2013\u2014:-]\s*\d", text[m.end:m.end + 8])  # not "Almaty – 1,200 votes"
             and not (person_from and person_from.search(text, max(0, m.start - 40), m.start))]
    if not towns or not sentences:
        return []
    # the lead is the first paragraph naming a town, after at most a stamp line ("Posted on ...")
    lead = next(s.paragraph for s in sentences if s.end > towns[0].start)
    if lead > sentences[0].paragraph + 1:
        return []
    lead_end = max(s.end for s in sentences if s.paragraph <= lead)
    first = [m for m in towns if m.start < lead_end]  # (the paragraphs before the lead name no town)
    if len({m.place.place_id for m in first}) != 1:
        return []
    named = Counter(m.place.place_id for m in towns)
    return first[:1] if named[first[0].place.place_id] == max(named.values()) else []


def _spread_events(text: str, sent: _Sentence, after: int, found: list[tuple[Event, int]],
                   earlier: list[Event], places: list[Mention], clauses, s_dates, relative,
                   focus: _Focus, country: Place, article_id: str, anchor: date,
                   rules: EventRules) -> list[tuple[Event, int]]:
    """"Protests began in Zhanaozen and spread to Aktau, Atyrau and Uralsk": every place after
    "spread to" gets the spreading event (of this sentence, else the paragraph's last protest
    or riot), dated by its own clause."""
    told = [(pos, e) for e, pos in found if e.event_type in (PROTEST, RIOT)]
    before = [pe for pe in told if pe[0] < after]  # "miners struck in July, while clashes ... spread to"
    source = max(before, key=lambda pe: pe[0])[1] if before else (told[0][1] if told else None)
    if source is None:
        source = next((e for e in reversed(earlier) if e.event_type in (PROTEST, RIOT)), None)
    if source is None:
        return []
    # what spreads is the protest or the riot, not its scene's form ("set up yurts on Yntymak Square,
    # and spreads to Kuryk"): a rally elsewhere, or a riot
    action = source.action if source.action in ("rally", "strike", "riot", "clash") else \
        "rally" if source.event_type == PROTEST else "riot"
    trig = next((t for t in rules.triggers + (CASUALTY,) if t.action == action), None) or next(
        t for t in rules.triggers + (CASUALTY,) if t.action == source.action)
    have = {e.place.place_id for e, _ in found}
    out = []
    for m in places:
        if m.start < after or m.place.place_id in have:
            continue
        have.add(m.place.place_id)
        clause = next((c for c in clauses if c[0] <= m.start < c[1]), (sent.start, sent.end))
        when, end = _date_for(text, s_dates, clause, relative, focus, trig, (m.start, m.end), rules)
        e = _make_event(text, sent, trig, m, country, when, end, article_id, anchor, rules)
        if not _within(s_dates, *clause) and any(x is source for x, _ in found):
            # "the protest of January 2022, which spread to Aktau and Oral": the same time
            e = replace(e, event_date=source.event_date, event_date_end=source.event_date_end,
                        time_precision=source.time_precision)
        out.append((e, m.start))
    return out


def _list_goes_on(text: str, clauses, k: int, hits, places: list[Mention], rules: EventRules,
                  s_dates: list[DateExpr]) -> list[tuple[Mention, DateExpr | None]]:
    """Places of the clauses right after ``clause`` that only go on its list, each with the day
    its clause gives: "rallies took place in Kulsary and Atyrau (Guryev until 1991), as well as
    in Uralsk and Aktobe"; "On 30 April rallies were held in Aktobe, and on 1 May in Zhanaozen"."""
    out: list[tuple[Mention, DateExpr | None]] = []
    clause = clauses[k]
    skip = -1
    for j in range(k + 1, len(clauses)):
        if j == skip:
            continue
        c = clauses[j]
        before = text[clause[1]:c[0]]
        if before.count("(") > before.count(")") or not text[c[0]:c[1]].strip(" ,;()\u2013\u2014-"):
            continue  # a gloss in brackets ("(Guryev until 1991)") or nothing between two commas
        days = [d for d in _within(s_dates, *c) if d.precision == 1 and d.kind != "until"]
        own = _within(places, *c)
        if days and not own and j + 1 < len(clauses) and not hits.get(clauses[j + 1]) \
                and text[c[1]:clauses[j + 1][0]].strip() in DASHES | {"-"}:
            # "а 4 января – в Уральске, Актобе и Атырау": the day, a dash, then its places
            nxt = clauses[j + 1]
            own = _within(places, *nxt)
            c, skip = (c[0], own[0].end if own else c[1]), j + 1
        if hits.get(c) or not (rules.list_more.match(text, c[0], c[1]) or days and rules.list_dated
                               and rules.list_dated.match(text, c[0], c[1])):
            break
        out += [(m, days[0] if days else None) for m in (own if skip == j + 1 else _within(places, *c))]
    return out


def _neighbour_places(clauses, clause, placed: list[int], places: list[Mention]) -> list[Mention]:
    """Places of the nearest clause before (else after) one that names none: "In Taraz, the
    akimat was set on fire, and in Kyzylorda ..." puts the fire in Taraz only. ``placed`` are
    the indices of the clauses that name a place (a sentence of 50,000 clauses stays linear)."""
    if not placed:
        return []
    k = bisect.bisect_left(placed, clauses.index(clause))
    return _within(places, *clauses[placed[k - 1] if k else placed[0]])


def _nearest_group(text: str, c_places: list[Mention], t_start: int, t_end: int,
                   rules: EventRules) -> list[Mention]:
    """The places a trigger is about: the list of places ("Zhanaozen, Aktau and Atyrau") whose
    member is nearest to it, so that "protests in Atyrau recall the Zhanaozen massacre" puts
    the protests in Atyrau only."""
    if len(c_places) < 2:
        return list(c_places)
    groups: list[list[Mention]] = [[c_places[0]]]
    for m in c_places[1:]:
        if rules.list_gap.fullmatch(text, groups[-1][-1].end, m.start):
            groups[-1].append(m)
        else:
            groups.append([m])

    def distance(m: Mention) -> float:
        if m.start >= t_end:  # after the trigger: likelier, above all behind "in", "at", "near"
            gap = text[t_end:m.start]
            return len(gap) / (3 if rules.place_prep_before.search(gap) else 1)
        gap = text[m.end:t_start]  # before it: less likely, unlikely across an "and"
        return len(gap) * (8 if rules.conjunction.search(gap) else 2)

    if rules.there is not None and rules.there.match(text, t_end) and c_places[0].end <= t_start:
        # "Zhanatas was in the news after a protest there and a trial in Taraz"
        return next(g for g in reversed(groups) if g[0].end <= t_start)
    nearest = min(groups, key=lambda g: min(distance(m) for m in g))
    verb = rules.verb.match(text[t_start:t_end])
    if all(m.end <= t_start for m in c_places) and (verb or t_start - nearest[-1].end > 2):
        # every place is on the subject side: "Miners in Khromtau and railway workers in
        # Kandyagash walked out" (but "the Zhanaozen massacre" is about Zhanaozen only)
        return list(c_places)
    return nearest


# a date that opens its sentence dates all of it: "On 21 May police detained ... as they gathered"
OPENER_RE = re.compile(r"(?:^|[.!?]\s+|\n\s*(?:[*\u2022\u2013\u2014-]\s*)?)"
                       r"(?:(?:On|In|By|From|Early on|Late on|В|Во)\s+(?:the\s+\w+\s+of\s+)?)?$")
# what may stand between an event and its old date in one main clause ("broke out in the oil town
# of Novy Uzen, now Zhanaozen, on June 16-17, 1989"): no relative clause, no aside
OLD_DATE_GAP_RE = re.compile(r"[;()\[\]\u2013\u2014]|\b(?:where|when|which|who|whose|whom|after|since|than|before|"
                             r"like|unlike|as in|recalling|remember\w*|anniversary|years?|где|когда|котор\w+|после|"
                             r"с тех пор|чем|как)\b", re.I)
COMPARED_SINCE_RE = re.compile(r"\s+(?:[\w-]+\s+){0,3}?since\b", re.IGNORECASE)
WHEN_AFTER_RE = re.compile(r"[\s,]*(?:when|as|after|in which)\b[^.;]*$", re.IGNORECASE)


def _date_for(text: str, s_dates, clause, relative, focus: _Focus, trig: Trigger,
              span: tuple[int, int], rules: EventRules, lead: bool = True,
              anchor: date | None = None) -> tuple[DateExpr | None, date | None]:
    """The date expression an event takes, and an explicit end ("until January 19").

    The clause's own date wins, then a date of the sentence outside its relative clauses ("who
    set up yurts yesterday" dates only the yurts), then the paragraph's date in focus. A date far in the past belongs only to what it
    is written next to ("the Zhanaozen massacre of December 2011"), and among several the most
    precise and nearest is taken.
    """
    if rules.embedded_before is not None:  # "Residents whose houses were flooded in April gathered"
        noun = not rules.verb.match(text, *span)  # (but "who organised the 24 April rally")
        s_dates = [d for d in s_dates if not (
            d.end <= span[0] and not (noun and not text[d.end:span[0]].strip())
            and rules.embedded_before.search(text, max(clause[0], d.start - 70), d.start))]
    # "police said in a statement on Tuesday that about 300 citizens had taken part": the day it was said
    if trig.action not in ("detention", "casualty report") or HAD_TAKEN_PART_RE.search(text, *clause):
        # (a total is as of the day it was said, unless told of a gathering that had taken place)
        s_dates = [d for d in s_dates if not (d.end <= span[0] and _said_day(text, d, span[1]))]
    # "said this morning that 47 people were detained in the course of Friday evening": the day told
    s_dates = [d for d in s_dates if not (d.end <= span[0] and d.precision == 1 and _said_day(text, d, None) and any(
        x.start >= span[1] and x.precision == 1 and x.date_start and x.kind in ("weekday", "absolute", "relative")
        for x in s_dates))]
    c_dates = _within(s_dates, *clause)
    end = next((d.date_end for d in c_dates if d.kind == "until"), None)
    if end is None and (trig.national or trig.action in DURATIVE):
        # "declared a state of emergency ..., lasting until ...", "Стачка, в которой ..., продолжалась до ..."
        end = next((d.date_end for d in s_dates if d.kind == "until"), None)

    def usable(d: DateExpr) -> bool:  # an old date dates only what is written near it, or opens, or
        # frames what a colon goes on to tell ("Экибастуз в конце ноября 2022 года стал примером: ... собирались")
        return d.kind not in ("until", "duration") and d.date_start is not None and not (
            d.start >= span[1] and OTHER_VERB_DATE_RE.search(text, max(span[1], d.start - 30), d.start)) and not (
            # "выходят ... против нового тарифа на газ: с 1 февраля он вырос": the colon's own news
            d.kind == "since" and d.start >= span[1] and ": " in text[span[1]:d.start]) and (
            not d.historical or min(abs(d.start - span[1]), abs(span[0] - d.end)) <= 80
            or span[1] <= d.start <= span[1] + 160 and not OLD_DATE_GAP_RE.search(text, span[1], d.start)
            or bool(OPENER_RE.search(text, max(0, d.start - 40), d.start))
            or d.end <= span[0] and ":" in text[d.end:span[0]])

    def apart(d: DateExpr) -> bool:  # "3,000 remain; yesterday there were 10,000" (a date runs on)
        return d.start >= clause[1] and ";" in text[clause[1]:d.start]

    def later_act(d: DateExpr) -> bool:  # "detained within minutes and fined ... the next day"
        return d.start > span[1] and bool(LATER_ACT_RE.search(text, span[1], d.start))

    def modifier(d: DateExpr) -> bool:  # "veterans of the 1986 protests laid flowers": the protests' year
        if YEAR_ONLY_RE.fullmatch(d.text) and PEOPLE_OF_YEAR_RE.search(text, max(0, d.start - 30), d.start):
            return True  # "veterans of 1986 now in their sixties laid flowers": today's
        noun = YEAR_ONLY_RE.fullmatch(d.text) and YEAR_NOUN_AFTER_RE.match(text, d.end)
        return bool(noun) and not d.end <= span[0] < noun.end()

    c_dates = [d for d in c_dates if not modifier(d)]
    s_dates = [d for d in s_dates if not modifier(d)]
    began = next((c for c in relative if 0 <= c[0] - clause[1] <= 2 and BEGAN_RE.match(text, c[0])), None)
    if began and not any(usable(d) for d in c_dates):
        # "the strike by oil workers around Zhanaozen, which began on 16 February and is continuing":
        # the relative clause dates its own noun
        d = next((d for d in _within(s_dates, *began) if usable(d) and d.kind != "since"), None)
        if d is not None:
            if anchor is not None and d.date_start <= anchor and CONTINUING_RE.search(text, *began):
                d = replace(d, kind="since", date_end=anchor, target_end=d.date_end)
            return d, end
    days = [d for d in c_dates if usable(d) and not later_act(d)] or [
        d for d in s_dates if usable(d) and not apart(d) and not later_act(d)
        and not any(a <= d.start < b for a, b in relative)]
    if days:
        best = min(days, key=lambda d: (d.precision, min(abs(d.start - span[1]), abs(span[0] - d.end))))
        if trig.action in DURATIVE and anchor is not None and best.kind != "since" and best.precision == 1 \
                and best.date_start and best.date_start <= anchor:
            stop = text.find(". ", span[1])
            if CONTINUING_RE.search(text, span[1], min(stop if stop >= 0 else len(text), span[1] + 200)):
                # "stopped work on Monday, 11 March 2024, ..., and the stoppage is continuing": up to now
                return replace(best, kind="since", date_end=anchor, target_end=best.date_end), end
        if best.kind == "since" and best.target_end and WHEN_AFTER_RE.match(text, best.end, span[0]):
            # "since December 2011, when police shot dead ...": the shooting is of December 2011
            best = replace(best, kind="absolute", date_end=best.target_end)
        return best, end
    if end is not None and focus.article_date is not None:
        return focus.article_date, end
    return focus.date or (focus.lead_date if lead else None), end


RECAP_RE = re.compile(r"\W*(?:Напомним|Напомню|Напоминаем|Recall that|As a reminder|To recap)\b", re.I)
BEGAN_RE = re.compile(r"\s*(?:which|that|котор\w+)\s+(?:began|started|broke out|erupted|начал\w*)\b", re.I)
CONTINUING_RE = re.compile(r"\b(?:is|are) (?:still )?(?:continuing|ongoing|going on)\b|\bcontinues\b"
                           r"|\bпродолжа\w+", re.I)
YEAR_ONLY_RE = re.compile(r"(?:(?:of|in|from|the)\s+){0,2}(?:1[89]|20)\d\d", re.I)
PEOPLE_OF_YEAR_RE = re.compile(r"\b(?:veterans|survivors|participants|victims|heroes|generation|ветеран\w*|участник\w*)"
                               r"\s+(?:of\s+)?(?:the\s+)?$", re.I)
YEAR_NOUN_AFTER_RE = re.compile(r"\s+(?:[\w-]+\s+)?(?:protests?|riots?|events|unrest|uprising|strikes?|massacre|"
                                r"rallies|demonstrations|tragedy|shooting|clashes)\b", re.I)
SAID_ON_RE = re.compile(r"\b(?:said|says|reported|announced|stated|confirmed|told [\w-]+|сообщил\w*|заявил\w*)\s+"
                        r"(?:(?:in|at)\s+(?:a|an|its|his|her|their)\s+(?:statement|briefing|interview|post|message|"
                        r"press release)\s+)?(?:on\s+|в\s+|во\s+)?$", re.I)  # ("said in a statement on Tuesday that")
THAT_AFTER_RE = re.compile(r"\s*,?\s*(?:that|что)\b", re.I)
# "police said on Tuesday that 300 citizens had taken part in a gathering and 11 had been detained":
# the arrests of that gathering, not a total as of Tuesday
HAD_TAKEN_PART_RE = re.compile(r"\bhad (?:taken part|participated|gathered|rallied|protested|marched)\b", re.I)
TOLL_WORD_RE = re.compile(r"\b(?:detain|arrest|kill|died|dead|injur|wound|hurt)", re.I)  # (a total: as of that day)
HAD_RE = re.compile(r"\bhad\b", re.I)  # a pluperfect in what was said: before the day it was said


def _said_day(text: str, d: DateExpr, end: int | None) -> bool:
    """'said in a statement on Tuesday that 300 citizens had taken part': the day of the saying,
    not of what had happened (a pluperfect up to `end`; with no `end`, whatever was said)."""
    return bool(SAID_ON_RE.search(text, max(0, d.start - 30), d.start) and THAT_AFTER_RE.match(text, d.end)
                and (end is None or HAD_RE.search(text, d.end, end)))
REGION_AFTER_RE = re.compile(r"\s+(?:in|across|throughout) the (?:region|oblast)\b|\s+(?:в регионе|по (?:области|региону))\b",
                             re.I)
REGION_ANAPHOR_RE = re.compile(r"\b(?:in|across) the (?:region|oblast)\b|\bв (?:регионе|области)\b"
                               r"|\bпо (?:области|региону)\b", re.I)
# the heading of an encyclopaedia's or a paper's reference list: what follows are its sources
_REFERENCE_WORDS = ("References", "Notes", "Sources", "Bibliography", "Footnotes", "Литература", "Источники",
                    "Примечания")
_REFERENCES_RE = re.compile(rf"^[ \t]*(?:{'|'.join(_REFERENCE_WORDS)})[ \t]*(?:\[[^\]\n]{{1,12}}\])?[ \t]*:?[ \t]*$",
                            re.M)  # (searched only where one of the words is: "^" makes re try every position)
# a dateline split off as a sentence of its own ("MOSCOW, June 10."): when it was filed, not what it tells
DATELINE_ALONE_RE = re.compile(r"\s*(?-i:[A-ZА-ЯЁ][A-ZА-ЯЁ'.-]+(?: [A-ZА-ЯЁ][A-ZА-ЯЁ'.-]+)?),\s+[\w .,]{3,25}?\d{1,4}"
                               r"(?:\s*\([^()]{1,30}\))?\s*[.:\u2013\u2014-]?\s*", re.I)
# "pickets ... failed to produce the jobs they say they were promised last year": the date of another verb
OTHER_VERB_DATE_RE = re.compile(r"\b(?:(?:were|was|had been|been) promised|promised them)\s+(?:[\w-]+\s+){0,2}?$",
                                re.I)
SHARE_OF_RE = re.compile(r",\s+(?:most|many|the majority|the bulk|nearly all|almost all) of (?:them|whom)\s+"
                         r"(?:in|at)\s|,\s+(?:mostly|mainly|chiefly) in\s", re.I)
# where people come from: "residents of the village of Zhetybay", "жителей поселка Жетыбай" (PEOPLE_FROM_RE);
# and with a move after it, "men from Zhanaozen travelled to Aktau" (FROM_BEFORE_RE)
PEOPLE_FROM_RE = re.compile(r"(?:\b(?:residents?|natives?|villagers|inhabitants|people|workers)\s+(?:from|of)\s+"
                            r"(?:the\s+)?(?:(?:village|town|city|settlement)\s+of\s+)?|\bжител\w*\s+"
                            r"(?:(?:поселка|посёлка|села|города|аула|г\.|пос\.|с\.)\s+)?)$", re.I)
FROM_BEFORE_RE = re.compile(r"\b(?:from|из)\s+(?:the\s+)?$|" + PEOPLE_FROM_RE.pattern, re.I)
PLURAL_ANAPHOR_RE = re.compile(r"\bboth\b|\bобо(?:их|еих)\b|\b(?:these|those|этих|тех)\b", re.I)
CITY_ANAPHOR_RE = re.compile(r"\bcity\b|город", re.I)
TOWN_ANAPHOR_RE = re.compile(r"\b(?:the|this) (?:city|town|village)\b|(?:этом|том же) (?:городе|посёлке|поселке|селе)", re.I)
# a legal step after the event, whose own date follows it: "detained within minutes and fined the next day"
LATER_ACT_RE = re.compile(r"\b(?:and|then|were|was|later)\s+(?:\w+\s+)?(?:fined|sentenced|charged|released|"
                          r"convicted|jailed|freed|оштрафован\w*|осужден\w*|приговорен\w*|отпущен\w*|"
                          r"освобожден\w*|отпустили)\b", re.I)
SEGMENT_REACH = 400
SEGMENT_RE = re.compile(r",?\s+and\s+(?=(?:in|on|at|then|later)\b)|;\s*", re.IGNORECASE)


def _segment(text: str, clause: tuple[int, int], pos: int) -> tuple[int, int]:
    """The part of a clause around `pos` that one "and in"/"and on" joins to the next, so that
    each place keeps the day written with it."""
    # (within SEGMENT_REACH of `pos`, so that a run-on sentence stays linear)
    start, end = max(clause[0], pos - SEGMENT_REACH), min(clause[1], pos + SEGMENT_REACH)
    for mt in SEGMENT_RE.finditer(text, start, end):
        if mt.end() <= pos:
            start = mt.end()
        elif mt.start() >= pos:
            end = mt.start()
            break
    return start, end


DATE_LIST_GAP_RE = re.compile(r"\s*(?:,|and|&|or|и|или)\s*(?:(?:on|and)\s+)?")


def _list_days(s_dates: list[DateExpr]) -> tuple[list[DateExpr], dict[int, int]]:
    """A sentence's days that may form a list, and each one's index by identity (for _date_list)."""
    days = [d for d in s_dates if d.precision == 1 and d.kind in ("absolute", "weekday", "relative")]
    return days, {id(d): i for i, d in enumerate(days)}


def _date_list(text: str, listed: tuple[list[DateExpr], dict[int, int]],
               when: DateExpr | None) -> list[DateExpr | None]:
    """The days an event is on: `when`, or every day of the list it belongs to ("on 1 May and
    9 May" is two days; "on 22 and 23 March", consecutive days, is one event over both)."""
    days, index = listed
    if when is None or id(when) not in index:
        return [when]
    i = j = index[id(when)]
    while i > 0 and DATE_LIST_GAP_RE.fullmatch(text, days[i - 1].end, days[i].start):
        i -= 1
    while j + 1 < len(days) and DATE_LIST_GAP_RE.fullmatch(text, days[j].end, days[j + 1].start):
        j += 1
    group = sorted(days[i:j + 1], key=lambda d: d.date_start)
    if len(group) == 1:
        return [when]
    if all((b.date_start - a.date_end).days == 1 for a, b in zip(group, group[1:])):
        return [replace(group[0], date_end=group[-1].date_end)]
    return group


def _measure_ends(raw: list[Event], first: int, s_dates: list[DateExpr], national: set[str]) -> bool:
    """A sentence that only gives the end of the measures told before it in its paragraph ("The state
    of emergency will last until 19 January.") ends them there; False if it gives no end."""
    until = next((d.date_end for d in s_dates if d.kind == "until" and d.date_end), None)
    if until is None:
        return False
    for k in range(first, len(raw)):
        e = raw[k]
        if e.action in national and e.event_date_end == e.event_date and until > e.event_date:
            raw[k] = replace(e, event_date_end=until)
    return True


def _span_before(durations: list[DateExpr], end: date) -> DateExpr | None:
    """"refused food for nine days until June 16": the first of those days (June 8)."""
    d = next((d for d in durations if d.days and d.days > 1), None)
    if d is None:
        return None
    first = end - timedelta(days=d.days - 1)
    return DateExpr(d.start, d.end, d.text, "relative", first, first, 1, False, False)


def _measure_end(s_durations: list[DateExpr], clause: tuple[int, int], when: DateExpr | None,
                 anchor: date) -> date | None:
    """The end of a measure declared for a time: "a two-week state of emergency" declared on
    January 5 runs until January 19."""
    d = next(iter(_within(s_durations, *clause) or s_durations), None)
    if d is None:
        return None
    start = when.date_start if when is not None and when.date_start else anchor
    return start + timedelta(days=d.days)


AHEAD_DAYS = 2  # an event dated this far after publication without a year is last year's


def _year_back(d: date) -> date:
    return d.replace(year=d.year - 1, day=min(d.day, 28 if d.month == 2 else d.day))


def _make_event(text: str, sent: _Sentence, trig: Trigger, m: Mention | None, country: Place,
                when: DateExpr | None, end: date | None, article_id: str, anchor: date,
                rules: EventRules) -> Event:
    place = m.place if m else country
    if when is not None and when.date_start:
        start, stop, precision = when.date_start, when.date_end or when.date_start, when.precision
        conf = 0.9
        if trig.event_type != STRAT and not when.year_explicit and (start - anchor).days > AHEAD_DAYS:
            # what happened is past: "On January 5" in a December article is that January
            start, stop = _year_back(start), _year_back(stop)
    else:
        start = stop = anchor
        precision, conf = 1, 0.6
    if end is not None:
        if when is None or when.kind == "vague" or when.precision > 1:
            start = min(when.date_end if when and when.date_end else start, end)
        stop = max(end, start)
        precision = max(precision, 2) if when is None else precision
    elif start <= anchor < stop and trig.event_type != STRAT:
        stop = anchor  # "the 2019 protests", written in December 2019: what happened by then
    geo = 3 if place.kind in ("country", "region") else 1
    if m is not None:
        conf = min(conf, m.confidence)
    evidence = text[sent.start:sent.end].strip()
    if sent.actors is None:  # (a sentence may make several events)
        sent.actors = _actors(evidence, rules)
    return Event(
        event_id="", article_id=article_id, event_date=start, event_date_end=stop,
        time_precision=precision, event_type=trig.event_type, sub_event_type=trig.sub_event_type,
        action=trig.action, place=place, geo_precision=geo,
        mention=m.text if m else "", evidence=evidence, evidence_start=sent.start,
        evidence_end=sent.end, confidence=round(conf, 2), actors=sent.actors,
        sources=(article_id,),
    )


def _actors(sentence: str, rules: EventRules) -> tuple[str, ...]:
    """The actor groups a sentence names; each pattern (an IGNORECASE word list that re scans at
    every position) only runs where one of its words occurs in the folded sentence."""
    folded = fold(sentence)
    return tuple(name for rx, name in rules.actor_words
                 if may_match(rx, folded, 0, len(folded)) and rx.search(sentence))


# Casualty figures without an event of their own are counted against the violence (ACLED
# codes fatalities on the riot, never on a separate "report").
CASUALTY = Trigger(re.compile("$^"), "casualty report", RIOT, VIOLENT, True)
ARRESTS = next(t for t in TRIGGERS if t.action == "detention")
RALLY = next(t for t in TRIGGERS if t.action == "rally")


def _apply_counts(text, sent, found: list[tuple[Event, int]], counts: list[Count],
                  raw: list[Event], s_specific, focus: _Focus, s_dates, country, article_id,
                  anchor, country_scope: bool, rules: EventRules,
                  clauses: list[tuple[int, int]], muted: bool = False, *,
                  abroad: bool = False, region: list[Mention] = (), home: list[Mention] = ()
                  ) -> list[tuple[Event, int]]:
    """Put each count in the right field of the right event: the event of the sentence whose
    place is nearest to the number. Detentions at a protest are the protest's ``detained``;
    casualty figures without an event of their own become a casualty report (country level
    unless a place is named); a bare crowd size continues the previous sentence's event."""
    first_casualty = min((c.start for c in counts if c.role in ("injured", "killed", "detained")), default=None)
    given: dict[tuple[int, str], set[tuple[str, str]]] = {}  # (event, field) -> groups counted in it
    crowds = {c.start for c in counts if c.role == "participants"}  # (a detained twin: the same people)
    for cnt in counts:
        if cnt.role not in ("participants", "injured", "killed", "detained", "other"):
            continue
        if cnt.role == "other" and first_casualty is not None and first_casualty < cnt.start:
            continue  # "Of the 225 dead, 19 were police officers": a breakdown, not a crowd
        if rules.recollection and rules.recollection.search(text, sent.start, cnt.start) \
                and not any(d.kind == "absolute" and d.precision == 1 for d in s_dates):
            continue  # "ten years after police opened fire, killing 14": told where it is dated
        if cnt.role in ("participants", "other"):  # people with no other role: the crowd
            targets = [i for i, (e, _) in enumerate(found) if e.event_type in (PROTEST, RIOT)]
            if targets:
                i = _nearest(found, targets, cnt.start)
                clause = next((c for c in clauses if c[0] <= cnt.start < c[1]), (cnt.start, cnt.end))
                told_at = {e.place.place_id for e, _ in found}
                own = _place_after(text, s_specific, cnt.end, rules) or _place_dash_before(
                    text, s_specific, cnt.start) or next(
                    (m for m in _within(s_specific, *clause) if m.place.place_id not in told_at
                     and not any(clause[0] <= p < clause[1] for _, p in found)), None)
                if own is not None and own.place.place_id not in told_at:
                    # "About 100 gathered in Shymkent and about 50 in Karaganda on Thursday",
                    # "..., while in Aktau about two hundred remained"
                    e = found[i][0]
                    clone = replace(e, place=own.place, mention=own.text, participants_min=None,
                                    participants_max=None, participants_text="")
                    day = next((d for d in _within(s_dates, *clause) if d.precision == 1 and d.date_start
                                and d.kind not in ("until", "duration")), None)
                    if day is not None:  # the clause's own day
                        clone = replace(clone, event_date=day.date_start,
                                        event_date_end=day.date_end or day.date_start)
                    found.append((_with_participants(clone, cnt), own.start))
                else:
                    if own is not None:  # "about 200 people gathered in Aktobe": Aktobe's crowd
                        i = next((j for j in targets if found[j][0].place.place_id == own.place.place_id), i)
                    # two sources' figures for one crowd: "up to 3,000, say organisers; police put it at 800"
                    widen = bool(DISAGREE_RE.search(text, sent.start, sent.end))
                    found[i] = (_with_participants(found[i][0], cnt, widen=widen), found[i][1])
                continue
            # the count's own clause dates it; another clause's date belongs to that clause
            # ("3,000 remain; yesterday there were around 10,000")
            own = next((c for c in clauses if c[0] <= cnt.start < c[1]), (sent.start, sent.end))
            dated = [c for c in clauses if c != own and _within(s_dates, *c)
                     and _within(counts, *c)]  # not a bare "On Monday night," opener
            when, _ = _date_for(text, s_dates, own, dated, focus, RALLY, (cnt.start, cnt.end), rules)
            where = _nearest_group(text, s_specific, cnt.start, cnt.end, rules) or focus.place
            same = raw and not abroad and raw[-1].event_type in (PROTEST, RIOT) and (
                not where or raw[-1].place.place_id in {m.place.place_id for m in where}) and (
                when is None or when.date_start == raw[-1].event_date)
            if same:  # "Police put the number at 300, while organisers claimed 5,000."
                raw[-1] = _with_participants(raw[-1], cnt, widen=bool(DISAGREE_RE.search(text, sent.start, sent.end)))
            elif cnt.role == "participants" and where and not (muted or abroad):
                # "In Atyrau, about 2,000 people filled the square": a crowd is a gathering
                for m in where:
                    e = _make_event(text, sent, RALLY, m, country, when, None, article_id, anchor,
                                    rules)
                    found.append((_with_participants(e, cnt), m.start))
            continue
        fieldname = cnt.role
        if fieldname == "detained" and cnt.start in crowds:  # "eight people who came out were taken away"
            targets = [i for i, (e, _) in enumerate(found)
                       if e.action == "detention" or e.event_type in (PROTEST, RIOT)]
        elif fieldname == "detained":
            targets = ([i for i, (e, _) in enumerate(found) if e.action == "detention"]
                       or [i for i, (e, _) in enumerate(found) if e.event_type in (PROTEST, RIOT)])
        else:  # casualties belong to violence or a crowd, never to an arrest or a decree
            targets = [i for i, (e, _) in enumerate(found)
                       if e.event_type in (PROTEST, RIOT, VAC, BATTLES)]
        # "protests that began in Zhanaozen spread, and more than 200 people were killed across
        # Kazakhstan": a toll said of the whole country is the country's, not the protest's
        national_toll = bool(targets) and (fieldname != "detained" and bool(
            (scope := rules.country_scope.search(text, cnt.end, min(sent.end, cnt.end + 40)))
            and not _within(s_specific, cnt.end, scope.start)) or bool(
            # "detained about 500 people ..., most of them in Alma-Ata and Nur-Sultan": the whole
            # country's figure, the places only its largest shares
            SHARE_OF_RE.search(text, cnt.end, min(sent.end, cnt.end + 160))))
        if national_toll:  # (of the days of the event it was said with)
            toll_of, targets = found[_nearest(found, targets, cnt.start)][0], []
        told = next((i for i in range(len(raw) - 1, focus.first_event - 1, -1)
                     if raw[i].event_type in (PROTEST, RIOT)), None)  # the violence just told
        if not targets and fieldname != "detained" and not s_specific and not country_scope \
                and told is not None:
            # "The shooting went on for hours, and dozens were killed": the event just told
            e = raw[told]
            value = getattr(e, fieldname)
            groups = given.setdefault((-1 - told, fieldname), set())
            group = _group(cnt)
            if value is not None and groups and group not in groups:
                value += cnt.min  # "1,340 officers were wounded, and 2,015 civilians sought medical help"
            else:
                value = cnt.min if value is None else min(value, cnt.min)
            groups.add(group)
            raw[told] = replace(e, **{fieldname: value})
            continue
        if not targets and abroad:
            continue  # "In Moscow, police detained five people"
        if not targets:
            if _negated_after(rules.negated_after, text, None, cnt.end, sent.end) or \
                    rules.modal.search(text, max(sent.start, cnt.start - 80), cnt.start) or \
                    rules.legal and rules.legal.search(text, max(sent.start, cnt.start - 160), cnt.start):
                continue  # "сведения о задержании двоих активистов не соответствуют действительности"
            if fieldname != "detained" and rules.accident and rules.accident.search(
                    text, max(sent.start, cnt.start - 80), cnt.start):
                continue  # a mine fire's or a flood's dead: no unrest was told in the sentence
            trig = ARRESTS if fieldname == "detained" else CASUALTY
            # a casualty or arrest total dated by nothing is as of the report; "said on Tuesday that 14
            # people had died on Friday": of Friday
            told_days = [d for d in s_dates if SAID_ON_RE.search(text, max(sent.start, d.start - 30), d.start)
                         and THAT_AFTER_RE.match(text, d.end)]
            c_dates = [d for d in s_dates if d not in told_days] if told_days and (any(
                d.start > cnt.end and d.precision == 1 for d in s_dates if d not in told_days)
                or HAD_TAKEN_PART_RE.search(text, sent.start, sent.end)) else s_dates
            when, end = _date_for(text, c_dates, (sent.start, sent.end), [], focus, trig,
                                  (cnt.start, cnt.end), rules, lead=fieldname == "detained")
            # undated, a toll for a place whose riot this paragraph told is of the riot's days
            # ("Clashes broke out in Novy Uzen on June 16-17 ... Officials said four people were
            # killed in Novy Uzen.")
            told_at = {} if c_dates or fieldname == "detained" else {
                key: x for x in raw[focus.first_event:] if x.event_type == RIOT
                for key in (x.place.place_id, x.place.parent_id if x.place.kind == "landmark" else None)}
            # "164 people had been killed, 103 of them in Almaty": the total is not Almaty's but the
            # wider scope's; Almaty gets its share (_shares)
            shared = {m.start for m in s_specific for c in counts if c.role == "subset" and c.min is not None
                      and rules.subset_at is not None and (g := rules.subset_at.match(text, c.end))
                      and g.end() == m.start}
            # "Всего по республике доставлены 38 человек: в Алматы 23, ...": a country's total before
            # the colon of its breakdown is the country's; the towns after it get their own shares
            breakdown = country_scope and (colon := text.find(":", cnt.end, sent.end)) >= 0 \
                and all(m.start > colon for m in s_specific)
            scenes = [] if national_toll or breakdown else [m for m in s_specific if m.start not in shared]
            if not scenes and fieldname == "detained" and not country_scope and focus.place \
                    and len(raw) > focus.first_event:
                scenes = list(focus.place)  # "..., все шестеро доставлены в ОП": at the scene just told
            elif not scenes and fieldname == "detained" and not country_scope and not focus.place and home:
                scenes = list(home)  # a quoted police statement in a piece about one town: that town's
            scenes = (scenes or list(region) or [None]) + [m for m in s_specific if m.start in shared] \
                if shared else scenes  # ("ten people had died in the region, four of them in Taraz")
            for m in scenes or [None]:
                e = _make_event(text, sent, trig, m, country, when, end, article_id, anchor, rules)
                # (a national toll the sentence does not date itself is of its event's days)
                t = (toll_of if when is None or when is focus.date or when is focus.lead_date else None) \
                    if national_toll else told_at.get(m.place.place_id) if m is not None else None
                if t is not None:
                    e = replace(e, event_date=t.event_date, event_date_end=t.event_date_end,
                                time_precision=t.time_precision)
                found.append((e, m.start if m is not None and m in s_specific else cnt.start))
            # "only in Almaty and Shymkent more than thirty were detained": one figure for several
            # places together is no place's (each keeps its row, the figure is not split)
            joint = len(scenes) >= 2 and not shared and sum(c.role == fieldname for c in counts) == 1
            targets = [] if joint else list(range(len(found) - len(scenes or [None]), len(found)))
        elif (own := _place_dash_before(text, s_specific, cnt.start)) is not None:
            # "в Алматы задержаны около 40 человек, в Астане – около 10": Astana's ten
            at = [i for i in targets if found[i][0].place.place_id == own.place.place_id]
            if not at:
                e = found[_nearest(found, targets, cnt.start)][0]
                found.append((replace(e, place=own.place, mention=own.text, participants_min=None,
                                      participants_max=None, participants_text="", injured=None, killed=None,
                                      detained=None), own.start))
                at = [len(found) - 1]
            targets = at
        else:
            # "Police detained 13 people in Almaty and 11 in Nur-Sultan": each city's own figure
            own = _place_after(text, s_specific, cnt.end, rules)
            at = [i for i in targets if own is not None and found[i][0].place.place_id == own.place.place_id]
            if own is not None and not at and not abroad:
                e = found[_nearest(found, targets, cnt.start)][0]
                found.append((replace(e, place=own.place, mention=own.text, participants_min=None,
                                      participants_max=None, participants_text="", injured=None, killed=None,
                                      detained=None), own.start))
                at = [len(found) - 1]
            targets = at[:1] or [_nearest(found, targets, cnt.start)]
        for i in targets:
            e, pos = found[i]
            value = getattr(e, fieldname)
            groups = given.setdefault((i, fieldname), set())
            group = _group(cnt)
            if value is not None and group not in groups:
                value += cnt.min  # "26 'criminals' were killed and 18 officers died": 44
            else:
                value = cnt.min if value is None else min(value, cnt.min)  # reports disagree
            groups.add(group)
            actors = e.actors + ((cnt.actor,) if cnt.actor and cnt.actor != "protesters" else ())
            found[i] = (replace(e, **{fieldname: value}, actors=tuple(dict.fromkeys(actors))), pos)
    return found


GENERIC_NOUNS = frozenset({"", "челове", "гражда", "people", "person", "citize", "indivi"})


def _group(cnt: Count) -> tuple[str, str]:
    """Whose figure a count is: "26 'criminals' were killed and 18 officers died" are two groups
    (their figures add up), "не менее 40 человек" and "27 доставленных" one (the lower wins)."""
    return cnt.actor, "" if cnt.noun in GENERIC_NOUNS else cnt.noun


def _shares(text: str, found: list[tuple[Event, int]], counts: list[Count], places: list[Mention],
            subset_at: re.Pattern[str]) -> list[tuple[Event, int]]:
    """"ten people had died in the region, four of them in Taraz itself": Taraz's event counts
    its four, the region's the ten."""
    for c in counts:
        gap = subset_at.match(text, c.end) if c.role == "subset" and c.min is not None else None
        m = next((m for m in places if gap and m.start == gap.end()), None)
        if m is None:
            continue
        for k, (e, pos) in enumerate(found):
            if pos == m.start and e.event_type != PROTEST:
                fields = {f: c.min for f in ("killed", "injured", "detained") if getattr(e, f) is not None}
                found[k] = (replace(e, **fields), pos) if fields else found[k]
    return found


LIST_DASH_RE = re.compile(r"\s*[\u2013\u2014-]\s*")
LIST_VERB_RE = re.compile(r"\s+(?:[^\W\d]+\s+){1,2}")
LIST_ITEM_RE = re.compile(r"[:;,]\s*(?:[^\W\d]{1,3}\s+)?$")


def _place_dash_before(text: str, places: list[Mention], pos: int) -> Mention | None:
    """The place a list item names before a dash and its count ("..., в Бейнеу – несколько десятков"),
    or before a verb or two after the list's colon or comma ("...: в Алматы доставлены 23 человека")."""
    return next((m for m in places if m.end <= pos and (LIST_DASH_RE.fullmatch(text, m.end, pos) or (
        LIST_VERB_RE.fullmatch(text, m.end, pos) and LIST_ITEM_RE.search(text, max(0, m.start - 12), m.start)))),
        None)


def _place_after(text: str, places: list[Mention], pos: int, rules: EventRules) -> Mention | None:
    """The place right after a count ("about 50 in Karaganda"), if the words between are few."""
    for m in places:
        if m.start >= pos and rules.count_place_gap.fullmatch(text[pos:m.start]):
            return m
    return None


def _nearest(found: list[tuple[Event, int]], targets: list[int], pos: int) -> int:
    return min(targets, key=lambda i: abs(found[i][1] - pos))


DISAGREE_RE = re.compile(r"\baccording to (?:the )?organi[sz]ers\b|\borgani[sz]ers (?:said|say|put)\b"
                         r"|\b(?:put|puts|putting) (?:the number|the crowd|the figure|the total|it|attendance) at\b"
                         r"|\b(?:claim(?:ed|s)?|spoke of|speaks? of|settled on|settles? on|counted|estimated)"
                         r" (?:about |around |some |up to |at least |more than |over |nearly )?\d"
                         r"|\bпо (?:данным|словам) организаторов\b"
                         # a press review's outlets: "Azattyq насчитал «не менее четырехсот»", "писала о «около восьмидесяти»"
                         r"|\b(?:насчитал\w*|оценил\w* (?:число|количество)|(?:назвал|называ)\w* цифру)\b"
                         r"|\b(?:писал\w*|сообщил\w*|заявил\w*) об? [«\"]", re.IGNORECASE)


def _with_participants(e: Event, cnt: Count, widen: bool = False) -> Event:
    """The crowd of ``e`` from ``cnt``; with ``widen``, a second figure of the same sentence
    (organisers say "up to 3,000", police 800) makes the crowd the range of the two."""
    # "up to 6,000": no floor, a ceiling
    low, high = (None, cnt.max if cnt.max is not None else cnt.min) if cnt.hedge == "up to" else (cnt.min, cnt.max)
    if not _has_crowd(e) or cnt.hedge == "total":  # ("bringing the number to 270" replaces)
        return replace(e, participants_min=low, participants_max=high, participants_text=cnt.text)
    if not widen or e.participants_text == cnt.text:
        return e
    lows = [v for v in (e.participants_min, low) if v is not None]
    highs = [v for v in (e.participants_max, high, e.participants_min, low) if v is not None]
    return replace(e, participants_min=min(lows) if lows else None, participants_max=max(highs),
                   participants_text=f"{e.participants_text}; {cnt.text}")


def _has_crowd(e: Event) -> bool:
    return e.participants_min is not None or e.participants_max is not None


ACTION_RANK = {a: i for i, a in enumerate(
    ["shooting", "armed clash", "storming", "arson", "looting", "property destruction", "clash",
     "dispersal", "yurts/camp", "sit-in",
     "road block", "hunger strike", "strike", "march", "riot", "rally", "detention",
     "state of emergency", "curfew", "internet shutdown", "casualty report"])}


def _merge_key(e: Event) -> tuple:
    """(place, day, type); measures and arrests also by action: a curfew is not an arrest."""
    place = e.place.parent_id if e.place.kind == "landmark" and e.place.parent_id else e.place.place_id
    if e.event_type == STRAT:
        return (place, e.event_date, e.event_type, e.action)
    return (place, e.event_date, e.event_type)


GENERIC_ACTIONS = frozenset({"riot", "unrest", "property destruction"})
PROTEST_FORMS = frozenset({"march", "strike", "sit-in", "yurts/camp", "road block", "hunger strike"})


def _action(g: Event, e: Event) -> str:
    """The action of two reports of one event: a protest folded into a riot keeps the riot's; a
    vague one ("riot", or "rally" beside a march or a strike) gives way to a specific one, and so
    does a sentence's ("police dispersed the rally"); else the first sentence's, as a report
    leads with it ("a rally ... Police later dispersed it")."""
    if g.event_type == PROTEST and e.event_type == VAC and e.action == "shooting":
        return "shooting"  # fire on the crowd is what that protest is remembered for
    if g.event_type != e.event_type:
        return g.action
    pair = {g.action, e.action}
    if pair & GENERIC_ACTIONS or "rally" in pair and pair & PROTEST_FORMS \
            or g.evidence_start == e.evidence_start:  # one sentence: "police dispersed the rally"
        return min(g.action, e.action, key=lambda a: ACTION_RANK.get(a, 99))
    return g.action if g.evidence_start < e.evidence_start else e.action


def _combine(g: Event, e: Event) -> Event:
    """``e`` folded into ``g``: evidence joined, the most precise place and the most specific
    action kept, counts combined (killed conservatively), ``g``'s type kept."""
    place = e.place if e.place.kind == "landmark" and g.place.kind != "landmark" else g.place
    sub = g.sub_event_type
    if g.event_type == PROTEST:
        subs = {g.sub_event_type, e.sub_event_type}
        if EXCESSIVE in subs or e.event_type == VAC:
            sub = EXCESSIVE
        elif INTERVENTION in subs or "Arrests" in subs:
            sub = INTERVENTION
    return replace(
        g, place=place, mention=e.mention if place is e.place else g.mention,
        action=_action(g, e),
        sub_event_type=sub, event_date_end=max(g.event_date_end, e.event_date_end),
        evidence=g.evidence if e.evidence in g.evidence else f"{g.evidence} \u2026 {e.evidence}",
        evidence_end=max(g.evidence_end, e.evidence_end),
        **_crowd_range(g, e),
        injured=_first(g.injured, e.injured, max), killed=_first(g.killed, e.killed, min),
        detained=_first(g.detained, e.detained, max),
        actors=tuple(dict.fromkeys(g.actors + e.actors)),
        confidence=max(g.confidence, e.confidence),
        time_precision=min(g.time_precision, e.time_precision),
    )


def _crowd_range(g: Event, e: Event) -> dict:
    """Two reports' crowds of one event: the first report's figure up to the highest ("about 300",
    police said; organisers "more than 1,000" -> 300-1000); one report's figure alone stands."""
    if not _has_crowd(e) or not _has_crowd(g) or is_vague(g.participants_text) \
            and not is_vague(e.participants_text):  # "Several hundred ..."; police: "about 300": 300
        one = g if not _has_crowd(e) else e
        return {"participants_min": one.participants_min, "participants_max": one.participants_max,
                "participants_text": one.participants_text}
    low = g.participants_min if g.participants_min is not None else e.participants_min  # ("up to 400": no floor)
    highs = [x for x in (g.participants_max, e.participants_max, e.participants_min, g.participants_min) if x is not None]
    return {"participants_min": low, "participants_max": max(highs),
            "participants_text": g.participants_text or e.participants_text}


PRE_EMPTIVE_RE = re.compile(r"\b(?:at (?:their|his|her) homes?|before|ahead of|on the eve|in advance|"
                            r"у себя дома|дома|накануне|заранее|до начала)\b"
                            # or have nothing to do with them: "In a separate case, police detained three men
                            # suspected of spreading calls to go out on the streets"
                            r"|\b(?:in a separate (?:case|incident)|separately|unrelated|on suspicion of|suspected of|"
                            r"по подозрению|подозреваем\w+ в|в отдельном случае)\b", re.I)


def _arrests_at_protests(events: list[Event]) -> list[Event]:
    """Arrests told on a day of protests are arrests at the protests (ACLED: a protest with
    intervention), unless they came before ("detained at their homes on the eve") or are a total
    running over days ("since 4 January, 8,798 detained") or are another matter."""
    days = {e.event_date for e in events if e.event_type == PROTEST}
    riot_days = {e.event_date for e in events if e.event_type in (RIOT, BATTLES)}
    return [replace(e, event_type=PROTEST, sub_event_type=INTERVENTION, action=RALLY.action)
            if e.sub_event_type == "Arrests" and e.place.kind != "country" and e.event_date in days
            and e.event_date not in riot_days and e.event_date_end in (None, e.event_date)  # (not a running total)
            and not PRE_EMPTIVE_RE.search(e.evidence) else e for e in events]


# "Police said this morning that 47 people had been detained": arrests before the day they were told
HAD_BEEN_DETAINED_RE = re.compile(r"\bhad been (?:detained|arrested|held|taken)\b", re.I)


def _told_next_day(events: list[Event]) -> list[Event]:
    """Arrests told in the pluperfect on the day after a protest at their place, and none that day
    ("09:10 — The police said this morning that 47 people had been detained" after a dispersal
    late at night), are that protest's, not a new day's."""
    told = {(_merge_key(e)[0], e.event_date) for e in events
            if e.event_type in (PROTEST, RIOT) and e.action != CASUALTY.action}
    out = []
    for e in events:
        day_before = e.event_date - timedelta(days=1)
        if e.sub_event_type == "Arrests" and e.place.kind != "country" and e.event_date_end in (None, e.event_date) \
                and (_merge_key(e)[0], day_before) in told and (_merge_key(e)[0], e.event_date) not in told \
                and HAD_BEEN_DETAINED_RE.search(e.evidence):
            e = replace(e, event_date=day_before, event_date_end=day_before)
        out.append(e)
    return out


def _week_restated(events: list[Event]) -> list[Event]:
    """"Last week's rally outside the city akimat" beside "On Friday about 80 people gathered
    there": what is dated only by its week is the event told on a day of that week at that place."""
    days = [e for e in events if e.time_precision == 1]
    out = []
    for e in events:
        if e.time_precision == 2 and e.event_date_end and e.event_date_end > e.event_date:
            day = next((d for d in days if d.event_type == e.event_type and (
                        _merge_key(d)[0] == _merge_key(e)[0] or d.place.parent_id == e.place.place_id)
                        and e.event_date <= d.event_date <= e.event_date_end
                        and (e.event_type != STRAT or d.action == e.action)), None)  # (a curfew is no emergency)
            if day is not None:  # (at the day's own scene: "took their protest to Aktau" is the square's picket)
                e = replace(e, event_date=day.event_date, event_date_end=day.event_date_end, time_precision=1,
                            place=day.place, mention=day.mention)
        out.append(e)
    return out


DURATIVE = frozenset({"strike", "hunger strike", "sit-in", "yurts/camp"})


CONTINUING_RE = re.compile(r"\b(?:(?:was|were|is|are) (?:still )?continuing|continued|still on strike|went on|"
                           r"entered its|продолжа\w*|вс[её] ещ[её] бастуют)\b", re.I)


def _continued(events: list[Event]) -> list[Event]:
    """"Crews stopped work on Monday ... The strike was continuing on Thursday": one strike from
    Monday to Thursday, not two (a strike, sit-in or camp told as going on at its place within two weeks)."""
    out: list[Event] = []
    for e in events:
        if e.action in DURATIVE and e.time_precision == 1 and CONTINUING_RE.search(e.evidence):
            k = next((i for i in range(len(out) - 1, -1, -1) if out[i].action == e.action
                      and _merge_key(out[i])[0] == _merge_key(e)[0] and out[i].time_precision == 1
                      and 0 < (e.event_date - out[i].event_date).days <= 14), None)
            if k is not None:
                run = out[k] = replace(out[k], event_date_end=max(out[k].event_date_end, e.event_date_end))
                e = replace(e, event_date=run.event_date, event_date_end=run.event_date_end)
        out.append(e)
    return out


def _ongoing_restated(events: list[Event]) -> list[Event]:
    """"have been on strike since Monday" beside "The strike in Zhetybay ... " told on a day of
    it: a strike, sit-in or camp told on one day of a longer one of its place is that one."""
    spans = [e for e in events if e.action in DURATIVE and e.event_date_end > e.event_date and e.time_precision == 1]
    out = []
    for e in events:
        if e.action in DURATIVE and e.event_date_end == e.event_date:
            run = next((r for r in spans if r.action == e.action and _merge_key(r)[0] == _merge_key(e)[0]
                        and r.event_date <= e.event_date <= r.event_date_end), None)
            if run is not None:
                e = replace(e, event_date=run.event_date, event_date_end=run.event_date_end,
                            time_precision=run.time_precision)
        out.append(e)
    return out


def _settle_unrest(events: list[Event]) -> list[Event]:
    """"Unrest" joins what else is told of its place and day ("the unrest began with road
    blocks"), its counts with it; told alone it is a riot."""
    told: dict[tuple, Event] = {}
    for e in events:
        if e.action != UNREST and e.event_type in (PROTEST, RIOT):
            told.setdefault((_merge_key(e)[0], e.event_date), e)
    out = []
    for e in events:
        if e.action == UNREST:
            t = told.get((_merge_key(e)[0], e.event_date))
            e = replace(e, action="riot") if t is None else replace(
                e, event_type=t.event_type, sub_event_type=t.sub_event_type, action=t.action)
        out.append(e)
    return out


def merge_events(events: list[Event]) -> list[Event]:
    """One event per (place, day, type) (also of events already merged: the runs of a
    mixed-language article are read apart and merged together); then, at one place on one day, a protest that turned
    violent is one riot (ACLED codes the most violent form), shots fired at a crowd are part of
    its event, and arrests at a protest are its detentions (a protest with intervention)."""
    events = _arrests_at_protests(_told_next_day(_week_restated(_ongoing_restated(_continued(_settle_unrest(events))))))
    groups: dict[tuple, Event] = {}
    for e in events:
        key = _merge_key(e)
        groups[key] = _combine(groups[key], e) if key in groups else e
    for key in list(groups):
        e = groups.get(key)
        if e is None:
            continue
        place, day = key[0], key[1]
        if e.place.kind == "country":
            continue  # nation-wide figures are separate reports, not one scene
        if e.event_type in (PROTEST, VAC):
            host = groups.get((place, day, RIOT)) or (
                groups.get((place, day, PROTEST)) if e.event_type == VAC else None)
        elif e.sub_event_type == "Arrests":
            host = groups.get((place, day, PROTEST)) or groups.get((place, day, RIOT))
        else:
            continue
        if host is not None:
            groups[_merge_key(host)] = _combine(host, e)
            del groups[key]
    out = []
    for key, e in groups.items():
        if _summary_only(e):
            continue
        digest = hashlib.sha1("|".join(map(str, (e.article_id,) + key)).encode()).hexdigest()[:12]
        out.append(replace(e, event_id=f"{e.article_id[:40]}-{digest}"))
    out.sort(key=lambda e: (e.evidence_start, e.event_date))
    return out


def _summary_only(e: Event) -> bool:
    """A nation-wide protest or riot with no figure ("protests have spread to almost every city
    in the country") sums up the events told place by place: no event of its own."""
    return (e.place.kind == "country" and e.event_type in (PROTEST, RIOT) and e.action != "casualty report"
            and all(getattr(e, f) is None for f in ("participants_min", "injured", "killed", "detained")))


def _first(a, b, pick):
    if a is None:
        return b
    if b is None:
        return a
    return pick(a, b)
