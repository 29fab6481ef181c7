"""Move all progress between machines as one JSON file (`prep export` / `prep import`)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from prepcli import __version__
from prepcli.clock import iso, utcnow
from prepcli.errors import ExportError
from prepcli.store import Store

FORMAT = "prep-progress"
FORMAT_VERSION = 1


def export_progress(store: Store, path: Path) -> dict[str, int]:
    data = store.dump()
    doc = {"format": FORMAT, "format_version": FORMAT_VERSION, "prep_version": __version__,
           "exported_at": iso(utcnow()), **data}
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps(doc, indent=1, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)  # never leave a half-written export behind
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    return {k: len(v) for k, v in data.items()}


def import_progress(store: Store, path: Path) -> dict[str, int]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ExportError(f"{path}: no such file; give the path of a `prep export` file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ExportError(f"cannot read {path}: {exc}") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExportError(f"{path}:{exc.lineno}: not JSON ({exc.msg}); "
                          "is this a `prep export` file?") from None
    _check(doc, path)
    return store.merge(doc)


_REQUIRED: dict[str, tuple[str, ...]] = {
    "answers": ("question_id", "topic", "answered_at", "outcome"),
    "cards": ("question_id", "topic", "card"),
    "kata_runs": ("kata", "ran_at", "passed", "correct"),
    "settings": ("key", "value"),
}


def _check(doc: Any, path: Path) -> None:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ExportError(f"{path} is not a `prep export` file (no \"format\": \"{FORMAT}\")")
    version = doc.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ExportError(f"{path} has export format {version!r}; this prep reads up to "
                          f"{FORMAT_VERSION}. Upgrade prep.")
    for table, keys in _REQUIRED.items():
        rows = doc.get(table, [])
        if not isinstance(rows, list):
            raise ExportError(f"{path}: \"{table}\" must be a list")
        for i, row in enumerate(rows):
            if not isinstance(row, dict) or any(k not in row for k in keys):
                raise ExportError(f"{path}: {table}[{i}] lacks one of {', '.join(keys)}; the file "
                                  "is damaged. Nothing was imported.")
            if table == "answers" and row["outcome"] not in ("right", "wrong", "skipped"):
                raise ExportError(f"{path}: answers[{i}] has outcome {row['outcome']!r}. "
                                  "Nothing was imported.")
            if table == "cards":
                card = row["card"]
                try:
                    card = json.loads(card) if isinstance(card, str) else card
                except json.JSONDecodeError:
                    card = None
                if not isinstance(card, dict) or "due" not in card:
                    raise ExportError(f"{path}: cards[{i}] is not a schedule. Nothing was imported.")
