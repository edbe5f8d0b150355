"""Writing many post files as one: all of them, or none, even if the process is killed.

``iscg import --write`` first writes every new file, and the list of files to remove (a post
moved to another département leaves its old folder), into ``data/.import-en-cours/`` beside the
posts; the last step of that preparation renames ``liste.tmp`` to ``liste``, which says the
journal is complete. Only then are files put in place, and the journal removed. Whoever reads
the data next (validate, build, import) first calls ``recover``: a complete journal is applied
to the end, an incomplete one thrown away. So the posts are always the old set or the new one.
Hidden files and folders (``.import-en-cours``) are never read as posts.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

FOLDER = ".import-en-cours"


def _folder(data_dir: Path) -> Path:
    return data_dir / FOLDER


def _fsync(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def write_all(data_dir: Path, files: dict[Path, str], remove: list[Path]) -> None:
    """Put ``files`` (path → text) in place and remove ``remove``, as one change."""
    journal = _folder(data_dir)
    shutil.rmtree(journal, ignore_errors=True)
    journal.mkdir(parents=True)
    entries = []
    for number, (target, text) in enumerate(sorted(files.items())):
        staged = journal / f"{number}.yml"
        staged.write_text(text, encoding="utf-8")
        _fsync(staged)
        entries.append({"fichier": staged.name, "cible": str(target.relative_to(data_dir))})
    listing = {"ecrire": entries, "supprimer": [str(p.relative_to(data_dir)) for p in sorted(remove)]}
    pending = journal / "liste.tmp"
    pending.write_text(json.dumps(listing, ensure_ascii=False, indent=1), encoding="utf-8")
    _fsync(pending)
    pending.replace(journal / "liste")  # from here on, the change will be made whatever happens
    _apply(data_dir)


def _apply(data_dir: Path) -> None:
    journal = _folder(data_dir)
    listing = json.loads((journal / "liste").read_text(encoding="utf-8"))
    for entry in listing["ecrire"]:
        staged, target = journal / entry["fichier"], data_dir / entry["cible"]
        if staged.exists():  # else already moved by an earlier, interrupted run
            target.parent.mkdir(parents=True, exist_ok=True)
            staged.replace(target)
    for name in listing["supprimer"]:
        (data_dir / name).unlink(missing_ok=True)
        folder = (data_dir / name).parent
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    shutil.rmtree(journal, ignore_errors=True)


def recover(data_dir: Path) -> bool:
    """Finish or undo an import that was interrupted; whether there was one."""
    journal = _folder(data_dir)
    if not journal.is_dir():
        return False
    if (journal / "liste").is_file():
        _apply(data_dir)
    else:
        shutil.rmtree(journal, ignore_errors=True)
    return True
