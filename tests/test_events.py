"""Event stage: patterns of wire and agency reporting that the labelled sets score in bulk."""
from __future__ import annotations

from datetime import date

import pytest

from geomap.counts import find_counts
from geomap.events import extract_events
from geomap.gazetteer import Gazetteer
from geomap.places import find_places

AKTAU, ZHANAOZEN, ATYRAU, ORAL, ALMATY = "gn:610612", "gn:607610", "gn:610529", "gn:608668", "gn:1526384"
MANGYSTAU = "iso:KZ-47"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def events(text: str, gaz, published=date(2022, 1, 6)):
    mentions = find_places(text, gaz, published=published)
    return extract_events(text, mentions, published=published, gazetteer=gaz)


def keys(evs):
    return {(e.place.place_id, e.event_date.isoformat(), e.action) for e in evs}


def test_spread_to_gives_every_place_the_event(gaz):
    evs = events("The protests began on Sunday in the oil town of Zhanaozen and quickly spread to "
                 "Aktau, the regional capital, and to Atyrau and Uralsk.", gaz)
    assert {(p, d) for p, d, _ in keys(evs)} == {
        (ZHANAOZEN, "2022-01-02"), (AKTAU, "2022-01-02"), (ATYRAU, "2022-01-02"), (ORAL, "2022-01-02")}


def test_spread_in_a_later_sentence_takes_its_own_date(gaz):
    evs = events("Protests broke out in Zhanaozen on Sunday. On Tuesday they spread to Aktau.", gaz)
    assert (AKTAU, "2022-01-04", "rally") in keys(evs)


def test_measures_and_arrests_are_separate_events(gaz):
    evs = events("A state of emergency and a curfew were declared in Almaty on Wednesday. "
                 "Police detained 40 people in Almaty on Wednesday.", gaz)
    actions = sorted(e.action for e in evs if e.place.place_id == ALMATY and e.event_type ==
                     "Strategic developments")
    assert actions == ["curfew", "detention", "state of emergency"]


def test_a_measure_declared_for_two_weeks_ends_two_weeks_later(gaz):
    (e,) = events("On Wednesday Tokayev declared a two-week state of emergency in Almaty.", gaz)
    assert (e.event_date, e.event_date_end) == (date(2022, 1, 5), date(2022, 1, 19))


def test_a_measure_for_places_does_not_locate_the_next_placeless_sentence(gaz):
    evs = events("Tokayev declared a state of emergency in Almaty and in the western Mangistau "
                 "province. More than 200 people had been detained, the ministry said.", gaz)
    emergency = {e.place.place_id for e in evs if e.action == "state of emergency"}
    assert emergency == {ALMATY, MANGYSTAU}
    (arrests,) = [e for e in evs if e.action == "detention"]
    assert (arrests.place.place_id, arrests.detained) == ("country:KZ", 200)


def test_violating_a_curfew_is_not_a_new_curfew(gaz):
    evs = events("Eighteen people were detained on Friday in Almaty for violating the curfew.", gaz,
                 published=date(2022, 1, 8))
    assert [e.action for e in evs] == ["detention"]


@pytest.mark.parametrize("text, killed", [
    ("Kazakh authorities said 164 people, including two children, were killed in the unrest.", 164),
    ("Of the 225 dead, 19 were police officers.", 225),
])
def test_a_breakdown_is_not_the_total(gaz, text, killed):
    (e,) = events(text, gaz, published=date(2022, 1, 16))
    assert e.killed == killed and e.participants_min is None


def test_included_figures_are_subsets():
    roles = [(c.text, c.role) for c in find_counts("At least 225 people died, among them 19 officers.")]
    assert roles == [("At least 225", "killed"), ("19", "subset")]
