"""The gazetteer table, built in a child process so the run's own process never holds it.

A pipeline run loads the table once per gazetteer version and then only dbt reads it; the
in-memory ``Gazetteer`` and the Python rows and frame made from it are not needed after that. Building it in a short-lived child
and handing the rows over as Parquet keeps that memory out of the long-running process.
"""
from __future__ import annotations

import multiprocessing
import tempfile
from pathlib import Path

import duckdb


def write_gazetteer_parquet(path: str) -> None:
    import polars as pl

    from orchestration.extract.gazetteer import Gazetteer

    pl.DataFrame(list(Gazetteer.load().rows()), infer_schema_length=None).write_parquet(path)


def replace_gazetteer(con: duckdb.DuckDBPyConnection, scratch_dir: Path) -> None:
    """Replace ``reference.gazetteer``'s rows (the caller holds the transaction)."""
    with tempfile.TemporaryDirectory(dir=scratch_dir, prefix="gazetteer-") as folder:
        path = str(Path(folder) / "gazetteer.parquet")
        child = multiprocessing.get_context("spawn").Process(target=write_gazetteer_parquet, args=(path,))
        child.start()
        child.join()
        if child.exitcode != 0:
            raise RuntimeError(f"building the gazetteer failed in its child process (exit code {child.exitcode})")
        con.execute("delete from reference.gazetteer")
        con.execute("insert into reference.gazetteer by name select * from read_parquet(?)", [path])
