"""The job that builds everything, its daily schedule, the raw-folder sensor, and failure notices.

* One writing run at a time: runs carry the ``claimhouse/writer`` tag, which the instance's run
  queue limits to one (``dagster_home/dagster.yaml``), so a second run waits in the queue; runs
  launched outside the queue (``claimhouse run``, the UI's materialise button) wait on the
  warehouse writer lock the run's resource takes (``warehouse.runs.writer_lock``).
* Transient failures are retried: a step that finds the working database locked by another
  process is retried after a pause (``warehouse.runs.retry_when_locked``), and a run that fails
  outside its steps (interrupted, a resource that could not start) is retried whole by the
  instance (``run_retries``), which is safe because every step is idempotent. A step that fails
  on its own (a failed dbt test, a bug) is not retried: the tag below stops the instance from
  re-running it blindly. A run killed outright is completed by whichever run comes next.
* A failed run is reported in the logs, on the run's tags, and in ``marts.pipeline_runs``.
"""

import os

import duckdb
from dagster import (
    AssetSelection,
    DefaultScheduleStatus,
    DefaultSensorStatus,
    RunFailureSensorContext,
    RunRequest,
    ScheduleDefinition,
    SensorEvaluationContext,
    SensorResult,
    SkipReason,
    define_asset_job,
    run_failure_sensor,
    sensor,
)

from orchestration.ingest.watch import DEFAULT_SETTLE_SECONDS, changes_since, decode_cursor, encode_cursor
from orchestration.settings import load_settings
from orchestration.warehouse.runs import (
    WriterLockTimeout,
    failure_outcome,
    finish_run,
    working_connection_when_free,
    writer_lock,
)

WRITER_TAG = {"claimhouse/writer": "warehouse"}
# Retry whole runs only when they failed outside their steps, never when one of their steps failed.
RUN_RETRY_TAGS = {"dagster/max_retries": "2", "dagster/retry_on_asset_or_op_failure": "false"}
SETTLE_SECONDS_ENV = "CLAIMHOUSE_SENSOR_SETTLE_SECONDS"
FAILURE_LOCK_TIMEOUT_SECONDS = 30

build_warehouse_job = define_asset_job(
    "build_warehouse",
    selection=AssetSelection.all(),
    description="Ingest the raw folder, extract, build and test the marts, check them, publish.",
    tags={**WRITER_TAG, **RUN_RETRY_TAGS},
)

daily_build_schedule = ScheduleDefinition(
    name="daily_build",
    job=build_warehouse_job,
    cron_schedule="0 6 * * *",
    default_status=DefaultScheduleStatus.RUNNING,
)


@sensor(job=build_warehouse_job, minimum_interval_seconds=30, default_status=DefaultSensorStatus.RUNNING)
def raw_folder_sensor(context: SensorEvaluationContext):
    """Start one build for the files that landed in (or changed in) the raw folder.

    The cursor remembers every file already handed to a run, so each new or changed file
    triggers exactly one run; the run key (a digest of those files' states) makes a repeated
    request a no-op. Files modified in the last few seconds wait for the next evaluation.
    """
    settle = float(os.environ.get(SETTLE_SECONDS_ENV, DEFAULT_SETTLE_SECONDS))
    changes = changes_since(decode_cursor(context.cursor), load_settings().raw_dir, settle_seconds=settle)
    cursor = encode_cursor(changes.cursor_files)
    if not changes.changed:
        waiting = f"; {len(changes.unsettled)} file(s) still being written" if changes.unsettled else ""
        return SensorResult(skip_reason=SkipReason(f"no new or changed files in the raw folder{waiting}"),
                            cursor=cursor)
    names = sorted(changes.changed)
    request = RunRequest(run_key=changes.run_key, tags={
        "claimhouse/trigger": "raw_folder",
        "claimhouse/files": str(len(names)),
        "claimhouse/first_file": names[0][:200],
    })
    return SensorResult(run_requests=[request], cursor=cursor)


@run_failure_sensor(monitored_jobs=[build_warehouse_job], default_status=DefaultSensorStatus.RUNNING)
def record_failed_build(context: RunFailureSensorContext):
    """Report a failed build: an error in the logs, tags on the run, and a row analysts see.

    Failed data checks and failed steps are told apart (``checks_failed`` or ``failed``). If
    the next queued run already holds the warehouse, the row is left to that run, which marks
    it ``abandoned``.
    """
    run_id = context.dagster_run.run_id
    failed_checks = _failed_checks(context)
    status, detail = failure_outcome(failed_checks, [context.failure_event.message or ""])
    context.log.error(f"claimhouse build {run_id} failed ({status}): {detail}")
    context.instance.add_run_tags(run_id, {"claimhouse/outcome": status,
                                           "claimhouse/failure": detail[:1000]})
    settings = load_settings()
    try:
        with writer_lock(settings.lock_path, run_id=f"{run_id} (failure notice)",
                         timeout=FAILURE_LOCK_TIMEOUT_SECONDS):
            with working_connection_when_free(settings.working_db, timeout=FAILURE_LOCK_TIMEOUT_SECONDS) as con:
                finish_run(con, run_id, status, is_published=False, checks_failed=len(failed_checks) or None,
                           detail=detail)
    except (WriterLockTimeout, duckdb.Error) as busy:
        context.log.warning(f"run history not updated for {run_id} (the next run marks it abandoned): {busy}")


def _failed_checks(context: RunFailureSensorContext) -> list[str]:
    from dagster import DagsterEventType

    records = context.instance.get_records_for_run(
        run_id=context.dagster_run.run_id, of_type=DagsterEventType.ASSET_CHECK_EVALUATION, limit=100_000).records
    failed = []
    for record in records:
        evaluation = record.event_log_entry.dagster_event.event_specific_data
        if not evaluation.passed:
            failed.append(f"{evaluation.asset_key.to_user_string()}:{evaluation.check_name}")
    return sorted(failed)
