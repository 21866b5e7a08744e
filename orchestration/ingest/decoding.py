"""Bytes to text: BOMs, UTF-16, legacy single-byte encodings, and binary files refused.

Order of evidence: a binary signature (PDF, PNG, zip...) refuses the file; a byte-order mark
decides the encoding; UTF-16 without a BOM is recognised by its NUL pattern; valid UTF-8 is
UTF-8; anything else goes to charset-normalizer. Text that is mostly ASCII (an English
article with a few accented letters, curly quotes or Cyrillic names) is only tried against
single-byte encodings, and among the candidates charset-normalizer finds equally clean the
usual encodings of news text win (cp1252 before cp1250, cp1251 before KOI8-R): on short
samples its own pick can be a CJK code page that turns 'São Paulo' into Japanese.

Bytes that are not valid UTF-8 are called corrupt UTF-8 (``undecodable``) only when most of
their non-ASCII bytes form valid UTF-8 sequences: a cp1251 text holds such pairs by chance
('Сі' is 0xD1 0xB3, a valid UTF-8 pair), but only a few.
"""
from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from orchestration.ingest.records import RejectedInput

BINARY_SIGNATURES = {
    b"%PDF": "PDF document",
    b"\x89PNG": "PNG image",
    b"PK\x03\x04": "zip archive (or an Office document)",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"\x1f\x8b": "gzip archive",
    b"\x7fELF": "executable",
    b"Rar!": "RAR archive",
    b"7z\xbc\xaf": "7-Zip archive",
    b"\xd0\xcf\x11\xe0": "legacy Office document",
    b"RIFF": "RIFF media file",
    b"OggS": "Ogg media file",
    b"ID3": "MP3 audio",
    b"\x00\x00\x00\x18ftyp": "MP4 video",
    b"\x00\x00\x00\x20ftyp": "MP4 video",
    b"SQLite format 3": "SQLite database",
}
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Preferred legacy encodings for news text, most common first.
PREFERRED_LEGACY = ("cp1252", "cp1251", "latin_1", "iso8859_15", "koi8_r", "koi8_u", "iso8859_5",
                    "mac_cyrillic", "cp1250", "iso8859_2")
SINGLE_BYTE = PREFERRED_LEGACY + ("cp1253", "cp1254", "cp1257", "iso8859_7", "iso8859_9",
                                  "iso8859_13", "mac_roman", "cp866")
MOSTLY_ASCII = 0.6
MOSTLY_UTF8 = 0.5
CHAOS_TOLERANCE = 0.02
MAX_CONTROL_CHAR_RATIO = 0.05
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


class DecodingError(RejectedInput):
    pass


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding) with newlines normalised to '\\n', or raise DecodingError."""
    kind = binary_kind(data)
    if kind:
        raise DecodingError("binary", f"binary content ({kind}), not text")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding)), encoding
            except UnicodeDecodeError as error:
                raise DecodingError("undecodable", f"starts with a {encoding} byte-order mark but "
                                    f"byte {error.start} is not {encoding}") from None
    if _looks_like_utf16(data):  # before UTF-8: ASCII in UTF-16 is valid (NUL-riddled) UTF-8
        encoding = "utf-16-le" if data[1::2].count(0) > data[0::2].count(0) else "utf-16-be"
        try:
            return _checked(data.decode(encoding)), encoding
        except UnicodeDecodeError as error:
            raise DecodingError("undecodable", f"looks like {encoding.upper()} (a NUL in every other byte) "
                                f"but byte {error.start} is not: the file is cut off or corrupt") from None
    try:
        return _checked(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as error:
        utf8_error = error
    if b"\x00" in data[:4096]:
        raise DecodingError("binary", "binary content (NUL bytes), not text")
    if _mostly_utf8(data):
        raise DecodingError("undecodable", f"mostly UTF-8, but byte {utf8_error.start} "
                            f"(0x{data[utf8_error.start]:02x}) is not valid UTF-8: the file is corrupt "
                            "or mixes encodings")
    return _legacy(data)


def _mostly_utf8(data: bytes) -> bool:
    """True when most non-ASCII bytes sit in valid UTF-8 sequences (corrupt UTF-8, not a legacy
    encoding whose letters happen to pair up as UTF-8 now and then)."""
    non_ascii = sum(byte >= 0x80 for byte in data)
    in_sequences = sum(len(match) for match in _UTF8_MULTIBYTE.findall(data))
    return non_ascii > 0 and in_sequences >= MOSTLY_UTF8 * non_ascii


def binary_kind(data: bytes) -> str | None:
    for signature, kind in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            return kind
    return None


def _legacy(data: bytes) -> tuple[str, str]:
    mostly_ascii = sum(byte < 0x80 for byte in data) >= MOSTLY_ASCII * len(data)
    matches = list(from_bytes(data, cp_isolation=list(SINGLE_BYTE) if mostly_ascii else None))
    if not matches:
        raise DecodingError("undecodable", "no text encoding fits these bytes")
    cleanest = min(match.chaos for match in matches)
    candidates = [match for match in matches if match.chaos <= cleanest + CHAOS_TOLERANCE]
    best = min(candidates, key=lambda match: (_preference(match), match.chaos))
    names = {best.encoding, *best.could_be_from_charset}
    encoding = min((n for n in names if n in PREFERRED_LEGACY), key=PREFERRED_LEGACY.index,
                   default=best.encoding)
    return _checked(data.decode(encoding)), encoding


def _preference(match) -> int:
    names = {match.encoding, *match.could_be_from_charset}
    return min((PREFERRED_LEGACY.index(n) for n in names if n in PREFERRED_LEGACY),
               default=len(PREFERRED_LEGACY))


def _looks_like_utf16(data: bytes) -> bool:
    sample = data[:4096]
    if len(sample) < 4:
        return False
    third = len(sample) // 3
    return sample[1::2].count(0) > third or sample[0::2].count(0) > third


def _checked(text: str) -> str:
    """Normalise newlines; refuse 'text' that is mostly control characters (a binary blob)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    sample = text[:20_000]
    controls = sum(1 for ch in sample if ch not in "\n\t\f\v" and unicodedata.category(ch) == "Cc")
    if sample and controls > MAX_CONTROL_CHAR_RATIO * len(sample):
        raise DecodingError("binary", f"{controls:,} control characters in the first {len(sample):,}: "
                            "binary content, not text")
    return text
