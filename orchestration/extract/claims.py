"""Claims: attributed assertions with speaker, cue, content, intermediary, quote type and hedging.

Covered: 'X said (that) ...', '"...," X said', 'X told AFP ...' (AFP the intermediary),
'..., according to X', 'X, citing Y, reported ...' (Y the speaker, X the intermediary),
'X was quoted as saying ...', headline 'X says ...', direct quotes that run over several
sentences, 'X is saying', 'X, who said ...', 'The bridge, X said, will ...', phrasal cues ('called
for', 'pointed out'), verbless attributions ('X: ...' lines, quotations signed '— X'), and hedging by cue ('alleged', 'could not be independently verified') or by the
stance of the verb ('claimed', 'denied'). Stances and intentions count as claims: 'X wants to ...',
'X slammed Y for ...', 'X described Y as ...', 'X urged Y to ...'; verbs such as 'continued' or
'chanted' attribute only a quotation next to them ('X continued: "..."').
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.attrs import LEMMA, LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from orchestration.extract.records import ActorMention, Claim, Span
from orchestration.extract.reporting import (
    CITING_WORDS,
    CLAUSE_ONLY_VERBS,
    DIRECTIVE_VERBS,
    INTENTION_VERBS,
    JUDGEMENT_VERBS,
    QUOTE_ONLY_VERBS,
    QUOTING_VERBS,
    PHRASAL_LEMMAS,
    PHRASAL_REPORTING_VERBS,
    REPORTING_VERBS,
    hedge_cues,
    stance_of_verb,
)

# Verbs that attribute speech even when their subject is not a recognised actor ('the statement said').
CORE_SPEECH_VERBS = frozenset({"say", "tell", "claim", "report", "announce", "state", "add", "deny", "confirm",
                               "allege", "warn", "insist", "accuse", "write", "estimate", "maintain"})
PERSONAL_PRONOUNS = frozenset({"they", "we", "i", "you"})
NON_SPEAKER_SUBJECTS = frozenset({"it", "this", "that", "which", "what", "there", "who", "they", "we", "i", "you"})
# Straight quotes have no direction, so a pair never spans paragraphs: one unmatched mark would
# otherwise pair with the next paragraph's and swallow the claims in between.
QUOTE_PAIRS = re.compile(r"“[^”]{3,}?”|\"[^\"\n]{3,}?\"|«[^»]{3,}?»")
PARAGRAPH_BREAK = re.compile(r"\n\s*")


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Quotations, in order. A curly quotation may run over paragraphs only the way news prints
    it, each new paragraph reopening with '“'; one closed by a straight mark ('“no evidence"')
    is rejected, so it cannot pair with a '”' paragraphs later."""
    spans = []
    for match in QUOTE_PAIRS.finditer(text):
        start, end = match.span()
        if text[start] == "“" and "\n" in text[start:end]:
            breaks = list(PARAGRAPH_BREAK.finditer(text, start, end))
            if any(not text.startswith("“", b.end()) for b in breaks) \
                    or text.count("“", start + 1, end) != len(breaks):
                inner = _quote_spans_in_line(text, start, end)
                spans.extend(inner)
                continue
        spans.append((start, end))
    return spans


def _quote_spans_in_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Curly quotations that close within their paragraph, inside ``text[start:end]``."""
    return [(m.start(), m.end()) for m in CURLY_IN_PARAGRAPH.finditer(text, start, end)]


CURLY_IN_PARAGRAPH = re.compile(r"“[^”“\n]{3,}?”|\"[^\"\n“”]{3,}?\"")
TRIM_CHARS = " \t\n,.;:“”\"«»'‘’—–-"


class _Sentences:
    """Sentence lookups for one document, computed once: ``Token.sent`` and ``Doc.text`` rebuild
    their result on every call, which made them most of the time this module took."""

    __slots__ = ("doc", "text", "of_token", "bounds", "quotes", "_quote_ends", "_quote_starts", "_spans", "_hedges")

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text
        self.bounds: list[tuple[int, int]] = []
        self.of_token: list[int] = [0] * len(doc)
        for index, sentence in enumerate(doc.sents):
            self.bounds.append((sentence.start, sentence.end))
            self.of_token[sentence.start:sentence.end] = [index] * (sentence.end - sentence.start)
        self.quotes = _quote_spans(self.text)
        self._quote_ends = {end: (start, end) for start, end in self.quotes}
        self._quote_starts = {start: (start, end) for start, end in self.quotes}
        self._spans: dict[int, SpacySpan] = {}
        self._hedges: dict[int, list[tuple[int, int, str]]] = {}

    def of(self, token: Token) -> SpacySpan:
        index = self.of_token[token.i]
        span = self._spans.get(index)
        if span is None:
            span = self._spans[index] = self.doc[self.bounds[index][0]:self.bounds[index][1]]
        return span

    def quote_ending_before(self, char: int) -> tuple[int, int] | None:
        """The quotation that closes just before ``char`` with only spaces and commas between."""
        i = char
        while i > 0 and self.text[i - 1] in " ,\t":
            i -= 1
        return self._quote_ends.get(i)

    def quote_starting_after(self, char: int) -> tuple[int, int] | None:
        """The quotation that opens just after ``char`` with only spaces, a comma or a colon between."""
        i = char
        while i < len(self.text) and self.text[i] in " ,:\t":
            i += 1
        return self._quote_starts.get(i)

    def quote_starting_at(self, char: int) -> tuple[int, int] | None:
        return self._quote_starts.get(char)

    def hedges(self, index: int) -> list[tuple[int, int, str]]:
        """Hedging cues of sentence ``index`` in document character offsets."""
        found = self._hedges.get(index)
        if found is None:
            start, end = self.bounds[index]
            char_start = self.doc[start].idx
            char_end = self.doc[end - 1].idx + len(self.doc[end - 1])
            found = self._hedges[index] = [(char_start + s, char_start + e, kind)
                                           for s, e, kind in hedge_cues(self.text[char_start:char_end])]
        return found


@dataclass(frozen=True, slots=True)
class _Attribution:
    cue_start: int  # char offsets
    cue_end: int
    cue: str
    speaker: ActorMention | None
    via: ActorMention | None
    stance: str
    lemma: str = ""  # the cue verb's lemma, when the cue is a verb


def extract_claims(doc: Doc, actors: Sequence[ActorMention]) -> Iterator[Claim]:
    ctx = _Sentences(doc)
    body = ctx.text
    quotes = ctx.quotes
    found: list[tuple[int, int, _Attribution]] = []
    for content_start, content_end, attribution in _attributions(ctx, actors):
        content_start, content_end = _expand_to_quote(content_start, content_end, quotes)
        content_start, content_end = _trim(body, content_start, content_end)
        if content_end - content_start < 12 or _overlaps_found(found, content_start, content_end) \
                or _quoted_aside(attribution, quotes):
            continue
        found.append((content_start, content_end, attribution))
    for content_start, content_end, attribution in _unnest(found, body):
        text = body[content_start:content_end]
        is_direct = any(q_start <= content_start and content_end <= q_end for q_start, q_end in quotes)
        stance, hedged, cue_text = _hedging(ctx, content_start, content_end, attribution)
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


def _quoted_aside(attribution: _Attribution, quotes: list[tuple[int, int]]) -> bool:
    """'"Prices will fall, I think, by spring," she said': a first-person or speakerless cue inside a
    quotation is part of what the quoted speaker says, not a claim of its own."""
    speaker = attribution.speaker
    if speaker is not None and speaker.surface.lower() not in FIRST_PERSON:
        return False
    return any(q_start < attribution.cue_start and attribution.cue_end <= q_end for q_start, q_end in quotes)


FIRST_PERSON = frozenset({"i", "we", "me", "us"})


def _unnest(found: list[tuple[int, int, _Attribution]], body: str) -> list[tuple[int, int, _Attribution]]:
    """'Reuters reports that Gerasimov told the president the advance was halted': the inner
    attribution is the claim, and the outer reporter, when a medium, is its intermediary. But
    'the senator said she believes the plan will fail' is the senator's claim: a speech verb whose
    content opens with another cue keeps that cue inside its content."""
    kept: list[tuple[int, int, _Attribution]] = []
    replaced: dict[int, _Attribution] = {}
    dropped: set[int] = set()
    for i, (start, end, outer) in enumerate(found):
        inner = [j for j, (s, e, a) in enumerate(found)
                 if j != i and start <= a.cue_start < end and s >= start and e <= end]
        if not inner:
            continue
        covered = sum(found[j][1] - found[j][0] for j in inner)
        if any(_leads_content(body, start, outer, found[j][2]) for j in inner):
            dropped.update(inner)
            continue
        if covered >= 0.5 * (end - start):
            dropped.add(i)
            if outer.speaker is not None and outer.speaker.actor_type == "media":
                for j in inner:
                    attribution = replaced.get(j, found[j][2])
                    if attribution.via is None and attribution.speaker is not outer.speaker:
                        replaced[j] = _Attribution(attribution.cue_start, attribution.cue_end, attribution.cue,
                                                   attribution.speaker, outer.speaker, attribution.stance,
                                                   attribution.lemma)
    for i, (start, end, attribution) in enumerate(found):
        if i not in dropped:
            kept.append((start, end, replaced.get(i, attribution)))
    return kept


def _leads_content(body: str, content_start: int, outer: _Attribution, inner: _Attribution) -> bool:
    """Whether the inner cue opens the outer content, only its subject before it ('said [he] believes')."""
    if outer.lemma not in CORE_SPEECH_VERBS or outer.speaker is None or outer.speaker.actor_type == "media":
        return False
    opening = body[content_start:inner.cue_start]
    return len(opening) <= 40 and not any(ch in opening for ch in ",;:“”\"()—")


def _attributions(ctx: _Sentences, actors: Sequence[ActorMention]) -> Iterator[tuple[int, int, _Attribution]]:
    doc = ctx.doc
    # Only tokens whose lemma or lower form can open an attribution are looked at as Token objects.
    keys = doc.to_array([LEMMA, LOWER])
    candidates = [i for i, (lemma, lower) in enumerate(keys.tolist()) if lemma in CUE_HASHES or lower == ACCORDING]
    for i in candidates:
        token = doc[i]
        if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
            yield from _according_to(ctx, token, actors)
        elif token.pos_ == "NOUN" and token.lemma_ in REPORTING_NOUNS:
            yield from _noun_attribution(ctx, token, actors)
        elif (token.lemma_ in REPORTING_VERBS or token.lemma_ in QUOTE_ONLY_VERBS
              or token.lemma_ in PHRASAL_LEMMAS and _phrasal(token) is not None) \
                and (token.pos_ in ("VERB", "AUX") and token.tag_ != "VBG"
                     or token.tag_ == "VBG" and (token.dep_ in ("advcl", "xcomp", "pcomp") or _progressive(token))):
            yield from _verb_attribution(ctx, token, actors)
    yield from _verbless(ctx, actors)


TITLE_PREFIX = re.compile(r"[ \t]*(?:[A-Z][\w.'’-]*[ \t]+){0,4}")  # 'Mayor', 'Defence Minister'
SPEAKER_COLON = re.compile(r"[ \t]*:[ \t]*(?=\S)")
# A quotation signed by a name the actor model did not take for a person: '― Julie A. Diaz Martinez.'
SIGNATURE_LINE = re.compile(r"(?:[A-Z][\w'’-]*\.?[ \t]+){1,4}[A-Z][\w'’-]+\.?[ \t]*(?:\n|$)")
QUOTE_THEN_DASH = re.compile(r"[ \t\xa0]*\n?[ \t\xa0]*(?:―|—|–|--?)[ \t\xa0]*")


def _verbless(ctx: _Sentences, actors: Sequence[ActorMention]) -> Iterator[tuple[int, int, _Attribution]]:
    """Attributions without a verb: a line opened by a person's name and a colon (a headline
    'Mayor Klymenko: the bridge holds', an interview transcript 'SMITH: We never agreed'), and a
    quotation signed with a dash ('"We stay." ― Olena Petrenko')."""
    text = ctx.text
    people = [a for a in actors if a.actor_type == "person" and a.mention_kind in ("name", "title")]
    for actor in people:
        line_start = text.rfind("\n", 0, actor.char_start) + 1
        if not TITLE_PREFIX.fullmatch(text, line_start, actor.char_start):
            continue
        colon = SPEAKER_COLON.match(text, actor.char_end)
        if colon is None:
            continue
        line_end = text.find("\n", colon.end())
        line_end = len(text) if line_end == -1 else line_end
        cue_start = colon.start() + colon.group().index(":")
        yield colon.end(), line_end, _Attribution(cue_start, cue_start + 1, ":", actor, None, "reported")
    for q_start, q_end in ctx.quotes:
        dash = QUOTE_THEN_DASH.match(text, q_end)
        if dash is None or not dash.group().strip():
            continue
        signer = next((a for a in people if dash.end() <= a.char_start < dash.end() + 60
                       and TITLE_PREFIX.fullmatch(text, dash.end(), a.char_start)), None)
        if signer is None and not SIGNATURE_LINE.match(text, dash.end()):
            continue
        cue_start = dash.start() + len(dash.group()) - len(dash.group().lstrip(" \t\n\xa0"))
        cue_end = dash.start() + len(dash.group().rstrip(" \t\xa0"))
        attribution = _Attribution(cue_start, cue_end, text[cue_start:cue_end], signer, None, "reported")
        yield q_start + 1, q_end - 1, attribution


REPORTING_NOUNS = {"claim": "claimed", "statement": "reported", "assertion": "claimed", "allegation": "claimed",
                   "report": "reported", "warning": "reported", "denial": "denied", "announcement": "reported",
                   "insistence": "claimed", "accusation": "claimed", "admission": "reported", "confirmation": "certain"}
CUE_HASHES = frozenset(hash_string(word) for word in
                       REPORTING_VERBS | PHRASAL_LEMMAS | set(REPORTING_NOUNS) | set(CORE_SPEECH_VERBS)
                       | QUOTE_ONLY_VERBS)
ACCORDING = hash_string("according")


def _noun_attribution(ctx: _Sentences, noun: Token, actors: Sequence[ActorMention]) -> Iterator[tuple[int, int, _Attribution]]:
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
    attribution = _Attribution(cue_start, cue_end, ctx.text[cue_start:cue_end], speaker, None,
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


def _phrasal(verb: Token) -> Token | None:
    """The particle or preposition that makes the verb a reporting one ('pointed out', 'called for')."""
    for child in verb.children:
        if child.dep_ in ("prt", "prep") and child.i > verb.i \
                and (verb.lemma_, child.lower_) in PHRASAL_REPORTING_VERBS:
            return child
    return None


def _phrasal_contents(verb: Token, particle: Token) -> list[tuple[int, int]]:
    """'called for a ceasefire', 'lashed out at the plan': the object of the preposition; a particle
    verb with a clause or a direct object ('pointed out that ...') is left to the general rules."""
    preps = [particle] if particle.dep_ == "prep" else \
        [c for c in verb.children if c.dep_ == "prep" and c.i > particle.i and c.lower_ in PARTICLE_PREPOSITIONS]
    spans = []
    for prep in preps[:1]:
        for obj in prep.children:
            if obj.dep_ in ("pobj", "pcomp") and obj.ent_type_ not in ("DATE", "TIME"):
                start, end = _subtree_span(obj)
                # 'called on the allies to send more shells': the request runs on into the infinitive
                for after in verb.children:
                    if after.i > obj.i and after.dep_ in ("xcomp", "advcl", "ccomp") and not _is_circumstance(after):
                        end = max(end, _subtree_span(after)[1])
                spans.append((start, end))
    return spans


PARTICLE_PREPOSITIONS = frozenset({"at", "against", "on", "about", "for", "in", "of", "to"})


def _progressive(verb: Token) -> bool:
    """'is saying', 'was warning', 'has been insisting': the verb itself is the predicate."""
    return any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children)


RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})


def _subject(token: Token) -> Token | None:
    """The speaker's noun phrase: the active subject, the agent of a passive ('was denied by X'),
    or the subject of the clause a participle or infinitive hangs from ('..., saying', 'unable to confirm')."""
    verb = token
    for _ in range(4):
        # '"One of the best," Senator Cummings said': of two subjects the parser gives, the speaker is next to the verb
        for child in sorted(verb.children, key=lambda c: (c.dep_ != "nsubj", abs(c.i - verb.i))):
            if child.dep_ == "nsubj":
                if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
                    return verb.head  # 'the senator, who said ...': the one the clause describes
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


def _verb_attribution(ctx: _Sentences, verb: Token, actors: Sequence[ActorMention]) -> Iterator[tuple[int, int, _Attribution]]:
    contents = _contents(ctx, verb)
    if not contents:
        return
    subject = _subject(verb)
    speaker = _actor_in(actors, subject) if subject is not None else None
    if speaker is None:
        # An unrecognised subject still attributes a that-clause ('the campaign said', 'we believe');
        # without a clause only the core speech verbs do.
        has_clause = any(c.dep_ == "ccomp" for c in verb.children) \
            or any(q_start <= start and end <= q_end for start, end in contents for q_start, q_end in ctx.quotes)
        if subject is None:
            return
        if subject.lower_ in NON_SPEAKER_SUBJECTS - PERSONAL_PRONOUNS \
                and not (subject.lower_ == "it" and has_clause and verb.lemma_ in CORE_SPEECH_VERBS):
            # 'it said ...' is a statement, a report or a campaign speaking; 'it seemed' is no one
            return
        if not has_clause and (verb.lemma_ not in CORE_SPEECH_VERBS and subject.pos_ != "PROPN"
                               or subject.lower_ in PERSONAL_PRONOUNS):
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
    speaker, via = _citing(ctx, verb, actors, speaker, via)
    if via is None and speaker is not None:
        via = _reported_by(ctx, verb, actors, speaker)
    particle = _phrasal(verb)
    if particle is not None and particle.i > cue_end_token.i:
        cue_end_token = particle
    first = min(cue_tokens, key=lambda t: t.i)
    cue_start = first.idx
    cue_end = cue_end_token.idx + len(cue_end_token) if cue_end_token.i - verb.i <= 4 else verb.idx + len(verb)
    cue = ctx.text[cue_start:cue_end]
    stance = PHRASAL_REPORTING_VERBS[verb.lemma_, particle.lower_] if particle is not None \
        else stance_of_verb(verb.lemma_) or "reported"
    attribution = _Attribution(cue_start, cue_end, cue, speaker, via, stance, verb.lemma_)
    for start, end in contents:
        yield start, end, attribution


def _contents(ctx: _Sentences, verb: Token) -> list[tuple[int, int]]:
    """Character spans of what the verb attributes."""
    doc = ctx.doc
    particle = _phrasal(verb)
    if particle is not None:
        if any(c.dep_ == "neg" for c in verb.children):
            return []  # 'did not talk about X' reports no statement
        spans = _phrasal_contents(verb, particle)
        if spans:
            return spans
    spans = []
    if verb.lemma_ in QUOTE_ONLY_VERBS and verb.lemma_ not in REPORTING_VERBS:
        return _quotation_content(ctx, verb)
    if verb.lemma_ in CLAUSE_ONLY_VERBS:
        for child in verb.children:
            if child.dep_ == "ccomp" and child.i > verb.i \
                    or child.dep_ == "xcomp" and child.i > verb.i and verb.lemma_ in INTENTION_VERBS:
                spans.extend(_clause_spans(child, exclude=verb))
        if not spans and verb.lemma_ in JUDGEMENT_VERBS:
            spans.extend(_object_content(verb))
        if not spans and verb.lemma_ in QUOTING_VERBS:
            quote = _adjacent_quote(ctx, verb)
            if quote is not None:
                spans.append(quote)
        return spans
    directive = _directive_content(verb)
    if directive is not None:
        return [directive]
    for child in verb.children:
        if child.dep_ == "ccomp" or child.dep_ == "xcomp" and verb.lemma_ in ("claim", "deny") \
                or child.dep_ == "pcomp" and verb.lemma_ in ("accuse", "warn"):
            spans.extend(_clause_spans(child, exclude=verb))
        elif child.dep_ == "advcl" and child.i > verb.i and verb.lemma_ in CORE_SPEECH_VERBS \
                and any(g.dep_ in ("nsubj", "nsubjpass") for g in child.children) \
                and not any(g.dep_ == "mark" or g.tag_ in ("WRB", "WDT") for g in child.children):
            # 'said after the vote he would resign': a that-less clause the parser took for an adverbial
            spans.extend(_clause_spans(child, exclude=verb))
        elif child.dep_ == "prep" and child.lower_ in ("of", "that") and verb.lemma_ in ("accuse", "warn", "deny"):
            for grandchild in child.children:
                if grandchild.dep_ in ("pcomp", "pobj"):
                    spans.append(_subtree_span(grandchild))
    if not spans and verb.lemma_ in ADDRESSEE_VERBS:
        spans.extend(_clause_after_addressee(verb))
    if not spans and verb.dep_ in ("parataxis", "advcl", "ccomp", "conj") and verb.head.i < verb.i \
            and verb.head.pos_ in ("VERB", "AUX", "NOUN", "ADJ") and verb.tag_ != "VBG":
        # '"The attack was repelled," the spokesman said' and 'The inhabitants, he said, cannot
        # leave': 'said' hangs from the reported clause.
        head = verb.head
        own = {t.i for t in verb.subtree}
        tokens = [t for t in head.subtree if t.i not in own and not (t.dep_ in ("cc", "punct") and t.head is head)]
        if tokens:
            spans.append((tokens[0].idx, tokens[-1].idx + len(tokens[-1])))
    if not spans and verb.dep_ == "parataxis" and verb.head.i > verb.i and verb.tag_ != "VBG" \
            and verb.head.pos_ in ("VERB", "AUX"):
        # 'The bridge, the mayor said, will reopen in May': the attribution interrupts the clause,
        # whose subject comes before it; the content is the whole clause around it.
        first_own = verb.left_edge.i
        head = verb.head
        before = [t for t in doc[head.left_edge.i:first_own] if not t.is_punct and not t.is_space]
        if before and (doc[first_own].text in INTERRUPTING_PUNCT or doc[first_own - 1].text in INTERRUPTING_PUNCT):
            tokens = [t for t in head.subtree if not (t.dep_ in ("cc", "punct") and t.head is head)]
            spans.append((tokens[0].idx, tokens[-1].idx + len(tokens[-1])))
    if not spans:
        colon = next((t for t in doc[verb.i + 1:min(len(doc), verb.i + 14)] if t.text == ":"), None)
        if colon is not None and ctx.of_token[colon.i] == ctx.of_token[verb.i] and colon.i + 1 < len(doc) \
                and not any(t.pos_ == "VERB" and t.lemma_ not in ("post", "publish", "release") for t in doc[verb.i + 1:colon.i]):
            after = _next_non_space(doc, colon.i + 1)
            if after is not None:
                end_char = ctx.of(after).end_char
                spans.append((after.idx, end_char))
    if not spans and verb.lemma_ not in CLAUSE_ONLY_VERBS:
        quote = _adjacent_quote(ctx, verb)
        if quote is not None:
            spans.append(quote)
    if not spans and verb.lemma_ not in ("say", "tell", "add", "write"):
        # 'announced new military successes', 'vowed to drive the enemy out', 'accused X of Y'
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
        tokens = [t for child in verb.children if child.i > verb.i and child.dep_ in
                  ("dobj", "xcomp", "prep", "oprd", "attr", "acomp", "advcl")
                  and (not _is_circumstance(child) or _is_label(child, obj))
                  for t in child.subtree]
        if tokens:
            tokens.sort(key=lambda t: t.i)
            spans.append((tokens[0].idx, tokens[-1].idx + len(tokens[-1])))
    return spans


ADDRESSEE_VERBS = frozenset({"tell", "inform", "assure", "remind", "warn", "convince", "persuade", "promise", "brief"})


def _clause_after_addressee(verb: Token) -> list[tuple[int, int]]:
    """'told a meeting of governors that few people understood ...': the parser hung the that-clause
    on the addressee; with its own subject and a 'that' that fills no gap, it is what was told."""
    for obj in verb.children:
        if obj.dep_ not in ("dobj", "dative") or obj.i < verb.i:
            continue
        for token in obj.subtree:
            if token.dep_ in ("relcl", "acl") \
                    and any(g.dep_ == "mark" and g.lower_ == "that" for g in token.children) \
                    and any(g.dep_ in ("nsubj", "nsubjpass") for g in token.children):
                return [_subtree_span(token)]
    return []


def _object_content(verb: Token) -> list[tuple[int, int]]:
    """'slammed the senator for his vote', 'criticized the law as a crazy system': the object and
    the grounds or label that follow it."""
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i]
    if not objects:
        return []
    tokens = [t for t in objects[0].subtree]
    for child in verb.children:
        if child.i > objects[0].i and (child.dep_ == "prep" and child.lower_ in ("for", "as", "over")
                                        or child.dep_ in ("oprd", "xcomp")):
            tokens.extend(child.subtree)
    tokens.sort(key=lambda t: t.i)
    return [(tokens[0].idx, tokens[-1].idx + len(tokens[-1]))]


def _directive_content(verb: Token) -> tuple[int, int] | None:
    """'told his advisers to find a way', 'urged voters to stay home': the addressee and the
    instruction."""
    if verb.lemma_ not in DIRECTIVE_VERBS:
        return None
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i > verb.i]
    if not objects:
        return None
    instructions = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.i > objects[0].i
                    and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)]
    if not instructions:
        return None
    end = max(t.i for t in instructions[0].subtree)
    last = verb.doc[end]
    return objects[0].left_edge.idx, last.idx + len(last)


def _quotation_content(ctx: _Sentences, verb: Token) -> list[tuple[int, int]]:
    """A quotation next to the verb or opened after a colon that follows it."""
    quote = _adjacent_quote(ctx, verb)
    if quote is not None:
        return [quote]
    doc = ctx.doc
    after = _next_non_space(doc, verb.i + 1)
    if after is not None and after.text == ":":
        opening = _next_non_space(doc, after.i + 1)
        if opening is not None:
            quote = ctx.quote_starting_at(opening.idx)
            if quote is not None:
                return [quote]
    return []


def _adjacent_quote(ctx: _Sentences, verb: Token) -> tuple[int, int] | None:
    """A quotation right before or after the attribution ('"We are ready," he said', 'she said,
    "Not now."') when the parser did not hang it from the verb."""
    doc = ctx.doc
    subject = min((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")),
                  key=lambda c: abs(c.i - verb.i), default=None)
    first = min(verb.i, subject.left_edge.i) if subject is not None else verb.i
    while first > 0 and doc[first - 1].dep_ in ("aux", "neg", "advmod") and doc[first - 1].head is verb:
        first -= 1
    last = max(verb.i, subject.right_edge.i) if subject is not None else verb.i
    start_char = doc[first].idx
    end_char = doc[last].idx + len(doc[last])
    before = ctx.quote_ending_before(start_char)
    if before is not None:
        return before
    return ctx.quote_starting_after(end_char)


INTERRUPTING_PUNCT = frozenset({",", "—", "–", "-", "--"})
CIRCUMSTANCE_PREPOSITIONS = frozenset({"in", "on", "at", "during", "after", "before", "since", "from", "with", "via",
                                       "through", "by", "to", "for", "as", "without", "amid", "despite"})


def _is_circumstance(child: Token) -> bool:
    """'said on Tuesday', 'told reporters in Kyiv': the when and where of the act, not its content."""
    return child.dep_ == "prep" and child.lower_ in CIRCUMSTANCE_PREPOSITIONS


def _is_label(child: Token, obj: Token | None) -> bool:
    """'described Clinton as a lifetime politician', 'likened the blackout to a siege': what follows the
    object is what the speaker calls it."""
    return obj is not None and child.i > obj.i \
        and (child.lower_ == "as" or child.lower_ == "to" and child.head.lemma_ in ("liken", "compare"))


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


def _citing(ctx: _Sentences, verb: Token, actors: Sequence[ActorMention], speaker: ActorMention | None,
            via: ActorMention | None) -> tuple[ActorMention | None, ActorMention | None]:
    """'Reuters reported, citing the General Staff, ...': the cited one speaks, the reporter relays."""
    for token in ctx.of(verb):
        if token.lower_ in CITING_WORDS and token is not verb:
            objects = [c for c in token.children if c.dep_ in ("dobj", "pobj")] or \
                      [g for c in token.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
            for obj in objects:
                cited = _actor_in(actors, obj)
                if cited is not None and cited is not speaker:
                    return cited, speaker if speaker is not None else via
    return speaker, via


def _reported_by(ctx: _Sentences, verb: Token, actors: Sequence[ActorMention], speaker: ActorMention) -> ActorMention | None:
    """A medium in the same sentence that relays the statement: ', AFP reported', 'told Reuters'."""
    for token in ctx.of(verb):
        if token is verb or token.lemma_ not in ("report", "tell", "say") and token.lower_ not in ("to",):
            continue
        for child in token.children:
            if child.dep_ in ("nsubj", "dobj", "dative", "pobj"):
                actor = _actor_in(actors, child)
                if actor is not None and actor.actor_type == "media" and actor is not speaker:
                    return actor
    return None


def _according_to(ctx: _Sentences, according: Token, actors: Sequence[ActorMention]) -> Iterator[tuple[int, int, _Attribution]]:
    to = next(c for c in according.children if c.lower_ == "to")
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects:
        return
    source = objects[0]
    speaker = _actor_in(actors, source)
    phrase = sorted({*according.subtree}, key=lambda t: t.i)
    phrase_start, phrase_end = phrase[0].i, phrase[-1].i
    sentence = ctx.of(according)
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
    attribution = _Attribution(according.idx, cue_end, ctx.text[according.idx:cue_end], speaker, via, "reported")
    yield part[0].idx, part[-1].idx + len(part[-1]), attribution


def _expand_to_quote(start: int, end: int, quotes: list[tuple[int, int]]) -> tuple[int, int]:
    """Content that lies inside a quotation takes the whole quotation, which may run over
    several sentences the parser split apart."""
    for q_start, q_end in quotes:
        if q_start <= start + 2 and end - 2 <= q_end and (end - start) > 0:
            inside_start, inside_end = q_start + 1, q_end - 1
            if inside_start <= start + 2 or inside_start <= start and end >= inside_end - 2:
                # the parser's sentence may be only the last one of the quotation
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
        while start < end and text[start] in TRIM_CHARS:  # 'added that "the ...'
            start += 1
    return start, end


def _overlaps_found(found: list[tuple[int, int, _Attribution]], start: int, end: int) -> bool:
    """Whether a content shares more than 70% of the longer span with one already found."""
    length = end - start
    for s, e, _ in found:
        if s < end and e > start and (min(e, end) - max(s, start)) > 0.7 * max(1, length, e - s):
            return True
    return False


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return max(0, shared) / max(1, a[1] - a[0], b[1] - b[0])


def _hedging(ctx: _Sentences, start: int, end: int, attribution: _Attribution) -> tuple[str, bool, str | None]:
    """Stance from the cue; hedged when the sentence marks the content alleged or unverified, or
    the next sentence says it could not be verified. A cue that is the speaker's own act ('ISW
    was unable to verify X') does not hedge X."""
    content = ctx.doc.char_span(start, end, alignment_mode="expand")
    if content is not None and len(content):
        index = ctx.of_token[content.start]
        cues = [c for c in ctx.hedges(index) if not (c[0] < attribution.cue_end and c[1] > attribution.cue_start)]
        if not cues and index + 1 < len(ctx.bounds):
            cues = [c for c in ctx.hedges(index + 1) if c[2] == "unverified"]
    else:
        cues = [(start + s, start + e, kind) for s, e, kind in hedge_cues(ctx.text[start:end])]
        cues = [c for c in cues if not (c[0] < attribution.cue_end and c[1] > attribution.cue_start)]
    stance = attribution.stance
    if cues and cues[0][2] == "unverified":
        stance = "unverified"
    return stance, bool(cues), ctx.text[cues[0][0]:cues[0][1]] if cues else None
