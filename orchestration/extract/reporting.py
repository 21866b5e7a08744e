"""The vocabulary of attribution: reporting verbs with the stance each conveys, and hedging cues.

Stance is the reporter's commitment to the content: 'confirmed' is certain, 'said' reported,
'claimed' claimed (the reporter keeps a distance), 'denied' denied, and content marked
'alleged' or 'could not be verified' unverified.
"""
from __future__ import annotations

import re

REPORTING_VERB_STANCE: dict[str, str] = {
    **dict.fromkeys("""say tell state add report announce note explain write post stress insist say
    warn estimate believe assess predict suggest describe call reiterate acknowledge admit
    concede reveal disclose declare comment remark argue emphasise emphasize underline recall answer
    respond reply observe specify order urge vow promise pledge threaten repeat quote mention
    complain caution conclude expect forecast assert told inform brief publish tweet write
    testify characterize characterise cite echo indicate endorse encourage tout highlight bemoan lament decry
    chastise label liken dub brand""".split(), "reported"),
    **dict.fromkeys("claim allege maintain contend purport".split(), "claimed"),
    **dict.fromkeys("deny reject dismiss refute rebut dispute".split(), "denied"),
    **dict.fromkeys("confirm verify".split(), "certain"),
    **dict.fromkeys("accuse blame".split(), "claimed"),
}
# Verbs that attribute content only through a clause ('the poll showed that ...', 'she questioned
# whether ...'): opinion, perception and inquiry. Never with a bare object ('showed the damage').
CLAUSE_ONLY_VERB_STANCE: dict[str, str] = {
    **dict.fromkeys("""show find reveal believe think feel hope fear want doubt agree disagree question wonder ask
    recommend propose demand signal hint suspect conclude know understand learn hear see realize realise
    recognize recognise predict guess imagine consider suppose assume decide determine rule
    criticize criticise slam blast praise welcome condemn worry plan intend refuse decline offer seek
    support oppose denounce""".split(), "reported"),
}
CLAUSE_ONLY_VERBS = frozenset(CLAUSE_ONLY_VERB_STANCE) - frozenset(REPORTING_VERB_STANCE)
for _verb in CLAUSE_ONLY_VERBS:
    REPORTING_VERB_STANCE[_verb] = CLAUSE_ONLY_VERB_STANCE[_verb]
REPORTING_VERBS = frozenset(REPORTING_VERB_STANCE)

# Clause-only verbs whose content may also be an infinitive: what the speaker wants or intends
# ('she wants to triple the programme', 'the FBI decided not to recommend charges').
INTENTION_VERBS = frozenset("want hope plan intend decide agree refuse offer seek propose recommend demand"
                            .split())
# Clause-only verbs of judgement whose object is the content ('slammed the senator for his vote',
# 'questioned the integrity of the count'): the judgement is the claim.
JUDGEMENT_VERBS = frozenset("criticize criticise slam blast praise condemn question support oppose denounce"
                            .split())
# Clause-only verbs that can frame a quotation next to them ('"Where do we go?" she asks').
QUOTING_VERBS = frozenset("ask wonder question demand propose think believe hope fear agree".split())
# Verbs that frame speech only when a quotation or a colon follows them ('Smith continued: "..."',
# '"U-S-A!" the crowd chanted'); 'continued to fight' or 'read the report' attribute nothing.
QUOTE_ONLY_VERBS = frozenset("continue sing chant joke quip shout yell scream exclaim laugh read".split())
# Verbs that pass on an instruction: 'told his advisers to find a way', 'urged voters to stay home'.
DIRECTIVE_VERBS = frozenset("tell ask urge order encourage implore instruct advise warn direct".split())

# Verbs that report speech only with their particle or preposition ('pointed out that ...',
# 'called for a ceasefire', 'railed against the plan'); the value is the stance.
PHRASAL_REPORTING_VERBS: dict[tuple[str, str], str] = {
    **dict.fromkeys([("point", "out"), ("call", "for"), ("call", "on"), ("speak", "about"), ("speak", "of"),
                     ("talk", "about"), ("ask", "about"), ("ask", "for"), ("argue", "for"), ("advocate", "for"),
                     ("weigh", "in"), ("spell", "out"), ("hint", "at"), ("allude", "to"), ("refer", "to"),
                     ("lash", "out"), ("hit", "out"), ("push", "back"), ("rail", "against"),
                     ("warn", "against"), ("warn", "about"), ("argue", "against"), ("speak", "out"),
                     ("come", "out"), ("complain", "about"), ("boast", "about"), ("brag", "about")], "reported"),
}
PHRASAL_LEMMAS = frozenset(lemma for lemma, _ in PHRASAL_REPORTING_VERBS)

CITING_WORDS = frozenset({"citing", "quoting", "cited", "quoted"})

HEDGE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(could|can|cannot|can't|couldn't|was unable to|were unable to|is unable to|are unable to|"
                r"has not been able to|have not been able to|has been unable to)\s+(not\s+)?(be\s+)?"
                r"(independently\s+)?(verif|confirm)\w*", re.IGNORECASE), "unverified"),
    (re.compile(r"\bunable to (independently )?(verify|confirm)\b", re.IGNORECASE), "unverified"),
    (re.compile(r"\b(not|never) (been )?(independently )?(verified|confirmed)\b", re.IGNORECASE), "unverified"),
    (re.compile(r"\b(unverified|unconfirmed|unsubstantiated)\b", re.IGNORECASE), "unverified"),
    (re.compile(r"\b(alleged|allegedly|purported|purportedly|supposed|supposedly|reportedly|apparently|"
                r"ostensibly|so-called)\b", re.IGNORECASE), "hedge"),
]


def stance_of_verb(lemma: str) -> str | None:
    return REPORTING_VERB_STANCE.get(lemma.lower())


def hedge_cues(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every hedging cue in ``text``, in order; kind is 'unverified' or 'hedge'."""
    found = [(m.start(), m.end(), kind) for pattern, kind in HEDGE_PATTERNS for m in pattern.finditer(text)]
    return sorted(found)
