"""Kept for callers of ``prepcli.katas.check``: the check lives in :mod:`prepcli.katas.orchestrate`."""

from __future__ import annotations

from prepcli.katas.orchestrate import (
    Limits,
    check_kata,
    error_verdict_for_internal,
    load_cases_module,
    make_cases,
)

__all__ = ["Limits", "check_kata", "error_verdict_for_internal", "load_cases_module", "make_cases"]
