"""The pieces behind crash safety and one-writer runs, each on real files and real processes."""
from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest
from dagster import RetryRequested

from orchestration.warehouse.publish import REQUIRED_MARTS, publish, staged_path
from orchestration.warehouse.runs import (
    WriterLockTimeout,
    failure_outcome,
    retry_when_locked,
    start_run,
    writer_lock,
)
from orchestration.warehouse.schema import ensure_schema


def working_db(path: Path, runs: dict[str, str]) -> Path:
    con = duckdb.connect(str(path))
    ensure_schema(con)
    for run_id, status in runs.items():
        con.execute("insert into raw.pipeline_runs (run_id, started_at, status) values (?, now(), ?)",
                    [run_id, status])
    con.execute("create schema if not exists marts")
    for mart in REQUIRED_MARTS:
        con.execute(f"create table if not exists marts.{mart} as select 1 as one")
    con.close()
    return path


def statuses(path: Path) -> dict[str, str]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return dict(con.execute("select run_id, status from raw.pipeline_runs").fetchall())
    finally:
        con.close()


def test_runs_left_running_by_a_killed_process_are_closed_out_by_the_next_run(tmp_path):
    published = working_db(tmp_path / "published.duckdb", {"killed-after-swap": "published"})
    working = working_db(tmp_path / "work.duckdb", {"killed-mid-build": "running", "killed-after-swap": "running",
                                                    "finished": "published"})
    con = duckdb.connect(str(working))
    start_run(con, "next", published_db=published)
    start_run(con, "next", published_db=published)  # idempotent: a step calling it again changes nothing
    con.close()
    assert statuses(working) == {"killed-mid-build": "abandoned", "killed-after-swap": "published",
                                 "finished": "published", "next": "running"}


def test_publish_swaps_in_a_checked_copy_that_records_its_own_run(tmp_path):
    working = working_db(tmp_path / "work.duckdb", {"run-1": "running"})
    published = tmp_path / "pub" / "claimhouse.duckdb"
    published.parent.mkdir()
    leftover = published.with_name(".claimhouse.duckdb.99999.publishing")
    leftover.write_bytes(b"half a copy from a killed run")
    result = publish(working, published, run_id="run-1", checks_passed=12, checks_failed=0)
    assert result.mart_rows == {mart: 1 for mart in REQUIRED_MARTS}
    assert statuses(published) == {"run-1": "published"}
    assert statuses(working) == {"run-1": "running"}  # the working row follows after the swap
    assert not leftover.exists() and not staged_path(published).exists()
    assert sorted(p.name for p in published.parent.iterdir()) == ["claimhouse.duckdb"]


def test_a_copy_missing_a_contract_mart_is_never_published(tmp_path):
    working = working_db(tmp_path / "work.duckdb", {"run-1": "running"})
    con = duckdb.connect(str(working))
    con.execute("drop table marts.claims")
    con.close()
    published = working_db(tmp_path / "claimhouse.duckdb", {"old": "published"})
    before = published.read_bytes()
    with pytest.raises(duckdb.CatalogException):
        publish(working, published, run_id="run-1")
    assert published.read_bytes() == before
    assert not staged_path(published).exists()


HOLD_LOCK = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from orchestration.warehouse.runs import writer_lock
    with writer_lock(Path(sys.argv[1]), run_id="holder"):
        Path(sys.argv[2]).write_text(str(time.time()))
        time.sleep(float(sys.argv[3]))
""")


def hold_writer_lock(lock: Path, ready: Path, seconds: float) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(lock), str(ready), str(seconds)])
    while not ready.exists():
        assert holder.poll() is None
        time.sleep(0.02)
    return holder


def test_a_second_writer_waits_for_the_first_and_is_told_whom_it_waits_for(tmp_path):
    lock = tmp_path / "work.duckdb.lock"
    holder = hold_writer_lock(lock, tmp_path / "ready", 1.0)
    messages = []
    started = time.monotonic()
    with writer_lock(lock, run_id="second", on_wait=messages.append, poll_seconds=0.05):
        waited = time.monotonic() - started
    holder.wait(timeout=10)
    assert waited >= 0.5
    assert len(messages) == 1 and "run holder" in messages[0]


def test_the_lock_dies_with_its_holder(tmp_path):
    lock = tmp_path / "work.duckdb.lock"
    holder = hold_writer_lock(lock, tmp_path / "ready", 60)
    with pytest.raises(WriterLockTimeout):
        with writer_lock(lock, timeout=0.3, poll_seconds=0.05):
            pass
    holder.kill()  # SIGKILL: no cleanup code runs, the kernel drops the lock
    holder.wait(timeout=10)
    with writer_lock(lock, timeout=5, poll_seconds=0.05):
        pass


def test_a_database_file_locked_by_another_process_asks_for_a_retry(tmp_path):
    path = tmp_path / "work.duckdb"
    duckdb.connect(str(path)).close()
    ready = tmp_path / "ready"
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import duckdb, time, pathlib
        con = duckdb.connect({str(path)!r})
        pathlib.Path({str(ready)!r}).touch()
        time.sleep(30)
    """)])
    try:
        while not ready.exists():
            time.sleep(0.02)
        with pytest.raises(RetryRequested):
            with retry_when_locked():
                duckdb.connect(str(path))
        with pytest.raises(duckdb.CatalogException):  # other errors pass through unchanged
            with retry_when_locked():
                duckdb.connect(":memory:").execute("select * from missing_table")
    finally:
        holder.kill()
        holder.wait(timeout=10)


@pytest.mark.parametrize("checks, steps, status, words", [
    (["marts/claims:unique_claims_claim_id"], ["step failed"], "checks_failed", "unique_claims_claim_id"),
    ([], ["dbt exited with code 2", "dbt exited with code 2"], "failed", "dbt exited with code 2"),
    ([], [], "failed", "run failed"),
])
def test_a_failed_run_says_whether_checks_or_a_step_failed(checks, steps, status, words):
    outcome, detail = failure_outcome(checks, steps)
    assert outcome == status and words in detail and "left as it was" in detail
    assert detail.count("dbt exited") <= 1
