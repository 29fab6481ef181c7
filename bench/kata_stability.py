"""Does a kata verdict flip? Check the reference's own code (as a user file) of every kata and
framework N times with every core kept busy, and print a table of verdicts and timing ratios.

    .venv/bin/python bench/kata_stability.py [--runs 20] [--busy N] [--katas iou,nms]
                                            [--solutions reference,textbook,slow]

``reference``: the hidden reference's function under the kata's name (must pass every time);
``textbook`` / ``slow``: tests/katas/solutions/<kata>/textbook.py / slow_loops.py where present
(must pass / must be too slow every time). ``--busy`` defaults to one spinning process per core.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from prepcli.katas.catalog import load_katas  # noqa: E402
from prepcli.katas.orchestrate import check_kata  # noqa: E402

SOLUTIONS = ROOT / "tests" / "katas" / "solutions"


def _spin(stop: mp.Event) -> None:  # type: ignore[valid-type]
    x = 0
    while not stop.is_set():  # type: ignore[attr-defined]
        for _ in range(100000):
            x += 1


def reference_as_user_file(spec, framework: str, folder: Path) -> Path:  # type: ignore[no-untyped-def]
    """The reference's source with its ``<kata>_<framework>`` bound to the kata's name."""
    path = folder / f"{spec.id}_{framework}_reference.py"
    path.write_text(spec.reference_path.read_text(encoding="utf-8")
                    + f"\n\n{spec.function} = {spec.function}_{framework}\n", encoding="utf-8")
    return path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--busy", type=int, default=os.cpu_count() or 1,
                    help="spinning processes meanwhile (default: one per core)")
    ap.add_argument("--katas", default="", help="comma-separated ids (default: all)")
    ap.add_argument("--solutions", default="reference")
    args = ap.parse_args()
    specs = [s for s in load_katas() if not args.katas or s.id in args.katas.split(",")]
    stop = mp.Event()
    spinners = [mp.Process(target=_spin, args=(stop,), daemon=True) for _ in range(args.busy)]
    for p in spinners:
        p.start()
    rows = []
    tmp = Path(tempfile.mkdtemp(prefix="prep-stability-"))
    try:
        for spec in specs:
            for fw in spec.frameworks:
                for label in args.solutions.split(","):
                    if label == "reference":
                        file = reference_as_user_file(spec, fw, tmp)
                    else:
                        name = {"textbook": "textbook.py", "slow": "slow_loops.py"}[label]
                        file = SOLUTIONS / spec.id / name
                        if fw != spec.default_framework or not file.is_file():
                            continue
                    verdicts, ratios, secs = [], [], []
                    for r in range(args.runs):
                        t0 = time.monotonic()
                        v = check_kata(spec, file, fw, seed=r)
                        secs.append(time.monotonic() - t0)
                        verdicts.append("pass" if v.passed else
                                        ("slow" if v.correct else f"fail:{v.error}"))
                        if v.timing and v.timing.ratio is not None:
                            ratios.append(v.timing.ratio)
                    counts = {k: verdicts.count(k) for k in sorted(set(verdicts))}
                    rows.append((spec.id, fw, label, spec.budget, counts, ratios, secs))
                    rs = (f"{min(ratios):.2f}/{statistics.median(ratios):.2f}/{max(ratios):.2f}"
                          if ratios else "-")
                    print(f"{spec.id:22s} {fw:5s} {label:9s} {counts} ratio min/med/max {rs} "
                          f"check {statistics.median(secs):.1f} s", flush=True)
    finally:
        stop.set()
        for p in spinners:
            p.join(timeout=5)
    print()
    print(f"runs per solution: {args.runs}; busy processes: {args.busy} on {os.cpu_count()} cores")
    print("| kata | framework | solution | budget | verdicts | ratio min / median / max | "
          "check time median (s) |")
    print("|---|---|---|---|---|---|---|")
    for kata, fw, label, budget, counts, ratios, secs in rows:
        vs = ", ".join(f"{k} x{n}" for k, n in counts.items())
        rs = (f"{min(ratios):.2f} / {statistics.median(ratios):.2f} / {max(ratios):.2f}"
              if ratios else "-")
        print(f"| {kata} | {fw} | {label} | {budget:g}x | {vs} | {rs} | "
              f"{statistics.median(secs):.1f} |")


if __name__ == "__main__":
    main()
