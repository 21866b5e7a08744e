"""Toponyms are recognised, resolved to the right gazetteer entry, and nothing else becomes a place."""
from __future__ import annotations

import pytest

from orchestration.extract.gazetteer import Gazetteer, normalize
from orchestration.extract.places import extract_places, is_metonymic_government
from orchestration.extract.records import PLACE_TYPES, Span


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def places(nlp, gazetteer, text, exclude=()):
    doc = nlp(text)
    found = list(extract_places(doc, gazetteer, exclude))
    for mention in found:
        assert text[mention.char_start:mention.char_end] == mention.surface
    return found


# (sentence, every place expected: surface, place_name, country code, place_type)
@pytest.mark.parametrize("text, expected", [
    ("Two drones were shot down over the Belgorod region, the governor said.",
     [("Belgorod region", "Belgorod Oblast", "RU", "region")]),
    ("Shelling damaged homes in Kharkiv oblast and in the city of Kupiansk.",
     [("Kharkiv oblast", "Kharkiv Oblast", "UA", "region"), ("Kupiansk", "Kupyansk", "UA", "city")]),
    ("The Lugansk region and the Zaporozhye province were both shelled.",
     [("Lugansk region", "Luhansk Oblast", "UA", "region"),
      ("Zaporozhye province", "Zaporizhzhia Oblast", "UA", "region")]),
    ("Ukrainian forces crossed into the Kursk and Belgorod regions.",
     [("Kursk", "Kursk Oblast", "RU", "region"), ("Belgorod regions", "Belgorod Oblast", "RU", "region")]),
    ("Fighting continued around Avdiivka and Toropets, in Russia's Tver province.",
     [("Avdiivka", "Avdiyivka", "UA", "city"), ("Toropets", "Toropets", "RU", "town"),
      ("Russia", "Russia", "RU", "country"), ("Tver province", "Tver Oblast", "RU", "region")]),
    ("Ukrainian troops advanced near Kursk and Sudzha on Tuesday.",
     [("Kursk", "Kursk", "RU", "city"), ("Sudzha", "Sudzha", "RU", "town")]),
    ("The village of Staromaiorske was retaken by Ukrainian marines.",
     [("Staromaiorske", "Staromaiorske", "UA", "village")]),
    ("Refugees arrived in Warsaw, Poland, and in Berlin.",
     [("Warsaw", "Warsaw", "PL", "city"), ("Poland", "Poland", "PL", "country"),
      ("Berlin", "Berlin", "DE", "city")]),
    ("Fighting raged near Bakhmut, which Russian officials call Artemovsk.",
     [("Bakhmut", "Bakhmut", "UA", "city"), ("Artemovsk", "Bakhmut", "UA", "city")]),
    ("Storms hit Melbourne, Victoria, and Sydney in Australia.",
     [("Melbourne", "Melbourne", "AU", "city"), ("Victoria", "Victoria", "AU", "region"),
      ("Sydney", "Sydney", "AU", "city"), ("Australia", "Australia", "AU", "country")]),
    ("She moved from the U.S. to Britain and settled in Leeds.",
     [("U.S.", "United States", "US", "country"), ("Britain", "United Kingdom", "GB", "country"),
      ("Leeds", "Leeds", "GB", "city")]),
    ("Ships were seen in the Black Sea and the Sea of Azov.",
     [("Black Sea", "Black Sea", None, "other"), ("Sea of Azov", "Sea of Azov", None, "other")]),
    ("Officials in the Donetsk People's Republic announced a curfew.",
     [("Donetsk People's Republic", "Donetsk Oblast", "UA", "region")]),
    ("US Secretary of State Antony Blinken arrived in Kyiv.",  # a title, not Secretary, Maryland
     [("US", "United States", "US", "country"), ("Kyiv", "Kyiv", "UA", "city")]),
    ("CONTINUE READING\nBritish officials met in Geneva.",  # page furniture in capitals, not Reading
     [("Geneva", "Geneva", "CH", "city")]),
    ("The governor visited Springfield, Ill., on Friday.",
     [("Springfield", "Springfield", "US", "city"), ("Ill.", "Illinois", "US", "region")]),
])
def test_places_are_recognised_and_resolved(nlp, gazetteer, text, expected):
    found = [(m.surface, m.place_name, m.country_code, m.place_type) for m in places(nlp, gazetteer, text)]
    assert found == expected


@pytest.mark.parametrize("text", [
    "Biden spoke with Macron by phone in March.",  # 'Biden' and 'March' are tiny towns somewhere
    "Mark Stop said the report would be published later.",
    "Russian and Ukrainian officials agreed on a prisoner exchange.",  # nationality words are not places
    "Ukrainians and Russians both claimed the victory.",
    "We will hope for the best, Nelson told reporters.",
    "The NATO summit ended without a statement.",
    "Dewly Nelson was elected. Nelson said he would cut heating costs.",  # a surname, seen in full before
])
def test_words_that_only_look_like_places_are_not_places(nlp, gazetteer, text):
    assert places(nlp, gazetteer, text) == []


def test_excluded_spans_are_not_places(nlp, gazetteer):
    text = "Kyiv said the attack on Kharkiv killed three people."
    kyiv = Span(0, 4)
    assert [m.surface for m in places(nlp, gazetteer, text)] == ["Kyiv", "Kharkiv"]
    assert [m.surface for m in places(nlp, gazetteer, text, exclude=[kyiv])] == ["Kharkiv"]


@pytest.mark.parametrize("text, surface, expected", [
    ("Kyiv said the strikes would continue.", "Kyiv", True),
    ("Moscow claims the drones were shot down.", "Moscow", True),
    ("Washington warned of new sanctions.", "Washington", True),
    ("Russia has denied the report.", "Russia", True),
    ("Drones struck Kyiv overnight.", "Kyiv", False),
    ("Residents of Moscow said they heard blasts.", "Moscow", False),
    ("Sudzha said nothing.", "Sudzha", False),  # a town, neither a capital nor a country
])
def test_metonymic_government(nlp, text, surface, expected):
    doc = nlp(text)
    start = text.index(surface)
    span = doc.char_span(start, start + len(surface))
    assert is_metonymic_government(span) is expected


def test_one_sense_per_article_for_a_region_and_its_city(nlp, gazetteer):
    text = ("Donetsk was shelled again overnight. Later, officials in the Donetsk region "
            "reported two casualties.")
    found = places(nlp, gazetteer, text)
    assert [(m.surface, m.place_name) for m in found] == [("Donetsk", "Donetsk Oblast"),
                                                          ("Donetsk region", "Donetsk Oblast")]
    alone = places(nlp, gazetteer, "Donetsk was shelled again overnight, Ukrainian officials said.")
    assert [(m.place_name, m.place_type) for m in alone] == [("Donetsk", "city")]


def test_context_picks_the_namesake_in_the_articles_country(nlp, gazetteer):
    in_us = places(nlp, gazetteer, "Residents of Orange County, California, fled to Santa Ana.")
    assert [(m.surface, m.country_code) for m in in_us][-1] == ("Santa Ana", "US")
    in_ukraine = places(nlp, gazetteer, "Ukrainian forces said they pushed back an attack near Pokrovsk.")
    assert [(m.place_name, m.country_code) for m in in_ukraine] == [("Pokrovsk", "UA")]


def test_misspelt_village_is_matched_within_the_articles_country(nlp, gazetteer):
    found = places(nlp, gazetteer, "Ukraine said Russian forces shelled Kubyansk in the Kharkiv region.")
    assert ("Kubyansk", "Kupyansk") in [(m.surface, m.place_name) for m in found]


def test_facility_is_placed_at_the_place_named_near_it(nlp, gazetteer):
    found = places(nlp, gazetteer, "A fire broke out at the Carnegie Library in New Orleans on Monday.")
    library = found[0]
    assert (library.surface, library.place_type, library.geonames_id) == ("Carnegie Library", "facility", None)
    assert (library.latitude, library.longitude, library.precision) == (found[1].latitude, found[1].longitude, "city")


def test_mentions_carry_valid_types_precisions_and_coordinates(nlp, gazetteer):
    found = places(nlp, gazetteer, "Missiles hit Kharkiv, the Sumy region and a depot near Toropets, Russia.")
    assert found, "expected places"
    for m in found:
        assert m.place_type in PLACE_TYPES
        assert m.precision in ("country", "region", "city", "point")
        assert -90 <= m.latitude <= 90 and -180 <= m.longitude <= 180
        assert 0 < m.score <= 1


@pytest.mark.parametrize("name, key", [
    ("U.S.", "us"), ("St. Petersburg", "saint petersburg"), ("Zaporizhzhia", "zaporizhzhia"),
    ("Kyiv’s", "kyivs"), ("Nikolayevo-Daryino", "nikolayevo daryino"), ("Dnipropetrovs’k", "dnipropetrovsk"),
])
def test_normalize(name, key):
    assert normalize(name) == key


def test_gazetteer_rows_are_unique_and_complete(gazetteer):
    rows = list(gazetteer.rows())
    assert len({r["place_key"] for r in rows}) == len(rows) > 200_000
    assert set(rows[0]) == {"place_key", "place_name", "place_type", "country_code", "latitude", "longitude",
                            "geonames_id", "population", "admin1_code"}
    regions = {r["place_name"] for r in rows if r["country_code"] in ("UA", "RU") and r["place_type"] == "region"}
    assert {"Kharkiv Oblast", "Kursk Oblast", "Crimea", "Zaporizhzhia Oblast", "Luhansk Oblast"} <= regions
    assert len(regions) >= 27 + 80


def test_compact_entry_table_gives_back_every_field():
    from orchestration.extract.gazetteer import GazetteerEntry, _EntryTable

    entries = [GazetteerEntry("gn:703448", "Kyiv", "city", "UA", 50.45466, 30.5238, 703448, 2797553, "UA.12", "capital"),
               GazetteerEntry("region:donbas", "Donbas", "other", "UA", 48.0, 38.0, None, 0, None, "macro"),
               GazetteerEntry("gn:6255148", "Europe", "other", None, None, None, 6255148, 741000000, None, "continent"),
               GazetteerEntry("gn:1", "Łódź", "village", "PL", -0.0, 19.5, 1, 3_812_366_000, "PL.74", "city")]
    table = _EntryTable(*_EntryTable.of(entries).parts())
    assert len(table) == 4
    assert list(table) == [table[i] for i in range(4)] == entries
    assert table[-1] == entries[-1] and table[1:3] == entries[1:3]
    assert table[2].latitude is None and table[1].geonames_id is None and table[1].place_key == "region:donbas"
    with pytest.raises(IndexError):
        table[4]


def test_compact_name_index_finds_every_name_and_nothing_else():
    from orchestration.extract.gazetteer import GazetteerEntry, _NameIndex

    entries = [GazetteerEntry(f"gn:{i}", f"Place {i}", "town", "UA" if i % 2 else "RU", 50.0, 30.0, i, 5_000,
                              None, "city") for i in range(40)]
    # Many more names than the smallest table has slots, so lookups must probe past collisions.
    names = {f"name {i}": i for i in range(40)} | {"kharkiv": (3, 5, 7), "kursk": (2, 4)}
    index = _NameIndex(*_NameIndex.of(names, entries).parts())
    for key, found in names.items():
        position = index.position(key)
        assert index.key(position) == key
        assert index.indices(position) == ((found,) if isinstance(found, int) else found)
    assert index.position("name 40") == index.position("kharki") == index.position("") == -1
    names_in_ukraine, entries_in_ukraine = index.group("UA", "k")
    assert (names_in_ukraine, entries_in_ukraine) == (["kharkiv", "kharkiv", "kharkiv"], [3, 5, 7])
    assert index.group("RU", "k") == (["kursk", "kursk"], [2, 4]) and index.group("PL", "k") == ([], [])


def test_gazetteer_lookups(gazetteer):
    springfields = gazetteer.lookup("Springfield")
    assert len({e.place_key for e in springfields}) == len(springfields) > 3  # a name with several places
    assert {e.admin1_code for e in springfields if e.country_code == "US"} >= {"US.IL", "US.MA", "US.MO"}
    assert all(isinstance(e.latitude, float) and isinstance(e.population, int) for e in springfields)
    assert gazetteer.lookup_key("no such place anywhere") == [] and not gazetteer.has_key("no such place anywhere")
    assert gazetteer.has_key("kyiv") and gazetteer.country("UA").place_name == "Ukraine"
    assert [e.place_name for e in gazetteer.regions_with_base("Kharkiv")] == ["Kharkiv Oblast"]
    assert gazetteer.admin1(gazetteer.lookup("Kharkiv")[0].admin1_code).place_name == "Kharkiv Oblast"


# --- country points, containers, facilities, cues and namesakes ---------------------------------

def _km(lat1, lon1, lat2, lon2):
    import math
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def test_country_point_stays_near_the_geonames_point_and_the_area_centroid(gazetteer):
    # GeoNames' point of Russia is 60,100; the DSPL area centroid 61.52,105.32 (330 km away).
    russia = gazetteer.country("RU")
    assert _km(russia.latitude, russia.longitude, 60.0, 100.0) <= 161
    assert _km(russia.latitude, russia.longitude, 61.52401, 105.318756) <= 250
    # Where the two conventions are close, GeoNames' point is kept as it is.
    france = gazetteer.country("FR")
    assert (france.latitude, france.longitude) == (46.0, 2.0)


def test_apposed_container_is_the_region_holding_the_place_before_it(nlp, gazetteer):
    found = places(nlp, gazetteer, "She grew up in Tacoma, Washington, and moved to Denver in 2010.")
    washington = next(m for m in found if m.surface == "Washington")
    assert (washington.place_type, washington.country_code) == ("region", "US")


def test_abbreviated_state_is_a_container(nlp, gazetteer):
    found = places(nlp, gazetteer, "The new homes are at 12 Oak Lane, Gainesville, Va., close to the highway.")
    gainesville = next(m for m in found if m.surface == "Gainesville")
    assert gainesville.latitude > 37.5  # Gainesville, Virginia, not Gainesville, Florida (29.7)


def test_a_city_in_a_list_is_no_container(nlp, gazetteer):
    found = places(nlp, gazetteer, "After Paris, London is the second destination the train serves from Amsterdam.")
    assert ("Paris", "FR") in [(m.surface, m.country_code) for m in found]


def test_facility_name_after_the_is_the_facility_in_every_mention(nlp, gazetteer):
    found = places(nlp, gazetteer,
                   "The president spoke at the White House on Monday. White House officials declined to comment.")
    assert [(m.surface, m.place_type) for m in found] == [("White House", "facility"), ("White House", "facility")]


def test_weekday_is_not_part_of_a_name(nlp, gazetteer):
    found = places(nlp, gazetteer, "Ferries crossed the Irish Sea on Monday.")
    assert [(m.surface, m.country_code) for m in found] == [("Irish Sea", "IE")]


def test_names_after_a_plural_settlement_cue_are_each_places(nlp, gazetteer):
    found = places(nlp, gazetteer,
                   "Troops held positions near the villages of Ivanivka-Zarichna and Zorianka in the Donetsk region.")
    surfaces = [m.surface for m in found]
    assert "Ivanivka-Zarichna" in surfaces and "Zorianka" in surfaces  # a hyphenated name stays whole
    assert "Ivanivka" not in surfaces


def test_unknown_name_after_a_village_cue_is_a_place(nlp, gazetteer):
    found = places(nlp, gazetteer, "Police said the village of Zarvynske in the Kharkiv region was shelled overnight.")
    village = next(m for m in found if m.surface == "Zarvynske")
    assert village.country_code == "UA"


def test_list_member_takes_the_preposition_before_the_list(nlp, gazetteer):
    found = places(nlp, gazetteer, "Heavy fighting went on in the Zarvynske and Balakliia areas, the general staff said.")
    assert "Balakliia" in [m.surface for m in found]


def test_a_name_accepted_once_is_a_place_in_every_mention(nlp, gazetteer):
    found = places(nlp, gazetteer, "Balakliia (east) was quiet on Monday. Later, shelling hit homes near Balakliia.")
    assert [m.surface for m in found] == ["Balakliia", "Balakliia"]


def test_small_namesake_far_from_the_articles_places_is_not_chosen(nlp, gazetteer):
    found = places(nlp, gazetteer,
                   "Residents of New Orleans, Baton Rouge and Lafayette gathered at Washington Square on Sunday.")
    square = next(m for m in found if m.surface == "Washington Square")
    assert square.latitude is None or square.latitude < 33  # not the Philadelphia neighbourhood (39.9)


def test_nationality_word_before_territory_names_the_country(nlp, gazetteer):
    found = places(nlp, gazetteer, "Shelling hit Ukrainian territory near the border, and drones flew over Russian soil.")
    assert [(m.surface, m.place_name) for m in found] == [("Ukrainian territory", "Ukraine"), ("Russian soil", "Russia")]


# --- the sense of a bare name shared by a region and its city, and facilities in common words ----

def test_a_list_of_cities_makes_a_bare_region_name_the_city(nlp, gazetteer):
    found = places(nlp, gazetteer, "Fighting raged across the Donetsk region. Missiles later hit "
                                   "Donetsk, Mariupol and Makiivka, the mayor said.")
    assert [(m.surface, m.place_type) for m in found] == [
        ("Donetsk region", "region"), ("Donetsk", "city"), ("Mariupol", "city"), ("Makiivka", "city")]


def test_near_a_bare_region_name_is_its_city(nlp, gazetteer):
    found = places(nlp, gazetteer, "Officials in the Sumy region said a drone fell near Sumy on Friday.")
    assert [(m.surface, m.place_name) for m in found] == [("Sumy region", "Sumy Oblast"), ("Sumy", "Sumy")]


@pytest.mark.parametrize("text, surface", [
    ("Air raid sirens sounded across Bryansk overnight.", "Bryansk"),
    ("The Bryansk governor said two drones were downed.", "Bryansk"),
    ("Lipetsk, a central Russian region, reported a drone attack.", "Lipetsk"),
    ("Drones hit Orel, Tula and another border region, Bryansk.", "Orel"),
])
def test_words_around_a_bare_name_make_it_the_region(nlp, gazetteer, text, surface):
    mention = next(m for m in places(nlp, gazetteer, text) if m.surface == surface)
    assert mention.place_type == "region"


def test_a_bare_name_without_region_words_stays_the_city(nlp, gazetteer):
    found = places(nlp, gazetteer, "Drones hit Orel and Tula overnight, the ministry said.")
    assert [(m.surface, m.place_type) for m in found] == [("Orel", "city"), ("Tula", "city")]


def test_region_named_before_a_comma_lends_nothing_to_the_next_clause(nlp, gazetteer):
    found = places(nlp, gazetteer, "After the raid on the Bryansk region, Minsk has tried to stay neutral.")
    assert ("Minsk", "city") in [(m.surface, m.place_type) for m in found]


@pytest.mark.parametrize("text, surface, name", [
    ("Ukrainian forces held the line in the Lyman and Kupyanks directions of the Kharkiv region.",
     "Kupyanks", "Kupyansk"),
    ("Russian units pressed on in the Vovchanks direction, the Kharkiv region governor said.",
     "Vovchanks", "Vovchansk"),
])
def test_unknown_names_before_sector_words_are_places(nlp, gazetteer, text, surface, name):
    found = places(nlp, gazetteer, text)
    assert (surface, name, "UA") in [(m.surface, m.place_name, m.country_code) for m in found]


def test_sector_word_after_a_sentence_initial_capital_makes_no_place(nlp, gazetteer):
    assert places(nlp, gazetteer, "Banking sector shares fell. Private sector wages rose.") == []


def test_place_name_before_a_facility_phrase_names_the_facility(nlp, gazetteer):
    found = places(nlp, gazetteer, "Inspectors visited the Zaporizhzhia nuclear power plant on Tuesday.")
    plant = found[0]
    assert (plant.surface, plant.place_type) == ("Zaporizhzhia nuclear power plant", "facility")
    assert abs(plant.latitude - 47.8) < 0.5  # placed by the city in its name


def test_described_and_apposed_facilities(nlp, gazetteer):
    found = places(nlp, gazetteer, "Drones struck a Russian ammunition depot near Bryansk. Shells later hit "
                                   "the border checkpoint Troebortnoe, the governor said.")
    assert [(m.surface, m.place_type) for m in found] == [
        ("Russian ammunition depot", "facility"), ("Bryansk", "city"), ("Troebortnoe", "facility")]
    depot, bryansk = found[0], found[1]
    assert (depot.latitude, depot.longitude) == (bryansk.latitude, bryansk.longitude)
    assert not places(nlp, gazetteer, "Russian officials visited the depot on Monday.")
    # the facility noun is no head here: an office, workers
    assert not places(nlp, gazetteer, "He queued at the Russian post office with Ukrainian base workers.")


def test_facility_between_two_places_is_placed_midway(nlp, gazetteer):
    found = places(nlp, gazetteer, "Trucks queued at a Ukrainian border crossing between the Chernihiv region "
                                   "and Russia's Bryansk region.")
    crossing, chernihiv, bryansk = (next(m for m in found if m.surface.startswith(s))
                                    for s in ("Ukrainian border", "Chernihiv", "Bryansk"))
    assert crossing.latitude == pytest.approx((chernihiv.latitude + bryansk.latitude) / 2, abs=1e-4)
    assert crossing.longitude == pytest.approx((chernihiv.longitude + bryansk.longitude) / 2, abs=1e-4)


def test_facility_in_a_heading_is_placed_by_the_text_below_it(nlp, gazetteer):
    below = "\nOvernight, drones struck a warehouse in the Tver region, near Toropets, officials said."
    heading = places(nlp, gazetteer,
                     "Fighting went on in the Bryansk region.\nRussian ammunition depot 'on fire'" + below)
    depot = next(m for m in heading if m.place_type == "facility")
    assert (depot.surface, depot.latitude) == ("Russian ammunition depot", pytest.approx(56.5, abs=0.1))  # Toropets
    sentence = places(nlp, gazetteer, "Fighting went on in the Bryansk region.\nA Russian ammunition depot burned, "
                                      "officials say." + below)
    depot = next(m for m in sentence if m.place_type == "facility")
    assert depot.latitude == pytest.approx(52.9, abs=0.1)  # a sentence's facility: by the nearest place
