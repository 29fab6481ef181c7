"""The user's side of the katas: stub files in the workspace, backups, replay files, progress.

No NumPy or torch here except inside :func:`save_replay` / :func:`load_replay` (check time).
"""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from prepcli.errors import UsageError
from prepcli.katas.catalog import KataSpec

if TYPE_CHECKING:
    from prepcli.katas.verdict import KataVerdict
    from prepcli.store import Store


def workspace() -> Path:
    from prepcli.paths import workspace_dir

    return workspace_dir()


def solution_path(spec: KataSpec, framework: str) -> Path:
    """``<workspace>/<kata>.py`` for the kata's default framework, ``<kata>_<fw>.py`` otherwise."""
    suffix = "" if framework == spec.default_framework else f"_{framework}"
    return workspace() / f"{spec.id}{suffix}.py"


def write_stub(spec: KataSpec, framework: str, path: Path | None = None) -> Path:
    """Copy the stub into the workspace (never over an existing file)."""
    path = path or solution_path(spec, framework)
    if path.exists():
        raise UsageError(f"{path} already exists; use --reset to start it over")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(spec.stub_path(framework), path)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}. Set PREP_WORKSPACE to a "
                         "writable folder.") from None
    return path


def reset_stub(spec: KataSpec, framework: str, path: Path | None = None) -> tuple[Path, Path | None]:
    """Back the current file up to ``<workspace>/.backup/`` and write the stub again."""
    path = path or solution_path(spec, framework)
    backup = None
    if path.exists():
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
        backup = workspace() / ".backup" / f"{path.stem}.{stamp}.py"
        backup.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, backup)
        path.unlink()
    return write_stub(spec, framework, path), backup


def replay_path(spec: KataSpec, framework: str) -> Path:
    return workspace() / ".replay" / f"{spec.id}_{framework}.npz"


def save_replay(spec: KataSpec, verdict: KataVerdict) -> Path | None:
    """Keep the smallest failing hidden case of ``verdict`` for ``--replay``."""
    if verdict.replay_case is None or verdict.replayed:
        return None
    from prepcli.katas.child.wire import save_cases

    path = replay_path(spec, verdict.framework)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npz")
    save_cases(str(tmp), [dict(verdict.replay_case, replay_seed=verdict.seed)])
    tmp.replace(path)
    return path


def load_replay(spec: KataSpec, framework: str) -> list[dict[str, Any]]:
    path = replay_path(spec, framework)
    if not path.is_file():
        raise UsageError(f"no failing case saved for {spec.id} ({framework}) yet: run "
                         f"`prep kata {spec.id}` first")
    from prepcli.katas.child.wire import load_cases

    return load_cases(str(path))


def record(store: Store, verdict: KataVerdict) -> None:
    """One row in the store per check. Only a full check can record ``passed``; a replay or an
    untimed check records what it found (``status``: "correct on 1 case", "correct, untimed")."""
    details: dict[str, Any] = {"seed": verdict.seed, "diagnosis": verdict.diagnosis_id,
                               "replayed": verdict.replayed, "file": verdict.file,
                               "scope": verdict.scope, "status": verdict.status,
                               "cases_checked": verdict.cases_checked}
    if verdict.failing_case:
        details["failing_case"] = verdict.failing_case.name
    if verdict.timing:
        t = verdict.timing
        details.update(user_median_s=t.user_median_s, ref_median_s=t.ref_median_s,
                       budget=t.budget, user_exponent=t.user_exponent, ref_exponent=t.ref_exponent)
    passed = verdict.passed and verdict.scope == "full"
    store.record_kata_run(kata=verdict.kata, passed=passed, correct=verdict.correct,
                          within_budget=verdict.within_budget, speed_ratio=verdict.speed_ratio,
                          framework=verdict.framework, error=verdict.error,
                          details=json.loads(json.dumps(details, default=str)))
