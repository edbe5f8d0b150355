"""The second process of the build: work done beside, its failures reported, stopped on demand."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from site_builder.second_process import SecondProcess, SecondProcessError


def _write_pid(target: Path) -> None:
    target.write_text(str(os.getpid()), encoding="utf-8")


def test_work_runs_in_another_process_and_is_waited_for(tmp_path: Path) -> None:
    target = tmp_path / "pid"
    second = SecondProcess(lambda: _write_pid(target))
    second.start()
    second.wait()
    assert int(target.read_text(encoding="utf-8")) != os.getpid()


def test_a_failure_comes_back_with_its_message() -> None:
    def fail() -> None:
        raise ValueError("fiche illisible")

    second = SecondProcess(fail)
    second.start()
    with pytest.raises(SecondProcessError, match="ValueError: fiche illisible"):
        second.wait()


def test_a_process_that_dies_silently_is_a_failure() -> None:
    second = SecondProcess(lambda: os._exit(3))
    second.start()
    with pytest.raises(SecondProcessError, match="sans rendre compte"):
        second.wait()


def test_cancel_stops_work_in_progress(tmp_path: Path) -> None:
    target = tmp_path / "trop-tard"

    def slow() -> None:
        time.sleep(30)
        target.write_text("écrit", encoding="utf-8")

    second = SecondProcess(slow)
    second.start()
    started = time.monotonic()
    second.cancel()
    assert time.monotonic() - started < 10
    assert not target.exists()


def test_without_fork_the_work_is_done_in_place_when_waited_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(SecondProcess, "can_fork", staticmethod(lambda: False))
    target = tmp_path / "pid"
    second = SecondProcess(lambda: _write_pid(target))
    second.start()
    assert not target.exists()
    second.wait()
    second.wait()  # once only
    assert int(target.read_text(encoding="utf-8")) == os.getpid()
