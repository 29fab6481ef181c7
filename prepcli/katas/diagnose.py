"""Naming the known mistake behind a wrong result (the kata's ``MISTAKES``), in the parent."""

from __future__ import annotations

from typing import Any

from prepcli.katas.child.wire import grad_key, mistake_key, output_keys
from prepcli.katas.judge import (
    CaseFailure,
    Judge,
    compare_arrays,
    gradient_tolerances,
    group_of,
    tolerances,
)


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
             judge: Judge) -> tuple[str, str] | None:
    """(mistake id, description) that explains the user's outputs, or None.

    In order: the first failure naming its mistake (randomness checks); instability on a probe
    case (``STABILITY_HINT``); a gradient leaking into a stop-gradient input
    (``STOP_GRAD_HINT``); else a mistake that explains *every* case: where the user's result is
    wrong the mistake's is wrong too (and, when results compare as plain arrays, is the user's),
    where the user's is right the mistake's is right, and on at least one failing case the two
    are the same array. A mistake that matches one failing case by coincidence is never named:
    no diagnosis is better than a wrong one. Among several, the one matching most cases. For a
    random function only the exact matches on failing cases count.
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
    names = judge.names
    keys = output_keys(names)
    labels: list[str | None] = list(names) or [None]
    exact_only = judge.custom_compare is None  # one right array per case: wrong = the mistake's
    # a random result (dropout) shows a mistake only when the mask happens to reveal it, so
    # one case cannot contradict a mistake there: exact matches on failing cases decide
    strict = not any(group_of(c) == "randomness" for c in cases)
    failing = {f.index for f in failures}
    comparable = [i for i in outputs if i < len(cases) and i in expected and not cases[i].get("raises")]
    best: tuple[int, int, str] | None = None
    for mid in mistakes:
        hits = agree = 0
        for i in comparable:
            m = {k: expected[i].get(mistake_key(mid, n)) for k, n in zip(keys, labels)}
            if any(v is None for v in m.values()):
                continue  # the mistake does not apply to this case (it raised, or no output)
            same = _same_all(m, outputs[i], cases[i], names)
            agree += same
            user_wrong = i in failing
            if strict:
                if judge.outputs_right(cases[i], expected[i], m) == user_wrong:
                    if same:
                        continue  # one side of the tolerance edge, the other within 10x of it
                    break  # right where the user is wrong, or wrong where the user is right
                if user_wrong:
                    if exact_only and not same:
                        break  # wrong, but not the way the user is wrong
                    hits += same
            elif user_wrong and same and not _same_all(m, expected[i], cases[i], names):
                hits += 1
        else:
            if hits and (best is None or (hits, agree) > best[:2]):
                best = (hits, agree, mid)
    if best is None:
        found = _gradient_mistake(failing, expected, outputs, cases, cases_mod, names)
        if found:
            return found
    if best is None:  # a later failure that names its mistake
        named = next((f.mistake_id for f in failures if f.mistake_id in mistakes), None)
        return (str(named), mistakes[str(named)]) if named else None
    return best[2], mistakes[best[2]]


def _same_grads(a: dict[str, Any], b: dict[str, Any], case: dict[str, Any],
                names: tuple[str, ...]) -> bool:
    keys = [grad_key(k) for k in range(len(case["grad"]))]
    if any(a.get(k) is None or b.get(k) is None or a[k].shape != b[k].shape for k in keys):
        return False
    rtol, atol = gradient_tolerances(case, names)
    return all(compare_arrays(a[k], b[k], rtol, atol, scale_atol=True)[0] for k in keys)


def _gradient_mistake(failing: set[int], expected: dict[int, dict[str, Any]],
                      outputs: dict[int, dict[str, Any]], cases: list[dict[str, Any]],
                      cases_mod: Any, names: tuple[str, ...]) -> tuple[str, str] | None:
    """A ``GRADIENT_MISTAKES`` entry (right values, wrong gradients, e.g. a weight that should
    be detached) whose gradients are the user's on every case where the user's are wrong, and
    the reference's where the user's are right."""
    best: tuple[int, str, str] | None = None
    for mid, desc, _fn in getattr(cases_mod, "GRADIENT_MISTAKES", []):
        hits = 0
        for i, got in outputs.items():
            case = cases[i] if i < len(cases) else {}
            if not case.get("grad") or case.get("kind") == "gradcheck" or i not in expected:
                continue
            m = {grad_key(k): expected[i].get(mistake_key(mid, grad_key(k)))
                 for k in range(len(case["grad"]))}
            if any(v is None for v in m.values()):
                continue
            like_ref = _same_grads(m, expected[i], case, names)
            like_user = _same_grads(m, got, case, names)
            if i in failing and (like_ref or not like_user):
                break  # the user's gradients are wrong, and not the way the mistake's are
            if i not in failing and not like_ref and not like_user:
                break  # the mistake changes the gradients where the user's are right
            hits += i in failing
        else:
            if hits and (best is None or hits > best[0]):
                best = (hits, str(mid), str(desc))
    return (best[1], best[2]) if best else None
