"""YAML that never guesses: every scalar stays text, every value keeps its line and column.

PyYAML's ``safe_load`` turns ``01000`` into 512, ``14:00`` into 840 and ``no`` into False,
and keeps the last of two duplicate keys. Here the document is only *composed* (parsed into
nodes that carry their marks), then converted by hand: plain ``~``/``null``/empty become
None, everything else stays a string; duplicate keys, explicit tags, runaway aliases,
oversized or badly encoded files are problems, never tracebacks.
"""

from __future__ import annotations

import copy
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml

from site_builder.report import Problem

MAX_BYTES = 1 << 20  # a post file is a few kilobytes; a megabyte is a mistake or an attack
MAX_NODES = 50_000  # values once aliases are expanded
MAX_DEPTH = 12  # a post nests lists and dictionaries 6 deep (permanences[0].horaires[0].jours)

Loc = tuple[str | int, ...]

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc]
    """Resolves nothing but null: ``01000``, ``14:00``, ``no`` and ``2024-01-03`` stay text."""


_Loader.yaml_implicit_resolvers = {}
_Loader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])

_STR, _NULL = "tag:yaml.org,2002:str", "tag:yaml.org,2002:null"
_SEQ, _MAP = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"

# PyYAML's messages, in the maintainers' language, with the likely cause.
_SYNTAX_MESSAGES = [
    ("mapping values are not allowed", "« : » inattendu ; une valeur qui contient « : » s'écrit entre guillemets"),
    ("could not find expected ':'", "« : » attendu après la clé (guillemet non fermé ou indentation ?)"),
    ("that cannot start any token", "caractère inattendu en début de valeur (tabulation ? indentez avec des espaces)"),
    ("found undefined alias", "alias « * » qui ne renvoie à aucune ancre « & »"),
    ("expected a single document", "un seul document YAML attendu par fichier (« --- » en trop)"),
    ("found unexpected end of stream", "fin de fichier inattendue (guillemet ou crochet non fermé ?)"),
    ("did not find expected key", "clé attendue : l'indentation de cette ligne est incorrecte"),
    ("did not find expected '-' indicator", "élément de liste « - » attendu : l'indentation est incorrecte"),
    ("expected <block end>", "indentation incorrecte"),
    ("did not find expected ',' or ']'", "« , » ou « ] » attendu dans la liste entre crochets"),
    ("did not find expected ',' or '}'", "« , » ou « } » attendu dans le dictionnaire entre accolades"),
    ("found another document", "un seul document YAML attendu par fichier (« --- » en trop)"),
    (
        "unacceptable character",
        "caractère de contrôle interdit dans le fichier (copié depuis un traitement de texte ?)",
    ),
    ("found unknown escape character", "séquence d'échappement inconnue entre guillemets doubles"),
]


@dataclass(frozen=True)
class Mark:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class Document:
    """A loaded file: plain data (dicts, lists, str, None) and where each value stands."""

    path: str
    data: dict[str, Any]
    marks: dict[Loc, Mark] = field(default_factory=dict)
    key_marks: dict[Loc, Mark] = field(default_factory=dict)

    def mark(self, loc: Loc, *, key: bool = False) -> Mark:
        """Where ``loc`` stands, or its closest ancestor that does (a missing field's parent)."""
        table = self.key_marks if key else self.marks
        for end in range(len(loc), 0, -1):
            prefix = tuple(loc[:end])
            if prefix in table:
                return table[prefix]
            if prefix in self.marks:
                return self.marks[prefix]
        return self.marks.get((), Mark(1, 1))

    def problem(self, loc: Loc, code: str, message: str, *, key: bool = False) -> Problem:
        mark = self.mark(loc, key=key)
        return Problem(self.path, mark.line, mark.column, code, message)


def _short(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def _mark(event: yaml.Event) -> Mark:
    start: Any = event.start_mark  # the parser always sets it
    return Mark(start.line + 1, start.column + 1)


class _TooLarge(Exception):
    def __init__(self, event: yaml.Event, code: str, message: str) -> None:
        self.event = event
        self.code = code
        self.message = message


@dataclass
class _Collection:
    """A list or a dictionary being filled, event after event."""

    loc: Loc
    value: list[Any] | dict[str, Any]
    key: str | None = None  # a dictionary's key waiting for its value
    skip: bool = False  # the value after a refused key is read, then dropped
    is_key: bool = False  # a list or dictionary written as a key: refused, then dropped
    seen: dict[str, Mark] = field(default_factory=dict)


class _Converter:
    """Turns the parser's events into plain data and marks, without recursion.

    PyYAML's composer (C or Python) builds nodes recursively: a value nested 10 000 levels
    deep ends in a RecursionError, or a crash of the C stack. Reading events with an explicit
    stack lets the depth be refused at once, as soon as it goes beyond what the format needs.
    Aliases are expanded by replaying the events of their anchor, counted against MAX_NODES.
    """

    def __init__(self, loader: Any, path: str) -> None:
        self.loader = loader
        self.path = path
        self.marks: dict[Loc, Mark] = {}
        self.key_marks: dict[Loc, Mark] = {}
        self.problems: list[Problem] = []
        self.count = 0
        self.anchors: dict[str, list[yaml.Event]] = {}
        self.recording: dict[str, tuple[list[yaml.Event], int]] = {}  # open anchors: events, depth
        self.pending: list[yaml.Event] = []  # replayed events, next one last
        self.stack: list[_Collection] = []
        self.root: Any = None
        self.done = False
        self.replaying = False

    def fail(self, event: yaml.Event, code: str, message: str) -> None:
        mark = _mark(event)
        self.problems.append(Problem(self.path, mark.line, mark.column, code, message))

    def _next(self) -> yaml.Event:
        self.replaying = bool(self.pending)
        if self.pending:
            return self.pending.pop()
        event: yaml.Event = self.loader.get_event()
        for events, _ in self.recording.values():
            events.append(event)
        return event

    def run(self) -> Any:
        """The document's root value; None when the stream holds no document."""
        found = False
        while True:
            event = self._next()
            if isinstance(event, yaml.StreamEndEvent):
                return self.root if found else _NO_DOCUMENT
            if isinstance(event, yaml.DocumentStartEvent):
                if found:
                    raise yaml.composer.ComposerError(
                        "expected a single document in the stream", None, "but found another document",
                        cast(Any, event.start_mark),
                    )  # fmt: skip
                found = True
                self.done = False
                while not self.done:
                    self._step(self._next())

    def _loc(self) -> Loc | None:
        """Where the next value goes; None for a dictionary key."""
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.value, list):
            return (*top.loc, len(top.value))
        return None if top.key is None and not top.skip else (*top.loc, top.key or "\x00")

    def _step(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.AliasEvent):
            self._alias(event)
            return
        if isinstance(event, yaml.CollectionEndEvent):
            self._end()
            return
        if isinstance(event, yaml.DocumentEndEvent):
            return
        assert isinstance(event, yaml.NodeEvent)
        loc = self._loc()
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLarge(
                event,
                "E107",
                f"alias YAML trop étendus (plus de {MAX_NODES} valeurs une fois développés) : "
                "écrivez les valeurs en clair",
            )
        anchor = getattr(event, "anchor", None)
        if isinstance(event, yaml.ScalarEvent):
            if anchor is not None and not self.replaying:
                self.anchors[anchor] = [event]
            tag = event.tag
            if tag is None or tag == "!":
                tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
            if loc is None:  # a dictionary's key
                self._key(event, tag)
                return
            self.marks[loc] = _mark(event)
            if tag == _NULL:
                self._value(None)
            elif tag != _STR:
                self.fail(event, "E106", f"étiquette YAML « {_short(tag)} » refusée : écrivez la valeur sans étiquette")
                self._value(None)
            else:
                self._value(event.value)
            return
        assert isinstance(event, yaml.CollectionStartEvent)
        if len(self.stack) >= MAX_DEPTH:
            raise _TooLarge(
                event,
                "E108",
                f"listes et dictionnaires imbriqués sur plus de {MAX_DEPTH} niveaux, bien au-delà de ce que demande "
                "une fiche (crochets « [ » ou tirets « - » en trop ?) ; lecture arrêtée ici",
            )
        if anchor is not None and not self.replaying:
            self.recording[anchor] = ([event], len(self.stack))
        sequence = isinstance(event, yaml.SequenceStartEvent)
        tag = event.tag
        if tag is None or tag == "!":
            tag = _SEQ if sequence else _MAP
        is_key = loc is None
        if loc is None:
            self.fail(event, "E205", "une clé doit être un simple mot, pas une liste ni un dictionnaire")
            loc = (*self.stack[-1].loc, "\x00")
        else:
            self.marks[loc] = _mark(event)
        if tag != (_SEQ if sequence else _MAP):
            self.fail(event, "E106", f"étiquette YAML « {_short(tag)} » refusée")
        self.stack.append(_Collection(loc, [] if sequence else {}, is_key=is_key))

    def _key(self, event: yaml.ScalarEvent, tag: str) -> None:
        top = self.stack[-1]
        if tag not in (_STR, _NULL):
            self.fail(event, "E205", "une clé doit être un simple mot, pas une liste ni un dictionnaire")
            top.skip = True
            return
        key = event.value
        if key in top.seen:
            first = top.seen[key]
            self.fail(
                event,
                "E105",
                f"clé « {key} » en double (déjà définie ligne {first.line}) ; YAML garderait la dernière sans le dire",
            )
            top.skip = True
            return
        top.seen[key] = _mark(event)
        self.key_marks[(*top.loc, key)] = _mark(event)
        top.key = key

    def _end(self) -> None:
        finished = self.stack.pop()
        for anchor, (events, depth) in list(self.recording.items()):
            if depth == len(self.stack):
                self.anchors[anchor] = events
                del self.recording[anchor]
        if finished.is_key:
            self.stack[-1].skip = True  # and its value is dropped with it
            return
        self._value(finished.value)

    def _value(self, value: Any) -> None:
        if not self.stack:
            self.root = value
            self.done = True
            return
        top = self.stack[-1]
        if isinstance(top.value, list):
            top.value.append(value)
        elif top.skip:
            top.skip = False
        else:
            assert top.key is not None
            top.value[top.key] = value
            top.key = None

    def _alias(self, event: yaml.AliasEvent) -> None:
        anchor = event.anchor
        if anchor in self.recording:
            raise _TooLarge(
                event, "E107", "alias YAML récursif : une valeur se contient elle-même ; écrivez les valeurs en clair"
            )
        if anchor not in self.anchors:
            raise yaml.composer.ComposerError(
                None, None, f"found undefined alias {anchor!r}", cast(Any, event.start_mark)
            )
        events = self.anchors[anchor]
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.value, dict) and top.key is None and not top.skip:
            self.fail(event, "E205", "une clé doit être un simple mot, pas un alias")
            top.skip = True
            return
        # The first event of the anchor is replayed without its anchor, so it is not redefined.
        first: Any = copy.copy(events[0])
        first.anchor = None
        self.pending.extend(reversed([first, *events[1:]]))


_NO_DOCUMENT = object()


def _decode(path: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    if len(raw) > MAX_BYTES:
        message = f"fichier de {len(raw)} octets, au-delà de la limite de {MAX_BYTES} octets pour une fiche de poste"
        return None, [Problem(path, 1, 1, "E101", message)]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        byte = raw[error.start : error.start + 1].hex().upper()
        message = (
            f"octet 0x{byte} invalide en UTF-8 : enregistrez le fichier en UTF-8 "
            "(il semble venir d'un éditeur en Latin-1 ou Windows-1252)"
        )
        return None, [Problem(path, line, column, "E101", message)]


def _syntax_problem(path: str, text: str, error: yaml.YAMLError) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    position = getattr(error, "position", None)
    if mark is None and isinstance(position, int):  # a ReaderError: a bad character
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
    problem = str(getattr(error, "problem", None) or error)
    for needle, french in _SYNTAX_MESSAGES:
        if needle in problem:
            return Problem(path, line, column, "E102", french)
    return Problem(path, line, column, "E102", f"syntaxe YAML invalide ({problem})")


def loads(text: str, path: str) -> tuple[Document | None, list[Problem]]:
    """Load one post file's text; the document is None when any problem was found."""
    loader = _Loader(text)
    converter = _Converter(loader, path)
    try:
        data = converter.run()
    except yaml.YAMLError as error:
        return None, [_syntax_problem(path, text, error)]
    except _TooLarge as error:
        mark = _mark(error.event)
        return None, [Problem(path, mark.line, mark.column, error.code, error.message)]
    finally:
        loader.dispose()
    if data is _NO_DOCUMENT:
        return None, [Problem(path, 1, 1, "E103", "fichier vide : une fiche de poste commence par « id: »")]
    if not isinstance(data, dict):
        mark = converter.marks.get((), Mark(1, 1))
        found = "une liste" if isinstance(data, list) else f"le texte « {(data or '')[:40]} »"
        message = f"la fiche doit être un dictionnaire de clés (id:, intitule:, …), trouvé {found}"
        return None, [Problem(path, mark.line, mark.column, "E104", message)]
    if converter.problems:
        return None, converter.problems
    return Document(path, data, converter.marks, converter.key_marks), []


def load_file(file: Path, display: str | None = None) -> tuple[Document | None, list[Problem]]:
    """Load one post file. A symbolic link, a folder or a device is refused, never followed
    nor read, so nothing outside ``data/postes/`` can reach a report or the site."""
    path = display or str(file)
    try:
        info = file.lstat()
    except OSError as error:
        return None, [Problem(path, 1, 1, "E101", f"lecture impossible : {error.strerror}")]
    refused = _refused_kind(info.st_mode)
    if refused:
        return None, [Problem(path, 1, 1, "E109", refused)]
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(file, flags)
    except OSError as error:  # replaced by a link since lstat: ELOOP
        return None, [Problem(path, 1, 1, "E101", f"lecture impossible : {error.strerror}")]
    with os.fdopen(descriptor, "rb") as handle:
        refused = _refused_kind(os.fstat(handle.fileno()).st_mode)
        if refused:
            return None, [Problem(path, 1, 1, "E109", refused)]
        try:
            raw = handle.read(MAX_BYTES + 1)
        except OSError as error:
            return None, [Problem(path, 1, 1, "E101", f"lecture impossible : {error.strerror}")]
    text, problems = _decode(path, raw)
    if text is None:
        return None, problems
    return loads(text, path)


def _refused_kind(mode: int) -> str | None:
    if stat.S_ISLNK(mode):
        return (
            "lien symbolique refusé : une fiche est un fichier rangé dans data/postes/, "
            "copiez-la ici plutôt que d'y faire un lien (le lien n'a pas été suivi)"
        )
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "dossier nommé comme une fiche : une fiche est un fichier .yml"
    return "fichier spécial (tube, périphérique, socket) refusé : une fiche est un simple fichier .yml"


def post_files(data_dir: Path) -> Iterator[Path]:
    """Every post file under ``data_dir/postes``, sorted so reports are stable.

    Symbolic links are listed (``load_file`` refuses them with a message) but never followed:
    a linked folder is not entered. Hidden files and folders (``.git``, an editor's or an
    import's temporary files) are not posts and are skipped.
    """
    root = data_dir / "postes"
    if not root.is_dir():
        return
    found: list[Path] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        here = Path(folder)
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in dirs:
            if (here / name).is_symlink():
                found.append(here / name)  # refused by load_file
        found.extend(here / n for n in files if not n.startswith(".") and Path(n).suffix in {".yml", ".yaml"})
    yield from sorted(found)
