"""Ingest, bytes → text: BOMs, UTF-16/32, binary detection and the cp1252 fallback.

Where it sits: `ingest.read_article` calls `decode_bytes` on a file's bytes before
`front_matter.split_front_matter` and `ingest.parse_article` read the text. Codes NDG110-NDG112.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from digest.errors import ArticleError
from digest.model import Problem

_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),  # before UTF-16-LE: same first two bytes
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xef\xbb\xbf", "utf-8"),
)
"""Byte-order marks, sniffed before any NUL-byte test: UTF-16 text is full of NULs."""


_BINARY_MAGIC = (
    (b"%PDF-", "a PDF"),
    (b"PK\x03\x04", "a zip archive (.docx, .odt, .epub…)"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-zip archive"),
    (b"Rar!\x1a", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"{\\rtf", "an RTF document"),
)
"""Signatures of file formats that are never article text, whatever their extension."""


_CONTROL_RE = re.compile(r"[\x00-\x08\x0d-\x1f\x7f-\x9f]")
"""Control characters (Unicode Cc) other than tab, newline, vertical tab and form feed."""


def _cp1252_for_bad_utf8(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read the bytes that are not UTF-8 as Windows-1252 (Sphinx-style repair)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start : exc.end].decode("cp1252", errors="replace"), exc.end


codecs.register_error("digest-cp1252", _cp1252_for_bad_utf8)


def decode_bytes(data: bytes, shown: str, *, warnings: list[Problem] | None = None) -> str:
    """Decode article bytes: BOM sniff, then strict UTF-8, then cp1252 for the bytes that are not UTF-8.

    Returns:
        NFC-normalised text with `\\n` line ends.

    Raises:
        ArticleError: The bytes are binary (a known file signature, NUL bytes without a UTF-16/32
            BOM, or mostly control characters), or not valid in the encoding their BOM names.
    """
    bom, codec = next(((b, c) for b, c in _BOMS if data.startswith(b)), (b"", "utf-8"))
    body = data[len(bom) :]
    if not bom:
        for magic, kind in _BINARY_MAGIC:
            if data.startswith(magic):
                raise ArticleError(
                    shown, f"is {kind}, not text; save the article as UTF-8 .md, .txt or .html", code="NDG112"
                )
        if b"\x00" in data:
            raise ArticleError(
                shown,
                "is a binary file (it contains NUL bytes), not text; save the article as "
                "UTF-8 .md or .txt (UTF-16 text needs a byte-order mark)",
                code="NDG112",
            )
    if codec == "utf-8":
        text = _decode_utf8(body, shown, warnings)
    else:
        try:
            text = body.decode(codec)
        except UnicodeDecodeError as exc:
            raise ArticleError(
                shown,
                f"starts with a {codec} byte-order mark but is not valid {codec} "
                f"({exc.reason} at byte {exc.start + len(bom)}); re-save it as UTF-8",
                code="NDG111",
            ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = len(_CONTROL_RE.findall(text))
    if controls > max(3, len(text) // 20):
        raise ArticleError(
            shown,
            f"is a binary file ({controls} control characters), not text; save the article as UTF-8 .md or .txt",
            code="NDG112",
        )
    return unicodedata.normalize("NFC", text)


def _decode_utf8(data: bytes, shown: str, warnings: list[Problem] | None) -> str:
    """Strict UTF-8; bytes that are not UTF-8 are read as cp1252, with one NDG110 warning at the first."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first, bad = exc.start, data[exc.start]
    # Everything before the first bad byte is valid UTF-8: count lines and columns in it.
    before = data[:first].decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    line, col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
    if warnings is not None:
        warnings.append(
            Problem(
                file=shown,
                code="NDG110",
                message=f"is not valid UTF-8 (byte 0x{bad:02x}); those bytes were "
                "read as Windows-1252 (cp1252); re-save the file as UTF-8",
                line=line,
                col=col,
            )
        )
    return data.decode("utf-8", errors="digest-cp1252")
