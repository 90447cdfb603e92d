"""Deterministic word-level tokenizer built from the training data, with hashed buckets for unseen words."""
from __future__ import annotations

import json
import re
import zlib
from collections import Counter
from pathlib import Path
from typing import Iterable, List, Sequence

PAD, UNK, BOS, EOS, SEP = "<pad>", "<unk>", "<bos>", "<eos>", "<sep>"
SPECIAL_TOKENS = (PAD, UNK, BOS, EOS, SEP)
_WORD_PATTERN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[^\sa-z0-9]")


def split_words(text: str) -> List[str]:
    """Lower-case words, numbers and single punctuation marks."""
    return _WORD_PATTERN.findall(text.lower())


class WordTokenizer:
    """Word vocabulary from the training texts; an unseen word maps to one of `oov_buckets` hashed ids.

    The hashed buckets keep "same word in question and answer" visible to the model for words never seen in
    training (rare drug or disease names), which a single <unk> id would erase.
    """

    def __init__(self, words: Sequence[str], oov_buckets: int) -> None:
        self.words = list(words)
        self.oov_buckets = int(oov_buckets)
        self.special_ids = {token: index for index, token in enumerate(SPECIAL_TOKENS)}
        self.word_ids = {word: index + len(SPECIAL_TOKENS) for index, word in enumerate(self.words)}
        self.first_oov_id = len(SPECIAL_TOKENS) + len(self.words)

    @classmethod
    def build(cls, texts: Iterable[str], max_words: int = 8000, min_count: int = 2, oov_buckets: int = 512):
        """Keep the `max_words` most frequent words seen at least `min_count` times (ties broken alphabetically)."""
        counts = Counter(word for text in texts for word in split_words(text))
        ranked = sorted((word for word, count in counts.items() if count >= min_count), key=lambda w: (-counts[w], w))
        return cls(ranked[:max_words], oov_buckets)

    @property
    def vocab_size(self) -> int:
        """Number of ids, specials and hashed buckets included."""
        return self.first_oov_id + self.oov_buckets

    @property
    def first_word_id(self) -> int:
        """Lowest id that stands for a word (vocabulary or hashed bucket)."""
        return len(SPECIAL_TOKENS)

    @property
    def pad_id(self) -> int:
        return self.special_ids[PAD]

    @property
    def bos_id(self) -> int:
        return self.special_ids[BOS]

    @property
    def eos_id(self) -> int:
        return self.special_ids[EOS]

    @property
    def sep_id(self) -> int:
        return self.special_ids[SEP]

    def word_to_id(self, word: str) -> int:
        """Vocabulary id, or a stable hashed bucket (crc32, not Python's salted hash)."""
        known = self.word_ids.get(word)
        if known is not None:
            return known
        if self.oov_buckets == 0:
            return self.special_ids[UNK]
        return self.first_oov_id + zlib.crc32(word.encode("utf-8")) % self.oov_buckets

    def encode(self, text: str) -> List[int]:
        """Ids of the words of `text` (no special tokens added)."""
        return [self.word_to_id(word) for word in split_words(text)]

    def decode(self, ids: Iterable[int]) -> str:
        """Words joined by spaces; padding and control tokens dropped, hashed buckets shown as <unk>."""
        words = []
        for index in ids:
            index = int(index)
            if index in (self.pad_id, self.bos_id, self.eos_id, self.sep_id):
                continue
            if len(SPECIAL_TOKENS) <= index < self.first_oov_id:
                words.append(self.words[index - len(SPECIAL_TOKENS)])
            else:
                words.append(UNK)
        return " ".join(words)

    def is_known_word(self, index: int) -> bool:
        """True for ids of vocabulary words (not specials, not hashed buckets)."""
        return len(SPECIAL_TOKENS) <= index < self.first_oov_id

    def save(self, path: Path) -> None:
        """Write tokenizer.json."""
        payload = {"kind": "clinrank-word", "version": 1, "oov_buckets": self.oov_buckets,
                   "special_tokens": list(SPECIAL_TOKENS), "words": self.words}
        path.write_text(json.dumps(payload), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> "WordTokenizer":
        """Read tokenizer.json written by `save`."""
        payload = json.loads(path.read_text(encoding="utf-8"))
        if payload.get("kind") != "clinrank-word" or payload.get("special_tokens") != list(SPECIAL_TOKENS):
            raise ValueError(f"{path} is not a clinrank word tokenizer")
        return cls(payload["words"], payload["oov_buckets"])
