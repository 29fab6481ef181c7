"""Every known mistake of every kata is told apart from the reference by the generated cases.

In-process, no child: each MISTAKES function and the reference run on the public and hidden
cases of each of eight seeds (every seed, so no mistake is caught by luck); a mistake must differ from the reference on at least one case by more
than ten times the case's tolerance (the margin the diagnosis itself uses) and be rejected by
the kata's ``compare`` when it has one. A mistake that never differs could never be named.
"""

from __future__ import annotations

import importlib.util
import re
from typing import Any

import numpy as np
import pytest
from katahelp import MINE

from prepcli.katas.casefile import load_cases_module
from prepcli.katas.catalog import get_kata
from prepcli.katas.judge import compare_arrays, tolerances

SEEDS = tuple(range(8))


def _reference(kata: str, fw: str) -> Any:
    spec = get_kata(kata)
    s = importlib.util.spec_from_file_location(f"_ref_differ_{kata}", spec.reference_path)
    assert s is not None and s.loader is not None
    mod = importlib.util.module_from_spec(s)
    s.loader.exec_module(mod)
    return getattr(mod, f"{kata}_{fw}")


def _call(fn: Any, case: dict[str, Any], fw: str) -> Any:
    args = [a.copy() if isinstance(a, np.ndarray) else a for a in case["args"]]
    kwargs = {k: (v.copy() if isinstance(v, np.ndarray) else v) for k, v in case["kwargs"].items()}
    if fw == "torch":
        import torch

        args = [torch.from_numpy(a) if isinstance(a, np.ndarray) else a for a in args]
        kwargs = {k: (torch.from_numpy(v) if isinstance(v, np.ndarray) else v)
                  for k, v in kwargs.items()}
    return fn(*args, **kwargs)


def _numpy(x: Any) -> np.ndarray:
    if hasattr(x, "detach"):
        return x.detach().cpu().numpy()
    return np.asarray(x)


def _outputs(result: Any, n: int) -> list[np.ndarray]:
    if n:
        return [_numpy(r) for r in result]
    return [_numpy(result)]


def _differs(mod: Any, case: dict[str, Any], names: tuple[str, ...], ref: list[np.ndarray],
             got: list[np.ndarray]) -> bool:
    custom = getattr(mod, "compare", None)
    labels: list[str | None] = list(names) or [None]
    for label, e, g in zip(labels, ref, got):
        if e.shape != g.shape:
            return True
        if e.dtype.kind in "iub" or g.dtype.kind in "iub":
            if not np.array_equal(e.astype(np.int64), g.astype(np.int64)):
                return custom is None or not _custom_ok(custom, case, e, g, label, names)
            continue
        rtol, atol = tolerances(case, label)
        if compare_arrays(e, g, rtol * 10, atol * 10)[0]:
            continue
        if custom is None or not _custom_ok(custom, case, e, g, label, names):
            return True
    return False


def _custom_ok(custom: Any, case: dict[str, Any], e: np.ndarray, g: np.ndarray,
               label: str | None, names: tuple[str, ...]) -> bool:
    return bool((custom(case, e, g, output=label) if names else custom(case, e, g))[0])


@pytest.mark.parametrize("kata", MINE)
def test_every_mistake_differs_from_the_reference(kata: str) -> None:
    spec = get_kata(kata)
    mod = load_cases_module(spec)
    mfw = getattr(mod, "MISTAKES_FRAMEWORK", "numpy")
    if mfw == "torch" or "numpy" not in spec.frameworks:
        pytest.importorskip("torch")
    ref_fw = mfw if mfw in spec.frameworks else spec.default_framework
    ref = _reference(kata, ref_fw)
    names = tuple(spec.outputs)
    missed: dict[str, list[int]] = {}
    for seed in SEEDS:
        seen: dict[str, str] = {}
        cases = [dict(c, kind="public") for c in mod.public_cases()]
        cases += mod.hidden_cases(np.random.default_rng(seed))
        for case in cases:
            if case.get("raises") or case.get("kind") == "gradcheck":
                continue
            expected = _outputs(_call(ref, case, ref_fw), len(names))
            for mid, _msg, fn in mod.MISTAKES:
                if mid in seen:
                    continue
                try:
                    got = _outputs(_call(fn, case, mfw), len(names))
                except Exception:  # noqa: BLE001 - a mistake that does not apply to this case
                    continue
                if _differs(mod, case, names, expected, got):
                    seen[mid] = case["name"]
        for mid, _m, _f in mod.MISTAKES:
            if mid not in seen:
                missed.setdefault(mid, []).append(seed)
    assert not missed, f"{kata}: mistakes the cases of these seeds do not catch: {missed}"


@pytest.mark.parametrize("kata", MINE)
def test_mistake_ids_and_messages_are_unique(kata: str) -> None:
    mod = load_cases_module(get_kata(kata))
    ids = [m[0] for m in mod.MISTAKES]
    assert len(ids) == len(set(ids)), ids
    messages = [m[1] for m in mod.MISTAKES]
    assert len(messages) == len(set(messages))
    for mid, msg, _fn in mod.MISTAKES:
        assert msg.strip() and "\n" not in msg, (mid, msg)
        assert re.fullmatch(r"[A-Za-z0-9.-]+", mid), mid


@pytest.mark.parametrize("kata", MINE)
def test_no_two_mistakes_are_the_same_on_every_case(kata: str) -> None:
    """Two mistakes that agree on every case could not be told apart: the diagnosis would name
    whichever comes first."""
    spec = get_kata(kata)
    mod = load_cases_module(spec)
    mfw = getattr(mod, "MISTAKES_FRAMEWORK", "numpy")
    if mfw == "torch":
        pytest.importorskip("torch")
    names = tuple(spec.outputs)
    cases = [dict(c, kind="public") for c in mod.public_cases()]
    cases += mod.hidden_cases(np.random.default_rng(0))
    cases = [c for c in cases if not c.get("raises") and c.get("kind") != "gradcheck"]
    outs: dict[str, list[list[np.ndarray] | None]] = {}
    for mid, _msg, fn in mod.MISTAKES:
        row: list[list[np.ndarray] | None] = []
        for case in cases:
            try:
                row.append(_outputs(_call(fn, case, mfw), len(names)))
            except Exception:  # noqa: BLE001 - does not apply to this case
                row.append(None)
        outs[mid] = row
    ids = list(outs)
    same = []
    for a in range(len(ids)):
        for b in range(a + 1, len(ids)):
            ra, rb = outs[ids[a]], outs[ids[b]]
            if not any(x is not None and y is not None and _differs(mod, c, names, x, y)
                       for c, x, y in zip(cases, ra, rb)):
                same.append((ids[a], ids[b]))
    assert not same, f"{kata}: these mistakes give the same result on every case: {same}"


GRADIENT_KATAS = [k for k in MINE if getattr(load_cases_module(get_kata(k)), "GRADIENT_MISTAKES", [])]


@pytest.mark.parametrize("kata", GRADIENT_KATAS)
def test_every_gradient_mistake_keeps_the_values_and_changes_the_gradients(kata: str) -> None:
    """A GRADIENT_MISTAKES entry is named only from gradients, so its values must be the
    reference's on every case and its gradients must differ on some case of every seed."""
    torch = pytest.importorskip("torch")
    spec = get_kata(kata)
    mod = load_cases_module(spec)
    ref = _reference(kata, "torch")

    def value_and_grads(fn: Any, case: dict[str, Any]) -> tuple[np.ndarray, list[np.ndarray]]:
        args = [torch.tensor(a, requires_grad=j in case["grad"]) if isinstance(a, np.ndarray) else a
                for j, a in enumerate(case["args"])]
        out = fn(*args, **case["kwargs"])
        leaves = [args[j] for j in case["grad"]]
        w = torch.linspace(0.5, 1.5, out.numel(), dtype=out.dtype).reshape(out.shape)
        return _numpy(out), [_numpy(g) for g in torch.autograd.grad(out, leaves, w)]

    for seed in SEEDS:
        changed = set()
        cases = [dict(c, kind="public") for c in mod.public_cases()]
        cases += mod.hidden_cases(np.random.default_rng(seed))
        for case in cases:
            if not case.get("grad") or case.get("raises") or case.get("kind") == "gradcheck" \
                    or case.get("finite"):
                continue
            value, grads = value_and_grads(ref, case)
            rtol, atol = tolerances(case)
            for mid, _msg, fn in mod.GRADIENT_MISTAKES:
                m_value, m_grads = value_and_grads(fn, case)
                assert compare_arrays(value, m_value, rtol, atol)[0], (mid, case["name"])
                if not all(compare_arrays(g, mg, max(rtol, 1e-5) * 10, atol * 10, scale_atol=True)[0]
                           for g, mg in zip(grads, m_grads)):
                    changed.add(mid)
        assert changed == {m[0] for m in mod.GRADIENT_MISTAKES}, (seed, changed)
