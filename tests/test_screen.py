"""screen.may_match is a sound pre-check: False only where the regex finds nothing."""
import random
import re

from geomap import counts
from geomap import places as _places
from geomap import timex as _timex
from geomap.events import ENGLISH_RULES, QUESTION_RE, SURVEY_RE
from geomap.lang import ru as _ru
from geomap.lang.ru import EVENTS as RUSSIAN_RULES
from geomap.screen import (_branches, _top_level_branches, fold, folded_twin, matches_at, may_match, needles,
                           search_any)

FIELDS = ("sport_or_show", "retraction", "hearsay", "denial", "anaphora", "country_scope",
          "national_source", "spread", "protesters", "relative", "modal", "reference", "legal", "announced",
          "comparison")
PATTERNS = [rx for rules in (ENGLISH_RULES, RUSSIAN_RULES) for rx in (getattr(rules, f) for f in FIELDS)
            if rx is not None] + [QUESTION_RE, SURVEY_RE, counts._LEFT_CUE, counts._RIGHT_CUE] + [t.pattern for t in ENGLISH_RULES.triggers]
PATTERNS += [rx for rules in (ENGLISH_RULES, RUSSIAN_RULES) for rx, _ in rules.actor_words]
PATTERNS += [_places.KIN_BEFORE_RE, _places.ROLE_BEFORE_RE, _timex.ENGLISH.seasons, _ru.RUSSIAN.seasons]


def test_needles_of_a_cue_battery():
    assert needles(re.compile(r"\b(?:concert|KHL|the band)\b|\bwon\s+\d", re.I)) == ("concert", "khl", "the band", "won")
    assert needles(re.compile(r"\w+\s+\d")) is None  # no literal: no screen


def test_folding_agrees_with_ignorecase():
    assert fold("İSTANBUL ſpectators \u212aHL ДЕНЬ") == "istanbul spectators khl день"
    rx = re.compile(r"\bspectators\b|\bkhl\b", re.I)
    for text in ("\u017fpectators", "\u212aHL", "SPECTATORS"):
        assert rx.search(text) and may_match(rx, fold(text), 0, len(text))


def _windows(words: list[str], seed: int, max_words: int, n: int = 3000):
    """(text, folded, a, b): random texts of ``words`` in mixed case, each with a random window."""
    rng = random.Random(seed)
    for _ in range(n):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, max_words)))
        text = "".join(c.upper() if rng.random() < 0.3 else c for c in text)
        a = rng.randint(0, len(text))
        yield text, fold(text), a, rng.randint(a, len(text))


def test_never_screens_out_a_match():
    words = [n for rx in PATTERNS for n in (needles(rx) or ())] + ["the", "police", "said", "5-3", "?"]
    for text, folded, a, b in _windows(words, seed=7, max_words=8):
        for rx in PATTERNS:
            if not may_match(rx, folded, a, b):
                assert rx.search(text, a, b) is None and rx.search(text[a:b]) is None, (rx.pattern, text)


def test_description_patterns_run_only_at_their_starts():
    from geomap import places as P

    rng = random.Random(3)
    words = ["the", "The", "this", "This", "Kazakhstan's", "country's", "central", "main", "square", "Square",
             "of", "Yntymak", "city", "town", "oil", "akimat", "mayor's", "office", "regional", "centre",
             "largest", "commercial", "hub", "building", "named", "after", "Almaty", ",", "other", "then"]
    for _ in range(2000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 12)))
        starts = [m.start() for m in P.DESCRIPTION_START_RE.finditer(text)]
        square = [m.start() for m in P.SQUARE_START_RE.finditer(text)]
        for rx, at in ((P.SQUARE_OF_RE, square), (P.LARGEST_CITY_RE, starts), (P.REGIONAL_CENTRE_RE, starts),
                       (P.TOWN_ANAPHOR_RE, starts), (P.AKIMAT_RE, starts), (P.CENTRAL_SQUARE_RE, starts)):
            assert [m.span() for m in P._finditer_at(rx, text, at)] == [m.span() for m in rx.finditer(text)], text



def test_every_trigger_match_in_the_labelled_texts_holds_one_of_its_needles():
    """A trigger's hand-written ``needles`` screen sentences before its regex runs: a match
    without one of them would be lost silently. Every match in every labelled text must hold one."""
    import json
    from pathlib import Path

    from geomap import lang
    data = Path(__file__).resolve().parents[1] / "bench" / "data"
    texts = [json.loads(line).get("text", "") for f in data.glob("*.jsonl") for line in f.open(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in (data / "articles").glob("*.txt")]
    for code in lang.SUPPORTED:
        for trig in lang.get(code).events.triggers:
            for text in texts:
                for m in trig.pattern.finditer(text) if trig.needles else ():
                    assert any(n in m.group().lower() for n in trig.needles), (code, trig.action, m.group())


def test_top_level_branches():
    assert _top_level_branches(r"a[|\]]b|c(d|e)|[]|]x|\|y") == ["a[|\\]]b", "c(d|e)", "[]|]x", "\\|y"]
    assert _top_level_branches(r"(a)|\1") is None  # a back-reference needs its group
    assert _top_level_branches(r"(?i)a|b") is None  # a global flag belongs to the whole pattern


def test_matches_at_agrees_with_match():
    """matches_at runs only the alternatives whose needles are in the window: the same answer."""
    rxs = [ENGLISH_RULES.negated_after, RUSSIAN_RULES.negated_after]
    words = [n for rx in rxs for n in (needles(rx) or ())] + ["the", "rally", "was", "in", ".", ";", "had been",
                                                              "не", "planned for", "off"]
    for text, folded, a, b in _windows(words, seed=11, max_words=10):
        for rx in rxs:
            assert matches_at(rx, text, folded, a, b) == bool(rx.match(text, a, b)), (rx.pattern, text, a, b)


def test_search_any_agrees_with_search():
    """search_any runs the alternatives screened and as folded twins: the same yes or no."""
    rxs = [ENGLISH_RULES.modal, RUSSIAN_RULES.modal, ENGLISH_RULES.announced, ENGLISH_RULES.comparison]
    words = [n for rx in rxs for n in (needles(rx) or ())] + ["the", "rally", "May", "may", "MAY", "in", ".", ";",
                                                              "ban", "the ban", "не", "may\n", "n't"]
    for text, folded, a, b in _windows(words, seed=12, max_words=10):
        for rx in rxs:
            assert search_any(rx, text, folded, a, b) == bool(rx.search(text, a, b)), (rx.pattern, text, a, b)
            assert search_any(rx, text[a:b], folded[a:b], 0, b - a) == bool(rx.search(text[a:b])), (rx.pattern, text)


def test_indexed_long_text_agrees_with_direct_test():
    """may_match indexes the needles of a long folded text after a few calls: the same answers."""
    from geomap import screen
    rng = random.Random(5)
    rxs = PATTERNS[:12]
    words = [n for rx in rxs for n in (needles(rx) or ())] + ["the", "police", "said", ".", "x" * 30]
    for _ in range(20):
        text = " ".join(rng.choice(words) for _ in range(400))
        folded = fold(text)
        assert len(folded) >= screen._INDEX_MIN_TEXT
        for _ in range(300):
            a = rng.randint(0, len(text))
            b = rng.randint(a, min(len(text) + 5, a + rng.choice((10, 80, 300))))
            rx = rng.choice(rxs)
            direct = needles(rx) is None or any(n in folded[a:b] for n in needles(rx))
            assert may_match(rx, folded, a, b) == direct, (rx.pattern, a, b)


def test_folded_twin_finds_the_same_matches():
    """A pattern's case-sensitive twin over the folded text finds what it finds over the text (the
    same spans of every group), mixed case and the odd case-folding letters included (ſ, K, İ, ı, É)."""
    from geomap import lang
    rxs = [t.pattern for code in lang.SUPPORTED for t in lang.get(code).events.triggers] + [
        counts._SOLO, counts._LEFT_CUE, counts._RIGHT_CUE, counts._NOT_A_COUNT_BEFORE, counts._SUBSET_BEFORE,
        counts._TOTAL_BEFORE, counts._CLAUSE_END]
    assert all(folded_twin(rx) is not None for rx in rxs[-7:])
    rxs += [rx for rules in (ENGLISH_RULES, RUSSIAN_RULES) for rx in (getattr(rules, f) for f in (
        "reference", "relative", "origin_before", "legal", "spread", "correction", "correction_told", "retraction",
        "hearsay", "denial", "announced", "comparison", "measure_words")) if rx is not None]
    rxs += [branch for rules in (ENGLISH_RULES, RUSSIAN_RULES) for branch, _ in _branches(rules.negated_after)]
    rxs += [rx for lex in (_timex.ENGLISH, _ru.RUSSIAN) for rx in (lex.past_tense, lex.ahead) if rx is not None]
    twins = [(rx, folded_twin(rx)) for rx in rxs if folded_twin(rx) is not None]
    assert len(twins) >= len(rxs) - 6  # (the ones with a case-sensitive part have none)
    words = [n for rx in rxs for n in (needles(rx) or ())] + [
        "the", "police", "gathered", "at", "a", "café", "CAFÉ", "\u017ftreet", "\u212aazakh", "\u0130n", "\u0131n",
        "protesters", "of", ".", "Square", "were", "TV", "Telegram", "and", "on", "strike", "one-person", "lone", "5"]
    fixed = ["They GATHERED AT THE CAFÉ.", "They gathered at the Café", "Workers went on \u017ftri\u212aE",
             "PROTEST\u0130NG", "Internet was CUT OFF; TELEGRAM was blocked", "режим ЧП"]
    for text in fixed:
        for rx, twin in twins:
            assert [(m.regs, m.lastgroup) for m in twin.finditer(fold(text))] == [
                (m.regs, m.lastgroup) for m in rx.finditer(text)], text
    for text, folded, a, b in _windows(words, seed=13, max_words=12, n=1500):
        for rx, twin in twins:
            assert [(m.regs, m.lastgroup) for m in twin.finditer(folded, a, b)] == [
                (m.regs, m.lastgroup) for m in rx.finditer(text, a, b)], (rx.pattern, text, a, b)


def test_folded_twin_refuses_what_it_cannot_vouch_for():
    assert folded_twin(re.compile(r"\bstrikes?\b|[Ss]quare", re.I)) is not None
    assert folded_twin(re.compile(r"\bTV\b", re.I)) is None  # a capital: "tv" in the folded text
    assert folded_twin(re.compile(r"(?-i:[A-Z])\w+", re.I)) is None  # a case-sensitive part
    assert folded_twin(re.compile(r"[àé]", re.I)) is None  # "à" is not folded
    assert folded_twin(re.compile(r"(a)\1", re.I)) is None
    assert folded_twin(re.compile(r"strike")) is None  # not IGNORECASE: nothing to gain
