"""Raw files → the ``raw`` schema."""

from collections import Counter
from pathlib import Path

from dagster import AssetExecutionContext, AssetKey, AssetSpec, MaterializeResult, MetadataValue, multi_asset

from orchestration.resources import WarehouseResource
from orchestration.warehouse.ingest_store import ingest_folder
from orchestration.warehouse.runs import start_run, update_run

RAW_TABLES = ("articles", "article_versions", "duplicates", "rejected_inputs", "pipeline_runs")


@multi_asset(
    specs=[AssetSpec(AssetKey(["raw", table]), group_name="ingest",
                     description=f"raw.{table} in the working warehouse") for table in RAW_TABLES],
    can_subset=False,
)
def raw_articles(context: AssetExecutionContext, warehouse: WarehouseResource):
    """Read every new or changed file of the raw folder; record rejections with their reason.

    Idempotent: unchanged files are skipped, identical texts under a new name are recorded as
    duplicates, and a changed file becomes a new version of its source.
    """
    settings = warehouse.settings
    raw_dir = Path(settings.raw_dir)
    raw_dir.mkdir(parents=True, exist_ok=True)
    with warehouse.connect() as con:
        start_run(con, context.run_id, published_db=Path(settings.published_db))
        summary = ingest_folder(con, raw_dir, settings.max_file_bytes, context.run_id)
        update_run(con, context.run_id, articles_added=summary.articles_added,
                   versions_added=summary.versions_added, duplicates=summary.duplicates,
                   rejected=summary.rejected)
        total = con.execute("select count(*) from raw.articles").fetchone()[0]
    for rejection in summary.rejections:
        context.log.warning(f"rejected {rejection.source_name}: {rejection.reason_code}: {rejection.detail}")
    common = {
        "files_seen": summary.files_seen,
        "files_unchanged": summary.files_unchanged,
        "articles_added": summary.articles_added,
        "versions_added": summary.versions_added,
        "duplicates": summary.duplicates,
        "rejected": summary.rejected,
        "rejected_by_reason": MetadataValue.json(dict(Counter(r.reason_code for r in summary.rejections))),
        "rejected_inputs": MetadataValue.md("\n".join(
            f"- `{r.source_name}`: **{r.reason_code}**: {r.detail}" for r in summary.rejections[:50]) or "none"),
        "retried_next_run": MetadataValue.json(summary.retried_later[:50]),
        "articles_total": total,
    }
    for table in RAW_TABLES:
        yield MaterializeResult(asset_key=AssetKey(["raw", table]), metadata=common)
