"""Shared fixtures: the real spaCy model, and a real warehouse built once from the samples."""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from orchestration.settings import Settings, load_settings

REPO = Path(__file__).resolve().parents[1]
SAMPLE_ARTICLES = sorted((REPO / "raw").glob("00[0-4]_*.txt"))


@pytest.fixture(scope="session")
def sample_articles() -> list[Path]:
    assert len(SAMPLE_ARTICLES) == 5, "raw/ should hold the five sample articles"
    return SAMPLE_ARTICLES


@pytest.fixture(scope="session")
def nlp():
    from orchestration.extract.nlp import load_nlp

    return load_nlp()


def settings_for(root: Path) -> Settings:
    """Point every entry point at a throwaway warehouse under ``root``."""
    os.environ["CLAIMHOUSE_DB"] = str(root / "published" / "claimhouse.duckdb")
    os.environ["CLAIMHOUSE_RAW_DIR"] = str(root / "raw")
    os.environ.pop("CLAIMHOUSE_WORK_DB", None)
    (root / "raw").mkdir(parents=True, exist_ok=True)
    return load_settings()


@pytest.fixture
def isolated_env(tmp_path: Path) -> Iterator[Settings]:
    saved = dict(os.environ)
    try:
        yield settings_for(tmp_path)
    finally:
        os.environ.clear()
        os.environ.update(saved)


def copy_samples(raw_dir: Path) -> None:
    for path in SAMPLE_ARTICLES:
        shutil.copy(path, raw_dir / path.name)


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory) -> Iterator[tuple[Settings, object]]:
    """The whole pipeline, run once through the Dagster job on the five sample articles."""
    from dagster import DagsterInstance

    from orchestration.cli import run_pipeline

    saved = dict(os.environ)
    root = tmp_path_factory.mktemp("warehouse")
    try:
        settings = settings_for(root)
        copy_samples(settings.raw_dir)
        with DagsterInstance.ephemeral() as instance:
            result = run_pipeline(settings, instance=instance)
            yield settings, result
    finally:
        os.environ.clear()
        os.environ.update(saved)


@pytest.fixture(scope="session")
def warehouse_db(built_warehouse):
    import duckdb

    settings, result = built_warehouse
    assert result.success, "the pipeline run on the samples failed"
    con = duckdb.connect(str(settings.published_db), read_only=True)
    yield con
    con.close()
