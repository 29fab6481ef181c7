"""Calling the function under test inside a kata child: fresh inputs, outputs as arrays, gradients.

Loaded by path by :mod:`bootstrap` (never imports ``prepcli``); nothing here judges a result.
"""

from __future__ import annotations

import hashlib
import os
import sys
import traceback
from typing import Any


class WrongType(Exception):
    """The function returned something that is not an array (a str, a dict, a ragged list...)."""


class Fatal(Exception):
    """The child cannot go on (sys.exit, MemoryError...): carries the error report's header."""

    def __init__(self, header: dict[str, Any]) -> None:
        super().__init__(header.get("message", ""))
        self.header = header


def type_name(obj: Any) -> str:
    t = type(obj)
    return t.__name__ if t.__module__ == "builtins" else f"{t.__module__}.{t.__qualname__}"


def user_traceback(exc: BaseException, user_file: str) -> str:
    """The traceback restricted to the user's own frames (plus the exception line)."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if user_file and os.path.abspath(f.filename) == user_file]
    lines = traceback.format_list(frames[-6:]) if frames else []
    lines += traceback.format_exception_only(type(exc), exc)
    return "".join(lines)[-3000:]


def is_out_of_memory(exc: BaseException) -> bool:
    if isinstance(exc, MemoryError):
        return True
    text = str(exc)
    return isinstance(exc, RuntimeError) and ("can't allocate memory" in text
                                              or "not enough memory" in text)


def error_header(exc: BaseException, phase: str, user_file: str, **where: Any) -> dict[str, Any]:
    """The ERROR report for an exception the child cannot carry on after."""
    if isinstance(exc, SystemExit):
        kind, msg = "exit", f"sys.exit({exc.code!r}) called"
    elif is_out_of_memory(exc):
        kind, msg = "memory", f"ran out of memory ({type(exc).__name__})"
    elif isinstance(exc, NotImplementedError):
        kind, msg = "not-implemented", user_traceback(exc, user_file)
    elif isinstance(exc, KeyboardInterrupt):
        kind, msg = "crash", "interrupted (KeyboardInterrupt)"
    else:
        kind = "import-error" if phase == "import" else "exception"
        msg = user_traceback(exc, user_file)
    return {"type": "error", "kind": kind, "phase": phase, "exception": type(exc).__name__,
            "message": msg, **where}


def raised_info(exc: BaseException, user_file: str) -> dict[str, Any]:
    return {"type": type(exc).__name__, "mro": [c.__name__ for c in type(exc).__mro__],
            "message": str(exc)[:300], "traceback": user_traceback(exc, user_file)}


def to_numpy(obj: Any, torch: Any) -> tuple[Any, str]:
    """(array, container) for what a kata function returned; the parent judges the container."""
    import numpy as np

    if torch is not None and isinstance(obj, torch.Tensor):
        t = obj.detach().cpu()
        if t.dtype in (torch.bfloat16, torch.float16):
            t = t.float()
        return t.numpy().copy(), "tensor"
    if isinstance(obj, np.ndarray):
        if obj.dtype.kind not in "biuf":
            raise WrongType(f"numpy array of dtype {obj.dtype}")
        return np.array(obj), "ndarray"
    if isinstance(obj, bool):
        raise WrongType("bool")
    if isinstance(obj, (int, float, np.generic)):
        arr = np.asarray(obj)
        if arr.dtype.kind not in "biuf":
            raise WrongType(type_name(obj))
        return arr, "scalar"
    if isinstance(obj, (list, tuple)):
        items = [to_numpy(x, torch)[0] for x in obj]
        try:
            arr = np.array(items) if items else np.zeros(0)
        except ValueError:
            raise WrongType(f"ragged {type(obj).__name__}") from None
        if arr.dtype.kind not in "biuf":
            raise WrongType(f"{type(obj).__name__} of {arr.dtype}")
        return arr, type(obj).__name__
    raise WrongType(type_name(obj))


def fresh_inputs(case: dict[str, Any], framework: str, torch: Any, dtype: Any = None,
                 with_grad: bool = True) -> tuple[list[Any], dict[str, Any], list[Any], list[Any]]:
    """(args, kwargs, grad leaves, the NumPy arrays behind the inputs): new copies on every call."""
    import numpy as np

    grad_idx = set(case.get("grad") or []) if with_grad else set()
    args, leaves, backing = [], [], []
    for j, a in enumerate(case["args"]):
        if isinstance(a, np.ndarray):
            a = a.copy()
            backing.append(("arg", j, a))
            if framework == "torch":
                a = torch.from_numpy(a)
                if dtype is not None and a.is_floating_point():
                    a = a.to(dtype)
                if j in grad_idx:
                    a.requires_grad_(True)
                    leaves.append(a)
        args.append(a)
    kwargs = {}
    for k, v in case["kwargs"].items():
        if isinstance(v, np.ndarray):
            v = v.copy()
            backing.append(("kwarg", k, v))
            if framework == "torch":
                v = torch.from_numpy(v)
        kwargs[k] = v
    if case.get("generator") is not None:
        seed = int(case["generator"])
        gen = (torch.Generator().manual_seed(seed) if framework == "torch"
               else np.random.default_rng(seed))
        kwargs[case.get("generator_arg") or "generator"] = gen
    return args, kwargs, leaves, backing


def modified_inputs(case: dict[str, Any], backing: list[Any]) -> list[str]:
    """Names (``arg<j>`` / the keyword) of the array inputs the call changed in place.

    ``backing`` holds the arrays the call received (a tensor made by ``torch.from_numpy``
    shares their memory), compared with the case's pristine inputs.
    """
    import numpy as np

    changed = []
    for where, key, arr in backing:
        original = case["args"][key] if where == "arg" else case["kwargs"][key]
        if arr.shape != original.shape or not np.array_equal(
                arr, original, equal_nan=original.dtype.kind in "fc"):
            changed.append(f"arg{key}" if where == "arg" else str(key))
    return changed


def rng_fingerprint(torch: Any) -> str:
    """A digest of the global random states (torch, NumPy, random): equal digests = same state."""
    import random

    import numpy as np

    h = hashlib.sha1()
    if torch is not None:
        h.update(torch.random.get_rng_state().numpy().tobytes())
    state: Any = np.random.get_state(legacy=True)
    h.update(state[1].tobytes() + str(state[2:]).encode())
    h.update(repr(random.getstate()).encode())
    return h.hexdigest()[:16]


def grads(out: Any, leaves: list[Any], torch: Any,
          zero_ok: frozenset[int] = frozenset()) -> tuple[dict[str, Any], str | None]:
    """Gradients of sum(w * out) w.r.t. the leaves, w a fixed ramp (same in oracle and user).

    A leaf in ``zero_ok`` (positions in ``leaves``: a stop-gradient input) that the result does
    not depend on gets a zero gradient instead of the ``unused`` problem.
    """
    if not leaves:
        return {}, None
    if (isinstance(out, torch.Tensor) and not out.requires_grad
            and len(zero_ok) == len(leaves)):  # only stop-gradient inputs asked about
        return {f"grad{k}": torch.zeros_like(leaf).detach().numpy()
                for k, leaf in enumerate(leaves)}, None
    if not isinstance(out, torch.Tensor) or not out.requires_grad:
        return {}, "no-grad"
    w = torch.linspace(0.5, 1.5, out.numel(), dtype=out.dtype).reshape(out.shape)
    gs = torch.autograd.grad(out, leaves, grad_outputs=w, allow_unused=True)
    arrays = {}
    for k, g in enumerate(gs):
        if g is None and k in zero_ok:
            g = torch.zeros_like(leaves[k])
        if g is None:
            return {}, "unused"
        arrays[f"grad{k}"] = g.detach().numpy().copy()
    return arrays, None


class CaseRunner:
    """Runs the cases of one child: the function under test, plus the known mistakes (oracle)."""

    def __init__(self, wire: Any, fn: Any, framework: str, torch: Any, names: list[str],
                 user_file: str, mistakes: list[Any], mistakes_fw: str,
                 grad_mistakes: list[Any] | None = None) -> None:
        self.wire = wire  # the wire module (array key builders)
        self.grad_mistakes = grad_mistakes or []  # torch: same values, wrong gradients
        self.calls_module = sys.modules[__name__]
        self.fn, self.framework, self.torch, self.names = fn, framework, torch, names
        self.user_file, self.mistakes, self.mistakes_fw = user_file, mistakes, mistakes_fw
        self.one = "a torch.Tensor" if framework == "torch" else "a numpy.ndarray"

    def outputs(self, out: Any, call: int = 0) -> tuple[dict[str, Any], dict[str, Any]]:
        """(header fields, arrays) of one returned value; ``wrong_type`` when it is no array."""
        out_key, names = self.wire.out_key, self.names
        if not names:
            try:
                value, container = to_numpy(out, self.torch)
            except WrongType as exc:
                return {"wrong_type": f"returned a {exc}; expected {self.one}"}, {}
            return ({"containers": [container], "dtypes": [str(value.dtype)]},
                    {out_key(None, call): value})
        want = f"a tuple of {len(names)} ({', '.join(names)})"
        if not isinstance(out, (tuple, list)) or len(out) != len(names):
            got = (f"a {type(out).__name__} of {len(out)}" if isinstance(out, (tuple, list))
                   else f"a {type_name(out)}")
            return {"wrong_type": f"returned {got}; expected {want}"}, {}
        head: dict[str, Any] = {"containers": [], "dtypes": []}
        arrays = {}
        for name, item in zip(names, out):
            try:
                value, container = to_numpy(item, self.torch)
            except WrongType as exc:
                return {"wrong_type": f"returned a {exc} as {name}; expected {self.one} "
                        f"({want})"}, {}
            head["containers"].append(container)
            head["dtypes"].append(str(value.dtype))
            arrays[out_key(name, call)] = value
        return head, arrays

    def run_case(self, index: int, case: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """One case: RESULT header and arrays (outputs, gradients, mistakes' outputs)."""
        if case.get("kind") == "gradcheck":
            return self._gradcheck(index, case), {}
        torch, perf = self.torch, _perf()
        head: dict[str, Any] = {"type": "result", "index": index, "seconds": [], "rng": []}
        arrays: dict[str, Any] = {}
        n_calls = max(1, int(case.get("calls") or 1))
        watch_rng = n_calls > 1 or case.get("generator") is not None
        first_out = leaves0 = None
        for call in range(n_calls):
            args, kwargs, leaves, backing = fresh_inputs(case, self.framework, torch,
                                                         with_grad=call == 0)
            before = rng_fingerprint(torch) if watch_rng else ""
            t0 = perf()
            try:
                out = self.fn(*args, **kwargs)
            except BaseException as exc:  # noqa: BLE001 - reported, judged by the parent
                if (isinstance(exc, Exception) and not is_out_of_memory(exc)
                        and not isinstance(exc, NotImplementedError)):
                    head["raised"] = raised_info(exc, self.user_file)
                    return head, arrays
                raise Fatal(error_header(exc, "call", self.user_file, index=index)) from None
            head["seconds"].append(perf() - t0)
            if watch_rng:
                after = rng_fingerprint(torch)
                head["rng"].append({"changed": after != before, "before": before,
                                    "after": after})
            if call == 0:
                head["modified"] = modified_inputs(case, backing)
                first_out, leaves0 = out, leaves
            fields, outs = self.outputs(out, call)
            if "wrong_type" in fields:
                head.update(fields)
                return head, arrays
            if call == 0:
                head.update(fields)
            arrays.update(outs)
        if leaves0:
            try:
                stop = set(case.get("stop_grad") or [])
                zero_ok = frozenset(k for k, j in enumerate(sorted(set(case.get("grad") or [])))
                                    if j in stop)
                loss = first_out[0] if self.names and isinstance(first_out, (tuple, list)) \
                    else first_out
                g, problem = grads(loss, leaves0, torch, zero_ok)
            except BaseException as exc:  # noqa: BLE001
                if not isinstance(exc, Exception) or is_out_of_memory(exc):
                    raise Fatal(error_header(exc, "backward", self.user_file,
                                             index=index)) from None
                g, problem = {}, "backward raised " + user_traceback(exc, self.user_file)
            import numpy as np

            arrays.update(g)
            head["grad_problem"] = problem
            head["finite_grads"] = bool(all(np.all(np.isfinite(v)) for v in g.values()))
        if self.mistakes:
            arrays.update(self._mistakes(case))
        if self.grad_mistakes and case.get("grad") and torch is not None:
            arrays.update(self._grad_mistakes(case))
        return head, arrays

    def _grad_mistakes(self, case: dict[str, Any]) -> dict[str, Any]:
        """The gradients each known gradient mistake gives on this case (oracle only)."""
        torch, arrays = self.torch, {}
        for mid, _desc, mfn in self.grad_mistakes:
            try:
                margs, mkw, leaves, _ = fresh_inputs(case, "torch", torch)
                out = mfn(*margs, **mkw)
                g, problem = grads(out[0] if self.names else out, leaves, torch)
                if problem is None:
                    arrays.update({self.wire.mistake_key(mid, k): v for k, v in g.items()})
            except Exception:  # noqa: BLE001 - a mistake that does not apply to this case
                pass
        return arrays

    def _mistakes(self, case: dict[str, Any]) -> dict[str, Any]:
        """What each known mistake returns on this case (oracle only; skipped where it raises)."""
        import numpy as np

        torch, names, arrays = self.torch, self.names, {}
        for mid, _desc, mfn in self.mistakes:
            try:
                margs, mkw, _, _ = fresh_inputs(dict(case, grad=[]), self.mistakes_fw, torch)
                mv = mfn(*margs, **mkw)
                if names:  # one array per named output, all or none
                    if len(mv) != len(names):
                        continue
                    arrays.update({self.wire.mistake_key(mid, name): to_numpy(x, torch)[0]
                                   for name, x in zip(names, mv)})
                else:
                    arrays[self.wire.mistake_key(mid)] = (to_numpy(mv, torch)[0] if torch is not None
                                                       else np.asarray(mv))
            except Exception:  # noqa: BLE001 - a mistake that does not apply to this case
                pass
        return arrays

    def _gradcheck(self, index: int, case: dict[str, Any]) -> dict[str, Any]:
        """torch.autograd.gradcheck in float64; every evaluation gets fresh copies of the inputs
        that are not differentiated (an in-place update of a buffer cannot leak between them)."""
        torch, fn, names = self.torch, self.fn, self.names
        if not self.user_file:  # the oracle: the reference is right by definition
            return {"type": "result", "index": index, "gradcheck": True}
        _, _, leaves, _ = fresh_inputs(case, self.framework, torch, torch.float64)
        grad_idx = sorted(set(case.get("grad") or []))

        def f(*xs: Any) -> Any:
            args, kwargs, _, _ = fresh_inputs(case, self.framework, torch, torch.float64,
                                              with_grad=False)
            for j, x in zip(grad_idx, xs):
                args[j] = x
            r = fn(*args, **kwargs)
            return r[0] if names and isinstance(r, (tuple, list)) else r  # the loss output

        try:
            ok = bool(torch.autograd.gradcheck(f, tuple(leaves), eps=1e-6, atol=1e-5, rtol=1e-3,
                                               raise_exception=False))
            msg = "" if ok else "analytical and numerical gradients differ"
        except BaseException as exc:  # noqa: BLE001
            if not isinstance(exc, Exception) or is_out_of_memory(exc):
                raise Fatal(error_header(exc, "gradcheck", self.user_file, index=index)) from None
            ok, msg = False, user_traceback(exc, self.user_file)
        return {"type": "result", "index": index, "gradcheck": ok, "message": msg}


def _perf() -> Any:
    import time

    return time.perf_counter
