"""Find every bank (shipped and user), load each through a cache, join them into topics.

A broken user bank never stops a quiz on other topics: it becomes one warning line.
Parsed banks are cached as JSON keyed on each file's path, size and mtime, because a
10,000-question user bank costs far more to parse as YAML than to read back as JSON.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from prepcli import __version__
from prepcli.banks.model import Bank, Catalog, Question, Topic
from prepcli.errors import UnknownTopic

BANK_SUFFIXES = (".yaml", ".yml")


# files beside the banks that are registries, not banks
REGISTRY_FILES = frozenset({"tags.yaml", "sources.yaml", "coverage.yaml"})


def bank_files(dirs: list[Path]) -> list[Path]:
    files: list[Path] = []
    for d in dirs:
        if d.is_file() and d.suffix in BANK_SUFFIXES:
            files.append(d)
        elif d.is_dir():
            files += sorted(p for p in d.iterdir() if p.suffix in BANK_SUFFIXES and p.is_file()
                            and p.name not in REGISTRY_FILES)
    return files


def load_catalog(*, shipped: Path | None = None, user_dirs: list[Path] | None = None,
                 cache: Path | None = None) -> Catalog:
    """Every topic from the shipped banks plus the user's; bad user files become warnings.

    A broken *shipped* bank is a bug in prep, and is reported the same way rather than
    hiding every other topic.
    """
    from prepcli import paths

    shipped = shipped if shipped is not None else paths.shipped_banks_dir()
    user_dirs = user_dirs if user_dirs is not None else paths.user_bank_dirs()
    cache = cache if cache is not None else paths.cache_dir()
    warnings: list[str] = []
    banks: list[Bank] = []
    for path in bank_files([shipped, *user_dirs]):
        bank, problems = load_cached(path, cache)
        if bank is None:
            more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
            warnings.append(
                f"skipped bank {path}: {problems[0]}{more}; run `prep banks validate {path}`"
            )
            continue
        banks.append(bank)
    # A duplicate id drops the later copy, with a warning: progress is keyed on ids.
    seen: set[str] = set()
    kept: list[Bank] = []
    for bank in banks:
        dupes = [q for q in bank.questions if q.id in seen]
        if dupes:
            for q in dupes:
                warnings.append(f"{q.file}:{q.line}: {q.id}: duplicate id, question skipped; "
                                "ids must be unique across all banks")
            bank = Bank(bank.topic, bank.title, bank.description, bank.file,
                        tuple(q for q in bank.questions if q.id not in seen))
        seen.update(q.id for q in bank.questions)
        kept.append(bank)
    return Catalog(_join(kept), tuple(warnings))


def validate_paths(paths_: list[Path]) -> tuple[int, list[str]]:
    """Validate the given bank files (or folders): (number of questions, problems)."""
    report = validate_report(paths_)
    return report.questions, report.problems


@dataclass(frozen=True)
class ValidationReport:
    questions: int
    problems: list[str]  # FILE:LINE: ID: what is wrong (the bank does not load, or breaks a rule)
    warnings: list[str]  # FILE:LINE: ID: warning: what may mislead a user (the bank still loads)


def validate_report(paths_: list[Path], *, shipped: Path | None = None) -> ValidationReport:
    """Validate bank files or folders. The shipped banks (files in `shipped`, default the
    package's questions/) are also held to the shipped rules (a written hint, known sources,
    numeric precision; see prepcli.banks.audit); every bank gets warnings (a right choice much
    longer than the others, a hint that gives the answer away...)."""
    from prepcli import paths
    from prepcli.banks.audit import shipped_problems, user_warnings
    from prepcli.banks.balance import long_right_choice_warning
    from prepcli.banks.loader import check_unique_ids, load_bank_file
    from prepcli.banks.sources import load_titles

    shipped_dir = (shipped if shipped is not None else paths.shipped_banks_dir()).resolve()
    files = bank_files(paths_)
    problems: list[str] = []
    warnings: list[str] = []
    banks: list[Bank] = []
    for p in paths_:
        if not p.exists():
            problems.append(f"{p}:1: no such file or folder")
        elif p.is_file() and p.suffix not in BANK_SUFFIXES:
            files.append(p)
    titles: dict[str, str] | None = None
    for path in files:
        bank, errs = load_bank_file(path)
        problems += errs
        if bank is None:
            continue
        banks.append(bank)
        is_shipped = path.resolve().parent == shipped_dir
        if is_shipped and titles is None:
            titles = load_titles(shipped_dir / "sources.yaml")
        for q in bank.questions:
            where = f"{q.file}:{q.line}: {q.id}: "
            if is_shipped:
                problems += [where + p for p in shipped_problems(q, titles or {})]
                why = long_right_choice_warning(q)
                warnings += [where + "warning: " + why] if why else []
            else:
                warnings += [where + "warning: " + w for w in user_warnings(q)]
    problems += check_unique_ids(banks)
    return ValidationReport(sum(len(b.questions) for b in banks), problems, warnings)


def find_topics(catalog: Catalog, names: list[str]) -> list[Topic]:
    """The topics named (all when none); an unknown name raises UnknownTopic with a suggestion."""
    if not names:
        return list(catalog.topics.values())
    out = []
    for name in names:
        key = name.strip().lower()
        if key not in catalog.topics:
            from prepcli.suggest import unknown_message

            tags = {t for q in catalog.all_questions() for t in q.tags}
            raise UnknownTopic(unknown_message("topic", name, catalog.topics,
                                               elsewhere={t: f"--tag {t}" for t in tags}))
        out.append(catalog.topics[key])
    return out


def _join(banks: list[Bank]) -> dict[str, Topic]:
    grouped: dict[str, list[Bank]] = {}
    for bank in banks:
        grouped.setdefault(bank.topic, []).append(bank)
    topics = {}
    for topic_id, group in grouped.items():
        first = group[0]  # shipped banks come first, so they name the topic
        topics[topic_id] = Topic(
            id=topic_id,
            title=first.title,
            description=first.description,
            files=tuple(b.file for b in group),
            questions=tuple(q for b in group for q in b.questions),
        )
    return dict(sorted(topics.items()))


# -- cache ------------------------------------------------------------------------------------

# A cache entry is marshal data (builtin types only, nothing executable): one tuple of field
# values per question, rebuilt positionally, which reads 10,000 questions in a few ms.
_FIELDS = tuple(f.name for f in fields(Question))
_CACHE_VERSION = hashlib.sha1(repr((__version__, _FIELDS)).encode()).hexdigest()[:8]


def load_cached(path: Path, cache: Path) -> tuple[Bank | None, list[str]]:
    """`load_bank_file` through a cache keyed on path, size, mtime and prep's question layout."""
    # the loader (regexes, the YAML machinery) is only imported when a file must be parsed
    try:
        st = path.stat()
    except OSError:
        from prepcli.banks.loader import load_bank_file

        return load_bank_file(path)
    key = f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}|{_CACHE_VERSION}"
    entry = cache / (hashlib.sha1(key.encode()).hexdigest()[:20] + ".bank")
    try:
        data = marshal.loads(entry.read_bytes())
        if data[0] == key and data[1] is None:  # a broken file: its problems, until it changes
            return None, list(data[2])
        if data[0] == key:
            _, topic, title, description, file, rows = data
            return Bank(topic, title, description, file, tuple(Question(*row) for row in rows)), []
    except (OSError, ValueError, EOFError, TypeError, IndexError):
        pass  # no cache entry, or a damaged one: parse again
    from prepcli.banks.loader import load_bank_file

    bank, problems = load_bank_file(path)
    if bank is not None:
        rows = [tuple(getattr(q, f) for f in _FIELDS) for q in bank.questions]
        record: tuple[Any, ...] = (key, bank.topic, bank.title, bank.description, bank.file, rows)
    else:
        record = (key, None, tuple(problems))
    try:
        cache.mkdir(parents=True, exist_ok=True)
        tmp = entry.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(record))
        os.replace(tmp, entry)
    except (OSError, ValueError):
        pass  # a read-only data dir only costs speed
    return bank, problems
