"""CPU time of the extraction rules alone (no spaCy), per rule family, and the gazetteer's memory.

    .venv/bin/python -m benchmarks.rules_profile                 # 80 articles, 5 repetitions
    .venv/bin/python -m benchmarks.rules_profile --articles 40 --repeat 3 --dump /tmp/rules.pickle

The first ``--articles`` articles of ``../shared/corpus/ukraine_news.jsonl`` are parsed once with
the pipeline's model (``load_nlp``) on the bodies the pipeline hands spaCy (boilerplate lines
removed) and the Docs are cached with ``DocBin`` under ``/tmp`` (keyed by the model, the article
count and the corpus), so reruns skip spaCy. Then each rule family runs over every Doc, called as
``pipeline.extract_doc`` calls it (places excludes the actors' governments and institutions;
claims get the actors, figures the places), ``--repeat`` times after one warm-up pass; the
figure is the median CPU time (``time.process_time``, robust to other processes on the machine)
per 1,000 words (the pipeline's word count: tokens that are neither punctuation nor space).

``--dump PATH`` pickles the actors' and places' outputs for every article, to compare two
versions of the rules for identity (``--compare OLD NEW`` prints whether two dumps are equal).

Last, in a fresh process, the growth of resident memory from ``Gazetteer.load()`` (loading the
cached pickle, the path every worker takes).
"""
from __future__ import annotations

import argparse
import gc
import hashlib
import json
import pickle
import statistics
import subprocess
import sys
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
CORPUS = PROJECT_ROOT.parent / "shared" / "corpus" / "ukraine_news.jsonl"
CACHE_DIR = Path("/tmp/claimhouse-rules-profile")

_RSS_SCRIPT = """
import gc, json, psutil
from orchestration.extract import gazetteer as module
gc.collect()
process = psutil.Process()
before = process.memory_info().rss
gazetteer = module.Gazetteer.load()
gc.collect()
after = process.memory_info().rss
print(json.dumps({"before": before, "after": after, "entries": len(gazetteer.entries)}))
"""


def _texts(count: int) -> list[str]:
    from orchestration.extract.boilerplate import split_boilerplate

    texts = []
    with CORPUS.open(encoding="utf-8") as handle:
        for line in handle:
            if len(texts) >= count:
                break
            texts.append(split_boilerplate(json.loads(line)["text"])[0])
    return texts


def load_docs(count: int) -> list:
    """Parsed Docs of the first ``count`` article bodies, from the /tmp cache when it is current."""
    from spacy.tokens import DocBin

    from orchestration.extract.nlp import MODEL_NAME, load_nlp

    texts = _texts(count)
    digest = hashlib.sha256("\x00".join(texts).encode()).hexdigest()[:16]
    path = CACHE_DIR / f"{MODEL_NAME}-{count}-{digest}.spacy"
    nlp = load_nlp()
    if path.exists():
        return list(DocBin().from_bytes(path.read_bytes()).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts, batch_size=32))
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    path.write_bytes(DocBin(docs=docs).to_bytes())
    # Reload from the cache, so the first run times the same Docs as the later ones.
    return list(DocBin().from_bytes(path.read_bytes()).get_docs(nlp.vocab))


def _word_count(doc) -> int:
    return sum(1 for token in doc if not (token.is_punct or token.is_space))


def run_families(docs: list, gazetteer) -> dict[str, list]:
    """Every family's output per Doc, called as ``pipeline.extract_doc`` calls it."""
    from orchestration.extract.actors import extract_actors
    from orchestration.extract.pipeline import GOVERNMENT_MENTION_KINDS, INSTITUTION_TYPES
    from orchestration.extract.places import extract_places
    from orchestration.extract.records import Span

    actors = [extract_actors(doc) for doc in docs]
    excludes = [[Span(a.char_start, a.char_end) for a in found
                 if a.mention_kind in GOVERNMENT_MENTION_KINDS
                 or a.mention_kind == "name" and a.actor_type in INSTITUTION_TYPES] for found in actors]
    places = [list(extract_places(doc, gazetteer, exclude=exclude)) for doc, exclude in zip(docs, excludes)]
    return {"actors": actors, "places": places, "excludes": excludes}


def time_families(docs: list, gazetteer, repeat: int) -> dict[str, float]:
    """Median CPU seconds per family over ``repeat`` passes (after the warm-up in ``run_families``)."""
    from orchestration.extract.actors import extract_actors
    from orchestration.extract.claims import extract_claims
    from orchestration.extract.figures import extract_figures
    from orchestration.extract.places import extract_places

    baseline = run_families(docs, gazetteer)
    actors, places, excludes = baseline["actors"], baseline["places"], baseline["excludes"]
    families = {
        "actors": lambda: [extract_actors(doc) for doc in docs],
        "places": lambda: [list(extract_places(doc, gazetteer, exclude=x)) for doc, x in zip(docs, excludes)],
        "figures": lambda: [list(extract_figures(doc, p)) for doc, p in zip(docs, places)],
        "claims": lambda: [list(extract_claims(doc, a)) for doc, a in zip(docs, actors)],
    }
    families["figures"]()  # warm-up of the two families run_families did not call
    families["claims"]()
    seconds: dict[str, list[float]] = {name: [] for name in families}
    for _ in range(repeat):
        for name, run in families.items():  # interleaved, so a busy spell hits every family alike
            gc.collect()
            started = time.process_time()
            run()
            seconds[name].append(time.process_time() - started)
    return {name: statistics.median(values) for name, values in seconds.items()}


def gazetteer_rss() -> dict:
    """RSS growth of ``Gazetteer.load()`` in a fresh interpreter (cache already built)."""
    result = subprocess.run([sys.executable, "-c", _RSS_SCRIPT], cwd=PROJECT_ROOT, capture_output=True,
                            text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def compare(old: Path, new: Path) -> bool:
    before, after = pickle.loads(old.read_bytes()), pickle.loads(new.read_bytes())
    equal = True
    for family in ("actors", "places"):
        differing = [i for i, (a, b) in enumerate(zip(before[family], after[family])) if a != b]
        if len(before[family]) != len(after[family]) or differing:
            equal = False
        print(f"{family}: {len(before[family])} vs {len(after[family])} articles, "
              f"{sum(map(len, after[family]))} mentions, differing articles: {differing[:10] or 'none'}")
    print("IDENTICAL" if equal else "DIFFERENT")
    return equal


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=80)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--dump", type=Path, help="pickle the actors' and places' outputs here")
    parser.add_argument("--compare", type=Path, nargs=2, metavar=("OLD", "NEW"), help="compare two dumps and exit")
    parser.add_argument("--no-rss", action="store_true", help="skip the gazetteer memory measurement")
    args = parser.parse_args()
    if args.compare:
        sys.exit(0 if compare(*args.compare) else 1)

    from orchestration.extract.gazetteer import Gazetteer

    gazetteer = Gazetteer.load()  # builds the pickle cache if missing, before the RSS probe
    docs = load_docs(args.articles)
    words = sum(_word_count(doc) for doc in docs)
    if args.dump:
        outputs = run_families(docs, gazetteer)
        args.dump.write_bytes(pickle.dumps({"actors": outputs["actors"], "places": outputs["places"]}))
        print(f"dumped actors and places of {len(docs)} articles to {args.dump}")
    seconds = time_families(docs, gazetteer, args.repeat)
    print(f"{len(docs)} articles, {words:,} words, median of {args.repeat} passes (CPU time)")
    for name, value in seconds.items():
        print(f"  {name:8s} {1000 * value / words * 1000:8.1f} ms per 1,000 words   ({value:.3f} s per pass)")
    total = sum(seconds.values())
    print(f"  {'all':8s} {1000 * total / words * 1000:8.1f} ms per 1,000 words")
    if not args.no_rss:
        rss = gazetteer_rss()
        print(f"Gazetteer.load(): RSS {rss['before'] / 2**20:.0f} MB -> {rss['after'] / 2**20:.0f} MB, "
              f"growth {(rss['after'] - rss['before']) / 2**20:.1f} MB ({rss['entries']:,} entries)")


if __name__ == "__main__":
    main()
