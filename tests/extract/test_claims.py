"""Claims on sentences written for these tests."""
from __future__ import annotations

from orchestration.extract.actors import extract_actors
from orchestration.extract.claims import extract_claims


def claims(nlp, text):
    doc = nlp(text)
    actors = extract_actors(doc)
    out = []
    for c in extract_claims(doc, actors):
        speaker = text[c.speaker.char_start:c.speaker.char_end] if c.speaker else None
        via = text[c.via.char_start:c.via.char_end] if c.via else None
        out.append((speaker, c.cue, c.claim_text, via, c.is_direct_quote, c.is_hedged, c.stance))
    return out


def test_indirect_speech_with_intermediary(nlp):
    [claim] = claims(nlp, "Regional governor Ivan Fedorov told Reuters that two bridges had been destroyed overnight.")
    speaker, cue, text, via, direct, hedged, stance = claim
    assert speaker == "Ivan Fedorov" and cue == "told Reuters" and via == "Reuters"
    assert text == "two bridges had been destroyed overnight" and not direct and stance == "reported"


def test_direct_quote_split_by_attribution(nlp):
    found = claims(nlp, "“We held the line,” Colonel Petro Marchenko said. “Nobody retreated.”")
    assert any(c[0] == "Petro Marchenko" and c[4] and "held the line" in c[2] for c in found)


def test_according_to_takes_the_clause(nlp):
    found = claims(nlp, "The dam was damaged, but according to Ukraine's General Staff the water level stayed stable.")
    assert [(c[1], c[2]) for c in found] == [("according to", "the water level stayed stable")]


def test_hedging_and_stance(nlp):
    hedged = claims(nlp, "The army claimed that it had allegedly shot down nine drones.")
    assert hedged[0][5] and hedged[0][6] == "claimed"
    unverified = claims(nlp, "The ministry said 40 soldiers were captured. The figure could not be independently verified.")
    assert unverified[0][5] and unverified[0][6] == "unverified"
    plain = claims(nlp, "The mayor said the school reopened on Monday.")
    assert not plain[0][5] and plain[0][6] == "reported"
    denial = claims(nlp, "Moscow denied that its jets had struck the hospital.")
    assert denial[0][6] == "denied" and denial[0][0] == "Moscow"


def test_citing_makes_the_cited_source_the_speaker(nlp):
    [claim] = claims(nlp, "Reuters reported, citing the Ukrainian Air Force, that 30 missiles were launched.")
    assert claim[0] == "Ukrainian Air Force" and claim[3] == "Reuters"


def test_pronoun_speaker_is_resolved(nlp):
    doc = nlp("Mayor Oleh Syniehubov spoke on Tuesday. He said the trams were running again.")
    actors = extract_actors(doc)
    [claim] = list(extract_claims(doc, actors))
    speaker = next(a for a in actors if (a.char_start, a.char_end) == (claim.speaker.char_start, claim.speaker.char_end))
    assert speaker.surface == "He" and speaker.canonical_name == "Oleh Syniehubov"
