"""A kata child process as the parent sees it: started isolated, read without blocking, killed whole.

* The child is ``sys.executable -I -u child/bootstrap.py RESULT_FD CONTROL_FD``: isolated (no
  PYTHON* variables, no user site-packages, not the script's folder on ``sys.path``),
  unbuffered (a print is in the pipe before anything else can happen), ``cwd`` a fresh empty
  temp dir, stdin closed, a new session (the process group is killed at the end), and an
  environment without ``PREP_*``/``XDG_*`` and with ``HOME`` = its own cwd, so prep's data dir
  and store are not where it would look. (A file that hard-codes the path still reaches them:
  the child is not a jail.)
* Its configuration travels on the control pipe, never as a file another child could read.
* One reader thread multiplexes the report pipe, stdout and stderr with ``select`` and stops
  when told to: a grandchild that detaches (``setsid``) and keeps a pipe open cannot make
  the parent wait for an EOF that never comes.
"""

from __future__ import annotations

import json
import os
import queue
import selectors
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from prepcli.katas.child.wire import WireError, decode_frames, load_arrays

BOOTSTRAP = Path(__file__).with_name("child") / "bootstrap.py"


@dataclass
class Report:
    """One thing read from a child: a frame, its end (``eof``) or ``garbage`` on the pipe."""

    kind: str  # frame | eof | garbage
    arrived: float
    head: dict[str, Any] = field(default_factory=dict)
    blob: bytes = b""
    problem: str = ""

    def arrays(self) -> dict[str, Any]:
        return load_arrays(self.blob)


class OutputCapture:
    """The first ``limit`` bytes of a stream, and how many more there were."""

    def __init__(self, limit: int) -> None:
        self.limit, self.kept, self.total = limit, bytearray(), 0

    def feed(self, chunk: bytes) -> None:
        self.total += len(chunk)
        room = self.limit - len(self.kept)
        if room > 0:
            self.kept += chunk[:room]

    def text(self) -> str:
        """Decoded, control and escape characters shown as ``\\x1b`` (never sent to a terminal)."""
        s = escape_control(self.kept.decode("utf-8", "replace"))
        if self.total > len(self.kept):
            s += f"\n... [{self.total - len(self.kept)} more bytes cut]"
        return s


def escape_control(text: str) -> str:
    r"""Every control character but newline and tab as an escape (``\x1b``, ``\r``...)."""
    out = []
    for ch in text:
        o = ord(ch)
        if ch in "\n\t" or (o >= 32 and o != 127 and not 0x80 <= o < 0xA0):
            out.append(ch)
        else:
            out.append(repr(ch)[1:-1] if ch != "\r" else "\\r")
    return "".join(out)


def child_env(cwd: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "PREP_", "XDG_"))}
    env.update(HOME=str(cwd), OMP_NUM_THREADS="1", MKL_NUM_THREADS="1",
               OPENBLAS_NUM_THREADS="1", KMP_DUPLICATE_LIB_OK="TRUE")
    return env


class Child:
    """One child process: ``send`` commands, ``next`` reports, ``kill`` when done."""

    def __init__(self, role: str, cfg: dict[str, Any], workdir: Path, *,
                 output_limit: int = 4096) -> None:
        res_r, res_w = os.pipe()
        ctl_r, ctl_w = os.pipe()
        cwd = workdir / f"{role}-cwd"
        cwd.mkdir(mode=0o700)
        self.role = role
        self.started = time.monotonic()
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-I", "-u", "-X", "faulthandler", str(BOOTSTRAP), str(res_w),
                 str(ctl_r)],
                cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, pass_fds=(res_w, ctl_r), start_new_session=True,
                env=child_env(cwd),
            )
        except BaseException:
            for fd in (res_r, ctl_w):
                os.close(fd)
            raise
        finally:
            os.close(res_w)
            os.close(ctl_r)
        self._ctl = ctl_w
        self.out, self.err = OutputCapture(output_limit), OutputCapture(output_limit)
        self.reports: queue.Queue[Report] = queue.Queue()
        self._stop = threading.Event()
        assert self.proc.stdout is not None and self.proc.stderr is not None
        self._res = res_r
        self._fds = {res_r: "result", self.proc.stdout.fileno(): "out",
                     self.proc.stderr.fileno(): "err"}
        self._eof_sent = False
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.send_json({**cfg, "role": role})

    # -- reading -------------------------------------------------------------------------------

    def _read(self) -> None:
        sel = selectors.DefaultSelector()
        for fd in self._fds:
            os.set_blocking(fd, False)
            sel.register(fd, selectors.EVENT_READ)
        buf = bytearray()
        open_fds = set(self._fds)
        broken = False
        try:
            while open_fds and not self._stop.is_set():
                for key, _ in sel.select(timeout=0.05):
                    fd = key.fd
                    try:
                        chunk = os.read(fd, 1 << 20)
                    except BlockingIOError:
                        continue
                    except OSError:
                        chunk = b""
                    if not chunk:
                        sel.unregister(fd)
                        open_fds.discard(fd)
                        if self._fds[fd] == "result":
                            self._put_eof()
                        continue
                    what = self._fds[fd]
                    if what == "out":
                        self.out.feed(chunk)
                    elif what == "err":
                        self.err.feed(chunk)
                    elif not broken:
                        buf += chunk
                        try:
                            frames = decode_frames(buf)
                        except WireError as exc:
                            broken = True
                            self.reports.put(Report("garbage", time.monotonic(),
                                                    problem=str(exc)))
                            continue
                        for head, blob in frames:
                            self.reports.put(Report("frame", time.monotonic(), head, blob))
        finally:
            sel.close()

    def _put_eof(self) -> None:
        if not self._eof_sent:
            self._eof_sent = True
            self.reports.put(Report("eof", time.monotonic()))

    def next(self, deadline: float) -> Report | None:
        """The next report, or None when ``deadline`` (time.monotonic) passes first. A child
        that has exited yields ``eof`` even if a grandchild keeps its pipe open."""
        exited_at: float | None = None
        while True:
            now = time.monotonic()
            try:
                return self.reports.get(timeout=max(0.0, min(0.05, deadline - now)))
            except queue.Empty:
                pass
            now = time.monotonic()
            if self.proc.poll() is not None:
                exited_at = exited_at or now
                if now - exited_at > 0.3:  # whatever it wrote has been read by now
                    self._put_eof()
                    continue
            if now >= deadline:
                return None

    # -- writing and ending --------------------------------------------------------------------

    def send_json(self, obj: dict[str, Any]) -> None:
        self._write((json.dumps(obj) + "\n").encode())

    def command(self, cmd: str, **fields: Any) -> None:
        self.send_json({"cmd": cmd, **fields})

    def _write(self, data: bytes) -> None:
        try:
            os.write(self._ctl, data)
        except OSError:
            pass  # the child is gone; its end shows on the report pipe

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
        """Kill the process group (the child and what it spawned), stop reading, close pipes.
        Never waits for an EOF: a detached grandchild may hold the pipes forever."""
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:  # pragma: no cover
            pass
        time.sleep(0.02)  # let the reader take what is already in the pipes
        self._stop.set()
        self._reader.join(timeout=2)
        for fd in (self._ctl, self._res):
            try:
                os.close(fd)
            except OSError:
                pass
        for s in (self.proc.stdout, self.proc.stderr):
            if s is not None:
                try:
                    s.close()
                except OSError:
                    pass


def describe_exit(code: int | None) -> tuple[str, str]:
    """(error kind, message) for a child that ended without its report."""
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
    return "exit", f"the process exited with status {code} (os._exit?)"
