"""An issue opened with the « Nouveau poste » or « Correction » form, turned into a post.

GitHub writes a form's answers into the issue's body as ``### <label>`` headings followed by
the answer (``_No response_`` when left empty; ``- [X] lundi`` for ticked boxes). The labels
are read from the forms themselves (``.github/ISSUE_TEMPLATE/``), so the form and this reader
cannot drift. The answers become plain data for the model, validated and written by the same
code as ``iscg import`` (``importer.plan_documents``, ``dump``): never a text template. Every
problem names the form's field. The body is untrusted: it is only ever read as data.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from site_builder import journal
from site_builder.importer import Plan, plan_documents
from site_builder.load import Document, Loc, Mark
from site_builder.model import Frequence, Statut, TypeLieu, TypePoste, TypeStructure
from site_builder.referentiels import Referentiels
from site_builder.report import Problem, Report
from site_builder.spreadsheet_layout import BY_NAME, CellError, parse_cell
from site_builder.validation import validate

FORMS = Path(__file__).resolve().parent.parent / ".github" / "ISSUE_TEMPLATE"
KINDS = {"nouveau-poste": "nouveau-poste.yml", "correction": "correction.yml"}
MAX_CHARS = 65_536  # GitHub's own limit for an issue's body
NO_ANSWER = "_No response_"
POST_TYPES = {
    "en commissariat (police)": TypePoste.ISC,
    "en gendarmerie": TypePoste.ISG,
    "commissariat et gendarmerie": TypePoste.ISCG,
}
UNCHANGED = "inchangée"


@dataclass
class Answers:
    """The form's answers by field id, with the body's line of each, and what matched no field."""

    values: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    repeated: dict[str, int] = field(default_factory=dict)  # a heading met again (typed in an answer): line


def form_fields(kind: str) -> dict[str, str]:
    """label → id of the form's fields, in the form's order."""
    form = yaml.safe_load((FORMS / KINDS[kind]).read_text(encoding="utf-8"))
    return {item["attributes"]["label"]: item["id"] for item in form["body"] if "id" in item}


def read_answers(body: str, kind: str) -> Answers:
    fields = form_fields(kind)
    answers = Answers(labels={v: k for k, v in fields.items()})
    current: str | None = None
    collected: dict[str, list[str]] = {}
    for number, line in enumerate(body.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        heading = re.fullmatch(r"### (.+?)\s*", line)
        if heading and heading.group(1) in fields and fields[heading.group(1)] in answers.lines:
            answers.repeated.setdefault(fields[heading.group(1)], number)
            current = None
        elif heading and heading.group(1) in fields:
            current = fields[heading.group(1)]
            answers.lines[current] = number
            collected[current] = []
        elif heading:
            current = None
            answers.unknown.append(heading.group(1))
        elif current is not None:
            collected[current].append(line)
    for key, lines in collected.items():
        text = "\n".join(lines).strip()
        answers.values[key] = "" if text == NO_ANSWER else text
    return answers


def ticked(text: str) -> list[str]:
    """The ticked options of a checkboxes field."""
    return [m.group(1).strip() for m in re.finditer(r"^- \[[xX]\] (.+)$", text, flags=re.MULTILINE)]


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:60].strip("-")


class _Reader:
    """Turns answers into plain data, collecting problems by field."""

    def __init__(self, answers: Answers, shown: str, referentiels: Referentiels) -> None:
        self.answers, self.shown, self.referentiels = answers, shown, referentiels
        self.problems: list[Problem] = []
        self.marks: dict[Loc, Mark] = {(): Mark(1, 1)}

    def get(self, key: str) -> str:
        return self.answers.values.get(key, "")

    def mark(self, loc: Loc, key: str) -> None:
        self.marks[loc] = Mark(self.answers.lines.get(key, 1), 1)

    def fail(self, key: str, message: str) -> None:
        label = self.answers.labels.get(key, key)
        self.problems.append(Problem(self.shown, self.answers.lines.get(key, 1), 1, "E201", f"« {label} » : {message}"))

    def choice(self, key: str, choices: dict[str, Any]) -> Any:
        text = self.get(key)
        if not text:
            return None
        if text.casefold() not in choices:
            self.fail(key, f"« {text} » n'est pas une des réponses proposées ({', '.join(choices)})")
            return None
        return choices[text.casefold()]

    def commune(self, key: str, departement: str) -> str | None:
        text = self.get(key)
        if not text or re.fullmatch(r"[0-9][0-9AB][0-9]{3}", text):
            return text or None
        wanted = slug(text)
        found = sorted(
            c.code for c in self.referentiels.communes.values()
            if c.departement == departement and c.actuelle and slug(c.nom) == wanted
        )  # fmt: skip
        if len(found) != 1:
            where = f"dans le département {departement}" if departement else "(département inconnu)"
            self.fail(
                key, f"commune « {text} » {'introuvable' if not found else 'ambiguë'} {where} ; donnez son code INSEE"
            )
            return None
        return found[0]

    def place(self, number: int, departement: str, index: int) -> dict[str, Any] | None:
        prefix = f"lieu{number}_"
        if not any(self.get(prefix + name) for name in ("nom", "commune", "adresse", "plages", "a_partir_du")):
            return None
        lieu = {
            "nom": self.get(prefix + "nom") or None,
            "type": self.choice(prefix + "type", {m.label.casefold(): m.value for m in TypeLieu}),
            "commune": self.commune(prefix + "commune", departement),
            "adresse": self.get(prefix + "adresse") or None,
        }
        for name in ("nom", "type", "commune", "adresse"):
            self.mark(("permanences", index, "lieu", name), prefix + name)
        self.mark(("permanences", index), prefix + "nom")
        self.mark(("permanences", index, "lieu"), prefix + "nom")
        permanence: dict[str, Any] = {"lieu": {k: v for k, v in lieu.items() if v is not None}}
        days = ticked(self.get(prefix + "jours"))
        if days:
            rule: dict[str, Any] = {"jours": days}
            plages = [p.strip() for p in re.split(r"[,;\n]", self.get(prefix + "plages")) if p.strip()]
            if plages:
                rule["plages"] = plages
            frequence = self.choice(prefix + "frequence", {m.label.casefold(): m.value for m in Frequence})
            if frequence:
                rule["frequence"] = frequence
            if self.get(prefix + "a_partir_du"):
                rule["a_partir_du"] = self.get(prefix + "a_partir_du")
            permanence["horaires"] = [rule]
            for name, key in (("jours", "jours"), ("plages", "plages"), ("frequence", "frequence"),
                              ("a_partir_du", "a_partir_du")):  # fmt: skip
                self.mark(("permanences", index, "horaires", 0, name), prefix + key)
            self.mark(("permanences", index, "horaires"), prefix + "jours")
        elif self.get(prefix + "plages"):
            self.fail(prefix + "jours", "des heures sont données sans jour : cochez les jours de présence")
        return permanence

    def sources(self) -> list[Any]:
        found: list[Any] = []
        for line in (line.strip() for line in self.get("sources").split("\n")):
            if not line:
                continue
            if re.fullmatch(r"https?://\S+", line):
                found.append({"titre": f"Document en ligne ({urlsplit(line).hostname or 'adresse'})", "url": line})
                continue
            try:
                found.extend(parse_cell(BY_NAME["sources"], line, neutralised_cells=False) or [])
            except CellError as error:
                self.fail("sources", error.message)
        for index in range(len(found)):
            self.mark(("sources", index), "sources")
        self.mark(("sources",), "sources")
        return found


def _new_post(reader: _Reader, existing: set[str], today: date) -> dict[str, Any]:
    departement = reader.get("departement").strip()
    if re.fullmatch(r"[0-9]", departement):
        departement = "0" + departement
    permanences = [p for p in (reader.place(n, departement, n - 1) for n in (1, 2)) if p is not None]
    structure = reader.get("structure")
    first = permanences[0]["lieu"].get("nom", "") if permanences else ""
    intitule = reader.get("intitule") or (f"ISCG – {first}" if first else f"ISCG – {structure}")
    base = slug(first or structure or intitule) or "poste"
    suffix = f"-{slug(departement)}" if departement else ""
    identifier = base if base.endswith(suffix) else base + suffix
    number = 2
    while identifier in existing:
        identifier, number = f"{base}{suffix}-{number}", number + 1
    data: dict[str, Any] = {
        "id": identifier,
        "intitule": intitule,
        "type": reader.choice("type", {k: v.value for k, v in POST_TYPES.items()}),
        "statut": reader.choice("statut", {m.label.casefold(): m.value for m in Statut}),
        "departement": departement,
        "permanences": permanences,
        "sources": reader.sources(),
        "verifie_le": today.isoformat(),
    }
    if structure:
        structure_type = reader.choice("structure_type", {m.label.casefold(): m.value for m in TypeStructure})
        data["structure"] = {"nom": structure, "type": structure_type or "autre"}
        reader.mark(("structure",), "structure")
        reader.mark(("structure", "nom"), "structure")
    contact = {k: reader.get(k) for k in ("telephone", "courriel") if reader.get(k)}
    if contact:
        data["contact"] = contact
        for key in contact:
            reader.mark(("contact", key), key)
    for key, name in (("id", "intitule"), ("intitule", "intitule"), ("type", "type"), ("statut", "statut"),
                      ("departement", "departement"), ("verifie_le", "sources")):  # fmt: skip
        reader.mark((key,), name)
    return {k: v for k, v in data.items() if v not in (None, [], "")}


def _post_id(page: str) -> str:
    match = re.search(r"/postes/([a-z0-9-]+)/?", page)
    return match.group(1) if match else page.strip().strip("/")


def _correction(reader: _Reader, current: dict[str, Any]) -> dict[str, Any]:
    data = dict(current)
    statut = reader.choice("statut", {UNCHANGED: None, **{m.label.casefold(): m.value for m in Statut}})
    if statut:
        data["statut"] = statut
        reader.mark(("statut",), "statut")
    contact = dict(data.get("contact") or {})
    for key in ("telephone", "courriel"):
        if reader.get(key):
            contact[key] = reader.get(key)
            reader.mark(("contact", key), key)
    if contact:
        data["contact"] = contact
    permanences = list(data.get("permanences") or [])
    wanted = slug(reader.get("lieu1_nom"))
    index = next((i for i, p in enumerate(permanences) if wanted and slug(p["lieu"]["nom"]) == wanted), None)
    changed = reader.place(1, data["departement"], len(permanences) if index is None else index)
    if changed is not None and index is not None:
        lieu = {**permanences[index]["lieu"], **changed["lieu"]}
        permanences[index] = {**permanences[index], "lieu": lieu}
        if "horaires" in changed:
            permanences[index]["horaires"] = changed["horaires"]
    elif changed is not None:
        permanences.append(changed)
    data["permanences"] = permanences
    sources = list(data.get("sources") or [])
    start = len(sources)
    added = reader.sources()
    data["sources"] = sources + added
    for offset in range(len(added)):
        reader.mark(("sources", start + offset), "sources")
    return data


def plan(body_path: Path, data_dir: Path, today: date, kind: str, shown: str) -> Plan:
    """What the issue's form would create or change, and every problem: nothing is written here."""
    journal.recover(data_dir)
    result = Plan(Report(files=1))
    body = body_path.read_text(encoding="utf-8", errors="replace")
    if len(body) > MAX_CHARS:
        result.report.add(
            Problem(shown, 1, 1, "E401", f"texte de {len(body)} caractères : trop long pour un formulaire")
        )
        return result
    answers = read_answers(body, kind)
    existing = validate(data_dir, today)
    assert existing.referentiels is not None
    reader = _Reader(answers, shown, existing.referentiels)
    if not answers.lines:
        result.report.add(
            Problem(shown, 1, 1, "E401", "aucun champ du formulaire trouvé : ouvrez l'issue avec le formulaire")
        )
        return result
    for key, line in answers.repeated.items():
        message = f"le titre « ### {answers.labels[key]} » apparaît une seconde fois : retirez-le de la réponse"
        result.report.add(Problem(shown, line, 1, "E401", message))
    if answers.repeated:
        return result
    posts = {e.poste.id: e.poste for e in existing.entries}
    if kind == "nouveau-poste":
        data = _new_post(reader, set(posts), today)
    else:
        identifier = _post_id(reader.get("page"))
        if identifier not in posts:
            reader.fail("page", f"aucun poste « {identifier} » : donnez l'adresse de la page du poste (…/postes/<id>/)")
            result.report.extend(reader.problems)
            return result
        data = _correction(reader, posts[identifier].model_dump(mode="json", exclude_none=True))
    if answers.values.get("remarques"):
        result.notes.append("à reporter à la main par un relecteur : " + answers.values["remarques"])
    result.report.extend(reader.problems)
    if reader.problems:
        return result
    document = Document(shown, data, dict(reader.marks), dict(reader.marks))
    plan_documents([document], data_dir, today, result, partial=False)
    by_line = {line: answers.labels.get(key, key) for key, line in answers.lines.items()}
    result.report.problems = [
        replace(p, message=f"« {by_line[p.line]} » : {p.message}") if p.path == shown and p.line in by_line else p
        for p in result.report.problems
    ]
    return result
