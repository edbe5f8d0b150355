"""Publishing a built folder so that no moment ever shows half a site, or none.

The published path (``site/``) is a symbolic link to the folder of the build that made it
(``.site-construction-XXXX`` beside it). A new build writes a folder of its own there, then
points a new link at it and renames that link over ``site/``: one ``rename``, atomic on POSIX
file systems, so a reader (``iscg serve``, a web server, the Pages upload) sees either the old
site or the new one, whatever moment a build is killed at (power cut, ``kill -9``). Folders and
links that a killed build left behind are removed by the next one.

Two builds of the same site take turns (a lock beside it): the second waits, and says so.
Builds of different sites share nothing: each has its own engine input folder.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path


def _prefix(site_dir: Path) -> str:
    return f".{site_dir.name}-construction-"


def _link_prefix(site_dir: Path) -> str:
    return f".{site_dir.name}-lien-"


def source_folder(site_dir: Path) -> Path:
    """The engine's input for this site: its own, kept between builds (unchanged files stay)."""
    return site_dir.parent / f".{site_dir.name}-source"


def new_folder(site_dir: Path) -> Path:
    """An empty folder beside the site, for a build to write into."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=_prefix(site_dir), dir=site_dir.parent))


def _current(site_dir: Path) -> Path | None:
    if site_dir.is_symlink():
        return (site_dir.parent / site_dir.readlink()).resolve()
    return None


def remove_leftovers(site_dir: Path, keep: Path | None = None) -> None:
    """Folders and links of earlier, killed builds: neither the published one nor ``keep``."""
    current = _current(site_dir)
    if not site_dir.parent.is_dir():
        return
    for entry in site_dir.parent.iterdir():
        if entry.name.startswith(_link_prefix(site_dir)) and entry.is_symlink():
            entry.unlink(missing_ok=True)
        elif entry.name.startswith(_prefix(site_dir)) and not entry.is_symlink() and entry.is_dir():
            resolved = entry.resolve()
            if resolved not in (current, keep.resolve() if keep else None):
                shutil.rmtree(entry, ignore_errors=True)


def publish(built: Path, site_dir: Path, *, remove_later: bool = False) -> None:
    """Make ``built`` (a folder beside ``site_dir``) the published site, in one rename; the site
    it replaces is removed, here or (``remove_later``) by a process of its own."""
    built.chmod(0o755)
    previous = _current(site_dir)
    link = Path(tempfile.mktemp(prefix=_link_prefix(site_dir), dir=site_dir.parent))
    link.symlink_to(built.name)
    if site_dir.exists() and not site_dir.is_symlink():
        # A site published before links were used: moved aside once, then replaced.
        aside = new_folder(site_dir)
        aside.rmdir()
        site_dir.rename(aside)
        previous = aside
    link.replace(site_dir)  # rename(2): atomic
    if previous is not None and previous != built.resolve():
        if remove_later:
            _remove_in_background(previous)
        else:
            shutil.rmtree(previous, ignore_errors=True)


def _remove_in_background(folder: Path) -> None:
    """Remove a folder no one serves any more without waiting for it (thousands of files: seconds):
    a grandchild process does it, so that no child is left to reap. One cut short (the machine
    stopped) is a leftover, which the next build removes (``remove_leftovers``)."""
    if not hasattr(os, "fork"):
        shutil.rmtree(folder, ignore_errors=True)
        return
    child = os.fork()
    if child == 0:  # pragma: no cover - in the child
        try:
            if os.fork() == 0:
                # Nothing of the build kept open: not its lock (the next build would wait for
                # this removal), not the pipes of whoever reads its output.
                os.closerange(0, 65536)
                shutil.rmtree(folder, ignore_errors=True)
        finally:
            os._exit(0)
    os.waitpid(child, 0)


@contextlib.contextmanager
def exclusive(site_dir: Path, waiting: Callable[[str], None] | None = None) -> Iterator[None]:
    """One build of ``site_dir`` at a time: a second one waits for the first, and says so."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    lock = site_dir.parent / f".verrou-{site_dir.name}"
    with lock.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting is not None:
                waiting(f"une autre construction de {site_dir} est en cours : celle-ci attend qu'elle finisse")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
