"""Bytes to text: every encoding the issue names decodes exactly; binary and broken bytes are refused."""
from __future__ import annotations

import codecs

import pytest

from orchestration.ingest.decoding import DecodingError, decode_bytes

ENGLISH = ("Ukrainian troops retook two villages on Tuesday, the General Staff said, as Russian "
           "shelling continued overnight along the front line near the eastern town.")
ENGLISH_WITH_CYRILLIC = ("Ukrainian troops retook the village of Малинівка on Tuesday, the General Staff said. "
                         "Residents of Малинівка had fled weeks earlier as shelling intensified, local "
                         "officials told reporters in the regional centre.")
RUSSIAN = ("Украинские войска в среду заявили, что остановили российское контрнаступление в "
           "Курской области. По словам военных, в регионе остаются несколько тысяч мирных жителей.")
# 'Сі' in cp1251 is 0xD1 0xB3, a valid UTF-8 pair: a few such pairs must not make it 'corrupt UTF-8'.
ENGLISH_UKRAINIAN_NAMES = ("Ukrainian troops held positions near Сіверськ and Часів Яр on Tuesday, the "
                           "General Staff said, while a drone struck an oil depot outside Дніпро overnight.")
UKRAINIAN = ("Українські війська в середу заявили, що зупинили наступ біля Сіверська. Сили оборони "
             "відбили дев'ять атак, повідомили в Генштабі.")
ENGLISH_LATIN1 = ("The envoy met officials in São Paulo and Zürich before flying to Kyiv on Monday. "
                  "The naïve plan, critics said, would cost £4 million, according to the Élysée.")
ENGLISH_CP1252 = ("The minister said “the offensive has stalled” — a claim Moscow denied. It’s the "
                  "third such claim this week, officials said in Kyiv on Tuesday.")


@pytest.mark.parametrize("label, data, text", [
    ("utf-8", ENGLISH_WITH_CYRILLIC.encode("utf-8"), ENGLISH_WITH_CYRILLIC),
    ("utf-8 with BOM", codecs.BOM_UTF8 + ENGLISH.encode("utf-8"), ENGLISH),
    ("utf-16 with BOM", ENGLISH_CP1252.encode("utf-16"), ENGLISH_CP1252),
    ("utf-16-be with BOM", codecs.BOM_UTF16_BE + ENGLISH.encode("utf-16-be"), ENGLISH),
    ("utf-16-le without BOM", ENGLISH.encode("utf-16-le"), ENGLISH),
    ("utf-16-be without BOM", ENGLISH_WITH_CYRILLIC.encode("utf-16-be"), ENGLISH_WITH_CYRILLIC),
    ("utf-32 with BOM", ENGLISH.encode("utf-32"), ENGLISH),
    ("cp1251, English with Cyrillic names", ENGLISH_WITH_CYRILLIC.encode("cp1251"), ENGLISH_WITH_CYRILLIC),
    ("cp1251, Ukrainian names that pair up as UTF-8", ENGLISH_UKRAINIAN_NAMES.encode("cp1251"),
     ENGLISH_UKRAINIAN_NAMES),
    ("cp1251, Ukrainian", UKRAINIAN.encode("cp1251"), UKRAINIAN),
    ("cp1251, Russian", RUSSIAN.encode("cp1251"), RUSSIAN),
    ("koi8-r, Russian", RUSSIAN.encode("koi8-r"), RUSSIAN),
    ("latin-1", ENGLISH_LATIN1.encode("latin-1"), ENGLISH_LATIN1),
    ("cp1252 curly quotes and dashes", ENGLISH_CP1252.encode("cp1252"), ENGLISH_CP1252),
])
def test_text_decodes_exactly(label, data, text):
    decoded, encoding = decode_bytes(data)
    assert decoded == text, f"{label} decoded as {encoding}"


def test_windows_newlines_become_unix_newlines():
    assert decode_bytes(b"first line\r\nsecond line\rthird")[0] == "first line\nsecond line\nthird"


@pytest.mark.parametrize("label, data, reason, words", [
    ("PDF", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj", "binary", "PDF"),
    ("PNG", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", "PNG"),
    ("zip", b"PK\x03\x04\x14\x00\x08\x00", "binary", "zip"),
    ("gzip", b"\x1f\x8b\x08\x00\x00\x00", "binary", "gzip"),
    ("NUL-filled blob", bytes(range(256)) * 8, "binary", "NUL"),
    ("control characters", ("\x01\x02\x03\x04 x" * 200).encode(), "binary", "control characters"),
    ("UTF-8 with a broken byte", "Zelenskyy’s aide said".encode() + b" \xff\xfe and more", "undecodable",
     "not valid UTF-8"),
    ("UTF-8 BOM then invalid bytes", codecs.BOM_UTF8 + b"valid start \xc3\x28 invalid", "undecodable",
     "byte-order mark"),
    ("UTF-16 cut off mid-character", ENGLISH.encode("utf-16-le") + b"T", "undecodable", "cut off"),
])
def test_binary_and_broken_bytes_are_refused(label, data, reason, words):
    with pytest.raises(DecodingError) as refused:
        decode_bytes(data)
    assert refused.value.reason_code == reason, label
    assert words in refused.value.detail
