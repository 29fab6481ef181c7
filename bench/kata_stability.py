"""Does the timing verdict flip? Check a fast (textbook) and a slow (pure-Python loop) solution of
each kata N times, optionally while another process keeps one core busy, and print a table.

    .venv/bin/python bench/kata_stability.py [--runs 10] [--busy] [--katas iou,nms]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from prepcli.katas.catalog import get_kata  # noqa: E402
from prepcli.katas.check import check_kata  # noqa: E402

SOLUTIONS = ROOT / "tests" / "katas" / "solutions"
# every kata with a textbook and a pure-Python-loop solution among the test solutions
KATAS = sorted(p.parent.name for p in SOLUTIONS.glob("*/textbook.py")
               if (p.parent / "slow_loops.py").is_file())


def _spin(stop: mp.Event) -> None:  # type: ignore[valid-type]
    x = 0
    while not stop.is_set():  # type: ignore[attr-defined]
        for _ in range(100000):
            x += 1


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--busy", action="store_true", help="keep one core busy meanwhile")
    ap.add_argument("--katas", default=",".join(KATAS))
    args = ap.parse_args()
    stop = mp.Event()
    spinner = None
    if args.busy:
        spinner = mp.Process(target=_spin, args=(stop,), daemon=True)
        spinner.start()
    rows = []
    try:
        for kata in args.katas.split(","):
            spec = get_kata(kata)
            for label, file in (("fast", "textbook.py"), ("slow", "slow_loops.py")):
                verdicts, ratios, user, ref, secs = [], [], [], [], []
                for r in range(args.runs):
                    t0 = time.monotonic()
                    v = check_kata(spec, SOLUTIONS / kata / file, seed=r)
                    secs.append(time.monotonic() - t0)
                    verdicts.append("pass" if v.passed else ("slow" if v.correct else f"fail:{v.error}"))
                    if v.timing and v.timing.ratio is not None:
                        ratios.append(v.timing.ratio)
                        user.append(v.timing.user_median_s or 0)
                        ref.append(v.timing.ref_median_s or 0)
                counts = {k: verdicts.count(k) for k in sorted(set(verdicts))}
                rows.append((kata, label, spec.budget, counts, ratios, user, ref, secs))
                print(f"{kata:10s} {label:4s} {counts} ratio min/med/max "
                      f"{min(ratios):.2f}/{statistics.median(ratios):.2f}/{max(ratios):.2f}",
                      flush=True)
    finally:
        stop.set()
        if spinner is not None:
            spinner.join(timeout=5)
    print()
    print(f"runs per solution: {args.runs}; busy core: {'yes' if args.busy else 'no'}")
    print("| kata | solution | budget | verdicts | ratio min / median / max | user median (s) | "
          "reference median (s) | check time median (s) |")
    print("|---|---|---|---|---|---|---|---|")
    for kata, label, budget, counts, ratios, user, ref, secs in rows:
        vs = ", ".join(f"{k} x{n}" for k, n in counts.items())
        print(f"| {kata} | {label} | {budget:g}x | {vs} | {min(ratios):.2f} / "
              f"{statistics.median(ratios):.2f} / {max(ratios):.2f} | {statistics.median(user):.4f} | "
              f"{statistics.median(ref):.4f} | {statistics.median(secs):.2f} |")


if __name__ == "__main__":
    main()
