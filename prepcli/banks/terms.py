"""Short answers judged as terms, not strings.

A typed answer is compared with the question's answer and `accept` forms as a *term*: case,
accents, punctuation, hyphens and spaces, articles, British/American spelling and generic words
("loss", "activation", "initialization"...) never matter. A typo is forgiven only when it cannot
be another term: the vocabulary of every short answer, accept/reject entry and tag of the loaded
banks is consulted, and an answer that is itself a known term, is closer to another term than to
the right one, or only differs by a negating prefix ("pixel unshuffle" for PixelShuffle), is
wrong. A question's `reject` list is always wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from prepcli.banks.text import (
    edit_distance,
    initials,
    normalise_text,
    term_key,
    term_words,
    typo_budget,
)
from prepcli.banks.types import Verdict

if TYPE_CHECKING:
    from prepcli.banks.model import Question

__all__ = ["Vocabulary", "judge_term", "term_key"]

NEGATING_PREFIXES = ("un", "non", "de", "dis", "anti", "in", "inverse", "reverse", "no", "re")


@dataclass(frozen=True)
class Vocabulary:
    """The term keys (see `term_key`) of every term the loaded banks know."""

    keys: frozenset[str] = frozenset()

    @classmethod
    def from_questions(cls, questions: Iterable[Question]) -> Vocabulary:
        keys: set[str] = set()
        for q in questions:
            if q.type == "short":
                keys.update(term_key(t) for t in (q.answer, *q.accept, *q.reject))
            keys.update(term_key(t.replace("-", " ")) for t in q.tags)
        keys.discard("")
        return cls(frozenset(keys))


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


def _negated(a: str, b: str) -> bool:
    """`a` is `b` with a negating prefix inserted at a word start or inside (or the reverse):
    `pixelunshuffle` / `pixelshuffle`, `deconvolution` / `convolution`."""
    for x, y in ((a, b), (b, a)):
        for p in NEGATING_PREFIXES:
            start = x.find(p)
            while start != -1:
                if x[:start] + x[start + len(p):] == y:
                    return True
                start = x.find(p, start + 1)
    return False


def judge_term(typed: str, answer: str, accept: tuple[str, ...] = (), reject: tuple[str, ...] = (),
               vocabulary: Vocabulary | None = None) -> Verdict:
    """Right when `typed` names the same term as `answer` or one of `accept` (see the module)."""
    got_words = term_words(typed)
    got = "".join(got_words)
    if not got:
        return Verdict(False)
    for r in reject:
        if got == term_key(r):
            return Verdict(False, f"{r.strip()} is a different term from {answer}")
    forms = [(form, term_words(form)) for form in (answer, *accept)]
    right_keys = {"".join(words) for _, words in forms}
    if got in right_keys:
        return Verdict(True)
    known = vocabulary.keys if vocabulary is not None else frozenset()
    other_term = got in known
    # an abbreviation of a right form: "EMD" (or "EM distance") for Earth Mover's distance
    if not other_term and len(got_words) == 1 and len(got) >= 2:
        for form, words in forms:
            if len(words) >= 2 and got in (initials(form), "".join(w[0] for w in words)):
                return Verdict(True)
    # the right term with words taken from the other right forms: "Kaiming He initialisation"
    pool = {w for _, words in forms for w in words}
    if set(got_words) <= pool and any(set(words) <= set(got_words) for _, words in forms):
        return Verdict(True)
    if other_term:
        return Verdict(False)
    # a typo, if it cannot be another term; a typo never hits the first letter ("local loss" is
    # not a typo of "focal loss"); spelling rules are compared with and without ("colxur")
    best: tuple[int, str, str] | None = None
    got_plain = normalise_text(typed).replace(" ", "")
    for form, words in forms:
        budget = typo_budget(len("".join(words)))  # generic words earn no extra typos
        for mine, want in ((got, "".join(words)), (got_plain, normalise_text(form).replace(" ", ""))):
            if not want or not mine or _digits(mine) != _digits(want) or mine[0] != want[0]:
                continue
            d = edit_distance(mine, want)
            if d <= budget and (best is None or d < best[0]):
                best = (d, "".join(words), form)
    if best is None:
        return Verdict(False)
    d, want, form = best
    if _negated(got, want):
        return Verdict(False)
    for key in known:
        if key not in right_keys and abs(len(key) - len(got)) <= d and edit_distance(got, key) <= d:
            return Verdict(False)
    return Verdict(True, f"spelled: {form}")
