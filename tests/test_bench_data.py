"""The hand-labelled evaluation sets in bench/data/ are well-formed and point at real places."""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from geomap.gazetteer import Gazetteer

DATA = Path(__file__).resolve().parent.parent / "bench" / "data"
KINDS = {"place", "foreign", "person", "organisation", "dateline", "nonplace"}
EVENT_TYPES = {"Protests", "Riots", "Strategic developments", "Violence against civilians", "Battles"}
ACTIONS = {"rally", "march", "sit-in", "yurts/camp", "road block", "strike", "hunger strike", "dispersal",
           "storming", "arson", "looting", "clash", "riot", "detention", "state of emergency", "curfew",
           "internet shutdown", "casualty report", "shooting", "property destruction", "armed clash"}
COUNT_FIELDS = ("participants_min", "participants_max", "injured", "killed", "detained")


def rows(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.mark.parametrize("name, minimum", [("places.jsonl", 300), ("places_ru.jsonl", 150)])
def test_place_labels(gaz, name, minimum):
    data = rows(name)
    assert len({r["id"] for r in data}) == len(data)
    total = 0
    for r in data:
        assert set(r) == {"id", "text", "published", "mentions"}, r["id"]
        date.fromisoformat(r["published"])
        prev_end = 0
        for m in r["mentions"]:
            total += 1
            where = f"{r['id']} {m}"
            assert set(m) == {"start", "end", "text", "place_id", "kind", "trap"}, where
            assert prev_end <= m["start"] < m["end"] <= len(r["text"]), f"offsets out of order: {where}"
            assert r["text"][m["start"]:m["end"]] == m["text"], f"offsets do not match: {where}"
            assert m["kind"] in KINDS, where
            if m["kind"] in ("person", "organisation", "nonplace"):
                assert m["place_id"] is None, where
            elif m["kind"] == "dateline":
                assert m["place_id"], where
            if m["place_id"]:
                place = gaz.get(m["place_id"])
                assert (place.country == "KZ") == (m["kind"] != "foreign"), where
            prev_end = m["end"]
    assert total >= minimum


def test_every_trap_class_is_covered():
    traps = {m["trap"] for r in rows("places.jsonl") for m in r["mentions"]}
    assert {"person", "organisation", "nonplace", "boilerplate", "region", "landmark", "description",
            "capital-by-date", "dateline", "foreign", "variant", "historical", "mt-damage", "caps",
            "cyrillic", "possessive", "hyphen-space", "homonym"} <= traps


@pytest.mark.parametrize("name, minimum", [("events.jsonl", 200), ("events_ru.jsonl", 80)])
def test_event_labels(gaz, name, minimum):
    data = rows(name)
    assert len({r["id"] for r in data}) == len(data)
    total = 0
    for r in data:
        assert set(r) == {"id", "text", "published", "events"}, r["id"]
        published = date.fromisoformat(r["published"])
        keys = set()
        for e in r["events"]:
            total += 1
            where = f"{r['id']} {e}"
            gaz.get(e["place_id"])
            start, end = date.fromisoformat(e["event_date"]), date.fromisoformat(e["event_date_end"])
            assert start <= end and start <= published, where
            assert end <= published or e["event_type"] == "Strategic developments", where  # announced ends
            assert e["event_type"] in EVENT_TYPES and e["action"] in ACTIONS, where
            for f in COUNT_FIELDS:
                assert e[f] is None or (isinstance(e[f], int) and e[f] >= 0), where
            if e["participants_min"] is not None and e["participants_max"] is not None:
                assert e["participants_min"] <= e["participants_max"], where
            key = (e["place_id"], e["event_date"], e["event_type"],
                   e["action"] if e["event_type"] == "Strategic developments" else "")
            assert key not in keys, f"one event per place, day, type (and measure): {where}"
            keys.add(key)
    assert total >= minimum


def test_no_markup_left():
    for name in ("places.jsonl", "events.jsonl"):
        for r in rows(name):
            assert not re.search(r"\{\{|\}\}", r["text"]), r["id"]


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("articles*.jsonl")))
def test_held_out_articles_are_well_formed(gaz, name):
    """Every held-out batch: offsets into the article's body, real place ids, ISO dates in order."""
    for r in rows(name):
        body = (DATA / r["file"]).read_text(encoding="utf-8").split("\n\n", 1)[1]
        date.fromisoformat(r["published"])
        for m in r["mentions"]:
            assert body[m["start"]:m["end"]] == m["text"], (r["id"], m)
            assert m["kind"] in KINDS, (r["id"], m)
            assert m["place_id"] is None or gaz.get(m["place_id"]) is not None, (r["id"], m)
        for e in r["events"]:
            assert e["event_type"] in EVENT_TYPES and e["action"] in ACTIONS, (r["id"], e)
            # (an event has a place: the country, a region or one of the gazetteer's; bench/accuracy.py scores by it)
            assert e["place_id"] and gaz.get(e["place_id"]) is not None, (r["id"], e)
            start = date.fromisoformat(e["event_date"])
            assert e["event_date_end"] is None or date.fromisoformat(e["event_date_end"]) >= start, (r["id"], e)
            assert all(e[f] is None or isinstance(e[f], int) for f in COUNT_FIELDS), (r["id"], e)
