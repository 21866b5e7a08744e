"""Writing extraction results into the ``extraction`` schema, one transaction per chunk.

An article counts as extracted only when its row in ``extraction.processed_articles`` is
committed, and that row is written in the same transaction as every record of the article.
A killed run therefore leaves each article either fully extracted or not at all, and the next
run picks up exactly the articles that are missing.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime, timezone

import duckdb
import polars as pl

from orchestration.extract.pipeline import ArticleExtraction
from orchestration.extract.records import Span
from orchestration.warehouse.connection import transaction
from orchestration.warehouse.schema import EXTRACTION_TABLES


def record_id(article_id: str, kind: str, char_start: int, char_end: int) -> str:
    """Deterministic id of an extracted record: the same text and rules give the same id."""
    return f"{article_id}-{kind}{char_start}-{char_end}"


def _link(article_id: str, kind: str, span: Span | None) -> str | None:
    return record_id(article_id, kind, span.char_start, span.char_end) if span else None


def pending_article_ids(con: duckdb.DuckDBPyConnection, extractor_version: str) -> list[str]:
    """Stored articles not yet extracted with this extractor version, oldest first."""
    return [row[0] for row in con.execute("""
        select a.article_id
        from raw.articles a
        left join extraction.processed_articles p
            on p.article_id = a.article_id and p.extractor_version = ?
        where p.article_id is null
        order by a.ingested_at, a.article_id
    """, [extractor_version]).fetchall()]


def iter_article_texts(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str],
                       batch_size: int = 256) -> Iterator[tuple[str, str]]:
    """(article_id, text) pairs, fetched a batch at a time so memory does not grow with N."""
    for start in range(0, len(article_ids), batch_size):
        wanted = pl.DataFrame({"article_id": article_ids[start:start + batch_size],
                               "position": range(start, min(start + batch_size, len(article_ids)))})
        yield from con.execute("""
            select a.article_id, a.text from raw.articles a join wanted using (article_id)
            order by wanted.position
        """).fetchall()


def _frames(results: Sequence[ArticleExtraction], version: str) -> dict[str, pl.DataFrame]:
    rows: dict[str, list[dict]] = {table: [] for table in EXTRACTION_TABLES}
    for r in results:
        a = r.article_id
        rows["boilerplate_lines"] += [
            {"article_id": a, "line_number": b.line_number, "text": b.text, "reason": b.reason}
            for b in r.boilerplate]
        rows["sentences"] += [
            {"article_id": a, "sentence_index": s.sentence_index, "char_start": s.char_start,
             "char_end": s.char_end} for s in r.sentences]
        rows["entity_mentions"] += [
            {"article_id": a, "char_start": e.char_start, "char_end": e.char_end,
             "surface": e.surface, "label": e.label} for e in r.entities]
        rows["actor_mentions"] += [
            {"mention_id": record_id(a, "a", m.char_start, m.char_end), "article_id": a,
             "char_start": m.char_start, "char_end": m.char_end, "surface": m.surface,
             "canonical_name": m.canonical_name, "name_key": m.name_key,
             "actor_type": m.actor_type, "side": m.side, "side_evidence": m.side_evidence,
             "mention_kind": m.mention_kind, "is_anonymous": m.is_anonymous} for m in r.actors]
        rows["place_mentions"] += [
            {"mention_id": record_id(a, "p", p.char_start, p.char_end), "article_id": a,
             "char_start": p.char_start, "char_end": p.char_end, "surface": p.surface,
             "place_key": p.place_key, "place_name": p.place_name, "place_type": p.place_type,
             "country_code": p.country_code, "latitude": p.latitude, "longitude": p.longitude,
             "geonames_id": p.geonames_id, "precision": p.precision, "score": p.score}
            for p in r.places]
        rows["claim_candidates"] += [
            {"claim_candidate_id": record_id(a, "c", c.char_start, c.char_end), "article_id": a,
             "char_start": c.char_start, "char_end": c.char_end, "claim_text": c.claim_text,
             "cue": c.cue, "cue_start": c.cue_start, "cue_end": c.cue_end,
             "speaker_mention_id": _link(a, "a", c.speaker), "via_mention_id": _link(a, "a", c.via),
             "is_direct_quote": c.is_direct_quote, "is_hedged": c.is_hedged, "stance": c.stance,
             "hedge_cue": c.hedge_cue} for c in r.claims]
        rows["figure_candidates"] += [
            {"figure_candidate_id": record_id(a, "f", f.char_start, f.char_end), "article_id": a,
             "char_start": f.char_start, "char_end": f.char_end, "surface": f.surface,
             "value": f.value, "value_high": f.value_high, "unit": f.unit, "counts": f.counts,
             "qualifier": f.qualifier, "place_mention_id": _link(a, "p", f.place), "direction": f.direction}
            for f in r.figures]
    return {table: _first_per_id(pl.DataFrame(table_rows, infer_schema_length=None)).with_columns(
                extractor_version=pl.lit(version))
            for table, table_rows in rows.items() if table_rows}


def _first_per_id(frame: pl.DataFrame) -> pl.DataFrame:
    """Records are keyed by their offsets; should an extractor ever yield two records for one span,
    the first is kept rather than letting a duplicate key block the whole build."""
    keys = [c for c in ("mention_id", "claim_candidate_id", "figure_candidate_id") if c in frame.columns]
    return frame.unique(subset=keys, keep="first", maintain_order=True) if keys else frame


def store_extractions(con: duckdb.DuckDBPyConnection, results: Sequence[ArticleExtraction],
                      extractor_version: str) -> None:
    """Replace whatever an earlier extractor version stored for these articles, atomically."""
    if not results:
        return
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    processed = pl.DataFrame({
        "article_id": [r.article_id for r in results],
        "extractor_version": extractor_version,
        "body": [r.body for r in results],
        "word_count": [r.word_count for r in results],
        "extracted_at": now,
    })
    frames = _frames(results, extractor_version)
    done = processed.select("article_id")
    redone = con.execute("""
        select p.article_id from extraction.processed_articles p join done using (article_id)
    """).pl()
    with transaction(con):
        if len(redone):  # only a version change re-extracts; new articles skip the table scans
            for table in (*EXTRACTION_TABLES, "processed_articles"):
                con.execute(f"delete from extraction.{table} where article_id in (select article_id from redone)")
        for table, frame in frames.items():
            con.execute(f"insert into extraction.{table} by name select * from frame")
        con.execute("insert into extraction.processed_articles by name select * from processed")
