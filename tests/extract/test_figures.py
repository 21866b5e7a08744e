"""Figures on sentences written for these tests (not taken from the sample articles)."""
from __future__ import annotations

import pytest

from orchestration.extract.figures import extract_figures
from orchestration.extract.numbers import words_value


def figures(nlp, text):
    return [(f.surface, f.value, f.value_high, f.unit, f.qualifier) for f in extract_figures(nlp(text))]


@pytest.mark.parametrize("words, value", [
    (["fifty", "thousand"], 50_000), (["2.5", "million"], 2_500_000), (["a", "hundred"], 100),
    (["two", "and", "a", "half"], 2.5), (["1,200"], 1200), (["twenty-three"], 23), (["three", "hundred", "and", "five"], 305),
])
def test_number_words_and_digits_are_read(words, value):
    assert words_value(words) == pytest.approx(value)


def test_qualifiers_units_and_ranges(nlp):
    found = figures(nlp, "Troops pushed 3 to 4 kilometres east, took roughly 250 square kilometres and "
                         "lost fewer than 40 vehicles within six days.")
    assert ("3 to 4 kilometres", 3, 4, "km", "range") in found
    assert ("roughly 250 square kilometres", 250, None, "km2", "approximate") in found
    assert any(f[1] == 40 and f[4] == "less_than" and "vehicles" in f[0] for f in found)
    assert ("within six days", 6, None, "days", "less_than") in found


def test_vague_quantities_get_conventional_values(nlp):
    found = {f[0]: f for f in figures(nlp, "Dozens of shells fell as hundreds of families and tens of thousands "
                                          "of refugees waited for several hours.")}
    assert found["Dozens of shells"][1] == 24 and found["Dozens of shells"][4] == "vague"
    assert found["tens of thousands of refugees"][1] == 20_000
    assert found["several hours"][1:4] == (3, None, "hours")


def test_counted_thing_includes_what_happened(nlp):
    [figure] = [f for f in extract_figures(nlp("The strike left at least 17 people killed in the market."))]
    assert figure.qualifier == "at_least" and figure.value == 17
    assert figure.counts == "people killed"


@pytest.mark.parametrize("text", [
    "The meeting took place on 14 March 2023 at 09:30.",
    "Su-25 jets and an S-400 battery were seen near the 93rd brigade.",
    "One of them spoke first.",
])
def test_dates_times_models_and_pronoun_one_are_not_figures(nlp, text):
    assert figures(nlp, text) == []


def test_offsets_point_at_the_surface(nlp):
    text = "Officials counted about 1,500 displaced residents and 12% damage."
    doc = nlp(text)
    for figure in extract_figures(doc):
        assert text[figure.char_start:figure.char_end] == figure.surface
    assert [f.unit for f in extract_figures(doc)] == ["count", "percent"]


def test_currencies_and_other_units(nlp):
    found = {f.surface: (f.value, f.unit, f.counts) for f in extract_figures(nlp(
        "Kyiv asked for $5.8bn, about US$ 40 per shell, while a 2.0-litre engine reached 60 mph and RM30 was paid."))}
    assert found["$5.8bn"] == (5.8e9, "count", "US dollars")
    assert found["about US$ 40"][0] == 40 and found["about US$ 40"][2] == "US dollars"
    assert found["60 mph"][:2] == (60, "mph")
    assert found["RM30"] == (30, "count", "ringgit")


def test_direction_of_a_change(nlp):
    found = {f.surface: f.direction for f in extract_figures(nlp(
        "Exports rose 4% in May, imports fell by 2.5 percent and the army lost 200 tanks; a 7% increase followed."))}
    assert found["4%"] == "up" and found["2.5 percent"] == "down" and found["7%"] == "up"
    assert found["200 tanks"] is None  # a count of things lost, not the size of a change


def test_spelled_fractions_are_one_figure(nlp):
    found = [(f.surface, round(f.value, 3), f.unit) for f in extract_figures(nlp(
        "One third of the homes and two thirds of the schools were damaged; half of them burned."))]
    assert [f[1:] for f in found] == [(0.333, "fraction"), (0.667, "fraction"), (0.5, "fraction")]
    assert len({f[0] for f in found}) == 3
