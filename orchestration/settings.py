"""Where things live. Every entry point (make, Dagster, the dbt profile, tests) reads these.

``CLAIMHOUSE_DB`` names the *published* warehouse that analysts and BI tools open read-only.
The pipeline never writes to it: it builds into a *working* database beside it
(``CLAIMHOUSE_WORK_DB``, default ``<published dir>/work/<published name>``), checks it, and only
then publishes a copy by an atomic rename.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = "data/claimhouse.duckdb"
DEFAULT_RAW_DIR = "raw"
DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024
DBT_THREADS = 2  # as in dbt_project/profiles.yml: models dbt builds at once


def _resolve(value: str) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else (PROJECT_ROOT / path)


@dataclass(frozen=True)
class Settings:
    published_db: Path
    working_db: Path
    raw_dir: Path
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    extraction_workers: int = 1

    @property
    def dbt_project_dir(self) -> Path:
        return PROJECT_ROOT / "dbt_project"

    @property
    def expectations_dir(self) -> Path:
        return PROJECT_ROOT / "expectations"

    @property
    def lock_path(self) -> Path:
        return self.working_db.with_name(self.working_db.name + ".lock")

    def dbt_env(self) -> dict[str, str]:
        """Environment for dbt (in the run's process, and `dbt` by hand): the profile reads the working
        database from here."""
        return {"CLAIMHOUSE_DBT_DUCKDB_THREADS": str(max(1, (os.cpu_count() or 1) // DBT_THREADS)),
                **os.environ, "CLAIMHOUSE_WORK_DB": str(self.working_db),
                "CLAIMHOUSE_DB": str(self.published_db)}


def load_settings() -> Settings:
    published = _resolve(os.environ.get("CLAIMHOUSE_DB", DEFAULT_DB))
    working_env = os.environ.get("CLAIMHOUSE_WORK_DB")
    working = _resolve(working_env) if working_env else published.parent / "work" / published.name
    return Settings(
        published_db=published,
        working_db=working,
        raw_dir=_resolve(os.environ.get("CLAIMHOUSE_RAW_DIR", DEFAULT_RAW_DIR)),
        max_file_bytes=int(os.environ.get("CLAIMHOUSE_MAX_FILE_BYTES", DEFAULT_MAX_FILE_BYTES)),
        extraction_workers=int(os.environ.get("CLAIMHOUSE_WORKERS", min(2, os.cpu_count() or 1))),
    )
