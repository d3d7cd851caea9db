"""Property tests: extraction never raises on any text, and what it returns is well-formed."""
from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.events import extract_events
from geomap.gazetteer import Gazetteer
from geomap.places import find_places

GAZ = Gazetteer.load()
# Text that looks like reporting often enough to exercise every rule, plus arbitrary Unicode.
WORDS = st.sampled_from([
    "Aktau", "Zhanaozen", "Alma-Atu", "Nur-Sultan", "Nursultan", "Nazarbayev", "Актау", "Жаңаөзен",
    "protesters", "rallied", "detained", "injured", "killed", "riots", "looting", "state of emergency",
    "until", "January", "5", "19", "on Friday", "yesterday", "about", "50-60", "people", "a thousand",
    "in", "the", "square", "of", "Yntymak", "region", "Almaty", "Sputnik", "Kazakhstan", "Kremlin",
    ",", ".", "\n\n", "—", "“", "”", "’s", "did not", "promised to", "2011", "01/05/2022", "<script>",
])
TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(WORDS, max_size=80).map(" ".join),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)))
def test_extraction_never_raises_and_is_well_formed(text, published):
    mentions = find_places(text, GAZ, published=published)
    for m in mentions:
        assert text[m.start:m.end] == m.text
        assert m.status in ("resolved", "foreign", "rejected", "unresolved")
        assert 0.0 <= m.confidence <= 1.0
        assert (m.place is None) == (m.status in ("rejected", "unresolved"))
    events = extract_events(text, mentions, article_id="prop", published=published, gazetteer=GAZ)
    for e in events:
        assert date(1900, 1, 1) <= e.event_date <= e.event_date_end <= date(2100, 12, 31)
        assert e.place.country == "KZ"
        for n in (e.participants_min, e.participants_max, e.injured, e.killed, e.detained):
            assert n is None or n >= 0
        if e.participants_min is not None and e.participants_max is not None:
            assert e.participants_min <= e.participants_max
        first = e.evidence.split(" \u2026 ")[0]
        assert first and text[e.evidence_start:e.evidence_end].lstrip().startswith(first)
