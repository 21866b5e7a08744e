"""What reading a raw file produces: articles to load, or rejections with a reason."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

# Every reason an input can be turned away, with what it means (README and the dbt
# accepted_values test on marts.rejected_inputs.reason_code list exactly these).
REASON_CODES: dict[str, str] = {
    "empty": "the file or record holds no text (empty or whitespace only)",
    "binary": "binary content (PDF, image, archive, executable...) under a text extension",
    "undecodable": "the bytes fit no text encoding",
    "too_large": "over the size limit (CLAIMHOUSE_MAX_FILE_BYTES, default 5 MB) for one article: a file, "
                 "or one JSONL record (a JSONL file may be up to 100 times larger)",
    "non_english": "the text is confidently identified as another language",
    "malformed_json": "a JSONL line that is not a JSON object",
    "missing_text": "a JSONL record without a non-empty 'text' string",
    "duplicate_record_id": "a JSONL record whose id was already used earlier in the same file",
    "invalid_front_matter": "Markdown front matter that is not a YAML mapping",
    "invalid_date": "a date in the metadata that is not a real date (or is far in the future)",
    "no_main_text": "an HTML page where trafilatura finds no article text",
    "unsupported_format": "an extension claimhouse does not read",
    "symlink_outside": "a symbolic link pointing outside the raw folder",
    "broken_symlink": "a symbolic link whose target does not exist",
    "not_a_file": "a device, pipe or socket rather than a regular file",
    "unreadable": "the operating system refused to read it (permissions, I/O error)",
    "vanished": "the file disappeared between listing the folder and reading it (retried next run)",
    "changed_while_reading": "the file changed while it was being read (retried next run)",
}


def content_hash(text: str) -> str:
    # surrogatepass: a JSON '\\ud800' escape yields a string UTF-8 cannot encode; it is rejected,
    # and its rejection still needs a hash
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def bytes_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def article_id_for(text: str) -> str:
    """Stable id derived from the content: identical texts are the same article."""
    return content_hash(text)[:16]


@dataclass(frozen=True, slots=True)
class IncomingArticle:
    source_key: str  # identity across versions: the file's relative path, or path#record-id
    source_name: str  # what analysts see: the file (or file#record) name
    text: str
    source_format: str  # txt, md, html, jsonl
    encoding: str | None = None
    title: str | None = None
    outlet: str | None = None
    published_at: datetime | None = None
    url: str | None = None

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)

    @property
    def article_id(self) -> str:
        return article_id_for(self.text)


@dataclass(frozen=True, slots=True)
class Rejection:
    source_name: str
    reason_code: str
    detail: str
    content_hash: str | None = None

    def __post_init__(self) -> None:
        if self.reason_code not in REASON_CODES:
            raise ValueError(f"unknown reason code {self.reason_code!r}")


class RejectedInput(Exception):
    """Raised inside a reader for content that cannot become an article; caught into a Rejection."""

    def __init__(self, reason_code: str, detail: str):
        super().__init__(detail)
        self.reason_code = reason_code
        self.detail = detail
