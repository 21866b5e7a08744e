"""The one Dagster ``Definitions`` of claimhouse."""
from __future__ import annotations

from dagster import Definitions, in_process_executor

from orchestration.assets.checks import great_expectations_checks
from orchestration.assets.dbt import claimhouse_dbt_models
from orchestration.assets.extraction import extracted_mentions
from orchestration.assets.ingest import raw_articles
from orchestration.assets.publish import published_warehouse
from orchestration.assets.reference import gazetteer
from orchestration.jobs import build_warehouse_job, daily_build_schedule, raw_folder_sensor, record_failed_build
from orchestration.resources import WarehouseResource
from orchestration.settings import Settings, load_settings


def build_definitions(settings: Settings | None = None) -> Definitions:
    return Definitions(
        assets=[gazetteer, raw_articles, extracted_mentions, claimhouse_dbt_models, published_warehouse],
        asset_checks=[great_expectations_checks],
        jobs=[build_warehouse_job],
        schedules=[daily_build_schedule],
        sensors=[raw_folder_sensor, record_failed_build],
        resources={
            "warehouse": WarehouseResource.from_settings(settings),
        },
        # Every step writes the same DuckDB file, which allows one writer process at a time.
        executor=in_process_executor,
    )


defs = build_definitions(load_settings())
