"""Run history in ``raw.pipeline_runs`` (exposed to analysts as ``marts.pipeline_runs``)."""
from __future__ import annotations

from datetime import datetime, timezone

import duckdb

RUN_COUNTERS = ("articles_added", "versions_added", "duplicates", "rejected", "articles_extracted",
                "checks_passed", "checks_failed")


def utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def start_run(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    con.execute("""
        insert into raw.pipeline_runs (run_id, started_at, status) values (?, ?, 'running')
        on conflict (run_id) do nothing
    """, [run_id, utc_now()])


def update_run(con: duckdb.DuckDBPyConnection, run_id: str, **values) -> None:
    """Set columns of a run's row (creating it if a step runs on its own)."""
    start_run(con, run_id)
    if not values:
        return
    assignments = ", ".join(f"{column} = ?" for column in values)
    con.execute(f"update raw.pipeline_runs set {assignments} where run_id = ?", [*values.values(), run_id])


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str, status: str, **values) -> None:
    update_run(con, run_id, status=status, finished_at=utc_now(), **values)
