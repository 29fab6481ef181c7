"""Text as the quiz compares it: normalised words, spelling variants, terms, edit distance.

The banks layer owns this so that the loader (which refuses an answer with nothing to match)
and the grader (which judges a typed term) normalise the same way, and banks never import
the quiz.
"""

from __future__ import annotations

import re
import unicodedata

ARTICLES = frozenset({"a", "an", "the"})

# Words that name the kind of thing, not which one: "GELU activation" is GELU, "focal loss" is
# focal. Dropped from both sides of a comparison (unless nothing else is left).
GENERIC_WORDS = frozenset({
    "activation", "activations", "function", "functions", "loss", "losses", "layer", "layers",
    "distance", "initialization", "initializations", "init", "initializer", "method", "methods",
    "technique", "trick", "operation", "operator", "op", "module", "metric", "approach", "scheme",
    "strategy", "criterion", "objective", "algorithm",
})

# whole-word British -> American spellings the suffix rules below do not cover
_SPELLINGS = {"grey": "gray", "centre": "center", "centres": "centers", "metre": "meter",
              "litre": "liter", "fibre": "fiber", "aluminium": "aluminum", "defence": "defense",
              "licence": "license", "programme": "program", "catalogue": "catalog",
              "analogue": "analog", "dialogue": "dialog", "neighbour": "neighbor"}
_SUFFIXES = (
    (re.compile(r"isation(s?)$"), r"ization\1"),
    (re.compile(r"(?<=[a-z]{2})is(e|es|ed|er|ers|ing)$"), r"iz\1"),
    (re.compile(r"(?<=[a-z])ys(e|es|ed|ing)$"), r"yz\1"),
    (re.compile(r"(?<=[a-z]{3})our(s|ed|ing|ite|ites|hood|hoods)?$"), r"or\1"),
    (re.compile(r"(?<=[a-z]{2}[aeiou])ll(ing|ed|er|ers)$"), r"l\1"),
)


def fold(text: str) -> str:
    """Lowercase without accents, NFKC width-folded (ｆｏｃａｌ -> focal)."""
    s = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def words_of(text: str) -> list[str]:
    """The words of `text`: folded, possessive 's dropped, punctuation and `_` as spaces."""
    s = fold(text)
    s = re.sub(r"(?<=\w)['’]s\b", "", s)
    s = re.sub(r"[^\w\s]|_", " ", s)
    return s.split()


def normalise_text(text: str) -> str:
    """Lowercase, strip accents, punctuation to spaces, drop articles, collapse spaces."""
    return " ".join(w for w in words_of(text) if w not in ARTICLES)


def american(word: str) -> str:
    """One spelling per word: -ise/-isation/-our/-yse/-lled and a few whole words -> American.

    Applied to both sides of every comparison, so a rare over-eager rewrite ("noise" ->
    "noize") changes nothing that is compared.
    """
    if word in _SPELLINGS:
        return _SPELLINGS[word]
    for pattern, repl in _SUFFIXES:
        new = pattern.sub(repl, word)
        if new != word:
            return new
    return word


def term_words(text: str) -> tuple[str, ...]:
    """The words that identify a term: normalised, American spelling, generic words dropped.

    `"Kaiming He initialisation"` -> `("kaiming", "he")`; `"loss"` alone stays `("loss",)`.
    """
    words = [american(w) for w in words_of(text) if w not in ARTICLES]
    specific = [w for w in words if w not in GENERIC_WORDS]
    return tuple(specific or words)


def term_key(text: str) -> str:
    """A term without spaces: `"Pixel-Shuffle"`, `"pixel shuffle"`, `"PixelShuffle"` -> `pixelshuffle`."""
    return "".join(term_words(text))


def initials(text: str) -> str:
    """The acronym of a term (`"Earth Mover's distance"` -> `emd`), over all its words."""
    return "".join(w[0] for w in (american(w) for w in words_of(text) if w not in ARTICLES))


def edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance."""
    if abs(len(a) - len(b)) > 3:
        return abs(len(a) - len(b))
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def typo_budget(length: int) -> int:
    """Edits forgiven for an expected term of `length` characters (none for short words,
    where one letter changes the meaning: `l1` vs `l2`, `map` vs `mae`)."""
    if length <= 4:
        return 0
    if length <= 8:
        return 1
    return 2
