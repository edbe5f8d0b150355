from __future__ import annotations

import os
import time
from pathlib import Path

from site_builder.load import MAX_BYTES, MAX_DEPTH, load_file, loads, post_files


def test_scalars_stay_text() -> None:
    text = "departement: 01\ncommune: 01053\ntelephone: 0474000000\nplages: [09:00-12:00]\nvu: no\nvide:\nnul: ~\n"
    document, problems = loads(text, "f.yml")
    assert problems == []
    assert document is not None
    assert document.data == {
        "departement": "01",
        "commune": "01053",
        "telephone": "0474000000",
        "plages": ["09:00-12:00"],
        "vu": "no",
        "vide": None,
        "nul": None,
    }


def test_marks_point_at_values_and_keys() -> None:
    document, _ = loads("id: a\npermanences:\n  - lieu:\n      nom: B\n", "f.yml")
    assert document is not None
    mark = document.mark(("permanences", 0, "lieu", "nom"))
    assert (mark.line, mark.column) == (4, 12)
    key = document.mark(("permanences", 0, "lieu", "nom"), key=True)
    assert (key.line, key.column) == (4, 7)
    # A missing field is placed at its closest ancestor.
    assert document.mark(("permanences", 0, "lieu", "type")).line == 4


def test_oversized_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    big = tmp_path / "gros.yml"
    big.write_bytes(b"a: " + b"x" * (MAX_BYTES * 3) + b"\n")
    document, problems = load_file(big, "gros.yml")
    assert document is None
    assert [p.code for p in problems] == ["E101"]
    assert "limite" in problems[0].message


def test_unreadable_path_is_a_problem(tmp_path: Path) -> None:
    document, problems = load_file(tmp_path / "absent.yml", "absent.yml")
    assert document is None
    assert problems[0].code == "E101"


def test_deep_nesting_is_refused_at_once_without_recursion() -> None:
    for text in (
        "a: " + "[" * 100_000 + "]" * 100_000 + "\n",
        "a:\n" + "".join("  " * i + "- \n" for i in range(1, 60)),
    ):
        started = time.perf_counter()
        document, problems = loads(text, "f.yml")
        assert time.perf_counter() - started < 0.5
        assert document is None
        assert [p.code for p in problems] == ["E108"]


def test_the_format_nests_far_less_than_the_limit() -> None:
    text = "permanences:\n  - lieu:\n      position: [1, 2]\n    horaires:\n      - jours: [lundi]\n"
    document, problems = loads(text, "f.yml")
    assert problems == []
    assert document is not None
    assert MAX_DEPTH >= 2 * 6


def test_aliases_expand_with_their_own_marks() -> None:
    document, problems = loads("a: &a [x, {k: v}]\nb: [*a, *a]\n", "f.yml")
    assert problems == []
    assert document is not None
    assert document.data == {"a": ["x", {"k": "v"}], "b": [["x", {"k": "v"}], ["x", {"k": "v"}]]}
    assert document.mark(("b", 1, 1, "k")).line == 1


def test_a_list_as_key_is_refused_and_later_keys_still_checked() -> None:
    _, problems = loads("? [a]\n: b\nc: d\nc: e\n", "f.yml")
    assert [(p.line, p.code) for p in problems] == [(1, "E205"), (4, "E105")]


def test_symbolic_links_are_refused_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yml"
    secret.write_text("id: SECRET\n", encoding="utf-8")
    postes = tmp_path / "data" / "postes" / "25"
    postes.mkdir(parents=True)
    (postes / "lien.yml").symlink_to(secret)
    (postes.parent / "39").symlink_to(tmp_path)
    files = list(post_files(tmp_path / "data"))
    assert [f.name for f in files] == ["lien.yml", "39"]
    for file in files:
        document, problems = load_file(file, file.name)
        assert document is None
        assert [p.code for p in problems] == ["E109"]
        assert "SECRET" not in problems[0].message


def test_special_files_are_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "tube.yml"
    os.mkfifo(fifo)
    document, problems = load_file(fifo, "tube.yml")  # opening a FIFO to read would wait forever
    assert document is None
    assert [p.code for p in problems] == ["E109"]


def test_hidden_files_are_not_posts(tmp_path: Path) -> None:
    folder = tmp_path / "postes" / "25"
    folder.mkdir(parents=True)
    (folder / ".import-x.yml").write_text("id: x\n", encoding="utf-8")
    (folder / "poste-25.yml").write_text("id: x\n", encoding="utf-8")
    (tmp_path / "postes" / ".git").mkdir()
    (tmp_path / "postes" / ".git" / "a.yml").write_text("id: x\n", encoding="utf-8")
    assert [f.name for f in post_files(tmp_path)] == ["poste-25.yml"]
