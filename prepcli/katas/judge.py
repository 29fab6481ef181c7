"""Judging in the parent: a user's result against the reference's, case by case, and the timing.

Results are compared by value, shape and dtype kind (per-dtype tolerances, or the kata's own
``compare``), gradients against the reference's, exceptions by type; inputs must come back
unchanged, repeated calls of a random function must differ (or agree, given one generator).
Nothing here runs user code: the children report, this module decides.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from prepcli.katas.child.wire import WireError, grad_key, out_key, output_keys

# (rtol, atol) by the precision of the case's inputs
TOLERANCES = {"float64": (1e-6, 1e-7), "float32": (1e-4, 1e-5)}

GROUPS = {"public": "public examples", "random": "hidden cases", "edge": "edge cases",
          "probe": "stability", "gradcheck": "gradcheck", "large": "large inputs",
          "randomness": "randomness"}
GROUP_ORDER = ["public examples", "hidden cases", "edge cases", "randomness", "stability",
               "gradients", "gradcheck", "large inputs"]


@dataclass
class Result:
    """What one child reported for one case (a ``result`` or ``output`` frame)."""

    head: dict[str, Any]
    arrays: dict[str, Any] = field(default_factory=dict)

    @property
    def raised(self) -> dict[str, Any] | None:
        r = self.head.get("raised")
        return r if isinstance(r, dict) else None

    @property
    def wrong_type(self) -> str | None:
        w = self.head.get("wrong_type")
        return str(w) if w else None

    def validate(self, names: tuple[str, ...], calls: int = 1) -> None:
        """:class:`WireError` unless the report has what a judge needs."""
        if self.head.get("gradcheck") is not None or self.raised or self.wrong_type:
            return
        for call in range(calls):
            for k in output_keys(names, call):
                if k not in self.arrays:
                    raise WireError(f"the report of case {self.head.get('index')} lacks {k}")
        containers = self.head.get("containers")
        if not isinstance(containers, list) or len(containers) != max(1, len(names)):
            raise WireError(f"the report of case {self.head.get('index')} lacks its containers")


@dataclass
class CaseFailure:
    """Why one case failed."""

    index: int
    message: str
    group: str
    max_error: float | None = None
    output: str | None = None  # the wrong output of a multi-output kata
    stop_grad: bool = False  # a gradient leaking into a stop-gradient input
    mistake_id: str | None = None  # the known mistake this kind of failure means


def group_of(case: dict[str, Any]) -> str:
    if case.get("calls") or case.get("generator") is not None:
        return "randomness"
    return GROUPS.get(case.get("kind", ""), "hidden cases")


def tolerances(case: dict[str, Any], output: str | None = None) -> tuple[float, float]:
    """(rtol, atol) of a case: its ``tolerances[output]`` (multi-output katas), else its
    ``rtol``/``atol``, else by the precision of its inputs."""
    per_output = case.get("tolerances") or {}
    if output is not None and output in per_output:
        rtol, atol = per_output[output]
        return float(rtol), float(atol)
    if "rtol" in case:
        return float(case["rtol"]), float(case.get("atol", 0.0))
    return dtype_tolerances(case)


def gradient_tolerances(case: dict[str, Any], names: tuple[str, ...] = ()) -> tuple[float, float]:
    """(rtol, atol) of gradients (atol scaled by the largest expected |g|): a backward pass
    rounds more than the forward one."""
    rtol, atol = tolerances(case, names[0] if names else None)
    return max(rtol, 1e-5) * 10, atol * 10


def dtype_tolerances(case: dict[str, Any]) -> tuple[float, float]:
    """(rtol, atol) of :data:`TOLERANCES` for the least precise float input of a case."""
    dtypes = {str(a.dtype) for a in case["args"] if hasattr(a, "dtype")}
    return TOLERANCES["float32" if "float32" in dtypes else "float64"]


def compare_arrays(expected: Any, got: Any, rtol: float, atol: float,
                   *, scale_atol: bool = False) -> tuple[bool, str, float | None]:
    """(ok, what is wrong, largest absolute error). NaN matches only NaN; inf only the same inf.

    ``scale_atol`` multiplies atol by the largest |expected| (for gradients, whose size
    depends on the reduction).
    """
    import numpy as np

    if got.shape != expected.shape:
        return False, f"shape {got.shape}, expected {expected.shape}", None
    if expected.dtype.kind in "iub" and got.dtype.kind not in "iub" and got.size:
        return False, f"dtype {got.dtype}, expected integers", None
    if expected.dtype.kind == "f" and got.dtype.kind not in "fiu":
        return False, f"dtype {got.dtype}, expected floats", None
    if got.size == 0:
        return True, "", 0.0
    if expected.dtype.kind in "iub" and got.dtype.kind in "iub":
        return _compare_integers(expected, got)
    e = expected.astype(np.float64)
    g = got.astype(np.float64)
    with np.errstate(all="ignore"):
        if scale_atol:
            finite = np.abs(e[np.isfinite(e)])
            atol = atol * max(float(finite.max()) if finite.size else 0.0, 1e-12)
        nan_e, nan_g = np.isnan(e), np.isnan(g)
        if np.any(nan_g & ~nan_e):
            k = int(np.argmax(nan_g & ~nan_e))
            return False, f"NaN at flat index {k} where {e.flat[k]:.6g} was expected", None
        inf_bad = (np.isinf(e) | np.isinf(g)) & (e != g)
        if np.any(inf_bad):
            k = int(np.argmax(inf_bad))
            return False, f"{g.flat[k]} at flat index {k} where {e.flat[k]:.6g} was expected", None
        special = nan_e | np.isinf(e)
        diff = np.where(special, 0.0, np.abs(g - e))
        ok_mask = special | (diff <= atol + rtol * np.abs(e))
    max_err = float(diff.max())
    if np.all(ok_mask):
        return True, "", max_err
    k = int(np.argmax(~ok_mask))
    where = f"at index {tuple(int(i) for i in np.unravel_index(k, e.shape))}: " if e.ndim else ""
    return (False, f"{where}got {g.flat[k]:.8g}, expected "
            f"{e.flat[k]:.8g} (largest error {max_err:.3g}, tolerance {atol:.1g} + {rtol:.1g}*|x|)",
            max_err)


def _compare_integers(expected: Any, got: Any) -> tuple[bool, str, float | None]:
    """Integers compare exactly, whatever their size: float64 would round above 2**53."""
    import numpy as np

    if expected.dtype.kind == got.dtype.kind or "b" in (expected.dtype.kind, got.dtype.kind):
        wide = np.uint64 if "u" in (expected.dtype.kind, got.dtype.kind) and \
            "i" not in (expected.dtype.kind, got.dtype.kind) else np.int64
        bad = expected.astype(wide) != got.astype(wide)
    else:  # int64 against uint64: compare as Python integers
        bad = np.asarray(expected.astype(object) != got.astype(object), dtype=bool)
    if not np.any(bad):
        return True, "", 0.0
    k = int(np.argmax(bad))
    e, g = int(expected.flat[k]), int(got.flat[k])
    where = f"at index {tuple(int(i) for i in np.unravel_index(k, expected.shape))}: " \
        if expected.ndim else ""
    return False, f"{where}got {g}, expected {e} (integers compare exactly)", float(abs(g - e))


def summarise_array(a: Any, limit: int = 24) -> str:
    """Small arrays in full (rounded), large ones as shape, dtype and range."""
    import numpy as np

    if not isinstance(a, np.ndarray):
        return repr(a)
    if a.size <= limit:
        with np.printoptions(precision=4, suppress=True, threshold=limit, linewidth=100):
            body = np.array2string(a, separator=", ")
        return f"{body}  {a.dtype}" if a.dtype.kind == "f" and a.dtype != np.float64 else body
    if a.dtype.kind in "fiu" and a.size:
        with np.errstate(all="ignore"):
            return (f"array of shape {a.shape}, {a.dtype}, values in "
                    f"[{np.nanmin(a) if a.dtype.kind == 'f' else a.min():.4g}, "
                    f"{np.nanmax(a) if a.dtype.kind == 'f' else a.max():.4g}]")
    return f"array of shape {a.shape}, {a.dtype}"


def summarise_case(case: dict[str, Any], arg_names: list[str] | None = None) -> str:
    parts = []
    for j, a in enumerate(case["args"]):
        name = arg_names[j] if arg_names and j < len(arg_names) else f"arg{j}"
        parts.append(f"{name} = {summarise_array(a)}")
    for k, v in case["kwargs"].items():
        parts.append(f"{k} = {summarise_array(v)}")
    return "\n".join(parts)


def input_name(key: str, arg_names: list[str]) -> str:
    """``arg2`` -> the signature's name of argument 2; keywords stay as they are."""
    if key.startswith("arg") and key[3:].isdigit():
        j = int(key[3:])
        return arg_names[j] if j < len(arg_names) else f"argument {j}"
    return key


@dataclass
class Judge:
    """Everything a case verdict depends on besides the case: the kata's own compare, etc."""

    framework: str
    names: tuple[str, ...] = ()  # a multi-output kata's outputs
    custom_compare: Any = None  # cases.py ``compare``
    arg_names: list[str] = field(default_factory=list)
    mutable_inputs: frozenset[str] = frozenset()  # may change in place (manifest)
    check_inputs: bool = True  # inputs must come back unchanged (manifest)

    def case(self, index: int, case: dict[str, Any], expected: Result,
             got: Result) -> CaseFailure | None:
        """None when ``got`` is right; errors (raised, wrong type) are the caller's business."""
        group = group_of(case)

        def fail(msg: str, grp: str = group, **kw: Any) -> CaseFailure:
            return CaseFailure(index, msg, grp, **kw)

        if case.get("kind") == "gradcheck":
            if got.head.get("gradcheck"):
                return None
            return fail("torch.autograd.gradcheck failed in float64: "
                        + str(got.head.get("message") or ""))
        if case.get("raises"):
            want = case["raises"]
            r = got.raised
            if r is not None:
                if want in (r.get("mro") or []):
                    return None
                return fail(f"raised {r.get('type')}, expected {want}")
            return fail(f"returned a result; expected it to raise {want}")
        bad = self._outputs(case, expected.arrays, got, 0, fail)
        if bad is not None:
            return bad
        n_calls = max(1, int(case.get("calls") or 1))
        for call in range(1, n_calls):
            moved = {k.replace(f"@{call}", ""): v for k, v in got.arrays.items()
                     if k.endswith(f"@{call}")}
            bad = self._outputs(case, expected.arrays, Result(got.head, moved), call, fail)
            if bad is not None:
                return bad
        bad = self._randomness(case, got, n_calls, fail)
        if bad is not None:
            return bad
        if case.get("grad"):
            bad = self._gradients(case, expected.arrays, got, fail)
            if bad is not None:
                return bad
        return self._unchanged_inputs(case, expected, got, fail)

    def _outputs(self, case: dict[str, Any], exp_arrays: dict[str, Any], got: Result,
                 call: int, fail: Any) -> CaseFailure | None:
        import numpy as np

        names = self.names
        labels: list[str | None] = list(names) or [None]
        containers = got.head.get("containers") or []
        again = f" (call {call + 1} of the same case)" if call else ""
        for k, (label, key, container) in enumerate(zip(labels, output_keys(names), containers)):
            pre = f"{label}: " if label else ""
            allowed = {"numpy": {"ndarray", "list", "tuple", "scalar"},
                       "torch": {"tensor", "list", "tuple"}}[self.framework]
            if case.get("grad") and k == 0:
                allowed = {"tensor"}
            if container not in allowed:
                want = "a torch.Tensor" if self.framework == "torch" else "a numpy.ndarray"
                return fail(f"{pre}returned a {container}; expected {want}", output=label)
            exp, out = exp_arrays.get(key), got.arrays[key]
            if exp is None:
                raise WireError(f"the reference's report lacks {key}")
            if container in ("list", "tuple") and out.size == 0 and exp.size == 0:
                out = out.astype(exp.dtype).reshape(exp.shape)
            ok, text, err = self.compare_output(case, exp, out, label)
            if not ok:
                return fail(pre + text + again, max_error=err, output=label)
            if case.get("finite") and not np.all(np.isfinite(out)):
                what = f"{label} is" if label else "the result is"
                return fail(f"{what} not finite: {summarise_array(out)}", "stability",
                            output=label)
        return None

    def compare_output(self, case: dict[str, Any], exp: Any, out: Any,
                       label: str | None = None) -> tuple[bool, str, float | None]:
        """One output against the reference's: the kata's own compare, else the tolerances."""
        import numpy as np

        custom = self.custom_compare
        if custom is not None:
            return custom(case, exp, out, output=label) if self.names else custom(case, exp, out)
        rtol, atol = tolerances(case, label)
        if case.get("kind") == "large" and "rtol" not in case:
            if exp.dtype == np.float32 or out.dtype == np.float32:
                rtol, atol = max(rtol, TOLERANCES["float32"][0]), max(atol, TOLERANCES["float32"][1])
            rtol, atol = rtol * 10, atol * 10  # longer sums round more
        return compare_arrays(exp, out, rtol, atol)

    def outputs_right(self, case: dict[str, Any], exp_arrays: dict[str, Any],
                      got_arrays: dict[str, Any]) -> bool:
        """Every output of ``got_arrays`` passes against the reference's (values only)."""
        labels: list[str | None] = list(self.names) or [None]
        for key, label in zip(output_keys(self.names), labels):
            exp, out = exp_arrays.get(key), got_arrays.get(key)
            if exp is None or out is None or not hasattr(out, "shape"):
                return False
            try:
                if not self.compare_output(case, exp, out, label)[0]:
                    return False
            except Exception:  # noqa: BLE001 - a shape the kata's compare does not expect
                return False
        return True

    def _randomness(self, case: dict[str, Any], got: Result, n_calls: int,
                    fail: Any) -> CaseFailure | None:
        import numpy as np

        across = case.get("across_calls")
        ids = case.get("mistake_ids") or {}
        rng = got.head.get("rng") or []
        if across and n_calls >= 2:
            keys = output_keys(self.names)
            same = all(np.array_equal(got.arrays[k], got.arrays[f"{k}@{c}"], equal_nan=True)
                       for c in range(1, n_calls) for k in keys)
            if across == "differ" and same:
                reseeds = (len(rng) >= 2 and rng[0].get("changed")
                           and rng[0].get("after") == rng[1].get("after"))
                if reseeds:
                    return fail("two calls on the same input gave the same random result, and "
                                "the global random state was reset on each call: do not seed "
                                "(torch.manual_seed / np.random.seed) inside the function",
                                mistake_id=ids.get("reseeds-global"))
                return fail("two calls on the same input gave the same random result: draw "
                            "new random numbers on every call (no fixed seed or fixed mask)",
                            mistake_id=ids.get("same-every-call"))
            if across == "same" and not same:
                return fail("two calls with generators seeded alike gave different results: "
                            "draw the random numbers from the `generator` argument",
                            mistake_id=ids.get("generator-ignored"))
        if case.get("global_rng") == "untouched" and any(r.get("changed") for r in rng):
            return fail("the global random state changed although a generator was passed: "
                        "draw from `generator` (torch.rand(..., generator=generator)), not from "
                        "the global RNG", mistake_id=ids.get("generator-ignored"))
        return None

    def _gradients(self, case: dict[str, Any], exp_arrays: dict[str, Any], got: Result,
                   fail: Any) -> CaseFailure | None:
        import numpy as np

        names = self.names
        if case.get("finite") and not got.head.get("finite_grads", True):
            return fail("the gradients are not finite (NaN or inf)", "stability")
        loss = f" ({names[0]})" if names else ""
        problem = got.head.get("grad_problem")
        if problem == "no-grad":
            return fail(f"the result{loss} does not backpropagate (no grad_fn): stay in torch, "
                        "no .item(), .numpy(), torch.tensor(...) or .detach() on the way",
                        "gradients")
        if problem:
            return fail(f"gradient{loss}: {problem}", "gradients")
        rtol, atol = gradient_tolerances(case, names)
        stop = set(case.get("stop_grad") or [])
        for k, arg in enumerate(case["grad"]):
            g_exp, g_got = exp_arrays.get(grad_key(k)), got.arrays.get(grad_key(k))
            if g_exp is None or g_got is None:
                return fail("gradient missing", "gradients")
            if case.get("finite") and not np.all(np.isfinite(g_got)):
                return fail("the gradients are not finite (NaN or inf)", "stability")
            if arg in stop and np.any(g_got != 0):
                return fail(f"gradient{loss} w.r.t. argument {arg} is not zero (largest "
                            f"{float(np.abs(g_got).max()):.3g}): that input is a constant "
                            "target; stop the gradient with .detach()", "gradients",
                            stop_grad=True)
            ok, text, err = compare_arrays(g_exp, g_got, rtol, atol, scale_atol=True)
            if not ok:
                return fail(f"gradient{loss} w.r.t. argument {arg}: {text}",
                            "stability" if case.get("finite") else "gradients", max_error=err)
        return None

    def _unchanged_inputs(self, case: dict[str, Any], expected: Result, got: Result,
                          fail: Any) -> CaseFailure | None:
        if not self.check_inputs:
            return None
        allowed = set(expected.head.get("modified") or [])  # the reference does it too
        for key in got.head.get("modified") or []:
            name = input_name(str(key), self.arg_names)
            if key in allowed or name in self.mutable_inputs:
                continue
            return fail(f"modified its input `{name}` in place; the caller's arrays must come "
                        "back unchanged: compute into new arrays (or work on a .copy() / "
                        ".clone())")
        return None


# -- timing ----------------------------------------------------------------------------------


def median(xs: list[float]) -> float:
    s = sorted(xs)
    m = len(s) // 2
    return s[m] if len(s) % 2 else (s[m - 1] + s[m]) / 2


def fit_exponent(ns: list[float], ts: list[float]) -> float | None:
    pts = [(math.log(n), math.log(t)) for n, t in zip(ns, ts) if n and t and t > 0]
    if len(pts) < 2:
        return None
    mx = sum(p[0] for p in pts) / len(pts)
    my = sum(p[1] for p in pts) / len(pts)
    sxx = sum((p[0] - mx) ** 2 for p in pts)
    if sxx == 0:
        return None
    return sum((p[0] - mx) * (p[1] - my) for p in pts) / sxx


__all__ = ["CaseFailure", "Judge", "Result", "compare_arrays", "fit_exponent", "group_of",
           "median", "out_key", "summarise_array", "summarise_case", "tolerances"]
