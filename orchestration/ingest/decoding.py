"""Bytes to text: BOMs, UTF-16, legacy single-byte encodings, and binary files refused."""
from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

BINARY_SIGNATURES = {
    b"%PDF": "PDF document",
    b"\x89PNG": "PNG image",
    b"PK\x03\x04": "zip archive",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"\x1f\x8b": "gzip archive",
}
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class DecodingError(ValueError):
    def __init__(self, reason_code: str, detail: str):
        super().__init__(detail)
        self.reason_code = reason_code


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding) with newlines normalised to '\\n', or raise DecodingError."""
    for signature, kind in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise DecodingError("binary", f"binary content ({kind}), not text")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _normalise_newlines(data.decode(encoding)), encoding
    try:
        return _normalise_newlines(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096] and not _looks_like_utf16(data):
        raise DecodingError("binary", "binary content (NUL bytes), not text")
    best = from_bytes(data).best()
    if best is None:
        raise DecodingError("undecodable", "no text encoding fits these bytes")
    return _normalise_newlines(str(best)), best.encoding


def _looks_like_utf16(data: bytes) -> bool:
    sample = data[:4096]
    return sample.count(b"\x00") > len(sample) // 4 and (sample[1::2].count(0) > len(sample) // 3
                                                         or sample[0::2].count(0) > len(sample) // 3)


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
