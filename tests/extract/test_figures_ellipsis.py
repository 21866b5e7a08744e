"""Figures: units and directions said once for several numbers, torque and brake horsepower, index levels,
ages of a subject the tagger misreads. Sentences written for these tests."""
from __future__ import annotations

from figure_lookup import by_surface


def test_a_bare_change_after_a_percent_change_is_a_percent(nlp):
    found = by_surface(nlp, "Kyiv's index rose by 2 percent but Lviv's fell by 1 in trading.")
    assert (found["1"].unit, found["1"].direction) == ("percent", "down")


def test_a_direction_said_once_carries_to_the_next_change_in_the_list(nlp):
    found = by_surface(nlp, "Shares of Alpha were down 2.3%, Beta by 2.6% and Gamma was down 1.9%.")
    assert found["2.6%"].direction == "down"


def test_an_index_level_before_its_change_in_points_is_in_points(nlp):
    found = by_surface(nlp, "Warsaw Stock Exchange (16412.50 up 61.30 points).")
    assert found["16412.50"].counts == "points"


def test_torque_and_brake_horsepower_are_their_own_units(nlp):
    found = by_surface(nlp, "The engine makes 400 Nm of torque and 300 bhp.")
    assert (found["400 Nm"].unit, found["400 Nm"].counts) == ("Nm", "torque")
    assert found["300 bhp"].unit == "bhp"


def test_a_surname_taken_for_a_place_still_has_an_age(nlp):
    found = by_surface(nlp, "Hrytsenko, 66, has used the pause to rest.")
    assert (found["66"].unit, found["66"].counts) == ("years", "age")


def test_over_than_is_a_lower_bound(nlp):
    assert by_surface(nlp, "The firm said over than 60% of clients left.")["over than 60%"].qualifier == "more_than"


def test_may_in_lower_case_is_a_verb_not_a_month(nlp):
    assert "30" in by_surface(nlp, "Officials said 30 may have died.")
