"""Term counts of many texts at once, with numpy: no Python work per token.

Counting token by token through a dict (`tokens.TermNumberer`) costs about
0.5 µs a token, most of the search stage. Here a chunk of texts becomes one
UTF-8 byte array, split at white space by table lookup. Each token is known
by an exact key, its length and its first 16 bytes read as two integers (a
longer token by a number Python gives it); keys are grouped by sorting a hash
of them (numpy's sort is SIMD-fast where argsort is not, so each sort key
carries its position in its low bits), and every token's key is then checked
against its group's first, so a hash collision can never merge two tokens
(such a chunk is counted the exact way instead). Only raw tokens never seen
before meet Python, to learn their terms.
"""

from __future__ import annotations

import re
from typing import Sequence

import numpy as np

from generator.search.tokens import TermNumberer, raw_tokens

# str.split() splits at str.isspace() characters: these bytes in ASCII, and the
# characters below elsewhere (tests check both lists against str.isspace()).
_SPACE_BYTES = np.array([chr(b).isspace() for b in range(128)] + [False] * 128)
OTHER_SPACES = "\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_OTHER_SPACE = re.compile(f"[{OTHER_SPACES}]")

SHORT = 16  # bytes: tokens up to this long are keyed by their bytes; longer ones by Python
_LONG = SHORT + 1  # the key length of every longer token
_U64 = np.uint64
_MASKS = np.array([(1 << (8 * n)) - 1 for n in range(9)], dtype=np.uint64)  # the low n bytes
MEMO_LIMIT = 1_000_000  # keys remembered before the memo starts afresh

Counts = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]
Pairs = tuple[np.ndarray, np.ndarray]  # (text, word) pairs: texts and words, int32


def _mix(values: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser, in place: every input bit moves the high bits, which grouping keeps."""
    values ^= values >> _U64(30)
    values *= _U64(0xBF58476D1CE4E5B9)
    values ^= values >> _U64(27)
    values *= _U64(0x94D049BB133111EB)
    values ^= values >> _U64(31)
    return values


class BulkCounter:
    """Counts chunks of texts with a numberer, remembering each short raw token's meaning by its key."""

    def __init__(self, numberer: TermNumberer) -> None:
        self.numberer = numberer
        empty = np.zeros(0, dtype=np.uint64)
        # The memo, sorted by hash: each known key (length, first word, second word) and what it stands for.
        self.hashes, self.lengths, self.first, self.second = empty, empty, empty, empty
        self.values = np.zeros(0, dtype=np.int64)
        self.words = np.zeros(0, dtype=np.int64)

    def count(self, texts: Sequence[str]) -> Counts:
        """For consecutive texts: the term numbers and frequencies of each text's terms (in the
        order they first appear in it), entries per text, and each text's length in terms.
        The same as counting each text with the numberer."""
        counted = self._count(texts, 1, with_words=False)
        return counted[0] if counted is not None else exact(texts, self.numberer)

    def count_words(self, texts: Sequence[str], per: int = 1) -> tuple[Counts, Pairs]:
        """`count`, and which words (surface forms, `TermNumberer.words`) each group of `per`
        consecutive texts (a document's fields) holds: (group, word number) pairs, each once,
        ascending."""
        counted = self._count(texts, per)
        if counted is not None:
            return counted
        return exact(texts, self.numberer), exact_words(texts, self.numberer, per)

    def _count(self, texts: Sequence[str], per: int = 1, with_words: bool = True) -> tuple[Counts, Pairs | None] | None:
        """`count_words`, or None if two distinct keys share a hash."""
        n_rows = len(texts)
        encoded = []
        for text in texts:
            text = text.lower().replace("-", " ")  # lunr's tokenizer: white space and hyphens
            if not text.isascii():
                text = _OTHER_SPACE.sub(" ", text)
            encoded.append(text.encode("utf-8", "surrogatepass"))
        text_starts = np.zeros(n_rows, dtype=np.int64)
        np.cumsum([len(b) + 1 for b in encoded[:-1]], out=text_starts[1:])
        data = b"\n".join(encoded) + bytes(SHORT)  # padded, so that 8 bytes can be read at any start
        del encoded
        size = len(data) - SHORT
        points = np.frombuffer(data, dtype=np.uint8, count=size)
        word = np.zeros(size + 2, dtype=bool)
        np.logical_not(_SPACE_BYTES[points], out=word[1:-1])
        bounds = np.flatnonzero(word[1:] != word[:-1])
        del word
        starts, ends = bounds[0::2], bounds[1::2]
        n_tokens = len(starts)
        if n_tokens == 0:
            empty = np.zeros(0, dtype=np.int32)
            return (empty, empty, np.zeros(n_rows, np.int32), np.zeros(n_rows, np.int32)), (empty, empty)

        # Each token's exact key: its length, and its first 16 bytes as two little-endian integers.
        lengths = (ends - starts).astype(np.uint64)
        words = np.ndarray((size + SHORT - 7,), dtype="<u8", buffer=data, strides=(1,))  # 8 bytes at each offset
        first = words[starts] & _MASKS[np.minimum(lengths, 8)]
        second = words[starts + 8] & _MASKS[np.clip(lengths.astype(np.int64) - 8, 0, 8)]
        long = np.flatnonzero(lengths > SHORT)
        if len(long):  # numbered exactly by their bytes, in Python: they are few
            numbers: dict[bytes, int] = {}
            first[long] = [numbers.setdefault(data[s:e], len(numbers))
                           for s, e in zip(starts[long].tolist(), ends[long].tolist())]
            second[long] = 0
            lengths[long] = _LONG
        hashes = _mix(first ^ _mix(second ^ _mix(lengths.copy())))

        # Group equal hashes (their high bits), each group's first its first occurrence.
        bits = n_tokens.bit_length()
        order, starting = _sorted((hashes >> _U64(bits)) << _U64(bits), bits)
        group = np.empty(n_tokens, dtype=np.int64)  # each token's group
        group[order] = np.cumsum(starting) - 1
        leaders = order[starting]  # each group's first token
        del order, starting
        for column in (lengths, first, second):  # exact: every token's key is its group's
            if not np.array_equal(column, column[leaders][group]):
                return None

        mapped, words = self._meanings(data, starts[leaders], ends[leaders], lengths[leaders], first[leaders],
                                       second[leaders], hashes[leaders])
        numberer = self.numberer
        if (mapped != numberer.SEVERAL).all():
            token_mapped = mapped[group]
            term_tokens = np.flatnonzero(token_mapped != numberer.DROP)
            terms = token_mapped[term_tokens]
            word_tokens = term_tokens  # (every token of one term has a word)
        else:  # some raw tokens stand for several terms (CJK): expand every token to its terms
            found = [numberer.terms_of(raw) for raw in _raws(data, starts[leaders], ends[leaders])]
            per_raw = np.array([len(f) for f in found], dtype=np.int64)
            flat = np.array([t for f in found for t in f], dtype=np.int64)
            per_token = per_raw[group]
            term_tokens = np.repeat(np.arange(n_tokens), per_token)
            within = np.arange(len(term_tokens)) - np.repeat(np.cumsum(per_token) - per_token, per_token)
            terms = flat[(np.cumsum(per_raw) - per_raw)[group[term_tokens]] + within]
            word_tokens = np.flatnonzero(words[group] >= 0)
        rows = np.searchsorted(text_starts, starts[term_tokens], side="right") - 1
        counted = _grouped(rows, terms, n_rows)
        if counted is None:
            return None
        if not with_words:
            return counted, None
        if word_tokens is not term_tokens:
            rows = np.searchsorted(text_starts, starts[word_tokens], side="right") - 1
        return counted, word_pairs(rows // per, words[group[word_tokens]])

    def _meanings(self, data: bytes, starts, ends, lengths, first, second, hashes) -> tuple[np.ndarray, np.ndarray]:
        """What each distinct key stands for (a term number, DROP or SEVERAL) and its word number
        (-1 for none), from the memo or learnt."""
        mapped = np.empty(len(hashes), dtype=np.int64)
        words = np.empty(len(hashes), dtype=np.int64)
        at = np.minimum(np.searchsorted(self.hashes, hashes), max(len(self.hashes) - 1, 0))
        known = np.zeros(len(hashes), dtype=bool)
        if len(self.hashes):
            known = ((self.hashes[at] == hashes) & (self.lengths[at] == lengths)
                     & (self.first[at] == first) & (self.second[at] == second))
            mapped[known] = self.values[at[known]]
            words[known] = self.words[at[known]]
        new = np.flatnonzero(~known)
        if len(new):
            raws = _raws(data, starts[new], ends[new])
            mapped[new] = self.numberer.lookup(raws)
            words[new] = self.numberer.word_numbers_of(raws)
            self._remember(new[lengths[new] <= SHORT], lengths, first, second, hashes, mapped, words)
        return mapped, words

    def _remember(self, new, lengths, first, second, hashes, mapped, words) -> None:
        if len(self.hashes) + len(new) > MEMO_LIMIT:
            self.__init__(self.numberer)
        order = np.argsort(hashes[new], kind="stable")
        new = new[order]
        at = np.searchsorted(self.hashes, hashes[new])
        self.hashes = np.insert(self.hashes, at, hashes[new])
        self.lengths = np.insert(self.lengths, at, lengths[new])
        self.first = np.insert(self.first, at, first[new])
        self.second = np.insert(self.second, at, second[new])
        self.values = np.insert(self.values, at, mapped[new])
        self.words = np.insert(self.words, at, words[new])


def _sorted(keys: np.ndarray, bits: int) -> tuple[np.ndarray, np.ndarray]:
    """The positions of `keys` (whose low `bits` are zero) in sorted order, and which of them start a
    run of equal keys. Each key carries its position in its low bits: numpy's sort is SIMD-fast where
    argsort is not, and equal keys stay in position order, so a run's first is its first occurrence."""
    keys |= np.arange(len(keys), dtype=np.uint64)
    keys.sort()
    positions = (keys & _U64((1 << bits) - 1)).astype(np.int64)
    keys >>= _U64(bits)
    starting = np.empty(len(keys), dtype=bool)
    starting[:1] = True
    np.not_equal(keys[1:], keys[:-1], out=starting[1:])
    return positions, starting


def _raws(data: bytes, starts: np.ndarray, ends: np.ndarray) -> list[str]:
    return [data[s:e].decode("utf-8", "surrogatepass") for s, e in zip(starts.tolist(), ends.tolist())]


def _grouped(rows: np.ndarray, terms: np.ndarray, n_rows: int) -> Counts | None:
    """Per row, each term once with its count, in the order terms first appear in the row."""
    row_lengths = np.bincount(rows, minlength=n_rows).astype(np.int32)
    n_terms = len(terms)
    if n_terms == 0:
        empty = np.zeros(0, dtype=np.int32)
        return empty, empty, np.zeros(n_rows, np.int32), row_lengths
    position_bits = n_terms.bit_length()
    term_bits = int(terms.max()).bit_length()
    if n_rows.bit_length() + term_bits + position_bits > 64:
        return None
    keys = rows.astype(np.uint64) << _U64(term_bits + position_bits) | terms.astype(np.uint64) << _U64(position_bits)
    positions, starting = _sorted(keys, position_bits)
    group_starts = np.flatnonzero(starting)
    firsts = positions[group_starts]  # where each (row, term) first appears
    counts = np.zeros(n_terms, dtype=np.int32)
    counts[firsts] = np.diff(np.append(group_starts, n_terms))
    entries = np.sort(firsts)  # in order of first appearance, so rows in order too
    sizes = np.bincount(rows[entries], minlength=n_rows).astype(np.int32)
    return terms[entries].astype(np.int32), counts[entries], sizes, row_lengths


def word_pairs(texts: np.ndarray, words: np.ndarray) -> Pairs:
    """The distinct (text, word) pairs, ascending."""
    keys = texts.astype(np.int64) << 32 | words.astype(np.int64)
    keys.sort()  # (np.unique hashes: several times slower than this sort)
    keep = np.empty(len(keys), dtype=bool)
    keep[:1] = True
    np.not_equal(keys[1:], keys[:-1], out=keep[1:])
    keys = keys[keep]
    return (keys >> 32).astype(np.int32), (keys & 0xFFFFFFFF).astype(np.int32)


def exact_words(texts: Sequence[str], numberer: TermNumberer, per: int = 1) -> Pairs:
    """`BulkCounter.count_words`'s pairs, one text at a time (after `exact` has seen the texts)."""
    rows: list[int] = []
    words: list[int] = []
    for row, text in enumerate(texts):
        found = [w for w in numberer.word_numbers_of(raw_tokens(text)) if w >= 0]
        rows.extend([row // per] * len(found))
        words.extend(found)
    return word_pairs(np.array(rows, dtype=np.int64), np.array(words, dtype=np.int64))


def exact(texts: Sequence[str], numberer: TermNumberer) -> Counts:
    """`BulkCounter.count`, one text at a time through the numberer's dict."""
    terms: list[int] = []
    tfs: list[int] = []
    sizes: list[int] = []
    lengths: list[int] = []
    for text in texts:
        counts = numberer(text)
        terms.extend(counts)
        tfs.extend(counts.values())
        sizes.append(len(counts))
        lengths.append(sum(counts.values()))
    return tuple(np.array(column, dtype=np.int32) for column in (terms, tfs, sizes, lengths))  # type: ignore
