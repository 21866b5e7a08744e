"""Names: nations and the words that point to them, titles, and spelling-insensitive person keys.

A person key folds the ways one Cyrillic name is written in Latin letters ('Zelensky',
'Zelenskiy', 'Zelenskyy'; 'Dmytrashkivskyi', 'Dmytrashkivsky'), so the resolver compares
like with like; near misses ('Dmytrachkivsky') are left to a similarity measure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from unidecode import unidecode


@dataclass(frozen=True, slots=True)
class Nation:
    name: str  # as used in canonical names: 'Ukraine', 'Russia', 'the United States'
    adjective: str
    side: str
    place_names: frozenset[str]  # the words that name it as a place (country, capital)

    def is_place_name(self, text: str) -> bool:
        return _fold(text) in self.place_names


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=16384)
def _fold(text: str) -> str:
    return _SPACES.sub(" ", unidecode(text).lower().replace("'", "").replace(".", "")).strip()


def _nation(name: str, adjective: str, side: str, places: str, words: str) -> tuple[Nation, list[str]]:
    place_names = frozenset(_fold(p) for p in places.split("|"))
    return Nation(name, adjective, side, place_names), [*places.split("|"), *words.split("|")]


_NATIONS = [
    _nation("Ukraine", "Ukrainian", "ukraine", "Ukraine|Kyiv|Kiev", "Ukrainian|Ukrainians|Ukraine's|Kyiv's|Kiev's"),
    _nation("Russia", "Russian", "russia", "Russia|Moscow|Russian Federation|the Russian Federation",
            "Russian|Russians|Russia's|Moscow's"),
    _nation("the United States", "US", "us", "United States|the United States|US|U.S.|USA|Washington|America",
            "American|Americans|US's|America's|Washington's|U.S.'s"),
    _nation("Belarus", "Belarusian", "other", "Belarus|Minsk", "Belarusian|Belarusians|Belarus's"),
    _nation("China", "Chinese", "other", "China|Beijing", "Chinese|China's|Beijing's"),
    _nation("the United Kingdom", "British", "other", "United Kingdom|the United Kingdom|UK|U.K.|Britain|London",
            "British|Britain's|UK's|London's"),
    _nation("France", "French", "other", "France|Paris", "French|France's|Paris's"),
    _nation("Germany", "German", "other", "Germany|Berlin", "German|Germans|Germany's|Berlin's"),
    _nation("Poland", "Polish", "other", "Poland|Warsaw", "Polish|Poland's|Poles"),
    _nation("Iran", "Iranian", "other", "Iran|Tehran", "Iranian|Iranians|Iran's|Tehran's"),
    _nation("North Korea", "North Korean", "other", "North Korea|Pyongyang", "North Korean|North Koreans|North Korea's"),
    _nation("Turkey", "Turkish", "other", "Turkey|Turkiye|Ankara", "Turkish|Turkey's"),
    _nation("Israel", "Israeli", "other", "Israel|Jerusalem", "Israeli|Israelis|Israel's"),
    _nation("Georgia", "Georgian", "other", "Tbilisi", "Georgian"),
    _nation("Moldova", "Moldovan", "other", "Moldova|Chisinau", "Moldovan"),
    _nation("Hungary", "Hungarian", "other", "Hungary|Budapest", "Hungarian|Hungary's"),
    _nation("Japan", "Japanese", "other", "Japan|Tokyo", "Japanese|Japan's"),
    _nation("India", "Indian", "other", "India|New Delhi", "Indian|India's"),
    _nation("Italy", "Italian", "other", "Italy|Rome", "Italian|Italy's"),
    _nation("Canada", "Canadian", "other", "Canada|Ottawa", "Canadian|Canada's"),
    _nation("the European Union", "EU", "international", "European Union|EU|Brussels", "European|EU's"),
    _nation("NATO", "NATO", "international", "NATO", "NATO's|Western"),
    _nation("the United Nations", "UN", "international", "United Nations|UN|U.N.", "UN's|U.N.'s"),
]
NATION_BY_WORD: dict[str, Nation] = {}
for _nation_record, _words in _NATIONS:
    for _word in _words:
        NATION_BY_WORD.setdefault(_word.lower().replace("’", "'"), _nation_record)
        NATION_BY_WORD.setdefault(_fold(_word), _nation_record)

TITLE_WORDS = frozenset("""president spokesman spokeswoman spokesperson governor minister chief commander
official ambassador envoy administrator director secretary head mayor adviser advisor aide general colonel
lieutenant major captain sergeant prime deputy chairman chairwoman leader prosecutor lawmaker senator
representative analyst correspondent editor founder ceo chancellor king premier patriarch ombudsman
press mr mrs ms dr sir gen col lt maj sgt capt commissioner attorney judge sheriff congressman
congresswoman speaker sen rep gov""".split())
_TITLE_TOKENS = TITLE_WORDS | frozenset({"the", "of", "and", "former", "then", "acting", "regional", "military",
                                         "foreign", "defence", "defense", "state", "army", "vice", "mr.", "mrs.",
                                         "ms.", "dr.", "gen.", "col.", "lt.", "maj.", "sgt.", "capt.", "sen.", "rep.", "gov.",
                                         "special",
                                         "security", "national", "interior", "presidential", "general's"})


@lru_cache(maxsize=16384)
def nation_of(word: str) -> Nation | None:
    """The nation a nationality word, country or capital name refers to ('Ukrainian', "Kyiv's")."""
    if word in ("us", "US's") or word.islower() and word in ("us",):
        return None  # the pronoun, not the country
    lowered = word.lower().replace("’", "'")
    return NATION_BY_WORD.get(lowered) or NATION_BY_WORD.get(_fold(word))


def strip_titles(words: list[str]) -> list[str]:
    """Drop leading titles and nationality words: ['President', 'Vladimir', 'Putin'] -> ['Vladimir', 'Putin']."""
    i = 0
    while i < len(words) - 1 and (words[i].lower() in _TITLE_TOKENS or nation_of(words[i]) is not None):
        i += 1
    return words[i:]


_ENDINGS = [(re.compile(r"(iy|yy|yi|ii|ij|y|i)$"), "y"), (re.compile(r"(iya|ia|ya)$"), "ia")]
_NAME_WORDS = re.compile(r"[\w'’-]+")
_DOUBLED = re.compile(r"(.)\1+")
_FOLDS = [("kh", "h"), ("zh", "j"), ("ts", "c"), ("tch", "ch"), ("ye", "e"), ("yu", "u"), ("iu", "u"),
          ("ya", "a"), ("ia", "a"), ("yo", "o"), ("io", "o"), ("ks", "x"), ("w", "v"), ("ff", "v"),
          ("ph", "f"), ("g", "h"), ("ei", "ey"), ("j", "y"), ("ee", "i"), ("ou", "u")]


@lru_cache(maxsize=16384)
def person_key(name: str) -> str:
    """Spelling-insensitive key of a person's name: ASCII, lower case, titles dropped,
    transliteration variants folded ('Zelenskyy' and 'Zelensky' share a key)."""
    words = strip_titles(_NAME_WORDS.findall(unidecode(name)))
    return " ".join(transliteration_fold(word) for word in words)


@lru_cache(maxsize=16384)
def transliteration_fold(word: str) -> str:
    """One word with the usual English, French and German renderings of Cyrillic letters folded
    together ('Izyum' and 'Izium', 'Oleshnya' and 'Oleshnia', 'Zelenskyy' and 'Zelensky')."""
    word = unidecode(word).lower().replace("'", "").replace("’", "")
    for pattern, replacement in _ENDINGS:
        word = pattern.sub(replacement, word)
    for old, new in _FOLDS:
        word = word.replace(old, new)
    word = word[:1] + word[1:].replace("y", "i")  # 'Volodymyr' and 'Volodimir'
    return _DOUBLED.sub(r"\1", word)  # doubled letters
