"""The progress store: one SQLite file, the only module that speaks SQL.

Every answer is committed in its own transaction the moment it is given, so `kill -9`
loses nothing already answered. WAL and a long busy timeout let two terminals (or a quiz
and a kata check) share one store. A file that cannot be opened is reported, never
replaced: `prep doctor` is the only thing that moves a broken store aside, and only
when asked.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from prepcli.clock import iso, parse_iso, utcnow
from prepcli.errors import StoreError

# Each entry migrates the schema from version i to i + 1. Never edit a shipped entry:
# append a new one (users' stores are upgraded in place).
MIGRATIONS: list[str] = [
    """
    CREATE TABLE answers (
        id          INTEGER PRIMARY KEY,
        question_id TEXT    NOT NULL,
        topic       TEXT    NOT NULL,
        answered_at TEXT    NOT NULL,          -- UTC, ISO 8601
        outcome     TEXT    NOT NULL CHECK (outcome IN ('right', 'wrong', 'skipped')),
        rating      INTEGER,                   -- 1 again .. 4 easy; NULL when skipped
        response    TEXT,
        duration_ms INTEGER,
        hinted      INTEGER NOT NULL DEFAULT 0,
        recorded    INTEGER NOT NULL DEFAULT 1, -- 0 for --no-record practice
        session_id  INTEGER
    );
    CREATE INDEX answers_question ON answers (question_id, answered_at);
    CREATE INDEX answers_time ON answers (answered_at);
    CREATE TABLE cards (
        question_id TEXT PRIMARY KEY,
        topic       TEXT    NOT NULL,
        card        TEXT    NOT NULL,          -- fsrs Card.to_dict() as JSON
        due         TEXT    NOT NULL,
        stability   REAL,
        difficulty  REAL,
        last_review TEXT,
        reviews     INTEGER NOT NULL DEFAULT 0,
        lapses      INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX cards_due ON cards (due);
    CREATE TABLE sessions (
        id         INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        ended_at   TEXT,
        topics     TEXT NOT NULL,
        seed       INTEGER
    );
    CREATE TABLE kata_runs (
        id            INTEGER PRIMARY KEY,
        kata          TEXT    NOT NULL,
        ran_at        TEXT    NOT NULL,
        passed        INTEGER NOT NULL,
        correct       INTEGER NOT NULL,
        within_budget INTEGER,
        speed_ratio   REAL,
        framework     TEXT,
        error         TEXT,
        details       TEXT
    );
    CREATE INDEX kata_runs_kata ON kata_runs (kata, ran_at);
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
    # 2: an answer is one question at one instant, a kata run one kata at one instant, so a
    # merge can rely on the database (INSERT ... ON CONFLICT DO NOTHING) instead of looking
    # each row up; older stores may hold exact duplicates from a double import: keep the first.
    """
    DELETE FROM answers WHERE id NOT IN
        (SELECT MIN(id) FROM answers GROUP BY question_id, answered_at);
    DELETE FROM kata_runs WHERE id NOT IN
        (SELECT MIN(id) FROM kata_runs GROUP BY kata, ran_at);
    CREATE UNIQUE INDEX answers_unique ON answers (question_id, answered_at);
    CREATE UNIQUE INDEX kata_runs_unique ON kata_runs (kata, ran_at);
    """,
    # 3: mock interviews; the answers and the kata runs of a mock are recorded as usual, this
    # keeps the plan and the report the user saw at the end
    """
    CREATE TABLE mocks (
        id         INTEGER PRIMARY KEY,
        started_at TEXT    NOT NULL UNIQUE,
        ended_at   TEXT,
        minutes    INTEGER NOT NULL,
        topics     TEXT    NOT NULL,           -- JSON list
        kata       TEXT,
        report     TEXT                        -- JSON, the report shown at the end
    );
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)
BUSY_TIMEOUT_S = 60.0


__all__ = ["AnswerRow", "CardRow", "KataSummary", "MockRow", "Store", "TopicCounts", "open_store",
           "iso", "parse_iso", "utcnow"]


@dataclass(frozen=True)
class AnswerRow:
    question_id: str
    topic: str
    answered_at: datetime
    outcome: str
    rating: int | None
    duration_ms: int | None
    hinted: bool


@dataclass(frozen=True)
class CardRow:
    question_id: str
    topic: str
    card: dict[str, Any]
    due: datetime
    reviews: int
    lapses: int


@dataclass(frozen=True)
class TopicCounts:
    """Recorded, non-skipped answers of one topic: all time and over the last 30 days."""

    answered: int
    correct: int
    answered_30d: int
    correct_30d: int


@dataclass(frozen=True)
class KataSummary:
    """Every run of one kata, in one row: what its status is computed from."""

    kata: str
    attempts: int
    ever_passed: bool
    best_correct_ratio: float | None  # fastest speed ratio among correct, timed runs
    last_ran: str


@dataclass(frozen=True)
class MockRow:
    id: int
    started_at: datetime
    ended_at: datetime | None
    minutes: int
    topics: tuple[str, ...]
    kata: str | None
    report: dict[str, Any] | None


class Store:
    """An open progress store. Use :func:`open_store`; close with :meth:`close` or `with`."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._conn.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; BEGIN IMMEDIATE takes the write lock up front so a
        concurrent writer waits (busy timeout) instead of failing mid-transaction."""
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            yield self._conn
            self._conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise _store_error(self.path, exc) from None
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise _store_error(self.path, exc) from None

    # -- sessions -------------------------------------------------------------------------

    def start_session(self, topics: Sequence[str], seed: int | None) -> int:
        with self._write() as c:
            cur = c.execute(
                "INSERT INTO sessions (started_at, topics, seed) VALUES (?, ?, ?)",
                (iso(utcnow()), json.dumps(list(topics)), seed),
            )
            return int(cur.lastrowid or 0)

    def end_session(self, session_id: int) -> None:
        with self._write() as c:
            c.execute("UPDATE sessions SET ended_at = ? WHERE id = ?", (iso(utcnow()), session_id))

    # -- answers and cards ------------------------------------------------------------------

    def record_answer(
        self,
        *,
        question_id: str,
        topic: str,
        outcome: str,
        rating: int | None,
        response: str | None,
        duration_ms: int | None,
        hinted: bool,
        session_id: int | None,
        answered_at: datetime | None = None,
        card: dict[str, Any] | None = None,
        lapsed: bool = False,
        recorded: bool = True,
    ) -> None:
        """Store one answer and, if given, the card's new schedule, atomically."""
        at = answered_at or utcnow()
        with self._write() as c:
            c.execute(
                "INSERT INTO answers (question_id, topic, answered_at, outcome, rating, response,"
                " duration_ms, hinted, recorded, session_id) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (question_id, topic, iso(at), outcome, rating, response, duration_ms,
                 int(hinted), int(recorded), session_id),
            )
            if card is not None:
                self._upsert_card(c, question_id, topic, card, reviewed=True, lapsed=lapsed)

    @staticmethod
    def _upsert_card(
        c: sqlite3.Connection, question_id: str, topic: str, card: dict[str, Any],
        *, reviewed: bool, lapsed: bool,
    ) -> None:
        c.execute(
            "INSERT INTO cards (question_id, topic, card, due, stability, difficulty, last_review,"
            " reviews, lapses) VALUES (?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT (question_id) DO UPDATE SET topic=excluded.topic, card=excluded.card,"
            " due=excluded.due, stability=excluded.stability, difficulty=excluded.difficulty,"
            " last_review=excluded.last_review, reviews=cards.reviews + ?,"
            " lapses=cards.lapses + ?",
            (question_id, topic, json.dumps(card), card["due"], card.get("stability"),
             card.get("difficulty"), card.get("last_review"), int(reviewed), int(lapsed),
             int(reviewed), int(lapsed)),
        )

    def cards(self, question_ids: Sequence[str] | None = None) -> dict[str, CardRow]:
        """Scheduled cards, keyed by question id (all of them, or those among `question_ids`)."""
        rows = self._read("SELECT question_id, topic, card, due, reviews, lapses FROM cards")
        wanted = set(question_ids) if question_ids is not None else None
        out: dict[str, CardRow] = {}
        for r in rows:
            if wanted is not None and r["question_id"] not in wanted:
                continue
            out[r["question_id"]] = CardRow(
                r["question_id"], r["topic"], json.loads(r["card"]), parse_iso(r["due"]),
                r["reviews"], r["lapses"],
            )
        return out

    def answers(self, since: datetime | None = None) -> list[AnswerRow]:
        sql = ("SELECT question_id, topic, answered_at, outcome, rating, duration_ms, hinted"
               " FROM answers WHERE recorded = 1")
        params: tuple[Any, ...] = ()
        if since is not None:
            sql += " AND answered_at >= ?"
            params = (iso(since),)
        rows = self._read(sql + " ORDER BY answered_at", params)
        return [
            AnswerRow(r["question_id"], r["topic"], parse_iso(r["answered_at"]), r["outcome"],
                      r["rating"], r["duration_ms"], bool(r["hinted"]))
            for r in rows
        ]

    def answer_counts(self) -> dict[str, tuple[int, int]]:
        """question id -> (times answered, times right), skips excluded."""
        rows = self._read(
            "SELECT question_id, COUNT(*) AS n, SUM(outcome = 'right') AS ok FROM answers"
            " WHERE recorded = 1 AND outcome != 'skipped' GROUP BY question_id"
        )
        return {r["question_id"]: (r["n"], r["ok"] or 0) for r in rows}

    def topic_counts(self, since: datetime) -> dict[str, TopicCounts]:
        """topic -> answer counts, all time and since `since` (recorded answers, skips excluded)."""
        cutoff = iso(since)
        rows = self._read(
            "SELECT topic, COUNT(*) AS n, SUM(outcome = 'right') AS ok,"
            " SUM(answered_at >= ?) AS n30, SUM(outcome = 'right' AND answered_at >= ?) AS ok30"
            " FROM answers WHERE recorded = 1 AND outcome != 'skipped' GROUP BY topic",
            (cutoff, cutoff),
        )
        return {r["topic"]: TopicCounts(r["n"], r["ok"] or 0, r["n30"] or 0, r["ok30"] or 0)
                for r in rows}

    def answers_per_day(self) -> dict[str, int]:
        """Local calendar day (ISO date) -> recorded answers that day, skips included."""
        rows = self._read(
            "SELECT date(answered_at, 'localtime') AS d, COUNT(*) AS n FROM answers"
            " WHERE recorded = 1 GROUP BY d"
        )
        return {r["d"]: r["n"] for r in rows}

    # -- katas ----------------------------------------------------------------------------

    def record_kata_run(
        self,
        *,
        kata: str,
        passed: bool,
        correct: bool,
        within_budget: bool | None,
        speed_ratio: float | None,
        framework: str | None,
        error: str | None,
        details: dict[str, Any] | None = None,
        ran_at: datetime | None = None,
    ) -> None:
        with self._write() as c:
            c.execute(
                "INSERT INTO kata_runs (kata, ran_at, passed, correct, within_budget, speed_ratio,"
                " framework, error, details) VALUES (?,?,?,?,?,?,?,?,?)",
                (kata, iso(ran_at or utcnow()), int(passed), int(correct),
                 None if within_budget is None else int(within_budget), speed_ratio, framework,
                 error, json.dumps(details) if details is not None else None),
            )

    def kata_summaries(self) -> dict[str, KataSummary]:
        """kata id -> its runs summed up (one grouped query over the kata_runs index)."""
        rows = self._read(
            "SELECT kata, COUNT(*) AS n, MAX(passed) AS passed,"
            " MIN(CASE WHEN correct AND speed_ratio IS NOT NULL THEN speed_ratio END) AS best,"
            " MAX(ran_at) AS last FROM kata_runs GROUP BY kata"
        )
        return {r["kata"]: KataSummary(r["kata"], r["n"], bool(r["passed"]), r["best"], r["last"])
                for r in rows}

    def start_mock(self, *, minutes: int, topics: Sequence[str], kata: str | None,
                   started_at: datetime | None = None) -> int:
        with self._write() as c:
            cur = c.execute("INSERT INTO mocks (started_at, minutes, topics, kata) VALUES (?,?,?,?)",
                            (iso(started_at or utcnow()), minutes, json.dumps(list(topics)), kata))
            return int(cur.lastrowid or 0)

    def finish_mock(self, mock_id: int, report: dict[str, Any], ended_at: datetime | None = None) -> None:
        with self._write() as c:
            c.execute("UPDATE mocks SET ended_at = ?, report = ? WHERE id = ?",
                      (iso(ended_at or utcnow()), json.dumps(report), mock_id))

    def mocks(self, limit: int = 20) -> list[MockRow]:
        """The latest mock interviews, newest first."""
        rows = self._read("SELECT id, started_at, ended_at, minutes, topics, kata, report FROM mocks"
                          " ORDER BY started_at DESC LIMIT ?", (limit,))
        return [MockRow(r["id"], parse_iso(r["started_at"]),
                        parse_iso(r["ended_at"]) if r["ended_at"] else None, r["minutes"],
                        tuple(json.loads(r["topics"])), r["kata"],
                        json.loads(r["report"]) if r["report"] else None) for r in rows]

    # -- settings -------------------------------------------------------------------------

    def get_setting(self, key: str) -> str | None:
        rows = self._read("SELECT value FROM settings WHERE key = ?", (key,))
        return rows[0]["value"] if rows else None

    def set_setting(self, key: str, value: str | None) -> None:
        with self._write() as c:
            if value is None:
                c.execute("DELETE FROM settings WHERE key = ?", (key,))
            else:
                c.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?)"
                    " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )

    def settings(self) -> dict[str, str]:
        return {r["key"]: r["value"] for r in self._read("SELECT key, value FROM settings")}

    # -- export / import --------------------------------------------------------------------

    def dump(self) -> dict[str, list[dict[str, Any]]]:
        """Every row that is progress (answers, cards, kata runs, settings, mocks), as plain dicts."""
        tables = {
            "answers": "SELECT question_id, topic, answered_at, outcome, rating, response,"
                       " duration_ms, hinted, recorded FROM answers ORDER BY id",
            "cards": "SELECT question_id, topic, card, reviews, lapses FROM cards"
                     " ORDER BY question_id",
            "kata_runs": "SELECT kata, ran_at, passed, correct, within_budget, speed_ratio,"
                         " framework, error, details FROM kata_runs ORDER BY id",
            "settings": "SELECT key, value FROM settings ORDER BY key",
            "mocks": "SELECT started_at, ended_at, minutes, topics, kata, report FROM mocks"
                     " ORDER BY started_at",
        }
        return {name: [dict(r) for r in self._read(sql)] for name, sql in tables.items()}

    def merge(self, data: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
        """Merge a :meth:`dump` into this store; rows already present are not duplicated.

        Answers and kata runs are identified by (id, time), unique in the schema; for a card
        present on both sides the one reviewed last wins. Returns how many rows of each kind were added.
        """
        added = {"answers": 0, "cards": 0, "kata_runs": 0, "settings": 0, "mocks": 0}
        with self._write() as c:
            for a in data.get("answers", []):
                cur = c.execute(
                    "INSERT INTO answers (question_id, topic, answered_at, outcome, rating,"
                    " response, duration_ms, hinted, recorded) VALUES (?,?,?,?,?,?,?,?,?)"
                    " ON CONFLICT (question_id, answered_at) DO NOTHING",
                    (a["question_id"], a["topic"], a["answered_at"], a["outcome"], a["rating"],
                     a.get("response"), a.get("duration_ms"), int(a.get("hinted", 0)),
                     int(a.get("recorded", 1))),
                )
                added["answers"] += cur.rowcount
            for k in data.get("cards", []):
                card = json.loads(k["card"]) if isinstance(k["card"], str) else k["card"]
                mine = c.execute(
                    "SELECT last_review FROM cards WHERE question_id = ?", (k["question_id"],)
                ).fetchone()
                if mine is not None and (mine["last_review"] or "") >= (card.get("last_review") or ""):
                    continue
                c.execute("DELETE FROM cards WHERE question_id = ?", (k["question_id"],))
                self._upsert_card(c, k["question_id"], k["topic"], card, reviewed=False, lapsed=False)
                c.execute(
                    "UPDATE cards SET reviews = ?, lapses = ? WHERE question_id = ?",
                    (int(k.get("reviews", 0)), int(k.get("lapses", 0)), k["question_id"]),
                )
                added["cards"] += 1
            for r in data.get("kata_runs", []):
                cur = c.execute(
                    "INSERT INTO kata_runs (kata, ran_at, passed, correct, within_budget,"
                    " speed_ratio, framework, error, details) VALUES (?,?,?,?,?,?,?,?,?)"
                    " ON CONFLICT (kata, ran_at) DO NOTHING",
                    (r["kata"], r["ran_at"], int(r["passed"]), int(r["correct"]),
                     r.get("within_budget"), r.get("speed_ratio"), r.get("framework"),
                     r.get("error"), r.get("details")),
                )
                added["kata_runs"] += cur.rowcount
            for s in data.get("settings", []):
                cur = c.execute("INSERT INTO settings (key, value) VALUES (?, ?)"
                                " ON CONFLICT (key) DO NOTHING", (s["key"], s["value"]))
                added["settings"] += cur.rowcount
            for m in data.get("mocks", []):
                cur = c.execute(
                    "INSERT INTO mocks (started_at, ended_at, minutes, topics, kata, report)"
                    " VALUES (?,?,?,?,?,?) ON CONFLICT (started_at) DO NOTHING",
                    (m["started_at"], m.get("ended_at"), int(m["minutes"]), m["topics"], m.get("kata"),
                     m.get("report")),
                )
                added["mocks"] += cur.rowcount
        return added

    def integrity_check(self) -> list[str]:
        """SQLite's own integrity check; an empty list means the file is sound."""
        rows = self._read("PRAGMA integrity_check")
        problems = [r[0] for r in rows]
        return [] if problems == ["ok"] else problems


def open_store(path: Path | None = None) -> Store:
    """Open (creating if needed) and migrate the store at `path` (default: the data dir's).

    Raises :class:`StoreError` naming the file for anything that is not a prep store we
    can use. Never deletes or replaces an existing file.
    """
    if path is None:
        from prepcli.paths import store_path

        path = store_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            f"cannot create the data dir {path.parent}: {exc.strerror}. "
            "Set PREP_HOME to a writable folder."
        ) from None
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error as exc:
        raise _store_error(path, exc) from None
    conn.row_factory = sqlite3.Row
    import time

    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            _prepare(conn, path)
            return Store(path, conn)
        except StoreError:
            conn.close()
            raise
        except sqlite3.OperationalError as exc:
            # several preps creating one store at once: SQLite may answer "locked" at once
            # (to avoid a deadlock) instead of waiting; wait and try again, as the busy timeout would
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if ("locked" in str(exc) or "busy" in str(exc)) and time.monotonic() < deadline:
                time.sleep(0.05)
                continue
            conn.close()
            raise _store_error(path, exc) from None
        except sqlite3.Error as exc:
            conn.close()
            raise _store_error(path, exc) from None


def _prepare(conn: sqlite3.Connection, path: Path) -> None:
    """Check what the file is, switch it to WAL and migrate it (raises StoreError if unusable)."""
    # one read transaction: the version and the tables from the same snapshot, so another
    # prep creating this store right now is never taken for a foreign file
    conn.execute("BEGIN")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    foreign = version == 0 and _has_foreign_tables(conn)
    conn.execute("COMMIT")
    if foreign:
        raise StoreError(
            f"{path} is an SQLite file but not a prep store. Move it away or set PREP_HOME "
            "to another folder."
        )
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer prep (schema {version}, this prep knows "
            f"{SCHEMA_VERSION}). Upgrade prep (pip install -U prep), or point PREP_HOME elsewhere."
        )
    journal = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
    if journal.lower() != "wal" and not str(path).startswith(":"):
        conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    if version < SCHEMA_VERSION:
        _migrate(conn, path)


def _has_foreign_tables(conn: sqlite3.Connection) -> bool:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return bool(rows)


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    """Bring the schema up to date under the write lock.

    The version (and, for a new file, the absence of other tables) is read again once the
    lock is held: a second prep opening the same new store waits here and then finds it
    migrated, instead of mistaking the first one's fresh tables for somebody else's.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == 0 and _has_foreign_tables(conn):
            raise StoreError(
                f"{path} is an SQLite file but not a prep store. Move it away or set PREP_HOME "
                "to another folder."
            )
        for i in range(version, SCHEMA_VERSION):
            for statement in _split_sql(MIGRATIONS[i]):
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {max(version, SCHEMA_VERSION)}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _split_sql(script: str) -> list[str]:
    # Migrations contain no string literals with ';', so splitting is safe; executescript
    # would commit implicitly and break the all-or-nothing migration.
    parts, buf = [], []
    for line in script.splitlines():
        line = line.split("--", 1)[0]
        buf.append(line)
        if line.rstrip().endswith(";"):
            parts.append("\n".join(buf).strip().rstrip(";"))
            buf = []
    tail = "\n".join(buf).strip()
    if tail:
        parts.append(tail)
    return [p for p in parts if p]


def _store_error(path: Path, exc: sqlite3.Error) -> StoreError:
    msg = str(exc)
    if "not a database" in msg or "malformed" in msg or "disk image" in msg:
        return StoreError(
            f"{path} is not a readable prep store ({msg}). Run `prep doctor` to check it, "
            "or `prep doctor --move-aside` to keep it as a backup and start a fresh store."
        )
    if "readonly" in msg or "read-only" in msg or "unable to open" in msg:
        return StoreError(
            f"cannot write the progress store {path} ({msg}). Make the folder writable or set "
            "PREP_HOME to a writable folder."
        )
    if "locked" in msg or "busy" in msg:
        return StoreError(
            f"the progress store {path} stayed locked by another prep for {BUSY_TIMEOUT_S:.0f} s "
            f"({msg}). Close the other session and try again."
        )
    if "full" in msg:
        return StoreError(f"the disk holding {path} is full ({msg}); nothing was lost. Free space and retry.")
    return StoreError(f"progress store {path}: {msg}")
