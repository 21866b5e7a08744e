"""Every dbt model as a Dagster asset; dbt tests show up as asset checks."""

import hashlib
import importlib.metadata
import os
import shutil
import sys
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import Any

from dagster import AssetExecutionContext, AssetKey, Output
from dagster_dbt import DagsterDbtTranslator, DbtCliResource, DbtProject, dbt_assets
from packaging.version import Version

from orchestration.resources import WarehouseResource
from orchestration.settings import PROJECT_ROOT
from orchestration.warehouse.runs import pause_point, utc_now

DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"

# dbt is installed beside the interpreter; found even when the virtualenv is not activated.
DBT_EXECUTABLE = shutil.which("dbt") or str(Path(sys.executable).with_name("dbt"))

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


class ClaimhouseDbtCli(DbtCliResource):
    """dagster-dbt opens dbt's own adapter in the run's process before each dbt command, to fetch
    row counts and column schemas on request. We fetch neither, and the adapter costs a second or
    two per run (it parses every macro) and its memory in the run's process."""

    def _initialize_dbt_core_adapter(self, args):
        return None

    @cached_property
    def _cli_version(self) -> Version:
        # dagster-dbt asks `dbt --version` in a subprocess (1.5 s a run); dbt-core is installed
        # beside this interpreter, so its package metadata says the same
        return Version(importlib.metadata.version("dbt-core"))


def dbt_cli() -> DbtCliResource:
    return ClaimhouseDbtCli(project_dir=dbt_project, dbt_executable=DBT_EXECUTABLE)


def prepare_manifest() -> None:
    """`dbt parse`, so the asset graph reflects the models on disk."""
    dbt_cli().cli(["parse", "--quiet"], target_path=dbt_project.target_path).wait()


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
def claimhouse_dbt_models(context: AssetExecutionContext, dbt: DbtCliResource,
                          warehouse: WarehouseResource):
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
    # One target folder per warehouse, kept between runs: dbt then re-parses only the files that
    # changed (its partial parsing) instead of the whole project on every run.
    target_path = Path(warehouse.working_db).parent / "dbt_target"
    invocation = dbt.cli(args, context=context, raise_on_error=False, target_path=target_path)
    try:
        for event in invocation.stream():
            yield event
            if isinstance(event, Output):
                pause_point("dbt")
    except BaseException:
        # a step that fails while dbt runs (a dbt node unknown to this process's manifest, say)
        # must not leave dbt writing on: it would hold the warehouse's lock after the run ends
        if invocation.process.poll() is None:
            invocation.process.terminate()
            invocation.process.wait(timeout=60)
        raise
    if invocation.is_successful():
        _record_fingerprint(warehouse, fingerprint)
    else:
        raise invocation.get_error()
