"""NewsQuant scoring on synthetic quantities and sentences written for these tests."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest

from orchestration.evaluation import newsquant as nq
from orchestration.extract.figures import extract_figures
from orchestration.extract.records import Figure


def q(value, unit="-", change="="):
    return nq.Quantity(value, unit, change)


def test_parse_value_reads_ranges_and_negatives_like_the_cqe_script():
    assert nq.parse_value("12.5") == 12.5
    assert nq.parse_value("3.0 - 4.0") == (3.0, 4.0)
    assert nq.parse_value("-1.5") == -1.5  # a fall, not a range


def test_values_match_needs_both_range_ends_and_never_mixes_range_with_single():
    assert nq.values_match((10.0, 15.0), (10.0, 15.0))
    assert not nq.values_match((10.0, 15.0), (10.0, 16.0))
    assert not nq.values_match((10.0, 15.0), 10.0)
    assert nq.values_match(1_000_000.0, 1_000_000.000001)


def test_cqe_protocol_lets_a_unit_mismatch_stay_available_to_the_next_gold():
    gold = [q(5.0, "mile"), q(5.0, "percentage")]
    predicted = [q(5.0, "percentage")]
    lenient = nq.cqe_counts(gold, predicted)
    strict = nq.strict_counts(gold, predicted)
    # CQE's scan: 'mile' matches on value only (prediction kept), 'percentage' matches fully.
    assert lenient == {"value": 2, "value_unit": 1, "value_change": 2}
    assert strict == {"value": 1, "value_unit": 1, "value_change": 1}


def test_cqe_protocol_counts_value_at_most_once_per_gold_quantity():
    gold = [q(7.0, "day")]
    predicted = [q(7.0, "week"), q(7.0, "month")]
    assert nq.cqe_counts(gold, predicted)["value"] == 1
    assert nq.cqe_counts(gold, predicted)["value_unit"] == 0


def test_change_must_agree_for_value_change():
    assert nq.strict_counts([q(3.0, change=">")], [q(3.0, change="~")])["value_change"] == 0
    assert nq.strict_counts([q(3.0, change=">")], [q(3.0, change=">")])["value_change"] == 1


def figure(value, unit, counts=None, qualifier="exact", value_high=None, surface="x"):
    return Figure(0, len(surface), surface, value, value_high, unit, counts, qualifier)


def test_our_records_map_to_newsquant_units_and_changes():
    assert nq.to_quantity(figure(12.0, "km2")) == nq.Quantity(12.0, "square kilometre", "=", "x")
    assert nq.to_quantity(figure(40.0, "percent", qualifier="more_than")).change == ">"
    assert nq.to_quantity(figure(40.0, "percent", qualifier="vague")).change == "~"
    assert nq.to_quantity(figure(2.0, "count", "US dollars", qualifier="less_than")).unit == "dollar"
    assert nq.to_quantity(figure(9.0, "years", surface="9-year-old")).unit == "year of age"
    assert nq.to_quantity(figure(9.0, "years", surface="9 years")).unit == "year"
    assert nq.to_quantity(figure(4.0, "count")).unit == "-"
    ranged = nq.to_quantity(figure(10.0, "count", "goats", qualifier="range", value_high=12.0))
    assert ranged.value == (10.0, 12.0) and ranged.change == "="


def test_counted_things_lose_their_outcome_participle():
    assert nq.normalized_unit("count", "sheep lost", "x") == "sheep lost"  # not an outcome word
    assert nq.normalized_unit("count", "villagers injured", "x") == "villagers"


def test_failures_name_the_kind_of_error():
    kinds = [kind for kind, _ in nq.failures([q((1.0, 2.0), "mile"), q(8.0, "dollar")],
                                             [q(1.0, "mile"), q(8.0, "-"), q(99.0, "home")])]
    assert "value: gold range, ours a single number" in kinds
    assert "unit: gold currency, ours dimensionless" in kinds
    assert "spurious: ours counted noun" in kinds


def test_read_published_turns_percentages_into_fractions(tmp_path):
    (tmp_path / "NewsQuant.csv").write_text("\tP\tR\tF1\tmodel\ttype\n0\t50.0\t40.0\t44.4\tsome-parser\tvalue\n")
    assert nq.read_published(tmp_path) == [
        {"system": "some-parser", "measure": "value", "precision": 0.5, "recall": 0.4, "f1": 0.444}]


def test_evaluate_runs_the_real_extractor_on_a_tiny_set(tmp_path, nlp):
    data = [
        {"text": "The flood destroyed 40 homes in the valley.",
         "quantities": [{"change": "=", "value": "40", "unit": "homes", "normalized_unit": "home",
                         "referred_concepts": "-"}]},
        {"text": "Rents rose by more than 15 percent last spring.",
         "quantities": [{"change": ">", "value": "15", "unit": "percent", "normalized_unit": "percentage",
                         "referred_concepts": "-"}]},
        {"text": "Nobody was there.", "quantities": []},
    ]
    (tmp_path / "NewsQuant.json").write_text(json.dumps(data))
    result = nq.evaluate(nlp=nlp, path=tmp_path)
    assert result["sentences"] == 3
    assert result["value"]["gold"] == 2
    assert result["value"]["correct"] >= 1
    assert result["value"]["f1"] == pytest.approx(
        2 * result["value"]["precision"] * result["value"]["recall"]
        / (result["value"]["precision"] + result["value"]["recall"]), abs=0.002)
    assert result["published"] == []
    assert nq.evaluate(nlp=nlp, path=tmp_path, limit=1)["value"]["gold"] == 1


def test_lemmatized_counted_phrases_keep_hyphenated_compounds_whole(nlp):
    lemmatize = nq._Lemmatizer(nlp)
    assert lemmatize("second-line trenches") == "second-line trench"
    assert lemmatize("diesel-powered generators") == "diesel-powered generator"  # not 'diesel - power generator'


def test_a_fraction_maps_to_a_share_of_what_it_is_a_fraction_of():
    assert nq.normalized_unit("fraction", "households", "x") == "% households"
    assert nq.normalized_unit("fraction", "them", "x") == "% -"  # a pronoun names nothing
    assert nq.normalized_unit("fraction", None, "x") == "% -"


def test_a_lower_bound_outranks_the_direction_of_a_change():
    assert nq.to_quantity(replace(figure(8.0, "percent", qualifier="more_than"), direction="up")).change == ">"
    assert nq.to_quantity(replace(figure(8.0, "percent", qualifier="approximate"), direction="up")).change == "up"
    assert nq.to_quantity(replace(figure(8.0, "percent"), direction="down")).change == "down"


def test_units_and_currencies_in_newsquant_names():
    assert nq.to_quantity(figure(40.0, "count", "Swedish kronor")).unit == "swedish krona"
    assert nq.to_quantity(figure(3.0, "count", "Danish crowns")).unit == "danish krone"
    assert nq.to_quantity(figure(95.0, "count", "pence")).unit == "point"
    assert nq.to_quantity(figure(7.0, "t")).unit == "metric ton"
    assert nq.to_quantity(figure(2.0, "pt")).unit == "pint"
    assert nq.to_quantity(figure(9.0, "ppm")).unit == "part per million"
    assert nq.to_quantity(figure(800.0, "rpm")).unit == "revolutions per minute"


def test_multipliers_count_and_nearly_is_approximate():
    assert nq.to_quantity(figure(3.0, "count", "times", surface="3 times")).unit == "count"
    assert nq.to_quantity(figure(2.5, "count", "cost", surface="2.5 times the cost")).unit == "count"
    assert nq.to_quantity(figure(40.0, "count", "times per day", surface="40 times a day")).unit == "count per day"
    assert nq.to_quantity(figure(500.0, "count", qualifier="less_than", surface="nearly 500")).change == "~"
    assert nq.to_quantity(figure(500.0, "count", qualifier="less_than", surface="fewer than 500")).change == "<"


def test_an_age_maps_to_year_of_age():
    assert nq.to_quantity(figure(52.0, "years", "age", surface="52")).unit == "year of age"


def test_coordinated_and_participle_modifiers_map_to_newsquant_units(nlp):
    lemmatize = nq._Lemmatizer(nlp)
    assert nq.normalized_unit("count", "Leopard and Abrams tanks", "x") == "leopard abrams tanks"
    assert nq.normalized_unit("count", "Kia or Hyundai cars", "x", lemmatize) == "kia hyundai car"
    assert lemmatize("printed books") == "book"  # a leading participle describes, the noun is the unit


def test_a_range_said_with_an_approximator_is_approximate():
    ranged = figure(20.0, "km", qualifier="range", value_high=30.0, surface="about 20 to 30 km")
    assert nq.to_quantity(ranged).change == "~"
    assert nq.to_quantity(replace(ranged, surface="20 to 30 km")).change == "="


def test_torque_is_not_nanometres_and_brake_horsepower_keeps_its_name():
    assert nq.to_quantity(figure(400.0, "Nm")).unit == "newton metre"
    assert nq.to_quantity(figure(5.0, "nm")).unit == "nanometre"
    assert nq.to_quantity(figure(300.0, "bhp")).unit == "brake horsepower"


def test_a_change_stated_by_a_noun_maps_to_equal_and_a_verb_change_keeps_its_direction(nlp):
    doc = nlp("Bread prices rose 4% in March, a 6 percent increase over the year, after a 2% drop in May.")
    figures = {f.surface: f for f in extract_figures(doc)}
    assert {s: f.direction for s, f in figures.items()} == {"4%": "up", "6 percent": "up", "2%": "down"}
    changes = {s: nq.to_quantity(f, change_noun=nq.states_change_with_a_noun(doc, f)).change
               for s, f in figures.items()}
    assert changes == {"4%": "up", "6 percent": "=", "2%": "="}
