"""What reading a raw file produces: articles to load, or rejections with a reason."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_id_for(text: str) -> str:
    """Stable id derived from the content: identical texts are the same article."""
    return content_hash(text)[:16]


@dataclass(frozen=True, slots=True)
class IncomingArticle:
    source_key: str  # identity across versions: the file's relative path, or path#record-id
    source_name: str  # what analysts see: the file (or record) name
    text: str
    source_format: str
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
