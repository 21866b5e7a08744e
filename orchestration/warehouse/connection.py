"""Opening the working database."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import os

import duckdb

from orchestration.warehouse.schema import ensure_schema


# DuckDB caches the blocks it reads and writes up to 80% of RAM by default, so the pipeline's own
# process would grow with the warehouse. It only appends batches and reads small tables, so a
# modest cache is enough; larger joins spill to disk (dbt runs in its own process, with its own cap).
MEMORY_LIMIT_ENV = "CLAIMHOUSE_PIPELINE_MEMORY_LIMIT"
DEFAULT_MEMORY_LIMIT = "256MB"


@contextmanager
def working_connection(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection to the working database, with the Python-owned schemas in place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), config={
        "memory_limit": os.environ.get(MEMORY_LIMIT_ENV, DEFAULT_MEMORY_LIMIT)})
    try:
        ensure_schema(con)
        yield con
    finally:
        con.close()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """All or nothing: a killed process leaves no half-written batch behind."""
    con.execute("begin transaction")
    try:
        yield con
    except BaseException:
        con.execute("rollback")
        raise
    con.execute("commit")
