"""Boilerplate lines are removed with a reason; article prose is kept verbatim."""
from __future__ import annotations

import pytest

from orchestration.extract.boilerplate import boilerplate_reason, split_boilerplate


@pytest.mark.parametrize("line, reason", [
    ("Share", "navigation or share button"),
    ("KEEP READING", "navigation or share button"),
    ("See also  Storm closes the harbour for a third day", "related-article teaser"),
    ("Sign up for our weekly newsletter to get the briefing first.", "newsletter prompt"),
    ("Follow us on Facebook and Telegram", "social-media prompt"),
    ("Firefighters at the scene on Monday. Photograph: Jane Doe/Getty Images", "photo caption or credit"),
    ("A damaged bridge near the river [File: John Smith/Reuters]", "photo caption or credit"),
    ("- [Privacy](https://example.org/privacy)", "link list"),
    ("© 2025 Example Media Group", "copyright notice"),
    ("Click here to expand the map below.", "navigation"),
    ("Listen to this article", "audio player"),
    ("Mayor opens new bridge in the north of the city...", "truncated teaser"),
])
def test_junk_lines_get_a_reason(line, reason):
    assert boilerplate_reason(line) == reason


@pytest.mark.parametrize("line", [
    "The governor said three people were injured when a drone hit a warehouse on Tuesday.",
    "“We will not give up a single village,” the commander told reporters.",
    "Key Takeaways",
    "Share prices fell by 4% after the announcement, the exchange said.",
    "Photographs of the damage were published by the regional administration on Monday.",
    "",
])
def test_prose_and_headings_are_kept(line):
    assert boilerplate_reason(line) is None


def test_a_run_of_menu_items_is_removed_but_a_lone_heading_stays():
    text = "\n".join([
        "World", "Business", "", "Sports", "Culture",
        "Drone strike hits fuel depot",
        "A drone struck a fuel depot overnight, the regional governor said on Wednesday.",
        "Background",
        "The depot had been hit twice before this year.",
    ])
    body, removed = split_boilerplate(text)
    assert [line.text for line in removed] == ["World", "Business", "Sports", "Culture"]
    assert {line.reason for line in removed} == {"navigation menu"}
    assert [line.line_number for line in removed] == [1, 2, 4, 5]
    assert body.startswith("\nDrone strike hits fuel depot\nA drone struck")
    assert "Background" in body


def test_kept_lines_are_verbatim_and_nothing_is_lost():
    text = "Headline\n\nFirst paragraph, with “quotes” and 'SQL'; drop table x;--\nShare\nLast line."
    body, removed = split_boilerplate(text)
    assert body == "Headline\n\nFirst paragraph, with “quotes” and 'SQL'; drop table x;--\nLast line."
    assert len(body.split("\n")) + len(removed) == len(text.split("\n"))
