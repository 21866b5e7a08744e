"""A folder into the raw schema: idempotent, deduplicated, versioned, every rejection recorded once."""
from __future__ import annotations

import codecs
import json
import os
from datetime import datetime

import pytest

from orchestration.ingest.records import REASON_CODES, article_id_for
from orchestration.warehouse.ingest_store import ingest_folder

from .conftest import english

LIMIT = 5 * 1024 * 1024


def ingest(con, raw_dir, run_id="run", limit=LIMIT):
    return ingest_folder(con, raw_dir, limit, run_id)


def rows(con, sql, *params):
    return con.execute(sql, list(params)).fetchall()


def test_a_folder_of_bad_inputs_never_stops_the_good_ones(warehouse, raw_dir, tmp_path):
    good = {"good.txt": english("good"), "with spaces 'and quotes'.txt": english("spaces"),
            "Харків.txt": english("cyrillic name")}
    for name, text in good.items():
        (raw_dir / name).write_text(text)
    (raw_dir / "empty.txt").write_text("")
    (raw_dir / "scan.txt").write_bytes(b"%PDF-1.4\n%\xe2\xe3\n")
    (raw_dir / "corrupt.txt").write_bytes("Zelenskyy’s".encode() + b" \xff\xfe")
    (raw_dir / "huge.txt").write_text(english("huge") * 50)
    (raw_dir / "russian.txt").write_text("Украинские войска в среду заявили, что остановили российское "
                                         "контрнаступление в Курской области, где остаются тысячи жителей.")
    (raw_dir / "dated.md").write_text(f"---\ntitle: x\ndate: 2024-02-30\n---\n{english('dated')}")
    (raw_dir / "feed.jsonl").write_text(json.dumps({"id": "ok", "text": english("jsonl ok")}) + "\n{oops\n")
    (tmp_path / "secret.txt").write_text(english("secret"))
    os.symlink(tmp_path / "secret.txt", raw_dir / "escape.txt")

    summary = ingest(warehouse, raw_dir, limit=2000)

    reasons = dict(rows(warehouse, "select source_name, reason_code from raw.rejected_inputs"))
    assert reasons == {"empty.txt": "empty", "scan.txt": "binary", "corrupt.txt": "undecodable",
                       "huge.txt": "too_large", "russian.txt": "non_english", "dated.md": "invalid_date",
                       "feed.jsonl:2": "malformed_json", "escape.txt": "symlink_outside"}
    assert set(reasons.values()) <= set(REASON_CODES)
    loaded = dict(rows(warehouse, "select first_source_name, text from raw.articles"))
    assert loaded == {**good, "feed.jsonl#ok": english("jsonl ok")}
    assert summary.articles_added == 4 and summary.rejected == 8
    hashes = rows(warehouse, "select source_name from raw.rejected_inputs where content_hash is null")
    assert sorted(hashes) == [("escape.txt",), ("huge.txt",)]  # never read: no content to hash


def test_a_second_pass_over_the_same_folder_adds_nothing(warehouse, raw_dir):
    (raw_dir / "a.txt").write_text(english("a"))
    (raw_dir / "empty.txt").write_text(" ")
    first = ingest(warehouse, raw_dir, "run-1")
    tables = ("raw.articles", "raw.article_versions", "raw.duplicates", "raw.rejected_inputs")
    before = {t: rows(warehouse, f"select count(*) from {t}")[0][0] for t in tables}
    second = ingest(warehouse, raw_dir, "run-2")
    assert (first.articles_added, first.rejected) == (1, 1)
    assert (second.articles_added, second.rejected, second.files_unchanged) == (0, 0, 2)
    assert {t: rows(warehouse, f"select count(*) from {t}")[0][0] for t in tables} == before


def test_a_touched_file_with_the_same_bytes_changes_nothing(warehouse, raw_dir):
    path = raw_dir / "a.txt"
    path.write_text(english("a"))
    (raw_dir / "b.txt").write_text("")
    ingest(warehouse, raw_dir, "run-1")
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    os.utime(raw_dir / "b.txt", ns=(1_000_000_000, 1_000_000_000))
    summary = ingest(warehouse, raw_dir, "run-2")
    assert (summary.articles_added, summary.versions_added, summary.rejected) == (0, 0, 0)
    assert rows(warehouse, "select count(*) from raw.rejected_inputs") == [(1,)]
    assert rows(warehouse, "select mtime_ns from raw.file_state where source_path = 'a.txt'") == [(1_000_000_000,)]


def test_an_identical_file_under_a_new_name_is_a_duplicate(warehouse, raw_dir):
    (raw_dir / "original.txt").write_text(english("same"))
    ingest(warehouse, raw_dir, "run-1")
    (raw_dir / "copy of original.txt").write_text(english("same"))
    (raw_dir / "feed.jsonl").write_text(json.dumps({"id": "r", "text": english("same")}) + "\n")
    summary = ingest(warehouse, raw_dir, "run-2")
    assert (summary.articles_added, summary.duplicates) == (0, 2)
    assert rows(warehouse, "select count(*) from raw.articles") == [(1,)]
    assert sorted(rows(warehouse, "select source_key, duplicate_of_article_id from raw.duplicates")) == [
        ("copy of original.txt", article_id_for(english("same"))), ("feed.jsonl#r", article_id_for(english("same")))]
    os.utime(raw_dir / "copy of original.txt", ns=(2_000_000_000, 2_000_000_000))
    (raw_dir / "feed.jsonl").write_text(json.dumps({"id": "r", "text": english("same")}) + "\n\n")
    ingest(warehouse, raw_dir, "run-3")
    assert rows(warehouse, "select count(*) from raw.duplicates") == [(2,)]


def test_a_changed_file_is_a_new_version_and_the_old_text_stays(warehouse, raw_dir):
    path = raw_dir / "story.txt"
    path.write_text(english("23 killed"))
    ingest(warehouse, raw_dir, "run-1")
    path.write_text(english("31 killed"))
    summary = ingest(warehouse, raw_dir, "run-2")
    assert (summary.articles_added, summary.versions_added) == (1, 1)
    versions = rows(warehouse, "select version, article_id from raw.article_versions where source_key = 'story.txt' "
                               "order by version")
    assert versions == [(1, article_id_for(english("23 killed"))), (2, article_id_for(english("31 killed")))]
    path.write_text(english("23 killed"))  # reverted: version 3 points at the stored first text
    summary = ingest(warehouse, raw_dir, "run-3")
    assert (summary.articles_added, summary.versions_added) == (0, 1)
    assert rows(warehouse, "select count(*) from raw.articles") == [(2,)]


def test_a_removed_file_keeps_its_data(warehouse, raw_dir):
    (raw_dir / "gone.txt").write_text(english("gone"))
    ingest(warehouse, raw_dir, "run-1")
    (raw_dir / "gone.txt").unlink()
    ingest(warehouse, raw_dir, "run-2")
    assert rows(warehouse, "select first_source_name from raw.articles") == [("gone.txt",)]
    assert rows(warehouse, "select count(*) from raw.article_versions") == [(1,)]


def test_a_file_that_vanished_is_recorded_once_and_loaded_when_it_settles(warehouse, raw_dir):
    from orchestration.ingest.files import list_raw_folder

    path = raw_dir / "late.txt"
    path.write_text(english("late"))
    listed = list(list_raw_folder(raw_dir))
    path.unlink()
    for run in ("run-1", "run-2"):
        summary = ingest_folder(warehouse, raw_dir, LIMIT, run, entries=listed)
        assert summary.retried_later == ["late.txt"]
    assert rows(warehouse, "select reason_code from raw.rejected_inputs") == [("vanished",)]
    assert rows(warehouse, "select count(*) from raw.file_state") == [(0,)]
    path.write_text(english("late"))
    assert ingest(warehouse, raw_dir, "run-3").articles_added == 1


@pytest.mark.parametrize("text", [
    "O'Brien said \"it's over\"; DROP TABLE raw.articles; -- " + english("sql"),
    "line\x00with a NUL, a bell \x07 and an escape \x1b[0m " + english("controls"),
    "Backslashes \\' \\\" and $$dollar quotes$$ " + english("quotes"),
])
def test_article_text_is_stored_verbatim(warehouse, raw_dir, text):
    (raw_dir / "hostile.txt").write_bytes(text.encode())
    ingest(warehouse, raw_dir)
    assert rows(warehouse, "select text from raw.articles") == [(text,)]
    assert rows(warehouse, "select count(*) from information_schema.tables where table_schema = 'raw' "
                           "and table_name = 'articles'") == [(1,)]


def test_every_format_and_encoding_lands_with_its_text_and_metadata(warehouse, raw_dir):
    names = "near Сіверськ and São Paulo"
    files = {
        "plain-bom.txt": (codecs.BOM_UTF8 + english("bom").encode(), english("bom"), "utf-8-sig"),
        "wide.txt": (english("utf-16").encode("utf-16"), english("utf-16"), "utf-16"),
        "cyrillic.txt": (f"{english('cp1251')} Fighting near Сіверськ.".encode("cp1251"),
                         f"{english('cp1251')} Fighting near Сіверськ.", "cp1251"),
        "accents.txt": (f"{english('latin-1')} Talks in São Paulo.".encode("latin-1"),
                        f"{english('latin-1')} Talks in São Paulo.", None),
        "scraped.md": (f"---\ntitle: Front matter title\nurl: https://www.bbc.co.uk/news/x\n"
                       f"date: 2024-05-03\n---\n{english('md')} {names}".encode("utf-16"),
                       f"{english('md')} {names}", "utf-16"),
    }
    for name, (data, _, _) in files.items():
        (raw_dir / name).write_bytes(data)
    (raw_dir / "feed.jsonl").write_text(
        json.dumps({"id": "x1", "title": "Wire story", "outlet": "Reuters", "published_at": "2024-05-04T08:00:00Z",
                    "url": "https://www.reuters.com/x", "text": english("jsonl")}) + "\n"
        + '{"id": "bad", "text": "' + english("surrogate") + ' \\udc00"}\n', encoding="utf-8")
    summary = ingest(warehouse, raw_dir)
    stored = {row[0]: row[1:] for row in rows(
        warehouse, "select first_source_name, text, encoding, title, outlet, url, published_at from raw.articles")}
    for name, (_, text, encoding) in files.items():
        assert stored[name][0] == text, name
        if encoding:
            assert stored[name][1] == encoding, name
    assert stored["scraped.md"][2:5] == ("Front matter title", "BBC", "https://www.bbc.co.uk/news/x")
    assert stored["feed.jsonl#x1"][2:] == ("Wire story", "Reuters", "https://www.reuters.com/x",
                                           datetime(2024, 5, 4, 8, 0))
    assert rows(warehouse, "select source_name, reason_code from raw.rejected_inputs") == [
        ("feed.jsonl:2", "undecodable")]
    assert summary.articles_added == len(files) + 1
