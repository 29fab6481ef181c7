"""`prep export --anki`: a real .apkg (a zip holding Anki's SQLite collection), read back."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

from prephelp import run_prep

from prepcli.anki import note_guid


def _notes(apkg: Path, tmp: Path) -> tuple[list[tuple[str, str]], dict[str, str]]:
    with zipfile.ZipFile(apkg) as z:
        z.extract("collection.anki2", tmp)
    conn = sqlite3.connect(tmp / "collection.anki2")
    notes = conn.execute("SELECT guid, flds FROM notes").fetchall()
    decks = json.loads(conn.execute("SELECT decks FROM col").fetchone()[0])
    conn.close()
    return notes, {v["name"]: k for k, v in decks.items()}


def test_anki_export_has_one_deck_per_topic_and_stable_guids(prep_home: Path, tmp_path: Path) -> None:
    apkg = tmp_path / "prep.apkg"
    r = run_prep("export", "--anki", str(apkg), "--topic", "tiny")
    assert r.returncode == 0, r.stderr
    assert "Wrote 5 notes in 1 deck to" in r.stdout
    notes, decks = _notes(apkg, tmp_path)
    assert "prep::A tiny bank for tests" in decks
    by_id = {flds.split("\x1f")[0]: (guid, flds) for guid, flds in notes}
    assert set(by_id) == {"tiny-mcq", "tiny-multi", "tiny-numeric", "tiny-short", "tiny-open"}
    for qid, (guid, _) in by_id.items():
        assert guid == note_guid(qid)
    # the parametric question is exported with its first values and the answer for them
    _, front, back = by_id["tiny-numeric"][1].split("\x1f")
    assert "224x224" in front and "{s}" not in front and ">196<" in back
    _, front, back = by_id["tiny-mcq"][1].split("\x1f")
    assert "<li>NMS</li>" in front and "(a) NMS" in back and "Non-maximum suppression" in back
    # a second export writes the same GUIDs: Anki updates the notes instead of duplicating them
    again = tmp_path / "again.apkg"
    run_prep("export", "--anki", str(again), "--topic", "tiny")
    notes2, _ = _notes(again, tmp_path / "x")
    assert sorted(g for g, _ in notes2) == sorted(g for g, _ in notes)


def test_anki_export_of_the_shipped_banks_uses_mathjax(prep_home: Path, tmp_path: Path) -> None:
    apkg = tmp_path / "all.apkg"
    r = run_prep("export", "--anki", str(apkg))
    assert r.returncode == 0, r.stderr
    notes, decks = _notes(apkg, tmp_path)
    assert len(decks) >= 10  # one per topic (and Anki's Default)
    fields = [f for _, f in notes]
    assert any("\\(" in f for f in fields)
    assert not any("$" in f.replace("\\$", "") for f in fields if "\\(" in f)
    assert len({g for g, _ in notes}) == len(notes)  # ids are unique, so are GUIDs


def test_export_needs_a_target(prep_home: Path, tmp_path: Path) -> None:
    r = run_prep("export")
    assert r.returncode == 2 and "--anki FILE.apkg" in r.stderr
    r = run_prep("export", "--anki", str(tmp_path / "x.apkg"), "--topic", "detectoin")
    assert r.returncode == 2 and "Did you mean `detection`" in r.stderr
