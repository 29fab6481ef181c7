"""A kata child: ``python -I -u bootstrap.py RESULT_FD CONTROL_FD``, started by the parent's sandbox.

It runs one function (the user's, or the hidden reference in the **oracle** child) on the
inputs the parent wrote, one case per command, and reports raw results; the parent judges.

Order of events:

1. read the configuration (first line on the control pipe; never a file);
2. import NumPy, torch (torch katas) and the heavy libraries the user's file imports
   (``preimport``), then cap the address space at what the interpreter has reached plus the
   memory budget (RLIMIT_AS). So what numpy/torch reserve at import (the CUDA build of torch
   maps ~3.3 GB) does not count; what the solution allocates does;
3. report ``ready``; load the function (the user's file, or the reference and the known
   mistakes for the oracle); report ``loaded``;
4. answer commands: ``run`` (a case: every call gets fresh copies of its inputs), ``time`` /
   ``go`` (a timing batch, measured by the parent around ``go``), ``exit``.

The user child gets no path to the reference, no expected value and no store: it cannot make
the parent believe a wrong result is right, short of computing the right one. Nothing here
stops a user who reads the reference off disk.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import time
from typing import Any


def _sibling(name: str) -> Any:
    """Load a module of this folder by path (the child never imports ``prepcli``)."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), f"{name}.py")
    spec = importlib.util.spec_from_file_location(f"_prep_child_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


wire = _sibling("wire")
calls = _sibling("calls")
timing = _sibling("timing")


class Channel:
    """The report pipe. Holds its own reference to os.write so a user rebinding it changes nothing."""

    def __init__(self, fd: int) -> None:
        self._fd, self._write, self._encode = fd, os.write, wire.encode_frame

    def send(self, header: dict[str, Any], arrays: dict[str, Any] | None = None) -> None:
        view = memoryview(self._encode(header, arrays))
        while view:
            n = self._write(self._fd, view)
            view = view[n:]


def _load_private(path: str, name: str) -> Any:
    """Execute a file as a module that is *not* left in sys.modules (nobody can import it)."""
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


def address_space_bytes() -> int:
    """VmSize of this process (Linux); 0 when unknown."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def set_limits(memory_bytes: int, fsize_bytes: int) -> int:
    """RLIMIT_AS = address space now + ``memory_bytes``; no core files; a file size cap.
    Returns the address-space limit set (0 if none)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        return 0
    limit = 0
    base = address_space_bytes()
    if memory_bytes and base:
        limit = base + memory_bytes
    for name, value in (("RLIMIT_AS", limit), ("RLIMIT_CORE", 0), ("RLIMIT_FSIZE", fsize_bytes)):
        if value or name == "RLIMIT_CORE":
            try:
                resource.setrlimit(getattr(resource, name), (value, value))
            except (ValueError, OSError, AttributeError):
                if name == "RLIMIT_AS":
                    limit = 0
    return limit


def main(argv: list[str]) -> int:
    sys.dont_write_bytecode = True  # leave no __pycache__ next to the user's file
    chan = Channel(int(argv[1]))
    ctl = os.fdopen(int(argv[2]), "r")
    cfg = json.loads(ctl.readline())
    role, framework = cfg["role"], cfg["framework"]
    names = list(cfg.get("outputs") or [])  # [] = the function returns one array
    user_file = os.path.abspath(cfg["file"]) if role == "user" else ""
    for p in cfg.get("extra_path") or []:
        sys.path.append(p)

    import numpy as np

    torch = None
    if framework == "torch" or cfg.get("torch"):
        import torch as _torch

        torch = _torch
        torch.set_num_threads(1)
    for name in cfg.get("preimport") or []:
        try:
            __import__(name)
        except Exception:  # noqa: BLE001 - the user's own import reports it, under the limit
            pass
    if torch is None and "torch" in sys.modules:
        torch = sys.modules["torch"]
    inputs = wire.load_cases(cfg["inputs_file"])
    mistakes: list[Any] = []
    grad_mistakes: list[Any] = []
    mistakes_fw = "numpy"
    fn: Any = None
    if role == "oracle":
        cases_mod = _load_private(cfg["cases_py"], "_prep_kata_cases")
        if cfg.get("cases_variant") is not None:
            cases_mod = cases_mod.for_variant(cfg["cases_variant"])
        mistakes = list(getattr(cases_mod, "MISTAKES", []))
        mistakes_fw = getattr(cases_mod, "MISTAKES_FRAMEWORK", "numpy")
        if mistakes_fw == "torch" and torch is None:
            mistakes = []
        if torch is not None:
            grad_mistakes = list(getattr(cases_mod, "GRADIENT_MISTAKES", []))
        ref = _load_private(cfg["reference_py"], "_prep_kata_reference")
        fn = getattr(ref, f"{cfg['function']}_{framework}")
    limit = set_limits(int(cfg.get("memory_bytes") or 0), int(cfg.get("fsize_bytes") or 0))
    chan.send({"type": wire.READY, "address_space": address_space_bytes(), "limit": limit})

    # an honest solution computes log(0) or x / 0 and discards it (np.where): the inf/NaN it
    # returns is judged, a RuntimeWarning on its stderr would only be noise
    import warnings

    np.seterr(all="ignore")
    warnings.simplefilter("ignore", RuntimeWarning)
    if role == "user":
        sys.meta_path.insert(0, _BlockPrep())
        try:
            spec = importlib.util.spec_from_file_location("kata_solution", user_file)
            assert spec is not None and spec.loader is not None
            module = importlib.util.module_from_spec(spec)
            sys.modules["kata_solution"] = module
            spec.loader.exec_module(module)
        except SyntaxError as exc:
            import traceback

            chan.send({"type": wire.ERROR, "kind": "syntax-error", "phase": "import",
                       "message": "".join(traceback.format_exception_only(type(exc), exc))})
            return 0
        except BaseException as exc:  # noqa: BLE001 - everything the user can throw at import
            chan.send(calls.error_header(exc, "import", user_file))
            return 0
        fn = getattr(module, cfg["function"], None)
        if not callable(fn):
            chan.send({"type": wire.ERROR, "kind": "missing-function", "phase": "import",
                       "message": f"the file defines no function named {cfg['function']}()"})
            return 0
    chan.send({"type": wire.LOADED})

    runner = calls.CaseRunner(wire, fn, framework, torch, names, user_file, mistakes, mistakes_fw,
                               grad_mistakes)
    perf = time.perf_counter
    while True:
        line = ctl.readline()
        if not line:
            return 0
        cmd = json.loads(line)
        what = cmd.get("cmd")
        if what == "exit":
            return 0
        try:
            if what == "run":
                head, arrays = runner.run_case(cmd["index"], inputs[cmd["index"]])
                chan.send(head, arrays)
            elif what == "time":
                timing.time_batch(runner, cmd, inputs[cmd["index"]], chan, ctl, perf)
        except calls.Fatal as exc:
            chan.send(exc.header)
            return 0


if __name__ == "__main__":
    try:
        code = main(sys.argv)
    except BaseException:  # noqa: BLE001 - a bug of ours or a user's sabotage: exit non-zero
        import traceback

        traceback.print_exc()
        code = 70
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:  # noqa: BLE001
        pass
    os._exit(code)
