"""Actors on sentences written for these tests."""
from __future__ import annotations

from orchestration.extract.actors import extract_actors
from orchestration.extract.names import person_key


def actors(nlp, text):
    return {(a.surface, a.canonical_name, a.actor_type, a.side, a.mention_kind) for a in extract_actors(nlp(text))}


def test_transliterations_share_a_person_key():
    assert person_key("Volodymyr Zelenskyy") == person_key("Volodymyr Zelensky") == person_key("Volodimir Zelenskiy")
    assert person_key("President Vladimir Putin") == person_key("Vladimir Putin")
    assert person_key("Sergei Shoigu") != person_key("Sergei Lavrov")


def test_surname_title_and_pronoun_resolve_to_the_full_name(nlp):
    text = ("Ukrainian Defence Minister Rustem Umerov visited the front on Friday. "
            "Umerov said supplies had improved. The minister added that more was needed, and he said talks would continue.")
    found = [a for a in extract_actors(nlp(text)) if a.actor_type == "person"]
    assert {a.canonical_name for a in found} == {"Rustem Umerov"}
    assert {a.mention_kind for a in found} >= {"name", "pronoun"}
    assert all(a.side == "ukraine" for a in found)


def test_institutions_are_canonical_with_side_from_evidence(nlp):
    found = actors(nlp, "Russia's Defence Ministry and the Russian Defense Ministry both said the Ukrainian troops retreated.")
    names = {(f[1], f[3]) for f in found}
    assert ("Ministry of Defence of Russia", "russia") in names
    assert ("Armed Forces of Ukraine", "ukraine") in names


def test_capital_acting_as_government_is_a_metonym(nlp):
    found = actors(nlp, "Kyiv said the bridge was hit, while Moscow denied any strike.")
    assert ("Kyiv", "Government of Ukraine", "government", "ukraine", "metonym") in found
    assert ("Moscow", "Government of Russia", "government", "russia", "metonym") in found


def test_capital_as_a_location_is_not_an_actor(nlp):
    assert not any(a.mention_kind == "metonym" for a in extract_actors(nlp("Sirens sounded in Kyiv overnight.")))


def test_anonymous_sources_and_media(nlp):
    found = actors(nlp, "A senior Western official told Reuters that the convoy had stalled.")
    kinds = {(f[2], f[4]) for f in found}
    assert ("person", "anonymous") in kinds
    assert ("Reuters", "Reuters", "media", "international", "name") in found


def test_offsets_point_at_the_surface(nlp):
    text = "The Kremlin said on Monday that Dmitry Peskov would brief reporters."
    for actor in extract_actors(nlp(text)):
        assert text[actor.char_start:actor.char_end] == actor.surface


def test_unqualified_institution_takes_the_dominant_nation(nlp):
    text = ("The Russian Defense Ministry said it repelled attacks. The Russian Health Ministry said three "
            "people were hurt. The Foreign Ministry said talks were over.")
    names = {a.surface: a.canonical_name for a in extract_actors(nlp(text))}
    assert names["Foreign Ministry"] == "Ministry of Foreign Affairs of Russia"


def test_unqualified_institution_stays_unqualified_without_a_dominant_nation(nlp):
    text = "The Russian Defense Ministry and the Ukrainian Defence Ministry spoke. The Foreign Ministry was silent."
    names = {a.surface: a.canonical_name for a in extract_actors(nlp(text))}
    assert names.get("Foreign Ministry") == "Ministry of Foreign Affairs"


def test_offsets_survive_line_breaks_and_runs_of_spaces(nlp):
    text = ("Shelling in the east\n\nOleksiy Dmytrashkivsky, the spokesman for the Ukrainian command,  told AFP "
            "that Russian troops had retreated.\nHe said  the Russian Defence Ministry had not commented.")
    found = extract_actors(nlp(text))
    for actor in found:
        assert text[actor.char_start:actor.char_end] == actor.surface
    by_surface = {a.surface: a for a in found}
    assert by_surface["He"].canonical_name == "Oleksiy Dmytrashkivsky" and by_surface["He"].mention_kind == "pronoun"
    assert by_surface["Russian troops"].canonical_name == "Armed Forces of Russia"


def test_determiner_does_not_split_a_national_group_from_its_institution(nlp):
    found = actors(nlp, "The Russian military announced on Tuesday that it had shot down twelve drones.")
    assert ("Russian military", "Armed Forces of Russia", "military", "russia", "description") in found
    assert not any(f[2] == "other" for f in found)


def test_person_inside_an_organisation_span_is_split_out(nlp):
    text = "Belarusian Interior Ministry Deputy Spokesman Anatol Krutsko told a briefing that the border was calm."
    found = extract_actors(nlp(text))
    people = [a for a in found if a.actor_type == "person"]
    assert any(a.canonical_name == "Anatol Krutsko" for a in people), found
    assert not any("Krutsko" in a.canonical_name for a in found if a.actor_type != "person")


def test_place_names_tagged_as_people_are_dropped(nlp):
    text = ("He said troops had regained ground in the Mykolaiv region (south) this week. "
            "In Zelensky's words, the front held.")
    names = {a.canonical_name for a in extract_actors(nlp(text)) if a.actor_type == "person"}
    assert "Mykolaiv" not in names and "Zelensky" in names


def test_unqualified_institution_takes_the_nation_given_to_it_earlier(nlp):
    text = ("Ukraine's National Guard said it repelled an assault. Separately the Russian Defence Ministry "
            "and the Russian Health Ministry spoke. Later the National Guard said two soldiers were hurt.")
    names = {a.canonical_name for a in extract_actors(nlp(text)) if "Guard" in a.surface}
    assert names == {"National Guard of Ukraine"}


def test_title_after_a_national_group_is_a_person_not_the_group(nlp):
    found = extract_actors(nlp("Moscow's military governor in Kherson said the ferry would resume."))
    assert not any(a.canonical_name == "Armed Forces of Russia" for a in found)
    speaker = [a for a in found if a.actor_type == "person"]
    assert speaker and speaker[0].surface.startswith("Moscow's military governor") and speaker[0].is_anonymous
    assert speaker[0].side == "russia"


def test_unnamed_office_holder_who_speaks_is_an_article_scoped_actor(nlp):
    found = extract_actors(nlp("Two people were hurt overnight, according to the governor of the Odesa region."))
    speaker = [a for a in found if a.actor_type == "person"]
    assert [a.surface for a in speaker] == ["the governor of the Odesa region"]
    assert speaker[0].is_anonymous and speaker[0].canonical_name == "governor of the Odesa region"


def test_anonymous_source_keeps_its_affiliation_and_later_references(nlp):
    text = ("A source in the Polish foreign ministry told Reuters that the talks had stalled. "
            "The source said a new round was unlikely. An unnamed diplomat later played down the remarks.")
    found = extract_actors(nlp(text))
    anonymous = [a for a in found if a.is_anonymous]
    first = anonymous[0]
    assert first.surface == "A source in the Polish foreign ministry" and first.side == "other"
    assert any(a.surface == "The source" and a.canonical_name == first.canonical_name for a in anonymous)
    assert any(a.surface == "An unnamed diplomat" for a in anonymous)


def test_numbered_military_units(nlp):
    found = actors(nlp, "Ukraine's 93rd mechanized brigade said it had pushed back an assault, and the 3rd Assault Brigade agreed.")
    names = {(f[1], f[2]) for f in found}
    assert ("93rd Mechanized Brigade", "military") in names
    assert ("3rd Assault Brigade", "military") in names


def test_coordinated_region_names_are_not_people(nlp):
    text = ("Fighting continued in the Sumy and Chernihiv regions, Ukraine's army said. Missiles struck "
            "Ukrainian towns, including Pavlohrad, Kramatorsk and Izium.")
    assert not {a.canonical_name for a in extract_actors(nlp(text)) if a.actor_type == "person"} \
        & {"Sumy", "Chernihiv", "Pavlohrad", "Kramatorsk", "Izium"}


def test_unnamed_speaker_named_a_few_sentences_later_is_that_person(nlp):
    text = ("A police spokeswoman told AFP on Monday that two suspects were held. The raid took place at dawn. "
            "\u201cThey did not resist,\u201d the police spokeswoman Olena Petrenko told AFP.")
    found = [a for a in extract_actors(nlp(text)) if a.actor_type == "person"]
    first = found[0]
    assert first.surface == "A police spokeswoman" and first.canonical_name == "Olena Petrenko"


def test_possessive_title_resolves_to_the_named_holder_of_the_same_nation(nlp):
    text = ("Ukrainian President Volodymyr Zelenskiy met troops on Monday. "
            "Ukraine's president said the front was holding, but the Russian president said otherwise.")
    found = {a.surface: a for a in extract_actors(nlp(text))}
    assert found["Ukraine's president"].canonical_name == "Volodymyr Zelenskiy"
    assert found["the Russian president"].canonical_name != "Volodymyr Zelenskiy"


def test_authorities_acting_with_any_verb_are_actors(nlp):
    found = actors(nlp, "The occupation authorities in the Zaporizhzhia region moved the archives to Crimea on Friday.")
    assert ("occupation authorities", "occupation authorities", "government", "unknown", "description") in found


def test_national_command_is_a_military_institution(nlp):
    found = actors(nlp, "The Ukrainian southern command reported that two boats were destroyed.")
    assert any(f[1] == "Command of Ukraine" and f[2] == "military" and f[3] == "ukraine" for f in found), found


def test_the_administration_refers_back_to_the_regional_one(nlp):
    text = ("The Kharkiv regional administration opened two shelters on Sunday. "
            "Volunteers bring water and the administration gives blankets, officials said. His administration held talks.")
    found = extract_actors(nlp(text))
    later = [a for a in found if a.surface == "administration"]
    assert later and later[0].canonical_name == "Authorities of Kharkiv"
    assert not any(a.surface == "His administration" or a.surface == "administration" and a.char_start > 100
                   and a.canonical_name == "administration" for a in found)


def test_title_before_an_appositive_name_is_that_person(nlp):
    text = "\u201cWe held the line,\u201d the spokesman for the eastern command, Nazar Voloshyn, told Reuters."
    found = [a for a in extract_actors(nlp(text)) if a.actor_type == "person"]
    titled = [a for a in found if a.mention_kind == "title"]
    assert titled and titled[0].surface == "the spokesman for the eastern command"
    assert titled[0].canonical_name == "Nazar Voloshyn"


def test_title_in_a_sentence_about_another_region_is_not_the_named_governor(nlp):
    text = ("The governor of the Kursk region, Pavel Ivanov, ordered an evacuation. "
            "In the Bryansk region, two people were injured, according to the governor. "
            "In the Kursk region, one person was hurt, the governor said.")
    governors = [a for a in extract_actors(nlp(text)) if a.surface == "the governor"]
    assert [a.canonical_name for a in governors] == ["governor", "Pavel Ivanov"]
    assert governors[0].is_anonymous


def test_office_titles_carry_an_office_key_shared_with_the_named_holder(nlp):
    named = extract_actors(nlp("\u201cThe night was calm,\u201d Poltava Governor Mykola Hrytsenko said on Monday."))
    holder = [a for a in named if a.mention_kind == "title"]
    assert holder and holder[0].surface == "Poltava Governor" and holder[0].canonical_name == "Mykola Hrytsenko"
    unnamed = extract_actors(nlp("A drone hit a depot, according to the Ukrainian governor of the Poltava region. "
                                 "In the Poltava region, two people were hurt, according to the governor."))
    keys = [a.name_key for a in unnamed if a.actor_type == "person"]
    assert keys == [holder[0].name_key, holder[0].name_key] and keys[0].startswith("office governor")
    assert all(a.is_anonymous for a in unnamed if a.actor_type == "person")
    other = extract_actors(nlp("A drone hit a depot, according to the governor of the Sumy region."))
    assert [a.name_key for a in other if a.actor_type == "person"] != [holder[0].name_key]


def test_bare_surname_the_model_misses_is_the_person_named_earlier(nlp):
    text = ("Police Commissioner Daniel O'Rourke visited the site on Sunday. "
            "O'Rourke said the device had not been identified. Later, O'Rourke told reporters the street would reopen.")
    found = [a for a in extract_actors(nlp(text)) if "Rourke" in a.surface]
    assert [a.surface for a in found] == ["Daniel O'Rourke", "O'Rourke", "O'Rourke"]
    assert {(a.canonical_name, a.actor_type) for a in found} == {("Daniel O'Rourke", "person")}


def test_surname_of_a_relative_is_not_the_person_named_earlier(nlp):
    text = "Senator Harold Whitcombe spoke first. Margaret Whitcombe said her father would run again."
    names = {a.surface: a.canonical_name for a in extract_actors(nlp(text)) if a.actor_type == "person"}
    assert names.get("Margaret Whitcombe", "Margaret Whitcombe") == "Margaret Whitcombe"
    assert "Whitcombe" not in names


def test_proper_noun_groups_and_untagged_names_that_speak_are_actors(nlp):
    text = ("Republicans said the hearing was a waste of time. One Democrat warned that funding would lapse. "
            "Politifact ruled that the photo was doctored.")
    found = {a.surface: a for a in extract_actors(nlp(text))}
    assert found["Republicans"].actor_type == "other" and found["Republicans"].is_anonymous
    assert found["Republicans"].side == "unknown"
    assert found["One Democrat"].actor_type == "person" and found["One Democrat"].is_anonymous
    assert "Politifact" in found and not found["Politifact"].is_anonymous


def test_common_noun_after_according_to_is_a_source(nlp):
    text = ("According to the union, the plant will shed 400 jobs. According to his speech, the plan is final. "
            "According to the data, prices rose.")
    found = {a.surface: a for a in extract_actors(nlp(text))}
    assert found["union"].actor_type == "organization" and found["union"].mention_kind == "description"
    assert "speech" not in found and "data" not in found


def test_noun_subject_of_a_phrasal_reporting_verb_is_a_source(nlp):
    found = {a.surface: a for a in extract_actors(nlp("The company pointed out that sales had doubled."))}
    assert found["company"].actor_type == "organization" and found["company"].is_anonymous


def test_capital_in_lower_case_after_according_to_is_its_government(nlp):
    found = actors(nlp, "The bridge was hit twice, but according to kyiv the crossing still works.")
    assert ("kyiv", "Government of Ukraine", "government", "ukraine", "metonym") in found


def test_any_country_that_speaks_is_its_government_but_not_as_a_place(nlp):
    found = actors(nlp, "Chile demanded an explanation on Monday. Exports to Chile fell.")
    assert ("Chile", "Government of Chile", "government", "other", "metonym") in found
    assert len([f for f in found if f[0] == "Chile"]) == 1


def test_place_named_like_a_person_named_earlier_stays_a_place(nlp):
    text = "Senator Mark Lincoln spoke on Monday. Flights to Lincoln were cancelled, and Lincoln said he was sorry."
    found = [a for a in extract_actors(nlp(text)) if "Lincoln" in a.surface]
    starts = {a.char_start for a in found}
    assert text.index("Lincoln were") not in starts
