"""PolNeAR scoring on synthetic BRAT annotations and text written for these tests."""
from __future__ import annotations

from orchestration.evaluation import polnear as pn
from orchestration.extract.records import Claim, Span

TEXT = 'The mayor said the old bridge would reopen next spring. "We are ready," she added.'
#       0         1         2         3         4         5         6         7         8
#       0123456789012345678901234567890123456789012345678901234567890123456789012345678901
ANN = "\n".join([
    "T1\tSource 0 9\tThe mayor",
    "T2\tCue 10 14\tsaid",
    "T3\tContent 15 54\tthe old bridge would reopen next spring",
    "T4\tAttribution 10 14\tsaid",
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
    "T5\tContent 56 69;70 70\tWe are ready,",
    "T6\tCue 75 80\tadded",
    "T7\tAttribution 75 80\tadded",
    "E2\tAttribution:T7 Cue:T6 Content:T5",
])


def claim(start, end, speaker=None, cue=(10, 14)):
    return Claim(start, end, TEXT[start:end], TEXT[cue[0]:cue[1]], cue[0], cue[1],
                 Span(*speaker) if speaker else None, None, False, False, "reported")


def test_parse_ann_joins_spans_by_event_and_keeps_fragments():
    gold = pn.parse_ann(ANN)
    assert len(gold) == 2
    assert gold[0].content == ((15, 54),) and gold[0].source == ((0, 9),) and gold[0].cue == ((10, 14),)
    assert gold[1].source is None
    assert gold[1].content == ((56, 69), (70, 70)) and gold[1].extent == (56, 70)


def test_overlap_match_needs_half_of_the_shorter_span():
    gold = pn.parse_ann(ANN)
    # 'bridge would reopen next spring' lies inside the first content: all its words are shared.
    assert [(i, j) for i, j, _ in pn.match(TEXT, [claim(23, 54)], gold)] == [(0, 0)]
    # 'The mayor said the old' shares 2 of its 5 words with the content: below half.
    assert pn.match(TEXT, [claim(0, 22)], gold) == []


def test_match_is_one_to_one():
    gold = pn.parse_ann(ANN)
    pairs = pn.match(TEXT, [claim(15, 54), claim(15, 42)], gold)
    assert len(pairs) == 1 and pairs[0][0] == 0  # the larger overlap wins the single gold content


def test_exact_match_ignores_surrounding_quotes_and_punctuation():
    gold = pn.parse_ann(ANN)
    assert pn.exact_matches(TEXT, [claim(15, 55), claim(55, 70)], gold) == 2
    assert pn.exact_matches(TEXT, [claim(19, 54)], gold) == 0


def test_evaluate_scores_the_real_extractors_on_a_synthetic_article(tmp_path, nlp):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "sample_one.txt").write_text(TEXT)
    (tmp_path / "attributions" / "sample_one_ab12.ann").write_text(ANN)
    (tmp_path / "attributions" / "sample_one_zz99.ann").write_text("")  # a second annotator: ignored
    result = pn.evaluate(nlp=nlp, path=tmp_path)
    assert result["articles"] == 1
    assert result["attribution"]["gold"] == 2
    assert 0 <= result["attribution"]["correct"] <= result["attribution"]["predicted"]
    assert result["source_pairs"] <= result["attribution"]["correct"]
    assert sum(result["failures"].values()) >= 2 - result["attribution"]["correct"]
