"""Random katas check randomness: new masks on every call, the generator honoured, no reseeding."""

from __future__ import annotations

import pytest
from katahelp import check


@pytest.mark.parametrize(("file", "diagnosis", "phrase"), [
    ("wrong_fixed_mask.py", "fixed-mask", "same random result"),
    ("wrong_reseeds_global_rng.py", "reseeds-global-rng", "global random state was reset"),
    ("wrong_generator_ignored.py", "generator-ignored", "generator"),
])
def test_dropout_randomness_mistakes_are_caught_and_named(file, diagnosis, phrase) -> None:  # type: ignore[no-untyped-def]
    v = check("dropout", file)
    assert not v.correct and v.error == "wrong-answer", (v.error, v.message)
    assert v.diagnosis_id == diagnosis, (v.diagnosis_id, v.message)
    assert phrase in v.message, v.message
    assert any(c.name == "randomness" and not c.passed for c in v.checks)


def test_dropout_textbook_passes_the_randomness_checks() -> None:
    v = check("dropout", "textbook.py", seed=3)
    assert v.correct, (v.error, v.message)
    assert any(c.name == "randomness" and c.passed for c in v.checks)
