"""The kata child process: runs one function over the check's cases and reports the raw outputs.

Run as ``python -I runner.py CONFIG.json`` by :mod:`prepcli.katas.sandbox`, never imported by the
child from the package (``-I`` keeps the package, the script's folder, PYTHON* variables and the
user's site-packages off ``sys.path``). The parent also imports this module, for the wire format
(:func:`encode_message`, :func:`decode_frames`, :func:`save_cases`, :func:`load_cases`); keep it
stdlib + NumPy at import time, and never import ``prepcli`` from here.

Two roles share this file:

``oracle``
    loads the kata's hidden ``reference.py`` (and ``cases.py`` for its MISTAKES) and reports the
    expected output of every case, plus what each known mistake would have returned. It never
    sees the user's file.
``user``
    loads the user's file and reports what its function returned (value, container type,
    gradients, raised exception) for every case; then, if the parent says so, times it against
    the reference loaded privately *before* the user's module was imported.

Nothing is judged here: the parent compares the two report streams. A report is a frame on a
dedicated pipe (not stdout/stderr, which carry the user's prints) stamped with a per-run token
that the parent sends on a second pipe before any user code runs; the run only counts when the
final ``done`` frame arrives. So a print, a write to fd 1, ``sys.exit`` or ``os._exit`` cannot
read as a pass.
"""

from __future__ import annotations

import io
import json
import os
import struct
import sys
import time
import traceback
from typing import Any

USER_MODULE = "kata_solution"
_HEADER = struct.Struct(">II")  # (json length, blob length)


# -- wire format (shared with the parent) --------------------------------------------------------


def encode_message(header: dict[str, Any], arrays: dict[str, Any] | None = None) -> bytes:
    """One frame: lengths, a JSON header, then an ``.npz`` blob of named arrays (maybe empty)."""
    blob = b""
    if arrays:
        import numpy as np

        buf = io.BytesIO()
        np.savez(buf, **arrays)
        blob = buf.getvalue()
    head = json.dumps(header, default=str).encode()
    return _HEADER.pack(len(head), len(blob)) + head + blob


def decode_frames(buf: bytearray) -> list[tuple[dict[str, Any], bytes]]:
    """Pop every complete frame from the front of ``buf``."""
    out = []
    while len(buf) >= _HEADER.size:
        hl, bl = _HEADER.unpack_from(buf)
        end = _HEADER.size + hl + bl
        if len(buf) < end:
            break
        head = json.loads(bytes(buf[_HEADER.size:_HEADER.size + hl]))
        out.append((head, bytes(buf[_HEADER.size + hl:end])))
        del buf[:end]
    return out


def output_keys(names: list[str] | tuple[str, ...]) -> list[str]:
    """Array keys of a case's outputs: ``out`` for one array, ``out:<name>`` per named output."""
    return [f"out:{n}" for n in names] if names else ["out"]


def load_arrays(blob: bytes) -> dict[str, Any]:
    import numpy as np

    if not blob:
        return {}
    with np.load(io.BytesIO(blob), allow_pickle=False) as z:
        return {k: z[k] for k in z.files}


def _encode_value(v: Any, key: str, arrays: dict[str, Any]) -> Any:
    import numpy as np

    if isinstance(v, np.ndarray):
        arrays[key] = v
        return {"array": key}
    if isinstance(v, np.generic):
        return {"value": v.item()}
    return {"value": v}


def save_cases(path: str, cases: list[dict[str, Any]]) -> None:
    """Write cases (dicts whose args/kwargs hold arrays and plain values) to ``path`` (.npz)."""
    import numpy as np

    arrays: dict[str, Any] = {}
    meta = []
    for i, c in enumerate(cases):
        m = {k: v for k, v in c.items() if k not in ("args", "kwargs")}
        m["args"] = [_encode_value(a, f"c{i}_a{j}", arrays) for j, a in enumerate(c["args"])]
        m["kwargs"] = {k: _encode_value(v, f"c{i}_k_{k}", arrays) for k, v in c["kwargs"].items()}
        meta.append(m)
    arrays["__meta__"] = np.array(json.dumps(meta))
    with open(path, "wb") as f:
        np.savez(f, **arrays)


def load_cases(path: str) -> list[dict[str, Any]]:
    import numpy as np

    with np.load(path, allow_pickle=False) as z:
        data = {k: z[k] for k in z.files}
    meta = json.loads(str(data.pop("__meta__")))

    def dec(v: dict[str, Any]) -> Any:
        return data[v["array"]] if "array" in v else v["value"]

    for m in meta:
        m["args"] = [dec(a) for a in m["args"]]
        m["kwargs"] = {k: dec(v) for k, v in m["kwargs"].items()}
    return meta


# -- the child ------------------------------------------------------------------------------------


class _Channel:
    """The result pipe. Holds its own reference to os.write so a user rebinding it changes nothing."""

    def __init__(self, fd: int, token: str) -> None:
        self._fd, self._token, self._write = fd, token, os.write

    def send(self, header: dict[str, Any], arrays: dict[str, Any] | None = None) -> None:
        header = dict(header, token=self._token)
        data = encode_message(header, arrays)
        view = memoryview(data)
        while view:
            n = self._write(self._fd, view)
            view = view[n:]


def _load_private(path: str, name: str) -> Any:
    """Execute a file as a module that is *not* registered in sys.modules (nobody can import it)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses & co. look themselves up while the module executes
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[name]
    return module


class _BlockPrep:
    """Meta-path finder that refuses ``prepcli`` (a wheel ships the katas inside it)."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> None:
        if name == "prepcli" or name.startswith("prepcli."):
            raise ImportError(f"{name} is not importable from a kata solution")
        return None


def _set_limits(cfg: dict[str, Any]) -> None:
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        return
    mem = int(cfg.get("memory_bytes") or 0)
    for name, value in (("RLIMIT_AS", mem), ("RLIMIT_CORE", 0),
                        ("RLIMIT_FSIZE", int(cfg.get("fsize_bytes") or 0))):
        if value or name == "RLIMIT_CORE":
            try:
                resource.setrlimit(getattr(resource, name), (value, value))
            except (ValueError, OSError, AttributeError):
                pass


def _user_traceback(exc: BaseException, user_file: str) -> str:
    """The traceback restricted to the user's own frames (plus the exception line)."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if os.path.abspath(f.filename) == user_file]
    lines = traceback.format_list(frames[-6:]) if frames else []
    lines += traceback.format_exception_only(type(exc), exc)
    return "".join(lines)[-3000:]


class _WrongType(Exception):
    pass


def _to_numpy(obj: Any, torch: Any) -> tuple[Any, str]:
    """(array, container) for what a kata function returned; containers judged by the parent."""
    import numpy as np

    if torch is not None and isinstance(obj, torch.Tensor):
        t = obj.detach().cpu()
        if t.dtype == torch.bfloat16 or t.dtype == torch.float16:
            t = t.float()
        return t.numpy().copy(), "tensor"
    if isinstance(obj, np.ndarray):
        if obj.dtype.kind not in "biuf":
            raise _WrongType(f"numpy array of dtype {obj.dtype}")
        return np.array(obj), "ndarray"
    if isinstance(obj, bool):
        raise _WrongType("bool")
    if isinstance(obj, (int, float, np.generic)):
        return np.asarray(obj), "scalar"
    if isinstance(obj, (list, tuple)):
        items = []
        for x in obj:
            a, _ = _to_numpy(x, torch)
            items.append(a)
        try:
            arr = np.array(items) if items else np.zeros(0)
        except ValueError:
            raise _WrongType(f"ragged {type(obj).__name__}") from None
        if arr.dtype.kind not in "biuf":
            raise _WrongType(f"{type(obj).__name__} of {arr.dtype}")
        return arr, type(obj).__name__
    raise _WrongType(_type_name(obj))


def _type_name(obj: Any) -> str:
    t = type(obj)
    return t.__name__ if t.__module__ == "builtins" else f"{t.__module__}.{t.__qualname__}"


def _convert_inputs(case: dict[str, Any], framework: str, torch: Any,
                    dtype_override: Any = None) -> tuple[list[Any], dict[str, Any], list[Any]]:
    import numpy as np

    grad_idx = set(case.get("grad") or [])
    args, leaves = [], []
    for j, a in enumerate(case["args"]):
        if isinstance(a, np.ndarray):
            a = a.copy()
            if framework == "torch":
                a = torch.from_numpy(a)
                if dtype_override is not None:
                    a = a.to(dtype_override)
                if j in grad_idx:
                    a.requires_grad_(True)
                    leaves.append(a)
        args.append(a)
    kwargs = {k: (v.copy() if isinstance(v, np.ndarray) else v) for k, v in case["kwargs"].items()}
    return args, kwargs, leaves


def _grads(out: Any, leaves: list[Any], torch: Any,
           zero_ok: frozenset[int] = frozenset()) -> tuple[dict[str, Any], str | None]:
    """Gradients of sum(w * out) w.r.t. the leaves, w a fixed ramp (same in oracle and user).

    A leaf in ``zero_ok`` (positions in ``leaves``: a stop-gradient input) that the result does
    not depend on gets a zero gradient instead of the ``unused`` problem.
    """
    if not leaves:
        return {}, None
    if (isinstance(out, torch.Tensor) and not out.requires_grad
            and len(zero_ok) == len(leaves)):  # only stop-gradient inputs asked about
        return {f"grad{k}": torch.zeros_like(leaf).numpy() for k, leaf in enumerate(leaves)}, None
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


def main(argv: list[str]) -> int:
    sys.dont_write_bytecode = True  # leave no __pycache__ next to the user's file
    with open(argv[1]) as f:
        cfg = json.load(f)
    _set_limits(cfg)
    ctl = os.fdopen(cfg["control_fd"], "r")
    token = ctl.readline().strip()
    chan = _Channel(cfg["result_fd"], token)
    role, framework, fn_name = cfg["role"], cfg["framework"], cfg["function"]
    names = list(cfg.get("outputs") or [])  # [] = the function returns one array
    perf = time.perf_counter

    import numpy as np

    torch = None
    if framework == "torch" or cfg.get("needs_torch"):
        import torch as _torch

        torch = _torch
        torch.set_num_threads(1)
    gradcheck = torch.autograd.gradcheck if torch is not None else None
    isfinite, np_all = np.isfinite, np.all

    cases = load_cases(cfg["cases_file"])
    cases_mod = _load_private(cfg["cases_py"], "_prep_kata_cases")
    ref_mod = None
    if role == "oracle" or cfg.get("timing"):
        ref_mod = _load_private(cfg["reference_py"], "_prep_kata_reference")
    ref_fn = getattr(ref_mod, f"{fn_name}_{framework}", None) if ref_mod else None
    mistakes = getattr(cases_mod, "MISTAKES", []) if role == "oracle" else []
    mistakes_fw = getattr(cases_mod, "MISTAKES_FRAMEWORK", "numpy")
    user_file = os.path.abspath(cfg["file"]) if role == "user" else ""
    chan.send({"type": "ready"})

    # -- load the function under test --------------------------------------------------------
    if role == "oracle":
        fn = ref_fn
    else:
        sys.meta_path.insert(0, _BlockPrep())
        import importlib.util

        try:
            spec = importlib.util.spec_from_file_location(USER_MODULE, user_file)
            assert spec is not None and spec.loader is not None
            module = importlib.util.module_from_spec(spec)
            sys.modules[USER_MODULE] = module
            spec.loader.exec_module(module)
        except SyntaxError as exc:
            chan.send({"type": "error", "kind": "syntax-error", "phase": "import",
                       "message": "".join(traceback.format_exception_only(type(exc), exc))})
            return 0
        except BaseException as exc:  # noqa: BLE001 - everything the user can throw at import
            chan.send(_error_header(exc, "import", user_file))
            return 0
        fn = getattr(module, fn_name, None)
        if not callable(fn):
            chan.send({"type": "error", "kind": "missing-function", "phase": "import",
                       "message": f"the file defines no function named {fn_name}()"})
            return 0
    chan.send({"type": "imported"})

    # -- the cases ---------------------------------------------------------------------------
    for i, case in enumerate(cases):
        kind = case.get("kind")
        if kind == "gradcheck":
            if role == "oracle":
                chan.send({"type": "case", "index": i, "gradcheck": True})
                continue
            args, kwargs, leaves = _convert_inputs(case, framework, torch, torch.float64)
            pos = [j for j, a in enumerate(args) if any(a is leaf for leaf in leaves)]

            def f(*xs: Any, _a: list[Any] = args, _k: dict[str, Any] = kwargs,
                  _p: list[int] = pos) -> Any:
                full = list(_a)
                for j, x in zip(_p, xs):
                    full[j] = x
                r = fn(*full, **_k)
                return r[0] if names and isinstance(r, (tuple, list)) else r  # the loss output

            try:
                ok = bool(gradcheck(f, tuple(leaves), eps=1e-6, atol=1e-5, rtol=1e-3,
                                    raise_exception=False))
                msg = "" if ok else "analytical and numerical gradients differ"
            except BaseException as exc:  # noqa: BLE001
                if isinstance(exc, (SystemExit, MemoryError, KeyboardInterrupt)):
                    chan.send(_error_header(exc, "call", user_file, i))
                    return 0
                ok, msg = False, _user_traceback(exc, user_file)
            chan.send({"type": "case", "index": i, "gradcheck": ok, "message": msg})
            continue

        args, kwargs, leaves = _convert_inputs(case, framework, torch)
        header: dict[str, Any] = {"type": "case", "index": i}
        arrays: dict[str, Any] = {}
        t0 = perf()
        try:
            out = fn(*args, **kwargs)
        except BaseException as exc:  # noqa: BLE001
            if case.get("raises") and isinstance(exc, Exception) and not isinstance(exc, MemoryError):
                header.update(raised=type(exc).__name__,
                              raised_ok=type(exc).__name__ == case["raises"]
                              or any(c.__name__ == case["raises"] for c in type(exc).__mro__),
                              message=str(exc)[:300])
                chan.send(header)
                continue
            chan.send(_error_header(exc, "call", user_file, i))
            return 0
        header["seconds"] = perf() - t0
        if case.get("raises"):
            header["raised"] = None
        one = "a torch.Tensor" if framework == "torch" else "a numpy.ndarray"
        if not names:
            try:
                value, container = _to_numpy(out, torch)
            except _WrongType as exc:
                chan.send({"type": "error", "kind": "wrong-type", "phase": "call", "case": i,
                           "message": f"{fn_name}() returned a {exc}; expected {one}"})
                return 0
            header["container"] = container
            header["dtype"] = str(value.dtype)
            arrays["out"] = value
        else:
            want = f"a tuple of {len(names)} ({', '.join(names)})"
            if not isinstance(out, (tuple, list)) or len(out) != len(names):
                got = (f"a {type(out).__name__} of {len(out)}" if isinstance(out, (tuple, list))
                       else f"a {_type_name(out)}")
                chan.send({"type": "error", "kind": "wrong-type", "phase": "call", "case": i,
                           "message": f"{fn_name}() returned {got}; expected {want}"})
                return 0
            header["container"] = type(out).__name__
            header["containers"], header["dtypes"] = [], []
            for name, item in zip(names, out):
                try:
                    value, container = _to_numpy(item, torch)
                except _WrongType as exc:
                    chan.send({"type": "error", "kind": "wrong-type", "phase": "call", "case": i,
                               "message": f"{fn_name}() returned a {exc} as {name}; expected "
                               f"{one} ({want})"})
                    return 0
                header["containers"].append(container)
                header["dtypes"].append(str(value.dtype))
                arrays[f"out:{name}"] = value
        if leaves:
            try:
                stop = set(case.get("stop_grad") or [])
                zero_ok = frozenset(k for k, j in enumerate(sorted(set(case.get("grad") or [])))
                                    if j in stop)
                g, problem = _grads(out[0] if names else out, leaves, torch, zero_ok)
            except BaseException as exc:  # noqa: BLE001
                if isinstance(exc, (SystemExit, MemoryError, KeyboardInterrupt)):
                    chan.send(_error_header(exc, "backward", user_file, i))
                    return 0
                g, problem = {}, "backward raised " + _user_traceback(exc, user_file)
            arrays.update(g)
            header["grad_problem"] = problem
            header["finite_grads"] = bool(all(np_all(isfinite(v)) for v in g.values()))
        # what each known mistake would have returned (oracle only)
        if mistakes:
            for mid, _desc, mfn in mistakes:
                try:
                    if mistakes_fw == "torch":
                        margs, mkw, _ = _convert_inputs(dict(case, grad=[]), "torch", torch)
                        mv = mfn(*margs, **mkw)
                    else:
                        mv = mfn(*[a.copy() if hasattr(a, "copy") else a for a in case["args"]],
                                 **case["kwargs"])
                    if names:  # one array per named output, all or none
                        if len(mv) != len(names):
                            continue
                        arrays.update({f"m:{mid}:{name}": _to_numpy(x, torch)[0]
                                       for name, x in zip(names, mv)})
                    elif mistakes_fw == "torch":
                        arrays[f"m:{mid}"] = mv.detach().numpy().copy()
                    else:
                        arrays[f"m:{mid}"] = np.asarray(mv)
                except Exception:  # noqa: BLE001 - a mistake that does not apply to this case
                    pass
        chan.send(header, arrays)

    chan.send({"type": "cases-done"})

    # -- timing, only when the parent found everything correct -------------------------------
    if role == "user" and cfg.get("timing"):
        cmd = ctl.readline().strip()
        if cmd == "time" and ref_fn is not None:
            _run_timing(chan, cfg, fn, ref_fn, cases_mod, framework, torch, perf)
    chan.send({"type": "done"})
    return 0


def _error_header(exc: BaseException, phase: str, user_file: str, case: int | None = None) -> dict[str, Any]:
    if isinstance(exc, SystemExit):
        kind, msg = "exit", f"sys.exit({exc.code!r}) called"
    elif isinstance(exc, MemoryError):
        kind, msg = "memory", "ran out of memory (MemoryError)"
    elif isinstance(exc, NotImplementedError):
        kind, msg = "not-implemented", _user_traceback(exc, user_file)
    elif isinstance(exc, RecursionError):
        kind, msg = "exception", _user_traceback(exc, user_file)
    else:
        kind = "import-error" if phase == "import" else "exception"
        msg = _user_traceback(exc, user_file)
    return {"type": "error", "kind": kind, "phase": phase, "case": case, "message": msg}


def _run_timing(chan: _Channel, cfg: dict[str, Any], fn: Any, ref_fn: Any, cases_mod: Any,
                framework: str, torch: Any, perf: Any) -> None:
    """Interleave user and reference calls on growing sizes; one ``timing`` frame per size.

    Each measurement runs the function ``k`` times (k chosen so the reference takes >= 5 ms),
    after one warm-up call each. A size stops early once the user is clearly outside the budget;
    the whole stage stops once a single user call would exceed ``cap_s``.
    """
    import numpy as np

    t = cfg["timing"]
    sizes, repeats, budget, cap = t["sizes"], int(t["repeats"]), float(t["budget"]), float(t["cap_s"])
    per_size_s = float(t.get("per_size_s", 0.6))
    rng = np.random.default_rng(20240601)
    ctx = torch.no_grad() if torch is not None else None
    done: list[tuple[int, float]] = []  # (n, user median) of the sizes measured so far
    spent = 0.0
    for n in sizes:
        if done:
            (n0, t0), e = done[-1], 1.0
            if len(done) >= 2 and done[-2][1] > 0:
                import math

                e = max(1.0, math.log(done[-1][1] / done[-2][1]) / math.log(done[-1][0] / done[-2][0]))
            predicted = t0 * (n / n0) ** e
            if predicted > cap or spent + 2 * predicted > 4 * cap:
                chan.send({"type": "timing", "n": n, "skipped": "predicted-too-slow",
                           "predicted_s": predicted})
                break
        args, kwargs = cases_mod.timing_input(n, rng)
        a, k, _ = _convert_inputs({"args": args, "kwargs": kwargs}, framework, torch)

        def once(f: Any, reps: int) -> float:
            t0 = perf()
            for _ in range(reps):
                f(*a, **k)  # noqa: B023 (used within this iteration)
            return (perf() - t0) / reps

        if ctx is not None:
            ctx.__enter__()
        try:
            ref_warm = once(ref_fn, 1)
            user_warm = once(fn, 1)
            spent += user_warm
            reps = max(1, min(50, int(0.005 / max(ref_warm, 1e-7)) + 1))
            user_times: list[float] = []
            ref_times: list[float] = []
            stopped = None
            clearly = 10 * budget * max(ref_warm, 1e-7)
            if user_warm > cap:
                user_times, ref_times, stopped = [user_warm], [ref_warm], "cap"
            elif user_warm > clearly and user_warm > 0.02:
                # confirm once (the first call may pay one-off costs), then stop: no flip possible
                again = user_warm if user_warm > 0.2 else once(fn, 1)
                spent += again if again is not user_warm else 0.0
                if again > clearly:
                    user_times, ref_times = [min(user_warm, again)], [once(ref_fn, reps)]
                    stopped = "clearly-over-budget"
            if not user_times:
                user_reps = reps if user_warm * reps < cap / 4 else 1
                t_size = perf()
                for r in range(repeats):
                    if r % 2 == 0:
                        ref_times.append(once(ref_fn, reps))
                        user_times.append(once(fn, user_reps))
                    else:
                        user_times.append(once(fn, user_reps))
                        ref_times.append(once(ref_fn, reps))
                    spent += user_times[-1] * user_reps
                    if r >= 2:
                        mu, mr = float(np.median(user_times)), float(np.median(ref_times))
                        if mu > 4 * budget * mr:
                            stopped = "clearly-over-budget"
                            break
                        if perf() - t_size > per_size_s:
                            break  # enough samples for a stable median at this size
            done.append((n, float(np.median(user_times))))
            chan.send({"type": "timing", "n": n, "user": user_times, "ref": ref_times,
                       "reps": reps, "stopped": stopped})
            if stopped == "cap":
                break
        finally:
            if ctx is not None:
                ctx.__exit__(None, None, None)


if __name__ == "__main__":
    try:
        code = main(sys.argv)
    except BaseException:  # noqa: BLE001 - a bug of ours or a user's sabotage: exit non-zero
        traceback.print_exc()
        code = 70
    sys.stdout.flush()
    os._exit(code)
