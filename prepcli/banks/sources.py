"""The one registry of readable source titles (questions/sources.yaml).

A question's `source:` is an arXiv id, a URL, one of the note files prep grew from, or (in a
user's bank) any text. Feedback never shows a raw note-file name or a bare id: `cite` turns
`arXiv:1708.02002` into "Focal Loss for Dense Object Detection (arXiv:1708.02002)".
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

SEED_RE = re.compile(r"^\d{3}_[0-9a-f]{16}\.txt$")
ARXIV_RE = re.compile(r"^arXiv:\d{4}\.\d{4,5}(v\d+)?$")
URL_RE = re.compile(r"^https?://\S+$")
REGISTRY_NAME = "sources.yaml"
UNKNOWN_NOTES = "prep's interview notes"


def is_shipped_source(source: str) -> bool:
    """The forms a shipped question may cite: a note file, an arXiv id or an http(s) URL."""
    return bool(SEED_RE.match(source) or ARXIV_RE.match(source) or URL_RE.match(source))


def registry_path() -> Path:
    from prepcli.paths import shipped_banks_dir

    return shipped_banks_dir() / REGISTRY_NAME


def load_titles(path: Path | None = None) -> dict[str, str]:
    """`source string -> title` from the registry; {} when it cannot be read (titles are a
    nicety: feedback falls back to the source itself, never to an error)."""
    return dict(_load(path or registry_path()))


@functools.cache
def _load(path: Path) -> tuple[tuple[str, str], ...]:
    import yaml

    try:
        data = yaml.load(path.read_text(encoding="utf-8"),  # noqa: S506 - a safe loader
                         Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return ()
    mapping = data.get("sources") if isinstance(data, dict) else None
    if not isinstance(mapping, dict):
        return ()
    return tuple((str(k), str(v).strip()) for k, v in mapping.items() if isinstance(v, str) and v.strip())


def cite(source: str, titles: dict[str, str] | None = None) -> str:
    """A source as a person reads it: "Title (arXiv:NNNN.NNNNN)", "Title (URL)", the notes'
    title, or the user's own text as written."""
    titles = load_titles() if titles is None else titles
    title = titles.get(source)
    if SEED_RE.match(source):
        return title or UNKNOWN_NOTES
    if title is None:
        return source
    if ARXIV_RE.match(source) or URL_RE.match(source):
        if title.endswith(")"):  # "Focal Loss ... (RetinaNet, arXiv:1708.02002)"
            return f"{title[:-1]}, {source})"
        return f"{title} ({source})"
    return title


def cite_all(sources: tuple[str, ...], titles: dict[str, str] | None = None) -> list[str]:
    """Each source cited once (two note files with one title read as one)."""
    titles = load_titles() if titles is None else titles
    return list(dict.fromkeys(cite(s, titles) for s in sources))
