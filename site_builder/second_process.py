"""One piece of work done in a second process while this one goes on: two cores, two halves.

The process is forked, so it shares what this one has already computed (the catalogue)
without copying it through a pipe; only a failure's message comes back. Where the system
cannot fork, the work is done here, when it is waited for: slower, same result.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess


class SecondProcessError(Exception):
    """The work failed in the second process; the message is its error, ``details`` its trace."""

    def __init__(self, message: str, details: str = "") -> None:
        super().__init__(message)
        self.details = details


def _run(work: Callable[[], object], report: Connection) -> None:
    try:
        work()
    except BaseException as error:  # the parent decides; nothing must escape unreported
        report.send((f"{type(error).__name__}: {error}", traceback.format_exc()))
    else:
        report.send(None)
    finally:
        report.close()


class SecondProcess:
    def __init__(self, work: Callable[[], object]) -> None:
        self._work = work
        self._process: BaseProcess | None = None
        self._result: Connection | None = None
        self._done_here = False

    @staticmethod
    def can_fork() -> bool:
        return "fork" in multiprocessing.get_all_start_methods()

    def start(self) -> None:
        """Begin the work in a second process (at once), or leave it for ``wait`` when forking is not possible."""
        if self._process is not None or not self.can_fork():
            return
        context = multiprocessing.get_context("fork")
        self._result, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(self._work, sender), daemon=True)
        self._process.start()
        sender.close()

    def running(self) -> bool:
        """Whether the work is still going on in the second process."""
        return self._process is not None and self._process.is_alive()

    def wait(self) -> None:
        """Return once the work is done; raise ``SecondProcessError`` if it failed."""
        if self._process is None:
            if not self._done_here:
                self._done_here = True
                self._work()
            return
        assert self._result is not None
        try:
            message = self._result.recv()
        except EOFError:  # the process died without a word (killed, out of memory)
            message = "le second processus s'est arrêté sans rendre compte"
        self._process.join()
        self._result.close()
        if message is None and self._process.exitcode != 0:
            message = f"le second processus s'est terminé avec le code {self._process.exitcode}"
        if isinstance(message, tuple):
            raise SecondProcessError(*message)
        if message is not None:
            raise SecondProcessError(message)

    def cancel(self) -> None:
        """Stop the work if it is still running (the caller is giving up)."""
        if self._process is not None and self._process.is_alive():
            self._process.kill()
            self._process.join()
        self._done_here = True
