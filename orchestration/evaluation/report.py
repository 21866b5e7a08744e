"""`make eval`: every quality measure in one report (Markdown and JSON under ``reports/``).

* the sample gold, scored by ``../shared/eval/score.py`` on a built warehouse;
* figures on NewsQuant, places on GeoWebNews, claims on PolNeAR dev (read from
  ``../shared/eval/public`` at run time, never copied into the repository);
* extraction throughput on the first articles of ``../shared/corpus/ukraine_news.jsonl``.

Each part is measured against the targets of the extraction-quality issue and marked met or not.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from orchestration.settings import PROJECT_ROOT, load_settings

SHARED = PROJECT_ROOT.parent / "shared"
SCORE_SCRIPT = SHARED / "eval" / "score.py"
CORPUS = SHARED / "corpus" / "ukraine_news.jsonl"

# (part, metric path, target) — the bars of the extraction-quality issue.
TARGETS = [
    ("sample gold", "figures.f1", 0.95),
    ("sample gold", "figures.unit_accuracy", 0.95),
    ("sample gold", "figures.counted_thing_accuracy", 0.85),
    ("sample gold", "places.f1", 0.92),
    ("sample gold", "places.geocoded_correctly", 0.90),
    ("sample gold", "actors.f1", 0.90),
    ("sample gold", "actors.cross_article_resolved", 0.90),
    ("sample gold", "claims.f1", 0.80),
    ("sample gold", "claims.claimant_accuracy", 0.90),
    ("sample gold", "claims.hedged_accuracy", 0.90),
    ("newsquant", "value.f1", 0.92),
    ("newsquant", "value_unit.f1", 0.86),
    ("newsquant", "value_change.f1", 0.88),
    ("geowebnews", "recognition.f1", 0.85),
    ("geowebnews", "resolution.accuracy_161km", 0.90),
    ("polnear", "attribution.f1", 0.70),
    ("polnear", "source_accuracy", 0.80),
]


def lookup(scores: dict, path: str):
    value = scores
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def score_sample_gold(db: Path) -> dict:
    if not db.exists():
        return {"error": f"no warehouse at {db}: run `make run` first"}
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "scores.json"
        completed = subprocess.run([sys.executable, str(SCORE_SCRIPT), "--db", str(db), "--json", str(out)],
                                   capture_output=True, text=True, check=False)
        if not out.exists():
            return {"error": completed.stderr.strip() or completed.stdout.strip()}
        scores = json.loads(out.read_text())
    scores["printed"] = completed.stdout.strip().splitlines()
    return scores


def measure_throughput(articles: int) -> dict:
    """Words per second of the whole extraction (spaCy and rules) in one process."""
    from orchestration.extract.gazetteer import Gazetteer
    from orchestration.extract.nlp import load_nlp
    from orchestration.extract.pipeline import extract_texts

    texts = []
    with CORPUS.open() as handle:
        for line in handle:
            record = json.loads(line)
            texts.append((str(record.get("id", len(texts))), record["text"]))
            if len(texts) >= articles:
                break
    nlp, gazetteer = load_nlp(), Gazetteer.load()
    started = time.perf_counter()
    words = sum(r.word_count for r in extract_texts(texts, nlp, gazetteer))
    seconds = time.perf_counter() - started
    return {"articles": len(texts), "words": words, "seconds": round(seconds, 1),
            "words_per_second": round(words / seconds, 1)}


def run_public(name: str, limit: int | None) -> dict:
    from orchestration.evaluation import geowebnews, newsquant, polnear

    module = {"newsquant": newsquant, "geowebnews": geowebnews, "polnear": polnear}[name]
    started = time.perf_counter()
    result = module.evaluate(limit=limit)
    result.setdefault("seconds", round(time.perf_counter() - started, 1))
    return result


def render_markdown(report: dict) -> str:
    lines = ["# claimhouse extraction quality", "",
             f"Generated {report['generated_at']} by `make eval`"
             f" (extractor {report['extractor_version']}).", "",
             "| part | measure | ours | target | met |", "| --- | --- | --- | --- | --- |"]
    for row in report["targets"]:
        value = "n/a" if row["value"] is None else f"{row['value']:.3f}"
        lines.append(f"| {row['part']} | {row['metric']} | {value} | {row['target']:.2f} | "
                     f"{'yes' if row['met'] else 'no'} |")
    for part in ("newsquant", "geowebnews", "polnear"):
        published = lookup(report, f"{part}.published")
        if published:
            lines += ["", f"## {part}: published numbers for comparison", "",
                      "```", json.dumps(published, indent=2), "```"]
    sample = report.get("sample gold", {})
    if sample.get("printed"):
        lines += ["", "## Sample gold (`../shared/eval/score.py`)", "", "```", *sample["printed"], "```"]
    if report.get("throughput"):
        t = report["throughput"]
        lines += ["", "## Extraction throughput", "",
                  f"{t['words_per_second']:,} words/s over {t['articles']} corpus articles "
                  f"({t['words']:,} words in {t['seconds']} s, one process, spaCy and rules)."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score the extractors on the sample gold and public gold sets.")
    parser.add_argument("--db", type=Path, default=None, help="built warehouse (default: CLAIMHOUSE_DB)")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N items of each public set")
    parser.add_argument("--parts", default="sample,newsquant,geowebnews,polnear,throughput",
                        help="comma-separated parts to run")
    parser.add_argument("--throughput-articles", type=int, default=100)
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "reports")
    args = parser.parse_args(argv)
    parts = set(args.parts.split(","))

    from orchestration.extract.pipeline import EXTRACTOR_VERSION

    report: dict = {"generated_at": time.strftime("%Y-%m-%d %H:%M:%S"), "extractor_version": EXTRACTOR_VERSION}
    if "sample" in parts:
        report["sample gold"] = score_sample_gold(args.db or load_settings().published_db)
    for name in ("newsquant", "geowebnews", "polnear"):
        if name in parts:
            print(f"scoring {name} ...", flush=True)
            report[name] = run_public(name, args.limit)
    if "throughput" in parts:
        print("measuring throughput ...", flush=True)
        report["throughput"] = measure_throughput(args.throughput_articles)
    report["targets"] = [
        {"part": part, "metric": metric, "target": target,
         "value": lookup(report.get(part, {}), metric),
         "met": (lookup(report.get(part, {}), metric) or 0) >= target}
        for part, metric, target in TARGETS if part in report]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "eval.json").write_text(json.dumps(report, indent=2, default=str))
    markdown = render_markdown(report)
    (args.out / "eval.md").write_text(markdown)
    print(markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
