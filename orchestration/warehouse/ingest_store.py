"""Loading what the readers produce into the ``raw`` schema, idempotently.

A file whose size and modification time have not changed since the last run is not read
again. An article whose text is already stored under another name is recorded as a duplicate;
a changed file becomes a new version of its source. Each batch of files is loaded in one
transaction together with the file bookkeeping, so a killed run leaves either the whole batch
or none of it.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import polars as pl

from orchestration.ingest.readers import read_source
from orchestration.ingest.records import IncomingArticle, Rejection
from orchestration.warehouse.connection import transaction

FILES_PER_BATCH = 500


@dataclass
class IngestSummary:
    files_seen: int = 0
    files_unchanged: int = 0
    articles_added: int = 0
    versions_added: int = 0
    duplicates: int = 0
    rejections: list[Rejection] = field(default_factory=list)

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


def iter_raw_files(raw_dir: Path) -> Iterator[Path]:
    """Every regular file under the raw folder, in a stable order, hidden files skipped."""
    for root, dirs, files in os.walk(raw_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def ingest_folder(con: duckdb.DuckDBPyConnection, raw_dir: Path, max_bytes: int, run_id: str,
                  paths: Iterable[Path] | None = None) -> IngestSummary:
    summary = IngestSummary()
    known = {row[0]: (row[1], row[2]) for row in
             con.execute("select source_path, size_bytes, mtime_ns from raw.file_state").fetchall()}
    batch: list[tuple[_FileState, list]] = []
    for path in paths if paths is not None else iter_raw_files(raw_dir):
        summary.files_seen += 1
        relative = path.relative_to(raw_dir).as_posix()
        try:
            stat = path.stat()
        except OSError:
            stat = None
        if stat is not None and known.get(relative) == (stat.st_size, stat.st_mtime_ns):
            summary.files_unchanged += 1
            continue
        outcomes = list(read_source(path, raw_dir, max_bytes))
        batch.append((_file_state(relative, stat, path, outcomes), outcomes))
        if len(batch) >= FILES_PER_BATCH:
            _load_batch(con, batch, run_id, summary)
            batch = []
    if batch:
        _load_batch(con, batch, run_id, summary)
    return summary


def _file_state(relative: str, stat: os.stat_result | None, path: Path, outcomes: list) -> _FileState:
    rejected = outcomes and all(isinstance(o, Rejection) for o in outcomes)
    digest = None
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if stat is not None else None
    except OSError:
        pass
    return _FileState(relative, stat.st_size if stat else -1, stat.st_mtime_ns if stat else -1,
                      digest, "rejected" if rejected else "loaded")


def _load_batch(con: duckdb.DuckDBPyConnection, batch: list[tuple[_FileState, list]], run_id: str,
                summary: IngestSummary) -> None:
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    articles = [o for _, outcomes in batch for o in outcomes if isinstance(o, IncomingArticle)]
    rejections = [o for _, outcomes in batch for o in outcomes if isinstance(o, Rejection)]
    new_articles, versions, duplicates = _classify(con, articles)
    with transaction(con):
        if new_articles:
            frame = pl.DataFrame([{
                "article_id": a.article_id, "content_hash": a.content_hash, "text": a.text,
                "title": a.title, "outlet": a.outlet, "published_at": a.published_at, "url": a.url,
                "source_format": a.source_format, "encoding": a.encoding,
                "first_source_name": a.source_name, "ingested_at": now, "run_id": run_id,
            } for a in new_articles], schema_overrides={"published_at": pl.Datetime("us")})
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
        states = pl.DataFrame([{**vars(state), "seen_at": now} for state, _ in batch],
                              schema_overrides={"content_hash": pl.Utf8})
        con.execute("""
            insert or replace into raw.file_state by name select * from states
        """)
    summary.articles_added += len(new_articles)
    summary.versions_added += len(versions)
    summary.duplicates += len(duplicates)
    summary.rejections.extend(rejections)


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
    ids = pl.DataFrame({"article_id": [a.article_id for a in articles]}).unique()
    stored = {row[0] for row in con.execute(
        "select article_id from raw.articles join ids using (article_id)").fetchall()}
    new_articles, versions, duplicates = [], [], []
    for article in articles:
        previous = latest.get(article.source_key)
        if previous is not None and previous[1] == article.article_id:
            continue  # unchanged content under the same source
        if previous is None and article.article_id in stored:
            duplicates.append(article)
            continue
        if article.article_id not in stored:
            new_articles.append(article)
            stored.add(article.article_id)
        version = (previous[0] if previous else 0) + 1
        versions.append((article, version))
        latest[article.source_key] = (version, article.article_id)
    return new_articles, versions, duplicates
