"""Synthetic protest-news corpus for speed tests: ~4 KB English articles with places, dates, counts.

    /work/venv/bin/python bench/corpus.py --n 1000 --out DIR [--format txt|jsonl] [--seed 0]

Importable: ``generate(n, seed) -> Iterator[(id, text)]``; ``articles(n, seed)`` also gives the
title and publication date. The same seed always gives the same corpus, so timings compare.
The text is made from this file's own templates; it is not meant to be read, only to look like
wire copy to a geoparser (datelines, region names, persons, organisations, foreign places,
prices in tenge, relative dates and hedged counts).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

TARGET_BYTES = 4096

CITIES = [  # (name as written, region phrase)
    ("Aktau", "the Mangystau region"), ("Zhanaozen", "the Mangystau region"), ("Almaty", "the south"),
    ("Nur-Sultan", "the north"), ("Atyrau", "the Atyrau region"), ("Uralsk", "West Kazakhstan"),
    ("Aktobe", "the Aktobe region"), ("Shymkent", "the south"), ("Taraz", "the Zhambyl region"),
    ("Kyzylorda", "the Kyzylorda region"), ("Karaganda", "the Karaganda region"),
    ("Temirtau", "the Karaganda region"), ("Semey", "the east"), ("Ust-Kamenogorsk", "East Kazakhstan"),
    ("Pavlodar", "the Pavlodar region"), ("Kostanay", "the Kostanay region"), ("Petropavl", "the north"),
    ("Kokshetau", "the Akmola region"), ("Taldykorgan", "the Almaty region"), ("Turkistan", "the south"),
    ("Zhezkazgan", "the Ulytau region"), ("Ekibastuz", "the Pavlodar region"), ("Kulsary", "the Atyrau region"),
    ("Beyneu", "the Mangystau region"), ("Zhetybay", "the Mangystau region"), ("Alma-Ata", "the south"),
    ("Aqtobe", "the west"), ("Oral", "the west"), ("Chimkent", "the south"), ("Semipalatinsk", "the east"),
]
FOREIGN = ["Moscow", "Russia", "China", "Kyrgyzstan", "Bishkek", "Armenia", "London", "Washington",
           "Brussels", "Tashkent", "Belarus", "Beijing"]
PERSONS = ["Kassym-Jomart Tokayev", "Nursultan Nazarbayev", "Serik Abenov", "Aigerim Tleuzhanova",
           "Yerlan Kaliyev", "Gulnar Sadykkyzy", "Daniyar Abdikarimuly", "Roza Akhmetova", "Bolat Temirov",
           "Aral Sultanbekov", "Nura Baimukhanova", "Altay Kadyrov"]
ORGS = ["Sputnik Kazakhstan", "KazMunayGas", "Air Astana", "the Astana Times", "Democratic Choice of Kazakhstan",
        "the interior ministry", "the regional akimat", "Radio Azattyq"]
TITLES = ["akim", "President", "activist", "lawyer", "deputy", "blogger", "police spokesman"]
ACTS = ["rallied", "gathered outside the akimat", "blocked the main road", "went on strike",
        "set up yurts on the central square", "marched to the city hall", "held a sit-in",
        "staged a hunger strike"]
VIOLENT = ["stormed the regional administration", "set fire to police cars", "looted shops",
           "clashed with riot police", "seized the airport"]
STATE = ["detained {n} people", "dispersed the crowd with tear gas", "imposed a curfew",
         "declared a state of emergency until {until}", "switched off the mobile internet"]
CROWDS = ["about {n}", "some {n}", "more than {n}", "up to {n}", "at least {n}", "{n}-{m}",
          "hundreds of", "thousands of", "dozens of", "several hundred"]
WHEN = ["on {weekday}", "yesterday", "today", "late on {weekday}", "on {monthday}", "{weekday} evening",
        "two days later", "last week", "in the first days of the new year", "early {month}"]
AGENCIES = ["Reuters", "AP", "AFP", "Interfax"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
YEARS = [(2011, 12), (2016, 5), (2019, 6), (2022, 1)]


@dataclass(frozen=True, slots=True)
class SyntheticArticle:
    id: str
    title: str
    published: date
    text: str


def _crowd(rng: random.Random) -> str:
    n = rng.choice([20, 50, 60, 100, 150, 200, 300, 500, 1000, 2000, 5000])
    return rng.choice(CROWDS).format(n=f"{n:,}", m=f"{n + n // 5:,}")


def _when(rng: random.Random, day: date) -> str:
    past = day - timedelta(days=rng.randint(1, 5))
    return rng.choice(WHEN).format(weekday=WEEKDAYS[past.weekday()], monthday=f"{MONTHS[past.month - 1]} {past.day}",
                                   month=MONTHS[day.month - 1])


def _paragraph(rng: random.Random, day: date) -> str:
    city, region = rng.choice(CITIES)
    other, _ = rng.choice(CITIES)
    person = rng.choice(PERSONS)
    sentences = [
        f"{_crowd(rng).capitalize()} people {rng.choice(ACTS)} in {city}, in {region}, {_when(rng, day)}.",
        f"Police {rng.choice(STATE).format(n=rng.randint(3, 400), until=f'{MONTHS[day.month - 1]} {min(day.day + 14, 28)}')}"
        f" in {other} {_when(rng, day)}, {rng.choice(ORGS)} reported.",
        f"{rng.choice(TITLES).capitalize()} {person} said the price of gas had risen to {rng.choice([60, 90, 120])} "
        f"tenge per litre and urged people to {rng.choice(['go home', 'stay calm', 'stand to the end'])}.",
        f"Protesters {rng.choice(VIOLENT)} in {rng.choice(CITIES)[0]} {_when(rng, day)}, and "
        f"{rng.randint(2, 40)} people were injured.",
        f"Officials in {rng.choice(FOREIGN)} and {rng.choice(FOREIGN)} called for restraint.",
        f"Residents of {city} and {other} said they would continue {rng.choice(['the strike', 'the rally', 'their protest'])}.",
    ]
    rng.shuffle(sentences)
    return " ".join(sentences[: rng.randint(3, 6)])


def articles(n: int, seed: int = 0) -> Iterator[SyntheticArticle]:
    """``n`` articles of about 4 KB each; deterministic for a given ``seed``."""
    rng = random.Random(seed)
    for k in range(n):
        year, month = rng.choice(YEARS)
        day = date(year, month, rng.randint(6, 28))
        city, _ = rng.choice(CITIES)
        dateline = f"{city.upper()}, {MONTHS[month - 1][:3]} {day.day} ({rng.choice(AGENCIES)}) - "
        paragraphs, size = [], len(dateline)
        while size < TARGET_BYTES:
            p = _paragraph(rng, day)
            paragraphs.append(p)
            size += len(p.encode("utf-8")) + 2
        title = f"Protests in {city}: {rng.choice(['tensions rise', 'crowds disperse', 'police detain activists'])}"
        yield SyntheticArticle(f"syn{seed}-{k:06d}", title, day, dateline + "\n\n".join(paragraphs))


def generate(n: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    """(id, text) pairs of :func:`articles`."""
    for a in articles(n, seed):
        yield a.id, a.text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000, help="number of articles (default 1000)")
    ap.add_argument("--out", required=True, type=Path, help="output folder")
    ap.add_argument("--format", choices=("txt", "jsonl"), default="txt",
                    help="one .txt per article (with a header block) or one corpus.jsonl")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from geomap.fsutil import atomic_write_text

    items = articles(args.n, args.seed)
    if args.format == "jsonl":
        rows = (json.dumps({"id": a.id, "title": a.title, "published": a.published.isoformat(), "text": a.text},
                           ensure_ascii=False) for a in items)
        atomic_write_text(args.out / "corpus.jsonl", "\n".join(rows) + "\n")
    else:
        for a in items:
            atomic_write_text(args.out / f"{a.id}.txt",
                              f"title: {a.title}\npublished: {a.published.isoformat()}\n\n{a.text}\n")
    print(f"wrote {args.n} articles to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
