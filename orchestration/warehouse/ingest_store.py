"""Loading what the readers produce into the ``raw`` schema, idempotently.

* A file whose size and modification time have not changed since it was last read is not read
  again; one that was touched but holds the same bytes (same SHA-256) only has its state updated.
* An article whose text is already stored under another source is recorded once as a duplicate
  of it (``raw.duplicates``), not as a second article.
* A changed file becomes a new version of its source (``raw.article_versions``); the earlier text
  stays stored, so its claims and figures stay queryable.
* A rejection is recorded once per source, reason and content, however often the file is seen.
* A file removed from the folder keeps everything it contributed.

Each batch of files is loaded in one transaction together with the file bookkeeping, so a run
killed at any moment leaves either the whole batch or none of it, and the next run redoes
exactly what is missing. Files that vanished or changed while being read get no file state and
are read again next run.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import polars as pl

from orchestration.ingest.files import RawFile, list_raw_folder
from orchestration.ingest.readers import SourceRead, read_source
from orchestration.ingest.records import IncomingArticle, Rejection
from orchestration.warehouse.connection import transaction
from orchestration.warehouse.runs import pause_point

FILES_PER_BATCH = 500
TEXT_BYTES_PER_BATCH = 64 * 1024 * 1024


@dataclass
class IngestSummary:
    files_seen: int = 0
    files_unchanged: int = 0
    articles_added: int = 0
    versions_added: int = 0
    duplicates: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    retried_later: list[str] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return len(self.rejections)


@dataclass(frozen=True)
class _FileState:
    source_path: str
    size_bytes: int
    mtime_ns: int
    content_hash: str | None
    outcome: str


@dataclass
class _Batch:
    files: list[tuple[_FileState | None, list]] = field(default_factory=list)
    text_bytes: int = 0

    def add(self, state: _FileState | None, outcomes: list) -> None:
        self.files.append((state, outcomes))
        self.text_bytes += sum(len(o.text) for o in outcomes if isinstance(o, IncomingArticle))

    @property
    def is_full(self) -> bool:
        return len(self.files) >= FILES_PER_BATCH or self.text_bytes >= TEXT_BYTES_PER_BATCH


def ingest_folder(con: duckdb.DuckDBPyConnection, raw_dir: Path, max_bytes: int, run_id: str,
                  entries: Iterable[RawFile] | None = None) -> IngestSummary:
    """Read every new or changed file under ``raw_dir`` into the raw schema."""
    summary = IngestSummary()
    known = {row[0]: (row[1], row[2], row[3]) for row in con.execute(
        "select source_path, size_bytes, mtime_ns, content_hash from raw.file_state").fetchall()}
    batch = _Batch()
    for entry in entries if entries is not None else list_raw_folder(raw_dir):
        summary.files_seen += 1
        previous = known.get(entry.source_key)
        if previous and entry.size_bytes is not None and previous[:2] == (entry.size_bytes, entry.mtime_ns):
            summary.files_unchanged += 1
            continue
        read = read_source(entry, raw_dir, max_bytes)
        if previous and read.content_hash is not None and read.content_hash == previous[2]:
            summary.files_unchanged += 1  # touched, same bytes: remember the new time only
            batch.add(_file_state(entry, read), [])
        else:
            batch.add(_file_state(entry, read), read.outcomes)
            if not read.is_final:
                summary.retried_later.append(entry.source_key)
        if batch.is_full:
            _load_batch(con, batch, run_id, summary)
            batch = _Batch()
    if batch.files:
        _load_batch(con, batch, run_id, summary)
    return summary


def _file_state(entry: RawFile, read: SourceRead) -> _FileState | None:
    if not read.is_final or entry.size_bytes is None:
        return None
    kinds = {type(o) for o in read.outcomes}
    outcome = "loaded" if kinds == {IncomingArticle} else "rejected" if kinds == {Rejection} else "partial"
    return _FileState(entry.source_key, entry.size_bytes, entry.mtime_ns, read.content_hash, outcome)


def _load_batch(con: duckdb.DuckDBPyConnection, batch: _Batch, run_id: str, summary: IngestSummary) -> None:
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    articles = [o for _, outcomes in batch.files for o in outcomes if isinstance(o, IncomingArticle)]
    rejections = _new_rejections(con, [o for _, outcomes in batch.files for o in outcomes
                                       if isinstance(o, Rejection)])
    new_articles, versions, duplicates = _classify(con, articles)
    states = [state for state, _ in batch.files if state is not None]
    with transaction(con):
        if new_articles:
            frame = pl.DataFrame([{
                "article_id": a.article_id, "content_hash": a.content_hash, "text": a.text,
                "title": a.title, "outlet": a.outlet, "published_at": a.published_at, "url": a.url,
                "source_format": a.source_format, "encoding": a.encoding,
                "first_source_name": a.source_name, "ingested_at": now, "run_id": run_id,
            } for a in new_articles], schema=_ARTICLE_SCHEMA)
            con.execute("insert into raw.articles by name select * from frame")
        if versions:
            frame = pl.DataFrame([{
                "source_key": a.source_key, "version": version, "article_id": a.article_id,
                "source_name": a.source_name, "ingested_at": now, "run_id": run_id,
            } for a, version in versions])
            con.execute("insert into raw.article_versions by name select * from frame")
        if duplicates:
            frame = pl.DataFrame([{
                "source_key": a.source_key, "source_name": a.source_name,
                "duplicate_of_article_id": a.article_id, "detected_at": now, "run_id": run_id,
            } for a in duplicates])
            con.execute("insert into raw.duplicates by name select * from frame")
        if rejections:
            frame = pl.DataFrame([{
                "source_name": r.source_name, "reason_code": r.reason_code, "detail": r.detail,
                "content_hash": r.content_hash, "detected_at": now, "run_id": run_id,
            } for r in rejections], schema_overrides={"content_hash": pl.Utf8})
            con.execute("insert into raw.rejected_inputs by name select * from frame")
        if states:
            frame = pl.DataFrame([{**vars(state), "seen_at": now} for state in states],
                                 schema_overrides={"content_hash": pl.Utf8})
            con.execute("insert or replace into raw.file_state by name select * from frame")
        pause_point("ingest")
    summary.articles_added += len(new_articles)
    summary.versions_added += len(versions)
    summary.duplicates += len(duplicates)
    summary.rejections.extend(rejections)


_ARTICLE_SCHEMA = {
    "article_id": pl.Utf8, "content_hash": pl.Utf8, "text": pl.Utf8, "title": pl.Utf8,
    "outlet": pl.Utf8, "published_at": pl.Datetime("us"), "url": pl.Utf8, "source_format": pl.Utf8,
    "encoding": pl.Utf8, "first_source_name": pl.Utf8, "ingested_at": pl.Datetime("us"), "run_id": pl.Utf8,
}


def _new_rejections(con: duckdb.DuckDBPyConnection, rejections: list[Rejection]) -> list[Rejection]:
    """Rejections not already recorded for the same source, reason and content (or detail)."""
    if not rejections:
        return []
    keys = pl.DataFrame({"source_name": [r.source_name for r in rejections]}).unique()
    recorded = {tuple(row) for row in con.execute("""
        select r.source_name, r.reason_code, coalesce(r.content_hash, r.detail)
        from raw.rejected_inputs r join keys using (source_name)
    """).fetchall()}
    fresh = []
    for rejection in rejections:
        key = (rejection.source_name, rejection.reason_code, rejection.content_hash or rejection.detail)
        if key not in recorded:
            recorded.add(key)
            fresh.append(rejection)
    return fresh


def _classify(con: duckdb.DuckDBPyConnection, articles: list[IncomingArticle]
              ) -> tuple[list[IncomingArticle], list[tuple[IncomingArticle, int]], list[IncomingArticle]]:
    """Split a batch into new articles, new versions of sources, and duplicates of stored texts."""
    if not articles:
        return [], [], []
    keys = pl.DataFrame({"source_key": [a.source_key for a in articles]}).unique()
    latest = {row[0]: (row[1], row[2]) for row in con.execute("""
        select v.source_key, max(v.version), arg_max(v.article_id, v.version)
        from raw.article_versions v join keys using (source_key)
        group by v.source_key
    """).fetchall()}
    known_duplicates = {tuple(row) for row in con.execute("""
        select d.source_key, d.duplicate_of_article_id from raw.duplicates d join keys using (source_key)
    """).fetchall()}
    ids = pl.DataFrame({"article_id": [a.article_id for a in articles]}).unique()
    stored = {row[0] for row in con.execute(
        "select article_id from raw.articles join ids using (article_id)").fetchall()}
    new_articles, versions, duplicates = [], [], []
    for article in articles:
        previous = latest.get(article.source_key)
        if previous is not None and previous[1] == article.article_id:
            continue  # unchanged content under the same source
        if previous is None and article.article_id in stored:
            if (article.source_key, article.article_id) not in known_duplicates:
                known_duplicates.add((article.source_key, article.article_id))
                duplicates.append(article)
            continue
        if article.article_id not in stored:
            new_articles.append(article)
            stored.add(article.article_id)
        version = (previous[0] if previous else 0) + 1
        versions.append((article, version))
        latest[article.source_key] = (version, article.article_id)
    return new_articles, versions, duplicates
