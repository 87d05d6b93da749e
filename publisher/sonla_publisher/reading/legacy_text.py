"""Detect and convert Vietnamese text typed with legacy font encodings (TCVN3/ABC and VNI).

Before Unicode, offices typed Vietnamese with special fonts (".VnTime" for TCVN3, "VNI-Times" for
VNI). The file stores ordinary Latin-1 characters that only look Vietnamese in that font, so a
modern reader sees ``Së Y tÕ`` (TCVN3) or ``Sôû Y teá`` (VNI) for ``Sở Y tế``.

The tables below are built from the published layouts of the two encodings:

- TCVN3 (TCVN 5712:1993, VN3) is one byte per letter. Lowercase toned vowels sit in 0xB5–0xFE,
  five per vowel in the order grave, hook, tilde, acute, dot below; ``ă â ê ô ơ ư đ`` are
  0xA8–0xAE and their capitals 0xA1–0xA7. (Capital toned vowels need a separate capitals-only
  font, so they cannot be told apart from lowercase; they come out lowercase.)
- VNI writes a base letter followed by a mark character: tone marks ``ù ø û õ ï`` (acute, grave,
  hook, tilde, dot), ``â á à å ã ä`` for circumflex (plain, then with a tone), ``ê é è ú ü ë``
  for breve; ``ô``/``ö`` are the bases ``ơ``/``ư``, ``ñ`` is ``đ``, and ``i`` and ``y`` have
  one-character forms for some tones. Capitals use the capital forms of the same marks.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

Encoding = Literal["tcvn3", "vni"]

_GRAVE, _HOOK, _TILDE, _ACUTE, _DOT = "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"
_TONES_TCVN3_ORDER = (_GRAVE, _HOOK, _TILDE, _ACUTE, _DOT)


def _compose(*chars: str) -> str:
    return unicodedata.normalize("NFC", "".join(chars))


def _tcvn3_table() -> dict[str, str]:
    table = dict(zip("\xa1\xa2\xa3\xa4\xa5\xa6\xa7", "ĂÂÊÔƠƯĐ", strict=True))
    table.update(zip("\xa8\xa9\xaa\xab\xac\xad\xae", "ăâêôơưđ", strict=True))
    # base vowel -> the five bytes of its toned forms (grave, hook, tilde, acute, dot below)
    toned = {
        "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
        "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
        "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
        "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
        "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
        "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
        "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
        "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
        "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE),
        "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
        "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
        "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
    }
    for base, codes in toned.items():
        for code, tone in zip(codes, _TONES_TCVN3_ORDER, strict=True):
            table[chr(code)] = _compose(base, tone)
    return table


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}
    tone_marks = {"ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT}
    circumflex = {"â": "", "á": _ACUTE, "à": _GRAVE, "å": _HOOK, "ã": _TILDE, "ä": _DOT}
    breve = {"ê": "", "é": _ACUTE, "è": _GRAVE, "ú": _HOOK, "ü": _TILDE, "ë": _DOT}
    for lower in (True, False):

        def case(text: str, lower: bool = lower) -> str:
            return text if lower else text.upper()

        for base in "aeouy":
            for mark, tone in tone_marks.items():
                table[case(base + mark)] = case(_compose(base, tone))
        for base in "aeo":
            for mark, tone in circumflex.items():
                table[case(base + mark)] = case(_compose(base, "\u0302", tone))
        for mark, tone in breve.items():
            table[case("a" + mark)] = case(_compose("a", "\u0306", tone))
        for base_vni, base in (("ô", "ơ"), ("ö", "ư")):
            table[case(base_vni)] = case(base)
            for mark, tone in tone_marks.items():
                table[case(base_vni + mark)] = case(_compose(base, tone))
        table[case("ñ")] = case("đ")
        # one-character forms: ỉ ĩ ị (i) and ỵ (y); í and ì are themselves
        for vni, letter in (("æ", "ỉ"), ("ó", "ĩ"), ("ò", "ị"), ("î", "ỵ")):
            table[case(vni)] = case(letter)
    return table


TCVN3 = _tcvn3_table()
VNI = _vni_table()
_VNI_PATTERN = re.compile("|".join(sorted(map(re.escape, VNI), key=len, reverse=True)))

# Characters that never occur in Unicode Vietnamese text but are common in legacy text.
_TCVN3_ONLY = frozenset("¸µ¶·¹¨©ª«¬®¾»¼½ÆÇËÎÏÐÑÖ×ØÜÞßåæçëîïñöøûüþ") & frozenset(TCVN3)
# Of those, letters that also occur in other European languages: one alone proves nothing.
_WESTERN = frozenset("üñøßçåæöÖØÜÇÅÆ")
# Two-character VNI letters that are also ordinary Unicode Vietnamese ("hoà", "khoá", "ngoãn").
_VNI_ALSO_UNICODE = frozenset({"oà", "oá", "oã"})
_VNI_SEQUENCE = re.compile(
    "|".join(
        re.escape(key)
        for key in sorted(VNI)
        if len(key) == 2 and key.lower() not in _VNI_ALSO_UNICODE
    )
)
_BEYOND_LATIN1 = re.compile("[^\x00-\xff]")
BEYOND_LATIN1 = _BEYOND_LATIN1  # text with such a letter is Unicode, not a legacy encoding
_TCVN3_RANGE = re.compile("[\xa8-\xbe]")


def detect(text: str) -> Encoding | None:
    """Which legacy encoding ``text`` looks typed in, or None when it looks like Unicode.

    Text holding any letter outside Latin-1 (ạ, ơ, đ...) is Unicode. Otherwise, characters in
    0xA8–0xBE are TCVN3; a two-character VNI letter that Vietnamese never writes ("aù") is VNI;
    other TCVN3-only characters are TCVN3 (a lone ü, ñ, ø... of a foreign word is not enough).
    """
    if text.isascii() or _BEYOND_LATIN1.search(text):
        return None
    if _TCVN3_RANGE.search(text):
        return "tcvn3"
    if _VNI_SEQUENCE.search(text):
        return "vni"
    legacy = [char for char in text if char in _TCVN3_ONLY]
    if len(legacy) > 1 or (legacy and legacy[0] not in _WESTERN):
        return "tcvn3"
    return None


def convert(text: str, encoding: Encoding) -> str:
    """``text`` typed in a legacy encoding, as Unicode (NFC)."""
    if encoding == "tcvn3":
        converted = "".join(TCVN3.get(char, char) for char in text)
    else:
        converted = _VNI_PATTERN.sub(lambda match: VNI[match.group(0)], text)
    return unicodedata.normalize("NFC", converted)


def fix_legacy(text: str) -> tuple[str, Encoding | None]:
    """The Unicode form of ``text`` and the encoding it was converted from (None: unchanged)."""
    encoding = detect(text)
    return (text, None) if encoding is None else (convert(text, encoding), encoding)
