"""The raw-folder sensor: each new or changed file triggers exactly one run."""
from __future__ import annotations

import os

import pytest
from dagster import RunRequest, build_sensor_context

from orchestration.ingest.watch import decode_cursor
from orchestration.jobs import raw_folder_sensor

from .conftest import english


@pytest.fixture
def watched(raw_dir, monkeypatch):
    monkeypatch.setenv("CLAIMHOUSE_RAW_DIR", str(raw_dir))
    monkeypatch.setenv("CLAIMHOUSE_SENSOR_SETTLE_SECONDS", "0")
    return raw_dir


def tick(cursor):
    result = raw_folder_sensor(build_sensor_context(cursor=cursor))
    requests = [r for r in (result.run_requests or []) if isinstance(r, RunRequest)]
    return requests, result.cursor


def test_each_file_triggers_exactly_one_run(watched):
    (watched / "a.txt").write_text(english("a"))
    (watched / "b.txt").write_text(english("b"))
    requests, cursor = tick(None)
    assert len(requests) == 1 and requests[0].tags["claimhouse/files"] == "2"
    assert tick(cursor)[0] == []  # nothing new: no run

    (watched / "c.txt").write_text(english("c"))
    requests, cursor_after_c = tick(cursor)
    assert len(requests) == 1 and requests[0].tags["claimhouse/files"] == "1"
    assert requests[0].tags["claimhouse/first_file"] == "c.txt"
    assert tick(cursor_after_c)[0] == []

    # the same evaluation repeated (a sensor retried before its cursor was saved) asks for the
    # same run key, which Dagster launches only once
    assert tick(cursor)[0][0].run_key == requests[0].run_key


def test_a_changed_file_triggers_a_run_and_a_removed_one_does_not(watched):
    path = watched / "story.txt"
    path.write_text(english("first"))
    _, cursor = tick(None)
    path.write_text(english("second, longer than the first"))
    requests, cursor = tick(cursor)
    assert len(requests) == 1
    path.unlink()
    requests, cursor = tick(cursor)
    assert requests == [] and decode_cursor(cursor) == {}


def test_a_file_still_being_written_waits_for_a_later_tick(watched, monkeypatch):
    monkeypatch.setenv("CLAIMHOUSE_SENSOR_SETTLE_SECONDS", "3600")
    (watched / "copying.txt").write_text(english("half"))
    result = raw_folder_sensor(build_sensor_context(cursor=None))
    assert not result.run_requests and "still being written" in result.skip_reason.skip_message
    os.utime(watched / "copying.txt", ns=(1_000_000_000, 1_000_000_000))
    assert len(tick(result.cursor)[0]) == 1


def test_the_build_job_queues_as_the_one_writer_and_retries_only_dead_runs():
    import yaml

    from orchestration.jobs import build_warehouse_job
    from orchestration.settings import PROJECT_ROOT

    tags = build_warehouse_job.tags
    assert tags["claimhouse/writer"] == "warehouse"
    assert tags["dagster/retry_on_asset_or_op_failure"] == "false"
    instance = yaml.safe_load((PROJECT_ROOT / "dagster_home" / "dagster.yaml").read_text())
    limits = {limit["key"]: limit["limit"] for limit in instance["run_queue"]["tag_concurrency_limits"]}
    assert limits["claimhouse/writer"] == 1
    assert instance["run_retries"]["enabled"] is True
