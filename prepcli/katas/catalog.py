"""The kata catalog: one folder per kata under ``katas/``, described by its ``kata.yaml``.

Listing reads the manifests only (PyYAML); nothing here imports NumPy or torch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from prepcli.errors import PrepError, UnknownKata, UsageError


class KataCatalogError(PrepError):
    """A kata folder that cannot be read (a broken install, or a kata half-written)."""

FORMAT_VERSION = 1
FRAMEWORKS = ("numpy", "torch")
REQUIRED_FILES = ("kata.yaml", "statement.md", "reference.py")  # and the cases file (``cases:``)


@dataclass(frozen=True)
class TimingSpec:
    sizes: tuple[int, ...]
    repeats: int
    size_label: str


@dataclass(frozen=True)
class KataSpec:
    """What a kata's manifest says, plus where its files are."""

    id: str
    title: str
    topic: str
    difficulty: int
    frameworks: tuple[str, ...]
    signature: str
    tags: tuple[str, ...]
    hints: tuple[str, ...]
    budget: float
    timing: TimingSpec
    folder: Path
    extra: dict[str, Any] = field(default_factory=dict, compare=False)
    outputs: tuple[str, ...] = ()  # named outputs of a multi-output kata; () = one array
    cases_file: str = "cases.py"  # relative to the folder; several katas may share one file
    variant: str | None = None  # passed to the shared cases file's ``for_variant``

    @property
    def function(self) -> str:
        """The name the user's file must define (the kata name)."""
        return self.id

    @property
    def default_framework(self) -> str:
        return self.frameworks[0]

    @property
    def statement_path(self) -> Path:
        return self.folder / "statement.md"

    @property
    def reference_path(self) -> Path:
        return self.folder / "reference.py"

    @property
    def cases_path(self) -> Path:
        return (self.folder / self.cases_file).resolve()

    def stub_path(self, framework: str) -> Path:
        return self.folder / f"stub_{framework}.py"

    def check_framework(self, framework: str | None) -> str:
        fw = framework or self.default_framework
        if fw not in self.frameworks:
            allowed = " or ".join(self.frameworks)
            raise UsageError(f"kata {self.id} is written in {allowed}, not {fw!r}: use "
                             f"--framework {self.frameworks[0]}")
        return fw


REQUIRED_KEYS = ("format_version", "id", "title", "topic", "difficulty", "frameworks", "signature",
                 "tags", "hints", "budget", "timing")
OPTIONAL_KEYS = ("outputs", "inputs_unchanged", "mutable_inputs", "cases", "variant")
TIMING_KEYS = ("sizes", "repeats", "size_label")


def _parse(folder: Path) -> KataSpec:
    """The manifest, validated strictly: every problem is part of one `FILE: ...` message."""
    import yaml

    path = folder / "kata.yaml"
    try:
        with path.open(encoding="utf-8") as f:
            m = yaml.safe_load(f)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise ValueError(f"{path}: not valid YAML{where}: {getattr(exc, 'problem', exc)}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot be read: {exc}") from None
    if not isinstance(m, dict):
        raise ValueError(f"{path}: not a mapping of manifest keys")
    problems = []
    missing = [k for k in REQUIRED_KEYS if k not in m]
    if missing:
        problems.append(f"missing {', '.join(missing)}")
    unknown = sorted(set(m) - set(REQUIRED_KEYS) - set(OPTIONAL_KEYS))
    if unknown:
        from prepcli.suggest import did_you_mean

        for key in unknown:
            close = did_you_mean(str(key), REQUIRED_KEYS + OPTIONAL_KEYS)
            problems.append(f"unknown key {key!r}" + (f" (did you mean {close!r}?)" if close else ""))
    if m.get("format_version") != FORMAT_VERSION:
        problems.append(f"format_version must be {FORMAT_VERSION}")
    if m.get("id") != folder.name:
        problems.append(f"id {m.get('id')!r} must equal the folder name {folder.name!r}")
    for key in ("title", "topic", "signature"):
        if key in m and (not isinstance(m[key], str) or not m[key].strip()):
            problems.append(f"{key} must be a non-empty string")
    fws = tuple(m.get("frameworks") or ())
    if not fws or any(fw not in FRAMEWORKS for fw in fws):
        problems.append(f"frameworks must be a non-empty list of {', '.join(FRAMEWORKS)}")
    if m.get("difficulty") not in (1, 2, 3):
        problems.append("difficulty must be 1, 2 or 3")
    for key in ("tags", "hints"):
        if key in m and (not isinstance(m[key], list) or not all(isinstance(x, str) for x in m[key])):
            problems.append(f"{key} must be a list of strings")
    budget = m.get("budget")
    if "budget" in m and (isinstance(budget, bool) or not isinstance(budget, (int, float)) or budget <= 0):
        problems.append("budget must be a positive number (a multiple of the reference's time)")
    t = m.get("timing")
    sizes: tuple[int, ...] = ()
    if not isinstance(t, dict):
        t = {}
        if "timing" in m:
            problems.append("timing must be a mapping with sizes, repeats and size_label")
    else:
        for key in sorted(set(t) - set(TIMING_KEYS)):
            problems.append(f"unknown key timing.{key} (known: {', '.join(TIMING_KEYS)})")
    raw_sizes = t.get("sizes") or ()
    if isinstance(raw_sizes, list) and all(isinstance(x, int) and not isinstance(x, bool) for x in raw_sizes):
        sizes = tuple(raw_sizes)
    if len(sizes) < 3 or list(sizes) != sorted(sizes):
        problems.append("timing.sizes must list at least 3 increasing integer sizes")
    repeats = t.get("repeats", 7)
    if not isinstance(repeats, int) or isinstance(repeats, bool) or repeats < 1:
        problems.append("timing.repeats must be a positive integer")
        repeats = 7
    outputs = m.get("outputs") or ()
    if outputs and (not isinstance(outputs, list) or len(outputs) < 2
                    or not all(isinstance(o, str) and o.isidentifier() for o in outputs)
                    or len(set(outputs)) != len(outputs)):
        problems.append("outputs must list at least 2 distinct names (identifiers), one per "
                        "item of the returned tuple; leave it out for a single output")
    if "inputs_unchanged" in m and not isinstance(m["inputs_unchanged"], bool):
        problems.append("inputs_unchanged must be true or false")
    mutable = m.get("mutable_inputs", [])
    if not isinstance(mutable, list) or not all(isinstance(x, str) for x in mutable):
        problems.append("mutable_inputs must be a list of argument names")
    for name in REQUIRED_FILES + tuple(f"stub_{fw}.py" for fw in fws if fw in FRAMEWORKS):
        if not (folder / name).is_file():
            problems.append(f"missing file {name}")
    cases_file = m.get("cases", "cases.py")
    if not isinstance(cases_file, str) or not cases_file.endswith(".py"):
        problems.append("cases must be the path of a .py file, relative to the kata's folder")
        cases_file = "cases.py"
    elif not (folder / cases_file).is_file():
        problems.append(f"missing file {cases_file}" + ("" if "cases" in m else
                                                       " (or name a shared one with cases:)"))
    variant = m.get("variant")
    if variant is not None and (not isinstance(variant, str) or not variant.strip()):
        problems.append("variant must be a non-empty string")
    if variant is not None and "cases" not in m:
        problems.append("variant goes with cases: (the shared file that defines for_variant)")
    if problems:
        raise ValueError(f"{path}: " + "; ".join(problems))
    return KataSpec(
        id=m["id"], title=str(m["title"]), topic=str(m["topic"]), difficulty=int(m["difficulty"]),
        frameworks=fws, signature=str(m.get("signature", "")),
        tags=tuple(m.get("tags") or ()), hints=tuple(m.get("hints") or ()),
        budget=float(m["budget"]),
        timing=TimingSpec(sizes, repeats, str(t.get("size_label", "N"))),
        folder=folder, extra={k: v for k, v in m.items() if k in ("inputs_unchanged", "mutable_inputs")},
        outputs=tuple(outputs), cases_file=cases_file, variant=variant,
    )


@cache
def _load(root: Path) -> tuple[KataSpec, ...]:
    if not root.is_dir():
        return ()
    specs = [_parse(d) for d in sorted(root.iterdir()) if (d / "kata.yaml").is_file()]
    return tuple(specs)


def katas_root() -> Path:
    from prepcli.paths import shipped_katas_dir

    return shipped_katas_dir()


def load_katas(root: Path | None = None) -> list[KataSpec]:
    """Every kata, in name order. A damaged kata folder is a :class:`KataCatalogError`."""
    try:
        return list(_load((root or katas_root()).resolve()))
    except ValueError as exc:
        raise KataCatalogError(f"the kata catalog is damaged: {exc}. Reinstall prep "
                               "(pip install --force-reinstall .) to restore it.") from None


def get_kata(name: str, root: Path | None = None) -> KataSpec:
    """The kata called ``name``; :class:`UnknownKata` lists them and names the closest match."""
    specs = load_katas(root)
    for s in specs:
        if s.id == name:
            return s
    from prepcli.suggest import did_you_mean

    names = [s.id for s in specs]
    close = did_you_mean(name, names)
    hint = f" Did you mean `{close}`?" if close else ""
    raise UnknownKata(f"no kata named {name!r}.{hint} Katas: {', '.join(names)}.")
