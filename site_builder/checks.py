"""Rules across fields, files and the reference data, each with a stable code.

Each rule reads validated posts and yields problems; none prints, none stops at the first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

from site_builder.catalogue import place_key
from site_builder.french_errors import dotted
from site_builder.load import Document, Loc
from site_builder.model import Frequence, Horaire, Lieu, Poste, Statut
from site_builder.referentiels import Referentiels, distance_km
from site_builder.report import Problem
from site_builder.settings import STALE_DAYS
from site_builder.types import minutes, split_range

FAR_KM = 20.0  # a place farther than this from its commune's town hall is worth a look
FAR_KM_OVERSEAS = 80.0  # communes of Guyane are as large as a French département


@dataclass(frozen=True)
class Entry:
    """A post that passed the model, with the file it came from."""

    file: Path
    document: Document
    poste: Poste

    def problem(self, loc: Loc, code: str, message: str) -> Problem:
        return self.document.problem(loc, code, message)


@dataclass(frozen=True)
class Context:
    referentiels: Referentiels
    today: date


Rule = Callable[[Entry, Context], Iterator[Problem]]


def _file_identity(entry: Entry, context: Context) -> Iterator[Problem]:
    poste = entry.poste
    if poste.id != entry.file.stem:
        yield entry.problem(
            ("id",),
            "E301",
            f"id : « {poste.id} » diffère du nom du fichier « {entry.file.name} » (attendu {entry.file.stem})",
        )
    if poste.departement != entry.file.parent.name:
        yield entry.problem(
            ("departement",),
            "E302",
            f"departement : « {poste.departement} » diffère du dossier « {entry.file.parent.name} » "
            "où est rangé le fichier",
        )
    if poste.departement not in context.referentiels.departements:
        yield entry.problem(("departement",), "E305", f"departement : « {poste.departement} » n'est pas au référentiel")


def _coverage(entry: Entry, context: Context) -> Iterator[Problem]:
    couverture = entry.poste.couverture
    if couverture is None:
        return
    ref = context.referentiels
    for index, code in enumerate(couverture.departements):
        if code not in ref.departements:
            yield entry.problem(("couverture", "departements", index), "E305", f"« {code} » : département inconnu")
    for index, code in enumerate(couverture.epci):
        if code not in ref.epci:
            yield entry.problem(
                ("couverture", "epci", index), "E305", f"« {code} » : aucune intercommunalité n'a ce SIREN"
            )
    for index, code in enumerate(couverture.communes):
        commune = ref.communes.get(code)
        if commune is None or not commune.actuelle:
            yield entry.problem(("couverture", "communes", index), "E305", f"« {code} » : commune inconnue")


def _commune_message(code: str, context: Context) -> str | None:
    commune = context.referentiels.communes.get(code)
    if commune is None:
        return f"« {code} » n'est pas un code commune INSEE connu (le code postal n'est pas le code commune)"
    if not commune.actuelle:
        parent = context.referentiels.communes.get(commune.parent)
        current = f" ; utilisez celui de {parent.nom} ({parent.code})" if parent else ""
        return f"« {code} » est le code de l'ancienne commune {commune.nom}{current}"
    return None


def _places(entry: Entry, context: Context) -> Iterator[Problem]:
    ref = context.referentiels
    for index, permanence in enumerate(entry.poste.permanences):
        lieu, loc = permanence.lieu, ("permanences", index, "lieu")
        wrong = _commune_message(lieu.commune, context)
        if wrong:
            yield entry.problem((*loc, "commune"), "E305", f"{dotted((*loc, 'commune'))} : {wrong}")
            continue
        if lieu.position is None:
            continue
        commune = ref.communes[lieu.commune]
        lat, lon = lieu.position
        where = dotted((*loc, "position"))
        swapped = " ; latitude et longitude semblent inversées : écrivez [latitude, longitude]"
        if ref.in_departement(commune.departement, lat, lon):
            limit = FAR_KM_OVERSEAS if commune.departement.startswith("97") else FAR_KM
            if commune.point and (far := distance_km(lieu.position, commune.point)) > limit:
                yield entry.problem(
                    (*loc, "position"),
                    "A301",
                    f"{where} : à {far:.0f} km du centre de {commune.nom} ({commune.code}) ; "
                    "vérifiez la position ou la commune",
                )
            continue
        found = ref.departement_at(lat, lon)
        hint = swapped if ref.in_departement(commune.departement, lon, lat) else ""
        if found is None:
            yield entry.problem((*loc, "position"), "E306", f"{where} : [{lat}, {lon}] est hors de France{hint}")
        else:
            name = ref.departements[found].nom
            yield entry.problem(
                (*loc, "position"),
                "E307",
                f"{where} : [{lat}, {lon}] est dans le département {found} ({name}), alors que {commune.nom} "
                f"est dans le {commune.departement}{hint}",
            )


def _rule_loc(p: int, h: int) -> Loc:
    return ("permanences", p, "horaires", h)


def _active(rule: Horaire, day: date) -> bool:
    return (rule.a_partir_du is None or rule.a_partir_du <= day) and (rule.jusqu_au is None or day <= rule.jusqu_au)


def _schedules(entry: Entry, context: Context) -> Iterator[Problem]:
    rules: list[tuple[int, int, Horaire]] = []
    for p, permanence in enumerate(entry.poste.permanences):
        for h, rule in enumerate(permanence.horaires or []):
            rules.append((p, h, rule))
            loc = _rule_loc(p, h)
            if rule.frequence is Frequence.TOUTES_LES_2_SEMAINES and rule.a_partir_du is None:
                yield entry.problem(
                    loc,
                    "E309",
                    f"{dotted(loc)} : une règle « toutes_les_2_semaines » a besoin de « a_partir_du », "
                    "la date d'une semaine de présence, pour savoir quelles semaines compter",
                )
            if rule.a_partir_du and rule.jusqu_au and rule.jusqu_au < rule.a_partir_du:
                yield entry.problem(
                    (*loc, "jusqu_au"),
                    "E310",
                    f"{dotted((*loc, 'jusqu_au'))} : {rule.jusqu_au} précède a_partir_du ({rule.a_partir_du})",
                )
    yield from _overlaps(entry, rules)
    yield from _weekly_hours(entry, rules, context.today)


def _same_weeks(a: Horaire, b: Horaire) -> bool:
    """Whether two rules can fall in the same week (fortnightly rules on opposite weeks cannot)."""
    fortnightly = Frequence.TOUTES_LES_2_SEMAINES
    if a.frequence is not fortnightly or b.frequence is not fortnightly:
        return True
    if a.a_partir_du is None or b.a_partir_du is None:
        return False  # reported by E309
    monday_a = a.a_partir_du - timedelta(days=a.a_partir_du.weekday())
    monday_b = b.a_partir_du - timedelta(days=b.a_partir_du.weekday())
    return (monday_a - monday_b).days // 7 % 2 == 0


def _periods_meet(a: Horaire, b: Horaire) -> bool:
    start = max(a.a_partir_du or date.min, b.a_partir_du or date.min)
    end = min(a.jusqu_au or date.max, b.jusqu_au or date.max)
    return start <= end


def _overlaps(entry: Entry, rules: list[tuple[int, int, Horaire]]) -> Iterator[Problem]:
    slots = [(p, h, rule, plage) for p, h, rule in rules for plage in rule.plages]
    permanences = entry.poste.permanences
    for (p1, h1, r1, s1), (p2, h2, r2, s2) in combinations(slots, 2):
        days = [d for d in r1.jours if d in r2.jours]
        if not days or not _periods_meet(r1, r2) or not _same_weeks(r1, r2):
            continue
        (a1, b1), (a2, b2) = split_range(s1), split_range(s2)
        if minutes(a1) < minutes(b2) and minutes(a2) < minutes(b1):
            other = permanences[p1].lieu.nom
            yield entry.problem(
                _rule_loc(p2, h2),
                "E308",
                f"{dotted(_rule_loc(p2, h2))} : le {days[0].label} {s2} chevauche {dotted(_rule_loc(p1, h1))} "
                f"({other}, {s1}) ; l'intervenant social ne peut être à deux endroits à la fois",
            )


def _weekly_hours(entry: Entry, rules: list[tuple[int, int, Horaire]], today: date) -> Iterator[Problem]:
    temps = entry.poste.temps_de_travail
    if temps is None or temps.heures_hebdomadaires is None:
        return
    total = 0.0
    for _, _, rule in rules:
        if not _active(rule, today) and not (rule.a_partir_du and rule.a_partir_du > today):
            continue
        share = 0.5 if rule.frequence is Frequence.TOUTES_LES_2_SEMAINES else 1.0
        for plage in rule.plages:
            start, end = split_range(plage)
            total += share * len(rule.jours) * (minutes(end) - minutes(start)) / 60
    if total > temps.heures_hebdomadaires:
        yield entry.problem(
            ("temps_de_travail", "heures_hebdomadaires"),
            "A302",
            f"temps_de_travail.heures_hebdomadaires : les permanences comptent {total:g} h par semaine en moyenne, "
            f"plus que les {temps.heures_hebdomadaires:g} h du poste",
        )


def _partial_bounds(value: str) -> tuple[date, date]:
    """The first and last day a partial date (AAAA, AAAA-MM, AAAA-MM-JJ) can stand for."""
    first = date.fromisoformat((value + "-01-01")[:10])
    if len(value) == 4:
        return first, date(first.year, 12, 31)
    if len(value) == 7:
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return first, following - timedelta(days=1)
    return first, first


def _dates(entry: Entry, context: Context) -> Iterator[Problem]:
    poste, today = entry.poste, context.today
    for index, closure in enumerate(poste.fermetures):
        if closure.au < closure.du:
            loc: Loc = ("fermetures", index, "au")
            yield entry.problem(
                loc, "E310", f"{dotted(loc)} : {closure.au} précède le début de la fermeture ({closure.du})"
            )
    convention = poste.financement.convention if poste.financement else None
    if convention and convention.fin:
        where: Loc = ("financement", "convention", "fin")
        if convention.debut and _partial_bounds(convention.fin)[1] < _partial_bounds(convention.debut)[0]:
            yield entry.problem(
                where, "E310", f"{dotted(where)} : {convention.fin} précède le début ({convention.debut})"
            )
        elif _partial_bounds(convention.fin)[1] < today and poste.statut is not Statut.FERME:
            yield entry.problem(
                where,
                "A305",
                f"{dotted(where)} : la convention a pris fin le {convention.fin} ; a-t-elle été renouvelée ?",
            )
    if poste.verifie_le > today:
        yield entry.problem(("verifie_le",), "E312", f"verifie_le : {poste.verifie_le} est dans le futur")
    elif (today - poste.verifie_le).days > STALE_DAYS:
        months = (today - poste.verifie_le).days * 12 // 365
        yield entry.problem(
            ("verifie_le",),
            "A303",
            f"verifie_le : fiche vérifiée le {poste.verifie_le}, il y a {months} mois ; à revérifier",
        )


def _status(entry: Entry, context: Context) -> Iterator[Problem]:
    poste = entry.poste
    if poste.statut is Statut.RECRUTEMENT:
        if poste.recrutement is None:
            yield entry.problem(
                ("statut",),
                "E311",
                "statut « recrutement » : ajoutez la section « recrutement » (publication, date limite, contact)",
            )
        elif poste.recrutement.date_limite and poste.recrutement.date_limite < context.today:
            loc = ("recrutement", "date_limite")
            yield entry.problem(
                loc,
                "A304",
                f"{dotted(loc)} : la date limite ({poste.recrutement.date_limite}) est passée ; "
                "le poste est-il pourvu ? mettez à jour le statut",
            )
    if poste.structure is None and poste.statut.attend_un_employeur:
        yield entry.problem(
            ("statut",),
            "A306",
            "structure : la structure porteuse (employeur) n'est pas indiquée ; à compléter dès qu'une source la nomme",
        )


RULES: list[Rule] = [_file_identity, _coverage, _places, _schedules, _dates, _status]


def _describe_place(lieu: Lieu) -> dict[str, object]:
    return lieu.model_dump(mode="json", exclude_none=True)


def across_files(entries: list[Entry]) -> Iterator[Problem]:
    """Rules that compare posts: unique ids, and each place described the same everywhere."""
    first_post: dict[str, Entry] = {}
    for entry in entries:
        if (seen := first_post.setdefault(entry.poste.id, entry)) is not entry:
            mark = seen.document.mark(("id",))
            yield entry.problem(
                ("id",), "E303", f"id : « {entry.poste.id} » est déjà l'identifiant de {seen.document.path}:{mark.line}"
            )
    places: dict[str, tuple[Entry, int, dict[str, object]]] = {}
    for entry in entries:
        in_post: set[str] = set()
        for index, permanence in enumerate(entry.poste.permanences):
            lieu = permanence.lieu
            if lieu.id is None:
                continue
            loc = ("permanences", index, "lieu", "id")
            if lieu.id in in_post:
                yield entry.problem(
                    loc, "E314", f"{dotted(loc)} : « {lieu.id} » figure déjà dans ce poste ; regroupez ses horaires"
                )
                continue
            in_post.add(lieu.id)
            described = _describe_place(lieu)
            if lieu.id not in places:
                places[lieu.id] = (entry, index, described)
                continue
            first, first_index, reference = places[lieu.id]
            keys = sorted(set(reference) | set(described))
            differing = [k for k in keys if reference.get(k) != described.get(k)]
            if differing:
                key = differing[0]
                there = first.document.mark(("permanences", first_index, "lieu", key))
                yield entry.problem(
                    ("permanences", index, "lieu", key) if key in described else loc,
                    "E304",
                    f"lieu « {lieu.id} » : {key} « {described.get(key, '(absent)')} » diffère de "
                    f"« {reference.get(key, '(absent)')} » dans {first.document.path}:{there.line} ; "
                    "un lieu se décrit de la même façon dans chaque poste",
                )


def place_addresses(entries: list[Entry]) -> Iterator[Problem]:
    """Two different places must not get the same address (``lieux/<id>/``). A place without
    an id is published under its post's id and its name (``catalogue.place_key``): an explicit
    id, or another post's place, may fall on the same address and merge two pages into one."""
    owners: dict[str, tuple[Entry, int, str]] = {}  # address → the first (post, permanence, post id or lieu id)
    for entry in entries:
        for index, permanence in enumerate(entry.poste.permanences):
            lieu = permanence.lieu
            address = place_key(entry.poste, lieu)
            owner = lieu.id or entry.poste.id  # a post may list its own unnamed place twice
            first = owners.setdefault(address, (entry, index, owner))
            if first[2] == owner and (lieu.id is not None or first[0] is entry):
                continue
            other, other_index, _ = first
            there = other.document.mark(("permanences", other_index, "lieu"))
            loc: Loc = ("permanences", index, "lieu", "id" if lieu.id else "nom")
            yield entry.problem(
                loc,
                "E315",
                f"{dotted(loc)} : ce lieu serait publié à l'adresse lieux/{address}/, déjà celle du lieu "
                f"« {other.poste.permanences[other_index].lieu.nom} » ({other.document.path}:{there.line}) ; "
                "donnez à l'un des deux un « id » qui lui soit propre",
            )


def check(entries: list[Entry], context: Context) -> list[Problem]:
    problems = [problem for entry in entries for rule in RULES for problem in rule(entry, context)]
    problems.extend(across_files(entries))
    problems.extend(place_addresses(entries))
    return problems
