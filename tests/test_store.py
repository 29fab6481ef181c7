"""The store never loses an answer, never fails on a busy file, never replaces a broken one."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from prephelp import ROOT, prep_env, run_prep

from prepcli.errors import StoreError
from prepcli.store import SCHEMA_VERSION, open_store


def test_a_new_store_is_created_with_the_current_schema(tmp_path: Path) -> None:
    with open_store(tmp_path / "p.sqlite3") as store:
        store.record_answer(question_id="q", topic="t", outcome="right", rating=3, response="a",
                            duration_ms=10, hinted=False, session_id=None)
    conn = sqlite3.connect(tmp_path / "p.sqlite3")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT question_id, outcome FROM answers").fetchall() == [("q", "right")]


@pytest.mark.parametrize("content,fragment", [
    (b"this is not a database at all, just text" * 100, "not a readable prep store"),
    (b"SQLite format 3\x00" + b"\x00" * 50, "not a readable prep store"),  # truncated header
])
def test_a_file_that_is_not_a_store_is_reported_and_kept(tmp_path: Path, content: bytes,
                                                         fragment: str) -> None:
    path = tmp_path / "progress.sqlite3"
    path.write_bytes(content)
    with pytest.raises(StoreError) as err:
        open_store(path)
    assert str(path) in str(err.value) and fragment in str(err.value)
    assert "prep doctor" in str(err.value)
    assert path.read_bytes() == content  # never replaced or deleted


def test_a_store_from_a_newer_prep_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    with open_store(path):
        pass
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer prep"):
        open_store(path)


def test_another_apps_sqlite_file_is_not_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a prep store"):
        open_store(path)


def test_cli_reports_a_corrupt_store_in_one_line_exit_2(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "progress.sqlite3").write_bytes(b"garbage" * 1000)
    r = run_prep("stats", PREP_HOME=str(home))
    assert r.returncode == 2
    lines = [ln for ln in r.stderr.splitlines() if not ln.startswith("Warning:")]
    assert len(lines) == 1 and lines[0].startswith("Error: ")
    assert "progress.sqlite3" in r.stderr and "Traceback" not in r.stderr
    assert (home / "progress.sqlite3").read_bytes() == b"garbage" * 1000


def test_doctor_moves_a_broken_store_aside_only_when_asked(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    broken = home / "progress.sqlite3"
    broken.write_bytes(b"garbage" * 1000)
    r = run_prep("doctor", PREP_HOME=str(home))
    assert r.returncode == 1 and "BROKEN" in r.stdout and "--move-aside" in r.stdout
    assert broken.read_bytes() == b"garbage" * 1000
    r = run_prep("doctor", "--move-aside", PREP_HOME=str(home))
    assert r.returncode == 0, r.stdout + r.stderr
    backups = list(home.glob("progress.sqlite3.broken-*"))
    assert len(backups) == 1 and backups[0].read_bytes() == b"garbage" * 1000
    assert run_prep("doctor", PREP_HOME=str(home)).returncode == 0


def test_unwritable_data_dir_gives_a_clear_error(tmp_path: Path) -> None:
    # a data dir that cannot be created (its parent is a file): permissions do not stop root
    blocker = tmp_path / "file"
    blocker.write_text("x")
    r = run_prep("stats", PREP_HOME=str(blocker / "home"))
    assert r.returncode == 2
    assert "cannot create the data dir" in r.stderr and "PREP_HOME" in r.stderr
    assert "Traceback" not in r.stderr


WRITER = """
import sys
from prepcli.store import open_store
path, tag, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open_store(__import__("pathlib").Path(path)) as s:
    for i in range(n):
        s.record_answer(question_id=f"{tag}-{i}", topic="t", outcome="right", rating=3,
                        response="x", duration_ms=1, hinted=False, session_id=None)
        s.record_kata_run(kata="iou", passed=True, correct=True, within_budget=True,
                          speed_ratio=1.0, framework="numpy", error=None)
"""


def test_concurrent_writers_lose_nothing_and_never_see_locked(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), f"w{k}", "150"], cwd=ROOT,
                         env=prep_env(), stderr=subprocess.PIPE, text=True)
        for k in range(3)
    ]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert all(p.returncode == 0 for p in procs), errors
    assert not any("locked" in e for e in errors)
    with open_store(path) as s:
        assert len(s.answers()) == 450
        assert len(s.dump()["kata_runs"]) == 450


FILLER = """
import resource, signal, sys
from pathlib import Path
from prepcli.errors import StoreError
from prepcli.store import open_store
path = Path(sys.argv[1])
store = open_store(path)           # created before the "disk" fills
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
wal = Path(str(path) + "-wal")
limit = max(path.stat().st_size, wal.stat().st_size if wal.exists() else 0) + 256 * 1024
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
ok = 0
try:
    for i in range(100000):
        store.record_answer(question_id=f"q-{i}", topic="t", outcome="right", rating=3,
                            response="x" * 200, duration_ms=1, hinted=False, session_id=None)
        ok += 1
except StoreError as exc:
    print("STOPPED", ok, str(exc).split(" (")[0][:60])
"""


def test_a_full_disk_mid_write_keeps_every_committed_answer(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    r = subprocess.run([sys.executable, "-c", FILLER, str(path)], cwd=ROOT, env=prep_env(),
                       capture_output=True, text=True, timeout=120)
    assert r.stdout.startswith("STOPPED"), r.stdout + r.stderr
    committed = int(r.stdout.split()[1])
    assert committed > 10
    with open_store(path) as store:
        assert store.integrity_check() == []
        assert len(store.answers()) == committed


OPENER = """
import sys
from pathlib import Path
from prepcli.store import open_store
with open_store(Path(sys.argv[1])) as s:
    s.record_answer(question_id="q", topic="t", outcome="right", rating=3, response="",
                    duration_ms=1, hinted=False, session_id=None)
"""


def test_several_preps_creating_one_new_store_at_once_all_succeed(tmp_path: Path) -> None:
    # the first one to migrate must not look like "another app's SQLite file" to the others
    for trial in range(12):
        path = tmp_path / f"t{trial}" / "progress.sqlite3"
        procs = [subprocess.Popen([sys.executable, "-c", OPENER, str(path)], cwd=ROOT, env=prep_env(),
                                  stderr=subprocess.PIPE, text=True) for _ in range(4)]
        errors = [p.communicate(timeout=60)[1] for p in procs]
        assert all(p.returncode == 0 for p in procs), errors
        with open_store(path) as store:
            assert len(store.answers()) == 4
