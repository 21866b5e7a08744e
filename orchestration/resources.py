"""Dagster resources: the warehouse paths, from the environment (see ``settings``)."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
from dagster import ConfigurableResource, InitResourceContext

from orchestration.settings import Settings, load_settings
from orchestration.warehouse.connection import working_connection
from orchestration.warehouse.runs import retry_when_locked, writer_lock


class WarehouseResource(ConfigurableResource):
    """The working database the pipeline writes, and the published one analysts read."""

    published_db: str
    working_db: str
    raw_dir: str
    max_file_bytes: int
    extraction_workers: int

    @classmethod
    def from_settings(cls, settings: Settings | None = None, **overrides) -> "WarehouseResource":
        settings = settings or load_settings()
        return cls(published_db=str(settings.published_db), working_db=str(settings.working_db),
                   raw_dir=str(settings.raw_dir), max_file_bytes=settings.max_file_bytes,
                   extraction_workers=settings.extraction_workers, **overrides)

    @property
    def settings(self) -> Settings:
        return Settings(Path(self.published_db), Path(self.working_db), Path(self.raw_dir),
                        self.max_file_bytes, self.extraction_workers)

    @contextmanager
    def yield_for_execution(self, context: InitResourceContext) -> Iterator["WarehouseResource"]:
        """A run holds the writer lock from start to end: a second run waits (queues) for it."""
        log = context.log.info if context.log else None
        with writer_lock(self.settings.lock_path, run_id=context.run_id, on_wait=log):
            yield self

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The working database; if another process holds its file lock, the step is retried."""
        with retry_when_locked(), working_connection(Path(self.working_db)) as con:
            yield con
