"""Bounded fuzz of the readers: whatever bytes arrive, read_articles yields Article or InputError
values and never raises; articles are non-empty, writable as UTF-8 and uniquely, safely named."""
from __future__ import annotations

import gzip
import json
import tempfile
import warnings
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.errors import InputError, InputWarning
from geomap.ingest import SUPPORTED_SUFFIXES, Article, article_from_text, read_articles, safe_id

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SUFFIXES = [*SUPPORTED_SUFFIXES, ".TXT", ".pdf", ".gz", ""]
FRAGMENTS = ["<p>", "</p>", "<div>", "<br>", "<article>", "<script>", "</script>", "<!--", "-->",
             "<meta name='date' content='", "'>", "---\n", "title: ", "published: ", "\n\n", "\r",
             "Source link", "Kazakhstan: Aktau", "\ufeff", "\x00", "{", "}", '"text": ', ",", ";",
             "text\n", '"', "Алматы", "**", "[a](b)", "2022-13-45", "January 8, 2022",
             "\udcff", "[", "]", "NaN", "0001-01-01", "\"\n"]

texts = st.one_of(
    st.text(max_size=600),
    st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=20), max_size=40).map("".join),
    st.lists(st.dictionaries(st.sampled_from(["text", "id", "title", "published", "url", "x"]),
                             st.none() | st.integers() | st.text(max_size=30)
                             | st.lists(st.integers(), max_size=2), max_size=5),
             max_size=5).map(lambda rows: "\n".join(json.dumps(r) for r in rows)),
)
encoded = st.tuples(texts, st.sampled_from(["utf-8", "cp1251", "latin-1", "utf-16", "utf-16-le",
                                            "utf-8-sig"])
                    ).map(lambda te: te[0].encode(te[1], "ignore"))
payloads = st.one_of(st.binary(max_size=1500), encoded)


def check(items: list) -> None:
    ids = []
    for item in items:
        assert isinstance(item, (Article, InputError)), item
        if isinstance(item, InputError):
            assert item.reason and not item.reason.startswith("internal error"), item
            continue
        assert item.text.strip() and item.article_id == item.article_id.strip()
        for value in (item.text, item.title, item.source, item.url, item.article_id):
            value.encode("utf-8")  # no lone surrogates: every output can be written
        assert "\r" not in item.text and "\ufeff" not in item.text
        ids.append(item.article_id.lower())
    assert len(ids) == len(set(ids))


@FUZZ
@given(files=st.lists(st.tuples(payloads, st.sampled_from(SUFFIXES), st.booleans()),
                      min_size=1, max_size=3))
def test_read_articles_never_raises(files):
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i, (data, suffix, compress) in enumerate(files):
            if compress and suffix.endswith(".gz"):
                data = gzip.compress(data)
            path = Path(tmp) / f"f{i}{suffix}"
            path.write_bytes(data)
            paths.append(path)
        with warnings.catch_warnings(record=True) as caught:  # only InputWarnings, each said clearly
            warnings.simplefilter("always")
            check(list(read_articles(paths, max_bytes=100_000)))
            check(list(read_articles([tmp], max_bytes=100_000)))
        assert all(isinstance(w.message, InputWarning) and w.message.reason for w in caught), caught


@FUZZ
@given(text=texts)
def test_article_from_text_only_raises_input_error(text):
    try:
        check([article_from_text(text)])
    except InputError as exc:
        assert exc.reason


@FUZZ
@given(raw=st.text(max_size=300))
def test_safe_id_properties(raw):
    sid = safe_id(raw)
    assert 0 < len(sid) <= 100 and not sid.startswith(".") and ".." not in sid
    assert all(c.isascii() and (c.isalnum() or c in "-_.") for c in sid)
    assert safe_id(sid) == sid  # already-safe ids are kept as they are
