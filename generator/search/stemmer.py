"""The Porter stemmer exactly as lunr.js 2.3.9 applies it.

lunr.py ships a different Porter implementation that disagrees with lunr.js on
about 1 % of English words (`key` -> `kei` there, `key` here). An index is only
searchable from lunr.js, and from our client, if it is stemmed the way their
query pipelines stem, so this follows lunr.js. `static/search.js` holds the
same algorithm for queries; tests compare both with lunr.js itself.
"""

from __future__ import annotations

import re
from functools import lru_cache

_c = "[^aeiou]"  # consonant
_v = "[aeiouy]"  # vowel
_C = _c + "[^aeiouy]*"  # consonant run
_V = _v + "[aeiou]*"  # vowel run

_M_GT_0 = re.compile(f"^({_C})?{_V}{_C}")  # measure > 0
_M_EQ_1 = re.compile(f"^({_C})?{_V}{_C}({_V})?$")  # measure == 1
_M_GT_1 = re.compile(f"^({_C})?{_V}{_C}{_V}{_C}")  # measure > 1
_HAS_VOWEL = re.compile(f"^({_C})?{_v}")
_CVC = re.compile(f"^{_C}{_v}[^aeiouwxy]$")

_STEP2 = {
    "ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize", "bli": "ble",
    "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize", "ation": "ate",
    "ator": "ate", "alism": "al", "iveness": "ive", "fulness": "ful", "ousness": "ous", "aliti": "al",
    "iviti": "ive", "biliti": "ble", "logi": "log",
}
_STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}
_STEP4 = ("al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize")


def _suffix_rule(table: dict[str, str]) -> re.Pattern:
    return re.compile("^(.+?)(" + "|".join(table) + ")$")


_RE_STEP2 = _suffix_rule(_STEP2)
_RE_STEP3 = _suffix_rule(_STEP3)
_RE_STEP4 = re.compile(f"^(.+?)({_STEP4})$")
_RE_STEP4_ION = re.compile("^(.+?)(s|t)(ion)$")

_SSES_IES = re.compile(r"^(.+?)(ss|i)es$")
_S = re.compile(r"^(.+?)([^s])s$")
_EED = re.compile(r"^(.+?)eed$")
_ED_ING = re.compile(r"^(.+?)(ed|ing)$")
_AT_BL_IZ = re.compile(r"(at|bl|iz)$")
_DOUBLE = re.compile(r"([^aeiouylsz])\1$")
_Y = re.compile(r"^(.+?[^aeiou])y$")
_E = re.compile(r"^(.+?)e$")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    if len(word) < 3:
        return word
    initial_y = word[0] == "y"
    if initial_y:
        word = "Y" + word[1:]  # an initial y acts as a consonant
    word = _step1(word)
    word = _replace_suffix(word, _RE_STEP2, _STEP2)
    word = _replace_suffix(word, _RE_STEP3, _STEP3)
    word = _step4(word)
    word = _step5(word)
    if initial_y:
        word = "y" + word[1:]
    return word


def _step1(w: str) -> str:
    # 1a: plurals
    if m := _SSES_IES.match(w):
        w = m[1] + m[2]
    elif m := _S.match(w):
        w = m[1] + m[2]
    # 1b: -eed, -ed, -ing
    if m := _EED.match(w):
        if _M_GT_0.match(m[1]):
            w = w[:-1]
    elif m := _ED_ING.match(w):
        if _HAS_VOWEL.match(m[1]):
            w = m[1]
            if _AT_BL_IZ.search(w):
                w += "e"
            elif _DOUBLE.search(w):
                w = w[:-1]
            elif _CVC.match(w):
                w += "e"
    # 1c: a final y after a consonant (not the first letter) becomes i
    if m := _Y.match(w):
        w = m[1] + "i"
    return w


def _replace_suffix(w: str, rule: re.Pattern, table: dict[str, str]) -> str:
    if (m := rule.match(w)) and _M_GT_0.match(m[1]):
        return m[1] + table[m[2]]
    return w


def _step4(w: str) -> str:
    if m := _RE_STEP4.match(w):
        return m[1] if _M_GT_1.match(m[1]) else w
    if m := _RE_STEP4_ION.match(w):
        kept = m[1] + m[2]
        return kept if _M_GT_1.match(kept) else w
    return w


def _step5(w: str) -> str:
    if m := _E.match(w):
        base = m[1]
        if _M_GT_1.match(base) or (_M_EQ_1.match(base) and not _CVC.match(base)):
            w = base
    if w.endswith("ll") and _M_GT_1.match(w):
        w = w[:-1]
    return w
