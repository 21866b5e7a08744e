"""Publication dates and outlet detection from metadata, URLs and the text."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from orchestration.ingest.metadata import detect_outlet, outlet_from_text, outlet_from_url, parse_published_at
from orchestration.ingest.records import RejectedInput


@pytest.mark.parametrize("value, expected", [
    ("2024-05-03", datetime(2024, 5, 3)),
    ("2024-05-03T10:15:00", datetime(2024, 5, 3, 10, 15)),
    ("2024-05-03T10:15:00+02:00", datetime(2024, 5, 3, 8, 15)),
    ("2024-05-03T22:30:00Z", datetime(2024, 5, 3, 22, 30)),
    ("3 May 2024", datetime(2024, 5, 3)),
    ("May 3, 2024 10:00 GMT", datetime(2024, 5, 3, 10, 0)),
    ("Fri, 03 May 2024 10:00:00 +0300", datetime(2024, 5, 3, 7, 0)),
    (date(2023, 1, 9), datetime(2023, 1, 9)),
    (None, None),
    ("", None),
    ("  ", None),
])
def test_dates_are_read_into_utc(value, expected):
    assert parse_published_at(value) == expected


@pytest.mark.parametrize("value", ["2024-02-30", "2024-13-01", "sometime last week", "n/a",
                                   "2999-01-01", "1850-06-01", 2024, ["2024-05-03"],
                                   "2024-05-03T10:00:00+25:00", "0001-01-01T00:00:00+14:00",
                                   "9999-12-31T23:59:59-14:00", "May 3", "May 2024", "Tuesday", "2024",
                                   "2024-05", 1714730000, True])
def test_values_that_are_no_real_date_are_invalid(value):
    with pytest.raises(RejectedInput) as rejected:
        parse_published_at(value, "front matter date")
    assert rejected.value.reason_code == "invalid_date"
    assert "front matter date" in rejected.value.detail


@pytest.mark.parametrize("url, outlet", [
    ("https://www.reuters.com/world/europe/some-story-2024-05-03/", "Reuters"),
    ("https://edition.cnn.com/2024/05/03/europe/story", "CNN"),
    ("https://www.bbc.co.uk/news/world-europe-1", "BBC"),
    ("https://kyivindependent.com/strike/", "The Kyiv Independent"),
    ("https://www.pravda.com.ua/eng/news/2024/05/03/1/", "Ukrainska Pravda"),
    ("https://m.aljazeera.com/news/2024/5/3/x", "Al Jazeera"),
    ("https://notreuters.com/story", "notreuters.com"),
    ("https://www.smalltownpaper.example.org/a/b", "smalltownpaper.example.org"),
    ("not a url", None),
    (None, None),
])
def test_outlet_from_url(url, outlet):
    assert outlet_from_url(url) == outlet


@pytest.mark.parametrize("text, outlet", [
    ("KYIV, Ukraine (AP) — Russian drones struck the capital overnight, officials said.", "AP"),
    ("MOSCOW (Reuters) - The defence ministry said on Friday its forces had taken a village.", "Reuters"),
    ("(CNN) — A missile hit a shopping centre in the city on Saturday.", "CNN"),
    ("Drones hit the port overnight\n\nAFP\n\nThe regional governor said two people were hurt.", "AFP"),
    ("Headline of the story\nBy Agence France-Presse\nThe governor said the strike hit a school.", "AFP"),
    ("A spokesman told AFP that the attack had been repelled, and Reuters reported the same.", None),
    ("The governor said on Telegram that the attack had been repelled.", None),
    ("\n".join(["Line one of a long story."] * 10 + ["Reuters"]), None),
])
def test_outlet_from_text_only_on_clear_evidence(text, outlet):
    assert outlet_from_text(text) == outlet


def test_metadata_site_name_beats_url_which_beats_text():
    text = "KYIV (AFP) - Officials said the bridge was hit."
    assert detect_outlet("https://www.france24.com/en/x", text, "FRANCE 24") == "FRANCE 24"
    assert detect_outlet("https://www.france24.com/en/x", text) == "France 24"
    assert detect_outlet(None, text) == "AFP"
