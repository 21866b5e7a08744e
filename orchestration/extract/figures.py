"""Figures: number expressions that quantify something, with qualifier, unit and counted thing.

'some 1,000 km2', 'at least 23 civilians killed', '1 to 2 kilometers', 'dozens of drones',
'several thousand residents', 'half of them'. Dates, clock times, ordinals and model numbers
('Su-34', 'S-300') are not figures.

Money and units may be glued to the number or written around it ('USD10m', 'HK $3.7 billion', '110 JPY',
'1,200€', '10kW', '2.4GHz', '~25-40min'); a rate keeps what it is per in ``counts`` ('$58 a barrel' ->
'US dollars per barrel'); 'rose 4% to $60' is a change and a level, not a range; a figure restated in
brackets or after ', or' shares the qualifier and direction of the one before ('more than 100 km (60 miles)').
A measure per something is a rate unit ('800,000 barrels a day' -> 'barrel per day', '90km/hr' -> 'km/h').
Proportions are fractions whatever the wording ('a fifth of', 'two-thirds', 'one in four', '3 out of 5', '1/4 of');
a fraction of one unit is an amount in that unit ('a quarter of a mile', 'half an hour'), and of a scale word a
number ('half a million', 'a quarter of a million'). Number words split by the tokenizer are one number
('four hundred twenty-five'), not a range. A whole number between commas after a person is an age ('Olena
Kurylo, 52,': 52 years, counts 'age').
A change word gives its direction only to the figure that measures the change ('rose 4%', 'revised upward by
200', 'a 5% rise'), not to the subject that changes, a thing the figure describes ('added a 40 m bridge') or a
known amount ('instead of the 128GB').
'fell from $950 to $720' is two levels, not a range; a range is low to high ('from 3,000 to 5,000 troops').
A number never runs into the next one ('one 40,000-tonne dock', '2.5 million 5-litre cans'), and no two figures
share or overlap a span: the first, longest reading wins, and the record id is the span.
Coordinated modifiers stay with the counted noun ('17 Shahed and Geran drones', 'dozens of Russian and Belarusian
trucks'); suspended hyphens give one figure per number ('four-, six- and eight-cylinder'); a rate after a restatement
in brackets applies to both amounts ('9 billion hryvnias ($240 million) a year'). Ages are read from the words around
a number ('aged 18 to 60', 'under the age of 5', 'she was 35 when'); 'over three days' after an event is when it
happened, not 'more than'; a number before 'on Monday' is not a date, nor is lower-case 'may' a month.
Sentence bounds are computed once per doc and the document text is never re-joined per figure.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from orchestration.extract.numbers import (
    FRACTION_WORDS,
    ORDINAL_FRACTIONS,
    SCALE_ABBREVIATIONS,
    SCALE_WORDS,
    VAGUE_PLURALS,
    digit_value,
    fold_value,
    hyphenated_value,
    is_number_word,
    word_value,
    words_value,
)
from orchestration.extract.records import Figure, PlaceMention, Span

# Words before a number, longest first, and the qualifier each sets.
QUALIFIER_PHRASES: list[tuple[tuple[str, ...], str]] = sorted([
    (("at", "least"), "at_least"), (("no", "fewer", "than"), "at_least"), (("no", "less", "than"), "at_least"),
    (("a", "minimum", "of"), "at_least"),
    # an age limit: 'children under the age of 5', 'adults over the age of 65'
    (("under", "the", "age", "of"), "less_than"), (("below", "the", "age", "of"), "less_than"),
    (("over", "the", "age", "of"), "more_than"), (("above", "the", "age", "of"), "more_than"),
    (("more", "than"), "more_than"), (("over",), "more_than"), (("upwards", "of"), "more_than"),
    (("in", "excess", "of"), "more_than"), (("over", "than"), "more_than"),
    (("just", "over"), "more_than"), (("above",), "more_than"),
    (("just", "more", "than"), "more_than"), (("well", "over"), "more_than"), (("exceeding",), "more_than"),
    (("less", "than"), "less_than"), (("fewer", "than"), "less_than"), (("under",), "less_than"),
    (("up", "to"), "less_than"), (("nearly",), "less_than"), (("almost",), "less_than"),
    (("just", "under"), "less_than"), (("below",), "less_than"), (("within",), "less_than"),
    (("lower", "than"), "less_than"), (("smaller", "than"), "less_than"), (("higher", "than"), "more_than"),
    (("greater", "than"), "more_than"), (("larger", "than"), "more_than"),
    (("at", "most"), "less_than"), (("no", "more", "than"), "less_than"), (("barely",), "less_than"),
    (("about",), "approximate"), (("around",), "approximate"), (("some",), "approximate"),
    (("approximately",), "approximate"), (("roughly",), "approximate"), (("an", "estimated"), "approximate"),
    (("estimated",), "approximate"), (("close", "to"), "approximate"), (("almost", "exactly"), "approximate"),
    (("circa",), "approximate"), (("approx",), "approximate"), (("some", "estimated"), "approximate"),
    (("~",), "approximate"), (("≈",), "approximate"), (("approx.",), "approximate"),
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
    (("kilometers", "per", "hour"), "km/h"), (("km", "/", "h"), "km/h"), (("km", "/", "hr"), "km/h"), (("miles", "per", "hour"), "mph"), (("knots",), "knots"),
    (("kg",), "kg"), (("kilograms",), "kg"), (("kilogrammes",), "kg"), (("kilogram",), "kg"), (("grams",), "g"),
    (("tonnes",), "t"), (("tons",), "ton"), (("tonne",), "t"), (("ton",), "ton"), (("pounds", "of"), "lb"),
    (("pound", "of"), "lb"), (("lbs",), "lb"), (("lb",), "lb"),
    (("litres",), "l"), (("liters",), "l"), (("litre",), "l"), (("liter",), "l"), (("gallons",), "gal"),
    (("barrels",), "barrels"), (("barrel",), "barrels"),
    (("degrees", "celsius"), "celsius"), (("degrees", "centigrade"), "celsius"), (("degree", "celsius"), "celsius"),
    (("degrees", "c"), "celsius"), (("deg", "c"), "celsius"), (("°c",), "celsius"), (("°", "c"), "celsius"),
    (("celsius",), "celsius"), (("degrees", "fahrenheit"), "fahrenheit"), (("degree", "fahrenheit"), "fahrenheit"),
    (("degrees", "f"), "fahrenheit"), (("deg", "f"), "fahrenheit"), (("°f",), "fahrenheit"), (("°", "f"), "fahrenheit"),
    (("fahrenheit",), "fahrenheit"),
    (("feet",), "ft"), (("foot",), "ft"), (("ft",), "ft"), (("inches",), "in"),
    (("inch",), "in"), (("yards",), "yd"), (("yard",), "yd"), (("cm",), "cm"), (("centimetres",), "cm"), (("centimeters",), "cm"), (("mm",), "mm"),
    (("millimetres",), "mm"), (("millimeters",), "mm"),
    (("millimetre",), "mm"), (("millimeter",), "mm"), (("centimetre",), "cm"), (("centimeter",), "cm"), (("gram",), "g"),
    (("gallon",), "gal"), (("pints",), "pt"), (("pint",), "pt"), (("quarts",), "qt"), (("quart",), "qt"),
    (("hectare",), "ha"), (("acre",), "acres"), (("millilitre",), "ml"), (("milliliter",), "ml"),
    (("degree",), "degrees"), (("hectares",), "ha"), (("acres",), "acres"),
    (("hp",), "hp"), (("horsepower",), "hp"), (("ps",), "hp"), (("gb",), "GB"), (("tb",), "TB"), (("mb",), "MB"),
    (("mw",), "MW"), (("megawatts",), "MW"), (("megawatt",), "MW"), (("gw",), "GW"), (("gigawatts",), "GW"),
    (("gigawatt",), "GW"), (("kw",), "kW"), (("kilowatts",), "kW"), (("kilowatt",), "kW"), (("kwh",), "kWh"),
    (("rpm",), "rpm"), (("degrees",), "degrees"), (("°",), "degrees"),
    (("hz",), "Hz"), (("hertz",), "Hz"), (("khz",), "kHz"), (("kilohertz",), "kHz"), (("mhz",), "MHz"),
    (("megahertz",), "MHz"), (("ghz",), "GHz"), (("gigahertz",), "GHz"), (("watts",), "W"), (("watt",), "W"),
    (("mwh",), "MWh"), (("gwh",), "GWh"), (("mah",), "mAh"), (("w",), "W"), (("volts",), "V"), (("volt",), "V"),
    (("kv",), "kV"),
    (("mg",), "mg"), (("milligrams",), "mg"), (("milligram",), "mg"), (("ml",), "ml"), (("millilitres",), "ml"),
    (("milliliters",), "ml"), (("μm",), "μm"), (("µm",), "μm"), (("micrometres",), "μm"), (("micrometers",), "μm"),
    (("microns",), "μm"), (("nanometres",), "nm"), (("nanometers",), "nm"), (("nanometre",), "nm"),
    (("nanometer",), "nm"), (("sq", "m"), "m2"), (("sq.", "m"), "m2"), (("square", "metres"), "m2"),
    (("square", "meters"), "m2"), (("square", "metre"), "m2"), (("square", "meter"), "m2"), (("m2",), "m2"),
    (("m²",), "m2"), (("sq", "ft"), "ft2"), (("sq.", "ft"), "ft2"), (("square", "feet"), "ft2"),
    (("square", "foot"), "ft2"), (("m.p.h",), "mph"), (("m.p.h.",), "mph"), (("mpg",), "mpg"),
    (("miles", "per", "gallon"), "mpg"), (("ppm",), "ppm"), (("parts", "per", "million"), "ppm"), (("ppb",), "ppb"),
    (("parts", "per", "billion"), "ppb"), (("psi",), "psi"), (("ksi",), "ksi"), (("mpa",), "MPa"), (("gpa",), "GPa"),
    (("megapascals",), "MPa"), (("gigapascals",), "GPa"), (("gigatonnes",), "Gt"), (("gigatons",), "Gt"),
    (("pound", "-", "feet"), "lb-ft"), (("pound-feet",), "lb-ft"), (("lb", "-", "ft"), "lb-ft"), (("lb-ft",), "lb-ft"),
    (("mbps",), "Mbps"), (("gbps",), "Gbps"), (("bhp",), "bhp"), (("basis", "points"), "basis points"),
    (("basis", "point"), "basis points"), (("bps",), "basis points"),
], key=lambda pair: -len(pair[0]))
# Units written glued to the number ('10kW', '2.4GHz', '1.5mm', '3min', '24pc'), lower-cased.
GLUED_UNITS = {"km": "km", "cm": "cm", "mm": "mm", "kg": "kg", "g": "g", "mg": "mg", "lb": "lb", "lbs": "lb",
               "ft": "ft", "l": "l", "ml": "ml", "kw": "kW", "mw": "MW", "gw": "GW", "kwh": "kWh",
               "mwh": "MWh", "gwh": "GWh", "hz": "Hz", "khz": "kHz", "mhz": "MHz", "ghz": "GHz", "mph": "mph",
               "kmh": "km/h", "km/h": "km/h", "km/hr": "km/h", "kph": "km/h", "hp": "hp", "bhp": "bhp", "gb": "GB",
               "tb": "TB", "mb": "MB", "mbps": "Mbps", "gbps": "Gbps", "min": "minutes", "mins": "minutes",
               "pc": "percent", "%": "percent", "m2": "m2", "m²": "m2", "km2": "km2", "km²": "km2", "mah": "mAh",
               "kv": "kV", "nm": "nm", "μm": "μm", "µm": "μm", "°": "degrees", "°c": "celsius",
               "°f": "fahrenheit", "degf": "fahrenheit", "degc": "celsius", "deg": "degrees", "″": "in", "mpg": "mpg",
               "W": "W", "V": "V", "L": "l",
               "ppm": "ppm", "ppb": "ppb", "psi": "psi", "ksi": "ksi", "mpa": "MPa", "gpa": "GPa", "t": "t",
               "yrs": "years", "hrs": "hours", "sec": "seconds", "secs": "seconds"}
GLUED_CURRENCY_SUFFIXES = {"p": "pence", "c": "cents"}  # '164p', '45c'
_UNITS_BY_FIRST_WORD: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _words, _unit in MEASURE_UNITS:  # longest first, as in MEASURE_UNITS
    _UNITS_BY_FIRST_WORD.setdefault(_words[0], []).append((_words, _unit))
TIME_UNITS = frozenset({"years", "months", "weeks", "days", "hours", "minutes"})
# ISO codes of other currencies, before or after the amount ('PLN 500', '2,000 DKK'); only codes that are not
# English words or unit symbols ('kn' may be knots and 'R' roentgen, so the bare symbols are not read).
OTHER_CURRENCY_CODES = {"DKK": "Danish kroner", "SEK": "Swedish kronor", "NOK": "Norwegian kroner",
                        "PLN": "Polish zlotys", "CZK": "Czech korunas", "HUF": "Hungarian forints",
                        "ZAR": "South African rand", "HRK": "Croatian kuna", "KZT": "Kazakh tenge",
                        "MDL": "Moldovan lei", "BYN": "Belarusian roubles"}
CURRENCY_SYMBOLS = {"$": "US dollars", "€": "euros", "£": "pounds", "₴": "hryvnias", "₽": "roubles",
                    "us$": "US dollars", "a$": "Australian dollars", "c$": "Canadian dollars", "hk$": "Hong Kong dollars",
                    "nz$": "New Zealand dollars", "s$": "Singapore dollars", "rm": "ringgit", "rs": "rupees",
                    "rs.": "rupees", "¥": "yen", "₹": "rupees", "chf": "Swiss francs", "au$": "Australian dollars",
                    "ca$": "Canadian dollars", "$us": "US dollars", "$a": "Australian dollars",
                    "$au": "Australian dollars", "$c": "Canadian dollars", "$nz": "New Zealand dollars",
                    "$hk": "Hong Kong dollars", "$s": "Singapore dollars",
                    # ISO codes; 'PS' and 'Y=' are how ASCII-folded feeds (unidecode) write '£' and '¥'
                    "usd": "US dollars", "eur": "euros", "gbp": "pounds", "aud": "Australian dollars",
                    "cad": "Canadian dollars", "nzd": "New Zealand dollars", "hkd": "Hong Kong dollars",
                    "sgd": "Singapore dollars", "inr": "rupees", "jpy": "yen", "cny": "yuan", "rmb": "yuan",
                    "uah": "hryvnias", "rub": "roubles", "y=": "yen", "ps": "pounds", **{
                        code.lower(): name for code, name in OTHER_CURRENCY_CODES.items()}}
# Written after the amount: '110 JPY', '1,200 €', '2,435,000 yen'.
CURRENCY_AFTER = {"usd": "US dollars", "eur": "euros", "gbp": "pounds", "jpy": "yen", "jpy=": "yen", "yen": "yen",
                  "cny": "yuan", "rmb": "yuan", "aud": "Australian dollars", "cad": "Canadian dollars",
                  "chf": "Swiss francs", "inr": "rupees", "uah": "hryvnias", "rub": "roubles", "€": "euros",
                  "£": "pounds", "eur=": "euros",
                  **{code.lower(): name for code, name in OTHER_CURRENCY_CODES.items()}}
# A country code glued before '$' in the next token: 'HK $5m', 'US $40', 'C $6'.
DOLLAR_COUNTRY = {"us": "US dollars", "hk": "Hong Kong dollars", "a": "Australian dollars", "au": "Australian dollars",
                  "c": "Canadian dollars", "ca": "Canadian dollars", "nz": "New Zealand dollars",
                  "s": "Singapore dollars", "sg": "Singapore dollars"}
_GLUED = re.compile(r"^(?P<sign>minus-|sub-|under-|now-|then-|~|≈)?"
                    r"(?P<cur>[A-Z]{1,3}\$|\$[A-Z]{1,2}|\$|€|£|¥|₹|RM|Rs\.?|Y=|PS|USD|EUR|GBP|AUD|CAD|NZD|HKD|SGD|INR|JPY|CNY"
                    r"|US|AU|HK|NZ|A|C|S)?"
                    r"(?P<num>[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)"
                    r"(?P<suffix>[^\d]*[23]?)$")
_TO_HIGH = re.compile(r"^to-((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)$")  # the '-to-60' of '0-to-60', '5,000 to-8,000'
CURRENCY_WORDS = frozenset({"dollars", "euros", "pounds", "hryvnias", "hryvnia", "roubles", "rubles", "yuan",
                            "shekels", "crowns", "kroner", "krone", "krona", "kronor", "francs", "rupees", "yen",
                            "ringgit",
                            "zloty", "zlotys", "zlotych", "koruna", "korunas", "forint", "forints", "kuna", "kunas",
                            "lari", "tenge", "lei", "rand"})
MONEY_NAMES = frozenset(CURRENCY_SYMBOLS.values()) | frozenset(CURRENCY_AFTER.values()) | frozenset(DOLLAR_COUNTRY.values())
# What a rate is counted per: '$58 a barrel', '$14.95 a month', '63 cents per share'.
RATE_DENOMINATORS = frozenset({"year", "month", "week", "day", "hour", "minute", "second", "night", "barrel", "share",
                               "ounce", "gram", "kilogram", "kg", "tonne", "ton", "gallon", "litre", "liter", "person",
                               "head", "capita", "unit", "game", "century", "decade", "mile", "kilometre", "kilometer"})
# Amounts that measure rather than count things: with them 'lost 190 points' is the size of a fall.
NON_THING_COUNTS = frozenset({"points", "point", "cents", "cent", "pence", "sen", "basis points", "percentage points"})
# Nouns that label by number: 'category 4', 'Part 3', 'Game 7'.
LABEL_NOUNS = frozenset("""category part game article type level phase stage no. number chapter section model
version grade class round page room flight route platform episode season line bus gate terminal code postcode zip
zipcode""".split())
# Nouns a number names rather than counts, written after it: 'the 90210 ZIP code', 'the 380 area code'.
CODE_NOUNS = frozenset({"code", "postcode", "zipcode"})
QUOTES = frozenset({'"', "'", "“", "”", "‘", "’", "«", "»"})
APPROXIMATORS = frozenset({"about", "around", "approximately", "roughly", "some", "nearly", "almost"})
ERA_MARKERS = frozenset({"AD", "A.D.", "BC", "B.C.", "BCE", "B.C.E.", "CE", "C.E."})
# Market indexes named with a number ('FTSE 100', 'Stoxx 600', 'Russell 2000', 'Nikkei 225', 'CAC 40').
INDEX_NAMES = frozenset("""s&p sp stoxx ftse nasdaq russell nikkei dax cac asx kospi sensex nifty smi ibex aex
topix fortune""".split())
STREET_WORDS = frozenset("road rd street st avenue ave way lane boulevard blvd drive dr place square".split())

CASUALTY_WORDS = frozenset({"dead", "killed", "wounded", "injured", "missing", "captured", "hurt",
                            "hospitalized", "hospitalised", "displaced", "detained", "arrested"})
MONTHS = frozenset("""january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec""".split())
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
VAGUE_MULTIPLIERS = {"several": 3, "a few": 2, "few": 2, "a couple of": 2, "a couple": 2}
PARTITIVE_PRONOUNS = frozenset({"whom", "them", "which", "those", "these", "us", "it"})
_RANGE_TOKEN = re.compile(r"^(\d+(?:[.,]\d+)*)[-–](\d+(?:[.,]\d+)*)$")
_SCALE_OR_DOZEN = frozenset(SCALE_WORDS) | {"dozen"}
_SLASH_FRACTION = re.compile(r"^(\d{1,3})[/⁄](\d{1,3})$")
_GLUED_SCALE = re.compile(r"^\d+(?:\.\d+)?(?:k|bn|mn|mln|tn)$", re.IGNORECASE)  # '25k', '4.2bn'
_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$", re.IGNORECASE)
_MODEL_CODE = re.compile(r"^[A-Z][A-Za-z]*[-–]\d+[A-Za-z]*$")  # a model written as one token: 'Shahed-136', 'Kh-101'


@dataclass(slots=True)
class _Number:
    start: int  # token index of the first token of the number itself
    end: int  # one past the last token
    value: float
    value_high: float | None = None
    qualifier: str = "exact"
    unit: str | None = None  # a unit written glued to the number ('10kW')
    currency: str | None = None  # a currency written glued to the number ('RM30', 'USD10m')
    glued: bool = False
    fraction: bool = False  # a proportion: 'a fifth of', 'one in three'
    multiplier: bool = False  # 'sixfold', 'a 3-fold rise': so many times something
    counts: str | None = None  # what a suspended hyphen counts: the 'four-' of 'four-, five- and six-cylinder'


# Words after a number and a hyphen that the number counts ('a four-cylinder engine', a '3,000-strong force').
HYPHEN_COUNTED = ("strong", "cylinder")


def extract_figures(doc: Doc, places: Sequence[PlaceMention] = ()) -> Iterator[Figure]:
    i, emitted_until = 0, 0
    previous: Figure | None = None
    previous_end = 0
    sentences = _Sentences(doc)
    recent: list[tuple[Figure, int, int]] = []  # figures emitted, with their first and past-the-end tokens
    converted: list[bool] = []  # for each of recent: it restates the one before it in brackets ('($54 million)')
    while i < len(doc):
        number = _read_number(doc, i)
        if number is None or _is_excluded(doc, number):
            i = i + 1 if number is None else max(number.end, i + 1)
            continue
        figure = _figure(doc, number, places, sentences)
        if figure is not None and figure.char_start >= emitted_until:
            in_brackets = False
            if previous is not None and figure.direction is None and previous.direction \
                    and figure.unit == previous.unit and number.start and doc[number.start - 1].lower_ == "by" \
                    and figure.qualifier == "exact" and figure.char_start - previous.char_end <= 40 \
                    and previous_end < len(doc) and doc[previous_end].text in (",", "and", ";"):
                figure = replace(figure, direction=previous.direction)  # 'Ross was down 2.3%, Gap by 2.6%'
            elif previous is not None and figure.direction is None and previous.direction and figure.unit == "percent" \
                    and figure.char_start - previous.char_end <= 6 \
                    and doc[number.start - 1].lower_ == "or" and figure.qualifier == "exact":
                figure = replace(figure, direction=previous.direction)  # 'grew by 125,600 jobs, or 2.2%'
            elif previous is not None and _restates(doc, previous, figure):
                # '100 km (60 miles)', '190 points, or 0.6%': the same quantity again, same qualifier and change
                in_brackets = _opens_brackets(doc, figure)
                figure = replace(
                    figure,
                    qualifier=previous.qualifier if figure.qualifier == "exact"
                    and previous.qualifier not in ("range", "vague") else figure.qualifier,
                    direction=figure.direction or previous.direction)
            if previous is not None and previous.counts == "age" and figure.unit == "count" and figure.counts is None \
                    and figure.value_high is None and number.start - previous_end == 1 \
                    and doc[number.start - 1].lower_ in ("and", "or", ","):
                figure = replace(figure, unit=previous.unit, counts="age")  # 'children aged 4 and 7': 7 years old
            # the count a bare number repeats: the figure before it, or the one before a duration that qualifies it
            # ('68,000 people jobless for one to two years and 95,000 for over two years')
            anchor, anchor_end = previous, previous_end
            if previous is not None and previous.unit in TIME_UNITS and len(recent) >= 2 \
                    and recent[-2][0].unit == "count":
                anchor, anchor_end = recent[-2][0], recent[-2][2]
            elif len(recent) >= 2 and converted[-1]:
                # '2 billion hryvnias ($54 million) on drones and 1.5 billion': the amount, not its conversion
                anchor, anchor_end = recent[-2][0], recent[-2][2]
            if figure.counts is None and (currency := _converted_to(doc, number.end)) is not None:
                # '2,000 hryvnias ($54) for one and 1,500 ($40) for the other': the amount converted the same way
                for k in range(len(recent) - 2, -1, -1):
                    if converted[k + 1] and recent[k + 1][0].counts == currency and _is_money(recent[k][0]):
                        anchor, anchor_end = recent[k][0], recent[k][2]
                        break
            if anchor is not None and figure.unit == "count" and figure.counts is None and anchor.unit == "count" \
                    and anchor.counts and figure.qualifier != "vague" and (
                        number.start - anchor_end <= 10 or number.start - anchor_end <= 24
                        and (_compared_with(doc, number.start) or anchor is not previous)) \
                    and not any(t.is_sent_start or t.text in (";", ":") for t in doc[anchor_end:number.start + 1]) \
                    and any(t.lower_ in ELLIPSIS_LINKS for t in doc[previous_end:number.start]):
                # '435 homes by open sale and 187 by tender', 'rose 64 points to 4,577': the same thing again
                per = _rate_denominator(doc, number.end)
                figure = replace(figure, counts=anchor.counts if per is None or " per " in anchor.counts
                                 else f"{anchor.counts} per {per[1]}")  # '12 attacks, against 20 a week'
            elif figure.unit == "count" and figure.counts is None and figure.qualifier != "vague" and number.start \
                    and doc[number.start - 1].lower_ in LEVEL_LINKS and figure.value_high is None:
                figure = _level_in_unit(doc, figure, number, recent) or figure
            elif figure.unit == "count" and figure.counts is None and figure.direction and previous is not None \
                    and previous.direction and previous.unit == "percent" and number.start \
                    and doc[number.start - 1].lower_ == "by" and number.start - previous_end <= 8 \
                    and not any(t.is_sent_start or t.text in (";", ":") for t in doc[previous_end:number.start + 1]):
                figure = replace(figure, unit="percent")  # 'rose by 2 percent but the other fell by 1': 1 percent
            emitted_until = figure.char_end
            previous_end = _token_end(doc, figure.char_end, number.end)
            previous = figure
            recent.append((figure, number.start, previous_end))
            converted.append(in_brackets)
            yield figure
        i = max(number.end, i + 1)


def _opens_brackets(doc: Doc, figure: Figure) -> bool:
    """Whether the figure is the first thing inside brackets: '($54 million)'."""
    span = doc.char_span(figure.char_start, figure.char_end, alignment_mode="expand")
    return span is not None and span.start > 0 and doc[span.start - 1].text == "("


def _converted_to(doc: Doc, end: int) -> str | None:
    """The currency of a conversion in brackets right after a number: 'US dollars' for '1,500 ($40)'."""
    if end + 1 >= len(doc) or doc[end].text != "(":
        return None
    symbol = doc[end + 1]
    if symbol.lower_ in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[symbol.lower_]
    glued = _GLUED.match(symbol.text)
    if glued is not None and glued.group("cur") and symbol.text[:1] in "$€£¥₴₽":
        return CURRENCY_SYMBOLS.get(glued.group("cur").lower())
    return None


def _compared_with(doc: Doc, i: int) -> bool:
    """'compared with 63', 'compared to 40', 'against 12', 'versus 7' right before the number at i."""
    before = [t.lower_ for t in doc[max(0, i - 2):i]]
    return before[-1:] in (["against"], ["versus"], ["vs"], ["vs."]) or before in (
        ["compared", "with"], ["compared", "to"], ["comparison", "with"], ["up", "from"], ["down", "from"])


ELLIPSIS_LINKS = frozenset({"and", "or", "while", "whilst", "whereas",
                            "from", "to", "than", "with", "versus", "vs", "against", ",",
                            "including"})


# Per-game averages in sports reports. ('mpg' stays miles per gallon, its usual sense in news.)
PER_GAME = {"ppg": "points per game", "rpg": "rebounds per game", "apg": "assists per game",
            "spg": "steals per game", "bpg": "blocks per game"}
# A currency named in the singular as a modifier ('a million dollar house'); not 'pound' (also a weight).
CURRENCY_MODIFIERS = {"dollar": "dollars", "euro": "euros", "rouble": "roubles", "ruble": "rubles", "yuan": "yuan",
                      "hryvnia": "hryvnias", "shekel": "shekels", "rupee": "rupees", "franc": "francs", "yen": "yen"}
SPORT_STATS = {"WAR": "wins above replacement"}  # baseball; upper case only

# Words before a bare number that is the level something moved to or from: 'lost 162.31 points, or 2.14%,
# to fall to 7,425.81', 'climbed 0.1% to 1,333.18', 'from 21 mpg combined to 23'.
LEVEL_LINKS = frozenset({"to", "at", "from"})


def _level_in_unit(doc: Doc, figure: Figure, number: _Number,
                   recent: list[tuple[Figure, int, int]]) -> Figure | None:
    """A bare level after 'to'/'at' takes the unit of the last figure before it in the clause that has one,
    passing over percentages (the relative size of the move is not the level's unit): points, mpg, pounds."""
    for earlier, first, last in reversed(recent):
        if number.start - last > 16 or any(
                t.is_sent_start or t.text in (";", ":") or t.text.endswith((".", "!", "?"))
                for t in doc[first + 1:number.start + 1]):
            return None
        if earlier.unit in ("percent", "fraction") or earlier.qualifier == "vague":
            continue
        if earlier.counts == "age":
            return None  # 'for those aged 55 and over, R stood at 1.04': an age is no unit of a level
        if earlier.unit == "count" and not earlier.counts:
            return None
        if earlier.unit == "count" and "per" not in earlier.counts.split() \
                and earlier.counts.lower() not in NON_THING_COUNTS and not _is_money(earlier):
            return None  # a count of things is carried only by the link rule above ('and 187 by tender')
        return replace(figure, unit=earlier.unit, counts=earlier.counts)
    return None


def _token_end(doc: Doc, char_end: int, start: int) -> int:
    """Index one past the token that ends at char_end, searching from token index start."""
    j = start
    while j < len(doc) and doc[j].idx < char_end:
        j += 1
    return j


def _restates(doc: Doc, previous: Figure, figure: Figure) -> bool:
    """The figure follows the previous one as a conversion or an equivalent: '(11 km)', ', or 2.1%', '/ 300 PS'."""
    if figure.char_start - previous.char_end > 8:
        return False
    between = doc.char_span(previous.char_end, figure.char_start, alignment_mode="expand")
    between = (between.text if between is not None else "").strip().lower()
    if between not in ("(", "/", ",or", ", or", "or", "(or"):
        return False
    measures = [f.unit != "count" or (f.counts or "").lower() in NON_THING_COUNTS for f in (previous, figure)]
    return all(measures) or _is_money(previous) and _is_money(figure)


def _is_money(figure: Figure) -> bool:
    counts = (figure.counts or "").split(" per ")[0]
    return figure.unit == "count" and bool(counts) and (counts in MONEY_NAMES or counts.split()[-1].lower() in CURRENCY_WORDS)


def _is_measure_token(token: Token) -> bool:
    """A number glued to its unit or currency ('250ml', '155mm', '$5'), not a model name ('S-300', '9M723')."""
    return token.text[:1].isdigit() and _GLUED.match(token.text) is not None


def _is_numeric(token: Token) -> bool:
    text = token.lower_
    return digit_value(text) is not None or is_number_word(text) and text not in SCALE_ABBREVIATIONS


def _read_glued(doc: Doc, i: int) -> _Number | None:
    """A number written together with a currency, scale or unit in one token: 'RM30', 'USD10' + 'm', '$' + 'US113',
    'PS2.7m', '4.2b', '10kW', '1.5mm', '24pc', '1,200€', 'minus-130', 'sub-7'."""
    text = doc[i].text
    if not any(ch.isdigit() for ch in text):
        return None
    match = _GLUED.match(text)
    if match is None or not (match.group("cur") or match.group("suffix") or match.group("sign")):
        return None
    sign, cur, number, suffix = match.group("sign"), match.group("cur"), match.group("num"), match.group("suffix")
    bare_suffix = re.sub(r"\)?-(long|wide|high|tall|deep|thick)$|\)$", "", suffix)
    if bare_suffix != suffix and bare_suffix.lower() in GLUED_UNITS:
        suffix = bare_suffix  # '(121ft)-long', '(6ft)': the dimension word or bracket glued after the unit
    value = digit_value(number)
    if value is None:
        return None
    currency = unit = None
    end = i + 1
    if cur:
        after_dollar = i and doc[i - 1].text == "$" and not doc[i - 1].whitespace_
        if cur.lower() in DOLLAR_COUNTRY and cur.isalpha():
            if not after_dollar:
                return None  # 'A320', 'C3': a letter and a number is a name, not money
            currency = DOLLAR_COUNTRY[cur.lower()]
        elif cur == "PS" and not ("," in number or "." in number or suffix.lower() in SCALE_ABBREVIATIONS
                                  or not suffix and not doc[i].whitespace_ and i + 1 < len(doc)
                                  and doc[i + 1].lower_ in SCALE_ABBREVIATIONS):
            return None  # 'PS5' is a console; 'PS2.7m' is '£2.7m' folded to ASCII
        else:
            currency = CURRENCY_SYMBOLS.get(cur.lower(), "US dollars")
    lowered = suffix.lower().rstrip(".") if suffix != "." else ""
    if suffix in ("€", "£", "$") and not currency:
        currency = CURRENCY_AFTER.get(suffix, "US dollars")
    elif lowered in SCALE_ABBREVIATIONS and not (lowered == "m" and _dimension_follows(doc, end)) and (
            lowered != "b" or currency or suffix == "B" or i and doc[i - 1].lower_ in CURRENCY_SYMBOLS
            or (_next_word(doc, end) is not None and _next_word(doc, end).pos_ in ("NOUN", "PROPN"))):
        value *= SCALE_WORDS[lowered]  # '$5.4m', '6m people', '4.3M sales', '10k'; but '37m-long', '5m high'
    elif suffix in GLUED_CURRENCY_SUFFIXES and not currency:
        currency = GLUED_CURRENCY_SUFFIXES[suffix]  # '164p': pence
    elif suffix in GLUED_UNITS or len(suffix) > 1 and lowered in GLUED_UNITS:
        if currency:
            return None
        unit = GLUED_UNITS.get(suffix) or GLUED_UNITS[lowered]
    elif lowered == "sq" and end < len(doc) and doc[end].lower_ in ("m", "km", "ft", "mi"):
        unit, end = {"m": "m2", "km": "km2", "ft": "ft2", "mi": "mi2"}[doc[end].lower_], end + 1
    elif lowered == "m" and not currency:
        unit = "m"  # '37m (121ft)-long'
    elif suffix:
        return None
    if unit in ("degrees", "celsius", "fahrenheit") and end < len(doc) and doc[end].text in ("C", "F"):
        unit, end = ("celsius" if doc[end].text == "C" else "fahrenheit"), end + 1  # '1.19deg C', '30° F'
    if not suffix and end < len(doc) and doc[end].lower_.rstrip(".") in SCALE_WORDS and (
            doc[end].lower_ not in SCALE_ABBREVIATIONS or not doc[i].whitespace_ or currency):
        value *= SCALE_WORDS[doc[end].lower_.rstrip(".")]  # 'USD10' + 'm', 'INR1 trillion'
        end += 1
    qualifier = "exact"
    if sign == "minus-":
        value = -value
    elif sign in ("~", "≈"):
        qualifier = "approximate"  # '~25 min'
    elif sign in ("now-", "then-"):
        pass  # 'her now-18 month-old daughter', 'the then-21 year-old': an age at that time
    elif sign:
        qualifier = "less_than"  # 'sub-7 nanometre chips'
    if not currency and not unit and not suffix and sign in (None, "~", "≈", "now-", "then-") and not (
            sign and digit_value(number) is not None):
        return None
    return _Number(i, end, value, qualifier=qualifier, unit=unit, currency=currency, glued=True)


def _next_word(doc: Doc, j: int) -> Token | None:
    """The token at j, or after it when j is a line break or other whitespace token."""
    while j < len(doc) and doc[j].is_space:
        j += 1
    return doc[j] if j < len(doc) else None


def _dimension_follows(doc: Doc, j: int) -> bool:
    """'-long', 'high', 'deep' right after '37m': metres, not millions."""
    if j < len(doc) and doc[j].text in ("-", "–", "(") and j + 1 < len(doc):
        j += 1
    return j < len(doc) and (doc[j].lower_ in ("long", "high", "tall", "deep", "wide", "thick", "away")
                             or doc[j].lower_.endswith(("ft", "ft)-long", "feet")))


def _read_number(doc: Doc, i: int) -> _Number | None:
    token = doc[i]
    lower = token.lower_
    if _RANGE_TOKEN.match(token.text):
        low, high = _RANGE_TOKEN.match(token.text).groups()
        low_value, high_value = digit_value(low), digit_value(high)
        if low_value is not None and high_value is not None and low_value < high_value:
            return _Number(i, i + 1, low_value, high_value, "range")
    if _suspended_stem(token.text) is not None and _suspended_unit(doc, i + 1):
        # the '7-' of '7- or 8-inch'
        return _Number(i, i + 1, _suspended_stem(token.text), unit=_suspended_unit(doc, i + 1), glued=True)
    if _suspended_stem(token.text) is not None and _suspended_noun(doc, i + 1):
        # the 'four-' and 'five-' of 'four-, five- and six-cylinder engines'
        return _Number(i, i + 1, _suspended_stem(token.text), counts=_suspended_noun(doc, i + 1))
    fold = fold_value(token.text)
    if fold is not None:
        return _Number(i, i + 1, fold, multiplier=True)  # 'grew sixfold', 'a 10fold increase'
    glued = _read_glued(doc, i)
    if glued is not None:
        return _read_range(doc, glued)
    slash = _SLASH_FRACTION.match(token.text)
    if slash:
        top, bottom = int(slash.group(1)), int(slash.group(2))
        if 0 < top < bottom <= 128 and i + 1 < len(doc) and (
                doc[i + 1].lower_ == "of" or _unit_at(doc, i + 1)
                or doc[i + 1].tag_ == "NN" and i + 2 < len(doc) and doc[i + 2].lower_ == "of"):
            # '1/2 mile', '1/16 of a pint', '1/2 pound of chocolate' (a measure noun: 'pound' is also money)
            return _Number(i, i + 1, top / bottom, fraction=doc[i + 1].lower_ == "of")
        return None
    if lower == "minus" and i + 1 < len(doc) and digit_value(doc[i + 1].text) is not None:
        number = _read_number(doc, i + 1)
        if number is not None and number.value_high is None:
            number.value, number.start = -number.value, i  # 'minus 387 degrees'
            return number
    vague = _read_vague(doc, i)
    if vague is not None:
        return vague
    if lower in FRACTION_WORDS and lower in ("half", "third", "quarter"):
        before = doc[i - 1].lower_ if i else ""
        start = i - 1 if before in ("a", "one") else i
        k = i + 2 if lower != "half" and i + 1 < len(doc) and doc[i + 1].lower_ == "of" else i + 1
        if (lower == "half" or start < i) and k + 1 < len(doc) and doc[k].lower_ in ("a", "an"):
            if doc[k + 1].lower_ in ("hundred", "thousand", "million", "billion", "trillion", "dozen"):
                scale = 12 if doc[k + 1].lower_ == "dozen" else SCALE_WORDS[doc[k + 1].lower_]
                # 'half a million', 'a quarter of a million'
                return _Number(start, k + 2, FRACTION_WORDS[lower] * scale)
            if lower == "half" and (unit := _unit_at(doc, k + 1)) and unit[1] != "m":
                return _Number(start, k + 1, 0.5)  # 'half a mile', 'half an hour': the unit follows
        if i + 1 < len(doc) and doc[i + 1].lower_ == "of" and not (
                before in ("the", "first", "second", "final", "last", "top", "bottom", "middle", "latter", "former")
                or i and doc[i - 1].pos_ == "ADJ"):  # 'the final third of the pitch', 'the second half of'
            start = i - 1 if before in ("a", "one") else i
            return _Number(start, i + 1, FRACTION_WORDS[lower], None, "exact")
        if lower == "half" and token.dep_ == "predet" and token.head.pos_ == "NOUN" and token.head.i > i \
                and not _unit_at(doc, token.head.i) and not _unit_at(doc, _possessed(token.head).i):
            return _Number(i, i + 1, 0.5)  # 'half the residents', 'half the city's population'; not 'half the day'
        return None
    if lower in ORDINAL_FRACTIONS and i and doc[i - 1].lower_ in ("a", "one") and i + 1 < len(doc) \
            and doc[i + 1].lower_ == "of":
        return _Number(i - 1, i + 1, ORDINAL_FRACTIONS[lower], fraction=True)  # 'a fifth of the budget'
    numerator = digit_value(lower) if digit_value(lower) is not None else word_value(lower) if lower in (
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten") else None
    if numerator is not None and i + 1 < len(doc):
        k = i + 2 if doc[i + 1].text in ("-", "–") and not doc[i].whitespace_ else i + 1  # 'two-thirds'
        word = doc[k].lower_ if k < len(doc) else ""
        of_follows = k + 1 < len(doc) and doc[k + 1].lower_ == "of"
        if word in ("third", "thirds", "quarter", "quarters") and (doc[k].pos_ != "ADJ" or of_follows) \
                or word in ORDINAL_FRACTIONS \
                and (word.endswith("s") and numerator > 1 or of_follows):
            share = FRACTION_WORDS.get(word) or ORDINAL_FRACTIONS[word]
            return _Number(i, k + 1, numerator * share, fraction=True)  # 'two thirds', 'one fifth of', 'three-fifths'
        out_of = _out_of(doc, i, numerator)
        if out_of is not None:
            return out_of
    if lower in ("a", "an", "one") and i + 1 < len(doc):
        unit = _unit_at(doc, i + 1)
        if unit and unit[1] in TIME_UNITS and doc[i + 1].lower_ in ("year", "month", "week", "day", "hour", "minute"):
            before = doc[i - 1].lower_ if i else ""
            if before not in ("once", "twice", "times", "per", "every", "each", "day", "of", "such", "what") \
                    and not (i and (_is_numeric(doc[i - 1]) or _unit_at(doc, i - 1) or doc[i - 1].tag_ == "NNS")) \
                    and not (before == ")" and _bracket_start(doc, i - 1) is not None
                             and _rate_denominator(doc, i) is not None):  # '($2.4 billion) a year': a rate
                return _Number(i, i + 1, 1.0)
    a_scale = lower in ("a", "an") and i + 1 < len(doc) and doc[i + 1].lower_ in (
        "hundred", "thousand", "million", "billion", "dozen")
    if not a_scale and not _is_numeric(token):
        return None
    j = i
    words: list[str] = []
    while j < len(doc):
        word = doc[j].lower_
        following = _next_word(doc, j + 1)
        if word in ("m", "b") and words and not (i and doc[i - 1].lower_ in CURRENCY_SYMBOLS or following is not None
                                                 and following.pos_ in ("NOUN", "PROPN", "ADJ", "ADP")
                                                 and following.lower_ not in ("high", "long", "wide", "deep", "tall")
                                                 or following is not None and following.tag_ in ("VBN", "VBG")
                                                 and any(t.tag_ == "NNS" for t in doc[following.i + 1:following.i + 5])
                                                 or j + 2 < len(doc) and doc[j + 1].lower_ in ("to", "-", "–", "or")
                                                 and doc[j + 2].like_num):
            break  # '5 m high', '37 m (121 ft)': metres; '2 m people', '$5 m': million
        if word in ("-", "–") and words and j + 1 < len(doc) and not doc[j - 1].whitespace_ \
                and not doc[j].whitespace_ and hyphenated_value(f"{words[-1]}-{doc[j + 1].lower_}") is not None:
            words[-1] = f"{words[-1]}-{doc[j + 1].lower_}"  # 'twenty-five' split by the tokenizer, not a range
            j += 2
            continue
        if _is_numeric(doc[j]) or word in SCALE_WORDS and words or word == "dozen" \
                or word in ("a", "an") and not words and j + 1 < len(doc) and doc[j + 1].lower_ in _SCALE_OR_DOZEN:
            if words and any(ch.isdigit() for ch in word):
                break  # two numbers: '1,200 500', 'one 52,000-barrel refinery', '2.9 million 9-litre cases'
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
    if j < len(doc) and not doc[j - 1].whitespace_ and digit_value(words[-1]) is not None \
            and doc[j].lower_.rstrip(".") in SCALE_ABBREVIATIONS and doc[j].lower_ != "m" \
            and i and doc[i - 1].lower_ in CURRENCY_SYMBOLS:
        value *= SCALE_WORDS[doc[j].lower_.rstrip(".")]  # '$5.4' + 'm.' split by the tokenizer
        j += 1
    if j + 1 < len(doc) and doc[j].text in ("-", "–") and doc[j + 1].lower_ == "fold" \
            and not doc[j - 1].whitespace_ and not doc[j].whitespace_:
        return _Number(i, j + 2, value, multiplier=True)  # 'a six-fold rise', 'a 3-fold increase'
    number = _Number(i, j, value)
    return _read_range(doc, number)


def _out_of(doc: Doc, i: int, numerator: float) -> _Number | None:
    """'one in five', 'three out of four', '9 in 10': a proportion of what follows."""
    k = i + 1
    if doc[k].lower_ == "out" and k + 1 < len(doc) and doc[k + 1].lower_ == "of":
        k += 1
    elif doc[k].lower_ != "in":
        return None
    if k + 1 >= len(doc) or numerator < 1 or numerator != int(numerator):
        return None
    denominator_token = doc[k + 1]
    denominator = digit_value(denominator_token.lower_)
    if denominator is None and denominator_token.lower_ in ("two", "three", "four", "five", "six", "seven", "eight",
                                                              "nine", "ten", "hundred"):
        denominator = word_value(denominator_token.lower_) or 100.0
    if denominator is None or not numerator < denominator <= 1000 or _looks_like_year(denominator_token) \
            or _unit_at(doc, k + 2) or k + 2 < len(doc) and doc[k + 2].lower_ in SCALE_WORDS:
        return None  # 'won 2 in 3 days', '1 in 2,000 million'
    return _Number(i, k + 2, numerator / denominator, fraction=True)


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
    if lower not in ("several", "a", "few"):
        return None
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
    low_unit = number.unit or (repeated_unit[1] if repeated_unit else None)
    if repeated_unit and repeated_unit[0] < len(doc) and doc[repeated_unit[0]].lower_ in ("to", "-", "–", "and", "or"):
        j = repeated_unit[0]
    glued_to = j + 1 if j + 1 < len(doc) and doc[j].text in ("-", "–") else j  # '0-to-60', '5,000 to-8,000'
    if glued_to < len(doc) and _TO_HIGH.match(doc[glued_to].text):
        high_value = float(_TO_HIGH.match(doc[glued_to].text).group(1).replace(",", ""))
        if high_value > number.value:
            return _Number(number.start, glued_to + 1, number.value, high_value, "range", unit=number.unit)
    if j + 1 < len(doc) and doc[j].lower_ in ("to", "-", "–", "or", "and"):
        before = number.start - 1
        while before >= 0 and (doc[before].lower_ in CURRENCY_SYMBOLS or doc[before].lower_ in DOLLAR_COUNTRY):
            before -= 1
        if doc[j].lower_ == "and" and not (before >= 0 and doc[before].lower_ == "between"):
            return number
        low_currency = number.currency or (doc[number.start - 1].lower_ in CURRENCY_SYMBOLS if number.start else False)
        if before >= 0 and doc[j].lower_ == "to" and (low_unit or low_currency) and (
                doc[before].lower_ == "by" or doc[before].lemma_.lower() in UP_WORDS | DOWN_WORDS):
            return number  # 'rose 4% to 60%', 'up by $4bn to $40bn': a change and the level reached
        k = j + 1
        high_currency = False
        if doc[k].lower_ in CURRENCY_SYMBOLS and k + 1 < len(doc):
            k, high_currency = k + 1, True
        if not _is_numeric(doc[k]) and not _GLUED.match(doc[k].text):
            return number
        high = _read_number(doc, k)
        if high is None or high.value_high is not None or high.value == number.value:
            return number
        high_unit = high.unit or (_unit_at(doc, high.end) or (0, None))[1]
        high_currency = high_currency or bool(high.currency)
        if low_unit and high_unit != low_unit or high_unit and low_currency or low_currency and high_unit \
                or high_currency and low_unit:
            return number  # '9.4 per cent to $84', '0.4 per cent to 13,176': two quantities
        if _looks_like_year(doc[number.start]) and number.end == number.start + 1 and not _looks_like_year(doc[k]) \
                and not (number.start and doc[number.start - 1].lower_ in APPROXIMATORS):
            return number  # 'in 2018 to 3.9 million'; but 'about 2000 - 2500 calories' is no year
        scale = _trailing_scale(doc, high)
        low_value = number.value * scale if scale and number.value < scale and number.value < high.value / scale else number.value
        if doc[j].lower_ == "or" and not (low_value < high.value):
            return number
        if doc[j].text in ("-", "–") and high.value < low_value and not (low_unit or low_currency or high_unit
                                                                      or high_currency or number.glued or high.glued) \
                and not doc[j - 1].whitespace_ and not doc[j].whitespace_ \
                and doc[number.start].text.isdigit() and doc[k].text.isdigit():
            return number  # 'beat Charlton 2-1', 'a 9-2 lead': a score (the higher tally first), not a range
        if doc[j].lower_ in ("to", "-", "–") and before >= 0 and doc[before].lower_ == "from" and high.value < low_value:
            if high_unit and not (low_unit or low_currency or high.glued):
                number.unit = high_unit  # 'slowed from 4.8 to 4.7 percent': the unit is said once
            return number  # 'fell from $2,415 to $2,315': two levels, not a range
        low, top = sorted((low_value, high.value))
        high_symbol = CURRENCY_SYMBOLS.get(doc[j + 1].lower_) if not low_currency else None
        return _Number(number.start, high.end, low, top, "range", unit=number.unit or high.unit,
                       currency=number.currency or high.currency or high_symbol,  # '40 to $50 million'
                       glued=number.glued or high.glued)
    return number


def _trailing_scale(doc: Doc, number: _Number) -> float | None:
    last = doc[number.end - 1].lower_
    return float(SCALE_WORDS[last]) if last in ("thousand", "million", "billion") else None


def _is_excluded(doc: Doc, number: _Number) -> bool:
    first, last = doc[number.start], doc[number.end - 1]
    if number.multiplier:
        return False
    if _ORDINAL.match(first.text):
        return True
    # Model and unit designations: 'Su-34', 'S-300', 'F-16s', 'Kh-101'.
    if number.start >= 2 and doc[number.start - 1].text in ("-", "–") \
            and doc[number.start - 2].is_alpha and doc[number.start - 1].idx == doc[number.start - 2].idx + len(doc[number.start - 2]):
        return True
    if any(ch.isalpha() for ch in first.text) and any(ch.isdigit() for ch in first.text) and not number.glued:
        return True
    money = number.currency or number.start and doc[number.start - 1].lower_ in CURRENCY_SYMBOLS \
        or number.end < len(doc) and doc[number.end].lower_ in CURRENCY_AFTER
    measured = money or number.unit or _unit_at(doc, number.end)
    if not measured and number.end - number.start == 1 and number.value_high is None and number.start:
        before = doc[number.start - 1]
        if before.lower_ in LABEL_NOUNS and before.lower_ != "number" or before.pos_ == "PROPN" and (
                any(ch.isupper() for ch in before.text) or "&" in before.text) and not before.is_sent_start \
                and before.ent_type_ not in ("GPE", "LOC", "NORP", "DATE") and first.text.isdigit():
            return True  # 'category 4', 'S&P 500', 'iPhone 11 Pro': a label, not a quantity
        if before.pos_ == "NOUN" and before.text[:1].isupper() and before.text[1:].islower() \
                and not before.is_sent_start and first.text.isdigit() and before.ent_type_ not in ("DATE", "NORP") \
                and ((noun := _counted_noun(doc, number)) is None or noun.tag_ == "NN"):
            return True  # 'the Sector 4 volunteer project': a capitalised noun the tagger missed as a name
        if before.lower_ in INDEX_NAMES or before.lower_ == "p" and number.start >= 2 \
                and doc[number.start - 2].lower_ in ("s", "s&"):
            return True  # 'the Stoxx 600 index', 'the sp 500', 'the S P 500': the name of a market index
    bare_digits = not measured and number.end - number.start == 1 and number.value_high is None \
        and first.text.isdigit()
    if bare_digits and (noun := _counted_noun(doc, number)) is not None and noun.lower_ in CODE_NOUNS:
        return True  # 'the 61000 postcode', 'the 380 area code': a code, not a count
    if bare_digits and int(first.text) % 10 and len(first.text) <= 4 and number.end < len(doc):
        name = doc[number.end]
        if name.text[:1].isupper() and name.text[1:].islower() and name.tag_ in ("NNP", "NN") \
                and name.ent_type_ not in ("NORP", "GPE", "LOC") and not _unit_at(doc, number.end) \
                and name.lower_ not in CURRENCY_AFTER and name.lower_ not in CURRENCY_MODIFIERS:
            counted = _named_model_head(doc, number) is not None  # '96 Liverpool fans', '18 Leopard 2 tanks'
            counted_before = number.start >= 2 and doc[number.start - 1].pos_ == "ADJ" and any(
                _is_numeric(t) for t in doc[max(0, number.start - 3):number.start - 1])  # 'two new 737 Max jets'
            if not counted or counted_before:
                return True  # '787 Dreamliner', '11 Pro Max', 'two new 737 Max jets': a model number in a name
    if not measured and first.text.isdigit() and any(
            t.lower_.rstrip(".") in STREET_WORDS and t.text[:1].isupper() for t in doc[number.end:number.end + 4]) \
            and number.end < len(doc) and doc[number.end].text[:1].isupper():
        return True  # '575 Wilbraham Road'
    if number.end + 1 < len(doc) and doc[number.end].lower_ in ("year", "month", "week", "day") \
            and doc[number.end + 1].lower_ == "ago" and first.lower_ in ("a", "an"):
        return True  # 'a year ago' dates something
    if number.start >= 2 and doc[number.start - 1].text in ("-", "–") and doc[number.start - 2].like_num \
            and not doc[number.start - 1].whitespace_ and not measured:
        return True  # the second score of '2-2' or '89-89'
    if number.start and first.is_alpha and first.text[:1].isupper() and not first.is_sent_start \
            and number.end - number.start == 1 and not measured and doc[number.start - 1].text[:1].isupper() \
            and doc[number.start - 1].pos_ == "PROPN" and doc[number.start - 1].is_alpha:
        return True  # 'the Kick Six win', 'the Final Four': a capitalised number word inside a name
    if number.start and doc[number.start - 1].lower_ in ("covid", "sars-cov", "mers-cov"):
        return True  # 'COVID -19 tests': part of the disease's name
    if not measured and re.match(r"^\d{1,4}$", first.text) and (
            number.start and doc[number.start - 1].text in ERA_MARKERS
            or number.start >= 3 and doc[number.start - 1].lower_ in ("and", "to", "-", "–")
            and doc[number.start - 2].is_digit and doc[number.start - 3].text in ERA_MARKERS
            or number.end < len(doc) and doc[number.end].text in ERA_MARKERS):
        return True  # 'between A.D. 1000 and 1260', '44 BC': years of an era
    if first.text.startswith("0") and first.text.isdigit() and len(first.text) > 1:
        return True  # '09', '0401': part of a date, time or code
    if number.value_high is not None and not measured and all(
            re.match(r"^1\d{3}$|^20\d\d$", doc[k].text) for k in (number.start, number.end - 1)) \
            and not (number.end < len(doc) and doc[number.end].tag_ == "NNS"):
        return True  # 'between 1600 and 1900': years; but 'from 1000 to 2000 hires' counts
    if not measured and number.end + 1 < len(doc) and doc[number.end].text in ("-", "–") \
            and not doc[number.end - 1].whitespace_ and doc[number.end + 1].like_num:
        return True  # '2-2', '89-89': a score
    if not measured and number.end < len(doc) and doc[number.end].text in ("-", "–") and number.end + 1 < len(doc) \
            and _suspended_unit(doc, number.end) is None \
            and doc[number.end + 1].is_alpha and doc[number.end + 1].lower_ not in (
                "kilometre", "kilometer", "km", "mile", "metre", "meter", "year", "month", "week", "day", "hour",
                "minute", "square", *HYPHEN_COUNTED):  # a four-cylinder engine counts cylinders
        if not doc[number.end + 1].lower_.endswith(("year", "day", "hour")):
            return True  # '1-ranked'; hyphen compounds that are not measures
    window = doc[max(0, number.start - 2): min(len(doc), number.end + 2)]
    words = {t.lower_.rstrip(".") for t in window if t.lower_ not in ("may", "march") or t.text[:1].isupper()}
    if measured:  # ('may' and 'march' are months only with a capital: 'men aged 18 to 60 may not leave')
        words = set()  # '$20 in May', '5% in March': money and measures are not dates
    if words & MONTHS and (first.like_num and digit_value(first.text) is not None and digit_value(first.text) <= 31
                           or _looks_like_year(first)):
        return True
    if first.like_num and not measured and (
            number.start and (doc[number.start - 1].lower_ in WEEKDAYS or number.start >= 2
                              and doc[number.start - 1].lower_ in (",", "the")
                              and doc[number.start - 2].lower_ in WEEKDAYS)
            and (digit_value(first.text) or 0) <= 31
            or number.end < len(doc) and doc[number.end].lower_ in WEEKDAYS) \
            and not (number.end < len(doc) and doc[number.end].tag_ == "NNS"):
        return True  # 'Friday 13', 'Sunday, 6': a day of the month; but 'killed 3 on Monday' counts
    if not measured and number.end == number.start + 1 and re.match(r"^21\d\d$", first.text) and number.start \
            and doc[number.start - 1].lower_ in ("by", "in", "until", "till", "before", "after", "through") \
            and _counted_noun(doc, number) is None:
        return True  # 'by 2100', 'until 2150': a year of the next century, not an amount
    if _looks_like_year(first) and number.end == number.start + 1 and not money and not number.glued:
        unit = _unit_at(doc, number.end)
        noun = _counted_noun(doc, number)
        after = doc[number.end] if number.end < len(doc) else None
        if not unit and (noun is None or noun.tag_ in ("NN", "NNP")
                         or after is not None and after.tag_ == "NN" and after.lower_ not in CURRENCY_MODIFIERS
                         and int(first.text) % 100):
            # 'in 2014', 'a 1988 film', 'the 2017 tax cuts': a year, not a count; a round '2000 rifle rounds' counts
            return True
    if number.end < len(doc) and doc[number.end].text in (":", ".") and number.end + 1 < len(doc) \
            and doc[number.end + 1].is_digit and doc[number.end].whitespace_ == "":
        return True  # clock time '10:30'
    if number.end < len(doc) and doc[number.end].lower_ in ("am", "pm", "a.m.", "p.m.", "gmt", "utc", "o'clock"):
        return True
    if first.lower_ == "one" and number.end == number.start + 1:
        nxt = doc[number.end] if number.end < len(doc) else None
        if nxt is not None and any(ch.isdigit() for ch in nxt.text):
            return True  # 'the one 12km north of the town', 'one 52,000-barrel refinery'
        if nxt is not None and nxt.lower_ == "of" and _one_of_group(doc, number):
            return False  # 'one of the hostages', as 'two of the hostages'
        if nxt is None or nxt.lower_ in ("of", "another", "'s", "who", "which", "that") or first.dep_ not in ("nummod", "quantmod"):
            return not (nxt is not None and _unit_at(doc, number.end))
    if first.text.startswith(("+", "0")) and len(first.text) > 6:
        return True  # phone numbers and ids
    if last.ent_type_ in ("ORG", "PRODUCT", "LAW", "WORK_OF_ART", "FAC") and number.end - number.start == 1 \
            and first.ent_iob_ != "B" and not measured:
        return True  # 'Brigade 47', 'Resolution 2231'
    return False


def _one_of_group(doc: Doc, number: _Number) -> bool:
    """'one of the hostages', 'one of his drones': one member of a group named by a plural noun, a count like
    'two of the hostages'; not a ranking ('one of the largest attacks', 'one of the most intense') nor a kind
    ('one of a kind') nor a pronoun ('one of them'), nor what something is ('the town is one of the cities'), nor one
    of a group whose size is given ('one of the four depots': the four is the figure)."""
    after = number.end + 1
    if after >= len(doc) or doc[after].lower_ in ("a", "an"):
        return False
    one = doc[number.start]
    role = one.head.dep_ if one.dep_ == "conj" else one.dep_
    if role in ("attr", "appos") or number.start >= 2 and doc[number.start - 1].text == "," \
            and doc[number.start - 2].pos_ in ("PROPN", "NOUN"):
        return False  # 'Izyum was one of the cities retaken', 'Lviv, one of the cities hit': what it is, no count
    if number.start >= 2 and doc[number.start - 1].lower_ == "to" and doc[number.start - 2].lower_ in ("close", "next"):
        return False  # 'trucks close to one of the reactors': where, not how many
    noun = _counted_noun(doc, number)
    return noun is not None and noun.tag_ in ("NNS", "NNPS") and noun.pos_ in ("NOUN", "PROPN") \
        and not any(t.tag_ in ("JJS", "RBS") or t.like_num for t in doc[after:noun.i])


def _suspended_stem(text: str) -> float | None:
    """The number of a suspended hyphen written as one token: '7-' -> 7.0, 'four-' -> 4.0."""
    if not text.endswith(("-", "–")) or len(text) < 2:
        return None
    stem = text[:-1]
    value = digit_value(stem)
    return value if value is not None else word_value(stem)


def _suspended_tail(doc: Doc, j: int) -> int | None:
    """For a suspended hyphen ('7-' in '7- or 8-inch', 'four-' in 'four-, five- and six-cylinder'), the index of
    the hyphen of the last number of the list, before the word they all share."""
    if j and _suspended_stem(doc[j - 1].text) is not None:
        j -= 1  # '7-' as one token
    elif not (j + 1 < len(doc) and doc[j].text in ("-", "–")):
        return None
    if not (j + 2 < len(doc) and doc[j + 1].lower_ in ("or", "and", ",")):
        return None  # not 'to': '2- to 3-year' is a range, read elsewhere
    for k in range(j + 2, min(len(doc) - 2, j + 9)):
        if _is_numeric(doc[k]) and doc[k + 1].text in ("-", "–") and not doc[k].whitespace_:
            if doc[k + 1].whitespace_:
                continue  # another suspended number: '4-, 5- and 6-kilometre'
            return k + 1
        if doc[k].lower_ not in ("or", "and", ",", "-", "–") and _suspended_stem(doc[k].text) is None:
            return None
    return None


def _suspended_unit(doc: Doc, j: int) -> str | None:
    """The unit of a suspended hyphen: after '7' in '7- or 8-inch', '4-, 5- and 6-kilometre', the unit of the
    last number of the list."""
    tail = _suspended_tail(doc, j)
    unit = _unit_at(doc, tail) if tail is not None else None
    return unit[1] if unit else None


def _suspended_noun(doc: Doc, j: int) -> str | None:
    """The counted word of a suspended hyphen: 'cylinder' after 'four' in 'four-, five- and six-cylinder engines',
    when the last number of the list counts it ('six-cylinder' is a figure: HYPHEN_COUNTED)."""
    tail = _suspended_tail(doc, j)
    if tail is None or tail + 1 >= len(doc) or doc[tail].whitespace_:
        return None
    word = doc[tail + 1].lower_
    return word if word in HYPHEN_COUNTED else None


def _looks_like_year(token: Token) -> bool:
    return bool(re.match(r"^(1[89]\d\d|20\d\d)$", token.text))


def _unit_at(doc: Doc, j: int) -> tuple[int, str] | None:
    """(end token index, unit) of a measure unit starting at token j, if any."""
    if j < len(doc) and doc[j].text in ("-", "–") and j + 1 < len(doc):
        j += 1  # '5-kilometre stretch'
    if j >= len(doc):
        return None
    if doc[j].text == "g" and j and not doc[j - 1].whitespace_:
        return j + 1, "g"  # '450g' split by the tokenizer; not 'G' ('5G networks')
    if doc[j].text == "Nm":
        return j + 1, "Nm"  # newton metres of torque; 'nm' is nanometres
    first = doc[j].lower_
    if first not in _UNITS_BY_FIRST_WORD and first.endswith(("-", "–")):
        first = first.rstrip("-–")  # '287 miles- and': a dash glued to the unit
    for words, unit in _UNITS_BY_FIRST_WORD.get(first, ()):
        if all(doc[j + k].lower_ == word or k == len(words) - 1 and doc[j + k].lower_ == word + "."
               for k, word in enumerate(words[1:], 1) if j + k < len(doc)) \
                and j + len(words) <= len(doc):  # 'sq m.' at the end of a sentence
            if unit == "m" and doc[j].text == "m" and j + 1 < len(doc) and doc[j + 1].pos_ in ("NOUN", "PROPN"):
                return None  # '2m people': m is million, handled as a scale word
            if words[-1] == "of":
                return j + len(words) - 1, unit  # 'pounds of flour': 'of' only tells the weight from the money
            return j + len(words), unit
    return None


def _fraction_of_measure(doc: Doc, number: _Number) -> tuple[int, str] | None:
    """'a quarter of a mile', '1/16 of a US pint': a fraction of one measure unit is an amount in that unit
    (end token index, unit)."""
    if not (number.fraction or number.value < 1 and doc[number.end - 1].lower_ in FRACTION_WORDS):
        return None
    j = number.end
    if j + 2 >= len(doc) or doc[j].lower_ != "of" or doc[j + 1].lower_ not in ("a", "an", "one"):
        return None
    j += 2
    if doc[j].text in ("US", "U.S.", "imperial", "Imperial"):
        j += 1
    return _unit_at(doc, j)


def _named_model_head(doc: Doc, number: _Number) -> int | None:
    """The plural noun a number counts across a name written after it: '96 Liverpool fans', '18 Leopard 2
    tanks', '4 Kalibr cruise missiles' (the name, its own designation, common nouns before the head)."""
    k = number.end
    if k >= len(doc) or not doc[k].text[:1].isupper():
        return None
    while k < min(len(doc), number.end + 5) and (
            doc[k].text[:1].isupper() and doc[k].pos_ in ("PROPN", "NOUN")
            or k > number.end and doc[k].lower_ in COORDINATORS and k + 1 < len(doc) and doc[k + 1].text[:1].isupper()
            and doc[k - 1].text[:1].isupper()  # '15 Leopard and Abrams tanks'
            or k > number.end and doc[k].text.isdigit() and doc[k - 1].text[:1].isupper()
            or k > number.end and doc[k].tag_ in ("NN", "VBG") and doc[k].text.islower()
            or _MODEL_CODE.match(doc[k].text)):  # 'Shahed-136', which the tagger may call punctuation
        k += 1
    return k if k < len(doc) and doc[k].tag_ == "NNS" else None


def _counted_noun(doc: Doc, number: _Number) -> Token | None:
    """The noun the number counts: its syntactic head when that follows closely, or the object of
    'of' in partitives ('dozens of drones', '13 of whom')."""
    last = doc[number.end - 1]
    j = number.end
    if j < len(doc) and doc[j].lower_ == "of" and j + 1 < len(doc):
        for k in range(j + 1, min(len(doc), j + 5)):
            if doc[k].tag_ in ("PRP$", "POS") or doc[k].dep_ == "poss" and doc[k].head.i > k:
                continue  # '35m of its devices', 'two of Johnson's deputies'
            if any(ch.isdigit() for ch in doc[k].text) or doc[k].lower_ in SCALE_ABBREVIATIONS \
                    and any(ch.isdigit() for ch in doc[k - 1].text) and not doc[k - 1].whitespace_:
                continue  # 'thousands of COVID -19 tests', 'dozens of 155mm shells', 'half of the 20K reservists'
            if doc[k].pos_ in ("NOUN", "PROPN", "PRON"):
                if doc[k].dep_ == "compound" and k < doc[k].head.i <= k + 3 and doc[k].head.pos_ == "NOUN":
                    return doc[k].head  # 'four of his childhood years', '35m of its Echo devices'
                if doc[k].dep_ in ("nmod", "amod", "compound") and k < doc[k].head.i <= k + 4 \
                        and doc[k].head.pos_ == "NOUN" and k + 1 < len(doc) and doc[k + 1].lower_ in COORDINATORS:
                    return doc[k].head  # 'dozens of Kia and Hyundai vehicles'
                if doc[k].pos_ == "PROPN" and doc[k].ent_type_ in ("GPE", "LOC"):
                    return None
                return doc[k]
            if doc[k].pos_ not in ("DET", "ADJ", "NUM", "PUNCT", "VERB", "ADV") \
                    and not (doc[k].lower_ in COORDINATORS and k > j + 1):
                break  # but 'dozens of Russian and Belarusian trucks'
        return None
    if last.dep_ == "predet" and last.lower_ == "half" and last.head.i >= number.end:
        return _possessed(last.head)  # 'half the residents', 'half the city's population'
    named = _named_model_head(doc, number)
    if named is not None and (doc[number.end].pos_ == "PROPN" or doc[number.end].ent_type_):
        return doc[named]  # '18 Leopard 2 tanks', '4 Kalibr cruise missiles': the parse may hang it on the name
    head = last.head
    if last.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and head.pos_ in ("NOUN", "PROPN", "ADJ") and (
            number.end <= head.i <= number.end + 4 or number.end <= head.i <= number.end + 7 and all(
                number.end <= t.head.i <= head.i and not t.is_sent_start and not _is_numeric(t)
                and (t.pos_ in ("ADJ", "ADV", "NOUN", "PROPN", "VERB") or t.text in ("-", "–") and not t.whitespace_
                     or t.text in QUOTES or t.lower_ in COORDINATORS and t.i > number.end)
                for t in doc[number.end:head.i])):
        # 'about 20 decently sized coal-fired power plants', '117 “aircraft-type” drones': modifiers between
        if head.lower_ in ("year", "week", "month", "day") and head.i and doc[head.i - 1].lower_ in ("last", "this", "next"):
            return None  # '2.1 last year': the noun dates the figure, it is not what is counted
        if head.pos_ == "ADJ" and head.dep_ in ("amod", "nmod") and head.head.tag_ == "NNS" \
                and head.i < head.head.i <= head.i + 4 and doc[head.i + 1].lower_ in COORDINATORS \
                and not any(_is_numeric(t) for t in doc[head.i + 1:head.head.i]):
            return head.head  # '2.1M digital and physical albums': the number hangs on the first adjective
        if head.pos_ == "ADJ":
            coordinated = [t for t in head.children if t.dep_ == "conj" and t.pos_ == "NOUN" and t.tag_ == "NNS"
                           and head.i < t.i <= head.i + 4 and doc[head.i + 1].lower_ in COORDINATORS
                           and not any(_is_numeric(u) for u in doc[head.i + 1:t.i])]
            if coordinated:
                return coordinated[0]  # '4.3M digital and physical sales' parsed with 'sales' as a conjunct
        return head
    if j < len(doc) and doc[j].pos_ in ("NOUN",) and doc[j].tag_ in ("NNS", "NN"):
        return doc[j]
    if j < len(doc) and doc[j].tag_ in ("VBN", "VBG") and doc[j].dep_ == "amod" and doc[j].head.tag_ == "NNS" \
            and j < doc[j].head.i <= j + 4 and not any(_is_numeric(t) for t in doc[j:doc[j].head.i]):
        return doc[j].head  # '2.7m combined digital and physical sales': the parser left the number aside
    return None


def _possessed(token: Token) -> Token:
    """The noun a possessive belongs to: 'population' for 'city' in 'the city's population'."""
    if token.dep_ == "poss" and token.head.i > token.i and token.head.pos_ == "NOUN":
        return token.head
    return token


# Nouns that make a phrasal noun with 'up' ('the lead-up to', 'the run up to', 'the build-up to'): the time before
# something, so the 'up to' after them is no upper bound.
UP_NOUNS = frozenset({"lead", "run", "build", "leadup", "runup", "buildup"})
NOUN_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "its", "their", "his", "her", "our", "your"})


def _phrasal_up(doc: Doc, up: int) -> bool:
    """Whether the 'up' at index up belongs to the word before it: 'the lead up to 3G', 'in the run-up to', 'in the
    days leading up to'."""
    k = up - 1
    hyphen = k >= 1 and doc[k].text in ("-", "–") and not doc[k].whitespace_ and not doc[k - 1].whitespace_
    if hyphen:
        k -= 1
    if k < 0:
        return False
    word = doc[k].lower_
    if word == "leading":
        return True  # 'in the weeks leading up to 2 rounds of talks'
    return word in UP_NOUNS and (hyphen or k >= 1 and doc[k - 1].lower_ in NOUN_DETERMINERS)


def _qualifier_start(doc: Doc, start: int) -> tuple[int, str | None]:
    for words, qualifier in QUALIFIER_PHRASES:
        begin = start - len(words)
        if begin < 0:
            continue
        if words == ("up", "to") and _phrasal_up(doc, begin):
            continue  # 'the lead up to 3G': 'up' ends the noun 'lead up', not 'at most'
        if tuple(t.lower_ for t in doc[begin:start]) == words:
            # 'just' after the phrase: 'more than just 3' is rare; 'some' as a determiner before vague words is not a qualifier.
            return begin, qualifier
    return start, None


def _figure(doc: Doc, number: _Number, places: Sequence[PlaceMention],
            sentences: _Sentences | None = None) -> Figure | None:
    start, end = number.start, number.end
    start, currency = _currency(doc, number)
    if currency is None and end < len(doc) and doc[end].lower_ in CURRENCY_AFTER \
            and not (end + 1 < len(doc) and doc[end + 1].like_num):
        currency, end = CURRENCY_AFTER[doc[end].lower_], end + 1  # '110 JPY', '1,200 €'
    qualifier = number.qualifier
    qualifier_start, found = _qualifier_start(doc, start)
    if found and qualifier in ("exact",):
        qualifier, start = found, qualifier_start
    elif found and qualifier == "vague" and found != "approximate" or found == "approximate" and qualifier == "range":
        start = qualifier_start  # the surface keeps the qualifier: 'about 2,000-2,500 troops' (still a range)
    unit_found = None if number.unit or currency else _unit_at(doc, number.end) or _fraction_of_measure(doc, number)
    if unit_found is None and not (number.unit or currency) and _suspended_unit(doc, number.end):
        unit_found = number.end + 1, _suspended_unit(doc, number.end)  # '7- or 8-inch screens'
    counts: str | None = None
    if currency is not None:
        unit, counts = "count", currency
    elif number.unit:
        unit, counts = number.unit, _measured_noun(doc, end)
    elif unit_found:
        end, unit = unit_found
        noun = _measured_noun(doc, end)
        counts = noun
    else:
        unit = "fraction" if number.fraction or number.value < 1 and doc[number.end - 1].lower_ in FRACTION_WORDS \
            else "count"
        noun = _counted_noun(doc, number) if number.counts is None else None
        if number.counts is not None:
            counts = number.counts  # 'four-' of 'four-, five- and six-cylinder engines'
        elif (number.multiplier or number.end < len(doc) and doc[number.end].lower_ == "times") \
                and (noun is None or noun.i <= number.end):
            # a multiplier: 'more than 3,200 times', 'three times as high', 'sixfold'; but 'seven times the
            # area', '12 times earnings' keep what is multiplied
            counts, noun = "times", None
            end = max(end, number.end + (0 if number.multiplier else 1))
        elif number.end + 1 < len(doc) and doc[number.end].lower_ in CURRENCY_MODIFIERS \
                and doc[number.end + 1].pos_ in ("NOUN", "PROPN", "ADJ"):
            # 'a million dollar house', 'a 10 billion euro fund': the money, not the thing it buys
            counts, noun = CURRENCY_MODIFIERS[doc[number.end].lower_], None
            end = max(end, number.end + 1)
        elif number.end < len(doc) and (doc[number.end].lower_.rstrip(".") in PER_GAME
                                        or doc[number.end].text in SPORT_STATS):
            word = doc[number.end].text
            counts, noun = SPORT_STATS.get(word) or PER_GAME[word.lower().rstrip(".")], None  # '15.3 ppg'
            end = max(end, number.end + 1)
        if noun is None and counts is None and unit == "count" and number.end + 2 < len(doc) \
                and doc[number.end].lower_ in ("up", "down") and _is_numeric(doc[number.end + 1]) \
                and doc[number.end + 2].lower_ in ("points", "pts"):
            counts = "points"  # '(16,412.5 up 61.3 points)': an index level, in points
        if noun is None and counts is None and unit == "count" and (
                _appositive_age(doc, number) or _copula_age(doc, number) or _age_context(doc, number)):
            unit, counts = "years", "age"  # 'Olena Kurylo, 52, was injured', 'she was 35', 'aged 18 to 60'
        if noun is not None:
            if noun.lower_ in CURRENCY_WORDS:
                counts = noun.lower_
                first = noun.i
                while first - 1 >= number.end and doc[first - 1].text[:1].isupper() \
                        and doc[first - 1].pos_ in ("ADJ", "PROPN"):
                    first -= 1  # 'Australian dollars', 'New Zealand dollars', 'Danish crowns'
                if first < noun.i:
                    counts = " ".join(t.text for t in doc[first:noun.i + 1])
            else:
                counts = _counted_phrase(doc, number, noun)
            if noun.i < number.end + 8 and not any((_is_numeric(t) or _is_measure_token(t)) and not _is_designation(doc, t)
                                                   for t in doc[number.end:noun.i]):
                end = max(end, noun.i + 1)  # not over another number: '280 million of the 1.5 billion shekels'
        elif counts is not None:
            pass  # a multiplier or a per-game average
        elif number.end < len(doc) and doc[number.end].tag_ in ("VBN", "JJ") \
                and doc[number.end].lower_ in CASUALTY_WORDS:
            counts, end = doc[number.end].lower_, number.end + 1  # '24 wounded', 'three dead'
        elif unit == "count" and number.qualifier != "vague" and not _quantifies_something(doc, number) \
                and not (number.glued and _GLUED_SCALE.match(doc[number.end - 1].text)):
            return None  # but '25k', '$5.4m' are amounts on their own
    if qualifier == "more_than" and unit in TIME_UNITS and doc[start].lower_ == "over" and start + 1 == number.start \
            and not (start and doc[start - 1].lower_ in LONGER_THAN_CUES) \
            and not (end < len(doc) and doc[end].lower_ in ("ago", "old", "later", "earlier")):
        qualifier, start = "exact", number.start  # 'killed 14 over three days': during, not 'more than'
    if unit == "years" and not counts and _age_context(doc, number):
        counts = "age"  # 'under the age of 5 years'
    if unit in TIME_UNITS and end < len(doc) and (doc[end].lower_ == "old" or doc[end].text in ("-", "–")
                                                  and end + 1 < len(doc) and doc[end + 1].lower_ == "old"):
        # '15 year-old', '30 years old', 'a 6-month-old baby', 'three weeks old': an age
        end = end + 1 if doc[end].lower_ == "old" else end + 2
        counts = counts or "age"
    per = _rate_denominator(doc, end)
    if per is None and (bracketed := _rate_after_brackets(doc, start, end)) is not None:
        per = end, bracketed  # '9 billion shekels ($2.4 billion) a year': both amounts are per year
    if per is not None:
        end, denominator = per  # '$58 a barrel', '$14.95 a month', '3,000 tests per day'
        if unit == "count" and counts:
            counts = f"{counts} per {denominator}"
        elif unit not in ("count", "fraction", "percent") and not counts:
            unit = _rate_unit(unit, denominator)  # '800,000 barrels a day', '40 hours a week'
    char_start, char_end = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    return Figure(
        char_start=char_start,
        char_end=char_end,
        surface=doc[start:end].text,  # == doc.text[char_start:char_end], without joining the whole doc
        value=number.value,
        value_high=number.value_high,
        unit=unit,
        counts=counts,
        qualifier=qualifier,
        place=_place_of(doc, start, end, places, sentences),
        direction=_direction(doc, number, start, end, counts_things=unit == "count" and currency is None
                             and (counts or "").lower() not in NON_THING_COUNTS,
                             measure=unit not in ("count", "percent", "fraction"),  # '-5 C' is a level
                             distance=unit in DISTANCE_UNITS, duration=unit in TIME_UNITS),
    )


# A measure per something is named like SI rate units ('metre per second'): the singular name of the
# measure, 'per', the denominator. A few rates have their own symbol.
RATE_MEASURE_NAMES = {"barrels": "barrel", "m": "metre", "km": "kilometre", "mi": "mile", "t": "tonne", "kg": "kilogram",
                      "ton": "ton",
                      "g": "gram", "l": "litre", "gal": "gallon", "ft": "foot", "cm": "centimetre", "mm": "millimetre",
                      "years": "year", "months": "month", "weeks": "week", "days": "day", "hours": "hour",
                      "minutes": "minute", "seconds": "second", "acres": "acre", "ha": "hectare", "degrees": "degree"}
NAMED_RATES = {("km", "hour"): "km/h", ("mi", "hour"): "mph", ("ft", "second"): "ft/s"}
SLASH_DENOMINATORS = {"h": "hour", "hr": "hour", "hrs": "hour", "hour": "hour", "s": "second", "sec": "second",
                      "min": "minute", "d": "day", "day": "day", "yr": "year", "year": "year", "week": "week",
                      "month": "month"}


def _rate_unit(unit: str, denominator: str) -> str:
    per = denominator.lower()
    per = {"hr": "hour", "sec": "second", "yr": "year"}.get(per, per)
    return NAMED_RATES.get((unit, per)) or f"{RATE_MEASURE_NAMES.get(unit, unit)} per {per}"


AREA_NAMES = {"m2": "square metre", "ft2": "square foot", "km2": "square kilometre"}


def _rate_denominator(doc: Doc, end: int) -> tuple[int, str] | None:
    """'a barrel', 'per share', 'an ounce', 'a-year', 'per square foot', '/hr', '-a-day' right after a figure:
    (new end, what per)."""
    if end + 1 >= len(doc):
        return None
    word = doc[end].lower_
    if word == "/" and not doc[end - 1].whitespace_ and doc[end + 1].lower_ in SLASH_DENOMINATORS:
        return end + 2, SLASH_DENOMINATORS[doc[end + 1].lower_]  # '100km/hr', '9 m/s'
    if word in ("-", "–") and end + 3 < len(doc) and doc[end + 1].lower_ in ("a", "per") \
            and doc[end + 2].text in ("-", "–") and doc[end + 3].lower_ in RATE_DENOMINATORS:
        return end + 4, doc[end + 3].lower_  # '52,000 barrel-a-day refinery'
    if end + 2 < len(doc) and doc[end + 2].lower_ in ("ago", "earlier", "later", "before", "after"):
        return None  # '2,700 a decade ago'
    if word in ("a-year", "a-month", "a-day", "a-week"):
        return end + 1, word[2:]
    if word not in ("a", "an", "per", "each", "every"):
        return None
    if doc[end + 1].text in ("-", "–") and end + 2 < len(doc) and doc[end + 2].lower_ in RATE_DENOMINATORS \
            and not doc[end].whitespace_:
        return end + 3, doc[end + 2].lower_  # '£24 a-year' split by the tokenizer
    unit = _unit_at(doc, end + 1)
    if unit and unit[1] in AREA_NAMES:
        return unit[0], AREA_NAMES[unit[1]]  # '$80 per sq m' -> per square metre
    noun = doc[end + 1]
    if noun.lower_ in RATE_DENOMINATORS or noun.lemma_.lower() in RATE_DENOMINATORS \
            or word == "per" and noun.tag_ == "NN":  # 'per ticket'; after 'a' only the usual denominators
        if end + 2 < len(doc) and doc[end + 2].lower_ == "of" or word == "every" and noun.lower_ not in (
                "year", "month", "week", "day", "hour", "minute", "second"):
            return None
        return end + 2, noun.text
    return None


def _bracket_start(doc: Doc, close: int) -> int | None:
    """The '(' that the ')' at close ends, when the brackets hold a number: '($2.4 billion)', '(US $4.46)'."""
    for k in range(close - 1, max(-1, close - 9), -1):
        if doc[k].text == "(":
            inside = doc[k + 1:close]
            return k if any(_is_numeric(t) or _is_measure_token(t) for t in inside) else None
        if doc[k].text == ")" or doc[k].is_sent_start:
            return None
    return None


def _rate_after_brackets(doc: Doc, start: int, end: int) -> str | None:
    """What an amount is per when the rate follows a restatement in brackets: '9 billion shekels ($2.4 billion) a
    year', 'C $6 (US $4.46) per share': the amount before the brackets and the one inside them."""
    if end >= len(doc):
        return None
    if doc[end].text == "(":
        close = next((k for k in range(end + 1, min(len(doc), end + 9)) if doc[k].text in (")", "(")), None)
        if close is None or doc[close].text != ")" or _bracket_start(doc, close) != end:
            return None
    elif doc[end].text == ")":
        close = end
        opening = _bracket_start(doc, close)
        if opening is None or opening < start - 2:
            return None  # the figure must open the brackets: '($2.4 billion)', '(about $5)'
    else:
        return None
    per = _rate_denominator(doc, close + 1)
    return per[1] if per is not None else None


UP_WORDS = frozenset("""rise rose risen increase grow grew grown climb jump gain surge soar add raise boost swell
rebound advance widen expand double triple up increase hike spike rally""".split())
DOWN_WORDS = frozenset("""fall fell fallen drop decline decrease slip lose lost cut reduce plunge slump shed sink
sank tumble dip shrink shrank contract narrow slide slid ease retreat plummet lower down decrease""".split())
CHANGE_NOUNS_UP = frozenset({"increase", "rise", "gain", "jump", "surge", "growth", "hike", "spike", "boost"})
CHANGE_NOUNS_DOWN = frozenset({"decrease", "drop", "decline", "fall", "cut", "loss", "reduction", "dip", "slump"})


# Troops that advance or retreat 3 km move; shares that advance 2% change in value.
MOVEMENT_VERBS = frozenset({"advance", "retreat"})
DISTANCE_UNITS = frozenset({"km", "mi", "m", "ft", "yd"})


# Verbs whose object is what changed hands ('lost 200 tanks', 'gained 3 villages'): with a count
# of things they give the count, not the size of a change.
TRANSITIVE_CHANGE_VERBS = frozenset({"lose", "gain", "add", "cut", "shed", "raise", "boost", "reduce", "lower",
                                     "double", "triple", "expand", "lost"})
# The same as nouns: 'Russian losses: 40 tanks', 'gains: 3 villages' count what was lost or taken.
TRANSITIVE_CHANGE_NOUNS = frozenset({"loss", "gain", "cut"})


def _direction(doc: Doc, number: _Number, start: int, end: int, counts_things: bool = False,
               measure: bool = False, distance: bool = False, duration: bool = False) -> str | None:
    """'rose 4%', 'fell by 0.6%', 'down 3 points', 'a 5% increase', 'an increase of 30', '+0.3%': the figure
    is the size of a change, up or down. A level reached ('rose to 60%', 'at 5,884') is not a change size, nor
    is a figure the change verb only governs through something else: the subject that changes ('a market of
    over 2 billion is growing'), a thing the figure describes ('added a 30-metre tower'), a known amount
    ('raised it to 16 instead of the 12')."""
    sign = doc[number.start].text[:1]
    if sign in ("+", "-", "−") and not counts_things and not measure and number.value_high is None \
            and not (number.start and doc[number.start - 1].whitespace_ == "" and doc[number.start - 1].is_alpha):
        return "up" if sign == "+" else "down"  # 'Nasdaq +0.8%', 'FTSE -0.6%'
    before = doc[start - 1].lower_ if start else ""
    if before in ("at", "to", "from", "of", "in", "on", "with", "for", "since", "around", "near"):
        return None
    definite = before in ("the", "this", "that", "these", "those")  # 'the 7% rise' is a change; 'doubled the 12' not
    if before in ("up", "down") and not counts_things:
        return before  # 'trending up 0.2%', 'shares were down 2.3%'
    if start and doc[start - 1].pos_ == "VERB" and not counts_things:
        lemma = doc[start - 1].lemma_.lower()
        if distance and lemma in MOVEMENT_VERBS:
            return None
        if lemma in UP_WORDS:
            return "up"  # 'rose 4% to 60%': the parser may hang the figure on the level
        if lemma in DOWN_WORDS:
            return "down"
    token = doc[number.end - 1]
    # climb out of the figure itself ('4 cents', '0.6 %') to what governs it
    while token.head is not token and token.head.i != token.i and (
            token.head.i < max(end, number.end + 3) and token.head.i >= number.start
            and token.head.pos_ in ("NOUN", "NUM", "PROPN", "SYM", "X")
            and token.head.lemma_ not in CHANGE_NOUNS_UP | CHANGE_NOUNS_DOWN):
        token = token.head
    if token.dep_ in ("nsubj", "nsubjpass", "csubj"):
        if token.head.i == token.i + 1 and token.head.lower_ in CHANGE_NOUNS_UP | CHANGE_NOUNS_DOWN:
            return "up" if token.head.lower_ in CHANGE_NOUNS_UP else "down"  # '(2 points drop)' parsed as a verb
        return None  # what changes, not by how much
    head, via = token.head, None
    if token.i >= end and head.lemma_.lower() not in CHANGE_NOUNS_UP | CHANGE_NOUNS_DOWN:
        # the figure describes a thing ('added a 40 metre bridge'); '15 to 18 percent pay rises' is a change
        return None
    if head.pos_ == "ADP":
        via, head = head.lower_, head.head
    if via in ("to", "from", "at", "of", "in", "with", "for", "on") and head.pos_ == "VERB" \
            or via in ("to", "from", "at", "in", "with", "for", "on", "since"):
        return None  # 'rose to 60%', 'the biggest increase in 18 months', 'reductions on 50 products'
    if head.pos_ == "ADP" and head.lower_ not in ("by", "of"):
        return None
    if duration and via in ("over", "during", "within", "after", "before", "throughout", "across"):
        return None  # 'over three days, 40 drones were downed': when, not how much
    lemma = head.lemma_.lower()
    if counts_things and lemma in TRANSITIVE_CHANGE_VERBS or distance and lemma in MOVEMENT_VERBS:
        return None
    if (head.pos_ == "VERB" or head.lower_ in ("up", "down")) and not definite:
        if lemma in UP_WORDS or head.lower_ == "up":
            return "up"
        if lemma in DOWN_WORDS or head.lower_ == "down":
            return "down"
        if via == "by" and head.pos_ == "VERB":  # 'revised upward by 200', 'marked down by 5%'
            particles = {child.lower_ for child in head.children if child.i < token.i}
            if particles & {"up", "upward", "upwards"}:
                return "up"
            if particles & {"down", "downward", "downwards"}:
                return "down"
    if head.pos_ == "NOUN" and not (counts_things and lemma in TRANSITIVE_CHANGE_NOUNS):
        if lemma in CHANGE_NOUNS_UP:
            return "up"
        if lemma in CHANGE_NOUNS_DOWN:
            return "down"
    return None


def _currency(doc: Doc, number: _Number) -> tuple[int, str | None]:
    """The currency of a number and where its surface starts: a symbol before it ('$ 5', 'US$ 40', 'HK $5m',
    '$US113') or glued to it ('RM30', 'USD10m')."""
    start = number.start
    if number.currency:
        if start and doc[start - 1].text == "$" and not doc[start - 1].whitespace_:
            return start - 1, number.currency  # '$' + 'US113'
        return start, number.currency
    if start and doc[start - 1].lower_ in CURRENCY_SYMBOLS:
        symbol = doc[start - 1].lower_
        if symbol == "$" and start >= 2 and doc[start - 2].text.lower() in DOLLAR_COUNTRY and doc[start - 2].text.isupper():
            return start - 2, DOLLAR_COUNTRY[doc[start - 2].text.lower()]  # 'HK $3.7 billion', 'C $6'
        return start - 1, CURRENCY_SYMBOLS[symbol]
    return start, None


def _appositive_age(doc: Doc, number: _Number) -> bool:
    """A whole number between commas right after a person: 'Olena Kurylo, 52, was injured', 'the boy, 15,'."""
    token = doc[number.start]
    if number.end - number.start != 1 or not token.text.isdigit() or not 0 < int(token.text) < 120 \
            or number.start < 2 or number.end >= len(doc):
        return False
    person = doc[number.start - 2]
    # the tagger marks an age as a DATE entity ('52'), a count as CARDINAL ('trucks, 30,'); after a person's name
    # the number is an age whatever its entity type ('Kovalenko, 66,')
    return doc[number.start - 1].text == "," and doc[number.end].text in (",", ")") and token.dep_ == "appos" \
        and (token.ent_type_ == "DATE" or person.ent_type_ == "PERSON") \
        and token.head.i == person.i and person.pos_ in ("NOUN", "PROPN") \
        and (person.ent_type_ not in ("GPE", "LOC", "ORG", "NORP", "FAC", "PRODUCT", "EVENT")
             or token.ent_type_ == "DATE" and person.ent_type_ in ("GPE", "ORG")
             and person.dep_ in ("nsubj", "nsubjpass") and person.i == 0)  # 'Hrytsenko, 66, said': a misread surname


# Words before 'over <duration>' that make it 'more than' ('for over two years', 'lasted over 3 hours'); elsewhere
# 'over three days' is the time something happened in.
LONGER_THAN_CUES = frozenset({"for", "of", "after", "than", "in", "lasted", "lasting", "lasts", "last", "took",
                              "taking", "takes", "take", "spent", "spend", "spending", "been", "is", "was", "are",
                              "were", "be", "aged", "within", "waited", "wait", "served", "serve", "sentenced"})
PERSON_PRONOUNS = frozenset({"he", "she", "i", "who"})


def _copula_age(doc: Doc, number: _Number) -> bool:
    """A whole number a person is: 'she was 35 when', 'Maria, who was 10,', 'he will be 40 by then'."""
    token = doc[number.start]
    if number.end - number.start != 1 or not token.text.isdigit() or not 0 < int(token.text) < 120 \
            or token.dep_ != "attr" or token.head.lemma_ != "be" or _unit_at(doc, number.end):
        return False
    after = doc[number.end] if number.end < len(doc) else None
    if after is not None and not (after.is_punct or after.pos_ in ("ADP", "SCONJ") or after.lower_ in ("when", "and")):
        return False
    subjects = [t for t in token.head.children if t.dep_ == "nsubj"]
    return bool(subjects) and (subjects[0].lower_ in PERSON_PRONOUNS or subjects[0].ent_type_ == "PERSON")


def _age_context(doc: Doc, number: _Number) -> bool:
    """The number is an age by the words before it: 'aged 18 to 60', 'at age 35', 'under the age of 5'."""
    s = number.start
    return s >= 1 and doc[s - 1].lower_ in ("aged", "age") \
        or s >= 2 and doc[s - 1].lower_ == "of" and doc[s - 2].lower_ == "age"


def _quantifies_something(doc: Doc, number: _Number) -> bool:
    """A bare number counts something when it is a subject, object or modifier in its clause
    ('four were wounded', 'killed 12'); not page numbers, scores or list labels."""
    token = doc[number.end - 1]
    if token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "attr", "npadvmod"):
        return token.pos_ == "NUM" or token.pos_ in ("NOUN", "PROPN") and number.end - number.start == 1 \
            and re.match(r"^\d{1,3}(,\d{3})+(\.\d{1,2})?$|^\d+\.\d{1,2}$", token.text) is not None  # 'at 27,349.19'
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


def _is_designation(doc: Doc, token: Token) -> bool:
    """A bare number that is part of the name before it: the '2' of 'Leopard 2', the '3' of 'Model 3'."""
    return token.text.isdigit() and token.i > 0 and doc[token.i - 1].is_alpha \
        and doc[token.i - 1].text[:1].isupper() and doc[token.i - 1].pos_ == "PROPN"


COORDINATORS = frozenset({"and", "or", "&"})
_MODIFIER_POS = frozenset({"ADJ", "NOUN", "VERB", "PROPN"})


def _coordinated_modifier(doc: Doc, before: Token, first: int, last: int) -> int | None:
    """Where a pair of coordinated modifiers of the phrase doc[first:last + 1] starts, when the token before the
    phrase ends one: 'Kia and Hyundai' in 'Kia and Hyundai vehicles', 'damaged and destroyed' in 'damaged and
    destroyed buildings', 'Model S and' in 'Model S and Model X vehicles' (the phrase then continues leftwards)."""
    phrase = range(first, last + 1)
    if before.lower_ in COORDINATORS and before.i >= 1:
        left = doc[before.i - 1]  # 'X and' + phrase starting with the second modifier
        if left.pos_ in _MODIFIER_POS and not _is_numeric(left) and not _is_measure_token(left) and (
                left.head.i in phrase or any(t.dep_ == "conj" and t.head.i == left.i for t in doc[first:last + 1])):
            return left.i
        return None
    if before.dep_ == "conj" and before.pos_ in _MODIFIER_POS and before.i >= 2 \
            and doc[before.i - 1].lower_ in COORDINATORS and before.head.i == before.i - 2:
        left = before.head  # the second modifier hangs on the first: 'Russian and Belarusian trucks'
        if left.pos_ in _MODIFIER_POS and not _is_numeric(left) and not _is_measure_token(left) \
                and left.head.i in phrase:
            return left.i
    return None


def _counted_phrase(doc: Doc, number: _Number, noun: Token) -> str:
    """The counted noun with its modifiers and a participle that says what happened to it:
    '260 dead soldiers' -> 'dead soldiers', '23 civilians killed' -> 'civilians killed'."""
    if noun.lower_ in PARTITIVE_PRONOUNS or noun.pos_ == "PRON":
        return noun.lower_
    first = noun.i
    while first - 1 >= number.end:
        before = doc[first - 1]
        if before.lower_ in SCALE_ABBREVIATIONS and first - 2 >= 0 and not doc[first - 2].whitespace_ \
                and any(ch.isdigit() for ch in doc[first - 2].text):
            break  # 'half of the 20K reservists': the 'K' of another number
        if before.text in ("-", "–") and first - 2 >= number.end and not before.whitespace_ \
                and not doc[first - 2].whitespace_ and doc[first - 2].is_alpha:
            first -= 2  # 'first-team players', 'Russian-made drones', 'coal-fired plants'
        elif _is_designation(doc, before) and first - 2 >= number.end:
            first -= 1  # the '2' of '18 Leopard 2 tanks'
        elif _MODEL_CODE.match(before.text):
            first -= 1  # '35 Shahed-136 drones', whatever the tagger calls the model
        elif (left := _coordinated_modifier(doc, before, first, noun.i)) is not None and left >= number.end:
            first = left  # '17 Shahed and Geran drones', 'dozens of Russian and Belarusian trucks'
        elif before.pos_ in ("ADJ", "NOUN", "VERB", "PROPN") and before.dep_ in ("amod", "compound", "nmod") \
                and before.head.i >= first - 1 and not _is_measure_token(before):
            if before.tag_ == "VBG" and before.dep_ == "amod" \
                    and not (first - 2 >= number.end and doc[first - 2].text in ("-", "–")):
                break  # '517 rushing yards', '12 remaining hostages': an -ing participle describes, the noun counts
            first -= 1
        else:
            break
    words = "".join(t.text + t.whitespace_ for t in doc[first:noun.i + 1]
                    if t.pos_ != "PUNCT" or t.text in ("-", "–") and not t.whitespace_
                    or _MODEL_CODE.match(t.text)).split()
    after = noun.i + 1
    if after < len(doc) and doc[after].tag_ == "VBN" and doc[after].dep_ in ("acl", "amod", "relcl"):
        words.append(doc[after].text)
    return " ".join(words)


def _place_of(doc: Doc, start: int, end: int, places: Sequence[PlaceMention],
              sentences: _Sentences | None = None) -> Span | None:
    """The place the figure is about: a place named in a locative phrase of the same sentence,
    after the figure ('23 civilians killed in Kursk') or before it ('in Kursk, 23 civilians')."""
    if not places:
        return None
    sentence = (sentences or _Sentences(doc)).of(start)
    best: tuple[int, PlaceMention] | None = None
    figure_char = doc[start].idx
    for place in places:
        if not (sentence[0] <= place.char_start < sentence[1]):
            continue
        if place.char_start >= doc[end - 1].idx:
            distance = place.char_start - figure_char
        else:
            distance = 3 * (figure_char - place.char_end)  # a place before the figure is a weaker link
        if best is None or distance < best[0]:
            best = (distance, place)
    return Span(best[1].char_start, best[1].char_end) if best else None



class _Sentences:
    """Sentence bounds of a doc, found once per doc and only when a figure needs them (Token.sent walks
    the document on every call)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.starts: list[int] | None = None
        self.bounds: list[tuple[int, int]] = []

    def of(self, i: int) -> tuple[int, int]:
        if self.starts is None:
            sentences = list(self.doc.sents)
            self.starts = [s.start for s in sentences]
            self.bounds = [(s.start_char, s.end_char) for s in sentences]
        return self.bounds[max(0, bisect_right(self.starts, i) - 1)]
