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


def test_progressive_reporting_verb(nlp):
    [claim] = claims(nlp, "Governor Maria Lopez is warning that the reservoir will run dry by August.")
    assert claim[0] == "Maria Lopez" and claim[1] == "is warning" and claim[2] == "the reservoir will run dry by August"


def test_relative_clause_speaker_is_the_antecedent(nlp):
    found = claims(nlp, "Colonel Anton Hrytsenko, who told reporters the convoy had been ambushed, left the base.")
    assert [(c[0], c[2]) for c in found] == [("Anton Hrytsenko", "the convoy had been ambushed")]


def test_attribution_inside_the_clause(nlp):
    found = claims(nlp, "The new bridge, Mayor Ivan Petrenko said, will reopen to lorries in May.")
    assert [(c[0], c[2]) for c in found] == [
        ("Ivan Petrenko", "The new bridge, Mayor Ivan Petrenko said, will reopen to lorries in May")]


def test_clause_parsed_as_adverbial(nlp):
    found = claims(nlp, "Senator Paul Grant said after the hearing he would not support the budget if it passed.")
    assert len(found) == 1 and found[0][0] == "Paul Grant" and "he would not support the budget" in found[0][2]


def test_quote_next_to_the_verb_without_a_parse_link(nlp):
    found = claims(nlp, "Olena Bondar spoke after the vote. She said, \"Not going to happen.\"")
    assert [(c[2], c[4]) for c in found] == [("Not going to happen", True)]


def test_headline_speaker_and_colon(nlp):
    found = claims(nlp, "Boris Johnson: We never agreed to that deal with Moscow\nThe talks ended on Friday.")
    assert [(c[0], c[1], c[2]) for c in found] == [("Boris Johnson", ":", "We never agreed to that deal with Moscow")]


def test_quotation_signed_with_a_dash(nlp):
    text = ("Residents of the town met on Sunday.\n“The water has been off for a week and nobody answers.” "
            "— Joe Biden\nThe meeting ended late.")
    found = claims(nlp, text)
    assert [(c[0], c[1], c[4]) for c in found] == [("Joe Biden", "—", True)]
    assert found[0][2] == "The water has been off for a week and nobody answers"


def test_phrasal_reporting_verbs(nlp):
    found = claims(nlp, "Senator Mark Jones called for an immediate ceasefire in the region. "
                        "Councillor Olga Marchenko railed against the decision to close the hospital. "
                        "The minister called on Tuesday for calm.")
    assert [(c[1], c[2]) for c in found] == [
        ("called for", "an immediate ceasefire in the region"),
        ("railed against", "the decision to close the hospital")]
    assert found[0][0] == "Mark Jones" and "Olga Marchenko" in found[1][0]


def test_unpaired_straight_quote_does_not_swallow_later_claims(nlp):
    text = ("The \"plan was announced on Monday.\n\nThe governor said the roads would be cleared by noon. "
            "Later a \"spokesman\" added nothing.")
    found = claims(nlp, text)
    assert [c[2] for c in found] == ["the roads would be cleared by noon"]
    assert not found[0][4]


def test_curly_quote_closed_by_a_straight_mark_does_not_pair_across_paragraphs(nlp):
    text = ("Inspectors reported “no damage\" at the plant on Friday.\n\n"
            "\"The dam is safe,\" Mayor Ivan Petrenko said, adding that repairs would take \"two weeks” at most.")
    found = claims(nlp, text)
    assert ("Ivan Petrenko", "The dam is safe", True) in [(c[0], c[2], c[4]) for c in found]


def test_first_person_cue_inside_a_quotation_is_part_of_it(nlp):
    found = claims(nlp, "“I believe the bridge will hold until spring,” Mayor Ivan Petrenko said.")
    assert [(c[0], c[2], c[4]) for c in found] == [("Ivan Petrenko", "I believe the bridge will hold until spring", True)]
