"""The one "did you mean": for topics, tags, katas, question ids and setting names.

Close means few keystrokes away (a swap of two letters counts as one, so `nsm` finds `nms`,
not `sam`), then difflib's similarity for longer names. A name that is unknown as one kind
but known as another (`prep quiz nms`, where `nms` is a tag) is pointed to that other use.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def keystrokes(a: str, b: str) -> int:
    """Optimal-string-alignment distance: insertions, deletions, substitutions, adjacent swaps."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def did_you_mean(name: str, known: Iterable[str]) -> str | None:
    """The known name the user most likely meant, or None when nothing is close."""
    import difflib

    name = name.strip().lower()
    pool = sorted(set(known))
    if not name or not pool:
        return None
    budget = 1 if len(name) <= 4 else 2
    scored = sorted((keystrokes(name, k.lower()), k) for k in pool)
    if scored[0][0] <= budget:
        return scored[0][1]
    close = difflib.get_close_matches(name, pool, n=1, cutoff=0.75)
    return close[0] if close else None


def unknown_message(kind: str, name: str, known: Iterable[str], *,
                    elsewhere: Mapping[str, str] | None = None, list_known: bool = True) -> str:
    """`unknown topic 'nms'. Did you mean `--tag nms`? Known topics: ...`

    `elsewhere` maps names known in another role to how to use them there
    (`{"nms": "--tag nms"}`); an exact or close match there wins over a weak match here.
    """
    pool = sorted(set(known))
    hint = None
    if elsewhere:
        exact = elsewhere.get(name.strip().lower())
        if exact is not None:
            hint = exact
    if hint is None:
        close = did_you_mean(name, pool)
        if close is not None:
            hint = close
        elif elsewhere:
            other = did_you_mean(name, elsewhere)
            hint = elsewhere[other] if other is not None else None
    text = f"unknown {kind} {name!r}."
    if hint is not None:
        text += f" Did you mean `{hint}`?"
    if list_known:
        text += f" Known {kind}s: {', '.join(pool) or '(none)'}."
    return text
