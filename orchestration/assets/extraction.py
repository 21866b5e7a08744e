"""NLP over articles not yet extracted → the ``extraction`` schema."""

import math
import os
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack

import duckdb
from dagster import AssetExecutionContext, AssetKey, AssetSpec, MaterializeResult, multi_asset

from orchestration.extract.pipeline import EXTRACTOR_VERSION, extract_many
from orchestration.progress import report_progress
from orchestration.resources import WarehouseResource
from orchestration.warehouse.extraction_store import (
    iter_article_texts,
    pending_article_ids,
    store_extractions,
)
from orchestration.warehouse.runs import pause_point, update_run
from orchestration.warehouse.schema import EXTRACTION_TABLES

EXTRACTION_ASSET_TABLES = ("processed_articles", *EXTRACTION_TABLES)
# Starting worker processes costs about four seconds (each imports spaCy and loads the model and
# the gazetteer, in parallel); an average article takes about two seconds of NLP, so from about a
# dozen pending articles, halving the work pays for the start.
MIN_ARTICLES_FOR_WORKERS = 16
# Articles per committed chunk: a killed run loses at most one chunk of work.
CHUNK_SIZE_ENV = "CLAIMHOUSE_EXTRACTION_CHUNK"
DEFAULT_CHUNK_SIZE = 64
CHUNKS_PER_WORKER_AT_LEAST = 4
# Texts are read a batch at a time, each batch through a fresh connection (see _BatchConnection).
TEXT_BATCH = 256


@multi_asset(
    specs=[AssetSpec(AssetKey(["extraction", table]), group_name="extraction",
                     deps=[AssetKey(["raw", "articles"])],
                     description=f"extraction.{table}: NLP output with article id, offsets and extractor version")
           for table in EXTRACTION_ASSET_TABLES],
    can_subset=False,
)
def extracted_mentions(context: AssetExecutionContext, warehouse: WarehouseResource):
    """Run the extractors over every article not yet extracted with the current version.

    Articles stream through in bounded chunks; each chunk is committed in one transaction with
    its completion marker, so a killed run resumes where it stopped.
    """
    started = time.perf_counter()
    extracted = words = 0
    with _BatchConnection(warehouse) as connection:
        pending = pending_article_ids(connection.con, EXTRACTOR_VERSION)
        workers = warehouse.extraction_workers if len(pending) >= MIN_ARTICLES_FOR_WORKERS else 1
        context.log.info(f"{len(pending)} articles to extract with {workers} worker(s), "
                         f"extractor {EXTRACTOR_VERSION}")
        chunk_size = int(os.environ.get(CHUNK_SIZE_ENV, DEFAULT_CHUNK_SIZE))
        # a small batch is split into a few chunks per worker, so that the workers finish together
        # (with one chunk each, a worker that drew the shorter articles waits for the other)
        chunk_size = max(1, min(chunk_size, math.ceil(len(pending) / (workers * CHUNKS_PER_WORKER_AT_LEAST))))
        for results in extract_many(connection.texts(pending), workers=workers, chunk_size=chunk_size):
            store_extractions(connection.con, results, EXTRACTOR_VERSION)
            pause_point("extraction")
            extracted += len(results)
            words += sum(r.word_count for r in results)
            context.log.debug(f"extracted {extracted}/{len(pending)}")
            report_progress("extracting articles", extracted, len(pending))
        update_run(connection.con, context.run_id, articles_extracted=extracted)
        counts = {table: connection.con.execute(f"select count(*) from extraction.{table}").fetchone()[0]
                  for table in EXTRACTION_ASSET_TABLES}
    seconds = time.perf_counter() - started
    for table in EXTRACTION_ASSET_TABLES:
        yield MaterializeResult(asset_key=AssetKey(["extraction", table]), metadata={
            "extractor_version": EXTRACTOR_VERSION,
            "articles_extracted": extracted,
            "workers": workers,
            "seconds": round(seconds, 2),
            "words_per_second": round(words / seconds, 1) if seconds and words else 0.0,
            "row_count": counts[table],
        })


class _BatchConnection:
    """The working database for the extraction step, closed and opened again before each batch of
    TEXT_BATCH articles' texts is read.

    DuckDB keeps the memory of every scan of the texts until the database is closed: with one
    connection for the whole step, the run's main process grew with the corpus (about 170 MB after
    reading 2,000 articles' texts, 120 MB after 500). Reopened per batch, it stays at one batch's
    worth. A reopening checkpoints what was stored (a daily run of a few dozen articles keeps one
    connection: reopening per stored chunk cost it 1 s of 8).
    """

    def __init__(self, warehouse: WarehouseResource) -> None:
        self._warehouse = warehouse
        self._open: ExitStack | None = None
        self.con: duckdb.DuckDBPyConnection | None = None

    def __enter__(self) -> "_BatchConnection":
        self._reopen()
        return self

    def __exit__(self, *exc) -> None:
        self._close()

    def _reopen(self) -> None:
        self._close()
        self._open = ExitStack()
        self.con = self._open.enter_context(self._warehouse.connect())

    def _close(self) -> None:
        if self._open is not None:
            self._open.close()
            self._open, self.con = None, None

    def texts(self, article_ids: Sequence[str]) -> Iterator[tuple[str, str]]:
        """(article_id, text) pairs, a batch at a time, each batch read through a fresh connection."""
        for start in range(0, len(article_ids), TEXT_BATCH):
            if start:
                self._reopen()
            yield from iter_article_texts(self.con, article_ids[start:start + TEXT_BATCH], batch_size=TEXT_BATCH)
