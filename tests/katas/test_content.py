"""rustlings-style content check: manifests and files agree, every stub fails, every reference passes."""

from __future__ import annotations

import ast
import re
import subprocess
import sys

import numpy as np
import pytest
from katahelp import RANDOM_KATAS, check

from prepcli.katas.casefile import load_cases_module
from prepcli.katas.catalog import REQUIRED_FILES, load_katas

KATAS = load_katas()
IDS = [k.id for k in KATAS]


def test_the_five_katas_are_listed() -> None:
    assert {"iou", "nms", "focal_loss", "nt_xent", "patchify"} <= set(IDS)
    assert len(IDS) == len(set(IDS))


@pytest.mark.parametrize("spec", KATAS, ids=IDS)
def test_manifest_and_files_agree(spec) -> None:  # type: ignore[no-untyped-def]
    for name in REQUIRED_FILES:
        assert (spec.folder / name).is_file(), name
    ref = ast.parse(spec.reference_path.read_text())
    defined = {n.name for n in ref.body if isinstance(n, ast.FunctionDef)}
    for fw in spec.frameworks:
        assert f"{spec.id}_{fw}" in defined, f"reference.py lacks {spec.id}_{fw}"
        stub = ast.parse(spec.stub_path(fw).read_text())
        assert spec.id in {n.name for n in stub.body if isinstance(n, ast.FunctionDef)}
    assert spec.hints and spec.title and spec.topic and spec.budget > 1
    assert len(spec.timing.sizes) >= 3
    cases = spec.cases_path.read_text()
    for name in ("def public_cases", "def hidden_cases", "def timing_input", "MISTAKES"):
        assert name in cases
    assert "import torch" not in cases.split("def ")[0], "cases.py must import torch lazily"


@pytest.mark.parametrize("spec", KATAS, ids=IDS)
def test_every_stub_fails_as_not_implemented(spec) -> None:  # type: ignore[no-untyped-def]
    for fw in spec.frameworks:
        v = check(spec.id, spec.stub_path(fw), fw)
        assert not v.passed and not v.correct
        assert v.error == "not-implemented", (v.error, v.message)


@pytest.mark.slow
@pytest.mark.parametrize("spec", KATAS, ids=IDS)
def test_every_reference_passes_within_budget(spec, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # the reference, copied to a user file exporting the kata's function
    for fw in spec.frameworks:
        user = tmp_path / f"ref_{fw}.py"
        user.write_text(spec.reference_path.read_text()
                        + f"\n\n{spec.id} = {spec.id}_{fw}\n")
        v = check(spec.id, user, fw, timing=(fw == spec.default_framework), repeats=3)
        assert v.correct, (v.error, v.message)
        if fw == spec.default_framework:
            assert v.within_budget, v.timing
            assert v.passed
            assert v.timing is not None and len(v.timing.sizes) >= 3
            assert v.timing.user_exponent is not None


def test_listing_imports_neither_numpy_nor_torch() -> None:
    code = ("import sys\nfrom prepcli.katas.catalog import load_katas\n"
            "from prepcli.katas.practice import kata_list\nimport prepcli.cli_kata\n"
            "import prepcli.render.kata\n"
            "assert len(load_katas()) >= 5\n"
            "bad = [m for m in ('numpy', 'torch') if m in sys.modules]\n"
            "assert not bad, bad\n")
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("spec", KATAS, ids=IDS)
def test_statement_examples_are_right(spec) -> None:  # type: ignore[no-untyped-def]
    """The public examples of cases.py are the statement's worked example: the reference agrees."""
    text = spec.statement_path.read_text()
    assert "## Contract" in text and "## Example" in text and "interviewers" in text


# what the user sees of a kata: statement, manifest, case names and the mistakes' messages
_FORBIDDEN = re.compile(r"\bseed'?s?\b|\bnotes\b|interview notes", re.IGNORECASE)


@pytest.mark.parametrize("spec", KATAS, ids=IDS)
def test_user_visible_text_never_cites_the_source_documents(spec) -> None:  # type: ignore[no-untyped-def]
    texts = [spec.statement_path.read_text(), (spec.folder / "kata.yaml").read_text()]
    if spec.id not in RANDOM_KATAS:
        mod = load_cases_module(spec)
        texts += [m[1] for m in mod.MISTAKES]
        texts += [c["name"] for c in mod.public_cases() + mod.hidden_cases(np.random.default_rng(0))]
    bad = [t for t in texts if _FORBIDDEN.search(t)]
    assert not bad, [_FORBIDDEN.search(t).group(0) + ": " + t[:80] for t in bad]  # type: ignore[union-attr]
