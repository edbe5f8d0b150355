"""The engine's input folder brought up to date in place: unchanged files untouched, stale ones gone."""

from __future__ import annotations

from pathlib import Path

from site_builder.folders import NewFolder, SyncedFolder


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_fresh_writes_text_and_bytes_and_copies_folders(tmp_path: Path) -> None:
    source = tmp_path / "source"
    (source / "sous").mkdir(parents=True)
    (source / "sous" / "b.css").write_bytes(b"b{}")
    out = NewFolder(tmp_path / "out")
    out.put("postes/x.md", "é")
    out.put("postes/x/calendrier.ics", b"BEGIN")
    out.copy(source, "assets")
    out.copy(source / "sous" / "b.css", "seul.css")
    assert _files(tmp_path / "out") == {
        "assets/sous/b.css": b"b{}",
        "postes/x.md": "é".encode(),
        "postes/x/calendrier.ics": b"BEGIN",
        "seul.css": b"b{}",
    }


def test_refresh_touches_only_what_changed_and_removes_the_rest(tmp_path: Path) -> None:
    root = tmp_path / "generated"
    first = SyncedFolder(root)
    for name in ["garde.md", "change.md", "ancien/page.md", "ancien/plus/rien.md"]:
        first.put(name, f"contenu de {name}")
    first.finish()
    kept = (root / "garde.md").stat()

    second = SyncedFolder(root)
    second.put("garde.md", "contenu de garde.md")
    second.put("change.md", "nouveau")
    second.put("nouveau/page.md", "neuf")
    second.finish()

    assert _files(root) == {"garde.md": b"contenu de garde.md", "change.md": b"nouveau", "nouveau/page.md": b"neuf"}
    assert not (root / "ancien").exists()  # emptied folders go too
    after = (root / "garde.md").stat()
    assert (after.st_ino, after.st_mtime_ns) == (kept.st_ino, kept.st_mtime_ns)
    assert second.written == 2


def test_refresh_replaces_a_file_by_a_folder_and_the_reverse(tmp_path: Path) -> None:
    root = tmp_path / "generated"
    root.mkdir()
    (root / "postes").write_text("un fichier là où il faut un dossier", encoding="utf-8")
    (root / "lieux" / "x").mkdir(parents=True)
    (root / "lieux" / "x" / "index.md").write_text("ancienne forme", encoding="utf-8")
    out = SyncedFolder(root)
    out.put("postes/a.md", "a")
    out.put("lieux/x", "un fichier là où était un dossier")
    out.finish()
    assert _files(root) == {"postes/a.md": b"a", "lieux/x": "un fichier là où était un dossier".encode()}


def test_refresh_of_a_missing_folder_creates_it(tmp_path: Path) -> None:
    out = SyncedFolder(tmp_path / "absent" / "generated")
    out.finish()  # nothing put, nothing there: no error
    out.put("index.md", "accueil")
    out.finish()
    assert _files(tmp_path / "absent" / "generated") == {"index.md": b"accueil"}
