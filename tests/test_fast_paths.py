"""Fast paths that must find what the slow form they replace finds, on random texts."""
import random
import re
import sys
from pathlib import Path

from geomap import counts, events, places
from geomap.screen import finditer_any, fold

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from corpus import articles  # noqa: E402


def _texts(alphabet: str, seed: int, n: int = 4000, longest: int = 24):
    rng = random.Random(seed)
    for _ in range(n):
        yield "".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest)))


def test_last_word_reads_like_the_look_behind():
    for s in [*_texts("ab1.-- \n\tЖ_", seed=1), "Jan.", "2011-м.", "x\n", "\n", "a-\n", "-a", "a--b"]:
        m = events.LAST_WORD_RE.search(s)
        assert events._last_word(s) == (m.group(1) if m else None), repr(s)


def test_end_marks_are_a_whole_run():
    old = re.compile(r"(?<![.!?\u2026])[.!?\u2026]++")
    new = re.compile(events.END_MARKS)
    for s in _texts("..!?\u2026 a\n", seed=2):
        assert [m.span() for m in new.finditer(s)] == [m.span() for m in old.finditer(s)], repr(s)
        for a in range(len(s) + 1):
            assert [m.span() for m in new.finditer(s, a)] == [m.span() for m in old.finditer(s, a)], repr(s)


def test_one_detained_finds_what_its_alternation_found():
    person = counts._ONE_PERSON
    old = re.compile(
        rf"\b(?:detained|arrested|detaining|arresting)\s+(?P<a>an?|one)\s+(?:[\w-]+\s+){{0,3}}?{person}\b"
        rf"|\b(?P<b>[Aa]n?|[Oo]ne)\s+(?:[\w-]+\s+){{0,3}}?{person}\b(?:\s+[\w,.-]+){{0,8}}?\s+"
        rf"(?:was|has been|had been)\s+(?:detained|arrested|taken away|jailed)\b"
        rf"|(?:^|[.;]\s+)(?P<c>She|He)\s+(?:was|had been)\s+(?:detained|arrested)\b")
    words = ["a", "A", "an", "An", "one", "One", "xa", "aone", "He", "She", "was", "had been", "has been", "detained",
             "arrested", "detaining", "undetained", "arresting", "jailed", "taken away", "activist", "young", "man",
             "many", "woman", ".", ";", ",", "-", "Dana", "police", "\n", "34-year-old"]
    rng = random.Random(4)
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 30))) for _ in range(5000)]
    texts += [t.replace(" ", "") for t in texts[:500]] + [t.replace(" .", ".") for t in texts[:500]]
    texts += [a.text for a in articles(40, 0)]
    for text in texts:
        want = [(m.span(), m.span(m.lastgroup if m.lastgroup else "a")) for m in old.finditer(text)]
        assert [(m.span(), m.span("one")) for m in finditer_any(counts._ONE_DETAINED, text)] == want, text


def test_every_solo_picket_holds_a_solo_word():
    words = ["one", "single", "lone", "solo", "solitary", "-", "person", "man", "woman", "picket", "protest",
             "demonstration", "picketer", "protester", "demonstrator", "a", "an", "s", " ", "  ", "\n", "ONE", "Solo"]
    rng = random.Random(5)
    hits = 0
    for _ in range(20000):
        text = "".join(rng.choice(words) + rng.choice(("", " ", "-")) for _ in range(rng.randint(1, 8)))
        for m in counts._SOLO.finditer(text):
            hits += 1
            assert any(w in fold(m.group()) for w in counts._SOLO_WORDS), m.group()
    assert hits > 100


def test_clause_breaks_as_the_alternation_found_them():
    old = re.compile(r"[,;:\u2013\u2014()]|\s-\s")
    for s in _texts(",;:\u2013\u2014() -\n\ta-", seed=6, longest=30):
        for a in (0, 1, 3):
            assert [m.span() for m in events.CLAUSE_RE.finditer(s, a)] == [m.span() for m in old.finditer(s, a)], repr(s)


def test_look_behinds_match_only_where_their_window_ends_so():
    p = places
    words = ["of", "OF", "the", "The", "Code", "code", "Law", "Constitutional Law", "Constitution", "Republic",
             "Республики", "Кодекса", "закон", "Конституции", "50", "km", "KM", "miles", "from", "FROM", "outſide",
             "от", "километрах", "Senate", "Karaganda", "-", "\u2013", "\u2014", "Almaty-", "\n", "  ", ",", "x"]
    rng = random.Random(7)
    hits = 0
    for _ in range(20000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 10))) + rng.choice(("", " ", "\n", "  "))
        a = rng.randint(0, len(text))
        tail = fold(text[a:]).rstrip()
        for rx in (p.LAW_BEFORE_RE, p.DISTANCE_REF_RE):
            if rx.search(text, a):
                hits += 1
                assert tail.endswith(p._LOOKBACK_ENDS) or rx is p.LAW_BEFORE_RE and any(
                    s in text[a:] for s in p._LAW_STEMS_RU), (rx.pattern, text, a)
        if p._HEAD_OF_RE.search(text[a:]):
            hits += 1
            assert tail.endswith(p._LOOKBACK_ENDS), text[a:]
        if p.ROUTE_PREV_RE.search(text, a):
            hits += 1
            assert text[a:].rstrip().endswith(p._DASH_ENDS), text[a:]
    assert hits > 1000


def _scan_hot_by_word_starts(text, spots, reach, match_at):
    """scan_hot as it was: every word start of the window found, then each word matched whole."""
    word_start, word_at = re.compile(r"\b\w"), re.compile(r"\b\w+")
    out, done = [], 0
    for spot in spots:
        if spot < done:
            continue
        if spot and spot == done and (text[spot - 1].isalnum() or text[spot - 1] == "_"):
            done = spot + 1
            continue
        for start in word_start.finditer(text, max(done, spot - reach), spot + 1):
            word = word_at.match(text, start.start())
            if word.start() >= done and (hit := match_at(word)):
                out.append(hit[0])
                done = hit[1]
        done = max(done, spot + 1)
    return out


def test_scan_hot_tries_the_same_words():
    rx = re.compile(r"(?:about\s+)?\d+(?:[.,]\d+)?(?:\s+\w+)?")
    rng = random.Random(8)
    for _ in range(3000):
        text = "".join(rng.choice(["about", " ", "12", "3", ",", ".", "people", "x", "\n", "5000", "_"])
                       for _ in range(rng.randint(0, 25)))
        spots = counts.hot_spots(text, tuple("0123456789"), ("about",))
        for reach in (0, 3, 30):
            tried = []

            def match_at(word, tried=tried):
                tried.append((word.group(), word.start()))
                m = rx.match(text, word.start())
                return (m.span(), m.end()) if m else None

            new = counts.scan_hot(text, spots, reach, match_at)
            new_tried = list(tried)
            tried.clear()
            assert new == _scan_hot_by_word_starts(text, spots, reach, match_at) and new_tried == tried, text


def test_surname_shaped_as_the_pattern_read_it():
    old = re.compile(
        r"^[A-Z\u0410-\u042f\u04d8\u0492\u049a\u04a2\u04e8\u04b0\u04ae\u04ba\u0406][^\W\d_]+?"
        r"(?:ov|ev|yev|iev|ova|eva|yeva|uly|ulu|kyzy|qyzy|ovich|evich|ovna|evna|enko|yan|ian|"
        r"shvili|dze|bayev|baev|bekov|ұлы|қызы|улы|кызы|енко|(?:ов|ев|ёв|ин)(?:а|у|ым|ой|ом|е|ых|ыми)?|"
        r"(?:ович|евич|овн|евн)\w{0,2})$")
    parts = ["A", "Н", "Ә", "a", "ov", "ev", "yev", "ova", "ovich", "ovna", "enko", "uly", "ұлы", "ов", "ин", "ым",
             "ыми", "ович", "евн", "а", "ой", "x", "1", "_", "-", "\n", "Sat", "pay", "Kunay", "Ivan", "Сатпа"]
    rng = random.Random(9)
    hits = 0
    for _ in range(30000):
        word = "".join(rng.choice(parts) for _ in range(rng.randint(1, 5)))
        want = bool(old.match(word))
        hits += want
        assert places.surname_shaped(word) == want, word
    assert hits > 1000


def _gated_after(text: str, end: int) -> list:
    """Every pattern the place filters read just after a name at ``end``, as they are called."""
    look = end + places.LOOK
    return [places.INITIAL_AFTER_RE.match(text, end), places.PERSON_VERB_AFTER_RE.match(text, end),
            places.ORG_QUALIFIED_RE.match(text, end, look), places.ORG_NAME_TAIL_RE.match(text, end, look),
            places.ORG_HEAD_AFTER_RE.match(text, end, look), places._DESCRIBED_PERSON_RE.match(text[end:end + 40]),
            places.STREET_LIST_RE.match(text, end, look), places.ROAD_AFTER_RE.match(text, end, look),
            places._BASED_RE.match(text[end:end + 16]), places.ROUTE_NEXT_RE.match(text, end),
            places.REGION_LIST_RE.match(text, end, look)]


def test_no_after_cue_no_pattern_after_the_name():
    words = ["Aktau", "B.", "Ш.", " ", "  ", "\n", ",", "!", "-", "\u2013", "and", "&", "the", "a", "an", "said",
             "has", "was born", "regional", "City", "court", "office", "prosecutor's", "Service", "LLP", "Bank",
             "microdistricts", "regions", "highway", "road", "Road", "based", "born", "party", "Alga", "blogger",
             "on", "x", "of", ";", ".", "Zhanaozen", "REGIONAL", "inter-district", "department"]
    rng = random.Random(11)
    texts = ["".join(rng.choice(words) + rng.choice(("", " ", " ", ", ")) for _ in range(rng.randint(1, 9)))
             for _ in range(6000)]
    texts += [a.text for a in articles(5, 0)]
    cued = 0
    for text in texts:
        for end in range(len(text) + 1):
            if places.AFTER_CUES_RE.match(text, end) is None:
                assert not any(_gated_after(text, end)), (text, end)
            else:
                cued += any(_gated_after(text, end))
    assert cued > 5000


def test_city_of_before_a_name_ends_in_its_words():
    words = ["city", "town", "of", "City", "xcity", "\n", "\t", " ", "  ", "a", "Of", "OF"]
    rng = random.Random(12)
    hits = 0
    for _ in range(20000):
        before = "".join(rng.choice(words) + rng.choice(("", " ")) for _ in range(rng.randint(1, 6)))[-12:].lower()
        if places._CITY_OF_RE.search(before) or places._TOWN_OF_RE.search(before):
            hits += 1
            assert before.rstrip().endswith(("city of", "town of")), repr(before)
    assert hits > 200


def test_description_starts_hold_every_match():
    words = ["the", "The", "this", "This", "Kazakhstan's", "Kazakhstan\u2019s", "country's", "nation's", "largest",
             "biggest", "city", "metropolis", "commercial", "capital", "hub", "regional", "centre", "region's",
             "oil", "oil-producing", "town", "north-western", "western", "village", "akimat", "mayor's", "office",
             "building", "central", "main", "square", "of", "named", "after", "Aktau", "Yntymak", "\n", "bathe",
             "southern", ",", "hall", "the\u00a0", "border", "restive", "north", "-"]
    rng = random.Random(13)
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 12))) for _ in range(8000)]
    texts += [a.text for a in articles(20, 0)]
    found = 0
    for text in texts:
        for start_rx, patterns in ((places.SQUARE_START_RE, (places.SQUARE_OF_RE,)),
                                   (places.DESCRIPTION_START_RE, (
                                       places.LARGEST_CITY_RE, places.REGIONAL_CENTRE_RE, places.TOWN_ANAPHOR_RE,
                                       places.AKIMAT_RE, places.CENTRAL_SQUARE_RE))):
            starts = [mt.start() for mt in start_rx.finditer(text)]
            for rx in patterns:
                want = [mt.span() for mt in rx.finditer(text)]
                found += len(want)
                assert [mt.span() for mt in places._finditer_at(rx, text, starts)] == want, (rx.pattern, text)
    assert found > 300


def _compounds_by_tokens(text: str) -> list[tuple[int, int]]:
    """The hyphenated compounds _fuzzy_spans read by joining TOKEN_RE's tokens one hyphen apart."""
    tokens = [t.span() for t in places.TOKEN_RE.finditer(text)]
    out, i, n = [], 0, len(tokens)
    while i < n:
        j = i
        while j + 1 < n and tokens[j + 1][0] - tokens[j][1] == 1 and text[tokens[j][1]] in "-\u2010\u2011":
            j += 1
        out.append((tokens[i][0], tokens[j][1]))
        i = j + 1
    return out


def test_compounds_as_joined_tokens():
    for text in [*_texts("aZ1_-\u2010\u2011 Жж\u00e9\u00c9.", seed=14, n=20000, longest=16), *(a.text for a in articles(5, 0))]:
        want = _compounds_by_tokens(text)
        assert [mt.span() for mt in places.COMPOUND_RE.finditer(text)] == want, repr(text)
        assert [mt.span() for mt in places.CAPITAL_COMPOUND_RE.finditer(text) if text[mt.start()].isupper()] == [
            (s, e) for s, e in want if text[s].isupper()], repr(text)


def _exact_spans_by_tokens(text: str, m, lower: bool = False) -> list:
    """places._exact_spans as it was: a Python turn for every token of the text."""
    tokens = [t.span() for t in places.TOKEN_RE.finditer(text)]
    spans = []
    n = len(tokens)
    heads = range(n) if lower else [k for k, (s, _) in enumerate(tokens) if text[s].isupper()]
    i = 0  # the first token after the last name found
    for k in heads:
        if k < i:
            continue
        s, e = tokens[k]
        if not (text[s].isupper() or lower and text[s].islower()) or places.normalise(text[s:e]) not in m.first_tokens:
            continue
        best = None
        j = k
        while j < n and j - k < m.max_tokens:
            if j > k and not places.JOINER_RE.fullmatch(text[tokens[j - 1][1]:tokens[j][0]]):
                break
            norm = places.normalise(text[s:tokens[j][1]])
            if norm not in m.prefixes:  # the n-grams after it normalise to strings that start with it
                break
            hits = m.gazetteer.lookup(norm)
            if hits:
                best = (j, hits)
            j += 1
        if best is None:
            continue
        j, hits = best
        if text[s].islower():
            word = places.normalise(text[s:tokens[j][1]])
            hits = [] if len(word) < 4 or word in places.COMMON_WORDS or word in places.LOWER_CASE_UNSAFE else [
                c for c in hits if c.place.kind in places.LOWER_CASE_KINDS or c.place.country != "KZ"
                or c.place.kind == "town" and len(word) >= places.LOWER_CASE_TOWN_MIN]
            if not hits:
                continue
        spans.append(places._Span(s, tokens[j][1], hits, "exact"))
        i = j + 1
    return spans


def test_exact_spans_as_read_token_by_token():
    from geomap.gazetteer import Gazetteer
    m = places._matcher(Gazetteer.load())
    words = ["Aktau", "Alma", "Ata", "Alma-Ata", "Nur-Sultan", "Nur", "Sultan", "West", "Kazakhstan", "Region",
             "region", "almaty", "aktau", "Ust", "Kamenogorsk", "East", "Kazakhstan's", "the", "in", "Astana",
             "\u00c9mile", "\u0416\u0430\u043d\u0430\u043e\u0437\u0435\u043d", "Zhanaozen", "Oral", "oral",
             "Saint", "Petersburg", "_Aktau", "Almaty_", "12", "Aktau2"]
    seps = [" ", "  ", "-", " - ", "\u2013", "'", ".", ". ", ",", "\u00a0", "", "\n", "_"]
    rng = random.Random(17)
    texts = ["".join(rng.choice(words) + rng.choice(seps) for _ in range(rng.randint(1, 10))) for _ in range(6000)]
    texts += [a.text for a in articles(20, 0)]
    found = 0
    for text in texts:
        for lower in (False, True):
            want = [(sp.start, sp.end, sp.candidates) for sp in _exact_spans_by_tokens(text, m, lower)]
            found += len(want)
            assert [(sp.start, sp.end, sp.candidates) for sp in places._exact_spans(text, m, lower)] == want, text
    assert found > 10000

