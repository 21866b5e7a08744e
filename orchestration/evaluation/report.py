"""`make eval`: every quality measure in one report (Markdown and JSON under ``reports/``).

* the sample gold, scored by ``../shared/eval/score.py`` on a built warehouse;
* figures on NewsQuant, places on GeoWebNews, claims on PolNeAR dev (read from
  ``../shared/eval/public`` at run time, never copied into the repository);
* extraction throughput on the first articles of ``../shared/corpus/ukraine_news.jsonl``.

Each part is measured against the targets of the extraction-quality issue and marked met or not,
with the gap where it is not. A part that fails (a missing dataset, an extractor error) is recorded
in the report with its error instead of stopping the others. Failure types (counts only, never
dataset text) are listed for figures and claims to guide extractor work; each scorer prints
examples when run on its own with ``--errors``.

Run: ``python -m orchestration.evaluation.report [--db PATH] [--limit N] [--parts ...]``.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

from orchestration.settings import PROJECT_ROOT, load_settings

SHARED = PROJECT_ROOT.parent / "shared"
SCORE_SCRIPT = SHARED / "eval" / "score.py"
CORPUS = SHARED / "corpus" / "ukraine_news.jsonl"

# (part, metric path, target, direction) — the bars of the extraction-quality issue. 'min': the
# value must reach the target; 'max': it must not exceed it. Metric paths are keys of the scorers'
# results (score.py for the sample gold, newsquant/geowebnews/polnear.evaluate for the others).
TARGETS = [
    ("sample gold", "figures.f1", 0.95, "min"),
    ("sample gold", "figures.unit_accuracy", 0.95, "min"),
    ("sample gold", "figures.counted_thing_accuracy", 0.85, "min"),
    ("sample gold", "places.f1", 0.92, "min"),
    ("sample gold", "places.geocoded_correctly", 0.90, "min"),
    ("sample gold", "actors.f1", 0.90, "min"),
    ("sample gold", "actors.cross_article_resolved", 0.90, "min"),
    ("sample gold", "actors.over_merged_ids", 0, "max"),
    ("sample gold", "claims.f1", 0.80, "min"),
    ("sample gold", "claims.claimant_accuracy", 0.90, "min"),
    ("sample gold", "claims.hedged_accuracy", 0.90, "min"),
    ("newsquant", "value.f1", 0.92, "min"),
    ("newsquant", "value_unit.f1", 0.86, "min"),
    ("newsquant", "value_change.f1", 0.88, "min"),
    ("geowebnews", "recognition.f1", 0.85, "min"),
    ("geowebnews", "resolution.accuracy_161km", 0.90, "min"),
    ("polnear", "attribution.f1", 0.70, "min"),
    ("polnear", "source_accuracy", 0.80, "min"),
]
PUBLIC_PARTS = ("newsquant", "geowebnews", "polnear")


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
    if not SCORE_SCRIPT.exists():
        return {"error": f"no scoring script at {SCORE_SCRIPT}"}
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "scores.json"
        completed = subprocess.run([sys.executable, str(SCORE_SCRIPT), "--db", str(db), "--json", str(out)],
                                   capture_output=True, text=True, check=False)
        if not out.exists():
            return {"error": completed.stderr.strip()[-2000:] or completed.stdout.strip()[-2000:]}
        scores = json.loads(out.read_text())
    scores["db"] = str(db)
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


def guarded(part: str, run) -> dict:
    """Run one part; an exception becomes an ``error`` entry so the other parts still run."""
    try:
        return run()
    except Exception as error:  # noqa: BLE001 - any failure of one scorer is reported, not raised
        return {"error": f"{type(error).__name__}: {error}", "traceback": traceback.format_exc(limit=5)}


def check_targets(report: dict) -> list[dict]:
    rows = []
    for part, metric, target, direction in TARGETS:
        if part not in report:
            continue
        value = lookup(report[part], metric)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            value = None
        met = value is not None and (value >= target if direction == "min" else value <= target)
        gap = None if value is None or met else round(target - value if direction == "min" else value - target, 3)
        rows.append({"part": part, "metric": metric, "target": target, "direction": direction,
                     "value": value, "met": met, "gap": gap})
    return rows


def _fmt(value) -> str:
    if value is None:
        return "n/a"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def _prf_row(label: str, scores: dict | None) -> str:
    if not scores:
        return f"| {label} | n/a | n/a | n/a |"
    return f"| {label} | {scores['precision']:.3f} | {scores['recall']:.3f} | {scores['f1']:.3f} |"


def _failures(title: str, failures: dict | None, top: int = 10) -> list[str]:
    if not failures:
        return []
    lines = ["", f"{title} (most common first):", "", "| count | failure type |", "| --- | --- |"]
    lines += [f"| {count} | {kind} |" for kind, count in list(failures.items())[:top]]
    return lines


def render_markdown(report: dict) -> str:
    lines = ["# claimhouse extraction quality", "",
             f"Generated {report['generated_at']} by `make eval`"
             f" (extractor {report['extractor_version']}).", "",
             "| part | measure | ours | target | met | short by |", "| --- | --- | --- | --- | --- | --- |"]
    for row in report["targets"]:
        bound = f"{'>=' if row['direction'] == 'min' else '<='} {row['target']}"
        lines.append(f"| {row['part']} | {row['metric']} | {_fmt(row['value'])} | {bound} | "
                     f"{'yes' if row['met'] else 'no'} | {_fmt(row['gap']) if row['gap'] is not None else ''} |")
    errors = [(part, report[part]["error"]) for part in ("sample gold", *PUBLIC_PARTS, "throughput")
              if isinstance(report.get(part), dict) and "error" in report[part]]
    if errors:
        lines += ["", "## Parts that did not run", ""] + [f"- {part}: {error}" for part, error in errors]

    sample = report.get("sample gold", {})
    if sample.get("printed"):
        lines += ["", f"## Sample gold (`../shared/eval/score.py --db {sample.get('db')}`)", "", "```",
                  *sample["printed"], "```"]

    nq = report.get("newsquant", {})
    if "value" in nq:
        lines += ["", f"## Figures on NewsQuant ({nq['sentences']} sentences, {nq['seconds']} s)", "",
                  f"Protocol: {nq['protocol']}.", "",
                  "| system | measure | precision | recall | F1 |", "| --- | --- | --- | --- | --- |"]
        for name, label in (("value", "value"), ("value_unit", "value+unit"), ("value_change", "value+change")):
            lines.append(_prf_row(f"claimhouse | {label}", nq[name]))
            lines.append(_prf_row(f"claimhouse (strict one-to-one) | {label}", nq["strict"][name]))
        for row in nq.get("published", []):
            lines.append(_prf_row(f"{row['system']} (published) | {row['measure']}", row))
        lines += _failures("Figure failures on NewsQuant", nq.get("failures"))

    gw = report.get("geowebnews", {})
    if "recognition" in gw:
        res = gw["resolution"]
        lines += ["", f"## Places on GeoWebNews ({gw['articles']} articles, {gw['seconds']} s)", "",
                  "| measure | precision | recall | F1 |", "| --- | --- | --- | --- |",
                  _prf_row("recognition", gw["recognition"]),
                  _prf_row("recognition, adjectival modifiers included", gw.get("recognition_with_adjectives")),
                  "", f"Resolution over {res['toponyms']} recognised toponyms: accuracy within 161 km "
                  f"{_fmt(res['accuracy_161km'])}, exact GeoNames id {_fmt(res['exact_geonames_match'])}, "
                  f"median error {res['median_error_km']} km, mean {res['mean_error_km']} km."]
        if gw.get("published"):
            lines += ["", "Published:", "", "```", json.dumps(gw["published"], indent=2), "```"]

    pn = report.get("polnear", {})
    if "attribution" in pn:
        lines += ["", f"## Claims on PolNeAR dev ({pn['articles']} articles, {pn['seconds']} s)", "",
                  f"Protocol: {pn['protocol']}.", "",
                  "| measure | precision | recall | F1 |", "| --- | --- | --- | --- |",
                  _prf_row("attribution (overlap)", pn["attribution"]),
                  _prf_row("attribution (exact span)", pn["attribution_exact"]), "",
                  f"Source accuracy {_fmt(pn['source_accuracy'])} over {pn['source_pairs']} matched attributions "
                  f"that have a source; cue accuracy {_fmt(pn['cue_accuracy'])}.", "", "Published:", ""]
        lines += [f"- {row['system']}: {row['measure']} {row['value']}" for row in pn.get("published", [])]
        lines += _failures("Claim failures on PolNeAR dev", pn.get("failures"))

    if report.get("throughput", {}).get("words_per_second"):
        t = report["throughput"]
        lines += ["", "## Extraction throughput", "",
                  f"{t['words_per_second']:,} words/s over {t['articles']} corpus articles "
                  f"({t['words']:,} words in {t['seconds']} s, one process, spaCy and rules)."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score the extractors on the sample gold and public gold sets.")
    parser.add_argument("--db", type=Path, default=None, help="built warehouse (default: CLAIMHOUSE_DB)")
    parser.add_argument("--limit", type=int, default=None,
                        help="score only the first N items of each public set (default: all; about 2 minutes)")
    parser.add_argument("--parts", default="sample,newsquant,geowebnews,polnear,throughput",
                        help="comma-separated parts to run")
    parser.add_argument("--throughput-articles", type=int, default=100)
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "reports")
    args = parser.parse_args(argv)
    parts = set(args.parts.split(","))

    from orchestration.extract.pipeline import EXTRACTOR_VERSION

    report: dict = {"generated_at": time.strftime("%Y-%m-%d %H:%M:%S"), "extractor_version": EXTRACTOR_VERSION,
                    "limit": args.limit}
    if "sample" in parts:
        report["sample gold"] = guarded("sample gold", lambda: score_sample_gold(args.db or load_settings().published_db))
    for name in PUBLIC_PARTS:
        if name in parts:
            print(f"scoring {name} ...", flush=True)
            report[name] = guarded(name, lambda name=name: run_public(name, args.limit))
    if "throughput" in parts:
        print("measuring throughput ...", flush=True)
        report["throughput"] = guarded("throughput", lambda: measure_throughput(args.throughput_articles))
    report["targets"] = check_targets(report)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "eval.json").write_text(json.dumps(report, indent=2, default=str))
    markdown = render_markdown(report)
    (args.out / "eval.md").write_text(markdown)
    print(markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
