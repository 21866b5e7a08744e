"""One file at a time: every way a file can be bad gets a reason, and odd names load normally."""
from __future__ import annotations

import os
from dataclasses import replace

import pytest

from orchestration.ingest.files import list_raw_folder
from orchestration.ingest.readers import read_source
from orchestration.ingest.records import IncomingArticle

from .conftest import english

LIMIT = 5 * 1024 * 1024


def entry_for(raw_dir, name):
    return next(e for e in list_raw_folder(raw_dir) if e.source_key == name)


def outcome(raw_dir, name, limit=LIMIT):
    read = read_source(entry_for(raw_dir, name), raw_dir, limit)
    [only] = read.outcomes
    return only, read


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\t\r\n ", "empty"),
    ("utf16-blank.txt", "   \n  ".encode("utf-16"), "empty"),
    ("scan.txt", b"%PDF-1.5\n%\xd0\xd4\xc5\xd8\n", "binary"),
    ("photo.md", b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
    ("bundle.html", b"PK\x03\x04\x14\x00\x06\x00", "binary"),
    ("garbage.txt", bytes(range(256)) * 16, "binary"),
    ("corrupt.txt", english("corrupt").encode() + " – ".encode() + b"\xc3\x28\xa0", "undecodable"),
    ("slides.pptx", b"PK\x03\x04\x14\x00", "unsupported_format"),
    ("notes.rtf", b"{\\rtf1 some text}", "unsupported_format"),
])
def test_bad_files_are_rejected_with_a_reason(raw_dir, name, content, reason):
    (raw_dir / name).write_bytes(content)
    rejection, read = outcome(raw_dir, name)
    assert (rejection.source_name, rejection.reason_code) == (name, reason)
    assert rejection.detail
    assert read.content_hash is not None and read.is_final


def test_a_file_over_the_size_limit_is_not_read(raw_dir):
    (raw_dir / "huge.txt").write_text(english("huge") * 100)
    rejection, read = outcome(raw_dir, "huge.txt", limit=1000)
    assert rejection.reason_code == "too_large" and "1,000-byte limit" in rejection.detail
    assert read.content_hash is None


def test_symlinks_must_stay_inside_the_raw_folder(raw_dir, tmp_path):
    secret = tmp_path / "outside.txt"
    secret.write_text(english("outside"))
    (raw_dir / "real.txt").write_text(english("inside"))
    os.symlink(secret, raw_dir / "escape.txt")
    os.symlink(tmp_path, raw_dir / "escape-folder")
    os.symlink(raw_dir / "real.txt", raw_dir / "alias.txt")
    os.symlink(raw_dir / "gone.txt", raw_dir / "dangling.txt")
    assert outcome(raw_dir, "escape.txt")[0].reason_code == "symlink_outside"
    assert outcome(raw_dir, "escape-folder")[0].reason_code == "symlink_outside"
    assert outcome(raw_dir, "dangling.txt")[0].reason_code == "broken_symlink"
    alias, _ = outcome(raw_dir, "alias.txt")
    assert isinstance(alias, IncomingArticle) and alias.text == english("inside")


def test_a_pipe_is_refused_without_blocking(raw_dir):
    os.mkfifo(raw_dir / "feed.txt")
    assert outcome(raw_dir, "feed.txt")[0].reason_code == "not_a_file"


def test_a_file_that_vanishes_after_the_listing_is_tried_again(raw_dir):
    (raw_dir / "brief.txt").write_text(english("brief"))
    entry = entry_for(raw_dir, "brief.txt")
    (raw_dir / "brief.txt").unlink()
    read = read_source(entry, raw_dir, LIMIT)
    assert [o.reason_code for o in read.outcomes] == ["vanished"]
    assert not read.is_final


def test_a_file_that_changes_after_the_listing_is_tried_again(raw_dir):
    path = raw_dir / "growing.txt"
    path.write_text(english("first half"))
    entry = entry_for(raw_dir, "growing.txt")
    with open(path, "a") as handle:
        handle.write(" More text arrives while the pipeline reads.")
    read = read_source(entry, raw_dir, LIMIT)
    assert [o.reason_code for o in read.outcomes] == ["changed_while_reading"]
    assert not read.is_final
    settled = read_source(replace(entry, size_bytes=path.stat().st_size, mtime_ns=path.stat().st_mtime_ns),
                          raw_dir, LIMIT)
    assert isinstance(settled.outcomes[0], IncomingArticle)


@pytest.mark.parametrize("name", ["with spaces.txt", "it's \"quoted\".txt", "Київ — звіт.txt",
                                  "semi;colon'; drop table x;--.txt", "$(touch pwned).txt"])
def test_odd_file_names_load_under_their_exact_name(raw_dir, name):
    (raw_dir / name).write_text(english(name))
    article, _ = outcome(raw_dir, name)
    assert isinstance(article, IncomingArticle)
    assert article.source_name == name and article.source_key == name
    assert not (raw_dir / "pwned").exists()


def test_a_name_that_is_not_utf8_loads_under_an_escaped_name(raw_dir):
    with open(os.path.join(os.fsencode(raw_dir), b"caf\xe9.txt"), "w") as handle:
        handle.write(english("latin-1 name"))
    [entry] = list(list_raw_folder(raw_dir))
    assert entry.source_key == "caf\\xe9.txt"
    [article] = read_source(entry, raw_dir, LIMIT).outcomes
    assert article.source_name == "caf\\xe9.txt"


def test_hidden_files_and_folders_are_skipped(raw_dir):
    (raw_dir / ".partial.txt").write_text(english("hidden"))
    (raw_dir / ".cache").mkdir()
    (raw_dir / ".cache" / "x.txt").write_text(english("cache"))
    (raw_dir / "nested").mkdir()
    (raw_dir / "nested" / "seen.txt").write_text(english("nested"))
    assert [e.source_key for e in list_raw_folder(raw_dir)] == ["nested/seen.txt"]


def test_the_size_limit_applies_to_each_jsonl_record_not_the_whole_file(raw_dir):
    import json

    records = [json.dumps({"id": f"r{n}", "text": english(f"record {n}")}) for n in range(8)]
    records.insert(3, json.dumps({"id": "huge", "text": english("huge") * 20}))
    (raw_dir / "feed.jsonl").write_text("\n".join(records) + "\n")
    limit = 1000
    assert (raw_dir / "feed.jsonl").stat().st_size > limit
    read = read_source(entry_for(raw_dir, "feed.jsonl"), raw_dir, limit)
    loaded = [o.source_key for o in read.outcomes if isinstance(o, IncomingArticle)]
    rejected = [(o.source_name, o.reason_code) for o in read.outcomes if not isinstance(o, IncomingArticle)]
    assert loaded == [f"feed.jsonl#r{n}" for n in range(8)]
    assert rejected == [("feed.jsonl:4", "too_large")]
    (raw_dir / "feed.jsonl").write_text("\n".join(records[:1] * 200))
    [too_big] = read_source(entry_for(raw_dir, "feed.jsonl"), raw_dir, 100).outcomes
    assert too_big.reason_code == "too_large" and "10,000-byte limit" in too_big.detail
