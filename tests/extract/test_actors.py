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
