"""Memory limits count what the solution allocates, not what libraries reserve at import.

``fake_heavy`` stands in for the CUDA build of torch (~3.3 GB of address space at import): it
reserves 6 GB, none of it resident. With it loaded in both children, verdicts are unchanged,
and a solution that really allocates too much still gets a memory verdict.
"""

from __future__ import annotations

from katahelp import SOLUTIONS, check

from prepcli.katas.orchestrate import Limits

BOX = SOLUTIONS / "sandbox"
HEAVY = str(BOX / "heavy")


def _limits(**kw):  # type: ignore[no-untyped-def]
    return Limits(case_s=3.0, import_s=8.0, child_path=(HEAVY,), **kw)


def test_a_heavy_library_loaded_first_changes_no_verdict() -> None:
    lim = _limits(preimport=("fake_heavy",))
    assert check("iou", "textbook.py", limits=lim).correct
    assert check("focal_loss", "textbook.py", limits=lim).correct
    v = check("iou", BOX / "memory_hog.py", limits=lim)
    assert v.error == "memory" and "memory" in v.message, (v.error, v.message)
    assert "MB" in v.message


def test_an_unused_heavy_import_in_the_file_is_not_counted() -> None:
    lim = _limits(heavy_modules=("numpy", "torch", "fake_heavy"))
    v = check("iou", BOX / "iou_imports_heavy.py", limits=lim)
    assert v.correct and v.error is None, (v.error, v.message)
    # the same import made under the limit (a library prep does not load first) is a clear
    # verdict about memory at import, never a pass or a checker error
    v = check("iou", BOX / "iou_imports_heavy.py", limits=_limits(heavy_modules=("numpy",)))
    assert not v.correct and v.error in ("memory", "import-error"), (v.error, v.message)
    assert "MemoryError" in v.message or "memory" in v.message
