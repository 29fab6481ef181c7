"""Kept for the katas' ``cases.py`` (``from prepcli.katas.compare import compare_arrays``):
the comparisons live in :mod:`prepcli.katas.judge`."""

from __future__ import annotations

from prepcli.katas.judge import TOLERANCES, compare_arrays, summarise_array, summarise_case, tolerances

__all__ = ["TOLERANCES", "compare_arrays", "summarise_array", "summarise_case", "tolerances"]
