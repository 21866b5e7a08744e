"""Web-page junk removed before extraction: navigation, teasers, share buttons, prompts.

Removal works on whole lines, and every removed line is returned with its reason so the
warehouse keeps it (nothing is silently lost). The body that offsets point into is the text
with those lines taken out.
"""
from __future__ import annotations

import re
from orchestration.extract.records import BoilerplateLine

_EXACT_LINES = {
    "share", "share this", "share this article", "share on facebook", "share on twitter", "tweet",
    "email", "print", "comments", "no comments found", "leave a comment", "related", "related news",
    "related articles", "related stories", "related posts", "read more", "read next", "more",
    "keep reading", "continue reading", "advertisement", "sponsored", "sponsored content",
    "exclusive content", "latest article", "latest articles", "more article", "more articles",
    "most read", "most popular", "trending", "top stories", "top news", "recommended", "menu",
    "skip to content", "skip to main content", "home", "subscribe", "sign in", "log in", "register",
    "follow us", "newsletter", "watch", "listen", "loading", "close", "back to top", "show more",
    "see more", "click here", "video", "photos", "photo", "gallery", "cookie settings",
}
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p, re.IGNORECASE), reason) for p, reason in (
    (r"^see also\b", "related-article teaser"),
    (r"^(read|watch|listen)( more| also| next)?\s*:", "related-article teaser"),
    (r"^(related|more on this|more from)\b.{0,80}$", "related-article teaser"),
    (r"^top news\S", "related-article teaser"),
    (r"\.\.\.$|…$", "truncated teaser"),
    (r"\b(sign up|subscribe)\b.{0,80}\b(newsletter|updates|inbox|alerts)\b", "newsletter prompt"),
    (r"\b(weekly|daily) newsletter\b", "newsletter prompt"),
    (r"^follow (all |us |the )?.{0,60}\b(on|at)\s*(facebook|twitter|x|instagram|telegram|whatsapp)",
     "social-media prompt"),
    (r"\bfacebook\b.{0,40}\b(twitter|x)\b.{0,40}\bnewsletter\b", "social-media prompt"),
    (r"^(photo|image|picture|video|credit|caption)s?\s*(:|by\b|credit)", "photo caption or credit"),
    (r"^\(?(photo|image)s?\s+by\b", "photo caption or credit"),
    (r"\b(getty images|shutterstock)\s*\)?\s*$", "photo caption or credit"),
    (r"^[^.!?]{0,80}\((afp|ap|reuters|getty|epa|anadolu)( photo)?\)?\s*$", "photo caption or credit"),
    (r"^(©|copyright\b|all rights reserved)", "copyright notice"),
    (r"\bdon.t miss (anything|out|a thing|a story|our)\b", "newsletter prompt"),
    (r"\bcookies?\b.{0,60}\b(accept|consent|policy|settings)\b", "cookie banner"),
    (r"^(previous|next) (article|story|post)\b", "navigation"),
    (r"^(tags?|topics?|filed under)\s*:", "navigation"),
    (r"^(updated|published|posted)\s*:?\s*\w{3,9}\.? \d{1,2},? \d{4}", "dateline stamp"),
))


def split_boilerplate(text: str) -> tuple[str, list[BoilerplateLine]]:
    """Return (body, removed lines). Line numbers are 1-based positions in the original text."""
    kept: list[str] = []
    removed: list[BoilerplateLine] = []
    for number, line in enumerate(text.split("\n"), start=1):
        reason = boilerplate_reason(line)
        if reason is None:
            kept.append(line)
        else:
            removed.append(BoilerplateLine(number, line, reason))
    return "\n".join(kept), removed


def boilerplate_reason(line: str) -> str | None:
    stripped = line.strip()
    if not stripped:
        return None
    folded = re.sub(r"[\s:|>»›•·-]+$", "", stripped.lower()).strip()
    if folded in _EXACT_LINES:
        return "navigation or share button"
    for pattern, reason in _PATTERNS:
        if pattern.search(stripped):
            # A long line of prose ending in an ellipsis is an article sentence, not a teaser.
            if reason == "truncated teaser" and len(stripped.split()) > 25:
                continue
            return reason
    return None

