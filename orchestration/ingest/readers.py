"""Turn one raw file into articles (or rejections), by its extension and content."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from orchestration.ingest.decoding import DecodingError, decode_bytes
from orchestration.ingest.records import IncomingArticle, Rejection, content_hash

Outcome = IncomingArticle | Rejection

TEXT_EXTENSIONS = {".txt", ".text", ""}
JSONL_EXTENSIONS = {".jsonl", ".ndjson"}


def read_source(path: Path, raw_dir: Path, max_bytes: int) -> Iterator[Outcome]:
    """Everything one file yields. Never raises for bad content: it yields a Rejection instead."""
    source_key = path.relative_to(raw_dir).as_posix()
    try:
        data = path.read_bytes()
    except OSError as error:
        yield Rejection(source_key, "unreadable", f"could not read the file: {error.strerror or error}")
        return
    if len(data) > max_bytes:
        yield Rejection(source_key, "too_large",
                        f"{len(data):,} bytes is over the {max_bytes:,}-byte limit (CLAIMHOUSE_MAX_FILE_BYTES)")
        return
    try:
        text, encoding = decode_bytes(data)
    except DecodingError as error:
        yield Rejection(source_key, error.reason_code, str(error))
        return
    suffix = path.suffix.lower()
    if suffix in JSONL_EXTENSIONS:
        yield from _jsonl_articles(text, source_key, encoding)
    else:
        yield from _plain_article(text, source_key, encoding)


def _plain_article(text: str, source_key: str, encoding: str) -> Iterator[Outcome]:
    if not text.strip():
        yield Rejection(source_key, "empty", "the file holds no text (empty or whitespace only)")
        return
    yield IncomingArticle(source_key=source_key, source_name=Path(source_key).name, text=text,
                          source_format="txt", encoding=encoding)


def _jsonl_articles(text: str, source_key: str, encoding: str) -> Iterator[Outcome]:
    file_name = Path(source_key).name
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        record_name = f"{file_name}:{line_number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield Rejection(record_name, "malformed_json", f"line {line_number}: {error.msg}",
                            content_hash(line))
            continue
        body = record.get("text") if isinstance(record, dict) else None
        if not isinstance(body, str) or not body.strip():
            yield Rejection(record_name, "empty", f"line {line_number}: no non-empty 'text' field",
                            content_hash(line))
            continue
        record_id = str(record.get("id") or line_number)
        yield IncomingArticle(
            source_key=f"{source_key}#{record_id}",
            source_name=f"{file_name}#{record_id}",
            text=body,
            source_format="jsonl",
            encoding=encoding,
            title=record.get("title"),
            outlet=record.get("outlet"),
            url=record.get("url"),
        )
