"""Great Expectations suites on the marts, as blocking asset checks: a failure stops publishing."""

from dagster import AssetCheckResult, AssetCheckSeverity, AssetCheckSpec, AssetKey, MetadataValue, multi_asset_check

from orchestration.quality.expectations import (
    SuiteSpec,
    checked_through,
    latest_extraction,
    load_suites,
    record_passed,
    validate,
)
from orchestration.resources import WarehouseResource
from orchestration.settings import PROJECT_ROOT
from orchestration.warehouse.runs import pause_point

SUITES = load_suites(PROJECT_ROOT / "expectations")


def _check_name(spec: SuiteSpec) -> str:
    return f"gx_{spec.mart}"


@multi_asset_check(
    specs=[AssetCheckSpec(name=_check_name(spec), asset=AssetKey(["marts", spec.mart]), blocking=True,
                          description=f"Great Expectations suite {spec.name} on marts.{spec.mart}")
           for spec in SUITES],
    can_subset=True,
)
def great_expectations_checks(context, warehouse: WarehouseResource):
    """Each suite validates the rows of articles extracted since it last passed (see
    ``orchestration.quality.expectations``); a pass moves its mark forward."""
    selected = {key.name for key in context.selected_asset_check_keys}
    with warehouse.connect() as con:
        through = latest_extraction(con)
        for spec in SUITES:
            if _check_name(spec) not in selected:
                continue
            result = validate(con, spec, since=checked_through(con, spec))
            if result.success:
                record_passed(con, spec, through)
            yield AssetCheckResult(
                check_name=_check_name(spec),
                asset_key=AssetKey(["marts", spec.mart]),
                passed=result.success,
                severity=AssetCheckSeverity.ERROR,
                metadata={
                    "rows": result.rows,
                    "scope": (f"rows of articles extracted after {result.since.isoformat(sep=' ')}"
                              if result.since else "all rows"),
                    "expectations": len(result.outcomes),
                    "failed": len(result.failures),
                    "failures": MetadataValue.json([
                        {"expectation": f.expectation, "column": f.column,
                         "unexpected_count": f.unexpected_count,
                         "examples": [str(v) for v in f.partial_unexpected]}
                        for f in result.failures]),
                },
            )
            pause_point("checks")
