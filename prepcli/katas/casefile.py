"""A kata's cases file: loaded, its cases generated, and every case checked before a run.

A cases file is kata content, so a broken one (it raises, or a case lacks ``args`` or spells a
key wrong) is one ``FILE: what is wrong`` line (:class:`KataCatalogError`), never a traceback in
the middle of a check or a key silently ignored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prepcli.katas.catalog import KataCatalogError, KataSpec

KINDS = ("public", "random", "edge", "probe", "gradcheck")
_NUMBER = (int, float)


def _is_index_list(v: Any) -> bool:
    return isinstance(v, (list, tuple)) and all(isinstance(i, int) and not isinstance(i, bool)
                                                 for i in v)


# key -> (what it must be, the test); see prepcli/katas/__init__.py for what each means
CASE_KEYS: dict[str, tuple[str, Any]] = {
    "name": ("a non-empty string", lambda v: isinstance(v, str) and bool(v.strip())),
    "kind": (" or ".join(KINDS), lambda v: v in KINDS),
    "args": ("a list of arguments", lambda v: isinstance(v, (list, tuple))),
    "kwargs": ("a mapping of keyword arguments",
               lambda v: isinstance(v, dict) and all(isinstance(k, str) for k in v)),
    "grad": ("a list of argument indices", _is_index_list),
    "stop_grad": ("a list of argument indices", _is_index_list),
    "raises": ("an exception name such as 'ValueError'", lambda v: isinstance(v, str) and v.isidentifier()),
    "finite": ("true or false", lambda v: isinstance(v, bool)),
    "rtol": ("a number >= 0", lambda v: isinstance(v, _NUMBER) and not isinstance(v, bool) and v >= 0),
    "atol": ("a number >= 0", lambda v: isinstance(v, _NUMBER) and not isinstance(v, bool) and v >= 0),
    "tolerances": ("a mapping of output name to [rtol, atol]",
                   lambda v: isinstance(v, dict) and all(isinstance(t, (list, tuple)) and len(t) == 2
                                                         for t in v.values())),
    "calls": ("an integer >= 1", lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 1),
    "generator": ("an integer seed", lambda v: isinstance(v, int) and not isinstance(v, bool)),
    "generator_arg": ("a keyword name", lambda v: isinstance(v, str) and v.isidentifier()),
    "across_calls": ("'differ' or 'same'", lambda v: v in ("differ", "same")),
    "global_rng": ("'untouched'", lambda v: v == "untouched"),
    "mistake_ids": ("a mapping of randomness check to MISTAKES id",
                    lambda v: isinstance(v, dict) and all(isinstance(x, str) for x in v.values())),
}
REQUIRED = ("name", "kind", "args")


def load_cases_module(spec: KataSpec) -> Any:
    """The kata's cases module, or what its shared one's ``for_variant(spec.variant)`` returns."""
    import importlib.util
    import sys

    name = f"_prep_cases_{spec.id}"
    s = importlib.util.spec_from_file_location(name, spec.cases_path)
    assert s is not None and s.loader is not None
    mod = importlib.util.module_from_spec(s)
    sys.modules[name] = mod
    try:
        s.loader.exec_module(mod)
        if spec.variant is not None:
            mod = mod.for_variant(spec.variant)
    except Exception as exc:  # noqa: BLE001 - kata content: one line naming the file
        what = f"for_variant({spec.variant!r}) " if spec.variant is not None else ""
        raise _broken(spec.cases_path, f"{what}raised {type(exc).__name__}: {exc}") from None
    finally:
        sys.modules.pop(name, None)
    missing = [a for a in ("public_cases", "hidden_cases", "timing_input", "MISTAKES")
               if not hasattr(mod, a)]
    if missing:
        raise _broken(spec.cases_path, f"defines no {', '.join(missing)}")
    return mod


def make_cases(spec: KataSpec, seed: int, cases_mod: Any | None = None) -> list[dict[str, Any]]:
    """Public examples first, then the hidden cases drawn with ``seed``; each one checked."""
    import numpy as np

    mod = cases_mod or load_cases_module(spec)
    try:
        cases = [dict(c, kind="public") for c in mod.public_cases()]
        cases += mod.hidden_cases(np.random.default_rng(seed))
    except Exception as exc:  # noqa: BLE001 - kata content: one line naming the file
        raise _broken(spec.cases_path, f"generating the cases (seed {seed}) raised "
                                       f"{type(exc).__name__}: {exc}") from None
    mistake_ids = {m[0] for m in mod.MISTAKES}
    for i, case in enumerate(cases):
        problem = case_problem(case, mistake_ids)
        if problem:
            label = case.get("name") if isinstance(case, dict) else None
            raise _broken(spec.cases_path, f"case {i + 1}" + (f" ({label!r})" if label else "")
                          + f": {problem}")
    return cases


def case_problem(case: Any, mistake_ids: set[str]) -> str:
    """What is wrong with one case dict ('' if nothing)."""
    if not isinstance(case, dict):
        return f"not a dict but {type(case).__name__}"
    problems = [f"missing {k}" for k in REQUIRED if k not in case]
    for key, value in case.items():
        rule = CASE_KEYS.get(key)
        if rule is None:
            from prepcli.suggest import did_you_mean

            close = did_you_mean(str(key), tuple(CASE_KEYS))
            problems.append(f"unknown key {key!r}" + (f" (did you mean {close!r}?)" if close else ""))
        elif not rule[1](value):
            problems.append(f"{key} must be {rule[0]}, not {value!r:.40}")
    n_args = len(case["args"]) if isinstance(case.get("args"), (list, tuple)) else None
    for key in ("grad", "stop_grad"):
        if n_args is not None and _is_index_list(case.get(key)) and any(
                not 0 <= i < n_args for i in case[key]):
            problems.append(f"{key} names an argument index outside 0..{n_args - 1}")
    if (_is_index_list(case.get("stop_grad")) and _is_index_list(case.get("grad")) and case["grad"]
            and not set(case["stop_grad"]) <= set(case["grad"])):
        problems.append("stop_grad indices must also be in grad")
    unknown = sorted(set((case.get("mistake_ids") or {}).values()) - mistake_ids) \
        if isinstance(case.get("mistake_ids"), dict) else []
    if unknown:
        problems.append(f"mistake_ids names no MISTAKES entry: {', '.join(map(str, unknown))}")
    return "; ".join(problems)


def _broken(path: Path, what: str) -> KataCatalogError:
    return KataCatalogError(f"{path}: {what}. The kata's cases file is damaged: reinstall prep "
                            "(pip install --force-reinstall .), or fix it if you are writing the kata.")
