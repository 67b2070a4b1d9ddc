"""Each article's language decides how its words become terms: its analyzer.

- English: lunr's own pipeline (its stop words, the Porter stemmer as lunr.js applies it,
  stemmer.py), so that lunr-index.json and the lunr.js comparison tests hold;
- the other languages Snowball has: their Snowball stemmer (snowballstemmer) and our short
  stop word lists (stopwords.py);
- Chinese, Japanese and Korean: no stemming (their runs are split into characters and pairs
  in every language, tokens.py), no stop words;
- any other language: words as they are.

Tokens (tokens.py) are the same in every language; only the step from a token to its term
differs. The browser never stems a query: it looks the typed word up in the archive's words
(words.py), which give each word's term per language.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from lunr.stop_word_filter import WORDS as ENGLISH_STOP_WORDS

from generator.archive.languages import primary
from generator.search.stemmer import stem as porter
from generator.search.stopwords import STOP_WORDS

ENGLISH = "en"
# ISO 639-1 (or -3 where there is none) -> snowballstemmer's algorithm.
SNOWBALL = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "cs": "czech", "da": "danish",
    "nl": "dutch", "eo": "esperanto", "et": "estonian", "fi": "finnish", "fr": "french", "de": "german",
    "el": "greek", "hi": "hindi", "hu": "hungarian", "id": "indonesian", "ga": "irish", "it": "italian",
    "lt": "lithuanian", "ne": "nepali", "no": "norwegian", "nb": "norwegian", "nn": "norwegian",
    "fa": "persian", "pl": "polish", "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian",
    "st": "sesotho", "es": "spanish", "sv": "swedish", "ta": "tamil", "tr": "turkish", "yi": "yiddish",
}
CJK = frozenset({"zh", "ja", "ko"})
# The languages lunr-languages has a stemmer for, by its code (its `lunr.XX`, `stemmer-XX`).
LUNR_LANGUAGES = {"ar", "da", "de", "el", "es", "fi", "fr", "hi", "hu", "hy", "it", "nl", "no", "pt", "ro",
                  "ru", "sv", "ta", "tr"}
NAMES = {
    "en": "English", "ar": "Arabic", "hy": "Armenian", "eu": "Basque", "ca": "Catalan", "cs": "Czech",
    "da": "Danish", "nl": "Dutch", "eo": "Esperanto", "et": "Estonian", "fi": "Finnish", "fr": "French",
    "de": "German", "el": "Greek", "hi": "Hindi", "hu": "Hungarian", "id": "Indonesian", "ga": "Irish",
    "it": "Italian", "lt": "Lithuanian", "ne": "Nepali", "no": "Norwegian", "nb": "Norwegian Bokmål",
    "nn": "Norwegian Nynorsk", "fa": "Persian", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian",
    "ru": "Russian", "sr": "Serbian", "st": "Sesotho", "es": "Spanish", "sv": "Swedish", "ta": "Tamil",
    "tr": "Turkish", "yi": "Yiddish", "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "he": "Hebrew",
    "ur": "Urdu", "bn": "Bengali", "uk": "Ukrainian", "vi": "Vietnamese", "th": "Thai", "sk": "Slovak",
}


def _unchanged(word: str) -> str:
    return word


@dataclass(frozen=True)
class Analyzer:
    """A language's way from a token to its term: drop its stop words, stem the rest."""

    lang: str  # the primary language subtag: `de` for `de-AT`
    stop_words: frozenset[str]
    stem: Callable[[str], str]
    stemmer: str  # its name: "porter" (lunr's), a Snowball algorithm, or "none"

    def term(self, token: str) -> str | None:
        """The token's term; None for a stop word."""
        return None if token in self.stop_words else self.stem(token)


@lru_cache(maxsize=None)
def analyzer(tag: str | None) -> Analyzer:
    """The analyzer of a language tag (`en`, `de-AT`, `pt-BR`; None: English)."""
    lang = primary(tag) if tag else ENGLISH
    if lang == ENGLISH:
        return Analyzer(lang, frozenset(ENGLISH_STOP_WORDS), porter, "porter")
    if lang in SNOWBALL:
        import snowballstemmer  # here: an archive in English alone never loads it (17 ms, every algorithm)

        algorithm = SNOWBALL[lang]
        stemmer = snowballstemmer.stemmer(algorithm)
        return Analyzer(lang, STOP_WORDS.get(lang, frozenset()), lru_cache(maxsize=200_000)(stemmer.stemWord),
                        algorithm)
    return Analyzer(lang, frozenset(), _unchanged, "none")


def name(lang: str) -> str:
    """A language's name in English, for the search page's filter (its code if unknown)."""
    return NAMES.get(lang, lang)


def lunr_pipeline(lang: str) -> list[str]:
    """The search pipeline lunr-index.json names for an archive in this language: the
    function lunr.js (with lunr-languages registered for it) stems queries with."""
    if lang == ENGLISH:
        return ["stemmer"]
    code = "no" if lang in ("nb", "nn") else lang
    return [f"stemmer-{code}"] if code in LUNR_LANGUAGES else []


def present(docs) -> list[str]:
    """The languages of these documents (`SearchDoc.lang`), sorted."""
    return sorted({doc.lang for doc in docs})
