from __future__ import annotations

from pathlib import Path

from site_builder.load import MAX_BYTES, load_file, loads


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
