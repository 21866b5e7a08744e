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


def test_intention_verb_takes_its_infinitive(nlp):
    found = claims(nlp, "Senator Anna Kovac wants to double the housing budget next year.")
    assert [(c[0], c[1], c[2]) for c in found] == [("Anna Kovac", "wants", "to double the housing budget next year")]


def test_judgement_verb_takes_its_object_and_label(nlp):
    found = claims(nlp, "Mayor Ivan Petrenko criticized the new tariff as a tax on the poor.")
    assert [(c[0], c[2]) for c in found] == [("Ivan Petrenko", "the new tariff as a tax on the poor")]
    labelled = claims(nlp, "Senator Anna Kovac cited the audit report as evidence of waste.")
    assert [c[2] for c in labelled] == ["the audit report as evidence of waste"]


def test_instruction_to_an_addressee(nlp):
    found = claims(nlp, "General Olena Marchuk told her officers to hold the bridge until dawn.")
    assert [(c[0], c[2]) for c in found] == [("Olena Marchuk", "her officers to hold the bridge until dawn")]


def test_question_quoted_next_to_a_clause_verb(nlp):
    found = claims(nlp, "“Where will the water come from?” Mayor Ivan Petrenko asked.")
    assert [(c[0], c[1], c[4]) for c in found] == [("Ivan Petrenko", "asked", True)]


def test_verb_that_frames_speech_only_before_a_quotation(nlp):
    found = claims(nlp, "Governor Maria Lopez continued: “We will rebuild every school in the valley.”")
    assert [(c[0], c[2], c[4]) for c in found] == [("Maria Lopez", "We will rebuild every school in the valley", True)]
    assert claims(nlp, "The army continued to shell the town for a week.") == []


def test_it_as_the_subject_of_a_speech_verb(nlp):
    found = claims(nlp, "The ministry issued a statement on Friday. It said the convoy had reached the border.")
    assert [(c[1], c[2]) for c in found] == [("said", "the convoy had reached the border")]


def test_belief_reported_by_its_holder_stays_one_claim(nlp):
    found = claims(nlp, "Senator Paul Grant said he believes the budget will fail.")
    assert [(c[0], c[1], c[2]) for c in found] == [("Paul Grant", "said", "he believes the budget will fail")]


def test_quotation_of_several_sentences_with_the_speaker_next_to_the_verb(nlp):
    found = claims(nlp, "“We held the line. Nobody slept. One of the finest crews in the whole army,” "
                        "Colonel Petro Marchenko said in an interview.")
    assert [(c[0], c[2], c[4]) for c in found] == [
        ("Petro Marchenko", "We held the line. Nobody slept. One of the finest crews in the whole army", True)]


def test_refusal_and_opposition_are_stances(nlp):
    refusal = claims(nlp, "Minister Olha Stefanishyna refused to sign the grain agreement in its current form.")
    assert [(c[0], c[2]) for c in refusal] == [("Olha Stefanishyna", "to sign the grain agreement in its current form")]
    opposition = claims(nlp, "Senator Anna Kovac opposed the plan to close the rural clinics.")
    assert [(c[0], c[2]) for c in opposition] == [("Anna Kovac", "the plan to close the rural clinics")]


def test_that_clause_hung_on_the_addressee(nlp):
    found = claims(nlp, "In Kyiv last week, Governor Maria Lopez told a meeting of regional mayors that few people "
                        "understood the stakes of the war better than farmers.")
    assert [(c[0], c[2]) for c in found] == [
        ("Maria Lopez", "few people understood the stakes of the war better than farmers")]


def test_signed_quotation_after_a_no_break_space_and_an_unrecognised_signer(nlp):
    text = ("Readers wrote in after the debate.\n“The water has been off for a week and nobody answers the phone.”"
            "\u00a0― Olena P. Kravets-Marchuk.\nThe meeting ended late.")
    assert [(c[0], c[1]) for c in claims(nlp, text)] == [("Olena P. Kravets-Marchuk", "―")]
    unnamed = ("Readers wrote in after the debate.\n“The water has been off for a week and nobody answers the "
               "phone.” ― Retired Teacher\nThe meeting ended late.")
    assert [(c[0], c[2]) for c in claims(nlp, unnamed)] == [
        (None, "The water has been off for a week and nobody answers the phone")]


def test_stance_verbs_with_an_object(nlp):
    likened = claims(nlp, "Mayor Ivan Petrenko likened the blackout to a siege of the city.")
    assert [(c[0], c[2]) for c in likened] == [("Ivan Petrenko", "the blackout to a siege of the city")]
    encouraged = claims(nlp, "Governor Maria Lopez encouraged residents to leave the valley before Friday.")
    assert [c[2] for c in encouraged] == ["residents to leave the valley before Friday"]
    bemoaned = claims(nlp, "Senator Anna Kovac bemoaned the slow pace of the reconstruction.")
    assert [c[2] for c in bemoaned] == ["the slow pace of the reconstruction"]


def test_military_actions_and_declining_to_comment_are_not_claims(nlp):
    assert claims(nlp, "Marine units defended the bridgehead for two weeks before pulling back.") == []
    assert claims(nlp, "The regional administration declined to comment on the losses.") == []
