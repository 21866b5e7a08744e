"""Figures: extraction errors found by reading NewsQuant failures, each tested on sentences written for these tests:
'up to' inside 'the lead-up to', numbers that name a code or a sector, ages in months and weeks, 'one of the
hostages', the currency of a bare amount converted in brackets, a currency written only on a range's high end,
and losses that count things rather than size a fall."""
from __future__ import annotations

import pytest

from orchestration.extract.figures import extract_figures

from figure_lookup import by_surface


def test_the_up_to_of_a_lead_up_or_run_up_is_no_upper_bound(nlp):
    found = by_surface(nlp, "Shelling intensified in the lead up to 3 rounds of talks and in the run-up to 2 summits.")
    assert (found["3 rounds"].qualifier, found["2 summits"].qualifier) == ("exact", "exact")
    found = by_surface(nlp, "In the weeks leading up to 4 referendums, officials were detained.")
    assert found["4 referendums"].qualifier == "exact"


def test_up_to_after_a_noun_or_verb_is_still_an_upper_bound(nlp):
    found = by_surface(nlp, "Drones struck up to 12 targets, with losses up to 300 people.")
    assert (found["up to 12 targets"].qualifier, found["up to 300 people"].qualifier) == ("less_than", "less_than")


def test_a_number_that_names_a_postal_or_area_code_is_no_figure(nlp):
    assert by_surface(nlp, "The post office in the 61000 postcode was shelled.") == {}
    assert by_surface(nlp, "Residents of the 380 area code received evacuation texts.") == {}
    assert by_surface(nlp, "Residents with postcode 61000 were told to leave.") == {}


def test_a_number_after_a_capitalised_name_word_is_part_of_the_name(nlp):
    text = "She handed the files to the team behind the Open Skies: Sector 4 volunteer mapping project."
    assert by_surface(nlp, text) == {}
    found = by_surface(nlp, "Losses: 40 tanks and 12 Artillery systems.")
    assert found["40 tanks"].value == 40


def test_ages_in_months_weeks_and_days_are_ages(nlp):
    found = by_surface(nlp, "The strike killed an 18 month-old girl, a 6-month-old baby and a 35-year-old woman.")
    assert (found["18 month-old"].unit, found["18 month-old"].counts) == ("months", "age")
    assert (found["6-month-old"].value, found["6-month-old"].counts) == (6, "age")
    assert found["35-year-old"].counts == "age"
    found = by_surface(nlp, "A three-week-old infant was rescued; he was just 10 days old.")
    assert (found["three-week-old"].unit, found["10 days old"].unit) == ("weeks", "days")


def test_one_of_a_group_counts_one_as_two_of_it_counts_two(nlp):
    found = by_surface(nlp, "One of the hostages died, two of the hostages were freed and one of the drones missed.")
    assert (found["One of the hostages"].value, found["One of the hostages"].counts) == (1, "hostages")
    assert found["one of the drones"].counts == "drones"


def test_one_of_the_largest_is_a_ranking_and_one_of_them_no_count(nlp):
    text = "One of the largest attacks hit Lviv, one of the most heavily defended cities; one of them was a medic."
    assert by_surface(nlp, text) == {}
    assert by_surface(nlp, "The medic was one of a kind.") == {}


def test_one_of_a_group_that_says_what_something_is_is_no_count(nlp):
    assert by_surface(nlp, "Kupiansk was one of the towns that Ukrainian troops retook.") == {}
    assert by_surface(nlp, "Kupiansk, one of the towns retaken last year, was shelled again.") == {}


def test_a_bare_amount_converted_in_brackets_keeps_the_currency_of_the_amount_before(nlp):
    found = by_surface(nlp, "The army spent 2 billion hryvnias ($54 million) on drones and 1.5 billion ($40 million) "
                            "on shells.")
    assert found["1.5 billion"].counts == "hryvnias"
    found = by_surface(nlp, "The fund paid 3,000 euros ($3,300) to each family of the 12 victims and 2,000 ($2,200) "
                            "to the injured.")
    assert (found["2,000"].counts, found["$2,200"].counts) == ("euros", "US dollars")


def test_a_currency_written_only_before_the_high_end_applies_to_the_range(nlp):
    found = by_surface(nlp, "Repairs will cost 3 to €4 billion, and the damage is put at between 40 and $50 million.")
    assert found["3 to €4 billion"].counts == "euros"
    assert (found["40 and $50 million"].counts, found["40 and $50 million"].value) == ("US dollars", 40_000_000)


def test_losses_listed_after_a_colon_count_things_and_are_no_fall(nlp):
    found = by_surface(nlp, "Russian losses: 40 tanks and 12 artillery systems.")
    assert found["40 tanks"].direction is None
    found = by_surface(nlp, "Exports posted a 5% loss in March.")
    assert found["5%"].direction == "down"


def test_a_count_before_a_hyphenated_model_name_counts_the_noun_after_it(nlp):
    found = by_surface(nlp, "Russia fired 35 Shahed-136 drones and 12 Kh-101 missiles overnight.")
    assert (found["35 Shahed-136 drones"].value, found["35 Shahed-136 drones"].counts) == (35, "Shahed-136 drones")
    assert found["12 Kh-101 missiles"].counts == "Kh-101 missiles"


def test_ages_listed_after_aged_are_all_ages(nlp):
    found = by_surface(nlp, "Two of them were children aged 4 and 7; the others, aged 9, 11 and 15, were unhurt.")
    assert [(found[s].unit, found[s].counts) for s in ("4", "7", "9", "11", "15")] == [("years", "age")] * 5
    found = by_surface(nlp, "Olena Kurylo, 52, and 3 others were injured.")
    assert found["3 others"].counts == "others"


@pytest.mark.parametrize("sentence", [
    "Ukrainian forces struck one of the four Russian depots in the city.",
    "Footage shows trucks parked close to one of the reactors.",
])
def test_one_of_a_group_whose_size_is_given_or_a_place_is_no_count_of_one(nlp, sentence):
    ones = [f for f in extract_figures(nlp(sentence)) if f.value == 1]
    assert ones == []
