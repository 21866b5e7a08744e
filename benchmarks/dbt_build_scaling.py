"""Is an incremental dbt model worth it? Time the dbt models on a built warehouse, per model.

Incremental models save, at most, the time a model spends on rows it has already seen. This
prints, for a copy of a working database, with the corpus multiplied (every article and its
extraction rows copied under new ids) so the growth with corpus size is visible: `dbt run` with
every model rebuilt (`--full-refresh`), again with nothing new (the incremental models select
nothing), again after a few new articles (what a daily run sees), then `dbt test`; each with
the wall time and the time dbt spent per model (from run_results.json).

    CLAIMHOUSE_DB=/tmp/corpus/claimhouse.duckdb CLAIMHOUSE_RAW_DIR=/tmp/corpus/raw .venv/bin/claimhouse run
    .venv/bin/python benchmarks/dbt_build_scaling.py /tmp/corpus/work/claimhouse.duckdb --scale 1 4 --new 5

Nothing is written to the given database; each measurement works on a copy in a temp folder.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

PROJECT_DIR = Path(__file__).resolve().parents[1] / "dbt_project"
DBT = str(Path(sys.executable).with_name("dbt"))
COPIED_TABLES = {
    "raw.articles": "article_id", "raw.article_versions": "article_id",
    "extraction.processed_articles": "article_id", "extraction.boilerplate_lines": "article_id",
    "extraction.sentences": "article_id", "extraction.entity_mentions": "article_id",
    "extraction.actor_mentions": "article_id", "extraction.place_mentions": "article_id",
    "extraction.claim_candidates": "article_id", "extraction.figure_candidates": "article_id",
}
ID_COLUMNS = ("mention_id", "claim_candidate_id", "figure_candidate_id", "speaker_mention_id",
              "via_mention_id", "place_mention_id")


def scale_corpus(path: Path, factor: int, limit: int | None = None, suffix: str = "~") -> None:
    """Add factor - 1 copies of every article (or of the first ``limit``) and its rows, under new
    ids (same texts, same names); the copies count as newly extracted."""
    con = duckdb.connect(str(path))
    try:
        chosen = "select article_id from raw.articles where article_id not like '%~%' order by article_id"
        if limit is not None:
            chosen += f" limit {int(limit)}"
        for copy in range(1, factor):
            copy_suffix = f"{suffix}{copy}"
            for table in COPIED_TABLES:
                columns = [row[0] for row in con.execute(
                    "select column_name from information_schema.columns where table_schema || '.' || table_name = ? "
                    "order by ordinal_position", [table]).fetchall()]
                renamed = []
                for column in columns:
                    if column in ("article_id", *ID_COLUMNS):
                        renamed.append(f"case when {column} is null then null else {column} || '{copy_suffix}' end")
                    elif column == "source_key":
                        renamed.append(f"source_key || '{copy_suffix}'")
                    elif column == "extracted_at":
                        renamed.append("now()::timestamp")
                    else:
                        renamed.append(column)
                con.execute(f"insert into {table} select {', '.join(renamed)} from {table} "
                            f"where article_id in ({chosen})")
    finally:
        con.close()


def dbt(command: str, working: Path, target: Path, select: list[str]) -> tuple[float, dict[str, float]]:
    """Wall time and per-node times of one dbt command. Failing tests do not stop the measurement."""
    env = {**os.environ, "CLAIMHOUSE_WORK_DB": str(working), "CLAIMHOUSE_DB": str(working)}
    started = time.perf_counter()
    subprocess.run([DBT, command, "--quiet", "--project-dir", str(PROJECT_DIR), "--profiles-dir", str(PROJECT_DIR),
                    "--target-path", str(target), *select], env=env, check=False, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    results = json.loads((target / "run_results.json").read_text())["results"]
    return wall, {r["unique_id"]: r["execution_time"] for r in results}


def add_new_articles(path: Path, count: int) -> None:
    """Copy ``count`` articles and their extraction rows under new ids: what a small daily run adds."""
    scale_corpus(path, 2, limit=count, suffix="~new")


def report(label: str, seconds: float, times: dict[str, float], show: tuple[str, ...] = ()) -> None:
    models = {k.split(".")[-1]: v for k, v in times.items() if k.startswith("model.")}
    tests = {k: v for k, v in times.items() if not k.startswith("model.")}
    print(f"  {label}: wall {seconds:6.2f} s; models {sum(models.values()):6.2f} s over {len(models)}; "
          f"tests {sum(tests.values()):6.2f} s over {len(tests)}")
    slowest = [name for name, _ in sorted(models.items(), key=lambda item: -item[1])[:8]]
    for name in [*slowest, *(name for name in show if name in models and name not in slowest)]:
        print(f"    {name:<40} {models[name]:6.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("working_db", type=Path)
    parser.add_argument("--scale", type=int, nargs="+", default=[1, 4])
    parser.add_argument("--new", type=int, default=5, help="articles added before the second (incremental) run")
    parser.add_argument("--show", nargs="*", default=["int_figures_linked"],
                        help="models always listed (the incremental ones), besides the slowest")
    parser.add_argument("--exclude", default="", help="dbt --exclude selector, e.g. path:models/marts/analytics")
    args = parser.parse_args()
    select = ["--exclude", args.exclude] if args.exclude else []
    for factor in args.scale:
        with tempfile.TemporaryDirectory() as folder:
            working = Path(folder) / "claimhouse.duckdb"
            shutil.copy(args.working_db, working)
            scale_corpus(working, factor)
            con = duckdb.connect(str(working), read_only=True)
            articles = con.execute("select count(*) from raw.articles").fetchone()[0]
            claims = con.execute("select count(*) from extraction.claim_candidates").fetchone()[0]
            con.close()
            print(f"\nx{factor}: {articles:,} articles, {claims:,} claim candidates")
            target = Path(folder) / "target"
            show = tuple(args.show)
            report("dbt run, full refresh", *dbt("run", working, target, ["--full-refresh", *select]), show)
            report("dbt run, nothing new", *dbt("run", working, target, select), show)
            add_new_articles(working, args.new)
            report(f"dbt run, {args.new} new articles", *dbt("run", working, target, select), show)
            report("dbt test", *dbt("test", working, target, select))


if __name__ == "__main__":
    main()
