"""The README says what is true: its test command is CI's, its kata table is the manifests'."""

from __future__ import annotations

import re
from pathlib import Path

from prepcli.banks.catalog import load_catalog as load_banks
from prepcli.katas.catalog import load_katas

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_ci_runs_the_readme_test_command() -> None:
    blocks = re.findall(r"```\n(.*?)\n```", README, re.DOTALL)
    test_command = next(b for b in blocks if "pytest" in b and b.startswith("pip install"))
    ci = (ROOT / ".ci" / "run").read_text().strip().splitlines()
    assert test_command in ci


def test_readme_has_exactly_two_setup_commands_and_the_first_needs_no_torch() -> None:
    setup = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```\n(.*?)\n```", setup, re.DOTALL)
    assert len(commands) == 2
    assert "torch" not in commands[0] and "prep quiz" in commands[0]


def kata_table() -> str:
    specs = sorted(load_katas(), key=lambda s: (s.topic, s.difficulty, s.id))
    rows = [f"{len(specs)} katas:", "", "| kata | topic | level | frameworks | budget | what you write |",
            "|---|---|---|---|---|---|"]
    rows += [f"| `{s.id}` | {s.topic} | {'*' * s.difficulty} | {', '.join(s.frameworks)} | "
             f"{s.budget:g}x | {s.title} |" for s in specs]
    return "\n".join(rows)


def test_readme_kata_table_matches_the_manifests() -> None:
    shown = README.split("<!-- katas:start -->\n", 1)[1].split("<!-- katas:end -->", 1)[0].strip()
    assert shown == kata_table(), "README kata table is stale; it should read:\n" + kata_table()


def tag_table() -> str:
    import yaml

    vocabulary = yaml.safe_load((ROOT / "questions" / "tags.yaml").read_text(encoding="utf-8"))["tags"]
    catalog = load_banks(shipped=ROOT / "questions", user_dirs=[])
    counts: dict[str, dict[str, int]] = {}
    for q in catalog.all_questions():
        for t in q.tags:
            counts.setdefault(t, {}).setdefault(q.topic, 0)
            counts[t][q.topic] += 1
    rows = ["| tag | what it covers | questions per topic |", "|---|---|---|"]
    for tag, what in vocabulary.items():
        per_topic = ", ".join(f"{t} {n}" for t, n in sorted(counts.get(tag, {}).items()))
        rows.append(f"| `{tag}` | {what} | {per_topic} |")
    return "\n".join(rows)


def test_readme_tag_index_matches_the_banks() -> None:
    shown = README.split("<!-- tags:start -->\n", 1)[1].split("<!-- tags:end -->", 1)[0].strip()
    assert shown == tag_table(), "README tag index is stale; it should read:\n" + tag_table()


def _splice(text: str, marker: str, body: str) -> str:
    head, rest = text.split(f"<!-- {marker}:start -->\n", 1)
    tail = rest.split(f"<!-- {marker}:end -->", 1)[1]
    return f"{head}<!-- {marker}:start -->\n{body}\n<!-- {marker}:end -->{tail}"


if __name__ == "__main__":  # `python tests/test_readme.py` rewrites the two generated tables
    text = _splice(_splice(README, "katas", kata_table()), "tags", tag_table())
    (ROOT / "README.md").write_text(text, encoding="utf-8")
