"""Figures: coordinated modifiers of a counted noun, suspended hyphens, rates after a restatement in brackets,
ages, weekdays and durations. Sentences written for these tests."""
from __future__ import annotations

import pytest

from figure_lookup import by_surface


@pytest.mark.parametrize("text, surface, counts", [
    ("Drones hit dozens of Russian and Belarusian trucks near the border.",
     "dozens of Russian and Belarusian trucks", "Russian and Belarusian trucks"),
    ("Air defence shot down 17 Shahed and Geran drones overnight.", "17 Shahed and Geran drones",
     "Shahed and Geran drones"),
    ("Officials counted 120 damaged and destroyed buildings.", "120 damaged and destroyed buildings",
     "damaged and destroyed buildings"),
    ("The label sold 2.1M digital and physical albums last year.", "2.1M digital and physical albums",
     "digital and physical albums"),
])
def test_coordinated_modifiers_stay_with_the_counted_noun(nlp, text, surface, counts):
    assert by_surface(nlp, text)[surface].counts == counts


def test_a_number_before_coordinated_names_still_counts_the_noun(nlp):
    found = by_surface(nlp, "The yard repaired about 40 Piranha 3 carriers and 15 Leopard and Abrams tanks.")
    assert found["15 Leopard and Abrams tanks"].counts == "Leopard and Abrams tanks"
    found = by_surface(nlp, "Gunners hit 18 armored and 13 unarmored vehicles.")
    assert found["13 unarmored vehicles"].counts == "unarmored vehicles"
    assert "18" not in found  # the unarmored vehicles are the other number's


def test_suspended_hyphens_give_one_figure_per_number(nlp):
    found = by_surface(nlp, "The garage repairs four-, six- and eight-cylinder engines.")
    assert {(f.value, f.counts) for f in found.values()} == {(4.0, "cylinder"), (6.0, "cylinder"), (8.0, "cylinder")}


def test_a_rate_after_a_restatement_in_brackets_applies_to_both_amounts(nlp):
    found = by_surface(nlp, "Kyiv spends 9 billion hryvnias ($240 million) a year on road repairs.")
    assert found["9 billion hryvnias"].counts == "hryvnias per year"
    assert found["$240 million"].counts == "US dollars per year"
    assert "a year" not in found  # the rate's denominator, not a duration


@pytest.mark.parametrize("text, surface", [
    ("Men aged 18 to 60 may not leave the country.", "18 to 60"),
    ("Children under the age of 5 years were moved first.", "under the age of 5 years"),
    ("Her brother, who was 14, survived the strike.", "14"),
])
def test_ages_said_in_words_around_the_number(nlp, text, surface):
    figure = by_surface(nlp, text)[surface]
    assert (figure.unit, figure.counts) == ("years", "age")


def test_an_age_is_not_the_unit_of_a_level_after_it(nlp):
    found = by_surface(nlp, "For residents aged 60 and over, the ratio stood at 1.3.")
    assert (found["60"].counts, found["1.3"].counts) == ("age", None)


def test_a_number_before_a_weekday_is_not_a_date(nlp):
    found = by_surface(nlp, "Russian strikes killed 3 on Monday and wounded 12 on Tuesday.")
    assert {"3", "12"} <= set(found)


def test_over_a_duration_after_an_event_is_when_not_more_than(nlp):
    found = by_surface(nlp, "Shelling killed 14 civilians over three days, and he was held for over two years.")
    assert found["three days"].qualifier == "exact"
    assert found["over two years"].qualifier == "more_than"


def test_a_year_of_the_next_century_is_not_an_amount(nlp):
    found = by_surface(nlp, "Sea levels could rise 2 metres by 2100, the report says.")
    assert set(found) == {"2 metres"}


def test_half_the_counts_what_follows(nlp):
    found = by_surface(nlp, "Half the residents fled, and she spent half the day in a shelter.")
    assert (found["Half the residents"].value, found["Half the residents"].unit) == (0.5, "fraction")
    assert found["Half the residents"].counts == "residents"
    assert not any("day" in surface for surface in found)  # half a day is not a share of a thing


def test_a_bare_number_compared_with_a_count_counts_the_same_thing(nlp):
    found = by_surface(nlp, "Some 310 apartments were damaged by falling debris in the city this winter, "
                            "compared with 48 in the whole of last year.")
    assert found["48"].counts == "apartments"


def test_a_repeated_count_keeps_its_rate_and_skips_a_duration_between(nlp):
    found = by_surface(nlp, "The city logged 22 drone attacks last week, against an average of 15 a week in May.")
    assert found["15 a week"].counts == "drone attacks per week"
    found = by_surface(nlp, "Some 1,200 people have been displaced for one to two years and 900 for longer.")
    assert found["900"].counts == "people"


def test_pounds_of_something_weigh_and_a_rate_per_area_is_named(nlp):
    found = by_surface(nlp, "Each family got 2 pounds of flour, and shops rent at $80 per sq m.")
    assert (found["2 pounds"].unit, found["2 pounds"].counts) == ("lb", "flour")
    assert found["$80 per sq m."].counts == "US dollars per square metre"
