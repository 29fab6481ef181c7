"""The design's import rules, checked over the package's import graph (every import statement,
at module level or inside a function):

- the core knows nothing of typer or rich: only `cli*.py` and `render/` do;
- only `store.py` speaks SQL (imports sqlite3 or holds an SQL statement);
- `banks/` never imports the quiz;
- the kata child imports nothing of prepcli, and it is the only place torch is imported.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "prepcli"
SQL = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA)\s", re.IGNORECASE)


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "_data" not in p.parts)


def rel(p: Path) -> str:
    return p.relative_to(PACKAGE).as_posix()


def imports(p: Path) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
    return out


def is_child(p: Path) -> bool:
    """The kata child: the files run by `python -I` in the sandbox, never imported by prep."""
    r = rel(p)
    return r.startswith("katas/child/") or r == "katas/runner.py"


def top(names: set[str]) -> set[str]:
    return {n.split(".")[0] for n in names}


@pytest.mark.parametrize("path", modules(), ids=rel)
def test_import_rules(path: Path) -> None:
    r, names = rel(path), imports(path)
    if not (r.startswith("cli") or r.startswith("render/")):
        assert not top(names) & {"typer", "rich"}, f"{r}: the core must not import typer or rich"
    if r != "store.py":
        assert "sqlite3" not in top(names), f"{r}: only store.py speaks SQL"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        sql = [n.value for n in ast.walk(tree)
               if isinstance(n, ast.Constant) and isinstance(n.value, str) and SQL.match(n.value)]
        assert not sql, f"{r}: SQL outside store.py: {sql[0][:60]!r}"
    if r.startswith("banks/"):
        assert not any(n.startswith("prepcli.quiz") for n in names), f"{r}: banks must not import the quiz"
    if is_child(path):
        assert not any(n.split(".")[0] == "prepcli" for n in names), f"{r}: the kata child imports prepcli"
    else:
        assert "torch" not in top(names), f"{r}: torch belongs to the kata child only"
