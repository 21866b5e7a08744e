"""Non-English text is recognised; short or ambiguous text is never rejected for its language."""
from __future__ import annotations

import pytest

from orchestration.ingest.language import non_english_detail

from .conftest import ENGLISH


@pytest.mark.parametrize("text, language", [
    ("Украинские войска в среду заявили, что остановили российское контрнаступление в Курской "
     "области, где остаются несколько тысяч мирных жителей.", "ru"),
    ("Українські війська в середу заявили, що зупинили російський контрнаступ у Курській "
     "області, де залишаються кілька тисяч цивільних.", "uk"),
    ("Die ukrainische Armee erklärte am Mittwoch, sie habe die russische Gegenoffensive in der "
     "Region Kursk gestoppt, wo noch mehrere tausend Zivilisten leben.", "de"),
    ("L'armée ukrainienne a affirmé mercredi avoir stoppé la contre-offensive russe dans la "
     "région de Koursk, où vivent encore plusieurs milliers de civils.", "fr"),
])
def test_other_languages_are_named(text, language):
    detail = non_english_detail(text)
    assert detail is not None and f"'{language}'" in detail


@pytest.mark.parametrize("text", [
    ENGLISH,
    "Kyiv Kharkiv Zelensky Putin",
    "Slava Ukraini!",
    ENGLISH + " The mayor said: «Ми відбудуємо місто», meaning the city would be rebuilt.",
])
def test_english_and_too_short_to_tell_are_kept(text):
    assert non_english_detail(text) is None
