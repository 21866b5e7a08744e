"""Fixtures for the ingest tests: a raw folder and a real DuckDB working database."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from orchestration.warehouse.schema import ensure_schema

# Short English news paragraphs written for these tests (not taken from any dataset).
ENGLISH = (
    "Ukrainian forces said on Tuesday they had pushed Russian troops back from two villages near "
    "the eastern town, while the regional governor said overnight shelling killed three civilians. "
    "Officials told reporters that repairs to the power grid would take several weeks."
)


def english(variant: str) -> str:
    """A distinct English article per variant (distinct texts are distinct articles)."""
    return f"{ENGLISH} The {variant} report was filed late in the evening."


@pytest.fixture
def raw_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    return folder


@pytest.fixture
def warehouse(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(str(tmp_path / "work.duckdb"))
    ensure_schema(con)
    yield con
    con.close()
