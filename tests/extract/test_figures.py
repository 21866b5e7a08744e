"""Figures on sentences written for these tests (not taken from the sample articles)."""
from __future__ import annotations

import pytest

from orchestration.extract.figures import extract_figures
from orchestration.extract.numbers import words_value

from figure_lookup import by_surface


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
    assert found["about US$ 40 per shell"][0] == 40 and found["about US$ 40 per shell"][2] == "US dollars per shell"
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


def test_currency_codes_glued_prefixes_and_ascii_folded_symbols(nlp):
    found = by_surface(nlp, "The ferry operator paid USD12m for the berth, $US40 million for tugs, 950 JPY per ticket "
                            "in Osaka, a 2,300€ fine, HK $6.1 billion in loans, $3.5b in bonds, PS4.6m in fees "
                            "(ASCII for £) and exactly $2000 for a survey.")
    assert (found["USD12m"].value, found["USD12m"].counts) == (12e6, "US dollars")
    assert (found["$US40 million"].value, found["$US40 million"].counts) == (40e6, "US dollars")
    assert found["950 JPY per ticket"].counts == "yen per ticket"
    assert (found["2,300€"].value, found["2,300€"].counts) == (2300, "euros")
    assert found["HK $6.1 billion"].counts == "Hong Kong dollars"
    assert found["$3.5b"].value == 3.5e9
    assert (found["PS4.6m"].value, found["PS4.6m"].counts) == (4.6e6, "pounds")
    assert found["$2000"].value == 2000  # money, not the year 2000


def test_units_glued_to_numbers(nlp):
    found = by_surface(nlp, "The drone carries a 7kW motor, a 5.8GHz radio, 2.5mm armour and a 30-40min battery; "
                            "the 3,150sq m hangar and the 12 mAh cell were shown.")
    assert (found["7kW"].value, found["7kW"].unit) == (7, "kW")
    assert found["5.8GHz"].unit == "GHz"
    assert (found["2.5mm"].value, found["2.5mm"].unit) == (2.5, "mm")
    assert (found["30-40min"].value, found["30-40min"].value_high, found["30-40min"].unit) == (30, 40, "minutes")
    assert (found["3,150sq m"].value, found["3,150sq m"].unit) == (3150, "m2")
    assert found["12 mAh"].unit == "mAh"


def test_rates_keep_what_they_are_per(nlp):
    found = by_surface(nlp, "Diesel sold at $1.40 a litre, rent was £900 a month and the plant ran 2,000 checks per day.")
    assert found["$1.40 a litre"].counts == "US dollars per litre"
    assert found["£900 a month"].counts == "pounds per month"
    assert found["2,000 checks per day"].counts == "checks per day"
    assert not any(f.surface in ("a month", "a litre") for f in found.values())


def test_a_change_and_the_level_reached_are_two_figures(nlp):
    found = by_surface(nlp, "The miner's shares jumped 12.5% to $3.40 while the index slipped 0.3 per cent to 7,212.5 "
                            "and the budget grew by $2bn to $15bn.")
    assert found["12.5%"].direction == "up" and found["12.5%"].value_high is None
    assert found["$3.40"].value == 3.4 and found["$3.40"].direction is None
    assert found["0.3 per cent"].direction == "down" and found["7,212.5"].value == 7212.5
    assert found["$2bn"].value == 2e9 and found["$15bn"].value == 15e9


def test_ranges_with_currency_or_unit_on_both_ends(nlp):
    found = by_surface(nlp, "Tickets cost between $25 and $40, flats from RM200,000 to RM450,000, rates rose "
                            "between 2% and 3%, and the car does 0-to-100-km/h in six seconds.")
    assert (found["$25 and $40"].value, found["$25 and $40"].value_high) == (25, 40)
    assert (found["RM200,000 to RM450,000"].value_high, found["RM200,000 to RM450,000"].counts) == (450_000, "ringgit")
    assert (found["2% and 3%"].value, found["2% and 3%"].value_high, found["2% and 3%"].unit) == (2, 3, "percent")
    assert (found["0-to-100-km/h"].value, found["0-to-100-km/h"].value_high) == (0, 100)


def test_signs_tildes_and_sub_prefixes(nlp):
    found = by_surface(nlp, "Markets: Dax +0.4% Nikkei -1.2%; the gas is cooled to minus-160 degrees, the chip uses "
                            "sub-5 nanometre parts and the span is ~12 m, well under a ~200 km range.")
    assert found["+0.4%"].direction == "up" and found["-1.2%"].direction == "down"
    assert found["minus-160 degrees"].value == -160
    assert (found["sub-5 nanometre"].value, found["sub-5 nanometre"].qualifier, found["sub-5 nanometre"].unit) == (
        5, "less_than", "nm")
    assert found["~12 m"].qualifier == "approximate"


def test_restated_figures_share_qualifier_and_change(nlp):
    found = by_surface(nlp, "The convoy covered more than 80 kilometres (50 miles); the index lost 95 points, or 1.1%, "
                            "and the pound was up 0.4% at $1.27.")
    assert found["50 miles"].qualifier == "more_than"
    assert found["95 points"].direction == "down" and found["1.1%"].direction == "down"
    assert found["0.4%"].direction == "up" and found["$1.27"].direction is None


def test_ages_pence_and_partitives(nlp):
    found = by_surface(nlp, "A 42 year-old driver, a 7-year-old boy, shares at 212p, and 300 million of the "
                            "2 billion hryvnias promised.")
    assert found["42 year-old"].unit == "years" and found["7-year-old"].value == 7
    assert (found["212p"].value, found["212p"].counts) == (212, "pence")
    assert found["300 million"].counts == "hryvnias" and found["2 billion hryvnias"].value == 2e9


@pytest.mark.parametrize("text", [
    "Analysts expect the S&P 500 and the Stoxx 600 to open flat.",
    "The iPhone 14 Pro and Galaxy S23 went on sale.",
    "A category 3 storm hit the coast after Game 7 ended.",
    "The match ended 2-2 after extra time.",
    "The office at 221 Baker Street was closed.",
    "The temple was used between 1450 and 1600.",
    "The final third of the pitch and the second half of the game were chaotic.",
])
def test_names_scores_addresses_and_eras_are_not_figures(nlp, text):
    assert figures(nlp, text) == []


def assert_one_figure_per_span(figures_found):
    spans = sorted((f.char_start, f.char_end) for f in figures_found)
    assert len(spans) == len(set(spans)), spans
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), spans  # nor overlapping ones


def test_a_sentence_initial_fraction_is_one_figure_not_a_count_too(nlp):
    # 'One quarter' once gave a count (1) and a fraction on the very same span; the record id is the span
    found = list(extract_figures(nlp("Who paid?\nOne quarter of Poland’s aid budget went to shelters, "
                                     "and one third of Kharkiv was dark.")))
    assert_one_figure_per_span(found)
    assert [(f.unit, round(f.value, 3)) for f in found] == [("fraction", 0.25), ("fraction", 0.333)]
    assert found[0].counts == "aid budget"


def test_rates_of_measures_are_rate_units(nlp):
    found = by_surface(nlp, "Pipelines carried 2 million barrels per day, crews worked 60 hours a week, a 40,000 "
                            "barrel-a-day refinery burned, debris flew at 250 metres per second, a truck did "
                            "90km/hr and fees rose by up to £30 a-year.")
    assert found["2 million barrels per day"].unit == "barrel per day"
    assert found["60 hours a week"].unit == "hour per week"
    assert (found["40,000 barrel-a-day"].value, found["40,000 barrel-a-day"].unit) == (40_000, "barrel per day")
    assert found["250 metres per second"].unit == "metre per second"
    assert found["90km/hr"].unit == "km/h"
    assert found["up to £30 a-year"].counts == "pounds per year"


def test_temperatures_keep_their_scale(nlp):
    found = by_surface(nlp, "Frost reached minus-20 degrees Celsius (minus-4 degrees Fahrenheit), the core hit "
                            "300°C and the gauge showed 5.5degF (3deg C).")
    assert (found["minus-20 degrees Celsius"].value, found["minus-20 degrees Celsius"].unit) == (-20, "celsius")
    assert found["minus-4 degrees Fahrenheit"].unit == "fahrenheit"
    assert found["300°C"].unit == "celsius"
    assert found["5.5degF"].unit == "fahrenheit" and found["3deg C"].unit == "celsius"


def test_proportions_in_words_and_digits(nlp):
    found = by_surface(nlp, "A fifth of the brigade, one in four recruits, three out of five villages, "
                            "two-thirds of the budget and 3/4 of the border were affected; the fifth convoy "
                            "arrived on 24/7 duty.")
    values = {surface: (round(f.value, 3), f.unit) for surface, f in found.items()}
    assert values["A fifth of the brigade"] == (0.2, "fraction")
    assert values["one in four recruits"] == (0.25, "fraction")
    assert values["three out of five villages"] == (0.6, "fraction")
    assert values["two-thirds of the budget"] == (0.667, "fraction")
    assert values["3/4 of the border"] == (0.75, "fraction")
    assert not any("fifth convoy" in s or "24/7" in s for s in found)


def test_a_number_never_runs_into_the_next_number(nlp):
    found = by_surface(nlp, "The port hosts one 40,000-tonne dry dock, the plant bottled 2.5 million 5-litre "
                            "canisters and the unit is the one 15km south of the river.")
    assert found["40,000-tonne"].value == 40_000
    assert found["2.5 million"].value == 2.5e6 and found["5-litre"].value == 5
    assert not any(f.value in (40_001, 2_500_005, 16) or s == "one" for s, f in found.items())


def test_a_fall_from_one_level_to_another_is_two_levels_not_a_range(nlp):
    found = by_surface(nlp, "Prices fell from $950 to $720 while turnout slipped from 61 to 58 percent; "
                            "recruitment went from 3000 to 5000 volunteers.")
    assert found["$950"].value_high is None and found["$720"].value == 720
    assert (found["61"].unit, found["58 percent"].unit) == ("percent", "percent")
    assert (found["3000 to 5000 volunteers"].value, found["3000 to 5000 volunteers"].value_high) == (3000, 5000)


def test_comparatives_qualify_and_counted_things_keep_their_words(nlp):
    found = by_surface(nlp, "Losses were higher than 300 tanks over a range greater than 40 km. Three of the "
                            "governor's deputies resigned, 12 Russian-made drones fell, 25 first-line troops left "
                            "and about 20 heavily armoured fighting vehicles burned, with 40 “kamikaze-style” boats.")
    assert found["higher than 300 tanks"].qualifier == "more_than"
    assert found["greater than 40 km"].qualifier == "more_than"
    assert found["Three of the governor's deputies"].counts == "deputies"
    assert found["12 Russian-made drones"].counts == "Russian-made drones"
    assert found["25 first-line troops"].counts == "first-line troops"
    assert "vehicles" in found["about 20 heavily armoured fighting vehicles"].counts
    assert found["40 “kamikaze-style” boats"].counts.endswith("boats")


def test_a_part_after_including_counts_the_same_thing(nlp):
    found = by_surface(nlp, "More than 4 million people lost power, including 900,000 in the capital, and a "
                            "400 megawatt unit went down.")
    assert found["900,000"].counts == "people"
    assert found["400 megawatt"].unit == "MW"


def test_a_level_reached_by_a_move_has_no_direction_but_the_move_has(nlp):
    found = by_surface(nlp, "Grain futures rose 12 cents to $7.40 and the gauge fell to 18.5 points.")
    assert found["12 cents"].direction == "up"
    assert found["$7.40"].direction is None and found["18.5 points"].direction is None  # levels, not changes


def test_multipliers_count_times(nlp):
    found = by_surface(nlp, "Exports grew more than fivefold, sales hit 2.5 times the forecast, rents are three "
                        "times as high and the shares trade at 12 times earnings after a 3-fold rise.")
    assert (found["more than fivefold"].value, found["more than fivefold"].counts) == (5, "times")
    assert found["more than fivefold"].qualifier == "more_than"
    assert (found["2.5 times"].value, found["2.5 times"].unit) == (2.5, "count")
    assert found["three times"].counts == "times"  # 'as high': nothing named is multiplied
    assert found["12 times earnings"].counts == "earnings"
    assert found["3-fold"].value == 3 and found["3-fold"].unit == "count"


def test_a_bare_level_takes_the_unit_of_the_move_before_it(nlp):
    found = by_surface(nlp, "The index lost 85.2 points, or 1.3%, to close at 6,402.17. Mileage improved from "
                            "31 mpg to 36 while the Dow was last at 33,100.")
    assert (found["6,402.17"].unit, found["6,402.17"].counts) == ("count", "points")
    assert found["36"].unit == found["31 mpg"].unit
    assert found["33,100"].counts is None  # another sentence: nothing to carry


def test_per_game_averages_and_tons(nlp):
    found = by_surface(nlp, "The guard averages 21.4 ppg and 5.1 apg; the truck carries 12 tons and the ship "
                            "300 tonnes.")
    assert found["21.4 ppg"].counts == "points per game" and found["5.1 apg"].counts == "assists per game"
    assert found["12 tons"].unit == "ton" and found["300 tonnes"].unit == "t"


def test_market_index_names_are_not_figures(nlp):
    found = by_surface(nlp, "The Stoxx 600 index rose 1.2%, the sp 500 fell 0.4% and the S P 500 slipped 0.1%.")
    assert set(found) == {"1.2%", "0.4%", "0.1%"}


def test_counted_things_lose_describing_ing_words_and_sport_stats_are_named(nlp):
    found = by_surface(nlp, "The 12 remaining hostages were freed. The pitcher was worth 1.8 WAR. The studio "
                            "sold 3.4m combined digital and physical copies.")
    assert found["12 remaining hostages"].counts == "hostages"
    assert found["1.8 WAR"].counts == "wins above replacement"
    copies = found["3.4m combined digital and physical copies"]
    # million, not metres; coordinated modifiers stay with the noun
    assert (copies.value, copies.unit, copies.counts) == (3.4e6, "count", "combined digital and physical copies")


def test_singular_currency_modifiers_and_years_of_an_era(nlp):
    found = by_surface(nlp, "They bought a million dollar house with a 40 billion euro loan. The fort stood from "
                            "A.D. 900 to 1150 and 200 guards held it, while Caesar fell in 44 BC.")
    assert found["a million dollar"].counts == "dollars" and found["40 billion euro"].counts == "euros"
    assert set(found) >= {"200 guards"} and not any(s.startswith(("900", "1150", "44")) for s in found)


def test_a_dash_glued_to_a_unit_and_numbers_inside_names(nlp):
    found = by_surface(nlp, "Range grew to 310 miles- a record - and labs ran thousands of COVID -19 tests.")
    assert found["310 miles-"].unit == "mi"
    assert found["thousands"].counts == "tests" and not any("-19" in s for s in found)


def test_suspended_hyphens_share_the_last_unit(nlp):
    found = by_surface(nlp, "Buyers pick a 6- or 9-inch screen and hike 4-, 5- and 6-kilometre trails.")
    assert (found["6-"].value, found["6-"].unit) == (6, "in") and found["9-inch"].unit == "in"
    assert found["4-"].unit == found["5-"].unit == found["6-kilometre"].unit == "km"


def test_a_signed_measure_is_a_level_but_a_signed_percentage_is_a_move(nlp):
    found = by_surface(nlp, "In Europe the CAC -1.2% while the drive netted -7 yards.")
    assert found["-1.2%"].direction == "down"
    assert found["-7 yards"].value == -7 and found["-7 yards"].direction is None


def test_an_approximate_four_digit_start_is_a_range_not_a_year(nlp):
    found = by_surface(nlp, "Adults burn about 1900 - 2400 calories, and in 2019 to 4.1 million people voted.")
    calories = found["about 1900 - 2400 calories"]  # the surface keeps the approximator
    assert (calories.value, calories.value_high, calories.qualifier) == (1900, 2400, "range")
    assert found["4.1 million people"].value == pytest.approx(4.1e6) and not any(s.startswith("2019") for s in found)


def test_a_capitalised_number_word_inside_a_name_is_not_a_figure(nlp):
    found = by_surface(nlp, "They reached the Final Four stage and the Elite Eight teams, and Ukraine said Two "
                            "soldiers died.")
    assert "Two soldiers" in found and not any("Four" in s or "Eight" in s for s in found)


def test_model_numbers_before_a_name_are_not_figures_but_counts_of_fans_are(nlp):
    found = by_surface(nlp, "The airline parked its 747 Jumbo after a storm, grounded three old 319 Neo jets and "
                            "flew 87 Chelsea supporters home.")
    assert not any(s.startswith(("747", "319")) for s in found)
    assert found["87 Chelsea supporters"].value == 87 and "three" in found


def test_a_hyphenated_score_with_the_winner_first_is_not_a_range(nlp):
    found = by_surface(nlp, "Leeds beat Fulham 3-1 thanks to a late goal after a 5-2 lead in May, and fares of "
                            "10-15 euros applied.")
    assert not any(s.startswith(("3-1", "5-2", "1 ", "2 ")) for s in found)
    assert (found["10-15 euros"].value, found["10-15 euros"].value_high) == (10, 15)


def test_abbreviated_thousands_stand_alone(nlp):
    found = by_surface(nlp, "The coupe will cost about 45k, the saloon nearer 62k.")
    assert found["about 45k"].value == 45_000 and found["about 45k"].qualifier == "approximate"
    assert found["62k"].value == 62_000


def test_slash_fractions_of_a_measure_noun_and_singular_metric_units(nlp):
    found = by_surface(nlp, "Stir in 3/4 cup of sugar; the film is only 0.5 millimeter thick and weighs 1 gram.")
    assert found["3/4 cup"].value == pytest.approx(0.75)
    assert found["0.5 millimeter"].unit == "mm" and found["1 gram"].unit == "g"


@pytest.mark.parametrize("text, value", [("2.998×10−8", 2.998e-8), ("6.7x10^5", 6.7e5), ("1.5×10-3", 1.5e-3)])
def test_scientific_notation_in_one_token_is_read(text, value):
    from orchestration.extract.numbers import digit_value
    assert digit_value(text) == pytest.approx(value)


def test_a_year_before_a_singular_noun_a_bracketed_glued_unit_and_engine_cylinders(nlp):
    found = by_surface(nlp, "Critics blamed the 2017 tax cuts. The 1800 police officers left, the 12m (39ft)-long "
                            "yacht has a three-cylinder engine and 1500 euro fees.")
    assert not any(s.startswith("2017") for s in found) and found["1800 police officers"].value == 1800
    assert (found["39ft)-long"].value, found["39ft)-long"].unit) == (39, "ft")
    assert found["three-cylinder"].value == 3 and found["1500 euro"].counts == "euros"


def test_an_age_glued_to_now_or_then(nlp):
    found = by_surface(nlp, "She lived with her now-18 month-old son and the then-21 year-old striker.")
    assert found["then-21 year-old"].value == 21 and found["then-21 year-old"].unit == "years"
    assert any(f.value == 18 and f.unit == "months" for f in found.values())


def test_an_age_limit_is_a_qualifier(nlp):
    found = by_surface(nlp, "Pupils under the age of 11 stayed home while adults over the age of 70 queued.")
    assert found["under the age of 11"].qualifier == "less_than"
    assert found["over the age of 70"].qualifier == "more_than"
