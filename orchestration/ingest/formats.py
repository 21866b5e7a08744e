"""Decoded text to articles, one function per input format.

* ``txt``: the whole text is the article.
* ``md``: YAML front matter (``title``, ``url`` or ``source``, ``date``, ``outlet``, as scrapers
  write it) followed by the article text.
* ``html``: main text and metadata (title, URL, date, site name) through trafilatura.
* ``jsonl``: one article per line, ``text`` plus any of ``id``, ``title``, ``url``, ``outlet``,
  ``published_at``; a bad line is rejected on its own and the other lines still load.

Every article then passes the same gate: not empty, English (see ``language``), an outlet
detected from the URL or the text when the metadata names none (see ``metadata``).
"""
from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import trafilatura
import yaml

from orchestration.ingest.language import non_english_detail
from orchestration.ingest.metadata import detect_outlet, looks_like_url, parse_published_at
from orchestration.ingest.records import IncomingArticle, Rejection, RejectedInput, content_hash

Outcome = IncomingArticle | Rejection

FORMAT_EXTENSIONS = {
    "txt": (".txt", ".text", ""),
    "md": (".md", ".markdown"),
    "html": (".html", ".htm", ".xhtml"),
    "jsonl": (".jsonl", ".ndjson"),
}
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)\n?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL)
# Below this, what trafilatura returns is a menu or a cookie notice, not an article.
MIN_HTML_WORDS = 20
FRONT_MATTER_KEYS = {"title", "headline", "url", "link", "canonical_url", "source", "date", "published",
                     "published_at", "outlet", "publisher", "site_name"}


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML without implicit timestamps: dates stay strings for ``parse_published_at`` to judge
    (PyYAML's own conversion raises on '2024-02-30' and hides which field was wrong)."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


@dataclass(frozen=True, slots=True)
class SourceFile:
    source_key: str
    encoding: str
    max_record_bytes: int | None = None  # JSONL: the size limit of one record


def format_for(suffix: str, text: str) -> str | None:
    """The format to read, from the extension and, for plain-text names, the content."""
    for fmt, suffixes in FORMAT_EXTENSIONS.items():
        if suffix in suffixes:
            if fmt == "txt":
                if _HTML_START.match(text[:4096]):
                    return "html"
                if _front_matter(text) is not None:
                    return "md"
            return fmt
    return None


def read_text(fmt: str, text: str, source: SourceFile) -> Iterator[Outcome]:
    readers = {"txt": _plain, "md": _markdown, "html": _html, "jsonl": _jsonl}
    try:
        yield from readers[fmt](text, source)
    except RejectedInput as rejected:
        yield Rejection(source.source_key, rejected.reason_code, rejected.detail, content_hash(text))


def _plain(text: str, source: SourceFile) -> Iterator[Outcome]:
    yield _article(source, source.source_key, text, "txt", {})


def _markdown(text: str, source: SourceFile) -> Iterator[Outcome]:
    found = _FRONT_MATTER.match(text)
    if found is None:
        yield _article(source, source.source_key, text, "md", {})
        return
    fields = _load_yaml(found.group("yaml"))
    if fields is None:
        fields = {}
    if not isinstance(fields, Mapping):
        raise RejectedInput("invalid_front_matter", "the front matter is not a mapping of field: value")
    body = text[found.end():].lstrip("\n")
    yield _article(source, source.source_key, body, "md", _front_matter_metadata(fields))


def _front_matter(text: str) -> Mapping | None:
    """Front matter at the start of a text, when it is a YAML mapping with article fields."""
    found = _FRONT_MATTER.match(text)
    if found is None:
        return None
    try:
        fields = _load_yaml(found.group("yaml"))
    except RejectedInput:
        return None
    if isinstance(fields, Mapping) and FRONT_MATTER_KEYS & {str(k).lower() for k in fields}:
        return fields
    return None


def _load_yaml(text: str) -> object:
    try:
        return yaml.load(text, Loader=_FrontMatterLoader)
    except yaml.YAMLError as error:
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise RejectedInput("invalid_front_matter", f"the front matter is not valid YAML: {problem}{where}") from None
    except RecursionError:
        raise RejectedInput("invalid_front_matter", "the front matter is nested too deeply to read") from None
    except (ValueError, TypeError, OverflowError) as error:  # explicit tags: '!!timestamp 2024-02-30'
        raise RejectedInput("invalid_front_matter", f"the front matter has a value that cannot be read: "
                            f"{error}") from None


def _front_matter_metadata(fields: Mapping) -> dict:
    lowered = {str(key).lower(): value for key, value in fields.items()}

    def first(*keys: str) -> object:
        return next((lowered[k] for k in keys if lowered.get(k) not in (None, "")), None)

    source = first("source")
    url = first("url", "link", "canonical_url") or (source if looks_like_url(source) else None)
    outlet = first("outlet", "publisher", "site_name") or (None if looks_like_url(source) else source)
    return {
        "title": first("title", "headline"),
        "url": url,
        "outlet": outlet,
        "published_at": parse_published_at(first("date", "published_at", "published"), "front matter date"),
    }


def _html(text: str, source: SourceFile) -> Iterator[Outcome]:
    try:
        document = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    except (ValueError, TypeError, RecursionError, MemoryError, AttributeError, LookupError) as error:
        raise RejectedInput("no_main_text", f"trafilatura could not parse this HTML page "
                            f"({type(error).__name__}: {error})") from None
    body = getattr(document, "text", None) if document is not None else None
    words = len(body.split()) if body else 0
    if words < MIN_HTML_WORDS:
        raise RejectedInput("no_main_text", f"trafilatura found no article text in this HTML page "
                            f"({words} word(s) of main text, fewer than {MIN_HTML_WORDS})")
    metadata = {
        "title": document.title,
        "url": document.url,
        "site_name": document.sitename,
        "published_at": parse_published_at(document.date, "page date"),
    }
    yield _article(source, source.source_key, body, "html", metadata)


def _jsonl(text: str, source: SourceFile) -> Iterator[Outcome]:
    seen_ids: dict[str, int] = {}
    for line_number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        record_name = f"{source.source_key}:{line_number}"
        try:
            yield from _jsonl_record(line, line_number, source, seen_ids)
        except RejectedInput as rejected:
            yield Rejection(record_name, rejected.reason_code, f"line {line_number}: {rejected.detail}",
                            content_hash(line))
        except Exception as error:  # whatever else one record trips, the other lines still load
            yield Rejection(record_name, "malformed_json", f"line {line_number}: the record could not be "
                            f"read ({type(error).__name__}: {error})", content_hash(line))


def _jsonl_record(line: str, line_number: int, source: SourceFile,
                  seen_ids: dict[str, int]) -> Iterator[Outcome]:
    size = len(line.encode("utf-8"))
    if source.max_record_bytes is not None and size > source.max_record_bytes:
        raise RejectedInput("too_large", f"a {size:,}-byte record is over the {source.max_record_bytes:,}-byte "
                            "limit (CLAIMHOUSE_MAX_FILE_BYTES)")
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise RejectedInput("malformed_json", f"not valid JSON ({error.msg} at column {error.colno})") from None
    except RecursionError:
        raise RejectedInput("malformed_json", "JSON nested too deeply to read") from None
    except ValueError as error:  # e.g. an integer of thousands of digits
        raise RejectedInput("malformed_json", f"not readable JSON ({error})") from None
    if not isinstance(record, dict):
        raise RejectedInput("malformed_json", f"a JSON {type(record).__name__}, not an object")
    body = record.get("text")
    if not isinstance(body, str) or not body.strip():
        raise RejectedInput("missing_text", "no non-empty 'text' string")
    if _has_surrogates(body):
        raise RejectedInput("undecodable", _SURROGATE_DETAIL)
    record_id = _record_id(record.get("id"), line_number)
    if record_id in seen_ids:
        raise RejectedInput("duplicate_record_id", f"id {record_id!r} was already used on line "
                            f"{seen_ids[record_id]} of this file")
    seen_ids[record_id] = line_number
    metadata = {
        "title": record.get("title"),
        "url": record.get("url"),
        "outlet": record.get("outlet"),
        "published_at": parse_published_at(record.get("published_at", record.get("date")), "published_at"),
    }
    yield _article(source, f"{source.source_key}#{record_id}", body, "jsonl", metadata)


def _record_id(value: object, line_number: int) -> str:
    """The record's own id when it is a plain value, else its line number."""
    if value is None or value == "" or isinstance(value, (dict, list, bool)):
        return str(line_number)
    return _without_surrogates(" ".join(str(value).split())) or str(line_number)


def _article(source: SourceFile, key: str, text: str, fmt: str, metadata: dict) -> Outcome:
    """An article from one text, or the reason it cannot be one. ``key`` names it (and its source)."""
    if not text.strip():
        return Rejection(key, "empty", "the article holds no text (empty or whitespace only)",
                         content_hash(text))
    if _has_surrogates(text):
        return Rejection(key, "undecodable", _SURROGATE_DETAIL, content_hash(text))
    language = non_english_detail(text)
    if language:
        return Rejection(key, "non_english", language, content_hash(text))
    url = _string(metadata.get("url"))
    outlet = _string(metadata.get("outlet")) or detect_outlet(url, text, _string(metadata.get("site_name")))
    return IncomingArticle(source_key=key, source_name=key, text=text, source_format=fmt,
                           encoding=source.encoding, title=_string(metadata.get("title")), outlet=outlet,
                           published_at=metadata.get("published_at"), url=url)


def _string(value: object) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    value = _without_surrogates(" ".join(str(value).split()))
    return value or None


_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_DETAIL = ("the text holds an unpaired UTF-16 surrogate (an escape such as \\ud800 that is no "
                     "character), so it cannot be stored as text")


def _has_surrogates(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def _without_surrogates(text: str) -> str:
    """Metadata (a title, an id) keeps its other characters; an unpaired surrogate becomes U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)
