"""The job that builds everything, its daily schedule, and the raw-folder sensor."""

import hashlib

from dagster import (
    AssetSelection,
    DefaultScheduleStatus,
    DefaultSensorStatus,
    RunFailureSensorContext,
    RunRequest,
    ScheduleDefinition,
    SensorEvaluationContext,
    SkipReason,
    define_asset_job,
    run_failure_sensor,
    sensor,
)

from orchestration.settings import load_settings
from orchestration.warehouse.connection import working_connection
from orchestration.warehouse.ingest_store import iter_raw_files
from orchestration.warehouse.runs import finish_run

WRITER_TAG = {"claimhouse/writer": "warehouse"}

build_warehouse_job = define_asset_job(
    "build_warehouse",
    selection=AssetSelection.all(),
    description="Ingest the raw folder, extract, build and test the marts, check them, publish.",
    tags=WRITER_TAG,
)

daily_build_schedule = ScheduleDefinition(
    name="daily_build",
    job=build_warehouse_job,
    cron_schedule="0 6 * * *",
    default_status=DefaultScheduleStatus.RUNNING,
)


def raw_folder_fingerprint() -> str:
    """A digest of every file's name, size and modification time in the raw folder."""
    raw_dir = load_settings().raw_dir
    digest = hashlib.sha256()
    if raw_dir.exists():
        for path in iter_raw_files(raw_dir):
            try:
                stat = path.stat()
            except OSError:
                continue
            digest.update(f"{path.relative_to(raw_dir)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@sensor(job=build_warehouse_job, minimum_interval_seconds=30, default_status=DefaultSensorStatus.RUNNING)
def raw_folder_sensor(context: SensorEvaluationContext):
    """Start a build when files land in (or change in) the raw folder; one run per folder state."""
    fingerprint = raw_folder_fingerprint()
    if fingerprint == context.cursor:
        return SkipReason("no new or changed files in the raw folder")
    context.update_cursor(fingerprint)
    return RunRequest(run_key=fingerprint)


@run_failure_sensor(monitored_jobs=[build_warehouse_job], default_status=DefaultSensorStatus.RUNNING)
def record_failed_build(context: RunFailureSensorContext):
    """Write the failure into the run history so analysts see why the warehouse was not updated."""
    detail = context.failure_event.message or "run failed"
    context.log.error(f"build {context.dagster_run.run_id} failed: {detail}")
    with working_connection(load_settings().working_db) as con:
        finish_run(con, context.dagster_run.run_id, "failed", is_published=False, detail=detail[:2000])
