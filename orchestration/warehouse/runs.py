"""Run bookkeeping: the run history, the one-writer lock, and the test hook for crash tests.

Run history lives in ``raw.pipeline_runs`` (analysts read it as ``marts.pipeline_runs``). A run
row is created by the first step that writes; a row still ``running`` when the next run starts
belongs to a run that was killed or crashed, and is marked ``abandoned`` then (there is only ever
one writer, see ``writer_lock``).
"""
from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import duckdb

RUN_COUNTERS = ("articles_added", "versions_added", "duplicates", "rejected", "articles_extracted",
                "checks_passed", "checks_failed")
RUN_STATUSES = ("running", "published", "checks_failed", "failed", "abandoned")

# Test-only hook (crash tests): with CLAIMHOUSE_TEST_PAUSE_AT=<point> the process writes its pid
# to CLAIMHOUSE_TEST_PAUSE_MARKER on reaching that point and sleeps there, so a test can kill it
# at a known place. Points: ingest (inside the batch transaction), extraction (after the first
# chunk is committed), dbt (after the first model is built), checks (after the first suite),
# publish (checked copy written, not yet swapped in). Unset, it costs one dictionary lookup.
PAUSE_AT_ENV = "CLAIMHOUSE_TEST_PAUSE_AT"
PAUSE_MARKER_ENV = "CLAIMHOUSE_TEST_PAUSE_MARKER"
PAUSE_POINTS = ("ingest", "extraction", "dbt", "checks", "publish")
_PAUSE_SECONDS = 600


def utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def pause_point(name: str) -> None:
    if os.environ.get(PAUSE_AT_ENV) != name:
        return
    marker = os.environ.get(PAUSE_MARKER_ENV)
    if marker:
        Path(marker).write_text(str(os.getpid()))
    time.sleep(_PAUSE_SECONDS)


def start_run(con: duckdb.DuckDBPyConnection, run_id: str, published_db: Path | None = None) -> None:
    """Create the run's row; close out rows left ``running`` by runs that were killed."""
    if con.execute("select 1 from raw.pipeline_runs where run_id = ?", [run_id]).fetchone():
        return
    for (stale_id,) in con.execute(
            "select run_id from raw.pipeline_runs where status = 'running'").fetchall():
        published = _published_status(published_db, stale_id)
        if published == "published":
            con.execute("update raw.pipeline_runs set status = 'published', is_published = true, "
                        "finished_at = coalesce(finished_at, ?) where run_id = ?", [utc_now(), stale_id])
        else:
            con.execute("""
                update raw.pipeline_runs
                set status = 'abandoned', is_published = false,
                    detail = coalesce(detail || '; ', '') || 'the run stopped without finishing '
                             || '(killed or crashed); the next run completed its work'
                where run_id = ?
            """, [stale_id])
    con.execute("""
        insert into raw.pipeline_runs (run_id, started_at, status) values (?, ?, 'running')
        on conflict (run_id) do nothing
    """, [run_id, utc_now()])


def _published_status(published_db: Path | None, run_id: str) -> str | None:
    """The status the published database records for a run (a run killed just after its swap)."""
    if published_db is None or not Path(published_db).exists():
        return None
    try:
        con = duckdb.connect(str(published_db), read_only=True)
        try:
            row = con.execute("select status from raw.pipeline_runs where run_id = ?", [run_id]).fetchone()
        finally:
            con.close()
    except duckdb.Error:
        return None
    return row[0] if row else None


def update_run(con: duckdb.DuckDBPyConnection, run_id: str, **values) -> None:
    """Set columns of a run's row (creating it if a step runs on its own)."""
    start_run(con, run_id)
    if not values:
        return
    assignments = ", ".join(f"{column} = ?" for column in values)
    con.execute(f"update raw.pipeline_runs set {assignments} where run_id = ?", [*values.values(), run_id])


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str, status: str, **values) -> None:
    update_run(con, run_id, status=status, finished_at=utc_now(), **values)


def failure_outcome(failed_checks: list[str], step_failures: list[str]) -> tuple[str, str]:
    """(status, detail) for a run that did not publish: failed data checks, or a failed step."""
    if failed_checks:
        shown = ", ".join(failed_checks[:20]) + (f" and {len(failed_checks) - 20} more"
                                                   if len(failed_checks) > 20 else "")
        return "checks_failed", (f"{len(failed_checks)} check(s) failed, the published warehouse "
                                 f"was left as it was: {shown}")[:4000]
    reasons = "; ".join(dict.fromkeys(m for m in step_failures if m)) or "run failed"
    return "failed", f"the published warehouse was left as it was: {reasons}"[:4000]


class WriterLockTimeout(TimeoutError):
    pass


@contextmanager
def writer_lock(lock_path: Path, run_id: str | None = None, timeout: float | None = None,
                on_wait: Callable[[str], None] | None = None, poll_seconds: float = 0.5) -> Iterator[None]:
    """Hold the working database's writer lock; wait (queue) while another run holds it.

    An advisory ``flock`` on a file beside the working database: the kernel releases it when
    the holding process exits, however it exits (SIGKILL included), so a killed run never
    leaves the warehouse locked. The file records who holds it, for the waiting message.
    """
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(lock_path, "a+")
    try:
        started = time.monotonic()
        announced = False
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if timeout is not None and time.monotonic() - started >= timeout:
                    raise WriterLockTimeout(f"another run holds the warehouse writer lock "
                                            f"({_holder(lock_path)})") from None
                if not announced and on_wait is not None:
                    on_wait(f"waiting for the warehouse writer lock held by {_holder(lock_path)}")
                    announced = True
                time.sleep(poll_seconds)
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({"pid": os.getpid(), "run_id": run_id, "since": utc_now().isoformat()}))
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    finally:
        handle.close()


def _holder(lock_path: Path) -> str:
    try:
        holder = json.loads(lock_path.read_text() or "{}")
    except (OSError, ValueError):
        return "another process"
    return f"pid {holder.get('pid')} (run {holder.get('run_id')}, since {holder.get('since')})"


LOCK_RETRIES = 10
LOCK_RETRY_SECONDS_ENV = "CLAIMHOUSE_LOCK_RETRY_SECONDS"


def is_lock_conflict(error: BaseException) -> bool:
    return isinstance(error, duckdb.IOException) and "Could not set lock" in str(error)


@contextmanager
def retry_when_locked() -> Iterator[None]:
    """Turn DuckDB's 'Could not set lock' (another process has the file open for writing: an
    analyst's read-write session, another tool writing to it) into a Dagster retry
    of the step after a pause, instead of a failed run. Other errors pass through unchanged."""
    from dagster import RetryRequested

    try:
        yield
    except duckdb.IOException as error:
        if not is_lock_conflict(error):
            raise
        seconds = float(os.environ.get(LOCK_RETRY_SECONDS_ENV, "5"))
        raise RetryRequested(max_retries=LOCK_RETRIES, seconds_to_wait=seconds) from error


@contextmanager
def working_connection_when_free(path: Path, timeout: float = 120.0,
                                 poll_seconds: float = 1.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """The working database, waiting while another process (an analyst's read-write
    session, another tool writing to it) still holds its file lock."""
    from orchestration.warehouse.connection import working_connection

    deadline = time.monotonic() + timeout
    while True:
        try:
            manager = working_connection(path)
            con = manager.__enter__()
            break
        except duckdb.IOException as error:
            if not is_lock_conflict(error) or time.monotonic() >= deadline:
                raise
            time.sleep(poll_seconds)
    try:
        yield con
    finally:
        manager.__exit__(None, None, None)
