"""Write, audit, publish: the analyst database is replaced only by a checked, complete copy.

The working database is checkpointed (so the file holds everything, with no write-ahead log
beside it) and copied next to the published path. The copy's run-history row is marked
``published``, the copy is flushed to disk, verified to open read-only with every contract mart
in it, and renamed over the published file. A rename is atomic on POSIX: a reader opening the
published path sees the old file or the new one, never a half-written one, and readers that
already had the old file open keep reading it undisturbed. A run killed anywhere before the
rename leaves the published file as it was (the next publish removes its leftover copy).
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

from orchestration.warehouse.runs import pause_point, utc_now

REQUIRED_MARTS = ("articles", "actors", "actor_mentions", "places", "place_mentions", "claims", "figures")


@dataclass(frozen=True)
class PublishResult:
    published_path: Path
    size_bytes: int
    mart_rows: dict[str, int]


def checkpoint(path: Path) -> None:
    con = duckdb.connect(str(path))
    try:
        con.execute("checkpoint")
    finally:
        con.close()


def staged_path(published: Path) -> Path:
    return published.with_name(f".{published.name}.{os.getpid()}.publishing")


def publish(working: Path, published: Path, run_id: str | None = None, **run_values) -> PublishResult:
    """Copy the checked working database over the published one; ``run_values`` go into the
    copy's row for ``run_id`` (status published, check counts), so the published file records
    the run that published it."""
    checkpoint(working)
    published.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftover_copies(published)
    staged = staged_path(published)
    try:
        shutil.copyfile(working, staged)
        if run_id is not None:
            _mark_published(staged, run_id, run_values)
        _fsync(staged)
        mart_rows = _verify(staged)
        pause_point("publish")
        os.replace(staged, published)
        _fsync_directory(published.parent)
    finally:
        staged.unlink(missing_ok=True)
    return PublishResult(published, published.stat().st_size, mart_rows)


def _mark_published(staged: Path, run_id: str, run_values: dict) -> None:
    values = {"status": "published", "is_published": True, "finished_at": utc_now(), **run_values}
    assignments = ", ".join(f"{column} = ?" for column in values)
    con = duckdb.connect(str(staged))
    try:
        con.execute(f"update raw.pipeline_runs set {assignments} where run_id = ?", [*values.values(), run_id])
        con.execute("checkpoint")
    finally:
        con.close()


def _remove_leftover_copies(published: Path) -> None:
    """Copies left by a run killed mid-publish (only one run writes at a time: none is live)."""
    for leftover in published.parent.glob(f".{published.name}.*.publishing*"):
        leftover.unlink(missing_ok=True)


def _verify(path: Path) -> dict[str, int]:
    """Open the copy the way analysts will (read-only) and count the contract tables."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {mart: con.execute(f"select count(*) from marts.{mart}").fetchone()[0]
                for mart in REQUIRED_MARTS}
    finally:
        con.close()


def _fsync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_directory(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
