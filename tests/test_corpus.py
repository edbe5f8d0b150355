"""Each folder of tests/corpus is a data folder with its expected report (attendu.txt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.referentiels import Referentiels
from site_builder.report import format_text, visible
from site_builder.validation import validate
from tests.conftest import TODAY, assert_golden

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(p for p in CORPUS.iterdir() if p.is_dir())


def test_corpus_is_large_enough() -> None:
    bad = [case for case in CASES if not case.name.startswith("valide")]
    assert len(bad) >= 30


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_report_matches_golden(case: Path, monkeypatch: pytest.MonkeyPatch, referentiels: Referentiels) -> None:
    monkeypatch.chdir(case)
    result = validate(Path(), TODAY, referentiels)
    assert_golden(case / "attendu.txt", format_text(result.report))
    if case.name.startswith("valide"):
        assert not result.report.problems
    else:
        assert result.report.problems, "a bad file must yield at least one problem"


def test_reports_never_print_raw_control_characters() -> None:
    """Values are shown with their control characters escaped: a report cannot drive a terminal."""
    for case in CASES:
        text = (case / "attendu.txt").read_text(encoding="utf-8")
        assert visible(text.replace("\n", "")) == text.replace("\n", ""), case.name


def test_a_linked_file_is_neither_followed_nor_printed() -> None:
    report = (CORPUS / "lien-symbolique" / "attendu.txt").read_text(encoding="utf-8")
    assert "SECRET" not in report
    assert report.count("E109") == 2  # the linked file and the linked folder
