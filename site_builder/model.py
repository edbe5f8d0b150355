"""The vocabulary of the data: a post, its places of permanence, hours, employer and funding.

One schema: the JSON Schema under ``data/schema/``, the format page of the site and the
template of ``iscg new`` are all generated from these models. Field names are French, as in
the data·inclusion schema; descriptions are what maintainers read.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    model_serializer,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from site_builder import i18n
from site_builder.i18n import N_
from site_builder.types import (
    CodeCommune,
    CodeDepartement,
    Courriel,
    Date,
    DatePartielle,
    Euros,
    Identifiant,
    Latitude,
    Ligne,
    Longitude,
    Nombre,
    NomDeLieu,
    Paragraphe,
    Plage,
    Siren,
    Telephone,
    Unique,
    Url,
)


class Choix(StrEnum):
    """An enumeration whose members carry a French label for pages and messages, read in the
    current language (``site_builder.i18n``): French unless a page of another one is written."""

    libelle_fr: str

    def __new__(cls, value: str, label: str) -> Choix:
        member = str.__new__(cls, value)
        member._value_ = value
        member.libelle_fr = label
        return member

    @property
    def label(self) -> str:
        return i18n.gettext(self.libelle_fr)

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def parse(cls, value: str) -> Self:
        """The member whose value is ``value`` (``Statut.parse("vacant")``)."""
        return cls._value2member_map_[value]  # type: ignore[return-value]


class TypePoste(Choix):
    ISC = "isc", N_("Intervenant social en commissariat (police)")
    ISG = "isg", N_("Intervenant social en gendarmerie")
    ISCG = "iscg", N_("Intervenant social en commissariat et gendarmerie")


class Statut(Choix):
    EN_POSTE = "en_poste", N_("En poste")
    VACANT = "vacant", N_("Poste vacant")
    RECRUTEMENT = "recrutement", N_("Recrutement en cours")
    EN_PROJET = "en_projet", N_("En projet")
    FERME = "ferme", N_("Poste fermé")

    @property
    def attend_un_employeur(self) -> bool:
        """Someone is or was employed in the post: the sources should say by whom (A306)."""
        return self in {Statut.EN_POSTE, Statut.VACANT, Statut.FERME}


class TypeStructure(Choix):
    ASSOCIATION = "association", N_("Association")
    CCAS = "ccas", N_("Centre communal d'action sociale")
    CIAS = "cias", N_("Centre intercommunal d'action sociale")
    CONSEIL_DEPARTEMENTAL = "conseil_departemental", N_("Conseil départemental")
    COMMUNE = "commune", N_("Commune")
    EPCI = "epci", N_("Intercommunalité")
    ETAT = "etat", N_("Services de l'État")
    AUTRE = "autre", N_("Autre")


class TypeLieu(Choix):
    COMMISSARIAT = "commissariat", N_("Commissariat de police")
    BRIGADE = "brigade", N_("Brigade de gendarmerie")
    STRUCTURE = "structure", N_("Locaux de la structure")
    AUTRE = "autre", N_("Autre lieu")


class Acces(Choix):
    LIBRE = "libre", N_("Accès libre")
    SUR_RENDEZ_VOUS = "sur_rendez_vous", N_("Sur rendez-vous")
    SUR_ORIENTATION = "sur_orientation", N_("Sur orientation des policiers ou gendarmes")


class Jour(Choix):
    LUNDI = "lundi", "lundi"
    MARDI = "mardi", "mardi"
    MERCREDI = "mercredi", "mercredi"
    JEUDI = "jeudi", "jeudi"
    VENDREDI = "vendredi", "vendredi"
    SAMEDI = "samedi", "samedi"
    DIMANCHE = "dimanche", "dimanche"

    @property
    def weekday(self) -> int:
        """0 for Monday, as ``date.weekday()``."""
        return list(Jour).index(self)

    @property
    def label(self) -> str:
        """The day's name in the current language, from CLDR (``lundi``, ``Monday``, ``الاثنين``)."""
        return i18n.nom_du_jour(self.weekday)


class Frequence(Choix):
    HEBDOMADAIRE = "hebdomadaire", N_("chaque semaine")
    TOUTES_LES_2_SEMAINES = "toutes_les_2_semaines", N_("une semaine sur deux")


class Modele(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    def is_empty(self) -> bool:
        return all(getattr(self, name) in (None, []) for name in type(self).model_fields)


def _empty_is_absent(value: Any) -> Any:
    """An empty section (``contact: {}``, ``horaires: []``) says nothing: it is the same as absent."""
    if isinstance(value, Modele) and value.is_empty():
        return None
    if isinstance(value, list) and not value:
        return None
    return value


Section = AfterValidator(_empty_is_absent)


class Couverture(Modele):
    """The territory the post covers: the union of what is listed."""

    departements: Annotated[list[CodeDepartement], Unique] = Field(
        default_factory=list, description="Départements couverts en entier"
    )
    epci: Annotated[list[Siren], Unique] = Field(
        default_factory=list, description="Intercommunalités couvertes (codes SIREN)"
    )
    communes: Annotated[list[CodeCommune], Unique] = Field(
        default_factory=list, description="Communes couvertes (codes INSEE)"
    )


class TempsDeTravail(Modele):
    etp: Annotated[Nombre, Field(gt=0, le=10)] | None = Field(
        None, description="Équivalent temps plein (1 = temps plein)"
    )
    heures_hebdomadaires: Annotated[Nombre, Field(gt=0, le=60)] | None = Field(
        None, description="Heures de travail par semaine"
    )


class Structure(Modele):
    nom: Ligne = Field(description="Nom de la structure porteuse (l'employeur)")
    type: TypeStructure = Field(description="Nature de la structure")
    adresse: Ligne | None = Field(None, description="Adresse postale")
    telephone: Telephone | None = Field(None, description="Téléphone de la structure")
    courriel: Courriel | None = Field(None, description="Adresse électronique de la structure")
    site_web: Url | None = Field(None, description="Site web de la structure")


class Contact(Modele):
    telephone: Telephone | None = Field(None, description="Téléphone pour joindre l'intervenant social")
    courriel: Courriel | None = Field(None, description="Adresse électronique de l'intervenant social")
    modalites: Paragraphe | None = Field(None, description="Comment être reçu (orientation, rendez-vous, accès libre)")


class Lieu(Modele):
    id: Identifiant | None = Field(
        None, description="Identifiant stable du lieu, adresse de sa page ; le même dans chaque poste qui y reçoit"
    )
    nom: NomDeLieu = Field(description="Nom du lieu (ex. Brigade de gendarmerie de Saint-Vit)")
    type: TypeLieu = Field(description="Nature du lieu")
    commune: CodeCommune = Field(description="Code INSEE de la commune du lieu")
    adresse: Ligne | None = Field(None, description="Adresse postale")
    position: tuple[Latitude, Longitude] | None = Field(
        None, description="[latitude, longitude] ; absente, le centre de la commune est montré comme approximatif"
    )
    identifiant_unite: Ligne | None = Field(None, description="Identifiant officiel de l'unité (données ouvertes)")


class Horaire(Modele):
    jours: Annotated[list[Jour], Field(min_length=1), Unique] = Field(description="Jours de présence")
    plages: Annotated[list[Plage], Unique] = Field(
        default_factory=list, description="Plages HH:MM-HH:MM ; absentes quand seuls les jours sont connus"
    )
    frequence: Frequence = Field(Frequence.HEBDOMADAIRE, description="Chaque semaine ou une semaine sur deux")
    a_partir_du: Date | None = Field(
        None, description="Première date de la règle ; obligatoire une semaine sur deux (semaine de départ)"
    )
    jusqu_au: Date | None = Field(None, description="Dernière date de la règle")
    note: Paragraphe | None = Field(None, description="Précision libre")


class Permanence(Modele):
    lieu: Lieu = Field(description="Le lieu où l'intervenant social reçoit")
    acces: Acces | None = Field(None, description="Comment y être reçu")
    horaires: Annotated[list[Horaire] | None, Section] = Field(
        None, description="Règles de présence ; absentes = « à confirmer »"
    )
    note: Paragraphe | None = Field(None, description="Précision libre sur cette permanence")


class Fermeture(Modele):
    du: Date = Field(description="Premier jour d'absence")
    au: Date = Field(description="Dernier jour d'absence")
    motif: Ligne | None = Field(None, description="Motif (congés, formation…)")


class Convention(Modele):
    debut: DatePartielle | None = Field(None, description="Début de la convention")
    fin: DatePartielle | None = Field(None, description="Fin de la convention")


class Financeur(Modele):
    nom: Ligne = Field(description="Nom du financeur")
    montant_annuel: Euros | None = Field(None, description="Montant annuel en euros")
    note: Paragraphe | None = Field(None, description="Précision (part, durée)")


class Financement(Modele):
    convention: Annotated[Convention | None, Section] = Field(None, description="Convention de financement en cours")
    budget_annuel: Euros | None = Field(None, description="Budget annuel du poste en euros")
    financeurs: list[Financeur] = Field(default_factory=list, description="Un élément par financeur")


class Recrutement(Modele):
    publication: Date | None = Field(None, description="Date de publication de l'appel (AMI)")
    date_limite: Date | None = Field(None, description="Date limite de réponse")
    selection: DatePartielle | None = Field(None, description="Date de sélection prévue")
    contact: Courriel | None = Field(None, description="Adresse pour répondre ou poser des questions")
    lien: Url | None = Field(None, description="Adresse de l'appel publié")
    note: Paragraphe | None = Field(None, description="Précision libre")


class Source(Modele):
    """A public document the post's facts come from.

    The short form, a line of text, is a source with only a title: it loads as one and is
    written back as text.
    """

    titre: Ligne = Field(description="Titre du document, ou sa description en une ligne")
    editeur: Ligne | None = Field(None, description="Qui l'a publié (préfecture, conseil départemental, journal…)")
    date: DatePartielle | None = Field(None, description="Date de publication (AAAA-MM-JJ, AAAA-MM ou AAAA)")
    url: Url | None = Field(None, description="Adresse web du document, quand il est en ligne")
    note: Paragraphe | None = Field(None, description="Précision (date estimée, ce que le document dit ou non)")

    @model_validator(mode="before")
    @classmethod
    def _text_form(cls, value: Any) -> Any:
        return {"titre": value} if isinstance(value, str) else value

    @model_serializer(mode="wrap")
    def _as_text_when_only_a_title(self, handler: Any) -> Any:
        data = handler(self)
        if all(getattr(self, name) is None for name in type(self).model_fields if name != "titre"):
            return data["titre"] if isinstance(data, dict) else data
        return data

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        document = handler(core_schema)
        return {"anyOf": [{"type": "string", "minLength": 1, "description": "Le document, en une ligne"}, document]}


class Poste(Modele):
    """One ISCG post: a person (or a vacancy) and the places where they receive people."""

    model_config = ConfigDict(title="Poste d'intervenant social en commissariat et gendarmerie")

    id: Identifiant = Field(description="Identifiant du poste ; égal au nom du fichier sans .yml")
    intitule: Ligne = Field(description="Intitulé affiché")
    type: TypePoste = Field(description="isc (police), isg (gendarmerie) ou iscg (les deux)")
    statut: Statut = Field(description="Situation du poste")
    departement: CodeDepartement = Field(description="Code du département ; égal au nom du dossier")
    territoire: Ligne | None = Field(None, description="Territoire d'intervention, en clair")
    couverture: Annotated[Couverture | None, Section] = Field(
        None, description="Territoire couvert, en codes ; absent = inconnu"
    )
    depuis: DatePartielle | None = Field(None, description="Date de création ou de prise de poste")
    temps_de_travail: Annotated[TempsDeTravail | None, Section] = Field(None, description="Temps de travail du poste")
    structure: Structure | None = Field(
        None,
        description="La structure porteuse (l'employeur), quand une source la nomme ; "
        "son absence sur un poste pourvu est signalée",
    )
    contact: Annotated[Contact | None, Section] = Field(None, description="Comment joindre l'intervenant social")
    permanences: list[Permanence] = Field(default_factory=list, description="Un élément par lieu de permanence")
    fermetures: list[Fermeture] = Field(default_factory=list, description="Absences datées")
    financement: Annotated[Financement | None, Section] = Field(
        None, description="Convention, budget et financeurs du poste"
    )
    recrutement: Annotated[Recrutement | None, Section] = Field(
        None, description="Obligatoire quand le statut est « recrutement »"
    )
    sources: list[Source] = Field(
        default_factory=list,
        description=(
            "Documents publics d'où viennent ces informations : une ligne de texte, ou titre, éditeur, date et adresse"
        ),
    )
    verifie_le: Date = Field(description="Date de la dernière vérification de la fiche")


def json_schema() -> dict[str, Any]:
    schema = Poste.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://iscg.example/schema/poste.schema.json"
    return schema
