"""Check a kata solution: two sandboxed children driven by this process, which judges everything.

1. This process generates the cases (``cases.py``, NumPy only) and the timing inputs, and writes
   the inputs alone (no expected value) to a private temp dir.
2. The **oracle** child runs the hidden reference on every case (and each known mistake, for
   the diagnosis). The **user** child imports the user's file and runs its function. Neither
   receives anything on disk but the inputs; the user child gets no path to the reference.
3. Each case is one command and one report, with a wall-clock limit that scales with the
   reference's time and the machine's load (the first call gets extra time: torch's first
   forward/backward is slow). Every report is validated; a missing, extra or malformed one is
   an error verdict, never a pass.
4. The outputs at the timing sizes are judged too (the largest at least), so a solution that is
   only wrong on large inputs fails, naming the size.
5. Timing: the parent times batches of calls in both children, alternating which goes first,
   on the same inputs; the ratio is the median of the paired ratios, and a ratio within 10 %
   above the budget is measured again before it fails.
"""

from __future__ import annotations

import ast
import math
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from prepcli.errors import UsageError
from prepcli.katas.casefile import load_cases_module, make_cases
from prepcli.katas.catalog import KataSpec
from prepcli.katas.child.wire import WireError, child_case, save_cases
from prepcli.katas.diagnose import diagnose
from prepcli.katas.judge import (
    GROUP_ORDER,
    CaseFailure,
    Judge,
    Result,
    fit_exponent,
    group_of,
    median,
    summarise_array,
    summarise_case,
)
from prepcli.katas.sandbox import Child, Report, describe_exit
from prepcli.katas.verdict import CheckResult, FailingCase, KataVerdict, TimingResult, TimingRow

MB = 2**20


@dataclass
class Limits:
    """Wall-clock limits (seconds) and memory for one check."""

    setup_s: float = 60.0  # interpreter + numpy/torch import (a busy machine is slow)
    import_s: float = 10.0  # importing the user's file
    case_s: float = 3.0  # each case, on an idle machine, plus 20x the reference's time
    warmup_s: float = 5.0  # torch: added to the first call, first backward, first gradcheck
    timing_size_s: float = 45.0  # one timing batch
    total_s: float = 300.0  # the whole timing stage may not run past this
    memory_mb: int = 1024  # what the solution may allocate on top of numpy/torch
    output_bytes: int = 4096  # of the user's stdout / stderr kept
    timing_cap_s: float = 2.0  # a user call longer than this stops the timing of larger sizes
    heavy_modules: tuple[str, ...] = ("numpy", "torch", "torchvision", "scipy")
    preimport: tuple[str, ...] = ()  # imported by both children before the memory limit
    child_path: tuple[str, ...] = ()  # extra sys.path entries of both children


HEADROOM_MB = {"numpy": 256, "torch": 768}  # lazily loaded kernels, autograd, thread stacks
ORACLE_MEMORY_MB = 8192
MARGIN = 0.10  # a timing ratio up to 10 % over the budget is measured again


def torch_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("torch") is not None


def require_torch(spec: KataSpec, framework: str) -> None:
    """A torch check without torch is a usage error with the way out, not a crash."""
    if framework == "torch" and not torch_installed():
        other = (" or check it in NumPy with --framework numpy" if "numpy" in spec.frameworks
                 else "")
        raise UsageError(f"kata {spec.id} in torch needs PyTorch, which is not installed: "
                         f'pip install "prep[torch]"{other}')


def imported_modules(file: Path) -> set[str]:
    """Top-level packages a file imports anywhere (an unparsable file imports nothing)."""
    try:
        tree = ast.parse(file.read_text(encoding="utf-8", errors="replace"))
    except (SyntaxError, ValueError, OSError):
        return set()
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def arg_names(spec: KataSpec) -> list[str]:
    sig = spec.signature
    inside = sig[sig.find("(") + 1: sig.find(")")] if "(" in sig else ""
    return [p.split("=")[0].strip() for p in inside.split(",") if p.strip()]


def check_kata(
    spec: KataSpec,
    file: Path,
    framework: str | None = None,
    *,
    timing: bool = True,
    seed: int | None = None,
    cases: list[dict[str, Any]] | None = None,
    limits: Limits | None = None,
    repeats: int | None = None,
) -> KataVerdict:
    """Run the whole check of ``file`` against ``spec``; never raises for anything the file does.

    ``cases`` replaces the generated ones (``--replay``: scope ``replay``, no large inputs, no
    timing). ``timing=False`` checks every case and the largest timing input's output, untimed
    (scope ``untimed``). Only a full check can have ``passed``.
    """
    fw = spec.check_framework(framework)
    require_torch(spec, fw)
    file = Path(file).expanduser().resolve()
    if not file.is_file():
        raise UsageError(f"no file {file}: write your solution there, or pass --file PATH")
    lim = limits or Limits()
    t_start = time.monotonic()
    if seed is None:
        seed = int.from_bytes(os.urandom(4), "little")
    cases_mod = load_cases_module(spec)
    scope = "replay" if cases is not None else ("full" if timing else "untimed")
    if cases is None:
        cases = make_cases(spec, seed, cases_mod)
    verdict = KataVerdict(kata=spec.id, framework=fw, file=str(file), seed=seed,
                          replayed=scope == "replay", scope=scope)
    sizes: list[int] = []
    if scope == "full":
        sizes = list(spec.timing.sizes)
    elif scope == "untimed":
        sizes = [spec.timing.sizes[-1]]
    workdir = Path(tempfile.mkdtemp(prefix="prep-kata-"))
    children: list[Child] = []
    run = None
    try:
        run = _Run(spec, file, fw, lim, cases, cases_mod, verdict, seed, sizes,
                   int(repeats or spec.timing.repeats), scope == "full", workdir, children)
        run.go()
    finally:
        for c in children:
            c.kill()
        if run is not None and run.user is not None:
            verdict.stdout, verdict.stderr = run.user.out.text(), run.user.err.text()
        shutil.rmtree(workdir, ignore_errors=True)
    verdict.seconds = time.monotonic() - t_start
    verdict.passed = bool(verdict.correct and verdict.error is None and scope == "full"
                          and verdict.within_budget is True)
    return verdict


# -- what can interrupt a run ------------------------------------------------------------------


class _Interrupt(Exception):
    """A child did not answer as the protocol says."""

    def __init__(self, child: Child, kind: str, detail: str = "",
                 head: dict[str, Any] | None = None) -> None:
        super().__init__(detail)
        self.child, self.kind, self.detail, self.head = child, kind, detail, head or {}


def _expect(child: Child, kind: str, deadline: float, index: int | None = None) -> Report:
    """The next report, which must be of ``kind`` (and about ``index``)."""
    r = child.next(deadline)
    if r is None:
        raise _Interrupt(child, "timeout")
    if r.kind == "eof":
        raise _Interrupt(child, "ended")
    if r.kind == "garbage":
        raise _Interrupt(child, "broken", r.problem)
    t = r.head.get("type")
    if t == "error":
        raise _Interrupt(child, "error", str(r.head.get("message", "")), r.head)
    if t != kind or (index is not None and r.head.get("index") != index):
        raise _Interrupt(child, "broken", f"a {t!r} report came where a {kind!r} report about "
                         f"{'case ' + str(index) if index is not None else 'start-up'} was due")
    return r


def _load_factor() -> float:
    """1-3: how much slower than idle this machine may run now (load per core, capped so
    that an infinite loop is still stopped quickly)."""
    try:
        load = os.getloadavg()[0] / (os.cpu_count() or 1)
    except OSError:
        return 1.0
    return min(3.0, max(1.0, load))


class _Run:
    """One check in progress: the two children, the cases, what came back."""

    def __init__(self, spec: KataSpec, file: Path, fw: str, lim: Limits,
                 cases: list[dict[str, Any]], cases_mod: Any, verdict: KataVerdict, seed: int,
                 sizes: list[int], repeats: int, timed: bool, workdir: Path,
                 children: list[Child]) -> None:
        import numpy as np

        self.spec, self.file, self.fw, self.lim = spec, file, fw, lim
        self.cases, self.cases_mod, self.verdict = cases, cases_mod, verdict
        self.repeats, self.timed, self.sizes = max(3, repeats), timed, sizes
        self.names = tuple(spec.outputs)
        self.arg_names = arg_names(spec)
        extra = spec.extra
        self.judge = Judge(fw, self.names, getattr(cases_mod, "compare", None), self.arg_names,
                           frozenset(extra.get("mutable_inputs") or ()),
                           bool(extra.get("inputs_unchanged", True)))
        rng = np.random.default_rng([seed, 1])
        self.timing_inputs: list[dict[str, Any]] = []
        label = spec.timing.size_label
        for n in sizes:
            args, kwargs = cases_mod.timing_input(n, rng)
            self.timing_inputs.append({"name": f"the timing input {label} = {n}",
                                       "kind": "large", "n": n, "args": list(args),
                                       "kwargs": dict(kwargs)})
        inputs = [child_case(c) for c in cases] + [child_case(t) for t in self.timing_inputs]
        inputs_file = workdir / "inputs.npz"
        save_cases(str(inputs_file), inputs)
        heavy = set(lim.heavy_modules) | set(lim.preimport)
        mistakes_torch = getattr(cases_mod, "MISTAKES_FRAMEWORK", "numpy") == "torch"
        common = {"framework": fw, "function": spec.function, "outputs": list(self.names),
                  "inputs_file": str(inputs_file), "extra_path": list(lim.child_path),
                  "fsize_bytes": 256 * MB}
        self.oracle: Child | None = None
        self.user: Child | None = None
        self.oracle = Child("oracle", {
            **common, "reference_py": str(spec.reference_path), "cases_py": str(spec.cases_path),
            "cases_variant": spec.variant,
            "torch": fw == "torch" or (mistakes_torch and torch_installed()),
            "preimport": list(lim.preimport), "memory_bytes": ORACLE_MEMORY_MB * MB,
        }, workdir, output_limit=lim.output_bytes)
        children.append(self.oracle)
        self.user = Child("user", {
            **common, "file": str(file),
            "preimport": sorted(set(lim.preimport) | (imported_modules(file) & heavy)),
            "memory_bytes": (lim.memory_mb + HEADROOM_MB[fw]) * MB,
        }, workdir, output_limit=lim.output_bytes)
        children.append(self.user)
        self.expected: dict[int, Result] = {}
        self.ref_seconds: dict[int, float] = {}
        self.outputs: dict[int, dict[str, Any]] = {}
        self.failures: list[CaseFailure] = []
        self.where = "starting up"
        self.step_limit = lim.setup_s
        self.rss_base = 0
        self.warmed: set[str] = set()
        self.case_index: int | None = None

    # -- the run -------------------------------------------------------------------------------

    def go(self) -> None:
        try:
            self._oracle_cases()
        except _Interrupt as exc:
            self._internal(exc)
            return
        try:
            if not self._user_cases():
                return
            self._large_inputs_and_timing()
            if self.verdict.error is None:
                self._finish()
        except _Interrupt as exc:
            if exc.child is self.oracle:
                self._internal(exc)
            else:
                self._user_interrupted(exc)
        except WireError as exc:
            self._error("protocol", f"the report of the check was broken ({exc})")

    def _oracle_cases(self) -> None:
        oracle = self.oracle
        assert oracle is not None
        lim = self.lim
        _expect(oracle, "ready", time.monotonic() + lim.setup_s * _load_factor())
        _expect(oracle, "loaded", time.monotonic() + lim.setup_s * _load_factor())
        for i in range(len(self.cases)):
            oracle.command("run", index=i)
            r = _expect(oracle, "result", time.monotonic() + 120 * _load_factor(), i)
            res = Result(r.head, r.arrays())
            if res.raised and not self.cases[i].get("raises"):
                raise _Interrupt(oracle, "error", f"the reference raised on case "
                                 f"{self.cases[i]['name']!r}: {res.raised.get('traceback')}")
            self.expected[i] = res
            self.ref_seconds[i] = float(sum(r.head.get("seconds") or [0.0]))

    def _case_limit(self, i: int) -> float:
        case = self.cases[i]
        limit = self.lim.case_s + min(10 * self.ref_seconds.get(i, 0.0), 60.0)
        for stage, applies in (("call", True), ("backward", bool(case.get("grad"))),
                               ("gradcheck", case.get("kind") == "gradcheck")):
            if applies and stage not in self.warmed:
                self.warmed.add(stage)
                limit += self.lim.warmup_s if self.fw == "torch" else 0.0
        return limit * _load_factor()

    def _user_cases(self) -> bool:
        """Run every case; False when the run ended in an error verdict."""
        user, lim, v = self.user, self.lim, self.verdict
        assert user is not None
        self.where, self.step_limit = "starting up", lim.setup_s * _load_factor()
        _expect(user, "ready", time.monotonic() + self.step_limit)
        self.where, self.step_limit = "importing your file", lim.import_s * _load_factor()
        _expect(user, "loaded", time.monotonic() + self.step_limit)
        self.rss_base = user.rss_bytes()
        fn = self.spec.function
        for i, case in enumerate(self.cases):
            self.where = f"case {case['name']!r}"
            self.step_limit = self._case_limit(i)
            self.case_index = i
            user.command("run", index=i)
            r = _expect(user, "result", time.monotonic() + self.step_limit, i)
            res = Result(r.head, r.arrays())
            res.validate(self.names, max(1, int(case.get("calls") or 1)))
            if res.raised and not case.get("raises"):
                self._error("exception", str(res.raised.get("traceback") or res.raised["type"]), i)
                return False
            if res.wrong_type:
                self._error("wrong-type", f"{fn}() {res.wrong_type}", i)
                return False
            v.cases_checked = i + 1
            self.outputs[i] = res.arrays
            failure = self.judge.case(i, case, self.expected[i], res)
            if failure is not None:
                self.failures.append(failure)
        if self.failures:
            self._wrong_answer()
            return False
        return True

    # -- large inputs and timing -----------------------------------------------------------------

    def _batch(self, child: Child, ti: int, reps: int, output: bool,
               limit: float) -> tuple[float, int, Result | None]:
        """(seconds per call measured here, calls made, the first call's output if asked)."""
        index = len(self.cases) + ti
        child.command("time", index=index, reps=reps, output=output)
        prepared = _expect(child, "prepared", time.monotonic() + 60 * _load_factor(), index)
        done = max(1, int(prepared.head.get("reps") or 1))
        t0 = time.monotonic()
        child.command("go")
        timed = _expect(child, "timed", t0 + limit, index)
        seconds = max(timed.arrived - t0, 1e-9) / done
        out = None
        if output:
            o = _expect(child, "output", time.monotonic() + 60 * _load_factor(), index)
            out = Result(o.head, o.arrays())
            out.validate(self.names)
        return seconds, done, out

    def _large_inputs_and_timing(self) -> None:
        oracle, user, lim, spec = self.oracle, self.user, self.lim, self.spec
        assert oracle is not None and user is not None
        rows: list[TimingRow] = []
        stopped: str | None = None
        remeasured = False
        samples: dict[int, tuple[list[float], list[float]]] = {}
        deadline = time.monotonic() + lim.total_s
        budget = spec.budget
        fn = spec.function
        for ti, entry in enumerate(self.timing_inputs):
            n = entry["n"]
            if rows and self.timed:
                last = rows[-1]
                growth = n / last.n
                predicted = (last.user_s or 0.0) * max(growth, 1.0) ** 2
                if (last.ratio or 0) > 2 * budget and predicted > lim.timing_cap_s:
                    rows += [TimingRow(e["n"], skipped=True, predicted_s=predicted)
                             for e in self.timing_inputs[ti:]]
                    stopped = "over-budget"
                    break
                if time.monotonic() > deadline:
                    stopped = "stage-time"
                    break
            self.where = f"the timing input {spec.timing.size_label} = {n}"
            self.case_index = None
            ref_t, _, ref_out = self._batch(oracle, ti, 1, True, 300 * _load_factor())
            limit = max(lim.timing_size_s, 50 * ref_t) * _load_factor() + lim.warmup_s
            self.step_limit = limit
            try:
                user_t, _, user_out = self._batch(user, ti, 1, True, limit)
            except _Interrupt as exc:
                if exc.kind == "timeout" and self.timed:
                    rows.append(TimingRow(n, user_s=limit, ref_s=ref_t, ratio=limit / ref_t))
                    stopped = "killed"
                    break
                raise
            assert ref_out is not None and user_out is not None
            case = {**entry, "name": entry["name"]}
            if user_out.wrong_type:
                self._error("wrong-type", f"{fn}() {user_out.wrong_type} at {self.where}")
                return
            failure = self.judge.case(len(self.cases) + ti, case, ref_out, user_out)
            if failure is not None:
                self._large_failure(entry, failure, ref_out, user_out)
                return
            self.verdict.cases_checked += 1
            if not self.timed:
                continue
            us: list[float] = []
            rs: list[float] = []
            row, stop = self._measure(ti, n, ref_t, user_t, us, rs)
            samples[n] = (us, rs)
            rows.append(row)
            if stop:
                stopped = stop
                if stop in ("cap", "clearly-over-budget", "killed"):
                    rows += [TimingRow(e["n"], skipped=True) for e in self.timing_inputs[ti + 1:]]
                    break
        if self.timed and rows:
            last = [r for r in rows if r.user_s is not None][-1]
            if (stopped is None and last.ratio is not None
                    and budget < last.ratio <= budget * (1 + MARGIN)):
                self.where = f"the timing input {spec.timing.size_label} = {last.n}"
                us, rs = samples[last.n]
                more, _ = self._measure(self.sizes.index(last.n), last.n, last.ref_s or 0.0,
                                        last.user_s or 0.0, us, rs)
                rows[rows.index(last)] = more
                remeasured = True
            self._timing_verdict(rows, stopped, remeasured)

    def _measure(self, ti: int, n: int, ref_warm: float, user_warm: float, us: list[float],
                 rs: list[float]) -> tuple[TimingRow, str | None]:
        """Interleaved repeats at one size, appended to the samples ``us``/``rs`` (seconds per
        call of the user and the reference; non-empty when re-measuring)."""
        oracle, user, lim, budget = self.oracle, self.user, self.lim, self.spec.budget
        assert oracle is not None and user is not None
        reps = max(1, min(1000, math.ceil(0.02 / max(ref_warm, 1e-7))))
        user_reps = reps if user_warm * reps <= lim.timing_cap_s / 4 else max(
            1, int(lim.timing_cap_s / 4 / max(user_warm, 1e-9)))
        if user_warm > lim.timing_cap_s:
            # one slow call may be a hiccup (a descheduled process, page faults): confirm it
            confirm = max(lim.timing_size_s, 3 * user_warm) * _load_factor()
            try:
                u2, _, _ = self._batch(user, ti, 1, False, confirm)
            except _Interrupt as exc:
                if exc.child is not user or exc.kind != "timeout":
                    raise
                return TimingRow(n, confirm, ref_warm, confirm / max(ref_warm, 1e-9), 1, 1), \
                    "killed"
            r2, _, _ = self._batch(oracle, ti, 1, False, 300 * _load_factor())
            user_warm, ref_warm = min(user_warm, u2), min(ref_warm, r2)
            ratio = user_warm / max(ref_warm, 1e-9)
            if user_warm > lim.timing_cap_s:
                return (TimingRow(n, user_warm, ref_warm, ratio, 2, 1),
                        "cap" if ratio > budget else None)
            reps = max(1, min(1000, math.ceil(0.02 / max(ref_warm, 1e-7))))
            user_reps = reps if user_warm * reps <= lim.timing_cap_s / 4 else max(
                1, int(lim.timing_cap_s / 4 / max(user_warm, 1e-9)))
        user_limit = max(lim.timing_size_s, 50 * user_warm * user_reps) * _load_factor()
        stop = None
        t_size = time.monotonic()
        for r in range(self.repeats):
            first_ref = (len(us) + r) % 2 == 0
            try:
                if first_ref:
                    rt, _, _ = self._batch(oracle, ti, reps, False, 300 * _load_factor())
                    ut, _, _ = self._batch(user, ti, user_reps, False, user_limit)
                else:
                    ut, _, _ = self._batch(user, ti, user_reps, False, user_limit)
                    rt, _, _ = self._batch(oracle, ti, reps, False, 300 * _load_factor())
            except _Interrupt as exc:
                if exc.child is not user or exc.kind != "timeout":
                    raise
                us.append(user_limit / user_reps)  # killed: at least this slow
                rs.append(rs[-1] if rs else ref_warm)
                stop = "killed"
                break
            us.append(ut)
            rs.append(rt)
            if len(us) >= 3:
                ratio = median([u / max(q, 1e-12) for u, q in zip(us, rs)])
                if ratio > 4 * budget:
                    stop = "clearly-over-budget"
                    break
                if time.monotonic() - t_size > 4.0 and abs(ratio - budget) > MARGIN * budget:
                    break  # enough samples for a stable median, far from the budget
        row = TimingRow(n, median(us), median(rs),
                        median([u / max(q, 1e-12) for u, q in zip(us, rs)]), len(us), reps)
        return row, stop

    def _timing_verdict(self, rows: list[TimingRow], stopped: str | None,
                        remeasured: bool) -> None:
        spec, v = self.spec, self.verdict
        measured = [r for r in rows if r.user_s is not None]
        last = measured[-1]
        budget = spec.budget
        complete = len(measured) == len(self.sizes)
        ratio = last.ratio if last.ratio is not None else math.inf
        within = bool(ratio <= budget and (complete or stopped == "stage-time"))
        t = TimingResult(
            user_median_s=last.user_s, ref_median_s=last.ref_s, budget=budget, ratio=ratio,
            within_budget=within, size=last.n, size_label=spec.timing.size_label,
            user_exponent=fit_exponent([r.n for r in measured], [r.user_s or 0 for r in measured]),
            ref_exponent=fit_exponent([r.n for r in measured], [r.ref_s or 0 for r in measured]),
            sizes=rows, stopped=stopped, remeasured=remeasured)
        v.timing = t
        v.within_budget = within
        v.checks.append(CheckResult("timing", within, _timing_message(t),
                                    {"ratio": t.ratio, "budget": t.budget}))

    # -- verdicts ----------------------------------------------------------------------------

    def _finish(self) -> None:
        """Everything correct: the checks, then make sure nothing extra was reported."""
        v = self.verdict
        user = self.user
        assert user is not None
        user.command("exit")
        deadline = time.monotonic() + 2.0
        while True:
            r = user.next(deadline)
            if r is None or r.kind == "eof":
                break
            self._error("protocol", "an extra report arrived after the last one: the check's "
                        "report pipe is not for your code")
            return
        v.correct = True
        groups = self._group_checks()
        timing_checks = [c for c in v.checks if c.name == "timing"]
        v.checks = groups + timing_checks

    def _group_checks(self, failing: dict[str, CaseFailure] | None = None) -> list[CheckResult]:
        failing = failing or {}
        counts: dict[str, int] = {}
        bad: dict[str, int] = {}
        for case in self.cases[: self.verdict.cases_checked]:
            counts[group_of(case)] = counts.get(group_of(case), 0) + 1
        for f in self.failures:
            bad[f.group] = bad.get(f.group, 0) + 1
            counts.setdefault(f.group, 0)
        large = self.verdict.cases_checked - min(self.verdict.cases_checked, len(self.cases))
        if large:
            counts["large inputs"] = large
        out = []
        for g in GROUP_ORDER:
            if g not in counts:
                continue
            total, n_bad = max(counts[g], bad.get(g, 0)), bad.get(g, 0)
            first = next((f for f in self.failures if f.group == g), None)
            msg = (f"{n_bad} of {total} wrong, first: {self._case_name(first.index)}" if first
                   else f"{total} of {total} correct")
            out.append(CheckResult(g, n_bad == 0, msg, {"total": total, "failed": n_bad}))
        return out

    def _case_name(self, index: int) -> str:
        if index < len(self.cases):
            return str(self.cases[index]["name"])
        return str(self.timing_inputs[index - len(self.cases)]["name"])

    def _failing_case(self, index: int, text: str = "", failure: CaseFailure | None = None,
                      expected: dict[str, Any] | None = None,
                      got: dict[str, Any] | None = None) -> FailingCase:
        case = (self.cases[index] if index < len(self.cases)
                else self.timing_inputs[index - len(self.cases)])
        output = failure.output if failure and not failure.stop_grad else None
        fc = FailingCase(
            name=str(case["name"]), kind=str(case.get("kind", "")), index=index,
            summary=summarise_case(case, self.arg_names),
            expected=(_summarise_outputs(expected, self.names, output) if expected
                      else (f"raises {case['raises']}" if case.get("raises") else "")),
            got=_summarise_outputs(got, self.names, output) if got else "",
            max_error=failure.max_error if failure else None, output=output)
        if text and not fc.got:
            fc.got = text
        return fc

    def _wrong_answer(self) -> None:
        v = self.verdict
        first = self.failures[0]
        v.error = "wrong-answer"
        v.message = first.message
        exp = self.expected[first.index].arrays if first.index in self.expected else None
        v.failing_case = self._failing_case(first.index, first.message, first, exp,
                                            self.outputs.get(first.index))
        self._diagnose()
        smallest = min((f for f in self.failures if f.index < len(self.cases)
                        and self.cases[f.index].get("kind") != "public"),
                       key=lambda f: _case_size(self.cases[f.index]), default=first)
        if smallest.index < len(self.cases):
            v.replay_case = self.cases[smallest.index]
        v.checks = self._group_checks()

    def _diagnose(self) -> None:
        found = diagnose(self.failures, {i: r.arrays for i, r in self.expected.items()},
                         self.outputs, self.cases, self.cases_mod, self.judge)
        if found:
            self.verdict.diagnosis_id, self.verdict.diagnosis = found

    def _large_failure(self, entry: dict[str, Any], failure: CaseFailure, ref_out: Result,
                       user_out: Result) -> None:
        """Right on every case, wrong on a timing input: a wrong answer naming the size."""
        v = self.verdict
        failure.message = f"at {self.spec.timing.size_label} = {entry['n']}: {failure.message}"
        failure.group = "large inputs"
        self.failures.append(failure)
        self.outputs[failure.index] = user_out.arrays
        v.error, v.message = "wrong-answer", failure.message
        v.failing_case = self._failing_case(failure.index, failure.message, failure,
                                            ref_out.arrays, user_out.arrays)
        v.checks = self._group_checks()

    def _error(self, kind: str, message: str, index: int | None = None) -> None:
        v = self.verdict
        v.error, v.message = kind, message.rstrip()
        if index is not None:
            v.failing_case = self._failing_case(index)
        if self.failures:  # wrong results before the error: show the first, name the mistake
            first = self.failures[0]
            exp = self.expected[first.index].arrays if first.index in self.expected else None
            v.failing_case = self._failing_case(first.index, first.message, first, exp,
                                                self.outputs.get(first.index))
            self._diagnose()
        v.checks = self._group_checks()
        v.checks.append(CheckResult("runs", False, message, {"error": kind}))

    def _user_interrupted(self, exc: _Interrupt) -> None:
        """The user child stopped answering: say what happened where, once."""
        user, fn, lim = self.user, self.spec.function, self.lim
        assert user is not None
        where = self.where
        index = self.case_index if where.startswith("case ") else None
        if exc.kind == "timeout":
            rss = user.rss_bytes() - self.rss_base
            if rss > lim.memory_mb * MB // 2:
                self._error("memory", f"{fn}() was still allocating memory ({rss / MB:.0f} MB) "
                            f"after {self.step_limit:.0f} s on {where}; killed. Look for a list "
                            "or array that grows without end.", index)
            else:
                self._error("timeout", f"{fn}() took longer than {self.step_limit:.0f} s on "
                            f"{where}; killed. Look for an infinite loop (a while loop whose "
                            "condition never changes) or a pure-Python loop over a large input.",
                            index)
        elif exc.kind == "ended":
            kind, text = describe_exit(user.exit_status())
            if kind == "memory":
                text += f": more than the {lim.memory_mb} MB a solution may allocate?"
            self._error(kind, f"{text}, {_while(where)}", index)
        elif exc.kind == "broken":
            self._error("protocol", f"the check's report from your process was broken "
                        f"({exc.detail}), {_while(where)}: the report pipe is not for your code",
                        index)
        else:
            head = exc.head
            kind = str(head.get("kind") or "crash")
            message = str(head.get("message") or "")
            if kind == "memory":
                message = (f"{fn}() ran out of memory {_while(where)}: it may allocate "
                           f"{lim.memory_mb} MB on top of what numpy/torch take "
                           f"({head.get('exception', 'MemoryError')})")
            elif head.get("phase") == "timing":
                message = f"{fn}() raised {head.get('exception')} at {where}:\n{message}"
            elif where.startswith("case ") and kind in ("exit", "exception", "not-implemented"):
                message = f"{message} ({_while(where)})" if kind == "exit" else message
            self._error(kind, message, index)

    def _internal(self, exc: _Interrupt) -> None:
        v = self.verdict
        assert self.oracle is not None
        detail = exc.detail or exc.kind
        if exc.kind == "ended":
            detail = "the reference process ended early:\n" + self.oracle.err.text()
        elif exc.kind == "timeout":
            detail = "the reference did not finish in time (is the machine overloaded?)"
        v.error, v.message = "internal", f"the reference failed: {detail}".rstrip()


def _while(where: str) -> str:
    if where == "importing your file":
        return "while being imported"
    if where == "starting up":
        return "while starting up"
    return f"on {where}"


def _case_size(case: dict[str, Any]) -> int:
    return sum(int(getattr(a, "size", 1)) for a in case["args"])


def _summarise_outputs(arrays: dict[str, Any], names: tuple[str, ...], output: str | None) -> str:
    """The one output, or ``name = ...`` for the wrong output of a multi-output kata (all of
    them when it is not known which one is wrong)."""
    if not names:
        return summarise_array(arrays["out"]) if "out" in arrays else ""
    shown = [output] if output else list(names)
    return "; ".join(f"{n} = {summarise_array(arrays[f'out:{n}'])}" for n in shown
                     if f"out:{n}" in arrays)


def _timing_message(t: TimingResult) -> str:
    if t.ratio is None:
        return "too slow to time (stopped)"
    head = f"{t.ratio:.1f}x the reference at {t.size_label} = {t.size} (budget {t.budget:g}x)"
    if t.remeasured:
        head += ", measured twice (close to the budget)"
    if not t.within_budget and t.stopped in ("cap", "killed", "over-budget", "clearly-over-budget"):
        head += "; stopped early, clearly over budget"
    return head
