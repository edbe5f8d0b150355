"""YAML that never guesses: every scalar stays text, every value keeps its line and column.

PyYAML's ``safe_load`` turns ``01000`` into 512, ``14:00`` into 840 and ``no`` into False,
and keeps the last of two duplicate keys. Here the document is only *composed* (parsed into
nodes that carry their marks), then converted by hand: plain ``~``/``null``/empty become
None, everything else stays a string; duplicate keys, explicit tags, runaway aliases,
oversized or badly encoded files are problems, never tracebacks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from site_builder.report import Problem

MAX_BYTES = 1 << 20  # a post file is a few kilobytes; a megabyte is a mistake or an attack
MAX_NODES = 50_000  # values once aliases are expanded

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


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


class _Converter:
    def __init__(self, path: str) -> None:
        self.path = path
        self.marks: dict[Loc, Mark] = {}
        self.key_marks: dict[Loc, Mark] = {}
        self.problems: list[Problem] = []
        self.count = 0
        self.active: set[int] = set()

    def fail(self, node: yaml.Node, code: str, message: str) -> None:
        mark = _mark(node)
        self.problems.append(Problem(self.path, mark.line, mark.column, code, message))

    def convert(self, node: yaml.Node, loc: Loc) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLarge(node, f"alias YAML trop étendus (plus de {MAX_NODES} valeurs une fois développés)")
        if id(node) in self.active:
            raise _TooLarge(node, "alias YAML récursif : une valeur se contient elle-même")
        self.marks[loc] = _mark(node)
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _NULL:
                return None
            if node.tag != _STR:
                self.fail(
                    node, "E106", f"étiquette YAML « {_short(node.tag)} » refusée : écrivez la valeur sans étiquette"
                )
                return None
            return node.value
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                if node.tag != _SEQ:
                    self.fail(node, "E106", f"étiquette YAML « {_short(node.tag)} » refusée")
                return [self.convert(item, (*loc, index)) for index, item in enumerate(node.value)]
            assert isinstance(node, yaml.MappingNode)
            if node.tag != _MAP:
                self.fail(node, "E106", f"étiquette YAML « {_short(node.tag)} » refusée")
            result: dict[str, Any] = {}
            seen: dict[str, Mark] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in (_STR, _NULL):
                    self.fail(key_node, "E205", "une clé doit être un simple mot, pas une liste ni un dictionnaire")
                    continue
                key = key_node.value
                if key in seen:
                    first = seen[key]
                    self.fail(
                        key_node,
                        "E105",
                        f"clé « {key} » en double (déjà définie ligne {first.line}) ; YAML garderait la dernière "
                        "sans le dire",
                    )
                    continue
                seen[key] = _mark(key_node)
                self.key_marks[(*loc, key)] = _mark(key_node)
                result[key] = self.convert(value_node, (*loc, key))
            return result
        finally:
            self.active.discard(id(node))


class _TooLarge(Exception):
    def __init__(self, node: yaml.Node, message: str) -> None:
        self.node = node
        self.message = message


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
    try:
        root = loader.get_single_node()
    except yaml.YAMLError as error:
        return None, [_syntax_problem(path, text, error)]
    finally:
        loader.dispose()
    if root is None:
        return None, [Problem(path, 1, 1, "E103", "fichier vide : une fiche de poste commence par « id: »")]
    if not isinstance(root, yaml.MappingNode):
        mark = _mark(root)
        found = "une liste" if isinstance(root, yaml.SequenceNode) else f"le texte « {root.value[:40]} »"
        message = f"la fiche doit être un dictionnaire de clés (id:, intitule:, …), trouvé {found}"
        return None, [Problem(path, mark.line, mark.column, "E104", message)]
    converter = _Converter(path)
    try:
        data = converter.convert(root, ())
    except _TooLarge as error:
        mark = _mark(error.node)
        message = f"{error.message} : écrivez les valeurs en clair"
        return None, [Problem(path, mark.line, mark.column, "E107", message)]
    if converter.problems:
        return None, converter.problems
    return Document(path, data, converter.marks, converter.key_marks), []


def load_file(file: Path, display: str | None = None) -> tuple[Document | None, list[Problem]]:
    path = display or str(file)
    try:
        with file.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        return None, [Problem(path, 1, 1, "E101", f"lecture impossible : {error.strerror}")]
    text, problems = _decode(path, raw)
    if text is None:
        return None, problems
    return loads(text, path)


def post_files(data_dir: Path) -> Iterator[Path]:
    """Every post file under ``data_dir/postes``, sorted so reports are stable."""
    root = data_dir / "postes"
    if not root.is_dir():
        return
    yield from sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in {".yml", ".yaml"})
