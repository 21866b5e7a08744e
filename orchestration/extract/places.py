"""Toponyms in a spaCy ``Doc``, recognised and resolved against the gazetteer.

Recognition: spaCy's GPE/LOC/FAC entities, plus gazetteer names in capitalised token runs
that the small model misses or mislabels ('Kursk' as PRODUCT, 'Sudzha' as PERSON), plus cues:
'the X region' / 'X oblast' (a first-level region), 'the village of X' (a settlement; after
'the villages of' every listed name, known to the gazetteer or not). A name found only in the
gazetteer needs evidence before it counts (a locative preposition, also before a list it is in:
'in the Zarvynske and Lyman areas'; a cue, coordination with another place, or a strong prior: a
country, a region, a big city), so 'Biden', 'March' or 'Mark' (all tiny towns somewhere) never
become places; once accepted, a name is a place in all its mentions. Unknown names before a word
for a stretch of front count too ('the Lyman and Kupyanks directions'). A facility-like name after
'the' ('the White House') is the facility, not a town of that name; so is a place name before a
lowercase facility phrase ('the Zaporizhzhia nuclear power plant', located by that place), a
nationality word before one ('a Russian ammunition depot', located by the nearest place, or midway
between the two places it is said to lie 'between'), and an unknown name after a facility noun
('the border checkpoint Troebortnoe'). Nationality words
('Ukrainian') and the capitals or countries an actor extractor has claimed as governments
('Kyiv said') are not places.

Resolution scores each gazetteer candidate by population (log scale), kind (countries and
capitals first), and the article's context: the countries it mentions (by name, by a place in
them, or by a nationality word), the regions it names, an explicit container ('Orange
County, California', and the other way round: 'Tacoma, Washington' is the state), and, between
close namesakes, nearness to the article's other places. A bare name shared by a region and its
namesake city ('Donetsk', 'Kursk') is the city, unless the article also names the region ('the
Donetsk region', 'Lipetsk, a region south of Moscow'): one sense per article, overruled by the
words around a mention ('near Sumy', 'Sumy mayor' are the city; 'across Bryansk', 'Bryansk
governor', 'Bryansk regional' the region) and by the list it is in (in 'Donetsk, Mariupol and
Makiivka' it is a city like the others; 'Orel, Tula and another border region' are regions).
Names with no exact match are tried against similar spellings in the article's countries
('Kubyansk' -> Kupiansk), kept only near the article's places or in its regions. A small town
far from all the article's other places is taken for a namesake of something the gazetteer
lacks. A recognised toponym the gazetteer cannot resolve is still yielded, placed at the nearest
named place (or the article's main one) if any.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span, Token

from orchestration.extract.gazetteer import Gazetteer, GazetteerEntry, normalize
from orchestration.extract.records import PlaceMention
from orchestration.extract.records import Span as CharSpan

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entity labels that can never be a toponym, whatever the gazetteer says ('March', 'two').
NEVER_PLACE_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})
# Prepositions that put what follows in a place ('in Sudzha'), and weaker ones that often do
# but also take people ('according to Nelson', 'a call from Davis').
LOCATIVE_WORDS = frozenset({"in", "near", "around", "outside", "at", "towards", "toward", "into", "across",
                            "through", "within", "inside", "along", "throughout", "beyond", "nearby"})
WEAK_LOCATIVE_WORDS = frozenset({"from", "to", "via", "between", "on", "over", "off", "of"})
# 'of' is locative after words for a part of a place ('the outskirts of Kherson', 'east of Bakhmut').
PART_OF_WORDS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                           "outskirts", "suburbs", "suburb", "centre", "center", "heart", "parts", "part",
                           "edge", "environs", "vicinity", "direction", "residents", "mayor", "governor"})
# Words allowed between a locative preposition and the toponym ('in the occupied south of ...').
MODIFIER_WORDS = frozenset({"the", "northern", "southern", "eastern", "western", "central", "northeastern",
                            "northwestern", "southeastern", "southwestern", "occupied", "nearby",
                            "neighbouring", "neighboring", "downtown", "frontline", "front-line",
                            "liberated", "annexed", "city", "town", "village", "north", "south", "east",
                            "west", "rural", "greater", "border", "partially"})
REGION_CUE_WORDS = frozenset({"region", "regions", "oblast", "oblasts", "province", "provinces", "krai",
                              "kray", "governorate", "governorates", "territory"})
SETTLEMENT_CUE_WORDS = frozenset({"village", "villages", "town", "towns", "city", "cities", "settlement",
                                  "settlements", "hamlet", "township", "port", "suburb"})
PERSON_TITLES = frozenset({"mr", "mrs", "ms", "dr", "president", "gen", "general", "sen", "senator", "rep",
                           "minister", "governor", "mayor", "lt", "col", "sgt", "capt", "st", "saint",
                           "prince", "king", "queen", "pope", "judge", "chancellor", "secretary"})
CONNECTORS = frozenset({"of", "and", "on", "upon", "de", "del", "la", "le", "el", "al", "am", "an", "sur",
                        "du", "des", "-", "the", "'s", "’s"})
SPEECH_VERBS = frozenset({"say", "tell", "claim", "warn", "announce", "accuse", "deny", "insist", "demand",
                          "respond", "threaten", "reject", "confirm", "agree", "sign", "impose", "refuse",
                          "urge", "call", "vow", "condemn", "offer", "plan", "want", "hope", "expect",
                          "believe", "argue", "propose", "retaliate", "sanction", "decide", "report",
                          "state", "add", "stress", "declare", "allege", "suggest", "acknowledge", "admit",
                          "promise", "pledge", "seek", "ask", "order", "send", "launch", "approve",
                          "recognise", "recognize", "protest", "blame", "dismiss", "welcome", "praise",
                          "criticise", "criticize", "hit", "strike", "attack", "retaliate", "negotiate"})
# Head nouns that make a capitalised run the name of a facility or natural feature ('Royal
# Street', 'Dulles International Airport'), not of the settlement some of its words name.
FACILITY_HEADS = frozenset({
    "street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "drive", "highway", "parkway",
    "square", "plaza", "park", "bridge", "tunnel", "airport", "airfield", "airbase", "station", "harbour",
    "harbor", "dam", "canal", "railroad", "railway", "river", "lake", "sea", "ocean", "bay", "island",
    "islands", "peninsula", "valley", "mountain", "mountains", "hill", "hills", "forest", "desert", "coast",
    "beach", "cape", "strait", "university", "college", "school", "academy", "institute", "hospital",
    "clinic", "centre", "center", "stadium", "arena", "church", "cathedral", "mosque", "temple", "chapel",
    "basilica", "monastery", "museum", "library", "gallery", "theatre", "theater", "hotel", "restaurant",
    "mall", "market", "complex", "building", "tower", "house", "hall", "palace", "castle",
    "prison", "jail", "embassy", "consulate", "camp", "plant", "factory",
    "refinery", "mine", "farm", "estate", "club", "racecourse", "circuit", "zoo", "cemetery", "graveyard",
    "depot", "arsenal", "base", "checkpoint", "crossing", "terminal", "pier", "wharf"})
# Single words that are generic before they are names (a town called 'Street', regions called
# 'Central' or 'Gulf'); alone, they are never toponyms here.
GENERIC_WORDS = FACILITY_HEADS | frozenset({
    "north", "south", "east", "west", "central", "centre", "northern", "southern", "eastern", "western",
    "northeast", "northwest", "southeast", "southwest", "upper", "lower", "middle", "inner", "outer",
    "greater", "capital", "union", "republic", "federation", "kingdom", "state", "states", "city", "town",
    "village", "county", "province", "region", "district", "delta", "gulf", "coast", "lakes", "plateau",
    "national", "federal", "royal", "grand", "saint", "mount", "fort", "port", "new", "old"})
# Verbs whose direct object is, in war news, a place ('shelled Kubyansk', 'recaptured Robotyne').
PLACE_OBJECT_VERBS = frozenset({"shell", "bomb", "strike", "hit", "attack", "capture", "seize", "liberate",
                                "retake", "recapture", "storm", "encircle", "surround", "besiege", "occupy",
                                "evacuate", "enter", "reach", "visit", "leave", "target", "raid", "annex",
                                "defend", "abandon", "flee", "bombard", "shell", "overrun", "take"})
# Names a connector never joins to a place name ('the White House on Monday' is two names).
CALENDAR_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                            "january", "february", "march", "april", "may", "june", "july", "august",
                            "september", "october", "november", "december"})
MAX_NAME_TOKENS = 7
ABBREVIATION_PREFIX = "abbr:"
# A facility is located by the place inside its name, unless the facility is usually elsewhere.
NATURAL_FEATURE_HEADS = frozenset({"river", "sea", "ocean", "lake", "bay", "gulf", "mountain", "mountains", "hill",
                                   "hills", "valley", "forest", "desert", "coast", "island", "islands",
                                   "peninsula", "strait", "cape", "beach"})
UNLOCATED_HEADS = NATURAL_FEATURE_HEADS | {"embassy", "consulate"}
BIG_CITY = 100_000
_QUOTE_S = re.compile(r"[’']s$")


@dataclass
class _Candidate:
    start: int  # token offsets of the toponym (without cue words)
    end: int
    key: str
    ner_label: str | None = None  # label of a spaCy entity covering exactly / around the name
    ner_is_place: bool = False
    region_cue: bool = False
    settlement_cue: bool = False
    area_cue: bool = False  # an unknown name before 'sector', 'direction' ('the Kupyanks sector')
    sense: str | None = None  # 'city' or 'region', from the words around this mention
    sense_spreads: bool = False  # the sense holds for the bare name's other mentions ('X, a region ...')
    cue_end: int | None = None  # token end including a trailing cue word ('Kursk region')
    cue_start: int | None = None  # token start including a leading cue ('the village of X' is not included)
    container: str | None = None  # key of an apposed container ('Orange County, California')
    contained: str | None = None  # key of the name this one is the apposed container of ('California')
    facility: bool = False  # a facility or natural feature name, located by a place inside it
    described: bool = False  # a facility described, not named ('a Russian ammunition depot'): one per place
    place_end: int | None = None  # token end of the place name a facility phrase starts with ('Kursk')
    place_entries: list[GazetteerEntry] = field(default_factory=list)  # that place name's entries
    location: GazetteerEntry | None = None
    entries: list[GazetteerEntry] = field(default_factory=list)
    accepted: bool = False
    chosen: GazetteerEntry | None = None
    score: float = 0.0


def extract_places(doc: Doc, gazetteer: Gazetteer, exclude: Sequence[CharSpan] = ()) -> Iterator[PlaceMention]:
    """Every toponym in ``doc`` not overlapping ``exclude``, resolved against ``gazetteer``."""
    tokens = _Tokens(doc)
    candidates = _recognise(doc, tokens, gazetteer)
    candidates = [c for c in candidates if not _overlaps(tokens, c, exclude)]
    context = _Context.of(doc, tokens, candidates, gazetteer)
    _accept(doc, candidates, gazetteer, context)
    accepted = [c for c in candidates if c.accepted]
    _share_list_senses(doc, accepted, context, gazetteer)
    context.add_accepted(accepted, gazetteer)
    _resolve(accepted, gazetteer, context)
    # Second pass: every resolved name lends its country and region to the others ('Georgia' next
    # to 'Atlanta' is the state), never to itself.
    context.add_resolved(accepted)
    _resolve(accepted, gazetteer, context)
    _drop_stray_namesakes(accepted)
    focus = _focus(accepted)
    settlements = [c for c in accepted if c.chosen is not None and c.chosen.feature in ("city", "capital", "admin1")]
    for candidate in accepted:
        near = _nearest(candidate, settlements)
        # A facility is most likely in the place named nearest to it, else in the article's main
        # locality; so is a name the gazetteer lacks (a village, a neighbourhood).
        where = near if near is not None else focus
        if candidate.facility and candidate.location is None:
            where = _between(doc, candidate, settlements) or _below_heading(doc, candidate, settlements) or where
        yield _mention(doc, candidate, where)


def is_metonymic_government(span: Span) -> bool:
    """A country or capital name standing for its government: the subject of a speech or action verb.

    'Kyiv said', 'Moscow claims', 'Washington warned', 'Russia has denied'.
    """
    head = span.root
    if head.dep_ not in ("nsubj", "nsubjpass") or head.head.pos_ not in ("VERB", "AUX"):
        return False
    verb = head.head
    if verb.lemma_.lower() not in SPEECH_VERBS and not any(
            child.dep_ == "aux" for child in verb.children if child.lemma_ == "have") :
        return False
    gazetteer = Gazetteer.load()
    return any(e.feature in ("country", "capital") for e in gazetteer.lookup(_strip_the(span.text)))


def _strip_the(text: str) -> str:
    return re.sub(r"^(the|The)\s+", "", _QUOTE_S.sub("", text))


# --- recognition ---------------------------------------------------------------------------------

class _Tokens:
    """The token attributes recognition reads, fetched once per Doc: every ``doc[i]`` builds a
    new Token object, and a span's text is joined from its tokens on each access."""

    __slots__ = ("text", "texts", "lowers", "starts", "ends", "can_start", "punct", "sent_start", "spaced")

    def __init__(self, doc: Doc):
        texts: list[str] = []
        lowers: list[str] = []
        starts: list[int] = []
        punct: list[bool] = []
        sent_start: list[bool | None] = []
        spaced: list[bool] = []
        pieces: list[str] = []
        for token in doc:  # one pass: each token object is built once
            text, space = token.text, token.whitespace_
            texts.append(text)
            lowers.append(token.lower_)
            starts.append(token.idx)
            punct.append(token.is_punct)
            sent_start.append(token.is_sent_start)
            spaced.append(bool(space))
            pieces.append(text + space if space else text)
        self.text = "".join(pieces)  # doc.text, without a second pass over the tokens
        self.texts, self.lowers, self.starts, self.punct, self.sent_start, self.spaced = (
            texts, lowers, starts, punct, sent_start, spaced)
        self.ends = [start + len(text) for start, text in zip(starts, texts)]
        self.can_start = [_can_start_text(text) for text in texts]

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text``: the body between the first token's start and the last one's end."""
        return self.text[self.starts[start]:self.ends[end - 1]] if end > start else ""


def _can_start_text(text: str) -> bool:
    return bool(text) and text[0].isupper() and any(ch.isalpha() for ch in text)


def _can_start(token: Token) -> bool:
    return _can_start_text(token.text)


def _name_runs(tokens: _Tokens) -> Iterator[tuple[int, int]]:
    """Maximal runs of capitalised tokens (with connectors such as 'of', '-') where names can be."""
    can_start, lowers, texts = tokens.can_start, tokens.lowers, tokens.texts
    i, n = 0, len(texts)
    while i < n:
        if not can_start[i]:
            i += 1
            continue
        j = i + 1
        while j < n and (can_start[j] or (lowers[j] in CONNECTORS and j + 1 < n
                                          and (can_start[j + 1] or texts[j + 1] == "-")
                                          and lowers[j + 1] not in CALENDAR_WORDS)
                         or (texts[j] == "-" and not tokens.spaced[j] and j + 1 < n)):
            if tokens.sent_start[j] and j > i:
                break
            j += 1
        while j > i + 1 and (lowers[j - 1] in CONNECTORS or tokens.punct[j - 1]):
            j -= 1
        yield i, j
        i = j


def _gazetteer_spans(doc: Doc, tokens: _Tokens, gazetteer: Gazetteer) -> list[tuple[int, int, str, bool]]:
    """Gazetteer names in capitalised runs, longest first, left to right: (start, end, key, is_facility).

    A run ending in a facility head ('Royal Street') is one facility name, whatever its words are.
    """
    texts, lowers, punct, span_text = tokens.texts, tokens.lowers, tokens.punct, tokens.span_text
    found = []
    runs = [(start, end, normalize(span_text(start, end))) for start, end in _split_runs(doc, tokens, gazetteer)]
    # A facility-like name the article once writes after 'the' is the facility in every mention
    # ('the White House' ... 'White House officials'), not a town of that name.
    the_keys = {key for start, end, key in runs if start > 0 and lowers[start - 1] == "the"
                and lowers[end - 1].rstrip(".") in FACILITY_HEADS}
    for run_start, run_end, run_key in runs:
        head = lowers[run_end - 1].rstrip(".")
        # A run ending in a facility word names the facility, unless it is also a real town's
        # name ('Pearl Harbor', 'Jersey City'); after 'the' a town is not meant ('the White House').
        the_before = run_key in the_keys
        if run_end - run_start >= 2 and head in FACILITY_HEADS and not any(
                e.feature != "city" or (e.population >= 10_000 and not the_before)
                for e in gazetteer.lookup_key(run_key)):
            found.append((run_start, run_end, run_key, True))
            continue
        i = run_start
        while i < run_end:
            match = None
            if "." in texts[i] and gazetteer.abbreviation(texts[i]) is not None:
                match = (i, i + 1, ABBREVIATION_PREFIX + texts[i].replace(" ", "").lower(), False)
            elif tokens.can_start[i]:
                for j in range(min(run_end, i + MAX_NAME_TOKENS), i, -1):
                    if lowers[j - 1] in CONNECTORS or punct[j - 1]:
                        continue
                    if (j < run_end and texts[j] == "-" and not tokens.spaced[j - 1]) or (
                            i > run_start and texts[i - 1] == "-" and not tokens.spaced[i - 1]):
                        continue  # part of a hyphenated name ('Ivanivka' in 'Ivanivka-Zarichna')
                    key = normalize(span_text(i, j))
                    if j - i == 1 and (key in GENERIC_WORDS or _is_short_acronym_text(texts[i]) and not any(
                            e.feature == "country" for e in gazetteer.lookup_key(key))):
                        continue
                    if key and gazetteer.has_key(key) and (
                            (i, j) == (run_start, run_end) or _names_a_place_itself(key, gazetteer)):
                        match = (i, j, key, False)
                        break
            if match:
                found.append(match)
                i = match[1]
            else:
                i += 1
    return found


def _split_runs(doc: Doc, tokens: _Tokens, gazetteer: Gazetteer) -> Iterator[tuple[int, int]]:
    """Name runs without leading function words ('At the Liverpool Academy'), split at 'and'
    unless the whole run is one name ('Bosnia and Herzegovina')."""
    lowers, span_text = tokens.lowers, tokens.span_text
    for start, end in _name_runs(tokens):
        while start < end - 1 and doc[start].is_stop and not gazetteer.has_key(normalize(span_text(start, end))):
            start += 1
        if gazetteer.has_key(normalize(span_text(start, end))):
            yield start, end
            continue
        piece = start
        for i in range(start, end):
            if lowers[i] in ("and", "&"):
                if i > piece:
                    yield piece, i
                piece = i + 1
            elif lowers[i] in ("'s", "’s"):  # 'Britain's High Court': two names
                if i > piece:
                    yield piece, i
                piece = i + 1
        if piece < end:
            yield piece, end


def _names_a_place_itself(key: str, gazetteer: Gazetteer) -> bool:
    """Part of a longer name counts only under a place's own name, not an alternate one
    ('Casa' in 'Rue Casa Calvo' is not Chas, India, once called Casa)."""
    return any(normalize(e.place_name) == key or e.feature in ("country", "admin1", "macro", "continent")
               for e in gazetteer.lookup_key(key))


def _all_generic(key: str) -> bool:
    """'West Coast', 'Central District', 'Street': generic words only, so no one place's name."""
    return all(word in GENERIC_WORDS for word in key.split())


def _is_short_acronym(token: Token) -> bool:
    return _is_short_acronym_text(token.text)


def _is_short_acronym_text(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) <= 4 and all(ch.isupper() for ch in letters)


def _trim_entity(ent: Span) -> tuple[int, int]:
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].lower_ in ("the", "a", "an") or not _can_start(doc[start])):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].text in ("'s", "’s")):
        end -= 1
    return start, end


def _recognise(doc: Doc, tokens: _Tokens, gazetteer: Gazetteer) -> list[_Candidate]:
    ents = doc.ents  # a new tuple of new Spans on every access
    ent_at: dict[int, Span] = {}
    for ent in ents:
        for i in range(ent.start, ent.end):
            ent_at[i] = ent
    candidates: list[_Candidate] = []
    taken: set[int] = set()
    for start, end, key, is_facility in _gazetteer_spans(doc, tokens, gazetteer):
        ent = ent_at.get(start)
        candidate = _Candidate(start, end, key, facility=is_facility)
        if ent is not None and ent.start <= start and end <= ent.end:
            candidate.ner_label = ent.label_
            candidate.ner_is_place = ent.label_ in PLACE_LABELS
        candidates.append(candidate)
        taken.update(range(start, end))
    candidates.extend(_national_territory(tokens, taken, gazetteer))
    for ent in ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        start, end = _trim_entity(ent)
        if start >= end or any(i in taken for i in range(start, end)):
            continue
        candidates.append(_Candidate(start, end, normalize(tokens.span_text(start, end)), ent.label_, True))
        taken.update(range(start, end))
    candidates.extend(_cued_names(tokens, taken))
    candidates.extend(_area_names(doc, tokens, taken, gazetteer))
    candidates.extend(list(_facility_phrases(doc, tokens, candidates, taken, gazetteer)))
    candidates.sort(key=lambda c: c.start)
    for candidate in candidates:
        _attach_cues(doc, candidate)
        _attach_sense(doc, candidate, gazetteer)
    _share_plural_region_cues(doc, candidates)
    _attach_containers(doc, candidates)
    return candidates


SETTLEMENT_OF_WORDS = frozenset({"village", "villages", "town", "towns", "settlement", "settlements", "hamlet"})
MAX_CUED_TOKENS = 5


def _cued_names(tokens: _Tokens, taken: set[int]) -> Iterator[_Candidate]:
    """Names neither spaCy nor the gazetteer knows, after a settlement cue: 'the village of
    Zarvynske', 'the settlements of Ivanivka-Zarichna and Zorianka' (each name in the list)."""
    lowers, texts, can_start = tokens.lowers, tokens.texts, tokens.can_start
    n = len(texts)
    for i in range(n - 2):
        if lowers[i] not in SETTLEMENT_OF_WORDS or lowers[i + 1] != "of":
            continue
        k = i + 2
        while k < n and can_start[k]:
            end = k + 1
            while end < n and end - k < MAX_CUED_TOKENS and (can_start[end] or (
                    texts[end] == "-" and not tokens.spaced[end - 1] and end + 1 < n and can_start[end + 1])):
                end += 2 if texts[end] == "-" else 1
            if not any(t in taken for t in range(k, end)):
                taken.update(range(k, end))
                yield _Candidate(k, end, normalize(tokens.span_text(k, end)), settlement_cue=True)
            if end < n and lowers[end] in (",", "and", "or") and lowers[i].endswith("s"):
                k = end + 1  # the plural cue covers a list
                if k < n and lowers[k] in ("and", "or"):
                    k += 1
            else:
                break


TERRITORY_WORDS = frozenset({"territory", "soil"})


def _national_territory(tokens: _Tokens, taken: set[int], gazetteer: Gazetteer) -> Iterator[_Candidate]:
    """'Ukrainian territory', 'Russian soil': the country itself, named by its nationality word."""
    lowers, texts = tokens.lowers, tokens.texts
    for i in range(len(texts) - 1):
        if lowers[i + 1] in TERRITORY_WORDS and tokens.can_start[i] and i not in taken and i + 1 not in taken:
            country = gazetteer.country(gazetteer.demonym_country(texts[i]))
            if country is not None and not texts[i].endswith("s"):
                taken.update((i, i + 1))
                yield _Candidate(i, i + 2, normalize(country.place_name))


# Words for a stretch of front named after a place: 'the Lyman and Kupyanks directions' ('area' also
# follows communities and firms: 'the Sikh area').
AREA_HEADS = frozenset({"sector", "sectors", "direction", "directions", "axis", "axes"})
# A facility written as a common noun after a place or nationality word: 'the Zaporizhzhia nuclear
# power plant', 'a Russian ammunition depot'; its head, and the words allowed before it.
PHRASE_FACILITY_HEADS = frozenset({"plant", "station", "depot", "arsenal", "airport", "airfield", "airbase",
                                   "base", "crossing", "checkpoint", "post", "refinery", "dam", "bridge",
                                   "warehouse", "factory", "terminal", "port"})
FACILITY_MODIFIERS = frozenset({"nuclear", "power", "thermal", "hydroelectric", "electric", "oil", "gas", "fuel",
                                "chemical", "railway", "rail", "train", "bus", "international", "military", "air",
                                "naval", "ammunition", "arms", "weapons", "munitions", "border", "storage",
                                "steel", "tractor", "frontier", "customs", "sea", "river"})
# Facilities named by their owner's nationality, never by a place: a port or bridge needs its name.
DESCRIBED_FACILITY_HEADS = PHRASE_FACILITY_HEADS - {"port", "bridge", "dam", "station", "terminal", "airport"}
# A facility noun before an unknown name that is the facility's own ('the border checkpoint Troebortnoe').
APPOSED_FACILITY_HEADS = frozenset({"post", "checkpoint", "outpost", "airfield", "airbase", "base", "depot",
                                    "arsenal"})


def _area_names(doc: Doc, tokens: _Tokens, taken: set[int], gazetteer: Gazetteer) -> Iterator[_Candidate]:
    """Names neither spaCy nor the gazetteer knows before a word for a stretch of front: 'the
    Lyman and Kupyanks directions', 'the Vovchanks direction' (each name of the list)."""
    lowers, texts, can_start, spaced = tokens.lowers, tokens.texts, tokens.can_start, tokens.spaced
    for i in range(1, len(texts)):
        if lowers[i] not in AREA_HEADS:
            continue
        names: list[tuple[int, int]] = []
        k = i - 1
        while k >= 0 and can_start[k]:
            start = k
            while start >= 2 and texts[start - 1] == "-" and not spaced[start - 2] and can_start[start - 2]:
                start -= 2  # a hyphenated name ('Ivanivka-Zarichna')
            names.append((start, k + 1))
            k = start - 1
            if k >= 1 and lowers[k] in ("and", "or", ","):
                k -= 1
                if k >= 1 and lowers[k] == "," and lowers[k + 1] in ("and", "or"):
                    k -= 1
            else:
                break
        if not names or names[-1][0] == 0 or lowers[names[-1][0] - 1] not in MODIFIER_WORDS:
            continue  # 'the X sector', not a sentence or heading that starts with a capital
        for start, end in names:
            key = normalize(tokens.span_text(start, end))
            if (any(t in taken for t in range(start, end)) or len(key) < 3 or key in GENERIC_WORDS
                    or tokens.sent_start[start] or _is_short_acronym_text(texts[start])
                    or gazetteer.demonym_country(texts[start]) or doc[start].ent_type_ in NEVER_PLACE_LABELS
                    or doc[start].ent_type_ == "NORP"):
                continue
            taken.update(range(start, end))
            yield _Candidate(start, end, key, area_cue=True)


def _facility_phrases(doc: Doc, tokens: _Tokens, candidates: list[_Candidate], taken: set[int],
                      gazetteer: Gazetteer) -> Iterator[_Candidate]:
    """Facilities written with common nouns. A place name before the noun becomes the facility's
    name ('the Zaporizhzhia nuclear power plant', in place of 'Zaporizhzhia'); a nationality word
    before it describes one ('a Russian ammunition depot'); an unknown name after it is its name
    ('the border checkpoint Troebortnoe')."""
    lowers, texts, n = tokens.lowers, tokens.texts, len(tokens.texts)

    def head_after(i: int, heads: frozenset[str]) -> int | None:
        """End of 'modifier* head' starting at token i, or None."""
        j = i
        while j < n and j - i < 3 and lowers[j] in FACILITY_MODIFIERS:
            j += 1
        if j >= n or lowers[j] not in heads or tokens.can_start[j]:
            return None
        if doc[j].dep_ == "compound" and doc[j].head.i > j and not tokens.can_start[doc[j].head.i]:
            return None  # 'the Russian post office', 'Kharkiv power plant workers': the noun is not the head
        return j + 1

    for c in candidates:
        if c.facility or c.key.startswith(ABBREVIATION_PREFIX):
            continue
        end = head_after(c.end, PHRASE_FACILITY_HEADS)
        if end is not None and end - c.end >= 2 and not any(t in taken for t in range(c.end, end)):
            # Only with a modifier ('Zaporizhzhia nuclear power plant'): 'Orel plant' may be a company.
            taken.update(range(c.end, end))
            c.place_end = c.end
            c.end, c.key, c.facility = end, normalize(tokens.span_text(c.start, end)), True
            c.ner_label, c.ner_is_place = None, False
    for i in range(n - 1):
        if i in taken or not tokens.can_start[i] or texts[i].endswith("s") or not gazetteer.demonym_country(texts[i]):
            continue
        if not _line_start(doc, i) and lowers[i - 1] not in ("a", "an", "the", "another"):
            continue  # 'a Russian arms depot', or a heading that starts with one
        end = head_after(i + 1, DESCRIBED_FACILITY_HEADS)
        if end is None or any(t in taken for t in range(i, end)):
            continue
        if end < n and tokens.can_start[end] and lowers[end - 1] in APPOSED_FACILITY_HEADS:
            continue  # 'the Russian border checkpoint Troebortnoe': the name follows
        taken.update(range(i, end))
        yield _Candidate(i, end, normalize(tokens.span_text(i, end)), facility=True, described=True)
    starting = {c.start: c for c in candidates}
    for i in range(n - 1):
        if lowers[i] not in APPOSED_FACILITY_HEADS or not tokens.can_start[i + 1]:
            continue
        if i + 1 in taken:
            named = starting.get(i + 1)  # spaCy's entity, unknown to the gazetteer
            if named is not None and not named.facility and not gazetteer.has_key(named.key) \
                    and named.ner_label in ("GPE", "LOC", "FAC", "PERSON"):
                named.facility, named.ner_label, named.ner_is_place = True, None, False
            continue
        end = i + 2
        while end < n and tokens.can_start[end] and end not in taken and end - i <= 3:
            end += 1
        key = normalize(tokens.span_text(i + 1, end))
        if gazetteer.has_key(key) or key in GENERIC_WORDS or doc[i + 1].ent_type_ in ("NORP", "ORG") \
                or (doc[i + 1].ent_type_ == "PERSON" and end - i > 2) or lowers[i + 1] in CALENDAR_WORDS \
                or _is_short_acronym_text(texts[i + 1]) or gazetteer.demonym_country(texts[i + 1]):
            continue
        taken.update(range(i + 1, end))
        yield _Candidate(i + 1, end, key, facility=True)


def _attach_cues(doc: Doc, c: _Candidate) -> None:
    after = doc[c.end] if c.end < len(doc) else None
    if after is not None and after.lower_ in REGION_CUE_WORDS:
        c.region_cue = True
        c.cue_end = c.end + 1
    elif after is not None and after.lower_ in ("district", "raion", "rayon", "county") and c.end + 1 <= len(doc):
        c.cue_end = c.end + 1
    before = [t.lower_ for t in doc[max(0, c.start - 3):c.start]]
    if len(before) >= 2 and before[-1] == "of" and before[-2] in SETTLEMENT_CUE_WORDS:
        c.settlement_cue = True
    if len(before) >= 2 and before[-1] == "of" and before[-2] in REGION_CUE_WORDS:
        c.region_cue = True
    if before and before[-1] in ("village", "town", "settlement", "hamlet"):
        c.settlement_cue = True


# Words that make a bare name shared by a region and its city ('Sumy', 'Bryansk') the one or the
# other in this mention: 'near Sumy', 'the outskirts of Sumy', 'Sumy mayor' are the city;
# 'across Bryansk', 'Bryansk governor', 'the Bryansk regional council' the region.
CITY_SENSE_BEFORE = frozenset({"near", "outside"})
CITY_SENSE_OF = frozenset({"outskirts", "suburbs", "suburb", "centre", "center", "downtown", "mayor"})
CITY_SENSE_AFTER = frozenset({"mayor", "city"})
REGION_SENSE_BEFORE = frozenset({"across", "throughout"})
REGION_SENSE_AFTER = frozenset({"governor", "regional", "governorate"})
REGION_SENSE_OF = frozenset({"governor"})
APPOSITION_DETERMINERS = frozenset({"a", "an", "another", "the"})


def _attach_sense(doc: Doc, c: _Candidate, gazetteer: Gazetteer) -> None:
    if c.facility or c.region_cue or c.settlement_cue:
        return
    before = doc[c.start - 1].lower_ if c.start > 0 else ""
    before2 = doc[c.start - 2].lower_ if c.start > 1 else ""
    after = doc[c.end].lower_ if c.end < len(doc) else ""
    if after == "city" and doc[c.end].text != "city":
        after = ""  # 'Panama City' is a name of its own, not the city of Panama
    if after in CITY_SENSE_AFTER or before in CITY_SENSE_BEFORE or (before == "of" and before2 in CITY_SENSE_OF):
        c.sense = "city"
    elif after in REGION_SENSE_AFTER or (before == "of" and before2 in REGION_SENSE_OF):
        c.sense = "region"
    elif before in REGION_SENSE_BEFORE and gazetteer.regions_with_base(c.key) and not any(
            e.feature == "capital" for e in gazetteer.lookup_key(c.key)):
        c.sense = "region"  # 'sirens across Bryansk'; a capital is a region of its own ('across Kyiv')
    elif _apposed_region(doc, c):
        c.sense, c.sense_spreads = "region", True


def _apposed_region(doc: Doc, c: _Candidate) -> bool:
    """'Lipetsk, a central Russian region, ...', 'another border region, Bryansk'."""
    if c.start >= 3 and doc[c.start - 1].text == "," and doc[c.start - 2].lower_ in REGION_CUE_WORDS \
            and not _can_start(doc[c.start - 3]) and (c.end == len(doc) or doc[c.end].is_punct):
        return True  # not 'after the raid on the Bryansk region, Minsk has ...'
    if c.end + 2 < len(doc) and doc[c.end].text == "," and doc[c.end + 1].lower_ in APPOSITION_DETERMINERS:
        for token in doc[c.end + 2:min(len(doc), c.end + 6)]:
            if token.lower_ in REGION_CUE_WORDS:
                return True
            if token.is_punct or token.pos_ not in ("ADJ", "NOUN", "PROPN"):
                return False
    return False


def _share_list_senses(doc: Doc, accepted: list[_Candidate], context: _Context, gazetteer: Gazetteer) -> None:
    """The names of one list are places of one kind: 'Donetsk, Mariupol and Makiivka' are cities
    even in an article about the Donetsk region; 'Orel, Tula and Bryansk' in an article naming the
    Orel and Tula regions are regions."""
    chains: list[list[_Candidate]] = []
    for c in accepted:
        if c.facility:
            continue
        last = chains[-1][-1] if chains else None
        if last is not None and 0 < c.start - last.end <= 2 and all(
                t.lower_ in ("and", "or", ",") for t in doc[last.end:c.start]):
            chains[-1].append(c)
        else:
            chains.append([c])
    for chain in chains:
        if _followed_by_another_region(doc, chain[-1]):
            # 'in Orel, Tula and another border region, Bryansk': the list names regions.
            for c in chain:
                if c.sense is None and not c.settlement_cue and gazetteer.regions_with_base(c.key):
                    c.sense = "region"
            continue
        if len(chain) < 2:
            continue
        kinds = [_kind_in_article(c, context) for c in chain]
        cities, regions = kinds.count("city"), kinds.count("region")
        for c, kind in zip(chain, kinds):
            if c.sense is not None or c.region_cue or c.settlement_cue:
                continue
            if cities > regions and kind == "region":
                c.sense = "city"
            elif regions > cities and kind == "city" and gazetteer.regions_with_base(c.key):
                c.sense = "region"


def _followed_by_another_region(doc: Doc, c: _Candidate) -> bool:
    following = [t.lower_ for t in doc[c.end:c.end + 5]]
    if not following or following[0] not in ("and", "or", ","):
        return False
    rest = following[1:]
    if not rest or rest[0] not in ("another", "other", "a", "one"):
        return False
    return any(word in REGION_CUE_WORDS for word in rest[1:])


def _kind_in_article(c: _Candidate, context: _Context) -> str | None:
    if c.region_cue or c.sense == "region" or (c.key in context.region_bases and c.sense != "city"):
        return "region"
    if c.settlement_cue or c.sense == "city":
        return "city"
    features = {e.feature for e in c.entries}
    if features & {"country", "continent", "macro"} or not features & {"city", "capital"}:
        return None
    return "city"


def _share_plural_region_cues(doc: Doc, candidates: list[_Candidate]) -> None:
    """'the Kursk and Belgorod regions': the plural cue covers every coordinated name."""
    for i in range(len(candidates) - 1, 0, -1):
        later, earlier = candidates[i], candidates[i - 1]
        if not later.region_cue or later.cue_end is None or not doc[later.cue_end - 1].lower_.endswith("s"):
            continue
        between = doc[earlier.end:later.start]
        if len(between) <= 2 and all(t.lower_ in ("and", "or", ",") for t in between):
            earlier.region_cue = True


def _attach_containers(doc: Doc, candidates: list[_Candidate]) -> None:
    for first, second in zip(candidates, candidates[1:]):
        between = doc[first.end:second.start]
        if len(between) == 1 and between[0].text == ",":
            first.container = second.key
            second.contained = first.key


def _overlaps(tokens: _Tokens, c: _Candidate, exclude: Sequence[CharSpan]) -> bool:
    start, end = tokens.starts[c.start], tokens.ends[c.end - 1]
    return any(s.char_start < end and start < s.char_end for s in exclude)


def _entries(doc: Doc, c: _Candidate, gazetteer: Gazetteer) -> list[GazetteerEntry]:
    if c.key.startswith(ABBREVIATION_PREFIX):
        entry = gazetteer.abbreviation(c.key[len(ABBREVIATION_PREFIX):])
        return [entry] if entry is not None else []
    if c.facility:
        return []
    entries = gazetteer.lookup_key(c.key)
    if _all_generic(c.key):
        # 'Cape Town' and 'Middle East' yes; 'West Coast' (New Zealand) and 'Valley' (Alabama) no.
        entries = [e for e in entries if e.feature in ("country", "macro", "continent")
                   or e.population >= BIG_CITY and e.feature != "admin1"]
    if c.end - c.start == 1 and (_is_short_acronym(doc[c.start]) or "." in doc[c.start].text):
        # 'AI', 'P.A.', 'Dr.': an acronym or abbreviation names a country ('US', 'U.K.') or nothing.
        return [e for e in entries if e.feature in ("country", "macro")]
    return entries


def _facility_location(doc: Doc, tokens: _Tokens, c: _Candidate, gazetteer: Gazetteer) -> GazetteerEntry | None:
    """The settlement or region named inside a facility's name ('Kharkiv Tractor Plant')."""
    head = doc[c.end - 1].lower_
    if head in UNLOCATED_HEADS:
        if head in NATURAL_FEATURE_HEADS:
            # 'the Korean Peninsula', 'the Irish Sea': a nationality word places it in (or off) that country.
            for i in range(c.start, c.end - 1):
                country = gazetteer.country(gazetteer.demonym_country(tokens.texts[i]))
                if country is not None:
                    return country
        return None
    country = None
    for i in range(c.start, c.end - 1):
        for j in range(min(c.end - 1, i + MAX_NAME_TOKENS), i, -1):
            key = normalize(tokens.span_text(i, j))
            if key in GENERIC_WORDS or not key:
                continue
            entries = [e for e in gazetteer.lookup_key(key) if normalize(e.place_name) == key]
            places = [e for e in entries if e.feature in ("city", "capital", "admin1")
                      and (e.population >= BIG_CITY or e.feature == "admin1")]
            if places:
                return max(places, key=lambda e: e.population)
            country = country or next((e for e in entries if e.feature == "country"), None)
    return country


# --- context -------------------------------------------------------------------------------------

@dataclass
class _Context:
    countries: Counter
    admin1: Counter
    region_bases: set[str]
    surnames: set[str] = field(default_factory=set)  # last words of multi-word person names
    resolved: dict[str, GazetteerEntry] = field(default_factory=dict)
    similar: dict[str, list[GazetteerEntry]] = field(default_factory=dict)  # spelling guesses by key
    named_regions: set[str] = field(default_factory=set)  # admin1 codes named with a cue ('Kharkiv region')

    def countries_for(self, key: str) -> Counter:
        counts = Counter(self.countries)
        for other, entry in self.resolved.items():
            if other != key and entry.country_code:
                counts[entry.country_code] += 1
        return counts

    def admin1_for(self, key: str) -> Counter:
        counts = Counter(self.admin1)
        for other, entry in self.resolved.items():
            if other != key and entry.admin1_code:
                counts[entry.admin1_code] += 1
        return counts

    def add_resolved(self, accepted: list[_Candidate]) -> None:
        for c in accepted:
            if c.chosen is not None and c.score >= 0.6:
                self.resolved.setdefault(c.key, c.chosen)

    def near_other_place(self, key: str, entry: GazetteerEntry, degrees: float = 0.0) -> bool:
        """``entry`` lies within about 150 km (``degrees`` of latitude, if given) of a settlement
        or region resolved for another name."""
        lat, lon = entry.latitude, entry.longitude
        if lat is None:
            return False
        degrees = degrees or NEAR_DEGREES
        for other, resolved in self.resolved.items():
            if other != key and resolved.feature in ("city", "capital", "admin1") and resolved.latitude is not None \
                    and abs(resolved.latitude - lat) < degrees and abs(resolved.longitude - lon) < 1.6 * degrees:
                return True
        return False

    @classmethod
    def of(cls, doc: Doc, tokens: _Tokens, candidates: list[_Candidate], gazetteer: Gazetteer) -> _Context:
        countries: Counter = Counter()
        for text in tokens.texts:
            if text[:1].isupper():
                demonym = gazetteer.demonym_country(text)
                if demonym:
                    countries[demonym] += 1
        for c in candidates:
            c.entries = _entries(doc, c, gazetteer)
            if c.facility:
                c.location = _facility_location(doc, tokens, c, gazetteer)
                if c.place_end is not None:
                    c.place_entries = gazetteer.lookup_key(normalize(tokens.span_text(c.start, c.place_end)))
            if c.ner_label in (None, "GPE", "LOC") and not c.facility:
                for entry in c.entries:
                    if entry.feature == "country":
                        countries[entry.country_code] += 1
        region_bases = {c.key for c in candidates if c.region_cue or c.sense_spreads}
        for base in region_bases:
            for region in gazetteer.regions_with_base(base):
                countries[region.country_code] += 1
        surnames = {normalize(ent[-1].text) for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1}
        return cls(countries, Counter(), region_bases, surnames)

    def add_accepted(self, accepted: list[_Candidate], gazetteer: Gazetteer) -> None:
        for c in accepted:
            if c.region_cue or c.sense == "region":
                for entry in _region_entries(c, gazetteer):
                    self.admin1[entry.admin1_code] += 1
                    self.named_regions.add(entry.admin1_code)
                    self.countries[entry.country_code] += 1
            # Unambiguous names (one entry, or one entry in a country of its own) add their country.
            countries = {e.country_code for e in c.entries if e.country_code}
            if len(countries) == 1 and c.entries[0].feature != "country":
                self.countries[next(iter(countries))] += 1
            for entry in c.entries:
                if entry.feature == "admin1" and not c.region_cue and len(c.entries) == 1:
                    self.admin1[entry.admin1_code] += 1


# --- acceptance ----------------------------------------------------------------------------------

def _preceding_word(doc: Doc, start: int) -> Token | None:
    i = start - 1
    while i >= 0 and doc[i].lower_ in MODIFIER_WORDS:
        i -= 1
    return doc[i] if i >= 0 else None


def _accept(doc: Doc, candidates: list[_Candidate], gazetteer: Gazetteer, context: _Context) -> None:
    previous: _Candidate | None = None
    for c in candidates:
        c.accepted = _has_evidence(doc, c, previous, context, gazetteer)
        if c.accepted:
            previous = c
    # One sense per article: a name shown to be a place once is one wherever spaCy does not say
    # otherwise ('Balakliia (east) was quiet' before 'near Balakliia').
    places = {c.key for c in candidates if c.accepted and c.entries and not c.facility}
    for c in candidates:
        if not c.accepted and c.key in places and c.ner_label is None and not _is_speaker(doc, c) and not (
                c.start > 0 and doc[c.start - 1].lower_.rstrip(".") in PERSON_TITLES):
            c.accepted = True


def _locative_strength(doc: Doc, start: int, end: int | None = None) -> int:
    """2 for a preposition that puts what follows in a place (or a verb whose object is a place:
    'shelled Kubyansk'), 1 for a weaker preposition, 0 for none."""
    if end is not None:
        root = doc[start:end].root
        if root.dep_ == "dobj" and root.head.lemma_.lower() in PLACE_OBJECT_VERBS:
            return 2
    preceding = _preceding_word(doc, start)
    if preceding is None:
        return 0
    word = preceding.lower_
    if word in LOCATIVE_WORDS:
        return 2
    if word in ("and", "or", ","):
        # A list member takes the preposition before the list: 'in the Zarvynske and Lyman areas'.
        i = preceding.i - 1
        while i >= 0 and preceding.i - i <= 8 and (doc[i].text[:1].isupper() or doc[i].lower_ in (",", "and", "-")):
            i -= 1
        if i < preceding.i - 1:
            return _locative_strength(doc, i + 1)
    if word == "of" and preceding.i > 0 and doc[preceding.i - 1].lower_ in PART_OF_WORDS:
        return 2
    return 1 if word in WEAK_LOCATIVE_WORDS else 0


def _has_evidence(doc: Doc, c: _Candidate, previous: _Candidate | None, context: _Context,
                  gazetteer: Gazetteer) -> bool:
    if c.ner_label in NEVER_PLACE_LABELS:
        return False
    ent = _entity_around(doc, c)
    locative = _locative_strength(doc, c.start, c.end)
    if c.facility:
        return not _is_speaker(doc, c)  # 'the White House said' is an actor, 'at the White House' a place
    if gazetteer.demonym_country(doc[c.start:c.end].text) and not any(
            e.feature == "country" for e in c.entries):
        return False
    before = doc[c.start - 1] if c.start > 0 else None
    if before is not None and before.lower_.rstrip(".") in PERSON_TITLES and not c.ner_is_place:
        return False
    if ent is not None and ent.label_ == "PERSON" and (ent.start < c.start or ent.end > c.end):
        return False  # part of a person's name: 'George Washington', 'Paris Hilton'
    if c.key in context.surnames and locative < 2:
        return False  # 'Nelson said' after 'Dewly Nelson': the person again
    single_word = c.end - c.start == 1
    if single_word and doc[c.start].is_stop and not doc[c.start].text.isupper():
        return False  # 'Are' (Åre), 'We'
    if single_word and doc[c.start].lower_.rstrip(".") in PERSON_TITLES:
        return False  # 'US Secretary of State': a title, not Secretary, Maryland
    coordinated = previous is not None and c.start - previous.end <= 2 and all(
        t.lower_ in ("and", "or", ",") for t in doc[previous.end:c.start])
    if not c.entries:
        # Not in the gazetteer: only spaCy's word for it, so ask for more than the label.
        return c.region_cue or c.settlement_cue or c.area_cue or (c.ner_label in ("GPE", "LOC") and (
            locative == 2 or coordinated or c.container is not None))
    if c.region_cue or c.settlement_cue or c.sense_spreads:
        return True
    best_population = max(e.population for e in c.entries)
    in_context = any(e.country_code in context.countries for e in c.entries)
    strong = any(_is_prominent(e, c, context) for e in c.entries)
    if not strong and locative < 2 and not c.ner_is_place and _in_shouted_run(doc, c):
        return False  # 'KEEP READING', 'SIGN UP': page furniture in capitals, not Reading
    if not strong and _is_speaker(doc, c):
        return False  # 'Nelson told reporters': a person, whatever spaCy's label
    if c.ner_label in ("GPE", "LOC"):
        return strong or best_population >= 10_000 or locative > 0 or coordinated or in_context \
            or c.container is not None
    if single_word and not strong and doc[c.start].lower_ in _english_non_nouns():
        return False  # 'March', 'Hope', 'Split': a verb or adjective first, a town somewhere second
    if doc[c.start].is_sent_start and not strong and len(c.entries) > 1 and best_population < BIG_CITY:
        return False  # a capitalised sentence-initial word that is also some small town
    embedded = ent is not None and (ent.start < c.start or ent.end > c.end)
    if ent is not None:
        # spaCy's small model labels many Ukrainian and Russian towns PERSON, ORG or PRODUCT.
        if embedded:
            return strong or best_population >= BIG_CITY
        if locative == 2 or coordinated or c.container:
            return best_population >= 1_000 or strong or in_context
        if locative == 1:
            return best_population >= 5_000 or strong or in_context
        return strong or (best_population >= BIG_CITY and in_context and not _is_speaker(doc, c))
    if strong or locative == 2 or coordinated or c.container:
        return True
    if locative == 1 and (best_population >= 10_000 or in_context):
        return True
    return best_population >= BIG_CITY and (in_context or best_population >= 1_000_000)


def _in_shouted_run(doc: Doc, c: _Candidate) -> bool:
    """The name is spelled in capitals, and so are the words beside it on its line (a heading,
    a button), so its capitals say nothing about it being a name."""
    name = doc[c.start:c.end]
    if not all(t.is_upper for t in name if t.is_alpha) or not any(len(t) > 3 and t.is_alpha for t in name):
        return False
    neighbours = []
    if c.start > 0 and "\n" not in doc[c.start - 1].whitespace_ and doc[c.start - 1].is_alpha:
        neighbours.append(doc[c.start - 1])
    if c.end < len(doc) and "\n" not in name[-1].whitespace_ and doc[c.end].is_alpha:
        neighbours.append(doc[c.end])
    return all(t.is_upper for t in neighbours)


def _is_prominent(entry: GazetteerEntry, c: _Candidate, context: _Context) -> bool:
    """A name too prominent to need more evidence: a country, a big capital, or a region in one
    of the article's countries ('Nelson', a New Zealand region, is first a surname)."""
    if entry.feature in ("country", "continent", "macro"):
        return True
    if entry.feature == "capital":
        return entry.population >= BIG_CITY
    return entry.feature == "admin1" and (entry.country_code in context.countries or c.ner_label in ("GPE", "LOC"))


@cache
def _english_non_nouns() -> frozenset[str]:
    """English verbs, adjectives and adverbs known to the model's lemmatizer."""
    try:
        from orchestration.extract.nlp import load_nlp

        index = load_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    except (KeyError, OSError, ValueError):
        return frozenset()
    words: set[str] = set()
    for pos in ("verb", "adj", "adv"):
        words.update(index.get(pos, ()))
    return frozenset(words)


def _entity_around(doc: Doc, c: _Candidate) -> Span | None:
    for i in range(c.start, c.end):
        if doc[i].ent_iob_ in ("B", "I"):
            return _entity_at(doc, i)
    return None


def _entity_at(doc: Doc, i: int) -> Span:
    start = i
    while doc[start].ent_iob_ == "I":
        start -= 1
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=doc[i].ent_type_)


def _is_speaker(doc: Doc, c: _Candidate) -> bool:
    root = doc[c.start:c.end].root
    return root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in SPEECH_VERBS


# --- resolution ----------------------------------------------------------------------------------

def _region_entries(c: _Candidate, gazetteer: Gazetteer | None) -> list[GazetteerEntry]:
    regions = [e for e in c.entries if e.feature == "admin1"]
    if regions or gazetteer is None:
        return regions
    regions = gazetteer.regions_with_base(c.key)
    if regions:
        return regions
    # 'Kharkov region' -> the region that contains the city called Kharkov.
    by_admin1 = {}
    for entry in c.entries:
        if entry.population < 20_000:
            continue
        region = gazetteer.admin1(entry.admin1_code)
        if region is not None and entry.population > by_admin1.get(region, -1):
            by_admin1[region] = entry.population
    return list(by_admin1)


def _score(entry: GazetteerEntry, c: _Candidate, countries: Counter, admin1: Counter,
           gazetteer: Gazetteer) -> float:
    # A region's population is the sum of its places', so it is discounted tenfold against a city's.
    population = entry.population / 10 if entry.feature == "admin1" else entry.population
    score = math.log10(population + 10)
    primary = normalize(entry.place_name) == c.key
    # Macro-regions have no population; their names are well known ('Middle East', 'Atlantic').
    score += {"country": 4.0, "continent": 3.0, "macro": 7.0}.get(entry.feature, 0.0)
    if entry.feature == "capital" and primary:
        score += 3.0
    if entry.country_code and entry.country_code in countries:
        score += 1.5
    if entry.feature == "admin1" and any(code.startswith(f"{entry.country_code}.") for code in admin1):
        score += 0.5
    if entry.admin1_code and entry.admin1_code in admin1:
        score += 1.0
    if c.container is not None:
        # 'Orange County, California', 'Gainesville, Va.': the place inside the named region or
        # country, or a quarter of the named city ('Brooklyn, New York'); not a namesake town
        # nearby ('Paris, London' in a list is no Paris beside London, Ontario).
        if any(x.place_key != entry.place_key and entry.country_code == x.country_code and _contains(x, entry)
               for x in [*_keyed_entries(c.container, gazetteer), *gazetteer.regions_with_base(c.container)]):
            score += 6.0
    if c.contained is not None and entry.feature in ("country", "admin1"):
        # 'Tacoma, Washington', 'Tbilisi, Georgia': the region or country that holds the place before it.
        if any(x.place_key != entry.place_key and x.country_code == entry.country_code and _contains(entry, x)
               and x.feature in ("city", "capital") for x in _keyed_entries(c.contained, gazetteer)):
            score += 4.0
    # An alternate name is often a former one ('Salisbury' for Harare): the place that still
    # carries the name comes first.
    score += 1.0 if primary else -1.0
    return score


STRAY_POPULATION = 20_000
STRAY_KM = 1_000.0


def _drop_stray_namesakes(accepted: list[_Candidate]) -> None:
    """A small place far from every other place the article names is a namesake of something the
    gazetteer lacks ('Washington Square' in an article about New Orleans is not Philadelphia's):
    it is left unresolved, so it is placed like any unknown name (at the nearest named place)."""
    anchors = [(c.key, c.chosen.latitude, c.chosen.longitude) for c in accepted if c.chosen is not None
               and c.chosen.latitude is not None and c.chosen.feature in ("city", "capital", "admin1")]
    if len({key for key, _, _ in anchors}) < 3:
        return
    for c in accepted:
        entry = c.chosen
        if entry is None or entry.feature != "city" or entry.population >= STRAY_POPULATION or entry.latitude is None:
            continue
        if not any(key != c.key and _km(lat, lon, entry.latitude, entry.longitude) <= STRAY_KM
                   for key, lat, lon in anchors):
            c.chosen = None


def _keyed_entries(key: str, gazetteer: Gazetteer) -> list[GazetteerEntry]:
    if key.startswith(ABBREVIATION_PREFIX):
        entry = gazetteer.abbreviation(key[len(ABBREVIATION_PREFIX):])
        return [entry] if entry is not None else []
    return gazetteer.lookup_key(key)


NEIGHBOURHOOD_KM = 30.0


def _contains(outer: GazetteerEntry, inner: GazetteerEntry) -> bool:
    """``outer`` (same country) holds ``inner``: it is the country, the region, or a city it lies in."""
    if outer.feature == "country":
        return True
    if outer.feature == "admin1":
        return outer.admin1_code == inner.admin1_code
    if outer.feature in ("city", "capital") and None not in (outer.latitude, inner.latitude):
        return _km(outer.latitude, outer.longitude, inner.latitude, inner.longitude) <= NEIGHBOURHOOD_KM
    return False


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def _resolve(accepted: list[_Candidate], gazetteer: Gazetteer, context: _Context) -> None:
    by_key: dict[str, tuple[Counter, Counter]] = {}
    for c in accepted:
        if c.facility:
            if c.place_entries:
                c.location = _facility_place(c, gazetteer, context)
            continue
        if c.region_cue or c.sense == "region" or (
                c.key in context.region_bases and not c.settlement_cue and c.sense != "city"):
            pool = _region_entries(c, gazetteer) or c.entries
        elif c.settlement_cue or c.sense == "city":
            pool = [e for e in c.entries if e.feature in ("city", "capital")] or c.entries
        else:
            pool = _without_namesake_regions(c.entries)
        if not pool:
            if c.key not in context.similar:
                context.similar[c.key] = _similar(c, gazetteer, context)
            pool = context.similar[c.key]
            if pool and context.resolved:
                # A spelling guess of a small place needs the article's support: in a region it
                # names as one, or close to its other places; else the name stays unknown and is
                # placed by those places (a look-alike village 100 km away is not meant).
                pool = [e for e in pool if e.population >= BIG_CITY or e.admin1_code in context.named_regions
                        or context.near_other_place(c.key, e, GUESS_NEAR_DEGREES)]
        if not pool:
            c.chosen = None
            continue
        if c.key not in by_key:  # the context does not change during a pass
            by_key[c.key] = context.countries_for(c.key), context.admin1_for(c.key)
        countries, admin1 = by_key[c.key]
        scored = sorted(((_score(e, c, countries, admin1, gazetteer), e) for e in pool), key=lambda pair: -pair[0])
        if len(scored) > 1 and context.resolved and scored[1][0] > scored[0][0] - PROXIMITY_BONUS:
            # Close namesakes: the one near the article's other places wins (of a country's
            # many villages called Ivanivka, the one by the towns the article names).
            floor = scored[0][0] - PROXIMITY_BONUS
            scored = sorted(((score + PROXIMITY_BONUS if score > floor and e.feature == "city"
                              and context.near_other_place(c.key, e) else score, e) for score, e in scored),
                            key=lambda pair: -pair[0])
        c.chosen = scored[0][1]
        margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 3.0
        c.score = round(min(1.0, 0.5 + 0.15 * margin), 3)


def _facility_place(c: _Candidate, gazetteer: Gazetteer, context: _Context) -> GazetteerEntry:
    """The place a facility phrase is named after ('the Riverdale gas station'): the city of that
    name, resolved in the article's context like the bare name, else the region."""
    pool = [e for e in c.place_entries if e.feature in ("city", "capital")] or c.place_entries
    countries, admin1 = context.countries_for(c.key), context.admin1_for(c.key)
    return max(pool, key=lambda e: _score(e, c, countries, admin1, gazetteer)
               + (PROXIMITY_BONUS if context.near_other_place(c.key, e) else 0.0))


NEAR_DEGREES = 1.4  # about 150 km of latitude (and 1.6 times that of longitude, at mid latitudes)
GUESS_NEAR_DEGREES = 0.45  # about 50 km
PROXIMITY_BONUS = 0.75


def _without_namesake_regions(entries: list[GazetteerEntry]) -> list[GazetteerEntry]:
    """A bare name shared by a region and a big city inside it means the city ('New York')."""
    cities_in = {e.admin1_code for e in entries if e.feature in ("city", "capital") and e.population >= BIG_CITY}
    return [e for e in entries if not (e.feature == "admin1" and e.admin1_code in cities_in)]


def _similar(c: _Candidate, gazetteer: Gazetteer, context: _Context) -> list[GazetteerEntry]:
    """Places spelled almost like an unknown name, in the article's main countries ('Kubyansk')."""
    if len(c.key) < 6 or not context.countries or _all_generic(c.key) or not (
            c.ner_label in ("GPE", "LOC") or c.settlement_cue or c.area_cue):
        return []
    countries = [cc for cc, _ in context.countries.most_common(3)]
    min_score = 85.0 if len(c.key) >= 7 else 90.0  # one letter off in a short name is another name
    # The closest spellings; the article's context picks among them and among namesakes.
    return [entry for entry, _ in gazetteer.similar(c.key, countries, min_score=min_score)[:8]]


NEAR_TOKENS = 60


def _nearest(c: _Candidate, settlements: list[_Candidate]) -> GazetteerEntry | None:
    distances = [(abs(s.start - c.start), s.chosen) for s in settlements if s is not c
                 and abs(s.start - c.start) <= NEAR_TOKENS]
    return min(distances, key=lambda pair: pair[0])[1] if distances else None


def _between(doc: Doc, c: _Candidate, settlements: list[_Candidate]) -> GazetteerEntry | None:
    """A facility 'between the Chernihiv region and Russia's Bryansk region' (a crossing, a bridge)
    lies on their common border: midway between their points, as near as the gazetteer can say."""
    after = [t.lower_ for t in doc[c.end:c.end + 3]]
    if "between" not in after:
        return None
    start = c.end + after.index("between") + 1
    following = sorted((s for s in settlements if start <= s.start <= start + 3), key=lambda s: s.start)
    if not following:
        return None
    first = following[0]
    for second in settlements:
        gap = doc[first.end:second.start]
        if 0 < len(gap) <= 4 and any(t.lower_ == "and" for t in gap) and second.chosen is not None:
            a, b = first.chosen, second.chosen
            if None in (a.latitude, b.latitude) or a.place_key == b.place_key:
                return None
            return a._replace(latitude=round((a.latitude + b.latitude) / 2, 5),
                              longitude=round((a.longitude + b.longitude) / 2, 5))
    return None


def _line_start(doc: Doc, i: int) -> bool:
    return i == 0 or "\n" in doc[i - 1].whitespace_ or (doc[i - 1].is_space and "\n" in doc[i - 1].text)


HEADING_MAX_TOKENS = 12
BELOW_HEADING_TOKENS = 120


def _below_heading(doc: Doc, c: _Candidate, settlements: list[_Candidate]) -> GazetteerEntry | None:
    """A facility named in a heading ('Russian arms depot hit') is where the text below it says:
    the first settlement named there, else the first region."""
    start = c.start
    while not _line_start(doc, start):
        start -= 1
    end = c.end
    while end < len(doc) and "\n" not in doc[end - 1].whitespace_ and not (doc[end].is_space and "\n" in doc[end].text):
        end += 1
    line = [t for t in doc[start:end] if not t.is_space]
    if not line or len(line) > HEADING_MAX_TOKENS or line[-1].text in (".", "!", "?", ":", ";", ",") \
            or end >= len(doc):
        return None
    below = sorted((s for s in settlements if end <= s.start <= end + BELOW_HEADING_TOKENS), key=lambda s: s.start)
    cities = [s.chosen for s in below if s.chosen.feature in ("city", "capital")]
    return cities[0] if cities else below[0].chosen if below else None


def _focus(accepted: list[_Candidate]) -> GazetteerEntry | None:
    """The article's main locality: its most mentioned settlement, else its most mentioned region.

    A facility or small place the gazetteer lacks is most likely there ('Royal Street' in an
    article about New Orleans), so it gets that point, with a coarser precision.
    """
    counts: Counter = Counter()
    for c in accepted:
        if c.chosen is not None and c.chosen.feature in ("city", "capital", "admin1"):
            counts[c.chosen] += 1
    settlements = [(n, e.population, e) for e, n in counts.items() if e.feature != "admin1"]
    regions = [(n, e.population, e) for e, n in counts.items() if e.feature == "admin1"]
    best = max(settlements or regions, default=None, key=lambda t: (t[0], t[1]))
    return best[2] if best else None


# --- output ------------------------------------------------------------------------------------------

def _unresolved(start: int, end: int, surface: str, key: str, name: str, place_type: str,
                where: GazetteerEntry | None) -> PlaceMention:
    """A toponym without its own gazetteer entry, placed at ``where`` (a place it is in) if known."""
    if where is None:
        return PlaceMention(start, end, surface, key, name, place_type, None, None, None, None, "point", 0.3)
    precision = "region" if where.feature in ("admin1", "country") else "city"
    return PlaceMention(start, end, surface, key, name, place_type, where.country_code, where.latitude,
                        where.longitude, None, precision, 0.3)


def _mention(doc: Doc, c: _Candidate, where: GazetteerEntry | None) -> PlaceMention:
    end_token = c.cue_end if c.cue_end is not None else c.end
    start_char = doc[c.start].idx
    end_char = doc[end_token - 1].idx + len(doc[end_token - 1])
    surface = doc[c.start:end_token].text  # the token span's text is the body slice, whitespace included
    entry = c.chosen
    if c.facility:
        name = doc[c.start:c.end].text
        kind = "other" if doc[c.end - 1].lower_ in NATURAL_FEATURE_HEADS else "facility"
        if doc[c.end - 1].lower_ in ("embassy", "consulate"):
            where = None
        where = c.location or where
        key = f"{kind}:{c.key}"
        if c.described and where is not None:
            key += f"@{where.place_key}"  # 'a Russian ammunition depot' near Orel is not the one near Tula
        return _unresolved(start_char, end_char, surface, key, name, kind, where)
    if entry is None:
        place_type = ("region" if c.region_cue else "village" if c.settlement_cue
                      else "facility" if c.ner_label == "FAC" else "other")
        return _unresolved(start_char, end_char, surface, f"name:{c.key}", doc[c.start:c.end].text,
                           place_type, where)
    return PlaceMention(start_char, end_char, surface, entry.place_key, entry.place_name, entry.place_type,
                        entry.country_code, entry.latitude, entry.longitude, entry.geonames_id,
                        entry.precision, c.score)
