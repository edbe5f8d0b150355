"""Where the build writes files: a new folder, or one brought up to date in place.

``NewFolder`` writes into a new folder (the static half of the site). ``SyncedFolder`` brings an
existing folder (the engine's input, ``.site-source``) to exactly the files put into it: a file whose bytes did
not change is left alone, and ``finish`` removes whatever was not put. A rebuild after editing
one post rewrites a few files, not thousands, and deletes nothing it would write again.
"""

from __future__ import annotations

import shutil
from pathlib import Path


class NewFolder:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._folders: set[Path] = set()  # made already: one system call fewer per file

    def folder(self, path: Path) -> None:
        if path not in self._folders:
            path.mkdir(parents=True, exist_ok=True)
            self._folders.add(path)

    def put(self, relative: str, content: str | bytes) -> None:
        target = self.root / relative
        self.folder(target.parent)
        target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)

    def copy(self, source: Path, relative: str) -> None:
        """A file, or a folder's files, from the package."""
        if source.is_dir():
            for file in sorted(source.rglob("*")):
                if file.is_file():
                    self.put((Path(relative) / file.relative_to(source)).as_posix(), file.read_bytes())
        else:
            self.put(relative, source.read_bytes())


class SyncedFolder(NewFolder):
    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.written = 0
        self._kept: set[Path] = set()

    def folder(self, path: Path) -> None:
        if path in self._folders:
            return
        if not path.is_dir():
            for parent in [*reversed(path.relative_to(self.root).parents), path.relative_to(self.root)]:
                step = self.root / parent
                if step.exists() and not step.is_dir():  # a file where a folder is now needed
                    step.unlink()
            path.mkdir(parents=True, exist_ok=True)
        self._folders.add(path)

    def put(self, relative: str, content: str | bytes) -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        target = self.root / relative
        self._kept.add(target)
        self.folder(target.parent)
        if target.is_dir():  # a folder where a file is now needed
            shutil.rmtree(target)
        elif target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
            return
        target.write_bytes(data)
        self.written += 1

    def keep(self, relative: str) -> None:
        """A file another process put there: ``finish`` leaves it."""
        self._kept.add(self.root / relative)

    def finish(self) -> None:
        """Remove every file that was not put, then the folders left empty."""
        if not self.root.is_dir():
            return
        for path in sorted(self.root.rglob("*"), reverse=True):  # children before their folder
            if path.is_dir() and not path.is_symlink():
                if not any(path.iterdir()):
                    path.rmdir()
            elif path not in self._kept:
                path.unlink()
