"""NLP over articles not yet extracted → the ``extraction`` schema."""

import math
import os
import time
from collections.abc import Iterator, Sequence

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
# Texts are read a batch at a time, each batch through its own connection (see _article_texts).
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
    with warehouse.connect() as con:
        pending = pending_article_ids(con, EXTRACTOR_VERSION)
    workers = warehouse.extraction_workers if len(pending) >= MIN_ARTICLES_FOR_WORKERS else 1
    context.log.info(f"{len(pending)} articles to extract with {workers} worker(s), "
                     f"extractor {EXTRACTOR_VERSION}")
    chunk_size = int(os.environ.get(CHUNK_SIZE_ENV, DEFAULT_CHUNK_SIZE))
    # a small batch is split into a few chunks per worker, so that the workers finish together
    # (with one chunk each, a worker that drew the shorter articles waits for the other)
    chunk_size = max(1, min(chunk_size, math.ceil(len(pending) / (workers * CHUNKS_PER_WORKER_AT_LEAST))))
    for results in extract_many(_article_texts(warehouse, pending), workers=workers, chunk_size=chunk_size):
        with warehouse.connect() as con:
            store_extractions(con, results, EXTRACTOR_VERSION)
        pause_point("extraction")
        extracted += len(results)
        words += sum(r.word_count for r in results)
        context.log.debug(f"extracted {extracted}/{len(pending)}")
        report_progress("extracting articles", extracted, len(pending))
    with warehouse.connect() as con:
        update_run(con, context.run_id, articles_extracted=extracted)
        counts = {table: con.execute(f"select count(*) from extraction.{table}").fetchone()[0]
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


def _article_texts(warehouse: WarehouseResource, article_ids: Sequence[str]) -> Iterator[tuple[str, str]]:
    """(article_id, text) pairs, a batch at a time, each batch through its own connection.

    The database is not held open across the extraction: DuckDB keeps the memory of every scan
    of the texts until the database is closed, and with one connection for the whole step the
    run's main process grew with the corpus (about 170 MB after reading 2,000 articles' texts,
    120 MB after 500). Reopened per batch, and closed again before each chunk is stored, it
    stays flat, for about 70 ms per batch.
    """
    for start in range(0, len(article_ids), TEXT_BATCH):
        with warehouse.connect() as con:
            batch = list(iter_article_texts(con, article_ids[start:start + TEXT_BATCH]))
        yield from batch
