"""dbt commands run inside the pipeline's own process, through dbt's programmatic ``dbtRunner``.

The run's process has already imported dbt (dagster-dbt does), so running dbt here instead of in
a ``dbt`` subprocess saves the interpreter start and dbt's import (1.1 s before dbt's first log
line) and the subprocess's exit: about 2 s of a daily run's dbt step of 11-12 s. dbt runs in a thread of its own; each node's result
event comes back through a bounded queue as the dict dbt would print as a JSON log line, so the
caller reports models and tests while the build goes on. When the caller stops reading (paused or
killed at a crash test's pause point), the queue fills and dbt waits, as a subprocess would on a
full output pipe.

dbt-duckdb keeps its database open at class level after a command; it is closed here after every
command, since this process opens the same file again with the warehouse's own settings, which
DuckDB refuses while a connection with other settings is open.

dbt cannot be stopped from another thread: a step that fails or is cancelled while dbt runs ends
when dbt has finished (a subprocess was terminated instead). A killed process takes dbt with it;
every model is its own transaction, so the next run finds the database consistent.
"""
from __future__ import annotations

import queue
import threading
from collections.abc import Iterator, Sequence
from typing import Any

from dbt.adapters.duckdb.connections import DuckDBConnectionManager
from dbt.cli.main import dbtRunner
from dbt_common.events.functions import msg_to_dict

RESULT_EVENTS = frozenset({"LogModelResult", "LogTestResult", "LogSeedResult", "LogSnapshotResult"})
FAILED_STATUSES = frozenset({"error", "fail", "runtime error"})
# About what a pipe's buffer holds of dbt's JSON log lines
QUEUED_RESULTS = 64
_DONE = object()


class DbtCommandError(RuntimeError):
    """dbt could not run the command at all (a compilation error, a missing profile...)."""


def failed_nodes(result_events: Sequence[dict[str, Any]]) -> list[str]:
    return [event["data"]["node_info"]["unique_id"] for event in result_events
            if event["data"]["node_info"].get("node_status") in FAILED_STATUSES]


def run_dbt(args: Sequence[str]) -> Iterator[dict[str, Any]]:
    """Run ``dbt <args>`` in this process and yield each node's result event as it finishes.

    Raises DbtCommandError when dbt fails outside the nodes; failed nodes are only reported in
    their events (``failed_nodes``). Returns only when dbt has finished and closed the database,
    also when the caller stops early: dbt cannot be interrupted from another thread, and nothing
    may open the warehouse while it writes.
    """
    results: queue.Queue = queue.Queue(maxsize=QUEUED_RESULTS)
    outcome: dict[str, Any] = {}

    def on_event(message) -> None:
        if message.info.name in RESULT_EVENTS:
            results.put(msg_to_dict(message))

    def invoke() -> None:
        try:
            outcome["result"] = dbtRunner(callbacks=[on_event]).invoke(list(args))
        except BaseException as error:  # surfaced in the caller's thread
            outcome["error"] = error
        try:
            _close_dbt_duckdb()
        except BaseException as error:
            outcome.setdefault("error", error)
        # always sent: the caller waits for it
        results.put(_DONE)

    worker = threading.Thread(target=invoke, name="dbt", daemon=True)
    worker.start()
    try:
        while (event := results.get()) is not _DONE:
            yield event
    finally:
        # the caller stopped early: keep draining, so dbt is never blocked on a full queue
        while worker.is_alive():
            try:
                results.get(timeout=0.1)
            except queue.Empty:
                pass
        worker.join()
    if "error" in outcome:
        raise outcome["error"]
    result = outcome["result"]
    if not result.success and result.exception is not None:
        raise DbtCommandError(f"dbt {args[0]} could not run: {result.exception}") from result.exception


def _close_dbt_duckdb() -> None:
    with DuckDBConnectionManager._LOCK:
        if DuckDBConnectionManager._ENV is not None:
            DuckDBConnectionManager._ENV.close()
        DuckDBConnectionManager.close_all_connections()
