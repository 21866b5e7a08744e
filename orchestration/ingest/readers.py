"""Turn one raw file into articles (or rejections), by its extension and content.

Never raises for anything about the file: every problem becomes a Rejection with a reason code
(see ``records.REASON_CODES``), so one bad file never stops a run.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from orchestration.ingest.decoding import binary_kind, decode_bytes
from orchestration.ingest.files import RawFile, read_stable
from orchestration.ingest.formats import FORMAT_EXTENSIONS, Outcome, SourceFile, format_for, read_text
from orchestration.ingest.records import RejectedInput, Rejection, bytes_hash

# A file rejected for one of these is read again on the next run: the problem may pass.
RETRIED_REASONS = frozenset({"vanished", "changed_while_reading", "unreadable"})
JSONL_FILE_FACTOR = 100
SUPPORTED_EXTENSIONS = sorted(s for suffixes in FORMAT_EXTENSIONS.values() for s in suffixes if s)


@dataclass
class SourceRead:
    """Everything one file yields, with the hash of the bytes read (None if none were)."""

    outcomes: list[Outcome] = field(default_factory=list)
    content_hash: str | None = None

    @property
    def is_final(self) -> bool:
        """False when the file should be read again next run even if it looks unchanged."""
        return not any(isinstance(o, Rejection) and o.reason_code in RETRIED_REASONS for o in self.outcomes)


def read_source(entry: RawFile, raw_dir: Path, max_bytes: int) -> SourceRead:
    """Read one file. ``max_bytes`` limits an article: a whole file, or one JSONL record (a JSONL
    file holds many articles and may be up to ``JSONL_FILE_FACTOR`` times larger)."""
    is_jsonl = entry.suffix in FORMAT_EXTENSIONS["jsonl"]
    try:
        data = read_stable(entry, raw_dir, max_bytes * JSONL_FILE_FACTOR if is_jsonl else max_bytes)
    except RejectedInput as rejected:
        return SourceRead([Rejection(entry.source_key, rejected.reason_code, rejected.detail)])
    digest = bytes_hash(data)
    read = SourceRead(content_hash=digest)
    try:
        for outcome in _outcomes(entry, data, digest, max_bytes):
            read.outcomes.append(outcome)
    except Exception as error:  # a library failing on strange input must not stop the run
        read.outcomes.append(Rejection(entry.source_key, "unreadable", f"reading the file failed "
                                       f"({type(error).__name__}: {error}); it is tried again on the next run",
                                       digest))
    return read


def _outcomes(entry: RawFile, data: bytes, digest: str, max_bytes: int):
    def reject(reason: str, detail: str) -> Rejection:
        return Rejection(entry.source_key, reason, detail, digest)

    if not data.strip():
        yield reject("empty", "the file holds no text (empty or whitespace only)")
        return
    known_extension = any(entry.suffix in suffixes for suffixes in FORMAT_EXTENSIONS.values())
    if not known_extension:
        kind = binary_kind(data)
        what = f"{kind} " if kind else ""
        yield reject("unsupported_format", f"a {what}file with extension {entry.suffix!r}; claimhouse "
                     f"reads {', '.join(SUPPORTED_EXTENSIONS)} (and files without an extension)")
        return
    try:
        text, encoding = decode_bytes(data)
    except RejectedInput as rejected:
        yield reject(rejected.reason_code, rejected.detail)
        return
    if not text.strip():
        yield reject("empty", f"the file holds only whitespace once decoded ({encoding})")
        return
    fmt = format_for(entry.suffix, text)
    yield from read_text(fmt, text, SourceFile(entry.source_key, encoding, max_bytes))
