"""How much does a check add to importing the library it needs? (The issue: <= 2.5 s for NumPy
katas, <= 3 s for PyTorch katas.) Times the whole `check_kata` in a fresh interpreter, as the CLI does.

    .venv/bin/python bench/kata_overhead.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOL = ROOT / "tests" / "katas" / "solutions"


def wall(cmd: list[str]) -> float:
    t0 = time.monotonic()
    subprocess.run(cmd, check=False, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.monotonic() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    n = ap.parse_args().runs
    py = sys.executable
    base = {lib: statistics.median(wall([py, "-c", f"import {lib}"]) for _ in range(n))
            for lib in ("numpy", "torch")}
    print(f"python -c 'import numpy': {base['numpy']:.2f} s; 'import torch': {base['torch']:.2f} s")
    print("| kata | framework | check (median s) | import baseline (s) | added (s) | limit (s) |")
    print("|---|---|---|---|---|---|")
    for kata, fw, lib, limit in (("iou", "numpy", "numpy", 2.5), ("nms", "numpy", "numpy", 2.5),
                                 ("patchify", "numpy", "numpy", 2.5), ("iou", "torch", "torch", 3.0),
                                 ("focal_loss", "torch", "torch", 3.0), ("nt_xent", "torch", "torch", 3.0)):
        f = SOL / kata / ("textbook_torch.py" if fw == "torch" and kata in ("iou", "nms", "patchify")
                          else "textbook.py")
        code = ("import sys; from pathlib import Path; from prepcli.katas.catalog import get_kata; "
                "from prepcli.katas.orchestrate import check_kata; "
                f"v = check_kata(get_kata('{kata}'), Path(r'{f}'), '{fw}'); "
                "sys.exit(0 if v.passed else 1)")
        t = statistics.median(wall([py, "-c", code]) for _ in range(n))
        print(f"| {kata} | {fw} | {t:.2f} | {base[lib]:.2f} | {t - base[lib]:.2f} | {limit} |", flush=True)


if __name__ == "__main__":
    main()
