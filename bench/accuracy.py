"""Accuracy of the place and event stages on the hand-labelled sets in bench/data/.

    python bench/accuracy.py [--places] [--events] [--verbose] [--lang ru | --articles [FILE]]

A report, not a test: it always exits 0. Labelling conventions are in bench/data/README.md.
Places: a prediction is a mention with status 'resolved' or 'foreign'; it is matched one-to-one
with the gold label it overlaps most. Events: matched on (place, event_date, event_type), with a
landmark counted as its parent city; a second, date-blind match on (place, event_type) measures
how often the date was the only thing wrong.
"""
from __future__ import annotations

import argparse
import difflib
import json
import math
import sys
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
sys.path.insert(0, str(ROOT))

from geomap.gazetteer import Gazetteer  # noqa: E402
from geomap.places import find_places  # noqa: E402

NEAR_KM = 161.0  # the usual "within 100 miles" geoparsing tolerance
REQUIRED_KINDS = ("place", "foreign")
# A city of republican significance is also an ISO region; the text cannot tell them apart.
SAME_AS = {"iso:KZ-75": "gn:1526384", "iso:KZ-71": "gn:1526273", "iso:KZ-79": "gn:1518980"}
COUNT_FIELDS = ("participants_min", "participants_max", "injured", "killed", "detained")


def load(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def canonical(place_id: str | None) -> str | None:
    return SAME_AS.get(place_id, place_id) if place_id else place_id


def km(a, b) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def pct(num: int, den: int) -> str:
    return f"{100 * num / den:5.1f}%" if den else "    -"


def match_spans(preds: list, golds: list[dict]) -> tuple[dict[int, int], list[int]]:
    """One-to-one matching by largest overlap: {pred index: gold index}, unmatched preds."""
    pairs = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            overlap = min(p.end, g["end"]) - max(p.start, g["start"])
            if overlap > 0:
                pairs.append((-overlap, i, j))
    pairs.sort()
    pm: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in pairs:
        if i not in pm and j not in used:
            pm[i] = j
            used.add(j)
    return pm, [i for i in range(len(preds)) if i not in pm]


# --- places ------------------------------------------------------------------------------------

@dataclass
class PlaceScore:
    tp: int = 0                  # predictions on a gold place (any id)
    fp: int = 0                  # predictions on nothing, or on a person/organisation/non-place
    gold: int = 0                # required gold places
    found: int = 0               # required gold places matched by a prediction
    exact: int = 0               # ... with the same place_id
    near: int = 0                # ... within NEAR_KM
    persons_taken: int = 0
    orgs_taken: int = 0
    crashed: int = 0
    trap: dict = field(default_factory=lambda: defaultdict(Counter))
    errors: list = field(default_factory=list)


def data_file(stage: str, lang: str) -> str:
    """bench/data/places.jsonl for English, places_ru.jsonl for Russian, ..."""
    return f"{stage}.jsonl" if lang == "en" else f"{stage}_{lang}.jsonl"


def score_places(gaz: Gazetteer, rows: list[dict], run) -> PlaceScore:
    s = PlaceScore()
    for row in rows:
        golds = row["mentions"]
        try:
            mentions = run(row)[0]
        except Exception:
            s.crashed += 1
            s.errors.append((row["id"], "CRASH", traceback.format_exc(limit=2).strip().splitlines()[-1]))
            continue
        preds = [m for m in mentions if m.status in ("resolved", "foreign")]
        pm, unmatched = match_spans(preds, golds)
        hit = {j: preds[i] for i, j in pm.items()}
        for i in unmatched:
            s.fp += 1
            s.errors.append((row["id"], "spurious", f"{preds[i].text!r} -> {preds[i].place.place_id}"))
        for j, g in enumerate(golds):
            t = s.trap[g["trap"]]
            t["n"] += 1
            p = hit.get(j)
            if g["place_id"] is None:
                if p is None:
                    t["ok"] += 1
                elif g["kind"] == "organisation" and p.place.kind == "country":
                    t["ok"] += 1     # "Sputnik Kazakhstan" may count as a country mention
                elif g["kind"] in REQUIRED_KINDS:
                    t["ok"] += 1     # a real place outside the gazetteer: neither right nor wrong
                else:
                    s.fp += 1
                    s.persons_taken += g["kind"] == "person"
                    s.orgs_taken += g["kind"] == "organisation"
                    s.errors.append((row["id"], f"{g['kind']} taken", f"{g['text']!r} -> {p.place.place_id}"))
                continue
            required = g["kind"] in REQUIRED_KINDS
            if p is None:
                if required:
                    s.gold += 1
                    s.errors.append((row["id"], "missed", f"{g['text']!r} ({g['place_id']}, {g['trap']})"))
                continue
            s.tp += 1
            same = canonical(p.place.place_id) == canonical(g["place_id"])
            near = same or km(p.place, gaz.get(g["place_id"])) <= NEAR_KM
            if required or same:
                s.gold += 1
                s.found += 1
                s.exact += same
                s.near += near
            t["found"] += 1
            t["ok"] += same
            if not same:
                s.errors.append((row["id"], "wrong place",
                                 f"{g['text']!r}: {p.place.place_id} {p.place.name} ({p.place.kind}) "
                                 f"instead of {g['place_id']}{'' if near else ' (>161 km)'}"))
    return s


def report_places(s: PlaceScore, verbose: bool, name: str) -> None:
    prec = s.tp / (s.tp + s.fp) if s.tp + s.fp else 0.0
    rec = s.found / s.gold if s.gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    print(f"PLACES  (bench/data/{name})")
    print(f"  precision {prec:6.1%}   recall {rec:6.1%}   F1 {f1:6.1%}   "
          f"(predictions on gold {s.tp}, false {s.fp}; gold places {s.gold}, found {s.found})")
    print(f"  exact place_id {pct(s.exact, s.found)} of found ({pct(s.exact, s.gold).strip()} of all gold); "
          f"within {NEAR_KM:.0f} km {pct(s.near, s.found)} of found")
    print(f"  persons taken for places {s.persons_taken}; organisations taken {s.orgs_taken}; "
          f"texts that crashed {s.crashed}")
    print("  trap class            n  found   right")
    for trap, c in sorted(s.trap.items(), key=lambda kv: -kv[1]["n"]):
        if trap in ("person", "organisation", "nonplace", "boilerplate", "not-in-gazetteer"):
            print(f"  {trap:18s} {c['n']:4d}      -  {pct(c['ok'], c['n'])}  (left alone)")
        else:
            print(f"  {trap:18s} {c['n']:4d} {pct(c['found'], c['n'])}  {pct(c['ok'], c['n'])}")
    kinds = Counter(kind for _, kind, _ in s.errors)
    print("  errors: " + ", ".join(f"{k} {v}" for k, v in kinds.most_common()))
    if verbose:
        for rid, kind, what in s.errors:
            print(f"    {rid} {kind:18s} {what}")


# --- events ------------------------------------------------------------------------------------

def event_place(place, gaz: Gazetteer) -> str:
    """Landmarks count as their city; cities of republican significance as the city."""
    pid = place.place_id
    if place.kind == "landmark" and place.parent_id:
        pid = place.parent_id
    return canonical(pid)


def gold_place(pid: str, gaz: Gazetteer) -> str:
    return event_place(gaz.get(pid), gaz)


def score_events(gaz: Gazetteer, rows: list[dict], run, verbose: bool, name: str) -> Counter:
    """Prints the event scores; returns the raw tallies (gold, pred, strict, loose, ...)."""
    print(f"EVENTS  (bench/data/{name})")
    c = Counter()
    errors: list[tuple[str, str, str]] = []
    per_type = defaultdict(Counter)
    for row in rows:
        try:
            preds = run(row)[1]
        except Exception:
            c["crashed"] += 1
            errors.append((row["id"], "CRASH", traceback.format_exc(limit=3).strip().splitlines()[-1]))
            continue
        golds = row["events"]
        c["gold"] += len(golds)
        c["pred"] += len(preds)
        pkey = [(event_place(e.place, gaz), e.event_type) for e in preds]
        gkey = [(gold_place(g["place_id"], gaz), g["event_type"]) for g in golds]
        free = set(range(len(preds)))
        pairs: list[tuple[int, int, bool]] = []
        # strict pass: place, type and day; then a date-blind pass on place and type
        for strict in (True, False):
            for j, g in enumerate(golds):
                if any(pj == j for _, pj, _ in pairs):
                    continue
                cands = [i for i in free if pkey[i] == gkey[j]
                         and (not strict or preds[i].event_date.isoformat() == g["event_date"])]
                if cands:
                    i = min(cands, key=lambda i: (preds[i].action != g["action"], abs(
                        (preds[i].event_date - date.fromisoformat(g["event_date"])).days)))
                    free.discard(i)
                    pairs.append((i, j, strict))
        for g, (pl, et) in zip(golds, gkey):
            per_type[et]["gold"] += 1
        for i, j, strict in pairs:
            p, g = preds[i], golds[j]
            c["loose"] += 1
            per_type[g["event_type"]]["loose"] += 1
            if not strict:
                errors.append((row["id"], "wrong date", f"{g['place_id']} {g['event_type']}: "
                               f"{p.event_date} instead of {g['event_date']}"))
                continue
            c["strict"] += 1
            per_type[g["event_type"]]["strict"] += 1
            c["end_ok"] += p.event_date_end.isoformat() == g["event_date_end"]
            if p.event_date_end.isoformat() != g["event_date_end"]:
                errors.append((row["id"], "wrong end", f"{g['place_id']} {g['event_date']}: "
                               f"{p.event_date_end} instead of {g['event_date_end']}"))
            c["action_ok"] += p.action == g["action"]
            if p.action != g["action"]:
                errors.append((row["id"], "wrong action", f"{g['place_id']} {g['event_date']}: "
                               f"{p.action!r} instead of {g['action']!r}"))
            for f in COUNT_FIELDS:
                if g[f] is not None:
                    c["count_n"] += 1
                    ok = getattr(p, f) == g[f]
                    c["count_ok"] += ok
                    c[f"{f}_n"] += 1
                    c[f"{f}_ok"] += ok
                    if not ok:
                        errors.append((row["id"], "wrong count", f"{g['place_id']} {g['event_date']} "
                                       f"{f}: {getattr(p, f)} instead of {g[f]}"))
        matched_g = {j for _, j, _ in pairs}
        matched_p = {i for i, _, _ in pairs}
        for j, g in enumerate(golds):
            if j not in matched_g:
                errors.append((row["id"], "missed", f"{g['place_id']} {g['event_date']} {g['event_type']} "
                               f"{g['action']}"))
        for i, p in enumerate(preds):
            if i not in matched_p:
                errors.append((row["id"], "spurious", f"{p.place.place_id} {p.place.name} {p.event_date} "
                               f"{p.event_type} {p.action}: {p.evidence[:70]!r}"))
    ps, rs = c["strict"] / c["pred"] if c["pred"] else 0, c["strict"] / c["gold"] if c["gold"] else 0
    pl, rl = c["loose"] / c["pred"] if c["pred"] else 0, c["loose"] / c["gold"] if c["gold"] else 0
    print(f"  place+day+type: precision {ps:6.1%}  recall {rs:6.1%}   "
          f"(gold {c['gold']}, predicted {c['pred']}, matched {c['strict']})")
    print(f"  place+type:     precision {pl:6.1%}  recall {rl:6.1%}   exact day {pct(c['strict'], c['loose'])}")
    print(f"  of matched: end date {pct(c['end_ok'], c['strict'])}  action {pct(c['action_ok'], c['strict'])}  "
          f"counts {pct(c['count_ok'], c['count_n'])} of {c['count_n']} labelled fields; crashed {c['crashed']}")
    print("  " + "  ".join(f"{f} {pct(c[f + '_ok'], c[f + '_n']).strip()}/{c[f + '_n']}" for f in COUNT_FIELDS))
    for et, k in sorted(per_type.items(), key=lambda kv: -kv[1]["gold"]):
        print(f"  {et:24s} gold {k['gold']:4d}  recall {pct(k['strict'], k['gold'])} (any day {pct(k['loose'], k['gold'])})")
    kinds = Counter(kind for _, kind, _ in errors)
    print("  errors: " + ", ".join(f"{k} {v}" for k, v in kinds.most_common()))
    if verbose:
        for rid, kind, what in errors:
            print(f"    {rid} {kind:13s} {what}")
    return c


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--places", action="store_true", help="score the place stage only (with --events: both)")
    ap.add_argument("--events", action="store_true", help="score the event stage only (with --places: both)")
    ap.add_argument("--verbose", "-v", action="store_true", help="list every error")
    ap.add_argument("--lang", default="en", choices=("en", "ru"),
                    help="which labelled sets: en (places.jsonl, events.jsonl) or ru (*_ru.jsonl)")
    ap.add_argument("--articles", nargs="?", const="articles.jsonl", metavar="FILE",
                    help="score held-out full articles instead (default articles.jsonl; also "
                         "articles_b.jsonl, articles_ru.jsonl), read from their files by the whole "
                         "pipeline (publication dates inferred where absent)")
    args = ap.parse_args(argv)
    both = not (args.places or args.events)
    gaz = Gazetteer.load()
    if args.articles:
        rows, run = load(args.articles), article_runner(gaz)
        place_rows = event_rows = rows
        place_name = event_name = args.articles
    else:
        place_name, event_name = data_file("places", args.lang), data_file("events", args.lang)
        place_rows, event_rows, run = load(place_name), load(event_name), sentence_runner(gaz, args.lang)
    if args.places or both:
        report_places(score_places(gaz, place_rows, run), args.verbose, place_name)
    if args.events or both:
        score_events(gaz, event_rows, run, args.verbose, event_name)
    return 0


def sentence_runner(gaz: Gazetteer, lang: str):
    """(mentions, events) of a labelled text at its labelled publication date."""
    from geomap.events import extract_events

    def run(row: dict):
        published = date.fromisoformat(row["published"])
        mentions = find_places(row["text"], gaz, published=published, language=lang)
        return mentions, extract_events(row["text"], mentions, article_id=row["id"],
                                        published=published, language=lang, gazetteer=gaz)
    return run


def _offset_map(text: str, body: str):
    """A function from offsets in `text` to offsets in `body`, by the blocks the two have in common."""
    blocks = difflib.SequenceMatcher(None, text, body, autojunk=False).get_matching_blocks()

    def to_body(i: int) -> int:
        for a, b, n in blocks:
            if a <= i < a + n:
                return b + i - a
            if i < a:
                return b
        return len(body)
    return to_body


def article_runner(gaz: Gazetteer):
    """(mentions, events) of a held-out article file, read and processed as `geomap map` does."""
    from geomap.ingest import read_articles
    from geomap.pipeline import process_article

    def run(row: dict):
        (article,) = list(read_articles([str(DATA / row["file"])]))
        result = process_article(article, gaz)
        if result.published and result.published.isoformat() != row["published"]:
            print(f"  {row['id']}: publication date {result.published} ({result.published_reason}); "
                  f"labelled {row['published']}")
        # labels count from the file's body; reading may drop a headline that repeats the title or the
        # indentation of a forum's nested replies, so predicted offsets are carried over the text they match
        body = (DATA / row["file"]).read_text(encoding="utf-8").split("\n\n", 1)[1]
        to_body = _offset_map(article.text, body)
        mentions = [replace(m, start=to_body(m.start), end=to_body(m.end - 1) + 1) for m in result.mentions] \
            if article.text != body else result.mentions
        return mentions, result.events
    return run


if __name__ == "__main__":
    sys.exit(main())
