"""The language of an imported page that names it other than by `<html lang>` (its `og:locale`), and
of a text whose page does not name it at all: py3langid's guess, taken only when it is sure, so
that a wrong guess never picks an article's stemmer."""

from __future__ import annotations

import re
from functools import lru_cache

CONFIDENT = 0.95  # py3langid's normalised probability: below it the text keeps no `lang`
LEAST = 200  # characters: shorter texts (a headline and a line) are too often guessed wrong
SAMPLE = 5_000  # characters read: enough to be sure, and quick on a long text


_LOCALE = re.compile(r"^([a-z]{2,3})(?:[_-]([A-Za-z]{2}|\d{3}))?$")


def og_locale(tree) -> str | None:
    """The page's `<meta property="og:locale" content="de_DE">` as a language tag (`de-DE`)."""
    for value in tree.xpath('//meta[@property="og:locale"]/@content')[:1]:
        match = _LOCALE.match(value.strip())
        if match:
            return match[1] + (f"-{match[2].upper()}" if match[2] else "")
    return None


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # (loading its model takes a second)

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detected(title: str, body: str) -> str | None:
    """The ISO 639-1 code of the text's language, or None when unsure."""
    text = f"{title}\n{body[:SAMPLE]}"
    if len(text.strip()) < LEAST:
        return None
    lang, probability = _identifier().classify(text)
    return lang if probability >= CONFIDENT else None
