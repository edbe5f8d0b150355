"""What the site's scripts need to know of the settings, as one generated script a language.

``assets/iscg/reglages.js`` (French) and ``assets/iscg/reglages.<code>.js`` set
``window.ISCG_REGLAGES`` before the other scripts run: the sentences the scripts write, the
labels of the statuses, the quick exit's address, the emergency numbers. The scripts read them
there and never write them again; the values come from the model, ``settings.py`` and the
language's catalog (``site_builder.i18n``): a page loads its own language's file.
"""

from __future__ import annotations

import json

from site_builder import i18n
from site_builder.i18n import N_
from site_builder.model import Statut
from site_builder.settings import EMERGENCY_NUMBERS, EXIT_URL, NEARBY_KM, STALE_DAYS, ZONES

PATH = "assets/iscg/reglages.js"
COMMUN = "assets/iscg/commun.js"
# Loaded before the site's own scripts, in this order, by every page that runs one.
SCRIPTS = [PATH, COMMUN]


def path(code: str | None = None) -> str:
    """The settings script of a language (the current one by default)."""
    code = code or i18n.courante().code
    return PATH if code == i18n.SOURCE else PATH.replace(".js", f".{code}.js")


def scripts() -> list[str]:
    """What a page of the current language loads before the site's own scripts, in this order."""
    return [path(), COMMUN]


# Every sentence the scripts write, in one place; ``{nom}`` marks what the script fills in.
# French here; the scripts get them in the page's language (``values``).
TEXTES = {
    # horaires.js
    "present_aujourdhui": N_("Présent aujourd'hui, {plages}{maintenant}."),
    "en_ce_moment": N_(" (en ce moment)"),
    "prochaine": N_("Prochaine permanence : {jour}, {plages}."),
    "heures_a_confirmer": N_("heures à confirmer"),
    "heure": N_("{h} h"),
    "heure_minutes": N_("{h} h {m}"),
    "plage": N_("{debut} – {fin}"),
    "et": N_(" et "),
    "recrutement_personne": N_("Recrutement en cours : personne n'assure encore de permanence ici."),
    "personne": N_("Personne n'assure de permanence ici pour l'instant."),
    "a_confirmer": N_("Horaires à confirmer : renseignez-vous à l'accueil."),
    "aucune": N_("Aucune permanence prévue dans les douze prochains mois."),
    "fin_convention": N_(
        "La convention qui finance ce poste prenait fin le {date} : renseignez-vous à l'accueil pour savoir s'il continue."
    ),
    "ancien": N_(
        "Information de {annee} : elle a pu changer. Vérifiez auprès de la brigade ou du commissariat ; en cas d'urgence, appelez le 17."
    ),
    # carte.js: its controls, and the gesture handling's help (two fingers, Ctrl + wheel)
    "zoom_plus": N_("Zoomer"),
    "zoom_moins": N_("Dézoomer"),
    "geste_doigts": N_("Utilisez deux doigts pour déplacer la carte"),
    "geste_molette": N_("Ctrl + molette pour zoomer sur la carte"),
    "geste_molette_mac": N_("⌘ + molette pour zoomer sur la carte"),
    # the tiles' credits, as Leaflet shows them (HTML: the links to the licences)
    "fond_ign": N_('Fond <a href="https://www.ign.fr/">© IGN</a> – Plan IGN'),
    "fond_osm": N_('Fond © <a href="https://www.openstreetmap.org/copyright">les contributeurs d’OpenStreetMap</a>'),
    "position_approchee": N_(" (position approximative : centre de la commune)"),
    "grappe_suite": N_(" lieux ici : appuyez pour les voir"),
    # recherche.js
    "resultats_pour": N_("Résultats pour {ou}"),
    "votre_position": N_("votre position (près de {commune})"),
    "couvrent_titre": N_("Qui intervient pour {ou}"),
    "couvre_inconnu": N_(
        "Nous ne savons pas encore quel intervenant social intervient pour {ou} : aucun poste recensé ne l'a indiqué."
    ),
    "recoivent_titre": N_("Où un intervenant social reçoit, à moins de {km} km"),
    "recoivent_aucun": N_("Aucun lieu où quelqu'un reçoit n'est recensé à moins de {km} km."),
    "recrutent_titre": N_("Postes pas encore pourvus, à moins de {km} km"),
    "recrutent_note": N_("{statut} : personne n'y reçoit encore."),
    "a_km": N_(" — {commune}, à {km} km"),
    "chargement": N_("Prochaine permanence : chargement…"),
    "voir_lieu": N_("Voir la page du lieu pour les horaires."),
    "telephone": N_("Téléphone : "),
    "itineraire": N_("Itinéraire"),
    "sinon_titre": N_("Et sinon, près de chez vous"),
    "sinon_brigade": N_(
        "La brigade de gendarmerie ou le commissariat de votre commune vous reçoit et vous oriente, de jour comme de nuit."
    ),
    "sinon_danger": N_("En danger : appelez le 17 ou le 112 ; si vous ne pouvez pas parler, envoyez un SMS au 114."),
    "sinon_3919": N_("Violences conjugales : le 3919, gratuit et anonyme, vous écoute et vous conseille."),
    "sinon_116006": N_(
        "Aide aux victimes : le 116 006 (France Victimes), gratuit, vous met en relation avec une association près de chez vous."
    ),
    "voir_carte": N_("Voir ce secteur sur la carte"),
    "voir_carte_aide": N_(
        "La carte demandera alors au fournisseur des fonds de carte (IGN ou OpenStreetMap) les images de ce secteur."
    ),
    "resume_aucun": N_(
        "Aucun lieu où quelqu'un reçoit à moins de {km} km de {ou} ; voici quoi faire près de chez vous."
    ),
    "resume_un": N_("Un lieu où quelqu'un reçoit à moins de {km} km de {ou}."),
    "resume_plusieurs": N_("{lieux} lieux où quelqu'un reçoit à moins de {km} km de {ou}."),
    "aucune_commune": N_("Aucune commune ne correspond à « {saisie} »."),
    "sans_position": N_("Votre navigateur ne donne pas de position : tapez votre commune ou son code postal."),
    "position_en_cours": N_("Recherche de votre position…"),
    "position_refusee_titre": N_("Votre position n'est pas disponible"),
    "position_refusee": N_(
        "L'autorisation a peut-être été refusée. Tapez plutôt votre commune ou son code postal dans le champ ci-dessus."
    ),
}


def texte(cle: str, **valeurs: object) -> str:
    """One of the scripts' sentences, as a page writes it before they run, in the current language."""
    return i18n.gettext(TEXTES[cle]).format(**valeurs)


def values() -> dict[str, object]:
    """The settings in the current language."""
    return {
        "langue": i18n.courante().code,
        "textes": {cle: i18n.gettext(texte) for cle, texte in TEXTES.items()},
        "statuts": {statut.value: statut.label for statut in Statut},
        "sortie": EXIT_URL,
        "seuil_ancien": STALE_DAYS,
        "rayon_km": NEARBY_KM,
        "zones": ZONES,
        "urgences": [
            {"href": n.href, "numero": n.affiche, "libelle": i18n.gettext(n.libelle)} for n in EMERGENCY_NUMBERS
        ],
    }


def render() -> str:
    """The current language's settings script."""
    text = json.dumps(values(), ensure_ascii=False, sort_keys=True, indent=1)
    return f"/* Generated by site_builder/render/reglages.py from the settings: do not edit. */\nwindow.ISCG_REGLAGES = {text};\n"
