"""Figures: which number a change word applies to, number words split by the tokenizer, fractions of a unit,
currency codes. Sentences written for these tests."""
from __future__ import annotations

import pytest

from figure_lookup import by_surface


@pytest.mark.parametrize("text, surface", [
    ("The engineers added a 40 metre bridge across the river before dawn.", "40 metre"),  # what was added
    ("Some 5,000 are rising up against the garrison.", "Some 5,000"),  # the subject that rises
    ("The battalion cut the 15 km it had to march each day in half.", "15 km"),  # a known amount
])
def test_a_change_verb_does_not_give_its_direction_to_a_number_it_does_not_measure(nlp, text, surface):
    assert by_surface(nlp, text)[surface].direction is None


def test_the_size_of_a_change_keeps_its_direction(nlp):
    found = by_surface(nlp, "Grain exports rose 4% to 60 million tonnes after the 7% rise in fuel prices.")
    assert found["4%"].direction == "up"
    assert found["60 million tonnes"].direction is None  # the level reached
    assert found["7%"].direction == "up"
    assert by_surface(nlp, "The ministry marked its estimate down by 15% after the audit.")["15%"].direction == "down"


@pytest.mark.parametrize("text, surface, counts", [
    ("Germany sent 18 Leopard 2 tanks to the front.", "18 Leopard 2 tanks", "Leopard 2 tanks"),
    ("The cruiser fired 4 Kalibr cruise missiles at the port.", "4 Kalibr cruise missiles", "Kalibr cruise missiles"),
    ("The unit lost 3 Bradley fighting vehicles near the village.", "3 Bradley fighting vehicles", "Bradley fighting vehicles"),
])
def test_a_number_before_a_weapon_name_counts_the_weapons(nlp, text, surface, counts):
    figure = by_surface(nlp, text)[surface]
    assert (figure.value, figure.counts) == (int(surface.split()[0]), counts)


def test_a_model_number_inside_a_name_is_still_no_figure(nlp):
    assert by_surface(nlp, "The airline took delivery of its first 787 Dreamliner.") == {}


def test_troops_that_advance_or_retreat_move_a_distance_rather_than_change_a_quantity(nlp):
    assert by_surface(nlp, "Russian troops advanced 3 km towards the town overnight.")["3 km"].direction is None
    assert by_surface(nlp, "The brigade retreated 5 kilometres to new positions.")["5 kilometres"].direction is None
    assert by_surface(nlp, "Shares in the drone maker advanced 2% on Monday.")["2%"].direction == "up"
    assert by_surface(nlp, "The river rose 2 metres after the dam was breached.")["2 metres"].direction == "up"


@pytest.mark.parametrize("text, surface, value", [
    ("The army lost four hundred twenty-five tanks.", "four hundred twenty-five tanks", 425),
    ("Some twenty-five soldiers were wounded.", "Some twenty-five soldiers", 25),
    ("Half a million refugees crossed the border.", "Half a million refugees", 500_000),
    ("A quarter of a million people fled.", "A quarter of a million people", 250_000),
])
def test_number_words_split_by_the_tokenizer_are_one_number(nlp, text, surface, value):
    figure = by_surface(nlp, text)[surface]
    assert (figure.value, figure.value_high) == (value, None)


def test_a_glued_to_before_the_high_end_makes_a_range(nlp):
    figure = by_surface(nlp, "They held 2,000 to-3,500 prisoners.")["2,000 to-3,500 prisoners"]
    assert (figure.value, figure.value_high, figure.qualifier) == (2000, 3500, "range")


def test_a_fraction_of_one_unit_is_an_amount_in_that_unit(nlp):
    found = by_surface(nlp, "A third of a gallon of fuel was left, half an hour later only 1/16 of a US pint.")
    third = found["A third of a gallon"]
    assert (third.unit, third.counts) == ("gal", "fuel") and third.value == pytest.approx(1 / 3)
    assert (found["half an hour"].value, found["half an hour"].unit) == (0.5, "hours")
    assert (found["1/16 of a US pint"].value, found["1/16 of a US pint"].unit) == (0.0625, "pt")
    share = by_surface(nlp, "Half of the battalion was lost.")["Half of the battalion"]
    assert (share.unit, share.counts) == ("fraction", "battalion")  # a thing, not a unit


def test_grams_glued_to_the_number_but_not_5g(nlp):
    assert by_surface(nlp, "Each ration weighed 450g in total.")["450g"].unit == "g"
    assert by_surface(nlp, "The 5G network went down.")["5G"].unit == "count"


def test_a_fraction_of_another_number_counts_what_that_number_counts(nlp):
    assert by_surface(nlp, "Half of the 20K reservists were called up.")["Half"].counts == "reservists"


def test_currency_codes_of_other_currencies(nlp):
    assert by_surface(nlp, "Warsaw fined the firm PLN 40,000 for the late delivery.")["PLN 40,000"].counts \
        == "Polish zlotys"
    assert by_surface(nlp, "The Danish grant of 250 million DKK will fund demining.")["250 million DKK"].counts \
        == "Danish kroner"


def test_a_number_between_commas_after_a_person_is_an_age(nlp):
    age = by_surface(nlp, "Olena Kurylo, 52, was injured in the strike.")["52"]
    assert (age.value, age.unit, age.counts) == (52, "years", "age")
    count = by_surface(nlp, "The brigade lost tanks, 12, and trucks, 30, in the raid.")["30"]
    assert count.unit == "count"  # a count set off by commas is not an age
