"""Each input format: what becomes the article text and which metadata fills marts.articles."""
from __future__ import annotations

import json
from datetime import datetime

import pytest

from orchestration.ingest.formats import SourceFile, format_for, read_text
from orchestration.ingest.records import IncomingArticle, Rejection

from .conftest import english

SOURCE = SourceFile("folder/item", "utf-8")

PAGE = """<!DOCTYPE html>
<html><head>
<title>Drones hit port | Example News</title>
<meta property="og:site_name" content="The Kyiv Independent">
<meta property="og:url" content="https://kyivindependent.com/drones-hit-port/">
<meta property="article:published_time" content="2024-05-03T09:30:00+03:00">
</head><body>
<nav><a href="/">Home</a> <a href="/war">War</a> <a href="/business">Business</a></nav>
<article><h1>Drones hit port</h1>
<p>{body}</p>
<p>The port authority said two grain ships were damaged and one crew member was injured.</p>
</article>
<footer>Subscribe to our newsletter. Copyright 2024.</footer>
</body></html>"""


def read(fmt: str, text: str) -> list:
    return list(read_text(fmt, text, SOURCE))


@pytest.mark.parametrize("suffix, text, fmt", [
    (".txt", "plain article text", "txt"),
    ("", "plain article text", "txt"),
    (".md", "no front matter at all", "md"),
    (".markdown", "---\ntitle: x\n---\nbody", "md"),
    (".html", "<p>x</p>", "html"),
    (".htm", "<p>x</p>", "html"),
    (".jsonl", '{"text": "x"}', "jsonl"),
    (".ndjson", '{"text": "x"}', "jsonl"),
    (".txt", "<!DOCTYPE html><html><body>x</body></html>", "html"),
    (".txt", "  <!-- saved page -->\n<html lang=en><body>x</body></html>", "html"),
    (".txt", "---\ntitle: A headline\ndate: 2024-05-03\n---\nbody", "md"),
    (".txt", "---\nnot front matter, a rule\n---\nbody", "txt"),
    (".pdf", "whatever", None),
    (".docx", "whatever", None),
])
def test_format_is_detected_by_extension_and_content(suffix, text, fmt):
    assert format_for(suffix, text) == fmt


def test_markdown_front_matter_fills_the_metadata():
    body = english("front matter")
    [article] = read("md", f"---\ntitle: \"Drones hit port\"\nsource: https://www.reuters.com/world/x\n"
                           f"date: 2024-05-03T09:30:00Z\noutlet: Reuters\n---\n\n{body}")
    assert isinstance(article, IncomingArticle)
    assert (article.title, article.url, article.outlet, article.published_at) == (
        "Drones hit port", "https://www.reuters.com/world/x", "Reuters", datetime(2024, 5, 3, 9, 30))
    assert article.text == body and article.source_format == "md"


@pytest.mark.parametrize("front_matter, outlet, url", [
    ("source: Ukrinform", "Ukrinform", None),
    ("url: https://www.theguardian.com/world/x", "The Guardian", "https://www.theguardian.com/world/x"),
    ("link: https://unknown-site.example/x\npublisher: Example Weekly", "Example Weekly",
     "https://unknown-site.example/x"),
    ("title: only a title", None, None),
])
def test_front_matter_outlet_from_source_url_or_publisher(front_matter, outlet, url):
    [article] = read("md", f"---\n{front_matter}\n---\n{english('outlet')}")
    assert (article.outlet, article.url) == (outlet, url)


@pytest.mark.parametrize("front_matter, reason", [
    ("title: Strike\ndate: 2024-02-30", "invalid_date"),
    ("title: Strike\ndate: next Tuesday maybe", "invalid_date"),
    ("title: [unclosed", "invalid_front_matter"),
    ("- a list\n- not a mapping", "invalid_front_matter"),
])
def test_bad_front_matter_is_rejected_with_its_reason(front_matter, reason):
    [rejection] = read("md", f"---\n{front_matter}\n---\n{english('bad front matter')}")
    assert isinstance(rejection, Rejection)
    assert (rejection.source_name, rejection.reason_code) == ("folder/item", reason)
    assert rejection.content_hash


def test_html_main_text_and_metadata_come_from_trafilatura():
    body = english("html")
    [article] = read("html", PAGE.format(body=body))
    assert isinstance(article, IncomingArticle)
    assert body in article.text and "grain ships" in article.text
    assert "Subscribe" not in article.text and "Business" not in article.text
    assert article.title == "Drones hit port"
    assert article.outlet == "The Kyiv Independent"
    assert article.url == "https://kyivindependent.com/drones-hit-port/"
    assert article.published_at == datetime(2024, 5, 3)


def test_html_without_main_text_is_rejected():
    [rejection] = read("html", "<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>")
    assert rejection.reason_code == "no_main_text"


def test_jsonl_good_lines_load_and_each_bad_line_is_rejected_alone():
    lines = [
        json.dumps({"id": "a1", "title": "One", "url": "https://apnews.com/article/x", "outlet": None,
                    "published_at": "2024-05-01", "text": english("first")}),
        '{"id": "broken", "text": ',
        json.dumps({"id": "a2", "text": "   "}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "a1", "text": english("reused id")}),
        json.dumps({"id": "a3", "published_at": "31/31/2024", "text": english("bad date")}),
        "",
        json.dumps({"text": english("no id") + " Caf\u00e9 \u2028 separator"}),
        json.dumps({"id": 7, "outlet": "Kyiv Post", "text": english("numeric id")}),
    ]
    outcomes = read("jsonl", "\n".join(lines) + "\n")
    articles = [o for o in outcomes if isinstance(o, IncomingArticle)]
    rejections = {o.source_name: o.reason_code for o in outcomes if isinstance(o, Rejection)}
    assert [a.source_key for a in articles] == ["folder/item#a1", "folder/item#8", "folder/item#7"]
    assert articles[0].outlet == "AP" and articles[0].published_at == datetime(2024, 5, 1)
    assert articles[1].text.endswith("Caf\u00e9 \u2028 separator")
    assert articles[2].outlet == "Kyiv Post"
    assert rejections == {"folder/item:2": "malformed_json", "folder/item:3": "missing_text",
                          "folder/item:4": "malformed_json", "folder/item:5": "duplicate_record_id",
                          "folder/item:6": "invalid_date"}


@pytest.mark.parametrize("fmt, text, reason", [
    ("txt", "Украинские войска в среду заявили, что остановили российское контрнаступление в Курской "
            "области, где остаются тысячи мирных жителей.", "non_english"),
    ("jsonl", json.dumps({"id": "x", "text": "Die Armee erklärte am Mittwoch, sie habe die Gegenoffensive "
                                             "in der Region gestoppt, wo noch tausende Zivilisten leben."}),
     "non_english"),
    ("md", "---\ntitle: nothing below\n---\n   \n", "empty"),
])
def test_every_format_passes_the_same_gate(fmt, text, reason):
    [rejection] = read(fmt, text)
    assert rejection.reason_code == reason


def test_text_with_sql_quotes_and_control_characters_is_kept_verbatim():
    text = "Robert'); DROP TABLE raw.articles; --\t\"quoted\" \x07\x1b[31m " + english("sql")
    [article] = read("txt", text)
    assert article.text == text


@pytest.mark.parametrize("line, reason, words", [
    ("[" * 100_000 + "]" * 100_000, "malformed_json", "nested too deeply"),
    ('{"id": 1' + "0" * 5000 + ', "text": "x"}', "malformed_json", "not readable JSON"),
    (json.dumps({"text": english("lone surrogate")})[:-2] + ' \\ud800"}', "undecodable", "surrogate"),
    (json.dumps({"text": english("tz"), "published_at": "2024-05-03T10:00:00+25:00"}), "invalid_date", "UTC"),
    (json.dumps({"text": english("epoch"), "published_at": 1714730000}), "invalid_date", "type int"),
])
def test_jsonl_lines_that_trip_the_parser_are_rejected_alone(line, reason, words):
    good = json.dumps({"id": "ok", "text": english("good line")})
    outcomes = read("jsonl", f"{line}\n{good}\n")
    [rejection] = [o for o in outcomes if isinstance(o, Rejection)]
    assert (rejection.source_name, rejection.reason_code) == ("folder/item:1", reason)
    assert words in rejection.detail and rejection.content_hash
    assert [o.source_key for o in outcomes if isinstance(o, IncomingArticle)] == ["folder/item#ok"]


def test_jsonl_metadata_with_odd_values_is_cleaned_not_fatal():
    record = json.dumps({"id": {"nested": 1}, "title": "Bad \ud800 title", "url": 5, "text": english("odd")})
    [article] = read("jsonl", record)
    assert article.source_key == "folder/item#1"  # an id that is no plain value: the line number
    assert article.title == "Bad \ufffd title"
    assert article.url == "5" and article.outlet is None


@pytest.mark.parametrize("front_matter, words", [
    ("date: !!timestamp 2024-02-30", "cannot be read"),
    ("title: " + "[" * 20_000 + "]" * 20_000, "nested too deeply"),
    ("date: !!python/object/apply:os.system ['touch pwned']", "not valid YAML"),
])
def test_front_matter_that_trips_the_yaml_parser_is_rejected(front_matter, words, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = f"---\n{front_matter}\n---\n{english('yaml')}"
    assert format_for(".txt", text) == "txt"  # not recognised as front matter, and no exception
    [rejection] = read("md", text)
    assert rejection.reason_code == "invalid_front_matter" and words in rejection.detail
    assert not (tmp_path / "pwned").exists()


def test_html_that_trafilatura_cannot_use_is_rejected_not_raised():
    nested = "<html><body>" + "<div>" * 50_000 + english("deep") + "</div>" * 50_000 + "</body></html>"
    [rejection] = read("html", nested)
    assert rejection.reason_code == "no_main_text"
