"""A kata child process: ``python -I runner.py`` with limits, a private result pipe and a kill switch.

* The child is ``sys.executable -I`` (isolated: no PYTHON* variables, no user site-packages, the
  script's folder not on ``sys.path``) with ``cwd`` a fresh empty temp dir and stdin closed.
* It sets its own resource limits first thing (RLIMIT_AS for memory, RLIMIT_CORE = 0,
  RLIMIT_FSIZE); we do not use ``preexec_fn`` because the parent has reader threads running.
  RLIMIT_NPROC is not used: it counts every process of the user, so a low value would stop
  torch from starting threads. Instead the child leads a new session and the parent kills the
  whole process group on timeout and at the end, so no stray grandchild outlives the check.
* stdout/stderr (the user's prints) are drained by threads that keep the first few KB only.
* Results come on a separate pipe as token-stamped frames (see :mod:`prepcli.katas.runner`);
  frames with a wrong token are dropped. The token travels on a second pipe, read by the runner
  before it imports any user code.
"""

from __future__ import annotations

import json
import os
import queue
import secrets
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from prepcli.katas.runner import decode_frames

RUNNER = Path(__file__).with_name("runner.py")


class _Capture(threading.Thread):
    """Drain a pipe, keep the first ``limit`` bytes, count the rest."""

    def __init__(self, stream: Any, limit: int) -> None:
        super().__init__(daemon=True)
        self.stream, self.limit = stream, limit
        self.kept = bytearray()
        self.total = 0

    def run(self) -> None:
        try:
            while True:
                chunk = self.stream.read1(65536) if hasattr(self.stream, "read1") else self.stream.read(65536)
                if not chunk:
                    break
                self.total += len(chunk)
                room = self.limit - len(self.kept)
                if room > 0:
                    self.kept += chunk[:room]
        except (OSError, ValueError):
            pass

    def text(self) -> str:
        s = self.kept.decode("utf-8", "replace")
        if self.total > len(self.kept):
            s += f"\n... [{self.total - len(self.kept)} more bytes cut]"
        return s


class Child:
    """One runner process. Messages are ``(arrival time, header, blob)``; ``None`` header = EOF."""

    def __init__(self, cfg: dict[str, Any], workdir: Path, *, memory_bytes: int,
                 output_limit: int = 4096) -> None:
        self.token = secrets.token_hex(16)
        res_r, res_w = os.pipe()
        ctl_r, ctl_w = os.pipe()
        cwd = workdir / f"{cfg['role']}-cwd"
        cwd.mkdir(mode=0o700)
        cfg = dict(cfg, result_fd=res_w, control_fd=ctl_r, memory_bytes=memory_bytes,
                   fsize_bytes=256 * 2**20)
        cfg_path = workdir / f"{cfg['role']}.json"
        cfg_path.write_text(json.dumps(cfg))
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        env.update(OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1",
                   KMP_DUPLICATE_LIB_OK="TRUE", PYTHONDONTWRITEBYTECODE="1")
        self.started = time.monotonic()
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-I", "-X", "faulthandler", str(RUNNER), str(cfg_path)],
                cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                pass_fds=(res_w, ctl_r), start_new_session=True, env=env,
            )
        finally:
            os.close(res_w)
            os.close(ctl_r)
        self._ctl = ctl_w
        self.messages: queue.Queue[tuple[float, dict[str, Any] | None, bytes]] = queue.Queue()
        self._reader = threading.Thread(target=self._read, args=(res_r,), daemon=True)
        self._reader.start()
        self.out = _Capture(self.proc.stdout, output_limit)
        self.err = _Capture(self.proc.stderr, output_limit)
        self.out.start()
        self.err.start()
        self.forged = 0
        self.send(self.token)

    def _read(self, fd: int) -> None:
        buf = bytearray()
        try:
            while True:
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    break
                buf += chunk
                try:
                    frames = decode_frames(buf)
                except (ValueError, UnicodeDecodeError):
                    break  # garbage on the channel: treat as the end of the run
                for head, blob in frames:
                    if head.get("token") != self.token:
                        self.forged += 1
                        continue
                    self.messages.put((time.monotonic(), head, blob))
        finally:
            os.close(fd)
            self.messages.put((time.monotonic(), None, b""))

    def send(self, line: str) -> None:
        try:
            os.write(self._ctl, (line + "\n").encode())
        except OSError:
            pass  # the child is gone; its exit is reported from the result pipe

    def next(self, deadline: float) -> tuple[float, dict[str, Any] | None, bytes] | None:
        """The next message, or None when ``deadline`` (time.monotonic) passes first."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            try:
                return self.messages.get_nowait()
            except queue.Empty:
                return None
        try:
            return self.messages.get(timeout=remaining)
        except queue.Empty:
            return None

    def rss_bytes(self) -> int:
        """Resident memory of the child now (Linux; 0 when unknown)."""
        try:
            with open(f"/proc/{self.proc.pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) * 1024
        except (OSError, ValueError, IndexError):
            pass
        return 0

    def exit_status(self, wait_s: float = 2.0) -> int | None:
        try:
            return self.proc.wait(timeout=wait_s)
        except subprocess.TimeoutExpired:
            return None

    def kill(self) -> None:
        """Kill the whole process group (the child and anything it spawned) and reap."""
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:  # pragma: no cover
            pass
        try:
            os.close(self._ctl)
        except OSError:
            pass
        for t in (self.out, self.err):
            t.join(timeout=1)
        for s in (self.proc.stdout, self.proc.stderr):
            if s is not None:
                try:
                    s.close()
                except OSError:
                    pass


def describe_exit(code: int | None) -> tuple[str, str]:
    """(error kind, message) for a child that ended without its final report."""
    if code is None:
        return "crash", "the process stopped reporting"
    if code < 0:
        sig = -code
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = f"signal {sig}"
        if sig == signal.SIGKILL:
            return "memory", f"killed by {name} (out of memory?)"
        if sig == getattr(signal, "SIGXFSZ", -1):
            return "crash", f"killed by {name}: wrote too large a file"
        return "crash", f"crashed with {name}"
    return "exit", f"the process exited with status {code} before the check finished (os._exit?)"
