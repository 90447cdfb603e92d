"""The project's one tokenization rule for metrics (mirrors libs/eval-metrics/src/tokenize.ts).

1. Arabic normalisation: diacritics U+064B–U+0652 and U+0670 and tatweel U+0640 removed; أ إ آ ٱ → ا; ى → ي.
2. Lowercase.
3. Each Han ideograph, hiragana or katakana character is its own token.
4. Every other maximal run of letters and digits (Unicode categories L*, N*) is a token; the rest separates.
"""
from __future__ import annotations

import re
import unicodedata
from typing import List

_DIACRITICS = re.compile("[\u064b-\u0652\u0670]")
_ALEF_VARIANTS = re.compile("[\u0623\u0625\u0622\u0671]")
# Python's re has no \p{Script=...}: Han/kana are recognised by their Unicode names, plus the few Han-script
# letters/numbers whose names say otherwise (々 〇 〻 and the Hangzhou numerals 〡–〩, 〸–〺).
_CJK_NAME_PREFIXES = ("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH", "HIRAGANA ", "KATAKANA ", "HALFWIDTH KATAKANA ")
_HAN_EXTRA = set("\u3005\u3007\u303b") | {chr(code) for code in range(0x3021, 0x302a)} | {chr(code) for code in range(0x3038, 0x303b)}


def normalise_arabic(text: str) -> str:
    """Strip Arabic diacritics and tatweel, unify alef forms to ا and alef maqsura to ي."""
    text = _DIACRITICS.sub("", text).replace("\u0640", "")
    return _ALEF_VARIANTS.sub("\u0627", text).replace("\u0649", "\u064a")


def _is_letter_or_digit(char: str) -> bool:
    return unicodedata.category(char)[0] in ("L", "N")


def _is_cjk(char: str) -> bool:
    if char in _HAN_EXTRA:
        return True
    return unicodedata.name(char, "").startswith(_CJK_NAME_PREFIXES)


def tokenize(text: str) -> List[str]:
    """Arabic-normalised, lowercased tokens: one per Han/kana character, otherwise runs of letters and digits."""
    tokens: List[str] = []
    run: List[str] = []
    for char in normalise_arabic(text).lower():
        if _is_letter_or_digit(char) and not _is_cjk(char):
            run.append(char)
            continue
        if run:
            tokens.append("".join(run))
            run = []
        if _is_letter_or_digit(char):
            tokens.append(char)
    if run:
        tokens.append("".join(run))
    return tokens
