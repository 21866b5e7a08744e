"""Figures: number expressions that quantify something, with qualifier, unit and counted thing.

'some 1,000 km2', 'at least 23 civilians killed', '1 to 2 kilometers', 'dozens of drones',
'several thousand residents', 'half of them'. Dates, clock times, ordinals and model numbers
('Su-34', 'S-300') are not figures.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from orchestration.extract.numbers import (
    FRACTION_WORDS,
    SCALE_WORDS,
    VAGUE_PLURALS,
    digit_value,
    is_number_word,
    words_value,
)
from orchestration.extract.records import Figure, PlaceMention, Span

# Words before a number, longest first, and the qualifier each sets.
QUALIFIER_PHRASES: list[tuple[tuple[str, ...], str]] = sorted([
    (("at", "least"), "at_least"), (("no", "fewer", "than"), "at_least"), (("no", "less", "than"), "at_least"),
    (("a", "minimum", "of"), "at_least"),
    (("more", "than"), "more_than"), (("over",), "more_than"), (("upwards", "of"), "more_than"),
    (("in", "excess", "of"), "more_than"), (("just", "over"), "more_than"), (("above",), "more_than"),
    (("just", "more", "than"), "more_than"), (("well", "over"), "more_than"), (("exceeding",), "more_than"),
    (("less", "than"), "less_than"), (("fewer", "than"), "less_than"), (("under",), "less_than"),
    (("up", "to"), "less_than"), (("nearly",), "less_than"), (("almost",), "less_than"),
    (("just", "under"), "less_than"), (("below",), "less_than"), (("within",), "less_than"),
    (("at", "most"), "less_than"), (("no", "more", "than"), "less_than"), (("barely",), "less_than"),
    (("about",), "approximate"), (("around",), "approximate"), (("some",), "approximate"),
    (("approximately",), "approximate"), (("roughly",), "approximate"), (("an", "estimated"), "approximate"),
    (("estimated",), "approximate"), (("close", "to"), "approximate"), (("almost", "exactly"), "approximate"),
    (("circa",), "approximate"), (("approx",), "approximate"), (("some", "estimated"), "approximate"),
], key=lambda pair: -len(pair[0]))

MEASURE_UNITS: list[tuple[tuple[str, ...], str]] = sorted([
    (("square", "kilometers"), "km2"), (("square", "kilometres"), "km2"), (("square", "kilometer"), "km2"),
    (("square", "kilometre"), "km2"), (("sq", "km"), "km2"), (("km2",), "km2"), (("km²",), "km2"),
    (("sq.", "km"), "km2"), (("square", "km"), "km2"), (("sqkm",), "km2"),
    (("square", "miles"), "mi2"), (("square", "mile"), "mi2"), (("sq", "mi"), "mi2"), (("sq", "miles"), "mi2"),
    (("kilometers",), "km"), (("kilometres",), "km"), (("kilometer",), "km"), (("kilometre",), "km"),
    (("km",), "km"), (("kms",), "km"), (("miles",), "mi"), (("mile",), "mi"), (("mi",), "mi"),
    (("meters",), "m"), (("metres",), "m"), (("meter",), "m"), (("metre",), "m"), (("m",), "m"),
    (("percent",), "percent"), (("per", "cent"), "percent"), (("%",), "percent"), (("pct",), "percent"),
    (("percentage", "points"), "percent"),
    (("years",), "years"), (("year",), "years"), (("months",), "months"), (("month",), "months"),
    (("weeks",), "weeks"), (("week",), "weeks"), (("days",), "days"), (("day",), "days"),
    (("hours",), "hours"), (("hour",), "hours"), (("minutes",), "minutes"), (("minute",), "minutes"),
    (("seconds",), "seconds"), (("second",), "seconds"),
    (("mph",), "mph"), (("km/h",), "km/h"), (("kph",), "km/h"), (("kilometres", "per", "hour"), "km/h"),
    (("kilometers", "per", "hour"), "km/h"), (("miles", "per", "hour"), "mph"), (("knots",), "knots"),
    (("kg",), "kg"), (("kilograms",), "kg"), (("kilogrammes",), "kg"), (("kilogram",), "kg"), (("grams",), "g"),
    (("tonnes",), "t"), (("tons",), "t"), (("tonne",), "t"), (("ton",), "t"), (("pounds", "of"), "lb"), (("lbs",), "lb"),
    (("litres",), "l"), (("liters",), "l"), (("litre",), "l"), (("liter",), "l"), (("gallons",), "gal"),
    (("barrels",), "barrels"), (("feet",), "ft"), (("foot",), "ft"), (("ft",), "ft"), (("inches",), "in"),
    (("inch",), "in"), (("yards",), "yd"), (("yard",), "yd"), (("cm",), "cm"), (("centimetres",), "cm"), (("centimeters",), "cm"), (("mm",), "mm"),
    (("millimetres",), "mm"), (("millimeters",), "mm"), (("hectares",), "ha"), (("acres",), "acres"),
    (("hp",), "hp"), (("horsepower",), "hp"), (("gb",), "GB"), (("tb",), "TB"), (("mb",), "MB"),
    (("mw",), "MW"), (("megawatts",), "MW"), (("gw",), "GW"), (("gigawatts",), "GW"), (("kw",), "kW"),
    (("kilowatts",), "kW"), (("kwh",), "kWh"), (("rpm",), "rpm"), (("degrees",), "degrees"), (("°c",), "degrees"),
    (("°",), "degrees"),
], key=lambda pair: -len(pair[0]))
TIME_UNITS = frozenset({"years", "months", "weeks", "days", "hours", "minutes"})
CURRENCY_SYMBOLS = {"$": "US dollars", "€": "euros", "£": "pounds", "₴": "hryvnias", "₽": "roubles",
                    "us$": "US dollars", "a$": "Australian dollars", "c$": "Canadian dollars", "hk$": "Hong Kong dollars",
                    "nz$": "New Zealand dollars", "s$": "Singapore dollars", "rm": "ringgit", "rs": "rupees",
                    "rs.": "rupees", "¥": "yen", "₹": "rupees", "chf": "Swiss francs"}
_GLUED_CURRENCY = re.compile(r"^(US\$|A\$|C\$|HK\$|NZ\$|S\$|RM|Rs\.?|\$|€|£|¥|₹)(\d[\d,]*(?:\.\d+)?)(k|m|bn|mln)?$")
CURRENCY_WORDS = frozenset({"dollars", "euros", "pounds", "hryvnias", "hryvnia", "roubles", "rubles", "yuan"})

CASUALTY_WORDS = frozenset({"dead", "killed", "wounded", "injured", "missing", "captured", "hurt",
                            "hospitalized", "hospitalised", "displaced", "detained", "arrested"})
MONTHS = frozenset("""january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec""".split())
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
VAGUE_MULTIPLIERS = {"several": 3, "a few": 2, "few": 2, "a couple of": 2, "a couple": 2}
PARTITIVE_PRONOUNS = frozenset({"whom", "them", "which", "those", "these", "us", "it"})
_RANGE_TOKEN = re.compile(r"^(\d+(?:[.,]\d+)*)[-–](\d+(?:[.,]\d+)*)$")
_SCALE_OR_DOZEN = frozenset(SCALE_WORDS) | {"dozen"}
_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$", re.IGNORECASE)


@dataclass(slots=True)
class _Number:
    start: int  # token index of the first token of the number itself
    end: int  # one past the last token
    value: float
    value_high: float | None = None
    qualifier: str = "exact"


def extract_figures(doc: Doc, places: Sequence[PlaceMention] = ()) -> Iterator[Figure]:
    i, emitted_until = 0, 0
    while i < len(doc):
        number = _read_number(doc, i)
        if number is None or _is_excluded(doc, number):
            i = i + 1 if number is None else max(number.end, i + 1)
            continue
        figure = _figure(doc, number, places)
        if figure is not None and figure.char_start >= emitted_until:
            emitted_until = figure.char_end
            yield figure
        i = max(number.end, i + 1)


def _is_numeric(token: Token) -> bool:
    text = token.lower_
    return digit_value(text) is not None or is_number_word(text) and text not in ("k", "m", "bn", "mln")


def _read_number(doc: Doc, i: int) -> _Number | None:
    token = doc[i]
    lower = token.lower_
    if _RANGE_TOKEN.match(token.text):
        low, high = _RANGE_TOKEN.match(token.text).groups()
        low_value, high_value = digit_value(low), digit_value(high)
        if low_value is not None and high_value is not None and low_value < high_value:
            return _Number(i, i + 1, low_value, high_value, "range")
    glued = _GLUED_CURRENCY.match(token.text)
    if glued and glued.group(1) not in ("$",) or glued and glued.group(3):
        value = digit_value(glued.group(2))
        if value is not None:
            end = i + 1
            if glued.group(3):
                value *= SCALE_WORDS[glued.group(3).lower()]
            elif end < len(doc) and doc[end].lower_ in ("million", "billion", "trillion", "thousand"):
                value *= SCALE_WORDS[doc[end].lower_]
                end += 1
            return _Number(i, end, value)
    vague = _read_vague(doc, i)
    if vague is not None:
        return vague
    if lower in FRACTION_WORDS and lower in ("half", "third", "quarter"):
        before = doc[i - 1].lower_ if i else ""
        if i + 1 < len(doc) and doc[i + 1].lower_ == "of":
            start = i - 1 if before in ("a", "one") else i
            return _Number(start, i + 1, FRACTION_WORDS[lower], None, "exact")
        return None
    if (lower in ("one", "two", "three") or digit_value(lower) is not None) and i + 1 < len(doc) \
            and doc[i + 1].lower_ in ("third", "thirds", "quarter", "quarters") and doc[i + 1].pos_ != "ADJ":
        count = digit_value(lower) if digit_value(lower) is not None else float(words_value([lower]) or 1)
        return _Number(i, i + 2, count * FRACTION_WORDS[doc[i + 1].lower_])  # 'two thirds', 'one quarter'
    if lower in ("a", "an", "one") and i + 1 < len(doc):
        unit = _unit_at(doc, i + 1)
        if unit and unit[1] in TIME_UNITS and doc[i + 1].lower_ in ("year", "month", "week", "day", "hour", "minute"):
            before = doc[i - 1].lower_ if i else ""
            if before not in ("once", "twice", "times", "per", "every", "each", "day", "of", "such", "what") \
                    and not (i and (_is_numeric(doc[i - 1]) or _unit_at(doc, i - 1))):
                return _Number(i, i + 1, 1.0)
    a_scale = lower in ("a", "an") and i + 1 < len(doc) and doc[i + 1].lower_ in (
        "hundred", "thousand", "million", "billion", "dozen")
    if not a_scale and not _is_numeric(token):
        return None
    j = i
    words: list[str] = []
    while j < len(doc):
        word = doc[j].lower_
        if _is_numeric(doc[j]) or word in SCALE_WORDS and words or word == "dozen" \
                or word in ("a", "an") and not words and j + 1 < len(doc) and doc[j + 1].lower_ in _SCALE_OR_DOZEN:
            if digit_value(word) is not None and words and digit_value(words[-1]) is not None:
                break  # two separate digit groups
            words.append(word)
            j += 1
        elif word == "and" and words and j + 1 < len(doc) and (
                doc[j + 1].lower_ in ("a", "one") and j + 2 < len(doc) and doc[j + 2].lower_ in FRACTION_WORDS
                or words[-1] in ("hundred", "thousand") and is_number_word(doc[j + 1].lower_)):
            if doc[j + 1].lower_ in ("a", "one") and doc[j + 2].lower_ in FRACTION_WORDS:
                words.extend([word, doc[j + 1].lower_, doc[j + 2].lower_])
                j += 3
                break
            words.append(word)
            j += 1
        else:
            break
    value = words_value(words) if words else None
    if value is None:
        return None
    number = _Number(i, j, value)
    return _read_range(doc, number)


def _read_vague(doc: Doc, i: int) -> _Number | None:
    lower = doc[i].lower_
    if lower in VAGUE_PLURALS:
        # 'tens of thousands', 'hundreds of thousands', 'dozens of', 'thousands of', 'Thousands' alone.
        if i + 2 < len(doc) and doc[i + 1].lower_ == "of" and doc[i + 2].lower_ in VAGUE_PLURALS:
            outer = {"tens": 20, "dozens": 24, "scores": 40, "hundreds": 200}.get(lower, 2)
            value = outer * (VAGUE_PLURALS[doc[i + 2].lower_] / 2)
            return _Number(i, i + 3, float(value), None, "vague")
        if lower == "tens" and not (i + 1 < len(doc) and doc[i + 1].lower_ == "of"):
            return None
        if doc[i].tag_ not in ("NNS", "NNPS", "CD") and lower not in ("dozens", "hundreds", "thousands"):
            return None
        return _Number(i, i + 1, float(VAGUE_PLURALS[lower]), None, "vague")
    for phrase, multiplier in VAGUE_MULTIPLIERS.items():
        words = phrase.split()
        if [t.lower_ for t in doc[i:i + len(words)]] != words:
            continue
        after = i + len(words)
        if after < len(doc) and doc[after].lower_ in ("hundred", "thousand", "million", "billion", "dozen"):
            scale = 12 if doc[after].lower_ == "dozen" else SCALE_WORDS[doc[after].lower_]
            return _Number(i, after + 1, float(multiplier * scale), None, "vague")
        if after < len(doc) and doc[after].pos_ == "NOUN" and doc[after].tag_ == "NNS" and phrase != "few":
            return _Number(i, after, float(multiplier), None, "vague")
        return None
    return None


def _read_range(doc: Doc, number: _Number) -> _Number:
    """'1 to 2', '5-10', 'between 5 and 10', '5% to 7%', '$5 to $10' (the unit may repeat)."""
    j = number.end
    repeated_unit = _unit_at(doc, j)
    if repeated_unit and repeated_unit[0] < len(doc) and doc[repeated_unit[0]].lower_ in ("to", "-", "–"):
        j = repeated_unit[0]
    if j + 1 < len(doc) and doc[j].lower_ in ("to", "-", "–", "or", "and"):
        if doc[j].lower_ == "and" and not (number.start and doc[number.start - 1].lower_ == "between"):
            return number
        k = j + 1
        if doc[k].lower_ in CURRENCY_SYMBOLS and k + 1 < len(doc):
            k += 1
        if not _is_numeric(doc[k]):
            return number
        high = _read_number(doc, k)
        if high is not None and high.value_high is None and high.value != number.value:
            scale = _trailing_scale(doc, high)
            low_value = number.value * scale if scale and number.value < scale and number.value < high.value / scale else number.value
            if doc[j].lower_ == "or" and not (low_value < high.value):
                return number
            low, top = sorted((low_value, high.value))
            return _Number(number.start, high.end, low, top, "range")
    return number


def _trailing_scale(doc: Doc, number: _Number) -> float | None:
    last = doc[number.end - 1].lower_
    return float(SCALE_WORDS[last]) if last in ("thousand", "million", "billion") else None


def _is_excluded(doc: Doc, number: _Number) -> bool:
    first, last = doc[number.start], doc[number.end - 1]
    if _ORDINAL.match(first.text):
        return True
    # Model and unit designations: 'Su-34', 'S-300', 'F-16s', 'Kh-101'.
    if number.start >= 2 and doc[number.start - 1].text in ("-", "–") \
            and doc[number.start - 2].is_alpha and doc[number.start - 1].idx == doc[number.start - 2].idx + len(doc[number.start - 2]):
        return True
    if any(ch.isalpha() for ch in first.text) and any(ch.isdigit() for ch in first.text) \
            and not re.match(r"^\d+(\.\d+)?(k|m|bn|mln|km|%)$", first.text, re.IGNORECASE) \
            and not _GLUED_CURRENCY.match(first.text):
        return True
    if number.end < len(doc) and doc[number.end].text in ("-", "–") and number.end + 1 < len(doc) \
            and doc[number.end + 1].is_alpha and doc[number.end + 1].lower_ not in (
                "kilometre", "kilometer", "km", "mile", "metre", "meter", "year", "month", "week", "day", "hour",
                "minute", "strong", "square"):
        if not doc[number.end + 1].lower_.endswith(("year", "day", "hour")):
            return True  # '1-ranked'; hyphen compounds that are not measures
    window = doc[max(0, number.start - 2): min(len(doc), number.end + 2)]
    words = {t.lower_.rstrip(".") for t in window}
    if words & MONTHS and (first.like_num and digit_value(first.text) is not None and digit_value(first.text) <= 31
                           or _looks_like_year(first)):
        return True
    if words & WEEKDAYS and first.like_num:
        return True
    if _looks_like_year(first) and number.end == number.start + 1:
        unit = _unit_at(doc, number.end)
        noun = _counted_noun(doc, number)
        if not unit and (noun is None or noun.tag_ in ("NN", "NNP")):
            return True  # 'in 2014', 'a 1988 film': a year, not a count
    if number.end < len(doc) and doc[number.end].text in (":", ".") and number.end + 1 < len(doc) \
            and doc[number.end + 1].is_digit and doc[number.end].whitespace_ == "":
        return True  # clock time '10:30'
    if number.end < len(doc) and doc[number.end].lower_ in ("am", "pm", "a.m.", "p.m.", "gmt", "utc", "o'clock"):
        return True
    if first.lower_ == "one" and number.end == number.start + 1:
        nxt = doc[number.end] if number.end < len(doc) else None
        if nxt is None or nxt.lower_ in ("of", "another", "'s", "who", "which", "that") or first.dep_ not in ("nummod", "quantmod"):
            return not (nxt is not None and _unit_at(doc, number.end))
    if first.text.startswith(("+", "0")) and len(first.text) > 6:
        return True  # phone numbers and ids
    if last.ent_type_ in ("ORG", "PRODUCT", "LAW", "WORK_OF_ART", "FAC") and number.end - number.start == 1 \
            and first.ent_iob_ != "B":
        return True  # 'Brigade 47', 'Resolution 2231'
    return False


def _looks_like_year(token: Token) -> bool:
    return bool(re.match(r"^(1[89]\d\d|20\d\d)$", token.text))


def _unit_at(doc: Doc, j: int) -> tuple[int, str] | None:
    """(end token index, unit) of a measure unit starting at token j, if any."""
    if j < len(doc) and doc[j].text in ("-", "–") and j + 1 < len(doc):
        j += 1  # '5-kilometre stretch'
    for words, unit in MEASURE_UNITS:
        segment = [t.lower_ for t in doc[j:j + len(words)]]
        if segment == list(words):
            if unit == "m" and doc[j].text == "m" and j + 1 < len(doc) and doc[j + 1].pos_ in ("NOUN", "PROPN"):
                return None  # '2m people': m is million, handled as a scale word
            return j + len(words), unit
    return None


def _counted_noun(doc: Doc, number: _Number) -> Token | None:
    """The noun the number counts: its syntactic head when that follows closely, or the object of
    'of' in partitives ('dozens of drones', '13 of whom')."""
    last = doc[number.end - 1]
    j = number.end
    if j < len(doc) and doc[j].lower_ == "of" and j + 1 < len(doc):
        for k in range(j + 1, min(len(doc), j + 5)):
            if doc[k].pos_ in ("NOUN", "PROPN", "PRON"):
                if doc[k].pos_ == "PROPN" and doc[k].ent_type_ in ("GPE", "LOC"):
                    return None
                return doc[k]
            if doc[k].pos_ not in ("DET", "ADJ", "NUM", "PUNCT", "VERB", "ADV"):
                break
        return None
    head = last.head
    if last.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and number.end <= head.i <= number.end + 4 \
            and head.pos_ in ("NOUN", "PROPN", "ADJ"):
        return head
    if j < len(doc) and doc[j].pos_ in ("NOUN",) and doc[j].tag_ in ("NNS", "NN"):
        return doc[j]
    return None


def _qualifier_start(doc: Doc, start: int) -> tuple[int, str | None]:
    for words, qualifier in QUALIFIER_PHRASES:
        begin = start - len(words)
        if begin < 0:
            continue
        if tuple(t.lower_ for t in doc[begin:start]) == words:
            # 'just' after the phrase: 'more than just 3' is rare; 'some' as a determiner before vague words is not a qualifier.
            return begin, qualifier
    return start, None


def _figure(doc: Doc, number: _Number, places: Sequence[PlaceMention]) -> Figure | None:
    start, end = number.start, number.end
    currency = _currency(doc, number.start)
    if currency is not None and start and doc[start - 1].lower_ in CURRENCY_SYMBOLS:
        start -= 1  # '$ 5 million': the symbol is part of the surface
    qualifier = number.qualifier
    qualifier_start, found = _qualifier_start(doc, start)
    if found and qualifier in ("exact",):
        qualifier, start = found, qualifier_start
    elif found and qualifier == "vague" and found != "approximate":
        start = qualifier_start
    unit_found = _unit_at(doc, number.end)
    counts: str | None = None
    if currency is not None:
        unit, counts = "count", currency
    elif unit_found:
        end, unit = unit_found
        noun = _measured_noun(doc, end)
        counts = noun
    else:
        unit = "fraction" if number.value < 1 and doc[number.end - 1].lower_ in FRACTION_WORDS else "count"
        noun = _counted_noun(doc, number)
        if noun is not None:
            if noun.lower_ in CURRENCY_WORDS:
                counts = noun.lower_
            else:
                counts = _counted_phrase(doc, number, noun)
            end = max(end, noun.i + 1) if noun.i < number.end + 5 else end
        elif number.end < len(doc) and doc[number.end].tag_ in ("VBN", "JJ") \
                and doc[number.end].lower_ in CASUALTY_WORDS:
            counts, end = doc[number.end].lower_, number.end + 1  # '24 wounded', 'three dead'
        elif unit == "count" and number.qualifier != "vague" and not _quantifies_something(doc, number):
            return None
    char_start, char_end = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    return Figure(
        char_start=char_start,
        char_end=char_end,
        surface=doc.text[char_start:char_end],
        value=number.value,
        value_high=number.value_high,
        unit=unit,
        counts=counts,
        qualifier=qualifier,
        place=_place_of(doc, start, end, places),
        direction=_direction(doc, number, counts_things=unit == "count" and currency is None),
    )


UP_WORDS = frozenset("""rise rose risen increase grow grew grown climb jump gain surge soar add raise boost swell
rebound advance widen expand double triple up increase hike spike""".split())
DOWN_WORDS = frozenset("""fall fell fallen drop decline decrease slip lose lost cut reduce plunge slump shed sink
sank tumble dip shrink shrank contract narrow slide slid ease retreat plummet lower down decrease""".split())
CHANGE_NOUNS_UP = frozenset({"increase", "rise", "gain", "jump", "surge", "growth", "hike", "spike", "boost"})
CHANGE_NOUNS_DOWN = frozenset({"decrease", "drop", "decline", "fall", "cut", "loss", "reduction", "dip", "slump"})


# Verbs whose object is what changed hands ('lost 200 tanks', 'gained 3 villages'): with a count
# of things they give the count, not the size of a change.
TRANSITIVE_CHANGE_VERBS = frozenset({"lose", "gain", "add", "cut", "shed", "raise", "boost", "reduce", "lower",
                                     "double", "triple", "expand", "lost"})


def _direction(doc: Doc, number: _Number, counts_things: bool = False) -> str | None:
    """'rose 4%', 'fell by 0.6%', 'down 3 points', 'a 5% increase', 'an increase of 30': the figure
    is the size of a change, up or down. A level reached ('rose to 60%') is not a change size."""
    token = doc[number.end - 1]
    # climb out of the figure itself ('4 cents', '0.6 %') to what governs it
    while token.head is not token and token.head.i != token.i and (
            token.head.i < number.end + 3 and token.head.i >= number.start
            and token.head.pos_ in ("NOUN", "NUM", "PROPN", "SYM", "X")
            and token.head.lemma_ not in CHANGE_NOUNS_UP | CHANGE_NOUNS_DOWN):
        token = token.head
    head, via = token.head, None
    if head.pos_ == "ADP":
        via, head = head.lower_, head.head
    if via in ("to", "from", "at", "of", "in", "with", "for", "on") and head.pos_ == "VERB":
        return None
    lemma = head.lemma_.lower()
    if counts_things and lemma in TRANSITIVE_CHANGE_VERBS:
        return None
    if head.pos_ == "VERB" or head.lower_ in ("up", "down"):
        if lemma in UP_WORDS or head.lower_ == "up":
            return "up"
        if lemma in DOWN_WORDS or head.lower_ == "down":
            return "down"
    if head.pos_ == "NOUN":
        if lemma in CHANGE_NOUNS_UP:
            return "up"
        if lemma in CHANGE_NOUNS_DOWN:
            return "down"
    return None


def _currency(doc: Doc, start: int) -> str | None:
    """The currency of a number: a symbol before it ('$ 5', 'US$ 40') or glued to it ('RM30')."""
    glued = _GLUED_CURRENCY.match(doc[start].text)
    if glued:
        return CURRENCY_SYMBOLS.get(glued.group(1).lower(), "US dollars")
    if start and doc[start - 1].lower_ in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[doc[start - 1].lower_]
    return None


def _quantifies_something(doc: Doc, number: _Number) -> bool:
    """A bare number counts something when it is a subject, object or modifier in its clause
    ('four were wounded', 'killed 12'); not page numbers, scores or list labels."""
    token = doc[number.end - 1]
    if token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "attr", "npadvmod"):
        return token.pos_ == "NUM"
    return False


def _measured_noun(doc: Doc, end: int) -> str | None:
    """'1,000 km2 of territory' -> 'territory'."""
    if end + 1 < len(doc) and doc[end].lower_ == "of":
        for k in range(end + 1, min(len(doc), end + 4)):
            if doc[k].pos_ in ("NOUN",):
                return doc[k].lower_
            if doc[k].pos_ not in ("DET", "ADJ"):
                break
    return None


def _counted_phrase(doc: Doc, number: _Number, noun: Token) -> str:
    """The counted noun with its modifiers and a participle that says what happened to it:
    '260 dead soldiers' -> 'dead soldiers', '23 civilians killed' -> 'civilians killed'."""
    if noun.lower_ in PARTITIVE_PRONOUNS or noun.pos_ == "PRON":
        return noun.lower_
    first = noun.i
    while first - 1 >= number.end and doc[first - 1].pos_ in ("ADJ", "NOUN", "VERB", "PROPN") \
            and doc[first - 1].dep_ in ("amod", "compound", "nmod") and doc[first - 1].head.i >= first - 1:
        first -= 1
    words = [t.text for t in doc[first:noun.i + 1] if t.pos_ != "PUNCT"]
    after = noun.i + 1
    if after < len(doc) and doc[after].tag_ == "VBN" and doc[after].dep_ in ("acl", "amod", "relcl"):
        words.append(doc[after].text)
    return " ".join(words)


def _place_of(doc: Doc, start: int, end: int, places: Sequence[PlaceMention]) -> Span | None:
    """The place the figure is about: a place named in a locative phrase of the same sentence,
    after the figure ('23 civilians killed in Kursk') or before it ('in Kursk, 23 civilians')."""
    sentence = doc[start].sent
    best: tuple[int, PlaceMention] | None = None
    figure_char = doc[start].idx
    for place in places:
        if not (sentence.start_char <= place.char_start < sentence.end_char):
            continue
        if place.char_start >= doc[end - 1].idx:
            distance = place.char_start - figure_char
        else:
            distance = 3 * (figure_char - place.char_end)  # a place before the figure is a weaker link
        if best is None or distance < best[0]:
            best = (distance, place)
    return Span(best[1].char_start, best[1].char_end) if best else None
