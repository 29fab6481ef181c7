"""What a kata check found: plain dataclasses, no rendering (see prepcli/render/kata.py)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# error kinds, most to least fundamental
ERROR_KINDS = {
    "syntax-error": "the file does not parse",
    "import-error": "the file raised while being imported",
    "missing-function": "the file does not define the kata's function",
    "not-implemented": "not implemented yet",
    "exception": "the function raised",
    "timeout": "took too long (killed)",
    "memory": "ran out of memory",
    "exit": "exited the process (sys.exit / os._exit)",
    "crash": "the process died",
    "wrong-type": "returned the wrong type",
    "wrong-answer": "a wrong result",
    "protocol": "the check's report was broken",
    "internal": "the checker itself failed",
}

@dataclass
class CheckResult:
    """One stage of a check: ``public examples``, ``hidden cases``, ``gradients``, ``timing``..."""

    name: str
    passed: bool
    message: str = ""
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class TimingRow:
    """One timing size: medians per call (seconds) of interleaved repeats, or why it stopped."""

    n: int
    user_s: float | None = None
    ref_s: float | None = None
    ratio: float | None = None  # median of the paired user/reference ratios
    repeats: int = 0
    reps: int = 1  # calls per measured batch
    skipped: bool = False
    predicted_s: float | None = None


@dataclass
class TimingResult:
    """Medians in seconds at the largest size both ran; exponents fitted over all sizes."""

    user_median_s: float | None
    ref_median_s: float | None
    budget: float
    ratio: float | None
    within_budget: bool
    size: int | None = None
    size_label: str = "N"
    user_exponent: float | None = None
    ref_exponent: float | None = None
    sizes: list[TimingRow] = field(default_factory=list)
    stopped: str | None = None
    remeasured: bool = False  # a ratio near the budget was measured again before the verdict


@dataclass
class FailingCase:
    name: str
    kind: str
    index: int
    summary: str
    expected: str = ""
    got: str = ""
    max_error: float | None = None
    output: str | None = None  # the wrong output of a multi-output kata


@dataclass
class KataVerdict:
    kata: str
    framework: str
    file: str
    passed: bool = False
    correct: bool = False
    within_budget: bool | None = None
    error: str | None = None
    message: str = ""
    checks: list[CheckResult] = field(default_factory=list)
    timing: TimingResult | None = None
    diagnosis: str | None = None
    diagnosis_id: str | None = None
    failing_case: FailingCase | None = None
    stdout: str = ""
    stderr: str = ""
    seed: int | None = None
    seconds: float = 0.0
    replayed: bool = False
    scope: str = "full"  # full | untimed | replay : only a full check can record a pass
    cases_checked: int = 0
    replay_case: dict[str, Any] | None = field(default=None, repr=False, compare=False)

    @property
    def status(self) -> str:
        """One line for the store and the title: only a full check says ``passed``."""
        if self.error is not None or not self.correct:
            return "failed"
        if self.scope == "replay":
            n = self.cases_checked
            return f"correct on {n} case{'s' if n != 1 else ''}"
        if self.scope == "untimed":
            return "correct, untimed"
        return "passed" if self.passed else "correct, too slow"

    @property
    def speed_ratio(self) -> float | None:
        return self.timing.ratio if self.timing else None

    def to_json(self) -> dict[str, Any]:
        """The ``--json`` document: the DESIGN.md keys first, then the details."""
        d = asdict(self)
        d.pop("replay_case", None)
        head = {k: d.pop(k) for k in ("kata", "passed", "correct", "within_budget", "error", "checks")}
        return {**head, "status": self.status, **d}
