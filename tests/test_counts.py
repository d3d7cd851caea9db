"""Counts of people: numbers, hedges, roles, and the numbers that must not be read as people."""
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.counts import find_counts, parse_number

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_ded7867c82757ddc.txt"


@pytest.mark.parametrize("words, value", [
    ("a thousand", 1000), ("eighteen", 18), ("1,000", 1000), ("6 000", 6000), ("6\u00a0000", 6000),
    ("two dozen", 24), ("a dozen", 12), ("1.5 thousand", 1500), ("10 thousand", 10_000), ("2 million", 2_000_000),
    ("twenty-five", 25), ("one hundred and twenty", 120), ("three hundred thousand", 300_000),
    ("a hundred", 100), ("Forty", 40), ("164", 164), ("12,500", 12_500), ("two thousand five hundred", 2500),
    ("1.5", None), ("two three", None), ("a", None), ("thousand thousand", None), ("twenty ninety", None),
    ("people", None), ("", None),
])
def test_parse_number(words, value):
    assert parse_number(words) == value


# sentence, expected (text, min, max, role, actor, hedge) of the single count
CASES = [
    ("About 50-60 people remain there.", ("About 50-60", 50, 60, "participants", "", "about")),
    ('Police told the site that "about 1,000" were there on Monday.', ("about 1,000", 1000, 1000,
                                                                        "participants", "", "about")),
    ("Some 60 protesters gathered outside the akimat.", ("Some 60", 60, 60, "participants", "protesters", "some")),
    ("More than 30 demonstrators marched to the square.", ("More than 30", 30, None, "participants",
                                                           "protesters", "more than")),
    ("Up to 6,000 oil workers went on strike in Zhanaozen.", ("Up to 6,000", 6000, 6000, "participants", "",
                                                              "up to")),
    ("At least 20 people were killed in the clashes.", ("At least 20", 20, None, "killed", "", "at least")),
    ("Eighteen security officials died.", ("Eighteen", 18, 18, "killed", "security forces", "exact")),
    ("Several people were hospitalised overnight.", ("Several", 3, None, "injured", "", "vague")),
    ("Dozens of protesters were detained by police.", ("Dozens", 24, None, "detained", "protesters", "vague")),
    ("Hundreds of residents rallied in Aktobe.", ("Hundreds", 200, None, "participants", "", "vague")),
    ("Thousands of people took to the streets.", ("Thousands", 2000, None, "participants", "", "vague")),
    ("Tens of thousands of people joined the rally.", ("Tens of thousands", 20_000, None, "participants", "",
                                                       "vague")),
    ("About a thousand people were injured during the protests.", ("About a thousand", 1000, 1000, "injured", "",
                                                                   "about")),
    ("The ministry reports the deaths of 18 security officials.", ("18", 18, 18, "killed", "security forces",
                                                                   "exact")),
    ("Over 20 people were detained in Almaty.", ("Over 20", 20, None, "detained", "", "more than")),
    ("Police detained 45 activists near the square.", ("45", 45, 45, "detained", "protesters", "exact")),
    ("Only three of them intend to stay to the end.", ("three", 3, 3, "subset", "", "exact")),
    ("Two of the protesters were wounded by rubber bullets.", ("Two", 2, 2, "injured", "protesters", "exact")),
    ("The death toll rose to 225.", ("225", 225, 225, "killed", "", "exact")),
    ("Between 50 and 60 people gathered near the mosque.", ("Between 50 and 60", 50, 60, "participants", "",
                                                            "range")),
    ("Two or three protesters were detained.", ("Two or three", 2, 3, "detained", "protesters", "range")),
    ("50 to 60 residents remained in the square overnight.", ("50 to 60", 50, 60, "participants", "", "range")),
    ("A 2,000-strong crowd marched on the akimat.", ("2,000-strong", 2000, 2000, "participants", "", "exact")),
    ("Some 1,500 people sought medical help.", ("Some 1,500", 1500, 1500, "injured", "", "some")),
    ("Nearly 10,000 people were arrested across the country.", ("Nearly 10,000", 10_000, 10_000, "detained", "",
                                                                "about")),
    ("Three police officers lost their lives.", ("Three", 3, 3, "killed", "security forces", "exact")),
    ("Twelve civilians were killed by unknown gunmen.", ("Twelve", 12, 12, "killed", "civilians", "exact")),
    ("1.5 thousand protesters blocked the highway.", ("1.5 thousand", 1500, 1500, "participants", "protesters",
                                                      "exact")),
    ("As many as 300 people were taken into custody.", ("As many as 300", 300, 300, "detained", "", "up to")),
    ("Seven servicemen were wounded.", ("Seven", 7, 7, "injured", "security forces", "exact")),
    ("18 were killed and the rest fled.", ("18", 18, 18, "killed", "", "exact")),
    # more kinds of people, more ways to say they protested
    ("In Shymkent, about 30 relatives held a silent picket.", ("about 30", 30, 30, "participants", "", "about")),
    ("Some 60 welders staged a sit-in in the yard.", ("Some 60", 60, 60, "participants", "", "some")),
    ("About 50 villagers held an impromptu rally.", ("About 50", 50, 50, "participants", "", "about")),
    ("Thousands of steelworkers walked out.", ("Thousands", 2000, None, "participants", "", "vague")),
    ("Police dispersed a crowd of about 1,000 outside the akimat.",
     ("about 1,000", 1000, 1000, "participants", "", "about")),
    ("Three relatives of detained activists held a hunger strike.",
     ("Three", 3, 3, "participants", "protesters", "exact")),
    ("Police detained a group of about 15 people.", ("about 15", 15, 15, "detained", "", "about")),
    # one person, in words
    ("Police in Astana detained a 34-year-old environmentalist at her flat.", ("a", 1, 1, "detained", "", "exact")),
    ("An activist was detained in Oral early in the morning.", ("An", 1, 1, "detained", "", "exact")),
    # a source's figure with no noun is the crowd's size
    ("Organisers claimed 5,000.", ("5,000", 5000, 5000, "participants", "", "exact")),
    ("The akimat counted about 250, while the rally went on.", ("about 250", 250, 250, "participants", "", "about")),
]


@pytest.mark.parametrize("sentence, expected", CASES)
def test_count(sentence, expected):
    found = find_counts(sentence)
    assert len(found) == 1, found
    c = found[0]
    assert (c.text, c.min, c.max, c.role, c.actor, c.hedge) == expected
    assert sentence[c.start:c.end] == c.text


@pytest.mark.parametrize("sentence", [
    "Participants were setting up two yurts in the central square.",
    "Three buses brought more police to the city.",
    "Liquefied gas rose to 120 tenge per litre.",
    "The price was $0.28 a litre before January 1.",
    "A 45-year-old man was later released.",
    "Turnout was 64% in the region and 30 percent of voters were undecided.",
    "The state of emergency lasts until January 19.",
    "The meeting began at 10:30 in the akimat.",
    "The events of 2011 are remembered in Zhanaozen.",
    "Protesters stayed for two days and left on 5 January 2022.",
    "The road was closed for 5 days.",
    "Article 272 of the criminal code was cited.",
    "Someone phoned the police at 10 am.",
    "Gas prices doubled on 01/05/2022.",
    "This is one of the main demands of the protesters.",
    "Tokayev signed the decree on January 5 at 11 pm.",
    "Kazakhmys claimed 20 per cent of the market.",
    "The company estimated 300 million tenge in losses.",
])
def test_not_counts(sentence):
    assert find_counts(sentence) == []


def test_offset_and_several_counts_in_one_sentence():
    sentence = "In Almaty 18 people were killed and 1,000 were injured; police detained 120."
    found = find_counts(sentence, offset=100)
    assert [(c.text, c.role, c.min) for c in found] == [("18", "killed", 18), ("1,000", "injured", 1000),
                                                        ("120", "detained", 120)]
    assert all(sentence[c.start - 100:c.end - 100] == c.text for c in found)


def test_date_next_to_a_count():
    found = find_counts("On January 5 18 people were detained in Aktau.")
    assert [(c.text, c.role) for c in found] == [("18", "detained")]


def test_seed_counts():
    text = SEED.read_text(encoding="utf-8")
    found = {(c.text, c.role, c.actor, c.min, c.max, c.hedge) for c in find_counts(text)}
    assert found == {("About 50-60", "participants", "", 50, 60, "about"),
                     ("three", "subset", "", 3, 3, "exact"),
                     ("about a thousand", "injured", "", 1000, 1000, "about"),
                     ("18", "killed", "security forces", 18, 18, "exact")}


_tokens = st.sampled_from(["about", "50", "-", "60", "people", "were", "killed", "injured", "a", "thousand",
                           "two", "yurts", "January", "19", "more", "than", "of", "them", "1,000", "$", "tenge",
                           "dozens", "hundreds", "protesters", "detained", "the", "deaths", "up", "to", "%",
                           "45-year-old", "between", "and", ",", "."])


@settings(max_examples=300, deadline=None)
@given(st.lists(_tokens, max_size=16).map(" ".join))
def test_property_count_soup(text):
    _check(text, find_counts(text))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.integers(0, 10_000))
def test_property_arbitrary_text(text, offset):
    _check(text, find_counts(text, offset), offset)


def _check(text, found, offset=0):
    for c in found:
        assert text[c.start - offset:c.end - offset] == c.text
        assert c.min >= 0
        assert c.max is None or c.min <= c.max
        assert c.role in {"participants", "injured", "killed", "detained", "subset", "other"}


@pytest.mark.parametrize("text, expected", [
    ("Police detained 13 people in Almaty and 11 in Nur-Sultan.", [(13, "detained"), (11, "detained")]),
    ("About 3,000 people remain in the square; yesterday there were around 10,000.",
     [(3000, "participants"), (10000, "participants")]),
    ("About 100 people gathered in Shymkent and about 50 in Karaganda.",
     [(100, "participants"), (50, "participants")]),
    ("Eighteen were killed, 2022 in Aktau alone.", [(18, "killed")]),
])
def test_elliptical_counts_repeat_the_role(text, expected):
    assert [(c.min, c.role) for c in find_counts(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Local journalists put the crowd at 5,000-7,000 at its peak.", [(5000, 7000, "participants")]),
    ("About 1,500 people rallied. At least 12 of them were detained.",
     [(1500, 1500, "participants"), (12, None, "detained")]),
    ("More than 1,000 people were injured, almost 400 of them badly enough to stay in hospital.",
     [(1000, None, "injured"), (400, 400, "subset")]),
    ('The rally drew "up to 3,000" people.', [(3000, 3000, "participants")]),
])
def test_estimates_and_parts_of_groups(text, expected):
    assert [(c.min, c.max, c.role) for c in find_counts(text)] == expected


def test_bringing_the_number_to_is_the_total():
    counts = find_counts("140 miners stayed below and 95 more joined them, bringing the number there to 235.")
    assert [(c.min, c.hedge) for c in counts] == [(140, "exact"), (95, "exact"), (235, "total")]


def test_a_one_person_picket_and_she_was_detained():
    found = find_counts("Activist Aigerim held a one-person picket outside the akimat. She was detained after ten minutes.")
    assert [(c.min, c.role) for c in found] == [(1, "participants"), (1, "detained")]


def test_a_run_of_digits_is_no_count():
    # (also a hang guard: the scanner was quadratic on such a run, 60,000 digits took minutes)
    found = find_counts("Police detained 20 people. " + "1" * 60_000)
    assert [(c.min, c.role) for c in found] == [(20, "detained")]


def test_a_record_s_sources_and_fields():
    got = [(c.text, c.min, c.max, c.role) for c in find_counts(
        '(a) KZ18-0214 | 2018-05-10 | Almaty | unauthorised rally | police: "about 100"; Radio Azattyq: "several '
        'hundred" | detained: at least 30.')]
    assert got == [("about 100", 100, 100, "participants"), ("several hundred", 200, None, "participants"),
                   ("at least 30", 30, None, "detained")]
    assert find_counts("Call-centre of akimat: 109.") == []


@pytest.mark.parametrize("text, who", [
    ("Police detained the strike leader, trade union lawyer Gulzhan Sadykova, in Aktau on Tuesday.",
     "Gulzhan Sadykova"),
    ("Police detained opposition leader Vladimir Kozlov in Almaty on Monday night.", "Vladimir Kozlov"),
    ("The committee said that its former head, Karim Massimov, had been detained in Nur-Sultan.", "Karim Massimov"),
])
def test_a_named_person_detained_is_one(text, who):
    assert [(c.text, c.role, c.min) for c in find_counts(text)] == [(who, "detained", 1)]


def test_each_city_keeps_its_own_detentions():
    from datetime import date
    from geomap.events import extract_events
    from geomap.gazetteer import Gazetteer
    from geomap.places import find_places
    gaz, text = Gazetteer.load(), "Police detained 13 people in Almaty and 11 in Nur-Sultan on Saturday."
    evs = extract_events(text, find_places(text, gaz), published=date(2019, 7, 6), gazetteer=gaz)
    assert {(e.place.name, e.detained) for e in evs} == {("Almaty", 13), ("Astana", 11)}


def test_a_crowd_estimated_by_the_media():
    (c,) = find_counts("Local media estimated the crowds at 200-300.")
    assert (c.role, c.min, c.max) == ("participants", 200, 300)


@pytest.mark.parametrize("text, expected", [
    # a relative clause says they gathered; the main verb after it that they were detained
    ("In Astana, some 30 people who gathered in a park were detained within minutes.",
     [(30, "participants"), (30, "detained")]),
    ("About 40 people who had protested were detained.", [(40, "participants"), (40, "detained")]),
    ("About 40 people gathered, and police detained them.", [(40, "participants")]),
    ("By Tuesday the crowd in Aktau had swelled to around 10,000.", [(10000, "participants")]),
])
def test_a_crowd_and_what_happened_to_it(text, expected):
    assert [(c.min, c.role) for c in find_counts(text)] == expected


@pytest.mark.parametrize("text, detained", [
    ("Police detained the civil society activists Max Bokayev and Talgat Ayan on Tuesday.", [2]),
    ("Police arrested Serik Zhumabayev, Aigul Omarova and Daniyar Adilov in Aktau.", [3]),
    ("Police arrested Maks Bokayev and Talgat Ayan, two activists who organised the rally.", [2]),
    ("Police detained the activist Serik Zhumabayev in Aktau.", [1]),
    ("Police detained Almaty residents and Aktau activists.", []),
])
def test_detained_names_are_counted(text, detained):
    assert [c.min for c in find_counts(text) if c.role == "detained"] == detained


def test_the_union_puts_the_figure_at():
    got = [(c.min, c.role) for c in find_counts(
        "The company says about 1,200 people are on strike; the union puts the figure at 2,500.")]
    assert got == [(1200, "participants"), (2500, "participants")]


def test_minutes_and_the_relatives_of_the_killed_are_no_such_counts():
    assert find_counts("After about twenty minutes police officers took him to the city police department.") == []
    (c,) = find_counts("Up to 12 relatives of miners killed in an accident took turns to hold single pickets.")
    assert c.role != "killed" and c.max == 12
