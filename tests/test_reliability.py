"""Ten real pipeline runs on a changing raw folder while another process reads the published file.

One scenario, shared by the tests below (each run is a real Dagster materialisation with dbt and
the Great Expectations checks, on tiny articles written for this test):

1. a first folder: every input format, a JSONL file with a bad line, and bad files;
2. nothing new;
3. a changed file (a death toll revised) and an identical copy under a new name;
4. a new article while an extraction row is corrupted: the checks fail, nothing is published;
5. the corruption repaired while another process holds the warehouse: the run queues behind
   the writer lock, is retried while the database file stays locked, then publishes;
6-10. one new article each; before run 6 a loaded file is deleted from the raw folder.

All the while a separate process opens the published database read-only in a loop and records
what it sees. It must never fail, and must only ever see databases whose last run passed every
check.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from conftest import settings_for
from orchestration.assets.dbt import DBT_EXECUTABLE, DBT_PROJECT_DIR, dbt_project

pytestmark = pytest.mark.slow

# Tiny articles written for this test (not from any dataset): a speaker, a claim, a place, a figure.
ARTICLES = {
    "kharkiv.txt": "Oleh Syniehubov, the governor of Kharkiv region, said on Monday that a missile strike "
                   "on the city killed 23 civilians and injured 40 more. Rescuers were still searching the "
                   "rubble, he said.",
    "odesa.txt": "The mayor of Odesa, Hennadiy Trukhanov, said drones damaged two grain terminals in the port "
                 "overnight. About 500 tonnes of grain were destroyed, according to the port authority.",
    "kyiv.txt": "Ukraine's air force said it shot down 31 of 35 drones launched at Kyiv overnight. Mayor Vitali "
                "Klitschko said debris fell on a school in the Darnytskyi district.",
    "zaporizhzhia.txt": "Ivan Fedorov, the head of the Zaporizhzhia regional administration, said Russian shelling "
                        "hit 12 settlements on Sunday. Two people were wounded in the town of Orikhiv, he said.",
    "sumy.txt": "Russian forces shelled the border areas of Sumy region 48 times over the past day, the regional "
                "military administration said. Volodymyr Artiukh said no casualties were reported.",
    "dnipro.txt": "Serhiy Lysak, the governor of Dnipropetrovsk region, said a strike on Dnipro injured 15 people, "
                  "including three children. Several apartment buildings were damaged, he said.",
    "kherson.txt": "Oleksandr Prokudin said Russian artillery fired on Kherson 60 times on Tuesday. A 65-year-old "
                   "man was killed in the Dniprovskyi district, the regional governor said.",
    "chernihiv.txt": "The Chernihiv regional administration said a drone attack cut power to about 4,000 homes. "
                     "Vyacheslav Chaus said repair crews would restore supply within a day.",
    "lviv.txt": "Maksym Kozytskyi, the governor of Lviv region, said a missile hit an industrial site near Lviv. "
                "Firefighters put out the blaze within three hours, he said.",
    "poltava.txt": "Filip Pronin said a strike on Poltava damaged 20 houses and a kindergarten. The Poltava regional "
                   "governor said nobody was killed.",
    "mykolaiv.txt": "Vitaliy Kim, the governor of Mykolaiv region, said air defences destroyed 14 drones over the "
                    "region. Falling debris damaged a power line, Kim said.",
}
REVISED = ARTICLES["kharkiv.txt"].replace("killed 23 civilians", "killed 31 civilians")
# another outlet's report of the Mykolaiv governor's claim, added four runs before mykolaiv.txt:
# the claim links built on the incremental claim terms must pair the two across runs
KIM_INTERVIEW = ("Mykolaiv governor Vitaliy Kim said on Telegram that air defences destroyed 14 drones over "
                 "the region overnight. Nobody was hurt, Kim said.")
PAGE = """<!DOCTYPE html><html><head><title>Drones hit Odesa port | Example</title>
<meta property="og:site_name" content="The Kyiv Independent">
<meta property="og:url" content="https://kyivindependent.com/odesa-port/">
<meta property="article:published_time" content="2024-05-03T09:30:00+03:00"></head>
<body><nav><a href="/">Home</a> <a href="/war">War</a> <a href="/economy">Economy</a></nav>
<article><h1>Drones hit Odesa port</h1><p>{body}</p></article>
<footer>Subscribe to our newsletter</footer></body></html>"""
RUSSIAN = ("Губернатор Харьковской области заявил в понедельник, что ракетный удар по городу унёс жизни "
           "двадцати трёх мирных жителей, ещё сорок человек ранены.")

READER = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    import duckdb

    published, log, stop = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    with log.open("a") as out:
        while not stop.exists():
            if not published.exists():
                time.sleep(0.05)
                continue
            try:
                con = duckdb.connect(str(published), read_only=True)
                try:
                    run = con.execute('''
                        select run_id, run_status, checks_passed, checks_failed
                        from marts.pipeline_runs order by started_at desc limit 1''').fetchone()
                    articles = con.execute("select count(*) from marts.articles").fetchone()[0]
                    orphans = con.execute('''
                        select count(*) from marts.claims c
                        left join marts.articles a using (article_id) where a.article_id is null''').fetchone()[0]
                    names = [r[0] for r in con.execute("select source_name from marts.articles").fetchall()]
                finally:
                    con.close()
                out.write(json.dumps({"run_id": run[0], "status": run[1], "checks_passed": run[2],
                                      "checks_failed": run[3], "articles": articles, "orphans": orphans,
                                      "names": names}) + "\\n")
            except Exception as error:  # every failure is recorded, and the test fails on any
                out.write(json.dumps({"error": f"{type(error).__name__}: {error}"}) + "\\n")
            out.flush()
            time.sleep(0.1)
""")

HOLDER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    import duckdb
    from orchestration.warehouse.runs import writer_lock

    lock_path, working_db, ready = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    with writer_lock(lock_path, run_id="another writer (test)"):
        con = duckdb.connect(working_db)
        ready.write_text(str(time.time()))
        time.sleep(3)
    time.sleep(4)  # the writer lock is free now, the database file is not
    con.close()
""")


@dataclass
class RunRecord:
    number: int
    result: object
    seconds: float


@dataclass
class Scenario:
    settings: object
    runs: list[RunRecord]
    published_before_failure: bytes
    published_after_failure: bytes
    failure_row: tuple
    sensor_tags: dict
    reader_log: list[dict]
    fifth_messages: list[str]

    def run(self, number: int) -> RunRecord:
        return self.runs[number - 1]


def _published_bytes(path: Path) -> bytes:
    return path.read_bytes()


def _corrupt_one_body(working_db: Path) -> tuple[str, str]:
    con = duckdb.connect(str(working_db))
    try:
        article_id, body = con.execute("""
            select p.article_id, p.body from extraction.processed_articles p
            join extraction.actor_mentions m using (article_id) limit 1""").fetchone()
        con.execute("update extraction.processed_articles set body = '[corrupted] ' || body where article_id = ?",
                    [article_id])
        return article_id, body
    finally:
        con.close()


def _repair_body(working_db: Path, article_id: str, body: str) -> None:
    con = duckdb.connect(str(working_db))
    try:
        con.execute("update extraction.processed_articles set body = ? where article_id = ?", [body, article_id])
    finally:
        con.close()


@pytest.fixture(scope="module")
def scenario(tmp_path_factory) -> Scenario:
    from dagster import DagsterEventType, DagsterInstance, build_run_status_sensor_context

    from orchestration.cli import run_pipeline
    from orchestration.jobs import record_failed_build

    saved = dict(os.environ)
    root = tmp_path_factory.mktemp("reliability")
    settings = settings_for(root)
    os.environ["CLAIMHOUSE_LOCK_RETRY_SECONDS"] = "2"
    raw = settings.raw_dir
    names = list(ARTICLES)
    stop, log = root / "stop-reader", root / "reader.jsonl"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(settings.published_db), str(log), str(stop)])
    runs: list[RunRecord] = []
    try:
        with DagsterInstance.ephemeral() as instance:
            def run() -> RunRecord:
                started = time.perf_counter()
                result = run_pipeline(settings, instance=instance)
                runs.append(RunRecord(len(runs) + 1, result, time.perf_counter() - started))
                return runs[-1]

            # 1: every format, bad inputs among good ones
            (raw / names[0]).write_text(ARTICLES[names[0]])
            (raw / "odesa.html").write_text(PAGE.format(body=ARTICLES[names[1]]))
            (raw / "kyiv.md").write_text("---\ntitle: Drones over Kyiv\nsource: https://www.reuters.com/world/kyiv\n"
                                         f"date: 2024-05-04\n---\n\n{ARTICLES[names[2]]}")
            (raw / "feed.jsonl").write_text("\n".join([
                json.dumps({"id": "z1", "title": "Shelling", "url": "https://apnews.com/article/z",
                            "published_at": "2024-05-05T08:00:00Z", "text": ARTICLES[names[3]]}),
                '{"id": "broken", "text": "unterminated',
                json.dumps({"id": "s1", "outlet": "Suspilne", "text": ARTICLES[names[4]]}),
            ]) + "\n")
            (raw / "empty.txt").write_text("")
            (raw / "scan.txt").write_bytes(b"%PDF-1.6\n%\xe2\xe3\xcf\xd3\n")
            (raw / "russian.txt").write_text(RUSSIAN)
            (raw / "bad date.md").write_text(f"---\ntitle: x\ndate: 2024-02-30\n---\n{ARTICLES[names[5]]}")
            (root / "outside.txt").write_text(ARTICLES[names[6]])
            os.symlink(root / "outside.txt", raw / "escape.txt")
            run()
            run()  # 2: nothing new
            # 3: a changed file and an identical copy under a new name
            (raw / names[0]).write_text(REVISED)
            (raw / "copy of kyiv.md").write_text((raw / "kyiv.md").read_text())
            run()
            # 4: a new article, and an extraction row corrupted: the checks must fail
            published_before_failure = _published_bytes(settings.published_db)
            article_id, body = _corrupt_one_body(settings.working_db)
            (raw / names[5]).write_text(ARTICLES[names[5]])
            failed = run()
            published_after_failure = _published_bytes(settings.published_db)
            con = duckdb.connect(str(settings.working_db), read_only=True)
            failure_row = con.execute("select status, is_published, checks_failed, detail from raw.pipeline_runs "
                                      "where run_id = ?", [failed.result.run_id]).fetchone()
            con.close()
            dagster_run = instance.get_run_by_id(failed.result.run_id)
            [failure_record] = instance.get_records_for_run(failed.result.run_id,
                                                            of_type=DagsterEventType.RUN_FAILURE).records
            failure_event = failure_record.event_log_entry.dagster_event
            record_failed_build(build_run_status_sensor_context(
                sensor_name="record_failed_build", dagster_instance=instance, dagster_run=dagster_run,
                dagster_event=failure_event).for_run_failure())
            sensor_tags = dict(instance.get_run_by_id(failed.result.run_id).tags)
            # 5: repaired, while another process holds the writer lock and then the database file
            _repair_body(settings.working_db, article_id, body)
            ready = root / "holder-ready"
            holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(settings.lock_path),
                                       str(settings.working_db), str(ready)])
            while not ready.exists():
                assert holder.poll() is None, "the lock holder died"
                time.sleep(0.05)
            fifth = run()
            holder.wait(timeout=30)
            fifth_messages = [entry.user_message for entry in instance.all_logs(fifth.result.run_id)]
            # 6-10: one new article each (and the interview in 6); a file removed from the folder
            # keeps its data
            (raw / "odesa.html").unlink()
            for name in names[6:11]:
                (raw / name).write_text(ARTICLES[name])
                if name == names[6]:
                    (raw / "kim interview.txt").write_text(KIM_INTERVIEW)
                run()
    finally:
        stop.touch()
        reader.wait(timeout=30)
        os.environ.clear()
        os.environ.update(saved)
    reader_log = [json.loads(line) for line in log.read_text().splitlines()]
    return Scenario(settings, runs, published_before_failure, published_after_failure, failure_row,
                    sensor_tags, reader_log, fifth_messages)


def published(scenario: Scenario, sql: str, *params) -> list[tuple]:
    con = duckdb.connect(str(scenario.settings.published_db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def test_ten_runs_ran_and_every_run_but_the_corrupted_one_published(scenario):
    assert len(scenario.runs) == 10
    assert [r.result.success for r in scenario.runs] == [True, True, True, False] + [True] * 6
    statuses = dict(published(scenario, "select run_id, run_status from marts.pipeline_runs"))
    for record in scenario.runs:
        expected = "published" if record.result.success else "checks_failed"
        assert statuses[record.result.run_id] == expected, f"run {record.number}"


def test_every_format_loads_with_its_metadata(scenario):
    rows = published(scenario, """
        select source_name, source_format, outlet, title, published_at::varchar, url
        from marts.articles where source_name in ('odesa.html', 'kyiv.md', 'feed.jsonl#z1', 'feed.jsonl#s1')
        order by source_name""")
    assert rows == [
        ("feed.jsonl#s1", "jsonl", "Suspilne", None, None, None),
        ("feed.jsonl#z1", "jsonl", "AP", "Shelling", "2024-05-05 08:00:00", "https://apnews.com/article/z"),
        ("kyiv.md", "md", "Reuters", "Drones over Kyiv", "2024-05-04 00:00:00", "https://www.reuters.com/world/kyiv"),
        ("odesa.html", "html", "The Kyiv Independent", "Drones hit Odesa port", "2024-05-03 00:00:00",
         "https://kyivindependent.com/odesa-port/"),
    ]


def test_bad_inputs_are_recorded_with_reasons_in_the_table_and_the_run_metadata(scenario):
    rejected = dict(published(scenario, "select source_name, reason_code from marts.rejected_inputs"))
    assert rejected == {"feed.jsonl:2": "malformed_json", "empty.txt": "empty", "scan.txt": "binary",
                        "russian.txt": "non_english", "bad date.md": "invalid_date", "escape.txt": "symlink_outside"}
    first = scenario.run(1).result
    [metadata] = [m.metadata for m in first.asset_materializations_for_node("raw_articles")
                  if m.asset_key.path == ["raw", "rejected_inputs"]]
    assert metadata["rejected"].value == 6
    assert metadata["rejected_by_reason"].value == {"malformed_json": 1, "empty": 1, "binary": 1, "non_english": 1,
                                                    "invalid_date": 1, "symlink_outside": 1}
    assert "escape.txt" in metadata["rejected_inputs"].value


def test_a_run_with_nothing_new_adds_nothing(scenario):
    first, second = scenario.run(1).result.run_id, scenario.run(2).result.run_id
    rows = dict((r[0], r[1:]) for r in published(scenario, """
        select run_id, articles_added, versions_added, duplicates_found, inputs_rejected, articles_extracted
        from marts.pipeline_runs where run_id in (?, ?)""", first, second))
    assert rows[first] == (5, 5, 0, 6, 5)
    assert rows[second] == (0, 0, 0, 0, 0)


def test_a_changed_file_is_a_new_version_and_the_old_one_stays_queryable(scenario):
    assert published(scenario, "select body like '%killed 31 civilians%', version_number from marts.articles "
                               "where source_name = 'kharkiv.txt'") == [(True, 2)]
    versions = published(scenario, "select version_number, is_latest_version, superseded_at is not null "
                                    "from marts.article_versions where source_key = 'kharkiv.txt' order by 1")
    assert versions == [(1, False, True), (2, True, False)]
    old_article = published(scenario, "select article_id from marts.article_versions "
                                      "where source_key = 'kharkiv.txt' and version_number = 1")[0][0]
    assert published(scenario, "select count(*) from marts.articles where article_id = ?", old_article) == [(0,)]
    assert published(scenario, "select count(*) from marts.claims where article_id = ?", old_article) == [(0,)]
    old_claims = published(scenario, "select count(*) from marts.claim_revisions where article_id = ?", old_article)
    old_figures = published(scenario, "select count(*) from marts.figure_revisions where article_id = ?", old_article)
    assert old_claims[0][0] > 0 and old_figures[0][0] > 0, "the first version's claims and figures stay queryable"


def test_extraction_runs_once_per_article_text(scenario):
    extracted = dict(published(scenario, "select run_id, articles_extracted from marts.pipeline_runs"))
    per_run = [extracted[r.result.run_id] for r in scenario.runs]
    # new texts only: the revised file in run 3, the new article in run 4 (extracted, then its
    # checks failed), none again in run 5 when the repaired warehouse is published, two in run 6
    assert per_run == [5, 0, 1, 1, 0, 2, 1, 1, 1, 1]
    assert published(scenario, """
        select count(*), count(distinct article_id), count(distinct extractor_version)
        from extraction.processed_articles""") == [(sum(per_run), sum(per_run), 1)]


def test_a_file_removed_from_the_folder_keeps_its_data(scenario):
    assert not (scenario.settings.raw_dir / "odesa.html").exists()
    rows = published(scenario, """
        select count(distinct a.article_id), count(c.claim_id) from marts.articles a
        left join marts.claims c using (article_id) where a.source_name = 'odesa.html'""")
    assert rows[0][0] == 1 and rows[0][1] > 0


def test_an_identical_copy_is_a_duplicate_not_a_second_article(scenario):
    assert published(scenario, "select source_name from marts.duplicate_sources") == [("copy of kyiv.md",)]
    assert published(scenario, "select count(*) from marts.articles where body like '%shot down 31 of 35%'") == [(1,)]
    run3 = scenario.run(3).result.run_id
    assert published(scenario, "select duplicates_found, versions_added, articles_added from marts.pipeline_runs "
                               "where run_id = ?", run3) == [(1, 1, 1)]


def test_failed_checks_leave_the_published_database_in_place_and_say_why(scenario):
    assert scenario.published_after_failure == scenario.published_before_failure
    status, is_published, checks_failed, detail = scenario.failure_row
    assert (status, is_published) == ("checks_failed", False)
    assert checks_failed >= 1 and "span_matches_text" in detail and "left as it was" in detail
    assert scenario.sensor_tags["claimhouse/outcome"] == "checks_failed"
    assert "span_matches_text" in scenario.sensor_tags["claimhouse/failure"]


def test_a_second_writer_queues_and_a_locked_file_is_retried(scenario):
    fifth = scenario.run(5).result
    assert fifth.success
    retried = [e for e in fifth.all_events if e.event_type_value == "STEP_UP_FOR_RETRY"]
    assert retried, "the step that met the locked database file should have been retried"
    messages = scenario.fifth_messages
    assert any("waiting for the warehouse writer lock held by" in m and "another writer (test)" in m
               for m in messages)


def test_the_concurrent_reader_never_failed_and_only_saw_checked_data(scenario):
    log = scenario.reader_log
    errors = [entry["error"] for entry in log if "error" in entry]
    assert errors == []
    assert len(log) >= 100, "the reader should have read the published file throughout the ten runs"
    published_runs = {r.result.run_id for r in scenario.runs if r.result.success}
    seen_runs = [entry["run_id"] for entry in log]
    assert set(seen_runs) <= published_runs, "the reader saw a database no successful run published"
    assert len(set(seen_runs)) >= 8, "the reader should have seen most of the nine publishes"
    assert all(e["status"] == "published" and e["checks_failed"] == 0 and e["checks_passed"] > 0 for e in log)
    assert all(e["orphans"] == 0 for e in log)
    counts = [e["articles"] for e in log]
    assert counts == sorted(counts), "a reader never sees the warehouse go back in time"
    failed_article = "dnipro.txt"
    first_with_it = next(i for i, e in enumerate(log) if failed_article in e["names"])
    assert log[first_with_it]["run_id"] == scenario.run(5).result.run_id, \
        "the article of the failed run appears only with the next checked publish"



def incremental_models() -> dict[str, str]:
    """Every incremental model, name -> schema.name, read from the manifest the pipeline runs: those
    appending newly extracted articles (int_claim_terms, int_figures_linked) and those synced by
    difference (macros/sync_strategy.sql), so a model made incremental later is compared too."""
    manifest = json.loads(dbt_project.manifest_path.read_text())
    return {node["name"]: f"{node['schema']}.{node['name']}" for node in manifest["nodes"].values()
            if node["resource_type"] == "model" and node["config"]["materialized"] == "incremental"}


def test_incremental_models_after_ten_runs_equal_a_rebuild_from_scratch(scenario, tmp_path):
    """Runs 1-10 grew the incremental models run by run (new articles, a new version superseding
    an article, a failed run repaired, actors and claim links gained across runs); rebuilt in full
    from the same extraction they must hold exactly the same rows (the scenario restates a claim
    four runs apart, so there is a claim link to compare)."""
    # dbt names the catalog after the file, so the copy keeps the file's name
    copy = tmp_path / "copy" / scenario.settings.working_db.name
    copy.parent.mkdir()
    shutil.copy(scenario.settings.working_db, copy)

    models = incremental_models()
    assert {"int_claim_terms", "int_claim_links", "claims", "actor_mentions"} <= set(models)

    def rows() -> dict[str, list[tuple]]:
        con = duckdb.connect(str(copy), read_only=True)
        try:
            return {name: con.execute(f"select * from {relation} order by all").fetchall()
                    for name, relation in models.items()}
        finally:
            con.close()

    grown = rows()
    rebuilt_run = subprocess.run(
        [DBT_EXECUTABLE, "run", "--full-refresh", "--select", *models,
         "--profiles-dir", str(DBT_PROJECT_DIR), "--target-path", str(tmp_path / "target")],
        cwd=DBT_PROJECT_DIR, env={**scenario.settings.dbt_env(), "CLAIMHOUSE_WORK_DB": str(copy)},
        capture_output=True, text=True, timeout=300)
    assert rebuilt_run.returncode == 0, rebuilt_run.stdout[-2000:]
    rebuilt = rows()
    assert all(grown.values()), {name: len(found) for name, found in grown.items()}
    assert grown == rebuilt
