"""Golden expectations on the seed article (issue 2): places, events, dates, counts, outputs."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from geomap.cli import main
from geomap.ingest import read_articles
from geomap.pipeline import process_article
from geomap.table import EVENT_COLUMNS, PLACE_COLUMNS

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_ded7867c82757ddc.txt"
AKTAU, ZHANAOZEN, ALMATY, ASTANA, YNTYMAK = (
    "gn:610612", "gn:607610", "gn:1526384", "gn:1526273", "lm:yntymak-square-aktau")


@pytest.fixture(scope="module")
def result():
    (article,) = list(read_articles([SEED]))
    return process_article(article, today=date(2026, 11, 25))


@pytest.fixture(scope="module")
def events(result) -> pd.DataFrame:
    return result.events_frame()


def test_published_date_is_inferred(result):
    assert result.published == date(2022, 1, 8)
    assert result.published_inferred


def test_places(result):
    by_text: dict[str, list] = {}
    for m in result.mentions:
        by_text.setdefault(m.text, []).append(m)
    assert {m.place.place_id for m in by_text["Aktau"]} == {AKTAU}
    assert abs(by_text["Aktau"][0].place.latitude - 43.66) < 0.05
    assert abs(by_text["Aktau"][0].place.longitude - 51.17) < 0.05
    yntymak = [m for m in result.mentions if m.place and m.place.place_id == YNTYMAK]
    assert yntymak and yntymak[0].place.precision == "city-centre"
    assert by_text["Zhanaozen"][0].place.place_id == ZHANAOZEN
    assert by_text["Alma-Atu"][0].place.place_id == ALMATY
    assert by_text["Nur-Sultan"][0].place.place_id == ASTANA
    assert {m.place.place_id for m in by_text["Kazakhstan"] if m.place} == {"country:KZ"}
    for foreign in ("China", "Armenia", "Russian Federation", "Kremlin"):
        assert by_text[foreign][0].status == "foreign", foreign
        assert not by_text[foreign][0].eventable


@pytest.mark.parametrize("not_place", [
    "Nursultan", "Nursultae", "Nazarbayev", "Tokayev", "Kassym", "Jomart", "Zhomart", "Pashinyan",
    "Nikol", "Best"])
def test_not_places(result, not_place):
    for m in result.mentions:
        if not_place in m.text:
            assert m.status == "rejected" and not m.eventable, m


def test_sputnik_kazakhstan_is_not_an_event_place(result):
    start = SEED.read_text(encoding="utf-8").find("Sputnik Kazakhstan")
    for m in result.mentions:
        if m.text == "Kazakhstan" and m.start > 0 and "Sputnik" in result.article.text[m.start - 9:m.start]:
            assert not m.eventable
    assert start > 0


def _rows(events, place_ids, **eq):
    sel = events[events["place_id"].isin(place_ids)]
    for k, v in eq.items():
        sel = sel[sel[k] == v]
    return sel


def test_aktau_dispersal_on_publication_day(events):
    rows = _rows(events, [AKTAU, YNTYMAK], event_date="2022-01-08", event_type="Protests")
    assert len(rows) == 1
    row = rows.iloc[0]
    assert row["participants_min"] == 50 and row["participants_max"] == 60
    assert "disperse" in row["evidence"]


def test_aktau_friday_protest_with_yurts(events):
    rows = _rows(events, [AKTAU, YNTYMAK], event_date="2022-01-07", event_type="Protests")
    assert len(rows) == 1
    # two yurts is not a crowd size
    assert pd.isna(rows.iloc[0]["participants_min"])


def test_mass_protests_in_early_january(events):
    for pid in (ZHANAOZEN, AKTAU):
        rows = events[(events["place_id"] == pid) & (events["event_type"] == "Protests")
                      & (events["time_precision"] >= 2)]
        assert len(rows) == 1, pid
        row = rows.iloc[0]
        assert "2022-01-01" <= row["event_date"] <= "2022-01-05" <= row["event_date_end"] <= "2022-01-10"


def test_almaty_riots(events):
    rows = events[(events["place_id"] == ALMATY) & (events["event_type"] == "Riots")]
    assert len(rows) == 1
    row = rows.iloc[0]
    assert row["action"] in ("looting", "storming")
    assert "2022-01-01" <= row["event_date"] <= "2022-01-07"


def test_country_level_events(events):
    country = events[events["place_kind"] == "country"]
    assert (country["geo_precision"] == 3).all()
    soe = country[country["action"] == "state of emergency"]
    assert len(soe) == 1 and soe.iloc[0]["event_date_end"] == "2022-01-19"
    casualties = country[country["injured"].notna() | country["killed"].notna()]
    assert len(casualties) == 1
    cas = casualties.iloc[0]
    assert cas["injured"] == 1000 and cas["killed"] == 18
    assert "security forces" in cas["actors"]


def test_no_events_at_astana_or_abroad(events):
    assert not (events["place_id"] == ASTANA).any()
    assert (events["country"] == "KZ").all()


def test_intentions_are_not_events(events):
    assert not events["evidence"].str.contains("intend to", regex=False).any() or \
        events[events["evidence"].str.contains("intend to", regex=False)]["participants_min"].ne(3).all()
    assert not events["evidence"].str.contains("promised to destroy", regex=False).any()
    assert not events["evidence"].str.contains("rally around", regex=False).any()


def test_event_table_columns_and_ids_are_stable(result, events):
    assert list(events.columns) == EVENT_COLUMNS
    again = process_article(result.article, today=date(2026, 11, 25)).events_frame()
    assert list(again["event_id"]) == list(events["event_id"])
    text = result.article.text
    for _, row in events.iterrows():
        assert text[row["evidence_start"]:row["evidence_end"]].strip()


def test_cli_map_writes_every_output(tmp_path):
    out = tmp_path / "maps"
    with pytest.raises(SystemExit) as exc:
        main(["map", str(SEED.parent), "--out", str(out), "--quiet"])
    assert exc.value.code == 0
    names = {p.name for p in out.iterdir()}
    assert {"index.html", "000_ded7867c82757ddc.html", "events.csv", "events.geojson",
            "places.csv", "failures.csv"} <= names
    csv = pd.read_csv(out / "events.csv")
    assert list(csv.columns) == EVENT_COLUMNS
    assert list(pd.read_csv(out / "places.csv").columns) == PLACE_COLUMNS
    gj = json.loads((out / "events.geojson").read_text(encoding="utf-8"))
    assert len(gj["features"]) == len(csv)
    html = (out / "000_ded7867c82757ddc.html").read_text(encoding="utf-8")
    assert "Timeline" in html and "Aktau" in html
