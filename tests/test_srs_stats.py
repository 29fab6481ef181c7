"""Scheduling follows fsrs; stats count what a scripted session did; export/import round-trips."""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

import fsrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from prephelp import run_prep

from prepcli.banks.catalog import load_catalog
from prepcli.quiz.plan import QuizRequest, plan_session
from prepcli.quiz.select import select
from prepcli.quiz.session import QuizSession
from prepcli.srs import Scheduler, card_id, rating_for
from prepcli.stats import compute_stats
from prepcli.store import open_store

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)


def test_card_ids_are_stable_and_distinct() -> None:
    assert card_id("det-iou-basic") == card_id("det-iou-basic")
    ids = {card_id(f"q-{i}") for i in range(10_000)}
    assert len(ids) == 10_000


@pytest.mark.parametrize("rating", [1, 2, 3, 4])
def test_reviews_match_the_fsrs_library(rating: int) -> None:
    ours = Scheduler(0.9).review("q", None, rating, T0)
    lib = fsrs.Scheduler(desired_retention=0.9, enable_fuzzing=False)
    card, _ = lib.review_card(fsrs.Card(card_id=card_id("q"), due=T0), fsrs.Rating(rating), T0)
    assert ours.due == card.due
    assert ours.card["stability"] == pytest.approx(card.stability)


def test_again_is_due_within_the_day_and_easy_later_than_good() -> None:
    s = Scheduler(0.9)
    again, good, easy = (s.review("q", None, r, T0) for r in (1, 3, 4))
    assert again.due - T0 < timedelta(days=1)
    assert easy.due > good.due
    # and on a card already in review, the order holds too
    first = s.review("q", None, 4, T0)
    later = first.due
    g2, e2, a2 = (s.review("q", first.card, r, later) for r in (3, 4, 1))
    assert a2.due - later < timedelta(days=1) < g2.due - later < e2.due - later
    assert a2.lapsed and not g2.lapsed


def test_higher_desired_retention_brings_cards_back_sooner() -> None:
    low = Scheduler(0.8).review("q", None, 4, T0)
    high = Scheduler(0.95).review("q", None, 4, T0)
    assert high.due < low.due


@pytest.mark.parametrize("right,seconds,hinted,expected", [
    (False, 1, False, 1), (True, 60, False, 2), (True, 3, True, 2), (True, 15, False, 3),
    (True, 2, False, 4),
])
def test_rating_from_correctness_and_time(right: bool, seconds: float, hinted: bool,
                                          expected: int) -> None:
    assert rating_for("mcq", right, seconds, hinted) == expected


def _store_with_tiny(tmp_path: Path):  # type: ignore[no-untyped-def]
    catalog = load_catalog(shipped=tmp_path / "none", user_dirs=[Path(__file__).parent / "data"],
                           cache=tmp_path / "cache")
    return catalog, open_store(tmp_path / "p.sqlite3")


def test_selection_due_first_then_new_then_weakest(tmp_path: Path) -> None:
    catalog, store = _store_with_tiny(tmp_path)
    qs = catalog.topics["tiny"].questions
    s = Scheduler()
    by_id = {q.id: q for q in qs}
    # tiny-mcq: due long ago; tiny-multi: due recently; tiny-short: seen and not due
    for qid, rating, when in (("tiny-mcq", 3, T0 - timedelta(days=30)),
                              ("tiny-multi", 3, T0 - timedelta(days=10)),
                              ("tiny-short", 4, T0)):
        r = s.review(qid, None, rating, when)
        store.record_answer(question_id=qid, topic="tiny", outcome="right", rating=rating,
                            response="", duration_ms=1, hinted=False, session_id=None,
                            answered_at=when, card=r.card)
    cards = store.cards()
    picks = select(qs, cards, count=5, now=T0, rng=random.Random(0))
    assert [p.reason for p in picks] == ["due", "due", "new", "new", "weak"]
    assert [p.question.id for p in picks[:2]] == ["tiny-mcq", "tiny-multi"]  # most overdue first
    assert picks[-1].question.id == "tiny-short"
    assert [p.question.id for p in select(qs, cards, count=5, now=T0, rng=random.Random(0),
                                          only="new")] == [p.question.id for p in picks[2:4]]
    assert by_id


def scripted_session(catalog, store, answers: dict[str, str], now: datetime) -> None:  # type: ignore[no-untyped-def]
    session = plan_session(catalog, store, QuizRequest(topics=("tiny",), count=5, seed=1), now=now)
    session.clock = lambda: now
    for pick in session.picks:
        shown = session.show(pick)
        text = answers[pick.question.id]
        if pick.question.type == "open":
            session.self_grade(shown, text, 1, 10.0, False)
        elif text == "RIGHT":
            session.answer(shown, _right_text(shown), 10.0, False)
        else:
            session.answer(shown, text, 10.0, False)


def _right_text(shown) -> str:  # type: ignore[no-untyped-def]
    from prepcli.quiz.grading import LETTERS

    q = shown.question
    if q.type in ("mcq", "multi"):
        return " ".join(LETTERS[i] for i in shown.right_letters)
    if q.type == "numeric":
        return str(shown.numeric_answer)
    return q.answer


def test_stats_count_a_scripted_session(tmp_path: Path) -> None:
    catalog, store = _store_with_tiny(tmp_path)
    # local noon: "due today" must not depend on how close to midnight the test runs
    now = datetime.now().astimezone().replace(hour=12, minute=0, second=0, microsecond=0)
    scripted_session(catalog, store, {"tiny-mcq": "RIGHT", "tiny-multi": "a", "tiny-numeric": "RIGHT",
                                      "tiny-short": "roi pool", "tiny-open": "x"}, now)
    report = compute_stats(catalog, store, clock=lambda: now + timedelta(seconds=1), katas=[])
    (t,) = report.topics
    assert (t.total, t.seen, t.answered, t.correct) == (5, 5, 5, 2)
    assert (t.answered_30d, t.correct_30d) == (5, 2)
    # wrong ones and the open one graded "again" come back in minutes, the right mcq (Good) in 10
    # minutes; the numeric answered fast (Easy) leaves learning for days
    assert t.due == 4 and t.due_7d == 4
    assert report.activity.streak == 1 and report.activity.total_answers == 5
    assert sum(d.due for d in report.forecast) == 5
    assert 0 < t.recall <= 1
    # just answered, every recall is ~100 %: nothing is "weak" yet
    assert report.weakest == []
    # two days later the lapsed ones (wrong, or graded again) lead, most lapses first
    later = compute_stats(catalog, store, clock=lambda: now + timedelta(days=2), katas=[])
    assert len(later.weakest) == 5
    assert later.weakest[0].lapses >= later.weakest[-1].lapses
    assert {w.id for w in later.weakest[:3]} == {"tiny-multi", "tiny-short", "tiny-open"}


def test_stats_json_has_the_documented_keys(prep_home: Path) -> None:
    r = run_prep("quiz", "tiny", "--type", "mcq", input="a\n")
    assert r.returncode == 0
    r = run_prep("stats", "--json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert {"topics", "katas", "weakest", "activity", "streak", "forecast"} <= set(doc)
    tiny = next(t for t in doc["topics"] if t["id"] == "tiny")
    assert {"id", "title", "total", "seen", "answered", "correct", "due"} <= set(tiny)
    assert tiny["answered"] == 1 and tiny["seen"] == 1
    for k in doc["katas"]:
        assert {"id", "attempts", "passed", "best_ratio"} <= set(k)


def test_empty_store_gives_first_steps_not_empty_tables(prep_home: Path) -> None:
    r = run_prep("stats")
    assert r.returncode == 0
    assert "No progress yet" in r.stdout and "prep quiz" in r.stdout


def test_stats_render_topics_heatmap_and_forecast(prep_home: Path) -> None:
    run_prep("quiz", "tiny", "--type", "mcq", "--type", "short", input="a\nroi align\n")
    r = run_prep("stats")
    assert r.returncode == 0, r.stderr
    for heading in ("Topics", "Activity, last 16 weeks", "streak 1 day", "Reviews due, next 14 days"):
        assert heading in r.stdout
    assert "Weakest questions" not in r.stdout  # just answered: recall ~100 % says nothing yet
    assert "2/5" in r.stdout  # tiny: 2 of 5 seen
    r = run_prep("stats", "--topic", "tiny")
    assert "tiny: every question" in r.stdout and "tiny-open" in r.stdout
    r = run_prep("stats", "--topic", "tinyy")
    assert r.returncode == 2 and "Did you mean `tiny`" in r.stderr


def test_export_then_import_into_an_empty_store_gives_identical_stats(prep_home: Path,
                                                                       tmp_path: Path) -> None:
    run_prep("quiz", "tiny", "-n", "5", "--seed", "3", input="a\nb\n1\nroi align\nx\n3\n")
    run_prep("config", "interview-date", "2027-01-15")
    export = tmp_path / "progress.json"
    r = run_prep("export", str(export))
    assert r.returncode == 0, r.stderr
    before = json.loads(run_prep("stats", "--json").stdout)
    other = tmp_path / "other-home"
    r = run_prep("import", str(export), PREP_HOME=str(other))
    assert r.returncode == 0, r.stderr
    r2 = run_prep("import", str(export), PREP_HOME=str(other))  # twice: nothing duplicated
    assert "Imported 0 answers" in r2.stdout
    after = json.loads(run_prep("stats", "--json", PREP_HOME=str(other)).stdout)
    for doc in (before, after):
        doc.pop("generated_at")
        for t in doc["topics"]:
            t.pop("recall")  # predicted recall moves with the clock between the two calls
    assert before == after
    assert run_prep("config", "interview-date", PREP_HOME=str(other)).stdout.strip() == \
        "interview-date = 2027-01-15"


@pytest.mark.parametrize("content,fragment", [
    ("not json", "not JSON"),
    ('{"format": "something-else"}', "not a `prep export` file"),
    ('{"format": "prep-progress", "format_version": 99}', "Upgrade prep"),
    ('{"format": "prep-progress", "format_version": 1, "answers": [{"question_id": "x"}]}',
     "damaged"),
])
def test_import_refuses_a_file_it_cannot_read(prep_home: Path, tmp_path: Path, content: str,
                                              fragment: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    r = run_prep("import", str(bad))
    assert r.returncode == 2 and fragment in r.stderr and "Traceback" not in r.stderr


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.sampled_from(["right", "wrong", "skipped"]),
                          st.integers(0, 10**6)), max_size=30, unique_by=lambda r: (r[0], r[2])))
def test_merge_is_idempotent(tmp_path_factory: pytest.TempPathFactory, rows: list) -> None:  # type: ignore[type-arg]
    d = tmp_path_factory.mktemp("m")
    with open_store(d / "a.sqlite3") as a, open_store(d / "b.sqlite3") as b:
        for qid, outcome, secs in rows:
            a.record_answer(question_id=qid, topic="t", outcome=outcome, rating=None, response="",
                            duration_ms=1, hinted=False, session_id=None,
                            answered_at=T0 + timedelta(seconds=secs))
        dump = a.dump()
        assert b.merge(dump)["answers"] == len(rows)
        assert b.merge(dump)["answers"] == 0  # the second merge adds nothing
        key = sorted((r["question_id"], r["answered_at"]) for r in dump["answers"])
        assert sorted((r["question_id"], r["answered_at"]) for r in b.dump()["answers"]) == key


def test_interview_date_favours_what_would_be_forgotten_by_then(tmp_path: Path) -> None:
    catalog, store = _store_with_tiny(tmp_path)
    s = Scheduler()
    now = datetime.now(timezone.utc)
    # two seen cards, neither due: one stable for months, one fragile
    strong = s.review("tiny-mcq", None, 4, now - timedelta(days=1))
    strong = s.review("tiny-mcq", strong.card, 4, strong.due)
    fragile = s.review("tiny-short", None, 4, now - timedelta(hours=1))
    for qid, r in (("tiny-mcq", strong), ("tiny-short", fragile)):
        store.record_answer(question_id=qid, topic="tiny", outcome="right", rating=4, response="",
                            duration_ms=1, hinted=False, session_id=None, card=r.card)
    store.set_setting("interview-date", (now + timedelta(days=60)).date().isoformat())
    session: QuizSession = plan_session(catalog, store, QuizRequest(topics=("tiny",), count=5, seed=0))
    weak = [p.question.id for p in session.picks if p.reason == "weak"]
    assert weak == ["tiny-short", "tiny-mcq"]


def test_weakest_panel_shows_questions_as_the_quiz_does(tmp_path: Path) -> None:
    from io import StringIO

    from rich.console import Console

    from prepcli.render.stats import render_stats

    catalog, store = _store_with_tiny(tmp_path)
    now = datetime.now(timezone.utc)
    scripted_session(catalog, store, {"tiny-mcq": "b", "tiny-multi": "a", "tiny-numeric": "1e9",
                                      "tiny-short": "roi pool", "tiny-open": "x"}, now)
    report = compute_stats(catalog, store, clock=lambda: now + timedelta(days=3), katas=[])
    out = StringIO()
    render_stats(Console(file=out, width=100, color_system=None), report)
    text = out.getvalue()
    assert "Weakest questions" in text and "prep quiz --id tiny-numeric" in text
    assert "{" not in text and "$" not in text and "**" not in text  # templates filled, maths shown
