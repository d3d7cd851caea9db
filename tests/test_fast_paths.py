"""Fast paths that must find what the slow form they replace finds, on random texts."""
import random
import re

from geomap import events


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
