"""Write, audit, publish: the analyst database is replaced only by a checked, complete copy.

The working database is checkpointed (so the file holds everything, with no write-ahead log
beside it), copied next to the published path, verified to open read-only, and renamed over
the published file. A rename is atomic on POSIX: a reader opening the published path sees the
old file or the new one, never a half-written one, and readers that already had the old file
open keep reading it undisturbed.
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

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


def publish(working: Path, published: Path) -> PublishResult:
    checkpoint(working)
    published.parent.mkdir(parents=True, exist_ok=True)
    staged = published.with_name(f".{published.name}.{os.getpid()}.publishing")
    try:
        shutil.copyfile(working, staged)
        _fsync(staged)
        mart_rows = _verify(staged)
        os.replace(staged, published)
        _fsync_directory(published.parent)
    finally:
        staged.unlink(missing_ok=True)
    return PublishResult(published, published.stat().st_size, mart_rows)


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
