"""Claims: attributed assertions with speaker, cue, content, intermediary, quote type and hedging.

Covered: 'X said (that) ...', '"...," X said', 'X told AFP ...' (AFP the intermediary),
'..., according to X', 'X, citing Y, reported ...' (Y the speaker, X the intermediary),
'X was quoted as saying ...', headline 'X says ...', direct quotes that run over several
sentences, and hedging by cue ('alleged', 'could not be independently verified') or by the
stance of the verb ('claimed', 'denied').
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from orchestration.extract.records import ActorMention, Claim, Span
from orchestration.extract.reporting import (
    CITING_WORDS,
    CLAUSE_ONLY_VERBS,
    REPORTING_VERBS,
    hedge_cues,
    stance_of_verb,
)

# Verbs that attribute speech even when their subject is not a recognised actor ('the statement said').
CORE_SPEECH_VERBS = frozenset({"say", "tell", "claim", "report", "announce", "state", "add", "deny", "confirm",
                               "allege", "warn", "insist", "accuse", "write", "estimate", "maintain"})
PERSONAL_PRONOUNS = frozenset({"they", "we", "i", "you"})
NON_SPEAKER_SUBJECTS = frozenset({"it", "this", "that", "which", "what", "there", "who", "they", "we", "i", "you"})
QUOTE_PAIRS = re.compile(r"“[^”]{3,}?”|\"[^\"]{3,}?\"|«[^»]{3,}?»")
TRIM_CHARS = " \t\n,.;:“”\"«»'‘’—–-"


@dataclass(frozen=True, slots=True)
class _Attribution:
    cue_start: int  # char offsets
    cue_end: int
    cue: str
    speaker: ActorMention | None
    via: ActorMention | None
    stance: str


def extract_claims(doc: Doc, actors: Sequence[ActorMention]) -> Iterator[Claim]:
    quotes = [(m.start(), m.end()) for m in QUOTE_PAIRS.finditer(doc.text)]
    found: list[tuple[int, int, _Attribution]] = []
    for content_start, content_end, attribution in _attributions(doc, actors):
        content_start, content_end = _expand_to_quote(content_start, content_end, quotes)
        content_start, content_end = _trim(doc.text, content_start, content_end)
        if content_end - content_start < 12 or any(_overlap((content_start, content_end), (s, e)) > 0.7 for s, e, _ in found):
            continue
        found.append((content_start, content_end, attribution))
    for content_start, content_end, attribution in _unnest(found):
        text = doc.text[content_start:content_end]
        is_direct = any(q_start <= content_start and content_end <= q_end for q_start, q_end in quotes)
        stance, hedged, cue_text = _hedging(doc, content_start, content_end, attribution)
        yield Claim(
            char_start=content_start,
            char_end=content_end,
            claim_text=text,
            cue=attribution.cue,
            cue_start=attribution.cue_start,
            cue_end=attribution.cue_end,
            speaker=Span(attribution.speaker.char_start, attribution.speaker.char_end) if attribution.speaker else None,
            via=Span(attribution.via.char_start, attribution.via.char_end) if attribution.via else None,
            is_direct_quote=is_direct,
            is_hedged=hedged,
            stance=stance,
            hedge_cue=cue_text,
        )


def _unnest(found: list[tuple[int, int, _Attribution]]) -> list[tuple[int, int, _Attribution]]:
    """'Reuters reports that Gerasimov told the president the advance was halted': the inner
    attribution is the claim, and the outer reporter, when a medium, is its intermediary."""
    kept: list[tuple[int, int, _Attribution]] = []
    replaced: dict[int, _Attribution] = {}
    dropped: set[int] = set()
    for i, (start, end, outer) in enumerate(found):
        inner = [j for j, (s, e, a) in enumerate(found)
                 if j != i and start <= a.cue_start < end and s >= start and e <= end]
        if not inner:
            continue
        covered = sum(found[j][1] - found[j][0] for j in inner)
        if covered >= 0.5 * (end - start):
            dropped.add(i)
            if outer.speaker is not None and outer.speaker.actor_type == "media":
                for j in inner:
                    attribution = replaced.get(j, found[j][2])
                    if attribution.via is None and attribution.speaker is not outer.speaker:
                        replaced[j] = _Attribution(attribution.cue_start, attribution.cue_end, attribution.cue,
                                                   attribution.speaker, outer.speaker, attribution.stance)
    for i, (start, end, attribution) in enumerate(found):
        if i not in dropped:
            kept.append((start, end, replaced.get(i, attribution)))
    return kept


def _attributions(doc: Doc, actors: Sequence[ActorMention]) -> Iterator[tuple[int, int, _Attribution]]:
    for token in doc:
        if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
            yield from _according_to(doc, token, actors)
        elif token.pos_ == "NOUN" and token.lemma_ in REPORTING_NOUNS:
            yield from _noun_attribution(doc, token, actors)
        elif token.lemma_ in REPORTING_VERBS and token.pos_ in ("VERB", "AUX") and token.tag_ != "VBG" \
                or token.lemma_ in REPORTING_VERBS and token.tag_ == "VBG" and token.dep_ in ("advcl", "xcomp", "pcomp"):
            yield from _verb_attribution(doc, token, actors)


REPORTING_NOUNS = {"claim": "claimed", "statement": "reported", "assertion": "claimed", "allegation": "claimed",
                   "report": "reported", "warning": "reported", "denial": "denied", "announcement": "reported",
                   "insistence": "claimed", "accusation": "claimed", "admission": "reported", "confirmation": "certain"}


def _noun_attribution(doc: Doc, noun: Token, actors: Sequence[ActorMention]) -> Iterator[tuple[int, int, _Attribution]]:
    """"Moscow's repeated claims that its defence holds', 'a statement by the ministry that ...'."""
    clauses = [c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl")
               and any(t.lower_ == "that" and t.dep_ == "mark" for t in c.children)]
    if not clauses:
        return
    speaker = None
    for child in noun.children:
        if child.dep_ == "poss":
            speaker = _actor_in(actors, child)
        elif child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    speaker = speaker or _actor_in(actors, obj)
    if speaker is None:
        return
    modifiers = [c for c in noun.children if c.dep_ == "amod" and c.i < noun.i]
    cue_start = min([noun, *modifiers], key=lambda t: t.i).idx
    cue_end = noun.idx + len(noun)
    attribution = _Attribution(cue_start, cue_end, doc.text[cue_start:cue_end], speaker, None,
                               REPORTING_NOUNS[noun.lemma_])
    for clause in clauses:
        start, end = _subtree_span(clause)
        yield start, end, attribution


def _actor_at(actors: Sequence[ActorMention], token: Token) -> ActorMention | None:
    for actor in actors:
        if actor.char_start <= token.idx < actor.char_end:
            return actor
    return None


def _actor_in(actors: Sequence[ActorMention], head: Token) -> ActorMention | None:
    """The actor named by a noun phrase: the one at its head, else the first inside it."""
    found = _actor_at(actors, head)
    if found is not None:
        return found
    tokens = list(head.subtree)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    inside = [a for a in actors if start <= a.char_start and a.char_end <= end]
    return inside[0] if inside else None


def _subject(token: Token) -> Token | None:
    """The speaker's noun phrase: the active subject, the agent of a passive ('was denied by X'),
    or the subject of the clause a participle or infinitive hangs from ('..., saying', 'unable to confirm')."""
    verb = token
    for _ in range(4):
        for child in verb.children:
            if child.dep_ == "nsubj":
                return child
            if child.dep_ == "agent":
                objects = [g for g in child.children if g.dep_ == "pobj"]
                if objects:
                    return objects[0]
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            return None  # 'X was accused': X is not the speaker
        if verb.dep_ in ("advcl", "xcomp", "pcomp", "conj", "acl", "acomp") and verb.head is not verb:
            verb = verb.head
            if verb.pos_ == "ADP":
                verb = verb.head
        else:
            break
    return None


def _verb_attribution(doc: Doc, verb: Token, actors: Sequence[ActorMention]) -> Iterator[tuple[int, int, _Attribution]]:
    contents = _contents(doc, verb)
    if not contents:
        return
    subject = _subject(verb)
    speaker = _actor_in(actors, subject) if subject is not None else None
    if speaker is None:
        # An unrecognised subject still attributes a that-clause ('the campaign said', 'we believe');
        # without a clause only the core speech verbs do.
        has_clause = any(c.dep_ == "ccomp" for c in verb.children)
        if subject is None or subject.lower_ in NON_SPEAKER_SUBJECTS - PERSONAL_PRONOUNS:
            return
        if not has_clause and (verb.lemma_ not in CORE_SPEECH_VERBS or subject.lower_ in PERSONAL_PRONOUNS):
            return
        if subject.pos_ not in ("NOUN", "PROPN", "PRON"):
            return
    cue_tokens = [verb] + [c for c in verb.children if c.dep_ in ("aux", "neg") and c.i < verb.i and verb.i - c.i <= 3]
    via = None
    cue_end_token = verb
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "iobj") and verb.lemma_ in ("tell", "inform", "brief"):
            via_actor = _actor_in(actors, child)
            cue_end_token = max(child.subtree, key=lambda t: t.i) if child.i > verb.i else verb
            if via_actor is not None and via_actor.actor_type == "media":
                via = via_actor
        if child.dep_ == "prep" and child.lower_ == "to" and verb.lemma_ in ("say", "speak", "confirm", "report"):
            for grandchild in child.children:
                target = _actor_in(actors, grandchild)
                if target is not None and target.actor_type == "media":
                    via = target
    speaker, via = _citing(doc, verb, actors, speaker, via)
    if via is None and speaker is not None:
        via = _reported_by(doc, verb, actors, speaker)
    first = min(cue_tokens, key=lambda t: t.i)
    cue_start = first.idx
    cue_end = cue_end_token.idx + len(cue_end_token) if cue_end_token.i - verb.i <= 4 else verb.idx + len(verb)
    cue = doc.text[cue_start:cue_end]
    stance = stance_of_verb(verb.lemma_) or "reported"
    attribution = _Attribution(cue_start, cue_end, cue, speaker, via, stance)
    for start, end in contents:
        yield start, end, attribution


def _contents(doc: Doc, verb: Token) -> list[tuple[int, int]]:
    """Character spans of what the verb attributes."""
    spans: list[tuple[int, int]] = []
    if verb.lemma_ in CLAUSE_ONLY_VERBS:
        for child in verb.children:
            if child.dep_ == "ccomp" and child.i > verb.i:
                spans.extend(_clause_spans(child, exclude=verb))
        return spans
    for child in verb.children:
        if child.dep_ == "ccomp" or child.dep_ == "xcomp" and verb.lemma_ in ("claim", "deny") \
                or child.dep_ == "pcomp" and verb.lemma_ in ("accuse", "warn"):
            spans.extend(_clause_spans(child, exclude=verb))
        elif child.dep_ == "prep" and child.lower_ in ("of", "that") and verb.lemma_ in ("accuse", "warn", "deny"):
            for grandchild in child.children:
                if grandchild.dep_ in ("pcomp", "pobj"):
                    spans.append(_subtree_span(grandchild))
    if not spans and verb.dep_ in ("parataxis", "advcl", "ccomp", "conj") and verb.head.i < verb.i \
            and verb.head.pos_ in ("VERB", "AUX", "NOUN", "ADJ") and verb.tag_ != "VBG":
        # '"The attack was repelled," the spokesman said' and 'The inhabitants, he said, cannot
        # leave': 'said' hangs from the reported clause.
        head = verb.head
        own = {t.i for t in verb.subtree}
        tokens = [t for t in head.subtree if t.i not in own and not (t.dep_ in ("cc", "punct") and t.head is head)]
        if tokens:
            spans.append((tokens[0].idx, tokens[-1].idx + len(tokens[-1])))
    if not spans:
        colon = next((t for t in doc[verb.i + 1:min(len(doc), verb.i + 14)] if t.text == ":"), None)
        if colon is not None and colon.sent == verb.sent and colon.i + 1 < len(doc) \
                and not any(t.pos_ == "VERB" and t.lemma_ not in ("post", "publish", "release") for t in doc[verb.i + 1:colon.i]):
            after = _next_non_space(doc, colon.i + 1)
            if after is not None:
                end_char = after.sent.end_char if after.sent != verb.sent or after.sent.end_char > after.idx else after.sent.end_char
                spans.append((after.idx, end_char))
    if not spans and verb.lemma_ not in ("say", "tell", "add", "write"):
        # 'announced new military successes', 'vowed to drive the enemy out', 'accused X of Y'
        tokens = [t for child in verb.children if child.i > verb.i and child.dep_ in
                  ("dobj", "xcomp", "prep", "oprd", "attr", "acomp", "advcl") and not _is_circumstance(child)
                  for t in child.subtree]
        if tokens:
            tokens.sort(key=lambda t: t.i)
            spans.append((tokens[0].idx, tokens[-1].idx + len(tokens[-1])))
    return spans


CIRCUMSTANCE_PREPOSITIONS = frozenset({"in", "on", "at", "during", "after", "before", "since", "from", "with", "via",
                                       "through", "by", "to", "for", "as", "without", "amid", "despite"})


def _is_circumstance(child: Token) -> bool:
    """'said on Tuesday', 'told reporters in Kyiv': the when and where of the act, not its content."""
    return child.dep_ == "prep" and child.lower_ in CIRCUMSTANCE_PREPOSITIONS


def _clause_spans(clause: Token, exclude: Token) -> list[tuple[int, int]]:
    """One span per coordinated clause ('said X and that Y' gives two claims)."""
    conjoined = [c for c in clause.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
                 and (any(g.dep_ in ("nsubj", "nsubjpass", "mark") for g in c.children)
                      or any(g.dep_ in ("dobj", "ccomp") for g in c.children))]
    if not conjoined:
        return [_subtree_span(clause, exclude)]
    skip = {t.i for c in conjoined for t in c.subtree}
    first = [t for t in clause.subtree if t.i not in skip and t.dep_ != "cc"]
    spans = [(first[0].idx, first[-1].idx + len(first[-1]))] if first else []
    for c in conjoined:
        spans.append(_subtree_span(c))
    return spans


def _subtree_span(token: Token, exclude: Token | None = None) -> tuple[int, int]:
    skip = {t.i for t in exclude.subtree} if exclude is not None and exclude in token.subtree else set()
    tokens = [t for t in token.subtree if t.i not in skip]
    if skip:
        # keep the contiguous part on the content's side of the attribution
        tokens = [t for t in tokens if t.i > max(skip)] or [t for t in tokens if t.i < min(skip)]
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _next_non_space(doc: Doc, i: int) -> Token | None:
    while i < len(doc) and doc[i].is_space:
        i += 1
    return doc[i] if i < len(doc) else None


def _citing(doc: Doc, verb: Token, actors: Sequence[ActorMention], speaker: ActorMention | None,
            via: ActorMention | None) -> tuple[ActorMention | None, ActorMention | None]:
    """'Reuters reported, citing the General Staff, ...': the cited one speaks, the reporter relays."""
    sentence = verb.sent
    for token in sentence:
        if token.lower_ in CITING_WORDS:
            objects = [c for c in token.children if c.dep_ in ("dobj", "pobj")] or \
                      [g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
            for obj in objects:
                cited = _actor_in(actors, obj)
                if cited is not None and cited is not speaker:
                    return cited, speaker if speaker is not None else via
    return speaker, via


def _reported_by(doc: Doc, verb: Token, actors: Sequence[ActorMention], speaker: ActorMention) -> ActorMention | None:
    """A medium in the same sentence that relays the statement: ', AFP reported', 'told Reuters'."""
    for token in verb.sent:
        if token is verb or token.lemma_ not in ("report", "tell", "say") and token.lower_ not in ("to",):
            continue
        for child in token.children:
            if child.dep_ in ("nsubj", "dobj", "dative", "pobj"):
                actor = _actor_in(actors, child)
                if actor is not None and actor.actor_type == "media" and actor is not speaker:
                    return actor
    return None


def _according_to(doc: Doc, according: Token, actors: Sequence[ActorMention]) -> Iterator[tuple[int, int, _Attribution]]:
    to = next(c for c in according.children if c.lower_ == "to")
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects:
        return
    source = objects[0]
    speaker = _actor_in(actors, source)
    phrase = sorted({*according.subtree}, key=lambda t: t.i)
    phrase_start, phrase_end = phrase[0].i, phrase[-1].i
    sentence = according.sent
    clause = according.head if according.head.pos_ in ("VERB", "AUX") else sentence.root
    scope = [t for t in clause.subtree if not (phrase_start <= t.i <= phrase_end)]
    before = [t for t in scope if t.i < phrase_start]
    after = [t for t in scope if t.i > phrase_end]
    part = before if len([t for t in before if not t.is_punct]) >= len([t for t in after if not t.is_punct]) else after
    part = [t for t in part if not t.is_space and not (t.dep_ == "cc" and t.head is clause)]
    if not part:
        return
    cue_end = to.idx + len(to)
    via = None
    for other in actors:
        if other is not speaker and other.actor_type == "media" and sentence.start_char <= other.char_start < sentence.end_char \
                and phrase[0].idx <= other.char_start <= phrase[-1].idx + len(phrase[-1]):
            via = other
    attribution = _Attribution(according.idx, cue_end, doc.text[according.idx:cue_end], speaker, via, "reported")
    yield part[0].idx, part[-1].idx + len(part[-1]), attribution


def _expand_to_quote(start: int, end: int, quotes: list[tuple[int, int]]) -> tuple[int, int]:
    """Content that lies inside a quotation takes the whole quotation, which may run over
    several sentences the parser split apart."""
    for q_start, q_end in quotes:
        if q_start <= start + 2 and end - 2 <= q_end and (end - start) > 0:
            inside_start, inside_end = q_start + 1, q_end - 1
            if inside_start <= start + 2:
                return inside_start, inside_end
    return start, end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    paragraph_break = text.find("\n", start, end)
    if paragraph_break != -1 and paragraph_break - start >= 12:
        end = paragraph_break
    while start < end and text[start] in TRIM_CHARS:
        start += 1
    while end > start and text[end - 1] in TRIM_CHARS:
        end -= 1
    if text[start:start + 5].lower() == "that ":
        start += 5
    return start, end


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return max(0, shared) / max(1, a[1] - a[0], b[1] - b[0])


def _hedging(doc: Doc, start: int, end: int, attribution: _Attribution) -> tuple[str, bool, str | None]:
    """Stance from the cue; hedged when the sentence marks the content alleged or unverified, or
    the next sentence says it could not be verified. A cue that is the speaker's own act ('ISW
    was unable to verify X') does not hedge X."""
    content = doc.char_span(start, end, alignment_mode="expand")
    sentence = content.sent if content is not None and len(content) else None
    scope_start = sentence.start_char if sentence is not None else start
    scope_end = sentence.end_char if sentence is not None else end
    cues = [(scope_start + s, scope_start + e, kind) for s, e, kind in hedge_cues(doc.text[scope_start:scope_end])]
    cues = [c for c in cues if not (c[0] < attribution.cue_end and c[1] > attribution.cue_start)]
    if not cues and sentence is not None and sentence.end < len(doc):
        following = doc[sentence.end].sent
        cues = [(following.start_char + s, following.start_char + e, kind)
                for s, e, kind in hedge_cues(following.text) if kind == "unverified"]
    stance = attribution.stance
    if cues and cues[0][2] == "unverified":
        stance = "unverified"
    return stance, bool(cues), doc.text[cues[0][0]:cues[0][1]] if cues else None
