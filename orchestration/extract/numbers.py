"""Reading numbers written in digits or words: '1,000', '2.5', 'fifty thousand', 'two and a half',
'a hundred', and the vague quantities news prose uses instead ('several thousand', 'dozens').

Vague words get a conventional value, the smallest plural reading: 'several' 3, 'a few' 2,
'dozens' 24, 'hundreds' 200, 'thousands' 2,000, 'tens of thousands' 20,000.
"""
from __future__ import annotations

import re

UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
              "eighty": 80, "ninety": 90}
SCALE_WORDS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
               "trillion": 1_000_000_000_000, "mln": 1_000_000, "bn": 1_000_000_000, "k": 1_000,
               "m": 1_000_000, "mn": 1_000_000, "mil": 1_000_000, "b": 1_000_000_000, "tn": 1_000_000_000_000}
# Scale abbreviations that only count as scale words glued to a number or right after one ('$5.4m', '10 bn').
SCALE_ABBREVIATIONS = frozenset({"k", "m", "mn", "mil", "mln", "b", "bn", "tn"})
FRACTION_WORDS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "thirds": 1 / 3, "quarters": 0.25}
# Ordinals that are fractions only after a numerator ('one fifth of', 'two fifths', 'a tenth of'), never alone
# ('the fifth attack').
ORDINAL_FRACTIONS = {"fourth": 0.25, "fourths": 0.25, "fifth": 0.2, "fifths": 0.2, "sixth": 1 / 6, "sixths": 1 / 6,
                     "eighth": 0.125, "eighths": 0.125, "tenth": 0.1, "tenths": 0.1}
DOZEN = {"dozen": 12}

# A vague word on its own, and the multiplier it applies to a scale word after it.
VAGUE_WORDS = {"several": 3, "few": 2, "couple": 2, "many": 3, "numerous": 3, "some": 3}
VAGUE_PLURALS = {"dozens": 24, "scores": 40, "tens": 20, "hundreds": 200, "thousands": 2_000,
                 "millions": 2_000_000, "billions": 2_000_000_000}

_DIGITS = re.compile(r"^[+-]?((\d{1,3}(,\d{3})+|\d+)(\.\d+)?|\.\d+)$")
_DIGITS_WITH_SCALE = re.compile(r"^(\d+(?:\.\d+)?)(k|m|mn|mil|mln|b|bn|tn)$", re.IGNORECASE)
# Scientific notation written as one token: '2.998×10−8', '1.5x10^6'.
_SCIENTIFIC = re.compile(r"^(\d+(?:\.\d+)?)[×xX]10\^?([-−–]?\d{1,3})$")


def digit_value(text: str) -> float | None:
    """'1,000' -> 1000.0, '2.5' -> 2.5, '10k' -> 10000.0, '2.998×10−8' -> 2.998e-08; None for anything else."""
    text = text.strip()
    if _DIGITS.match(text):
        return float(text.replace(",", ""))
    scaled = _DIGITS_WITH_SCALE.match(text)
    if scaled:
        return float(scaled.group(1)) * SCALE_WORDS[scaled.group(2).lower()]
    scientific = _SCIENTIFIC.match(text)
    if scientific:
        exponent = int(scientific.group(2).replace("−", "-").replace("–", "-"))
        return float(f"{scientific.group(1)}e{exponent}")  # '2.998×10−8' -> 2.998e-08
    return None


def is_number_word(word: str) -> bool:
    word = word.lower()
    return word in UNITS_WORDS or word in TENS_WORDS or word in SCALE_WORDS or hyphenated_value(word) is not None


def hyphenated_value(word: str) -> float | None:
    """'twenty-five' -> 25.0; None for anything else."""
    parts = word.lower().split("-")
    if len(parts) == 2 and parts[0] in TENS_WORDS and parts[1] in UNITS_WORDS and UNITS_WORDS[parts[1]] < 10:
        return float(TENS_WORDS[parts[0]] + UNITS_WORDS[parts[1]])
    return None


def word_value(word: str) -> float | None:
    word = word.lower()
    if word in UNITS_WORDS:
        return float(UNITS_WORDS[word])
    if word in TENS_WORDS:
        return float(TENS_WORDS[word])
    return hyphenated_value(word)


def words_value(words: list[str]) -> float | None:
    """Value of a run of number words and digits: ['fifty', 'thousand'] -> 50000.0,
    ['2.5', 'million'] -> 2500000.0, ['a', 'hundred'] -> 100.0, ['two', 'and', 'a', 'half'] -> 2.5.
    None when the run is not a well-formed number."""
    total, current, seen = 0.0, 0.0, False
    i = 0
    lowered = [w.lower() for w in words]
    while i < len(lowered):
        word = lowered[i]
        if word in ("a", "an") and i + 1 < len(lowered) and lowered[i + 1] in (*SCALE_WORDS, *DOZEN):
            current, seen = 1.0, True
        elif word == "and":
            if i + 2 < len(lowered) and lowered[i + 1] in ("a", "one") and lowered[i + 2] in FRACTION_WORDS:
                current += FRACTION_WORDS[lowered[i + 2]]
                i += 3
                continue
        elif word in DOZEN:
            current = (current or 1.0) * DOZEN[word]
            seen = True
        elif word in SCALE_WORDS and seen:
            scale = SCALE_WORDS[word]
            if scale == 100:
                current = (current or 1.0) * 100
            else:
                total += (current or 1.0) * scale
                current = 0.0
        elif (value := digit_value(word)) is not None or (value := word_value(word)) is not None:
            if seen and current and value >= 10 and current % 100 != 0 and value < current:
                return None  # 'five six' is two numbers, not one
            current += value
            seen = True
        else:
            return None
        i += 1
    return total + current if seen else None


def fold_value(word: str) -> float | None:
    """A multiplier written as one word: 'sixfold' -> 6.0, 'tenfold' -> 10.0, '3fold' -> 3.0."""
    word = word.lower()
    if not word.endswith("fold") or len(word) <= 4:
        return None
    stem = word[:-4].rstrip("-")
    value = digit_value(stem)
    if value is None:
        value = word_value(stem)
    return value if value is not None and value > 0 else None
