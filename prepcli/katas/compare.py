"""Comparing a user's output with the reference's: value, shape and dtype kind, per-dtype tolerances."""

from __future__ import annotations

from typing import Any

# (rtol, atol) by the precision of the case's inputs
TOLERANCES = {"float64": (1e-6, 1e-7), "float32": (1e-4, 1e-5)}


def tolerances(case: dict[str, Any], output: str | None = None) -> tuple[float, float]:
    """(rtol, atol) of a case: its ``tolerances[output]`` (multi-output katas), else its
    ``rtol``/``atol``, else by the precision of its inputs."""
    per_output = case.get("tolerances") or {}
    if output is not None and output in per_output:
        rtol, atol = per_output[output]
        return float(rtol), float(atol)
    if "rtol" in case:
        return float(case["rtol"]), float(case.get("atol", 0.0))
    dtypes = {str(a.dtype) for a in case["args"] if hasattr(a, "dtype")}
    return TOLERANCES["float32" if "float32" in dtypes else "float64"]


def compare_arrays(expected: Any, got: Any, rtol: float, atol: float,
                   *, scale_atol: bool = False) -> tuple[bool, str, float | None]:
    """(ok, what is wrong, largest absolute error). NaN matches only NaN; inf only the same inf.

    ``scale_atol`` multiplies atol by the largest |expected| (for gradients, whose size
    depends on the reduction).
    """
    import numpy as np

    if got.shape != expected.shape:
        return False, f"shape {got.shape}, expected {expected.shape}", None
    if expected.dtype.kind in "iub" and got.dtype.kind not in "iub" and got.size:
        return False, f"dtype {got.dtype}, expected integers", None
    if expected.dtype.kind == "f" and got.dtype.kind not in "fiu":
        return False, f"dtype {got.dtype}, expected floats", None
    if got.size == 0:
        return True, "", 0.0
    e = expected.astype(np.float64)
    g = got.astype(np.float64)
    if scale_atol:
        finite = np.abs(e[np.isfinite(e)])
        atol = atol * max(float(finite.max()) if finite.size else 0.0, 1e-12)
    nan_e, nan_g = np.isnan(e), np.isnan(g)
    if np.any(nan_g & ~nan_e):
        k = int(np.argmax(nan_g & ~nan_e))
        return False, f"NaN at flat index {k} where {e.flat[k]:.6g} was expected", None
    with np.errstate(invalid="ignore"):
        inf_bad = (np.isinf(e) | np.isinf(g)) & (e != g)
    if np.any(inf_bad):
        k = int(np.argmax(inf_bad))
        return False, f"{g.flat[k]} at flat index {k} where {e.flat[k]:.6g} was expected", None
    ok_mask = nan_e | np.isinf(e) | (np.abs(g - e) <= atol + rtol * np.abs(e))
    diff = np.where(nan_e | np.isinf(e), 0.0, np.abs(g - e))
    max_err = float(diff.max())
    if np.all(ok_mask):
        return True, "", max_err
    k = int(np.argmax(~ok_mask))
    where = f"at index {tuple(int(i) for i in np.unravel_index(k, e.shape))}: " if e.ndim else ""
    return (False, f"{where}got {g.flat[k]:.8g}, expected "
            f"{e.flat[k]:.8g} (largest error {max_err:.3g}, tolerance {atol:.1g} + {rtol:.1g}*|x|)",
            max_err)


def summarise_array(a: Any, limit: int = 24) -> str:
    """Small arrays in full (rounded), large ones as shape, dtype and range."""
    import numpy as np

    if not isinstance(a, np.ndarray):
        return repr(a)
    if a.size <= limit:
        with np.printoptions(precision=4, suppress=True, threshold=limit, linewidth=100):
            body = np.array2string(a, separator=", ")
        return f"{body}  {a.dtype}" if a.dtype.kind == "f" and a.dtype != np.float64 else body
    if a.dtype.kind in "fiu" and a.size:
        return f"array of shape {a.shape}, {a.dtype}, values in [{a.min():.4g}, {a.max():.4g}]"
    return f"array of shape {a.shape}, {a.dtype}"


def summarise_case(case: dict[str, Any], arg_names: list[str] | None = None) -> str:
    parts = []
    for j, a in enumerate(case["args"]):
        name = arg_names[j] if arg_names and j < len(arg_names) else f"arg{j}"
        parts.append(f"{name} = {summarise_array(a)}")
    for k, v in case["kwargs"].items():
        parts.append(f"{k} = {summarise_array(v)}")
    return "\n".join(parts)
