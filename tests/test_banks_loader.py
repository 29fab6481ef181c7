"""A malformed bank always gives `FILE:LINE: ID: what is wrong`, never a traceback or a call."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from prephelp import TINY, run_prep

from prepcli.banks.catalog import load_catalog, validate_paths
from prepcli.banks.loader import load_bank_file

GOOD_Q = """\
  - id: q-ok
    type: mcq
    prompt: Pick a.
    choices: [a, b]
    answer: a
    explanation: a is right.
    tags: [nms]
    difficulty: 1
    source: arXiv:1506.01497
"""


def write(tmp_path: Path, text: str | bytes, name: str = "bank.yaml") -> Path:
    p = tmp_path / name
    if isinstance(text, bytes):
        p.write_bytes(text)
    else:
        p.write_text(textwrap.dedent(text))
    return p


def problems_of(path: Path) -> list[str]:
    bank, problems = load_bank_file(path)
    assert bank is None, "a malformed bank must not load"
    assert problems
    for p in problems:
        assert re.match(rf"^{re.escape(str(path))}:\d+: ", p), p
    return problems


def bank(questions: str) -> str:
    return "topic: t\ntitle: T\nquestions:\n" + questions


CASES = {
    "yaml syntax error": ("topic: t\ntitle: T\nquestions: [\n  - id: x\n", 4, "YAML error"),
    "missing field": (bank(GOOD_Q.replace("    explanation: a is right.\n", "")), 4,
                      "q-ok: missing required field `explanation`"),
    "wrong type of difficulty": (bank(GOOD_Q.replace("difficulty: 1", "difficulty: hard")), 11,
                                 "q-ok: `difficulty` must be 1, 2 or 3"),
    "mcq answer not among choices": (bank(GOOD_Q.replace("answer: a", "answer: c")), 8,
                                     "q-ok: answer 'c' is not among the choices"),
    "unknown type": (bank(GOOD_Q.replace("type: mcq", "type: essay")), 5, "unknown type 'essay'"),
    "non-mapping bank": ("- just\n- a list\n", 1, "a bank is a mapping"),
    "non-mapping question": (bank("  - just a string\n"), 3, "must be a mapping"),
    "empty file": ("", 1, "empty bank"),
    "python tag": ("topic: !!python/object/apply:os.system ['touch PWNED']\ntitle: T\n", 1,
                   "tag not allowed"),
    "unknown field": (bank(GOOD_Q + "    colour: red\n"), 13, "unknown field 'colour'"),
    "bad source": (bank(GOOD_Q.replace("arXiv:1506.01497", "{a: 1}")), 12, "source {'a': 1}"),
    "numeric without tolerance": (bank("""\
  - id: q-num
    type: numeric
    prompt: 2+2?
    answer: 4
    explanation: four.
    tags: [nms]
    difficulty: 1
    source: arXiv:1506.01497
"""), 4, "needs `tolerance`"),
    "parametric unknown name": (bank("""\
  - id: q-par
    type: numeric
    prompt: Patches for {s}?
    params: {s: [224]}
    answer: "(s // p) ** 2"
    tolerance: 0
    explanation: x.
    tags: [vit]
    difficulty: 1
    source: arXiv:2010.11929
"""), 8, "unknown name(s) p"),
    "parametric division by zero": (bank("""\
  - id: q-div
    type: numeric
    prompt: 1/{s}?
    params: {s: [1, 0]}
    answer: "1 / s"
    tolerance: 0
    explanation: x.
    tags: [vit]
    difficulty: 1
    source: arXiv:2010.11929
"""), 8, "with s=0"),
    "expression calling a function": (bank("""\
  - id: q-call
    type: numeric
    prompt: x {s}
    params: {s: [1]}
    answer: "__import__('os').system('touch PWNED')"
    tolerance: 0
    explanation: x.
    tags: [vit]
    difficulty: 1
    source: arXiv:2010.11929
"""), 8, "q-call"),
    "duplicate ids in one file": (bank(GOOD_Q + GOOD_Q), 13, "q-ok: duplicate id (first at line 4)"),
    "multi answer not a list": (bank(GOOD_Q.replace("type: mcq", "type: multi")), 8,
                                "must be a non-empty list"),
    "open without key points": (bank("""\
  - id: q-open
    type: open
    prompt: Why?
    answer: Because.
    explanation: x.
    tags: [nms]
    difficulty: 1
    source: arXiv:1506.01497
"""), 4, "`key_points` must be a non-empty list"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_malformed_bank_reports_file_line_and_what(tmp_path: Path, case: str) -> None:
    text, line, fragment = CASES[case]
    path = write(tmp_path, text)
    problems = problems_of(path)
    assert any(p.startswith(f"{path}:{line}: ") and fragment in p for p in problems), problems


def test_python_tag_and_expressions_run_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for case in ("python tag", "expression calling a function"):
        problems_of(write(tmp_path, CASES[case][0]))
    assert not (tmp_path / "PWNED").exists()


def test_binary_junk_is_reported_not_parsed(tmp_path: Path) -> None:
    path = write(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe garbage")
    (msg,) = problems_of(path)
    assert "not UTF-8" in msg or "NUL" in msg


def test_every_problem_of_a_file_is_reported_at_once(tmp_path: Path) -> None:
    text = bank(GOOD_Q.replace("difficulty: 1", "difficulty: 9")
                + GOOD_Q.replace("q-ok", "q-two").replace("answer: a", "answer: z"))
    problems = problems_of(write(tmp_path, text))
    assert any("q-ok" in p and "difficulty" in p for p in problems)
    assert any("q-two" in p and "not among the choices" in p for p in problems)


def test_duplicate_ids_across_files_are_errors(tmp_path: Path) -> None:
    a = write(tmp_path, bank(GOOD_Q), "a.yaml")
    b = write(tmp_path, bank(GOOD_Q).replace("topic: t", "topic: u"), "b.yaml")
    _, problems = validate_paths([a, b])
    assert len(problems) == 1 and "q-ok: duplicate id (also at" in problems[0]


def test_broken_user_bank_is_one_warning_and_other_topics_still_load(tmp_path: Path) -> None:
    user = tmp_path / "mine"
    user.mkdir()
    (user / "broken.yaml").write_text("topic: [unclosed\n")
    (user / "tiny.yaml").write_text(TINY.read_text())
    catalog = load_catalog(shipped=tmp_path / "none", user_dirs=[user], cache=tmp_path / "c")
    assert list(catalog.topics) == ["tiny"]
    (warning,) = catalog.warnings
    assert "broken.yaml" in warning and "prep banks validate" in warning


def test_user_file_with_an_existing_topic_adds_questions(tmp_path: Path) -> None:
    user = tmp_path / "mine"
    user.mkdir()
    (user / "more.yaml").write_text(bank(GOOD_Q).replace("topic: t", "topic: tiny"))
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    (shipped / "tiny.yaml").write_text(TINY.read_text())
    catalog = load_catalog(shipped=shipped, user_dirs=[user], cache=tmp_path / "c")
    ids = [q.id for q in catalog.topics["tiny"].questions]
    assert "q-ok" in ids and "tiny-mcq" in ids
    assert catalog.topics["tiny"].title == "A tiny bank for tests"  # the shipped title wins


def test_cache_returns_the_same_questions_and_notices_edits(tmp_path: Path) -> None:
    user = tmp_path / "mine"
    user.mkdir()
    (user / "tiny.yaml").write_text(TINY.read_text())
    kw = dict(shipped=tmp_path / "none", user_dirs=[user], cache=tmp_path / "c")
    first = load_catalog(**kw)
    second = load_catalog(**kw)  # from the cache
    assert first.topics == second.topics
    (user / "tiny.yaml").write_text(TINY.read_text().replace("Explain NMS.", "Explain soft-NMS."))
    third = load_catalog(**kw)
    assert third.topics["tiny"].questions[-1].prompt == "Explain soft-NMS."


def test_a_broken_user_bank_is_parsed_once_until_it_changes(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import prepcli.banks.loader as loader

    user = tmp_path / "mine"
    user.mkdir()
    (user / "bad.yaml").write_text(TINY.read_text().replace("type: mcq", "type: quizz"))
    kw = dict(shipped=tmp_path / "none", user_dirs=[user], cache=tmp_path / "c")
    first = load_catalog(**kw)
    assert "unknown type 'quizz'" in first.warnings[0]
    calls = []
    real = loader.load_bank_file
    monkeypatch.setattr(loader, "load_bank_file", lambda p: calls.append(p) or real(p))
    assert load_catalog(**kw).warnings == first.warnings and calls == []  # the cached verdict
    (user / "bad.yaml").write_text(TINY.read_text())
    assert load_catalog(**kw).warnings == () and len(calls) == 1  # fixed: parsed again


def test_validate_command_lists_problems_and_exits_1(tmp_path: Path) -> None:
    path = write(tmp_path, bank(GOOD_Q.replace("answer: a", "answer: c")))
    r = run_prep("banks", "validate", str(path))
    assert r.returncode == 1
    assert f"{path}:8: q-ok: answer 'c' is not among the choices" in r.stdout
    assert "Traceback" not in r.stdout + r.stderr


def test_validate_command_accepts_a_good_bank(tmp_path: Path) -> None:
    r = run_prep("banks", "validate", str(TINY))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "OK: 5 questions" in r.stdout


def test_shipped_banks_validate() -> None:
    r = run_prep("banks", "validate")
    assert r.returncode == 0, r.stdout + r.stderr


# -- issue 11: free sources in user banks, reject lists, warnings ------------------------------------


def test_a_user_bank_may_cite_free_text_or_nothing(tmp_path: Path) -> None:
    text = bank(GOOD_Q.replace("arXiv:1506.01497", "my lecture notes")
                + GOOD_Q.replace("q-ok", "q-bare").replace("    source: arXiv:1506.01497\n", ""))
    loaded, problems = load_bank_file(write(tmp_path, text))
    assert loaded is not None, problems
    assert [q.source for q in loaded.questions] == [("my lecture notes",), ()]


def test_a_reject_that_reads_as_an_accepted_answer_is_an_error(tmp_path: Path) -> None:
    short = """\
  - id: q-short
    type: short
    prompt: Which loss?
    answer: focal loss
    accept: [FL]
    reject: [focus loss, Focal-Loss]
    explanation: Focal loss.
    tags: [nms]
    difficulty: 1
"""
    problems = problems_of(write(tmp_path, bank(short)))
    assert any("reject 'Focal-Loss' reads the same as the accepted 'focal loss'" in p for p in problems)


def test_validate_warns_when_the_right_choice_stands_out_by_length(tmp_path: Path) -> None:
    long_right = GOOD_Q.replace("choices: [a, b]", "choices: ['keeps the best box', b, c]").replace(
        "answer: a", "answer: keeps the best box")
    path = write(tmp_path, bank(long_right))
    r = run_prep("banks", "validate", str(path))
    assert r.returncode == 0, r.stdout
    assert f"{path}:4: q-ok: warning: the right choice is 18.0x as long as the longest distractor" in r.stdout
    assert "(1 warning(s))" in r.stdout
