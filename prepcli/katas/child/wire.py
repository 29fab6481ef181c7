"""The wire format between the parent and a kata child: frames, commands, array keys, case files.

Stdlib + NumPy (imported lazily) only: the child loads this file by path (it never imports
``prepcli``), the parent imports it as ``prepcli.katas.child.wire``.

* **Commands** (parent -> child) are JSON lines on the control pipe: the child's configuration
  first, then ``{"cmd": "run", "index": i}``, ``{"cmd": "time", ...}``, ``{"cmd": "go"}``,
  ``{"cmd": "exit"}``. The configuration never travels as a file, so a child cannot read
  another child's (the oracle's names the reference; the user's does not).
* **Reports** (child -> parent) are frames on a dedicated pipe (not stdout/stderr, which carry the
  user's prints): two big-endian lengths, a JSON header, an ``.npz`` blob of named arrays. Every
  command gets exactly one report of the expected type; the parent treats anything else as a
  broken run (see :class:`WireError`).
* **Array keys** are built by the functions below, never by hand.
"""

from __future__ import annotations

import io
import json
import struct
from typing import Any

HEADER = struct.Struct(">II")  # (json length, blob length)
MAX_HEADER = 1 << 20  # a header longer than this is garbage, not a report
MAX_BLOB = 1 << 31

# report types
READY = "ready"  # interpreter up, libraries imported, memory limit set
LOADED = "loaded"  # the function under test is loaded
RESULT = "result"  # one case
PREPARED = "prepared"  # a timing batch's inputs are ready; waiting for "go"
TIMED = "timed"  # a timing batch ran
OUTPUT = "output"  # the output of the first call of a timing batch
ERROR = "error"  # the child cannot go on (what happened is in "kind" and "message")
REPORT_TYPES = frozenset({READY, LOADED, RESULT, PREPARED, TIMED, OUTPUT, ERROR})


class WireError(ValueError):
    """A frame that does not decode, or a report that breaks the protocol."""


# -- array keys ------------------------------------------------------------------------------


def out_key(output: str | None = None, call: int = 0) -> str:
    """A returned value: ``out`` (one output), ``out:<name>`` (a named output of a tuple);
    ``@k`` for the k-th repeated call of a case (k >= 1)."""
    key = "out" if output is None else f"out:{output}"
    return key if call == 0 else f"{key}@{call}"


def output_keys(names: list[str] | tuple[str, ...], call: int = 0) -> list[str]:
    """The keys of every output of one call, in order."""
    return [out_key(n, call) for n in names] if names else [out_key(None, call)]


def grad_key(k: int) -> str:
    """The gradient w.r.t. the k-th differentiated input."""
    return f"grad{k}"


def mistake_key(mistake_id: str, output: str | None = None) -> str:
    """What the known mistake ``mistake_id`` returns (the oracle computes these)."""
    return f"m:{mistake_id}" if output is None else f"m:{mistake_id}:{output}"


# -- frames ----------------------------------------------------------------------------------


def encode_frame(header: dict[str, Any], arrays: dict[str, Any] | None = None) -> bytes:
    blob = b""
    if arrays:
        import numpy as np

        buf = io.BytesIO()
        np.savez(buf, **arrays)
        blob = buf.getvalue()
    head = json.dumps(header, default=str).encode()
    return HEADER.pack(len(head), len(blob)) + head + blob


def decode_frames(buf: bytearray) -> list[tuple[dict[str, Any], bytes]]:
    """Pop every complete frame from the front of ``buf``; :class:`WireError` on garbage."""
    out = []
    while len(buf) >= HEADER.size:
        hl, bl = HEADER.unpack_from(buf)
        if hl > MAX_HEADER or bl > MAX_BLOB:
            raise WireError(f"a frame claims {hl} + {bl} bytes")
        end = HEADER.size + hl + bl
        if len(buf) < end:
            break
        try:
            head = json.loads(bytes(buf[HEADER.size:HEADER.size + hl]))
        except (ValueError, UnicodeDecodeError) as exc:
            raise WireError(f"a frame header is not JSON ({exc})") from None
        if not isinstance(head, dict) or head.get("type") not in REPORT_TYPES:
            raise WireError(f"a frame of unknown type {str(head)[:80]!r}")
        out.append((head, bytes(buf[HEADER.size + hl:end])))
        del buf[:end]
    return out


def load_arrays(blob: bytes) -> dict[str, Any]:
    """The arrays of a frame's blob; :class:`WireError` if it is not a plain ``.npz``."""
    import numpy as np

    if not blob:
        return {}
    try:
        with np.load(io.BytesIO(blob), allow_pickle=False) as z:
            return {k: z[k] for k in z.files}
    except Exception as exc:  # noqa: BLE001 - whatever np.load makes of garbage
        raise WireError(f"a frame's arrays do not load ({type(exc).__name__})") from None


def command(cmd: str, **fields: Any) -> bytes:
    return (json.dumps({"cmd": cmd, **fields}) + "\n").encode()


# -- case files ------------------------------------------------------------------------------

# what a child needs of a case to run it; expectations (raises, tolerances...) stay in the parent
CHILD_CASE_KEYS = ("name", "kind", "grad", "stop_grad", "calls", "generator", "generator_arg")


def child_case(case: dict[str, Any]) -> dict[str, Any]:
    """The part of a case a child may see: its inputs and how to call, no expectation."""
    return {k: case[k] for k in ("args", "kwargs", *CHILD_CASE_KEYS) if k in case}


def _encode_value(v: Any, key: str, arrays: dict[str, Any]) -> Any:
    import numpy as np

    if isinstance(v, np.ndarray):
        arrays[key] = v
        return {"array": key}
    if isinstance(v, np.generic):
        return {"value": v.item()}
    return {"value": v}


def save_cases(path: str, cases: list[dict[str, Any]]) -> None:
    """Write cases (dicts whose args/kwargs hold arrays and plain values) to ``path`` (.npz)."""
    import numpy as np

    arrays: dict[str, Any] = {}
    meta = []
    for i, c in enumerate(cases):
        m = {k: v for k, v in c.items() if k not in ("args", "kwargs")}
        m["args"] = [_encode_value(a, f"c{i}_a{j}", arrays) for j, a in enumerate(c["args"])]
        m["kwargs"] = {k: _encode_value(v, f"c{i}_k_{k}", arrays) for k, v in c["kwargs"].items()}
        meta.append(m)
    arrays["__meta__"] = np.array(json.dumps(meta, default=str))
    with open(path, "wb") as f:
        np.savez(f, **arrays)


def load_cases(path: str) -> list[dict[str, Any]]:
    import numpy as np

    with np.load(path, allow_pickle=False) as z:
        data = {k: z[k] for k in z.files}
    meta = json.loads(str(data.pop("__meta__")))

    def dec(v: dict[str, Any]) -> Any:
        return data[v["array"]] if "array" in v else v["value"]

    for m in meta:
        m["args"] = [dec(a) for a in m["args"]]
        m["kwargs"] = {k: dec(v) for k, v in m["kwargs"].items()}
    return meta
