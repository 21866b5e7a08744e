"""Small immutable records yielded by the extractors.

Every record carries half-open character offsets into the article body (the text the spaCy
``Doc`` was built from), so ``body[char_start:char_end] == surface`` always holds.
Links between records (a claim's speaker, a figure's place) are expressed as the offsets of
the linked record, never as positions in a list, so they survive filtering and reordering.
"""
from __future__ import annotations

from dataclasses import dataclass

ACTOR_TYPES = ("person", "military", "government", "organization", "media", "armed_group", "other")
SIDES = ("ukraine", "russia", "us", "international", "other", "unknown")
PLACE_TYPES = ("country", "region", "city", "town", "village", "facility", "other")
QUALIFIERS = ("exact", "approximate", "at_least", "more_than", "less_than", "range", "vague")
STANCES = ("certain", "reported", "claimed", "denied", "unverified")


@dataclass(frozen=True, slots=True)
class Span:
    char_start: int
    char_end: int


@dataclass(frozen=True, slots=True)
class BoilerplateLine:
    """A line removed from the raw text before extraction, kept so nothing is silently lost."""

    line_number: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Sentence:
    sentence_index: int
    char_start: int
    char_end: int


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A raw spaCy named entity, kept for debugging and for later re-resolution."""

    char_start: int
    char_end: int
    surface: str
    label: str


@dataclass(frozen=True, slots=True)
class ActorMention:
    """Someone or something that acts or speaks.

    ``canonical_name`` is the name this mention refers to inside its article (a pronoun or a
    title such as 'the spokesman' carries the full name it was resolved to); ``name_key`` is
    the spelling-insensitive key used to resolve actors across articles.
    """

    char_start: int
    char_end: int
    surface: str
    canonical_name: str
    name_key: str
    actor_type: str
    side: str
    side_evidence: str | None = None
    mention_kind: str = "name"  # name, title, pronoun, metonym, description, anonymous
    is_anonymous: bool = False


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A toponym resolved against the gazetteer (``place_key`` identifies the gazetteer entry)."""

    char_start: int
    char_end: int
    surface: str
    place_key: str
    place_name: str
    place_type: str
    country_code: str | None
    latitude: float | None
    longitude: float | None
    geonames_id: int | None
    precision: str  # country, region, city, point
    score: float = 1.0


@dataclass(frozen=True, slots=True)
class Claim:
    """An attributed assertion: who (speaker), through whom (via), with which cue, what."""

    char_start: int  # span of the content (claim_text)
    char_end: int
    claim_text: str
    cue: str
    cue_start: int
    cue_end: int
    speaker: Span | None  # offsets of the ActorMention that asserts it
    via: Span | None  # offsets of the ActorMention it was told to / reported by
    is_direct_quote: bool
    is_hedged: bool
    stance: str  # one of STANCES
    hedge_cue: str | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    """A number expression that quantifies something."""

    char_start: int
    char_end: int
    surface: str
    value: float
    value_high: float | None
    unit: str
    counts: str | None
    qualifier: str  # one of QUALIFIERS
    place: Span | None = None  # offsets of the PlaceMention the figure is about
    direction: str | None = None  # 'up' or 'down' when the figure is a change ('rose 4%', 'a drop of 30')
