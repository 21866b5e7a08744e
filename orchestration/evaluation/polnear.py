"""Claims on PolNeAR dev (Newell, Margolin and Ruths, 'An Attribution Relations Corpus for Political
News', LREC 2018).

Reads ``../shared/eval/public/polnear/dev/`` at run time (84 US political news articles as raw
text, with BRAT standoff attributions: SOURCE, CUE and CONTENT spans joined by an ``Attribution``
event); nothing of the dataset is copied into the repository. Two articles were annotated by
several annotators for agreement checks: the first annotation file in name order is used.

``extract_actors`` and ``extract_claims`` run on the raw article text, so the claim offsets and
the gold offsets point into the same string (no boilerplate splitting).

* **attribution** (overlap): a predicted claim matches a gold attribution when their content
  spans share word tokens amounting to at least half of the shorter of the two (a discontinuous
  gold content is the union of its fragments); pairs are taken one-to-one, greedily by that share.
* **attribution_exact**: the predicted content span equals the gold content extent (first to
  last character of its fragments) once quotes, punctuation and spaces are trimmed from both ends.
* **source_accuracy**: over matched pairs whose gold attribution has a SOURCE, the share where
  the claim's speaker span overlaps the gold source span (a pronoun speaker counts when it is the
  annotated source; a claim without a speaker is wrong). **cue_accuracy** likewise for the cue.

Published numbers for comparison are in ``PUBLISHED``: PolNeAR's inter-annotator agreement and
the range quote/attribution extractors report on comparable news data. No system has published
scores on the PolNeAR dev split itself, so none of these is a like-for-like baseline.

Run: ``python -m orchestration.evaluation.polnear [--limit N] [--errors]``.
"""
from __future__ import annotations

import argparse
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from orchestration.extract.reporting import REPORTING_VERBS

DEFAULT_PATH = Path(__file__).resolve().parents[2].parent / "shared/eval/public/polnear/dev"
MIN_SHARE = 0.5
TRIM_CHARS = " \t\n\r,.;:“”\"'‘’—–-()[]"
WORD = re.compile(r"\w+")

PUBLISHED = [
    {"system": "PolNeAR annotators (Newell et al. 2018)", "measure": "token-wise Krippendorff's alpha",
     "value": 0.754},
    {"system": "PolNeAR annotators (Newell et al. 2018)", "measure": "attribution-wise agreement", "value": 0.923},
    {"system": "quote / attribution extractors on comparable news data (../shared/eval/public/README.md)",
     "measure": "attribution F1, exact spans", "value": 0.57},
    {"system": "quote / attribution extractors on comparable news data (../shared/eval/public/README.md)",
     "measure": "attribution F1, overlapping spans", "value": 0.84},
]


@dataclass(frozen=True)
class GoldAttribution:
    content: tuple[tuple[int, int], ...]  # fragments, char offsets into the raw text
    cue: tuple[tuple[int, int], ...]
    source: tuple[tuple[int, int], ...] | None

    @property
    def extent(self) -> tuple[int, int]:
        return min(s for s, _ in self.content), max(e for _, e in self.content)


def parse_ann(text: str) -> list[GoldAttribution]:
    """Attributions of one BRAT standoff file: text-bound spans (``T``) joined by events (``E``)."""
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    events: list[dict[str, str]] = []
    for line in text.splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            label, _, offsets = fields[1].partition(" ")
            fragments = tuple(tuple(int(x) for x in part.split()) for part in offsets.split(";"))
            spans[fields[0]] = (label, fragments)
        elif line.startswith("E") and len(fields) >= 2:
            events.append(dict(arg.split(":", 1) for arg in fields[1].split() if ":" in arg))
    attributions = []
    for event in events:
        contents = [spans[v][1] for k, v in event.items() if k.startswith("Content") and v in spans]
        cue = spans[event["Cue"]][1] if event.get("Cue") in spans else ()
        source = spans[event["Source"]][1] if event.get("Source") in spans else None
        if contents:
            attributions.append(GoldAttribution(tuple(f for c in contents for f in c), cue, source))
    return attributions


def read_articles(path: Path | None = None, limit: int | None = None) -> list[tuple[str, str, list[GoldAttribution]]]:
    """(name, raw text, gold attributions) per article, in name order."""
    folder = Path(path or DEFAULT_PATH)
    articles = []
    for text_file in sorted((folder / "text").glob("*.txt"))[:limit]:
        annotations = sorted((folder / "attributions").glob(f"{text_file.stem}_*.ann"))
        if not annotations:
            continue
        articles.append((text_file.stem, text_file.read_text(encoding="utf-8"),
                         parse_ann(annotations[0].read_text(encoding="utf-8"))))
    return articles


def word_ids(text: str, spans) -> set[int]:
    """Start offsets of the word tokens overlapping any of the spans (tokens identified by position)."""
    ids = set()
    for start, end in spans:
        for match in WORD.finditer(text, max(0, start - 40), end):
            if match.end() > start and match.start() < end:
                ids.add(match.start())
    return ids


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in TRIM_CHARS:
        start += 1
    while end > start and text[end - 1] in TRIM_CHARS:
        end -= 1
    return start, end


def _overlaps(a: tuple[int, int], spans) -> bool:
    return any(min(a[1], e) > max(a[0], s) for s, e in spans)


def match(text: str, predicted: list, gold: list[GoldAttribution]) -> list[tuple[int, int, float]]:
    """One-to-one (predicted index, gold index, share) pairs with a token share of at least MIN_SHARE."""
    predicted_words = [word_ids(text, [(c.char_start, c.char_end)]) for c in predicted]
    gold_words = [word_ids(text, g.content) for g in gold]
    candidates = []
    for i, pw in enumerate(predicted_words):
        for j, gw in enumerate(gold_words):
            if pw and gw:
                share = len(pw & gw) / min(len(pw), len(gw))
                if share >= MIN_SHARE:
                    candidates.append((share, len(pw & gw), i, j))
    used_p, used_g, pairs = set(), set(), []
    for share, _, i, j in sorted(candidates, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j, share))
    return pairs


def exact_matches(text: str, predicted: list, gold: list[GoldAttribution]) -> int:
    gold_extents = Counter(trimmed(text, *g.extent) for g in gold)
    hits = 0
    for claim in predicted:
        key = trimmed(text, claim.char_start, claim.char_end)
        if gold_extents[key] > 0:
            gold_extents[key] -= 1
            hits += 1
    return hits


def prf(correct: int, n_predicted: int, n_gold: int) -> dict:
    precision = correct / n_predicted if n_predicted else 0.0
    recall = correct / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "correct": correct, "predicted": n_predicted, "gold": n_gold}


SPEECH = frozenset("say tell add state announce report write note explain tweet claim insist argue warn "
                   "deny confirm acknowledge admit ask respond reply testify".split())
COGNITION = frozenset("think believe know expect want hope feel fear worry plan intend consider see "
                      "understand wonder doubt suspect agree disagree decide seem appear find learn".split())


def _cue_kind(doc, cue: tuple[tuple[int, int], ...]) -> str:
    """A coarse class of a gold cue, from the lemmas of its tokens."""
    if not cue:
        return "no cue"
    span = doc.char_span(cue[0][0], cue[-1][1], alignment_mode="expand")
    if span is None:
        return "other cue"
    lemmas = [t.lemma_.lower() for t in span]
    if "accord" in lemmas:
        return "'according to'"
    if not any(ch.isalnum() for ch in span.text):
        return "punctuation cue (a colon, dash or quote with no verb)"
    if any(lemma in REPORTING_VERBS or lemma in SPEECH for lemma in lemmas):
        return "a reporting verb in our vocabulary ('said', 'argued'), missed anyway"
    if any(lemma in COGNITION for lemma in lemmas):
        return "belief, intention or perception verb"
    if any(t.pos_ == "NOUN" for t in span):
        return "noun cue ('in a statement', 'poll', 'report')"
    if any(t.pos_ in ("ADP", "SCONJ") for t in span) and len(lemmas) <= 2:
        return "verb with a particle or preposition ('rail against', 'talk about')"
    if any(t.pos_ in ("VERB", "AUX") for t in span):
        return "a verb outside our vocabulary (stance or action: 'slammed', 'showed', 'questioned')"
    return "other cue"


def _claim_failures(doc, predicted: list, gold: list[GoldAttribution], pairs) -> list[str]:
    text = doc.text
    found = []
    matched_p = {i for i, _, _ in pairs}
    matched_g = {j for _, j, _ in pairs}
    for j, g in enumerate(gold):
        if j in matched_g:
            continue
        near = [i for i, c in enumerate(predicted) if i not in matched_p and _overlaps((c.char_start, c.char_end), g.content)]
        if near:
            found.append("missed: content boundaries too far off (overlap below half)")
            continue
        start, end = g.extent
        if text[start:end].lstrip()[:1] in "“\"'‘":
            found.append("missed: direct quote")
        else:
            found.append(f"missed: {_cue_kind(doc, g.cue)}")
    for i, claim in enumerate(predicted):
        if i in matched_p:
            continue
        overlapped = any(_overlaps((claim.char_start, claim.char_end), g.content) for g in gold)
        found.append("spurious: overlaps a gold content already matched or below half" if overlapped
                     else f"spurious: no gold attribution there (cue '{claim.cue.lower()}')" if claim.cue.lower()
                     in ("said", "says", "told", "according to") else "spurious: no gold attribution there (other cue)")
    for i, j, _ in pairs:
        g, claim = gold[j], predicted[i]
        if g.source is None:
            continue
        if claim.speaker is None:
            found.append("source: claim has no speaker")
        elif not _overlaps((claim.speaker.char_start, claim.speaker.char_end), g.source):
            found.append("source: speaker is another mention than the annotated source")
    return found


def evaluate(nlp=None, path=None, limit=None, keep_examples: bool = False) -> dict:
    from orchestration.extract.actors import extract_actors
    from orchestration.extract.claims import extract_claims
    from orchestration.extract.nlp import load_nlp

    nlp = nlp or load_nlp()
    started = time.perf_counter()
    articles = read_articles(path, limit)
    n_gold = n_predicted = matched = exact = 0
    with_source = source_ok = cue_ok = 0
    failure_counts: Counter = Counter()
    examples: dict[str, list[str]] = {}
    for doc, (name, text, gold) in zip(nlp.pipe(text for _, text, _ in articles), articles):
        actors = extract_actors(doc)
        predicted = list(extract_claims(doc, actors))
        pairs = match(text, predicted, gold)
        n_gold += len(gold)
        n_predicted += len(predicted)
        matched += len(pairs)
        exact += exact_matches(text, predicted, gold)
        for i, j, _ in pairs:
            claim, g = predicted[i], gold[j]
            cue_ok += bool(g.cue) and _overlaps((claim.cue_start, claim.cue_end), g.cue)
            if g.source is not None:
                with_source += 1
                source_ok += claim.speaker is not None and _overlaps(
                    (claim.speaker.char_start, claim.speaker.char_end), g.source)
        for kind in _claim_failures(doc, predicted, gold, pairs):
            failure_counts[kind] += 1
            if keep_examples:
                examples.setdefault(kind, []).append(name)
    return {
        "articles": len(articles),
        "attribution": prf(matched, n_predicted, n_gold),
        "attribution_exact": prf(exact, n_predicted, n_gold),
        "source_accuracy": round(source_ok / with_source, 3) if with_source else 0.0,
        "source_pairs": with_source,
        "cue_accuracy": round(cue_ok / matched, 3) if matched else 0.0,
        "failures": dict(failure_counts.most_common()),
        "published": PUBLISHED,
        "protocol": f"content token overlap >= {MIN_SHARE} of the shorter span, greedy one-to-one",
        "seconds": round(time.perf_counter() - started, 1),
        **({"examples": {k: sorted(set(v))[:5] for k, v in examples.items()}} if keep_examples else {}),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    parser.add_argument("--path", type=Path, default=None, help="the dev folder (text/ and attributions/)")
    parser.add_argument("--errors", action="store_true", help="list articles for each failure type")
    args = parser.parse_args()
    result = evaluate(path=args.path, limit=args.limit, keep_examples=args.errors)
    print(f"PolNeAR dev: {result['articles']} articles, {result['seconds']} s")
    for name in ("attribution", "attribution_exact"):
        r = result[name]
        print(f"{name:18} P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f} "
              f"({r['correct']} of {r['gold']} gold, {r['predicted']} predicted)")
    print(f"source accuracy {result['source_accuracy']:.3f} over {result['source_pairs']} matched pairs with a source;"
          f" cue accuracy {result['cue_accuracy']:.3f}")
    print("published:")
    for row in PUBLISHED:
        print(f"  {row['system']}: {row['measure']} {row['value']}")
    print("failures:")
    for kind, count in result["failures"].items():
        shown = ", ".join(result.get("examples", {}).get(kind, [])[:3])
        print(f"  {count:4}  {kind}" + (f"   in {shown}" if shown else ""))


if __name__ == "__main__":
    main()
