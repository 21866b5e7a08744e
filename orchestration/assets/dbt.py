"""Every dbt model as a Dagster asset; dbt tests show up as asset checks."""

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from dagster import AssetExecutionContext, AssetKey, Failure, Output
from dagster_dbt import DagsterDbtTranslator, DbtProject, dbt_assets
from dagster_dbt.asset_utils import get_updated_cli_invocation_params_for_context
from dagster_dbt.core.dbt_cli_event import DbtCoreCliEventMessage

from orchestration.resources import WarehouseResource
from orchestration.settings import PROJECT_ROOT
from orchestration.warehouse.dbt_in_process import failed_nodes, run_dbt
from orchestration.warehouse.runs import pause_point, utc_now

DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"

# dbt is installed beside the interpreter; found even when the virtualenv is not activated.
DBT_EXECUTABLE = shutil.which("dbt") or str(Path(sys.executable).with_name("dbt"))

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)

PROJECT_ARGS = ["--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR)]


def prepare_manifest() -> None:
    """`dbt parse`, so the asset graph reflects the models on disk. In a subprocess: it runs when
    the definitions are loaded, in whatever process loads them."""
    target = str(dbt_project.target_path)
    subprocess.run([DBT_EXECUTABLE, "parse", "--quiet", *PROJECT_ARGS, "--target-path", target, "--log-path", target],
                   check=True)


def manifest_is_stale() -> bool:
    """A model, test, macro or the project file changed after the manifest was written: a stale
    manifest fails the dbt step on the first node it does not know (after a pull, an edit)."""
    manifest = dbt_project.manifest_path
    if not manifest.exists():
        return True
    written = manifest.stat().st_mtime
    sources = [DBT_PROJECT_DIR / "dbt_project.yml", DBT_PROJECT_DIR / "profiles.yml"]
    for folder in ("models", "macros", "tests"):
        sources += [p for p in (DBT_PROJECT_DIR / folder).rglob("*") if p.suffix in {".sql", ".yml", ".yaml"}]
    return any(path.stat().st_mtime > written for path in sources if path.exists())


if manifest_is_stale() or os.environ.get("DAGSTER_IS_DEV_CLI"):
    prepare_manifest()


class ClaimhouseTranslator(DagsterDbtTranslator):
    """Models are keyed by schema and name (``marts/claims``), grouped by layer; sources keep
    the default ``<source>/<table>`` key, which is exactly what the Python assets produce."""

    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> AssetKey:
        if dbt_resource_props["resource_type"] == "model":
            return AssetKey([dbt_resource_props["schema"], dbt_resource_props["name"]])
        return super().get_asset_key(dbt_resource_props)

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "model":
            return dbt_resource_props["fqn"][1]
        return super().get_group_name(dbt_resource_props)


def models_fingerprint() -> str:
    """A digest of every model's SQL: when it changes (an upgrade adds a column, say), the
    incremental models are rebuilt from scratch once, because DuckDB cannot alter a table and
    append to it in one dbt transaction."""
    digest = hashlib.sha256()
    for path in sorted((DBT_PROJECT_DIR / "models").rglob("*.sql")):
        digest.update(path.relative_to(DBT_PROJECT_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _built_fingerprint(warehouse: WarehouseResource) -> str | None:
    with warehouse.connect() as con:
        row = con.execute("select fingerprint from extraction.dbt_build_state").fetchone()
    return row[0] if row else None


def _record_fingerprint(warehouse: WarehouseResource, fingerprint: str) -> None:
    with warehouse.connect() as con:
        con.execute("delete from extraction.dbt_build_state")
        con.execute("insert into extraction.dbt_build_state values (?, ?)", [fingerprint, utc_now()])


@dbt_assets(manifest=dbt_project.manifest_path, project=dbt_project,
            dagster_dbt_translator=ClaimhouseTranslator())
def claimhouse_dbt_models(context: AssetExecutionContext, warehouse: WarehouseResource):
    """`dbt build` into the working warehouse: models, then their tests as checks."""
    os.environ.update(warehouse.settings.dbt_env())
    fingerprint = models_fingerprint()
    built = _built_fingerprint(warehouse)
    # Unit tests check the models' logic on fixtures, not the data: the test suite runs them, and
    # the pipeline leaves them out as dbt advises for production runs.
    args = ["build", "--exclude-resource-type", "unit_test"]
    if built != fingerprint:
        args.append("--full-refresh")
    if built is not None and built != fingerprint:
        context.log.info("dbt models changed since the last build: rebuilding incremental models in full")
    # what this step materialises: every model, or the subset picked in the UI
    params = get_updated_cli_invocation_params_for_context(
        context=context, manifest=dbt_project.manifest_path, dagster_dbt_translator=ClaimhouseTranslator())
    args += params.selection_args
    if params.indirect_selection:
        args += ["--indirect-selection", params.indirect_selection]
    # One target folder per warehouse, kept between runs: dbt then re-parses only the files that
    # changed (its partial parsing) instead of the whole project on every run.
    target_path = Path(warehouse.working_db).parent / "dbt_target"
    args += [*PROJECT_ARGS, "--target-path", str(target_path), "--log-path", str(target_path)]
    results = []
    for result in run_dbt(args):
        results.append(result)
        event = DbtCoreCliEventMessage(raw_event=result, event_history_metadata={})
        for dagster_event in event.to_default_asset_events(
                manifest=params.manifest, dagster_dbt_translator=params.dagster_dbt_translator,
                context=context, target_path=target_path, project=dbt_project):
            yield dagster_event
            if isinstance(dagster_event, Output):
                pause_point("dbt")
    if failed := failed_nodes(results):
        raise Failure(f"dbt build: {len(failed)} node(s) failed: {', '.join(failed)}")
    _record_fingerprint(warehouse, fingerprint)
