"""Russian: dates, events, counts and place morphology for Russian-language reporting.

Inflected place names are reduced to their dictionary forms by pymorphy3 (OpenCorpora dictionaries,
shipped in the ``pymorphy3-dicts-ru`` wheel, so nothing is fetched at run time). Country names are
not in the gazetteer in Russian; :data:`COUNTRY_NAMES` gives them, from the Russian ISO 3166-1
catalogue that pycountry ships (``pycountry.LOCALES_DIR/ru/LC_MESSAGES/iso3166-1.mo``, short and
official names) plus the everyday forms news use (Россия, Киргизия, РФ, КНР, США).
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache, lru_cache
from types import MappingProxyType

from geomap.counts import Count, mask_spans
from geomap.events import (BATTLES, EXCESSIVE, INTERVENTION, PEACEFUL, PROTEST, RIOT, STRAT, VAC, VIOLENT,
                           CLAUSE_RE, END_MARKS, EventRules, _t)
from geomap.lang import Language
from geomap.places import PlaceLexicon
from geomap.timex import Lexicon, date_spans as _date_spans

_f = MappingProxyType


@cache
def _morph():
    import pymorphy3  # noqa: PLC0415 - ~0.5 s to load: only when a Russian article comes

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=1 << 16)
def parses(word: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """(normal form, grammemes) of every reading of ``word`` (lower-cased), best first."""
    return tuple((p.normal_form.replace("ё", "е"), frozenset(p.tag.grammemes))
                 for p in _morph().parse(word.lower()))


@lru_cache(maxsize=1 << 16)
def variants(word: str) -> tuple[str, ...]:
    """The word as written, then each distinct normal form of its readings (lower case)."""
    w = word.lower().replace("ё", "е")
    if not re.search("[а-я]", w):
        return (w,)
    out = [w]
    for lemma, _ in parses(w)[:4]:
        if lemma not in out:
            out.append(lemma)
    if word[:1].isupper():
        # the analyser guesses unknown names by common nouns ("Кандыагаше" -> "кандыагаша"):
        # the bare stem of a case ending is one more candidate, kept only if a gazetteer name
        ending = next((e for e in _CASE_ENDINGS if w.endswith(e) and len(w) - len(e) >= 4), None)
        stem = w[:-len(ending)] if ending else None
        if stem and stem not in out:
            out.append(stem)
        if stem and ending in _SOFT_ENDINGS and stem[-1] not in _VOWELS:
            out.append(stem + "ь")  # "Новом Узене": Узень
        if stem and ending in _SOFT_ENDINGS and stem[-1] in "аоеу":
            out.append(stem + "й")  # "из Кордая": Кордай
        if stem and ending in ("ах", "ам"):
            out.append(stem + ("и" if stem[-1] in "гкхжчшщ" else "ы"))  # "в Кульсарах": Кульсары
    return tuple(out)


_CASE_ENDINGS = ("ом", "ем", "ой", "ей", "ах", "ях", "ам", "ям", "е", "а", "у", "ы", "и", "я", "ю")
_SOFT_ENDINGS = ("ем", "ей", "ях", "ям", "е", "и", "я", "ю")  # the endings of nouns in -ь
_VOWELS = "аеёиоуыэюяь"


def adjective(word: str) -> str | None:
    """The masculine nominative of an adjective ("Алматинской" → "алматинский"), else None."""
    for lemma, tags in parses(word):
        if "ADJF" in tags or "ADJS" in tags:
            return lemma
    return None


def is_common_adjective(word: str) -> bool:
    """A dictionary adjective such as "Мирные" (peaceful): never a settlement by its lemma."""
    readings = parses(word)
    return bool(readings) and all(("ADJF" in t or "PRTF" in t) for _, t in readings)


@lru_cache(maxsize=1 << 16)
def dictionary_word(word: str) -> bool:
    """A word the analyser's dictionary knows as a common word ("орал" is a verb): in a text typed in
    lower case it is no place name (an unknown word, such as "актау", may be)."""
    return any(p.is_known and not {"Geox", "Name", "Surn", "Patr", "Orgn"} & set(p.tag.grammemes)
               for p in _morph().parse(word.lower()))


def person_tag(word: str) -> bool:
    """pymorphy3 reads the word as a first name, surname or patronymic, and not as a place."""
    readings = parses(word)
    return bool(readings) and any(t & {"Name", "Surn", "Patr"} for _, t in readings[:2]) and not any(
        "Geox" in t for _, t in readings)


# --- places ---------------------------------------------------------------------------------------

COUNTRY_NAMES = _f({
    "казахстан": "country:KZ", "республика казахстан": "country:KZ", "рк": "country:KZ",
    "казакстан": "country:KZ",  # Қазақстан, the Kazakh spelling, with its letters folded
    "россия": "country:RU", "российская федерация": "country:RU", "рф": "country:RU",
    "китай": "country:CN", "кнр": "country:CN", "китайская народная республика": "country:CN",
    "киргизия": "country:KG", "кыргызстан": "country:KG", "республика кыргызстан": "country:KG",
    # the bare Russian name is the region (the village Mangistau is tiny)
    "мангистау": "iso:KZ-47", "мангыстау": "iso:KZ-47",
    "армения": "country:AM", "беларусь": "country:BY", "белоруссия": "country:BY",
    "таджикистан": "country:TJ", "узбекистан": "country:UZ", "туркменистан": "country:TM",
    "туркмения": "country:TM", "сша": "country:US", "соединенные штаты": "country:US",
    "украина": "country:UA", "турция": "country:TR", "германия": "country:DE",
    "великобритания": "country:GB", "франция": "country:FR", "азербайджан": "country:AZ",
    "грузия": "country:GE", "монголия": "country:MN", "иран": "country:IR", "афганистан": "country:AF",
    # foreign capitals the gazetteer has only in English
    "москва": "gn:524901", "кремль": "lm:kremlin-moscow", "бишкек": "gn:1528675", "пекин": "gn:1816670",
    "ереван": "gn:616052", "минск": "gn:625144", "ташкент": "gn:1512569",
})

PLACES = PlaceLexicon(
    variants=variants,
    adjective=adjective,
    is_common_adjective=is_common_adjective,
    dictionary_word=dictionary_word,
    person_tag=person_tag,
    names=COUNTRY_NAMES,
    region_nouns=frozenset({"область", "обл"}),
    feature_heads=frozenset({"площадь"}),
    titles=frozenset("""президент экс-президент аким министр премьер премьер-министр глава депутат генерал
        полковник майор активист журналист блогер адвокат сенатор господин госпожа имя елбасы лидер
        председатель спикер посол судья прокурор""".split()),
    street_words=frozenset("улица ул проспект пр просп бульвар переулок микрорайон мкр шоссе трасса".split()),
    org_before=frozenset("""спутник радио банк телеканал агентство компания ао тоо партия фк клуб газета
        университет канал издание портал холдинг""".split()),
    institution_heads=frozenset("акимат аким глава администрация здание департамент управление полиция"
                                .split()),
    quotes=("«", "»", "\u201c", "\u201d", "\u201e", '"'),
    dateline=re.compile(r"^[ \t]*([А-ЯЁ][А-ЯЁ\- ]{2,40}?)(?:,[ \t]*\d{1,2}[ \t]+[а-яё]+\.?(?:[ \t]+\d{4})?)?"
                        r"[ \t]*(?:[(/][^)/\n]{1,40}[)/])?[ \t]*[-\u2013\u2014:.][ \t]", re.MULTILINE),
)

# --- dates ----------------------------------------------------------------------------------------

_MONTH_FORMS = ("январь января январе", "февраль февраля феврале", "март марта марте",
                "апрель апреля апреле", "май мая мае", "июнь июня июне", "июль июля июле",
                "август августа августе", "сентябрь сентября сентябре", "октябрь октября октябре",
                "ноябрь ноября ноябре", "декабрь декабря декабре")
_WEEKDAY_FORMS = ("понедельник понедельника", "вторник вторника", "среда среду среды",
                  "четверг четверга", "пятница пятницу пятницы", "суббота субботу субботы",
                  "воскресенье воскресенья")


def _cased(forms: tuple[str, ...]) -> dict[str, int]:
    return {w: i for i, line in enumerate(forms) for word in line.split() for w in (word, word.title())}


_UNITS = {"день": "day", "дня": "day", "дней": "day", "сутки": "day", "суток": "day",
          "неделя": "week", "неделю": "week", "недели": "week", "недель": "week",
          "месяц": "month", "месяца": "month", "месяцев": "month", "год": "year", "года": "year",
          "лет": "year"}
_ORDINAL_STEMS = {1: "перв", 2: "втор", 4: "четверт", 5: "пят", 6: "шест", 7: "седьм", 8: "восьм", 9: "девят",
                  10: "десят", 11: "одиннадцат", 12: "двенадцат", 13: "тринадцат", 14: "четырнадцат",
                  15: "пятнадцат", 16: "шестнадцат", 17: "семнадцат", 18: "восемнадцат", 19: "девятнадцат",
                  20: "двадцат", 30: "тридцат"}


def _day_words() -> dict[str, int]:
    """"седьмого", "двадцать седьмого", "тридцать первое": a day of the month in words."""
    one = {f"{stem}{end}": n for n, stem in _ORDINAL_STEMS.items() for end in ("ого", "ое")}
    one |= {"третьего": 3, "третье": 3, "четвёртого": 4, "четвёртое": 4}
    out = dict(one)
    for tens, word in ((20, "двадцать"), (30, "тридцать")):
        out |= {f"{word} {w}": tens + n for w, n in one.items() if n < 10 and tens + n <= 31}
    return out


RUSSIAN = Lexicon(
    months=_f({w: i + 1 for w, i in _cased(_MONTH_FORMS).items()}),
    weekdays=_f(_cased(_WEEKDAY_FORMS)),
    day_parts=("утром", "днем", "днём", "вечером", "ночью"),
    ordinal_suffixes=("-го", "-е"),
    day_words=_f(_day_words()),
    number_words=_f({"один": 1, "одну": 1, "одна": 1, "два": 2, "две": 2, "двух": 2, "три": 3, "трех": 3,
                     "трёх": 3, "четыре": 4, "пять": 5, "пяти": 5, "шесть": 6, "семь": 7, "восемь": 8,
                     "девять": 9, "десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13,
                     "четырнадцать": 14, "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17,
                     "восемнадцать": 18, "девятнадцать": 19, "двадцать": 20, "тридцать": 30, "сорок": 40}),
    approx_numbers=_f({"несколько": 3, "нескольких": 3}),
    relative_days=_f({"позавчера": -2, "вчера": -1, "минувшей ночью": -1,
                      "прошлой ночью": -1, "сегодня": 0, "завтра": 1}),
    relative_periods=_f({f"{prep} {mod} {unit}": (canon, off)
                         for prep, unit, canon, mods in (
                             ("на", "неделе", "week", (("прошлой", -1), ("минувшей", -1), ("этой", 0),
                                                      ("следующей", 1))),
                             ("в", "месяце", "month", (("прошлом", -1), ("этом", 0), ("следующем", 1))),
                             ("в", "году", "year", (("прошлом", -1), ("этом", 0), ("следующем", 1))))
                         for mod, off in mods} | {"в том же месяце": ("month", None)}),
    # "накануне": the day before the day just told ("7 января Минздрав сообщил, что накануне ..."), or
    # before the report when none is
    chain_days=_f({"на следующий день": 1, "на другой день": 1, "в тот же день": 0, "в тот день": 0,
                   "накануне": -1}),
    units=_f({w: {"day": 1, "week": 7, "month": 30, "year": 365}[u] for w, u in _UNITS.items()}),
    unit_names=_f(_UNITS),
    later=("спустя", "позже"), earlier=("ранее", "раньше"), ago=("назад",),
    month_parts=_f({"начале": (1, 10), "первых числах": (1, 5), "первых днях": (1, 5),
                    "первой половине": (1, 15), "середине": (11, 20), "второй половине": (16, -1),
                    "конце": (21, -1), "последних числах": (25, -1)}),
    year_parts=_f({"начале": (1, 4), "середине": (5, 8), "конце": (9, 12)}),
    year_windows=_f({"первые дни нового года": ((1, 1), (1, 5), 2),
                     "новогодние праздники": ((1, 1), (1, 10), 2)}),
    weekday_mods=_f({"прошлую": -1, "прошлый": -1, "прошлое": -1, "минувшую": -1, "минувший": -1,
                     "эту": 0, "этот": 0, "это": 0, "следующую": 1, "следующий": 1, "следующее": 1}),
    range_starts=("с", "со"), between=("между",),
    range_links=("-", "–", "—", "по", "и", "на"), list_links=("и",),
    until=("до", "вплоть до"), since=("с", "со", "начиная с"),
    durations=("в течение", "на протяжении"), duration_mods=("последних", "ближайших", "следующих"),
    month_preps=("в", "во"),
    year_preps=("в", "с", "до", "после", "к"),
    year_nouns=("года", "году"),
    count_nouns=("человек", "людей", "участников", "протестующих", "жителей", "рабочих", "нефтяников",
                 "сотрудников", "полицейских", "военнослужащих", "тенге", "%", "процентов"),
    hot_words=("вчера", "сегодня", "завтра", "накануне", "ночью", "недел", "месяц", "году", "ден", "дня",
               "дней", "суток", "сутки", "лет", "праздники"),
    articles=(), of=(),
    # "митинг идёт уже пятый день": since four days before (but "третий день подряд" is that day)
    ordinals=_f({w: i for i, words in enumerate((
        ("второй", "вторые", "вторую"), ("третий", "третьи", "третью"),
        ("четвёртый", "четвертый", "четвёртые", "четвертые", "четвёртую", "четвертую"),
        ("пятый", "пятые", "пятую"), ("шестой", "шестые", "шестую"), ("седьмой", "седьмые", "седьмую"),
        ("восьмой", "восьмые", "восьмую"), ("девятый", "девятые", "девятую"), ("десятый", "десятые", "десятую")),
        2) for w in words}),
    nth_day_before=("уже", "идёт", "идет", "продолжается уже"),
    nth_day_mods=("подряд",),
    nth_day_bare_verb=r"(?:не\s+)?[^\W\d_]+(?:ют|ят|ет|ит|ут|ат)(?:ся)?\b",
    nth_day_bare_guard=r"(?<!на )(?<!На )(?<!в )(?<!В )",
    nth_day_units=("день", "сутки", "неделю"),  # "идёт уже четвёртую неделю": since three weeks ago
    chain_prefix=("через", "спустя"),
    eve_of=re.compile(r"накануне\s+(?:выборов|праздник(?:а|ов)|митинга|акции|суда|визита|годовщины|дня|нового года|"
                      r"голосования|заседания|саммита|референдума|съезда|забастовки|протеста|протестов|шествия)\b",
                      re.I),
    past_tense=re.compile(r"\b(?:был[аио]?|\w{2,}(?:ли|ла|лся|лась|лись|лось))\b", re.I),
    that_year=re.compile(r"[^.;!?\n]{0,40}?\b(?:того же года|того года|в том же году|в тот год)\b"),
    weekday_weeks=_f({"на прошлой неделе": -1, "на минувшей неделе": -1, "на позапрошлой неделе": -2,
                      "на этой неделе": 0, "на следующей неделе": 1}),
    weekday_preps=("в", "во"),
    anniversary_verbs=("исполняется", "исполнится", "исполнилось", "будет", "минуло", "минует"),
    anniversary_since=("со дня", "с того дня", "с момента", "с тех пор", "с"),
    ahead=re.compile(r"\b(?:до|будет|будут|буд\w+|планир\w*|намечен\w*|назначен\w*|состоит\w*|продл\w+|"
                     r"должн\w*|отлож\w+|перен[её]с\w*|ожида\w+|предстоит|завтра|следующ\w+)\b", re.I),
    seasons=re.compile(r"(?<!\w)(?:(?P<mod>этой|этим|прошлой|прошлым|нынешней|нынешним)\s+)?"
                       r"(?P<season>зимой|зима|зиму|зимы|весной|весна|весну|весны|летом|лето|осенью|осень|осени)"
                       r"(?:\s+(?P<year>(?:19|20)\d\d)(?:\s+года|-го)?)?(?!\w)", re.I),
    season_months=MappingProxyType({"зим": 12, "весн": 3, "лет": 6, "осен": 9}),
    season_last=("прошлой", "прошлым"),
)

# --- events ---------------------------------------------------------------------------------------

# the police taking people away: "Полиция увезла троих", "увезли в отдел полиции", "увели в отдел"
_TAKEN_AWAY_RU = (r"(?:(?<=полиция )|(?<=полицейские ))увез\w*|\bувез\w* в (?:отдел|полици|участок|ИВС|изолятор)"
                  r"|\bувел[аи]?\s+в\s+отдел|\bдостав(?:ил[аи]?|лен[аы]?)\s+в\s+(?:отдел|полици|участок|ИВС|изолятор|"
                  r"РОВД|УВД)")

TRIGGERS = (
    _t(r"\bголодовк\w*|\bголодают\b|\bголодал\w*", "hunger strike", PROTEST, PEACEFUL, needles="голод"),
    _t(r"\bзабастов\w*|\bстачк\w*|\bбастова\w*|\bбастуют\b|\bприостановили работу\b|\bпрекратили работу\b"
       r"|\bостановили работу\b|\bне (?:выход(?:ят|или)|вышли) на (?:смен\w*|работу|вахт\w*)"
       r"|\bотказ\w* (?:выходить|выйти) на (?:смен\w*|работу|вахт\w*)"
       r"|\bотказ\w* (?:спускаться|спуститься) (?:в шахт\w*|под землю)|\bне спуска\w* (?:в шахт\w*|под землю)",
       "strike", PROTEST, PEACEFUL, needles="забастов|стачк|бастова|бастуют|работу|смен|вахт|спуска|спуст"),
    _t(r"\bюрт\w*", "yurts/camp", PROTEST, PEACEFUL, needles="юрт"),
    _t(r"\bперекры\w*\s+(?:\w+\s+)?(?:дорог\w*|трасс\w*|шоссе|движение|автодорог\w*|железн\w*|въезд\w*|мост\w*|улиц\w*|проспект\w*|перекр[её]ст\w*)"
       r"|\bостанови\w*\s+(?:\w+\s+)?поезд\w*|\bвышли на (?:железн\w+ дорог\w*|рельс\w*|пути|трасс\w*)",
       "road block", PROTEST, PEACEFUL, needles="перекры|поезд|вышли на"),
    # miners who stay underground, people who sit in front of an akimat
    _t(r"\bсидяч\w* (?:акци|забастовк|протест|пикет)\w*|\bотказ\w* подниматься (?:\w+ )?(?:на поверхность|из шахт\w*)"
       r"|\bне поднима\w* (?:\w+ )?(?:на поверхность|из шахт\w*)|\bостал\w* (?:под землей|под землёй|в шахт\w*)"
       r"|\bсел[иа]? (?:на (?:ступен\w*|землю|асфальт|пол|корточки)|у (?:здани|вход|двер)\w*)",
       "sit-in", PROTEST, PEACEFUL, needles="сидяч|поднима|под земл|в шахт|сел"),
    _t(r"\bшестви\w*|\bмарш(?:ем|а|и|ей)?\b|\bколонн\w*\b[^.;]{0,60}?\b(?:двинул\w*|направил\w*|прош(?:ла|ли))\b",
       "march", PROTEST, PEACEFUL, needles="шестви|марш|колонн"),
    _t(r"\bмитинг\w*|\bакци\w* (?:протеста|недовольства)|\bпротестн\w* акци\w*"
       r"|\bакци(?:я|и) (?:прош(?:ла|ли)|состоял(?:ась|ись)|началась|начались|продолжа\w+)\b"
       r"|\b(?:прош(?:ла|ли)|началась|начались|продолжа\w+|нов(?:ая|ые)|очередн\w+) акци(?:я|и)\b"
       r"|\bсобира(?:ются|ется|лись|лась)\s+(?:на|у|в|возле|перед|около|несколько|более|свыше|сотни|"
       r"десятки|тысячи|люди|жители|\d+)\b(?!(?:\s+[\w-]+){0,2}?\s+\w+(?:ть|ти)(?:ся)?\b)"
       # (not "собирались выйти", nor "собирается в субботу провести шествие")
       r"|\bпротест(?:ы|а|ов|ам|ами|ах|у|ом|овали|уют|овать)?\b"
       r"|\bдемонстраци\w*|\bпикет\w*|\bсобрал(?:ись|ось)\b"
       r"|\bвышли на (?:\w+ )?(?:улиц\w*|площад\w*|митинг\w*|акци\w*)"
       r"|\b(?:вышли|пришли|подошли|собрались|приходили|выходили)\s+(?:[\w-]+\s+){0,3}?(?:к|у)\s+(?:\w+\s+)?(?:здани\w+\s+)?"
       r"(?:(?:\w+\s+)?акимат\w*|суд\w*|администраци\w*|офис\w*|проходн\w*)|\bс плакатами\b"
       r"|\bк (?:здани\w+ |офису |воротам |проходной |акимат\w* )(?:[\w-]+ ){0,4}?"
       r"(?:пришли|подошли|собрались|вышли|выходили|приходили)\b"
       r"|\bстихийн\w* акци\w*|\bмирн\w* акци\w*|\bстихийн\w* сход\w*|\bсход\w* (?:граждан|жителей|сельчан)"
       r"|\bпровел\w* (?:\w+ )?сход\b"
       r"|\b(?:стоял\w*|стоят|находил\w*|оставал\w*|собравш\w*) на (?:\w+ )?площад\w*"
       r"|\b(?:стоял[аи]?|стоят)\s+(?:[\w-]+\s+){0,3}?(?:у|возле|перед|около)\s+(?:\w+\s+)?(?:здани\w+\s+)?"
       r"(?:(?:\w+\s+)?акимат\w*|суд\w*|администраци\w*|офис\w*)",  # "до вечера стояли у районного акимата"
       "rally", PROTEST, PEACEFUL, needles="митинг|акци|протест|демонстрац|пикет|собрал|вышли|пришли|подошли|"
                                           "приходили|выходили|сход|плакат|площад|собира|стоя"),
    _t(r"\bразогна\w*|\bразгон\w*|\bслезоточив\w*|\bсветошумов\w*|\bрезинов\w* пул\w*|\bводомет\w*",
       "dispersal", PROTEST, INTERVENTION, needles="разогна|разгон|слезоточ|светошум|резинов|водомет"),
    _t(r"\bразошл(?:ись|ась|ось)\b", "rally", PROTEST, PEACEFUL, needles="разошл"),  # went home: a rally
    _t(r"\bмарод[её]р\w*|\bразграбил\w*|\bразграблен\w*|\bграбеж\w*|\bграбили\b", "looting", RIOT, VIOLENT,
       needles="мародер|мародёр|граб"),
    _t(r"\bштурм\w*|\bзахват(?:или|ил|ила|ив|ы|ом|а)?\b|\bзахвачен\w*|\bворвал\w*|\bнапал\w* на\b"
       r"|\bнападени\w* на\b|\bпыта\w* (?:прорваться|захватить|ворваться)\b|\bпрорвал\w* в\b",
       "storming", RIOT, VIOLENT, needles="штурм|захват|захвач|ворвал|напал|нападени|прорва"),
    _t(r"\bподожгл\w*|\bподожж[её]н\w*|\bподжог\w*|\bподожгл\w*|\bсожгл\w*|\bсожж[её]н\w*|\bгорел[аио]?\b"
       r"|\bохвачен\w* огн[её]м|\bжгли (?:автомобил|машин|покрышк|шин)\w*",
       "arson", RIOT, VIOLENT, needles="подож|поджог|сожг|сожж|горел|огн|жгли"),
    _t(r"\bснесли памятник\w*|\bповалили памятник\w*|\bразбил\w* (?:витрин|окна|машин|стекл)\w*",
       "property destruction", RIOT, VIOLENT, needles="памятник|разбил"),
    _t(r"\bперестрелк\w*|\bвооруж[её]нн\w* столкновени\w*|\bбо(?:й|и|ев)\b", "armed clash", BATTLES,
       "Armed clash", needles="перестрел|вооруж|бой|бои|боев"),
    # not "столкнулись с похожей проблемой" (faced a similar problem)
    _t(r"\b(?:забрасыва|закида|закидыва)\w* (?:\w+ )?камн\w*|\bбросал\w* камни|\bстолкновени\w*|\b(?<!проблемой )(?<!проблемами )(?<!трудностями )столкнул\w*(?!\s+(?:\w+\s+){0,2}?с\s+(?:\w+\s+)?(?:проблем|трудност|нехватк|дефицит|"
       r"ситуаци|отключени|перебо|последстви|вызов|критик))|\bпотасовк\w*", "clash", RIOT, VIOLENT,
       needles="столкн|потасов|камн"),
    _t(r"\bбеспорядк\w*|\bпогром\w*|\bволнени\w*", "riot", RIOT, VIOLENT, needles="беспоряд|погром|волнени"),
    _t(r"\bоткрыл\w* огонь по (?:\w+ ){0,2}?(?:протестующ|митингующ|демонстрант|бастующ|забастовщик|толп|люд|мирн|"
       r"рабоч|нефтяник|жител|участник|собравш)\w*"
       r"|\bрасстрел\w*", "shooting", PROTEST, EXCESSIVE, needles="огонь|расстрел"),
    _t(r"\bоткрыл\w* огонь\b|\bзастрелил\w*|\bзастрелен\w*", "shooting", VAC, "Attack",
       needles="огонь|застрел"),
    _t(r"\bзадержа(?:ны|на|н|ли|л|ла|ние|ния|нии|ниям?)\b|\bарестова\w*(?!\w)(?!\s+(?:\w+\s+)?на\s+(?:срок\w*\s+)?(?:от\s+)?(?:\d+|\w+)\s+(?:(?:до\s+)?(?:\d+|\w+)\s+)?(?:сут|дн|мес))|\bаресты\b|\bпод стражу\b"
       rf"|{_TAKEN_AWAY_RU}",
       "detention", STRAT, "Arrests", needles="задерж|арест|под стражу|увез|увел|достав"),
    _t(r"\bрежим\w* (?:чп|чс|чрезвычайного положения)|\bчрезвычайн\w* положени\w*", "state of emergency",
       STRAT, "Other", True, needles="чп|чс|чрезвычайн"),
    _t(r"\bкомендантск\w* час\w*", "curfew", STRAT, "Other", True, needles="комендантск"),
    _t(r"\b(?:отключени\w*|отключил\w*|отключен\w*|блокировк\w*|перебо\w*)\b[^.;]{0,25}\bинтернет\w*"
       r"|\bинтернет\w*\b[^.;]{0,25}\b(?:отключ\w*|заблокирова\w*|не работа\w*|пропал\w*|нет)\b"
       r"|\b(?:не работа|пропал|исчез)\w*\s+(?:\w+\s+)?(?:мобильн\w+\s+)?интернет\w*"
       r"|\b(?:нет|без) (?:мобильного )?интернета",
       "internet shutdown", STRAT, "Other", True, needles="интернет"),
)

# a court's step names what it judged: "суд Темиртау 15 января оштрафовал пятерых задержанных"
LEGAL_RU = re.compile(r"(?<!\w)(?:приговорил\w*|осудил\w*|осужден\w*|оштрафова\w*|суд\w*\s+(?:[\w-]+\s+){0,3}?"
                      r"(?:арестовал\w*|назначил\w*|признал\w*))(?!\w)[^.;]{0,130}$", re.I)

EVENTS = EventRules(
    triggers=TRIGGERS,
    legal=LEGAL_RU,
    modal=re.compile(
        r"\b(?:намерен\w*|планир\w*|собира(?:ются|лись|ется|лся|лась)|пообещал\w*|обеща\w*|угрож\w*|"
        r"грозит|грозят|грозя\w*|может|могут|мог|могла|могли|будет|будут|призвал\w*|призыва\w*|призыв\w*|"
        r"потребовал\w*|требу\w*|хотят|хочет|хотел\w*|чтобы|не|ни|нет|никто|если|запрет\w*|запрещ\w*|"
        r"предупреди\w*|предупрежда\w*|обвин\w*|подозрева\w*|готов\w*|отказал\w*|предотврат\w*|"
        r"запланированн\w*|намеченн\w*|анонсированн\w*|никак\w*|уведомлени\w* о|заявк\w* на|"
        r"пройд[её]т|пройдут|состоится|состоятся)"
        r"\b[^.;]{0,60}$", re.IGNORECASE),
    reference=re.compile(
        r"\b(?:участни[кц]\w*|участвова\w*|участи[еяи] в|подозрени\w* в|организатор\w*|жертв\w*|зачинщик\w*|лидер\w*|годовщин\w*|подавлени\w*|"
        r"расследовани\w*|в ходе|во время|после|в результате|в связи с|на фоне|по делу о|по делам о|"
        r"в память о|эти|этих|этим|этими|накануне|в преддверии|для организации|для проведения)\s+(?:\w+\s+)?$",
        re.IGNORECASE),  # ("использованы ... для организации массовых беспорядков": a purpose)  # "Полиция эти митинги не разгоняла"
    negated_after=re.compile(
        r"[^.;]{0,60}?\b(?:не состоял\w*|не прош(?:ла|ел|ёл|ли)|не удалось)\b|\s*(?:[\w-]+\s+){0,3}?"
        r"(?:был\w*|будет|будут)?\s*(?:отмен[её]н\w*|снят\w*|перенес[её]н\w*|перенесли|отменили|сняли)\b"
        r"|[\s,]*(?:[\w-]+[\s,]+){0,3}?(?:запланированн\w*|намеченн\w*|назначенн\w*|объявленн\w* на)\b"
        r"|[^.;]{0,100}?\bне (?:соответству\w+ действительности|подтвер\w+)|[^.;]{0,100}?\b(?:опроверг\w*|фейк\w*)\b"
        r"|[^.;]{0,40}?\bне (?:согласов\w*|зафиксирова\w*|присоедин\w*)\b|\s+не было\b|[^.;]{0,20}?\bнедопустим\w*"  # ("митинга не было")
        r"|[^.;]{0,60}?\b(?:никто|никому) не (?:позвол\w*|да(?:ст|дут|ст)|допуст\w*)\b"  # "перекрывать никто не позволит"
        r"|\s+(?:[\w-]+\s+){0,3}?нет\s*[.;!,]",  # "голодовки в Сергеевке нет.", "забастовок на месторождениях района нет,"
        re.IGNORECASE),
    country_scope=re.compile(
        r"\bпо всей стране\b|\bв (?:целом по )?стране\b|\bв Казахстане\b|\bпо всему Казахстану\b"
        r"|\bпо стране\b|\b(?:на|по) вс(?:ей|ю) территори(?:и|ю) (?:страны|Казахстана|республики)|\bна всю страну\b"
        r"|\bв (?:нескольких|ряде|многих|других|\d+|двух|тр[её]х|четыр[её]х|пяти|шести|семи|восьми|девяти|десяти)"
        r" (?:город\w*|регион\w*|област\w*)", re.IGNORECASE),
    anaphora=re.compile(r"\b(?:там|туда|в городе|в этом городе|в том же городе|городск\w+ (?:акимат\w*|"
                        r"администраци\w*)|на (?:главной |центральной )?"
                        r"площади|в (?:обоих|этих|тех же) (?:городах|регионах)|в (?:обеих|этих|тех же) областях)\b", re.IGNORECASE),
    actor_words=(
        (re.compile(r"протестующ|митингующ|демонстрант|участник|жител|рабоч|бастующ|нефтяник", re.I),
         "protesters"),
        (re.compile(r"полици|полицейск|спецназ", re.I), "police"),
        (re.compile(r"силовик|силов\w* структур|военн|войск|военнослужащ|нацгвард|национальн\w* гварди",
                    re.I), "security forces"),
        (re.compile(r"ОДКБ|миротвор", re.I), "CSTO troops"),
        (re.compile(r"президент|правительств|власт|аким", re.I), "government"),
    ),
    abbreviations=frozenset("г гг ул пр просп т тыс млн млрд руб чел им др св ст мкр обл".split()),
    sentence=re.compile(rf"{END_MARKS}[\"'\u201d\u2019\u00bb)\]]*(?:\[\d{{1,3}}\])*(?=\s+[\"'\u201c\u2018\u00ab(\[]?"
                        r"[A-Z0-9\u0410-\u042f\u0401])"),
    relative=re.compile(r"\s*(?:котор\w+|кто|где)\b", re.IGNORECASE),
    clause=CLAUSE_RE,
    list_gap=re.compile(r"\s*(?:,|и|или|а также)?\s*(?:и\s+|а также\s+)?(?:в\s+|во\s+|на\s+)?"
                        r"(?:(?:г|с|пос|п)\.\s*|(?:городе|селе|посёлке|поселке)\s+)?"),
    place_prep_before=re.compile(r"\b(?:в|во|на|у|около|возле|под)\s+$", re.IGNORECASE),
    conjunction=re.compile(r"\bи\b"),
    list_more=re.compile(r"[\s,;]*(?:а также|и также)\s+(?:в|во|на)\s", re.I),
    list_dated=re.compile(r"[\s,;]*(?:а|и|затем)\s+[^,;]{1,30}?(?:\s[\u2013\u2014-])?\s(?:в|во)\s+[А-ЯЁ][^,;]*$"),
    there=re.compile(r"\s+(?:(?:был\w*|прош\w*|начал\w*)\s+)?там\b", re.I),
    measure_words=re.compile(r"(?:\bЧП\b|\bЧС\b|чрезвычайн\w* положени|комендантск\w* час)", re.I),
    accident=re.compile(r"(?<!\w)(?:пожар\w*|взрыв\w*|авари\w*|обрушени\w*|наводнени\w*|паводк\w*|"
                        r"землетрясени\w*|ДТП)[^.;]{0,80}$", re.I),
    subset_at=re.compile(r"\s+из\s+(?:них|которых)\s+(?:[\w-]+\s+){0,1}?(?:в|во)\s+(?:городе\s+|селе\s+)?",
                         re.I),
    origin_before=re.compile(r"(?:приех\w*|прибы\w*|прилет\w*|пришл\w*|пришёл|подъех\w*|привез\w*|привёз\w*|"
                             r"доставлен\w*|направлен\w*)\s+(?:[\w-]+\s+){0,2}?из\s+$"
                             # "в отдел полиции района Есиль": a police unit's name
                             r"|(?:отдел\w*|управлени\w*|ОП|УП)\s+(?:полиции\s+)?(?:района|р-на)\s+$", re.I),
    origin_after=re.compile(r"(?:\s+[\w-]+){0,2}?\s+(?:приех\w*|прибы\w*|пришл\w*|пришёл|подъех\w*|прилет\w*|"
                            r"прошли|дошли|доехал\w*|отправил\w*)\s+(?:\w+\s+)?(?:в|во|к|на|до)\s", re.I),
    verb=re.compile(r"\w+(?:ли|ла|ло|лись|лся|лась|ны|н|ен|ан)\b"),
    list_words=("", "и", "или", "а", "также", "в", "во"),
    count_place_gap=re.compile(r"\s+(?:[^\s,;.]+\s+){0,2}?(?:в|во|на|у)\s+"),  # (not "..., в Бейнеу")
    spread=re.compile(r"\b(?:распространил\w*|перекинул\w*|перешл\w*|охватил\w*|(?:до)?ш[её]л до|дошл\w* до|"
                      r"докатил\w* до)\b", re.I),
    recollection=re.compile(r"\b(?:лет|года?|десятилети\w*|месяц\w*) (?:назад|спустя)\b|\bспустя \w+ лет\b",
                            re.I),
    national_source=re.compile(r"\b(?:МВД|Минздрав\w*|Генпрокуратур\w*|Генеральн\w+ прокуратур\w*|ведомств\w*|"
                               r"Министерств\w+ (?:внутренних дел|здравоохранения))", re.I),
    hearsay=re.compile(r"\b(?:слух\w*|якобы|непроверенн\w*|сообщени\w+ в (?:соцсетях|социальных сетях)|"
                       r"в (?:соцсетях|социальных сетях) (?:появил\w*|распространял\w*|пишут|писали|сообщают|сообщали|"
                       r"утверждают|утверждали))", re.I),
    denial=re.compile(r"\b(?:опроверг\w*|не соответству\w+ действительности|фейк\w*|недостоверн\w*|ложн\w+|"
                      r"неправда|не подтвержда\w*)", re.I),
    retraction=re.compile(r"\b(?:техническ\w+ ошибк\w*|удалил[иа]?\b|удален\w*|отозвал\w*)", re.I),
    slogan_before=re.compile(r"(?:надпис\w*|лозунг\w*|скандир\w*|кричал\w*|плакат\w*|транспарант\w*|гласил\w*|"
                             r"словами)\W{0,3}$", re.I),
    conditional=re.compile(r"\s*[\"\u201c\u00ab]?(?:Если|Ежели)\b"),
    office_before=re.compile(r"\b(?:акимат\w*|администраци\w*|аким\w?|полици\w+|департамент\w* полиции)\s+$", re.I),
    correction=re.compile(r"\b(?:в (?:первоначальной|предыдущей|прежней|ранней) версии|ошибочно (?:было )?"
                          r"(?:указано|указали|сообщалось|сообщили|говорилось|написано))", re.I),
    tally_roles=((re.compile(r"задерж|арест|доставлен", re.I), "detained"),
                 (re.compile(r"погиб|убит|скончал|жертв", re.I), "killed"),
                 (re.compile(r"пострадав|пострадал|ранен|травм|госпитализ", re.I), "injured")),
    tally_nouns=re.compile(r"(?:человек|участник|активист|жител|протестующ|задержанн)\w*", re.I),
    breakdown=re.compile(r"\s*(?:Из (?:них|низ|этого числа|общего числа)|В том числе|Среди (?:них|погибших|"
                         r"задержанных|пострадавших)|По регионам)\b[,:]?", re.I),
)

# --- counts ---------------------------------------------------------------------------------------

_UNITS_WORDS = {
    "один": 1, "одна": 1, "два": 2, "две": 2, "двух": 2, "три": 3, "трех": 3, "трёх": 3, "четыре": 4,
    "четырех": 4, "пять": 5, "пяти": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10,
    "десяти": 10, "пятнадцать": 15, "двадцать": 20, "двадцати": 20, "тридцать": 30, "сорок": 40,
    "пятьдесят": 50, "сто": 100, "ста": 100, "двести": 200, "триста": 300, "пятьсот": 500,
    "тысяча": 1000, "тысячу": 1000, "полтысячи": 500, "полторы тысячи": 1500, "полутора тысяч": 1500,
    "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14, "шестнадцать": 16,
    "семнадцать": 17, "восемнадцать": 18, "девятнадцать": 19, "шестьдесят": 60, "семьдесят": 70,
    "восемьдесят": 80, "девяносто": 90, "четыреста": 400,
    "шестьсот": 600, "семьсот": 700, "восемьсот": 800, "девятьсот": 900,
    # genitive, the case after "около", "более", "свыше", "до" ("около двухсот", "более сорока")
    "одного": 1, "шести": 6, "семи": 7, "восьми": 8, "девяти": 9, "одиннадцати": 11,
    "двенадцати": 12, "тринадцати": 13, "четырнадцати": 14, "пятнадцати": 15, "шестнадцати": 16,
    "семнадцати": 17, "восемнадцати": 18, "девятнадцати": 19, "тридцати": 30, "сорока": 40,
    "пятидесяти": 50, "шестидесяти": 60, "семидесяти": 70, "восьмидесяти": 80, "девяноста": 90,
    "двухсот": 200, "трехсот": 300, "трёхсот": 300, "четырехсот": 400, "четырёхсот": 400,
    "пятисот": 500, "шестисот": 600, "семисот": 700, "восьмисот": 800, "девятисот": 900,
    "четырёх": 4, "полсотни": 50, "полусотни": 50, "полусотне": 50, "полусотню": 50,
    # collective numerals ("задержаны пятеро", "восьмерых из них")
    "двое": 2, "двоих": 2, "трое": 3, "троих": 3, "четверо": 4, "четверых": 4, "пятеро": 5, "пятерых": 5,
    "шестеро": 6, "шестерых": 6, "семеро": 7, "семерых": 7, "восьмеро": 8, "восьмерых": 8,
    "девятеро": 9, "девятерых": 9, "десятеро": 10, "десятерых": 10,
}
# "десятки" is read like English "dozens" (24), the floor the crowd-counting convention takes
_VAGUE_RU = {"несколько десятков": 24, "нескольких десятков": 24, "десятки": 24, "десятков": 24,
             "сотни": 200, "сотен": 200, "несколько сотен": 200, "нескольких сотен": 200,
             "тысячи": 2000, "тысяч": 2000, "несколько тысяч": 2000, "нескольких тысяч": 2000,
             "десятки тысяч": 20_000, "десятков тысяч": 20_000}
# "полтора-два десятка женщин": 15-20
_TENS_RU = {"полтора": 15, "полутора": 15, "пара": 20, "пару": 20, "два": 20, "две": 20, "двух": 20,
            "три": 30, "трех": 30, "трёх": 30, "четыре": 40, "четырех": 40, "четырёх": 40, "пять": 50, "пяти": 50}
_AFTER_HEDGE = {"тысячи": 1000, "сотни": 100}  # "около тысячи": about one thousand
_HEDGES_RU = {"около": "about", "примерно": "about", "приблизительно": "about", "порядка": "about",
              "почти": "about", "более": "more than", "свыше": "more than", "больше": "more than",
              "не менее": "at least", "по меньшей мере": "at least", "как минимум": "at least",
              "минимум": "at least", "до": "up to", "менее": "up to", "меньше": "up to",
              "более чем": "more than", "больше чем": "more than", "не больше": "up to", "не более": "up to"}


def _alt(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_NUM_RU = (rf"(?:\d{{1,3}}(?:[ \u00a0]\d{{3}})+(?!\d)|\d+(?:,\d+)?(?:\s*(?:тысяч[аиу]?|тыс\.?))?"
           rf"|(?:{_alt(_UNITS_WORDS)})(?:\s+(?:{_alt(_UNITS_WORDS)})(?!\w)){{0,2}}"  # "двести пятьдесят"
           rf"(?:\s+тысяч[аиу]?(?!\w))?)")  # "две тысячи"
_QUOTES_RU = str.maketrans({q: " " for q in "\"\u201c\u201d\u00ab\u00bb\u201e"})
# a source's figure with no noun: 'Azattyq насчитал «не менее четырехсот»', 'Tengrinews - о «полусотне»'
_CLAIM_BEFORE_RU = re.compile(r"(?:насчитал\w*|написал\w*|писал\w*|сообщил\w*|заявил\w*|говор\w+|оценил\w*"
                              r"(?:\s+[\w-]+){0,3}?\s+в|назвал\w*(?:\s+цифру)?|привел\w*\s+цифру|"
                              r"[\u2013\u2014-](?=\s+(?:об?|в)\s))\s+(?:об?\s+|в\s+)?$", re.I)
_BARE_END_RU = re.compile(r"\s*(?:[.,;)]|$|\s(?:а|и|но)\b)")
_COUNT_RU = re.compile(
    rf"(?<![\w№/:.,-])(?:(?P<hedge>{_alt(_HEDGES_RU)})\s+)?(?:от\s+)?"
    rf"(?:(?P<vague>{_alt(_VAGUE_RU)})(?!\w)"
    rf"|(?P<t1>{_alt(_TENS_RU)})(?:\s*[-–]\s*(?P<t2>{_alt(_TENS_RU)}))?\s+десятк(?:а|ов|ах|ам|ами)(?!\w)"
    rf"|(?P<n1>{_NUM_RU})(?:\s*(?:-|–|—|\bдо\b)\s*(?P<n2>{_NUM_RU}))?)"
    rf"(?![\w%]|[.,:/]\d)", re.IGNORECASE)
_PEOPLE_RU = (r"человек|люд|протестующ|митингующ|демонстрант|участник|жител|рабоч|нефтяник|граждан|"
              r"активист|сотрудник|полицейск|военнослужащ|военн|силовик|журналист|задержанн|погибш|"
              r"пострадавш|ранен|бастующ|шахт[её]р|студент|женщин|дет[еи]|реб[её]н|мужчин|пенсионер|"
              r"марод[её]р|боевик|террорист|иностран|водител|миротвор|бойц|правоохранит|мирн|преступник|"
              r"бандит|нападавш|погромщик|злоумышленник|матер|мать|родственник|родител|отц|ребят|парн|девуш|"
              r"сельчан|односельчан|горожан|нефтяник|рабоч|работник|безработн|горняк|фермер|предпринимател|вкладчик|дольщик|"
              r"многодетн|учител|врач|медик|строител|торговц|арендатор|собственник|владел|пикетчи|голодающ|забастовщик|член")
_HEAD_RU = re.compile(rf"\s+(?:[\w-]+\s+){{0,2}}?(?P<noun>(?:{_PEOPLE_RU})\w*)", re.IGNORECASE)
_PARTITIVE_THEM_RU = re.compile(r"\s+из\s+(?:них|которых)\b", re.IGNORECASE)
_PARTITIVE_RU = re.compile(r"\s+из\s+", re.IGNORECASE)  # "один из участников", "трое из них": a subset
_ROLE_RU = {
    "killed": r"погиб\w*|убит\w*|скончал\w*|гибел\w*|смерт\w*|жертв\w*|ликвидирова\w*",
    "injured": r"пострада\w*|ранен\w*|травм\w*|госпитализ\w*|медицинской помощью",
    "detained": r"задержа\w*|арестова\w*|арест\w*|доставлен\w*|под стражу|"
                + _TAKEN_AWAY_RU,
    "participants": r"собрал\w*|вышл\w*|вышли|пришл\w*|пришли|митинг\w*|участ\w*|протест\w*|бастова\w*|"
                    r"бастуют|голодовк\w*|пикет\w*|"
                    r"прошли|присоединил\w*|акци\w*",
}
_ROLE_CUE_RU = re.compile("|".join(rf"\b(?P<{k}>{v})" for k, v in _ROLE_RU.items()), re.IGNORECASE)
_NOT_COUNT_RU = re.compile(r"(?:[№#$₸]|\b(?:статьи|статья|части|пункта|дом|домов|школ[аы]|номер|км)\s*)$",
                           re.IGNORECASE)
_NOT_PEOPLE_AFTER = re.compile(r"\s*(?:тенге|%|процент\w*|лет\b|год\w*|км|час\w*|рубл\w*|доллар\w*|"
                               r"автомобил\w*|машин\w*|единиц\w*|зданий|здания)", re.IGNORECASE)
_SECURITY_RU = re.compile(r"сотрудник|полицейск|военнослужащ|военн|силов|правоохранит|нацгвард|бойц|"
                          r"миротвор", re.IGNORECASE)
_PROTESTERS_RU = re.compile(r"протестующ|митингующ|демонстрант|участник|бастующ|активист", re.IGNORECASE)
_BARE_ROLE_AFTER_RU = re.compile(r"\s+(?:погибл\w*|погиб\b|пострадал\w*|ранен\w*|задержан\w*|арестован\w*|"
                                 r"доставлен\w*|доставили\s+в\s+(?:отдел|полици|участок|ИВС|изолятор|РОВД|УВД))",
                                 re.IGNORECASE)
_SUBSET_BEFORE_RU = re.compile(r"(?:в том числе|включая|среди них|из них|из которых)\s*(?:около\s+|более\s+)?$", re.I)
_ALSO_RU = re.compile(r"(?:,\s*а также|,\s*а ещё|,\s*а еще|\s+и|\s+плюс)\s+(?:ещё\s+|еще\s+)?$", re.I)
_BOUND_RU = re.compile(r"[.;!?]|,\s+(?:а|но|еще|ещё|при этом)\b")


def _number_ru(s: str) -> int | None:
    s = " ".join(s.lower().replace("\u00a0", " ").split())
    if s in _UNITS_WORDS:
        return _UNITS_WORDS[s]
    words = s.split()
    if len(words) > 1 and words[-1].startswith("тысяч"):
        head = _number_ru(" ".join(words[:-1]))
        return head * 1000 if head is not None and head < 1000 else None
    parts = [_UNITS_WORDS.get(w) for w in words]
    if len(parts) > 1 and None not in parts:
        # "двести пятьдесят три": hundreds, tens and units each below the one before
        ok = all(len(str(a)) > len(str(b)) for a, b in zip(parts, parts[1:]))
        return sum(parts) if ok else None
    m = re.fullmatch(r"([\d ]+(?:,\d+)?)\s*(тысяч[аиу]?|тыс\.?)?", s)
    if not m:
        return None
    value = float(m[1].replace(" ", "").replace(",", ".")) * (1000 if m[2] else 1)
    return int(value) if value.is_integer() else None


def _clause(masked: str, start: int, end: int) -> tuple[int, int]:
    left = max((m.end() for m in _BOUND_RU.finditer(masked, 0, start)), default=0)
    right = _BOUND_RU.search(masked, end)
    return left, right.start() if right else len(masked)


def find_counts(text: str, offset: int = 0, *, date_spans: list[tuple[int, int]] | None = None) -> list[Count]:
    """Counts of people in Russian text, read by the rules of :mod:`geomap.counts` (``date_spans``:
    the Russian date spans of ``text``, when the caller has them)."""
    masked = mask_spans(text, date_spans if date_spans is not None else _date_spans(text, lexicon=RUSSIAN))
    masked = masked.translate(_QUOTES_RU)  # 'писала о «около восьмидесяти» водителях': the marks are no words
    out: list[Count] = []
    for m in _COUNT_RU.finditer(masked):
        if _NOT_COUNT_RU.search(masked[max(0, m.start() - 12):m.start()]):
            continue
        right = masked[m.end():m.end() + 80]
        if _NOT_PEOPLE_AFTER.match(right):
            continue
        hedge = _HEDGES_RU.get(" ".join(m["hedge"].lower().split())) if m["hedge"] else None
        if m["vague"]:
            word = " ".join(m["vague"].lower().split())
            if hedge and word in _AFTER_HEDGE:
                lo, hi = _AFTER_HEDGE[word], _AFTER_HEDGE[word]
            else:
                lo, hi, hedge = _VAGUE_RU[word], None, "vague"
        elif m["t1"]:
            lo = _TENS_RU[m["t1"].lower()]
            hi = _TENS_RU[m["t2"].lower()] if m["t2"] else lo
            if hi < lo:
                continue
            hedge = hedge or ("range" if m["t2"] else "exact")
            if hedge in ("more than", "at least"):
                hi = None
        else:
            lo = _number_ru(m["n1"])
            hi = _number_ru(m["n2"]) if m["n2"] else lo
            if lo is None or hi is None or hi < lo:
                continue
            if m["n2"] and hi == lo:
                continue
            if hedge in ("more than", "at least"):
                hi = None
            elif hedge == "up to":
                pass
            hedge = hedge or ("range" if m["n2"] else "exact")
        head = _HEAD_RU.match(right)
        partitive = _PARTITIVE_RU.match(right)
        a, b = _clause(masked, m.start(), m.end())
        elided = head is None and out and out[-1].noun and m.start() - (out[-1].end - offset) < 120 \
            and _ELIDED_RU.search(masked, max(0, m.start() - 40), m.start())
        if elided:  # "в Шетпе пришли 50-60 человек, в Бейнеу – несколько десятков": the same noun
            out.append(replace(out[-1], start=offset + m.start(), end=offset + m.end(),
                               text=text[m.start():m.end()], min=lo, max=hi, hedge=hedge or "vague"))
            continue
        claimed = head is None and partitive is None and _BARE_END_RU.match(masked, m.end()) \
            and _CLAIM_BEFORE_RU.search(masked, max(0, m.start() - 60), m.start())
        if claimed:  # a source's figure of the crowd just told
            out.append(Count(offset + m.start(), offset + m.end(), text[m.start():m.end()], lo, hi, "participants",
                             "", hedge or "vague", ""))
            continue
        if head is None and partitive is None:
            # a bare number framed by a role word: "число погибших достигло 225", "пострадали 86",
            # "свыше 200 пострадали"
            if not (re.search(r"(?:погибш|пострадавш|задержанн|раненн?ых)\w*[^.;]{0,40}$|"
                              r"\b(?:погибл?\w*|пострадал\w*|ранен\w*|задержан\w*|арестован\w*)\s+$",
                              masked[a:m.start()], re.I)
                    or _BARE_ROLE_AFTER_RU.match(right)):
                continue
        if re.fullmatch(r"(?:19|20)\d\d", m.group().strip()) and head is None:
            continue
        np_end = head.end() if head else 0
        if head and (gen := re.match(r"\s+\w+(?:ых|их)\b", right[np_end:])):
            np_end += gen.end()  # "15 матерей задержанных": mothers of detainees, not detainees
        own = (m.start(), m.end() + np_end)  # the count and its noun phrase
        # the nearest role word, by the gap between it and the count with its noun phrase
        # ("пострадали пять человек, погибли двое": five injured)
        cues = [(m.start() - c.end() if c.end() <= m.start() else c.start() - own[1], c.lastgroup)
                for c in _ROLE_CUE_RU.finditer(masked, a, b) if not (own[0] <= c.start() < own[1])]
        noun = head["noun"] if head else ""
        left = list(_ROLE_CUE_RU.finditer(masked, a, m.start()))
        left_cues = [c.lastgroup for c in left]
        if _SUBSET_BEFORE_RU.search(masked, max(0, m.start() - 20), m.start()):
            role = "subset"  # "погибли 238 человек, в том числе 19 сотрудников": part of the 238
        elif partitive and left_cues and "," in masked[left[-1].end():m.start()]:
            role = "subset"  # "погибли десять человек, четверо из них в Таразе": part of the ten
        elif partitive and left_cues:
            role = left_cues[-1]  # "полиция задержала 15 из них"
        elif partitive and (after := next((r for gap, r in sorted(cues) if gap >= 0 and r in (
                "detained", "injured", "killed")), None)) and _PARTITIVE_THEM_RU.match(right) and not any(
                c.role == after and m.start() - (c.end - offset) < 200 for c in out):
            role = after  # "Двоих из них полиция доставила в отдел": of the crowd, those detained
        elif partitive:
            role = "subset"
        elif noun and re.match(r"погибш", noun, re.I):
            role = "killed"
        elif noun and re.match(r"пострадавш|ранен", noun, re.I):
            role = "injured"
        elif noun and re.match(r"задержанн", noun, re.I):
            role = "detained"
        elif cues:
            role = min(cues)[1]
        elif out and out[-1].role in ("killed", "injured", "detained") and _ALSO_RU.search(
                masked, max(0, m.start() - 12), m.start()) and m.start() - (out[-1].end - offset) < 90:
            role = out[-1].role  # "погибли 17 сотрудников ..., а также 27 вооружённых участников"
        else:
            role = "participants" if _PROTESTERS_RU.match(noun) else "other"
        np_text = right[:head.end()] if head else ""
        actor = ("security forces" if _SECURITY_RU.search(np_text) else
                 "civilians" if re.search(r"мирн\w* жител", np_text, re.I) else
                 "protesters" if _PROTESTERS_RU.search(np_text) else "")
        out.append(Count(offset + m.start(), offset + m.end(), text[m.start():m.end()], lo,
                         hi, role, actor, hedge or "vague", noun.lower()[:6]))
    out += [Count(offset + m.start(), offset + m.end(), m.group(), 1, 1, "participants", "", "exact", "")
            for m in _SOLO_RU.finditer(text)]  # "вышла на одиночный пикет": a crowd of one
    for m in _INVERTED_RU.finditer(masked):  # "мы, человек триста, пришли": about three hundred
        n = _number_ru(m["n"])
        if n and not 1900 <= n <= 2100 and not any(c.start - offset <= m.start("n") < c.end - offset for c in out):
            out.append(Count(offset + m.start(), offset + m.end(), text[m.start():m.end()], n, n, "participants",
                             "", "about", "челове"))
    for m in _ONE_DETAINED_RU.finditer(text) if "адержа" in text else ():  # "Пикетчика задержали": one person
        start, end = m.span("one" if m["one"] else "one2")
        if not any(c.start - offset < m.end() and m.start() < c.end - offset for c in out):
            out.append(Count(offset + start, offset + end, text[start:end], 1, 1, "detained", "", "exact", ""))
    return sorted(out, key=lambda c: c.start)


_ELIDED_RU = re.compile(r",\s+(?:а\s+)?(?:в|во|на|у)\s+[А-ЯЁӘҒҚҢӨҰҮҺІ][\w-]+(?:\s+[А-ЯЁ][\w-]+)?\s*[–—-]\s*"
                        r"(?:(?:около|более|свыше|до|почти|примерно)\s+)?$")  # a list's next place and a dash
_INVERTED_RU = re.compile(r"(?<!\w)человек\s+(?P<n>сто|двести|триста|четыреста|пятьсот|шестьсот|семьсот|восемьсот|"
                          r"девятьсот|тысяч[ау]|двадцать|тридцать|сорок|пятьдесят|шестьдесят|семьдесят|"
                          r"восемьдесят|девяносто|\d{2,5})(?!\w)", re.I)
# one person in the singular, before or after the arrest: "Пикетчика задержали", "задержали журналистку",
# "задержан активист" (not "активистов", "участники")
_ONE_PERSON_RU = (r"(?:активист(?:а|ку|ка)?|журналист(?:а|ку|ка)?|пикетчи(?:к|ка|цу|ца)|участни(?:к|ка|цу|ца)|"
                  r"организатор(?:а)?|блогер(?:а)?|мужчин[уа]|женщин[уа]|пенсионер(?:а|ку|ка)?|"
                  r"жител(?:я|ь|ьницу|ьница)|лидер(?:а)?|студент(?:а|ку|ка)?|оппозиционер(?:а)?)")
_ONE_DETAINED_RU = re.compile(
    rf"\bзадержа(?:ли|л|ла|н|на)\s+(?:[\w-]+\s+){{0,2}}?(?P<one>{_ONE_PERSON_RU})(?![\w-])"
    rf"|(?<![\w-])(?P<one2>{_ONE_PERSON_RU})\s+(?:[\w-]+\s+){{0,2}}?(?:задержал[аи]?|был[аи]? задержан[аы]?)\b",
    re.I)
_SOLO_RU = re.compile(r"\bодиночн\w*(?=\s+(?:пикет|акци|протест)\w*)", re.I)


LANGUAGE = Language("ru", RUSSIAN, EVENTS, PLACES, find_counts, script="\u0400-\u04ff")
