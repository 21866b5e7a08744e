"""The raw folder as files: listing, safe names, and reading a file only when it holds still.

A file is read through its resolved path, after checking that a symbolic link stays inside
the raw folder, that it is a regular file (opening a FIFO would block the run), and that it is
under the size limit (checked on the open file, before reading, so a 5 GB file costs nothing).
It counts as read only when its size and modification time are the same before and after the
read and match what the folder listing saw: otherwise it vanished or changed while being read,
and is tried again on the next run.
"""
from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from orchestration.ingest.records import RejectedInput

READ_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class RawFile:
    """One entry of the raw folder as the listing saw it (size and mtime of what it points to)."""

    path: Path
    source_key: str  # relative path, printable: undecodable bytes of the name are escaped
    size_bytes: int | None  # None when the entry could not be stat'ed (broken link, vanished)
    mtime_ns: int | None
    is_symlink: bool

    @property
    def name(self) -> str:
        return self.source_key.rsplit("/", 1)[-1]

    @property
    def suffix(self) -> str:
        dot = self.name.rfind(".")
        return self.name[dot:].lower() if dot > 0 else ""


def printable_name(relative: str) -> str:
    """A file name as valid UTF-8: bytes that are not UTF-8 become backslash escapes ('\\xe9')."""
    return os.fsencode(relative).decode("utf-8", "backslashreplace")


def list_raw_folder(raw_dir: Path) -> Iterator[RawFile]:
    """Every entry under the raw folder in a stable order; hidden files and folders skipped.

    Linked folders are not walked, so nothing is read twice and no cycle can form; a link to a
    folder outside the raw folder is listed as an entry, so that it is reported.
    """
    real_root = os.path.realpath(raw_dir)
    for root, dirs, files in os.walk(raw_dir):
        linked_dirs = [d for d in dirs if os.path.islink(os.path.join(root, d))]
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in linked_dirs)
        outside = [d for d in linked_dirs if not _inside(os.path.join(root, d), real_root)]
        for name in sorted([*files, *outside]):
            if name.startswith("."):
                continue
            path = Path(root) / name
            yield _entry(path, raw_dir)


def _inside(path: str, real_root: str) -> bool:
    return os.path.commonpath([real_root, os.path.realpath(path)]) == real_root


def _entry(path: Path, raw_dir: Path) -> RawFile:
    relative = printable_name(path.relative_to(raw_dir).as_posix())
    try:
        info = path.stat()
        size, mtime = info.st_size, info.st_mtime_ns
    except OSError:
        size = mtime = None
    return RawFile(path, relative, size, mtime, path.is_symlink())


def read_stable(entry: RawFile, raw_dir: Path, max_bytes: int) -> bytes:
    """The file's bytes, or RejectedInput with the reason it cannot be read (see module doc)."""
    target = _checked_target(entry, raw_dir)
    try:
        descriptor = os.open(target, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        raise RejectedInput("vanished", "the file disappeared before it could be read; "
                            "it is tried again on the next run") from None
    except OSError as error:
        raise RejectedInput("unreadable", f"could not open the file: {error.strerror or error}") from None
    with os.fdopen(descriptor, "rb") as handle:
        before = os.fstat(handle.fileno())
        if not stat.S_ISREG(before.st_mode):
            raise RejectedInput("not_a_file", "not a regular file (a device, pipe or socket)")
        if before.st_size > max_bytes:
            raise RejectedInput("too_large", f"{before.st_size:,} bytes is over the {max_bytes:,}-byte "
                                "limit (CLAIMHOUSE_MAX_FILE_BYTES)")
        try:
            data = _read_at_most(handle, max_bytes + 1)
        except OSError as error:
            raise RejectedInput("unreadable", f"reading failed: {error.strerror or error}") from None
        after = os.fstat(handle.fileno())
    if len(data) > max_bytes:
        raise RejectedInput("too_large", f"grew past the {max_bytes:,}-byte limit while being read")
    listed = (entry.size_bytes, entry.mtime_ns)
    if ((before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns)
            or len(data) != after.st_size or listed != (after.st_size, after.st_mtime_ns)):
        raise RejectedInput("changed_while_reading", "the file changed while it was being read "
                            f"(listed {entry.size_bytes} bytes, read {len(data)}, now {after.st_size}); "
                            "it is tried again on the next run")
    if not os.path.exists(entry.path):
        raise RejectedInput("vanished", "the file was removed while it was being read; "
                            "it is tried again if it comes back")
    return data


def _checked_target(entry: RawFile, raw_dir: Path) -> str:
    """The real path to open: links must resolve to an existing file inside the raw folder."""
    target = os.path.realpath(entry.path)
    if entry.is_symlink:
        if not _inside(target, os.path.realpath(raw_dir)):
            raise RejectedInput("symlink_outside", f"a symbolic link to {printable_name(target)}, "
                                "outside the raw folder; only files inside it are read")
        if not os.path.exists(target):
            raise RejectedInput("broken_symlink", f"a symbolic link to {printable_name(target)}, "
                                "which does not exist")
        if os.path.isdir(target):
            raise RejectedInput("not_a_file", "a symbolic link to a folder inside the raw folder; "
                                "its files are read where they are")
    elif entry.size_bytes is None and not os.path.lexists(entry.path):
        raise RejectedInput("vanished", "the file disappeared before it could be read; "
                            "it is tried again on the next run")
    return target


def _read_at_most(handle, limit: int) -> bytes:
    chunks, total = [], 0
    while total < limit:
        chunk = handle.read(min(READ_CHUNK, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)
