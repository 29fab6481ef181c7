"""The child's side of a timing batch: fresh inputs ready, then ``reps`` calls the parent times.

Protocol for ``{"cmd": "time", "index": i, "reps": k, "output": bool}``:

1. build ``k`` fresh copies of the inputs (not timed), report ``prepared``;
2. wait for ``go`` (the parent starts its clock when it sends it);
3. call the function ``k`` times (under ``torch.no_grad()``), report ``timed`` with the
   child's own measure (the parent's clock decides; this one is only a cross-check);
4. if asked, report ``output``: what the first call returned, for the parent to judge (the
   timing sizes are the largest inputs a solution ever sees).

An exception is an ``error`` report naming the index (the parent names the size).
"""

from __future__ import annotations

import json
from typing import Any

MAX_PREPARED_BYTES = 256 * 2**20  # fresh copies kept ready for one batch


def time_batch(runner: Any, cmd: dict[str, Any], case: dict[str, Any], chan: Any, ctl: Any,
               perf: Any) -> None:
    calls = runner.calls_module
    torch, index = runner.torch, cmd["index"]
    size = sum(int(getattr(a, "nbytes", 0)) for a in case["args"]) or 1
    reps = max(1, min(int(cmd.get("reps") or 1), MAX_PREPARED_BYTES // size))
    batches = [calls.fresh_inputs(case, runner.framework, torch, with_grad=False)[:2]
               for _ in range(reps)]
    chan.send({"type": "prepared", "index": index, "reps": reps})
    go = json.loads(ctl.readline() or "{}")
    if go.get("cmd") != "go":
        raise calls.Fatal({"type": "error", "kind": "crash", "phase": "timing", "index": index,
                           "message": "the timing handshake broke"})
    fn = runner.fn
    ctx = torch.no_grad() if torch is not None else None
    if ctx is not None:
        ctx.__enter__()
    first = None
    try:
        t0 = perf()
        for k, (args, kwargs) in enumerate(batches):
            out = fn(*args, **kwargs)
            if k == 0:
                first = out
        seconds = perf() - t0
    except BaseException as exc:  # noqa: BLE001 - a crash at a timing size is an error verdict
        raise calls.Fatal(calls.error_header(exc, "timing", runner.user_file,
                                             index=index)) from None
    finally:
        if ctx is not None:
            ctx.__exit__(None, None, None)
    chan.send({"type": "timed", "index": index, "reps": reps, "seconds": seconds})
    if cmd.get("output"):
        fields, arrays = runner.outputs(first)
        chan.send({"type": "output", "index": index, **fields}, arrays)
