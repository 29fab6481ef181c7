"""Cases, known mistakes, comparison and timing inputs for the `diou_loss` kata (NumPy only).

The three box-loss katas share one case module, katas/_shared/box_loss_cases.py, which differs
between them only by the loss variant.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import numpy as np


def _shared(variant: str) -> Any:
    path = Path(__file__).resolve().parents[1] / "_shared" / "box_loss_cases.py"
    spec = importlib.util.spec_from_file_location(f"_box_loss_cases_{variant}", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    mod.VARIANT = variant  # read by the shared module's top level (its MISTAKES list)
    spec.loader.exec_module(mod)
    return mod


_box = _shared("diou")
MISTAKES = _box.MISTAKES
MISTAKES_FRAMEWORK = _box.MISTAKES_FRAMEWORK
STABILITY_HINT = _box.STABILITY_HINT
compare = _box.compare


def public_cases() -> list[dict]:
    return _box.public_cases()


def hidden_cases(rng: np.random.Generator) -> list[dict]:
    return _box.hidden_cases(rng)


def timing_input(n: int, rng: np.random.Generator) -> tuple[list, dict]:
    return _box.timing_input(n, rng)
