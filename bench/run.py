"""prep's speed budgets, measured as ratios against a floor timed in the same run.

    python bench/run.py            # the CLI benchmarks, 15 alternating runs each
    python bench/run.py --runs 30  # steadier medians
    python bench/run.py --all      # and then the kata benchmarks: check overhead, timing-verdict
                                   # stability with a busy core, references vs library ops

Each line runs the command under test and its floor alternately (A B A B ...), takes the
median wall time of each, and reports the ratio against the goal. Not run by CI: shared
machines make timings noisy, so budgets are measured here and reported in the README,
never asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable

MINIMAL_TYPER = """
import typer
app = typer.Typer(add_completion=False, rich_markup_mode=None)
@app.command()
def hello(name: str = "x") -> None:
    \"\"\"Say hello.\"\"\"
@app.command()
def bye() -> None:
    \"\"\"Say bye.\"\"\"
app()
"""


def timed(cmd: list[str], env: dict[str, str], stdin: str | None = None) -> float:
    t = time.perf_counter()
    r = subprocess.run(cmd, input=stdin, capture_output=True, text=True, env=env, cwd=ROOT)
    elapsed = time.perf_counter() - t
    if r.returncode not in (0, 1):
        raise SystemExit(f"benchmark command failed ({r.returncode}): {' '.join(cmd)}\n{r.stderr[-2000:]}")
    return elapsed


def compare(name: str, a: list[str], b: list[str], env_a: dict[str, str], env_b: dict[str, str],
            runs: int, goal: str, stdin: str | None = None) -> dict[str, object]:
    timed(a, env_a, stdin)  # warm caches (disk, bank cache, .pyc) once each
    timed(b, env_b, stdin)
    ta, tb = [], []
    for _ in range(runs):
        ta.append(timed(a, env_a, stdin))
        tb.append(timed(b, env_b, stdin))
    ma, mb = statistics.median(ta), statistics.median(tb)
    return {"name": name, "prep_s": ma, "floor_s": mb, "ratio": ma / mb, "goal": goal}


def env_with(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    # as on a user's machine: let Python cache compiled modules (some sandboxes disable it)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update({"COLUMNS": "100", "NO_COLOR": "1"})
    env.update(extra)
    return env


def big_bank(path: Path, n: int) -> None:
    lines = ["topic: bigbank", "title: Ten thousand generated questions", "questions:"]
    for i in range(n):
        lines += [
            f"  - id: big-{i}",
            "    type: numeric",
            f"    prompt: \"What is {i} + {{k}}?\"",
            "    params: {k: [1, 2, 3]}",
            f"    answer: \"{i} + k\"",
            "    tolerance: 0",
            "    explanation: Add them.",
            "    tags: [statistics]",
            "    difficulty: 1",
            "    source: https://example.org/generated",
        ]
    path.write_text("\n".join(lines) + "\n")


def fill_store(home: Path, n: int) -> None:
    """n answers spread over 120 days on the shipped questions, plus their cards, via prep itself."""
    sys.path.insert(0, str(ROOT))
    from prepcli.banks.catalog import load_catalog
    from prepcli.srs import Scheduler
    from prepcli.store import iso, open_store

    catalog = load_catalog(user_dirs=[], cache=home / "cache")
    qs = catalog.all_questions()
    now = datetime.now(timezone.utc)
    rng = random.Random(0)
    sched = Scheduler()
    with open_store(home / "progress.sqlite3") as store:
        for q in qs[:300]:
            r = sched.review(q.id, None, rng.choice([1, 3, 4]), now - timedelta(days=rng.randint(0, 20)))
            store.record_answer(question_id=q.id, topic=q.topic, outcome="right", rating=3, response="",
                                duration_ms=1000, hinted=False, session_id=None, card=r.card)
        rows = []
        for i in range(n):
            q = qs[i % len(qs)]
            at = now - timedelta(seconds=rng.randint(0, 120 * 24 * 3600), microseconds=i)
            rows.append({"question_id": q.id, "topic": q.topic, "answered_at": iso(at),
                         "outcome": rng.choice(["right", "wrong"]), "rating": 3, "response": "",
                         "duration_ms": 1000, "hinted": 0, "recorded": 1})
        store.merge({"answers": rows})  # the store's own import path: no SQL outside store.py


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--all", action="store_true",
                    help="also run kata_overhead.py, kata_stability.py --busy and reference_speed.py")
    ap.add_argument("--kata-runs", type=int, default=10, help="runs per solution for the stability bench")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="prep-bench-"))
    typer_app = tmp / "minimal_typer.py"
    typer_app.write_text(MINIMAL_TYPER)
    home = tmp / "home"
    prep = [PY, "-m", "prepcli"]
    results = []
    base = env_with(PREP_HOME=str(home), PREP_BANKS="")
    results.append(compare("prep --help vs a minimal Typer app --help", prep + ["--help"],
                           [PY, str(typer_app), "--help"], base, base, args.runs, "<= 1.3x"))
    results.append(compare("one-question quiz vs a minimal Typer app --help",
                           prep + ["quiz", "detection", "-n", "1", "--no-record", "--seed", "1"],
                           [PY, str(typer_app), "--help"], base, base, args.runs, "<= 2.5x", stdin="s\n"))
    bank_dir = tmp / "banks"
    bank_dir.mkdir()
    big_bank(bank_dir / "big.yaml", 10_000)
    big = env_with(PREP_HOME=str(home), PREP_BANKS=str(bank_dir))
    t0 = time.perf_counter()
    timed(prep + ["quiz", "detection", "-n", "1", "--no-record"], big, "s\n")
    cold = time.perf_counter() - t0
    results.append(compare("quiz with a 10,000-question user bank vs shipped banks only",
                           prep + ["quiz", "detection", "-n", "1", "--no-record", "--seed", "1"],
                           prep + ["quiz", "detection", "-n", "1", "--no-record", "--seed", "1"],
                           big, base, args.runs, "<= 2x", stdin="s\n"))
    results[-1]["note"] = f"first run (parse + cache write) {cold:.2f} s"
    full = tmp / "full"
    full.mkdir()
    fill_store(full, 100_000)
    empty = tmp / "empty"
    results.append(compare("prep stats over 100,000 answers vs an empty store", prep + ["stats"],
                           prep + ["stats"], env_with(PREP_HOME=str(full)),
                           env_with(PREP_HOME=str(empty)), args.runs, "<= 2x"))
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"{'benchmark':62} {'prep':>8} {'floor':>8} {'ratio':>7}  goal")
    for r in results:
        print(f"{r['name']:62} {r['prep_s']:8.3f} {r['floor_s']:8.3f} {r['ratio']:6.2f}x  {r['goal']}"
              + (f"   ({r['note']})" if r.get("note") else ""))
    if args.all:
        here = Path(__file__).resolve().parent
        for script, extra in (("kata_overhead.py", ["--runs", "3"]),
                              ("kata_stability.py", ["--runs", str(args.kata_runs), "--busy"]),
                              ("reference_speed.py", [])):
            print(f"\n## {script} {' '.join(extra)}", flush=True)
            subprocess.run([PY, str(here / script), *extra], cwd=ROOT, check=False)


if __name__ == "__main__":
    main()
