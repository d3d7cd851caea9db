"""Accuracy floors on the labelled sets (bench/data/): a change that costs accuracy fails here.

The floors sit a little below the figures measured when they were set (see the README's
"Accuracy and speed"), so that a small trade-off passes and a real regression does not. The
held-out articles were written by someone who had not seen the rules; their floors are lower
because that is what unseen text gives.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from geomap.gazetteer import Gazetteer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import accuracy  # noqa: E402

# set name, runner, places P/R floor, events (place+day+type) P/R floor
SETS = {
    "en": ("places.jsonl", "events.jsonl", (0.97, 0.95), (0.92, 0.88)),
    "ru": ("places_ru.jsonl", "events_ru.jsonl", (0.97, 0.95), (0.90, 0.87)),
    "articles": ("articles.jsonl", "articles.jsonl", (0.95, 0.95), (0.72, 0.72)),
    "articles_b": ("articles_b.jsonl", "articles_b.jsonl", (0.95, 0.94), (0.70, 0.70)),
    "articles_ru": ("articles_ru.jsonl", "articles_ru.jsonl", (0.97, 0.95), (0.67, 0.67)),
    "articles_c": ("articles_c.jsonl", "articles_c.jsonl", (0.95, 0.90), (0.68, 0.66)),
    "articles_rb": ("articles_rb.jsonl", "articles_rb.jsonl", (0.97, 0.95), (0.75, 0.70)),
    "articles_mx": ("articles_mx.jsonl", "articles_mx.jsonl", (0.95, 0.95), (0.65, 0.75)),
    "articles_d": ("articles_d.jsonl", "articles_d.jsonl", (0.94, 0.95), (0.60, 0.58)),
    "articles_e": ("articles_e.jsonl", "articles_e.jsonl", (0.96, 0.96), (0.68, 0.66)),
    "articles_rc": ("articles_rc.jsonl", "articles_rc.jsonl", (0.96, 0.95), (0.70, 0.58)),
    "articles_f": ("articles_f.jsonl", "articles_f.jsonl", (0.96, 0.96), (0.72, 0.65)),
    "articles_rd": ("articles_rd.jsonl", "articles_rd.jsonl", (0.94, 0.94), (0.62, 0.50)),
    "articles_g": ("articles_g.jsonl", "articles_g.jsonl", (0.95, 0.96), (0.76, 0.76)),
    "articles_re": ("articles_re.jsonl", "articles_re.jsonl", (0.95, 0.94), (0.58, 0.54)),
    "articles_h": ("articles_h.jsonl", "articles_h.jsonl", (0.97, 0.97), (0.62, 0.60)),
    "articles_rf": ("articles_rf.jsonl", "articles_rf.jsonl", (0.94, 0.94), (0.76, 0.74)),
    "articles_i": ("articles_i.jsonl", "articles_i.jsonl", (0.95, 0.96), (0.64, 0.72)),
    "articles_rg": ("articles_rg.jsonl", "articles_rg.jsonl", (0.94, 0.87), (0.65, 0.55)),
    "articles_j": ("articles_j.jsonl", "articles_j.jsonl", (0.96, 0.94), (0.58, 0.48)),
    "articles_rh": ("articles_rh.jsonl", "articles_rh.jsonl", (0.94, 0.96), (0.84, 0.70)),
    "articles_k": ("articles_k.jsonl", "articles_k.jsonl", (0.94, 0.92), (0.46, 0.55)),
    "articles_ri": ("articles_ri.jsonl", "articles_ri.jsonl", (0.92, 0.97), (0.66, 0.66)),
    "articles_rj": ("articles_rj.jsonl", "articles_rj.jsonl", (0.95, 0.90), (0.55, 0.55)),
    "articles_l": ("articles_l.jsonl", "articles_l.jsonl", (0.96, 0.90), (0.50, 0.58)),
    "articles_n": ("articles_n.jsonl", "articles_n.jsonl", (0.95, 0.95), (0.62, 0.61)),
    "articles_rk": ("articles_rk.jsonl", "articles_rk.jsonl", (0.95, 0.92), (0.65, 0.58)),
    "articles_m": ("articles_m.jsonl", "articles_m.jsonl", (0.94, 0.93), (0.72, 0.84)),
    "articles_q": ("articles_q.jsonl", "articles_q.jsonl", (0.97, 0.95), (0.75, 0.84)),
    "articles_rn": ("articles_rn.jsonl", "articles_rn.jsonl", (0.97, 0.96), (0.74, 0.70)),
    "articles_s": ("articles_s.jsonl", "articles_s.jsonl", (0.96, 0.95), (0.77, 0.87)),
    "articles_ro": ("articles_ro.jsonl", "articles_ro.jsonl", (0.96, 0.94), (0.77, 0.77)),
    "articles_t": ("articles_t.jsonl", "articles_t.jsonl", (0.97, 0.95), (0.70, 0.72)),
    "articles_rp": ("articles_rp.jsonl", "articles_rp.jsonl", (0.97, 0.96), (0.64, 0.64)),
    "articles_u": ("articles_u.jsonl", "articles_u.jsonl", (0.95, 0.95), (0.68, 0.68)),
    "articles_rq": ("articles_rq.jsonl", "articles_rq.jsonl", (0.96, 0.96), (0.73, 0.69)),
    "articles_v": ("articles_v.jsonl", "articles_v.jsonl", (0.95, 0.96), (0.47, 0.54)),
    "articles_rr": ("articles_rr.jsonl", "articles_rr.jsonl", (0.97, 0.91), (0.63, 0.68)),
    "articles_x": ("articles_x.jsonl", "articles_x.jsonl", (0.97, 0.97), (0.78, 0.80)),
    "articles_rs": ("articles_rs.jsonl", "articles_rs.jsonl", (0.97, 0.94), (0.82, 0.78)),
    "articles_y": ("articles_y.jsonl", "articles_y.jsonl", (0.97, 0.97), (0.62, 0.60)),
    "articles_rt": ("articles_rt.jsonl", "articles_rt.jsonl", (0.97, 0.97), (0.72, 0.70)),
    "articles_z": ("articles_z.jsonl", "articles_z.jsonl", (0.97, 0.97), (0.85, 0.80)),
    "articles_rv": ("articles_rv.jsonl", "articles_rv.jsonl", (0.95, 0.97), (0.80, 0.65)),
    "articles_w": ("articles_w.jsonl", "articles_w.jsonl", (0.95, 0.92), (0.50, 0.70)),
    "articles_rw": ("articles_rw.jsonl", "articles_rw.jsonl", (0.95, 0.90), (0.22, 0.18)),
}


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.mark.parametrize("name", SETS)
def test_accuracy_floor(gaz, name, capsys):
    place_file, event_file, (pp, pr), (ep, er) = SETS[name]
    run = accuracy.article_runner(gaz) if name.startswith("articles") else accuracy.sentence_runner(
        gaz, "ru" if name == "ru" else "en")
    s = accuracy.score_places(gaz, accuracy.load(place_file), run)
    assert s.crashed == 0 and s.persons_taken == 0
    assert s.tp / (s.tp + s.fp) >= pp and s.found / s.gold >= pr, (s.tp, s.fp, s.found, s.gold)
    c = accuracy.score_events(gaz, accuracy.load(event_file), run, False, event_file)
    assert c["crashed"] == 0
    assert c["strict"] / c["pred"] >= ep and c["strict"] / c["gold"] >= er, dict(c)
