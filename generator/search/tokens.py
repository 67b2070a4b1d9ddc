"""Text to index terms, the same way for every article and (in search.js) every query.

lunr's pipeline, with two changes so that every language is findable:
- the trimmer keeps Unicode letters, digits and combining marks (lunr.js's
  `\\W` would strip Cyrillic, Greek or Arabic words away entirely);
- Chinese, Japanese and Korean runs, written without spaces, become
  overlapping character bigrams (`北京新闻` -> `北京`, `京新`, `新闻`).
Then each language's analyzer (languages.py) drops its stop words and stems: for English,
lunr's stop words and the Porter stemmer (a no-op on non-Latin scripts), exactly as lunr.js.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from generator.search import marks
from generator.search.languages import Analyzer, analyzer

# The planes that hold combining marks (Basic and Supplementary Multilingual, and the
# variation selectors of plane 14): scanning only these takes a tenth of the time of
# all 1.1 M code points. A test checks that no mark lies elsewhere.
MARK_PLANES = (range(0, 0x20000), range(0xE0000, 0xF0000))


def scanned_mark_ranges(planes: tuple[range, ...] = MARK_PLANES) -> list[tuple[int, int]]:
    """The ranges of code points of every combining mark (Mn, Mc, Me), which `\\w` leaves out."""
    ranges, start, previous = [], None, None
    category = unicodedata.category
    for code in (code for plane in planes for code in plane):
        if category(chr(code))[0] == "M":
            if start is None:
                start = code
            previous = code
        elif start is not None:
            ranges.append((start, previous))
            start = None
    if start is not None:
        ranges.append((start, previous))
    return ranges


def mark_ranges() -> list[tuple[int, int]]:
    """`scanned_mark_ranges()`, as written down in marks.py for this Unicode version."""
    return list(marks.RANGES) if unicodedata.unidata_version == marks.UNICODE_VERSION else scanned_mark_ranges()


_WORD = "[\\w" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in mark_ranges()) + "]"
# A token is a run of characters between white space and hyphens (lunr's
# separators); its term is the part from its first to its last word character.
TOKEN = re.compile(rf"[^\s\-]*?({_WORD}(?:[^\s\-]*{_WORD})?)[^\s\-]*")
CJK = re.compile(r"[\u1100-\u11ff\u2e80-\u2fdf\u3040-\u30ff\u3100-\u318f\u31a0-\u31ff"
                 r"\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\U00020000-\U0002ffff]+")


POSSESSIVE = re.compile(r"['\u2019]s$")
_WORD_CHAR = re.compile(_WORD)


def _trim(token: str) -> str:
    """lunr's trimmer, Unicode-aware: `“Russia’s,` -> `russia`."""
    match = TOKEN.fullmatch(token)
    if match is None:
        return ""
    return POSSESSIVE.sub("", match.group(1)) if "s" in token else match.group(1)


def _split(token: str) -> tuple[str, ...]:
    """One raw token (split at white space and hyphens) to its index tokens."""
    if not CJK.search(token):
        if token.isalnum():
            return (token,)  # the common case: a plain word
        trimmed = _trim(token)
        return (trimmed,) if trimmed else ()
    out: list[str] = []
    position = 0
    for run in CJK.finditer(token):
        between = _trim(token[position : run.start()])
        if between:
            out.append(between)
        chars = run.group()
        out.extend(chars)  # single characters, so a one-character query finds them...
        out.extend(chars[i : i + 2] for i in range(len(chars) - 1))  # ...and pairs, for words
        position = run.end()
    tail = _trim(token[position:])
    if tail:
        out.append(tail)
    return tuple(out)


def raw_tokens(text: str) -> list[str]:
    """lunr's tokenizer: lowercase, split at white space and hyphens."""
    return text.lower().replace("-", " ").split()


def tokens(text: str) -> list[str]:
    """Lowercased, trimmed tokens; CJK runs split into bigrams; `Russia's` indexed as `russia`."""
    return [t for raw in raw_tokens(text) for t in _split(raw)]


def terms(text: str, lang: str | None = None) -> list[str]:
    """Index terms in order: tokens without the language's stop words, stemmed (None: English)."""
    language = analyzer(lang)
    return [language.stem(token) for token in tokens(text) if token not in language.stop_words]


class TermCounter:
    """Counts the terms of many texts fast: each distinct raw token is processed once.

    Returns the counts in the order terms first appear, which lunr's index
    numbering depends on. Most tokens stand for exactly one term; they are
    mapped and counted at C speed. Tokens that stand for none (stop words) or
    several (CJK bigrams) take the slower, ordered path.
    """

    LIMIT = 1_000_000  # distinct raw tokens remembered before the memo starts afresh
    DROP = ""  # a token that stands for no term
    SEVERAL = "\x00"  # a token that stands for several

    def __init__(self, language: Analyzer | None = None) -> None:
        self.language = language or analyzer(None)
        self._single: dict[str, str] = {}
        self._several: dict[str, tuple[str, ...]] = {}
        self._word: dict[str, str] = {}  # a raw token of one term -> its word (trimmed, lowercased)

    def _term(self, term: str):
        """What the counts are keyed by: the term itself here."""
        return term

    def _learn(self, raw: str) -> None:
        stop_words, stem = self.language.stop_words, self.language.stem
        words = [t for t in _split(raw) if t not in stop_words]
        found = tuple(self._term(stem(t)) for t in words)
        if len(found) == 1:
            self._single[raw] = found[0]
            self._word[raw] = words[0]
        elif not found:
            self._single[raw] = self.DROP
        else:
            self._single[raw] = self.SEVERAL
            self._several[raw] = found

    def lookup(self, raws: list[str]) -> list:
        """What each raw token stands for: its term, DROP for none, SEVERAL for several (`terms_of`)."""
        single = self._single
        try:
            return list(map(single.__getitem__, raws))
        except KeyError:
            if len(single) > self.LIMIT:
                self._forget()
            for raw in raws:
                if raw not in single:
                    self._learn(raw)
            return list(map(single.__getitem__, raws))

    def _forget(self) -> None:
        self._single.clear()
        self._several.clear()
        self._word.clear()

    def word_of(self, raw: str) -> str | None:
        """The word (surface form) a raw token of one term stands for, once `lookup` has seen it:
        `“Taliban’s,` -> `taliban`. None for a stop word or a token of several terms (CJK)."""
        return self._word.get(raw)

    def terms_of(self, raw: str) -> tuple:
        """The terms a raw token stands for, once `lookup` has seen it."""
        mapped = self._single[raw]
        if mapped == self.SEVERAL:
            return self._several[raw]
        return (mapped,) if mapped != self.DROP else ()

    def __call__(self, text: str) -> dict[str, int]:
        raw = raw_tokens(text)
        single = self._single
        try:  # the common case once warm: every token already known
            counts = Counter(map(single.__getitem__, raw))
        except KeyError:
            if len(single) > self.LIMIT:
                self._forget()
            for token in set(raw).difference(single):
                self._learn(token)
            counts = Counter(map(single.__getitem__, raw))
        if self.SEVERAL in counts:
            return self._ordered(raw)
        counts.pop(self.DROP, None)
        return counts

    def _ordered(self, raw: list[str]) -> dict[str, int]:
        counts: dict = {}
        for token in raw:
            mapped = self._single[token]
            if mapped == self.SEVERAL:
                found = self._several[token]
            else:
                found = (mapped,) if mapped != self.DROP else ()
            for term in found:
                counts[term] = counts.get(term, 0) + 1
        return counts


class TermNumberer(TermCounter):
    """A TermCounter that counts term numbers instead of terms: `terms[n]` is term n.

    Terms are numbered as the counter first meets them (in no meaningful order).
    """

    DROP = -1
    SEVERAL = -2

    def __init__(self, language: Analyzer | None = None) -> None:
        super().__init__(language)
        self.terms: list[str] = []
        self.numbers: dict[str, int] = {}
        self.words: list[str] = []  # the words (surface forms) met, numbered as met
        self.word_terms: list[int] = []  # each word's term number
        self.word_numbers: dict[str, int] = {}

    def word_numbers_of(self, raws: list[str]) -> list[int]:
        """Each raw token's word number (`word_of`), -1 for none; after `lookup` has seen them."""
        out = []
        for raw in raws:
            word = self._word.get(raw)
            if word is None:
                out.append(-1)
                continue
            number = self.word_numbers.get(word)
            if number is None:
                number = self.word_numbers[word] = len(self.words)
                self.words.append(word)
                self.word_terms.append(self._single[raw])
            out.append(number)
        return out

    def _term(self, term: str) -> int:
        number = self.numbers.get(term)
        if number is None:
            number = self.numbers[term] = len(self.terms)
            self.terms.append(term)
        return number
