"""Sources are shown as titles a person can read, through the one registry (questions/sources.yaml)."""

from __future__ import annotations

import re

from prephelp import ROOT

from prepcli.banks.catalog import load_catalog
from prepcli.banks.sources import cite, cite_all, is_shipped_source, load_titles

TITLES = load_titles(ROOT / "questions" / "sources.yaml")


def test_titles_read_like_references() -> None:
    titles = {"arXiv:1708.02002": "Focal Loss for Dense Object Detection",
              "arXiv:1506.01497": "Faster R-CNN (two-stage)",
              "000_af215614a78a2d46.txt": "prep's Russian interview notes"}
    assert cite("arXiv:1708.02002", titles) == "Focal Loss for Dense Object Detection (arXiv:1708.02002)"
    assert cite("arXiv:1506.01497", titles) == "Faster R-CNN (two-stage, arXiv:1506.01497)"
    assert cite("000_af215614a78a2d46.txt", titles) == "prep's Russian interview notes"


def test_a_note_file_is_never_shown_by_its_name() -> None:
    assert cite("009_0123456789abcdef.txt", {}) == "prep's interview notes"


def test_user_text_and_unknown_ids_are_shown_as_written() -> None:
    assert cite("my lecture notes, week 3", TITLES) == "my lecture notes, week 3"
    assert cite("arXiv:9999.99999", {}) == "arXiv:9999.99999"


def test_two_note_files_with_one_title_are_cited_once() -> None:
    titles = {"000_af215614a78a2d46.txt": "the notes", "001_26d17efa2587ae67.txt": "the notes"}
    assert cite_all(("000_af215614a78a2d46.txt", "001_26d17efa2587ae67.txt"), titles) == ["the notes"]


def test_the_registry_covers_every_source_a_shipped_question_cites() -> None:
    catalog = load_catalog(shipped=ROOT / "questions", user_dirs=[], cache=ROOT / ".pytest_cache" / "banks")
    cited = {s for q in catalog.all_questions() for s in q.source}
    assert sorted(s for s in cited if not is_shipped_source(s)) == []
    assert sorted(cited - set(TITLES)) == [], "add a title to questions/sources.yaml"
    for s in cited:
        shown = cite(s, TITLES)
        assert not re.search(r"\d{3}_[0-9a-f]{16}\.txt", shown) and len(shown) > len("arXiv:") + 12, s


def test_the_registry_keys_are_source_forms() -> None:
    bad = [k for k in TITLES if not is_shipped_source(k)]
    assert bad == [], bad


def test_the_source_registry_names_each_source_once() -> None:
    # YAML keeps the last of two equal keys silently; merged edits must not leave two titles
    import re
    from collections import Counter

    from prephelp import ROOT

    keys = [m.group(1).strip('"') for line in (ROOT / "questions" / "sources.yaml").read_text().splitlines()
            if (m := re.match(r'^  ("[^"]+"|\S+?):\s', line))]
    assert len(keys) > 300
    assert [k for k, n in Counter(keys).items() if n > 1] == []
