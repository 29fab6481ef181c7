"""The command line as a user meets it: help everywhere, one-line errors, the installed script."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from prephelp import ROOT, prep_env, run_prep
from typer.testing import CliRunner

from prepcli.cli import app

runner = CliRunner()


def commands(group: typer.Typer, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = []
    for info in group.registered_commands:
        out.append((*prefix, info.name or info.callback.__name__))  # type: ignore[union-attr]
    for sub in group.registered_groups:
        out += commands(sub.typer_instance, (*prefix, sub.name))  # type: ignore[arg-type]
    return out


@pytest.mark.parametrize("cmd", commands(app))
def test_every_command_has_help_with_an_example(cmd: tuple[str, ...]) -> None:
    r = runner.invoke(app, [*cmd, "--help"])
    assert r.exit_code == 0, r.output
    assert "Example: prep" in r.output or cmd == ("banks",)


def test_top_level_help_lists_the_three_jobs() -> None:
    r = runner.invoke(app, ["--help"])
    for name in ("quiz", "kata", "stats", "topics", "banks"):
        assert re.search(rf"^\s+{name}\b", r.output, re.MULTILINE), r.output


def test_help_never_imports_torch_or_numpy() -> None:
    code = ("import sys, runpy; sys.argv = ['prep', '--help']\n"
            "try:\n    runpy.run_module('prepcli', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "bad = [m for m in ('torch', 'numpy') if m in sys.modules]\n"
            "print('IMPORTED', bad)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                       env=prep_env())
    assert "IMPORTED []" in r.stdout, r.stdout + r.stderr


@pytest.mark.parametrize("args", [["quiz", "tiny", "-n", "1"], ["stats"], ["topics"]])
def test_quiz_stats_and_topics_never_import_torch_or_numpy(prep_home: Path, args: list[str]) -> None:
    code = ("import sys, runpy; sys.argv = ['prep'] + sys.argv[1:]\n"
            "try:\n    runpy.run_module('prepcli', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "print('IMPORTED', [m for m in ('torch', 'numpy') if m in sys.modules])")
    r = subprocess.run([sys.executable, "-c", code, *args], input="a\n", capture_output=True,
                       text=True, cwd=ROOT, env=prep_env())
    assert "IMPORTED []" in r.stdout, r.stdout[-500:] + r.stderr


def test_bad_option_values_are_one_line_errors(prep_home: Path) -> None:
    for args, fragment in (
        (["quiz", "tiny", "--tag", "nmss"], "unknown tag 'nmss'. Did you mean `nms`?"),
        (["quiz", "tiny", "--type", "essay"], "unknown type 'essay'"),
        (["quiz", "tiny", "-n", "0"], "--count must be at least 1"),
        (["quiz", "--new", "--due"], "exclude each other"),
        (["quiz", "--desired-retention", "2"], "between 0.7 and 0.99"),
        (["config", "interview-date", "next week"], "use YYYY-MM-DD"),
        (["config", "colour", "red"], "unknown setting 'colour'"),
    ):
        r = run_prep(*args)
        errors = [ln for ln in r.stderr.splitlines() if not ln.startswith("Warning:")]
        assert r.returncode == 2, (args, r.stderr)
        assert len(errors) == 1 and fragment in errors[0], (args, r.stderr)


def test_config_keeps_settings(prep_home: Path) -> None:
    assert run_prep("config", "desired-retention", "0.85").stdout.strip() == "desired-retention = 0.85"
    assert "desired-retention = 0.85" in run_prep("config").stdout
    assert run_prep("config", "desired-retention", "").stdout.strip() == "desired-retention = (default)"


def test_topics_lists_counts_per_type_new_and_due(prep_home: Path) -> None:
    r = run_prep("topics", COLUMNS="150")
    line = next(ln for ln in r.stdout.splitlines() if " tiny " in ln)
    # total 5: one of each type, all new, none due
    assert re.findall(r"\d+", line) == ["5", "1", "1", "1", "1", "1", "5", "0"]
    r = run_prep("topics", "--tags", COLUMNS="150")
    nms = next(ln for ln in r.stdout.splitlines() if re.match(r"│ nms\s", ln))
    assert "tiny 2" in nms


def test_the_readme_gives_the_test_command_ci_runs() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    readme = (ROOT / "README.md").read_text()
    test_cmd = next(ln for ln in ci.splitlines() if "pytest" in ln and not ln.startswith("#"))
    assert test_cmd.strip() in readme


def test_the_installed_script_finds_its_banks_outside_the_checkout(tmp_path: Path) -> None:
    prep = shutil.which("prep", path=str(Path(sys.executable).parent))
    if prep is None:
        pytest.skip("prep is not installed in this environment")
    env = prep_env(PREP_HOME=str(tmp_path / "home"))
    env.pop("PREP_BANKS", None)
    r = subprocess.run([prep, "banks", "validate"], cwd=tmp_path, capture_output=True, text=True,
                       env=env, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    n = int(re.search(r"OK: (\d+) questions", r.stdout).group(1))  # type: ignore[union-attr]
    assert n >= 40
    folder = re.search(r"OK: \d+ questions in (.+?)(?: \(\d+ warning\(s\)\))?$", r.stdout, re.MULTILINE)
    assert folder and os.path.isdir(folder.group(1))
