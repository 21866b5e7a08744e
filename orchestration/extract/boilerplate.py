"""Web-page junk removed before extraction: navigation, teasers, share buttons, prompts, captions.

Removal works on whole lines, and every removed line is returned with its reason so the
warehouse keeps it (nothing is silently lost). The body that offsets point into is the text
with those lines taken out.

Two kinds of evidence are used:
* a line on its own: a share button, a 'See also' teaser, a newsletter prompt, a photo credit,
  a markdown link list item;
* a run of lines: scraped navigation menus are runs of very short lines with no sentence
  punctuation ('World', 'Business', 'Sports', 'Facebook'...). Three or more in a row (blank
  lines between them allowed) are taken as a menu; a single short line (a section heading, a
  dateline) is left alone.
"""
from __future__ import annotations

import re

from orchestration.extract.records import BoilerplateLine

_EXACT_LINES = frozenset({
    "share", "share this", "share this article", "share on facebook", "share on twitter", "tweet",
    "email", "print", "save", "copy", "copy link", "copied", "comments", "no comments found",
    "leave a comment", "related", "related news", "related articles", "related stories",
    "related posts", "read more", "read next", "keep reading", "continue reading",
    "advertisement", "sponsored", "sponsored content", "exclusive content", "latest article",
    "latest articles", "more article", "more articles", "most read", "most popular", "trending",
    "top stories", "recommended", "recommended video", "menu", "navigation menu",
    "skip to content", "skip to main content", "skip links", "subscribe", "sign in", "sign up",
    "log in", "register", "follow us", "newsletter", "back to top", "show more", "see all",
    "cookie settings", "privacy policy", "terms of use", "terms of service", "contact us",
    "about us", "donate", "donate now", "support us", "×", "|",
})
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), reason) for pattern, reason in (
        (r"^see also\b", "related-article teaser"),
        (r"^(read|watch|listen)( more| also| next)?\s*:", "related-article teaser"),
        (r"^(related|more on this|more from)\b.{0,80}$", "related-article teaser"),
        (r"^top news\S", "related-article teaser"),
        (r"^[^.!?]{10,200}(\.\.\.|…)$", "truncated teaser"),
        (r"\b(sign up|subscribe)\b.{0,80}\b(newsletter|updates|inbox|alerts)\b", "newsletter prompt"),
        (r"\b(weekly|daily) newsletter\b", "newsletter prompt"),
        (r"\bdon.t miss (anything|out|a thing|a story|our)\b", "newsletter prompt"),
        (r"^follow (all |us |the )?.{0,60}\b(on|at)\s*(facebook|twitter|x|instagram|telegram|whatsapp)",
         "social-media prompt"),
        (r"\bfacebook\b.{0,40}\b(twitter|x)\b.{0,40}\bnewsletter\b", "social-media prompt"),
        (r"^(photo|image|picture|credit|caption)s?\s*(:|by\b|credit)", "photo caption or credit"),
        (r"^\(?(photo|image)s?\s+by\b", "photo caption or credit"),
        (r"\b(getty images|shutterstock)\s*\)?\s*$", "photo caption or credit"),
        (r"\[(file:|photo:)?[^\]]{0,80}\b(reuters|afp|ap|getty images|epa|anadolu|file)\b[^\]]{0,40}\]\s*$",
         "photo caption or credit"),
        (r"\(source: [^)]{1,80}\)\s*$", "photo caption or credit"),
        (r"^[^.!?]{0,80}\((afp|ap|reuters|getty|epa|anadolu)( photo)?\)?\s*$", "photo caption or credit"),
        (r"^\s*[-*+]\s*\[[^\]]*\]\([^)]*\)\s*$", "link list"),
        (r"^\s*\[[^\]]*\]\(\s*<?https?://[^)]*\)\s*$", "link list"),
        (r"^#+\s*links\s*$", "link list"),
        (r"^(©|copyright\b|all rights reserved)", "copyright notice"),
        (r"\bcookies?\b.{0,60}\b(accept|consent|policy|settings)\b", "cookie banner"),
        (r"^(previous|next) (article|story|post)\b", "navigation"),
        (r"^(tags?|topics?|filed under)\s*:", "navigation"),
        (r"^click here to\b", "navigation"),
        (r"^listen to this article\b", "audio player"),
        (r"^your browser does not support\b", "audio player"),
        (r"^(published|updated|posted)( on)?\s*:?\s*(\d{1,2} \w{3,9}|\w{3,9}\.? \d{1,2},?) \d{4}", "dateline stamp"),
        (r"^(we bring you|your support (keeps|helps))\b", "donation prompt"),
        (r"^make us (a )?preferred\b|^add us on\b", "navigation"),
    ))

_MENU_RUN = 3
_MENU_ITEM = re.compile(r"^[^.!?;,:\"“”]{1,40}$")
_MENU_ITEM_WORDS = 4


def split_boilerplate(text: str) -> tuple[str, list[BoilerplateLine]]:
    """Return (body, removed lines). Line numbers are 1-based positions in the original text."""
    lines = text.split("\n")
    reasons = [boilerplate_reason(line) for line in lines]
    for index in _menu_lines(lines):
        reasons[index] = reasons[index] or "navigation menu"
    kept = [line for line, reason in zip(lines, reasons) if reason is None]
    removed = [BoilerplateLine(number, line, reason)
               for number, (line, reason) in enumerate(zip(lines, reasons), start=1) if reason]
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
            return reason
    return None


def _is_menu_item(line: str) -> bool:
    stripped = line.strip()
    return bool(_MENU_ITEM.match(stripped)) and len(stripped.split()) <= _MENU_ITEM_WORDS


def _menu_lines(lines: list[str]) -> set[int]:
    """Indexes of lines inside runs of at least three menu-like lines (blank lines in between allowed)."""
    found: set[int] = set()
    run: list[int] = []
    for index, line in enumerate(lines + ["a line that ends every run."]):
        if not line.strip():
            continue
        if _is_menu_item(line):
            run.append(index)
            continue
        if len(run) >= _MENU_RUN:
            found.update(run)
        run = []
    return found
