"""The shipped-bank figures issue 12 promises, computed from the real banks and printed.

- at least 850 questions in total;
- every topic with at least four question types and at least 30 % auto-graded questions;
- at least 15 % of all questions at difficulty 3, and no topic below 8 %;
- questions/coverage.yaml, the map from real interview questions (with their public source) to the
  bank questions that test the same knowledge: well-formed, at least 200 entries, every id it names
  exists, at least 90 % covered.

Run with `-s` to see the figures. PREP_FIGURES_DIR points the test at another questions folder
(e.g. a scratch merge of several branches' banks) instead of the shipped one.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
import yaml
from prephelp import ROOT

from prepcli.banks.catalog import load_catalog
from prepcli.banks.model import AUTO_GRADED, Catalog, Question

QUESTIONS = Path(os.environ.get("PREP_FIGURES_DIR") or ROOT / "questions")
COVERAGE = QUESTIONS / "coverage.yaml"

MIN_TOTAL = 850
MIN_TYPES = 4
MIN_AUTO = 0.30
MIN_D3_OVERALL = 0.15
MIN_D3_TOPIC = 0.08
MIN_COVERAGE_ENTRIES = 200
MIN_COVERED = 0.90
ENTRY_KEYS = {"question", "source", "covered_by", "open"}


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    cat = load_catalog(shipped=QUESTIONS, user_dirs=[], cache=tmp_path_factory.mktemp("bank-cache"))
    assert cat.warnings == (), cat.warnings
    return cat


@pytest.fixture(scope="module")
def coverage() -> list[dict]:
    assert COVERAGE.is_file(), f"{COVERAGE} is missing"
    data = yaml.safe_load(COVERAGE.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and isinstance(data.get("entries"), list), (
        "coverage.yaml must be a mapping with an `entries:` list")
    return data["entries"]


def _share(qs: list[Question], pred) -> float:  # type: ignore[no-untyped-def]
    return sum(1 for q in qs if pred(q)) / len(qs) if qs else 0.0


def test_figures_per_topic(catalog: Catalog) -> None:
    rows = []
    problems = []
    for topic in sorted(catalog.topics.values(), key=lambda t: t.id):
        qs = list(topic.questions)
        types = Counter(q.type for q in qs)
        auto = _share(qs, lambda q: q.type in AUTO_GRADED)
        d3 = _share(qs, lambda q: q.difficulty == 3)
        rows.append(f"{topic.id:<14}{len(qs):>5}{len(types):>7}{auto:>8.0%}{d3:>7.0%}")
        if len(types) < MIN_TYPES:
            problems.append(f"{topic.id}: {len(types)} question types {dict(types)}, need {MIN_TYPES}")
        if auto < MIN_AUTO:
            problems.append(f"{topic.id}: {auto:.0%} auto-graded, need {MIN_AUTO:.0%}")
        if d3 < MIN_D3_TOPIC:
            problems.append(f"{topic.id}: {d3:.0%} at difficulty 3, need {MIN_D3_TOPIC:.0%}")
    print("\ntopic         total  types    auto     d3")
    print("\n".join(rows))
    assert problems == [], problems


def test_total_and_senior_depth(catalog: Catalog) -> None:
    qs = catalog.all_questions()
    d3 = _share(qs, lambda q: q.difficulty == 3)
    auto = _share(qs, lambda q: q.type in AUTO_GRADED)
    print(f"\n{len(qs)} questions in {len(catalog.topics)} topics; {auto:.1%} auto-graded; "
          f"{d3:.1%} at difficulty 3")
    assert len(qs) >= MIN_TOTAL
    assert d3 >= MIN_D3_OVERALL


def test_coverage_entries_are_well_formed(coverage: list[dict]) -> None:
    problems = []
    seen: set[str] = set()
    for n, entry in enumerate(coverage, 1):
        where = f"entry {n}"
        if not isinstance(entry, dict):
            problems.append(f"{where}: not a mapping")
            continue
        if unknown := set(entry) - ENTRY_KEYS:
            problems.append(f"{where}: unknown keys {sorted(unknown)}")
        question = entry.get("question")
        if not isinstance(question, str) or len(question.strip()) < 10:
            problems.append(f"{where}: `question` must be the interview question's text")
        elif (key := " ".join(question.lower().split())) in seen:
            problems.append(f"{where}: duplicate question {question!r}")
        else:
            seen.add(key)
        sources = entry.get("source")
        sources = sources if isinstance(sources, list) else [sources]
        if not sources or not all(isinstance(s, str) and s.strip() for s in sources):
            problems.append(f"{where}: every entry needs a `source` (URL or book title)")
        covered, reason = entry.get("covered_by"), entry.get("open")
        if (covered is None) == (reason is None):
            problems.append(f"{where}: give exactly one of `covered_by` (ids) or `open` (reason)")
        if covered is not None and (not isinstance(covered, list) or not covered
                                    or not all(isinstance(i, str) for i in covered)):
            problems.append(f"{where}: `covered_by` must be a non-empty list of question ids")
        if reason is not None and (not isinstance(reason, str) or len(reason.strip()) < 10):
            problems.append(f"{where}: `open` must say why no bank question covers it")
    assert problems == [], problems


def test_coverage_ids_exist_and_the_figure_holds(catalog: Catalog, coverage: list[dict]) -> None:
    ids = {q.id for q in catalog.all_questions()}
    named = [i for e in coverage for i in (e.get("covered_by") or [])]
    missing = sorted(set(named) - ids)
    covered = sum(1 for e in coverage if e.get("covered_by"))
    share = covered / len(coverage) if coverage else 0.0
    topics = Counter(catalog.question(i).topic for i in set(named) - set(missing))  # type: ignore[union-attr]
    print(f"\ncoverage: {covered} of {len(coverage)} real interview questions covered ({share:.1%}), "
          f"{len(coverage) - covered} open; {len(set(named))} distinct bank questions cited "
          f"({', '.join(f'{t} {n}' for t, n in sorted(topics.items()))})")
    assert missing == [], f"coverage.yaml names ids no bank has: {missing}"
    assert len(coverage) >= MIN_COVERAGE_ENTRIES
    assert share >= MIN_COVERED
