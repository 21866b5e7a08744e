"""Watching the raw folder for the sensor: which files are new or changed since the cursor.

The cursor remembers, for every file already handed to a run, its size and modification time
(zlib-compressed JSON, about 10 bytes a file once compressed). A file is handed to exactly one
run: the next evaluation sees it in the cursor and asks for nothing. A file modified within the
last few seconds is left for a later evaluation, so a file still being copied in does not
trigger a run on half its bytes.
"""
from __future__ import annotations

import base64
import hashlib
import json
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

from orchestration.ingest.files import list_raw_folder

CURSOR_PREFIX = "z1:"
DEFAULT_SETTLE_SECONDS = 10.0


@dataclass(frozen=True)
class FolderChanges:
    changed: dict[str, str]  # source key -> "size:mtime_ns", new or changed since the cursor
    unsettled: list[str]  # modified too recently: left for a later evaluation
    cursor_files: dict[str, str]  # what the next cursor remembers

    @property
    def run_key(self) -> str:
        """The same set of file states always gives the same key (Dagster runs a key once)."""
        digest = hashlib.sha256()
        for key in sorted(self.changed):
            digest.update(f"{key}\0{self.changed[key]}\n".encode())
        return digest.hexdigest()


def folder_state(raw_dir: Path) -> dict[str, tuple[int, int]]:
    """Size and modification time of every listed entry (entries that cannot be stat'ed: none)."""
    if not raw_dir.exists():
        return {}
    return {entry.source_key: (entry.size_bytes, entry.mtime_ns) for entry in list_raw_folder(raw_dir)
            if entry.size_bytes is not None}


def changes_since(cursor_files: dict[str, str], raw_dir: Path,
                  settle_seconds: float = DEFAULT_SETTLE_SECONDS, now: float | None = None) -> FolderChanges:
    now_ns = int((time.time() if now is None else now) * 1e9)
    changed, unsettled, remembered = {}, [], {}
    for key, (size, mtime_ns) in folder_state(raw_dir).items():
        state = f"{size}:{mtime_ns}"
        if cursor_files.get(key) == state:
            remembered[key] = state
        elif abs(now_ns - mtime_ns) < settle_seconds * 1e9:  # abs: a clock-skewed future mtime still settles
            unsettled.append(key)
            if key in cursor_files:
                remembered[key] = cursor_files[key]
        else:
            changed[key] = state
            remembered[key] = state
    return FolderChanges(changed, sorted(unsettled), remembered)


def encode_cursor(files: dict[str, str]) -> str:
    payload = json.dumps(files, sort_keys=True, separators=(",", ":")).encode()
    return CURSOR_PREFIX + base64.b64encode(zlib.compress(payload, 9)).decode()


def decode_cursor(cursor: str | None) -> dict[str, str]:
    """The files a cursor remembers; an empty or older-format cursor remembers none."""
    if not cursor or not cursor.startswith(CURSOR_PREFIX):
        return {}
    try:
        return json.loads(zlib.decompress(base64.b64decode(cursor[len(CURSOR_PREFIX):])))
    except (ValueError, zlib.error):
        return {}
