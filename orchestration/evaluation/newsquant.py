"""Figures on NewsQuant (Almasian et al., 'CQE: A Comprehensive Quantity Extractor', EMNLP 2023).

Reads ``../shared/eval/public/newsquant/NewsQuant.json`` (590 news sentences, 904 quantities) and
the published scores in ``NewsQuant.csv`` at run time; nothing of the dataset is copied into the
repository. ``extract_figures`` runs on each sentence (one spaCy ``Doc`` per sentence).

Scoring follows ``evaluate_models.py`` of satya77/CQE_Evaluation, the script behind the published
numbers (``cqe``):

* per sentence, gold quantities in order of normalised unit; for each, the predictions are
  scanned in order; a prediction whose value equals the gold value (``numpy.isclose``; a range
  matches only a range with both ends equal) counts for *value* (at most once per gold quantity
  in the sentence), for *value+change* when the change symbol also agrees, and for *value+unit*
  when the lower-cased normalised unit also agrees, which consumes the prediction and ends the
  scan for that gold quantity;
* precision = correct / predictions, recall = correct / gold quantities.

That protocol is lenient: a prediction matched on value but not on unit stays available to later
gold quantities, and value+change is counted for every value match in the scan. A ``strict``
variant is reported beside it: one-to-one matching (each prediction and gold quantity used at
most once) done separately for value, value+unit and value+change.

Our records are mapped to NewsQuant's vocabulary (``normalized_unit`` and ``change``) so the
comparison is fair without teaching the extractor NewsQuant's label set:

* unit ``km2`` -> 'square kilometre', ``km`` -> 'kilometre', ``mi2`` -> 'square mile',
  ``mi`` -> 'mile', ``m`` -> 'metre', ``percent`` -> 'percentage', ``years`` -> 'year' ('year of
  age' when the figure's own surface ends in '-old' or 'old', or it counts 'age': 'Ann Lee, 52,'; so for
  months, weeks and days: 'a 6-month-old' -> 'month of age'),
  ``months``/``weeks``/``days``/``hours``/``minutes`` -> the singular; the other measure units
  (``GHz``, ``mAh``, ``m2``, ``ksi``, ``basis points``, ...) -> their names in NewsQuant's vocabulary (``UNIT_NAMES``:
  ``t`` -> 'metric ton', ``rpm`` -> 'revolutions per minute', ``ppm`` -> 'part per million', as
  the gold writes each of them every time it occurs);
* unit ``fraction``: NewsQuant writes a share of a thing as '% <thing>' ('a third of the
  voters' -> '% voter') and a share of a pronoun as '% -' ('half of them'); it does so for all 6
  fractions of ours it matches on value (none is '-'), so ``fraction`` -> '% ' + the counted
  thing mapped as below, or '% -' when nothing or only a pronoun is counted (a fraction of one
  unit, '1/16 of a pint', is read by the extractor as an amount in that unit);
* unit ``count``: a currency in ``counts`` ('US dollars', 'euros', 'pounds', 'yuan', 'Danish
  crowns', 'Polish zlotys', ...) -> that currency's NewsQuant name ('<nationality> <currency>' in
  the singular: 'danish krone'); an amount in pence ('164p', or a bare 'p' after the number) ->
  'point', as the gold writes all 8 of ours it matches on value; a multiplier ('3 times',
  'sixfold', '2.5 times the cost') -> 'count' (all 6 of ours matched on value); another counted
  thing -> the lemmas of its words ('civilians killed' has 'killed' stripped first: a trailing
  participle is an outcome, not the noun; so is a leading one, which describes it: 'recorded songs' ->
  'song'; coordinators are dropped: no unit of the gold has 'and' or 'or', 'Kia and Hyundai vehicles' is
  'kia hyundai vehicle'), which is how NewsQuant normalises counted nouns
  ('workers' -> 'worker', 'European countries' -> 'european country'), joined as written, so a
  hyphenated compound stays one word and is not lemmatised inside ('first-team players' ->
  'first-team player', 'coal-fired' not 'coal - fire'); a rate ('US dollars per barrel') -> both
  parts mapped ('dollar per barrel'); nothing counted -> '-'. (Proper-noun plurals are left to
  the lemmatiser: the gold has 'americans' and '% germans' but also 'american'.)
* qualifier ``exact`` -> '=', ``approximate`` and ``vague`` -> '~', ``at_least`` and
  ``more_than`` -> '>', ``less_than`` -> '<', ``range`` -> '=' (NewsQuant writes ranges as a
  value 'low-high' with change '='); a figure's ``direction`` (up/down: 'rose 4%') is used as the
  change when set, except for a lower bound: on the pairs matched on value, a ``more_than``
  figure with a direction ('climbed more than 3%') has '>' in the gold 2 times out of 2, while
  ``approximate`` with a direction is '~' 3 times and the direction 3 times, and ``less_than`` or
  ``range`` with a direction are split too, so those keep the direction. A ``less_than`` figure
  written 'nearly' or 'barely' -> '~': the gold has '~' for 4 of them and '<' for none ('almost'
  is left at '<': '=' twice in the gold, '~' never). A change stated by a noun after the figure ('a 3 percent
  drop', 'a 5% pay rise', 'a 75 percent increase') -> '=': NewsQuant gives 'up' or 'down' only to changes a verb or
  an adverb states ('rose 3%', 'was up 3%'), and '=' to all 8 of ours stated by a noun; the extractor keeps their
  direction, as the contract's figures.direction documents. A range whose surface starts with an approximator ('about
  2000 - 2500 calories', '~25 – 40min'; the qualifier of the record is ``range``) -> '~', as the gold writes 3 of
  the 4 such ranges of ours.  Torque 'Nm' (newton metre) is told from 'nm' (nanometre) by case; 'bhp' is brake
  horsepower.

Run: ``python -m orchestration.evaluation.newsquant [--limit N] [--errors]``.
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from orchestration.extract.figures import CHANGE_NOUNS_DOWN, CHANGE_NOUNS_UP, COORDINATORS, QUALIFIER_PHRASES

DEFAULT_PATH = Path(__file__).resolve().parents[2].parent / "shared/eval/public/newsquant"

UNIT_NAMES = {
    "km2": "square kilometre", "km": "kilometre", "mi2": "square mile", "mi": "mile", "m": "metre",
    "percent": "percentage", "years": "year", "months": "month", "weeks": "week", "days": "day",
    "hours": "hour", "minutes": "minute", "seconds": "second",
    "mph": "mile per hour", "km/h": "kilometre per hour", "knots": "knot", "kg": "kilogram", "g": "gram",
    "t": "metric ton", "lb": "pound-mass", "l": "litre", "gal": "gallon", "pt": "pint", "qt": "quart",
    "barrels": "barrel", "ft": "foot",
    "in": "inch", "yd": "yard", "cm": "centimetre", "mm": "millimetre", "ha": "hectare", "acres": "acre",
    "hp": "horsepower", "gb": "gigabyte", "tb": "terabyte", "mb": "megabyte", "mw": "megawatt",
    "gw": "gigawatt", "kw": "kilowatt", "kwh": "kilowatt hour", "rpm": "revolutions per minute",
    "degrees": "degree", "hz": "hertz", "khz": "kilohertz", "mhz": "megahertz", "ghz": "gigahertz",
    "w": "watt", "mwh": "megawatt hour", "gwh": "gigawatt hour", "mah": "milliampere-hour", "v": "volt",
    "kv": "kilovolt", "mg": "milligram", "ml": "millilitre", "μm": "micrometre", "nm": "nanometre",
    "m2": "square metre", "ft2": "square foot", "mpg": "mile per gallon", "ppm": "part per million",
    "ppb": "parts-per-billion", "psi": "pound per square inch", "ksi": "kilopound per square inch",
    "mpa": "megapascal", "gpa": "gigapascal", "gt": "gigaton", "lb-ft": "pound-foot",
    "mbps": "megabit per second", "gbps": "gigabit per second", "basis points": "basis point",
    "bhp": "brake horsepower", "Nm": "newton metre",
}
AGE_UNITS = frozenset({"years", "months", "weeks", "days"})
CURRENCY_NAMES = {
    "us dollars": "dollar", "dollars": "dollar", "dollar": "dollar", "euros": "euro", "euro": "euro",
    "pounds": "pound sterling", "pound": "pound sterling", "yuan": "chinese yuan",
    "hryvnias": "ukrainian hryvnia", "hryvnia": "ukrainian hryvnia", "roubles": "russian ruble",
    "rubles": "russian ruble", "yen": "japanese yen", "australian dollars": "australian dollar",
    "canadian dollars": "canadian dollar", "hong kong dollars": "hong kong dollar",
    "new zealand dollars": "new zealand dollar", "singapore dollars": "singapore dollar",
    "ringgit": "malaysian ringgit", "rupees": "indian rupee", "swiss francs": "swiss franc",
    "cents": "cent", "cent": "cent", "pence": "point", "p": "point", "p.": "point", "sen": "sen",
    "shekels": "shekel", "shekel": "shekel",
    # '<nationality> <currency>' in the singular, as NewsQuant names the Danish krone and the Croatian kuna
    "danish crowns": "danish krone", "danish kroner": "danish krone", "danish krone": "danish krone",
    "swedish crowns": "swedish krona", "swedish kronor": "swedish krona", "swedish krona": "swedish krona",
    "norwegian crowns": "norwegian krone", "norwegian kroner": "norwegian krone", "norwegian krone": "norwegian krone",
    "czech crowns": "czech koruna", "czech korunas": "czech koruna", "czech koruna": "czech koruna",
    "polish zlotys": "polish zloty", "polish zloty": "polish zloty", "zlotys": "polish zloty", "zloty": "polish zloty",
    "hungarian forints": "hungarian forint", "forints": "hungarian forint", "forint": "hungarian forint",
    "croatian kuna": "croatian kuna", "kuna": "croatian kuna", "kunas": "croatian kuna",
    "south african rand": "south african rand", "rand": "south african rand", "georgian lari": "georgian lari",
    "lari": "georgian lari", "kazakh tenge": "kazakhstani tenge", "tenge": "kazakhstani tenge",
    "moldovan lei": "moldovan leu", "romanian lei": "romanian leu", "belarusian roubles": "belarusian ruble",
    "belarusian rubles": "belarusian ruble",
}
CHANGES = {"exact": "=", "approximate": "~", "vague": "~", "at_least": ">", "more_than": ">",
           "less_than": "<", "range": "="}
NEAR_MISSES = ("nearly ", "barely ")
# the words the extractor reads as approximate ('about', 'an estimated', '~'), as a surface starts with them
APPROXIMATE_RANGES = tuple(" ".join(words) for words, qualifier in QUALIFIER_PHRASES if qualifier == "approximate")
LOWER_BOUNDS = frozenset({"more_than", "at_least"})
PRONOUNS = frozenset({"whom", "them", "which", "those", "these", "us", "it", "they", "we", "you"})
OUTCOME_WORDS = frozenset({"killed", "wounded", "injured", "dead", "missing", "captured", "hurt", "destroyed",
                           "displaced", "detained", "arrested", "hospitalized", "hospitalised", "shot", "down"})


@dataclass(frozen=True)
class Quantity:
    """One quantity in NewsQuant's terms: value (a float or a (low, high) pair), unit, change."""

    value: float | tuple[float, float]
    unit: str
    change: str
    surface: str = ""  # our surface, for error analysis; empty for gold


def parse_value(text: str) -> float | tuple[float, float]:
    """NewsQuant writes ranges as 'low-high' and negative numbers with a leading '-'
    (same rule as ``decode_dictionary`` in the CQE evaluation)."""
    text = text.strip()
    if "E" not in text and not text.startswith("-") and "-" in text:
        low, high = text.split("-")[:2]
        return float(low), float(high)
    return float(text)


def read_sentences(path: Path | None = None, limit: int | None = None) -> list[tuple[str, list[Quantity]]]:
    data = json.loads((Path(path or DEFAULT_PATH) / "NewsQuant.json").read_text(encoding="utf-8"))
    return [(item["text"], [Quantity(parse_value(q["value"]), q["normalized_unit"].lower(), q["change"])
                            for q in item["quantities"]])
            for item in data[:limit]]


def read_published(path: Path | None = None) -> list[dict]:
    file = Path(path or DEFAULT_PATH) / "NewsQuant.csv"
    if not file.exists():
        return []
    with file.open(encoding="utf-8") as handle:
        return [{"system": row["model"], "measure": row["type"], "precision": float(row["P"]) / 100,
                 "recall": float(row["R"]) / 100, "f1": float(row["F1"]) / 100}
                for row in csv.DictReader(handle, delimiter="\t")]


def normalized_unit(unit: str, counts: str | None, surface: str, lemmatize=None) -> str:
    """Our (unit, counts) in NewsQuant's ``normalized_unit`` vocabulary (see the module docstring)."""
    if unit in AGE_UNITS and (surface.lower().rstrip().endswith("old") or (counts or "").lower() == "age"):
        return f"{UNIT_NAMES[unit]} of age"  # 'a 6-month-old baby' -> 'month of age', as 'year of age'
    if unit == "fraction":  # 'a third of the voters' -> '% voter'; 'half of them' -> '% -'
        thing = (counts or "").lower().strip()
        return "% " + ("-" if not thing or thing in PRONOUNS else _counted(thing, lemmatize))
    if unit != "count":
        return UNIT_NAMES.get(unit) or UNIT_NAMES.get(unit.lower(), unit)  # 'Nm' newton metre, 'nm' nanometre
    if not counts:
        return "-"
    lowered = counts.lower().strip()
    head, _, per = lowered.partition(" per ")
    if head == "times" or "times" in surface.lower().split():  # a multiplier: '3 times', '2.5 times the cost'
        return "count" + (f" per {lemmatize(per) if lemmatize else per}" if per else "")
    if per:  # a rate: '$58 a barrel' counts 'US dollars per barrel' -> 'dollar per barrel'
        return f"{_counted(head, lemmatize)} per {lemmatize(per) if lemmatize else per}"
    return _counted(lowered, lemmatize)


def _counted(lowered: str, lemmatize) -> str:
    if lowered in CURRENCY_NAMES:
        return CURRENCY_NAMES[lowered]
    words = [word for word in lowered.split() if word not in COORDINATORS]
    while len(words) > 1 and words[-1] in OUTCOME_WORDS:
        words.pop()
    phrase = " ".join(words) or "-"
    return lemmatize(phrase) if lemmatize else phrase


def to_quantity(figure, lemmatize=None, change_noun: bool = False) -> Quantity:
    value = (figure.value, figure.value_high) if figure.value_high is not None else figure.value
    direction = None if change_noun else getattr(figure, "direction", None)
    if figure.qualifier in LOWER_BOUNDS:
        direction = None  # 'climbed more than 3%': NewsQuant keeps the bound ('>'), see the module docstring
    change = CHANGES.get(figure.qualifier, "=")
    if figure.qualifier == "less_than" and figure.surface.lower().startswith(NEAR_MISSES):
        change = "~"  # 'nearly 500': NewsQuant reads it as approximate, see the module docstring
    if figure.qualifier == "range" and figure.surface.lower().startswith(APPROXIMATE_RANGES):
        change = "~"  # 'about 2000 - 2500 calories', '~25-40min': an approximate range
    return Quantity(value, normalized_unit(figure.unit, figure.counts, figure.surface, lemmatize).lower(),
                    direction or change, figure.surface)


def states_change_with_a_noun(doc, figure) -> bool:
    """Whether a figure's direction comes from a change noun after it ('a 3 percent drop', 'a 5% pay rise');
    NewsQuant writes '=' for those (see the module docstring)."""
    span = doc.char_span(figure.char_start, figure.char_end, alignment_mode="expand")
    if not figure.direction or span is None:
        return False
    token = span[-1]
    while token.head.i != token.i and span.start <= token.head.i < span.end:
        token = token.head  # out of the figure itself ('3 percent')
    head = token.head
    return head.i >= span.end and head.pos_ == "NOUN" and head.lemma_.lower() in CHANGE_NOUNS_UP | CHANGE_NOUNS_DOWN


def values_match(gold, predicted) -> bool:
    if isinstance(gold, tuple) != isinstance(predicted, tuple):
        return False
    if isinstance(gold, tuple):
        return _close(gold[0], predicted[0]) and _close(gold[1], predicted[1])
    return _close(gold, predicted)


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-5, abs_tol=1e-8)  # numpy.isclose defaults, symmetric


def cqe_counts(gold: list[Quantity], predicted: list[Quantity]) -> dict[str, int]:
    """Correct counts for one sentence by the CQE evaluation's protocol (module docstring)."""
    tags = sorted(predicted, key=lambda q: q.unit)
    remaining_values = len(gold)
    correct = Counter()
    for g in sorted(gold, key=lambda q: q.unit):
        for p in list(tags):
            if not values_match(g.value, p.value):
                continue
            if remaining_values > 0:
                correct["value"] += 1
                remaining_values -= 1
            if p.change == g.change:
                correct["value_change"] += 1
            if p.unit == g.unit:
                correct["value_unit"] += 1
                tags.remove(p)
                break
    return {key: correct[key] for key in ("value", "value_unit", "value_change")}


def one_to_one(gold: list[Quantity], predicted: list[Quantity], same) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (gold index, predicted index) for which ``same(g, p)`` holds."""
    used: set[int] = set()
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            if j not in used and same(g, p):
                used.add(j)
                pairs.append((i, j))
                break
    return pairs


STRICT = {
    "value": lambda g, p: values_match(g.value, p.value),
    "value_unit": lambda g, p: values_match(g.value, p.value) and g.unit == p.unit,
    "value_change": lambda g, p: values_match(g.value, p.value) and g.change == p.change,
}


def strict_counts(gold: list[Quantity], predicted: list[Quantity]) -> dict[str, int]:
    return {name: len(one_to_one(gold, predicted, same)) for name, same in STRICT.items()}


def prf(correct: int, n_predicted: int, n_gold: int) -> dict:
    precision = correct / n_predicted if n_predicted else 0.0
    recall = correct / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "correct": correct, "predicted": n_predicted, "gold": n_gold}


PHYSICAL_UNIT_PARTS = ("metre", "mile", "inch", "foot", "yard", "gram", "ton", "litre", "liter", "watt", "hertz",
                       "byte", "horsepower", "degree", "celsius", "fahrenheit", "second", "pound-", "parts-per",
                       "revolutions", "bit", "volt", "ampere", "gallon", "barrel", "decibel", "acre", "hectare",
                       "calorie", "joule", "knot", "pascal", "ounce", "pint", "quart", "newton")
TIME_NAMES = frozenset({"year", "month", "week", "day", "hour", "minute", "second"})


def _unit_class(unit: str) -> str:
    """A coarse class of a normalised unit, to group failures."""
    if unit in set(CURRENCY_NAMES.values()) | {"cent", "sen", "shekel", "malaysian ringgit"} or "dollar" in unit \
            and " per " not in unit:
        return "currency"
    if unit == "percentage":
        return "percentage"
    if unit in ("-", "count"):
        return "dimensionless"
    if unit == "year of age":
        return "age"
    if unit in TIME_NAMES:
        return "duration"
    if " per " in unit:
        return "rate (x per y)"
    if unit in set(UNIT_NAMES.values()):
        return "length or area"
    if unit == "point":
        return "points"
    if any(part in unit for part in PHYSICAL_UNIT_PARTS) or unit in ("kilowatt", "gigawatt"):
        return "other physical unit"
    return "counted noun"


def failures(gold: list[Quantity], predicted: list[Quantity]) -> list[tuple[str, str]]:
    """(failure type, the prediction's surface or '') for one sentence, strict matching."""
    found = []
    value_pairs = one_to_one(gold, predicted, STRICT["value"])
    matched_gold = {i for i, _ in value_pairs}
    matched_pred = {j for _, j in value_pairs}
    for i, j in value_pairs:
        g, p = gold[i], predicted[j]
        if g.unit != p.unit:
            found.append((f"unit: gold {_unit_class(g.unit)}, ours {_unit_class(p.unit)}", p.surface))
        if g.change != p.change:
            found.append((f"change: gold '{g.change}', ours '{p.change}'", p.surface))
    unmatched_pred = [j for j in range(len(predicted)) if j not in matched_pred]
    for i, g in enumerate(gold):
        if i in matched_gold:
            continue
        near = next((j for j in unmatched_pred if _near_value(g.value, predicted[j].value)), None)
        if near is not None:
            unmatched_pred.remove(near)
            found.append((_value_error(g.value, predicted[near].value), predicted[near].surface))
        else:
            kind = "range" if isinstance(g.value, tuple) else "negative" if g.value < 0 else _unit_class(g.unit)
            found.append((f"missed: gold {kind}", ""))
    for j in unmatched_pred:
        found.append((f"spurious: ours {_unit_class(predicted[j].unit)}", predicted[j].surface))
    return found


def _ends(value) -> tuple[float, float]:
    return value if isinstance(value, tuple) else (value, value)


def _near_value(gold, predicted) -> bool:
    """The same quantity read wrongly: a shared range end, or the same digits at another scale."""
    g, p = _ends(gold), _ends(predicted)
    if any(_close(a, b) for a in g for b in p):
        return True
    if g[0] and p[0]:
        ratio = abs(p[0] / g[0])
        return any(_close(ratio, s) or _close(ratio, 1 / s) for s in (100.0, 1e3, 1e6, 1e9, 1e12, -1.0))
    return False


def _value_error(gold, predicted) -> str:
    if isinstance(gold, tuple) and not isinstance(predicted, tuple):
        return "value: gold range, ours a single number"
    if isinstance(predicted, tuple) and not isinstance(gold, tuple):
        return "value: gold a single number, ours a range"
    if isinstance(gold, tuple):
        return "value: range ends differ"
    if gold < 0:
        return "value: gold negative (a fall), ours positive"
    return "value: wrong scale (thousand/million/billion or percent)"


def evaluate(nlp=None, path=None, limit=None, keep_examples: bool = False) -> dict:
    from orchestration.extract.figures import extract_figures
    from orchestration.extract.nlp import load_nlp

    nlp = nlp or load_nlp()
    started = time.perf_counter()
    sentences = read_sentences(path, limit)
    lemma_nlp = _Lemmatizer(nlp)
    cqe, strict = Counter(), Counter()
    n_gold = n_predicted = 0
    failure_counts: Counter = Counter()
    examples: dict[str, list[str]] = {}
    for doc, (_, gold) in zip(nlp.pipe(text for text, _ in sentences), sentences):
        predicted = [to_quantity(f, lemma_nlp, states_change_with_a_noun(doc, f))
                     for f in extract_figures(doc, places=())]
        n_gold += len(gold)
        n_predicted += len(predicted)
        cqe.update(cqe_counts(gold, predicted))
        strict.update(strict_counts(gold, predicted))
        for kind, surface in failures(gold, predicted):
            failure_counts[kind] += 1
            if keep_examples and surface and len(examples.setdefault(kind, [])) < 5:
                examples[kind].append(surface)
    result = {
        "sentences": len(sentences),
        "value": prf(cqe["value"], n_predicted, n_gold),
        "value_unit": prf(cqe["value_unit"], n_predicted, n_gold),
        "value_change": prf(cqe["value_change"], n_predicted, n_gold),
        "strict": {name: prf(strict[name], n_predicted, n_gold) for name in STRICT},
        "failures": dict(failure_counts.most_common()),
        "published": read_published(path),
        "protocol": "CQE evaluate_models.py (lenient, as published); 'strict' is one-to-one",
        "seconds": round(time.perf_counter() - started, 1),
    }
    if keep_examples:
        result["examples"] = examples  # dataset text: printed for the developer, never written to reports/
    return result


class _Lemmatizer:
    """Lemmas of a counted phrase ('best wireless speakers' -> 'good wireless speaker'), cached; uses the
    loaded pipeline's own lemmatizer, as NewsQuant's normalised units are lemmatised the same way."""

    def __init__(self, nlp) -> None:
        self.nlp = nlp
        self.cache: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        if word not in self.cache:
            tokens = list(self.nlp(f"the {word}"))[1:]
            while len(tokens) > 1 and tokens[-1].tag_ in ("VBN", "VBD"):
                tokens.pop()  # 'estimates compiled': the outcome participle is not part of the unit
            while len(tokens) > 1 and (tokens[0].tag_ == "VBN" or tokens[0].tag_ == "RB" and tokens[1].tag_ == "VBN") \
                    and tokens[0].whitespace_:
                tokens.pop(0)  # 'recorded songs' -> 'song', 'decently sized coal-fired plants': nor is one before it
            self.cache[word] = "".join(_lemma(t, tokens) + t.whitespace_ for t in tokens).strip() or word
        return self.cache[word]


def _lemma(token, tokens) -> str:
    """A token's lemma, or its text inside a hyphenated compound ('first-team', 'coal-fired'): the compound is one
    word, and its parts are not inflected words of their own ('fired' is not the verb 'fire')."""
    position = token.i - tokens[0].i
    glued_before = position > 0 and not tokens[position - 1].whitespace_ and (
        token.text == "-" or tokens[position - 1].text == "-")
    glued_after = position + 1 < len(tokens) and not token.whitespace_ and (
        token.text == "-" or tokens[position + 1].text == "-")
    return token.lower_ if glued_before or glued_after else token.lemma_.lower()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="score only the first N sentences")
    parser.add_argument("--path", type=Path, default=None, help="folder holding NewsQuant.json")
    parser.add_argument("--errors", action="store_true", help="print failure types with example surfaces")
    args = parser.parse_args()
    result = evaluate(path=args.path, limit=args.limit, keep_examples=args.errors)
    print(f"NewsQuant: {result['sentences']} sentences, {result['seconds']} s")
    print(f"{'measure':22} {'precision':>9} {'recall':>7} {'f1':>6}")
    for name in ("value", "value_unit", "value_change"):
        for label, r in ((name, result[name]), (f"{name} (strict)", result["strict"][name])):
            print(f"{label:22} {r['precision']:9.3f} {r['recall']:7.3f} {r['f1']:6.3f}")
    print("published:")
    for row in result["published"]:
        print(f"  {row['system']:14} {row['measure']:24} P={row['precision']:.3f} R={row['recall']:.3f} F1={row['f1']:.3f}")
    print("failures:")
    for kind, count in result["failures"].items():
        shown = "; ".join(result.get("examples", {}).get(kind, []))
        print(f"  {count:4}  {kind}" + (f"   e.g. {shown}" if shown else ""))


if __name__ == "__main__":
    main()
