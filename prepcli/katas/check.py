"""Check a kata solution: two sandboxed children, compared in this process.

Design (why a solution cannot be passed by accident or by trickery short of deliberate sabotage):

1. This process generates the cases (``cases.py``, NumPy only: public examples, seeded random
   cases, edge cases, stability probes) and writes them to a private temp dir.
2. An **oracle** child runs the hidden reference over them (and each known mistake, for the
   diagnosis). It never sees the user's file, so nothing the user writes can change the
   expected values.
3. A **user** child imports the user's file (isolated interpreter, fresh empty cwd, memory limit,
   no ``prepcli`` import, the reference neither on ``sys.path`` nor in ``sys.modules``) and sends
   back what the function returned for each case: values as arrays, the container type, the
   gradients, the exception raised. A wall-clock limit applies to each step (start-up, import,
   every case, every timing size) and to the whole check; on expiry the process group is killed.
4. **This** process compares (NumPy; torch is never imported here): shape, dtype kind, value
   within per-dtype tolerances, gradients, finiteness, expected exceptions. A pass needs a
   correct report for *every* case plus the final ``done`` frame; a missing report (exit, crash,
   hang, garbage) is an error verdict, never a pass.
5. Only when everything is correct is the user child told to time itself against the reference
   (loaded privately before the user's module), interleaved, on the manifest's sizes.
"""

from __future__ import annotations

import math
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from prepcli.errors import UsageError
from prepcli.katas.catalog import KataSpec
from prepcli.katas.compare import compare_arrays, summarise_array, summarise_case, tolerances
from prepcli.katas.runner import load_arrays, output_keys, save_cases
from prepcli.katas.sandbox import Child, describe_exit
from prepcli.katas.verdict import CheckResult, FailingCase, KataVerdict, TimingResult


@dataclass
class Limits:
    """Wall-clock limits (seconds) and memory for one check."""

    setup_s: float = 60.0  # interpreter + numpy/torch import + cases (a busy machine is slow)
    import_s: float = 10.0  # importing the user's file
    case_s: float = 3.0  # each case
    timing_size_s: float = 45.0  # each timing size
    total_s: float = 180.0  # the whole check
    memory_mb: int = 1024  # address space on top of what the interpreter needs
    output_bytes: int = 4096  # of the user's stdout / stderr kept
    timing_cap_s: float = 2.0  # a single user call longer than this ends the timing stage


TORCH_ADDRESS_SPACE_MB = 2048  # torch's shared libraries and thread stacks reserve this much


def load_cases_module(spec: KataSpec) -> Any:
    import importlib.util
    import sys

    name = f"_prep_cases_{spec.id}"
    s = importlib.util.spec_from_file_location(name, spec.cases_path)
    assert s is not None and s.loader is not None
    mod = importlib.util.module_from_spec(s)
    sys.modules[name] = mod
    try:
        s.loader.exec_module(mod)
    finally:
        del sys.modules[name]
    return mod


def make_cases(spec: KataSpec, seed: int, cases_mod: Any | None = None) -> list[dict[str, Any]]:
    """Public examples first, then the hidden cases drawn with ``seed``."""
    import numpy as np

    mod = cases_mod or load_cases_module(spec)
    cases = [dict(c, kind="public") for c in mod.public_cases()]
    cases += mod.hidden_cases(np.random.default_rng(seed))
    return cases


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

    ``cases`` replaces the generated ones (``--replay``). ``timing=False`` skips the timing stage
    (the verdict then has ``within_budget=None`` and ``passed`` means correct).
    """
    import numpy as np

    fw = spec.check_framework(framework)
    file = Path(file).expanduser().resolve()
    if not file.is_file():
        raise UsageError(f"no file {file}: write your solution there, or pass --file PATH")
    lim = limits or Limits()
    t_start = time.monotonic()
    if seed is None:
        seed = int.from_bytes(__import__("os").urandom(4), "little")
    cases_mod = load_cases_module(spec)
    replayed = cases is not None
    if cases is None:
        cases = make_cases(spec, seed, cases_mod)
    verdict = KataVerdict(kata=spec.id, framework=fw, file=str(file), seed=seed, replayed=replayed)
    needs_torch = fw == "torch"
    memory = (lim.memory_mb + (TORCH_ADDRESS_SPACE_MB if needs_torch else 512)) * 2**20

    workdir = Path(tempfile.mkdtemp(prefix="prep-kata-"))
    children: list[Child] = []
    try:
        cases_file = workdir / "cases.npz"
        save_cases(str(cases_file), cases)
        base = {"framework": fw, "function": spec.function, "cases_file": str(cases_file),
                "cases_py": str(spec.cases_path), "reference_py": str(spec.reference_path),
                "needs_torch": needs_torch, "outputs": list(spec.outputs)}
        oracle = Child(dict(base, role="oracle", file=""), workdir, memory_bytes=memory,
                       output_limit=lim.output_bytes)
        children.append(oracle)
        timing_cfg = None
        if timing and not replayed:
            timing_cfg = {"sizes": list(spec.timing.sizes),
                          "repeats": int(repeats or spec.timing.repeats),
                          "budget": spec.budget, "cap_s": lim.timing_cap_s}
        user = Child(dict(base, role="user", file=str(file), timing=timing_cfg), workdir,
                     memory_bytes=memory, output_limit=lim.output_bytes)
        children.append(user)

        try:
            expected = _collect_oracle(oracle, len(cases), lim, t_start)
        except _InternalError as exc:
            verdict.error, verdict.message = "internal", str(exc)
        else:
            _run_user(user, spec, cases, expected, cases_mod, fw, verdict, lim, t_start, timing_cfg,
                  memory)
        verdict.stdout, verdict.stderr = user.out.text(), user.err.text()
    finally:
        for c in children:
            c.kill()
        shutil.rmtree(workdir, ignore_errors=True)
    verdict.seconds = time.monotonic() - t_start
    if verdict.correct and verdict.error is None:
        verdict.passed = verdict.within_budget is not False
    else:
        verdict.passed = False
    _ = np  # numpy is needed by the comparisons; imported here so the CLI import stays cheap
    return verdict


class _InternalError(Exception):
    pass


def _collect_oracle(oracle: Child, n_cases: int, lim: Limits,
                    t_start: float) -> dict[int, tuple[dict[str, Any], dict[str, Any]]]:
    out: dict[int, tuple[dict[str, Any], dict[str, Any]]] = {}
    deadline = t_start + lim.setup_s + 30.0
    while True:
        msg = oracle.next(deadline)
        if msg is None:
            raise _InternalError("the reference did not finish in time (is the machine overloaded?)")
        _, head, blob = msg
        if head is None:
            raise _InternalError("the reference process ended early:\n" + oracle.err.text())
        if head["type"] == "case":
            out[head["index"]] = (head, load_arrays(blob))
        elif head["type"] == "error":
            raise _InternalError(f"the reference failed: {head.get('message')}")
        elif head["type"] in ("cases-done", "done"):
            if len(out) != n_cases:
                raise _InternalError("the reference skipped cases")
            return out


def _run_user(user: Child, spec: KataSpec, cases: list[dict[str, Any]],
              expected: dict[int, tuple[dict[str, Any], dict[str, Any]]], cases_mod: Any, fw: str,
              verdict: KataVerdict, lim: Limits, t_start: float,
              timing_cfg: dict[str, Any] | None, user_memory: int = 2**31) -> None:
    state = "start"  # start -> ready -> imported -> cases-done -> done
    last = user.started
    # (case index, message, check group, largest error, user's arrays, wrong output's name)
    failures: list[tuple[int, str, str, float | None, dict[str, Any], str | None]] = []
    per_group: dict[str, list[int]] = {}
    group_fail: dict[str, str] = {}
    timing_rows: list[dict[str, Any]] = []
    next_case = 0
    outputs: dict[int, dict[str, Any]] = {}
    hard_deadline = t_start + lim.total_s

    def step_limit() -> float:
        if state == "start":
            return lim.setup_s
        if state == "ready":
            return lim.import_s
        if state == "imported":
            return lim.case_s
        return lim.timing_size_s

    while True:
        deadline = min(last + step_limit(), hard_deadline)
        msg = user.next(deadline)
        if msg is None:  # hang
            if state == "timing":
                timing_rows.append({"n": None, "killed": True})
                break
            what = {"start": "starting up", "ready": "importing your file"}.get(state)
            if what is None:
                c = cases[next_case] if next_case < len(cases) else None
                what = f"case {c['name']!r}" if c else "finishing"
            verdict.error = "timeout"
            verdict.message = (f"{spec.function}() took longer than {step_limit():g} s on {what}; "
                               "killed. Look for an infinite loop (a while loop whose condition "
                               "never changes).")
            rss = user.rss_bytes()
            if rss > user_memory // 3:
                verdict.error = "memory"
                verdict.message = (f"{spec.function}() was still allocating memory "
                                   f"({rss / 2**20:.0f} MB) after {step_limit():g} s on {what}; "
                                   "killed. Look for a list or array that grows without end.")
            if state == "imported" and next_case < len(cases):
                _set_failing(verdict, cases, next_case, spec)
            break
        arrived, head, blob = msg
        last = arrived
        if head is None:  # EOF without "done"
            code = user.exit_status()
            kind, text = describe_exit(code)
            if state == "timing":
                timing_rows.append({"n": None, "killed": True})
                break
            verdict.error = kind
            verdict.message = text
            if kind == "exit" and state in ("start", "ready"):
                verdict.message = text.replace("before the check finished", "while being imported")
            break
        t = head["type"]
        if t == "ready":
            state = "ready"
        elif t == "imported":
            state = "imported"
        elif t == "error":
            verdict.error = head["kind"]
            verdict.message = head.get("message", "")
            if head.get("case") is not None:
                _set_failing(verdict, cases, head["case"], spec)
            break
        elif t == "case":
            i = head["index"]
            next_case = i + 1
            case = cases[i]
            arrays = load_arrays(blob)
            outputs[i] = arrays
            ok, msg_text, max_err, group, bad_output = _judge(case, expected[i], head, arrays,
                                                              cases_mod, fw, spec.outputs)
            per_group.setdefault(group, []).append(i)
            if not ok:
                failures.append((i, msg_text, group, max_err, arrays, bad_output))
                group_fail.setdefault(group, f"{case['name']}: {msg_text}")
        elif t == "cases-done":
            state = "cases-done"
            if failures or timing_cfg is None:
                user.send("stop")
                break
            user.send("time")
            state = "timing"
        elif t == "timing":
            timing_rows.append(head)
        elif t == "done":
            break

    # -- assemble the checks ------------------------------------------------------------------
    order = ["public examples", "hidden cases", "edge cases", "stability", "gradients", "gradcheck"]
    for g in order:
        idx = per_group.get(g)
        if not idx:
            continue
        n_bad = sum(1 for f in failures if f[2] == g)
        verdict.checks.append(CheckResult(
            g, n_bad == 0, group_fail.get(g, f"{len(idx)} of {len(idx)} correct")
            if n_bad else f"{len(idx)} of {len(idx)} correct",
            {"total": len(idx), "failed": n_bad}))
    if failures and verdict.error is None:
        verdict.error = "wrong-answer"
    if verdict.error is not None:
        if verdict.error != "wrong-answer":
            verdict.checks.append(CheckResult("runs", False, verdict.message, {"error": verdict.error}))
        if failures:
            first = failures[0]
            i, text, _g, max_err, arrays, bad_output = first
            _set_failing(verdict, cases, i, spec, text, max_err, expected[i][1], arrays,
                         None if bad_output == STOP_GRAD else bad_output)
            verdict.message = verdict.message or text
            _diagnose(verdict, failures, expected, cases, cases_mod, outputs, spec.outputs)
            smallest = min((f for f in failures if cases[f[0]].get("kind") != "public"),
                           key=lambda f: _case_size(cases[f[0]]), default=first)
            verdict.replay_case = cases[smallest[0]]
        return
    verdict.correct = True
    if timing_cfg is not None:
        verdict.timing = _timing_result(spec, timing_rows, timing_cfg)
        verdict.within_budget = verdict.timing.within_budget
        t = verdict.timing
        verdict.checks.append(CheckResult("timing", t.within_budget, _timing_message(t),
                                          {"ratio": t.ratio, "budget": t.budget}))


def _case_size(case: dict[str, Any]) -> int:
    return sum(int(getattr(a, "size", 1)) for a in case["args"])


def _group(case: dict[str, Any]) -> str:
    return {"public": "public examples", "random": "hidden cases", "edge": "edge cases",
            "probe": "stability", "gradcheck": "gradcheck"}.get(case.get("kind", ""), "hidden cases")


STOP_GRAD = "@stop-grad"  # _judge's "output" for a gradient leaking into a stop-gradient input


def _judge(case: dict[str, Any], expected: tuple[dict[str, Any], dict[str, Any]], head: dict[str, Any],
           arrays: dict[str, Any], cases_mod: Any, fw: str, names: tuple[str, ...] = ()
           ) -> tuple[bool, str, float | None, str, str | None]:
    """(ok, what is wrong, largest error, check group, the wrong output's name if named).

    ``names`` are a multi-output kata's outputs: each is compared on its own (shape, dtype
    kind, values, ``case["tolerances"][name]``), and a message names the output it is about.
    Gradients and gradcheck concern the first output (the loss).
    """
    import numpy as np

    group = _group(case)
    exp_head, exp_arrays = expected
    if case.get("kind") == "gradcheck":
        ok = bool(head.get("gradcheck"))
        return ok, "" if ok else ("torch.autograd.gradcheck failed in float64: "
                                  + (head.get("message") or "")), None, group, None
    if case.get("raises"):
        want = case["raises"]
        if head.get("raised_ok"):
            return True, "", None, group, None
        if "raised" in head and head["raised"]:
            return False, f"raised {head['raised']}, expected {want}", None, group, None
        return False, f"returned a result; expected it to raise {want}", None, group, None
    labels: list[str | None] = list(names) or [None]
    containers = head.get("containers") if names else [head.get("container")]
    if not containers or len(containers) != len(labels):
        return False, f"expected {len(labels)} outputs", None, group, None
    custom = getattr(cases_mod, "compare", None)
    max_err: float | None = None
    for k, (label, key, container) in enumerate(zip(labels, output_keys(names), containers)):
        pre = f"{label}: " if label else ""
        allowed = {"numpy": {"ndarray", "list", "tuple", "scalar"},
                   "torch": {"tensor", "list", "tuple"}}[fw]
        if case.get("grad") and k == 0:
            allowed = {"tensor"}
        if container not in allowed:
            want = "a torch.Tensor" if fw == "torch" else "a numpy.ndarray"
            return False, f"{pre}returned a {container}; expected {want}", None, group, label
        exp, got = exp_arrays[key], arrays[key]
        if container in ("list", "tuple") and got.size == 0:
            got = got.astype(exp.dtype).reshape(exp.shape) if exp.size == 0 else got
        if custom is not None:
            ok, text, err = custom(case, exp, got, output=label) if names else custom(case, exp, got)
        else:
            rtol, atol = tolerances(case, label)
            ok, text, err = compare_arrays(exp, got, rtol, atol)
        if err is not None:
            max_err = err if max_err is None else max(max_err, err)
        if not ok:
            return False, pre + text, err, group, label
        if case.get("finite") and not np.all(np.isfinite(got)):
            what = f"{label} is" if label else "the loss is"
            return False, f"{what} not finite: {summarise_array(got)}", None, "stability", label
    if case.get("finite") and case.get("grad") and not head.get("finite_grads", True):
        return False, "the gradients are not finite (NaN or inf)", None, "stability", None
    if case.get("grad"):
        loss = f" ({names[0]})" if names else ""
        problem = head.get("grad_problem")
        if problem == "no-grad":
            return (False, f"the result{loss} does not backpropagate (no grad_fn): stay in torch, "
                    "no .item(), .numpy(), torch.tensor(...) or .detach() on the way", None,
                    "gradients", None)
        if problem:
            return False, f"gradient{loss}: {problem}", None, "gradients", None
        rtol, atol = tolerances(case, names[0] if names else None)
        stop = set(case.get("stop_grad") or [])
        for k in range(len(case["grad"])):
            g_exp, g_got = exp_arrays.get(f"grad{k}"), arrays.get(f"grad{k}")
            if g_exp is None or g_got is None:
                return False, "gradient missing", None, "gradients", None
            if case.get("finite") and not np.all(np.isfinite(g_got)):
                return False, "the gradients are not finite (NaN or inf)", None, "stability", None
            if case["grad"][k] in stop and np.any(g_got != 0):
                return (False, f"gradient{loss} w.r.t. argument {case['grad'][k]} is not zero "
                        f"(largest {float(np.abs(g_got).max()):.3g}): that input is a constant "
                        "target; stop the gradient with .detach()", None, "gradients",
                        STOP_GRAD)
            ok, text, err = compare_arrays(g_exp, g_got, max(rtol, 1e-5) * 10, atol * 10,
                                           scale_atol=True)
            if not ok:
                return (False, f"gradient{loss} w.r.t. argument {case['grad'][k]}: {text}", err,
                        "stability" if case.get("finite") else "gradients", None)
    return True, "", max_err, group, None


def _set_failing(verdict: KataVerdict, cases: list[dict[str, Any]], i: int, spec: KataSpec,
                 text: str = "", max_err: float | None = None,
                 exp_arrays: dict[str, Any] | None = None, got_arrays: dict[str, Any] | None = None,
                 output: str | None = None) -> None:
    case = cases[i]
    names = _arg_names(spec)
    verdict.failing_case = FailingCase(
        name=case["name"], kind=case.get("kind", ""), index=i,
        summary=summarise_case(case, names),
        expected=_summarise_outputs(exp_arrays, spec.outputs, output) if exp_arrays
        else (f"raises {case['raises']}" if case.get("raises") else ""),
        got=_summarise_outputs(got_arrays, spec.outputs, output) if got_arrays else "",
        max_error=max_err, output=output,
    )
    if text and not verdict.failing_case.got:
        verdict.failing_case.got = text


def _summarise_outputs(arrays: dict[str, Any], names: tuple[str, ...], output: str | None) -> str:
    """The one output, or ``name = ...`` for the wrong output of a multi-output kata (all of
    them when it is not known which one is wrong)."""
    if not names:
        return summarise_array(arrays["out"]) if "out" in arrays else ""
    shown = [output] if output else list(names)
    return "; ".join(f"{n} = {summarise_array(arrays[f'out:{n}'])}" for n in shown
                     if f"out:{n}" in arrays)


def _arg_names(spec: KataSpec) -> list[str]:
    sig = spec.signature
    inside = sig[sig.find("(") + 1: sig.find(")")] if "(" in sig else ""
    return [p.split("=")[0].strip() for p in inside.split(",") if p.strip()]


def _same(a: Any, b: Any, case: dict[str, Any], output: str | None = None) -> bool:
    if a is None or b is None or a.shape != b.shape:
        return False
    if a.dtype.kind in "iu" or b.dtype.kind in "iu":
        return bool((a.astype("int64") == b.astype("int64")).all())
    rtol, atol = tolerances(case, output)
    return compare_arrays(a, b, rtol * 10, atol * 10)[0]


def _same_all(a: dict[str, Any], b: dict[str, Any], case: dict[str, Any],
              names: tuple[str, ...]) -> bool:
    """Every output of ``a`` (keys ``out``/``out:<name>``) matches the same one of ``b``."""
    labels: list[str | None] = list(names) or [None]
    return all(_same(a.get(k), b.get(k), case, n) for k, n in zip(output_keys(names), labels))


def _diagnose(verdict: KataVerdict, failures: list[tuple[Any, ...]],
              expected: dict[int, tuple[dict[str, Any], dict[str, Any]]],
              cases: list[dict[str, Any]], cases_mod: Any,
              outputs: dict[int, dict[str, Any]] | None = None,
              names: tuple[str, ...] = ()) -> None:
    """Name the known mistake that best explains the user's outputs, if any.

    A mistake qualifies when it reproduces the user's output (every output, for a multi-output
    kata) on a failing case where it differs from the reference; among those, the one agreeing
    with the user on the most cases wins.
    """
    outputs = outputs or {}
    mistakes = {mid: desc for mid, desc, _fn in getattr(cases_mod, "MISTAKES", [])}
    first = failures[0]
    first_case = cases[first[0]]
    if first_case.get("kind") == "probe" and first[2] == "stability":
        verdict.diagnosis_id = "unstable"
        verdict.diagnosis = getattr(cases_mod, "STABILITY_HINT", "numerically unstable: the "
                                    "result or its gradient overflows at extreme inputs")
        return
    if len(first) > 5 and first[5] == STOP_GRAD and hasattr(cases_mod, "STOP_GRAD_HINT"):
        verdict.diagnosis_id, verdict.diagnosis = cases_mod.STOP_GRAD_HINT
        return
    best: tuple[int, str] | None = None
    failing = {f[0] for f in failures}
    keys = output_keys(names)
    for mid in mistakes:
        explains = False
        agree = 0
        for i, got_arrays in outputs.items():
            exp = expected[i][1]
            m = {k: exp.get(f"m:{mid}" + k[3:]) for k in keys}  # out -> m:id, out:x -> m:id:x
            if any(got_arrays.get(k) is None or m[k] is None for k in keys):
                continue
            if _same_all(m, got_arrays, cases[i], names):
                agree += 1
                if i in failing and not _same_all(m, exp, cases[i], names):
                    explains = True
        if explains and (best is None or agree > best[0]):
            best = (agree, mid)
    if best is not None:
        verdict.diagnosis_id, verdict.diagnosis = best[1], mistakes[best[1]]


def _fit_exponent(ns: list[float], ts: list[float]) -> float | None:
    pts = [(math.log(n), math.log(t)) for n, t in zip(ns, ts) if n and t and t > 0]
    if len(pts) < 2:
        return None
    mx = sum(p[0] for p in pts) / len(pts)
    my = sum(p[1] for p in pts) / len(pts)
    sxx = sum((p[0] - mx) ** 2 for p in pts)
    if sxx == 0:
        return None
    return sum((p[0] - mx) * (p[1] - my) for p in pts) / sxx


def _median(xs: list[float]) -> float:
    s = sorted(xs)
    m = len(s) // 2
    return s[m] if len(s) % 2 else (s[m - 1] + s[m]) / 2


def _timing_result(spec: KataSpec, rows: list[dict[str, Any]], cfg: dict[str, Any]) -> TimingResult:
    sizes = []
    stopped = None
    for r in rows:
        if r.get("killed"):
            stopped = "killed"
            continue
        if r.get("skipped"):
            stopped = r["skipped"]
            sizes.append({"n": r["n"], "skipped": True, "predicted_s": r.get("predicted_s")})
            continue
        if r.get("stopped") in ("cap", "stage-time"):
            stopped = r["stopped"]
        elif r.get("stopped") and stopped is None:
            stopped = r["stopped"]
        sizes.append({"n": r["n"], "user_s": _median(r["user"]), "ref_s": _median(r["ref"]),
                      "repeats": len(r["user"]), "reps": r.get("reps", 1)})
    measured = [s for s in sizes if "user_s" in s]
    budget = float(cfg["budget"])
    if not measured:
        return TimingResult(None, None, budget, None, False, None, spec.timing.size_label,
                            sizes=sizes, stopped=stopped or "killed")
    last = measured[-1]
    ratio = last["user_s"] / last["ref_s"] if last["ref_s"] > 0 else math.inf
    complete = len(measured) == len(cfg["sizes"]) and stopped not in ("killed", "cap",
                                                                      "predicted-too-slow")
    within = bool(ratio <= budget and complete)
    return TimingResult(
        user_median_s=last["user_s"], ref_median_s=last["ref_s"], budget=budget, ratio=ratio,
        within_budget=within, size=last["n"], size_label=spec.timing.size_label,
        user_exponent=_fit_exponent([s["n"] for s in measured], [s["user_s"] for s in measured]),
        ref_exponent=_fit_exponent([s["n"] for s in measured], [s["ref_s"] for s in measured]),
        sizes=sizes, stopped=stopped,
    )


def _timing_message(t: TimingResult) -> str:
    if t.ratio is None:
        return "too slow to time (stopped)"
    head = (f"{t.ratio:.1f}x the reference at {t.size_label} = {t.size} "
            f"(budget {t.budget:g}x)")
    if not t.within_budget and t.stopped in ("cap", "predicted-too-slow", "killed"):
        head += "; stopped early, a single call took too long"
    return head


def error_verdict_for_internal(spec: KataSpec, fw: str, file: Path, exc: Exception) -> KataVerdict:
    return KataVerdict(kata=spec.id, framework=fw, file=str(file), error="internal",
                       message=str(exc))
