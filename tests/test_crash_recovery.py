"""SIGKILL a real `claimhouse run` at every stage, then run again: nothing lost, nothing doubled.

Each killed run is a real subprocess that pauses at a named point through the test-only hook
(``CLAIMHOUSE_TEST_PAUSE_AT``, see ``orchestration.warehouse.runs``); the test waits for it to get
there and sends SIGKILL: to the whole process group, the way a pulled plug would, except during
the dbt build, where only the ``claimhouse`` process is killed (as the OOM killer would); dbt runs
inside it, held mid-build by the paused step, and dies with it. After every kill the working
database must be consistent and the published database untouched; after the final run
everything must be there exactly once.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from orchestration.settings import PROJECT_ROOT
from orchestration.warehouse.runs import is_lock_conflict

pytestmark = pytest.mark.slow

KILL_POINTS = ("ingest", "extraction", "dbt", "checks", "publish")
# Tiny articles written for this test: one speaker, one claim, one place, one figure each.
BASELINE = {
    "kharkiv.txt": "Oleh Syniehubov, the governor of Kharkiv region, said a strike on the city killed 9 people.",
    "odesa.txt": "The mayor of Odesa said drones damaged two grain terminals in the port overnight.",
}
# Landed while the runs below are killed: one new article and one changed file (a new version).
LATE = {
    "sumy.txt": "Volodymyr Artiukh said Russian forces shelled the border areas of Sumy region 48 times.",
    "kharkiv.txt": "Oleh Syniehubov, the governor of Kharkiv region, said a strike on the city killed 12 people.",
}
# One article per committed extraction chunk, so the kill in extraction lands between chunks.
TEST_ENV = {"CLAIMHOUSE_LOG_LEVEL": "WARNING", "CLAIMHOUSE_WORKERS": "1", "CLAIMHOUSE_EXTRACTION_CHUNK": "1"}


@dataclass
class Warehouse:
    root: Path
    env: dict[str, str]

    @property
    def published(self) -> Path:
        return Path(self.env["CLAIMHOUSE_DB"])

    @property
    def working(self) -> Path:
        return self.published.parent / "work" / self.published.name

    @property
    def raw(self) -> Path:
        return Path(self.env["CLAIMHOUSE_RAW_DIR"])


def claimhouse_command() -> list[str]:
    script = Path(sys.executable).with_name("claimhouse")
    return [str(script), "run"] if script.exists() else [sys.executable, "-m", "orchestration.cli", "run"]


def start_run(warehouse: Warehouse, name: str, pause_at: str | None = None) -> tuple[subprocess.Popen, Path]:
    env = dict(warehouse.env)
    marker = warehouse.root / f"paused-{name}"
    if pause_at:
        env.update(CLAIMHOUSE_TEST_PAUSE_AT=pause_at, CLAIMHOUSE_TEST_PAUSE_MARKER=str(marker))
    log = open(warehouse.root / f"{name}.log", "w")
    process = subprocess.Popen(claimhouse_command(), env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True, cwd=PROJECT_ROOT)
    return process, marker


def run_to_completion(warehouse: Warehouse, name: str) -> None:
    process, _ = start_run(warehouse, name)
    code = process.wait(timeout=600)
    assert code == 0, (warehouse.root / f"{name}.log").read_text()[-4000:]


def run_and_kill_at(warehouse: Warehouse, point: str, whole_group: bool = True) -> None:
    """Kill the run at ``point``: the whole process group, or only the ``claimhouse`` process
    (dbt runs inside it; an extraction worker would live on until its pipe breaks, but workers
    never open the database)."""
    process, marker = start_run(warehouse, f"killed-at-{point}", pause_at=point)
    log = warehouse.root / f"killed-at-{point}.log"
    deadline = time.monotonic() + 600
    while not marker.exists():
        assert process.poll() is None, f"the run ended before reaching {point}:\n" + log.read_text()[-4000:]
        assert time.monotonic() < deadline, f"the run never reached {point}"
        time.sleep(0.05)
    if whole_group:
        os.killpg(process.pid, signal.SIGKILL)
    else:
        os.kill(process.pid, signal.SIGKILL)
    assert process.wait(timeout=60) == -signal.SIGKILL


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def query(path: Path, sql: str, *params) -> list[tuple]:
    """Read-write, so the killed run's write-ahead log is replayed as the next run would; waits
    while another process still holds the file."""
    deadline = time.monotonic() + 120
    while True:
        try:
            con = duckdb.connect(str(path))
            break
        except duckdb.IOException as error:
            if not is_lock_conflict(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def extraction_is_whole(warehouse: Warehouse) -> None:
    """Every article is extracted completely or not at all: no record without its marker."""
    orphans = query(warehouse.working, """
        select count(*) from (
            select article_id from extraction.sentences
            union select article_id from extraction.actor_mentions
            union select article_id from extraction.claim_candidates
            union select article_id from extraction.figure_candidates
        ) e left join extraction.processed_articles p using (article_id)
        where p.article_id is null""")
    assert orphans == [(0,)]


@pytest.fixture(scope="module")
def crashed_and_recovered(tmp_path_factory):
    root = tmp_path_factory.mktemp("crash")
    dagster_home = root / "dagster_home"
    dagster_home.mkdir()
    shutil.copy(PROJECT_ROOT / "dagster_home" / "dagster.yaml", dagster_home)
    env = {**os.environ, "CLAIMHOUSE_DB": str(root / "published" / "claimhouse.duckdb"),
           "CLAIMHOUSE_RAW_DIR": str(root / "raw"), "DAGSTER_HOME": str(dagster_home),
           **TEST_ENV}
    env.pop("CLAIMHOUSE_WORK_DB", None)
    warehouse = Warehouse(root, env)
    warehouse.raw.mkdir()
    for name, text in BASELINE.items():
        (warehouse.raw / name).write_text(text)
    run_to_completion(warehouse, "baseline")
    baseline_digest = digest(warehouse.published)

    for name, text in LATE.items():
        (warehouse.raw / name).write_text(text)
    after_kill = {}
    for point in KILL_POINTS:
        run_and_kill_at(warehouse, point, whole_group=point != "dbt")
        assert digest(warehouse.published) == baseline_digest, f"killed at {point}: the published file changed"
        after_kill[point] = {
            "articles": query(warehouse.working, "select count(*) from raw.articles")[0][0],
            "versions": query(warehouse.working, "select count(*) from raw.article_versions")[0][0],
            "processed": query(warehouse.working, "select count(*) from extraction.processed_articles")[0][0],
            "leftovers": sorted(p.name for p in warehouse.published.parent.glob(".*.publishing")),
        }
        extraction_is_whole(warehouse)
    run_to_completion(warehouse, "recovery")
    return warehouse, baseline_digest, after_kill


STORED = len(BASELINE) + len(LATE)  # article texts: both Kharkiv versions are kept


def test_a_kill_inside_the_ingest_transaction_loads_nothing_of_the_batch(crashed_and_recovered):
    _, _, after_kill = crashed_and_recovered
    assert after_kill["ingest"]["articles"] == len(BASELINE)
    assert after_kill["ingest"]["versions"] == len(BASELINE)


def test_a_kill_between_extraction_chunks_keeps_the_finished_chunk(crashed_and_recovered):
    _, _, after_kill = crashed_and_recovered
    assert after_kill["extraction"]["articles"] == STORED  # the rerun completed the ingest
    assert after_kill["extraction"]["versions"] == STORED
    assert after_kill["extraction"]["processed"] == len(BASELINE) + 1


def test_later_kills_find_ingest_and_extraction_complete(crashed_and_recovered):
    _, _, after_kill = crashed_and_recovered
    for point in ("dbt", "checks", "publish"):
        assert (after_kill[point]["articles"], after_kill[point]["processed"]) == (STORED, STORED), point


def test_a_kill_mid_publish_leaves_only_a_stray_copy_that_the_next_publish_removes(crashed_and_recovered):
    warehouse, _, after_kill = crashed_and_recovered
    assert len(after_kill["publish"]["leftovers"]) == 1
    assert all(not after_kill[point]["leftovers"] for point in KILL_POINTS if point != "publish")
    assert list(warehouse.published.parent.glob(".*.publishing*")) == []


def test_the_run_after_the_kills_publishes_every_article_exactly_once(crashed_and_recovered):
    warehouse, baseline_digest, _ = crashed_and_recovered
    assert digest(warehouse.published) != baseline_digest
    con = duckdb.connect(str(warehouse.published), read_only=True)
    try:
        articles = con.execute("select source_name, body from marts.articles order by 1").fetchall()
        assert articles == sorted({**BASELINE, **LATE}.items())
        for table in ("raw.articles", "extraction.processed_articles"):
            assert con.execute(f"select count(*), count(distinct article_id) from {table}"
                               ).fetchone() == (STORED, STORED), table
        assert con.execute("""
            select version_number, is_latest_version from marts.article_versions
            where source_key = 'kharkiv.txt' order by 1""").fetchall() == [(1, False), (2, True)]
        old_figures = con.execute("""
            select f.value from marts.figure_revisions f
            where f.source_key = 'kharkiv.txt' and f.version_number = 1 and f.unit = 'count'""").fetchall()
        assert (9.0,) in old_figures, "the first version's figures stay queryable"
        assert con.execute("""
            select count(*) from marts.claims c left join marts.articles a using (article_id)
            where a.article_id is null""").fetchone() == (0,)
        runs = con.execute("select run_status, count(*) from marts.pipeline_runs group by 1 order by 1").fetchall()
    finally:
        con.close()
    assert runs == [("abandoned", len(KILL_POINTS)), ("published", 2)]
