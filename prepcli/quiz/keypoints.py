"""Open questions graded by key points: the user ticks what they covered, prep suggests a grade.

The share of key points covered maps onto FSRS's four grades the way an interviewer would
score it: everything said is Good (Easy stays the user's call), at least half is Hard (it was
recalled, with gaps), less than half is Again.
"""

from __future__ import annotations

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def suggest_grade(covered: int, total: int) -> int:
    """FSRS grade 1-3 suggested for `covered` of `total` key points (no key points: Good)."""
    if total <= 0:
        return 3
    share = covered / total
    if share >= 1.0:
        return 3
    if share >= 0.5:
        return 2
    return 1


def parse_covered(text: str, total: int) -> tuple[int, ...]:
    """Letters of the key points covered (`a c`, `a,c`, `all`, or nothing for none).

    Raises ValueError with a one-line reason for anything else, so the prompt can ask again.
    """
    t = text.strip().lower()
    if t in ("", "-", "none"):
        return ()
    if t == "all":
        return tuple(range(total))
    picked = []
    for token in t.replace(",", " ").split():
        for ch in token:
            i = LETTERS.find(ch)
            if i < 0 or i >= total:
                raise ValueError(f"key points are a to {LETTERS[total - 1]}; type their letters, "
                                 "`all`, or press Enter for none")
            if i not in picked:
                picked.append(i)
    return tuple(sorted(picked))
