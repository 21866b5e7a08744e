"""Dagster resources: the warehouse paths, from the environment (see ``settings``)."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
from dagster import ConfigurableResource

from orchestration.settings import Settings, load_settings
from orchestration.warehouse.connection import working_connection


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
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with working_connection(Path(self.working_db)) as con:
            yield con
