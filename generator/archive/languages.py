"""Language tags (BCP 47, as `lang` and archive.yaml's `language` hold them): the primary
language a tag names, and the direction its script is written in."""

from __future__ import annotations

# Languages written right to left in their usual script: Arabic, Hebrew (and its old code),
# Persian, Urdu, Yiddish, Pashto, Sindhi, Uyghur, Dhivehi, Central Kurdish.
RTL = frozenset({"ar", "he", "iw", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb"})


def primary(tag: str) -> str:
    """The primary language subtag, lowercased: `pt-BR` -> `pt`."""
    return tag.split("-", 1)[0].lower()


def direction(tag: str | None) -> str:
    """"rtl" or "ltr": how text in this language is written (a tag's script subtag, such
    as `az-Arab` or `ku-Arab`, decides where it has one)."""
    if not tag:
        return "ltr"
    subtags = tag.lower().split("-")
    if "arab" in subtags or "hebr" in subtags:
        return "rtl"
    if any(len(s) == 4 and s.isalpha() for s in subtags[1:]):
        return "ltr"  # another script named: Latin, Cyrillic, ...
    return "rtl" if subtags[0] in RTL else "ltr"
