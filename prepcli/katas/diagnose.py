"""Naming the known mistake behind a wrong result (the kata's ``MISTAKES``), in the parent."""

from __future__ import annotations

from typing import Any

from prepcli.katas.child.wire import mistake_key, output_keys
from prepcli.katas.judge import CaseFailure, compare_arrays, tolerances


def _same(a: Any, b: Any, case: dict[str, Any], output: str | None = None) -> bool:
    if a is None or b is None or a.shape != b.shape:
        return False
    if a.dtype.kind in "iu" or b.dtype.kind in "iu":
        return bool((a.astype("int64") == b.astype("int64")).all())
    rtol, atol = tolerances(case, output)
    return compare_arrays(a, b, rtol * 10, atol * 10)[0]


def _same_all(a: dict[str, Any], b: dict[str, Any], case: dict[str, Any],
              names: tuple[str, ...]) -> bool:
    """Every output of ``a`` matches the same one of ``b`` (keys as :func:`output_keys`)."""
    labels: list[str | None] = list(names) or [None]
    return all(_same(a.get(k), b.get(k), case, n) for k, n in zip(output_keys(names), labels))


def diagnose(failures: list[CaseFailure], expected: dict[int, dict[str, Any]],
             outputs: dict[int, dict[str, Any]], cases: list[dict[str, Any]], cases_mod: Any,
             names: tuple[str, ...] = ()) -> tuple[str, str] | None:
    """(mistake id, description) that best explains the user's outputs, or None.

    In order: the first failure naming its mistake (randomness checks); instability on a probe
    case (``STABILITY_HINT``); a gradient leaking into a stop-gradient input
    (``STOP_GRAD_HINT``); else the mistake that reproduces the user's output on a failing case
    where it differs from the reference, agreeing with the user on the most cases.
    """
    if not failures:
        return None
    mistakes = {mid: desc for mid, desc, _fn in getattr(cases_mod, "MISTAKES", [])}
    first = failures[0]
    if first.mistake_id in mistakes:
        return str(first.mistake_id), mistakes[str(first.mistake_id)]
    if cases[first.index].get("kind") == "probe" and first.group == "stability":
        return "unstable", getattr(cases_mod, "STABILITY_HINT", "numerically unstable: the "
                                   "result or its gradient overflows at extreme inputs")
    if first.stop_grad and hasattr(cases_mod, "STOP_GRAD_HINT"):
        mid, desc = cases_mod.STOP_GRAD_HINT
        return str(mid), str(desc)
    failing = {f.index for f in failures}
    keys = output_keys(names)
    labels: list[str | None] = list(names) or [None]
    best: tuple[int, str] | None = None
    for mid in mistakes:
        explains = False
        agree = 0
        for i, got_arrays in outputs.items():
            exp = expected.get(i)
            if exp is None:
                continue
            m = {k: exp.get(mistake_key(mid, n)) for k, n in zip(keys, labels)}
            if any(got_arrays.get(k) is None or m[k] is None for k in keys):
                continue
            if _same_all(m, got_arrays, cases[i], names):
                agree += 1
                if i in failing and not _same_all(m, exp, cases[i], names):
                    explains = True
        if explains and (best is None or agree > best[0]):
            best = (agree, mid)
    if best is None:  # a later failure that names its mistake
        named = next((f.mistake_id for f in failures if f.mistake_id in mistakes), None)
        return (str(named), mistakes[str(named)]) if named else None
    return best[1], mistakes[best[1]]
