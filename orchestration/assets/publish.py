"""The last step of write-audit-publish: copy the checked working warehouse over the analysts' one."""

from pathlib import Path

from dagster import AssetExecutionContext, AssetKey, DagsterEventType, MaterializeResult, asset

from orchestration.resources import WarehouseResource
from orchestration.warehouse.publish import publish
from orchestration.warehouse.runs import finish_run

MART_NAMES = ("articles", "actors", "actor_mentions", "actor_aliases", "places", "place_mentions",
              "claims", "figures", "rejected_inputs", "boilerplate_lines", "pipeline_runs")


def _check_counts(context: AssetExecutionContext) -> tuple[int, int]:
    records = context.instance.get_records_for_run(
        run_id=context.run_id, of_type=DagsterEventType.ASSET_CHECK_EVALUATION, limit=100_000).records
    outcomes = [r.event_log_entry.dagster_event.event_specific_data.passed for r in records]
    return sum(outcomes), len(outcomes) - sum(outcomes)


@asset(
    key=AssetKey(["published_warehouse"]),
    deps=[AssetKey(["marts", name]) for name in MART_NAMES],
    group_name="publish",
)
def published_warehouse(context: AssetExecutionContext, warehouse: WarehouseResource) -> MaterializeResult:
    """The analyst database at ``CLAIMHOUSE_DB``, replaced atomically by a checked copy.

    Runs only after dbt's tests and the blocking Great Expectations checks have passed; if
    any fails, this step is skipped and the previously published file stays in place.
    """
    passed, failed = _check_counts(context)
    # The copy records its own run as published; the working row follows once the swap is done,
    # so a run killed before the swap is never recorded as having published.
    result = publish(Path(warehouse.working_db), Path(warehouse.published_db), run_id=context.run_id,
                     checks_passed=passed, checks_failed=failed)
    with warehouse.connect() as con:
        finish_run(con, context.run_id, "published", checks_passed=passed, checks_failed=failed,
                   is_published=True)
    context.log.info(f"published {result.published_path} ({result.size_bytes:,} bytes)")
    return MaterializeResult(metadata={
        "path": str(result.published_path),
        "size_bytes": result.size_bytes,
        "checks_passed": passed,
        **{f"rows_{mart}": rows for mart, rows in result.mart_rows.items()},
    })
