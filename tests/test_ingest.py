"""Ingest: every format's happy path, the seed article, and one test per kind of broken input."""
from __future__ import annotations

import gzip
import json
import os
from datetime import date, datetime
from pathlib import Path

import pytest

from geomap import ingest
from geomap.errors import InputError, InputWarning
from geomap.ingest import (Article, article_from_text, read_articles,
                           safe_id)

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_ded7867c82757ddc.txt"
RU = ("Участники митингов в Актау разобрали юрты и расходятся. "
      "Около 50–60 человек остаются на площади.")


def read(*inputs, **kw) -> list[Article | InputError]:
    return list(read_articles(list(inputs), **kw))


def only_article(*inputs, **kw) -> Article:
    items = read(*inputs, **kw)
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


def only_error(*inputs, **kw) -> InputError:
    items = read(*inputs, **kw)
    assert len(items) == 1 and isinstance(items[0], InputError), items
    return items[0]


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# --------------------------------------------------------------------------- the seed

def test_seed_article():
    art = only_article(SEED)
    assert art.article_id == "000_ded7867c82757ddc"
    assert art.title == "Kazakhstan: end of protests, protesters go home"
    assert art.text.startswith("Participants of the rallies in Kazakhstan’s Aktau")
    assert art.text.endswith("Nazarbayev is now in Nur-Sultan. Earlier it was alleged that he "
                             "flew to China.")
    assert "Source link" not in art.text and "ad blocker" not in art.text
    assert "regards" not in art.text
    assert art.published is None and art.language == "en"
    assert art.path == str(SEED) and art.line is None and art.url == "" and art.source == ""


def test_seed_published_override():
    assert only_article(SEED, published=date(2022, 1, 8)).published == date(2022, 1, 8)
    assert only_article(SEED, published=datetime(2022, 1, 8, 9)).published == date(2022, 1, 8)


# --------------------------------------------------------------------------- .txt

def test_txt_header_block(tmp_path):
    p = write(tmp_path / "a.txt", "Title: Rally in Aktau\nSOURCE: Example News\n"
              "url: https://example.com/a?x=1\npublished: 8 January 2022\nlanguage: en-GB\n\n"
              "Protesters gathered on Yntymak square.\n\nThey went home.")
    art = only_article(p)
    assert (art.title, art.source, art.url) == ("Rally in Aktau", "Example News",
                                                "https://example.com/a?x=1")
    assert art.published == date(2022, 1, 8) and art.language == "en"
    assert art.text == "Protesters gathered on Yntymak square.\n\nThey went home."


def test_txt_header_needs_only_known_keys(tmp_path):
    # "Note" is not a known key, so the first paragraph is text, not a header
    p = write(tmp_path / "a.txt", "title: X\nNote: something\n\nBody text here.")
    art = only_article(p)
    assert art.text.startswith("title: X\nNote: something") and art.title == ""


def test_txt_header_title_repeated_as_headline_is_dropped(tmp_path):
    p = write(tmp_path / "a.txt", "title: Rally in Aktau\n\nRally in Aktau\n\nBody text.")
    art = only_article(p)
    assert art.title == "Rally in Aktau" and art.text == "Body text."


def test_txt_sentence_first_line_is_not_a_headline(tmp_path):
    p = write(tmp_path / "a.txt", "Protests ended in Aktau.\n\nPeople went home.")
    art = only_article(p)
    assert art.title == "" and art.text.startswith("Protests ended in Aktau.")


def test_txt_only_http_urls_kept(tmp_path):
    p = write(tmp_path / "a.txt", "url: javascript:alert(1)\n\nBody.")
    assert only_article(p).url == ""


@pytest.mark.parametrize("value", ["2022-01-08", "2022-01-08T10:00:00+06:00", "2022-01-08 23:59Z",
                                   "January 8, 2022", "8 January 2022", "08.01.2022",
                                   "Sat, 08 Jan 2022 10:00:00 GMT", "2022/01/08", "20220108",
                                   "2022-01-08 00:00:00 BST", "\ufeff2022-01-08"])
def test_published_formats(tmp_path, value):
    p = write(tmp_path / "a.txt", f"published: {value}\n\nBody.")
    assert only_article(p).published == date(2022, 1, 8)


@pytest.mark.parametrize("value, why", [("2022-13-45", "month must be in 1..12"),
                                        ("January 2022", "incomplete date"),
                                        ("yesterday-ish", ""), ("-2022-01-08", "signed"),
                                        ("2022-01-11T25:61:00+99:00", "")])
def test_impossible_published_date_is_an_error_and_skips_the_article(tmp_path, value, why):
    p = write(tmp_path / "a.txt", f"published: {value}\n\nBody.")
    err = only_error(p)
    assert err.path == str(p) and err.line is None
    assert err.reason.startswith(f"invalid published date {value!r}") and why in err.reason


@pytest.mark.parametrize("value, why", [("1899-12-31", "before 1900"),
                                        ("0001-01-01", "before 1900"),
                                        ("3022-01-01", "in the future")])
def test_implausible_published_date_is_an_error(tmp_path, value, why):
    # year 1 also broke date arithmetic further down the pipeline (OverflowError)
    err = only_error(write(tmp_path / "a.txt", f"published: {value}\n\nBody."))
    assert err.reason.startswith(f"invalid published date {value!r}: {why}")


def test_plausible_published_bounds():
    today = date(2022, 1, 8)
    assert ingest.plausible_published(date(1900, 1, 1), today) == date(1900, 1, 1)
    assert ingest.plausible_published(date(2022, 1, 10), today) == date(2022, 1, 10)  # time zones
    with pytest.raises(ValueError, match="in the future"):
        ingest.plausible_published(date(2022, 1, 11), today)


def test_published_override_skips_parsing_file_dates(tmp_path):
    p = write(tmp_path / "a.txt", "published: 2022-13-45\n\nBody.")
    assert only_article(p, published=date(2022, 1, 8)).published == date(2022, 1, 8)


def test_language_guess_and_header(tmp_path):
    assert only_article(write(tmp_path / "ru.txt", RU)).language == "ru"
    assert only_article(write(tmp_path / "kk.txt", f"language: KK\n\n{RU}")).language == "kk"
    assert only_article(write(tmp_path / "en.txt", "Aktau protests. " + RU[:10])).language == "en"


KK = ("Жаңаөзен қаласында газ бағасының көтерілуіне қарсы наразылық акциясы басталды. Кейін "
      "шерулер елдің басқа өңірлеріне, соның ішінде Алматы мен Ақтауға да тарады.")


def test_kazakh_is_told_from_russian_by_its_letters(tmp_path):
    assert only_article(write(tmp_path / "kk.txt", KK)).language == "kk"  # warned as unsupported
    assert only_article(write(tmp_path / "kk.txt", "Ақтауда полиция 20 адамды ұстады. Наразылық "
                                                   "білдірушілер алаңға жиналды.")).language == "kk"
    named = ("В Ақтау и Қарағанды, а также в Жаңаөзен прошли митинги. Полиция задержала 20 человек. "
             "Участники митингов разошлись.")  # Kazakh spellings of names in a Russian text
    assert only_article(write(tmp_path / "ru.txt", named)).language == "ru"
    for other in ("Бишкекте нааразылык акциясы өттү. Көп адамдар чогулду жана өкмөткө талап коюшту.",
                  "Протестувальники вийшли на вулиці Києва і Львова, щоб підтримати казахстанців."):
        assert only_article(write(tmp_path / "x.txt", other)).language == "ru"  # Kyrgyz, Ukrainian
    assert only_article(write(tmp_path / "ru.txt", f"language: ru\n\n{KK}")).language == "ru"
    assert only_article(write(tmp_path / "kk.txt", KK), language="ru").language == "ru"


# --------------------------------------------------------------------------- encodings, newlines

def test_cp1251_russian_decodes(tmp_path):
    p = write(tmp_path / "ru.txt", RU.encode("cp1251"))
    art = only_article(p)
    assert art.text == RU and art.language == "ru"


def test_latin1_decodes(tmp_path):
    text = "Le café de la place à Aktau était fermé; les manifestants réunis là ont dû partir."
    assert only_article(write(tmp_path / "fr.txt", text.encode("latin-1"))).text == text


def test_utf8_bom_stripped(tmp_path):
    art = only_article(write(tmp_path / "a.txt", b"\xef\xbb\xbftitle: T\n\nBody."))
    assert art.title == "T" and art.text == "Body."


def test_utf16_with_bom(tmp_path):
    assert only_article(write(tmp_path / "a.txt", RU.encode("utf-16"))).text == RU


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", ["Protesters gathered in Aktau on January 4, 2022.", RU])
def test_utf16_without_bom(tmp_path, codec, text):
    assert only_article(write(tmp_path / "a.txt", text.encode(codec))).text == text


def test_utf16_without_bom_in_csv(tmp_path):
    p = write(tmp_path / "a.csv", f'id,text\n1,"{RU}"\n'.encode("utf-16-le"))
    assert only_article(p).text == RU


def test_mixed_utf8_and_cp1251_lines(tmp_path):
    data = "Intro in Aktau.\n".encode() + RU.encode("cp1251") + b"\n" + RU.encode("utf-8")
    with pytest.warns(InputWarning, match="switches encoding"):
        assert only_article(write(tmp_path / "a.txt", data)).text == f"Intro in Aktau.\n{RU}\n{RU}"


def test_odd_length_utf16_is_an_error(tmp_path):
    data = "\ufeffSome text here.".encode("utf-16-le") + b"x"
    assert only_error(write(tmp_path / "a.txt", data)).reason.startswith("cannot decode as utf-16")


@pytest.mark.parametrize("nl", ["\r\n", "\r"])
def test_crlf_and_lone_cr(tmp_path, nl):
    raw = nl.join(["Headline here", "", "Line one.", "Line two.", "", "Para two."])
    art = only_article(write(tmp_path / "a.txt", raw))
    assert art.title == "Headline here"
    assert art.text == "Line one.\nLine two.\n\nPara two." and "\r" not in art.text


def test_invisible_characters_removed(tmp_path):
    art = only_article(write(tmp_path / "a.txt", "Ak\u00adtau and Zhana\u200bozen\x07 met."))
    assert art.text == "Aktau and Zhanaozen met."


# --------------------------------------------------------------------------- boilerplate

def test_boilerplate_edges_removed_but_body_kept(tmp_path):
    p = write(tmp_path / "a.txt", "Share this article\n\n"
              "We use cookies to improve your experience.\n\n"
              "The protest began. Read more about it below.\n\nSubscribers said it went on.\n\n"
              "Read more: other news\n\n© 2022 Example Media. All rights reserved.\n\n"
              "Kind regards")
    art = only_article(p)
    assert art.text == ("The protest began. Read more about it below.\n\n"
                        "Subscribers said it went on.")


def test_trailer_block_not_dropped_when_long_text_follows(tmp_path):
    long = "Long paragraph of real reporting. " * 10
    p = write(tmp_path / "a.txt", f"Intro text.\n\nSource link\n\n{long.strip()}")
    assert "Source link" in only_article(p).text


# --------------------------------------------------------------------------- .md

def test_markdown_front_matter(tmp_path):
    p = write(tmp_path / "a.md", "---\ntitle: 'Rally in Aktau'\npublished: 2022-01-08\n"
              "source: Example\n---\n# Rally in Aktau\n\nSome **bold** and [a link](https://x.org)"
              " and `code` and _em_ text.\n\n> quoted line\n\n- item one\n- item two\n")
    art = only_article(p)
    assert art.title == "Rally in Aktau" and art.published == date(2022, 1, 8)
    assert art.source == "Example"
    assert art.text == ("Some bold and a link and code and em text.\n\nquoted line\n\n"
                        "item one\nitem two")


def test_markdown_heading_becomes_title(tmp_path):
    art = only_article(write(tmp_path / "a.md", "## Protests in Zhanaozen\n\nBody text."))
    assert art.title == "Protests in Zhanaozen" and art.text == "Body text."


def test_markdown_bad_front_matter(tmp_path):
    err = only_error(write(tmp_path / "a.md", "---\ntitle: [unclosed\n---\nBody."))
    assert err.path == str(tmp_path / "a.md") and err.reason.startswith("invalid YAML front matter")
    err = only_error(write(tmp_path / "b.md", "---\n- a\n- b\n---\nBody."))
    assert "not a mapping" in err.reason


def test_markdown_unclosed_front_matter(tmp_path):
    err = only_error(write(tmp_path / "a.md", "---\ntitle: Never closed\n\nBody text."))
    assert err.reason == "YAML front matter is never closed (no '---' line after it)"
    # a leading horizontal rule is not front matter
    assert only_article(write(tmp_path / "b.md", "---\n\nBody text.")).text == "Body text."


def test_markdown_front_matter_bad_date_names_field(tmp_path):
    err = only_error(write(tmp_path / "a.md", "---\npublished: 2022-13-45\n---\nBody."))
    assert err.reason.startswith("invalid published date '2022-13-45'")


# --------------------------------------------------------------------------- .html

HTML = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Protests in Aktau | Example</title>
<meta property="og:title" content="Protests in Aktau">
<meta property="og:site_name" content="Example">
<meta property="article:published_time" content="2022-01-08T10:00:00+06:00">
<link rel="canonical" href="https://example.com/aktau">
<script>var s = "<p>not text</p>";</script><style>p { color: red }</style></head>
<body><nav>Home | World</nav><header>Site header</header>
<article><h1>Protests in Aktau</h1><p>Protesters gathered on <b>Yntymak</b>
square.</p><p>Line one<br>line two</p><!-- a comment --><aside>Related stuff</aside>
<ul><li>First</li><li>Second</li></ul><form>Search</form></article>
<footer>Footer</footer></body></html>"""


def test_html_happy_path(tmp_path):
    art = only_article(write(tmp_path / "a.html", HTML))
    assert art.title == "Protests in Aktau" and art.source == "Example"
    assert art.url == "https://example.com/aktau" and art.published == date(2022, 1, 8)
    assert art.text == ("Protesters gathered on Yntymak square.\n\nLine one\nline two\n\n"
                        "First\n\nSecond")


def test_html_malformed_still_works(tmp_path):
    p = write(tmp_path / "a.htm", "<html><title>T</title><body><p>First <b>bold <div>Second</p>"
              "<p>Third &amp; last<td></table></span>")
    art = only_article(p)
    assert art.title == "T" and "First bold" in art.text and "Third & last" in art.text


def test_html_json_ld_and_time_dates(tmp_path):
    ld = ('<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
          '"datePublished": "2022-01-08T08:00:00Z"}]}</script>')
    art = only_article(write(tmp_path / "a.html", f"<html><head>{ld}</head><body><p>Text.</p>"))
    assert art.published == date(2022, 1, 8)
    p = write(tmp_path / "b.html", '<article><time datetime="PT2M">2 min</time>'
              '<time datetime="2022-01-08">8 Jan</time><p>Text.</p></article>')
    assert only_article(p).published == date(2022, 1, 8)


def test_html_bad_meta_date_is_an_error(tmp_path):
    p = write(tmp_path / "a.html", '<meta name="date" content="2022-13-45"><p>Text.</p>')
    assert only_error(p).reason.startswith("invalid published date '2022-13-45'")


def test_html_cp1251_declared(tmp_path):
    p = write(tmp_path / "a.html", f'<meta charset="windows-1251"><p>{RU}</p>'.encode("cp1251"))
    assert only_article(p).text == RU


# --------------------------------------------------------------------------- .jsonl / .csv

def test_jsonl_rows_and_bad_lines(tmp_path):
    lines = [json.dumps({"id": "r1", "text": "Row one.", "title": "T1", "url": "https://x.org",
                         "published": "January 8, 2022", "source": "S", "language": "ru"}),
             "", "{not json", "[1, 2]", json.dumps({"text": "  "}),
             json.dumps({"title": "no text"}),
             json.dumps({"text": "x", "published": "2022-13-45"}), json.dumps({"text": 5}),
             json.dumps({"text": "Row nine.", "title": ["a"]}), json.dumps({"text": "Row ten."})]
    p = write(tmp_path / "rows.jsonl", "\r\n".join(lines))
    items = read(p)
    good = [i for i in items if isinstance(i, Article)]
    bad = {i.line: i.reason for i in items if isinstance(i, InputError)}
    assert [(a.article_id, a.line) for a in good] == [("r1", 1), ("rows-10", 10)]
    first = good[0]
    assert (first.title, first.url, first.published, first.source, first.language) == (
        "T1", "https://x.org", date(2022, 1, 8), "S", "ru")
    assert set(bad) == {3, 4, 5, 6, 7, 8, 9}
    assert bad[3].startswith("invalid JSON") and bad[4] == "not a JSON object (got an array)"
    assert bad[5] == bad[6] == "missing or empty 'text'"
    assert bad[7].startswith("invalid published date '2022-13-45'")
    assert bad[8] == "field 'text' must be a string, not int"
    assert bad[9] == "field 'title' must be a single value, not list"
    assert all(i.path == str(p) for i in items)


def test_ndjson_and_non_utf8_line(tmp_path):
    p = write(tmp_path / "a.ndjson",
              b'{"text": "ok"}\n{"text": "\xff\xfe bad"}\n{"text": "ok 2"}\n')
    items = read(p)
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "Article"]
    assert items[1].line == 2 and items[1].reason.startswith("line is not valid UTF-8")


def test_csv_rows(tmp_path):
    p = write(tmp_path / "a.csv", 'id,Title,text,published\n1,T1,"Hello\nworld",2022-01-08\n'
              "2,T2,,\n\n3,T3,Third.,2022-13-45\n,,Fourth.,\n")
    items = read(p)
    assert isinstance(items[0], Article) and items[0].text == "Hello\nworld"
    assert (items[0].article_id, items[0].line, items[0].title) == ("1", 2, "T1")
    assert (items[1].line, items[1].reason) == (4, "missing or empty 'text'")
    assert items[2].line == 6 and "2022-13-45" in items[2].reason
    assert (items[3].article_id, items[3].line) == ("a-7", 7)


def test_csv_semicolon_cp1251_and_missing_column(tmp_path):
    p = write(tmp_path / "ru.csv", f"title;text\nАктау;{RU}\n".encode("cp1251"))
    art = only_article(p)
    assert art.text == RU and art.title == "Актау" and art.article_id == "ru-2"
    err = only_error(write(tmp_path / "b.csv", "id,words\n1,hello\n"))
    assert err.line == 1 and err.reason.startswith("CSV header has no 'text' column")
    err = only_error(write(tmp_path / "c.csv", "id,text\n"))
    assert err.reason == "no article rows in file"


def test_usual_other_column_names_are_read(tmp_path):
    body = write(tmp_path / "a.csv", "id,body,date\n1,Police detained 20 people in Aktau.,2022-01-05\n")
    content = write(tmp_path / "b.csv", "headline;content;published_at;link\n"
                                        "Rally;Protesters rallied in Almaty.;2022-01-06;https://x.kz/1\n")
    rows = write(tmp_path / "c.jsonl", '{"body": "A rally in Aktau.", "date": "2022-01-07"}\n'
                                       '{"text": "Own name first.", "body": "not this", '
                                       '"published": "2022-01-08", "date": "not a date"}\n')
    assert [(i.text, i.published, i.title, i.url) for i in read(body, content, rows)] == [
        ("Police detained 20 people in Aktau.", date(2022, 1, 5), "", ""),
        ("Protesters rallied in Almaty.", date(2022, 1, 6), "Rally", "https://x.kz/1"),
        ("A rally in Aktau.", date(2022, 1, 7), "", ""),
        ("Own name first.", date(2022, 1, 8), "", "")]
    err = only_error(write(tmp_path / "d.csv", "id,words\n1,Rally.\n"))
    assert err.reason.startswith("CSV header has no 'text' column (nor body, content, article")


def test_row_files_appended_to_each_other_are_read_whole(tmp_path):
    rows = write(tmp_path / "a.jsonl", b'{"text": "Rally in Aktau."}\n\xef\xbb\xbf{"text": "Rally in Almaty."}\n')
    assert [i.text for i in read(rows)] == ["Rally in Aktau.", "Rally in Almaty."]
    table = write(tmp_path / "a.csv", b"id,text\n1,Rally in Aktau.\n\xef\xbb\xbfid,Text\n2,Rally in Almaty.\n")
    assert [(i.article_id, i.text) for i in read(table)] == [("1", "Rally in Aktau."), ("2", "Rally in Almaty.")]


def test_csv_rows_in_a_legacy_encoding_after_an_ascii_start_are_decoded(tmp_path):
    ascii_rows = "".join(f"{i},Rally number {i} in Aktau with some words to fill the line.\n"
                         for i in range(2000)).encode()  # over the 64 KB the encoding is told from
    legacy = [("Police said it’s over in Almaty.", "cp1252"), ("Café owners rallied in Aktau.", "cp1252"),
              (RU, "cp1251"), (RU.replace("–", "-"), "koi8_r"), ("Café owners rallied in Aktau.", "utf-8")]
    p = write(tmp_path / "a.csv", b"id,text\n" + ascii_rows + b"".join(
        f'{n},"{text}"\n'.encode(codec) for n, (text, codec) in enumerate(legacy)))
    with pytest.warns(InputWarning, match="line.s. 2002, 2004 as cp1251"):
        items = read(p)
    assert all(isinstance(i, Article) for i in items)
    assert [i.text for i in items[-len(legacy):]] == [text for text, _ in legacy]


def test_row_files_stream_with_a_per_line_limit(tmp_path):
    p = write(tmp_path / "a.jsonl", '{"text": "short"}\n{"text": "%s"}\n{"text": "after"}\n'
              % ("x" * 5000))
    items = read(p, max_bytes=1000)  # the file is larger than max_bytes, but streamed
    assert [getattr(i, "text", None) for i in items] == ["short", None, "after"]
    assert (items[1].line, items[1].reason) == (2, "line longer than 1,000 characters")


def test_jsonl_json_problems_are_short_and_clear(tmp_path):
    p = write(tmp_path / "a.jsonl", '{"text": "x", "id": 1%s}\n%s\n{"text": "x", "title": NaN}\n'
              % ("0" * 5000, "[" * 100_000))
    assert [e.reason for e in read(p)] == ["invalid JSON: a number with more than 4,300 digits",
                                           "invalid JSON: nested too deeply",
                                           "invalid JSON: NaN is not a JSON number"]


def test_jsonl_utf16_with_bom_and_a_truncated_one(tmp_path):
    rows = '{"text": "Row one."}\n{"text": "Row two."}\n'
    assert len(read(write(tmp_path / "a.jsonl", rows.encode("utf-16")))) == 2
    items = read(write(tmp_path / "b.jsonl", rows.encode("utf-16") + b"x"))
    assert isinstance(items[0], Article)
    assert items[-1].reason.startswith("cannot decode as utf-16: truncated data")


def test_nul_bytes_are_corruption_reported_where_they_are(tmp_path):
    err = only_error(write(tmp_path / "a.txt", "Some article text. " * 20 + "\0 more text."))
    assert err.reason == "corrupt text: 1 NUL byte(s), the first at character 380"
    items = read(write(tmp_path / "b.csv", "id,text\n1,bad\0row\n2,Good row.\n"))
    assert (items[0].line, items[0].reason) == (2, "row contains NUL bytes (corrupt data)")
    assert items[1].text == "Good row."
    items = read(write(tmp_path / "c.jsonl", '{"text": "ok"}\n{"text": "a\0b"}\n'))
    assert (items[1].line, items[1].reason) == (2, "line contains NUL bytes (corrupt data)")


def test_json_array_of_articles(tmp_path):
    p = write(tmp_path / "a.json", '[\n  {"id": "j1", "text": "First."},\n  5,\n'
                                   '  {"title": "no text"},\n  {"text": "Fourth."}\n]\n')
    items = read(p)
    assert [(getattr(i, "article_id", None), i.line) for i in items] == [
        ("j1", 2), (None, 3), (None, 4), ("a-5", 5)]
    assert items[1].reason == "not a JSON object (got a number) (array element 2)"
    assert items[2].reason == "missing or empty 'text'"
    assert only_article(write(tmp_path / "one.json", '{"text": "Alone."}')).text == "Alone."


@pytest.mark.parametrize("data, reason", [
    ("[]", "no article rows in file"),
    ("42", "a .json file must hold an array of article objects (or one object)"),
    ('[{"text": "a"} {"text": "b"}]', "invalid JSON: expected ',' or ']'; stopped reading"),
    ('[{"text": "a"}] junk', "invalid JSON: unexpected data after the end of the document"),
    ('[{"text": "a"},\n{broken', "invalid JSON: Expecting property name"),
    ('[{"text": "a", "id": NaN}]', "invalid JSON: NaN is not a JSON number"),
    ('{"text": "a"}\n{"text": "b"}\n', "invalid JSON: more than one top-level object"),
])
def test_broken_json_files(tmp_path, data, reason):
    errors = [i for i in read(write(tmp_path / "a.json", data)) if isinstance(i, InputError)]
    assert len(errors) == 1 and errors[0].reason.startswith(reason), errors


def test_csv_unclosed_quote_is_reported_not_swallowed(tmp_path):
    p = write(tmp_path / "a.csv", 'id,text\n1,First.\n2,"never closed\nand more\n')
    items = read(p)
    assert items[0].text == "First." and len(items) == 2
    assert (items[1].line, items[1].reason) == (
        3, "malformed CSV: a quoted field opened here is never closed; stopped reading this file")


SWALLOWED = ("malformed CSV: a quote opened on this line is not closed on it and ran over the rows "
             "after it; this row is skipped and those are read")


@pytest.mark.parametrize("closing", [
    '4,"Rally in Atyrau, with 300 people.",2022-01-06\n',  # a later quoted field: a strict error
    '4,Rally in Atyrau with 300 people.",2022-01-06\n',    # a stray quote ends it: silent before
    "4,Rally in Atyrau with 300 people.,2022-01-06\n",     # never closed at all
])
def test_csv_quote_left_open_does_not_swallow_the_rows_after_it(tmp_path, closing):
    p = write(tmp_path / "a.csv", "id,text,published\n1,Police detained 20 people in Aktau.,2022-01-05\n"
                                  '2,"Free Zhanaozen was the slogan,2022-01-05\n'
                                  "3,Protesters gathered in Almaty.,2022-01-06\n" + closing
                                  + "5,Rally in Uralsk.,2022-01-07\n")
    items = read(p)
    assert [(type(i).__name__, i.line) for i in items] == [
        ("Article", 2), ("InputError", 3), ("Article", 4), ("Article", 5), ("Article", 6)]
    assert items[1].reason == SWALLOWED
    assert items[2].text == "Protesters gathered in Almaty." and items[2].published == date(2022, 1, 6)


def test_csv_paragraphs_of_a_quoted_text_are_not_taken_for_rows(tmp_path):
    text = ("Police, who arrived at noon, detained 20.\n\nThe crowd grew to 3,000.\n\n"
            "2022, a year of protests, ended.\n\nIn Aktau, on 2022-01-05, people met.")
    rows = "".join(f'{i},"{text}",2022-01-05,https://a.kz/{i}\n' for i in (1, 2, 3))
    items = read(write(tmp_path / "a.csv", f"id,text,published,url\n{rows}"))
    assert [i.text for i in items] == [text] * 3, items
    only = "".join(f'"{text}",2022-01-05\n' for i in (1, 2))
    assert [i.text for i in read(write(tmp_path / "b.csv", f"text,published\n{only}"))] == [text] * 2


def test_csv_physical_line_over_the_limit_is_skipped_unheld(tmp_path):
    p = write(tmp_path / "a.csv", "id,text\n1,First.\n2," + "x" * 5000 + "\n3,Third.\n"
              + '4,"quoted ' + "y" * 5000 + '"\n5,Fifth.\n')
    items = read(p, max_bytes=1000)
    assert [(type(i).__name__, i.line) for i in items] == [
        ("Article", 2), ("InputError", 3), ("Article", 4), ("InputError", 5), ("Article", 6)]
    assert items[1].reason == "line longer than 1,000 characters"
    import tracemalloc

    huge = write(tmp_path / "b.csv", b"id,text\n1," + b"z" * 30_000_000 + b"\n2,Second.\n")
    tracemalloc.start()
    items = read(huge, max_bytes=1_000_000)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [type(i).__name__ for i in items] == ["InputError", "Article"] and peak < 10_000_000, peak


def test_csv_bad_rows_are_reported_and_the_rest_read(tmp_path):
    p = write(tmp_path / "a.csv", 'id,text\n1,"quoted" junk\n2,Police, protesters clashed.\n'
                                  '3,Third.\n')
    items = read(p)
    assert (items[0].line, items[0].reason) == (2, "malformed CSV row: ',' expected after '\"'")
    assert (items[1].line, items[1].reason) == (
        3, "row has 3 fields but the header has 2 (an unquoted ',' in a value?)")
    assert items[2].text == "Third."


def test_csv_header_problems(tmp_path):
    err = only_error(write(tmp_path / "a.csv", "text,id,Text\nx,1,y\n"))
    assert (err.line, err.reason) == (1, "CSV header repeats the column(s) 'text'")
    wide = "text," + ",".join(f"c{i}" for i in range(300_000)) + "\nBody.\n"
    assert only_article(write(tmp_path / "b.csv", wide)).text == "Body."  # linear, not quadratic


def test_csv_large_field(tmp_path):
    big = "word " * 60_000  # over the csv module's default 128 KiB field limit
    assert len(only_article(write(tmp_path / "a.csv", f'text\n"{big}"\n')).text) > 131_072


# --------------------------------------------------------------------------- gzip

@pytest.mark.parametrize("name, body", [
    ("a.txt.gz", "Headline\n\nBody text."),
    ("a.html.gz", "<title>Headline</title><p>Body text.</p>"),
    ("a.jsonl.gz", '{"text": "Body text.", "title": "Headline"}\n'),
    ("a.csv.gz", "title,text\nHeadline,Body text.\n"),
])
def test_gzip_variants(tmp_path, name, body):
    art = only_article(write(tmp_path / name, gzip.compress(body.encode())))
    assert art.title == "Headline" and art.text == "Body text."


def test_corrupt_and_truncated_gzip(tmp_path):
    err = only_error(write(tmp_path / "a.txt.gz", b"plain text, not gzip"))
    assert "gzip" in err.reason
    data = gzip.compress(b"Some text that is long enough. " * 100)
    err = only_error(write(tmp_path / "b.jsonl.gz", data[: len(data) // 2]))
    assert "gzip" in err.reason and err.path == str(tmp_path / "b.jsonl.gz")


def test_gzip_signature_and_trailing_junk(tmp_path):
    err = only_error(write(tmp_path / "a.txt.gz", b"plain text, not gzip"))
    assert err.reason == "not gzip data, although the name ends in .gz"
    err = only_error(write(tmp_path / "b.txt.gz", gzip.compress(b"Body text.") + b"junk"))
    assert err.reason == "corrupt gzip data: junk after the compressed data"


def test_gzip_bomb_is_bounded(tmp_path):
    p = write(tmp_path / "a.txt.gz", gzip.compress(b"a" * 2_000_000))
    err = only_error(p, max_bytes=100_000)
    assert "over the limit of 100,000 bytes" in err.reason


# --------------------------------------------------------------------------- broken inputs

@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b" \n\t\r\n  ", "file contains only whitespace"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file: looks like a PDF document, not text"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file: looks like a PNG image, not text"),
    (b"Hello\x00world\x00", "binary file: NUL bytes in the first KB"),
])
def test_empty_and_binary_files(tmp_path, data, reason):
    p = write(tmp_path / "a.txt", data)
    err = only_error(p)
    assert (err.path, err.line, err.reason) == (str(p), None, reason)


def test_binary_jsonl_refused(tmp_path):
    p = write(tmp_path / "a.jsonl", b"%PDF-1.4 whatever")
    assert only_error(p).reason == "binary file: looks like a PDF document, not text"


def test_undecodable_control_garbage(tmp_path):
    p = write(tmp_path / "a.txt", bytes(range(1, 32)) * 20)
    assert only_error(p).reason.startswith("binary file")


def test_too_large_is_refused_without_reading(tmp_path, monkeypatch):
    p = write(tmp_path / "a.txt", "x" * 2000)

    def no_open(*a, **k):
        raise AssertionError("file was opened")

    monkeypatch.setattr(ingest, "open", no_open, raising=False)
    err = only_error(p, max_bytes=1000)
    assert err.path == str(p)
    assert err.reason == "file too large: 2,000 bytes is over the limit of 1,000 bytes (max_bytes)"


def test_overlong_article_and_huge_html_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_ARTICLE_CHARS", 1000)
    err = only_error(write(tmp_path / "a.txt", "Word " * 300))
    assert err.reason == "article text too long: 1,499 characters is over the limit of 1,000 " \
                         "for one article"
    items = read(write(tmp_path / "b.jsonl", '{"text": "%s"}\n{"text": "Short."}\n' % ("w " * 600)))
    assert items[0].line == 1 and items[0].reason.startswith("article text too long")
    assert items[1].text == "Short."
    monkeypatch.setattr(ingest, "_MAX_HTML_TAGS", 100)
    err = only_error(write(tmp_path / "c.html", "<div>" * 101 + "Text."))
    assert err.reason == "HTML page too large: 101 tags is over the limit of 100 for one article"


def test_unreadable_file(tmp_path, monkeypatch):
    p = write(tmp_path / "a.txt", "Some text.")
    p.chmod(0)
    try:
        with open(p, "rb"):
            readable = True  # running as root: simulate the refusal
    except PermissionError:
        readable = False
    if readable:
        def denied(path, *a, **k):
            raise PermissionError(13, "Permission denied", str(path))
        monkeypatch.setattr(ingest, "open", denied, raising=False)
    try:
        err = only_error(p)
    finally:
        p.chmod(0o644)
    assert (err.path, err.reason) == (str(p), "permission denied")


def test_symlink_loop_and_dangling_symlink(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    dangling = tmp_path / "gone.txt"
    dangling.symlink_to(tmp_path / "missing.txt")
    assert only_error(loop).reason == "symlink loop"
    err = only_error(dangling)
    assert err.path == str(dangling) and err.reason.startswith("dangling symlink")
    # in a folder walk both are reported too
    reasons = sorted(e.reason.split(" (")[0] for e in read(tmp_path))
    assert reasons == ["dangling symlink", "symlink loop"]


def test_folder_symlink_loop(tmp_path):
    write(tmp_path / "d" / "a.txt", "Text.")
    (tmp_path / "d" / "back").symlink_to(tmp_path / "d")
    items = read(tmp_path / "d")
    assert isinstance(items[0], Article)
    assert items[1].path == str(tmp_path / "d" / "back") and "symlink loop" in items[1].reason
    assert len(items) == 2


def test_folder_without_articles(tmp_path):
    write(tmp_path / "notes.pdf", b"%PDF")
    write(tmp_path / ".hidden.txt", "Hidden text.")
    unsupported, err = read(tmp_path)
    assert unsupported.path == str(tmp_path / "notes.pdf")
    assert unsupported.reason.startswith("unsupported file type .pdf; supported: .txt, .md")
    assert err.path == str(tmp_path)
    assert err.reason.startswith(f"no supported input files in {tmp_path} (supported: .txt")


def test_unsupported_files_in_a_folder_are_reported(tmp_path):
    for name in ["a.txt", "b.docx", "c.xlsx", "README", "d.json.bak"]:
        write(tmp_path / name, "Text.")
    items = read(tmp_path)
    assert [a.article_id for a in items if isinstance(a, Article)] == ["a"]
    reasons = {Path(e.path).name: e.reason.split(";")[0] for e in items
               if isinstance(e, InputError)}
    assert reasons == {"b.docx": "unsupported file type .docx",
                       "c.xlsx": "unsupported file type .xlsx",
                       "README": "unsupported file type (no extension)",
                       "d.json.bak": "unsupported file type .bak"}
    assert [a.article_id for a in read(tmp_path, glob="*.txt")] == ["a"]  # --glob: asked for


def test_explicit_unknown_extension(tmp_path):
    err = only_error(write(tmp_path / "paper.pdf", b"%PDF"))
    assert err.reason == ("unsupported file type .pdf; supported: .txt, .md, .html, .htm, .jsonl, "
                          ".ndjson, .csv, .json (each also as .gz)")
    assert "(no extension)" in only_error(write(tmp_path / "README", "x")).reason


def test_nonexistent_path(tmp_path):
    err = only_error(tmp_path / "nope.txt")
    assert (err.path, err.reason) == (str(tmp_path / "nope.txt"), "no such file or folder")


def test_name_with_nul_is_an_error_not_an_exception():
    assert "invalid path" in only_error("bad\x00name.txt").reason


def test_fifo_is_not_read(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert only_error(fifo).reason == "not a regular file"


def test_header_only_file(tmp_path):
    err = only_error(write(tmp_path / "a.txt", "title: Only a title\n"))
    assert err.reason.startswith("no article text")


# --------------------------------------------------------------------------- folders, batches, ids

def test_folder_walk_sorted_recursive_glob_hidden(tmp_path):
    for name in ["b.txt", "a.txt", "sub/c.txt", "sub/d.md", ".git/x.txt", "sub/.e.txt"]:
        write(tmp_path / name, f"Text of {name}.")
    ids = [a.article_id for a in read(tmp_path)]
    assert ids == ["a", "b", "c", "d"]
    assert [a.article_id for a in read(tmp_path, glob="*.txt")] == ["a", "b", "c"]
    err = only_error(tmp_path, glob="*.html")
    assert "matching '*.html'" in err.reason


def test_output_folder_is_not_read_back(tmp_path):
    write(tmp_path / "a.txt", "Text.")
    write(tmp_path / "maps" / "index.html", "<p>A map, not an article.</p>")
    write(tmp_path / "maps" / "events.csv", "event_id\n1\n")
    assert [a.article_id for a in read(tmp_path, skip=[tmp_path / "maps"])] == ["a"]
    err = only_error(tmp_path / "maps", skip=[tmp_path / "maps"])
    assert err.reason.startswith("this is a geomap output folder")
    items = read(tmp_path, skip=[tmp_path / "maps" / "events.csv"])  # extract -o in the input
    assert [getattr(i, "article_id", None) for i in items] == ["a", "index"]
    write(tmp_path / "maps" / ingest.OUTPUT_MARKER, b"")  # an earlier `geomap map` output
    assert [a.article_id for a in read(tmp_path)] == ["a"]
    assert only_error(tmp_path / "maps").reason.startswith("this is a geomap output folder")


def test_hostile_file_names_are_reported_printably(tmp_path):
    names = [os.fsdecode(b"bad\xffname.txt"), "esc\x1b[2Jname.txt", "new\nline.txt"]
    for name in names:
        (tmp_path / name).write_bytes(b"")
    shown = sorted(Path(e.path).name for e in read(tmp_path) if isinstance(e, InputError))
    assert shown == ["bad\\xffname.txt", "esc\\x1b[2Jname.txt", "new\\nline.txt"]
    for name in shown:
        name.encode("utf-8")


def test_duplicate_ids_get_suffixes(tmp_path):
    write(tmp_path / "x" / "a.txt", "One.")
    write(tmp_path / "y" / "A.txt", "Two.")
    write(tmp_path / "rows.jsonl", '{"id": "a", "text": "Three."}\n{"id": "a", "text": "Four."}\n')
    ids = [a.article_id for a in read(tmp_path / "x", tmp_path / "y", tmp_path / "rows.jsonl")]
    assert ids == ["a", "A-2", "a-3", "a-4"]


def test_a_file_named_twice_is_read_once(tmp_path):
    from geomap.pipeline import count_inputs

    a = write(tmp_path / "in" / "a.txt", "Protesters gathered in Aktau.")
    b = write(tmp_path / "in" / "b.txt", "Police detained 20 people in Almaty.")
    (tmp_path / "link.txt").symlink_to(a)
    (tmp_path / "in" / "c.txt").symlink_to(a)  # in the folder, to a file in it
    (tmp_path / "only-links").mkdir()
    (tmp_path / "only-links" / "d.txt").symlink_to(b)
    inputs = [a, tmp_path / "link.txt", tmp_path / "in", tmp_path / "in" / "a.txt",
              tmp_path / "in" / ".." / "in" / "b.txt", tmp_path / "only-links"]
    assert [(i.article_id, i.path) for i in read(*inputs)] == [("a", str(a)), ("b", str(b))]
    assert count_inputs(inputs) == 2


def test_a_file_written_while_it_is_read_is_reported(tmp_path, monkeypatch):
    rows = write(tmp_path / "live.jsonl", '{"text": "Rally in Aktau."}\n{"text": "Rally in Almaty."}\n')
    items = read_articles([rows])
    assert next(items).text == "Rally in Aktau."
    with rows.open("a", encoding="utf-8") as fh:  # a scraper still writing it
        fh.write('{"text": "Rally in Ura')
    rest = list(items)
    assert rest[-1].reason == ("the file changed while it was read (is something still writing it?): "
                               "its last rows may be cut short or missing; read it again when it is "
                               "complete")
    single = write(tmp_path / "a.txt", "Rally in Aktau.")
    real = ingest._read_text

    def growing(path, *args):
        text = real(path, *args)
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(" More.")
        return text

    monkeypatch.setattr(ingest, "_read_text", growing)
    assert only_error(single).reason == ("the file changed while it was read (is something still "
                                         "writing it?); read it again when it is complete")


def test_batch_with_good_and_bad_files(tmp_path):
    good = [write(tmp_path / "g1.txt", "Good one."),
            write(tmp_path / "g2.html", "<p>Good two.</p>"),
            write(tmp_path / "g3.csv", "text\nGood three.\n")]
    bad = [write(tmp_path / "b1.txt", b""), write(tmp_path / "b2.txt", b"%PDF-1.4"),
           write(tmp_path / "b3.md", "---\n: [\n---\nx"), tmp_path / "b4.txt"]
    items = read(good[0], bad[0], good[1], bad[1], bad[2], good[2], bad[3])
    assert [a.path for a in items if isinstance(a, Article)] == [str(p) for p in good]
    assert [e.path for e in items if isinstance(e, InputError)] == [str(p) for p in bad]


@pytest.mark.parametrize("raw", ["../../etc/passwd", "/etc/passwd", "C:\\Windows\\x", "a\x00b",
                                 "x" * 500, "<script>alert(1)</script>", "..", ".", "", "   ",
                                 "новости", "CON", ".hidden", "a/../b", "\udcff"])
def test_safe_id_is_safe(raw):
    sid = safe_id(raw)
    assert sid and not sid.startswith(".") and ".." not in sid and len(sid) <= 100
    assert all(c.isascii() and (c.isalnum() or c in "-_.") for c in sid)
    assert sid.split(".")[0].upper() != "CON"


def test_safe_id_details():
    assert safe_id("000_ded7867c82757ddc") == "000_ded7867c82757ddc"
    assert safe_id("../../etc/passwd").startswith("etc_passwd-")
    assert safe_id("новости").startswith("novosti-")
    assert safe_id("x" * 500) != safe_id("x" * 499) and len(safe_id("x" * 500)) == 100
    assert safe_id("a/b") != safe_id("a_b") and safe_id("a b") != safe_id("a_b")
    assert safe_id("<script>") == safe_id("<script>")


def test_row_ids_are_sanitised(tmp_path):
    p = write(tmp_path / "a.jsonl", json.dumps({"id": "../../etc/passwd", "text": "Body."}))
    assert only_article(p).article_id.startswith("etc_passwd-")


def test_article_from_text():
    art = article_from_text("Headline\n\nBody text.\n\nSource link\n\nSubscribe now",
                            published=date(2022, 1, 8))
    assert (art.article_id, art.title, art.text, art.published, art.path) == (
        "text", "Headline", "Body text.", date(2022, 1, 8), "")
    art = article_from_text("Headline\n\nBody.", title="Given", article_id="../x")
    assert art.title == "Given" and art.text == "Headline\n\nBody." and "/" not in art.article_id
    with pytest.raises(InputError, match="no article text"):
        article_from_text("  \n ")


def test_html_declared_charset_wins(tmp_path):
    text = "Протест в Актау"  # too short for a reliable guess; the page says what it is
    p = write(tmp_path / "a.html", f'<meta charset="koi8-r"><p>{text}</p>'.encode("koi8_r"))
    assert only_article(p).text == text


def test_a_folder_whose_marker_cannot_be_checked_is_not_an_output_folder(tmp_path):
    from geomap.ingest import _output_folder

    assert _output_folder(tmp_path / ("x" * 300)) is False  # ENAMETOOLONG, as EACCES: not raised


def test_thousands_of_nested_article_elements_are_read_in_linear_time(tmp_path):
    n = 20_000
    page = ("<html><body>" + "<article>w " * n + "Thousands of protesters rallied in Zhanaozen. "
            + "</article>" * n + "</body></html>")
    (tmp_path / "nested.html").write_text(page, encoding="utf-8")
    (item,) = list(read_articles([tmp_path / "nested.html"]))
    assert "rallied in Zhanaozen" in item.text


@pytest.mark.parametrize("raw, clean", [
    ("Police detained 20 people in Ak\u200dtau.", "Police detained 20 people in Aktau."),
    ("Митинг прошёл в Жанао\u0301зене.", "Митинг прошёл в Жанаозене."),
    ("Caf\u0065\u0301 in Almaty", "Caf\u00e9 in Almaty"),  # a Latin accent is composed, not dropped
])
def test_invisible_joiners_and_russian_stress_marks_go(raw, clean):
    assert article_from_text(raw).text == clean


def test_a_row_file_is_judged_by_its_rows_not_its_first_bytes(tmp_path):
    good = json.dumps({"id": "a", "published": "2022-01-06", "text": "Protesters rallied in Aktau."})
    p = tmp_path / "lead.jsonl"
    p.write_text("\n" * 70_000 + good + "\n", encoding="utf-8")  # blank lines past the sniffed head
    assert [a.article_id for a in read_articles([p]) if isinstance(a, Article)] == ["a"]
    p = tmp_path / "torn.jsonl"
    rows = [good.replace('"a"', f'"r{i}"') for i in range(20)]
    p.write_bytes(("\n".join(rows[:10]) + "\n").encode() + b"\0" * 300 + b"\n" + ("\n".join(rows[10:]) + "\n").encode())
    items = list(read_articles([p]))
    assert [a.article_id for a in items if isinstance(a, Article)] == [f"r{i}" for i in range(20)]
    assert [e.line for e in items if isinstance(e, InputError)] == [11]


def test_gzip_bombs_and_junk_rows_stop_their_file(tmp_path):
    p = tmp_path / "bomb.jsonl.gz"
    with gzip.open(p, "wb", 9) as f:
        for _ in range(40):
            f.write(b"\n" * 1_000_000)
    errors = [e for e in read_articles([p]) if isinstance(e, InputError)]
    assert len(errors) == 1 and "inflates" in errors[0].reason
    p = tmp_path / "junk.jsonl"
    p.write_text("{}\n" * 5000, encoding="utf-8")
    errors = list(read_articles([p]))
    assert len(errors) == ingest.MAX_BAD_ROWS + 1 and "stopped reading" in errors[-1].reason


def test_a_date_error_is_said_in_plain_words(tmp_path):
    err = only_error(write(tmp_path / "a.txt", "published: 2022-01-11T25:61:00+99:00\n\nBody."))
    assert "timedelta" not in err.reason


@pytest.mark.parametrize("raw, clean", [
    ("Protest in\fAktau", "Protest in\n\nAktau"),  # pdftotext's page break
    ("in\vAktau", "in\nAktau"),
    ("in Ａｋｔａｕ and 𝐀𝐤𝐭𝐚𝐮", "in Aktau and Aktau"),
    ("Protest in \u0410ktau", "Protest in Aktau"),  # a Cyrillic А in a Latin word
    ("Митинг в Aктау", "Митинг в Актау"),  # a Latin A in a Cyrillic word
    ("Normal Алматы and Almaty, Қазақстан", "Normal Алматы and Almaty, Қазақстан"),
])
def test_odd_whitespace_compatibility_letters_and_lookalikes(raw, clean):
    assert ingest._normalise(raw) == clean


def test_html_table_cells_are_words_apart(tmp_path):
    page = tmp_path / "t.html"
    page.write_text("<html><body><table><tr><td>Protesters gathered in</td><td>Aktau</td></tr></table>"
                    "</body></html>", encoding="utf-8")
    assert "gathered in Aktau" in next(read_articles([page])).text


def test_hidden_html_is_not_article_text_unless_it_is_most_of_the_page(tmp_path):
    page = ('<html><head><style>p {color: red}</style><script>var x = "SCRIPT";</script></head>'
            "<body><article><p>Police detained 20 people in Aktau.</p>"
            '<div style="color: red; display: none !important">MENU</div><div hidden>DIALOG</div>'
            '<span aria-hidden="true">ICON</span><template><p>TEMPLATE</p></template>'
            '<noscript>NOSCRIPT</noscript><p style="visibility:hidden">SEO</p>'
            '<script type="text/template"><p>TEMPLATE2</p></script><p aria-hidden="false">'
            "Protesters gathered in Almaty.</p></article></body></html>")
    assert only_article(write(tmp_path / "a.html", page)).text == (
        "Police detained 20 people in Aktau.\n\nProtesters gathered in Almaty.")
    collapsed = ("<html><body><article><p>Police detained 20 people in Aktau.</p>"
                 '<div class="more" style="display:none"><p>Protesters gathered on the square in '
                 "Zhanaozen and stayed there for two days and nights.</p><script>var y = 1;</script>"
                 "</div></article></body></html>")  # "read more": the rest of the article
    assert only_article(write(tmp_path / "b.html", collapsed)).text == (
        "Police detained 20 people in Aktau.\n\nProtesters gathered on the square in Zhanaozen "
        "and stayed there for two days and nights.")


def test_epoch_numbers_and_null_rows_say_what_they_are(tmp_path):
    rows = tmp_path / "r.jsonl"
    rows.write_text('{"text": "Protest in Aktau.", "published": 1641340800}\nnull\n', encoding="utf-8")
    reasons = [i.reason for i in read_articles([rows]) if isinstance(i, InputError)]
    assert "epoch timestamps such as 1641340800" in reasons[0] and reasons[1] == "not a JSON object (got null)"


def test_numbers_and_booleans_that_are_not_dates_say_so(tmp_path):
    rows = write(tmp_path / "r.jsonl", "".join(json.dumps({"text": "Protest in Aktau.", "published": v}) + "\n"
                                               for v in (44566, "44566", 0, 2022.0105, 20220105, True)))
    items = read(rows)
    for err in items[:4]:
        assert err.reason.startswith("invalid published date") and "a number, not a date" in err.reason
        assert "44566 are not read" in err.reason
    assert items[4].published == date(2022, 1, 5)
    assert items[5].reason == "field 'published' must be a text or a number, not true/false"


def test_a_bad_element_of_a_one_line_json_array_is_named_by_its_position(tmp_path):
    arr = tmp_path / "a.json"
    arr.write_text('[{"text": "Protest in Aktau."}, null, {"text": "Rally in Atyrau."}]', encoding="utf-8")
    items = list(read_articles([arr]))
    assert [i.reason for i in items if isinstance(i, InputError)] == ["not a JSON object (got null) (array element 2)"]
    assert sum(not isinstance(i, InputError) for i in items) == 2


@pytest.mark.parametrize("value", ["5 января 2022", "05 января 2022, 14:30", "05.01.2022 г.", "5 января 2022 года"])
def test_russian_publication_dates_are_read(tmp_path, value):
    path = tmp_path / "r.txt"
    path.write_text(f"published: {value}\n\nВ понедельник около 200 человек вышли на митинг в Актау.",
                    encoding="utf-8")
    (article,) = read_articles([path])
    assert article.published == date(2022, 1, 5)


def test_invisible_format_characters_and_overlong_titles(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("title: \u202eReversed " + "long " * 200 + "\n\nProtesters gathered in Zhana\u200eozen and "
                    "Ak\u2066tau.", encoding="utf-8")
    (article,) = read_articles([path])
    assert "Zhanaozen and Aktau." in article.text
    assert "\u202e" not in article.title and len(article.title) <= ingest.MAX_TITLE_CHARS
    assert article.title.endswith("\u2026")


def test_a_web_page_saved_as_txt_is_read_as_html(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text('<!DOCTYPE html><html><head><title>Rally in Aktau</title>'
                    '<meta property="article:published_time" content="2022-01-06"></head>'
                    '<body><p>Police detained 20 people in Zhanaozen.</p><script>x()</script></body></html>',
                    encoding="utf-8")
    (article,) = list(read_articles([page]))
    assert article.title == "Rally in Aktau" and article.published == date(2022, 1, 6)
    assert "<" not in article.text and "x()" not in article.text


@pytest.mark.parametrize("wrapper", ['<div class="hidden">', '<span class="sr-only">', '<div class="visually-hidden">',
                                     '<div class="x d-none">', '<div class="hide">', "<dialog>", "<noscript>",
                                     "<template>", '<div class="screen-reader-text">'])
def test_html_hidden_by_class_or_closed_dialog_is_not_article_text(tmp_path, wrapper):
    tag = wrapper[1:].split()[0].rstrip(">")
    page = (f"<html><body><article><p>Police detained 20 people in Aktau.</p>{wrapper}<p>MENU subscribe to "
            f"our newsletter</p></{tag}><p>Protesters gathered in Almaty.</p></article>"
            f"{wrapper}<article><p>{'A longer article that the page hides. ' * 5}</p></article></{tag}>"
            "</body></html>")
    assert only_article(write(tmp_path / "a.html", page)).text == (
        "Police detained 20 people in Aktau.\n\nProtesters gathered in Almaty.")


def test_html_open_dialog_and_hidden_that_is_most_of_the_page_are_read(tmp_path):
    page = ("<html><body><p>Police detained 20 people in Aktau.</p><dialog open><p>Open dialog.</p></dialog>"
            '<div class="hidden-xs">Shown on big screens.</div><div class="hidden md:block">Tailwind.</div>'
            '<div class="d-none d-lg-block">Bootstrap.</div></body></html>')
    assert only_article(write(tmp_path / "a.html", page)).text == (
        "Police detained 20 people in Aktau.\n\nOpen dialog.\n\nShown on big screens.\n\nTailwind.\n\n"
        "Bootstrap.")
    collapsed = ('<html><body><p>Menu</p><div class="hide"><p>Protesters gathered on the square in '
                 "Zhanaozen and stayed there for two days and nights.</p></div></body></html>")
    assert "Zhanaozen" in only_article(write(tmp_path / "b.html", collapsed)).text
    only_hidden = ('<html><body><div class="d-none"><article><p>Protesters gathered on the square in '
                   "Zhanaozen and stayed there for two days.</p></article></div></body></html>")
    assert "Zhanaozen" in only_article(write(tmp_path / "c.html", only_hidden)).text


@pytest.mark.parametrize("padding", [0, 2000])  # switching inside the first 64 KB, or after them
def test_csv_switching_from_cp1251_to_utf8_is_read_row_by_row(tmp_path, padding):
    filler = [f"p{i},{RU} Строка {i}.\r\n".encode("cp1251") for i in range(padding)]
    data = (b"id,text\r\n" + b"".join(filler) + f"a,{RU}\r\n".encode("cp1251")
            + "b,Жители Жанаозена вышли на площадь — «мирно».\r\n".encode("utf-8")
            + f"c,{RU}\r\n".encode("cp1251"))
    with pytest.warns(InputWarning, match="switches encoding"):
        items = read(write(tmp_path / "mixed.csv", data))
    arts = {i.article_id: i for i in items if isinstance(i, Article)}
    assert arts["a"].text == RU and arts["c"].text == RU
    assert arts["b"].text == "Жители Жанаозена вышли на площадь — «мирно»."
    assert all(a.text.startswith(RU) for a in arts.values() if a.article_id != "b")
    assert len(arts) == len(items) == padding + 3


@pytest.mark.parametrize("name", ["a.jsonl.gz", "a.csv.gz", "a.json.gz"])
def test_truncated_gzip_keeps_the_rows_read_and_says_where_it_broke(tmp_path, name):
    rows = [{"id": f"r{i}", "text": f"Protest number {i} in Aktau, with words to fill the line."} for i in range(3000)]
    if name == "a.jsonl.gz":
        body = "".join(json.dumps(r) + "\n" for r in rows)
    elif name == "a.csv.gz":
        body = "id,text\n" + "".join(f'{r["id"]},"{r["text"]}"\n' for r in rows)
    else:
        body = json.dumps(rows, indent=1)
    data = gzip.compress(body.encode(), mtime=0)
    items = read(write(tmp_path / name, data[: len(data) // 2]))
    arts, errors = items[:-1], items[-1:]
    assert arts and all(isinstance(a, Article) for a in arts)
    assert [a.article_id for a in arts] == [f"r{i}" for i in range(len(arts))]
    assert len(arts) < 3000 and arts[-1].text == rows[len(arts) - 1]["text"]  # none cut short
    err = errors[0]
    assert isinstance(err, InputError) and err.path == str(tmp_path / name)
    assert "truncated gzip" in err.reason and err.line is not None and err.line > arts[-1].line
    assert f"{err.line - 1:,}" in err.reason or f"{err.line:,}" in err.reason


def test_truncated_gzip_single_article_is_refused_saying_so(tmp_path):
    data = gzip.compress(("Headline\n\n" + "Protest in Aktau. " * 5000).encode())
    err = only_error(write(tmp_path / "a.txt.gz", data[: len(data) // 2]))
    assert "truncated gzip" in err.reason and "cut short" in err.reason


@pytest.mark.parametrize("name", ["a.html", "a.html.gz", "a.txt"])
def test_inline_images_and_huge_attributes_do_not_multiply_memory(tmp_path, name):
    import base64
    import tracemalloc

    photo = base64.b64encode(os.urandom(300_000)).decode()
    page = ("<!DOCTYPE html><html><head><title>Protest in Aktau</title><style>.x{background:url(data:image/png;base64,"
            + photo + ")}</style></head><body><article>"
            + "".join(f'<p>Paragraph {i}: people gathered in Aktau.</p><img alt="photo {i}" src="data:image/jpeg;base64,'
                      f'{photo}"><div data-props=\'{"x" * 100_000}\'>Caption {i}.</div>' for i in range(20))
            + "</article></body></html>")
    data = page.encode()
    path = write(tmp_path / name, gzip.compress(data) if name.endswith(".gz") else data)
    tracemalloc.start()
    try:
        art = only_article(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert art.title == "Protest in Aktau" and "Paragraph 19: people gathered in Aktau.\n\nCaption 19." in art.text
    assert "base64" not in art.text and peak < 2.5 * len(data), peak / len(data)


@pytest.mark.parametrize("name", ["a.txt", "a.csv", "a.jsonl", "a.json", "a.html"])
@pytest.mark.parametrize("bom", [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"])
def test_a_file_of_only_a_byte_order_mark_says_so(tmp_path, name, bom):
    assert only_error(write(tmp_path / name, bom)).reason == "file contains only a byte-order mark, no text"


def test_form_controls_and_media_fallbacks_are_not_article_text(tmp_path):
    page = ("<html><body><p>Police detained 20 people in Aktau.</p><textarea>Leave a comment</textarea>"
            "<video src=v.mp4>Your browser does not support the video tag.</video><audio>No audio.</audio>"
            "<canvas>No canvas.</canvas><object data=x.swf>Get Flash.</object></body></html>")
    assert only_article(write(tmp_path / "a.html", page)).text == "Police detained 20 people in Aktau."


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-le", "utf-32-be"])
def test_utf32_with_or_without_bom_is_read(tmp_path, encoding):
    assert only_article(write(tmp_path / "a.txt", f"Headline\n\n{RU}".encode(encoding))).text == RU
    rows = read(write(tmp_path / "a.csv", f"id,text\r\n1,{RU}\r\n2,{RU}\r\n".encode(encoding)))
    assert [a.text for a in rows] == [RU, RU]
    assert only_article(write(tmp_path / "a.jsonl", (json.dumps({"text": RU}) + "\n").encode(encoding))).text == RU


def test_utf16_rows_cut_in_a_character_keep_the_rows_read_and_say_where(tmp_path):
    data = "".join(json.dumps({"id": f"r{i}", "text": RU}) + "\n" for i in range(3)).encode("utf-16")
    items = read(write(tmp_path / "a.jsonl", data[:-3]))
    assert [a.article_id for a in items[:-1]] == ["r0", "r1"]
    err = items[-1]
    assert isinstance(err, InputError) and err.line == 3 and err.reason.startswith("cannot decode as utf-16: truncated data; stopped reading this file after line 2 ")


def test_csv_repeating_a_column_geomap_does_not_read_is_still_read(tmp_path):
    rows = read(write(tmp_path / "a.csv", "id,tag,text,tag,\n1,a,Rally in Aktau.,b,\n"))
    assert [(a.article_id, a.text) for a in rows] == [("1", "Rally in Aktau.")]
    err = only_error(write(tmp_path / "b.csv", "id,title,text,Title\n1,a,Rally in Aktau.,b\n"))
    assert (err.line, err.reason) == (1, "CSV header repeats the column(s) 'title'")


def test_csv_excel_sep_line_and_blank_lines_above_the_header(tmp_path):
    arts = read(write(tmp_path / "a.csv", b"\xef\xbb\xbfsep=;\r\ntitle;text\r\nT;Rally in Aktau, 4 January.\r\n"))
    assert [(a.line, a.title, a.text, a.article_id) for a in arts] == [(3, "T", "Rally in Aktau, 4 January.", "a-3")]
    arts = read(write(tmp_path / "b.csv", "\n\n  \ntext\nRally in Aktau.\n"))
    assert [(a.line, a.text) for a in arts] == [(5, "Rally in Aktau.")]
    err = only_error(write(tmp_path / "c.csv", "sep=,\nid,body2\n1,x\n"))
    assert err.line == 2 and "no 'text' column" in err.reason


def test_a_form_around_the_whole_page_is_read_and_other_forms_are_not(tmp_path):
    body = ("<h1>Protest in Aktau</h1><p>Hundreds of people gathered in Aktau on Yntymak square.</p>"
            "<p>Police detained 20 people.</p>")
    aspnet = (f'<html><body><form id="aspnetForm"><input type="hidden" name="__VIEWSTATE" value="x">'
              f"<div>{body}</div><button>Search</button></form></body></html>")
    text = "Hundreds of people gathered in Aktau on Yntymak square.\n\nPolice detained 20 people."
    assert only_article(write(tmp_path / "a.html", aspnet)).text == text
    inside = aspnet.replace("<div>", "<div><nav>Menu</nav><article>").replace("</div>", "</article></div>")
    assert only_article(write(tmp_path / "b.html", inside)).text == text
    comments = (f"<html><body><article>{body}</article><form id=commentform><p>Your email address will not be "
                "published.</p><p><label>Comment</label><textarea></textarea></p><p><label>Name</label></p>"
                "</form></body></html>")
    assert only_article(write(tmp_path / "c.html", comments)).text == text


def test_teaser_cards_marked_article_do_not_hide_the_story_outside_them(tmp_path):
    story = ("<p>Hundreds of people gathered on the square in Zhanaozen on 2 January 2022 to protest the "
             "doubling of gas prices.</p><p>Police detained 20 people in Aktau the next day, local media reported, "
             "and the protests spread to Almaty and Uralsk.</p>")
    cards = "".join(f'<article class="card"><a href="/n{i}">Snow expected in Astana {i}</a></article>' for i in range(2))
    page = f'<html><body><nav>Menu</nav><div class="story"><h1>Protests</h1>{story}</div><section>{cards}</section></body></html>'
    assert only_article(write(tmp_path / "a.html", page)).text == (
        "Hundreds of people gathered on the square in Zhanaozen on 2 January 2022 to protest the doubling of gas "
        "prices.\n\nPolice detained 20 people in Aktau the next day, local media reported, and the protests "
        "spread to Almaty and Uralsk.")
    comments = "".join(f"<article><p>Comment {i}: {'I agree with this. ' * 10}</p></article>" for i in range(20))
    blog = f"<html><body><article>{story}</article><div id=comments>{comments}</div></body></html>"
    assert only_article(write(tmp_path / "b.html", blog)).text.endswith("spread to Almaty and Uralsk.")


def test_json_object_wrapping_the_list_of_articles_is_read(tmp_path):
    dump = {"status": "ok", "total": 3, "meta": {"text": None},
            "articles": [{"id": "a", "content": "Rally in Aktau."}, {"id": "b", "text": ""},
                         {"id": "c", "body": "Rally in Almaty."}]}
    items = read(write(tmp_path / "a.json", json.dumps(dump, indent=2)))
    assert [(i.article_id, i.text) for i in items if isinstance(i, Article)] == [("a", "Rally in Aktau."),
                                                                                 ("c", "Rally in Almaty.")]
    err = [i for i in items if isinstance(i, InputError)]
    assert len(err) == 1 and err[0].line == 12 and err[0].reason == "missing or empty 'text'"
    one = {"title": "T", "text": "Rally in Aktau.", "tags": [{"name": "kz"}]}  # an article with a list in it
    assert only_article(write(tmp_path / "b.json", json.dumps(one))).text == "Rally in Aktau."
    err = only_error(write(tmp_path / "c.json", json.dumps({"a": [{"x": 1}], "b": [{"y": 2}]})))
    assert err.reason == "missing or empty 'text'"


def test_a_newsapi_dump_is_read_with_its_source_name_and_date(tmp_path):
    dump = {"status": "ok", "totalResults": 1, "articles": [
        {"source": {"id": None, "name": "Tengrinews"}, "author": "A", "title": "Rally in Aktau",
         "url": "https://tengrinews.kz/a", "publishedAt": "2022-01-05T10:00:00Z", "content": "Rally in Aktau."}]}
    art = only_article(write(tmp_path / "a.json", json.dumps(dump)))
    assert (art.source, art.published, art.title, art.text) == ("Tengrinews", date(2022, 1, 5), "Rally in Aktau",
                                                                "Rally in Aktau.")
    err = only_error(write(tmp_path / "b.jsonl", json.dumps({"text": "x", "source": {"id": "x"}}) + "\n"))
    assert err.reason == "field 'source' must be a single value, not dict"


def warned(*inputs, **kw) -> tuple[list[Article | InputError], list[InputWarning]]:
    """(items, the InputWarnings issued while reading them)."""
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        items = read(*inputs, **kw)
    assert all(isinstance(w.message, InputWarning) for w in caught), caught
    return items, [w.message for w in caught]


def test_a_file_that_switches_code_page_is_read_with_a_warning_naming_the_lines(tmp_path):
    utf8 = "Жители Жанаозена вышли на площадь."
    table = write(tmp_path / "mixed.csv", b"id,text\r\n" + f"a,{RU}\r\n".encode("cp1251")
                  + f"b,{utf8}\r\n".encode() + f"c,{RU}\r\n".encode("cp1251"))
    items, said = warned(table)
    assert [i.text for i in items] == [RU, utf8, RU]
    assert len(said) == 1 and said[0].path == str(table) and said[0].line is None
    assert "line(s) 2, 4 as cp1251" in said[0].reason and "1 non-ASCII row(s) as UTF-8" in said[0].reason
    text = write(tmp_path / "mixed.txt", f"{RU}\n".encode("cp1251") + f"{utf8}\n".encode())
    items, said = warned(text)
    assert items[0].text == f"{RU}\n{utf8}"
    assert len(said) == 1 and "line(s) 1 as cp1251" in said[0].reason
    for clean in (write(tmp_path / "one.csv", f"id,text\r\na,{RU}\r\n".encode("cp1251")),
                  write(tmp_path / "one.txt", RU.encode("cp1251")),
                  write(tmp_path / "utf8.csv", f"id,text\na,{RU}\nb,{utf8}\n")):
        assert warned(clean)[1] == [], clean  # one encoding throughout: nothing to say


def test_jsonl_in_a_legacy_code_page_is_decoded_with_one_warning(tmp_path):
    rows = "\n".join(json.dumps({"id": f"r{i}", "text": RU}, ensure_ascii=False) for i in range(5))
    p = write(tmp_path / "cp.jsonl", rows.encode("cp1251"))
    items, said = warned(p)
    assert [i.text for i in items] == [RU] * 5
    assert len(said) == 1 and "JSON lines should be UTF-8" in said[0].reason
    assert "5 line(s)" in said[0].reason and "cp1251" in said[0].reason
    # one such line among UTF-8 ones is corruption: it fails, hinting at the code page
    utf8 = json.dumps({"text": RU}, ensure_ascii=False).encode()
    p = write(tmp_path / "one.jsonl", utf8 + b"\n" + json.dumps({"text": RU}, ensure_ascii=False
                                                                ).encode("cp1251") + b"\n" + utf8)
    items, said = warned(p)
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "Article"] and not said
    assert items[1].reason.startswith("line is not valid UTF-8") and "cp1251" in items[1].reason


def test_a_trailing_comma_in_a_json_array_is_read_with_a_warning(tmp_path):
    p = write(tmp_path / "a.json", '[\n {"id": "x", "text": "Rally in Aktau."},\n'
                                   ' {"id": "y", "text": "Rally in Zhanaozen."},\n]\n')
    items, said = warned(p)
    assert [i.article_id for i in items] == ["x", "y"]
    assert len(said) == 1 and said[0].line == 3 and "trailing comma" in said[0].reason


@pytest.mark.parametrize("name", ["a.jsonl.gz", "a.csv.gz"])
def test_a_small_truncated_gzip_keeps_its_whole_rows_too(tmp_path, name):
    # under 64 KB of text: the break comes while the file's start is sniffed for its encoding
    rows = [{"id": f"r{i}", "text": f"Protest number {i} in Aktau, with words to fill the line. " * 20}
            for i in range(40)]
    if name == "a.jsonl.gz":
        body = "".join(json.dumps(r) + "\n" for r in rows)
    else:
        body = "id,text\n" + "".join(f'{r["id"]},"{r["text"]}"\n' for r in rows)
    data = gzip.compress(body.encode(), mtime=0)
    items = read(write(tmp_path / name, data[: len(data) * 3 // 4]))
    arts, err = items[:-1], items[-1]
    assert arts and [a.article_id for a in arts] == [f"r{i}" for i in range(len(arts))]
    assert isinstance(err, InputError) and "truncated gzip" in err.reason
    assert err.line is not None and err.line > arts[-1].line


def test_koi8_r_lines_pasted_into_a_utf8_or_cp1251_text_are_read_line_by_line(tmp_path):
    utf8 = "Protesters gathered in Aktau.\n\nОни требовали снижения цен.\n".encode()
    koi8 = "Митинг в Актау прошел 5 января.\n".encode("koi8-r")
    cp1251 = "Еще один митинг прошел в Жанаозене.\n".encode("cp1251")
    for data in (utf8 + koi8, cp1251 + b"\n" + koi8, utf8 + cp1251 + koi8):
        with pytest.warns(InputWarning, match="koi8_r"):
            art = only_article(write(tmp_path / "a.txt", data))
        assert "Митинг в Актау прошел 5 января." in art.text  # not cp932 or 'binary file'
        assert (cp1251 not in data) or "Еще один митинг прошел в Жанаозене." in art.text
