"""Article metadata from scrapers' fields: publication dates, and the outlet when none is given.

Dates: ISO 8601 first, then the forms dateutil reads ('3 May 2024', 'May 3, 2024 10:00 GMT',
RFC 2822) when they name year, month and day. Times with a zone are converted to UTC; times without one are kept as written.
A value that is no date ('2024-02-30', 'yesterday'), or one in the future, is invalid: the
input is rejected with the reason ``invalid_date`` rather than loaded with a wrong date.

Outlets, in order of evidence: the outlet the metadata names; the site name an HTML page
declares; the URL's host (a known domain maps to the outlet's usual name, any other host is
the outlet as written, the way the project's corpus names them: 'aljazeera.com'); a wire
dateline at the start of the text ('KYIV, Ukraine (AP) —', '(Reuters) -'); a line near the top
that is exactly an outlet's name (the byline line scraped pages keep: 'CNN', 'AFP').
Mentions deeper in the text ('told AFP', 'Reuters reports') are attributions, not the outlet.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from urllib.parse import urlsplit

from dateutil import parser as date_parser

from orchestration.ingest.records import RejectedInput

EARLIEST_DATE = datetime(1900, 1, 1)
FUTURE_TOLERANCE = timedelta(days=2)

# Registered domain -> outlet name (subdomains match: edition.cnn.com -> CNN).
KNOWN_OUTLET_DOMAINS = {
    "reuters.com": "Reuters",
    "apnews.com": "AP",
    "afp.com": "AFP",
    "bbc.com": "BBC",
    "bbc.co.uk": "BBC",
    "cnn.com": "CNN",
    "theguardian.com": "The Guardian",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "wsj.com": "The Wall Street Journal",
    "ft.com": "Financial Times",
    "economist.com": "The Economist",
    "bloomberg.com": "Bloomberg",
    "politico.com": "Politico",
    "politico.eu": "Politico Europe",
    "aljazeera.com": "Al Jazeera",
    "france24.com": "France 24",
    "dw.com": "DW",
    "euronews.com": "Euronews",
    "npr.org": "NPR",
    "cbsnews.com": "CBS News",
    "nbcnews.com": "NBC News",
    "abcnews.go.com": "ABC News",
    "foxnews.com": "Fox News",
    "news.sky.com": "Sky News",
    "independent.co.uk": "The Independent",
    "telegraph.co.uk": "The Telegraph",
    "rferl.org": "RFE/RL",
    "kyivindependent.com": "The Kyiv Independent",
    "kyivpost.com": "Kyiv Post",
    "pravda.com.ua": "Ukrainska Pravda",
    "ukrinform.net": "Ukrinform",
    "ukrinform.ua": "Ukrinform",
    "interfax.com.ua": "Interfax-Ukraine",
    "euromaidanpress.com": "Euromaidan Press",
    "united24media.com": "United24 Media",
    "understandingwar.org": "ISW",
    "criticalthreats.org": "Critical Threats",
    "tass.com": "TASS",
    "tass.ru": "TASS",
    "ria.ru": "RIA Novosti",
    "rt.com": "RT",
    "interfax.ru": "Interfax",
    "themoscowtimes.com": "The Moscow Times",
    "meduza.io": "Meduza",
    "aa.com.tr": "Anadolu Agency",
    "lemonde.fr": "Le Monde",
}
# Names that stand for an outlet in datelines and byline lines, with the name we store.
OUTLET_NAMES = {
    "AP": "AP", "Associated Press": "AP", "The Associated Press": "AP",
    "AFP": "AFP", "Agence France-Presse": "AFP", "Agence France Presse": "AFP",
    "Reuters": "Reuters", "UPI": "UPI", "dpa": "dpa", "DPA": "dpa", "Xinhua": "Xinhua",
    "TASS": "TASS", "Interfax": "Interfax", "Ukrinform": "Ukrinform", "Anadolu": "Anadolu Agency",
    "Anadolu Agency": "Anadolu Agency", "EFE": "EFE", "ANSA": "ANSA", "Kyodo": "Kyodo",
    "Yonhap": "Yonhap", "CNN": "CNN", "BBC": "BBC", "BBC News": "BBC", "Al Jazeera": "Al Jazeera",
    "RFE/RL": "RFE/RL", "The Kyiv Independent": "The Kyiv Independent", "Kyiv Post": "Kyiv Post",
}
_NAME_ALTERNATION = "|".join(re.escape(name) for name in sorted(OUTLET_NAMES, key=len, reverse=True))
# 'KYIV, Ukraine (AP) —', 'MOSCOW (Reuters) -', '(CNN) —' at the very start of the text.
_DATELINE = re.compile(rf"^[^\n()]{{0,80}}\((?P<name>{_NAME_ALTERNATION})\)\s*[—–-]")
_BYLINE_LINE = re.compile(rf"^\s*(?:by\s+|source:\s*)?(?P<name>{_NAME_ALTERNATION})\s*$", re.IGNORECASE)
BYLINE_LINES_SCANNED = 6


def parse_published_at(value: object, field: str = "date") -> datetime | None:
    """A metadata value as a naive UTC (or zone-less) datetime; None when absent.

    Raises RejectedInput('invalid_date') for a value that is present but not a real date.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        parsed = _parse_date_string(value.strip(), field)
    else:
        raise RejectedInput("invalid_date", f"{field} {value!r} is not a date but a value of type "
                            f"{type(value).__name__}")
    if parsed.tzinfo is not None:
        try:
            parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
        except (ValueError, OverflowError) as error:  # '+25:00', or year 1 moved before year 1
            raise RejectedInput("invalid_date", f"{field} {value!r} has no valid UTC time ({error})") from None
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    if parsed < EARLIEST_DATE or parsed > now + FUTURE_TOLERANCE:
        raise RejectedInput("invalid_date", f"{field} {value!r} is out of range "
                            f"(before {EARLIEST_DATE:%Y} or in the future)")
    return parsed


def _parse_date_string(text: str, field: str) -> datetime:
    if re.fullmatch(r"\d{4}(?:-?\d{2})?", text):  # ISO 8601 allows '2024' and '2024-05'; a day is needed
        raise RejectedInput("invalid_date", f"{field} {text!r} is not a full date (year, month and day)")
    try:
        return date_parser.isoparse(text)
    except (ValueError, OverflowError):
        pass
    try:
        # Parsed twice with different defaults: a part the text lacks (the year of 'May 3', the
        # day of 'May 2024', all of 'Tuesday') shows up as a difference, and is not guessed.
        first = date_parser.parse(text, default=datetime(2000, 1, 1))
        second = date_parser.parse(text, default=datetime(2001, 2, 2))
    except (ValueError, OverflowError) as error:
        raise RejectedInput("invalid_date", f"{field} {text!r} is not a date ({error})") from None
    if first.date() != second.date():
        raise RejectedInput("invalid_date", f"{field} {text!r} is not a full date (year, month and day)")
    return first


def outlet_from_url(url: str | None) -> str | None:
    host = _host(url)
    if not host:
        return None
    for domain, outlet in KNOWN_OUTLET_DOMAINS.items():
        if host == domain or host.endswith("." + domain):
            return outlet
    return host


def outlet_from_text(text: str) -> str | None:
    """The outlet a wire dateline or a byline line at the top of the text names, if any."""
    head = text.lstrip()[:400]
    dateline = _DATELINE.match(head)
    if dateline:
        return OUTLET_NAMES[dateline.group("name")]
    lines = [line for line in text.split("\n", 40)[:40] if line.strip()][:BYLINE_LINES_SCANNED]
    for line in lines:
        byline = _BYLINE_LINE.match(line)
        if byline:
            return _canonical_name(byline.group("name"))
    return None


def detect_outlet(url: str | None, text: str, site_name: str | None = None) -> str | None:
    return _clean(site_name) or outlet_from_url(url) or outlet_from_text(text)


def looks_like_url(value: object) -> bool:
    return isinstance(value, str) and bool(re.match(r"^https?://[^\s/]+\.[^\s/]+", value.strip()))


def _canonical_name(name: str) -> str:
    for known, canonical in OUTLET_NAMES.items():
        if known.lower() == name.lower():
            return canonical
    return name


def _host(url: str | None) -> str | None:
    if not url or not looks_like_url(url):
        return None
    host = (urlsplit(url.strip()).hostname or "").lower()
    for prefix in ("www.", "m.", "amp.", "mobile."):
        if host.startswith(prefix):
            host = host[len(prefix):]
    return host or None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
