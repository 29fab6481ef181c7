"""`prep kata` around the check: the list, the next kata, hints, the record of a run."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from prephelp import run_prep

from prepcli.katas.catalog import load_katas
from prepcli.katas.practice import kata_list, next_hint, related_questions, what_next
from prepcli.store import open_store


def _run(store, kata: str, passed: bool, correct: bool, ratio: float | None, minutes_ago: int) -> None:  # type: ignore[no-untyped-def]
    store.record_kata_run(kata=kata, passed=passed, correct=correct, within_budget=passed,
                          speed_ratio=ratio, framework="numpy", error=None,
                          ran_at=datetime.now(timezone.utc) - timedelta(minutes=minutes_ago))


def test_next_is_a_failing_kata_first_then_the_easiest_new_one(tmp_path: Path) -> None:
    specs = load_katas()
    with open_store(tmp_path / "s.sqlite3") as store:
        first = what_next(specs, store)
        assert first.next is not None and first.next.status == "new" and first.next.spec.difficulty == 1
        assert first.progress.passed == 0 and first.progress.total == len(specs)
        _run(store, "nms", False, True, 12.0, 5)  # correct but too slow: failing
        _run(store, "iou", True, True, 1.1, 3)
        nxt = what_next(specs, store)
        assert nxt.next is not None and nxt.next.spec.id == "nms"
        assert nxt.progress.passed == 1 and nxt.progress.by_topic["detection"][0] == 1


def test_the_list_and_stats_agree_on_best_speed(tmp_path: Path) -> None:
    from prepcli.banks.catalog import load_catalog as load_banks
    from prepcli.stats import compute_stats

    specs = load_katas()
    with open_store(tmp_path / "s.sqlite3") as store:
        _run(store, "nms", False, True, 12.0, 5)  # correct, slow: its speed is worth showing
        _run(store, "nms", False, False, None, 1)
        (row,) = kata_list(specs, topic="detection", status="failing", store=store).rows
        assert row.spec.id == "nms" and row.best_ratio == 12.0 and row.attempts == 2
        report = compute_stats(load_banks(), store, katas=specs)
        (nms,) = [k for k in report.katas if k.id == "nms"]
        assert nms.best_ratio == 12.0 and nms.status == "failing"


def test_hints_come_one_at_a_time_and_the_last_repeats(tmp_path: Path) -> None:
    spec = next(s for s in load_katas() if s.id == "nms")
    with open_store(tmp_path / "s.sqlite3") as store:
        shown = [next_hint(store, spec) for _ in range(len(spec.hints) + 1)]
    assert [h.number for h in shown if h] == [*range(1, len(spec.hints) + 1), len(spec.hints)]


def test_related_questions_share_the_kata_tags() -> None:
    from prepcli.banks.catalog import load_catalog as load_banks

    spec = next(s for s in load_katas() if s.id == "nms")
    related = related_questions(load_banks(), spec)
    assert "nms" in related.tags and related.questions >= 10


def test_unknown_filters_are_one_line_with_a_suggestion() -> None:
    with pytest.raises(Exception, match="Did you mean `detection`"):
        kata_list(load_katas(), topic="detectoin")
    with pytest.raises(Exception, match="use one of new, failing, passed"):
        kata_list(load_katas(), status="done")


@pytest.mark.parametrize("width", [60, 100])
def test_kata_list_and_next_fit_the_terminal(prep_home: Path, width: int) -> None:
    r = run_prep("kata", COLUMNS=str(width))
    assert r.returncode == 0, r.stderr
    for line in r.stdout.splitlines():
        assert len(line) <= width and "…" not in line
    assert "multi_head_attention" in r.stdout and "status" in r.stdout
    r = run_prep("kata", "next", COLUMNS=str(width))
    assert r.returncode == 0 and "Passed 0/31 katas" in r.stdout and "Next: prep kata" in r.stdout


def test_a_broken_store_is_a_warning_not_every_kata_new_in_silence(prep_home: Path) -> None:
    prep_home.mkdir(parents=True, exist_ok=True)
    (prep_home / "progress.sqlite3").write_bytes(b"not a database at all" * 100)
    r = run_prep("kata")
    assert r.returncode == 0
    assert "Warning: your kata progress could not be read" in r.stderr and "prep doctor" in r.stderr


def _kata_root(tmp_path: Path, manifest_edit) -> Path:  # type: ignore[no-untyped-def]
    import shutil

    from prepcli.katas.catalog import katas_root

    root = tmp_path / "katas"
    shutil.copytree(katas_root() / "iou", root / "iou")
    path = root / "iou" / "kata.yaml"
    path.write_text(manifest_edit(path.read_text()))
    return root


@pytest.mark.parametrize("edit,message", [
    (lambda t: t.replace("budget:", "budgt:"), "unknown key 'budgt' (did you mean 'budget'?)"),
    (lambda t: "\n".join(ln for ln in t.splitlines() if not ln.startswith("title:")), "missing title"),
    (lambda t: t + "\ntiming: [oops\n", "not valid YAML"),
    (lambda t: t.replace("difficulty: 1", "difficulty: 5"), "difficulty must be 1, 2 or 3"),
    (lambda t: t + "\ncases: ../_shared/iou_cases.py\n", "missing file ../_shared/iou_cases.py"),
    (lambda t: t + "\nvariant: giou\n", "variant goes with cases:"),
])
def test_a_damaged_manifest_is_one_line_naming_the_file(tmp_path: Path, edit, message: str) -> None:  # type: ignore[no-untyped-def]
    from prepcli.katas.catalog import KataCatalogError

    root = _kata_root(tmp_path, edit)
    with pytest.raises(KataCatalogError) as info:
        load_katas(root)
    text = str(info.value)
    assert message in text and str(root / "iou" / "kata.yaml") in text and "\n" not in text


def _cases_edit(tmp_path: Path, edit):  # type: ignore[no-untyped-def]
    root = _kata_root(tmp_path, lambda t: t)
    path = root / "iou" / "cases.py"
    path.write_text(edit(path.read_text()))
    return load_katas(root)[0], path


@pytest.mark.parametrize("edit,message", [
    (lambda t: t.replace('"kwargs": {}}', '"kwargs": {}, "rtoll": 1e-3}'),
     "case 1 ('two overlapping boxes'): unknown key 'rtoll' (did you mean 'rtol'?)"),
    (lambda t: t.replace('"args": [a1, a2], ', ''), "case 1 ('two overlapping boxes'): missing args"),
    (lambda t: t.replace('"kind": kind,', '"kind": "hiden",'), "kind must be public or random"),
    (lambda t: t + "\nraise ImportError('numpy too old')\n", "raised ImportError: numpy too old"),
])
def test_a_damaged_cases_file_is_one_line_naming_the_file_and_the_case(tmp_path: Path, edit,  # type: ignore[no-untyped-def]
                                                                        message: str) -> None:
    from prepcli.katas.casefile import make_cases
    from prepcli.katas.catalog import KataCatalogError

    spec, path = _cases_edit(tmp_path, edit)
    with pytest.raises(KataCatalogError) as info:
        make_cases(spec, seed=1)
    text = str(info.value)
    assert text.startswith(f"{path}: ") and message in text and "\n" not in text


def test_the_box_losses_share_one_cases_file_named_in_their_manifests() -> None:
    from prepcli.katas.casefile import load_cases_module, make_cases

    specs = {s.id: s for s in load_katas()}
    shared = {specs[k].cases_path for k in ("giou_loss", "diou_loss", "ciou_loss")}
    assert len(shared) == 1 and next(iter(shared)).parent.name == "_shared"
    mistakes = {k: {m[0] for m in load_cases_module(specs[k]).MISTAKES}
                for k in ("giou_loss", "diou_loss", "ciou_loss")}
    assert "giou-not-loss" in mistakes["giou_loss"] and "giou-not-loss" not in mistakes["diou_loss"]
    assert "v-no-factor" in mistakes["ciou_loss"] and "v-no-factor" not in mistakes["diou_loss"]
    gradcheck = {k: any(c["kind"] == "gradcheck" for c in make_cases(specs[k], 3))
                 for k in ("giou_loss", "ciou_loss")}
    assert gradcheck == {"giou_loss": True, "ciou_loss": False}
